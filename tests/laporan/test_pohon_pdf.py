"""The PDF's appendix "Lampiran: Pohon Kinerja": present after Bab V, one landscape page per
drawing (no drawing spills onto a second page), its text extractable (pypdf)."""

import os
from io import BytesIO

import pytest
from pypdf import PdfReader

from laporan import pdf, unduhan
from laporan.builders.pohon import pohon_kinerja


@pytest.mark.django_db
def test_lampiran_pohon_kinerja_di_pdf(bappeda):
    o = unduhan.opsi("dokumen", {"format": "pdf"}, {})
    data = pdf.tulis_pdf(unduhan.isi(bappeda, o))
    if os.environ.get("POHON_PDF"):  # to look at it: POHON_PDF=/tmp/pohon.pdf
        with open(os.environ["POHON_PDF"], "wb") as out:
            out.write(data)
    reader = PdfReader(BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    first = next(i for i, text in enumerate(pages) if "LAMPIRAN" in text and "POHON KINERJA" in text and i > 2)
    lampiran = pages[first:]
    drawings = pohon_kinerja(bappeda).halaman
    assert len(lampiran) == len(drawings)  # each drawing on one page, nothing after the appendix
    assert "BAB V" not in "".join(lampiran)
    text = " ".join(lampiran)
    assert "TUJUAN 1" in text and "SUB KEGIATAN" in text and "Pagu: Rp" in text
    kode = bappeda.sub_kegiatan.values_list("sub_kegiatan__nomenklatur__kode", flat=True)
    assert all(k in text for k in kode)
    for page in reader.pages[first:]:
        assert page.mediabox.width > page.mediabox.height  # landscape
    assert any(item.title == "LAMPIRAN: POHON KINERJA" for item in reader.outline if not isinstance(item, list))
