"""The document's identity: the Pemda's logo, the place and date, who signs (the Kepala of the
OPD, and of the Pemda's Bappeda on the evaluation form), and the Peraturan/Keputusan that adopts
a finalised Renja. The domain writes and checks; the pages are kerja/views/identitas.py.

| what | where | who changes it | when |
|---|---|---|---|
| logo | ``LogoPemda`` (a re-encoded PNG) | admin of the Pemda (``akses.pemda_impor``) | any time |
| the Pemda's Bappeda OPD | ``Pemda.bappeda`` | admin of the Pemda | any time |
| tempat, tanggal, Kepala OPD | ``Renja`` (and the OPD's current Kepala) | planner of the OPD | while ``renja.terbuka`` |
| Peraturan/Keputusan | ``PeraturanRenja`` of the latest penetapan | Bappeda (``akses.boleh_review``) | while ditetapkan |
"""

import hashlib
import threading
from io import BytesIO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from PIL import Image, ImageFile, UnidentifiedImageError

from renja import akses
from renja.galat import SimpanGagal, galat
from renja.models import LogoPemda, Pemda, PenetapanRenja, PerangkatDaerah, PeraturanRenja, Renja

BATAS_BYTE = 1024 * 1024  # 1 MB
BATAS_PIKSEL = 2000  # per side
FORMAT = {"PNG": "PNG", "JPEG": "JPEG"}
_KETAT = threading.Lock()


def _tolak(pesan):
    raise SimpanGagal([galat(pesan, kolom="Logo")])


def _lengkap(gambar):
    """Decode every pixel, refusing a file that ends early (WeasyPrint lets Pillow accept
    truncated images, ImageFile.LOAD_TRUNCATED_IMAGES, for the whole process)."""
    with _KETAT:  # PDFs are laid out by the workers, not beside an upload; the lock keeps uploads apart
        truncated, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
        try:
            gambar.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = truncated


def baca_logo(data, nama="berkas"):
    """The PNG to keep from an uploaded logo ``data`` (bytes), with its size: only a PNG or JPEG
    (as Pillow reads it, whatever the file is called), at most 1 MB and 2000 px a side, decoded
    and encoded anew so that nothing else the file carried (metadata, appended bytes, text
    chunks) is kept. SimpanGagal with the reason otherwise."""
    if len(data) > BATAS_BYTE:
        _tolak(f"Berkas '{nama}' lebih besar dari 1 MB; perkecil gambarnya lalu unggah lagi.")
    try:
        with Image.open(BytesIO(data)) as gambar:
            if gambar.format not in FORMAT:
                _tolak(f"Berkas '{nama}' bukan gambar PNG atau JPEG (terbaca: {gambar.format or 'tidak dikenal'}).")
            lebar, tinggi = gambar.size
            if lebar > BATAS_PIKSEL or tinggi > BATAS_PIKSEL:
                _tolak(f"Gambar '{nama}' berukuran {lebar} × {tinggi} piksel; batasnya {BATAS_PIKSEL} piksel per sisi.")
            gambar.verify()  # a PNG to its end, every chunk's checksum (whatever LOAD_TRUNCATED_IMAGES says)
        with Image.open(BytesIO(data)) as gambar:
            _lengkap(gambar)
            mode = "RGBA" if gambar.mode in ("RGBA", "LA", "P", "PA") or "transparency" in gambar.info else "RGB"
            piksel = gambar.convert(mode)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        _tolak(f"Berkas '{nama}' bukan gambar PNG atau JPEG yang dapat dibaca.")
    bersih = Image.frombytes(mode, piksel.size, piksel.tobytes())  # the pixels only, no info
    out = BytesIO()
    bersih.save(out, format="PNG", optimize=True)
    return out.getvalue(), lebar, tinggi


def simpan_logo(user, pemda, data, nama):
    """Replace ``pemda``'s logo with the upload ``data`` (PermissionDenied for who is not its admin)."""
    if not akses.pemda_impor(user).filter(pk=pemda.pk).exists():
        raise PermissionDenied("Hanya admin Pemda yang dapat mengganti logo.")
    png, lebar, tinggi = baca_logo(data, nama)
    logo = LogoPemda.objects.filter(pemda=pemda).first() or LogoPemda(pemda=pemda)
    logo.png, logo.lebar, logo.tinggi = png, lebar, tinggi
    logo._history_user = user
    logo.save()
    return logo


def hapus_logo(user, pemda):
    """Remove ``pemda``'s logo (the cover then prints none); whether there was one."""
    if not akses.pemda_impor(user).filter(pk=pemda.pk).exists():
        raise PermissionDenied("Hanya admin Pemda yang dapat menghapus logo.")
    logo = LogoPemda.objects.filter(pemda=pemda).first()
    if logo is None:
        return False
    logo._history_user = user
    logo.delete()
    return True


