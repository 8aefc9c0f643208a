"""The planner's grid of a Renstra: its tujuan and sasaran with their indicators, the sasaran's
programs, and every Renstra target (one per year of the period and the end-of-period target)
of those indicators and of the OPD's program, kegiatan and sub kegiatan indicators, which
Tabel 2.1 kolom 4 and the checker read (``Target.Jenis.RENSTRA`` / ``AKHIR_RENSTRA``).

The grid is a ``kerja.grid.Lembar``: it inherits the Renja grid's reading of indicator cells
(choices, polaritas with its method, text for qualitative indicators) and saves under the
Renstra's lock (``Renstra.terbuka``). A program, kegiatan or sub kegiatan indicator's own
fields are the Renja workspace's; here only its Renstra targets are edited.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Sum

from kerja.grid import NILAI, TEKS, Kolom, Lembar, isi
from kerja.ruang_kerja import LembarRenja
from renja import akses
from renja.models import Indikator, PaguRenstra, Program, Renstra, Sasaran, Target, Tujuan

BATAS_TAHUN = 10  # columns for the years of a period: a Renstra runs five years, the demo's six
JENIS_RENSTRA = (Target.Jenis.RENSTRA, Target.Jenis.AKHIR_RENSTRA)
KOLOM_DEFINISI = ("indikator", "satuan", "tipe_nilai", "sifat", "polaritas")


def _kolom_tahun(i):
    return Kolom(f"target_{i}", f"Target tahun ke-{i + 1}", "target", str(i), NILAI)


class LembarRenstra(LembarRenja):
    """The Renstra grid of one Renstra for one user."""

    KOLOM = {
        k.kunci: k
        for k in (
            Kolom("nomor_tujuan", "Nomor tujuan", "tujuan", "nomor", TEKS, wajib=True),
            Kolom("uraian_tujuan", "Tujuan", "tujuan", "uraian", TEKS, wajib=True),
            Kolom("nomor_sasaran", "Nomor sasaran", "sasaran", "nomor", TEKS, wajib=True),
            Kolom("uraian_sasaran", "Sasaran", "sasaran", "uraian", TEKS, wajib=True),
            Kolom("program", "Program", "sasaran", "program", TEKS),
            *(LembarRenja.KOLOM[k] for k in KOLOM_DEFINISI),
            *(_kolom_tahun(i) for i in range(BATAS_TAHUN)),
            Kolom("akhir", "Target akhir periode", "target", Target.Jenis.AKHIR_RENSTRA, NILAI),
        )
    }
    MODEL = {"tujuan": Tujuan, "sasaran": Sasaran, "indikator": Indikator, "target": Target}

    def __init__(self, renstra, user):
        Lembar.__init__(self, user)
        self.renstra = renstra
        self.indikator = {}
        self._program = None

    @property
    def bukan_milik(self):
        return f"baris ini bukan bagian dari {self.renstra}"

    def sesudah_simpan(self, hasil):
        """Nothing yet: a Renstra import's findings are keyed by the row's subject and year
        (renja.impor.kunci_temuan), not by the cell this grid writes."""

    def periksa_akses(self):
        akses.pastikan_boleh_ubah(self.user, self.renstra)

    def milik(self, objek):
        if objek == "tujuan":
            return Tujuan.objects.filter(renstra=self.renstra)
        if objek == "sasaran":
            return Sasaran.objects.filter(tujuan__renstra=self.renstra)
        if objek == "indikator":  # the definitions edited here: the tujuan's and sasaran's
            return self.renstra.milik("indikator")
        return Indikator.objects.for_opd(self.renstra.opd_id)

    def program_opd(self):
        """{kode: Program} of the OPD (once per batch)."""
        if self._program is None:
            found = Program.objects.filter(opd=self.renstra.opd_id).select_related("nomenklatur")
            self._program = {p.nomenklatur.kode: p for p in found}
        return self._program

    def baca(self, kolom, p, gaya, pilihan):
        if kolom.objek == "target" and kolom.kunci != "akhir" and int(kolom.field) >= len(self.renstra.tahun):
            raise ValueError(f"di luar periode Renstra {self.renstra.tahun_awal}–{self.renstra.tahun_akhir}")
        if kolom.kunci != "program":
            return super().baca(kolom, p, gaya, pilihan)
        kode = [k.strip() for k in str(p.nilai or "").replace(";", ",").split(",") if k.strip()]
        asing = [k for k in kode if k not in self.program_opd()]
        if asing:
            daftar = ", ".join(sorted(self.program_opd())) or "belum ada program"
            raise ValueError(f"'{', '.join(asing)}' bukan program {self.renstra.opd.singkatan} (program: {daftar})")
        return ", ".join(sorted(set(kode)))

    def baris_nilai(self, kolom, pk):
        if kolom.kunci == "akhir":
            lookup = {"indikator_id": pk, "tahun": self.renstra.tahun_akhir, "jenis": Target.Jenis.AKHIR_RENSTRA}
        else:
            tahun = self.renstra.tahun_awal + int(kolom.field)
            lookup = {"indikator_id": pk, "tahun": tahun, "jenis": Target.Jenis.RENSTRA}
        return Target.objects.filter(**lookup).first(), lookup

    def validasi(self, obj):
        super().validasi(obj)
        if isinstance(obj, Tujuan | Sasaran):  # a number already taken is refused by name, not by the database
            obj.validate_constraints()

    @classmethod
    def nilai_objek(cls, obj, kolom):
        if kolom.kunci == "program":  # a historical record keeps no programs: nothing to compare
            if not isinstance(obj, Sasaran):
                return ""
            return ", ".join(sorted(p.nomenklatur.kode for p in obj.program.all()))
        return super().nilai_objek(obj, kolom)

    def tulis(self, obj, kolom, value):
        if kolom.kunci == "program":
            obj._program_baru = [self.program_opd()[k] for k in value.split(", ") if k]
        else:
            super().tulis(obj, kolom, value)

    def simpan_objek(self, obj, p, kolom):
        super().simpan_objek(obj, p, kolom)
        if hasattr(obj, "_program_baru"):
            obj.program.set(obj._program_baru)


def pagu_per_tahun(renstra):
    """The Renstra's kerangka pendanaan per year: [{tahun, jumlah, sub}] (the sum of its sub
    kegiatan's PaguRenstra and how many), one query."""
    rows = PaguRenstra.objects.filter(renstra=renstra).values("tahun").order_by("tahun")
    return list(rows.annotate(jumlah=Sum("pagu"), sub=Count("sub_kegiatan")))


