"""Long work off the request path: documents and the dry runs of imports made by workers
(django-tasks; on Django 6 the import becomes ``django.tasks``), with progress, robust to a
killed worker, cleaned up.

- ``minta`` finds the job of a download key and content version, or creates and enqueues it;
  ``minta_uji`` and ``minta_simpan`` the jobs of an upload's dry run and apply (each file: the
  JSON of its result, read by the import page).
- ``buat_berkas`` (the task) claims the job, writes the file under a temporary name in the
  media storage, reports each part laid out, and renames the file into place only when it is
  complete: a worker killed midway leaves no half file that anyone could download.
- ``pulihkan`` finds jobs whose worker has not reported for ``LAPORAN_BERKAS_MACET`` seconds
  (killed): each is enqueued again once, then marked failed with a message the user sees.
- ``bersihkan`` deletes old results and leftovers; ``bersihkan_berkala`` runs it every hour
  in a worker (``manage.py bersihkan_berkas`` runs it once when a worker starts and schedules it).
"""

import json
import logging
import os
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from evaluasi.bukti import bersihkan_yatim
from laporan.models import Berkas
from renja.models import Renja, UnggahanImpor

logger = logging.getLogger(__name__)
MAKS_PERCOBAAN = 2
FOLDER = "laporan"
SEMENTARA = "laporan/sementara"
SETIAP = timedelta(hours=1)


def minta(kunci, versi, **fields):
    """The job making ``kunci`` at ``versi`` (a new one gets ``fields``: nama, opsi, renja or
    pemda, …): the one there is (a stalled one is recovered), or a new one, enqueued. With the
    immediate backend (tests) it is done on return."""
    defaults = {**fields, "diperbarui": timezone.now()}
    try:
        with transaction.atomic():
            berkas, baru = Berkas.objects.get_or_create(kunci=kunci, versi=versi, defaults=defaults)
    except IntegrityError:  # another request created it at the same moment
        berkas, baru = Berkas.objects.get(kunci=kunci, versi=versi), False
    if baru:
        buat_berkas.enqueue(berkas.pk)
    else:
        pulihkan(Berkas.objects.filter(pk=berkas.pk))
    berkas.refresh_from_db()
    return berkas


def minta_renja(renja, o, oleh=None):
    """The job of the download ``o`` of ``renja`` at the Renja's content version now: its file
    made already, or the job making it (``minta``). The download view and cetak semua share it,
    so a document is made once for both."""
    from laporan import unduhan
    from laporan.versi import versi_renja

    versi, penetapan = versi_renja(renja)
    kunci = unduhan.kunci(renja, o)
    berkas = Berkas.objects.filter(kunci=kunci, versi=versi).first()
    if berkas is not None and berkas.siap:
        return berkas
    return minta(
        kunci,
        versi,
        nama=unduhan.nama(renja, o),
        opsi={**o, "jenis": "renja"},
        renja=renja,
        penetapan=penetapan,
        oleh=oleh,
    )


def minta_uji(unggahan, oleh):
    """The job of the dry run of ``unggahan`` (the one there is, else a new one, enqueued)."""
    return minta(
        f"impor/{unggahan.pk}",
        "1",  # an upload's bytes never change; a new check (hapus) makes a new job
        nama=f"uji-kering-{unggahan.pk}.json",
        opsi={"jenis": "uji-impor"},
        unggahan=unggahan,
        oleh=oleh,
    )


def minta_simpan(unggahan, oleh, dibaca, kosongkan=False):
    """The job applying ``unggahan`` for ``oleh``, who read the dry run whose counts are
    ``dibaca`` (the one there is: a second "Simpan" does not apply twice); ``kosongkan``: the
    admin confirmed that its unreadable value cells be left empty (as findings)."""
    return minta(
        f"impor/{unggahan.pk}/simpan",
        "1",
        nama=f"impor-{unggahan.pk}.json",
        opsi={"jenis": "simpan-impor", "ringkasan": dibaca, "kosongkan": bool(kosongkan)},
        unggahan=unggahan,
        oleh=oleh,
    )


def hasil_uji(berkas):
    """The result a finished job of ``minta_uji`` or ``minta_simpan`` wrote (JSON)."""
    with berkas.berkas.open("rb") as f:
        return json.load(f)


