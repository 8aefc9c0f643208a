"""The Renstra of a Renja's OPD (the Renstra whose period holds the Renja): its grid page, saves,
history, structure changes (tujuan, sasaran, their indicators) and the workflow's buttons
(Tetapkan Renstra, Revisi Renstra)."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from evaluasi.periksa import periksa_renja
from kerja import alur
from kerja import renstra as lembar
from kerja.potret import beda
from kerja.riwayat import riwayat_renstra
from kerja.views.alur import _pesan, konfirmasi
from kerja.views.ruang_kerja import SimpanView, StrukturView, temuan_json
from renja import akses, struktur
from renja.models import Indikator
from renja.views import RenjaMixin


class RenstraMixin(RenjaMixin):
    def get_renstra(self):
        return lembar.renstra_renja(self.get_renja())


class RenstraView(RenstraMixin, TemplateView):
    """The Renstra grid; read-only for those who may see but not edit it, or while it is adopted."""

    template_name = "kerja/renstra.html"

    def get_context_data(self, **kwargs):
        renja, user = self.get_renja(), self.request.user
        renstra = lembar.renstra_renja(renja)
        grid = lembar.susun_grid(renstra)
        penetapan = renstra.penetapan.select_related("oleh").first()
        perbedaan = None
        if penetapan is not None and renstra.status != renstra.Status.DITETAPKAN:
            perbedaan = beda(penetapan.isi, lembar.potret(grid))
        boleh = akses.boleh_ubah(user, renstra)
        context = {
            "renja": renja,
            "renstra": renstra,
            "grid": grid,
            "pilihan": lembar.LembarRenstra.pilihan_datalist({}),
            "boleh_ubah": boleh and renstra.terbuka,
            "boleh_perencana": boleh,
            "aksi": {kunci: alur.boleh_renstra(user, renstra, kunci) for kunci in alur.AKSI_RENSTRA},
            "penetapan": penetapan,
            "perbedaan": perbedaan,
            "temuan": temuan_json(periksa_renja(renja)),
            "jenis_indikator": [(f, label, c.choices) for f, label, c in struktur.PILIHAN_INDIKATOR],
            "metode_negatif": Indikator.MetodeNegatif.choices,
            "pagu_renstra": lembar.pagu_per_tahun(renstra),
        }
        return {**super().get_context_data(**kwargs), **context}


class SimpanRenstraView(RenstraMixin, SimpanView):
    lembar = lembar

    def dokumen(self):
        return self.get_renstra()


class StrukturRenstraView(RenstraMixin, StrukturView):
    """POST JSON: add or remove a tujuan, a sasaran or an indicator of a tujuan or sasaran."""

    AKSI = {
        "tambah-tujuan": (struktur.tambah_tujuan, ()),
        "hapus-tujuan": (struktur.hapus_tujuan, ("id", "versi")),
        "tambah-sasaran": (struktur.tambah_sasaran, ("id",)),
        "hapus-sasaran": (struktur.hapus_sasaran, ("id", "versi")),
        "tambah-indikator": (struktur.tambah_indikator, ("tingkat", "node", "nama", "jenis")),
        "hapus-indikator": (struktur.hapus_indikator, ("id", "versi")),
    }

    def dokumen(self):
        return self.get_renstra()


class RiwayatRenstraView(RenstraMixin, TemplateView):
    """The history of a tujuan, sasaran or indicator row (with its Renstra targets), for the side panel."""

    template_name = "kerja/_riwayat.html"

    def get_context_data(self, **kwargs):
        if self.kwargs["objek"] not in ("tujuan", "sasaran", "indikator"):
            raise Http404
        try:
            entries = riwayat_renstra(self.get_renstra(), self.kwargs["objek"], self.kwargs["pk"])
        except ObjectDoesNotExist:
            raise Http404 from None
        return {**super().get_context_data(**kwargs), "riwayat": entries}


class AksiRenstraView(RenstraMixin, View):
    """POST: Tetapkan Renstra or Revisi Renstra (with the form's ``alasan``); GET: the
    confirmation page of an action with ``akibat`` (Tetapkan Renstra)."""

    def aksi(self):
        aksi = alur.AKSI_RENSTRA.get(self.kwargs["aksi"])
        if aksi is None:
            raise Http404
        return aksi

    def kembali(self, renja):
        return reverse("kerja:renstra", args=[renja.opd.singkatan, renja.tahun])

    def get(self, request, *args, **kwargs):
        aksi, renja = self.aksi(), self.get_renja()
        renstra = lembar.renstra_renja(renja)
        if not aksi.akibat:
            return self.http_method_not_allowed(request, *args, **kwargs)
        if not aksi.oleh.boleh(request.user, renstra):
            raise PermissionDenied(aksi.oleh.ditolak)
        ditolak = [] if renstra.status in aksi.dari else [f"{renstra} berstatus '{renstra.get_status_display()}'."]
        judul = f"{aksi.label}: {renstra}?"
        return konfirmasi(request, renja, judul, aksi.akibat, aksi.label, ditolak, self.kembali(renja))

    def post(self, request, *args, **kwargs):
        aksi, renja = self.aksi(), self.get_renja()
        try:
            pesan = alur.jalankan_renstra(
                lembar.renstra_renja(renja), request.user, aksi.kunci, request.POST.get("alasan", "")
            )
        except alur.AksiDitolak as error:
            _pesan(request, error.pesan)
        else:
            messages.success(request, pesan)
        return redirect(self.kembali(renja))
