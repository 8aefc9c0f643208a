"""Number formatting for templates: the one set of filters on top of renja.angka."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from laporan import lebar
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
    indented by the row's tingkat; a code marked "kode" (it never wraps); cells that differ in the review marked "berubah". Written
    in Python rather than as a template loop: a document has thousands of cells."""
    if baris.gabung:
        kelas = "nihil" if baris.jenis == "nihil" else "gabung"
        return format_html('<td class="{}" colspan="{}">{}</td>', kelas, tabel.jumlah_kolom, sel_html(baris.sel[0]))
    cells = []
    for index, span, sel in baris.rentang():
        kelas = "teks kode" if sel.jenis == "teks" and lebar.KODE.match(str(sel.nilai)) else sel.jenis
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


@register.filter
def lebar_kolom(tabel, kertas="a4"):
    """Column widths in % for the fixed table layout of the print (``laporan.lebar``)."""
    widths = lebar.lebar_kolom(tabel, kertas)
    return [f"{w * 100 / sum(widths):.2f}" for w in widths]


@register.filter
def label_kolom(label):
    """A numbered-column label as printed: its pieces (``laporan.lebar.label_kolom``) each kept
    on one line, a line break allowed only between them (after a formula's "=")."""
    pieces = lebar.label_kolom(label).split(lebar.ZWSP)
    return format_html_join(lebar.ZWSP, '<span class="utuh">{}</span>', ((piece,) for piece in pieces))
