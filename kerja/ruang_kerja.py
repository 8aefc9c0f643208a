"""The planner's grid of a Renja (T-C.33 as a spreadsheet): its columns, what a save may touch,
and the grid read from the database.

A change names a column (``KOLOM``), the object (a RenjaSubKegiatan, an Indikator, one Target
of an indicator for year n or n+1, or a T-C.31 RancanganAwal row for its Catatan Penting), the
text typed or pasted, and the version the planner saw; ``kerja.grid.Lembar`` saves a batch.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q

from kerja.grid import NILAI, PILIHAN, RELASI, TEKS, UANG, Kolom, Lembar, Perubahan, Tersimpan, isi  # noqa: F401 (Perubahan, Tersimpan: the grid's API)
from renja import akses
from renja.impor import kunci_nilai, tutup_temuan
from renja.models import (
    Impor,
    Indikator,
    Komentar,
    RancanganAwal,
    RenjaSubKegiatan,
    SumberDana,
    Target,
    UnitKerja,
)

PENDEK = {  # the grid shows the short form; the long labels explain the choice in the admin
    "indeks": "Indeks",
    "kategori": "Kategori",
    "non_kumulatif": "Non-kumulatif",
    "positif": "Positif",
    "negatif": "Negatif",
}

POLARITAS = [  # polarity and, when negative, how capaian is inverted (spec §4.2): one grid column
    ("positif", "Positif", "Positif (makin tinggi makin baik)"),
    ("negatif:rasio_terbalik", "Negatif: target/realisasi", "Negatif, capaian = target / realisasi × 100"),
    ("negatif:selisih", "Negatif: 2×target−realisasi", "Negatif, capaian = (2 × target − realisasi) / target × 100"),
]


def _pilihan_indikator(nama):
    return [(value, PENDEK.get(value, label), label) for value, label in Indikator._meta.get_field(nama).choices]


class LembarRenja(Lembar):
    """The workspace grid of one Renja for one user."""

    KOLOM = {
        k.kunci: k
        for k in (
            Kolom("lokasi", "Lokasi", "sub", "lokasi", TEKS),
            Kolom("pagu", "Pagu indikatif tahun n", "sub", "pagu", UANG),
            Kolom("pagu_maju", "Pagu indikatif tahun n+1", "sub", "pagu_maju", UANG),
            Kolom("sumber_dana", "Sumber dana", "sub", "sumber_dana", RELASI),
            Kolom("penanggung_jawab", "Penanggung jawab", "sub", "penanggung_jawab", RELASI),
            Kolom("catatan", "Catatan penting", "sub", "catatan_penting", TEKS),
            Kolom("catatan_review", "Catatan Penting (review RKPD)", "review", "catatan_penting", TEKS),
            Kolom("indikator", "Indikator", "indikator", "nama", TEKS, wajib=True),
            Kolom("satuan", "Satuan", "indikator", "satuan", TEKS),
            Kolom("sifat", "Sifat", "indikator", "sifat", PILIHAN, wajib=True),
            Kolom("tipe_nilai", "Tipe nilai", "indikator", "tipe_nilai", PILIHAN, wajib=True),
            Kolom("polaritas", "Polaritas", "indikator", "polaritas", PILIHAN, wajib=True),
            Kolom("target", "Target tahun n", "target", Target.Jenis.RENJA, NILAI),
            Kolom("target_maju", "Target tahun n+1", "target", Target.Jenis.PRAKIRAAN_MAJU, NILAI),
        )
    }
    MODEL = {"sub": RenjaSubKegiatan, "indikator": Indikator, "target": Target, "review": RancanganAwal}
    PILIHAN = {
        "polaritas": POLARITAS,
        "sifat": _pilihan_indikator("sifat"),
        "tipe_nilai": _pilihan_indikator("tipe_nilai"),
    }

    def __init__(self, renja, user):
        super().__init__(user)
        self.renja = renja
        self.indikator = {}

    @property
    def bukan_milik(self):
        return f"baris ini bukan bagian dari {self.renja}"

    def periksa_akses(self):
        akses.pastikan_boleh_ubah(self.user, self.renja)

    def milik(self, objek):
        if objek == "review":
            return RancanganAwal.objects.filter(opd=self.renja.opd_id, tahun=self.renja.tahun)
        return self.renja.milik("sub" if objek == "sub" else "indikator")

    def pilihan_relasi(self):
        return pilihan_relasi(self.renja)

    def siapkan(self, daftar):
        ids = {p.id for p in daftar if getattr(self.KOLOM.get(p.kolom), "objek", "") in ("indikator", "target")}
        self.indikator = Indikator.objects.in_bulk(ids)

    def nilai_teks(self, kolom, pk):
        indikator = self.indikator.get(pk)
        return indikator is not None and indikator.tipe_nilai in (
            Indikator.TipeNilai.KUALITATIF,
            Indikator.TipeNilai.KATEGORI,
        )

    def baris_nilai(self, kolom, pk):
        tahun = self.renja.tahun if kolom.field == Target.Jenis.RENJA else self.renja.tahun_maju
        lookup = {"indikator_id": pk, "tahun": tahun, "jenis": kolom.field}
        return Target.objects.filter(**lookup).first(), lookup

    def sesudah_simpan(self, hasil):
        """A target or a sub kegiatan's value (pagu, lokasi …) typed into the grid closes the
        finding of a Renja import that left that cell empty: the key the import gave it
        (renja.impor_renja_kolom.kunci_target, kunci_item); one query, none when no cell was filled."""
        tahun = {Target.Jenis.RENJA: self.renja.tahun, Target.Jenis.PRAKIRAAN_MAJU: self.renja.tahun_maju}
        kunci = set()
        for t in hasil:
            kolom = self.KOLOM[t.kolom]
            if t.nilai in (None, ""):
                continue
            if kolom.objek == "target":
                kunci.add(kunci_nilai(Impor.Jenis.RENJA, Indikator, t.id, tahun[kolom.field], kolom.field))
            elif kolom.objek == "sub":
                kunci.add(kunci_nilai(Impor.Jenis.RENJA, RenjaSubKegiatan, t.id, self.renja.tahun, kolom.field))
        tutup_temuan(self.renja.opd_id, Impor.Jenis.RENJA, kunci)

    def validasi(self, obj):
        super().validasi(obj)
        if isinstance(obj, Indikator):  # kumulatif only for numbers, a method for negative polarity, a scale
            obj.clean()
            obj.validate_constraints()

    @classmethod
    def nilai_objek(cls, obj, kolom):
        """An indicator's polaritas is shown together with its method."""
        if kolom.kunci == "polaritas" and obj.polaritas == Indikator.Polaritas.NEGATIF:
            return f"{obj.polaritas}:{obj.metode_negatif}"
        return super().nilai_objek(obj, kolom)

    @classmethod
    def tulis(cls, obj, kolom, value):
        if kolom.kunci == "polaritas":
            obj.polaritas, _, obj.metode_negatif = value.partition(":")
        else:
            super().tulis(obj, kolom, value)


