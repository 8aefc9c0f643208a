"""Writing one section of a Renja's narrative (``BagianNarasi``), a section at a time: by a
planner of its OPD, only while the Renja is open, at the version the planner saw. The text is
kept as typed (Markdown); ``laporan.narasi`` alone turns it into HTML."""

from django.db import transaction
from django.utils import timezone

from kerja.grid import nama_pengguna
from renja.akses import pastikan_boleh_ubah
from renja.galat import SimpanGagal, galat
from renja.models import BagianNarasi, Renja
from renja.teks import karakter_kendali

PANJANG_MAKS = 20000  # characters of one section: some seven printed pages, within a workbook cell


def perubahan_terakhir(bagian):
    """(who, when) of the last change of a saved section, from its history; None if unsaved."""
    if bagian is None or bagian.pk is None:
        return None
    latest = bagian.history.select_related("history_user").first()
    if latest is None:
        return None
    return nama_pengguna(latest.history_user), timezone.localtime(latest.history_date)


def simpan_narasi(renja, user, kunci, isi, versi):
    """Save the text ``isi`` of section ``kunci`` of ``renja``, which the planner saw at
    ``versi`` (0: not yet written). Returns the saved ``BagianNarasi``. Raises PermissionDenied
    for a user who may not change the Renja, SimpanGagal for a locked Renja, an unknown section,
    a text too long, or a section somebody else saved since (naming who and when)."""
    pastikan_boleh_ubah(user, renja)
    if kunci not in BagianNarasi.Kunci.values:
        raise SimpanGagal([galat(f"Bagian narasi '{kunci}' tidak dikenal.", "kunci")])
    label = BagianNarasi.Kunci(kunci).label
    isi = (isi or "").replace("\r\n", "\n")
    if kendali := karakter_kendali(isi):
        raise SimpanGagal(
            [galat(f"Bagian {label}: teks memuat karakter kendali ({', '.join(kendali)}); hapus karakter itu.", "isi")]
        )
    if len(isi) > PANJANG_MAKS:
        raise SimpanGagal(
            [galat(f"Bagian {label}: teks {len(isi)} karakter, melebihi batas {PANJANG_MAKS} karakter.", "isi")]
        )
    with transaction.atomic():
        # The Renja's row is locked as the workflow locks it: no status change in between, and
        # two saves of one Renja's narrative wait for each other.
        locked = Renja.objects.select_for_update().get(pk=renja.pk)
        pastikan_boleh_ubah(user, locked)
        bagian = BagianNarasi.objects.filter(renja=locked, kunci=kunci).first()
        if (bagian.versi if bagian else 0) != versi:
            raise SimpanGagal(konflik=[_konflik(bagian, label)])
        if bagian is None:
            bagian = BagianNarasi(renja=locked, kunci=kunci, isi=isi)
        elif bagian.isi == isi:
            return bagian  # nothing changed: no new version, no history entry
        else:
            bagian.isi = isi
            bagian.versi += 1
        bagian._history_user = user
        bagian.save()
    return bagian


def _konflik(bagian, label):
    terakhir = perubahan_terakhir(bagian)
    if terakhir:
        oleh, waktu = terakhir
        siapa = f"{oleh} pada {waktu:%d-%m-%Y %H:%M}"
    else:
        oleh, siapa = "pengguna lain", "pengguna lain"
    return {
        "kolom": "isi",
        "id": bagian.pk if bagian else None,
        "oleh": oleh,
        "versi": bagian.versi if bagian else 0,
        "pesan": (
            f"Bagian {label} sudah diubah oleh {siapa} setelah Anda membukanya. Teks Anda belum disimpan; "
            "bandingkan dengan isi yang tersimpan di bawah, lalu simpan lagi."
        ),
    }