KOLOM = LembarRenstra.KOLOM
tampil = LembarRenstra.tampil
kunci_objek = LembarRenstra.kunci_objek


def simpan_perubahan(renstra, user, daftar):
    """Save the cells ``daftar`` (Perubahan) of ``renstra`` for ``user``, all or none."""
    return LembarRenstra(renstra, user).simpan(daftar)


# --------------------------------------------------------------------------- reading the grid


def kolom_grid(renstra):
    """(kunci, header) of every column shown, with the years of the period."""
    tahun = [(f"target_{i}", f"Target {t}") for i, t in enumerate(renstra.tahun[:BATAS_TAHUN])]
    return [
        ("kode", "Nomor / Kode"),
        ("nama", "Tujuan / Sasaran / Program / Kegiatan / Sub Kegiatan"),
        ("program", "Program (sasaran)"),
        ("indikator", "Indikator"),
        ("satuan", "Satuan"),
        ("tipe_nilai", "Tipe nilai"),
        ("sifat", "Sifat"),
        ("polaritas", "Polaritas"),
        *tahun,
        ("akhir", f"Target akhir periode ({renstra.tahun_akhir})"),
    ]


@dataclass
class SelRenstra:
    kolom: str  # the column shown (kolom_grid)
    teks: str = ""
    kunci: str = ""  # the grid column (KOLOM) an editable cell saves, else ""
    obj: str = ""
    id: int = 0
    versi: int = 0


