"""The pairs of T-C.31, Review terhadap Rancangan Awal RKPD (spec §2.3), and the "berubah"
flags between their halves.

The checker (``evaluasi.periksa``) reports a node that differs without a Catatan Penting;
``laporan.builders.review`` prints the same nodes as Tabel 2.4. Both read them from
``susun_review`` so that the table and the findings cannot disagree.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from anggaran.pagu import rollup_kode
from renja.models import Indikator, RancanganAwal, Target
from renja.teks import kunci_nama

# The fields compared between the halves, in the order of the table's columns.
URUTAN_TANDA = ("nama", "lokasi", "indikator", "satuan", "target", "pagu")


def target_review(indikator):
    """Target of a T-C.31 indicator (``RancanganAwalIndikator``): the number, else the
    qualitative text, else None."""
    return indikator.target if indikator.target is not None else (indikator.target_teks or None)


def berbeda(a, b):
    """Whether two values of one field differ between two tables (the halves of T-C.31, the
    review against the Renja, spec §2.3 and §4.7): numbers by value (100 = 100,0000), names and
    other text by ``kunci_nama`` (case, spacing, punctuation and the spellings of "persentase"
    ignored). An empty value differs from a filled one."""
    kosong_a, kosong_b = a in (None, ""), b in (None, "")
    if kosong_a or kosong_b:
        return kosong_a != kosong_b
    if isinstance(a, Decimal | int) and isinstance(b, Decimal | int):
        return a != b
    return kunci_nama(_teks(a)) != kunci_nama(_teks(b))


def _teks(value):
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


def perubahan(kiri, kanan):
    """Names of the fields (keys of two dicts) whose values differ by ``berbeda``: the "berubah"
    flags of a T-C.31 row (nama, lokasi, indikator, satuan, target, pagu; spec §2.3)."""
    return {key for key in kiri.keys() | kanan.keys() if berbeda(kiri.get(key), kanan.get(key))}


# --------------------------------------------------------------------------- the pairs


@dataclass
class BarisReview:
    """One printed row of a node: the values of each half (nama, lokasi and pagu only on the
    node's first row) and the fields that differ."""

    kiri: dict
    kanan: dict
    tanda: set


@dataclass
class NodeReview:
    """A node of T-C.31: its Rancangan Awal row and its Hasil Analisis Kebutuhan row (either may
    be missing), its rows, its Catatan Penting and where the planner writes it."""

    nomor: int
    ranwal: object
    analisis: object
    catatan: str
    kunci: tuple
    baris: list

    @property
    def nomenklatur(self):
        return (self.ranwal or self.analisis).nomenklatur

    @property
    def kode(self):
        return self.nomenklatur.kode

    @property
    def nama(self):
        return self.baris[0].kiri["nama"] or self.baris[0].kanan["nama"] or ""

    @property
    def tanda(self):
        return set().union(*(b.tanda for b in self.baris))

    @property
    def berbeda(self):
        """The differing fields in the order of the table's columns."""
        return [f for f in URUTAN_TANDA if f in self.tanda]

    @property
    def catatan_wajib(self):
        """A field differs and the Catatan Penting is empty: the checker's error (spec §2.3)."""
        return bool(self.tanda) and not self.catatan

    @property
    def obj(self):
        """The object the Catatan Penting is saved on, as the workspace names it."""
        return f"{'sub' if self.kunci[0] == 'catatan' else 'review'}:{self.kunci[1]}" if self.kunci else ""


def muat_baris(renja):
    """The imported T-C.31 rows of the Renja's OPD and year, with their indicators. 2 queries."""
    return list(
        RancanganAwal.objects.filter(opd=renja.opd_id, tahun=renja.tahun)
        .select_related("nomenklatur")
        .prefetch_related("indikator")
    )


def susun_review(renja, baris=None, analisis=None):
    """The nodes of T-C.31 in code order.

    The Rancangan Awal RKPD and Hasil Analisis Kebutuhan rows (``baris``, default
    ``muat_baris``) are paired by nomenklatur, each node's indicators paired by urutan. The
    Hasil Analisis Kebutuhan half is the imported one when the OPD has any for year n (a
    document brought in from before); otherwise, when a Rancangan Awal was entered, it is the
    Renja itself (``analisis()``, default ``analisis_dari_renja``), so that every difference
    between the Rancangan Awal and the plan is flagged. Without a Rancangan Awal: no node."""
    pasangan = {}
    for row in muat_baris(renja) if baris is None else baris:
        pasangan.setdefault(row.nomenklatur_id, {})[row.bagian] = row
    if {b for pair in pasangan.values() for b in pair} == {RancanganAwal.Bagian.RANCANGAN_AWAL}:
        for row in analisis() if analisis else analisis_dari_renja(renja):
            pasangan.setdefault(row.nomenklatur.pk, {})[RancanganAwal.Bagian.ANALISIS_KEBUTUHAN] = row
    halves = sorted(pasangan.values(), key=lambda pair: next(iter(pair.values())).nomenklatur.kode)
    return [
        _node(nomor, pair.get(RancanganAwal.Bagian.RANCANGAN_AWAL), pair.get(RancanganAwal.Bagian.ANALISIS_KEBUTUHAN))
        for nomor, pair in enumerate(halves, start=1)
    ]


def _node(nomor, ranwal, analisis):
    if isinstance(analisis, NodeRenja) and ranwal is not None:
        catatan = ranwal.catatan_penting  # the Renja's own catatan (T-C.33) is not the review's
    else:
        catatan = (analisis and analisis.catatan_penting) or (ranwal and ranwal.catatan_penting) or ""
    indikator = [{i.urutan: i for i in row.indikator.all()} if row else {} for row in (ranwal, analisis)]
    urutan = sorted(indikator[0].keys() | indikator[1].keys()) or [None]
    rows = []
    for index, key in enumerate(urutan):
        halves = []
        for row, by_urutan in ((ranwal, indikator[0]), (analisis, indikator[1])):
            ind = by_urutan.get(key)
            half = {"indikator": ind and ind.nama, "satuan": ind and ind.satuan, "target": ind and target_review(ind)}
            if index == 0:
                half.update(
                    nama=row and (row.nama or row.nomenklatur.nama), lokasi=row and row.lokasi, pagu=row and row.pagu
                )
            halves.append(half)
        rows.append(BarisReview(*halves, perubahan(*halves)))
    return NodeReview(nomor, ranwal, analisis, catatan, catatan_kunci(ranwal, analisis), rows)


def catatan_kunci(ranwal, analisis):
    """Where the Catatan Penting of a node is written, as a workspace cell (kolom, id, versi):
    on the Rancangan Awal row, else on the imported Hasil Analisis Kebutuhan row, else (a sub
    kegiatan only in the Renja) on the Renja's sub kegiatan row."""
    if ranwal is not None or isinstance(analisis, RancanganAwal):
        row = ranwal if ranwal is not None else analisis
        return ("catatan_review", row.pk, row.versi)
    if analisis is not None and analisis.item is not None:
        return ("catatan", analisis.item.pk, analisis.item.versi)
    return ()


# --------------------------------------------------------------------------- the Renja as analisis


@dataclass
class IndikatorRenja:
    urutan: int
    nama: str
    satuan: str
    target: object
    target_teks: str


@dataclass
class NodeRenja:
    """A program, kegiatan or sub kegiatan of the Renja in the shape of a RancanganAwal row."""

    nomenklatur: object
    nama: str
    lokasi: str
    pagu: object
    catatan_penting: str = ""
    item: object = None
    daftar_indikator: list = field(default_factory=list)

    @property
    def indikator(self):
        return self

    def all(self):
        return self.daftar_indikator


ITEM_RELATED = (
    "sub_kegiatan__nomenklatur",
    "sub_kegiatan__kegiatan__nomenklatur",
    "sub_kegiatan__kegiatan__program__nomenklatur",
)


def analisis_dari_renja(renja, items=None, indikator=None):
    """The Renja of year n as the Hasil Analisis Kebutuhan half of T-C.31 (kolom 7–11): each
    program, kegiatan and sub kegiatan with its name as the OPD's documents write it (its
    ``nama_alias``, else the master's), its lokasi (a program's or kegiatan's that of its first
    sub kegiatan in code order, as T-C.33 prints it), its indicators with
    their Renja target n, and its pagu n (a parent's is the sum of its sub kegiatan). An
    indicator of other years only (``di_tahun`` false, ``Indikator.objects.with_tahun_renja``:
    the Tabel 2.1 history) is not part of it, as T-C.33 does not print it.

    ``items`` (the Renja's sub kegiatan rows, ``ITEM_RELATED`` selected) and ``indikator``
    (indicators with their targets prefetched and ``with_tahun_renja`` of year n, any superset
    of the nodes') are those the caller already holds; without them 3 queries."""
    if items is None:
        items = list(renja.sub_kegiatan.select_related(*ITEM_RELATED))
    totals = rollup_kode({item.sub_kegiatan.nomenklatur.kode: item.pagu for item in items})
    nodes = {}
    for item in sorted(items, key=lambda i: i.sub_kegiatan.nomenklatur.kode):
        sub = item.sub_kegiatan
        for node, level in ((sub.kegiatan.program, "program"), (sub.kegiatan, "kegiatan"), (sub, "sub_kegiatan")):
            key = (level, node.pk)
            if key not in nodes:
                nodes[key] = NodeRenja(
                    node.nomenklatur,
                    node.nama_alias or node.nomenklatur.nama,
                    item.lokasi,  # a parent's: its first sub kegiatan's, as T-C.33 prints it
                    totals.get(node.nomenklatur.kode),
                    catatan_penting=item.catatan_penting if level == "sub_kegiatan" else "",
                    item=item if level == "sub_kegiatan" else None,
                )
    if indikator is None:
        owners = {lv: [pk for level, pk in nodes if level == lv] for lv in ("program", "kegiatan", "sub_kegiatan")}
        indikator = (
            Indikator.objects.filter(
                Q(program__in=owners["program"])
                | Q(kegiatan__in=owners["kegiatan"])
                | Q(sub_kegiatan__in=owners["sub_kegiatan"])
            )
            .with_tahun_renja(renja.tahun)
            .prefetch_related(
                Prefetch("target", queryset=Target.objects.filter(jenis=Target.Jenis.RENJA, tahun=renja.tahun))
            )
        )
    for ind in indikator:
        node = nodes.get((ind.level, getattr(ind, f"{ind.level}_id")))
        if node is None or not ind.di_tahun:
            continue
        target = next((t for t in ind.target.all() if t.jenis == Target.Jenis.RENJA and t.tahun == renja.tahun), None)
        node.daftar_indikator.append(
            IndikatorRenja(
                len(node.daftar_indikator) + 1,
                ind.nama,
                ind.satuan,
                target.nilai if target else None,
                target.nilai_teks if target else "",
            )
        )
    return list(nodes.values())
