"""The workflow of a Renja: one table of actions, and one function that takes an action.

| aksi | from | to | who (renja.akses) | gated by blocking findings |
|---|---|---|---|---|
| ajukan | draf, dikembalikan, perubahan | diajukan | the OPD's planner | yes |
| kembalikan | diajukan, diverifikasi | dikembalikan | Bappeda (a reason is required) | no |
| verifikasi | diajukan | diverifikasi | Bappeda | yes |
| tetapkan | diverifikasi | ditetapkan (the grid frozen as a PenetapanRenja) | Bappeda | yes |
| perubahan | ditetapkan | perubahan (a Renja Perubahan, compared with the last penetapan) | the OPD's planner | no |

The quarterly report of an OPD (evaluasi.LaporanTriwulan) has its own small table,
``AKSI_MONEV``, taken by ``jalankan_monev`` in the same way:

| aksi | from | to | who | refused when |
|---|---|---|---|---|
| ajukan | draf, dikembalikan | diajukan | the OPD's planner | the triwulan is locked by the schedule, or holds no realisasi kinerja |
| kembalikan | diajukan | dikembalikan (the reason becomes a CatatanMonev) | Bappeda (a reason is required) | |
| verifikasi | diajukan | diverifikasi (locked for good) | Bappeda | |

A Renstra (renja.Renstra) has the third table, ``AKSI_RENSTRA``, taken by ``jalankan_renstra``:

| aksi | from | to | who | |
|---|---|---|---|---|
| tetapkan | draf, revisi | ditetapkan (the Renstra grid frozen as a PenetapanRenstra) | Bappeda | |
| revisi | ditetapkan | revisi (compared with the last penetapan) | the OPD's planner | a reason is required |

``jalankan`` checks who may take the action, locks the Renja's row, checks its status and (for a
gated action) that the one checker, ``evaluasi.periksa.periksa_renja``, finds no error, then
changes the status in one transaction; django-simple-history records who and when. Nothing
else changes a Renja's status: the admin shows it read-only (renja.admin).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from evaluasi.models import CatatanMonev, LaporanTriwulan, RealisasiKinerja
from evaluasi.monev import ROMAWI, keadaan_renja
from evaluasi.periksa import periksa_renja
from kerja import renstra as lembar_renstra
from kerja.potret import potret
from kerja.ruang_kerja import susun_grid
from renja import akses
from renja.models import Indikator, Komentar, PenetapanRenja, PenetapanRenstra, Renja, Renstra

S = Renja.Status


class AksiDitolak(Exception):
    """The action was not taken; ``pesan`` says why, one message per reason, in Indonesian."""

    def __init__(self, pesan):
        self.pesan = [pesan] if isinstance(pesan, str) else list(pesan)
        super().__init__("; ".join(self.pesan))


@dataclass(frozen=True)
class Pelaku:
    """Who may take an action: the renja.akses check, and what a user without it is told."""

    boleh: object  # (user, renja) → bool
    ditolak: str


PERENCANA = Pelaku(akses.boleh_ubah, "Anda tidak berhak mengubah Renja ini.")
BAPPEDA = Pelaku(akses.boleh_review, "Hanya reviewer Bappeda yang memutuskan Renja.")


@dataclass(frozen=True)
class Aksi:
    kunci: str
    label: str  # the button
    dari: frozenset
    ke: str
    oleh: Pelaku
    gerbang: bool = False  # refused while the checker finds an error
    alasan_wajib: bool = False
    berhasil: str = "{renja}: {status}."
    akibat: tuple = ()  # what will happen, on the confirmation page (an action without it needs none)


AKSI = {
    a.kunci: a
    for a in (
        Aksi(
            "ajukan",
            "Ajukan ke Bappeda",
            frozenset({S.DRAF, S.DIKEMBALIKAN, S.PERUBAHAN}),
            S.DIAJUKAN,
            PERENCANA,
            gerbang=True,
            berhasil="{renja} telah diajukan ke Bappeda dan tidak dapat diubah selama direview.",
            akibat=(
                "Status Renja menjadi 'Diajukan ke Bappeda'.",
                "Selama direview, tidak ada yang dapat mengubah isi Renja: grid, struktur dan catatan penting terkunci.",
                "Bappeda mereview lalu memverifikasi atau mengembalikannya; bila dikembalikan, Renja dapat diubah lagi.",
            ),
        ),
        Aksi(
            "kembalikan",
            "Kembalikan ke OPD",
            frozenset({S.DIAJUKAN, S.DIVERIFIKASI}),
            S.DIKEMBALIKAN,
            BAPPEDA,
            alasan_wajib=True,
        ),
        Aksi("verifikasi", "Verifikasi", frozenset({S.DIAJUKAN}), S.DIVERIFIKASI, BAPPEDA, gerbang=True),
        Aksi(
            "tetapkan",
            "Tetapkan",
            frozenset({S.DIVERIFIKASI}),
            S.DITETAPKAN,
            BAPPEDA,
            gerbang=True,
            akibat=(
                "Status Renja menjadi 'Ditetapkan'.",
                "Setiap sel grid dibekukan sebagai penetapan bernomor; Renja hanya dapat dibaca oleh siapa pun, "
                "termasuk admin.",
                "Perubahan sesudahnya hanya melalui Renja Perubahan yang dibuat perencana OPD dan direview lagi.",
            ),
        ),
        Aksi(
            "perubahan",
            "Buat Renja Perubahan",
            frozenset({S.DITETAPKAN}),
            S.PERUBAHAN,
            PERENCANA,
            berhasil="Renja Perubahan dibuka. Perbedaannya dengan penetapan terakhir tampil di bawah.",
        ),
    )
}

KEPUTUSAN = [kunci for kunci, aksi in AKSI.items() if aksi.oleh is BAPPEDA]  # Bappeda's decisions


def penghalang(renja):
    """The checker's blocking findings of ``renja`` as messages: what refuses a gated action."""
    return [f"{t.lokasi}: {t.pesan}" for t in periksa_renja(renja) if t.memblokir]


