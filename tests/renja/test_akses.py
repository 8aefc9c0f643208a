"""Who sees which OPD: planners only their own, reviewers and admins the whole Pemda."""

import pytest
from django.contrib.auth import get_user_model

from renja.models import PerangkatDaerah, Renja


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username, expected",
    [
        ("perencana.bappeda", {"BAPPEDA"}),
        ("perencana.kominfo", {"DISKOMINFO"}),
        ("reviewer", {"BAPPEDA", "DISKOMINFO"}),
        ("admin", {"BAPPEDA", "DISKOMINFO"}),
    ],
)
def test_for_user(username, expected):
    assert {o.singkatan for o in PerangkatDaerah.objects.for_user(user(username))} == expected
    assert {r.opd.singkatan for r in Renja.objects.for_user(user(username))} == expected


@pytest.mark.django_db
def test_pengguna_tanpa_keanggotaan_tidak_melihat_apa_pun():
    nobody = get_user_model().objects.create_user("tamu", password="x-very-long-pass")
    assert not PerangkatDaerah.objects.for_user(nobody).exists()


@pytest.mark.django_db
def test_beranda_anonim_dialihkan_ke_masuk(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


@pytest.mark.django_db
def test_beranda_perencana_hanya_opd_sendiri(client, django_assert_max_num_queries):
    client.force_login(user("perencana.kominfo"))
    with django_assert_max_num_queries(7):  # fixed: session, user, Renja, roles, what is waiting (3)
        response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dinas Komunikasi dan Informatika" in body
    assert "Badan Perencanaan Pembangunan Daerah" not in body


@pytest.mark.django_db
def test_beranda_reviewer_melihat_semua(client):
    client.force_login(user("reviewer"))
    body = client.get("/").content.decode()
    assert "Dinas Komunikasi dan Informatika" in body
    assert "Badan Perencanaan Pembangunan Daerah" in body


@pytest.mark.django_db
def test_admin_site_tertutup_bagi_perencana(client):
    client.force_login(user("perencana.bappeda"))
    response = client.get("/admin/renja/renja/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
