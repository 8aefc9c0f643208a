"""PDF renderer: the print template (``laporan/cetak.html``) through WeasyPrint.

The same rows as the HTML page; the print CSS puts the page in landscape A4 or F4, repeats
the table header and the numbered column row on every page (``thead``), never splits a row
across pages, and prints page numbers and a running header with the OPD and year.
"""

from django.template.loader import render_to_string
from weasyprint import HTML

UKURAN = {"a4": "A4 landscape", "f4": "330mm 215mm"}  # F4 (folio, 215 × 330 mm), landscape


def tulis_pdf(context, request=None):
    """Bytes of the PDF for ``context`` (``dokumen`` or ``daftar_tabel``, ``renja``, ``kertas``)."""
    kertas = context.get("kertas", "a4")
    context = {**context, "ukuran_kertas": UKURAN.get(kertas, UKURAN["a4"]), "cetak": True}
    html = render_to_string("laporan/cetak.html", context, request)
    return HTML(string=html).write_pdf()
