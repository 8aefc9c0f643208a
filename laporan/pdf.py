"""PDF renderer: the print template (``laporan/cetak.html``) through WeasyPrint.

The same rows as the HTML page; the print CSS puts the page in landscape A4 or F4, repeats
the table header and the numbered column row on every page (``thead``), never splits a row
across pages, and prints a running header with the OPD and year.

A whole Renja is ~50 pages and 7,700 table cells, which WeasyPrint lays out in about 7 s on
one core. The print is therefore cut where a new page starts anyway (each bab, each large
table: the ``PEMISAH`` comments of the template) and the parts are laid out at the same time
in a pool of processes. Page numbers depend on all the parts, so they come afterwards:

1. the parts are rendered in the pool, each giving its PDF, its page count and the page of
   each anchor (``id``) in it;
2. the front matter (cover, Daftar Isi, Daftar Tabel) is rendered last, with the page number
   of each entry written in (``<!--hal:anchor-->``); its links are kept;
3. the pages are joined and "Halaman X dari Y" is stamped on each page but the cover, from a
   layer of page numbers rendered by WeasyPrint and drawn as a form XObject, so the pages'
   own content is copied untouched; the Daftar Isi becomes the PDF outline.
"""

import logging
import multiprocessing
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject
from weasyprint import CSS, HTML
from weasyprint import LOGGER as WEASYPRINT_LOGGER

UKURAN = {"a4": "A4 landscape", "f4": "330mm 215mm"}  # F4 (folio, 215 × 330 mm), landscape
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
_pool = None
_pool_lock = threading.Lock()


class Bagian(NamedTuple):
    """One rendered part: its PDF, page count, the 0-based page of each anchor, and its
    internal links as (anchor, page, (x1, y1, x2, y2) in px from the top left)."""

    pdf: bytes
    halaman: int
    anchors: dict
    links: list


class _HTML(HTML):
    """WeasyPrint's HTML with the small base stylesheet of ``cetak_dasar.css`` (see there)."""

    def _ua_stylesheets(self, forms=False):
        return [_DASAR]


def render_bagian(html):
    """Lay out and write one part (runs in a worker process)."""
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
    return Bagian(document.write_pdf(), len(document.pages), anchors, links)


def jumlah_proses():
    """Processes laying out parts at once: ``LAPORAN_PDF_PROSES``, else one more than the cores
    (at most 4). The parts differ in size; with more processes than cores the system shares
    the cores among the large ones instead of leaving a core idle at the end (measured on 2
    cores: 3.2–3.7 s with 3 processes, 3.6–4.3 s with 2)."""
    setting = getattr(settings, "LAPORAN_PDF_PROSES", None)
    cores = os.cpu_count() or 1
    return setting or (1 if cores == 1 else min(4, cores + 1))


def _get_pool():
    """The shared pool, started on first use. Its processes come from a fork server that has
    imported this module (WeasyPrint and its fonts ready) and runs no threads of its own, so
    starting them from a threaded web server is safe."""
    global _pool
    with _pool_lock:
        if _pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__])
            _pool = ProcessPoolExecutor(jumlah_proses(), mp_context=context)
        return _pool


def render_semua(parts):
    """``render_bagian`` of every part, in order. With more than one core the parts go to the
    pool, largest first (a single part too: the pool's processes have WeasyPrint warm); if the
    pool breaks (a killed worker) it is replaced next time and the parts are laid out here."""
    global _pool
    if jumlah_proses() < 2:
        return [render_bagian(part) for part in parts]
    pool = _get_pool()
    try:
        futures = {
            i: pool.submit(render_bagian, parts[i]) for i in sorted(range(len(parts)), key=lambda i: -len(parts[i]))
        }
        return [futures[i].result() for i in range(len(parts))]
    except BrokenProcessPool:
        logger.warning("Pool proses PDF rusak; dokumen dicetak di proses ini.")
        with _pool_lock:
            _pool = None
        return [render_bagian(part) for part in parts]


def halaman_anchor(isi, mulai):
    """The 0-based page of every anchor of the parts ``isi`` when they follow ``mulai`` pages."""
    nomor = {}
    for bagian in isi:
        nomor.update({name: mulai + page for name, page in bagian.anchors.items()})
        mulai += bagian.halaman
    return nomor


def _tambah(writer, stream):
    """Add a stream as an indirect object (streams may not be direct objects in a PDF)."""
    return writer._add_object(stream)


def cap_nomor(writer, page, lapisan, nama):
    """Draw page ``lapisan`` of the page-number layer over ``page`` as a form XObject. The
    page's content is wrapped in q … Q and left as it is (no parsing, no renaming)."""
    form = DecodedStreamObject()
    form.set_data(lapisan.get_contents().get_data())
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = lapisan.mediabox
    form[NameObject("/Resources")] = lapisan["/Resources"].clone(writer)
    resources = page["/Resources"].get_object()
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    resources["/XObject"].get_object()[NameObject(nama)] = _tambah(writer, form)
    awal, akhir = DecodedStreamObject(), DecodedStreamObject()
    awal.set_data(b"q\n")
    akhir.set_data(f"\nQ\n{nama} Do\n".encode())
    contents = page["/Contents"]
    old = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject([_tambah(writer, awal), *old, _tambah(writer, akhir)])


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
            cap_nomor(writer, page, nomor_halaman[number], f"/NomorHalaman{number + 1}")
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


def tulis_pdf(context, request=None):
    """Bytes of the PDF for ``context`` (``dokumen`` or ``daftar_tabel``, ``renja``, ``kertas``)."""
    ukuran = UKURAN.get(context.get("kertas", "a4"), UKURAN["a4"])
    html = render_to_string(
        "laporan/cetak.html", {**context, "ukuran_kertas": ukuran, "margin": MARGIN, "cetak": True}, request
    )
    head, body = html.split("<body>", 1)
    depan, _, isi = body.rpartition(AKHIR_DEPAN)

    def halaman_html(part):
        return f"{head}<body>{part}</body></html>"

    def lapisan_html(jumlah):
        layer = {"ukuran_kertas": ukuran, "margin": MARGIN, "sampul": bool(depan), "halaman": range(jumlah)}
        return render_to_string("laporan/cetak_nomor.html", layer)

    parts = [halaman_html(part) for part in isi.split(PEMISAH) if part.strip()]
    if not depan:
        bagian = render_semua(parts)
        nomor = halaman_anchor(bagian, 0)
        lapisan = render_bagian(lapisan_html(sum(part.halaman for part in bagian)))
    else:
        # The front matter's length (with placeholder numbers) is laid out with the parts; then
        # the front matter with its numbers and the page-number layer, at the same time. Should
        # the numbers change the front matter's length, both are laid out again.
        depan = halaman_html(depan)
        *bagian, front = render_semua([*parts, NOMOR_ENTRI.sub("00", depan)])
        for _ in range(3):
            nomor = {**front.anchors, **halaman_anchor(bagian, front.halaman)}
            jumlah = front.halaman + sum(part.halaman for part in bagian)
            numbered = NOMOR_ENTRI.sub(lambda m, nomor=nomor: str(nomor[m.group(1)] + 1), depan)
            akhir, lapisan = render_semua([numbered, lapisan_html(jumlah)])
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
