"""Security around every page: log-in throttling and the response headers."""

import pytest
from django.test import Client

from renja.models import PercobaanMasuk


@pytest.mark.django_db
def test_lima_kali_gagal_mengunci_nama_pengguna_itu():
    client = Client()
    for _ in range(5):
        response = client.post("/masuk/", {"username": "perencana.bappeda", "password": "salah"})
        assert response.status_code == 200 and "Nama pengguna atau kata sandi salah." in response.content.decode()
    # the right password is refused too while locked, without being checked
    locked = client.post("/masuk/", {"username": "perencana.bappeda", "password": "demo-bappeda-2022"})
    assert locked.status_code == 429 and "Coba lagi dalam 15 menit" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # another account is not affected
    other = client.post("/masuk/", {"username": "reviewer", "password": "demo-reviewer-2022"})
    assert other.status_code == 302


@pytest.mark.django_db
def test_berhasil_menghapus_hitungan():
    client = Client()
    for _ in range(4):
        client.post("/masuk/", {"username": "reviewer", "password": "salah"})
    assert client.post("/masuk/", {"username": "reviewer", "password": "demo-reviewer-2022"}).status_code == 302
    assert not PercobaanMasuk.objects.filter(username="reviewer").exists()


@pytest.mark.django_db
def test_header_keamanan(client):
    response = client.get("/masuk/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self';" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff" and response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
