"""Evidence files (bukti dukung) of the monev: per indicator and triwulan of a Renja year, added
and deleted by the OPD's planner while the triwulan is open (the one triwulan lock,
``evaluasi.monev.Keadaan.kunci``), under a lock of the triwulan report's row so that an upload
and "Ajukan" never cross.

A file is accepted by what its content is, never by its name or the browser's MIME type: PDF
(``%PDF-``), PNG (its 8-byte signature), JPEG (``FF D8 FF``) or XLSX (a zip holding
``[Content_Types].xml`` and an ``xl/`` part); at most 5 MB. A file whose name says another of
these types than its content (a PNG named .pdf) is accepted as what it is: its name gets the
extension of its content, and the message says so. Anything else (an HTML page named .pdf, an
.xls, a .docx, a zip) is refused naming the file and the reason. Nothing of a batch is stored
when one file of it is refused.

The stored file has a random name under MEDIA_ROOT (``bukti/<renja>/``), outside the static
root; it is served only by the access-checked download view as an attachment.
"""

import io
import math
import unicodedata
import zipfile
from pathlib import Path

from django.core.exceptions import PermissionDenied, SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.utils.text import get_valid_filename

from evaluasi.models import BuktiDukung, LaporanTriwulan
from evaluasi.monev import ROMAWI, keadaan_renja
from renja import akses
from renja.galat import SimpanGagal, galat
from renja.models import Indikator

