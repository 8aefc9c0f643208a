"""The whole document: numbering by the app, Daftar Isi/Tabel, narrative figures from the tables."""

import re
from decimal import Decimal

import pytest

from laporan.dokumen import susun_dokumen


@pytest.fixture
def dokumen(bappeda):
    return susun_dokumen(bappeda)


# The expected order of tables, written out by hand from the outline (spec §1.1/§1.2, R-1).
URUTAN = [
    ("Tabel 2.1", "tc29"),
    ("Tabel 2.2", "Pencapaian Kinerja Pelayanan"),
    ("Tabel 2.3", "Review terhadap Rancangan Awal RKPD"),
    ("Tabel 2.4", "Pemangku Kepentingan"),
    ("Tabel 3.1", "Tujuan dan Sasaran"),
    ("Tabel 3.2", "tc33"),
    ("Tabel 3.3", "Definisi Operasional"),
    ("Tabel 4.1", "Rencana Pendapatan"),
    ("Tabel 4.2", "Program Unggulan"),
    ("Tabel 4.3", "Program Mendesak"),
    ("Tabel 4.4", "Renja K/L"),
]


@pytest.mark.django_db
def test_nomor_tabel_oleh_aplikasi(dokumen):
    tabel = dokumen.daftar_tabel
    assert [t.nomor for t in tabel] == [nomor for nomor, _ in URUTAN]
    for t, (_, kata) in zip(tabel, URUTAN, strict=True):
        assert kata == t.kunci or kata.lower() in t.judul.lower(), (t.nomor, t.judul)


@pytest.mark.django_db
def test_bab_dan_sub_bab(dokumen):
    assert [b.nomor for b in dokumen.bab] == ["I", "II", "III", "IV", "V"]
    assert [b.judul for b in dokumen.bab][:2] == ["PENDAHULUAN", "HASIL EVALUASI RENJA PERANGKAT DAERAH TAHUN LALU"]
    for index, bab in enumerate(dokumen.bab, start=1):
        assert [s.nomor for s in bab.sub] == [f"{index}.{k}" for k in range(1, len(bab.sub) + 1)]
    isi = dokumen.daftar_isi
    assert isi[0][:2] == ("BAB I", "PENDAHULUAN") and ("1.1", "Latar Belakang") == isi[1][:2]
    assert len({anchor for *_, anchor, _ in isi}) == len(isi)
    # Narrative sections carry the demo's text.
    latar = dokumen.bab[0].sub[0]
    assert latar.narasi.startswith("Renja Perangkat Daerah (Renja PD)") and not latar.paragraf


@pytest.mark.django_db
def test_narasi_tc33_dari_data(dokumen):
    """Bab III restates T-C.33: the spec's totals (§5.1) and the seed's counts 4/17/76."""
    sub = dokumen.bab[2].sub[2]
    text = " ".join(sub.paragraf)
    assert "4 program, 17 kegiatan dan 76 sub kegiatan" in text
    assert "Rp 20.182.300.000" in text and "Rp 20.300.000.000" in text
    assert "Tabel 3.2" in text and "Tabel 3.3" in text


@pytest.mark.django_db
def test_narasi_tc29_sama_dengan_tabel(dokumen):
    """The mean in Bab II equals the mean of the defined kolom 11 cells of Tabel 2.1."""
    tabel = dokumen.daftar_tabel[0]
    values = [b.sel[11].nilai for b in tabel.baris if b.sel[11].jenis == "persen" and b.sel[11].nilai is not None]
    mean = sum(values, Decimal(0)) / len(values)
    text = dokumen.bab[1].sub[0].paragraf[0]
    shown = re.search(r"adalah ([\d.,]+) %", text).group(1)
    assert Decimal(shown.replace(".", "").replace(",", ".")) == mean.quantize(Decimal("0.01"))
    assert f"dari {len(values)} indikator" in text


@pytest.mark.django_db
def test_label_tahun_dari_n(bappeda):
    """No year is fixed in the layout: for n = 2030 the labels read 2027/2028/2029/2031."""
    bappeda.tahun = 2030
    dokumen = susun_dokumen(bappeda)
    tc29, tc33 = dokumen.daftar_tabel[0], dokumen.daftar_tabel[5]
    assert tc29.judul.endswith("s/d Tahun 2029")
    heads = " ".join(k.teks for row in tc29.kepala for k in row)
    assert "Tahun 2027" in heads and "(2028)" in heads and "(2029)" in heads and "2022" not in heads
    assert "Tahun 2030" in tc33.judul and "Prakiraan Maju Tahun 2031" in tc33.judul
    assert "2022" not in " ".join(k.teks for row in tc33.kepala for k in row)


@pytest.mark.django_db
def test_dokumen_kueri_terbatas(bappeda, django_assert_max_num_queries):
    with django_assert_max_num_queries(50):
        susun_dokumen(bappeda)
