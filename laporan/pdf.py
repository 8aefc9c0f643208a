"""PDF renderer: the print template (``laporan/cetak.html``) through WeasyPrint.

The same rows as the HTML page; the print CSS puts the narrative in portrait and the tables
in landscape A4 or F4 (CSS named pages: a sub-bab with a table prints on ``lanskap`` pages),
repeats the table header and the numbered column row on every page (``thead``), never splits
a row across pages, hyphenates Indonesian words where a column must wrap (``hyphens: auto``
with ``lang="id"``, pyphen's id_ID dictionary) and prints a running header with the OPD and
year.

A PDF is made by a worker (``laporan.tugas``), never in the web process. The print is cut
where a new page starts anyway (each bab, each change between portrait and landscape: the
``PEMISAH`` comments of the template) and the parts are laid out one after the other, so that
the job can report its progress (parts laid out / total). Page numbers depend on all the parts, so they come
afterwards:

1. the parts are rendered, each giving its PDF, its page count and the page of each anchor
   (``id``) in it;
2. the front matter (cover, Daftar Isi, Daftar Tabel) is rendered last, with the page number
   of each entry written in (``<!--hal:anchor-->``); its links are kept;
3. the pages are joined and "Halaman X dari Y" is stamped on each page but the cover, from a
   layer of page numbers rendered by WeasyPrint and merged over the page (pypdf); the Daftar
   Isi becomes the PDF outline.

Parallelism comes from the number of workers; the per-request pool of layout processes is
gone (bench/RESULTS.md has the times).
"""

import logging
import re
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from weasyprint import CSS, HTML
from weasyprint import LOGGER as WEASYPRINT_LOGGER

# (portrait, landscape) of each paper; F4 is folio, 215 × 330 mm
UKURAN = {"a4": ("A4 portrait", "A4 landscape"), "f4": ("215mm 330mm", "330mm 215mm")}
MARGIN = "18mm 12mm 16mm 12mm"  # of the pages and of the page-number layer alike
PEMISAH = "<!--halaman-baru-->"  # the template's cut points: a new page starts there anyway
AKHIR_DEPAN = "<!--akhir-bagian-depan-->"  # ends the cover and the lists, whose numbers come last
NOMOR_ENTRI = re.compile(r"<!--hal:([^>]*)-->")  # the page number of an entry of the lists, to come
PX = 0.75  # WeasyPrint lays out in CSS px; the PDF is in points

logger = logging.getLogger(__name__)


class _TanpaAnchorLuar(logging.Filter):
    """The front matter links to anchors that are in the other parts; WeasyPrint would warn
    of each one (the links are made in ``gabung``)."""

    def filter(self, record):
        return not record.getMessage().startswith("No anchor #")


WEASYPRINT_LOGGER.addFilter(_TanpaAnchorLuar())
_DASAR = CSS(filename=str(Path(__file__).with_name("cetak_dasar.css")))


class Bagian(NamedTuple):
    """One rendered part: its PDF, page count, the 0-based page of each anchor, its
    internal links as (anchor, page, (x1, y1, x2, y2) in px from the top left), and whether
    each page is landscape."""

    pdf: bytes
    halaman: int
    anchors: dict
    links: list
    lanskap: list


class _HTML(HTML):
    """WeasyPrint's HTML with the small base stylesheet of ``cetak_dasar.css`` (see there). The
    one private WeasyPrint API kept: it saves a quarter of the layout time (bench/RESULTS.md),
    and WeasyPrint has no public way to replace its user-agent stylesheet."""

    def _ua_stylesheets(self, forms=False):
        return [_DASAR]


def render_bagian(html):
    """Lay out and write one part."""
    document = _HTML(string=html).render()
    anchors = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:  # an element spanning pages is on each: keep its first page
            anchors.setdefault(name, number)
    links = [
        (target, number, rect)
        for number, page in enumerate(document.pages)
        for kind, target, rect, _ in page.links
        if kind == "internal"
    ]
    lanskap = [page.width > page.height for page in document.pages]
    return Bagian(document.write_pdf(), len(document.pages), anchors, links, lanskap)


def render_semua(parts, maju):
    """``render_bagian`` of every part, in order, calling ``maju()`` after each."""
    bagian = []
    for part in parts:
        bagian.append(render_bagian(part))
        maju()
    return bagian


def halaman_anchor(isi, mulai):
    """The 0-based page of every anchor of the parts ``isi`` when they follow ``mulai`` pages."""
    nomor = {}
    for bagian in isi:
        nomor.update({name: mulai + page for name, page in bagian.anchors.items()})
        mulai += bagian.halaman
    return nomor


