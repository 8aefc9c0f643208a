"""Number formatting for templates: the one set of filters on top of renja.angka."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from renja.angka import STRIP, format_angka

register = template.Library()


def tampil(sel):
    """Text of a cell as printed: Rupiah without decimals, percentages with 2, counts without
    decimals unless the value has them (spec §4.5)."""
    if sel.nilai is None or sel.nilai == "":
        return STRIP if sel.jenis != "teks" else ""
    if sel.desimal is not None:
        return format_angka(sel.nilai, sel.desimal)
    return str(sel.nilai)


@register.filter
def sel_html(sel):
    """A cell for HTML: '–' carries its reason as a tooltip."""
    text = tampil(sel)
    if text == STRIP and sel.alasan:
        return format_html('<span class="undef" title="{}">–</span>', sel.alasan)
    return text


@register.filter
def sel_baris(baris, tabel):
    """The <td> cells of a row: one merged cell for NIHIL and footer texts, and for a Sel
    repeated over consecutive columns (``Baris.rentang``); the name column
    indented by the row's tingkat; cells that differ in the review marked "berubah". Written
    in Python rather than as a template loop: a document has thousands of cells."""
    if baris.gabung:
        kelas = "nihil" if baris.jenis == "nihil" else "gabung"
        return format_html('<td class="{}" colspan="{}">{}</td>', kelas, tabel.jumlah_kolom, sel_html(baris.sel[0]))
    cells = []
    for index, span, sel in baris.rentang():
        kelas = sel.jenis
        if index == tabel.kolom_nama:
            kelas += f" nama t{baris.tingkat}"
        if index in baris.berubah:
            kelas += " berubah"
        if span > 1:
            cells.append(format_html('<td class="{} gabung" colspan="{}">{}</td>', kelas, span, sel_html(sel)))
        else:
            cells.append(format_html('<td class="{}">{}</td>', kelas, sel_html(sel)))
    return mark_safe("".join(cells))  # noqa: S308 - every part went through format_html


@register.filter
def rupiah(value):
    return format_angka(value, 0)


@register.filter
def anchor_tabel(tabel):
    """HTML id of a table: from its number in the document, else its key."""
    return "tabel-" + (tabel.nomor.split()[-1].replace(".", "-") if tabel.nomor else tabel.kunci)


LEBAR_HALAMAN = {"a4": 273, "f4": 306}  # mm between the 12 mm side margins of laporan/pdf.py
MM_PER_HURUF = 1.5  # a bold DejaVu Sans digit at the print's 6.5pt is 0.7 em, a dot 0.4 em
MM_PADDING = 1.6  # the cell's padding and borders
HURUF_TEKS = 6  # a longer word may break inside a text cell; a figure never does


@register.filter
def lebar_kolom(tabel, kertas="a4"):
    """Column widths in % for the fixed table layout of the print (the page width is fixed,
    so long names must wrap instead of pushing the last columns off the page): the weights
    of ``Tabel.bobot_kolom`` on the page, then every column widened to its longest figure (or
    word, up to HURUF_TEKS characters: "Serang" stays whole), taken from the columns with room
    to spare. Tables of
    more than 20 columns print at 5pt instead of 6.5pt (cetak.html)."""
    page = LEBAR_HALAMAN.get(kertas, LEBAR_HALAMAN["a4"])
    per_char = MM_PER_HURUF * (5 / 6.5 if tabel.jumlah_kolom > 20 else 1)
    kinds = tabel.jenis_kolom()
    minimum = [
        min(n, HURUF_TEKS if kind == "teks" else n) * per_char + MM_PADDING
        for n, kind in zip(tabel.terpanjang_kolom(), kinds, strict=True)
    ]
    weights = tabel.bobot_kolom()
    widths = [w * page / sum(weights) for w in weights]
    for _ in range(3):  # widening some columns may push others under their minimum
        short = [i for i, w in enumerate(widths) if w < minimum[i]]
        spare = [i for i, w in enumerate(widths) if w > minimum[i]]
        room = sum(widths[i] - minimum[i] for i in spare)
        if not short or room <= 0:
            break
        deficit = min(sum(minimum[i] - widths[i] for i in short), room)
        for i in short:
            widths[i] = minimum[i]
        widths = [w - deficit * (w - minimum[i]) / room if i in spare else w for i, w in enumerate(widths)]
    return [f"{w * 100 / sum(widths):.2f}" for w in widths]
