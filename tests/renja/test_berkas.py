"""Reading uploads safely (renja.berkas): xlsx and csv, hostile and broken files refused with a
clear message, and columns found by their header text wherever they are."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from renja.berkas import BerkasTidakSah, Kolom, baca_berkas, cari_kolom
from tests.pembantu import xlsx

KOLOM = [
    Kolom("kode", "Kode", ("kode",)),
    Kolom("indikator", "Indikator", ("indikator",)),
    Kolom("realisasi", "Realisasi", ("realisasi",)),
    Kolom("satuan", "Satuan", ("satuan",), wajib=False),
]


def test_xlsx_dan_kolom_dicari_dari_judul_bergabung():
    """A Tabel 2.1-like sheet: a title, a two-row header whose group cell is merged, columns in
    another order than the template's."""
    data = xlsx(
        [
            ["Tabel 2.1 Rekapitulasi Evaluasi", None, None, None],
            ["Indikator Kinerja", "Kode", "Capaian 2020", None],
            [None, None, "Satuan", "Realisasi"],
            ["Jumlah dokumen", "5.01.02.2.01.01", "Dokumen", 3],
        ],
        merge=["C2:D2", "A2:A3", "B2:B3"],
    )
    [sheet] = baca_berkas(data, "realisasi.xlsx")
    header, cols = cari_kolom(sheet.baris, KOLOM)
    assert header == 2 and cols == {"indikator": 0, "kode": 1, "satuan": 2, "realisasi": 3}
    assert sheet.baris[3] == ["Jumlah dokumen", "5.01.02.2.01.01", "Dokumen", 3]


def test_kolom_wajib_hilang_disebut():
    with pytest.raises(BerkasTidakSah, match="Kolom wajib tidak ditemukan: Realisasi"):
        cari_kolom([["Kode", "Indikator", "Target"], ["5.01", "x", 1]], KOLOM)


def test_rumus_tidak_dihitung():
    book = Workbook()
    book.active.append(["Kode", "Indikator", "Realisasi"])
    book.active.append(["5.01", "x", "=1/0"])
    out = io.BytesIO()
    book.save(out)
    [sheet] = baca_berkas(out.getvalue(), "a.xlsx")
    assert sheet.baris[1][2] is None  # no cached value: never evaluated here


@pytest.mark.parametrize(
    "data, nama, pesan",
    [
        (b"", "a.xlsx", "Berkas kosong"),
        (b"bukan zip sama sekali", "a.xlsx", "bukan .xlsx yang sah"),
        (b"PK\x03\x04" + b"\x00" * 200, "a.xlsx", "rusak"),
        (b"x" * 20, "a.xls", "simpan sebagai .xlsx"),
        (b"x" * 20, "a.exe", "Jenis berkas tidak didukung"),
        (b"a" * (10 * 1024 * 1024 + 1), "a.csv", "terlalu besar"),
        (b"a,b\x00c", "a.csv", "data biner"),
    ],
)
def test_berkas_rusak_ditolak(data, nama, pesan):
    with pytest.raises(BerkasTidakSah, match=pesan):
        baca_berkas(data, nama)


def test_bom_zip_ditolak():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(60):  # 60 MB of zeros, a few dozen KB zipped
                member.write(chunk)
    assert len(out.getvalue()) < 200_000
    with pytest.raises(BerkasTidakSah, match="tidak wajar"):
        baca_berkas(out.getvalue(), "bom.xlsx")


def test_lembar_terlalu_besar_ditolak():
    with pytest.raises(BerkasTidakSah, match="lebih dari 5 baris"):
        baca_berkas(xlsx([[i] for i in range(10)]), "a.xlsx", batas_baris=5)
    with pytest.raises(BerkasTidakSah, match="lebih dari 5 baris"):
        baca_berkas(b"\n".join(b"1" for _ in range(10)), "a.csv", batas_baris=5)


def test_xlsx_tanpa_data_ditolak():
    with pytest.raises(BerkasTidakSah, match="tidak berisi data"):
        baca_berkas(xlsx([]), "a.xlsx")


@pytest.mark.parametrize(
    "data",
    [
        "Kode;Indikator;Realisasi\n5.01;Jumlah;1,5\n".encode("utf-8-sig"),
        b'Kode,Indikator,Realisasi\n5.01,Jumlah,"1,5"\n',
        "Kode\tIndikator\tRealisasi\n5.01\tJumlah\t1,5\n".encode("cp1252"),
    ],
)
def test_csv_pemisah_dan_encoding(data):
    [sheet] = baca_berkas(data, "a.csv")
    header, cols = cari_kolom(sheet.baris, KOLOM)
    assert header == 0 and sheet.baris[1][cols["realisasi"]] == "1,5"
