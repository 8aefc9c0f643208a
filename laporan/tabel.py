"""Plain rows of a report table, shared by the HTML, PDF and XLSX renderers.

A builder returns a ``Tabel``: verbatim headers with their spans, the numbered column row,
and ``Baris`` of ``Sel``. A cell carries a raw value (Decimal, text or None) and its kind;
renderers format it (``renja.angka``), and show "–" with ``alasan`` for an undefined figure.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from renja.angka import format_angka

BOBOT = {"uang": 2.0, "angka": 1.1, "persen": 1.2}  # relative column widths of figures


@dataclass(frozen=True, eq=False)
class Rumus:
    """How the engine computed a cell, in terms of other cells, so that the XLSX renderer can
    write a live formula that recomputes the same figure. Columns are 0-based cell indices of
    the same row; ``baris`` are other rows of the same table (for sums over rows).

    - ``capaian``: ``evaluasi.capaian.capaian`` of kolom[0] (realisasi) against kolom[1]
      (target) with ``polaritas``/``metode_negatif``; undefined → "–".
    - ``agregasi``: ``evaluasi.capaian.agregasi`` of the cells ``kolom`` by ``sifat``.
    - ``jumlah``: Σ of this column over ``baris`` (parent pagu, totals; ``anggaran.pagu.jumlah``).
    - ``rata_rata``: mean of this column's defined values over ``baris`` (``rata_rata_capaian``).
    - ``predikat``: predikat of the cell kolom[0] (``evaluasi.capaian.predikat``).
    """

    jenis: str
    kolom: tuple = ()
    baris: tuple = ()
    sifat: str = ""
    polaritas: str = "positif"
    metode_negatif: str = ""


@dataclass(frozen=True, eq=False)
class Sel:
    nilai: object = None
    jenis: str = "teks"  # teks | angka | uang | persen
    alasan: str = ""
    rumus: Rumus | None = None

    @property
    def kosong(self):
        return self.nilai in (None, "")

    @property
    def desimal(self):
        """Decimal places a figure is printed with (spec §4.5): Rupiah 0, percentages 2, other
        numbers as many as the value has (at most 4); None for text."""
        if self.jenis == "uang":
            return 0
        if self.jenis == "persen":
            return 2
        if self.jenis == "angka" and isinstance(self.nilai, Decimal | int):
            return min(max(0, -Decimal(self.nilai).normalize().as_tuple().exponent), 4)
        return None


@dataclass(frozen=True)
class Kepala:
    teks: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(eq=False)
class Baris:
    # judul | tujuan | sasaran | program | kegiatan | sub_kegiatan | indikator | total | nihil |
    # usulan | akun | prioritas | ringkasan | tanda_tangan
    jenis: str
    sel: list
    tingkat: int = 0
    tanda: set = field(default_factory=set)  # review (T-C.31): fields that differ between the halves
    berubah: set = field(default_factory=set)  # review: indices of the cells that differ
    catatan_wajib: bool = False  # review: a field differs and the Catatan Penting is empty
    catatan_kunci: tuple = ()  # review: the workspace cell (kolom, id, versi) that holds the Catatan Penting
    kode: str = ""  # review: the node's code (not printed)
    review: object = None  # review: on a node's first row, its evaluasi.review_rkpd.NodeReview
    gabungan: tuple = ()  # (first column, columns spanned) of cells merged across columns

    @property
    def gabung(self):
        """One cell across the whole row (NIHIL, footer texts): every cell is the same Sel."""
        return self.jenis == "nihil" or (len(self.sel) > 1 and all(sel is self.sel[0] for sel in self.sel))

    def rentang(self):
        """The row's cells as (first column, columns spanned, Sel), a merged cell of
        ``gabungan`` taking the Sel of its first column (the signature block of the form)."""
        spans = dict(self.gabungan)
        runs, index = [], 0
        while index < len(self.sel):
            span = spans.get(index, 1)
            runs.append((index, span, self.sel[index]))
            index += span
        return runs


@dataclass
class Tabel:
    kunci: str
    judul: str
    nomor: str = ""  # "Tabel 3.2", given by the document (laporan.dokumen)
    lembar: str = ""  # the XLSX sheet's name of a table without a number (else its nomor)
    kolom_nama: int = 1  # the column indented by the row's tingkat
    subjudul: list = field(default_factory=list)
    kepala: list = field(default_factory=list)  # rows of Kepala
    nomor_kolom: list = field(default_factory=list)
    baris: list = field(default_factory=list)

    @property
    def jumlah_kolom(self):
        return len(self.nomor_kolom)

    def jenis_kolom(self):
        """The kind of each column: that of its first figure in the first rows, else "teks"
        (renderers size columns by it)."""
        kinds = {}
        for baris in self.baris[:200]:
            for index, sel in enumerate(baris.sel):
                if sel.jenis != "teks":
                    kinds.setdefault(index, sel.jenis)
        return [kinds.get(index, "teks") for index in range(self.jumlah_kolom)]

    def _ukur_kolom(self):
        """Per column: the lengths of its texts, its longest unbreakable run (the longest word
        of a text, or the longest printed figure), and whether anything is in it. Merged cells
        (NIHIL, footer texts, signatures) are left out."""
        lengths = [[] for _ in range(self.jumlah_kolom)]
        longest = [0] * self.jumlah_kolom
        filled = set()
        for baris in self.baris[:300]:
            if baris.gabung:
                continue
            for index, span, sel in baris.rentang():
                if sel.kosong or span > 1:
                    continue
                filled.add(index)
                if sel.jenis == "teks":
                    text = str(sel.nilai)
                    lengths[index].append(len(text))
                    longest[index] = max(longest[index], *(len(word) for word in text.split() or [""]))
                elif sel.desimal is not None and isinstance(sel.nilai, Decimal | int):
                    longest[index] = max(longest[index], len(format_angka(sel.nilai, sel.desimal)))
        return lengths, longest, filled

    def terpanjang_kolom(self):
        """The longest word or printed figure of each column, in characters."""
        return self._ukur_kolom()[1]

    def bobot_kolom(self):
        """Relative width of each column (renderers scale it to the page or the sheet): a figure
        column by its kind and its longest figure, a text column by the mean length of its texts
        and its longest word, never narrower than its numbered-column label; empty columns narrow."""
        lengths, longest, filled = self._ukur_kolom()
        weights = []
        for index, kind in enumerate(self.jenis_kolom()):
            if index not in filled:
                weight = 0.9
            elif kind in BOBOT:
                weight = max(BOBOT[kind], longest[index] / 9)
            else:
                mean = sum(lengths[index]) / len(lengths[index])
                weight = min(max(mean / 12, longest[index] / 8, 0.9), 4.5)
            weights.append(max(weight, len(self.nomor_kolom[index]) / 7))
        return weights

    def nihil(self):
        """An empty table renders one NIHIL row across all cells (spec §2.4)."""
        if not self.baris:
            self.baris.append(Baris("nihil", [Sel("NIHIL")] * self.jumlah_kolom))
        return self


def teks(value):
    return Sel(value or "")


def uang(value):
    return Sel(value, "uang")


def sel_nilai(value):
    """Cell of an indicator value: a number (or empty) as a figure, a qualitative text as text."""
    return Sel(value) if isinstance(value, str) else Sel(value, "angka")


def nilai_target(target):
    """Cell of a stored value (a target or realisasi: a ``NilaiAtauTeks``)."""
    if target is None:
        return sel_nilai(None)
    return sel_nilai(target.isi)


def hasil(result, jenis="persen", rumus=None):
    """Cell of an engine result (``evaluasi.capaian.Hasil``): its value or text, or '–' with the
    reason; ``rumus`` says how the engine got it (for a live XLSX formula)."""
    if result.nilai is not None:
        return Sel(result.nilai, jenis, rumus=rumus)
    if result.teks:
        return Sel(result.teks)
    return Sel(None, jenis, result.alasan, rumus)
