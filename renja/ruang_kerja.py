"""Saving the planner's edits of a Renja (the workspace grid): many cells at once, all or none.

A change names a grid column (``KOLOM``), the object (a RenjaSubKegiatan or an Indikator), the
text typed or pasted, and the version the planner saw. The whole batch is read and checked
first (numbers in Indonesian or English style, decided for the batch as pasted); any bad cell
stops it with a message naming the row, the column and the value. Then every object is
claimed at the version the planner saw (an UPDATE ... WHERE versi = …, which locks the row);
if somebody else saved it in between, nothing of the batch is kept and the planner is told
who changed it and to what (optimistic locking). Saves go through ``save()`` so that the
history records who changed what.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from renja.angka import AngkaTidakSah, baca_angka, format_ringkas, gaya_angka
from renja.models import (
    Indikator,
    Keanggotaan,
    Komentar,
    RancanganAwal,
    Renja,
    RenjaSubKegiatan,
    SumberDana,
    Target,
    UnitKerja,
)

STATUS_TERBUKA = Renja.STATUS_TERBUKA
BATAS_UANG = Decimal(10) ** 15  # Rp 1.000 triliun: far above any OPD's pagu, catches a slipped paste


@dataclass(frozen=True)
class Kolom:
    kunci: str
    label: str  # as the grid's header says, for messages
    objek: str  # "sub" (RenjaSubKegiatan) | "indikator" | "target" (of the Indikator, year n or n+1) | "review" (RancanganAwal)
    field: str  # model field; for a target, its Target.Jenis
    jenis: str  # "teks" | "uang" | "pilihan" | "relasi" | "target"
    wajib: bool = False


KOLOM = {
    k.kunci: k
    for k in (
        Kolom("lokasi", "Lokasi", "sub", "lokasi", "teks"),
        Kolom("pagu", "Pagu indikatif tahun n", "sub", "pagu", "uang"),
        Kolom("pagu_maju", "Pagu indikatif tahun n+1", "sub", "pagu_maju", "uang"),
        Kolom("sumber_dana", "Sumber dana", "sub", "sumber_dana", "relasi"),
        Kolom("penanggung_jawab", "Penanggung jawab", "sub", "penanggung_jawab", "relasi"),
        Kolom("catatan", "Catatan penting", "sub", "catatan_penting", "teks"),
        Kolom("catatan_review", "Catatan Penting (review RKPD)", "review", "catatan_penting", "teks"),
        Kolom("indikator", "Indikator", "indikator", "nama", "teks", wajib=True),
        Kolom("satuan", "Satuan", "indikator", "satuan", "teks"),
        Kolom("sifat", "Sifat", "indikator", "sifat", "pilihan", wajib=True),
        Kolom("tipe_nilai", "Tipe nilai", "indikator", "tipe_nilai", "pilihan", wajib=True),
        Kolom("polaritas", "Polaritas", "indikator", "polaritas", "pilihan", wajib=True),
        Kolom("target", "Target tahun n", "target", Target.Jenis.RENJA, "target"),
        Kolom("target_maju", "Target tahun n+1", "target", Target.Jenis.PRAKIRAAN_MAJU, "target"),
    )
}


@dataclass
class Perubahan:
    """One cell: ``baris`` labels the row in messages (e.g. its code and indicator)."""

    kolom: str
    id: int
    nilai: object
    versi: int
    baris: str = ""


@dataclass
class Tersimpan:
    """A saved cell: its stored value, the text the grid shows, and the object's new version."""

    kolom: str
    id: int
    nilai: object
    tampil: str
    versi: int


def kunci_objek(kolom, pk):
    """The object a cell edits, as the grid names it: a sub kegiatan item or an indicator (whose
    cells share one version), or one target of an indicator (its own version)."""
    kolom = KOLOM[kolom] if isinstance(kolom, str) else kolom
    return f"{kolom.kunci if kolom.objek == 'target' else kolom.objek}:{pk}"