def _tolak_status(aksi, renja):
    if aksi.kunci == "ajukan":
        return f"Renja berstatus '{renja.get_status_display()}' dan tidak dapat diubah."
    if aksi.kunci == "perubahan":
        return "Renja Perubahan hanya dapat dibuat dari Renja yang sudah ditetapkan."
    return f"Renja berstatus '{renja.get_status_display()}': keputusan '{aksi.kunci}' tidak dapat diambil."


def boleh(user, renja, kunci):
    """Whether ``user`` may take the action ``kunci`` on ``renja`` now (its right and status;
    the checker's gate is not run): for showing the buttons."""
    aksi = AKSI[kunci]
    return renja.status in aksi.dari and aksi.oleh.boleh(user, renja)


def alasan_tolak(renja, kunci):
    """Why the action ``kunci`` cannot be taken on ``renja`` now (its status, the checker's
    gate), one message per reason; empty when it can. ``jalankan`` and the confirmation page."""
    aksi = AKSI[kunci]
    if renja.status not in aksi.dari:
        return [_tolak_status(aksi, renja)]
    return [f"{_awal(kunci)}: {p}" for p in penghalang(renja)] if aksi.gerbang else []


def _awal(kunci):
    return "Belum dapat diajukan" if kunci == "ajukan" else f"Belum dapat di{kunci}"


def jalankan(renja, user, kunci, alasan=""):
    """Take the action ``kunci`` on ``renja`` for ``user``: PermissionDenied for a user without
    the right, AksiDitolak for an unknown action, a missing reason, a status it cannot be
    taken from or blocking findings. A reason becomes a note on the whole Renja, which the
    planner sees above the grid. Returns the success message; ``renja.status`` is updated."""
    aksi = AKSI.get(kunci)
    if aksi is None:
        raise AksiDitolak(f"Keputusan '{kunci.removeprefix('putuskan:')}' tidak dikenal.")
    if not aksi.oleh.boleh(user, renja):
        raise PermissionDenied(aksi.oleh.ditolak)
    alasan = (alasan or "").strip()
    if aksi.alasan_wajib and not alasan:
        raise AksiDitolak("Tuliskan alasan Renja dikembalikan.")
    with transaction.atomic():
        locked = Renja.objects.select_for_update().select_related("opd__pemda", "renstra").get(pk=renja.pk)
        tolak = alasan_tolak(locked, kunci)
        if tolak:
            raise AksiDitolak(tolak)
        locked.status = aksi.ke
        locked._history_user = user
        locked.save(update_fields=["status"])
        if aksi.ke == S.DITETAPKAN:
            nomor = (locked.penetapan.aggregate(m=Max("nomor"))["m"] or 0) + 1
            PenetapanRenja.objects.create(renja=locked, nomor=nomor, oleh=user, isi=potret(susun_grid(locked)))
        if alasan:
            note = Komentar(renja=locked, penulis=user, isi=f"Dikembalikan: {alasan}")
            note._history_user = user
            note.save()
    renja.status = locked.status
    return aksi.berhasil.format(renja=renja, status=renja.get_status_display().lower())


