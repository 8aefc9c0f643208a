"""Number formatting for templates: the one set of filters on top of renja.angka."""

from decimal import Decimal

from django import template
from django.utils.html import format_html

from renja.angka import STRIP, format_angka

register = template.Library()


def tampil(sel):
    """Text of a cell as printed: Rupiah without decimals, percentages with 2, counts without
    decimals unless the value has them (spec §4.5)."""
    if sel.nilai is None or sel.nilai == "":
        return STRIP if sel.jenis != "teks" else ""
    if sel.jenis == "uang":
        return format_angka(sel.nilai, 0)
    if sel.jenis == "persen":
        return format_angka(sel.nilai, 2)
    if sel.jenis == "angka":
        value = Decimal(sel.nilai).normalize()
        places = max(0, -value.as_tuple().exponent)
        return format_angka(sel.nilai, min(places, 4))
    return str(sel.nilai)


@register.filter
def sel_html(sel):
    """A cell for HTML: '–' carries its reason as a tooltip."""
    text = tampil(sel)
    if text == STRIP and sel.alasan:
        return format_html('<span class="undef" title="{}">–</span>', sel.alasan)
    return text


@register.filter
def rupiah(value):
    return format_angka(value, 0)
