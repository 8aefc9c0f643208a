"""Geometry of the pohon kinerja (laporan.builders.pohon): text wrapped to a box by the glyph
widths of DejaVu Sans (the PDF's font), and a tidy tree layout, as pure functions. Units are
points (1/72 in): the SVG is drawn at its printed size, so a page's drawing fits the print.

The layout is top-down: each node's box is centred over the span of its children's boxes,
and a leaf takes the next column; the children of a node marked ``tumpuk`` (the sub kegiatan
of a kegiatan) are stacked under it, indented, so that a kegiatan with many sub kegiatan
takes one column, not many. Nothing here reads the database or formats a figure.
"""

from dataclasses import dataclass, field

# Advance widths (1/1000 em) of the printable ASCII characters 32…126 of DejaVu Sans and
# DejaVu Sans Bold 2.37, read from the fonts' hmtx tables. Other characters take the mean
# width of the fonts' Latin-1 and Latin Extended-A letters.
_SANS = (
    "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636 636 636 636 636 "
    "337 337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656 557 863 748 787 603 787 695 635 "
    "611 732 684 989 685 611 685 390 337 390 838 500 500 613 635 550 635 615 352 635 634 278 278 579 278 974 "
    "634 612 635 635 411 521 392 634 592 818 592 592 525 636 337 636 838"
)
_TEBAL = (
    "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696 696 696 696 696 "
    "400 400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775 637 995 837 850 733 850 770 720 "
    "682 812 774 1103 771 724 725 457 365 457 838 500 500 675 716 593 716 678 435 716 712 343 343 665 343 1042 "
    "712 687 716 716 493 595 478 712 652 924 645 652 582 712 365 712 838"
)
LEBAR_HURUF = {
    False: {chr(32 + i): int(w) for i, w in enumerate(_SANS.split())},
    True: {chr(32 + i): int(w) for i, w in enumerate(_TEBAL.split())},
}
LEBAR_HURUF[False]["\u00a0"], LEBAR_HURUF[True]["\u00a0"] = 318, 348  # no-break space: as a space
LEBAR_LAIN = {False: 611, True: 684}

HURUF = 6.5  # font size (pt), as the tables of the print
BARIS = 8.2  # line height (pt)
PADDING = 4  # inside a box (pt)
LEBAR_KOTAK = 140
JARAK_X = 12  # between columns
JARAK_Y = 20  # between levels
JARAK_TUMPUK = 6  # between stacked boxes
INDEN = 10  # stacked boxes are indented by this much under their parent


def lebar_teks(text, tebal=False, ukuran=HURUF):
    """Printed width (pt) of ``text`` in DejaVu Sans (Bold) at ``ukuran`` pt."""
    widths, other = LEBAR_HURUF[tebal], LEBAR_LAIN[tebal]
    return sum(widths.get(char, other) for char in text) * ukuran / 1000


def bungkus(text, lebar, tebal=False, ukuran=HURUF):
    """``text`` in lines no wider than ``lebar`` pt, broken at spaces (never at a no-break
    space: "95\u00a0%" stays on one line); a word wider than the box alone is cut, each piece
    but the last ending in a hyphen."""
    lines, line = [], ""
    for word in text.replace("\n", " ").replace("\t", " ").split(" "):
        if not word:
            continue
        candidate = f"{line} {word}" if line else word
        if lebar_teks(candidate, tebal, ukuran) <= lebar:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while lebar_teks(word, tebal, ukuran) > lebar:
            cut = len(word) - 1
            while cut > 1 and lebar_teks(word[:cut] + "-", tebal, ukuran) > lebar:
                cut -= 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Baris:
    """One line of a box: its text and kind (jenis | nama | indikator | pagu)."""

    teks: str
    kelas: str

    @property
    def tebal(self):
        return self.kelas in ("jenis", "nama")