class SimpanGagal(Exception):
    """Nothing of the batch was saved. ``kesalahan`` lists the bad cells as dicts (kolom, id,
    pesan; kolom and id are None for the whole Renja), ``konflik`` the cells somebody else
    saved first (with their value, who saved it, and the object's version now)."""

    def __init__(self, kesalahan=(), konflik=()):
        self.kesalahan, self.konflik = list(kesalahan), list(konflik)
        super().__init__("; ".join(k["pesan"] for k in self.kesalahan + self.konflik))

    @property
    def pesan(self):
        return [k["pesan"] for k in self.kesalahan + self.konflik]


def galat(pesan, kolom=None, pk=None):
    return {"kolom": kolom, "id": pk, "pesan": pesan}


def boleh_ubah(user, renja):
    """A planner of the Renja's own OPD (or a superuser) may edit it."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or Keanggotaan.objects.filter(user=user, opd=renja.opd_id, peran=Keanggotaan.Peran.PERENCANA).exists()
    )


def periksa_boleh_ubah(user, renja):
    """PermissionDenied for a user who may not edit ``renja``; SimpanGagal when its status locks it."""
    if not boleh_ubah(user, renja):
        raise PermissionDenied("Anda tidak berhak mengubah Renja ini.")
    if renja.status not in STATUS_TERBUKA:
        raise SimpanGagal([galat(f"Renja berstatus '{renja.get_status_display()}' dan tidak dapat diubah.")])


def milik_renja(renja):
    """Ids of the RenjaSubKegiatan and of the Indikator (of its sub kegiatan, kegiatan and
    programs) that belong to ``renja``: a change may only touch those (2 queries)."""
    items = dict(RenjaSubKegiatan.objects.filter(renja=renja).values_list("pk", "sub_kegiatan"))
    subs = RenjaSubKegiatan.objects.filter(renja=renja).values("sub_kegiatan")
    indikator = Indikator.objects.filter(
        Q(sub_kegiatan__in=subs) | Q(kegiatan__sub_kegiatan__in=subs) | Q(program__kegiatan__sub_kegiatan__in=subs)
    ).values_list("pk", flat=True)
    return set(items), set(indikator)


def pilihan_relasi(renja):
    """The choices of the foreign-key columns, as the grid offers them: the Pemda's active sumber
    dana and the OPD's unit kerja, each with the text shown (2 queries)."""
    return {
        "sumber_dana": [(s, s.nama) for s in SumberDana.objects.filter(pemda=renja.opd.pemda_id, aktif=True)],
        "penanggung_jawab": [(u, str(u)) for u in UnitKerja.objects.filter(opd=renja.opd_id)],
    }


def pilihan_datalist(pilihan):
    """The texts a planner may pick in each choice column of the grid (for its drop-down list)."""
    texts = {kunci: [shown for _, shown in daftar] for kunci, daftar in pilihan.items()}
    for kolom in KOLOM.values():
        if kolom.jenis == "pilihan":
            texts[kolom.kunci] = [short for _, short, _ in _label_pilihan(kolom.field)]
    return texts


def _relasi(kolom, nilai, pilihan):
    """The sumber dana or unit kerja typed as its shown name, its name or its code (any case)."""
    text = str(nilai or "").strip()
    if not text:
        return None
    for obj, shown in pilihan[kolom.kunci]:
        if text.lower() in {shown.lower(), obj.nama.lower(), obj.kode.lower()}:
            return obj
    daftar = ", ".join(shown for _, shown in pilihan[kolom.kunci])
    raise ValueError(f"'{nilai}' tidak dikenal (pilih: {daftar})")


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


def _label_pilihan(field):
    """(stored value, short label, full label) of an indicator's choice field."""
    if field == "polaritas":
        return POLARITAS
    return [(value, PENDEK.get(value, label), label) for value, label in Indikator._meta.get_field(field).choices]


