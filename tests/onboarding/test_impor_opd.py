"""The import of a Pemda's list of OPDs: a messy file is read, every problem is named by row,
column and value, nothing is half-written, and the same file twice changes nothing."""

import io

import pytest
from openpyxl import load_workbook

from laporan.templat import templat_pemda
from renja import impor_opd
from renja.berkas import BerkasTidakSah
from renja.models import Impor, PerangkatDaerah, UnitKerja
from tests.onboarding.conftest import BAPPEDA, JUDUL, KEPALA_OPD, KOMINFO, MERGE_OPD, csv
from tests.pembantu import xlsx


def berkas(*rows):
    return xlsx([*JUDUL, *KEPALA_OPD, *rows], merge=MERGE_OPD)


def galat(hasil):
    return {(b.nomor, b.kolom, b.mentah): b.pesan for b in hasil.galat}


def test_berkas_berantakan_ditolak_dengan_baris_kolom_nilai(pemda, admin_contoh):
    data = berkas(
        BAPPEDA,
        KOMINFO,
        ["3", "1.01.0.00.0.00.01.0000", "Dinas Pendidikan", "DISDIK", "1.99", None],
        ["4", "1.02.0.00.0.00.01.0000", "Dinas Kesehatan", "Bappeda", "1.02", None],
        ["5", "2.16.0.00.0.00.01.0000", "", "DISKOMINFO2", "2.16", None],
    )
    hasil = impor_opd.periksa(pemda, data, "opd.xlsx")
    problems = galat(hasil)
    assert (
        problems[(9, "Bidang Urusan", "1.99")]
        == "bidang urusan 1.99 tidak ada pada nomenklatur " + pemda.nomenklatur_versi.kode
    )
    assert problems[(10, "Singkatan", "Bappeda")] == "singkatan sudah dipakai pada baris 7"
    assert problems[(11, "Nama", None)] == "Nama kosong"
    assert problems[(11, "Kode SKPD", "2.16.0.00.0.00.01.0000")] == "kode sudah ada pada baris 8"
    assert [b.status for b in hasil.baris if b.nomor in (7, 8)] == ["baru", "baru"]
    with pytest.raises(BerkasTidakSah, match="4 isian bergalat, tidak ada yang disimpan. Baris 9, kolom Bidang Urusan"):
        impor_opd.terapkan(pemda, admin_contoh, data, "opd.xlsx")
    assert not PerangkatDaerah.objects.filter(pemda=pemda).exists() and not Impor.objects.exists()


def test_berkas_diperbaiki_tersimpan_lalu_diulang_tidak_mengubah(pemda, admin_contoh):
    data = berkas(BAPPEDA, KOMINFO)
    impor = impor_opd.terapkan(pemda, admin_contoh, data, "opd.xlsx")
    assert (impor.baru, impor.berubah, impor.pemda, impor.opd) == (2, 0, pemda, None)
    bappeda = PerangkatDaerah.objects.get(pemda=pemda, kode="5.01.5.05.0.00.01.0000")
    assert (bappeda.nama, bappeda.singkatan) == ("Badan Perencanaan Pembangunan Daerah", "bappeda")
    assert sorted(bappeda.bidang_urusan.values_list("kode", flat=True)) == ["5.01", "5.05"]
    assert list(bappeda.unit_kerja.values_list("kode", "nama")) == [
        ("BIDANG-P2EPD", "Bidang P2EPD"),
        ("SEKRETARIAT", "Sekretariat"),
    ]
    kominfo = PerangkatDaerah.objects.get(pemda=pemda, singkatan="DISKOMINFO")
    assert list(kominfo.bidang_urusan.values_list("kode", flat=True)) == ["2.16"]  # read from its name
    again = impor_opd.periksa(pemda, data, "opd.xlsx")
    assert again.ringkasan["sama"] == 2 and again.ringkasan["baru"] == again.ringkasan["berubah"] == 0
    second = impor_opd.terapkan(pemda, admin_contoh, data, "opd.xlsx")
    assert (second.baru, second.berubah, second.sama) == (0, 0, 2)
    assert UnitKerja.objects.filter(opd__pemda=pemda).count() == 3


