"""Cetak semua: every OPD's Renja of a year in one ZIP, for Bappeda.

The ZIP holds each Renja's document PDF (A4: the job of its download, so a PDF already made for
the same content version is taken, and with several workers each lays out a share), the year's
workbook (the city summary and the pagu per sumber dana, then every OPD's T-C.33, one sheet
each) and ``manifest.csv`` listing every Renja with its status and penetapan number. Made by a worker (``laporan.tugas``) or by ``manage.py cetak_semua``."""

import csv
import io
import time
import zipfile

from django.utils import timezone

from laporan import tugas, unduhan
from laporan.builders import rumusan_rencana
from laporan.builders.kota import ringkasan_kota
from laporan.models import Berkas
from laporan.xlsx import tulis_xlsx
from renja.models import Pemda, PenetapanRenja, Renja

TUNGGU = 1  # seconds between two looks at the PDFs other workers are making
KOLOM_MANIFEST = ["No", "Kode OPD", "Perangkat Daerah", "Status", "Penetapan ke-", "Ditetapkan", "Berkas PDF"]


def daftar_renja(tahun, status="", pemda_ids=None):
    """The Renja of ``tahun`` (of the Pemda ``pemda_ids``, None: all; with ``status`` only those)."""
    renja = Renja.objects.filter(tahun=tahun).select_related("opd__pemda", "renstra").order_by("opd__kode")
    if pemda_ids is not None:
        renja = renja.filter(opd__pemda__in=pemda_ids)
    return renja.filter(status=status) if status else renja


def _pdf_semua(renja, maju, jumlah):
    """Yield (Renja, PDF bytes) of the document of every Renja in ``renja``, as each is done.
    Each PDF is the job of its download (``tugas.minta_renja``): one made already is taken, the
    others are enqueued so that every free worker takes a share. This worker makes each one still
    waiting itself (claimed like any job: never made twice), then waits for those that other
    workers are making (a stalled one is recovered by ``tugas.pulihkan``). A failed one is tried
    again once; failing again, it fails the ZIP with its reason."""
    o = unduhan.opsi("dokumen", {"format": "pdf"}, {})
    jobs = {item.pk: tugas.minta_renja(item, o).pk for item in renja}
    pending, retried = list(renja), set()
    while pending:
        moved = False
        for item in list(pending):
            job = Berkas.objects.get(pk=jobs[item.pk])
            if job.status == Berkas.Status.GAGAL and job.pk not in retried:
                retried.add(job.pk)
                tugas.ulangi(job)
                job.refresh_from_db()
            if job.status == Berkas.Status.ANTRI:
                done = len(renja) - len(pending)
                tahap = f"PDF {item.opd.singkatan} ({done + 1} dari {len(renja)})"
                maju(done, jumlah, tahap)
                tugas.buat_sekarang(
                    job.pk,
                    lambda s, j, t="", done=done, tahap=tahap: maju(done, jumlah, f"{tahap}: bagian {s} dari {j}"),
                )
                job.refresh_from_db()
            if job.status == Berkas.Status.GAGAL:
                raise RuntimeError(f"PDF Renja {item.opd.singkatan} gagal dibuat: {job.pesan}")
            if job.siap:
                with job.berkas.open("rb") as f:
                    yield item, f.read()
                pending.remove(item)
                moved = True
        if pending and not moved:  # the rest are being made by other workers
            maju(len(renja) - len(pending), jumlah, f"Menunggu {len(pending)} PDF yang dibuat pekerja lain")
            tugas.pulihkan(Berkas.objects.filter(pk__in=[jobs[i.pk] for i in pending]))
            time.sleep(TUNGGU)


def _buku_kerja(renja, tahun):
    nama = ", ".join(Pemda.objects.filter(pk__in={r.opd.pemda_id for r in renja}).values_list("nama", flat=True))
    kota = ringkasan_kota(tahun, Renja.objects.filter(pk__in=[r.pk for r in renja]), nama)
    tables = list(kota.daftar_tabel)
    for item in renja:
        tabel = rumusan_rencana(item)
        tabel.nomor = item.opd.singkatan
        tables.append(tabel)
    return tulis_xlsx(tables)


def _manifest(renja, files):
    penetapan = {}
    for p in PenetapanRenja.objects.filter(renja__in=renja).order_by("renja", "nomor"):
        penetapan[p.renja_id] = p  # the latest
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(KOLOM_MANIFEST)
    for i, item in enumerate(renja, 1):
        p = penetapan.get(item.pk)
        when = timezone.localtime(p.ditetapkan).strftime("%d-%m-%Y %H:%M") if p else ""
        row = [i, item.opd.kode, item.opd.nama, item.get_status_display(), p.nomor if p else "", when, files[item.pk]]
        writer.writerow([_teks_csv(v) for v in row])
    return out.getvalue().encode("utf-8-sig")  # with BOM: Excel opens it as UTF-8


def _teks_csv(value):
    """A cell of the manifest as text a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def tulis_zip(renja, out, maju=None):
    """Write the ZIP of the Renja ``renja`` (a queryset) into the binary file ``out``;
    ``maju(selesai, jumlah, tahap)`` after each part: a Renja's PDF, the workbook, the manifest."""
    renja = list(renja)
    if not renja:
        raise ValueError("Tidak ada Renja untuk dicetak.")
    tahun = renja[0].tahun
    jumlah = len(renja) + 2
    maju = maju or (lambda *args: None)
    files = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item, data in _pdf_semua(renja, maju, jumlah):
            name = f"pdf/{unduhan.nama(item, unduhan.opsi('dokumen', {'format': 'pdf'}, {}))}"
            z.writestr(name, data)
            files[item.pk] = name
        maju(len(renja), jumlah, "Buku kerja seluruh Perangkat Daerah")
        z.writestr(f"renja-seluruh-opd-{tahun}.xlsx", _buku_kerja(renja, tahun))
        maju(len(renja) + 1, jumlah, "Manifest")
        z.writestr("manifest.csv", _manifest(renja, files))
    maju(jumlah, jumlah, "")