@dataclass(eq=False)
class Kotak:
    """A laid-out box: its node, its top-left corner, size and lines of text."""

    simpul: object
    baris: list
    x: float = 0
    y: float = 0
    lebar: float = LEBAR_KOTAK
    tinggi: float = 0

    @property
    def tengah(self):
        return self.x + self.lebar / 2

    @property
    def bawah(self):
        return self.y + self.tinggi

    def teks(self):
        """(x, y of the baseline, Baris) of each line."""
        return [(self.x + PADDING, self.y + PADDING + (i + 0.8) * BARIS, b) for i, b in enumerate(self.baris)]


def tinggi(baris):
    return 2 * PADDING + len(baris) * BARIS


@dataclass
class Tata:
    """A laid-out tree: its boxes, its connectors (SVG path data) and its size (pt)."""

    kotak: list = field(default_factory=list)
    garis: list = field(default_factory=list)
    lebar: float = 0
    tinggi: float = 0


def tata_letak(akar, isi, anak, tumpuk, rentang_akar=False):
    """Lay out the tree under ``akar``. ``isi(node, lebar)`` gives the node's lines for a box
    of that width, ``anak(node)`` its children, ``tumpuk(node)`` whether they stack under it;
    with ``rentang_akar`` the root's box spans all the columns (a banner over the page: fewer
    lines, so more room below).

    Levels have the height of their tallest box; a leaf (or a node whose children stack)
    takes the next column, a parent is centred over its first and last child, so boxes of one
    level never overlap (tests/laporan/test_pohon.py)."""
    tata = Tata()
    levels = []  # per depth: the boxes of that level
    families = []  # (parent box, [child boxes]) side by side
    stacks = []  # (parent box, [child boxes]) stacked under it
    kolom = 0

    def place(node, depth):
        nonlocal kolom
        box = Kotak(node, [])
        tata.kotak.append(box)
        if len(levels) <= depth:
            levels.append([])
        levels[depth].append(box)
        children = list(anak(node))
        if tumpuk(node) or not children:
            box.baris = isi(node, LEBAR_KOTAK)
            box.tinggi = tinggi(box.baris)
            box.x = kolom * (LEBAR_KOTAK + JARAK_X)
            kolom += 1
            if children:
                width = LEBAR_KOTAK - INDEN
                stack = [Kotak(child, isi(child, width), x=box.x + INDEN, lebar=width) for child in children]
                for child in stack:
                    child.tinggi = tinggi(child.baris)
                tata.kotak.extend(stack)
                stacks.append((box, stack))
            return box
        placed = [place(child, depth + 1) for child in children]
        if rentang_akar and depth == 0:
            box.x, box.lebar = placed[0].x, placed[-1].x + LEBAR_KOTAK - placed[0].x
        else:
            box.x = (placed[0].x + placed[-1].x) / 2
        box.baris = isi(node, box.lebar)
        box.tinggi = tinggi(box.baris)
        families.append((box, placed))
        return box

    place(akar, 0)
    y = 0
    for level in levels:
        for box in level:
            box.y = y
        y += max(box.tinggi for box in level) + JARAK_Y
    for parent, placed in families:
        for box in placed:
            mid = parent.bawah + (box.y - parent.bawah) / 2
            tata.garis.append(f"M{parent.tengah:.1f},{parent.bawah:.1f}V{mid:.1f}H{box.tengah:.1f}V{box.y:.1f}")
    for parent, stack in stacks:
        top = parent.bawah + JARAK_TUMPUK
        for child in stack:
            child.y = top
            top = child.bawah + JARAK_TUMPUK
        spine = parent.x + INDEN / 2
        ticks = [child.y + min(child.tinggi / 2, BARIS * 1.5) for child in stack]
        tata.garis.append(f"M{spine:.1f},{parent.bawah:.1f}V{ticks[-1]:.1f}")
        tata.garis.extend(f"M{spine:.1f},{tick:.1f}H{child.x:.1f}" for tick, child in zip(ticks, stack, strict=True))
    tata.lebar = kolom * (LEBAR_KOTAK + JARAK_X) - JARAK_X
    tata.tinggi = max(box.bawah for box in tata.kotak)
    return tata