# --------------------------------------------------------------------------- the triwulan report

SM = LaporanTriwulan.Status
PERENCANA_MONEV = Pelaku(akses.boleh_ubah, "Anda tidak berhak mengajukan laporan triwulan Renja ini.")
BAPPEDA_MONEV = Pelaku(akses.boleh_review, "Hanya reviewer Bappeda yang memutuskan laporan triwulan.")
AKSI_MONEV = {
    a.kunci: a
    for a in (
        Aksi(
            "ajukan",
            "Ajukan laporan ke Bappeda",
            frozenset({SM.DRAF, SM.DIKEMBALIKAN}),
            SM.DIAJUKAN,
            PERENCANA_MONEV,
            berhasil="Laporan Triwulan {tw} telah diajukan ke Bappeda dan tidak dapat diubah selama diperiksa.",
        ),
        Aksi(
            "kembalikan",
            "Kembalikan ke OPD",
            frozenset({SM.DIAJUKAN}),
            SM.DIKEMBALIKAN,
            BAPPEDA_MONEV,
            alasan_wajib=True,
            berhasil="Laporan Triwulan {tw} dikembalikan ke OPD.",
        ),
        Aksi(
            "verifikasi",
            "Verifikasi",
            frozenset({SM.DIAJUKAN}),
            SM.DIVERIFIKASI,
            BAPPEDA_MONEV,
            berhasil="Laporan Triwulan {tw} diverifikasi dan terkunci.",
        ),
    )
}


def boleh_monev(user, renja, keadaan, kunci):
    """Whether ``user`` may take ``kunci`` on the triwulan ``keadaan`` now (for the buttons)."""
    aksi = AKSI_MONEV[kunci]
    return keadaan.status in aksi.dari and aksi.oleh.boleh(user, renja)


def jalankan_monev(renja, periode, user, kunci, alasan=""):
    """Take the action ``kunci`` on the triwulan report ``periode`` of ``renja``, under a lock of
    the report's row: PermissionDenied for a user without the right, AksiDitolak for an unknown
    action, a missing reason, a status it cannot be taken from, a triwulan closed by the
    schedule or one without realisasi. A reason becomes a CatatanMonev on the whole report."""
    aksi = AKSI_MONEV.get(kunci)
    if aksi is None or periode not in ROMAWI:
        raise AksiDitolak(f"Tindakan '{kunci}' tidak dikenal.")
    if not aksi.oleh.boleh(user, renja):
        raise PermissionDenied(aksi.oleh.ditolak)
    alasan, tw = (alasan or "").strip(), ROMAWI[periode]
    if aksi.alasan_wajib and not alasan:
        raise AksiDitolak("Tuliskan alasan laporan dikembalikan.")
    with transaction.atomic():
        laporan, _ = LaporanTriwulan.objects.get_or_create(renja=renja, periode=periode)
        laporan = LaporanTriwulan.objects.select_for_update().get(pk=laporan.pk)
        if laporan.status not in aksi.dari:
            raise AksiDitolak(
                f"Laporan Triwulan {tw} berstatus '{laporan.get_status_display()}': '{aksi.label}' tidak dapat dilakukan."
            )
        if kunci == "ajukan":
            pesan = keadaan_renja(renja)[periode].kunci()
            if pesan:
                raise AksiDitolak(pesan)
            ada = RealisasiKinerja.objects.filter(
                indikator__in=Indikator.objects.for_renja(renja).values("pk"), tahun=renja.tahun, periode=periode
            ).exists()
            if not ada:
                raise AksiDitolak(f"Belum dapat diajukan: belum ada realisasi kinerja Triwulan {tw} yang diisi.")
            laporan.diajukan_pada = timezone.now()
        laporan.status = aksi.ke
        laporan._history_user = user
        laporan.save()
        if alasan:
            CatatanMonev.objects.create(laporan=laporan, penulis=user, isi=f"Dikembalikan: {alasan}")
    return aksi.berhasil.format(tw=tw)