def test_perubahan_nama_bidang_unit_dan_huruf_singkatan(pemda, admin_contoh):
    impor_opd.terapkan(pemda, admin_contoh, berkas(BAPPEDA), "opd.xlsx")
    changed = [
        *BAPPEDA[:2],
        "Badan Perencanaan, Penelitian dan Pengembangan Daerah",
        "BAPPEDA",
        "5.01",
        "Sekretariat; Bidang Litbang",
    ]
    hasil = impor_opd.periksa(pemda, berkas(changed), "opd.xlsx")
    [line] = hasil.baris
    assert line.status == "berubah" and "5.01, 5.05" in line.lama and "Bidang Litbang" in line.baru
    impor_opd.terapkan(pemda, admin_contoh, berkas(changed), "opd.xlsx")
    opd = PerangkatDaerah.objects.get(pemda=pemda)
    assert opd.singkatan == "bappeda"  # a change of letter case only is not taken: the OPD's URLs stay
    assert list(opd.bidang_urusan.values_list("kode", flat=True)) == ["5.01"]
    assert opd.unit_kerja.count() == 3  # nothing is deleted: a unit may be a penanggung jawab


def test_singkatan_milik_opd_lain_dan_kode_angka(pemda, admin_contoh):
    impor_opd.terapkan(pemda, admin_contoh, berkas(BAPPEDA), "opd.xlsx")
    hasil = impor_opd.periksa(
        pemda,
        berkas(["1", "9.99", "Dinas Baru", "BAPPEDA", 5.1, None], ["2", "9.98", "Dinas Lain", "DIS LAIN", "5", None]),
        "x.xlsx",
    )
    problems = galat(hasil)
    assert problems[(7, "Singkatan", "BAPPEDA")].startswith("singkatan sudah dipakai oleh Badan Perencanaan")
    assert "format sel sebagai teks" in problems[(7, "Bidang Urusan", 5.1)]
    assert "tanpa spasi" in problems[(8, "Singkatan", "DIS LAIN")]
    assert "adalah urusan, bukan bidang urusan" in problems[(8, "Bidang Urusan", "5")]


def test_sel_berbahaya_disimpan_sebagai_teks_dan_ditulis_sebagai_teks(pemda, admin_contoh):
    hostile = '=HYPERLINK("http://contoh.invalid","klik")'
    data = csv(
        [["Kode SKPD", "Nama", "Singkatan", "Bidang Urusan", "Unit Kerja"], ["7.01", hostile, "X", "5.01", "@SUM(A1)"]]
    )
    impor_opd.terapkan(pemda, admin_contoh, data, "opd.csv")
    opd = PerangkatDaerah.objects.get(pemda=pemda)
    assert opd.nama == hostile and opd.unit_kerja.get().nama == "@SUM(A1)"
    book = load_workbook(io.BytesIO(templat_pemda("opd", pemda)))
    ws = book["Daftar OPD"]
    assert ws["B2"].value == hostile and ws["B2"].data_type == "s"
    assert book.sheetnames == ["Daftar OPD", "Petunjuk"]


def test_templat_diimpor_kembali_tanpa_perubahan(pemda, admin_contoh):
    impor_opd.terapkan(pemda, admin_contoh, berkas(BAPPEDA, KOMINFO), "opd.xlsx")
    data = templat_pemda("opd", pemda)
    ws = load_workbook(io.BytesIO(data))["Daftar OPD"]
    assert [c.value for c in ws[1]] == ["Kode SKPD", "Nama", "Singkatan", "Bidang Urusan", "Unit Kerja"]
    assert impor_opd.periksa(pemda, data, "templat.xlsx").ringkasan["sama"] == 2


@pytest.mark.parametrize(
    "data, pesan",
    [
        (xlsx([["Nama", "Alamat"], ["a", "b"]]), "Kolom wajib tidak ditemukan: Kode SKPD, Singkatan, Bidang Urusan"),
        (xlsx([["Kode SKPD", "Nama", "Singkatan", "Bidang Urusan"]]), "tidak berisi baris Perangkat Daerah"),
        (b"PK\x03\x04rusak", "rusak"),
    ],
)
def test_berkas_tak_terbaca_ditolak_seluruhnya(pemda, data, pesan):
    with pytest.raises(BerkasTidakSah, match=pesan):
        impor_opd.periksa(pemda, data, "opd.xlsx")
