"""List tables of a Renja: a grid whose rows the planner adds and removes (T-C.32, Tabel 4.1–4.4).

A ``DaftarLembar`` is a ``kerja.grid.Lembar`` over the rows of one model of a Renja (``MODEL``
has one kind, ``"baris"``), kept in the order of its ``URUTAN`` field. Besides saving cells as
every grid does, it adds a row (``tambah``: an empty row at the end, with ``baru``'s fields)
and removes one (``hapus``: at the version the user saw, the rows after it renumbered), both
under the Renja's lock, with history. ``susun`` gives the rows as the page draws them.

A table is a declaration: ``SLUG`` (its URL), ``JUDUL``, ``KOLOM``, ``MODEL``, ``URUTAN``,
``SARING`` (fields that pick its rows, e.g. the jenis of Tabel 4.2), ``AWAL`` (the fields of a
new row) and, when a column names something, ``pilihan_relasi``. ``TABEL`` lists them. A table
whose rows are not kept per Renja, or whose cells are value rows of their own (T-C.30: one per
year), overrides the hooks ``baris_qs``, ``baru``, ``sel`` and ``riwayat_qs``.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from kerja.grid import PILIHAN, RELASI, TEKS, UANG, Kolom, Lembar, Riwayat, nama_pengguna
from renja import akses
from renja.galat import SimpanGagal, galat
from renja.models import Kegiatan, ProgramPrioritas, RencanaPendapatan, Renja, UsulanPemangku, UsulanRenjaKL


@dataclass
class SelDaftar:
    kolom: str
    teks: str
    obj: str
    id: int
    versi: int


@dataclass
class BarisDaftar:
    nomor: int
    obj: object
    label: str  # names the row in messages: "baris 2 (Wifi publik …)"
    sel: list


def _pilihan_model(model, field):
    return [(value, label, label) for value, label in model._meta.get_field(field).choices]


class DaftarLembar(Lembar):
    """The rows of one model in one Renja, edited as a grid, added and removed by the planner."""

    SLUG = ""
    JUDUL = ""
    BAB = ""  # where the table sits in the document, for the page's heading
    URUTAN = "urutan"
    SARING = {}
    AWAL = {}
    BANTUAN = ""  # a sentence under the title, e.g. what a new row starts with
    JENIS_TEMUAN = ()  # the checker's finding kinds about this table, shown on its page

    def __init__(self, renja, user):
        super().__init__(user)
        self.renja = renja

    @property
    def bukan_milik(self):
        return f"baris ini bukan bagian dari {self.JUDUL} {self.renja}"

    @property
    def model(self):
        return self.MODEL["baris"]

    # ------------------------------------------------------------------ Lembar hooks

    def periksa_akses(self):
        akses.pastikan_boleh_ubah(self.user, self.renja)

    def baris_qs(self):
        return self.model.objects.filter(renja=self.renja, **self.SARING).order_by(self.URUTAN, "pk")

    def milik(self, objek):
        return self.baris_qs()

    def baca(self, kolom, p, gaya, pilihan):
        value = super().baca(kolom, p, gaya, pilihan)
        if kolom.wajib and value in (None, ""):
            raise ValueError("wajib diisi")
        return value

    def validasi(self, obj):
        """A new row starts empty: its fields are checked once they hold something (a required
        column cannot be emptied again, ``baca``); what the document still misses is the checker's."""
        obj.clean_fields(
            exclude=[f.name for f in obj._meta.fields if f.is_relation or getattr(obj, f.attname) in f.empty_values]
        )
        obj.validate_constraints()

    # ------------------------------------------------------------------ rows

    def baru(self):
        """The fields of a new row at the end of the table (the Renja's row is locked by the caller)."""
        last = self.baris_qs().aggregate(akhir=Max(self.URUTAN))["akhir"] or 0
        return {"renja": self.renja, **self.SARING, self.URUTAN: last + 1, **self.AWAL}

    def tambah(self):
        """Add an empty row at the end; returns it."""
        self.periksa_akses()
        with transaction.atomic():
            Renja.objects.select_for_update().filter(pk=self.renja.pk).first()  # one adder at a time
            obj = self.model(**self.baru())
            obj._history_user = self.user
            obj.save()
        return obj

    def hapus(self, pk, versi):
        """Remove row ``pk`` at the version the user saw; the rows after it move up one number."""
        self.periksa_akses()
        if not self.boleh("baris", pk):
            raise SimpanGagal([galat(f"Baris {pk}: {self.bukan_milik}.")])
        with transaction.atomic():
            Renja.objects.select_for_update().filter(pk=self.renja.pk).first()
            if not self._klaim(self.model, pk, versi):
                raise SimpanGagal(
                    [
                        galat(
                            "Baris ini sudah diubah orang lain sejak halaman dimuat. Muat ulang halaman, lalu hapus lagi."
                        )
                    ]
                )
            obj = self.model.objects.get(pk=pk)
            obj._history_user = self.user
            obj.delete()
            for nomor, row in enumerate(self.baris_qs(), start=1):  # ascending: each number is free when taken
                if getattr(row, self.URUTAN) != nomor:
                    self.model.objects.filter(pk=row.pk).update(**{self.URUTAN: nomor})

    def label_baris(self, nomor, obj):
        first = next((k for k in self.KOLOM.values() if k.jenis == TEKS), None)
        text = str(getattr(obj, first.field) or "").strip()[:60] if first else ""
        return f"{nomor}" + (f" ({text})" if text else "")

    def susun(self):
        """The rows as the page draws them: a number, then one cell per column."""
        rows = list(self.baris_qs().select_related(*self.RELATED))
        pilihan = self.pilihan_relasi() if any(k.jenis == RELASI for k in self.KOLOM.values()) else {}
        return [
            BarisDaftar(
                nomor, obj, self.label_baris(nomor, obj), [self.sel(obj, k, pilihan) for k in self.KOLOM.values()]
            )
            for nomor, obj in enumerate(rows, start=1)
        ]

    def sel(self, obj, kolom, pilihan):
        """The cell of row ``obj`` in ``kolom``. A grid with value cells of their own (NILAI, e.g.
        one per year) overrides this to show the value row's content and version."""
        value = self.nilai_objek(obj, kolom)
        shown = self.tampil_relasi(kolom, value, pilihan) if kolom.jenis == RELASI else self.tampil(kolom, value)
        return SelDaftar(kolom.kunci, shown, self.kunci_objek(kolom, obj.pk), obj.pk, obj.versi)

    def riwayat_qs(self):
        """The historical records of the table's rows (a table not kept per Renja overrides it)."""
        return self.model.history.filter(renja_id=self.renja.pk, **self.SARING)

    RELATED = ()
    BATAS_RIWAYAT = 50

    def riwayat(self, pilihan):
        """The table's latest changes, newest first: each row added, each cell changed, each row
        removed, with who and when (1 query)."""
        records = list(self.riwayat_qs().select_related("history_user").order_by("history_id"))
        entries = self.riwayat_objek(records, "baris", lambda r: f"Baris {getattr(r, self.URUTAN)}, ", pilihan)
        entries += [
            Riwayat(
                r.history_date, nama_pengguna(r.history_user), f"Baris {getattr(r, self.URUTAN)}", "", "ditambahkan"
            )
            for r in records
            if r.history_type == "+"
        ]
        entries.sort(key=lambda e: e.waktu, reverse=True)
        return entries[: self.BATAS_RIWAYAT]

    @staticmethod
    def tampil_relasi(kolom, value, pilihan):
        if value is None:
            return ""
        return next((shown for o, shown in pilihan.get(kolom.kunci, []) if o == value), str(value))