@dataclass
class BarisRenstra:
    tingkat: str  # "tujuan" | "sasaran" | "program" | "kegiatan" | "sub"
    kode: str  # unique in the page (an anchor)
    induk: str
    label: str  # names the row in messages and in the difference with the adopted version
    sel: list
    pertama: bool = True
    node: object = None  # the Tujuan, Sasaran, Program, Kegiatan or SubKegiatan
    indikator: object = None
    ubah_definisi: bool = False  # the indicator's own fields are edited here (tujuan, sasaran)
    judul: str = ""  # the node alone ("Tujuan 1", a code), without the indicator


@dataclass
class GridRenstra:
    baris: list
    kolom: list
    tujuan: list = field(default_factory=list)


def _sel(kolom, kunci, obj_pk, versi, value):
    grid_kolom = KOLOM[kunci]
    return SelRenstra(kolom, tampil(grid_kolom, value), kunci, kunci_objek(grid_kolom, obj_pk), obj_pk, versi)


def _sel_indikator(ind, targets, renstra, ubah):
    cells = {}
    for kunci in KOLOM_DEFINISI:
        value = LembarRenstra.nilai_objek(ind, KOLOM[kunci])
        if ubah:
            cells[kunci] = _sel(kunci, kunci, ind.pk, ind.versi, value)
        else:
            cells[kunci] = SelRenstra(kunci, tampil(KOLOM[kunci], value))
    for i, tahun in enumerate(renstra.tahun[:BATAS_TAHUN]):
        target = targets.get((Target.Jenis.RENSTRA, tahun))
        kunci = f"target_{i}"
        cells[kunci] = _sel(kunci, kunci, ind.pk, getattr(target, "versi", 0), None if target is None else isi(target))
    target = targets.get((Target.Jenis.AKHIR_RENSTRA, renstra.tahun_akhir))
    cells["akhir"] = _sel(
        "akhir", "akhir", ind.pk, getattr(target, "versi", 0), None if target is None else isi(target)
    )
    return cells


def _baris(tingkat, kode, induk, label, node, node_cells, indikator, targets, renstra, ubah=False):
    """One row per indicator of a node (at least one); the node's own cells on the first."""
    rows = []
    kolom = [k for k, _ in kolom_grid(renstra)]
    for i, ind in enumerate(indikator or [None]):
        cells = dict(node_cells) if i == 0 else {}
        if ind is not None:
            cells.update(_sel_indikator(ind, targets.get(ind.pk, {}), renstra, ubah))
        where = label + (f" · {ind.nama[:60]}" if ind is not None else "")
        rows.append(
            BarisRenstra(
                tingkat,
                kode,
                induk,
                where,
                [cells.get(k, SelRenstra(k)) for k in kolom],
                pertama=i == 0,
                node=node,
                indikator=ind,
                ubah_definisi=ubah,
                judul=label,
            )
        )
    return rows


