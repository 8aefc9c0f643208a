"""Column widths of a printed table: every column as wide as the words it must keep whole.

The print lays tables out with ``table-layout: fixed`` (laporan/pdf.py: the page width is
fixed, and WeasyPrint's automatic layout of a 200-row table is slow), so the widths are
computed here from the rows: the weights of ``Tabel.bobot_kolom`` share the page, then each
column is widened to what it needs, taken from the columns with room to spare. What a column
needs is measured with the advance widths of the print's font (DejaVu Sans, below):

- a figure and a code ("5.01.02.2.01") never wrap: their full width; nor does the numbered-column
  label, but after the "=" of a formula;
- a word of the body whole ("Dokumen", "Serang", "Sekretaris") when the page has room for it,
  else (long words first) its longer piece after the best hyphenation (pyphen's id_ID, as WeasyPrint hyphenates
  with ``hyphens: auto``, pieces of at least 3 letters: ``hyphenate-limit-chars: 6 3 3``);
- a word of the header its longer hyphenated piece.

The widths of DejaVu Sans and DejaVu Sans Bold (units of 1/2048 em, the fonts' ``hmtx``) of the
characters of ``HURUF``, read once with fontTools (a WeasyPrint dependency)::

    font = TTFont("DejaVuSans.ttf"); cmap = font.getBestCmap()
    [font["hmtx"][cmap[ord(c)]][0] for c in HURUF]
"""

import re
from functools import cache

import pyphen

HURUF = "".join(map(chr, [*range(32, 127), *range(160, 256)])) + "–—‘’“”…•‐"
# fmt: off
_BIASA = (
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303, 1303,
    1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294,
    1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025,
    1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569,
    1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303,
    1716, 651, 821, 1303, 1303, 1303, 1303, 690, 1024, 1024, 2048, 965, 1253, 1716, 739, 2048, 1024, 1024, 1716,
    821, 821, 1024, 1303, 1303, 651, 1024, 821, 965, 1253, 1985, 1985, 1985, 1087, 1401, 1401, 1401, 1401, 1401,
    1401, 1995, 1430, 1294, 1294, 1294, 1294, 604, 604, 604, 604, 1587, 1532, 1612, 1612, 1612, 1612, 1612, 1716,
    1612, 1499, 1499, 1499, 1499, 1251, 1239, 1290, 1255, 1255, 1255, 1255, 1255, 1255, 2011, 1126, 1260, 1260,
    1260, 1260, 569, 569, 569, 569, 1253, 1298, 1253, 1253, 1253, 1253, 1253, 1716, 1253, 1298, 1298, 1298, 1298,
    1212, 1300, 1212, 1024, 2048, 651, 651, 1061, 1061, 2048, 1208, 739,
)
_TEBAL = (
    713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425, 1425, 1425, 1425,
    1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048, 1585, 1561, 1503, 1700, 1399,
    1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259,
    1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024, 1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702,
    1362, 702, 2134, 1458, 1407, 1466, 1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458,
    1716, 713, 934, 1425, 1425, 1303, 1425, 748, 1024, 1024, 2048, 1155, 1323, 1716, 850, 2048, 1024, 1024, 1716,
    897, 897, 1024, 1507, 1303, 778, 1024, 897, 1155, 1323, 2120, 2120, 2120, 1188, 1585, 1585, 1585, 1585, 1585,
    1585, 2222, 1503, 1399, 1399, 1399, 1399, 762, 762, 762, 762, 1716, 1714, 1741, 1741, 1741, 1741, 1741, 1716,
    1741, 1663, 1663, 1663, 1663, 1483, 1511, 1473, 1382, 1382, 1382, 1382, 1382, 1382, 2146, 1214, 1389, 1389,
    1389, 1389, 702, 702, 702, 702, 1407, 1458, 1407, 1407, 1407, 1407, 1407, 1716, 1407, 1458, 1458, 1458, 1458,
    1335, 1466, 1335, 1024, 2048, 778, 778, 1346, 1346, 2048, 1309, 850,
)
# fmt: on

LEBAR_HURUF = {False: dict(zip(HURUF, _BIASA, strict=True)), True: dict(zip(HURUF, _TEBAL, strict=True))}
EM = 2048
MM_PER_PT = 25.4 / 72
LEBAR_HALAMAN = {"a4": 273, "f4": 306}  # mm between the 12 mm side margins of laporan/pdf.py (landscape)
MM_PADDING = 1.9  # the cell's padding (2pt each side) and borders, and a little room
MM_KATA_PANJANG = 15  # a word wider than this may be hyphenated first ("Dokumen" is 11 mm)
TEBAL = {"program", "judul", "total", "tujuan", "sasaran"}  # rows printed bold (cetak.html)
KODE = re.compile(r"^[0-9A-Z]+(\.[0-9A-Z]+)+$")  # a code of the nomenclature: never wraps
PUTUS = re.compile(r"(?<=[-/\u2010])")  # a line may break after a hyphen or a slash
_KAMUS = pyphen.Pyphen(lang="id_ID", left=3, right=3)
MIN_PENGGAL = 6  # hyphenate-limit-chars: a shorter word is never hyphenated


ZWSP = "\u200b"  # a zero-width space: a place where a line may break


def label_kolom(label):
    """The numbered-column label as printed: a formula may wrap after its "="."""
    return label.replace("=", "=" + ZWSP)


def ukuran_huruf(tabel):
    """Font size (pt) of the table's cells: tables of more than 20 columns print at 5pt."""
    return 5 if tabel.jumlah_kolom > 20 else 6.5