# --------------------------------------------------------------------------- the tables


class UsulanPemangkuLembar(DaftarLembar):
    SLUG = "usulan-pemangku"
    JUDUL = "T-C.32 Usulan Program/Kegiatan dari Para Pemangku Kepentingan"
    BAB = "Bab II"
    MODEL = {"baris": UsulanPemangku}
    JENIS_TEMUAN = ("usulan_pemangku",)
    BANTUAN = (
        "Setiap usulan menyebut sumbernya dan statusnya; usulan yang tidak diakomodasi wajib diberi alasan "
        "(diperiksa sebelum Renja diajukan)."
    )
    KOLOM = {
        k.kunci: k
        for k in (
            Kolom("sumber", "Sumber usulan", "baris", "sumber", PILIHAN),
            Kolom("program_kegiatan", "Program/Kegiatan", "baris", "program_kegiatan", TEKS, wajib=True),
            Kolom("lokasi", "Lokasi", "baris", "lokasi", TEKS),
            Kolom("indikator", "Indikator kinerja", "baris", "indikator", TEKS),
            Kolom("besaran", "Besaran/Volume", "baris", "besaran", TEKS),
            Kolom("status", "Status", "baris", "status", PILIHAN),
            Kolom("alasan", "Alasan tidak diakomodasi", "baris", "alasan", TEKS),
            Kolom("catatan", "Catatan", "baris", "catatan", TEKS),
        )
    }
    PILIHAN = {"sumber": _pilihan_model(UsulanPemangku, "sumber"), "status": _pilihan_model(UsulanPemangku, "status")}

    def label_baris(self, nomor, obj):
        return f"{nomor}" + (f" ({obj.program_kegiatan[:60]})" if obj.program_kegiatan else "")


