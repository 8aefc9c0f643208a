"""Bukti dukung of the monev: the side panel of an indicator row for one triwulan (its files,
upload, delete, who added and deleted what), as a fragment for the grid's panel or as a page of
its own (without JavaScript), and the access-checked download. The rules are in evaluasi.bukti."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from evaluasi import bukti
from evaluasi.models import BuktiDukung
from evaluasi.monev import ROMAWI
from renja import akses
from renja.galat import SimpanGagal
from renja.models import Indikator
from renja.views import RenjaMixin


class BuktiMixin(RenjaMixin):
    """The Renja (which the user may see), the triwulan and the indicator of the URL (else 404)."""

    def baca_url(self):
        renja, periode = self.get_renja(), self.kwargs["tw"]
        if periode not in ROMAWI:
            raise Http404("Triwulan tidak dikenal.")
        indikator = get_object_or_404(Indikator.objects.for_renja(renja), pk=self.kwargs["indikator"])
        return renja, periode, indikator

    def panel(self, renja, periode, indikator, galat=(), berhasil=(), status=200):
        panel = self.request.GET.get("panel") or self.request.POST.get("panel")
        context = {
            "renja": renja,
            "periode": periode,
            "romawi": ROMAWI[periode],
            "indikator": indikator,
            "daftar": list(bukti.daftar_bukti(renja, indikator, periode)),
            "riwayat": list(bukti.riwayat_bukti(renja, indikator, periode)),
            "kunci": bukti.kunci_triwulan(renja, periode),
            "boleh_ubah": akses.boleh_ubah(self.request.user, renja),
            "galat": list(galat),
            "berhasil": list(berhasil),
            "batas_mb": bukti.BATAS_UKURAN // 1024 // 1024,
            "diterima": bukti.DITERIMA,
            "dalam_panel": bool(panel),
        }
        template = "kerja/_bukti_panel.html" if panel else "kerja/bukti.html"
        return TemplateResponse(self.request, template, context, status=status)

    def selesai(self, renja, periode, indikator, pesan):
        """After a change: the fragment again (the grid's panel), or back to the page."""
        if self.request.POST.get("panel"):
            return self.panel(renja, periode, indikator, berhasil=pesan)
        for text in pesan:
            messages.success(self.request, text)
        url = reverse("kerja:monev-bukti", args=[renja.opd.singkatan, renja.tahun, periode, indikator.pk])
        return redirect(url)


class BuktiView(BuktiMixin, View):
    """GET: the bukti dukung of an indicator in a triwulan (``?panel=1``: the fragment).
    POST ``berkas`` (one or more files): upload them, all or none."""

    def get(self, request, *args, **kwargs):
        return self.panel(*self.baca_url())

    def post(self, request, *args, **kwargs):
        renja, periode, indikator = self.baca_url()
        try:
            baru = bukti.unggah(request.user, renja, indikator, periode, request.FILES.getlist("berkas"))
        except SimpanGagal as error:
            return self.panel(renja, periode, indikator, galat=error.pesan, status=400)
        pesan = [f"Bukti dukung '{b.nama}' diunggah{catatan}." for b, catatan in baru]
        return self.selesai(renja, periode, indikator, pesan)


class HapusBuktiView(BuktiMixin, View):
    """POST: delete one bukti dukung of the indicator and triwulan of the URL."""

    def post(self, request, *args, **kwargs):
        renja, periode, indikator = self.baca_url()
        berkas = get_object_or_404(
            BuktiDukung.objects.select_related("renja__opd"),
            pk=kwargs["pk"],
            renja=renja,
            indikator=indikator,
            periode=periode,
        )
        try:
            bukti.hapus(request.user, berkas)
        except SimpanGagal as error:
            return self.panel(renja, periode, indikator, galat=error.pesan, status=400)
        return self.selesai(renja, periode, indikator, [f"Bukti dukung '{berkas.nama}' dihapus."])


class UnduhBuktiView(RenjaMixin, View):
    """GET: the file of one bukti dukung of a Renja the user may see, as an attachment with the
    content type found on upload and ``nosniff``: never shown inline, never sniffed."""

    def get(self, request, *args, **kwargs):
        renja = self.get_renja()
        berkas = get_object_or_404(BuktiDukung, pk=kwargs["pk"], renja=renja)
        try:
            isi = berkas.berkas.open("rb")
        except FileNotFoundError as error:
            raise Http404("Berkas bukti dukung tidak ditemukan di penyimpanan.") from error
        response = FileResponse(isi, as_attachment=True, filename=berkas.nama, content_type=berkas.jenis)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