KOLOM = LembarRenja.KOLOM
tampil = LembarRenja.tampil
kunci_objek = LembarRenja.kunci_objek
pilihan_datalist = LembarRenja.pilihan_datalist


def simpan_perubahan(renja, user, daftar):
    """Save the cells ``daftar`` (Perubahan) of ``renja`` for ``user``, all or none (see
    ``kerja.grid.Lembar.simpan``)."""
    return LembarRenja(renja, user).simpan(daftar)


def pilihan_relasi(renja):
    """The choices of the foreign-key columns, as the grid offers them: the Pemda's active sumber
    dana and the OPD's unit kerja, each with the text shown (2 queries)."""
    return {
        "sumber_dana": [(s, s.nama) for s in SumberDana.objects.filter(pemda=renja.opd.pemda_id, aktif=True)],
        "penanggung_jawab": [(u, str(u)) for u in UnitKerja.objects.filter(opd=renja.opd_id)],
    }


# --------------------------------------------------------------------------- reading the grid

GRID = [
    ("kode", "Kode"),
    ("nama", "Program / Kegiatan / Sub Kegiatan"),
    ("indikator", "Indikator"),
    ("satuan", "Satuan"),
    ("tipe_nilai", "Tipe nilai"),
    ("sifat", "Sifat"),
    ("polaritas", "Polaritas"),
    ("target", "Target {n}"),
    ("pagu", "Pagu indikatif {n} (Rp)"),
    ("lokasi", "Lokasi"),
    ("sumber_dana", "Sumber dana"),
    ("penanggung_jawab", "Penanggung jawab"),
    ("target_maju", "Target {n1}"),
    ("pagu_maju", "Pagu indikatif {n1} (Rp)"),
    ("catatan", "Catatan penting"),
]


