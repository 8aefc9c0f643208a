"""The PDF of the whole document, laid out in parts at the same time and joined (laporan/pdf.py):
the page numbers of the Daftar Isi and Daftar Tabel, the outline, the links, and the progress
reported part by part."""

import re
import subprocess
from io import BytesIO
from itertools import groupby

import pytest
from django.test import Client
from pypdf import PdfReader

from laporan import pdf
from tests.laporan.test_unduh import BAPPEDA, PDFTOTEXT, login, pdf_text

pytestmark = pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils tidak terpasang (bin/test memasangnya)")

ENTRI = re.compile(
    r"^\s*(BAB [IVX]+ .+?|\d\.\d+ .+?|Tabel \d\.\d .+?|DAFTAR TABEL|KATA PENGANTAR|LAMPIRAN: .+?)\s+(\d+)\s*$"
)


_DOKUMEN = {}


@pytest.fixture
def dokumen(db, tmp_path_factory):
    """The demo document's PDF (through the view; the job runs at once in tests) and its pages' text,
    made once for the tests of this module."""
    if not _DOKUMEN:
        data = login(Client(), "perencana.bappeda").get(BAPPEDA + "dokumen.pdf").content
        _DOKUMEN["pdf"] = data, pdf_text(data, tmp_path_factory.mktemp("pdf"))
    return _DOKUMEN["pdf"]


AWAL_ENTRI = re.compile(r"^(BAB [IVX]+ |\d\.\d+ |Tabel \d\.\d |DAFTAR TABEL|KATA PENGANTAR |LAMPIRAN: )")


def entri_daftar(pages):
    """(text, page number) of every entry of the Daftar Isi and Daftar Tabel (the pages before
    BAB I); an entry too long for the portrait page continues on the next line."""
    entries, pending = [], ""
    body = next(i for i, page in enumerate(pages) if "BAB I" in map(str.strip, page.splitlines()))
    for page in pages[1:body]:
        for line in page.splitlines():
            text = " ".join(line.split())
            if text in ("KATA PENGANTAR", "DAFTAR ISI", "DAFTAR TABEL") or not (pending or AWAL_ENTRI.match(text)):
                continue  # a page's heading, running header or page number
            pending = text if AWAL_ENTRI.match(text) else f"{pending} {text}"
            if m := ENTRI.match(pending):
                entries.append((m.group(1), int(m.group(2))))
                pending = ""
    return entries


def halaman_pertama(pages, heading, mulai):
    """0-based index of the first page from ``mulai`` where ``heading`` is printed: a bab's
    "BAB II" and a table's "Tabel 2.1" on a line of their own (a paragraph may name the table
    earlier), a sub-bab's number and title at the start of a line."""
    whole = heading.startswith(("BAB", "Tabel"))
    return next(
        i
        for i, page in enumerate(pages)
        if i >= mulai
        and any(line.strip() == heading if whole else line.strip().startswith(heading) for line in page.splitlines())
    )


def test_nomor_halaman_daftar_isi_dan_tabel_tepat(dokumen):
    _, pages = dokumen
    entries = entri_daftar(pages)
    # 1 for the Kata Pengantar (the demo has one), 1 for Daftar Tabel, 5 bab, 18 sub-bab, the Lampiran
    # Pohon Kinerja and 11 tables.
    assert len(entries) == 37, entries
    body = halaman_pertama(pages, "BAB I", 2)
    for text, number in entries:
        if text in ("DAFTAR TABEL", "KATA PENGANTAR"):
            # The heading of its page, not the entry of the Daftar Isi (which carries a number).
            assert next(i for i, p in enumerate(pages) if text in map(str.strip, p.splitlines())) + 1 == number
            continue
        # A bab prints "BAB II" above its title; a table prints "Tabel 2.1" above its title.
        heading = " ".join(text.split()[:2]) if text.startswith(("BAB", "Tabel")) else text
        assert halaman_pertama(pages, heading, body) + 1 == number, (text, number)
    numbers = [n for t, n in entries if not t.startswith(("Tabel", "DAFTAR", "KATA"))]
    assert numbers == sorted(numbers) and numbers[-1] <= len(pages)


