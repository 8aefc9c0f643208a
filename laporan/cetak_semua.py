"""Cetak semua: every OPD's Renja of a year in one ZIP, for Bappeda.

The ZIP holds each Renja's document PDF (A4; a PDF already made for the same content version is
taken from the cache), the year's workbook (the city summary and the pagu per sumber dana, then
every OPD's T-C.33, one sheet each) and ``manifest.csv`` listing every Renja with its status and
penetapan number. Made by a worker (``laporan.tugas``) or by ``manage.py cetak_semua``."""

import csv
import io
import zipfile

from django.utils import timezone

from laporan import unduhan
from laporan.builders import rumusan_rencana
from laporan.builders.kota import ringkasan_kota
from laporan.models import Berkas
from laporan.pdf import tulis_pdf
from laporan.versi import versi_renja
from laporan.xlsx import tulis_xlsx
from renja.models import Pemda, PenetapanRenja, Renja

KOLOM_MANIFEST = ["No", "Kode OPD", "Perangkat Daerah", "Status", "Penetapan ke-", "Ditetapkan", "Berkas PDF"]


def daftar_renja(tahun, status="", pemda_ids=None):
    """The Renja of ``tahun`` (of the Pemda ``pemda_ids``, None: all; with ``status`` only those)."""
    renja = Renja.objects.filter(tahun=tahun).select_related("opd__pemda", "renstra").order_by("opd__kode")
    if pemda_ids is not None:
        renja = renja.filter(opd__pemda__in=pemda_ids)
    return renja.filter(status=status) if status else renja


def _pdf_tersimpan(renja, versi):
    """The document PDF (A4) of ``renja`` already made at ``versi``, or None."""
    o = unduhan.opsi("dokumen", {"format": "pdf"}, {})
    berkas = Berkas.objects.filter(kunci=unduhan.kunci(renja, o), versi=versi, status=Berkas.Status.SELESAI).first()
    if berkas and berkas.berkas:
        with berkas.berkas.open("rb") as f:
            return f.read()
    return None


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
        for i, item in enumerate(renja):
            o = unduhan.opsi("dokumen", {"format": "pdf"}, {})
            name = f"pdf/{unduhan.nama(item, o)}"
            tahap = f"PDF {item.opd.singkatan} ({i + 1} dari {len(renja)})"
            maju(i, jumlah, tahap)
            data = _pdf_tersimpan(item, versi_renja(item)[0])  # under the key its own download uses
            if data is None:
                data = tulis_pdf(
                    unduhan.isi(item, o),
                    maju=lambda s, j, i=i, tahap=tahap: maju(i, jumlah, f"{tahap}: bagian {s} dari {j}"),
                )
            z.writestr(name, data)
            files[item.pk] = name
        maju(len(renja), jumlah, "Buku kerja seluruh Perangkat Daerah")
        z.writestr(f"renja-seluruh-opd-{tahun}.xlsx", _buku_kerja(renja, tahun))
        maju(len(renja) + 1, jumlah, "Manifest")
        z.writestr("manifest.csv", _manifest(renja, files))
    maju(jumlah, jumlah, "")
