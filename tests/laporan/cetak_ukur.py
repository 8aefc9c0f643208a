"""Measures of a printed PDF as an officer reads it (tests/laporan/test_cetak.py): words broken
across lines without a hyphen, and pages left almost empty.

Both read the PDF itself with poppler (``pdftotext -raw`` keeps WeasyPrint's drawing order, so
the lines of one table cell follow each other; ``pdftoppm`` rasterises the pages)."""

import html
import re
import subprocess
from pathlib import Path

from PIL import Image

from laporan.pdf import MARGIN

DIIZINKAN = Path(__file__).resolve().parents[2] / "laporan" / "pemenggalan_diizinkan.txt"
TANDA_PUTUS = ("-", "\u2010", "\u00ad", "/")  # a line may end after a hyphen or a slash
TEPI = "\"'“”‘’()[],;:!?"
AWAL_BAGIAN = re.compile(r"^(BAB [IVX]+|DAFTAR ISI|DAFTAR TABEL|KATA PENGANTAR|LAMPIRAN\b.*|LEMBAR PENGESAHAN)$")


def _bersih(token):
    """A token as compared: without quotes, brackets and sentence punctuation around it (a
    leading dot stays: ".01" is the tail of a broken code, not a word)."""
    token = token.strip(TEPI)
    return token.rstrip(".") if not token.endswith("..") else token


def bagian_kata(token):
    """The parts of a token between which a line may break: after a hyphen or a slash, and at
    a zero-width space (after the "=" of a formula in the numbered row)."""
    return [_bersih(part) for part in re.split(r"(?<=[-\u2010/])|\u200b", token) if _bersih(part)]


def kosakata(teks_html):
    """Every word part of the HTML the PDF was made from (tags dropped, entities read)."""
    text = re.sub(r"</?span[^>]*>", "", teks_html)  # a span is within a word
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    tokens = text.split()
    words = {part for token in tokens + [t.replace("\u200b", "") for t in tokens] for part in bagian_kata(token)}
    return words | {"Halaman", "dari"}  # the page-number layer of laporan/pdf.py


def diizinkan():
    """The allowed breaks of laporan/pemenggalan_diizinkan.txt, as "awal|akhir"."""
    if not DIIZINKAN.exists():
        return set()
    lines = (line.split("#", 1)[0].strip() for line in DIIZINKAN.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line}


def teks_mentah(path):
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout


def kata_terpenggal(path, words, allowed=frozenset()):
    """Every word of the PDF at ``path`` broken across two lines without a hyphen, as
    "awal|akhir", and every piece of a word printed that is no word of the source (``words``)
    as "?piece". A piece that ends with a hyphen or a slash may end a line; the piece after it
    is the rest of its word."""
    found = []
    for page in teks_mentah(path).split("\f"):
        lines = [line.split() for line in page.splitlines() if line.split()]
        stream = [(token, index == len(tokens) - 1) for tokens in lines for index, token in enumerate(tokens)]
        rest = False  # the token continues a hyphenated word
        for number, (token, line_end) in enumerate(stream):
            following = stream[number + 1][0] if number + 1 < len(stream) else ""
            if line_end and following and not token.endswith(TANDA_PUTUS):
                a, b = _bersih(token), _bersih(following)
                if _bersih(token + following) in words and not (a in words and b in words):
                    if f"{a}|{b}" not in allowed:
                        found.append(f"{a}|{b}")
            parts = bagian_kata(token)
            if token.endswith("\u2010") and following and not (rest and len(parts) == 1):
                # hyphenated: the piece before the hyphen and the next line's start make a word
                if bagian_kata(parts[-1][:-1] + following)[0] not in words:
                    found.append(f"{_bersih(token)}|{_bersih(following)}")
            for index, part in enumerate(parts):
                if (rest and index == 0) or (part.endswith(TANDA_PUTUS) and index == len(parts) - 1):
                    continue
                if part not in words and not part.isdigit() and not any(part in pair.split("|") for pair in allowed):
                    found.append(f"?{part}")
            rest = token.endswith(TANDA_PUTUS)
    return found


def _mm(value):
    return float(value.removesuffix("mm"))


def halaman_terisi(path, tmp_path, dpi=20):
    """Per page: the share of the page's body height (between the margins of laporan/pdf.py)
    that is used, down to its lowest ink, and whether the page starts a bab or another part."""
    top, _, bottom, _ = (_mm(x) for x in MARGIN.split())
    prefix = tmp_path / "hal"
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(path), str(prefix)], check=True)
    used = []
    for image in sorted(tmp_path.glob("hal-*.pgm"), key=lambda p: int(p.stem.split("-")[-1])):
        with Image.open(image) as page:
            width, height = page.size
            px = height / (height / dpi * 25.4)  # pixels per mm
            y0, y1 = round(top * px), height - round(bottom * px)
            body = page.crop((0, y0, width, y1)).point(lambda v: 255 if v < 160 else 0)
            box = body.getbbox()
        used.append((box[3] if box else 0) / (y1 - y0))
    pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    starts = [
        any(AWAL_BAGIAN.match(line.strip()) for line in page.splitlines()[:8])
        for page in pages.stdout.split("\f")[: len(used)]
    ]
    return list(zip(used, starts, strict=True))


def halaman_hampir_kosong(path, tmp_path, batas=0.2):
    """1-based numbers and filled share of pages with less than ``batas`` of their height used,
    except a page that ends a bab (the next starts a part) and the last page."""
    pages = halaman_terisi(path, tmp_path)
    return [
        (number + 1, round(used, 2))
        for number, (used, _) in enumerate(pages)
        if used < batas and number + 1 < len(pages) and not pages[number + 1][1]
    ]
