"""Start next year's Renja of an OPD in one action, from its Renstra and last year's Renja, and
take it back while nothing has been entered into it.

Nothing already there is overwritten: the action refuses when the Renja of that year exists,
and a target already stored for the year (imported, or typed for the Renstra) is kept. What was
taken from where is returned, so the planner knows what to review.

It starts only from a Renja that has been submitted at least once (diajukan, diverifikasi,
ditetapkan, perubahan: a Renja Perubahan was finalised before): a draft or a returned Renja is
still being worked on. Every row the copy writes carries the change reason ``SALINAN`` in its
history, so ``batalkan_renja_tahun_baru`` can tell what the copy made from what someone
entered afterwards.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from renja.akses import boleh_mulai, boleh_ubah
from renja.galat import SimpanGagal, galat
from renja.identitas import kepala_baru
from renja.models import Indikator, Renja, RenjaSubKegiatan, Renstra, Target

S = Renja.Status
DAPAT_DILANJUTKAN = frozenset({S.DIAJUKAN, S.DIVERIFIKASI, S.DITETAPKAN, S.PERUBAHAN})
SALINAN = "Mulai Renja {tahun} (#{pk})"  # the change reason of every row the copy writes


@dataclass
class HasilTahunBaru:
    renja: Renja
    sub_kegiatan: int = 0
    tanpa_pagu: list = field(default_factory=list)  # codes with no prakiraan maju last year
    target_renstra: int = 0
    target_prakiraan: int = 0
    target_ada: int = 0

    @property
    def pesan(self):
        text = (
            f"{self.renja} dibuat dari Renja {self.renja.tahun - 1}: {self.sub_kegiatan} sub kegiatan, pagu "
            f"{self.renja.tahun} diambil dari prakiraan maju. Target {self.renja.tahun}: {self.target_renstra} dari "
            f"Renstra, {self.target_prakiraan} dari prakiraan maju, {self.target_ada} sudah ada dan tidak diubah."
        )
        if self.tanpa_pagu:
            text += f" Tanpa prakiraan maju (pagu masih kosong, periksa): {', '.join(self.tanpa_pagu)}."
        return text + " Periksa semuanya sebelum diajukan."


def _renstra(opd_id, tahun):
    return Renstra.objects.filter(opd=opd_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).first()


def alasan_tidak_dapat_mulai(sebelumnya):
    """Why next year's Renja cannot be started from ``sebelumnya``, in Indonesian; None when it
    can. (Uses the Renja's annotated ``ada_berikut`` when present.)"""
    tahun = sebelumnya.tahun + 1
    if tahun > sebelumnya.renstra.tahun_akhir and _renstra(sebelumnya.opd_id, tahun) is None:
        return f"Tidak ada Renstra {sebelumnya.opd.singkatan} yang mencakup tahun {tahun}."
    if sebelumnya.status not in DAPAT_DILANJUTKAN:
        return (
            f"Renja {tahun} baru dapat dimulai setelah Renja {sebelumnya.tahun} diajukan ke Bappeda "
            f"(sekarang berstatus '{sebelumnya.get_status_display()}')."
        )
    exists = getattr(sebelumnya, "ada_berikut", None)
    if exists is None:
        exists = Renja.objects.filter(opd=sebelumnya.opd_id, tahun=tahun).exists()
    if exists:
        return f"Renja {sebelumnya.opd.singkatan} {tahun} sudah ada; tidak ada yang ditimpa."
    return None


def tahun_baru_tersedia(renja):
    """The year after ``renja`` when a Renja may be started for it now, else None."""
    return None if alasan_tidak_dapat_mulai(renja) else renja.tahun + 1


def mulai_renja_tahun_baru(sebelumnya, user):
    """Create the Renja of ``sebelumnya.tahun + 1`` for the same OPD: every sub kegiatan of last
    year with its lokasi, sumber dana and penanggung jawab; pagu n = last year's pagu n+1
    (prakiraan maju); for each indicator of those sub kegiatan, kegiatan and programs, target n =
    the Renstra target of the year, else last year's prakiraan maju, and target n+1 = the
    Renstra target of n+1. All in one transaction; history records the user."""
    if not boleh_ubah(user, sebelumnya):
        raise PermissionDenied("Anda tidak berhak membuat Renja untuk Perangkat Daerah ini.")
    tahun = sebelumnya.tahun + 1
    with transaction.atomic():
        sebelumnya = Renja.objects.select_for_update().select_related("opd", "renstra").get(pk=sebelumnya.pk)
        alasan = alasan_tidak_dapat_mulai(sebelumnya)
        if alasan:
            raise SimpanGagal([galat(alasan)])
        renja = Renja(
            opd=sebelumnya.opd,
            tahun=tahun,
            renstra=_renstra(sebelumnya.opd_id, tahun),
            status=S.DRAF,
            **kepala_baru(sebelumnya.opd, sebelumnya),
        )
        renja._history_user = user
        renja.full_clean()
        renja.save()  # the pk names the copy in every row's change reason
        alasan = SALINAN.format(tahun=tahun, pk=renja.pk)
        Renja.history.filter(id=renja.pk).update(history_change_reason=alasan)
        hasil = HasilTahunBaru(renja)
        for lama in sebelumnya.sub_kegiatan.select_related("sub_kegiatan__nomenklatur").order_by("urutan"):
            baru = RenjaSubKegiatan(
                renja=renja,
                sub_kegiatan=lama.sub_kegiatan,
                urutan=lama.urutan,
                lokasi=lama.lokasi,
                pagu=lama.pagu_maju,
                sumber_dana_id=lama.sumber_dana_id,
                penanggung_jawab_id=lama.penanggung_jawab_id,
            )
            _simpan(baru, user, alasan)
            hasil.sub_kegiatan += 1
            if lama.pagu_maju is None:
                hasil.tanpa_pagu.append(lama.sub_kegiatan.nomenklatur.kode)
        _target_tahun_baru(renja, user, hasil, alasan)
    return hasil


def _simpan(obj, user, alasan):
    obj._history_user = user
    obj._change_reason = alasan
    obj.save()


def _target_tahun_baru(renja, user, hasil, alasan):
    indikator = Indikator.objects.for_renja(renja).prefetch_related("target")
    n, n1 = renja.tahun, renja.tahun_maju
    baru = []
    for ind in indikator:
        targets = {(t.jenis, t.tahun): t for t in ind.target.all()}
        for jenis, tahun, sumber in (
            (
                Target.Jenis.RENJA,
                n,
                [(Target.Jenis.RENSTRA, n, "renstra"), (Target.Jenis.PRAKIRAAN_MAJU, n, "prakiraan")],
            ),
            (Target.Jenis.PRAKIRAAN_MAJU, n1, [(Target.Jenis.RENSTRA, n1, "renstra")]),
        ):
            if (jenis, tahun) in targets:
                hasil.target_ada += 1
                continue
            for asal_jenis, asal_tahun, asal in sumber:
                asal_target = targets.get((asal_jenis, asal_tahun))
                if asal_target is not None:
                    baru.append(
                        Target(
                            indikator=ind,
                            tahun=tahun,
                            jenis=jenis,
                            nilai=asal_target.nilai,
                            nilai_teks=asal_target.nilai_teks,
                        )
                    )
                    if jenis == Target.Jenis.RENJA:
                        setattr(hasil, f"target_{asal}", getattr(hasil, f"target_{asal}") + 1)
                    break
    for target in baru:
        _simpan(target, user, alasan)


PERIODE_RENSTRA = 5  # years: a Renstra usually covers the five years of the RPJMD it follows
# the lengths a Renstra may have: a Renstra transisi of three years (2024–2026, Inmendagri
# 52/2022 for the daerah whose RPJMD ended in 2022/2023) up to six (Kota Serang 2018–2023)
PERIODE_RENSTRA_BOLEH = range(3, 7)


def alasan_periode(tahun_awal, tahun_akhir):
    """Why ``tahun_awal``–``tahun_akhir`` cannot be the period of a Renstra, in Indonesian;
    None when it can (three to six years)."""
    panjang = tahun_akhir - tahun_awal + 1
    if panjang in PERIODE_RENSTRA_BOLEH:
        return None
    return (
        f"Periode Renstra {tahun_awal}–{tahun_akhir} ({panjang} tahun) harus {PERIODE_RENSTRA_BOLEH.start} sampai "
        f"{PERIODE_RENSTRA_BOLEH.stop - 1} tahun (lazimnya {PERIODE_RENSTRA} tahun, misalnya "
        f"{tahun_awal}–{tahun_awal + PERIODE_RENSTRA - 1})."
    )


def alasan_tidak_dapat_mulai_pertama(opd, tahun_awal, tahun_akhir, tahun):
    """Why the first Renstra (``tahun_awal``–``tahun_akhir``) and the first Renja (``tahun``) of
    ``opd`` cannot be started, in Indonesian; an empty list when they can."""
    alasan = []
    if salah := alasan_periode(tahun_awal, tahun_akhir):
        alasan.append(salah)
    if not tahun_awal <= tahun <= tahun_akhir:
        alasan.append(f"Tahun Renja {tahun} harus berada dalam periode Renstra {tahun_awal}–{tahun_akhir}.")
    lain = Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun_akhir, tahun_akhir__gte=tahun_awal).first()
    if lain is not None:
        alasan.append(
            f"{opd.singkatan} sudah mempunyai Renstra {lain.tahun_awal}–{lain.tahun_akhir} yang beririsan dengan "
            f"periode {tahun_awal}–{tahun_akhir}; Renja tahun berikutnya dimulai dari Beranda."
        )
    if Renja.objects.filter(opd=opd, tahun=tahun).exists():
        alasan.append(f"Renja {opd.singkatan} {tahun} sudah ada; tidak ada yang ditimpa.")
    return alasan


