"""Realisasi TW I–IV and the monev explanations through the template workbooks and the import:
the template prefilled with what the monev grid stored, the same file twice all "sama", the
explanations read into the grid's PenjelasanTriwulan (dry run, lock, refusals), and the old
yearly layout still read."""

import io
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from anggaran.models import RealisasiAnggaran
from evaluasi.models import LaporanTriwulan, PenjelasanTriwulan, RealisasiKinerja
from kerja.monev import susun_monev
from laporan.impor import JENIS
from laporan.templat import templat
from renja.berkas import BerkasTidakSah
from renja.impor import BARU, BERUBAH, GALAT, KOSONG, SAMA
from renja.models import Indikator, RenjaSubKegiatan
from tests.pembantu import xlsx


@pytest.fixture
def admin(db):
    return get_user_model().objects.get(username="admin")


@pytest.fixture
def ind(bappeda):
    return Indikator.objects.for_renja(bappeda).filter(tipe_nilai="angka").order_by("pk").first()


def periksa(renja, data, jenis="kinerja"):
    return JENIS[jenis].periksa(renja.opd, data, "t.xlsx", None)


def simpan_buku(book):
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def baris_indikator(ws, pk):
    return next(r for r in ws.iter_rows(min_row=2) if r[0].value == pk)


def test_templat_berisi_yang_tersimpan_dan_impor_ulang_semua_sama(bappeda, admin, ind):
    RealisasiKinerja.objects.create(indikator=ind, tahun=2022, periode="tw1", nilai=D("12.5"))
    RealisasiKinerja.objects.create(indikator=ind, tahun=2022, periode="tw3", nilai=D("7"))
    PenjelasanTriwulan.objects.create(
        indikator=ind, tahun=2022, periode="tw1", faktor_pendorong="Dukungan pimpinan", tindak_lanjut_renja="Tambah"
    )
    data = templat("kinerja", bappeda)
    book = load_workbook(io.BytesIO(data))
    row = [c.value for c in baris_indikator(book["Realisasi Kinerja"], ind.pk)]
    assert row[6:10] == [12.5, None, 7, None]
    teks = [c.value for c in baris_indikator(book["Penjelasan TW I"], ind.pk)]
    assert teks[4:] == [2022, "TW I", "Dukungan pimpinan", None, None, "Tambah"]
    assert "Tahun 2022: monev Renja 2022" in " ".join(r[0] or "" for r in book["Petunjuk"].iter_rows(values_only=True))

    hasil = periksa(bappeda, data)
    assert hasil.jumlah(GALAT) == hasil.jumlah(BARU) == hasil.jumlah(BERUBAH) == 0
    assert hasil.jumlah(SAMA) == 4  # two realisasi, two explanations
    impor = JENIS["kinerja"].terapkan(bappeda.opd, admin, data, "t.xlsx", None)
    assert (impor.baru, impor.berubah, impor.sama) == (0, 0, 4)


def test_penjelasan_diimpor_ke_catatan_yang_sama_dengan_grid(bappeda, admin, ind):
    PenjelasanTriwulan.objects.create(indikator=ind, tahun=2022, periode="tw2", faktor_penghambat="lama")
    book = load_workbook(io.BytesIO(templat("kinerja", bappeda)))
    cells = baris_indikator(book["Penjelasan TW II"], ind.pk)
    cells[6].value = "Anggaran cair tepat waktu"  # Faktor Pendorong
    cells[7].value = "Cuaca\nburuk"  # Faktor Penghambat: changed, line break kept
    baris_indikator(book["Realisasi Kinerja"], ind.pk)[7].value = 4  # Realisasi 2022 TW II
    data = simpan_buku(book)

    hasil = periksa(bappeda, data)
    mine = {(b.kolom, b.status) for b in hasil.baris if b.sasaran == ind and b.status != KOSONG}
    assert mine == {("faktor pendorong", BARU), ("faktor penghambat", BERUBAH), ("realisasi 2022 tw ii", BARU)}
    changed = next(b for b in hasil.baris if b.kolom == "faktor penghambat" and b.sasaran == ind and b.status != KOSONG)
    assert (changed.lama, changed.baru, changed.periode, changed.nomor) == ("lama", "Cuaca\nburuk", "tw2", cells[0].row)

    versi = PenjelasanTriwulan.objects.get(indikator=ind, periode="tw2").versi
    impor = JENIS["kinerja"].terapkan(bappeda.opd, admin, data, "t.xlsx", None)
    note = PenjelasanTriwulan.objects.get(indikator=ind, tahun=2022, periode="tw2")
    assert (note.faktor_pendorong, note.faktor_penghambat) == ("Anggaran cair tepat waktu", "Cuaca\nburuk")
    assert note.versi == versi + 1  # a grid holding the old version cannot overwrite it
    assert note.history.first().history_change_reason == f"impor #{impor.pk} t.xlsx"
    rows, _ = susun_monev(bappeda, "tw2")  # the monev grid shows what was imported
    row = next(r for r in rows if r.indikator == ind)
    assert [s.teks for s in row.penjelasan][:2] == ["Anggaran cair tepat waktu", "Cuaca\nburuk"]
    assert [s.teks for s in row.kinerja] == ["", "4", "", ""]
    assert periksa(bappeda, data).jumlah(BARU) == periksa(bappeda, data).jumlah(BERUBAH) == 0


