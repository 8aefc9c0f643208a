"""The shared reading of plan files: codes (current, legacy, wrong segment lengths), the name
check against the master, codes met twice, printed parent totals, tipe and sifat proposals."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renja import sifat
from renja.impor_rencana import (
    KEGIATAN,
    PROGRAM,
    SASARAN,
    SUB_KEGIATAN,
    TOTAL,
    TUJUAN,
    BarisTotal,
    Kamus,
    KodeGanda,
    KodeLama,
    baca_kode,
    selisih_total,
)
from renja.models import Indikator, Pemda
from renja.sel import SelTidakSah


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("5.1.2", "5.01.02"),
        ("5.01.01.2.0 1.02", "5.01.01.2.01.02"),
        (" 5.5.2.2.02.0 1", "5.05.02.2.02.01"),
        ("5,01,02", "5.01.02"),
        (None, None),
        ("", None),
        ("-", None),
    ],
)
def test_kode_sekarang(raw, expected):
    assert baca_kode(raw) == expected


@pytest.mark.parametrize("raw", ["4001,01", "4001.400101.01.003", "4001.400101.13", "4001, 02"])
def test_kode_lama_dikenali_dan_disimpan_seperti_tertulis(raw):
    kode = baca_kode(raw)
    assert isinstance(kode, KodeLama)
    assert kode.teks == raw.replace(" ", "")


def test_segmen_sub_kegiatan_tiga_digit_diusulkan_dua_digit():
    with pytest.raises(SelTidakSah) as error:
        baca_kode("4.01.02.2.02.001")
    assert "melebihi 2 digit" in str(error.value)
    assert "maksudnya 4.01.02.2.02.01?" in str(error.value)
    with pytest.raises(SelTidakSah) as error:
        baca_kode("4.01.02.2.02.0101")
    assert "maksudnya" not in str(error.value)  # 101 does not fit two digits: no proposal


def test_satu_segmen_panjang_bukan_kode():
    with pytest.raises(SelTidakSah, match="hanya satu segmen"):
        baca_kode("4001")


@pytest.fixture
def kamus(db):
    return Kamus(Pemda.objects.get().nomenklatur_versi)


def test_nama_nomenklatur_diterima_tanpa_alias(kamus):
    cocok = kamus.cocokkan("5.01.01.2.02.01", "penyediaan gaji dan  tunjangan ASN")
    assert cocok.node.kode == "5.01.01.2.02.01" and cocok.alias == "" and cocok.peringatan == []
    assert kamus.cocokkan("5.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota").alias


def test_nama_dokumen_disimpan_sebagai_alias(kamus):
    # BAP prints the indicator text as the name of 5.01.01.2.02.01 (spec §3.3 rule 6)
    cocok = kamus.cocokkan("5.01.01.2.02.01", "Jumlah Bulan Penyediaan Gaji dan Tunjangan ASN")
    assert cocok.node.kode == "5.01.01.2.02.01"
    assert cocok.alias == "Jumlah Bulan Penyediaan Gaji dan Tunjangan ASN"
    assert "berbeda dengan nomenklatur" in cocok.peringatan[0]


def test_nama_milik_kode_lain_ditolak_dengan_usul(kamus):
    # SET: 4.01.01.2.01.01 printed with the name of .03 (the names are shifted)
    with pytest.raises(SelTidakSah) as error:
        kamus.cocokkan("5.01.01.2.01.01", "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD")
    text = str(error.value)
    assert "5.01.01.2.01.03" in text and "usul: kode 5.01.01.2.01.03" in text
    assert "1.01.01.2.01.03" not in text  # the same name under another bidang is not proposed


def test_kode_tidak_ada_diusulkan_kode_bernama_sama(kamus):
    with pytest.raises(SelTidakSah) as error:
        kamus.cocokkan("5.01.01.2.02.99", "Penyediaan Gaji dan Tunjangan ASN")
    assert "tidak ada pada nomenklatur" in str(error.value)
    assert "5.01.01.2.02.01" in str(error.value)


def test_kode_ganda_beda_nama():
    ganda = KodeGanda()
    assert ganda.catat("4001.400101.20.001", "Pendidikan dan Pelatihan", 10) is None
    assert ganda.catat("4001.400101.20.001", "pendidikan dan  pelatihan", 11) is None
    pesan = ganda.catat("4001.400101.20.001", "Penataan Kelembagaan", 40)
    assert "baris 10" in pesan and "Penataan Kelembagaan" in pesan


def test_total_induk_p01_dan_p03():
    """P-01: program 5.01.02 printed 1.200.000.000 in T-C.31 while its kegiatan add up to
    2.300.000.000; P-03: the sasaran's 2023 total printed 2.409.000.000 against 8.409.000.000.
    Sub kegiatan figures chosen so that the sums are those of the spec (worked by hand)."""
    m = D(1_000_000)
    rows = [
        BarisTotal(1, TOTAL, None, {"pagu": D(2_900) * m}),  # wrong: the children add to 3,000 M
        BarisTotal(2, TUJUAN, None, {"pagu": D(3_000) * m}),
        BarisTotal(3, SASARAN, None, {"pagu": D(2_300) * m, "pagu_maju": D(2_409) * m}),
        BarisTotal(4, PROGRAM, "5.01.02", {"pagu": D(1_200) * m, "pagu_maju": None}),
        BarisTotal(5, KEGIATAN, "5.01.02.2.01", {"pagu": D(1_200) * m}),
        BarisTotal(6, SUB_KEGIATAN, "5.01.02.2.01.01", {"pagu": D(600) * m, "pagu_maju": D(700) * m}),
        BarisTotal(7, SUB_KEGIATAN, "5.01.02.2.01.02", {"pagu": D(600) * m, "pagu_maju": D(600) * m}),
        BarisTotal(8, KEGIATAN, "5.01.02.2.02", {"pagu": D(550) * m}),
        BarisTotal(9, SUB_KEGIATAN, "5.01.02.2.02.01", {"pagu": D(550) * m, "pagu_maju": D(1_000) * m}),
        BarisTotal(10, KEGIATAN, "5.01.02.2.03", {"pagu": D(550) * m}),
        BarisTotal(11, SUB_KEGIATAN, "5.01.02.2.03.01", {"pagu": D(550) * m, "pagu_maju": D(6_109) * m}),
        BarisTotal(12, SASARAN, None, {"pagu": D(700) * m}),
        BarisTotal(13, PROGRAM, "5.05.02", {"pagu": D(700) * m}),
        BarisTotal(14, SUB_KEGIATAN, "5.05.02.2.01.01", {"pagu": D(700) * m}),
    ]
    found = {(s.nomor, s.kolom): (s.dicetak, s.jumlah, s.anak) for s in selisih_total(rows)}
    assert found == {
        (1, "pagu"): (D(2_900) * m, D(3_000) * m, 5),
        (4, "pagu"): (D(1_200) * m, D(2_300) * m, 4),
        (3, "pagu_maju"): (D(2_409) * m, D(8_409) * m, 4),
    }
    pesan = selisih_total(rows)[0].pesan("Pagu n", "TOTAL")
    assert "Rp 2.900.000.000" in pesan and "Rp 3.000.000.000" in pesan and "selisih -Rp 100.000.000" in pesan


@pytest.mark.parametrize(
    "satuan, nama, teks, tipe",
    [
        ("%", "Tingkat keselarasan dokumen", (), sifat.PERSEN),
        ("Persen", "", (), sifat.PERSEN),
        ("", "Persentase dokumen kelitbangan", (), sifat.PERSEN),
        ("Indeks", "IKM", (), sifat.INDEKS),
        ("Nilai", "Nilai SAKIP", (), sifat.INDEKS),
        ("Dokumen", "Jumlah dokumen", (), sifat.ANGKA),
        ("", "Opini BPK", ("WTP",), sifat.KUALITATIF),
    ],
)
def test_tebak_tipe(satuan, nama, teks, tipe):
    assert sifat.tebak_tipe(satuan, nama, teks)[0] == tipe


@pytest.mark.parametrize(
    "tipe, tahunan, akhir, expected",
    [
        (sifat.ANGKA, [1, 1, 1, 1, 1], 5, sifat.KUMULATIF),  # C-01: 5 = 1+1+1+1+1
        (sifat.ANGKA, [12, 12, 12, 12, 12], 12, sifat.NON_KUMULATIF),  # C-08: 12 < 60
        (sifat.ANGKA, [104, 104, 104, 104, 104], 520, sifat.KUMULATIF),  # C-10: 520 = 5 × 104
        (sifat.PERSEN, [90, 70, 80, 80, 80], 90, sifat.NON_KUMULATIF),  # C-07
        (sifat.ANGKA, [0, 0, 0], 0, sifat.NON_KUMULATIF),
        (sifat.ANGKA, [2, None, 3], None, sifat.NON_KUMULATIF),
        (sifat.ANGKA, [], 4, sifat.NON_KUMULATIF),
    ],
)
def test_usul_sifat(tipe, tahunan, akhir, expected):
    usul, alasan = sifat.usul_sifat(tipe, [None if t is None else D(t) for t in tahunan], akhir)
    assert usul == expected and alasan


def test_usul_sifat_alasan_menyebut_angka():
    assert sifat.usul_sifat(sifat.ANGKA, [D(12)] * 5, D(12))[1] == "target akhir 12 < jumlah target tahunan 60"


@pytest.mark.parametrize(
    "raw, expected",
    [("Kumulatif", "kumulatif"), ("NON-KUMULATIF", "non_kumulatif"), ("Akumulasi", "kumulatif"), ("", None)],
)
def test_baca_sifat(raw, expected):
    assert sifat.baca_sifat(raw) == expected


def test_baca_sifat_salah():
    with pytest.raises(ValueError, match="bukan sifat"):
        sifat.baca_sifat("kadang-kadang")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Angka", "angka"),
        ("Persentase", "persen"),
        ("Indeks/skor", "indeks"),  # the label the app's own Renja template writes
        ("Kategori (berjenjang)", "kategori"),
        (" kualitatif ", "kualitatif"),
        (None, None),
    ],
)
def test_baca_tipe(raw, expected):
    assert sifat.baca_tipe(raw) == expected


def test_baca_tipe_salah_menyebut_nilai_dan_pilihan():
    with pytest.raises(ValueError, match="tipe 'Rupiah' tidak dikenal \\(tulis Angka, Persen, Indeks, Kualitatif"):
        sifat.baca_tipe("Rupiah")


def test_setiap_label_tipe_aplikasi_terbaca():
    """Every tipe label the app writes into a template (Indikator.TipeNilai) reads back as itself."""
    from renja.models import Indikator

    assert {sifat.baca_tipe(label) for _, label in Indikator.TipeNilai.choices} == set(Indikator.TipeNilai.values)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Positif", ("positif", "")),
        ("+", ("positif", "")),
        (" + ", ("positif", "")),
        ("Makin tinggi makin baik", ("positif", "")),
        ("semakin tinggi semakin baik", ("positif", "")),
        ("Positif (makin tinggi makin baik)", ("positif", "")),  # Indikator.Polaritas's label
        ("Negatif (rasio terbalik)", ("negatif", "rasio_terbalik")),
        ("Negatif - rasio terbalik", ("negatif", "rasio_terbalik")),
        ("NEGATIF: target/realisasi", ("negatif", "rasio_terbalik")),
        ("Negatif (selisih)", ("negatif", "selisih")),
        ("Negatif - selisih", ("negatif", "selisih")),
        ("Makin rendah makin baik (selisih)", ("negatif", "selisih")),
        # Indikator.MetodeNegatif's labels, alone or after the polarity's
        ("Target / realisasi × 100", ("negatif", "rasio_terbalik")),
        ("Negatif (makin rendah makin baik): (2 × target − realisasi) / target × 100", ("negatif", "selisih")),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_baca_polaritas(raw, expected):
    assert sifat.baca_polaritas(raw) == expected


@pytest.mark.parametrize("raw", ["Negatif", "-", "–", "makin rendah makin baik", "Negatif (makin rendah makin baik)"])
def test_baca_polaritas_negatif_tanpa_metode_ditolak(raw):
    """The metode changes the capaian (target/realisasi or 2×target−realisasi): never guessed."""
    with pytest.raises(ValueError) as error:
        sifat.baca_polaritas(raw)
    pesan = str(error.value)
    assert f"polaritas '{raw}' tanpa metode capaian" in pesan
    assert '"Negatif (rasio terbalik)"' in pesan and '"Negatif (selisih)"' in pesan


@pytest.mark.parametrize("raw", ["kadang-kadang", "Positif negatif", "positif (selisih)", "?", 1])
def test_baca_polaritas_kata_asing_menyebut_pilihan(raw):
    with pytest.raises(ValueError, match=r"bukan polaritas indikator \(tulis Positif, Negatif \(rasio terbalik\) atau"):
        sifat.baca_polaritas(raw)


def test_baca_polaritas_metode_asing_ditolak():
    with pytest.raises(ValueError, match="metode polaritas negatif 'Negatif \\(rata-rata\\)' tidak dikenal"):
        sifat.baca_polaritas("Negatif (rata-rata)")


def test_setiap_teks_polaritas_templat_terbaca_kembali():
    """Every polarity the database allows, as the templates write it (teks_polaritas), reads back
    as itself; so do the texts of POLARITAS_TEKS."""
    from renja.models import Indikator

    allowed = [(Indikator.Polaritas.POSITIF, "")] + [
        (Indikator.Polaritas.NEGATIF, metode) for metode in Indikator.MetodeNegatif.values
    ]
    assert {sifat.baca_polaritas(sifat.teks_polaritas(*p)) for p in allowed} == set(allowed)
    assert all(sifat.baca_polaritas(teks) == p for p, teks in sifat.POLARITAS_TEKS.items())
    assert sifat.teks_polaritas("positif", "selisih") == "Positif"  # a leftover metode is not written


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Kurang Inovatif < Inovatif < Sangat Inovatif", ["Kurang Inovatif", "Inovatif", "Sangat Inovatif"]),
        ("Kurang;Cukup ; Baik", ["Kurang", "Cukup", "Baik"]),
        ("Rendah → Sedang → Tinggi", ["Rendah", "Sedang", "Tinggi"]),
        ("D | C | B | A", ["D", "C", "B", "A"]),
        ("Kurang\nBaik", ["Kurang", "Baik"]),
        ("Kurang, Cukup, Baik", ["Kurang", "Cukup", "Baik"]),  # commas only when nothing else separates
        ("Cukup, tapi belum < Baik", ["Cukup, tapi belum", "Baik"]),
        ("  Sangat   Kurang  < Baik", ["Sangat Kurang", "Baik"]),
        (None, None),
        ("  ", None),
    ],
)
def test_baca_skala(raw, expected):
    assert sifat.baca_skala(raw) == expected


@pytest.mark.parametrize(
    ("raw", "pesan"),
    [
        ("Baik", "hanya satu tingkat"),
        ("Baik < ", "hanya satu tingkat"),
        ("Baik < Cukup < BAIK", "tingkat 'BAIK' disebut dua kali"),
        ("A < " + "x" * 61, "lebih dari 60 karakter"),
    ],
)
def test_baca_skala_salah(raw, pesan):
    with pytest.raises(ValueError, match=pesan):
        sifat.baca_skala(raw)


def test_teks_skala_terbaca_kembali_dan_nilai_di_luar_skala():
    skala = ["Kurang Inovatif", "Inovatif", "Sangat Inovatif"]
    assert sifat.baca_skala(sifat.teks_skala(skala)) == skala
    assert sifat.di_luar_skala(" sangat  inovatif ", skala) is None and sifat.di_luar_skala("", skala) is None
    assert sifat.di_luar_skala("Cukup", skala) == (
        "'Cukup' tidak ada pada skala kategori (Kurang Inovatif < Inovatif < Sangat Inovatif)"
    )
    assert sifat.galat_skala("kategori", skala) is None and sifat.galat_skala("angka", []) is None
    assert "memerlukan skala kategori" in sifat.galat_skala("kategori", ["Baik"])
    assert "hanya untuk indikator bertipe Kategori" in sifat.galat_skala("persen", skala)
    assert sifat.galat_skala("persen", skala, dari_berkas=False) is None


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=80), st.integers(), st.floats(allow_nan=True)))
def test_pembaca_kolom_indikator_hanya_menolak_dengan_valueerror(raw):
    """Whatever a cell holds, each column parser answers or refuses with its Indonesian
    ValueError, never another exception; what it answers is what the model accepts."""
    for baca, pilihan in (
        (sifat.baca_polaritas, None),
        (sifat.baca_skala, None),
        (sifat.baca_sifat, Indikator.Sifat.values),
        (sifat.baca_tipe, Indikator.TipeNilai.values),
    ):
        try:
            hasil = baca(raw)
        except ValueError as error:
            assert str(error)
            continue
        if hasil is None:
            continue
        if baca is sifat.baca_polaritas:
            assert hasil[0] in Indikator.Polaritas.values and (hasil[0] == "positif") == (hasil[1] == "")
        elif baca is sifat.baca_skala:
            assert len(hasil) >= 2 and all(0 < len(t) <= sifat.PANJANG_TINGKAT for t in hasil)
        else:
            assert hasil in pilihan
