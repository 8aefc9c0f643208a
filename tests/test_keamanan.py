"""Security around every page: log-in throttling and the response headers."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client


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
    assert not AccessAttempt.objects.filter(username="reviewer").exists()


@pytest.mark.django_db
def test_kunci_per_nama_dari_alamat_dan_peramban_mana_pun_tanpa_beda_huruf():
    for i, nama in enumerate(["reviewer", "Reviewer", "REVIEWER", "reviewer", "reViewer"]):
        client = Client(REMOTE_ADDR=f"10.0.0.{i + 1}", HTTP_USER_AGENT=f"peramban {i}")
        assert client.post("/masuk/", {"username": nama, "password": "salah"}).status_code == 200
    locked = Client(REMOTE_ADDR="10.9.9.9").post("/masuk/", {"username": "reviewer", "password": "demo-reviewer-2022"})
    assert locked.status_code == 429 and "Coba lagi dalam 15 menit" in locked.content.decode()
    assert '<input type="text" name="username" value="reviewer"' in locked.content.decode()


@pytest.mark.django_db
def test_kunci_berakhir_15_menit_setelah_kegagalan_kelima_dan_tidak_diperpanjang():
    client = Client()
    for _ in range(5):
        client.post("/masuk/", {"username": "reviewer", "password": "salah"})
    for _ in range(3):  # refused while locked, unchecked: neither counted nor prolonging the lock
        assert client.post("/masuk/", {"username": "reviewer", "password": "salah"}).status_code == 429
    attempt = AccessAttempt.objects.get(username="reviewer")
    assert attempt.failures_since_start == 5
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - timedelta(minutes=14))
    assert client.post("/masuk/", {"username": "reviewer", "password": "demo-reviewer-2022"}).status_code == 429
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - timedelta(minutes=16))
    assert client.post("/masuk/", {"username": "reviewer", "password": "demo-reviewer-2022"}).status_code == 302


@pytest.mark.django_db
def test_halaman_masuk_admin_ikut_terkunci():
    client = Client()
    for _ in range(5):
        client.post("/masuk/", {"username": "admin", "password": "salah"})
    locked = client.post("/admin/login/", {"username": "admin", "password": "demo-admin-2022"})
    assert locked.status_code == 429 and "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_header_keamanan(client):
    response = client.get("/masuk/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self';" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff" and response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