def hapus(jobs):
    """Delete ``jobs`` with their files; returns how many."""
    deleted = 0
    for berkas in jobs:
        if berkas.berkas:
            berkas.berkas.delete(save=False)
        berkas.delete()
        deleted += 1
    return deleted


def ulangi(berkas):
    """Try a failed job again (the user asked)."""
    if Berkas.objects.filter(pk=berkas.pk, status=Berkas.Status.GAGAL).update(
        status=Berkas.Status.ANTRI, percobaan=0, pesan="", selesai=0, diperbarui=timezone.now()
    ):
        buat_berkas.enqueue(berkas.pk)


def pulihkan(jobs=None):
    """Jobs among ``jobs`` (default: all) whose worker stopped reporting: enqueued again, or
    failed after ``MAKS_PERCOBAAN`` tries. Each is taken by one caller only (conditional update)."""
    batas = timezone.now() - timedelta(seconds=settings.LAPORAN_BERKAS_MACET)
    macet = (jobs if jobs is not None else Berkas.objects.all()).filter(
        status=Berkas.Status.JALAN, diperbarui__lt=batas
    )
    for berkas in macet:
        same = Berkas.objects.filter(pk=berkas.pk, status=Berkas.Status.JALAN, diperbarui=berkas.diperbarui)
        if berkas.percobaan < MAKS_PERCOBAAN:
            if same.update(status=Berkas.Status.ANTRI, tahap="Dicoba lagi", diperbarui=timezone.now()):
                buat_berkas.enqueue(berkas.pk)
        else:
            same.update(
                status=Berkas.Status.GAGAL,
                pesan=f"Pembuatan berkas terhenti di tengah jalan (pekerja berhenti) dan sudah dicoba "
                f"{berkas.percobaan} kali. Silakan coba lagi; bila berulang, hubungi admin.",
            )


def _maju(pk):
    def maju(selesai, jumlah, tahap=""):
        Berkas.objects.filter(pk=pk).update(selesai=selesai, jumlah=jumlah, tahap=tahap, diperbarui=timezone.now())

    return maju


def _tulis_renja(berkas, out, maju):
    from laporan import unduhan

    renja = Renja.objects.select_related("opd__pemda", "renstra").get(pk=berkas.renja_id)
    out.write(unduhan.tulis(unduhan.isi(renja, berkas.opsi), berkas.opsi, maju))


def _tulis_cetak_semua(berkas, out, maju):
    from laporan.cetak_semua import daftar_renja, tulis_zip

    tulis_zip(daftar_renja(berkas.opsi["tahun"], berkas.opsi["status"], [berkas.pemda_id]), out, maju)


def _tulis_uji_impor(berkas, out, maju):
    from laporan.impor import uji_kering

    unggahan = UnggahanImpor.objects.select_related("opd__pemda", "pemda").get(pk=berkas.unggahan_id)
    out.write(json.dumps(uji_kering(unggahan, maju), ensure_ascii=False).encode())


def _tulis_simpan_impor(berkas, out, maju):
    """The apply: {"impor": pk, "pesan": …} or, when nothing was kept, {"galat": why}."""
    from laporan.impor import ringkas, terapkan_uji
    from renja.berkas import BerkasTidakSah

    unggahan = UnggahanImpor.objects.select_related("opd__pemda", "pemda").get(pk=berkas.unggahan_id)
    maju(0, 0, "Memeriksa ulang dan menyimpan (satu transaksi)")
    try:
        impor = terapkan_uji(unggahan, berkas.oleh, berkas.opsi["ringkasan"], berkas.opsi.get("kosongkan", False))
    except BerkasTidakSah as error:  # a value with an error, or data changed since the dry run
        hasil = {"galat": str(error)}
    else:
        hasil = {"impor": impor.pk, "pesan": ringkas(impor)}
    out.write(json.dumps(hasil, ensure_ascii=False).encode())


def _juga(maju, lapor):
    """``maju`` that reports to ``lapor`` as well."""

    def both(selesai, jumlah, tahap=""):
        maju(selesai, jumlah, tahap)
        lapor(selesai, jumlah, tahap)

    return both