BATAS_UKURAN = 5 * 1024 * 1024
BATAS_NAMA = 100
BATAS_SEKALI = 10  # files in one upload
# extension → (content type, label)
JENIS = {
    "pdf": ("application/pdf", "PDF"),
    "png": ("image/png", "PNG"),
    "jpg": ("image/jpeg", "JPG"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
}
SAMA = {"jpeg": "jpg"}  # extensions that name the same type
DITERIMA = "PDF, JPG, PNG atau XLSX"


def kenali(data):
    """The extension of what ``data`` (bytes) is, by its first bytes (and for a zip its parts),
    or None for anything that is not a PDF, PNG, JPEG or XLSX."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return "xlsx"
    return None


def nama_aman(nama, ext):
    """The name a file is listed and downloaded under: the last part of the uploaded name
    (a path from the browser dropped), letters, digits, ``-``, ``_`` and ``.`` only, at most
    100 characters, ending in the extension of its content."""
    dasar = unicodedata.normalize("NFKC", str(nama or "")).replace("\\", "/").rsplit("/", 1)[-1]
    dasar = "".join(ch for ch in dasar if unicodedata.category(ch)[0] != "C")
    batang = dasar.rsplit(".", 1)[0] if "." in dasar else dasar
    try:
        batang = get_valid_filename(batang.strip(". ")).strip("._")
    except SuspiciousFileOperation:  # Django refuses a name that is empty or only dots
        batang = ""
    batang = batang[: BATAS_NAMA - len(ext) - 1] or "bukti"
    return f"{batang}.{ext}"


def _ukuran(n):
    """A size in MB with one decimal, rounded up (a file just over the limit never reads 5,0 MB)."""
    return f"{math.ceil(n * 10 / 1024 / 1024) / 10:.1f} MB".replace(".", ",")


def baca_berkas(berkas):
    """(ext, name, bytes, note) of one upload (a Django UploadedFile), or a ValueError whose
    message names the file and says why it is refused."""
    asli = str(berkas.name or "")[:200]
    if berkas.size > BATAS_UKURAN:
        raise ValueError(f"Berkas '{asli}' ditolak: ukurannya {_ukuran(berkas.size)}, paling besar 5 MB.")
    data = berkas.read(BATAS_UKURAN + 1)
    if len(data) > BATAS_UKURAN:
        raise ValueError(f"Berkas '{asli}' ditolak: ukurannya lebih dari 5 MB.")
    if not data:
        raise ValueError(f"Berkas '{asli}' ditolak: berkas kosong.")
    ext = kenali(data)
    if ext is None:
        raise ValueError(
            f"Berkas '{asli}' ditolak: isinya bukan {DITERIMA} (jenis berkas dikenali dari isinya, bukan dari namanya)."
        )
    disebut = asli.rsplit(".", 1)[-1].lower() if "." in asli else ""
    disebut = SAMA.get(disebut, disebut)
    catatan = ""
    if not disebut:
        catatan = f" (isinya {JENIS[ext][1]}: disimpan sebagai .{ext})"
    elif disebut != ext:
        catatan = f" (isinya {JENIS[ext][1]}, bukan .{disebut}: disimpan sebagai .{ext})"
    return ext, nama_aman(asli, ext), data, catatan


def kunci_triwulan(renja, periode):
    """Why the bukti dukung of ``periode`` may not be added or deleted now ("" when open)."""
    return keadaan_renja(renja)[periode].kunci()


def _kunci_laporan(renja, periode):
    """Lock the triwulan report's row (as kerja.alur.jalankan_monev does), then ask the lock."""
    laporan, _ = LaporanTriwulan.objects.get_or_create(renja=renja, periode=periode)
    LaporanTriwulan.objects.select_for_update().get(pk=laporan.pk)
    return kunci_triwulan(renja, periode)


def _pastikan_ubah(user, renja):
    if not akses.boleh_ubah(user, renja):
        raise PermissionDenied("Hanya perencana Perangkat Daerah ini yang menambah atau menghapus bukti dukung.")


def unggah(user, renja, indikator, periode, daftar):
    """Store the uploads ``daftar`` as bukti dukung of ``indikator`` (of ``renja``) in ``periode``,
    all or none: PermissionDenied for a user who may not change the OPD; SimpanGagal naming
    each file refused, or the lock's reason. Returns the new BuktiDukung and the notes of files
    whose name was corrected."""
    _pastikan_ubah(user, renja)
    if periode not in ROMAWI:
        raise SimpanGagal([galat(f"Triwulan '{periode}' tidak dikenal.")])
    if not Indikator.objects.for_renja(renja).filter(pk=indikator.pk).exists():
        raise SimpanGagal([galat(f"Indikator '{indikator.nama[:60]}' bukan bagian dari {renja}.")])
    daftar = list(daftar)
    if not daftar:
        raise SimpanGagal([galat(f"Pilih berkas bukti dukung ({DITERIMA}, paling besar 5 MB).")])
    if len(daftar) > BATAS_SEKALI:
        raise SimpanGagal([galat(f"Paling banyak {BATAS_SEKALI} berkas sekali unggah ({len(daftar)} dipilih).")])
    dibaca, salah = [], []
    for berkas in daftar:
        try:
            dibaca.append(baca_berkas(berkas))
        except ValueError as error:
            salah.append(galat(str(error)))
    if salah:
        raise SimpanGagal(salah)
    tersimpan = []
    try:
        with transaction.atomic():
            pesan = _kunci_laporan(renja, periode)
            if pesan:
                raise SimpanGagal([galat(f"{pesan.rstrip('.')}: bukti dukung tidak dapat ditambah.")])
            baru = []
            for ext, nama, data, catatan in dibaca:
                bukti = BuktiDukung(
                    renja=renja,
                    indikator=indikator,
                    periode=periode,
                    nama=nama,
                    jenis=JENIS[ext][0],
                    ukuran=len(data),
                    diunggah_oleh=user,
                )
                bukti.berkas.save(nama, ContentFile(data), save=False)
                tersimpan.append(bukti.berkas.name)
                bukti._history_user = user
                bukti.save()
                baru.append((bukti, catatan))
    except BaseException:
        for name in tersimpan:  # nothing half-written: no file without its row
            BuktiDukung._meta.get_field("berkas").storage.delete(name)
        raise
    return baru


def hapus(user, bukti):
    """Delete ``bukti`` (its row, recorded in its history with who and when; its file once the
    transaction commits): PermissionDenied for a user who may not change the OPD, SimpanGagal
    while its triwulan is locked."""
    renja = bukti.renja
    _pastikan_ubah(user, renja)
    with transaction.atomic():
        pesan = _kunci_laporan(renja, bukti.periode)
        if pesan:
            raise SimpanGagal([galat(f"{pesan.rstrip('.')}: bukti dukung '{bukti.nama}' tidak dapat dihapus.")])
        storage, name = bukti.berkas.storage, bukti.berkas.name
        bukti._history_user = user
        bukti.delete()
        transaction.on_commit(lambda: storage.delete(name))


def daftar_bukti(renja, indikator=None, periode=None):
    """The bukti dukung of ``renja`` (of one indicator and triwulan when given), with who
    uploaded them (1 query)."""
    qs = BuktiDukung.objects.filter(renja=renja).select_related("diunggah_oleh")
    if indikator is not None:
        qs = qs.filter(indikator=indikator)
    if periode is not None:
        qs = qs.filter(periode=periode)
    return qs


def riwayat_bukti(renja, indikator, periode, batas=50):
    """Who added and deleted which file of one indicator and triwulan, newest first (1 query)."""
    return (
        BuktiDukung.history.filter(renja=renja, indikator=indikator, periode=periode)
        .exclude(history_type="~")
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:batas]
    )


def jumlah_per_indikator(renja, periode):
    """{indikator pk: number of bukti dukung} of one triwulan (1 query), for the grid's buttons."""
    rows = BuktiDukung.objects.filter(renja=renja, periode=periode).values("indikator").annotate(n=Count("pk"))
    return {r["indikator"]: r["n"] for r in rows}


def bersihkan_yatim(sebelum):
    """Delete the files under MEDIA_ROOT/bukti/ that no bukti dukung points at (left by a Renja
    deleted with its rows, or an upload cut off) and last written before the timestamp
    ``sebelum`` (an upload in progress is younger). Returns how many; run by laporan.tugas's
    hourly clean-up."""
    storage = BuktiDukung._meta.get_field("berkas").storage
    root = Path(storage.path("bukti"))
    if not root.is_dir():
        return 0
    kept = set(BuktiDukung.objects.values_list("berkas", flat=True))
    deleted = 0
    for path in root.rglob("*"):
        name = path.relative_to(storage.location).as_posix()
        if path.is_file() and name not in kept and path.stat().st_mtime < sebelum:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted
