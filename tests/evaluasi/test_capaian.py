"""Regulation formulas against the spec's check cases (§5), figures worked out by hand."""

from decimal import Decimal as D

import pytest

from evaluasi import capaian as c
from renja.angka import bulatkan, format_angka


def dua(hasil):
    """Display value with 2 decimals, '–' for undefined."""
    return format_angka(hasil.nilai, 2) if isinstance(hasil, c.Hasil) else format_angka(hasil, 2)


# ID, sifat, inputs (4, 5, 6, 7, 9), expected (8, 10, 11) as shown with 2 decimals.
TC29 = [
    ("C-01", "kumulatif", (5, 1, 1, 1, 1), ("100,00", "3", "60,00")),
    ("C-02", "kumulatif", (7, 3, 1, 1, 1), ("100,00", "5", "71,43")),
    ("C-03", "kumulatif", (16, 4, 3, 3, 3), ("100,00", "10", "62,50")),
    ("C-04", "kumulatif", (140, 70, 70, 70, 0), ("100,00", "140", "100,00")),
    ("C-05", "kumulatif", (3, 0, 0, 0, 1), ("–", "1", "33,33")),
    ("C-06", "non_kumulatif", (100, 100, 100, 100, 100), ("100,00", "100", "100,00")),
    ("C-07", "non_kumulatif", (90, 70, 80, 80, 80), ("100,00", "80", "88,89")),
    ("C-08", "non_kumulatif", (12, 12, 12, 12, 12), ("100,00", "12", "100,00")),
    ("C-09", "kumulatif", (205, 40, 0, 0, 55), ("–", "95", "46,34")),
    ("C-10", "kumulatif", (520, 98, 98, 98, 103), ("100,00", "299", "57,50")),
]


@pytest.mark.parametrize("case, sifat, inputs, expected", TC29, ids=[row[0] for row in TC29])
def test_tabel_t_c29(case, sifat, inputs, expected):
    k4, k5, k6, k7, k9 = (D(v) for v in inputs)
    k8 = c.tc29_kolom_8(k7, k6)
    k10 = c.tc29_kolom_10(sifat, k5, k7, k9)
    k11 = c.tc29_kolom_11(k10.nilai, k4)
    assert (dua(k8), format_angka(k10.nilai, 0), dua(k11)) == expected


def test_c03_pembulatan_setengah_ke_atas():
    k11 = c.tc29_kolom_11(D(10), D(16))
    assert k11.nilai == D("62.5")
    assert bulatkan(k11.nilai, 0) == D(63)  # the seed prints 63; round(62.5) would give 62
    assert format_angka(D("57.5"), 0) == "58"  # C-10


def test_c05_nol_per_nol_tak_terdefinisi_dengan_alasan():
    k8 = c.tc29_kolom_8(D(0), D(0))
    assert k8.nilai is None
    assert k8.alasan == c.ALASAN_PENYEBUT_NOL


def test_realisasi_tanpa_target():
    assert c.tc29_kolom_8(D(5), D(0)).alasan == c.ALASAN_TANPA_TARGET
    assert c.tc29_kolom_8(D(5), None).alasan == c.ALASAN_TANPA_TARGET
    assert c.tc29_kolom_8(None, D(5)).alasan == c.ALASAN_PEMBILANG_KOSONG


def test_c06_persentase_tidak_dijumlahkan():
    assert c.tc29_kolom_10("kumulatif", D(100), D(100), D(100)).nilai == D(300)  # the seed's error
    assert c.tc29_kolom_10("non_kumulatif", D(100), D(100), D(100)).nilai == D(100)


def test_kolom_5_dari_realisasi_tahunan():
    tahunan = {2019: D(3), 2020: D(1), 2021: D(2)}
    assert c.tc29_kolom_5("kumulatif", tahunan, 2019, 2019).nilai == D(3)
    assert c.tc29_kolom_5("kumulatif", tahunan, 2019, 2020).nilai == D(4)
    assert c.tc29_kolom_5("non_kumulatif", tahunan, 2019, 2020).nilai == D(1)
    assert c.tc29_kolom_5("rata_rata", tahunan, 2019, 2021).nilai == D(2)
    assert not c.tc29_kolom_5("kumulatif", tahunan, 2022, 2023).terdefinisi


def test_e02_formulir_evaluasi_non_kumulatif():
    k12 = c.evaluasi_kolom_12("non_kumulatif", [D(90), D(92), D(94), D(95)])
    k13 = c.evaluasi_kolom_13(k12.nilai, D(95))
    k14 = c.evaluasi_kolom_14("non_kumulatif", D(85), k12.nilai)
    k15 = c.evaluasi_kolom_15(k14.nilai, D(100))
    assert (k12.nilai, dua(k13), k14.nilai, dua(k15)) == (D(95), "100,00", D(95), "95,00")
    assert c.predikat(k15).kode == "ST"


def test_formulir_evaluasi_kumulatif_dan_rupiah():
    assert c.evaluasi_kolom_12("kumulatif", [D(1), None, D(2), D(3)]).nilai == D(6)
    assert c.evaluasi_kolom_12("non_kumulatif", [D(90), D(92), None, None]).nilai == D(92)  # TW II, not TW III
    assert c.evaluasi_kolom_14("kumulatif", D(4), D(6)).nilai == D(10)
    assert c.evaluasi_kolom_12_rp([D("100.5"), D("200"), None, D("50")]).nilai == D("350.5")


@pytest.mark.parametrize(
    "x, kode, melampaui",
    [
        (D("90.00"), "T", False),
        (D("90.01"), "ST", False),
        (D("75.00"), "S", False),
        (D("75.50"), "T", False),
        (D("65.00"), "R", False),
        (D("50.00"), "SR", False),
        (D("50.01"), "R", False),
        (D("120.00"), "ST", True),
        (D("100.00"), "ST", False),
        (D("0"), "SR", False),
    ],
)
def test_e03_predikat(x, kode, melampaui):
    result = c.predikat(x)
    assert (result.kode, result.melampaui_target) == (kode, melampaui)


def test_e03_tak_terdefinisi_tanpa_predikat():
    assert c.predikat(None) is None
    assert c.predikat(c.tc29_kolom_8(D(0), D(0))) is None


def test_e04_rata_rata():
    rows = [c.Hasil(D("100.00")), c.Hasil(D("62.50")), c.tc29_kolom_8(D(0), D(0)), c.Hasil(D("53.33"))]
    mean = c.rata_rata_capaian(rows)
    assert dua(mean.hasil) == "71,94"
    assert (mean.dihitung, mean.tidak_dihitung) == (3, 1)
    assert mean.keterangan == "1 baris tidak dihitung"
    assert c.predikat(mean.hasil).kode == "S"


def test_rata_rata_tidak_dipotong_100():
    assert c.rata_rata_capaian([D(120), D(80)]).hasil.nilai == D(100)


@pytest.mark.parametrize(
    "realisasi, target, metode, expected",
    [
        (D(8), D(10), "rasio_terbalik", "125,00"),  # lower is better: 10/8 × 100
        (D(12), D(10), "rasio_terbalik", "83,33"),
        (D(8), D(10), "selisih", "120,00"),  # (20 − 8) / 10 × 100
        (D(12), D(10), "selisih", "80,00"),
        (D(0), D(10), "rasio_terbalik", "–"),
        (D(5), D(0), "selisih", "–"),
    ],
)
def test_polaritas_negatif(realisasi, target, metode, expected):
    assert dua(c.capaian(realisasi, target, "negatif", metode)) == expected


def test_polaritas_negatif_tanpa_metode():
    assert c.capaian(D(8), D(10), "negatif").alasan == c.ALASAN_METODE


def test_kualitatif_dan_kategori():
    assert c.capaian("Ada", "ada").nilai == D(100)
    assert c.capaian("Tidak Ada", "Ada").nilai == D(0)
    assert c.capaian("Ada", D(5)).alasan == c.ALASAN_KUALITATIF
    skala = ["Kurang Inovatif", "Inovatif", "Sangat Inovatif"]
    assert c.capaian("Sangat Inovatif", "Inovatif", skala=skala).nilai == D(100)
    assert c.capaian("Inovatif", "Inovatif", skala=skala).nilai == D(100)
    assert dua(c.capaian("Kurang Inovatif", "Inovatif", skala=skala)) == "50,00"
    assert c.capaian("Tertinggi", "Inovatif", skala=skala).alasan == c.ALASAN_DI_LUAR_SKALA


def test_kualitatif_tidak_dijumlahkan():
    assert c.agregasi("kumulatif", ["Ada", "Ada"]).alasan == c.ALASAN_KUALITATIF
    posisi = c.tc29_kolom_10("non_kumulatif", "Ada", "Ada", "Ada")
    assert posisi.nilai is None and posisi.teks == "Ada"
    assert c.tc29_kolom_11(posisi.nilai_atau_teks, "Ada").nilai == D(100)


def test_format_id():
    assert format_angka(D("1200000000"), 0) == "1.200.000.000"
    assert format_angka(D("66.666"), 2) == "66,67"
    assert format_angka(None) == "–"
