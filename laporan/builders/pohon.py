"""Pohon kinerja of a Renja: tujuan → sasaran → program → kegiatan → sub kegiatan, each node
with its indicators (name, target of year n, satuan) and its pagu of year n, as plain data,
and the same tree laid out in pages that fit an A4 (and so an F4) landscape page.

The data is T-C.33's (``tc33._Rencana``: the Renja's sub kegiatan rows, the indicators with a
target for n or n+1, the pagu of every parent summed by ``anggaran.pagu``), so the picture and
Tabel T-C.33 cannot disagree. A program serving several sasaran is drawn under each.

A big OPD has dozens of sub kegiatan, so the picture is split:

1. one page per tujuan: tujuan → sasaran → program (a tujuan with more programs than fit
   across a page is split by its sasaran, a sasaran with too many programs into parts);
2. one page per program: program → kegiatan, with each kegiatan's sub kegiatan stacked under
   it; a program with more kegiatan than fit across, or a kegiatan with more sub kegiatan than
   fit down, goes on over further pages, the repeated box marked "(lanjutan)".

Programs of the Renja that serve no sasaran of the Renstra get an overview page of their own.
"""

from dataclasses import dataclass, field

from laporan import tata_pohon as t
from laporan.builders.tc33 import _Rencana
from laporan.tabel import nilai_target
from laporan.templatetags.renja_angka import tampil
from renja.angka import format_rupiah