# --------------------------------------------------------------------------- the Renstra

SR = Renstra.Status
PERENCANA_RENSTRA = Pelaku(akses.boleh_ubah, "Hanya perencana Perangkat Daerah ini yang merevisi Renstra-nya.")
BAPPEDA_RENSTRA = Pelaku(akses.boleh_review, "Hanya Bappeda yang menetapkan Renstra.")
AKSI_RENSTRA = {
    a.kunci: a
    for a in (
        Aksi(
            "tetapkan",
            "Tetapkan Renstra",
            frozenset({SR.DRAF, SR.REVISI}),
            SR.DITETAPKAN,
            BAPPEDA_RENSTRA,
            berhasil="{renstra} telah ditetapkan dan terkunci.",
            akibat=(
                "Status Renstra menjadi 'Ditetapkan'.",
                "Tujuan, sasaran, indikatornya dan setiap target Renstra (tahunan dan akhir periode) dibekukan "
                "sebagai penetapan bernomor; tidak ada yang dapat mengubahnya, termasuk admin.",
                "Perubahan sesudahnya hanya melalui Revisi Renstra (dengan alasan), yang dibandingkan dengan "
                "penetapan ini.",
            ),
        ),
        Aksi(
            "revisi",
            "Revisi Renstra",
            frozenset({SR.DITETAPKAN}),
            SR.REVISI,
            PERENCANA_RENSTRA,
            alasan_wajib=True,
            berhasil="Revisi {renstra} dibuka. Perbedaannya dengan penetapan terakhir tampil di bawah.",
        ),
    )
}


def boleh_renstra(user, renstra, kunci):
    """Whether ``user`` may take ``kunci`` on ``renstra`` now (its right and status): for the buttons."""
    aksi = AKSI_RENSTRA[kunci]
    return renstra.status in aksi.dari and aksi.oleh.boleh(user, renstra)


def jalankan_renstra(renstra, user, kunci, alasan=""):
    """Take the action ``kunci`` on ``renstra`` under a lock of its row: PermissionDenied for a
    user without the right, AksiDitolak for an unknown action, a missing reason or a status it
    cannot be taken from. Adopting freezes the Renstra grid as a PenetapanRenstra; a revision
    keeps its reason on the Renstra (and in its history). Returns the success message."""
    aksi = AKSI_RENSTRA.get(kunci)
    if aksi is None:
        raise AksiDitolak(f"Tindakan '{kunci}' tidak dikenal.")
    if not aksi.oleh.boleh(user, renstra):
        raise PermissionDenied(aksi.oleh.ditolak)
    alasan = (alasan or "").strip()
    if aksi.alasan_wajib and not alasan:
        raise AksiDitolak("Tuliskan alasan Renstra direvisi.")
    with transaction.atomic():
        locked = Renstra.objects.select_for_update().select_related("opd").get(pk=renstra.pk)
        if locked.status not in aksi.dari:
            raise AksiDitolak(
                f"{locked} berstatus '{locked.get_status_display()}': '{aksi.label}' tidak dapat dilakukan."
            )
        locked.status = aksi.ke
        if alasan:
            locked.alasan_revisi = alasan
            locked._change_reason = f"Revisi: {alasan}"[:100]
        locked._history_user = user
        locked.save(update_fields=["status", "alasan_revisi"])
        if aksi.ke == SR.DITETAPKAN:
            nomor = (locked.penetapan.aggregate(m=Max("nomor"))["m"] or 0) + 1
            isi = lembar_renstra.potret(lembar_renstra.susun_grid(locked))
            PenetapanRenstra.objects.create(renstra=locked, nomor=nomor, oleh=user, isi=isi)
    renstra.status, renstra.alasan_revisi = locked.status, locked.alasan_revisi
    return aksi.berhasil.format(renstra=renstra)
