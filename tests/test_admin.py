"""Every model is registered in the admin, with list columns, search and filters, and each
change list opens for an admin in a bounded number of queries."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model

PROJECT_APPS = ["renja", "anggaran", "evaluasi"]


def project_models():
    return [
        model
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    ]


@pytest.mark.parametrize("model", project_models(), ids=lambda m: m.__name__)
def test_model_terdaftar_dengan_kolom_cari_filter(model):
    assert model in admin.site._registry, f"{model.__name__} belum terdaftar di admin"
    model_admin = admin.site._registry[model]
    assert len(model_admin.list_display) >= 2
    assert model_admin.search_fields
    if model.__name__ not in {"Pemda"}:
        assert model_admin.list_filter


@pytest.mark.django_db
@pytest.mark.parametrize("model", project_models(), ids=lambda m: m.__name__)
def test_changelist_terbuka(client, model, django_assert_max_num_queries):
    client.force_login(get_user_model().objects.get(username="admin"))
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.status_code == 200
    assert client.get(url, {"q": "5.01"}).status_code == 200


@pytest.mark.django_db
def test_plafon_diimpor_dari_spreadsheet_lewat_admin():
    """django-import-export in the admin: ceilings from a CSV, all rows or none."""
    from decimal import Decimal

    import tablib

    from anggaran.admin import PlafonAnggaranResource
    from anggaran.models import PlafonAnggaran

    data = tablib.Dataset(headers=["opd", "tahun", "sumber_dana", "pagu", "keterangan"])
    data.append(["BAPPEDA", 2022, "", "21000000000", "KUA-PPAS"])
    data.append(["BAPPEDA", 2022, "APBD Kota Serang", "20000000000", ""])
    result = PlafonAnggaranResource().import_data(data, dry_run=False)
    assert not result.has_errors()
    assert PlafonAnggaran.objects.get(opd__singkatan="BAPPEDA", sumber_dana=None).pagu == Decimal("21000000000")
    data.append(["TIDAKADA", 2022, "", "1", ""])
    result = PlafonAnggaranResource().import_data(data, dry_run=False)
    assert result.has_errors() or result.has_validation_errors()
    assert PlafonAnggaran.objects.count() == 2