PEMBUAT = {
    "renja": _tulis_renja,
    "cetak-semua": _tulis_cetak_semua,
    "uji-impor": _tulis_uji_impor,
    "simpan-impor": _tulis_simpan_impor,
}


@task()
def buat_berkas(berkas_id):
    """Make the file of job ``berkas_id`` (the worker's side of ``minta``)."""
    buat_sekarang(berkas_id)


def buat_sekarang(berkas_id, lapor=None):
    """Make the file of job ``berkas_id`` in this process if it is still waiting (claimed like
    any job: never made twice); each progress report also goes to ``lapor(selesai, jumlah,
    tahap)`` (cetak semua keeps its own job's page moving, and its job alive, meanwhile)."""
    claimed = Berkas.objects.filter(pk=berkas_id, status=Berkas.Status.ANTRI).update(
        status=Berkas.Status.JALAN, percobaan=F("percobaan") + 1, selesai=0, diperbarui=timezone.now()
    )
    if not claimed:  # done, failed, or taken by another worker meanwhile
        return
    berkas = Berkas.objects.get(pk=berkas_id)
    sementara = Path(default_storage.path(SEMENTARA))
    sementara.mkdir(parents=True, exist_ok=True)
    name = f"{FOLDER}/{berkas.pk}-{uuid.uuid4().hex[:12]}{Path(berkas.nama).suffix}"
    with tempfile.NamedTemporaryFile(dir=sementara, prefix=f"{berkas.pk}-", suffix=".part", delete=False) as out:
        tmp = Path(out.name)
        try:
            maju = _maju(berkas.pk)
            PEMBUAT[berkas.opsi["jenis"]](berkas, out, maju if lapor is None else _juga(maju, lapor))
            out.flush()
            os.fsync(out.fileno())
        except Exception as exc:
            logger.exception("Berkas %s gagal dibuat", berkas.pk)
            out.close()
            tmp.unlink(missing_ok=True)
            Berkas.objects.filter(pk=berkas.pk).update(
                status=Berkas.Status.GAGAL,
                diperbarui=timezone.now(),
                pesan=f"Berkas tidak dapat dibuat karena galat di server ({type(exc).__name__}). "
                "Silakan coba lagi; bila berulang, hubungi admin.",
            )
            return
    os.replace(tmp, default_storage.path(name))  # complete, or not there at all
    Berkas.objects.filter(pk=berkas.pk).update(status=Berkas.Status.SELESAI, berkas=name, diperbarui=timezone.now())


def bersihkan():
    """Recover stalled jobs; delete results older than ``LAPORAN_BERKAS_HARI`` days (not those
    kept with a penetapan) with their files, temporary files of dead jobs and files no job
    points at. Returns the number of results deleted."""
    pulihkan()
    now = timezone.now()
    old = Berkas.objects.filter(
        penetapan__isnull=True, diperbarui__lt=now - timedelta(days=settings.LAPORAN_BERKAS_HARI)
    )
    deleted = hapus(old.exclude(status__in=[Berkas.Status.ANTRI, Berkas.Status.JALAN]))
    kept = set(Berkas.objects.exclude(berkas="").values_list("berkas", flat=True))
    batas = now.timestamp() - settings.LAPORAN_BERKAS_MACET
    for folder, pattern in ((FOLDER, "*"), (SEMENTARA, "*.part")):
        root = Path(default_storage.path(folder))
        for path in root.glob(pattern) if root.is_dir() else []:
            if path.is_file() and f"{folder}/{path.name}" not in kept and path.stat().st_mtime < batas:
                path.unlink(missing_ok=True)
    bersihkan_yatim(batas)  # bukti dukung files whose row is gone
    return deleted


@task()
def bersihkan_berkala():
    """``bersihkan``, then again in an hour."""
    bersihkan()
    jadwalkan()


def jadwalkan():
    """Enqueue ``bersihkan_berkala`` for an hour from now, unless one is waiting already (the
    database backend only; the immediate backend cannot defer)."""
    backend = bersihkan_berkala.get_backend()
    if not backend.supports_defer:
        return
    from django_tasks_db.models import DBTaskResult

    if not DBTaskResult.objects.filter(task_path=bersihkan_berkala.module_path, status="READY").exists():
        bersihkan_berkala.using(run_after=timezone.now() + SETIAP).enqueue()
