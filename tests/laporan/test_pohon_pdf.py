"""The PDF's appendix "Lampiran: Pohon Kinerja": present after Bab V, one landscape page per
drawing (no drawing spills onto a second page), after the signature of Bab V, its text
extractable (pypdf). The on-screen document keeps the same order."""

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
    # the signature ends Bab V, before the appendix (not under its last drawing)
    assert bappeda.kepala_nama not in "".join(lampiran) and bappeda.kepala_nama in pages[first - 1]
    text = " ".join(lampiran)
    assert "TUJUAN 1" in text and "SUB KEGIATAN" in text and "Pagu: Rp" in text
    kode = bappeda.sub_kegiatan.values_list("sub_kegiatan__nomenklatur__kode", flat=True)
    assert all(k in text for k in kode)
    for page in reader.pages[first:]:
        assert page.mediabox.width > page.mediabox.height  # landscape
    assert any(item.title == "LAMPIRAN: POHON KINERJA" for item in reader.outline if not isinstance(item, list))


@pytest.mark.django_db
def test_tanda_tangan_sebelum_lampiran_di_layar(client, bappeda):
    from tests.pembantu import masuk

    html = masuk("reviewer").get("/renja/BAPPEDA/2022/dokumen/").content.decode()
    assert html.index('id="bab-V"') < html.index('id="tanda-tangan"') < html.index('id="lampiran-pohon"')
