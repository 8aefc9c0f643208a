"""Writing a Renja read by ``renja.impor_renja``: all of it in one transaction or nothing.

In file order: the Renja n when it is missing (draf, under the Renstra covering n); tujuan and
sasaran of the Renstra; the OPD's program → kegiatan → sub kegiatan nodes on the master (the
file's wording as ``nama_alias``); a program under the sasaran it follows; the Renja's row of
each sub kegiatan (pagu n and n+1, lokasi, sumber dana, catatan penting, penanggung jawab); each
indicator with satuan, tipe, sifat, polaritas and the scale of a kategori and its targets n, n+1 and end of Renstra. Sumber dana and
unit kerja the file names that do not exist yet are created. Nothing is deleted, and an empty
cell never clears a stored value. Every row written carries the history reason "impor #N".
"""

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from renja.berkas import BerkasTidakSah
from renja.identitas import kepala_baru
from renja.impor import buat_impor, catat_temuan, tolak_bila_galat
from renja.impor_rencana import KEGIATAN, PROGRAM, SASARAN, SUB_KEGIATAN, TUJUAN
from renja.impor_renja import periksa, renja_tujuan
from renja.impor_renja_kolom import ITEM
from renja.models import (
    Impor,
    Indikator,
    Renja,
    RenjaSubKegiatan,
    Sasaran,
    Target,
    Tujuan,
)
from renja.struktur import node_opd_semua
from renja.teks import kunci_nomor


class _Penulis:
    def __init__(self, rencana, user, reason):
        self.r, self.user, self.reason = rencana, user, reason
        self.nodes = {}  # nomenklatur id → saved Program/Kegiatan/SubKegiatan

    def simpan(self, obj, berversi=False):
        if berversi and obj.pk:
            obj.versi += 1  # a grid holding the old version must not overwrite the imported value
        obj._history_user, obj._change_reason = self.user, self.reason
        obj.save()
        return obj

    def kode_unik(self, model, nama, **scope):
        base = slugify(nama).upper().replace("-", "")[:26] or "IMPOR"
        kode, n = base, 1
        while model.objects.filter(kode=kode, **scope).exists():
            n += 1
            kode = f"{base[:26]}{n}"
        return kode

    def renja(self):
        r = self.r
        if r.renja is None:
            r.renja = self.simpan(
                Renja(opd=r.opd, tahun=r.tahun, renstra=r.renstra, status=Renja.Status.DRAF, **kepala_baru(r.opd))
            )
        return r.renja

    def buat_node(self):
        """The OPD's program, kegiatan and sub kegiatan of every node of the file and of the
        nodes above them, those missing created in bulk (struktur.node_opd_semua)."""
        ingat = {pk: obj for tingkat in (PROGRAM, KEGIATAN, SUB_KEGIATAN) for pk, obj in self.r.stored[tingkat].items()}
        nodes = [s.node for s in self.r.simpul if s.tingkat in (PROGRAM, KEGIATAN, SUB_KEGIATAN) and s.node is not None]
        self.nodes = node_opd_semua(self.r.opd, nodes, self.user, self.reason, ingat)

    def bagian(self, simpul):
        if simpul.obj is not None:
            return simpul.obj
        if simpul.tingkat == TUJUAN:
            siblings, lookup = Tujuan.objects.filter(renstra=self.r.renstra), {"renstra": self.r.renstra}
            model = Tujuan
        else:
            parent = self.bagian(simpul.induk)
            siblings, lookup, model = Sasaran.objects.filter(tujuan=parent), {"tujuan": parent}, Sasaran
        used = set(siblings.values_list("nomor", flat=True))
        nomor = simpul.nomor_teks
        if not nomor or nomor in used:
            last = max((kunci_nomor(n) for n in used), default=())
            prefix = f"{lookup['tujuan'].nomor}." if model is Sasaran else ""
            nomor = f"{prefix}{(last[-1][1] if last else 0) + 1}"
        simpul.obj = self.simpan(model(nomor=nomor[:10], uraian=simpul.uraian, **lookup))
        return simpul.obj

    def item(self, simpul, sub, urutan):
        renja = self.renja()
        row = self.r.items.get(sub.pk) if sub.pk in self.r.items else None
        new = row is None
        if new:
            row = RenjaSubKegiatan(renja=renja, sub_kegiatan=sub, urutan=urutan)
        simpul.baris = row  # names its findings (renja.impor_renja_kolom.kunci_item)
        changed = new
        for key, name in ITEM.items():
            nilai = simpul.item.get(key)
            if nilai is None or nilai.galat or not nilai.ada:
                continue
            value = nilai.nilai if nilai.nilai is not None else nilai.teks
            if key in ("sumber_dana", "penanggung_jawab"):
                if value.pk is None:
                    scope = {"pemda": self.r.opd.pemda} if key == "sumber_dana" else {"opd": self.r.opd}
                    value.kode = self.kode_unik(type(value), value.nama, **scope)
                    value.save()
                if getattr(row, f"{name}_id") != value.pk:
                    setattr(row, name, value)
                    changed = True
            elif getattr(row, name) != value:
                setattr(row, name, value)
                changed = True
        if new:
            self.baru[RenjaSubKegiatan].append(row)
        elif changed:
            self.simpan(row, berversi=True)

    def indikator(self, simpul, owner):
        start = max((i.obj.urutan for i in simpul.indikator if i.obj), default=0)
        for index, ind in enumerate(simpul.indikator, start=1):
            obj = ind.obj
            fields = {
                "satuan": ind.satuan,
                "tipe_nilai": ind.tipe,
                "sifat": ind.sifat,
                "polaritas": ind.polaritas,
                "metode_negatif": ind.metode_negatif,
                "skala_kategori": ind.skala if ind.tipe == Indikator.TipeNilai.KATEGORI else [],
            }
            if obj is None:
                obj = ind.obj = Indikator(**{simpul.tingkat: owner}, urutan=start + index, nama=ind.nama, **fields)
                self.baru[Indikator].append(obj)
            elif any(getattr(obj, f) != v for f, v in fields.items()):
                for f, v in fields.items():
                    setattr(obj, f, v)
                self.simpan(obj, berversi=True)

    def target(self, ind):
        stored = {(t.jenis, t.tahun): t for t in ind.obj.target.all()} if ind.obj.pk in self.lama else {}
        for jenis, nilai in ind.target.items():
            if nilai.galat or not nilai.ada:
                continue
            tahun = {"renja": self.r.tahun, "prakiraan_maju": self.r.tahun + 1}.get(jenis, self.r.renstra.tahun_akhir)
            target = stored.get((jenis, tahun))
            if target is None:
                self.baru[Target].append(
                    Target(indikator=ind.obj, tahun=tahun, jenis=jenis, nilai=nilai.nilai, nilai_teks=nilai.teks)
                )
            elif (target.nilai, target.nilai_teks) != (nilai.nilai, nilai.teks):
                target.nilai, target.nilai_teks = nilai.nilai, nilai.teks
                self.simpan(target, berversi=True)

    def buat(self, model):
        """The new rows of ``model`` collected so far, created in bulk with their history."""
        if self.baru[model]:
            bulk_create_with_history(
                self.baru[model], model, batch_size=500, default_user=self.user, default_change_reason=self.reason
            )
            self.baru[model] = []

    def tulis(self):
        renja = self.renja()
        urutan = (renja.sub_kegiatan.aggregate(m=Max("urutan"))["m"] or 0) if renja.pk else 0
        self.baru = {m: [] for m in (RenjaSubKegiatan, Indikator, Target)}
        self.lama = {i.obj.pk for s in self.r.simpul for i in s.indikator if i.obj}
        self.buat_node()
        for simpul in self.r.simpul:
            if simpul.tingkat in (TUJUAN, SASARAN):
                owner = self.bagian(simpul)
            else:
                owner = self.nodes[simpul.node.pk]
                if simpul.alias and owner.nama_alias != simpul.alias:
                    owner.nama_alias = simpul.alias
                    self.simpan(owner)
                if simpul.tingkat == PROGRAM and simpul.sasaran is not None:
                    self.bagian(simpul.sasaran).program.add(owner)
                if simpul.tingkat == SUB_KEGIATAN:
                    urutan += 1
                    self.item(simpul, owner, urutan)
            self.indikator(simpul, owner)
        self.buat(RenjaSubKegiatan)
        self.buat(Indikator)
        for simpul in self.r.simpul:
            for ind in simpul.indikator:
                self.target(ind)
        self.buat(Target)