def gabung(bagian, lapisan, sampul, daftar_isi, judul, nomor):
    """One PDF from the rendered parts (the front matter first when ``sampul``): page numbers
    stamped from ``lapisan`` on every page but the cover, the front matter's links pointed at
    their pages, and the Daftar Isi (``daftar_isi``, with ``nomor`` of each anchor) as outline."""
    writer = PdfWriter()
    for part in bagian:
        for page in PdfReader(BytesIO(part.pdf)).pages:
            writer.add_page(page)
    nomor_halaman = PdfReader(BytesIO(lapisan)).pages
    for number, page in enumerate(writer.pages):
        if not (sampul and number == 0):
            page.merge_page(nomor_halaman[number])  # the page number over the page's own content
            page.compress_content_streams()
    if sampul:
        for target, number, (x1, y1, x2, y2) in bagian[0].links:
            if target not in bagian[0].anchors:  # WeasyPrint linked those within the front matter
                top = float(writer.pages[number].mediabox.top)
                rect = (x1 * PX, top - y2 * PX, x2 * PX, top - y1 * PX)
                writer.add_annotation(number, Link(rect=rect, target_page_index=nomor[target]))
    induk = None
    for angka, teks, anchor, tingkat in daftar_isi:
        if anchor in nomor:
            item = writer.add_outline_item(
                title=f"{angka} {teks}", page_number=nomor[anchor], parent=induk if tingkat > 1 else None
            )
            induk = item if tingkat == 1 else induk
    writer.add_metadata({"/Title": judul})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def ukuran(context):
    """The page sizes and margin of the print templates for ``context``'s paper."""
    potret, lanskap = UKURAN.get(context.get("kertas", "a4"), UKURAN["a4"])
    return {"ukuran_potret": potret, "ukuran_lanskap": lanskap, "margin": MARGIN}


def html_cetak(context, request=None):
    """The HTML of the print (``laporan/cetak.html``), before it is cut into parts."""
    return render_to_string("laporan/cetak.html", {**context, **ukuran(context), "cetak": True}, request)


def tulis_pdf(context, request=None, maju=None):
    """Bytes of the PDF for ``context`` (``dokumen`` or ``daftar_tabel``, ``renja``, ``kertas``);
    ``maju(selesai, jumlah)`` is told of every part laid out."""
    head, body = html_cetak(context, request).split("<body>", 1)
    depan, _, isi = body.rpartition(AKHIR_DEPAN)

    def halaman_html(part):
        return f"{head}<body>{part}</body></html>"

    def lapisan_html(bagian):
        """The page-number layer: one empty page per page, each in its page's orientation."""
        lanskap = [page for part in bagian for page in part.lanskap]
        layer = {**ukuran(context), "sampul": bool(depan), "halaman": lanskap}
        return render_to_string("laporan/cetak_nomor.html", layer)

    parts = [halaman_html(part) for part in isi.split(PEMISAH) if part.strip()]
    jumlah_bagian = len(parts) + (3 if depan else 1)  # the front matter twice, the page-number layer
    selesai = 0

    def langkah():
        nonlocal selesai
        selesai = min(selesai + 1, jumlah_bagian)
        if maju:
            maju(selesai, jumlah_bagian)

    if not depan:
        bagian = render_semua(parts, langkah)
        nomor = halaman_anchor(bagian, 0)
        [lapisan] = render_semua([lapisan_html(bagian)], langkah)
    else:
        # The front matter's length (with placeholder numbers) is laid out with the parts; then
        # the front matter with its numbers and the page-number layer, at the same time. Should
        # the numbers change the front matter's length, both are laid out again.
        depan = halaman_html(depan)
        *bagian, front = render_semua([*parts, NOMOR_ENTRI.sub("00", depan)], langkah)
        for _ in range(3):
            nomor = {**front.anchors, **halaman_anchor(bagian, front.halaman)}
            numbered = NOMOR_ENTRI.sub(lambda m, nomor=nomor: str(nomor[m.group(1)] + 1), depan)
            akhir, lapisan = render_semua([numbered, lapisan_html([front, *bagian])], langkah)
            if akhir.halaman == front.halaman:
                break
            front = akhir
        else:
            raise RuntimeError("Jumlah halaman bagian depan tidak stabil.")
        bagian.insert(0, akhir)
    dokumen = context.get("dokumen")
    return gabung(
        bagian,
        lapisan.pdf,
        sampul=bool(depan),
        daftar_isi=dokumen.daftar_isi if dokumen else [],
        judul=context.get("judul") or (dokumen.judul if dokumen else ""),
        nomor=nomor,
    )