def nilai_objek(obj, kolom):
    """What a cell of ``obj`` holds (an indicator's polaritas together with its method)."""
    if kolom.kunci == "polaritas" and obj.polaritas == Indikator.Polaritas.NEGATIF:
        return f"{obj.polaritas}:{obj.metode_negatif}"
    return getattr(obj, kolom.field)


def _tulis(obj, kolom, value):
    if kolom.kunci == "polaritas":
        obj.polaritas, _, obj.metode_negatif = value.partition(":")
    else:
        setattr(obj, kolom.field, value)


def _pilihan(field, nilai):
    """The stored value of a choice typed as its value, its short or its full label (any case)."""
    text = str(nilai or "").strip().lower()
    for value, short, label in _label_pilihan(field):
        if text in (value.lower(), short.lower(), label.lower()):
            return value
    pilihan = ", ".join(short for _, short, _ in _label_pilihan(field))
    raise ValueError(f"'{nilai}' bukan pilihan yang sah (pilih: {pilihan})")


def _target_teks(indikator):
    return indikator.tipe_nilai in (Indikator.TipeNilai.KUALITATIF, Indikator.TipeNilai.KATEGORI)


def _baca(kolom, nilai, gaya, indikator, pilihan):
    """The value to store for one cell, or ValueError with the reason in Indonesian."""
    if kolom.jenis == "teks":
        text = str(nilai or "").strip()
        if kolom.wajib and not text:
            raise ValueError("wajib diisi")
        limit = _model(kolom)._meta.get_field(kolom.field).max_length
        if limit and len(text) > limit:
            raise ValueError(f"terlalu panjang ({len(text)} huruf, paling banyak {limit})")
        return text
    if kolom.jenis == "pilihan":
        return _pilihan(kolom.field, nilai)
    if kolom.jenis == "relasi":
        return _relasi(kolom, nilai, pilihan)
    if kolom.jenis == "target" and _target_teks(indikator):
        text = str(nilai or "").strip()  # stored as text (nilai_teks)
        if len(text) > Target._meta.get_field("nilai_teks").max_length:
            raise ValueError(f"terlalu panjang ({len(text)} huruf)")
        return text
    try:
        value = baca_angka(nilai, gaya)
    except AngkaTidakSah as error:
        raise ValueError(str(error)) from None
    if value is not None and kolom.jenis == "uang":
        if value < 0:
            raise ValueError(f"'{nilai}': pagu tidak boleh negatif")
        if value >= BATAS_UANG or value != value.quantize(Decimal("0.01")):
            raise ValueError(f"'{nilai}': pagu harus rupiah dengan paling banyak 2 desimal, di bawah Rp 1.000 triliun")
    if value is not None and kolom.jenis == "target" and abs(value) >= Decimal(10) ** 16:
        raise ValueError(f"'{nilai}': angka terlalu besar")
    return value


def tampil(kolom, value):
    """The text a grid cell shows for a stored value: numbers in id-ID style with the decimals
    they have, choices by their label, a sumber dana or unit kerja by its name."""
    kolom = KOLOM[kolom] if isinstance(kolom, str) else kolom
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_ringkas(value)
    if kolom.jenis == "pilihan":
        return next((short for stored, short, _ in _label_pilihan(kolom.field) if stored == value), value)
    return str(value)


def _model(kolom):
    return {"sub": RenjaSubKegiatan, "indikator": Indikator, "target": Target, "review": RancanganAwal}[kolom.objek]


def _target(renja, kolom, indikator_id):
    tahun = renja.tahun if kolom.field == Target.Jenis.RENJA else renja.tahun_maju
    return Target.objects.filter(indikator_id=indikator_id, tahun=tahun, jenis=kolom.field).first(), tahun


