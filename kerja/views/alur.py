"""The workflow's buttons. A GET of an action that creates or locks a whole Renja (ajukan,
tetapkan, starting or cancelling next year's Renja, filling it from the rancangan awal) shows a
confirmation page saying what will happen (or why it cannot); its POST takes the action
(``kerja.alur``, ``renja.tahun_baru``, ``renja.dari_ranwal``) and goes back with the outcome as
messages. Works without JavaScript."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from kerja import alur
from renja import akses, dari_ranwal, tahun_baru
from renja.galat import SimpanGagal
from renja.views import RenjaMixin


def konfirmasi(request, renja, judul, akibat, tombol, ditolak=(), kembali=None):
    """The confirmation page: ``akibat`` (what will happen) and a button posting back to this
    URL, or ``ditolak`` (why it cannot be done) and no button."""
    kembali = kembali or reverse("kerja:ruang-kerja", args=[renja.opd.singkatan, renja.tahun])
    context = {"renja": renja, "judul": judul, "akibat": akibat, "tombol": tombol, "ditolak": ditolak}
    return render(request, "kerja/konfirmasi.html", {**context, "kembali": kembali})


SESUDAHNYA_RANWAL = (
    "Rancangan Awal RKPD {tahun} sudah diimpor: Renja {tahun} dapat diisi darinya "
    '("Isi dari Rancangan Awal RKPD" di halaman Renja dan di ruang kerja); yang sudah ada tidak ditimpa.'
)


def _pesan(request, daftar, level=messages.error):
    for text in daftar:
        level(request, text)


class AksiView(RenjaMixin, View):
    """POST: the action ``aksi`` with the form's ``alasan``; a refusal is shown as messages.
    GET: its confirmation page, for an action with ``akibat``."""

    aksi = None

    def kunci(self):
        return self.aksi

    def get(self, request, *args, **kwargs):
        aksi = alur.AKSI.get(self.kunci())
        if aksi is None or not aksi.akibat:
            return self.http_method_not_allowed(request, *args, **kwargs)
        renja = self.get_renja()
        if not aksi.oleh.boleh(request.user, renja):
            raise PermissionDenied(aksi.oleh.ditolak)
        judul = f"{aksi.label}: {renja}?"
        return konfirmasi(request, renja, judul, aksi.akibat, aksi.label, alur.alasan_tolak(renja, aksi.kunci))

    def post(self, request, *args, **kwargs):
        renja = self.get_renja()
        try:
            pesan = alur.jalankan(renja, request.user, self.kunci(), request.POST.get("alasan", ""))
        except alur.AksiDitolak as error:
            _pesan(request, error.pesan)
        else:
            messages.success(request, pesan)
        return redirect("kerja:ruang-kerja", renja.opd.singkatan, renja.tahun)


class KeputusanView(AksiView):
    """Bappeda's decision named in the URL (kembalikan, verifikasi, tetapkan)."""

    def kunci(self):
        aksi = self.kwargs["aksi"]
        return aksi if aksi in alur.KEPUTUSAN else f"putuskan:{aksi}"


class PerencanaMixin(RenjaMixin):
    def get_renja(self):
        renja = super().get_renja()
        if not akses.boleh_ubah(self.request.user, renja):
            raise PermissionDenied("Hanya perencana Perangkat Daerah ini yang memulai atau membatalkan Renja-nya.")
        return renja