def kolom_grid(renja):
    """The grid's column keys and headers, with the Renja's years."""
    return [(kunci, label.format(n=renja.tahun, n1=renja.tahun_maju)) for kunci, label in GRID]


KOLOM_INDIKATOR = ("indikator", "satuan", "tipe_nilai", "sifat", "polaritas", "target", "target_maju")
KOLOM_SUB = ("pagu", "lokasi", "sumber_dana", "penanggung_jawab", "pagu_maju", "catatan")


@dataclass
class SelGrid:
    """A cell of the workspace grid; ``obj``/``id``/``versi`` name what an editable cell saves."""

    kolom: str
    teks: str = ""
    obj: str = ""
    id: int = 0
    versi: int = 0
    total: str = ""  # the node code whose total a pagu cell of a program/kegiatan row shows


@dataclass
class BarisGrid:
    tingkat: str  # "program" | "kegiatan" | "sub"
    kode: str
    induk: str  # the code of the kegiatan (of a sub kegiatan) or program (of a kegiatan)
    label: str  # names the row in messages
    sel: list
    item: object = None  # the RenjaSubKegiatan, on every row of a sub kegiatan
    indikator: object = None
    pertama: bool = True
    node_id: int = 0  # the Program, Kegiatan or SubKegiatan id (for a new indicator)
    komentar: list = field(default_factory=list)  # Bappeda's notes on this item or indicator


@dataclass
class Grid:
    baris: list
    pagu: dict  # {kode sub kegiatan: pagu n}
    pagu_maju: dict
    pilihan: dict
    komentar_umum: list = field(default_factory=list)  # notes on the whole Renja (e.g. why it was returned)
    ada_komentar: bool = False

    def isi_total(self, total, total_maju):
        """Write the totals of program and kegiatan rows ({kode: Rp}, as anggaran.pagu.rollup_kode gives)."""
        for baris in self.baris:
            for sel in baris.sel:
                if sel.total:
                    value = (total if sel.kolom == "pagu" else total_maju).get(sel.total)
                    sel.teks = tampil(sel.kolom, value)


def _sel_indikator(ind, targets):
    cells = {}
    for kunci in KOLOM_INDIKATOR:
        kolom = KOLOM[kunci]
        if kolom.jenis == NILAI:
            target = targets.get(kolom.field)
            value = None if target is None else isi(target)
            cells[kunci] = SelGrid(
                kunci, tampil(kolom, value), kunci_objek(kolom, ind.pk), ind.pk, getattr(target, "versi", 0)
            )
        else:
            shown = tampil(kolom, LembarRenja.nilai_objek(ind, kolom))
            cells[kunci] = SelGrid(kunci, shown, kunci_objek(kolom, ind.pk), ind.pk, ind.versi)
    return cells


def _sel_item(item):
    return {
        kunci: SelGrid(
            kunci, tampil(kunci, getattr(item, KOLOM[kunci].field)), kunci_objek(kunci, item.pk), item.pk, item.versi
        )
        for kunci in KOLOM_SUB
    }


def _baris_node(tingkat, node, induk, indikator, targets, extra):
    """The rows of one program, kegiatan or sub kegiatan: one per indicator (at least one). Node
    cells (name, pagu, lokasi …) are on the first row only."""
    rows = []
    for i, ind in enumerate(indikator or [None]):
        cells = {
            "kode": SelGrid("kode", node.nomenklatur.kode if i == 0 else ""),
            "nama": SelGrid("nama", node.nomenklatur.nama if i == 0 else ""),
        }
        if ind is not None:
            cells.update(_sel_indikator(ind, targets.get(ind.pk, {})))
        if i == 0:
            cells.update(extra)
        label = node.nomenklatur.kode + (f" · {ind.nama[:60]}" if ind is not None else "")
        rows.append(
            BarisGrid(
                tingkat,
                node.nomenklatur.kode,
                induk,
                label,
                [cells.get(kunci, SelGrid(kunci)) for kunci, _ in GRID],
                indikator=ind,
                pertama=i == 0,
                node_id=node.pk,
            )
        )
    return rows


