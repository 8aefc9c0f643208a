"""Display rounding and Indonesian number formatting: the one place where figures are rounded.

Formulas compute on unrounded Decimal; screens and exports call ``bulatkan``/``format_angka``.
ROUND_HALF_UP, never the built-in round function (banker's rounding turns 62.5 into 62, spec §4.6).
"""

import re
from decimal import ROUND_HALF_UP, Decimal

STRIP = "–"
BATAS_UANG = Decimal(10) ** 15  # Rp 1.000 triliun: far above any OPD's pagu, catches a slipped paste
BATAS_ANGKA = Decimal(10) ** 16  # an indicator value (DecimalField 20,4)


def bulatkan(nilai, desimal=2):
    """Round a Decimal half-up to ``desimal`` places (62.5 → 63 with 0 places); None stays None."""
    if nilai is None:
        return None
    quantum = Decimal(1).scaleb(-desimal)
    return Decimal(nilai).quantize(quantum, rounding=ROUND_HALF_UP)


def format_angka(nilai, desimal=2):
    """Format for id-ID: thousands '.', decimal ',' (1.200.000.000; 66,67). None → '–'."""
    rounded = bulatkan(nilai, desimal)
    if rounded is None:
        return STRIP
    text = f"{rounded:,.{desimal}f}" if desimal > 0 else f"{rounded:,.0f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_ringkas(nilai):
    """Format for id-ID with only the decimals the value has, up to 4 (12,5; 100; 1.250.000.000):
    targets and pagu as the planner typed them. None → '–'."""
    if nilai is None:
        return STRIP
    text = format_angka(nilai, 4)
    return text.rstrip("0").rstrip(",")


def format_rupiah(nilai):
    """Rupiah without decimals: 'Rp 1.200.000.000'."""
    return STRIP if nilai is None else f"Rp {format_angka(nilai, 0)}"


# --------------------------------------------------------------------------- reading numbers

GAYA_ID, GAYA_EN = "id", "en"  # 1.234.567,89 | 1,234,567.89
KOSONG = {"", "-", STRIP, "—"}
_POLA = {
    GAYA_ID: re.compile(r"(\d{1,3}(\.\d{3})+|\d+)(,\d+)?"),
    GAYA_EN: re.compile(r"(\d{1,3}(,\d{3})+|\d+)(\.\d+)?"),
}


class AngkaTidakSah(ValueError):
    """A text that is not a number in the expected style; the message is in Indonesian."""


def _bersih(teks):
    """The text without spaces, 'Rp', '%', and with a Unicode minus as '-'."""
    text = str(teks).replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    return re.sub(r"^(?i:rp\.?)|%$", "", text)


def gaya_angka(daftar_teks):
    """The number style of a block of texts pasted or imported together (a block from Excel
    comes from one locale): English as soon as one text can only be English (1,234.5; 12.5;
    1,234,567), else Indonesian, the default for an ambiguous 1.234 (= 1234) or 12,500 (= 12,5)."""
    for teks in daftar_teks:
        if not isinstance(teks, str):
            continue
        text = _bersih(teks).strip("()+-")
        if "." in text and "," in text:
            return GAYA_EN if text.rfind(".") > text.rfind(",") else GAYA_ID
        if text.count(",") > 1:
            return GAYA_EN
        if text.count(".") > 1:
            return GAYA_ID
        single = re.fullmatch(r"\d+([.,])(\d+)", text)
        if single and len(single.group(2)) != 3:
            return GAYA_EN if single.group(1) == "." else GAYA_ID
    return GAYA_ID


def baca_angka(teks, gaya=GAYA_ID):
    """Decimal of a number typed or pasted as text, in Indonesian style (1.234.567,89) or, with
    ``gaya="en"``, English style (1,234,567.89); 'Rp' and '%' are ignored, '(1.000)' and a
    leading minus are negative. Empty, '-' and '–' give None. Numbers that are already numbers
    (a spreadsheet cell) are taken as they are. Raises AngkaTidakSah with a message in
    Indonesian for anything else."""
    if teks is None:
        return None
    if isinstance(teks, bool):
        raise AngkaTidakSah(f"'{teks}' bukan angka")
    if isinstance(teks, int | float | Decimal):
        return Decimal(str(teks))
    text = _bersih(teks)
    if text in KOSONG:
        return None
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    text = text.strip("()").lstrip("+-")
    if not _POLA[gaya].fullmatch(text):
        contoh = "1.234.567,89" if gaya == GAYA_ID else "1,234,567.89"
        raise AngkaTidakSah(f"'{teks}' bukan angka (contoh penulisan: {contoh})")
    thousands, decimal = (".", ",") if gaya == GAYA_ID else (",", ".")
    value = Decimal(text.replace(thousands, "").replace(decimal, "."))
    return -value if negative else value