def test_outline_dan_tautan_daftar_isi_menuju_halaman_yang_benar(dokumen):
    data, pages = dokumen
    reader = PdfReader(BytesIO(data))
    entries = dict(entri_daftar(pages))
    flat = []
    for item in reader.outline:
        flat.extend(item if isinstance(item, list) else [item])
    assert [o.title for o in flat if o.title.startswith("BAB")] == [t for t in entries if t.startswith("BAB")]
    assert len(flat) == 24  # 5 bab and their 18 sub-bab, nested under their bab, and the Lampiran Pohon Kinerja
    for item in flat:
        assert reader.get_destination_page_number(item) + 1 == entries[item.title], item.title
    # Each entry of the Daftar Isi (page 2) and Daftar Tabel is a link to its page.
    targets = []
    for page in reader.pages[1:4]:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link":
                dest = annot["/Dest"]  # a page, or a name WeasyPrint gave (within the front matter)
                dest = reader.named_destinations[dest].page if isinstance(dest, str) else dest[0]
                targets.append(reader.get_page_number(dest.get_object()) + 1)
    # An entry that wraps on the portrait page is a link on each of its lines: compare the runs.
    expected = [number for _, number in entri_daftar(pages)]
    assert [k for k, _ in groupby(targets)] == [k for k, _ in groupby(expected)]
    assert len(expected) <= len(targets) <= len(expected) + 6


@pytest.mark.django_db
def test_kemajuan_setiap_bagian(bappeda):
    """The job reports every part laid out, up to all of them (laporan.tugas shows it)."""
    from laporan import unduhan

    o = unduhan.opsi("tabel", {"tabel": "rumusan-rencana", "format": "pdf"}, {})
    steps = []
    data = pdf.tulis_pdf(unduhan.isi(bappeda, o), maju=lambda s, j: steps.append((s, j)))
    assert data.startswith(b"%PDF")
    assert [s for s, _ in steps] == list(range(1, len(steps) + 1)) and {j for _, j in steps} == {len(steps)}


def kata_bertumpuk(data, tmp_path, halaman):
    """Pairs of words printed over each other on pages 1..``halaman`` (pdftotext -bbox): a
    figure wider than its column runs into the next one."""
    path = tmp_path / "t.pdf"
    path.write_bytes(data)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", str(halaman), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    overlaps = []
    for page in html.split("<page ")[1:]:
        words = [
            (float(m["y1"]), float(m["x1"]), float(m["x2"]), m["w"])
            for m in re.finditer(
                r'xMin="(?P<x1>[\d.]+)" yMin="(?P<y1>[\d.]+)" xMax="(?P<x2>[\d.]+)" yMax="[\d.]+">(?P<w>[^<]*)<', page
            )
        ]
        words.sort()
        for (y1, _, a2, w1), (y2, b1, _, w2) in zip(words, words[1:], strict=False):
            if abs(y1 - y2) < 1 and b1 < a2 - 0.5:
                overlaps.append((w1, w2))
    return overlaps


@pytest.mark.django_db
def test_angka_tidak_melampaui_kolomnya(client, tmp_path):
    """T-C.33's bold totals (20.182.300.000) and "Kota Serang" fit their columns: no word of
    the first pages is printed over another."""
    response = login(client, "perencana.bappeda").get(BAPPEDA + "tabel/rumusan-rencana.pdf")
    assert kata_bertumpuk(response.content, tmp_path, 4) == []
    text = "\n".join(pdf_text(response.content, tmp_path)[:2])
    assert "20.182.300.000" in text and "Kota Serang" in text


def test_narasi_daftar_dengan_indentasi_gantung(dokumen, tmp_path):
    """A legal list of the narrative prints with a hanging indent: item 7 of the demo's
    Landasan Hukum wraps, and its second line starts under its first word, right of the number."""
    data, pages = dokumen
    nomor = next(i for i, p in enumerate(pages) if "1.2 Landasan Hukum" in map(str.strip, p.splitlines())) + 1
    path = tmp_path / "d.pdf"
    path.write_bytes(data)
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(nomor), "-l", str(nomor), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    words = [
        (float(m["x"]), float(m["y"]), m["w"])
        for m in re.finditer(
            r'xMin="(?P<x>[\d.]+)" yMin="(?P<y>[\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(?P<w>[^<]*)<', bbox
        )
    ]
    i = next(k for k, (_, _, w) in enumerate(words) if w == "7." and words[k + 1][2] == "Peraturan")
    (x_nomor, y, _), (x_teks, _, _) = words[i], words[i + 1]
    lanjut = next(word for word in words[i:] if word[1] > y + 2)  # the first word of the next line
    assert abs(lanjut[0] - x_teks) < 1 and x_nomor < x_teks - 5, (words[i : i + 3], lanjut)
