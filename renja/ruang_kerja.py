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

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q

from renja.angka import AngkaTidakSah, baca_angka, gaya_angka
from renja.models import Indikator, Keanggotaan, Renja, RenjaSubKegiatan, Target

STATUS_TERBUKA = {Renja.Status.DRAF, Renja.Status.DIKEMBALIKAN}
BATAS_UANG = Decimal(10) ** 15  # Rp 1.000 triliun: far above any OPD's pagu, catches a slipped paste


@dataclass(frozen=True)
class Kolom:
    kunci: str
    label: str  # as the grid's header says, for messages
    objek: str  # "sub" (RenjaSubKegiatan) | "indikator" | "target" (of the Indikator, year n or n+1)
    field: str  # model field; for a target, its Target.Jenis
    jenis: str  # "teks" | "uang" | "pilihan" | "target"
    wajib: bool = False


KOLOM = {
    k.kunci: k
    for k in (
        Kolom("lokasi", "Lokasi", "sub", "lokasi", "teks"),
        Kolom("pagu", "Pagu indikatif tahun n", "sub", "pagu", "uang"),
        Kolom("pagu_maju", "Pagu indikatif tahun n+1", "sub", "pagu_maju", "uang"),
        Kolom("catatan", "Catatan penting", "sub", "catatan_penting", "teks"),
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
    kolom: str
    id: int
    nilai: object
    versi: int


class SimpanGagal(Exception):
    """Nothing of the batch was saved; ``kesalahan`` lists a message per bad cell, ``konflik``
    the cells somebody else saved first (with their value and who saved it)."""

    def __init__(self, kesalahan=(), konflik=()):
        self.kesalahan, self.konflik = list(kesalahan), list(konflik)
        super().__init__("; ".join(self.kesalahan + [k["pesan"] for k in self.konflik]))


def boleh_ubah(user, renja):
    """A planner of the Renja's own OPD (or a superuser) may edit it."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or Keanggotaan.objects.filter(user=user, opd=renja.opd_id, peran=Keanggotaan.Peran.PERENCANA).exists()
    )


def _milik_renja(renja):
    """Ids of the RenjaSubKegiatan and of the Indikator (of its sub kegiatan, kegiatan and
    programs) that belong to ``renja``: a change may only touch those (2 queries)."""
    items = dict(RenjaSubKegiatan.objects.filter(renja=renja).values_list("pk", "sub_kegiatan"))
    subs = RenjaSubKegiatan.objects.filter(renja=renja).values("sub_kegiatan")
    indikator = Indikator.objects.filter(
        Q(sub_kegiatan__in=subs) | Q(kegiatan__sub_kegiatan__in=subs) | Q(program__kegiatan__sub_kegiatan__in=subs)
    ).values_list("pk", flat=True)
    return set(items), set(indikator)


def _pilihan(model, field, nilai):
    """The stored value of a choice typed as its value or its label (any case)."""
    text = str(nilai or "").strip().lower()
    for value, label in model._meta.get_field(field).choices:
        if text in (value.lower(), label.lower()):
            return value
    pilihan = ", ".join(label for _, label in model._meta.get_field(field).choices)
    raise ValueError(f"'{nilai}' bukan pilihan yang sah (pilih: {pilihan})")


def _baca(kolom, nilai, gaya, indikator=None):
    """The value to store for one cell, or ValueError with the reason in Indonesian."""
    if kolom.jenis == "teks":
        text = str(nilai or "").strip()
        if kolom.wajib and not text:
            raise ValueError("wajib diisi")
        model = RenjaSubKegiatan if kolom.objek == "sub" else Indikator
        limit = model._meta.get_field(kolom.field).max_length
        if limit and len(text) > limit:
            raise ValueError(f"terlalu panjang ({len(text)} huruf, paling banyak {limit})")
        return text
    if kolom.jenis == "pilihan":
        return _pilihan(Indikator, kolom.field, nilai)
    if kolom.jenis == "target" and indikator.tipe_nilai in (
        Indikator.TipeNilai.KUALITATIF,
        Indikator.TipeNilai.KATEGORI,
    ):
        return str(nilai or "").strip()  # stored as text (nilai_teks)
    try:
        value = baca_angka(nilai, gaya)
    except AngkaTidakSah as error:
        raise ValueError(str(error)) from None
    if value is not None and kolom.jenis == "uang":
        if value < 0:
            raise ValueError(f"'{nilai}': pagu tidak boleh negatif")
        if value >= BATAS_UANG or value != value.quantize(Decimal("0.01")):
            raise ValueError(f"'{nilai}': pagu harus rupiah dengan paling banyak 2 desimal, di bawah Rp 1.000 triliun")
    return value


def _model(kolom):
    return {"sub": RenjaSubKegiatan, "indikator": Indikator, "target": Target}[kolom.objek]


def _target(renja, kolom, indikator_id):
    tahun = renja.tahun if kolom.field == Target.Jenis.RENJA else renja.tahun_maju
    return Target.objects.filter(indikator_id=indikator_id, tahun=tahun, jenis=kolom.field).first(), tahun


def _klaim(model, pk, versi):
    """Take the object at the version the planner saw: True if nobody saved it since."""
    return model.objects.filter(pk=pk, versi=versi).update(versi=F("versi") + 1) == 1


def _konflik(kolom, perubahan, obj):
    """Who saved the object since the planner loaded it, and what it holds now."""
    latest = obj.history.first() if obj is not None else None
    who = (
        latest.history_user.get_full_name() or latest.history_user.username
        if latest and latest.history_user
        else "pengguna lain"
    )
    if obj is None:
        value = ""
    elif kolom.objek == "target":
        value = obj.tampil
    else:
        value = getattr(obj, kolom.field)
    when = f" pada {latest.history_date:%d-%m-%Y %H:%M}" if latest else ""
    return {
        "kolom": kolom.kunci,
        "id": perubahan.id,
        "nilai_lain": "" if value is None else str(value),
        "oleh": who,
        "versi": obj.versi if obj is not None else 0,
        "pesan": (
            f"Baris {perubahan.baris or perubahan.id}, kolom {kolom.label}: sudah diubah oleh {who}{when} "
            f"menjadi '{'' if value is None else value}'. Nilai Anda '{perubahan.nilai}' belum disimpan."
        ),
    }


def simpan_perubahan(renja, user, daftar):
    """Save the cells ``daftar`` (Perubahan) of ``renja`` for ``user``, all or none. Returns the
    saved cells with their new version; raises PermissionDenied for a user who may not edit
    this Renja, SimpanGagal for a locked Renja, bad cells or conflicts."""
    if not boleh_ubah(user, renja):
        raise PermissionDenied("Anda tidak berhak mengubah Renja ini.")
    if renja.status not in STATUS_TERBUKA:
        raise SimpanGagal([f"Renja berstatus '{renja.get_status_display()}' dan tidak dapat diubah."])
    items, indikator_ids = _milik_renja(renja)
    indikator = Indikator.objects.in_bulk({p.id for p in daftar if p.kolom in KOLOM and KOLOM[p.kolom].objek != "sub"})
    gaya = gaya_angka([p.nilai for p in daftar if p.kolom in KOLOM and KOLOM[p.kolom].jenis in ("uang", "target")])
    kesalahan, siap = [], []
    for p in daftar:
        kolom = KOLOM.get(p.kolom)
        where = f"Baris {p.baris or p.id}, kolom {kolom.label if kolom else p.kolom}"
        if kolom is None:
            kesalahan.append(f"{where}: kolom tidak dikenal.")
            continue
        if p.id not in (items if kolom.objek == "sub" else indikator_ids):
            kesalahan.append(f"{where}: baris ini bukan bagian dari {renja}.")
            continue
        try:
            siap.append((p, kolom, _baca(kolom, p.nilai, gaya, indikator.get(p.id))))
        except ValueError as error:
            kesalahan.append(f"{where}: {error}.")
    if kesalahan:
        raise SimpanGagal(kesalahan)
    hasil, konflik = [], []
    with transaction.atomic():
        for p, kolom, value in siap:
            saved = _simpan(renja, user, p, kolom, value)
            (hasil if isinstance(saved, Tersimpan) else konflik).append(saved)
        if konflik:
            transaction.set_rollback(True)
    if konflik:
        raise SimpanGagal(konflik=konflik)
    return hasil


def _simpan(renja, user, p, kolom, value):
    """One cell inside the batch's transaction: Tersimpan, or the conflict found. An emptied
    target is removed (a Target holds a number or a text, never nothing)."""
    if kolom.objek == "target":
        target, tahun = _target(renja, kolom, p.id)
        if target is None:
            if p.versi != 0:  # the planner saw a target that someone has since removed
                return _konflik(kolom, p, None)
            if value in (None, ""):
                return Tersimpan(kolom.kunci, p.id, None, 0)
            target = Target(indikator_id=p.id, tahun=tahun, jenis=kolom.field, versi=0)
        elif not _klaim(Target, target.pk, p.versi):
            target.refresh_from_db()
            return _konflik(kolom, p, target)
        if value in (None, ""):
            target._history_user = user
            target.delete()
            return Tersimpan(kolom.kunci, p.id, None, 0)
        target.versi = p.versi + 1
        target.nilai, target.nilai_teks = (None, value) if isinstance(value, str) else (value, "")
        obj = target
    else:
        model = _model(kolom)
        if not _klaim(model, p.id, p.versi):
            return _konflik(kolom, p, model.objects.filter(pk=p.id).first())
        obj = model.objects.get(pk=p.id)
        setattr(obj, kolom.field, value)
    obj._history_user = user
    try:
        obj.full_clean()
    except ValidationError as error:
        raise SimpanGagal([f"Baris {p.baris or p.id}, kolom {kolom.label}: {' '.join(error.messages)}"]) from None
    obj.save()
    return Tersimpan(kolom.kunci, p.id, value, obj.versi)
