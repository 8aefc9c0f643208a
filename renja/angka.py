"""Display rounding and Indonesian number formatting: the one place where figures are rounded.

Formulas compute on unrounded Decimal; screens and exports call ``bulatkan``/``format_angka``.
ROUND_HALF_UP, never the built-in round function (banker's rounding turns 62.5 into 62, spec §4.6).
"""

from decimal import ROUND_HALF_UP, Decimal

STRIP = "–"


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


def format_rupiah(nilai):
    """Rupiah without decimals: 'Rp 1.200.000.000'."""
    return STRIP if nilai is None else f"Rp {format_angka(nilai, 0)}"
