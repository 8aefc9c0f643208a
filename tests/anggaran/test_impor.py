"""Importing realisasi anggaran per sub kegiatan (anggaran.impor on renja.impor)."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from anggaran.impor import ANGGARAN
from anggaran.models import RealisasiAnggaran
from renja.berkas import BerkasTidakSah
from renja.impor import BARU, GALAT, periksa_berkas, terapkan
from renja.models import SubKegiatan
from tests.pembantu import xlsx


@pytest.fixture
def subs(bappeda):
    return list(
        SubKegiatan.objects.for_opd(bappeda.opd).select_related("nomenklatur").order_by("nomenklatur__kode")[:3]
    )


def test_rupiah_dua_gaya_dan_pemisah_campuran(bappeda, subs):
    rows = [["Kode", "Sub Kegiatan", "Tahun", "Periode", "Realisasi (Rp)"]]
    for sub, value in zip(subs, ["1.200.000.000", "1,200,000,000", "8.309,000.000"], strict=True):
        rows.append([sub.nomenklatur.kode, sub.nomenklatur.nama, 2030, "TW I", value])
    hasil = periksa_berkas(ANGGARAN, bappeda.opd, xlsx(rows), "anggaran.xlsx")
    assert [b.status for b in hasil.baris] == [BARU] * 3
    assert [b.nilai["nilai"] for b in hasil.baris] == [D("1200000000"), D("1200000000"), D("8309000000")]
    assert hasil.baris[2].peringatan and hasil.baris[2].periode == "tw1"


def test_negatif_ditolak_lalu_semua_tersimpan_setelah_diperbaiki(bappeda, subs):
    admin = get_user_model().objects.get(username="admin")
    rows = [["Kode", "Realisasi 2030 TW I", "Realisasi 2030 TW II"]]
    rows += [[subs[0].nomenklatur.kode, "100.000.000", "-5"], [subs[1].nomenklatur.kode, "50.000.000", None]]
    hasil = periksa_berkas(ANGGARAN, bappeda.opd, xlsx(rows), "a.xlsx")
    [bad] = hasil.galat
    assert (bad.nomor, bad.kolom, bad.mentah) == (2, "realisasi 2030 tw ii", "-5") and "negatif" in bad.pesan
    before = RealisasiAnggaran.objects.count()
    with pytest.raises(BerkasTidakSah, match="Baris 2, kolom realisasi 2030 tw ii, nilai '-5'"):
        terapkan(ANGGARAN, bappeda.opd, admin, xlsx(rows), "a.xlsx")
    assert RealisasiAnggaran.objects.count() == before
    rows[1][2] = "25.000.000"
    log = terapkan(ANGGARAN, bappeda.opd, admin, xlsx(rows), "a.xlsx")
    assert (log.baru, log.kosong) == (3, 1) and log.jenis == "realisasi_anggaran"
    saved = RealisasiAnggaran.objects.get(sub_kegiatan=subs[0], tahun=2030, periode="tw2")
    assert saved.nilai == D("25000000")


def test_sub_kegiatan_opd_lain_ditolak(bappeda, kominfo):
    other = SubKegiatan.objects.for_opd(kominfo.opd).first()
    rows = [["ID Sub Kegiatan", "Tahun", "Realisasi"], [other.pk, 2030, 5]]
    [row] = periksa_berkas(ANGGARAN, bappeda.opd, xlsx(rows), "a.xlsx").baris
    assert row.status == GALAT and "bukan milik Perangkat Daerah ini" in row.pesan