def lebar_teks(teks, pt, tebal=False):
    """Width in mm of ``teks`` printed at ``pt`` points."""
    widths = LEBAR_HURUF[tebal]
    return sum(widths.get(ch, 1229) for ch in teks) / EM * pt * MM_PER_PT


@cache
def _potongan(kata, tebal):
    """Width (at 1pt) of the longer piece of ``kata`` split at its best hyphenation point (the
    first piece with its hyphen), or of the whole word when it cannot be hyphenated."""
    whole = lebar_teks(kata, 1, tebal)
    if len(kata) < MIN_PENGGAL or not kata.isalpha():
        return whole
    best = whole
    for index in _KAMUS.positions(kata):
        best = min(best, max(lebar_teks(kata[:index] + "‐", 1, tebal), lebar_teks(kata[index:], 1, tebal)))
    return best


def lebar_perlu(teks, pt, tebal=False, penggal=False):
    """Width in mm the widest unbreakable run of ``teks`` needs: a word (or the part of a word
    up to a hyphen or slash), whole or, with ``penggal``, hyphenated."""
    parts = [part for word in teks.split() for part in PUTUS.split(word) if part]
    if not parts:
        return 0
    if not penggal:
        return max(lebar_teks(part, pt, tebal) for part in parts)
    return max(_potongan(part, tebal) for part in parts) * pt


def _lebarkan(widths, minimum):
    """``widths`` with every column widened to its ``minimum``, the room taken from the columns
    wider than theirs in proportion to their spare room; None when the page is too narrow."""
    if sum(minimum) > sum(widths):
        return None
    widths = list(widths)
    for _ in range(10):  # widening some columns may push others under their minimum
        short = [i for i, w in enumerate(widths) if w < minimum[i] - 1e-9]
        if not short:
            break
        spare = [i for i, w in enumerate(widths) if w > minimum[i]]
        room = sum(widths[i] - minimum[i] for i in spare)
        deficit = min(sum(minimum[i] - widths[i] for i in short), room)
        for i in short:
            widths[i] = minimum[i]
        widths = [w - deficit * (w - minimum[i]) / room if i in spare else w for i, w in enumerate(widths)]
    return widths


def _kepala_kolom(tabel):
    """The header texts over each single column (a header spanning columns is left out)."""
    texts = [[] for _ in range(tabel.jumlah_kolom)]
    taken = {}  # (row, column) covered by a rowspan from above
    for row, header_row in enumerate(tabel.kepala):
        column = 0
        for kepala in header_row:
            while taken.get((row, column)):
                column += 1
            if kepala.colspan == 1 and column < len(texts):
                texts[column].append(kepala.teks)
            for r in range(row, row + kepala.rowspan):
                for c in range(column, column + kepala.colspan):
                    taken[(r, c)] = True
            column += kepala.colspan
    return texts


def _terisi(tabel):
    """Per column, how much of the table's height its text drives: a text column filled in few
    rows (the Tujuan and Sasaran of T-C.33, on their first row only) weighs less than one
    filled in every row, so that the names and indicators get the room (1 for figures)."""
    rows = [baris for baris in tabel.baris if not baris.gabung]
    filled = [0] * tabel.jumlah_kolom
    for baris in rows:
        for index, span, sel in baris.rentang():
            if span == 1 and not sel.kosong:
                filled[index] += 1
    kinds = tabel.jenis_kolom()
    return [
        0.15 + 0.85 * n / len(rows) if kind == "teks" and rows else 1 for n, kind in zip(filled, kinds, strict=True)
    ]


def lebar_kolom(tabel, kertas="a4"):
    """Column widths in mm of ``tabel`` on the landscape page of ``kertas``."""
    from laporan.templatetags.renja_angka import tampil  # the text of a figure as printed

    page = LEBAR_HALAMAN.get(kertas, LEBAR_HALAMAN["a4"])
    pt = ukuran_huruf(tabel)
    weights = [w * isi for w, isi in zip(tabel.bobot_kolom(), _terisi(tabel), strict=True)]
    widths = [w * page / sum(weights) for w in weights]
    # the numbered row wraps only after the "=" of a formula ("12=" over "8+9+10+11")
    fixed = [max(lebar_teks(part, pt) for part in label_kolom(label).split(ZWSP)) for label in tabel.nomor_kolom]
    whole, pieces = list(fixed), list(fixed)
    for baris in tabel.baris:
        if baris.gabung:
            continue
        tebal = baris.jenis in TEBAL
        for index, span, sel in baris.rentang():
            if sel.kosong or span > 1:
                continue
            if sel.jenis != "teks" or KODE.match(str(sel.nilai)):
                run = lebar_teks(tampil(sel), pt, tebal)
                whole[index] = max(whole[index], run)
                pieces[index] = max(pieces[index], run)
            else:
                text = str(sel.nilai)
                whole[index] = max(whole[index], lebar_perlu(text, pt, tebal))
                pieces[index] = max(pieces[index], lebar_perlu(text, pt, tebal, penggal=True))
    for index, texts in enumerate(_kepala_kolom(tabel)):
        for text in texts:
            need = lebar_perlu(text, pt, tebal=True, penggal=True)
            whole[index] = max(whole[index], need)
            pieces[index] = max(pieces[index], need)
    # Words whole where the page has room; else a column whose longest word is long (the bold
    # names: "SINKRONISASI") hyphenates, so that the narrow ones (Satuan, Sumber Dana) stay whole.
    for minimum in (whole, [p if w > MM_KATA_PANJANG else w for w, p in zip(whole, pieces, strict=True)], pieces):
        if sum(minimum) + MM_PADDING * len(minimum) <= page:
            break
    result = _lebarkan(widths, [m + MM_PADDING for m in minimum])
    return result or widths  # a table wider than the page: the weights alone