def terapkan(opd, user, data, nama_berkas, tahun, kosongkan=False, sesudah=None, hasil=None):
    """Check the file again and, when no line has an error, write it in one transaction (with
    history "impor #N <file>") and record the Impor; returns it. BerkasTidakSah naming the first
    bad row otherwise: nothing is written. With ``kosongkan`` (the admin's confirmation) a value
    cell that cannot be read is left empty and recorded as a finding (renja.impor.catat_temuan)
    keyed by the value it leaves empty, as the workspace grid names it when the value is typed.
    ``sesudah`` runs inside the transaction after writing (tests inject a failure there)."""
    if hasil is None:  # the caller's own dry run of this same file otherwise (manage.py impor)
        hasil = periksa(opd, data, nama_berkas, tahun)
    tolak_bila_galat(hasil, "baris", kosongkan=kosongkan)
    rencana = hasil.rencana
    with transaction.atomic():
        # checked again under the Renja's row lock: its status may have changed since the dry run
        locked = Renja.objects.select_for_update().filter(opd=opd, tahun=rencana.tahun).first()
        if (locked is None) != (rencana.renja is None):
            raise BerkasTidakSah("Data sudah berubah sejak pratinjau dibuat; tidak ada yang disimpan. Periksa lagi.")
        renja_tujuan(opd, rencana.tahun)
        impor, reason = buat_impor(hasil, Impor.Jenis.RENJA, opd, user)
        _Penulis(rencana, user, reason).tulis()
        # after writing: a finding names its indicator or Renja row by pk (kunci_target, kunci_item)
        impor.temuan_baru = catat_temuan(impor, hasil, kosongkan, rencana.tahun)
        if sesudah:
            sesudah()
    return impor
