"""Fill a Renja of year n from the OPD's rancangan awal RKPD of year n (the left half of
T-C.31, imported by ``renja.ranwal``), in one action.

Each sub kegiatan of the rancangan awal becomes a row of the Renja (``RenjaSubKegiatan``) with
its pagu and lokasi; the OPD's program, kegiatan and sub kegiatan nodes are created where
missing, pointing at the master's nodes, with the rancangan awal's wording kept as
``nama_alias`` where it differs from the master's name. Every indicator of a node becomes an
indicator of the OPD's node (matched by name when the node already has it, e.g. one that only
Tabel 2.1 carried so far) with its satuan and its target n (``Target`` jenis renja). The
rancangan awal holds no prakiraan maju, so nothing of year n+1 is written.

Nothing the Renja already holds is overwritten: a value already there is kept and, where it
differs from the rancangan awal, reported. A program or kegiatan of the rancangan awal with no
sub kegiatan under it is reported and left out (a Renja holds its nodes through its sub
kegiatan). Running it twice writes nothing the second time. One transaction under the Renja's
row lock, only while the Renja is open (``renja.kunci``), for its planner or an admin of its
Pemda (``renja.akses.boleh_mulai``); every row written carries the history reason ``ALASAN``.

``rencana(renja)`` is the same walk without writing: what the confirmation page says.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from simple_history.utils import bulk_create_with_history

from renja import kode as kodefikasi
from renja.akses import boleh_mulai, opd_mulai
from renja.angka import format_ringkas, format_rupiah
from renja.galat import SimpanGagal, galat
from renja.kunci import alasan_renja
from renja.models import Indikator, Kegiatan, Program, RancanganAwal, Renja, RenjaSubKegiatan, SubKegiatan, Target
from renja.teks import kunci_nama

ALASAN = "mulai dari rancangan awal"  # the history reason of every row written
LEVEL = {kodefikasi.PROGRAM: "program", kodefikasi.KEGIATAN: "kegiatan", kodefikasi.SUB_KEGIATAN: "sub_kegiatan"}
MODEL = {"program": Program, "kegiatan": Kegiatan, "sub_kegiatan": SubKegiatan}


@dataclass
class IsiRanwal:
    """What filling ``renja`` from its rancangan awal writes (or, as a plan, would write)."""

    renja: Renja
    baris: int = 0  # nodes of the rancangan awal
    dibuat: dict = field(default_factory=lambda: {level: [] for level in MODEL})  # codes of new nodes
    sub_kegiatan: list = field(default_factory=list)  # codes of the new rows of the Renja
    diisi: list = field(default_factory=list)  # "kode (pagu, lokasi)" filled in where the Renja had them empty
    alias: list = field(default_factory=list)  # codes whose rancangan awal wording is kept as nama_alias
    indikator: int = 0
    target: int = 0
    dilewati: list = field(default_factory=list)  # what was kept or left out, and why

    @property
    def baru(self):
        """Whether anything is (or would be) written."""
        return bool(self.sub_kegiatan or self.diisi or self.indikator or self.target or any(self.dibuat.values()))

    @property
    def ringkasan(self):
        n = self.renja.tahun
        return (
            f"{len(self.dibuat['program'])} program, {len(self.dibuat['kegiatan'])} kegiatan dan "
            f"{len(self.dibuat['sub_kegiatan'])} sub kegiatan baru Perangkat Daerah; {len(self.sub_kegiatan)} sub "
            f"kegiatan masuk ke {self.renja} dengan pagu dan lokasinya; {self.indikator} indikator baru; "
            f"{self.target} target {n}."
        )

    @property
    def akibat(self):
        """The lines of the confirmation page."""
        n = self.renja.tahun
        lines = [f"Dari Rancangan Awal RKPD {self.renja.opd.singkatan} {n} ({self.baris} baris): {self.ringkasan}"]
        if self.diisi:
            lines.append(f"Diisi pada baris yang sudah ada tetapi masih kosong: {', '.join(self.diisi)}.")
        if self.alias:
            lines.append(
                "Nama yang ditulis berbeda dengan nomenklatur disimpan sebagai nama dalam dokumen sumber (yang "
                f"dicetak tetap nama nomenklatur): {', '.join(self.alias)}."
            )
        if self.indikator:
            lines.append(
                "Tipe nilai dan sifat indikator baru diturunkan dari satuan dan targetnya (persen dan teks tidak "
                "dijumlahkan); periksa di ruang kerja."
            )
        lines += [f"Tidak ditimpa atau dilewati: {d}" for d in self.dilewati]
        lines.append(
            f"Sumber dana, penanggung jawab dan prakiraan maju {n + 1} tidak ada di rancangan awal: isi di ruang kerja."
        )
        return lines

    @property
    def pesan(self):
        """The message after the action."""
        if not self.baru:
            return f"{self.renja} sudah memuat isi Rancangan Awal RKPD {self.renja.tahun}; tidak ada yang baru."
        kept = (
            f" {len(self.dilewati)} hal tidak ditimpa atau dilewati; semuanya tercantum lagi pada halaman "
            "'Isi dari Rancangan Awal RKPD'."
            if self.dilewati
            else ""
        )
        return f"{self.renja} diisi dari Rancangan Awal RKPD {self.renja.tahun}: {self.ringkasan}{kept}"


def alasan_tidak_dapat_isi(renja):
    """Why ``renja`` cannot be filled from its rancangan awal now, in Indonesian; None when it can."""
    if reason := alasan_renja(renja):
        return reason
    if not ada_ranwal(renja.opd_id, renja.tahun):
        return (
            f"Belum ada Rancangan Awal RKPD {renja.opd.singkatan} {renja.tahun}; admin Pemda mengimpornya dahulu "
            "di halaman Impor."
        )
    return None


def ada_ranwal(opd, tahun):
    """Whether the rancangan awal RKPD of ``opd`` and ``tahun`` has been imported (1 query)."""
    return RancanganAwal.objects.filter(opd=opd, tahun=tahun, bagian=RancanganAwal.Bagian.RANCANGAN_AWAL).exists()


def ditawarkan(renja, user):
    """Whether to offer ``user`` to fill ``renja`` from its rancangan awal: it is open, the user
    may (``renja.akses.opd_mulai``), and there is one (1 query at most)."""
    return (
        renja.terbuka
        and RancanganAwal.objects.filter(
            opd__in=opd_mulai(user), opd=renja.opd_id, tahun=renja.tahun, bagian=RancanganAwal.Bagian.RANCANGAN_AWAL
        ).exists()
    )


def rencana(renja):
    """What ``isi_dari_ranwal`` would write into ``renja`` now, without writing anything."""
    return _Isi(renja, None).jalankan()


def isi_dari_ranwal(renja, user):
    """Fill ``renja`` from its rancangan awal (see the module); returns what was written.
    PermissionDenied for a user who is neither its planner nor an admin of its Pemda;
    SimpanGagal with the reason when it is locked or has no rancangan awal."""
    if not boleh_mulai(user, renja.opd):
        raise PermissionDenied("Hanya perencana Perangkat Daerah ini atau admin Pemda yang mengisi Renja-nya.")
    with transaction.atomic():
        renja = Renja.objects.select_for_update().select_related("opd").get(pk=renja.pk)
        if reason := alasan_tidak_dapat_isi(renja):
            raise SimpanGagal([galat(reason)])
        return _Isi(renja, user).jalankan()


def _tipe(satuan, teks):
    """Tipe nilai and sifat of a new indicator from its satuan and target: a text target is
    qualitative, a percentage is a percentage; neither is summed (only numbers are kumulatif)."""
    if teks:
        return {"tipe_nilai": Indikator.TipeNilai.KUALITATIF, "sifat": Indikator.Sifat.NON_KUMULATIF}
    if satuan.strip().lower() in ("%", "persen"):
        return {"tipe_nilai": Indikator.TipeNilai.PERSEN, "sifat": Indikator.Sifat.NON_KUMULATIF}
    return {"tipe_nilai": Indikator.TipeNilai.ANGKA}


def _tampil(nilai, teks):
    return format_ringkas(nilai) if nilai is not None else (teks or "kosong")


class _Isi:
    """One walk over the rancangan awal in code order; writes only when given a user."""

    def __init__(self, renja, user):
        self.renja, self.user = renja, user
        self.hasil = IsiRanwal(renja)
        self.baru, self.diisi = defaultdict(list), []  # new objects per model; existing rows filled in
        opd = renja.opd_id
        self.rows = list(
            RancanganAwal.objects.filter(opd=opd, tahun=renja.tahun, bagian=RancanganAwal.Bagian.RANCANGAN_AWAL)
            .select_related("nomenklatur__induk__induk")
            .prefetch_related("indikator")
            .order_by("nomenklatur__kode")
        )
        self.nodes = {
            "program": {p.nomenklatur_id: p for p in Program.objects.filter(opd=opd).select_related("nomenklatur")},
            "kegiatan": {
                k.nomenklatur_id: k for k in Kegiatan.objects.filter(program__opd=opd).select_related("nomenklatur")
            },
            "sub_kegiatan": {
                s.nomenklatur_id: s
                for s in SubKegiatan.objects.filter(kegiatan__program__opd=opd).select_related("nomenklatur")
            },
        }
        self.items = {i.sub_kegiatan_id: i for i in RenjaSubKegiatan.objects.filter(renja=renja)}
        self.urutan = max((i.urutan for i in self.items.values()), default=0)
        self.indikator = defaultdict(list)  # (level, node pk) → its indicators, with their target n
        owners = Q(program__opd=opd) | Q(kegiatan__program__opd=opd) | Q(sub_kegiatan__kegiatan__program__opd=opd)
        targets = Target.objects.filter(jenis=Target.Jenis.RENJA, tahun=renja.tahun)
        for ind in Indikator.objects.filter(owners).prefetch_related(Prefetch("target", queryset=targets)):
            ind.target_n = next(iter(ind.target.all()), None)
            self.indikator[(ind.level, getattr(ind, f"{ind.level}_id"))].append(ind)

    def simpan(self, obj, row):
        """Check a new object now; it is written with the others at the end, in bulk."""
        try:
            obj.clean_fields(exclude=[f.name for f in obj._meta.fields if f.is_relation])
            obj.clean()
        except ValidationError as error:
            where = f"Rancangan awal baris {row.urutan} ({row.nomenklatur.kode})"
            per_field = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            raise SimpanGagal(
                [
                    galat(
                        f"{where}, kolom {field or type(obj)._meta.verbose_name}, nilai '{getattr(obj, field, '')}': {' '.join(m)}"
                    )
                    for field, m in per_field.items()
                ]
            ) from None
        self.baru[type(obj)].append(obj)
        return obj

    def tulis(self):
        """Every new object, parents first, with its history (who, ``ALASAN``); then the rows
        that were filled in."""
        for model in (Program, Kegiatan, SubKegiatan, RenjaSubKegiatan, Indikator, Target):
            if self.baru[model]:
                bulk_create_with_history(self.baru[model], model, default_user=self.user, default_change_reason=ALASAN)
        for obj in self.diisi:
            obj._history_user, obj._change_reason = self.user, ALASAN
            obj.save()

    def jalankan(self):
        subs = [r.nomenklatur.kode for r in self.rows if r.nomenklatur.level == kodefikasi.SUB_KEGIATAN]
        self.hasil.baris = len(self.rows)
        for row in self.rows:
            level, kode = LEVEL[row.nomenklatur.level], row.nomenklatur.kode
            if level != "sub_kegiatan" and not any(s.startswith(kode + ".") for s in subs):
                self.hasil.dilewati.append(
                    f"{kode}: tidak ada sub kegiatan di bawahnya pada rancangan awal; Renja memuat program dan "
                    "kegiatan melalui sub kegiatannya."
                )
                continue
            self.sekarang = row  # the row a parent created on the way is checked against
            node = self.node(level, row.nomenklatur, row)
            if level == "sub_kegiatan":
                self.item(node, row)
            else:
                self.periksa_pagu_induk(row, subs)
            self.indikator_node(level, node, row)
        if self.user is not None:
            self.tulis()
        return self.hasil

    def node(self, level, nom, row=None):
        """The OPD's node of master node ``nom``, created (with its parents) when missing."""
        obj = self.nodes[level].get(nom.pk)
        if obj is not None:
            shown = obj.nama_alias or nom.nama
            if row is not None and row.nama and kunci_nama(row.nama) != kunci_nama(shown):
                self.hasil.dilewati.append(f"{nom.kode}: nama tetap '{shown}' (rancangan awal: '{row.nama}').")
            return obj
        if level == "program":
            obj = Program(opd_id=self.renja.opd_id, nomenklatur=nom)
        elif level == "kegiatan":
            obj = Kegiatan(program=self.node("program", nom.induk), nomenklatur=nom)
        else:
            obj = SubKegiatan(kegiatan=self.node("kegiatan", nom.induk), nomenklatur=nom)
        if row is not None and row.nama and kunci_nama(row.nama) != kunci_nama(nom.nama):
            obj.nama_alias = row.nama
            self.hasil.alias.append(nom.kode)
        self.nodes[level][nom.pk] = self.simpan(obj, row or self.sekarang)
        self.hasil.dibuat[level].append(nom.kode)
        return obj

    def item(self, sub, row):
        """The Renja's row of a sub kegiatan: created with the pagu and lokasi; an existing row
        gets only what it lacks."""
        kode = row.nomenklatur.kode
        item = self.items.get(sub.pk) if sub.pk else None
        if item is None:
            self.urutan += 1
            item = RenjaSubKegiatan(
                renja=self.renja, sub_kegiatan=sub, urutan=self.urutan, lokasi=row.lokasi, pagu=row.pagu
            )
            self.simpan(item, row)
            self.hasil.sub_kegiatan.append(kode)
            return
        filled = []
        for name, label, empty, shown in (
            ("pagu", "pagu", None, format_rupiah),
            ("lokasi", "lokasi", "", str),
        ):
            ours, theirs = getattr(item, name), getattr(row, name)
            if theirs in (None, "") or ours == theirs:
                continue
            if ours == empty:
                setattr(item, name, theirs)
                filled.append(label)
            else:
                self.hasil.dilewati.append(
                    f"{kode}: {label} di Renja {shown(ours)} tetap (rancangan awal: {shown(theirs)})."
                )
        if filled:
            item.versi += 1  # a grid holding the old version is told, not overwritten
            self.diisi.append(item)
            self.hasil.diisi.append(f"{kode} ({', '.join(filled)})")

    def periksa_pagu_induk(self, row, subs):
        """A program or kegiatan's pagu is the sum of its sub kegiatan in the Renja: say so when the
        rancangan awal prints another figure (T-C.31 then flags it)."""
        awalan = row.nomenklatur.kode + "."
        under = [r.pagu for r in self.rows if r.nomenklatur.kode in subs and r.nomenklatur.kode.startswith(awalan)]
        total = sum((p for p in under if p is not None), Decimal(0))
        if row.pagu is not None and row.pagu != total:
            self.hasil.dilewati.append(
                f"{row.nomenklatur.kode}: pagu rancangan awal {format_rupiah(row.pagu)} tidak sama dengan jumlah "
                f"sub kegiatannya {format_rupiah(total)}; Renja menjumlahkan sub kegiatan."
            )

    def indikator_node(self, level, node, row):
        """Each indicator of the rancangan awal row on the OPD's node, with its target n: the
        node's indicator of the same name (each matched once: a name written twice is two
        indicators), else a new one."""
        mine = self.indikator[(level, node.pk or id(node))]  # a node not yet written (the plan) by itself
        urutan = max((i.urutan for i in mine), default=0)
        dipakai = set()
        for ref in row.indikator.all():
            ind = next((i for i in mine if id(i) not in dipakai and kunci_nama(i.nama) == kunci_nama(ref.nama)), None)
            if ind is None:
                urutan += 1
                ind = Indikator(
                    **{level: node},
                    urutan=urutan,
                    nama=ref.nama,
                    satuan=ref.satuan,
                    **_tipe(ref.satuan, ref.target_teks),
                )
                self.simpan(ind, row)
                ind.target_n = None
                mine.append(ind)
                self.hasil.indikator += 1
            elif ref.satuan and not ind.satuan:
                ind.satuan, ind.versi = ref.satuan, ind.versi + 1
                self.diisi.append(ind)
                self.hasil.diisi.append(f"{row.nomenklatur.kode} · {ind.nama} (satuan)")
            elif ref.satuan and kunci_nama(ref.satuan) != kunci_nama(ind.satuan):
                self.hasil.dilewati.append(
                    f"{row.nomenklatur.kode} · {ind.nama}: satuan tetap '{ind.satuan}' (rancangan awal: '{ref.satuan}')."
                )
            dipakai.add(id(ind))
            self.target(row, ind, ref)

    def target(self, row, ind, ref):
        if ref.target is None and not ref.target_teks:
            return
        if ind.target_n is None:
            target = Target(
                indikator=ind,
                tahun=self.renja.tahun,
                jenis=Target.Jenis.RENJA,
                nilai=ref.target,
                nilai_teks=ref.target_teks,
            )
            ind.target_n = self.simpan(target, row)
            self.hasil.target += 1
        elif (ind.target_n.nilai, ind.target_n.nilai_teks) != (ref.target, ref.target_teks):
            self.hasil.dilewati.append(
                f"{row.nomenklatur.kode} · {ind.nama}: target {self.renja.tahun} di Renja "
                f"{_tampil(ind.target_n.nilai, ind.target_n.nilai_teks)} tetap (rancangan awal: "
                f"{_tampil(ref.target, ref.target_teks)})."
            )