def mulai_renja_pertama(opd, user, tahun_awal, tahun_akhir, tahun):
    """Create the first Renstra of ``opd`` (status draf, ``tahun_awal``–``tahun_akhir``, three
    to six years) and an empty Renja of ``tahun`` within it (draf, with the OPD's current Kepala), in
    one transaction; history records the user. PermissionDenied for a user who is neither its
    planner nor an admin of its Pemda; SimpanGagal with the reasons when it cannot be started."""
    if not boleh_mulai(user, opd):
        raise PermissionDenied("Anda tidak berhak memulai Renstra dan Renja Perangkat Daerah ini.")
    alasan = f"Mulai Renstra {tahun_awal}–{tahun_akhir} dan Renja {tahun}"
    with transaction.atomic():
        opd = type(opd).objects.select_for_update().get(pk=opd.pk)  # one start at a time per OPD
        ditolak = alasan_tidak_dapat_mulai_pertama(opd, tahun_awal, tahun_akhir, tahun)
        if ditolak:
            raise SimpanGagal([galat(a) for a in ditolak])
        renstra = Renstra(opd=opd, tahun_awal=tahun_awal, tahun_akhir=tahun_akhir, status=Renstra.Status.DRAF)
        renstra.full_clean()
        _simpan(renstra, user, alasan)
        renja = Renja(opd=opd, tahun=tahun, renstra=renstra, status=S.DRAF, **kepala_baru(opd))
        renja.full_clean()
        _simpan(renja, user, alasan)
    return renja


