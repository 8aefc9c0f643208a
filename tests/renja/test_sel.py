"""Reading imported spreadsheet cells (renja.sel): the parser cases of spec §5.3 and §4.4–§4.5,
and Hypothesis fuzzing (no exception but SelTidakSah, and round trips of what we print)."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renja.angka import format_angka
from renja.sel import INDEKS, JUMLAH, PERSEN, SelTidakSah, baca_nilai, baca_uang

# --------------------------------------------------------------------------- spec §5.3


@pytest.mark.parametrize(
    "raw, nilai, peringatan",
    [
        ("1,200,000, 000", D("1200000000"), False),  # PDF wrap inside the number
        ("8.309,000.000", D("8309000000"), True),  # mixed separators (BAP:1222)
        ("1.200,000,000", D("1200000000"), True),  # BAP:1227
        ("450.000.000", D("450000000"), False),
        ("237050000", D("237050000"), False),
        ("55.792.371.818", D("55792371818"), False),
        ("Rp. 3.246.145.-", D("3246145"), False),  # trailing .- stripped
        ("Rp 1.200.000.000", D("1200000000"), False),
        ("1.234.567,89", D("1234567.89"), False),
        (1200000000, D("1200000000"), False),  # a number from the workbook
        (1200000000.0, D("1200000000.0"), False),
    ],
)
def test_uang(raw, nilai, peringatan):
    sel = baca_uang(raw)
    assert sel.nilai == nilai and bool(sel.peringatan) == peringatan


@pytest.mark.parametrize("raw", ["12x", "1.2.3", "1,20,000", "-5.000", "(1.000)", "=SUM(A1:A3)", "#REF!"])
def test_uang_ditolak(raw):
    with pytest.raises(SelTidakSah):
        baca_uang(raw)


@pytest.mark.parametrize(
    "raw, konteks, nilai, satuan",
    [
        ("6,4", INDEKS, D("6.4"), ""),
        ("12,00", INDEKS, D("12.00"), ""),
        ("3,4365", INDEKS, D("3.4365"), ""),
        ("54.80", INDEKS, D("54.80"), ""),  # sibling cells may hold 54,64: each is read on its own
        ("54,64", INDEKS, D("54.64"), ""),
        ("66,667", PERSEN, D("66.667"), ""),  # ambiguous → a percentage is a decimal
        ("1.200", JUMLAH, D("1200"), ""),  # ambiguous → a count is grouped
        ("24 Bulan", JUMLAH, D("24"), "Bulan"),
        ("97%", PERSEN, D("97"), "%"),
        ("85 %", PERSEN, D("85"), "%"),
        ("1.234,5", INDEKS, D("1234.5"), ""),
        ("1.200.000", JUMLAH, D("1200000"), ""),
        ("-2,5", INDEKS, D("-2.5"), ""),
        (65, JUMLAH, D("65"), ""),
        (0.1, PERSEN, D("0.1"), ""),
    ],
)
def test_nilai_indikator(raw, konteks, nilai, satuan):
    sel = baca_nilai(raw, konteks)
    assert (sel.nilai, sel.satuan, sel.teks) == (nilai, satuan, "")


def test_ambigu_ditolak_tanpa_konteks():
    with pytest.raises(SelTidakSah, match="'66,667' ambigu"):
        baca_nilai("66,667", INDEKS)


@pytest.mark.parametrize("raw", ["Ada", "Inovatif", "Tertinggi"])
def test_kualitatif(raw):
    sel = baca_nilai(raw)
    assert (sel.nilai, sel.teks) == (None, raw)


@pytest.mark.parametrize("raw", ["#REF!", "#DIV/0!", "#N/A", "#value!", "=A1*2"])
def test_galat_spreadsheet_ditolak(raw):
    with pytest.raises(SelTidakSah, match="galat spreadsheet|rumus"):
        baca_nilai(raw)


@pytest.mark.parametrize("raw", ["28 Titik dan 5 Kegiatan", "2 (12 Sub Keg. Sosialisasi)", "1 1"])
def test_nilai_majemuk_ditolak(raw):
    with pytest.raises(SelTidakSah, match="lebih dari satu angka"):
        baca_nilai(raw, JUMLAH)


def test_satuan_berbeda_diperingatkan():
    sel = baca_nilai("60 Unit", JUMLAH, satuan_indikator="Bulan")  # spec §4.4: "4 = 60 Unit" for "Jumlah Bulan …"
    assert sel.nilai == D("60") and sel.peringatan == ["satuan 'Unit' berbeda dengan satuan indikator 'Bulan'"]
    assert baca_nilai("97 %", PERSEN, satuan_indikator="Persen").peringatan == []
    assert baca_nilai("5 dokumen", JUMLAH, satuan_indikator="Dokumen").peringatan == []


@pytest.mark.parametrize("raw", [None, "", "-", "–", "  "])
def test_kosong(raw):
    assert baca_nilai(raw).kosong and baca_uang(raw).kosong


# --------------------------------------------------------------------------- fuzzing

sel_mentah = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.text(alphabet="0123456789.,- %RpBulan#REF!()=\u00a0", max_size=25),
)


@given(sel_mentah, st.sampled_from([INDEKS, PERSEN, JUMLAH]))
def test_tidak_ada_pengecualian_lain(raw, konteks):
    for fn in (baca_uang, lambda r: baca_nilai(r, konteks)):
        try:
            sel = fn(raw)
        except SelTidakSah as error:
            assert str(error)
        else:
            assert sel.nilai is None or isinstance(sel.nilai, D)


@given(st.decimals(min_value=0, max_value=D("999999999999999"), places=0))
def test_rupiah_tercetak_terbaca_kembali(nilai):
    assert baca_uang(format_angka(nilai, 0)).nilai == nilai
    assert baca_uang(f"Rp {nilai:,.0f}").nilai == nilai  # English grouping


@given(st.decimals(min_value=0, max_value=D("99999"), places=2))
def test_persen_tercetak_terbaca_kembali(nilai):
    assert baca_nilai(format_angka(nilai, 2) + " %", PERSEN).nilai == nilai


def test_persen_di_atas_100_diperingatkan():
    sel = baca_nilai("8649%", PERSEN)
    assert sel.nilai == D(8649) and "lebih dari 100 %" in sel.peringatan[0]
    assert baca_nilai("99,5 %", PERSEN).peringatan == []
