"""Every change to plan and realisasi rows is kept (who, when, before → after)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from renja.models import RenjaSubKegiatan


@pytest.mark.django_db
def test_perubahan_pagu_tercatat(bappeda):
    user = get_user_model().objects.get(username="perencana.bappeda")
    item = bappeda.sub_kegiatan.get(sub_kegiatan__nomenklatur__kode="5.01.02.2.01.01")
    before = item.pagu
    item.pagu = before + Decimal("1000000")
    item._history_user = user
    item.save()

    latest, previous = RenjaSubKegiatan.history.filter(id=item.pk).order_by("-history_id")[:2]
    delta = latest.diff_against(previous)
    assert latest.history_user == user
    assert latest.history_type == "~"
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("pagu", before, before + Decimal("1000000"))]
    assert latest.history_date is not None