def test_penjelasan_bertriwulan_di_judul_kolom_dan_yang_ditolak(bappeda, ind):
    data = xlsx(
        [
            [
                "ID Indikator",
                "Periode",
                "Faktor Pendorong TW III",
                "Faktor Penghambat",
                "Tindak Lanjut Renja Berikutnya",
            ],
            [ind.pk, "Tahunan", "baik", "buruk", "lanjut"],
        ]
    )
    hasil = JENIS["kinerja"].periksa(bappeda.opd, data, "t.xlsx", 2022)
    by = {b.kolom: b for b in hasil.baris}
    assert (by["faktor pendorong tw iii"].status, by["faktor pendorong tw iii"].periode) == (BARU, "tw3")
    assert by["faktor penghambat"].status == GALAT and "penjelasan diisi per triwulan" in by["faktor penghambat"].pesan
    data = f"ID Indikator;Tahun;Periode;Faktor Penghambat\n{ind.pk};2022;TW I;x\x07y\n".encode()
    [bad] = JENIS["kinerja"].periksa(bappeda.opd, data, "t.csv", None).baris
    assert bad.status == GALAT and bad.pesan == "memuat karakter kendali (kode 7); hapus karakter itu"
    data = xlsx([["ID Indikator", "Tahun", "Periode", "Faktor Penghambat"], [ind.pk, 2022, "TW I", "a" * 2001]])
    assert periksa(bappeda, data).baris[0].pesan == "terlalu panjang (2001 huruf, paling banyak 2000)"


def test_penjelasan_triwulan_terkunci_ditolak(bappeda, admin, ind):
    LaporanTriwulan.objects.create(renja=bappeda, periode="tw1", status="diajukan")
    data = xlsx([["ID Indikator", "Tahun", "Periode", "Faktor Pendorong"], [ind.pk, 2022, "TW I", "baik"]])
    [row] = periksa(bappeda, data).baris
    assert row.status == GALAT and row.pesan.startswith("Triwulan I 2022 sudah diajukan")
    with pytest.raises(BerkasTidakSah, match="Baris 2, kolom faktor pendorong"):
        JENIS["kinerja"].terapkan(bappeda.opd, admin, data, "t.xlsx", None)
    assert not PenjelasanTriwulan.objects.filter(indikator=ind).exists()


def test_templat_anggaran_triwulan_impor_ulang_sama(bappeda, admin):
    sub = RenjaSubKegiatan.objects.filter(renja=bappeda).order_by("sub_kegiatan__nomenklatur__kode").first()
    RealisasiAnggaran.objects.create(
        sub_kegiatan_id=sub.sub_kegiatan_id, tahun=2022, periode="tw2", nilai=D("1500000.50")
    )
    data = templat("anggaran", bappeda)
    ws = load_workbook(io.BytesIO(data))["Realisasi Anggaran"]
    assert [c.value for c in baris_indikator(ws, sub.sub_kegiatan_id)][3:7] == [None, 1500000.5, None, None]
    hasil = periksa(bappeda, data, "anggaran")
    assert hasil.jumlah(SAMA) == 1 and hasil.jumlah(BARU) == hasil.jumlah(GALAT) == 0
    baris_indikator(ws, sub.sub_kegiatan_id)[6].value = "2.000.000"  # TW IV
    book = ws.parent
    hasil = periksa(bappeda, simpan_buku(book), "anggaran")
    [new] = [b for b in hasil.baris if b.status == BARU]
    assert (new.tahun, new.periode, new.nilai["nilai"]) == (2022, "tw4", D("2000000"))


def test_tata_letak_tahunan_lama_tetap_diterima(bappeda, ind):
    data = xlsx([["ID Indikator", "Tahun", "Periode", "Realisasi"], [ind.pk, 2021, "Tahunan", 5]])
    [row] = periksa(bappeda, data).baris
    assert (row.status, row.tahun, row.periode) == (BARU, 2021, "tahunan")