class RencanaPendapatanLembar(DaftarLembar):
    SLUG = "rencana-pendapatan"
    JUDUL = "Tabel 4.1 Rencana Pendapatan"
    BAB = "Bab IV"
    MODEL = {"baris": RencanaPendapatan}
    AWAL = {"target": 0}
    BANTUAN = "Kode adalah kode akun pendapatan (mis. 4.1.02.01), bukan kode program. Baris baru bertarget 0."
    KOLOM = {
        k.kunci: k
        for k in (
            Kolom("kode_akun", "Kode akun", "baris", "kode_akun", TEKS, wajib=True),
            Kolom("uraian", "Uraian akun pendapatan", "baris", "uraian", TEKS, wajib=True),
            Kolom("target", "Target penganggaran (Rp)", "baris", "target", UANG, wajib=True),
            Kolom("keterangan", "Keterangan", "baris", "keterangan", TEKS),
        )
    }

    def label_baris(self, nomor, obj):
        return f"{nomor}" + (f" ({obj.kode_akun} {obj.uraian[:50]})" if obj.kode_akun or obj.uraian else "")


class ProgramPrioritasLembar(DaftarLembar):
    """Tabel 4.2/4.3: each row linked to a kegiatan or sub kegiatan of the Renja (one column,
    ``terkait``); its pagu is checked against that node's pagu by the checker (P-06)."""

    URUTAN = "nomor"
    MODEL = {"baris": ProgramPrioritas}
    RELATED = ("sub_kegiatan__nomenklatur", "kegiatan__nomenklatur")
    JENIS_TEMUAN = ("prioritas_node",)
    BAB = "Bab IV"
    BANTUAN = (
        "Setiap baris terkait dengan satu kegiatan atau sub kegiatan Renja ini; pagunya tidak boleh melebihi pagu "
        "kegiatan/sub kegiatan itu. Baris baru terkait dengan sub kegiatan pertama dan berpagu 0: ubah di kolom "
        "Terkait dengan."
    )
    KOLOM = {
        k.kunci: k
        for k in (
            Kolom("program", "Program", "baris", "program", TEKS, wajib=True),
            Kolom("indikasi_kegiatan", "Indikasi/Fokus kegiatan", "baris", "indikasi_kegiatan", TEKS, wajib=True),
            Kolom("terkait", "Terkait dengan (kegiatan/sub kegiatan)", "baris", "terkait", RELASI, wajib=True),
            Kolom("pagu", "Pagu indikatif (Rp)", "baris", "pagu", UANG, wajib=True),
            Kolom("keterangan", "Keterangan", "baris", "keterangan", TEKS),
        )
    }

    def pilihan_relasi(self):
        """The kegiatan and sub kegiatan of this Renja's rows, in code order (1 query)."""
        subs = [
            item.sub_kegiatan
            for item in self.renja.sub_kegiatan.select_related(
                "sub_kegiatan__nomenklatur", "sub_kegiatan__kegiatan__nomenklatur"
            )
        ]
        nodes = {sub.kegiatan for sub in subs} | set(subs)
        return {"terkait": sorted(((n, f"{n.kode} {n.nama}") for n in nodes), key=lambda x: x[0].kode)}

    def baru(self):
        first = min(self.pilihan_relasi()["terkait"], key=lambda x: x[0].kode, default=(None,))[0]
        if first is None:
            raise SimpanGagal(
                [galat("Renja ini belum mempunyai sub kegiatan. Tambahkan sub kegiatan di ruang kerja dahulu.")]
            )
        link = {"kegiatan": first} if isinstance(first, Kegiatan) else {"sub_kegiatan": first}
        return {**super().baru(), "program": "", "indikasi_kegiatan": "", "pagu": 0, **link}

    @classmethod
    def nilai_objek(cls, obj, kolom):
        if kolom.kunci == "terkait":
            return obj.sub_kegiatan or obj.kegiatan
        return super().nilai_objek(obj, kolom)

    @classmethod
    def relasi_riwayat(cls, record, kolom):
        if kolom.kunci == "terkait":
            return ("sub", record.sub_kegiatan_id) if record.sub_kegiatan_id else ("kegiatan", record.kegiatan_id)
        return super().relasi_riwayat(record, kolom)

    @staticmethod
    def kunci_relasi(obj):
        return ("kegiatan" if isinstance(obj, Kegiatan) else "sub", obj.pk)

    @classmethod
    def tulis(cls, obj, kolom, value):
        if kolom.kunci == "terkait":
            obj.kegiatan, obj.sub_kegiatan = (value, None) if isinstance(value, Kegiatan) else (None, value)
        else:
            super().tulis(obj, kolom, value)

    def label_baris(self, nomor, obj):
        return f"{nomor}" + (f" ({obj.program[:60]})" if obj.program else "")