def _klaim(model, pk, versi):
    """Take the object at the version the planner saw: True if nobody saved it since."""
    return model.objects.filter(pk=pk, versi=versi).update(versi=F("versi") + 1) == 1


def _konflik(kolom, perubahan, obj):
    """Who saved the object since the planner loaded it, and what it holds now."""
    latest = obj.history.select_related("history_user").first() if obj is not None else None
    who = (
        latest.history_user.get_full_name() or latest.history_user.username
        if latest and latest.history_user
        else "pengguna lain"
    )
    if obj is None:
        value = None
    elif kolom.objek == "target":
        value = obj.nilai if obj.nilai is not None else obj.nilai_teks
    else:
        value = nilai_objek(obj, kolom)
    shown = tampil(kolom, value)
    when = f" pada {timezone.localtime(latest.history_date):%d-%m-%Y %H:%M}" if latest else ""
    return {
        "kolom": kolom.kunci,
        "id": perubahan.id,
        "nilai_lain": shown,
        "oleh": who,
        "versi": obj.versi if obj is not None else 0,
        "pesan": (
            f"Baris {perubahan.baris or perubahan.id}, kolom {kolom.label}: sudah diubah oleh {who}{when} "
            f"menjadi '{shown}'. Nilai Anda '{perubahan.nilai}' belum disimpan."
        ),
    }


def simpan_perubahan(renja, user, daftar):
    """Save the cells ``daftar`` (Perubahan) of ``renja`` for ``user``, all or none. Returns the
    saved cells (Tersimpan) with their object's new version; raises PermissionDenied for a user
    who may not edit this Renja, SimpanGagal for a locked Renja, bad cells or conflicts. Cells
    of one object (a row's lokasi and pagu) carry the version the planner saw of that object and
    are saved together."""
    periksa_boleh_ubah(user, renja)
    items, indikator_ids = milik_renja(renja)
    allowed = {"sub": items, "indikator": indikator_ids, "target": indikator_ids, "review": set()}
    if any(getattr(KOLOM.get(p.kolom), "objek", "") == "review" for p in daftar):
        rows = RancanganAwal.objects.filter(opd=renja.opd_id, tahun=renja.tahun)
        allowed["review"] = set(rows.values_list("pk", flat=True))
    kinds = ("indikator", "target")
    indikator = Indikator.objects.in_bulk({p.id for p in daftar if getattr(KOLOM.get(p.kolom), "objek", "") in kinds})
    pilihan = pilihan_relasi(renja) if any(getattr(KOLOM.get(p.kolom), "jenis", "") == "relasi" for p in daftar) else {}
    gaya = gaya_angka([p.nilai for p in daftar if p.kolom in KOLOM and KOLOM[p.kolom].jenis in ("uang", "target")])
    kesalahan, per_objek = [], defaultdict(dict)
    for p in daftar:
        kolom = KOLOM.get(p.kolom)
        where = f"Baris {p.baris or p.id}, kolom {kolom.label if kolom else p.kolom}"
        if kolom is None:
            kesalahan.append(galat(f"{where}: kolom tidak dikenal.", p.kolom, p.id))
            continue
        if p.id not in allowed[kolom.objek]:
            kesalahan.append(galat(f"{where}: baris ini bukan bagian dari {renja}.", p.kolom, p.id))
            continue
        try:
            per_objek[kunci_objek(kolom, p.id)][kolom.kunci] = (
                p,
                kolom,
                _baca(kolom, p.nilai, gaya, indikator.get(p.id), pilihan),
            )
        except ValueError as error:
            kesalahan.append(galat(f"{where}: {error}.", p.kolom, p.id))
    if kesalahan:
        raise SimpanGagal(kesalahan)
    hasil, konflik = [], []
    with transaction.atomic():
        for sel in per_objek.values():
            saved, clash = _simpan(renja, user, list(sel.values()))
            hasil += saved
            konflik += clash
        if konflik:
            transaction.set_rollback(True)
    if konflik:
        raise SimpanGagal(konflik=konflik)
    return hasil


