"""Reading numbers typed or pasted in Indonesian or English style (renja.angka.baca_angka)."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renja.angka import GAYA_EN, GAYA_ID, AngkaTidakSah, baca_angka, bulatkan, format_angka, gaya_angka


@pytest.mark.parametrize(
    "teks, gaya, nilai",
    [
        ("1.200.000.000", GAYA_ID, D("1200000000")),
        ("Rp 1.200.000.000", GAYA_ID, D("1200000000")),
        ("Rp1.200.000", GAYA_ID, D("1200000")),
        ("66,67", GAYA_ID, D("66.67")),
        ("66,67%", GAYA_ID, D("66.67")),
        ("1.234,5", GAYA_ID, D("1234.5")),
        ("1.234", GAYA_ID, D("1234")),  # ambiguous: Indonesian thousands
        ("12,500", GAYA_ID, D("12.5")),  # ambiguous: Indonesian decimal comma
        ("1,200,000,000", GAYA_EN, D("1200000000")),
        ("66.67", GAYA_EN, D("66.67")),
        ("1,234.5", GAYA_EN, D("1234.5")),
        (" 95 ", GAYA_ID, D("95")),
        ("1\u00a0234,5", GAYA_ID, D("1234.5")),  # a non-breaking space from a spreadsheet
        ("-5", GAYA_ID, D("-5")),
        ("\u22125", GAYA_ID, D("-5")),
        ("(1.000)", GAYA_ID, D("-1000")),
        ("", GAYA_ID, None),
        ("-", GAYA_ID, None),
        ("–", GAYA_ID, None),
        (None, GAYA_ID, None),
        (1200, GAYA_ID, D("1200")),
        (12.5, GAYA_ID, D("12.5")),
    ],
)
def test_baca_angka(teks, gaya, nilai):
    assert baca_angka(teks, gaya) == nilai


@pytest.mark.parametrize("teks", ["abc", "1.23.4", "12,3,4", "1.234.5", ",5", "1 ekor", "1e5", "100%%", True])
def test_bukan_angka_pesan_berbahasa_indonesia(teks):
    with pytest.raises(AngkaTidakSah, match="bukan angka"):
        baca_angka(teks)


@pytest.mark.parametrize(
    "blok, gaya",
    [
        (["1.200.000", "95"], GAYA_ID),
        (["66,67", "1.234"], GAYA_ID),
        (["1.234", "12.5"], GAYA_EN),  # 12.5 can only be English, so 1.234 is 1.234 here
        (["1,234.56"], GAYA_EN),
        (["1.234,56"], GAYA_ID),
        (["1,200,000"], GAYA_EN),
        (["1.234", "12,500"], GAYA_ID),
        ([1200, None, ""], GAYA_ID),
    ],
)
def test_gaya_satu_blok(blok, gaya):
    assert gaya_angka(blok) == gaya


nilai = st.decimals(min_value=-(10**13), max_value=10**13, places=4, allow_nan=False, allow_infinity=False)


@given(nilai, st.integers(min_value=0, max_value=4))
def test_tulisan_indonesia_terbaca_kembali(value, places):
    """What the app prints (format_angka) reads back as the printed value."""
    assert baca_angka(format_angka(value, places), GAYA_ID) == bulatkan(value, places)


@given(nilai, st.integers(min_value=0, max_value=4))
def test_tulisan_inggris_terbaca_kembali(value, places):
    """A figure copied from an English-locale spreadsheet (1,234.5) reads back as itself."""
    text = f"{bulatkan(value, places):,.{places}f}"
    assert baca_angka(text, GAYA_EN) == bulatkan(value, places)
