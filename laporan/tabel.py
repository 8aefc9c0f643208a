"""Plain rows of a report table, shared by the HTML, PDF and XLSX renderers.

A builder returns a ``Tabel``: verbatim headers with their spans, the numbered column row,
and ``Baris`` of ``Sel``. A cell carries a raw value (Decimal, text or None) and its kind;
renderers format it (``renja.angka``), and show "–" with ``alasan`` for an undefined figure.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sel:
    nilai: object = None
    jenis: str = "teks"  # teks | angka | uang | persen
    alasan: str = ""

    @property
    def kosong(self):
        return self.nilai in (None, "")


@dataclass(frozen=True)
class Kepala:
    teks: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Baris:
    jenis: str  # judul | tujuan | sasaran | program | kegiatan | sub_kegiatan | indikator | total | nihil
    sel: list
    tingkat: int = 0


@dataclass
class Tabel:
    kunci: str
    judul: str
    subjudul: list = field(default_factory=list)
    kepala: list = field(default_factory=list)  # rows of Kepala
    nomor_kolom: list = field(default_factory=list)
    baris: list = field(default_factory=list)

    @property
    def jumlah_kolom(self):
        return len(self.nomor_kolom)

    def nihil(self):
        """An empty table renders one NIHIL row across all cells (spec §2.4)."""
        if not self.baris:
            self.baris.append(Baris("nihil", [Sel("NIHIL")] * self.jumlah_kolom))
        return self


def teks(value):
    return Sel(value or "")


def uang(value):
    return Sel(value, "uang")


def nilai_target(target):
    """Cell of a target value: a number, or a qualitative text."""
    if target is None:
        return Sel(None, "angka")
    return Sel(target.nilai, "angka") if target.nilai is not None else Sel(target.nilai_teks)


def hasil(result, jenis="persen"):
    """Cell of an engine result (``evaluasi.capaian.Hasil``): its value or text, or '–' with the reason."""
    if result.nilai is not None:
        return Sel(result.nilai, jenis)
    if result.teks:
        return Sel(result.teks)
    return Sel(None, jenis, result.alasan)