def _simpan(renja, user, sel):
    """The cells of one object inside the batch's transaction: (saved cells, conflicts)."""
    p, kolom, _ = sel[0]
    if kolom.objek == "target":
        return _simpan_target(renja, user, *sel[0])
    model = _model(kolom)
    if not _klaim(model, p.id, p.versi):
        obj = model.objects.filter(pk=p.id).first()
        return [], [_konflik(k, q, obj) for q, k, _ in sel]
    obj = model.objects.get(pk=p.id)
    for _, k, value in sel:
        _tulis(obj, k, value)
    _simpan_objek(obj, user, p, kolom)
    return [Tersimpan(k.kunci, q.id, value, tampil(k, value), obj.versi) for q, k, value in sel], []


def _simpan_target(renja, user, p, kolom, value):
    """A target of year n or n+1. An emptied target is removed (a Target holds a number or a
    text, never nothing); a target seen as missing is created."""
    target, tahun = _target(renja, kolom, p.id)
    if target is None:
        if p.versi != 0:  # the planner saw a target that someone has since removed
            return [], [_konflik(kolom, p, None)]
        if value in (None, ""):
            return [Tersimpan(kolom.kunci, p.id, None, "", 0)], []
        target = Target(indikator_id=p.id, tahun=tahun, jenis=kolom.field, versi=0)
    elif not _klaim(Target, target.pk, p.versi):
        target.refresh_from_db()
        return [], [_konflik(kolom, p, target)]
    if value in (None, ""):
        target._history_user = user
        target.delete()
        return [Tersimpan(kolom.kunci, p.id, None, "", 0)], []
    target.versi = p.versi + 1
    target.nilai, target.nilai_teks = (None, value) if isinstance(value, str) else (value, "")
    _simpan_objek(target, user, p, kolom)
    return [Tersimpan(kolom.kunci, p.id, value, tampil(kolom, value), target.versi)], []