@dataclass
class Salinan:
    """What the copy that started ``renja`` wrote, and why it cannot be taken back (``ditolak``,
    in Indonesian; empty when it can)."""

    renja: Renja
    sub_kegiatan: list = field(default_factory=list)  # RenjaSubKegiatan ids
    target: list = field(default_factory=list)  # Target ids the copy created
    ditolak: list = field(default_factory=list)


def salinan(renja):
    """Whether ``renja`` is a copy ``mulai_renja_tahun_baru`` made that nobody has entered
    anything into: its only history record is its creation with the copy's reason; every
    history record of its sub kegiatan rows, of the targets of its years n and n+1 and of its
    indicators is one the copy wrote; no note, narrative, Bab II/IV row or penetapan exists."""
    alasan = SALINAN.format(tahun=renja.tahun, pk=renja.pk)
    hasil = Salinan(renja)
    if list(renja.history.values_list("history_change_reason", flat=True)) != [alasan]:
        hasil.ditolak.append(f"{renja} tidak dibuat dengan 'Mulai Renja {renja.tahun}' atau statusnya sudah berubah.")
        return hasil
    dibuat = renja.history.get().history_date
    rows = RenjaSubKegiatan.history.filter(renja_id=renja.pk)
    indikator = Indikator.objects.for_renja(renja).values("pk")
    targets = Target.history.filter(  # the two the grid edits: target n and prakiraan maju n+1
        Q(jenis=Target.Jenis.RENJA, tahun=renja.tahun) | Q(jenis=Target.Jenis.PRAKIRAAN_MAJU, tahun=renja.tahun_maju),
        indikator_id__in=indikator,
    )
    for label, records in (
        ("sub kegiatan", rows),
        ("target", targets.filter(history_date__gte=dibuat)),
        ("indikator", Indikator.history.filter(id__in=indikator, history_date__gte=dibuat)),
    ):
        entered = records.exclude(history_type="+", history_change_reason=alasan).count()
        if entered:
            hasil.ditolak.append(f"Sudah ada {entered} perubahan {label} sejak Renja {renja.tahun} dimulai.")
    relasi = [r for r in Renja._meta.related_objects if r.related_model is not RenjaSubKegiatan]
    ada = (
        Renja.objects.filter(pk=renja.pk)
        .annotate(
            **{
                f"ada_{i}": Exists(r.related_model.objects.filter(**{r.field.name: OuterRef("pk")}))
                for i, r in enumerate(relasi)
            }
        )
        .values(*(f"ada_{i}" for i in range(len(relasi))))
        .get()
    )  # one query for every kind of row that hangs on a Renja
    for i, r in enumerate(relasi):
        if ada[f"ada_{i}"]:
            hasil.ditolak.append(f"Sudah ada {r.related_model._meta.verbose_name_plural} pada {renja}.")
    hasil.sub_kegiatan = list(renja.sub_kegiatan.values_list("pk", flat=True))
    hasil.target = list(targets.filter(history_type="+", history_change_reason=alasan).values_list("id", flat=True))
    return hasil


