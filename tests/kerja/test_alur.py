"""The workflow (kerja.alur): every action from every status is taken or refused as the table
says, by whom it says, and each change is in the Renja's status history with who and when."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from kerja.alur import AKSI, AksiDitolak, jalankan
from renja.models import Renja
from tests.pembantu import masuk
from tests.pengajuan import siapkan_pengajuan

User = get_user_model()
PELAKU = {"ajukan": "perencana.bappeda", "perubahan": "perencana.bappeda"}  # the others: the reviewer
BENAR = {  # written out by hand from the regulation's review cycle (README "Bappeda's review")
    ("ajukan", "draf"): "diajukan",
    ("ajukan", "dikembalikan"): "diajukan",
    ("ajukan", "perubahan"): "diajukan",
    ("kembalikan", "diajukan"): "dikembalikan",
    ("kembalikan", "diverifikasi"): "dikembalikan",
    ("verifikasi", "diajukan"): "diverifikasi",
    ("tetapkan", "diverifikasi"): "ditetapkan",
    ("perubahan", "ditetapkan"): "perubahan",
}


@pytest.mark.django_db
@pytest.mark.parametrize("aksi", sorted(AKSI))
@pytest.mark.parametrize("dari", Renja.Status.values)
def test_setiap_aksi_dari_setiap_status(bappeda, aksi, dari):
    siapkan_pengajuan(bappeda)
    Renja.objects.filter(pk=bappeda.pk).update(status=dari)
    bappeda.refresh_from_db()
    user = User.objects.get(username=PELAKU.get(aksi, "reviewer"))
    want = BENAR.get((aksi, dari))
    if want is None:
        with pytest.raises(AksiDitolak):
            jalankan(bappeda, user, aksi, alasan="Perbaiki.")
        bappeda.refresh_from_db()
        assert bappeda.status == dari
    else:
        jalankan(bappeda, user, aksi, alasan="Perbaiki.")
        bappeda.refresh_from_db()
        assert bappeda.status == want
        assert bappeda.history.first().history_user == user


@pytest.mark.django_db
@pytest.mark.parametrize("aksi", sorted(AKSI))
def test_orang_yang_salah_ditolak(bappeda, aksi):
    """A planner never decides for Bappeda; a reviewer never submits or revises for the OPD."""
    siapkan_pengajuan(bappeda)
    dari = next(d for (a, d) in BENAR if a == aksi)
    Renja.objects.filter(pk=bappeda.pk).update(status=dari)
    bappeda.refresh_from_db()
    salah = "reviewer" if aksi in PELAKU else "perencana.bappeda"
    for username in (salah, "perencana.kominfo"):
        with pytest.raises(PermissionDenied):
            jalankan(bappeda, User.objects.get(username=username), aksi, alasan="x")
    bappeda.refresh_from_db()
    assert bappeda.status == dari


@pytest.mark.django_db
def test_riwayat_status_siapa_dan_kapan(bappeda):
    siapkan_pengajuan(bappeda)
    perencana, reviewer = User.objects.get(username="perencana.bappeda"), User.objects.get(username="reviewer")
    jalankan(bappeda, perencana, "ajukan")
    jalankan(bappeda, reviewer, "kembalikan", alasan="Lengkapi lokasi.")
    jalankan(bappeda, perencana, "ajukan")
    jalankan(bappeda, reviewer, "verifikasi")
    riwayat = bappeda.riwayat_status()
    assert [(dari, ke) for _, _, dari, ke in riwayat[-4:]] == [
        ("Draf", "Diajukan ke Bappeda"),
        ("Diajukan ke Bappeda", "Dikembalikan untuk perbaikan"),
        ("Dikembalikan untuk perbaikan", "Diajukan ke Bappeda"),
        ("Diajukan ke Bappeda", "Diverifikasi"),
    ]
    nama = {u.get_full_name() or u.username for u in (perencana, reviewer)}
    assert [oleh for _, oleh, _, _ in riwayat[-4:]] == [
        perencana.get_full_name() or perencana.username,
        reviewer.get_full_name() or reviewer.username,
        perencana.get_full_name() or perencana.username,
        reviewer.get_full_name() or reviewer.username,
    ]
    assert {oleh for _, oleh, _, _ in riwayat[-4:]} == nama
    waktu = [w for w, _, _, _ in riwayat]
    assert waktu == sorted(waktu)
    html = masuk("reviewer").get("/renja/BAPPEDA/2022/").content.decode()
    assert 'id="riwayat-status"' in html and "Diverifikasi" in html