def _simpan_objek(obj, user, p, kolom):
    """Validate and save one object. Only what a cell can change is checked: the fields, and an
    indicator's own rules (kumulatif only for numbers, a method for negative polarity, a scale
    for categories). The tree, the unique keys and the foreign keys are as they were loaded
    (and a sumber dana or unit kerja came from the Renja's own choices), so they cost no query."""
    obj._history_user = user
    try:
        obj.clean_fields(exclude=[f.name for f in obj._meta.fields if f.is_relation])
        if isinstance(obj, Indikator):
            obj.clean()
            obj.validate_constraints()
    except ValidationError as error:
        raise SimpanGagal(
            [galat(f"Baris {p.baris or p.id}, kolom {kolom.label}: {' '.join(error.messages)}", kolom.kunci, p.id)]
        ) from None
    obj.save()


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
KOLOM_ANGKA = ("target", "target_maju", "pagu", "pagu_maju")


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
        if kolom.objek == "target":
            target = targets.get(kolom.field)
            value = None if target is None else (target.nilai if target.nilai is not None else target.nilai_teks)
            cells[kunci] = SelGrid(
                kunci, tampil(kolom, value), kunci_objek(kolom, ind.pk), ind.pk, getattr(target, "versi", 0)
            )
        else:
            cells[kunci] = SelGrid(
                kunci, tampil(kolom, nilai_objek(ind, kolom)), kunci_objek(kolom, ind.pk), ind.pk, ind.versi
            )
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
    one row per indicator with its targets n and n+1, and the item's pagu, lokasi, sumber dana,
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
    indikator = Indikator.objects.filter(
        Q(sub_kegiatan__in=subs) | Q(kegiatan__in=kegiatan) | Q(program__in=program)
    ).prefetch_related(
        models.Prefetch(
            "target",
            queryset=Target.objects.filter(
                Q(jenis=Target.Jenis.RENJA, tahun=renja.tahun)
                | Q(jenis=Target.Jenis.PRAKIRAAN_MAJU, tahun=renja.tahun_maju)
            ),
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


# --------------------------------------------------------------------------- history of a row

FIELD_KOLOM = {
    (k.objek, k.field): k for k in KOLOM.values() if k.objek != "target"
}  # (objek, model field) → Kolom, for the history's labels


@dataclass
class Riwayat:
    waktu: object
    oleh: str
    apa: str  # the column (and indicator) changed
    dari: str
    ke: str


def _nama_pengguna(record):
    user = record.history_user
    return (user.get_full_name() or user.username) if user else "sistem"


def _nilai_riwayat(kolom, value, pilihan):
    if kolom.jenis == "relasi" and value is not None:
        value = next((obj for obj, _ in pilihan[kolom.kunci] if obj.pk == value), value)
    return tampil(kolom, value)


def _riwayat_model(records, objek, label, pilihan):
    """One entry per field that changed between consecutive historical records of each object
    (records in order of history id); a creation or deletion is one entry."""
    entries, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        prefix = label(record)
        if record.history_type == "-":
            entries.append(Riwayat(record.history_date, _nama_pengguna(record), prefix, "ada", "dihapus"))
        for (owner, nama_field), kolom in FIELD_KOLOM.items():
            if owner != objek:
                continue
            if kolom.jenis == "relasi":
                old = getattr(before, f"{nama_field}_id") if before is not None else None
                new = getattr(record, f"{nama_field}_id")
            else:
                old = nilai_objek(before, kolom) if before is not None else None
                new = nilai_objek(record, kolom)
            if record.history_type != "-" and old != new and (before is not None or new not in (None, "")):
                entries.append(
                    Riwayat(
                        record.history_date,
                        _nama_pengguna(record),
                        f"{prefix}{kolom.label}",
                        _nilai_riwayat(kolom, old, pilihan),
                        _nilai_riwayat(kolom, new, pilihan),
                    )
                )
        previous[record.id] = record
    return entries


def riwayat(renja, objek, pk, batas=200):
    """Who changed what, when, from → to, newest first: for a sub kegiatan row (``objek`` "sub",
    the RenjaSubKegiatan id) its item, its indicators and their targets n and n+1; for an
    indicator row ("indikator") that indicator and its targets. A fixed number of queries."""
    if objek == "sub":
        item = RenjaSubKegiatan.objects.get(pk=pk, renja=renja)
        indikator_ids = list(Indikator.objects.filter(sub_kegiatan=item.sub_kegiatan_id).values_list("pk", flat=True))
        item_records = RenjaSubKegiatan.history.filter(id=pk).select_related("history_user").order_by("history_id")
    else:
        _, allowed = milik_renja(renja)
        if pk not in allowed:
            raise Indikator.DoesNotExist
        indikator_ids, item_records = [pk], []
    pilihan = pilihan_relasi(renja)
    nama = dict(Indikator.objects.filter(pk__in=indikator_ids).values_list("pk", "nama"))
    tahun = {Target.Jenis.RENJA: renja.tahun, Target.Jenis.PRAKIRAAN_MAJU: renja.tahun_maju}
    entries = _riwayat_model(item_records, "sub", lambda r: "", pilihan)
    entries += _riwayat_model(
        Indikator.history.filter(id__in=indikator_ids).select_related("history_user").order_by("history_id"),
        "indikator",
        lambda r: f"{r.nama[:60]} · " if objek == "sub" else "",
        pilihan,
    )
    targets = Target.history.filter(
        Q(jenis=Target.Jenis.RENJA, tahun=renja.tahun) | Q(jenis=Target.Jenis.PRAKIRAAN_MAJU, tahun=renja.tahun_maju),
        indikator_id__in=indikator_ids,
    )
    previous = {}
    for record in targets.select_related("history_user").order_by("history_id"):
        kolom = KOLOM["target" if record.jenis == Target.Jenis.RENJA else "target_maju"]
        value = record.nilai if record.nilai is not None else record.nilai_teks
        before = previous.get(record.id)
        old = "" if before is None else tampil(kolom, before.nilai if before.nilai is not None else before.nilai_teks)
        new = "" if record.history_type == "-" else tampil(kolom, value)
        if old != new:
            where = f"{nama.get(record.indikator_id, '')[:60]} · " if objek == "sub" else ""
            label = f"{where}{kolom.label} ({tahun[record.jenis]})"
            entries.append(Riwayat(record.history_date, _nama_pengguna(record), label, old, new))
        previous[record.id] = None if record.history_type == "-" else record
    entries.sort(key=lambda e: e.waktu, reverse=True)
    return entries[:batas]


# --------------------------------------------------------------------------- workflow


def ajukan_ke_bappeda(renja, user, penghalang):
    """Draf, dikembalikan or perubahan → diajukan, which locks editing. ``penghalang`` are the messages of
    the consistency checker's blocking findings: any of them refuses the submission."""
    periksa_boleh_ubah(user, renja)
    if penghalang:
        raise SimpanGagal([galat(f"Belum dapat diajukan: {pesan}") for pesan in penghalang])
    with transaction.atomic():
        locked = Renja.objects.select_for_update().get(pk=renja.pk)
        periksa_boleh_ubah(user, locked)
        locked.status = Renja.Status.DIAJUKAN
        locked._history_user = user
        locked.save()
    renja.status = locked.status


# --------------------------------------------------------------------------- snapshot and revision


def potret(grid):
    """Every cell of the grid as shown, for a PenetapanRenja: {kunci: [baris, kolom, teks]}. A
    sub kegiatan's cells are keyed by its code and an indicator's by its id, so that they are
    the same keys in a later revision; each node is present under ``node:<kode>``."""
    labels = dict(GRID)
    out = {}
    for row in grid.baris:
        if row.pertama:
            nama = next(cell.teks for cell in row.sel if cell.kolom == "nama")
            out[f"node:{row.kode}"] = [row.kode, "Program/Kegiatan/Sub Kegiatan", nama]
        for cell in row.sel:
            if not cell.obj:
                continue
            where = row.kode if KOLOM[cell.kolom].objek == "sub" else cell.id
            label = row.kode if KOLOM[cell.kolom].objek == "sub" else row.label
            out[f"{cell.kolom}:{where}"] = [label, labels[cell.kolom].format(n="n", n1="n+1"), cell.teks]
    return out


def beda(lama, baru):
    """The cells that differ between two snapshots (``potret``), in row order: (baris, kolom,
    dari, ke); a row added or removed shows as the node's name from or to nothing."""
    out = []
    for key in sorted(lama.keys() | baru.keys(), key=lambda k: ((lama.get(k) or baru.get(k))[0], k)):
        before, after = lama.get(key), baru.get(key)
        if (before or [None, None, ""])[2] != (after or [None, None, ""])[2]:
            row, kolom = (after or before)[:2]
            out.append((row, kolom, before[2] if before else "", after[2] if after else ""))
    return out


def mulai_perubahan(renja, user):
    """Ditetapkan → perubahan: the planner revises a finalised Renja; its cells are compared
    with the latest penetapan until Bappeda finalises the revision."""
    if not boleh_ubah(user, renja):
        raise PermissionDenied("Anda tidak berhak mengubah Renja ini.")
    with transaction.atomic():
        locked = Renja.objects.select_for_update().get(pk=renja.pk)
        if locked.status != Renja.Status.DITETAPKAN:
            raise SimpanGagal([galat("Renja Perubahan hanya dapat dibuat dari Renja yang sudah ditetapkan.")])
        locked.status = Renja.Status.PERUBAHAN
        locked._history_user = user
        locked.save()
    renja.status = locked.status