def boleh_lihat_pemda(user, pemda_id):
    """Whether ``user`` may see something of the Pemda (its logo): who sees one of its OPDs, or
    administers it."""
    return user.is_authenticated and (
        akses.opd_lihat(user).filter(pemda=pemda_id).exists() or akses.pemda_impor(user).filter(pk=pemda_id).exists()
    )


# --------------------------------------------------------------------------- signature


def kepala_baru(opd, sebelumnya=None):
    """The fields a new Renja of ``opd`` starts with: the OPD's current Kepala and the place of
    the Renja before it (the date is that of the new document, left empty)."""
    return {**opd.kepala(), "tempat": sebelumnya.tempat if sebelumnya else ""}


def simpan_identitas(user, renja, data):
    """Write ``data`` (tempat, tanggal and the Kepala fields, cleaned by the form) into
    ``renja`` while it is open, and make that Kepala the OPD's current one (the next Renja
    starts with it). One transaction; history records the user."""
    akses.pastikan_boleh_ubah(user, renja)
    with transaction.atomic():
        renja = Renja.objects.select_for_update().get(pk=renja.pk)
        akses.pastikan_boleh_ubah(user, renja)  # the status, as it is now
        for name, value in data.items():
            setattr(renja, name, value)
        renja._history_user = user
        renja.save()
        kepala = {name: data[name] for name in Renja.KOLOM_KEPALA if name in data}
        PerangkatDaerah.objects.filter(pk=renja.opd_id).update(**kepala)
    return renja


def penetapan_terakhir(renja):
    """The latest penetapan of a finalised ``renja`` with its Peraturan (None when the Renja is
    not ditetapkan now: a Renja Perubahan is not adopted by the earlier Peraturan)."""
    if renja.status != Renja.Status.DITETAPKAN:
        return None
    return renja.penetapan.select_related("peraturan").order_by("-nomor").first()


def peraturan_berlaku(renja):
    """The PeraturanRenja that adopts ``renja`` as it is now, or None."""
    penetapan = penetapan_terakhir(renja)
    return getattr(penetapan, "peraturan", None) if penetapan else None


def simpan_peraturan(user, renja, data):
    """Bappeda enters (or corrects) the Peraturan/Keputusan of a finalised Renja: the only thing
    written into a Renja that is ditetapkan. History records the user and every correction."""
    if not akses.boleh_review(user, renja):
        raise PermissionDenied("Hanya Bappeda yang mengisi nomor Peraturan/Keputusan penetapan Renja.")
    with transaction.atomic():
        renja = Renja.objects.select_for_update().get(pk=renja.pk)
        penetapan = penetapan_terakhir(renja)
        if penetapan is None:
            raise SimpanGagal(
                [
                    galat(
                        f"Renja berstatus '{renja.get_status_display()}': nomor Peraturan/Keputusan diisi setelah ditetapkan."
                    )
                ]
            )
        peraturan = PeraturanRenja.objects.filter(penetapan=penetapan).first() or PeraturanRenja(penetapan=penetapan)
        for name, value in data.items():
            setattr(peraturan, name, value)
        peraturan._history_user = user
        peraturan.full_clean()
        peraturan.save()
    return peraturan


def kepala_bappeda(pemda):
    """The Kepala fields of the Pemda's Bappeda OPD (empty when it is not named yet); one query
    unless ``pemda.bappeda`` was loaded with it."""
    return pemda.bappeda.kepala() if pemda.bappeda_id else PerangkatDaerah().kepala()


def _cap_pemda(pemda_ids):
    kolom = ["logo__diunggah", *(f"bappeda__{name}" for name in PerangkatDaerah.KOLOM_KEPALA)]
    return {row[0]: list(row[1:]) for row in Pemda.objects.filter(pk__in=pemda_ids).values_list("pk", *kolom)}


def _cap(pemda, peraturan):
    parts = list(pemda or ())
    if peraturan:
        parts += [peraturan.jenis, peraturan.nomor, peraturan.tanggal]
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:10]


def cap_identitas(renja):
    """A short fingerprint of what a document of ``renja`` prints and its history does not
    version (the logo, the Kepala Bappeda, the Peraturan): part of its cache key (laporan.versi)."""
    return _cap(_cap_pemda([renja.opd.pemda_id]).get(renja.opd.pemda_id), peraturan_berlaku(renja))


def cap_identitas_banyak(renja):
    """{renja pk: ``cap_identitas``} of the Renja ``renja`` (with their opd), in two queries."""
    pemda = _cap_pemda({r.opd.pemda_id for r in renja})
    peraturan = {}
    ditetapkan = [r.pk for r in renja if r.status == Renja.Status.DITETAPKAN]
    for p in PenetapanRenja.objects.filter(renja__in=ditetapkan).select_related("peraturan").order_by("nomor"):
        peraturan[p.renja_id] = getattr(p, "peraturan", None)  # the latest penetapan's
    return {r.pk: _cap(pemda.get(r.opd.pemda_id), peraturan.get(r.pk)) for r in renja}