def susun_grid(renstra):
    """The Renstra grid: each tujuan with its indicators, then its sasaran (with their programs and
    indicators), then the OPD's programs, kegiatan and sub kegiatan that have indicators, in code
    order, one row per indicator with its Renstra targets. A fixed number of queries (5)."""
    tujuan = list(
        Tujuan.objects.filter(renstra=renstra).prefetch_related(
            Prefetch("sasaran", queryset=Sasaran.objects.prefetch_related("program__nomenklatur"))
        )
    )
    indikator = (
        Indikator.objects.for_opd(renstra.opd_id)
        .select_related("program__nomenklatur", "kegiatan__nomenklatur", "sub_kegiatan__nomenklatur")
        .prefetch_related(
            Prefetch(
                "target",
                queryset=Target.objects.filter(
                    jenis__in=JENIS_RENSTRA, tahun__gte=renstra.tahun_awal, tahun__lte=renstra.tahun_akhir
                ),
            )
        )
    )
    per_owner, targets, nodes = defaultdict(list), {}, {}
    for ind in indikator:
        owner = getattr(ind, f"{ind.level}_id")
        per_owner[(ind.level, owner)].append(ind)
        targets[ind.pk] = {(t.jenis, t.tahun): t for t in ind.target.all()}
        if ind.level in ("program", "kegiatan", "sub_kegiatan"):
            nodes[(ind.level, owner)] = ind.pemilik
    rows = []
    for t in tujuan:
        cells = {
            "kode": _sel("kode", "nomor_tujuan", t.pk, t.versi, t.nomor),
            "nama": _sel("nama", "uraian_tujuan", t.pk, t.versi, t.uraian),
        }
        label = f"Tujuan {t.nomor}"
        rows += _baris(
            "tujuan", f"tujuan-{t.pk}", "", label, t, cells, per_owner[("tujuan", t.pk)], targets, renstra, True
        )
        for s in t.sasaran.all():
            cells = {
                "kode": _sel("kode", "nomor_sasaran", s.pk, s.versi, s.nomor),
                "nama": _sel("nama", "uraian_sasaran", s.pk, s.versi, s.uraian),
                "program": _sel("program", "program", s.pk, s.versi, LembarRenstra.nilai_objek(s, KOLOM["program"])),
            }
            label = f"Sasaran {s.nomor}"
            owned = per_owner[("sasaran", s.pk)]
            rows += _baris(
                "sasaran", f"sasaran-{s.pk}", f"tujuan-{t.pk}", label, s, cells, owned, targets, renstra, True
            )
    tingkat = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub"}
    for (level, pk), node in sorted(nodes.items(), key=lambda x: x[1].nomenklatur.kode):
        kode = node.nomenklatur.kode
        cells = {"kode": SelRenstra("kode", kode), "nama": SelRenstra("nama", node.nomenklatur.nama)}
        rows += _baris(tingkat[level], kode, "", kode, node, cells, per_owner[(level, pk)], targets, renstra)
    return GridRenstra(rows, kolom_grid(renstra), tujuan)


# --------------------------------------------------------------------------- adopted version


def potret(grid):
    """Every cell of the Renstra grid as shown, for a PenetapanRenstra: {kunci: [baris, kolom,
    teks]}; a row is keyed by what it is (tujuan, sasaran, node code) and a value cell by its
    column and indicator, so a revision compares cell by cell; each indicator is present under
    ``ind:<id>`` (added or removed shows as its name from or to nothing)."""
    labels = dict(grid.kolom)
    out = {}
    for row in grid.baris:
        if row.pertama:
            nama = next(cell.teks for cell in row.sel if cell.kolom == "nama")
            out[f"node:{row.kode}"] = [row.judul, "Uraian", nama]
        if row.indikator is not None:
            out[f"ind:{row.indikator.pk}"] = [row.label, "Indikator", row.indikator.nama]
        for cell in row.sel:
            if cell.kunci and cell.kolom not in ("kode", "nama") and KOLOM[cell.kunci].objek != "tujuan":
                where = row.kode if KOLOM[cell.kunci].objek == "sasaran" else cell.id
                label = row.judul if KOLOM[cell.kunci].objek == "sasaran" else row.label
                out[f"{cell.kolom}:{where}"] = [label, labels[cell.kolom], cell.teks]
            elif cell.kunci and cell.kolom == "kode":
                out[f"nomor:{row.kode}"] = [row.judul, "Nomor", cell.teks]
    return out


def renstra_renja(renja):
    """The Renstra of a Renja, as loaded with it."""
    return Renstra.objects.select_related("opd").get(pk=renja.renstra_id)