def batalkan_renja_tahun_baru(renja, user):
    """Take back the start of ``renja``: delete it, its sub kegiatan rows and the targets the
    copy created, in one transaction, for its planner while nothing has been entered into it
    (``salinan``); SimpanGagal with the reasons otherwise. Last year's Renja is untouched; the
    deletions are in the history with ``user``."""
    if not boleh_ubah(user, renja):
        raise PermissionDenied("Anda tidak berhak membatalkan Renja Perangkat Daerah ini.")
    with transaction.atomic():
        renja = Renja.objects.select_for_update().select_related("opd").get(pk=renja.pk)
        hasil = salinan(renja)
        if hasil.ditolak:
            raise SimpanGagal([galat(f"{renja} tidak dapat dibatalkan: {p}") for p in hasil.ditolak])
        alasan = f"Batalkan Renja {renja.tahun} (#{renja.pk})"
        for model, ids in ((Target, hasil.target), (RenjaSubKegiatan, hasil.sub_kegiatan)):
            for obj in model.objects.filter(pk__in=ids):
                obj._history_user, obj._change_reason = user, alasan
                obj.delete()
        renja._history_user, renja._change_reason = user, alasan
        renja.delete()
    return f"{renja} dibatalkan: {len(hasil.sub_kegiatan)} sub kegiatan dan {len(hasil.target)} target salinan dihapus."