def susun_grid(renja):
    """The workspace grid of ``renja``: program → kegiatan → sub kegiatan rows in code order,
    one row per indicator of the year (``Indikator.objects.tahun_renja``: not those of other
    years only, as Tabel 2.1's history) with its targets n and n+1, and the item's pagu, lokasi, sumber dana,
    penanggung jawab and catatan on a sub kegiatan's first row. A fixed number of queries (5),
    whatever the size of the Renja."""
    items = list(
        RenjaSubKegiatan.objects.filter(renja=renja).select_related(
            "sub_kegiatan__nomenklatur",
            "sub_kegiatan__kegiatan__nomenklatur",
            "sub_kegiatan__kegiatan__program__nomenklatur",
            "sumber_dana",
            "penanggung_jawab",
        )
    )
    subs = {item.sub_kegiatan for item in items}
    kegiatan = {sub.kegiatan for sub in subs}
    program = {k.program for k in kegiatan}
    per_owner = defaultdict(list)
    targets = defaultdict(dict)
    tahun = {Target.Jenis.RENJA: renja.tahun, Target.Jenis.PRAKIRAAN_MAJU: renja.tahun_maju}
    indikator = (
        Indikator.objects.filter(Q(sub_kegiatan__in=subs) | Q(kegiatan__in=kegiatan) | Q(program__in=program))
        .tahun_renja(renja.tahun)
        .prefetch_related(
            models.Prefetch(
                "target",
                queryset=Target.objects.filter(
                    Q(jenis=Target.Jenis.RENJA, tahun=renja.tahun)
                    | Q(jenis=Target.Jenis.PRAKIRAAN_MAJU, tahun=renja.tahun_maju)
                ),
            )
        )
    )
    for ind in indikator:
        per_owner[(ind.level, getattr(ind, f"{ind.level}_id"))].append(ind)
        targets[ind.pk] = {t.jenis: t for t in ind.target.all() if t.tahun == tahun[t.jenis]}

    def total(node):
        return {k: SelGrid(k, total=node.nomenklatur.kode) for k in ("pagu", "pagu_maju")}

    kegiatan_of, items_of = defaultdict(list), defaultdict(list)
    for keg in kegiatan:
        kegiatan_of[keg.program_id].append(keg)
    for item in items:
        items_of[item.sub_kegiatan.kegiatan_id].append(item)

    def by_kode(nodes, node=lambda x: x):
        return sorted(nodes, key=lambda x: node(x).nomenklatur.kode)

    rows = []
    for prog in by_kode(program):
        rows += _baris_node("program", prog, "", per_owner[("program", prog.pk)], targets, total(prog))
        for keg in by_kode(kegiatan_of[prog.pk]):
            kode_keg = keg.nomenklatur.kode
            rows += _baris_node(
                "kegiatan", keg, prog.nomenklatur.kode, per_owner[("kegiatan", keg.pk)], targets, total(keg)
            )
            for item in by_kode(items_of[keg.pk], lambda i: i.sub_kegiatan):
                sub = item.sub_kegiatan
                node_rows = _baris_node(
                    "sub", sub, kode_keg, per_owner[("sub_kegiatan", sub.pk)], targets, _sel_item(item)
                )
                for row in node_rows:
                    row.item = item
                rows += node_rows
    kode = {item.sub_kegiatan.nomenklatur.kode: item for item in items}
    grid = Grid(
        rows,
        {k: item.pagu for k, item in kode.items()},
        {k: item.pagu_maju for k, item in kode.items()},
        pilihan_relasi(renja),
    )
    _pasang_komentar(renja, grid)
    return grid


def _pasang_komentar(renja, grid):
    """Bappeda's notes beside the rows they are about: an item's on its first row, an
    indicator's on the indicator's row, the rest (on the whole Renja) above the grid (1 query)."""
    per_item, per_indikator = defaultdict(list), defaultdict(list)
    for note in Komentar.objects.filter(renja=renja).select_related("penulis"):
        grid.ada_komentar = True
        if note.indikator_id:
            per_indikator[note.indikator_id].append(note)
        elif note.item_id:
            per_item[note.item_id].append(note)
        else:
            grid.komentar_umum.append(note)
    for row in grid.baris:
        if row.indikator is not None:
            row.komentar += per_indikator.get(row.indikator.pk, [])
        if row.item is not None and row.pertama:
            row.komentar = per_item.get(row.item.pk, []) + row.komentar
