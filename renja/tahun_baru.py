"""Start next year's Renja of an OPD in one action, from its Renstra and last year's Renja.

Nothing already there is overwritten: the action refuses when the Renja of that year exists,
and a target already stored for the year (imported, or typed for the Renstra) is kept. What was
taken from where is returned, so the planner knows what to review.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction

from renja.akses import boleh_ubah
from renja.galat import SimpanGagal, galat
from renja.models import Indikator, Renja, RenjaSubKegiatan, Renstra, Target


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


def tahun_baru_tersedia(renja):
    """The year after ``renja`` when a Renja may be started for it: inside a Renstra of the OPD
    and not there yet. None otherwise. (Uses the Renja's annotated ``ada_berikut`` when present.)"""
    tahun = renja.tahun + 1
    if (
        tahun > renja.renstra.tahun_akhir
        and not Renstra.objects.filter(opd=renja.opd_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).exists()
    ):
        return None
    exists = getattr(renja, "ada_berikut", None)
    if exists is None:
        exists = Renja.objects.filter(opd=renja.opd_id, tahun=tahun).exists()
    return None if exists else tahun


def mulai_renja_tahun_baru(sebelumnya, user):
    """Create the Renja of ``sebelumnya.tahun + 1`` for the same OPD: every sub kegiatan of last
    year with its lokasi, sumber dana and penanggung jawab; pagu n = last year's pagu n+1
    (prakiraan maju); for each indicator of those sub kegiatan, kegiatan and programs, target n =
    the Renstra target of the year, else last year's prakiraan maju, and target n+1 = the
    Renstra target of n+1. All in one transaction; history records the user."""
    if not boleh_ubah(user, sebelumnya):
        raise PermissionDenied("Anda tidak berhak membuat Renja untuk Perangkat Daerah ini.")
    tahun = sebelumnya.tahun + 1
    renstra = Renstra.objects.filter(opd=sebelumnya.opd_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).first()
    if renstra is None:
        raise SimpanGagal([galat(f"Tidak ada Renstra {sebelumnya.opd.singkatan} yang mencakup tahun {tahun}.")])
    with transaction.atomic():
        if Renja.objects.select_for_update().filter(opd=sebelumnya.opd_id, tahun=tahun).exists():
            raise SimpanGagal([galat(f"Renja {sebelumnya.opd.singkatan} {tahun} sudah ada; tidak ada yang ditimpa.")])
        renja = Renja(opd=sebelumnya.opd, tahun=tahun, renstra=renstra, status=Renja.Status.DRAF)
        renja._history_user = user
        renja.full_clean()
        renja.save()
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
            baru._history_user = user
            baru.save()
            hasil.sub_kegiatan += 1
            if lama.pagu_maju is None:
                hasil.tanpa_pagu.append(lama.sub_kegiatan.nomenklatur.kode)
        _target_tahun_baru(renja, user, hasil)
    return hasil


def _target_tahun_baru(renja, user, hasil):
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
        target._history_user = user
        target.save()