LEBAR_HALAMAN = 773  # pt: 273 mm between the side margins of an A4 landscape page (laporan/pdf.py)
TINGGI_HALAMAN = 440  # pt of drawing under the caption: 176 mm of page (499 pt) minus heading and caption
KOLOM = int((LEBAR_HALAMAN + t.JARAK_X) // (t.LEBAR_KOTAK + t.JARAK_X))  # columns across a page
MAKS_BARIS_NAMA = 6  # a longer name ends in "…" in its box; the list beside shows it whole
MAKS_INDIKATOR = 4
MAKS_BARIS_INDIKATOR = 4  # lines of one indicator in a box (its target and satuan are on the last)

LABEL = {
    "tujuan": "TUJUAN",
    "sasaran": "SASARAN",
    "program": "PROGRAM",
    "kegiatan": "KEGIATAN",
    "sub_kegiatan": "SUB KEGIATAN",
    "kelompok": "",
}
WARNA = {  # box fill per level (dark text on each passes WCAG AA contrast)
    "tujuan": "#dbe7f3",
    "sasaran": "#e2f0dc",
    "program": "#fdf0d5",
    "kegiatan": "#f3e4ef",
    "sub_kegiatan": "#ffffff",
    "kelompok": "#eeeeee",
}


@dataclass(frozen=True)
class IndikatorPohon:
    nama: str
    target: str  # as printed ("–" when there is none)
    satuan: str


@dataclass(eq=False)
class Simpul:
    """A node of the tree: ``jenis`` as LABEL, ``nomor`` (tujuan/sasaran) or ``kode``."""

    jenis: str
    nama: str
    nomor: str = ""
    kode: str = ""
    indikator: list = field(default_factory=list)
    pagu: object = None
    anak: list = field(default_factory=list)
    lanjutan: bool = False

    @property
    def label(self):
        return " ".join(filter(None, [LABEL[self.jenis], self.nomor or self.kode]))

    @property
    def warna(self):
        return WARNA[self.jenis]

    @property
    def pagu_teks(self):
        return format_rupiah(self.pagu)

    def salin(self, anak=(), lanjutan=False):
        """The same node with other children (a part of the tree on one page)."""
        return Simpul(
            self.jenis,
            self.nama,
            self.nomor,
            self.kode,
            self.indikator,
            self.pagu,
            list(anak),
            lanjutan or self.lanjutan,
        )


@dataclass
class Halaman:
    """One page of the picture: its caption and its laid-out tree (``tata_pohon.Tata``)."""

    judul: str
    tata: object

    @property
    def kotak(self):
        return self.tata.kotak


@dataclass
class Pohon:
    judul: str
    tujuan: list  # Simpul trees, one per tujuan
    tanpa_sasaran: list  # program Simpul (with kegiatan and sub kegiatan) serving no sasaran
    halaman: list = field(default_factory=list)

    @property
    def kosong(self):
        return not self.tujuan and not self.tanpa_sasaran


# --------------------------------------------------------------------------- the tree


def pohon_kinerja(renja):
    """The pohon kinerja of ``renja`` with its pages, read in T-C.33's fixed number of queries."""
    data = _Rencana(renja)

    def indikator(key):
        return [IndikatorPohon(ind.nama, tampil(nilai_target(now)), ind.satuan) for ind, now, _ in data.indikator[key]]

    programs = {}
    for item in data.items:
        sub = item.sub_kegiatan
        kegiatan, program = sub.kegiatan, sub.kegiatan.program
        kode_p, kode_k = program.nomenklatur.kode, kegiatan.nomenklatur.kode
        if kode_p not in programs:
            programs[kode_p] = Simpul(
                "program", program.nomenklatur.nama, kode=kode_p, indikator=indikator(("program", program.pk)),
                pagu=data.pagu.get(kode_p),
            )  # fmt: skip
        node_p = programs[kode_p]
        if not node_p.anak or node_p.anak[-1].kode != kode_k:
            node_p.anak.append(
                Simpul(
                    "kegiatan",
                    kegiatan.nomenklatur.nama,
                    kode=kode_k,
                    indikator=indikator(("kegiatan", kegiatan.pk)),
                    pagu=data.pagu.get(kode_k),
                )  # fmt: skip
            )
        node_p.anak[-1].anak.append(
            Simpul(
                "sub_kegiatan",
                sub.nomenklatur.nama,
                kode=sub.nomenklatur.kode,
                indikator=indikator(("sub_kegiatan", sub.pk)),
                pagu=item.pagu,
            )  # fmt: skip
        )
    served = set()
    tujuan = []
    for item in data.tujuan:
        node_t = Simpul(
            "tujuan", item.uraian, nomor=item.nomor, indikator=indikator(("tujuan", item.pk)),
            pagu=data.tujuan_pagu.get(item.pk),
        )  # fmt: skip
        for sasaran in (s for s in data.sasaran if s.tujuan_id == item.pk):
            kode = data.program_per_sasaran[sasaran.pk]
            served.update(kode)
            node_t.anak.append(
                Simpul(
                    "sasaran",
                    sasaran.uraian,
                    nomor=sasaran.nomor,
                    indikator=indikator(("sasaran", sasaran.pk)),
                    pagu=data.sasaran_pagu.get(sasaran.pk),
                    anak=[programs[k] for k in kode],
                )  # fmt: skip
            )
        tujuan.append(node_t)
    pohon = Pohon(
        f"Pohon Kinerja {renja.opd.nama} Tahun {renja.tahun}",
        tujuan,
        [programs[k] for k in sorted(programs) if k not in served],
    )
    pohon.halaman = halaman(pohon)
    return pohon


# --------------------------------------------------------------------------- the boxes


def isi_kotak(simpul, lebar):
    """The lines of a node's box ``lebar`` pt wide: its label and code, its name, each
    indicator with its target and satuan, its pagu. A box repeated on a further column or
    page ("lanjutan") shows its label and name only: the rest is in its first box."""
    room = lebar - 2 * t.PADDING
    label = simpul.label + (" (lanjutan)" if simpul.lanjutan else "")
    lines = [t.Baris(line, "jenis") for line in t.bungkus(label, room, tebal=True)] if label else []
    nama = t.bungkus(simpul.nama, room, tebal=True)
    if len(nama) > MAKS_BARIS_NAMA:
        nama = nama[: MAKS_BARIS_NAMA - 1] + [_potong(nama[MAKS_BARIS_NAMA - 1], room)]
    lines += [t.Baris(line, "nama") for line in nama]
    if simpul.lanjutan:
        return lines
    for ind in simpul.indikator[:MAKS_INDIKATOR]:
        lines += [t.Baris(line, "indikator") for line in _indikator(ind, room)]
    if len(simpul.indikator) > MAKS_INDIKATOR:
        lines.append(t.Baris(f"+ {len(simpul.indikator) - MAKS_INDIKATOR} indikator lain (lihat daftar)", "indikator"))
    if simpul.jenis != "kelompok":
        lines += [t.Baris(line, "pagu") for line in t.bungkus(f"Pagu: {simpul.pagu_teks}", room)]
    return lines


def _indikator(ind, room):
    """An indicator's lines: "• name: target satuan", the name shortened with "…" when the
    whole would take more than MAKS_BARIS_INDIKATOR lines (the target is always shown)."""
    words = ind.nama.split(" ")
    tail = f": {ind.target}\u00a0{ind.satuan}".rstrip()
    for cut in range(len(words), -1, -1):
        nama = " ".join(words[:cut]) + ("" if cut == len(words) else " …")
        lines = t.bungkus(f"• {nama}{tail}", room)
        if len(lines) <= MAKS_BARIS_INDIKATOR:
            break
    return lines


def _potong(line, room):
    while line and t.lebar_teks(line + " …", tebal=True) > room:
        line = line[:-1]
    return line.rstrip() + " …"


def _tata(akar):
    return t.tata_letak(akar, isi_kotak, lambda s: s.anak, lambda s: s.jenis == "kegiatan", rentang_akar=True)


def _lebar_kolom(kolom):
    return kolom * (t.LEBAR_KOTAK + t.JARAK_X) - t.JARAK_X


# --------------------------------------------------------------------------- the pages


def _potong_kolom(items, kolom=KOLOM):
    return [items[i : i + kolom] for i in range(0, len(items), kolom)] or [[]]


def _daun(simpul):
    return max(1, len(simpul.anak))


def halaman_ringkas(akar, judul):
    """Pages of a tujuan (or of the group of programs without sasaran): the whole tree when
    its leaves fit across a page, else whole sasaran side by side as long as they fit, a
    sasaran with more programs than KOLOM split in parts."""
    if akar.jenis == "kelompok":
        parts = [program.salin() for program in akar.anak]
    else:
        parts = [
            sasaran.salin([program.salin() for program in chunk], lanjutan=i > 0)
            for sasaran in akar.anak
            for i, chunk in enumerate(_potong_kolom(sasaran.anak))
        ]
    pages, width = [[]], 0
    for part in parts:
        if pages[-1] and width + _daun(part) > KOLOM:
            pages.append([])
            width = 0
        pages[-1].append(part)
        width += _daun(part)
    return [
        Halaman(judul + (" (lanjutan)" if i else ""), _tata(akar.salin(group, lanjutan=i > 0)))
        for i, group in enumerate(pages)
    ]


def kolom_program(program, kolom=KOLOM):
    """The columns of a program's pages: each kegiatan with as many of its sub kegiatan as fit
    down the page under the program's box (a banner over ``kolom`` columns); the rest go on
    in further columns."""
    banner = max(t.tinggi(isi_kotak(node, _lebar_kolom(kolom))) for node in (program, program.salin(lanjutan=True)))
    top = banner + t.JARAK_Y
    width = t.LEBAR_KOTAK - t.INDEN
    columns = []
    for kegiatan in program.anak:
        chunk, lanjutan = [], False
        used = top + t.tinggi(isi_kotak(kegiatan, t.LEBAR_KOTAK))
        for sub in kegiatan.anak:
            height = t.JARAK_TUMPUK + t.tinggi(isi_kotak(sub, width))
            if chunk and used + height > TINGGI_HALAMAN:
                columns.append(kegiatan.salin(chunk, lanjutan=lanjutan))
                chunk, lanjutan = [], True
                used = top + t.tinggi(isi_kotak(kegiatan.salin(lanjutan=True), t.LEBAR_KOTAK))
            chunk.append(sub)
            used += height
        columns.append(kegiatan.salin(chunk, lanjutan=lanjutan))
    return columns


def halaman_program(program, judul):
    """The pages of a program. The banner's height depends on how many columns a page has,
    so the columns are cut for the widest banner first, and again for a narrower one should
    a page (the last, with fewer columns) come out too tall."""
    for kolom in range(min(KOLOM, max(1, len(program.anak))), 0, -1):
        pages = [
            Halaman(judul + (" (lanjutan)" if i else ""), _tata(program.salin(part, lanjutan=i > 0)))
            for i, part in enumerate(_potong_kolom(kolom_program(program, kolom)))
        ]
        if all(page.tata.tinggi <= TINGGI_HALAMAN for page in pages):
            break
    return pages


def halaman(pohon):
    """Every page of the picture, in reading order."""
    pages = []
    for tujuan in pohon.tujuan:
        pages += halaman_ringkas(tujuan, f"Tujuan {tujuan.nomor}: tujuan, sasaran dan program")
    if pohon.tanpa_sasaran:
        kelompok = Simpul("kelompok", "Program yang belum terhubung dengan sasaran Renstra", anak=pohon.tanpa_sasaran)
        pages += halaman_ringkas(kelompok, "Program tanpa sasaran Renstra")
    seen = set()
    for program in [p for tujuan in pohon.tujuan for s in tujuan.anak for p in s.anak] + pohon.tanpa_sasaran:
        if program.kode not in seen:
            seen.add(program.kode)
            pages += halaman_program(program, f"Program {program.kode}: kegiatan dan sub kegiatan")
    return pages