class TahunBerikutView(PerencanaMixin, View):
    """GET: what starting next year's Renja from this one will do; POST: start it."""

    def get(self, request, *args, **kwargs):
        sebelumnya = self.get_renja()
        tahun = sebelumnya.tahun + 1
        akibat = (
            f"Renja {sebelumnya.opd.singkatan} {tahun} dibuat berstatus Draf dari Renja {sebelumnya.tahun}: "
            f"{sebelumnya.sub_kegiatan.count()} sub kegiatan disalin dengan lokasi, sumber dana dan penanggung jawab.",
            f"Pagu {tahun} diambil dari prakiraan maju Renja {sebelumnya.tahun}. Target {tahun} dari Renstra, bila "
            f"tidak ada dari prakiraan maju; target {tahun + 1} dari Renstra. Target yang sudah ada tidak ditimpa.",
            f"Renja {sebelumnya.tahun} tidak berubah.",
            f"Selama belum ada yang diisi di Renja {tahun}, Anda dapat membatalkannya dari Beranda.",
        )
        if dari_ranwal.ada_ranwal(sebelumnya.opd_id, tahun):
            akibat += (SESUDAHNYA_RANWAL.format(tahun=tahun),)
        ditolak = [a for a in [tahun_baru.alasan_tidak_dapat_mulai(sebelumnya)] if a]
        judul = f"Mulai Renja {tahun} dari {sebelumnya}?"
        return konfirmasi(request, sebelumnya, judul, akibat, f"Mulai Renja {tahun}", ditolak, reverse("beranda"))

    def post(self, request, *args, **kwargs):
        sebelumnya = self.get_renja()
        try:
            hasil = tahun_baru.mulai_renja_tahun_baru(sebelumnya, request.user)
        except SimpanGagal as error:
            _pesan(request, error.pesan)
            return redirect("beranda")
        messages.success(request, hasil.pesan)
        return redirect("kerja:ruang-kerja", hasil.renja.opd.singkatan, hasil.renja.tahun)


class BatalkanTahunBaruView(PerencanaMixin, View):
    """GET: what cancelling this Renja (started with "Mulai Renja") deletes, or why it cannot;
    POST: cancel it (renja.tahun_baru.batalkan_renja_tahun_baru)."""

    def get(self, request, *args, **kwargs):
        renja = self.get_renja()
        salinan = tahun_baru.salinan(renja)
        akibat = (
            f"{renja} dihapus beserta {len(salinan.sub_kegiatan)} baris sub kegiatan dan {len(salinan.target)} "
            "target yang dibuat saat Renja ini dimulai.",
            f"Renja {renja.tahun - 1}, Renstra dan target yang sudah ada sebelumnya tidak berubah.",
            f"Sesudahnya Renja {renja.tahun} dapat dimulai lagi dari Beranda.",
        )
        judul = f"Batalkan {renja}?"
        return konfirmasi(
            request, renja, judul, akibat, f"Batalkan Renja {renja.tahun}", salinan.ditolak, reverse("beranda")
        )

    def post(self, request, *args, **kwargs):
        renja = self.get_renja()
        try:
            pesan = tahun_baru.batalkan_renja_tahun_baru(renja, request.user)
        except SimpanGagal as error:
            _pesan(request, error.pesan)
            return redirect("kerja:ruang-kerja", renja.opd.singkatan, renja.tahun)
        messages.success(request, pesan)
        return redirect("beranda")


BATAS_PESAN = 10  # lines of what was kept shown after filling; the confirmation page lists them all


class IsiRanwalView(RenjaMixin, View):
    """GET: what filling this Renja from its rancangan awal RKPD will create and keep, or why it
    cannot; POST: fill it (``renja.dari_ranwal.isi_dari_ranwal``), then the workspace."""

    def get_renja(self):
        renja = super().get_renja()
        if not akses.boleh_mulai(self.request.user, renja.opd):
            raise PermissionDenied("Hanya perencana Perangkat Daerah ini atau admin Pemda yang mengisi Renja-nya.")
        return renja

    def get(self, request, *args, **kwargs):
        renja = self.get_renja()
        ditolak, akibat = [a for a in [dari_ranwal.alasan_tidak_dapat_isi(renja)] if a], ()
        if not ditolak:
            try:
                rencana = dari_ranwal.rencana(renja)
            except SimpanGagal as error:
                ditolak = error.pesan
            else:
                akibat = rencana.akibat
                if not rencana.baru:
                    ditolak = [rencana.pesan, *rencana.akibat[1:-1]]
        judul = f"Isi {renja} dari Rancangan Awal RKPD {renja.tahun}?"
        return konfirmasi(request, renja, judul, akibat, "Isi dari Rancangan Awal", ditolak)

    def post(self, request, *args, **kwargs):
        renja = self.get_renja()
        try:
            hasil = dari_ranwal.isi_dari_ranwal(renja, request.user)
        except SimpanGagal as error:
            _pesan(request, error.pesan)
        else:
            messages.success(request, hasil.pesan)
            _pesan(request, [f"Tidak ditimpa atau dilewati: {d}" for d in hasil.dilewati[:BATAS_PESAN]], messages.info)
        return redirect("kerja:ruang-kerja", renja.opd.singkatan, renja.tahun)
