"""The grid machinery shared by every editing screen: column declarations, reading what a user
typed or pasted, saving a batch of cells all or none under optimistic versions, and the
history of the fields a grid shows.

A grid is a ``Lembar`` subclass: its columns (``KOLOM``), the model of each kind of object it
edits (``MODEL``), and a few hooks (who may save, which objects belong to the document, the
choices of a column, how a value cell finds its row). ``kerja.ruang_kerja`` (the Renja's
T-C.33 grid) is the first; a Renstra, monev or onboarding grid is another declaration.

Saving a batch: every cell is read and checked first (numbers in Indonesian or English style,
decided for the batch as pasted); any bad cell stops it with a message naming the row, the
column and the value. Then every object is claimed at the version the user saw (an UPDATE …
WHERE versi = …, which locks the row); if somebody else saved it in between, nothing of the
batch is kept and the user is told who changed it and to what. Saves go through ``save()`` so
that django-simple-history records who changed what.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from renja.angka import BATAS_ANGKA, BATAS_UANG, AngkaTidakSah, baca_angka, format_ringkas, gaya_angka
from renja.galat import SimpanGagal, galat
from renja.teks import teks_isian

# Kinds of column (Kolom.jenis)
TEKS, UANG, PILIHAN, RELASI, NILAI = "teks", "uang", "pilihan", "relasi", "nilai"


@dataclass(frozen=True)
class Kolom:
    """A column: ``objek`` names the kind of object its cells edit (a key of ``Lembar.MODEL``),
    ``field`` the model field (for a ``nilai`` column, what ``Lembar.baris_nilai`` needs to find
    the value's own row, e.g. a Target's jenis). A ``nilai`` cell is a row of its own (a number
    or a text, with its own version) that is created when first filled and removed when emptied."""

    kunci: str
    label: str  # as the grid's header says, for messages
    objek: str
    field: str
    jenis: str
    wajib: bool = False


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


@dataclass
class Riwayat:
    waktu: object
    oleh: str
    apa: str  # the column (and row) changed
    dari: str
    ke: str


def isi(obj):
    """What a number-or-text value holds: the number, else the text."""
    return obj.nilai if obj.nilai is not None else obj.nilai_teks


def nama_pengguna(user):
    return (user.get_full_name() or user.username) if user else "sistem"


class Lembar:
    """One grid. Subclasses declare ``KOLOM`` and ``MODEL`` and implement the hooks below; an
    instance saves the cells of one document for one user."""

    KOLOM = {}
    MODEL = {}
    PILIHAN = {}  # field → [(stored value, short label, full label)] for a PILIHAN column

    def __init__(self, user):
        self.user = user

    # ------------------------------------------------------------------ hooks

    def periksa_akses(self):
        """Raise PermissionDenied (may not change) or SimpanGagal (locked)."""
        raise NotImplementedError

    def milik(self, objek):
        """The objects of kind ``objek`` this grid may change, as a queryset: only the ids a
        request names are looked up in it (``milik_dari``)."""
        raise NotImplementedError

    def milik_dari(self, objek, ids):
        """Which of ``ids`` are objects of kind ``objek`` this grid may change (one query). An id
        no database key can hold is nobody's."""
        ids = {i for i in ids if 0 < i < 2**63}
        return set(self.milik(objek).filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()

    def boleh(self, objek, pk):
        """Whether object ``pk`` of kind ``objek`` is one this grid may change (one query)."""
        return pk in self.milik_dari(objek, {pk})

    def pilihan_relasi(self):
        """{kunci: [(object, text shown)]} for the RELASI columns."""
        return {}

    def siapkan(self, daftar):
        """Load what reading the batch needs (once per batch): ``daftar`` holds its cells of
        known columns whose objects are this grid's."""

    def nilai_teks(self, kolom, pk):
        """Whether the NILAI cell of row ``pk`` holds a text (a qualitative value) rather than a number."""
        return False

    def baris_nilai(self, kolom, pk):
        """The value row of a NILAI cell, or None; and the fields to create it with."""
        raise NotImplementedError

    def objek_sel(self, objek, pk):
        """(pk of the object a cell of row ``pk`` edits, fields to create it with). By default the
        row is the object; a grid whose object is created when first written (e.g. a note per
        indicator and triwulan) returns (its pk or None, the fields of a new one)."""
        return pk, None

    def sesudah_simpan(self, hasil):
        """Inside the batch's transaction, once the cells ``hasil`` (Tersimpan) are saved: what
        else the saved values settle (e.g. an import's finding on a cell now filled)."""

    def validasi(self, obj):
        """Check one object before it is saved. Only what a cell can change is checked: the
        tree, unique keys and foreign keys are as loaded, so they cost no query."""
        obj.clean_fields(exclude=[f.name for f in obj._meta.fields if f.is_relation])

    # ------------------------------------------------------------------ columns

    @classmethod
    def label_pilihan(cls, field):
        """(stored value, short label, full label) of a choice column."""
        if field in cls.PILIHAN:
            return cls.PILIHAN[field]
        raise KeyError(field)

    @classmethod
    def nilai_objek(cls, obj, kolom):
        """What a cell of ``obj`` holds."""
        return isi(obj) if kolom.jenis == NILAI else getattr(obj, kolom.field)

    @classmethod
    def tulis(cls, obj, kolom, value):
        setattr(obj, kolom.field, value)

    @classmethod
    def tampil(cls, kolom, value):
        """The text a cell shows for a stored value: numbers in id-ID style with the decimals
        they have, choices by their short label, a related object by its name."""
        kolom = cls.KOLOM[kolom] if isinstance(kolom, str) else kolom
        if value is None:
            return ""
        if isinstance(value, Decimal):
            return format_ringkas(value)
        if kolom.jenis == PILIHAN:
            return next((short for stored, short, _ in cls.label_pilihan(kolom.field) if stored == value), value)
        return str(value)

    @classmethod
    def kunci_objek(cls, kolom, pk):
        """The object a cell edits, as the grid names it: cells of one object share its version;
        a NILAI cell is its own object."""
        kolom = cls.KOLOM[kolom] if isinstance(kolom, str) else kolom
        return f"{kolom.kunci if kolom.jenis == NILAI else kolom.objek}:{pk}"

    @classmethod
    def pilihan_datalist(cls, pilihan):
        """The texts a user may pick in each choice column (for its drop-down list)."""
        texts = {kunci: [shown for _, shown in daftar] for kunci, daftar in pilihan.items()}
        for kolom in cls.KOLOM.values():
            if kolom.jenis == PILIHAN:
                texts[kolom.kunci] = [short for _, short, _ in cls.label_pilihan(kolom.field)]
        return texts

    # ------------------------------------------------------------------ reading a cell

    def _pilihan(self, field, nilai):
        """The stored value of a choice typed as its value, its short or its full label (any case)."""
        text = str(nilai or "").strip().lower()
        for value, short, label in self.label_pilihan(field):
            if text in (value.lower(), short.lower(), label.lower()):
                return value
        pilihan = ", ".join(short for _, short, _ in self.label_pilihan(field))
        raise ValueError(f"'{nilai}' bukan pilihan yang sah (pilih: {pilihan})")

    @staticmethod
    def _relasi(kolom, nilai, pilihan):
        """A related object typed as its shown name, its name or its code (any case)."""
        text = str(nilai or "").strip()
        if not text:
            return None
        for obj, shown in pilihan[kolom.kunci]:
            if text.lower() in {shown.lower(), obj.nama.lower(), obj.kode.lower()}:
                return obj
        daftar = ", ".join(shown for _, shown in pilihan[kolom.kunci])
        raise ValueError(f"'{nilai}' tidak dikenal (pilih: {daftar})")

    def _teks(self, kolom, nilai, field):
        text = str(nilai or "").strip()
        if kolom.wajib and not text:
            raise ValueError("wajib diisi")
        return teks_isian(text, self.MODEL[kolom.objek]._meta.get_field(field).max_length)

    def baca(self, kolom, p, gaya, pilihan):
        """The value to store for one cell, or ValueError with the reason in Indonesian."""
        if kolom.jenis == TEKS:
            return self._teks(kolom, p.nilai, kolom.field)
        if kolom.jenis == PILIHAN:
            return self._pilihan(kolom.field, p.nilai)
        if kolom.jenis == RELASI:
            return self._relasi(kolom, p.nilai, pilihan)
        if kolom.jenis == NILAI and self.nilai_teks(kolom, p.id):
            return self._teks(kolom, p.nilai, "nilai_teks")
        try:
            value = baca_angka(p.nilai, gaya)
        except AngkaTidakSah as error:
            raise ValueError(str(error)) from None
        if value is not None and kolom.jenis == UANG:
            if value < 0:
                raise ValueError(f"'{p.nilai}': pagu tidak boleh negatif")
            if value >= BATAS_UANG or value != value.quantize(Decimal("0.01")):
                raise ValueError(
                    f"'{p.nilai}': pagu harus rupiah dengan paling banyak 2 desimal, di bawah Rp 1.000 triliun"
                )
        if value is not None and kolom.jenis == NILAI and abs(value) >= BATAS_ANGKA:
            raise ValueError(f"'{p.nilai}': angka terlalu besar")
        return value

    # ------------------------------------------------------------------ saving a batch

    def simpan(self, daftar):
        """Save the cells ``daftar`` (Perubahan), all or none. Returns the saved cells
        (Tersimpan) with their object's new version; raises PermissionDenied for a user who may
        not save here, SimpanGagal for a locked document, bad cells or conflicts. Cells of one
        object carry the version the user saw of that object and are saved together."""
        self.periksa_akses()
        dipakai = [(p, self.KOLOM[p.kolom]) for p in daftar if p.kolom in self.KOLOM]
        kolom_dipakai = [k for _, k in dipakai]
        ids = defaultdict(set)
        for p, k in dipakai:
            ids[k.objek].add(p.id)
        allowed = {objek: self.milik_dari(objek, pks) for objek, pks in ids.items()}
        self.siapkan([p for p, k in dipakai if p.id in allowed[k.objek]])
        pilihan = self.pilihan_relasi() if any(k.jenis == RELASI for k in kolom_dipakai) else {}
        gaya = gaya_angka(
            [p.nilai for p in daftar if p.kolom in self.KOLOM and self.KOLOM[p.kolom].jenis in (UANG, NILAI)]
        )
        kesalahan, per_objek = [], defaultdict(dict)
        for p in daftar:
            kolom = self.KOLOM.get(p.kolom)
            where = f"Baris {p.baris or p.id}, kolom {kolom.label if kolom else p.kolom}"
            if kolom is None:
                kesalahan.append(galat(f"{where}: kolom tidak dikenal.", p.kolom, p.id))
                continue
            if p.id not in allowed[kolom.objek]:
                kesalahan.append(galat(f"{where}: {self.bukan_milik}.", p.kolom, p.id))
                continue
            try:
                per_objek[self.kunci_objek(kolom, p.id)][kolom.kunci] = (p, kolom, self.baca(kolom, p, gaya, pilihan))
            except ValueError as error:
                kesalahan.append(galat(f"{where}: {error}.", p.kolom, p.id))
        if kesalahan:
            raise SimpanGagal(kesalahan)
        hasil, konflik = [], []
        with transaction.atomic():
            for sel in per_objek.values():
                saved, clash = self._simpan(list(sel.values()))
                hasil += saved
                konflik += clash
            if konflik:
                transaction.set_rollback(True)
            else:
                self.sesudah_simpan(hasil)
        if konflik:
            raise SimpanGagal(konflik=konflik)
        return hasil

    bukan_milik = "baris ini bukan bagian dari dokumen ini"

    @staticmethod
    def _klaim(model, pk, versi):
        """Take the object at the version the user saw: True if nobody saved it since."""
        return model.objects.filter(pk=pk, versi=versi).update(versi=F("versi") + 1) == 1

    def _konflik(self, kolom, perubahan, obj):
        """Who saved the object since the user loaded it, and what it holds now."""
        latest = obj.history.select_related("history_user").first() if obj is not None else None
        who = nama_pengguna(latest.history_user) if latest and latest.history_user else "pengguna lain"
        shown = self.tampil(kolom, None if obj is None else self.nilai_objek(obj, kolom))
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

    def _simpan(self, sel):
        """The cells of one object inside the batch's transaction: (saved cells, conflicts)."""
        p, kolom, _ = sel[0]
        if kolom.jenis == NILAI:
            return self._simpan_nilai(*sel[0])
        model = self.MODEL[kolom.objek]
        pk, baru = self.objek_sel(kolom.objek, p.id)
        if pk is None:  # created by its first write
            if p.versi != 0:  # the user saw an object that someone has since removed
                return [], [self._konflik(k, q, None) for q, k, _ in sel]
            obj = model(**baru)
        elif not self._klaim(model, pk, p.versi):
            obj = model.objects.filter(pk=pk).first()
            return [], [self._konflik(k, q, obj) for q, k, _ in sel]
        else:
            obj = model.objects.get(pk=pk)
        for _, k, value in sel:
            self.tulis(obj, k, value)
        self.simpan_objek(obj, p, kolom)
        return [Tersimpan(k.kunci, q.id, value, self.tampil(k, value), obj.versi) for q, k, value in sel], []

    def _simpan_nilai(self, p, kolom, value):
        """A value row (number or text). An emptied value is removed (the row holds a number or
        a text, never nothing); a value seen as missing is created."""
        obj, baru = self.baris_nilai(kolom, p.id)
        model = self.MODEL[kolom.objek]
        if obj is None:
            if p.versi != 0:  # the user saw a value that someone has since removed
                return [], [self._konflik(kolom, p, None)]
            if value in (None, ""):
                return [Tersimpan(kolom.kunci, p.id, None, "", 0)], []
            obj = model(**baru, versi=0)
        elif not self._klaim(model, obj.pk, p.versi):
            obj.refresh_from_db()
            return [], [self._konflik(kolom, p, obj)]
        if value in (None, ""):
            obj._history_user = self.user
            obj.delete()
            return [Tersimpan(kolom.kunci, p.id, None, "", 0)], []
        obj.versi = p.versi + 1
        obj.nilai, obj.nilai_teks = (None, value) if isinstance(value, str) else (value, "")
        self.simpan_objek(obj, p, kolom)
        return [Tersimpan(kolom.kunci, p.id, value, self.tampil(kolom, value), obj.versi)], []

    def simpan_objek(self, obj, p, kolom):
        """Validate and save one object, with the user in its history."""
        obj._history_user = self.user
        try:
            self.validasi(obj)
        except ValidationError as error:
            raise SimpanGagal(
                [galat(f"Baris {p.baris or p.id}, kolom {kolom.label}: {' '.join(error.messages)}", kolom.kunci, p.id)]
            ) from None
        obj.save()

    # ------------------------------------------------------------------ history

    @classmethod
    def relasi_riwayat(cls, record, kolom):
        """What a historical record holds in a RELASI column, as ``kunci_relasi`` names an object."""
        return getattr(record, f"{kolom.field}_id")

    @staticmethod
    def kunci_relasi(obj):
        return obj.pk

    def _nilai_riwayat(self, kolom, value, pilihan):
        if kolom.jenis == RELASI and value is not None:
            value = next((obj for obj, _ in pilihan[kolom.kunci] if self.kunci_relasi(obj) == value), value)
        return self.tampil(kolom, value)

    def riwayat_objek(self, records, objek, label, pilihan):
        """One entry per grid field that changed between consecutive historical records of each
        object of kind ``objek`` (records in order of history id); a deletion is one entry."""
        kolom_objek = [k for k in self.KOLOM.values() if k.objek == objek and k.jenis != NILAI]
        entries, previous = [], {}
        for record in records:
            before = previous.get(record.id)
            prefix = label(record)
            if record.history_type == "-":
                entries.append(
                    Riwayat(record.history_date, nama_pengguna(record.history_user), prefix, "ada", "dihapus")
                )
            for kolom in kolom_objek:
                if kolom.jenis == RELASI:
                    old = self.relasi_riwayat(before, kolom) if before is not None else None
                    new = self.relasi_riwayat(record, kolom)
                else:
                    old = self.nilai_objek(before, kolom) if before is not None else None
                    new = self.nilai_objek(record, kolom)
                if record.history_type != "-" and old != new and (before is not None or new not in (None, "")):
                    entries.append(
                        Riwayat(
                            record.history_date,
                            nama_pengguna(record.history_user),
                            f"{prefix}{kolom.label}",
                            self._nilai_riwayat(kolom, old, pilihan),
                            self._nilai_riwayat(kolom, new, pilihan),
                        )
                    )
            previous[record.id] = record
        return entries

    def riwayat_nilai(self, records, kolom_of, label):
        """One entry per change of a value row (NILAI cells): its creation, each new value, its
        removal; ``kolom_of(record)`` gives the column, ``label(record, kolom)`` the entry's text."""
        entries, previous = [], {}
        for record in records:
            kolom = kolom_of(record)
            before = previous.get(record.id)
            old = "" if before is None else self.tampil(kolom, isi(before))
            new = "" if record.history_type == "-" else self.tampil(kolom, isi(record))
            if old != new:
                entries.append(
                    Riwayat(record.history_date, nama_pengguna(record.history_user), label(record, kolom), old, new)
                )
            previous[record.id] = None if record.history_type == "-" else record
        return entries
