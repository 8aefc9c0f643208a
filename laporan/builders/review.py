"""Tabel 2.4 (T-C.31) builder: Review terhadap Rancangan Awal RKPD."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from anggaran.pagu import rollup_kode
from evaluasi.periksa import ERROR, Temuan, perubahan, target_review
from laporan.builders.umum import TINGKAT, subjudul
from laporan.tabel import Baris, Kepala, Sel, Tabel, sel_nilai, teks, uang
from renja.models import Indikator, RancanganAwal, Target

# --------------------------------------------------------------------------- Tabel 2.4 (T-C.31)

KOLOM_KIRI = 1  # first cell of the Rancangan Awal RKPD half (kolom 2–6)
KOLOM_KANAN = 7  # first cell of the Hasil Analisis Kebutuhan half (kolom 7–11)
KOLOM_CATATAN = 13
# Offset of each flagged field inside a half: nama, lokasi, indikator, satuan, target, pagu.
URUTAN_TANDA = ("nama", "lokasi", "indikator", "satuan", "target", "pagu")


def review_rkpd(renja):
    """Tabel T-C.31 in the 14-column layout of [BAP] (the regulation's 12 columns plus Satuan
    in each half): Review terhadap Rancangan Awal RKPD Tahun n (spec §2.3).

    The Rancangan Awal RKPD and Hasil Analisis Kebutuhan rows of the OPD for year n are paired
    by nomenklatur and printed in code order, each node's indicators as continuation rows paired
    by urutan. Names, targets and money are printed as imported (a parent's pagu is not
    recomputed: the checker reports a parent ≠ Σ children).

    Not printed, on every row (spec §2.3 "berubah" flags, compared by ``evaluasi.periksa``):
    ``tanda``, the fields that differ between the halves (nama, lokasi, indikator, satuan,
    target, pagu; nama, lokasi and pagu only on a node's first row); ``berubah``, the column
    indices of the differing cells of both halves; ``catatan_wajib``, True when the row has a
    flag and its node has no Catatan Penting; ``catatan_kunci``, where the planner writes that
    Catatan Penting (see ``_catatan_kunci``).

    The Hasil Analisis Kebutuhan half is the imported one when the OPD has any for year n (a
    document brought in from before); otherwise, when a Rancangan Awal was entered, it is the
    Renja itself (``analisis_dari_renja``), so that every difference between the Rancangan Awal
    and the plan is flagged. Without a Rancangan Awal there is nothing to review: NIHIL. Queries: 2, plus
    3 when the half comes from the Renja, plus the Pemda when not cached."""
    n = renja.tahun
    tabel = Tabel(
        kunci="tc31",
        judul=f"Review terhadap Rancangan Awal RKPD Tahun {n}",
        subjudul=subjudul(renja),
        kepala=[
            [
                Kepala("No", rowspan=2),
                Kepala("Rancangan Awal RKPD", colspan=6),
                Kepala("Hasil Analisis Kebutuhan", colspan=6),
                Kepala("Catatan Penting", rowspan=2),
            ],
            [
                Kepala("Program/Kegiatan/Sub Kegiatan"),
                Kepala("Lokasi"),
                Kepala("Indikator Kinerja"),
                Kepala("Satuan"),
                Kepala("Target Capaian"),
                Kepala("Pagu Indikatif (Rp.)"),
                Kepala("Program/Kegiatan/Sub Kegiatan"),
                Kepala("Lokasi"),
                Kepala("Indikator Kinerja"),
                Kepala("Satuan"),
                Kepala("Target Capaian"),
                Kepala("Kebutuhan Dana (Rp.)"),
            ],
        ],
        nomor_kolom=["1", "2", "3", "4", "4a", "5", "6", "7", "8", "9", "9a", "10", "11", "12"],
    )
    pasangan = {}
    rows = (
        RancanganAwal.objects.filter(opd=renja.opd, tahun=n).select_related("nomenklatur").prefetch_related("indikator")
    )
    for row in rows:
        pasangan.setdefault(row.nomenklatur_id, {})[row.bagian] = row
    bagian = {b for pair in pasangan.values() for b in pair}
    if bagian == {RancanganAwal.Bagian.RANCANGAN_AWAL}:
        for row in analisis_dari_renja(renja):
            pasangan.setdefault(row.nomenklatur.pk, {})[RancanganAwal.Bagian.ANALISIS_KEBUTUHAN] = row
    halves = sorted(pasangan.values(), key=lambda pair: next(iter(pair.values())).nomenklatur.kode)
    for nomor, pair in enumerate(halves, start=1):
        tabel.baris.extend(
            _node_rows(
                nomor,
                pair.get(RancanganAwal.Bagian.RANCANGAN_AWAL),
                pair.get(RancanganAwal.Bagian.ANALISIS_KEBUTUHAN),
            )
        )
    return tabel.nihil()


def _node_rows(nomor, ranwal, analisis):
    """The rows of one node: its first row, then one continuation row per further indicator."""
    node = ranwal or analisis
    level = node.nomenklatur.level
    if isinstance(analisis, NodeRenja) and ranwal is not None:
        catatan = ranwal.catatan_penting  # the Renja's own catatan (T-C.33) is not the review's
    else:
        catatan = (analisis and analisis.catatan_penting) or (ranwal and ranwal.catatan_penting) or ""
    kunci = _catatan_kunci(ranwal, analisis)
    indikator = [{i.urutan: i for i in row.indikator.all()} if row else {} for row in (ranwal, analisis)]
    urutan = sorted(indikator[0].keys() | indikator[1].keys()) or [None]
    rows = []
    for index, key in enumerate(urutan):
        first = index == 0
        cells = [Sel()] * 14
        values = []
        for row, start, by_urutan in ((ranwal, KOLOM_KIRI, indikator[0]), (analisis, KOLOM_KANAN, indikator[1])):
            ind = by_urutan.get(key)
            half = {
                "indikator": ind and ind.nama,
                "satuan": ind and ind.satuan,
                "target": ind and target_review(ind),
            }
            if first:
                half.update(
                    nama=row and (row.nama or row.nomenklatur.nama),
                    lokasi=row and row.lokasi,
                    pagu=row and row.pagu,
                )
            values.append(half)
            cells[start + 2] = teks(half["indikator"])
            cells[start + 3] = teks(half["satuan"])
            cells[start + 4] = sel_nilai(half["target"])
            if first:
                cells[start] = teks(half["nama"])
                cells[start + 1] = teks(half["lokasi"])
                cells[start + 5] = uang(half["pagu"])
        if first:
            cells[0] = teks(str(nomor))
            cells[KOLOM_CATATAN] = teks(catatan)
        baris = Baris(level if first else "indikator", cells, TINGKAT.get(level, 0))
        baris.tanda = perubahan(*values)
        baris.berubah = {
            start + URUTAN_TANDA.index(field) for field in baris.tanda for start in (KOLOM_KIRI, KOLOM_KANAN)
        }
        baris.catatan_wajib = bool(baris.tanda) and not catatan
        baris.catatan_kunci = kunci
        baris.kode = node.nomenklatur.kode
        rows.append(baris)
    return rows


@dataclass
class CatatanReview:
    """A node of T-C.31 whose halves differ: what differs, its Catatan Penting and where the
    planner writes it."""

    nomor: str
    kode: str
    nama: str
    tanda: set
    catatan: str
    kunci: tuple

    @property
    def berbeda(self):
        """The differing fields in the order of the table's columns."""
        return [f for f in URUTAN_TANDA if f in self.tanda]

    @property
    def obj(self):
        """The object the Catatan Penting is saved on, as the workspace names it."""
        return f"{'sub' if self.kunci[0] == 'catatan' else 'review'}:{self.kunci[1]}" if self.kunci else ""


def catatan_review(tabel):
    """The nodes of a T-C.31 table (``review_rkpd``) with a difference, in order, one each."""
    out = []
    for baris in tabel.baris:
        if baris.jenis != "indikator" and baris.kode:
            nama = baris.sel[KOLOM_KIRI].nilai or baris.sel[KOLOM_KANAN].nilai
            out.append(
                CatatanReview(
                    baris.sel[0].nilai,
                    baris.kode,
                    nama,
                    set(),
                    baris.sel[KOLOM_CATATAN].nilai or "",
                    baris.catatan_kunci,
                )
            )
        if out and baris.kode == out[-1].kode:
            out[-1].tanda |= baris.tanda
    return [c for c in out if c.tanda]


def temuan_review(tabel):
    """The checker's findings for T-C.31: a node that differs from the Rancangan Awal without a
    Catatan Penting blocks submission (spec §2.3)."""
    return [
        Temuan(
            "catatan_review",
            ERROR,
            f"Review Rancangan Awal RKPD (T-C.31) baris {c.nomor}: {c.kode}",
            "berbeda: " + ", ".join(c.berbeda),
            "Ada perbedaan dengan Rancangan Awal RKPD; Catatan Penting wajib diisi.",
        )
        for c in catatan_review(tabel)
        if not c.catatan
    ]


def _catatan_kunci(ranwal, analisis):
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


def analisis_dari_renja(renja):
    """The Renja of year n as the Hasil Analisis Kebutuhan half of T-C.31 (kolom 7–11): each
    program, kegiatan and sub kegiatan with its lokasi (sub kegiatan), its indicators with
    their Renja target n, and its pagu n (a parent's is the sum of its sub kegiatan). 3 queries."""
    items = list(
        renja.sub_kegiatan.select_related(
            "sub_kegiatan__nomenklatur",
            "sub_kegiatan__kegiatan__nomenklatur",
            "sub_kegiatan__kegiatan__program__nomenklatur",
        )
    )
    totals = rollup_kode({item.sub_kegiatan.nomenklatur.kode: item.pagu for item in items})
    nodes = {}
    for item in items:
        sub = item.sub_kegiatan
        for node, level in ((sub.kegiatan.program, "program"), (sub.kegiatan, "kegiatan"), (sub, "sub_kegiatan")):
            key = (level, node.pk)
            if key not in nodes:
                nodes[key] = NodeRenja(
                    node.nomenklatur,
                    node.nomenklatur.nama,
                    item.lokasi if level == "sub_kegiatan" else "",
                    totals.get(node.nomenklatur.kode),
                    catatan_penting=item.catatan_penting if level == "sub_kegiatan" else "",
                    item=item if level == "sub_kegiatan" else None,
                )
    owners = {level: [pk for lv, pk in nodes if lv == level] for level in ("program", "kegiatan", "sub_kegiatan")}
    indikator = Indikator.objects.filter(
        Q(program__in=owners["program"])
        | Q(kegiatan__in=owners["kegiatan"])
        | Q(sub_kegiatan__in=owners["sub_kegiatan"])
    ).prefetch_related(Prefetch("target", queryset=Target.objects.filter(jenis=Target.Jenis.RENJA, tahun=renja.tahun)))
    for ind in indikator:
        node = nodes[(ind.level, getattr(ind, f"{ind.level}_id"))]
        target = next(iter(ind.target.all()), None)
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
