"""The workflow's buttons: each POST takes one action of ``kerja.alur`` on the Renja in the URL
and goes back to the workspace with the outcome as messages."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views import View

from kerja import alur
from renja import tahun_baru
from renja.galat import SimpanGagal
from renja.views import RenjaMixin


class AksiView(RenjaMixin, View):
    """POST: the action ``aksi`` with the form's ``alasan``; a refusal is shown as messages."""

    aksi = None

    def kunci(self):
        return self.aksi

    def post(self, request, *args, **kwargs):
        renja = self.get_renja()
        try:
            pesan = alur.jalankan(renja, request.user, self.kunci(), request.POST.get("alasan", ""))
        except alur.AksiDitolak as error:
            for text in error.pesan:
                messages.error(request, text)
        else:
            messages.success(request, pesan)
        return redirect("kerja:ruang-kerja", renja.opd.singkatan, renja.tahun)


class KeputusanView(AksiView):
    """Bappeda's decision named in the URL (kembalikan, verifikasi, tetapkan)."""

    def kunci(self):
        aksi = self.kwargs["aksi"]
        return aksi if aksi in alur.KEPUTUSAN else f"putuskan:{aksi}"


class TahunBerikutView(RenjaMixin, View):
    """POST: start the next year's Renja from this one (renja.tahun_baru)."""

    def post(self, request, *args, **kwargs):
        sebelumnya = self.get_renja()
        try:
            hasil = tahun_baru.mulai_renja_tahun_baru(sebelumnya, request.user)
        except SimpanGagal as error:
            for pesan in error.pesan:
                messages.error(request, pesan)
            return redirect("beranda")
        messages.success(request, hasil.pesan)
        return redirect("kerja:ruang-kerja", hasil.renja.opd.singkatan, hasil.renja.tahun)
