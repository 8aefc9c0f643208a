import io

import pytest
from django.contrib.auth import get_user_model

from renja.models import Keanggotaan, NomenklaturVersi, Pemda
from renja.nomenklatur import VERSI_KABKOTA


@pytest.fixture
def pemda(db):
    """A new Pemda beside the demo's, on the kab/kota master loaded for the session."""
    versi = NomenklaturVersi.objects.get(kode=VERSI_KABKOTA["kode"])
    return Pemda.objects.create(kode="99.01", nama="Pemerintah Kota Contoh", jenis="kota", nomenklatur_versi=versi)


@pytest.fixture
def admin_contoh(pemda):
    """An admin of the new Pemda only (not a superuser)."""
    user = get_user_model().objects.create_user("admin.contoh", password="sandi-uji-contoh-2025", first_name="Admin")
    Keanggotaan.objects.create(user=user, pemda=pemda, peran=Keanggotaan.Peran.ADMIN)
    return user


def csv(rows):
    """A ';'-separated CSV of ``rows`` as a spreadsheet program exports it (UTF-8 with BOM)."""
    out = io.StringIO()
    for row in rows:
        out.write(";".join("" if v is None else str(v) for v in row) + "\r\n")
    return ("\ufeff" + out.getvalue()).encode("utf-8")


JUDUL = [["DAFTAR PERANGKAT DAERAH"], ["PEMERINTAH KOTA CONTOH TAHUN 2025"], []]
KEPALA_OPD = [
    ["No", "Perangkat Daerah", None, None, "Bidang Urusan", "Unit Kerja"],
    [None, "  KODE ", "nama", "Singkatan", None, None],
    [1, 2, 3, 4, 5, 6],
]
MERGE_OPD = ["A4:A5", "B4:D4", "E4:E5", "F4:F5"]
BAPPEDA = [
    "1",
    " 5.01.5.05.0.00.01.0000 ",
    "Badan Perencanaan  Pembangunan Daerah",
    "bappeda",
    "5.01, 5.5",
    "Sekretariat; Bidang P2EPD",
]
KOMINFO = [
    "2",
    "2.16.0.00.0.00.01.0000",
    "Dinas Komunikasi dan Informatika",
    "DISKOMINFO",
    "Komunikasi dan Informatika",
    "Sekretariat",
]
