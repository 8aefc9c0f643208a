"""renja.akses is the one place of the access rules: the QuerySets, the yes/no checks and the
one-query summary (``hak``) give the same answer for every demo user and every Renja."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from renja import akses
from renja.models import Keanggotaan, PerangkatDaerah, Renja

PENGGUNA = ["admin", "reviewer", "perencana.bappeda", "perencana.kominfo"]


@pytest.fixture
def pengguna(db):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=PENGGUNA)}
    return [*users.values(), AnonymousUser()]


@pytest.mark.django_db
def test_daftar_dan_cek_tidak_pernah_berbeda(pengguna):
    semua = list(Renja.objects.select_related("opd"))
    assert len(semua) >= 2
    for user in pengguna:
        hak = akses.hak(user)
        lihat = set(PerangkatDaerah.objects.for_user(user).values_list("pk", flat=True))
        assert set(Renja.objects.for_user(user).values_list("pk", flat=True)) == {
            r.pk for r in semua if r.opd_id in lihat
        }
        for renja in semua:
            assert akses.boleh_lihat(user, renja) == (renja.opd_id in lihat), (user, renja)
            assert akses.boleh_ubah(user, renja) == hak.boleh_ubah(renja), (user, renja)
            assert akses.boleh_ubah(user, renja) == akses.opd_ubah(user).filter(pk=renja.opd_id).exists()
            assert akses.boleh_review(user, renja) == akses.opd_review(user).filter(pk=renja.opd_id).exists()
            if akses.boleh_ubah(user, renja) or akses.boleh_review(user, renja):
                assert akses.boleh_lihat(user, renja)  # who may act may see
        assert akses.boleh_impor(user) == hak.boleh_impor
        assert akses.bappeda(user) == hak.boleh_review_tahunan


@pytest.mark.django_db
def test_peran_demo(bappeda, kominfo):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=PENGGUNA)}
    perencana, lain, reviewer = users["perencana.bappeda"], users["perencana.kominfo"], users["reviewer"]
    assert akses.boleh_ubah(perencana, bappeda) and not akses.boleh_ubah(perencana, kominfo)
    assert not akses.boleh_lihat(lain, bappeda) and akses.boleh_lihat(lain, kominfo)
    assert akses.boleh_review(reviewer, bappeda) and not akses.boleh_ubah(reviewer, bappeda)
    assert not akses.boleh_review(perencana, bappeda) and not akses.boleh_impor(reviewer)


@pytest.mark.django_db
def test_perencana_opd_lain_pemda_lain_tidak_terlihat(bappeda):
    """A reviewer of another Pemda sees none of this Pemda's OPDs."""
    from renja.models import Pemda

    asal = bappeda.opd.pemda
    lain = Pemda.objects.create(kode="99.99", nama="Kota Lain", jenis="kota", nomenklatur_versi=asal.nomenklatur_versi)
    user = get_user_model().objects.create_user("reviewer.lain")
    Keanggotaan.objects.create(user=user, pemda=lain, peran=Keanggotaan.Peran.REVIEWER)
    assert not akses.boleh_lihat(user, bappeda) and not akses.boleh_review(user, bappeda)
    assert not akses.opd_lihat(user).filter(pemda=asal).exists()
    assert akses.bappeda(user) and akses.hak(user).boleh_review_tahunan  # a reviewer all the same, of an empty Pemda


@pytest.mark.django_db
def test_admin_pemda_baru_boleh_membuka_impor(bappeda):
    """The admin of a Pemda without any OPD yet reaches the import pages (to import its OPDs)."""
    from renja.models import Pemda

    baru = Pemda.objects.create(
        kode="99.98", nama="Kab. Baru", jenis="kabupaten", nomenklatur_versi=bappeda.opd.pemda.nomenklatur_versi
    )
    user = get_user_model().objects.create_user("admin.baru")
    Keanggotaan.objects.create(user=user, pemda=baru, peran=Keanggotaan.Peran.ADMIN)
    assert akses.boleh_impor(user) and akses.hak(user).boleh_impor
    assert not akses.opd_impor(user).exists()