class ProgramUnggulanLembar(ProgramPrioritasLembar):
    SLUG = "program-unggulan"
    JUDUL = "Tabel 4.2 Program Unggulan"
    SARING = {"jenis": ProgramPrioritas.Jenis.UNGGULAN}


class ProgramMendesakLembar(ProgramPrioritasLembar):
    SLUG = "program-mendesak"
    JUDUL = "Tabel 4.3 Program Mendesak"
    SARING = {"jenis": ProgramPrioritas.Jenis.MENDESAK}


class UsulanKLLembar(DaftarLembar):
    SLUG = "usulan-renja-kl"
    JUDUL = "Tabel 4.4 Usulan pada Renja K/L dan Renja PD Provinsi"
    BAB = "Bab IV"
    MODEL = {"baris": UsulanRenjaKL}
    BANTUAN = "Usulan yang didanai APBD Provinsi atau APBN; pagunya tidak dijumlahkan ke pagu Perangkat Daerah."
    KOLOM = {
        k.kunci: k
        for k in (
            Kolom("uraian", "Bidang urusan/program/kegiatan/sub kegiatan", "baris", "uraian", TEKS, wajib=True),
            Kolom("indikator", "Indikator", "baris", "indikator", TEKS),
            Kolom("satuan", "Satuan", "baris", "satuan", TEKS),
            Kolom("target", "Target", "baris", "target", TEKS),
            Kolom("pagu", "Pagu indikatif (Rp)", "baris", "pagu", UANG),
            Kolom("sumber_dana", "Sumber dana", "baris", "sumber_dana", TEKS),
            Kolom("instansi", "Instansi PJ", "baris", "instansi", TEKS),
        )
    }


TABEL = {
    cls.SLUG: cls
    for cls in (
        UsulanPemangkuLembar,
        RencanaPendapatanLembar,
        ProgramUnggulanLembar,
        ProgramMendesakLembar,
        UsulanKLLembar,
    )
}
