"""Start the first Renstra and Renja of an OPD that has none (a new OPD): a form with the
Renstra's period and the Renja's year; the OPD's planner or an admin of its Pemda posts it
(``renja.tahun_baru.mulai_renja_pertama``). Next years start from the home page instead."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from kerja.views.alur import SESUDAHNYA_RANWAL
from renja import akses, dari_ranwal, tahun_baru
from renja.galat import SimpanGagal
from renja.models import PerangkatDaerah


class Tahun(forms.IntegerField):
    """A year 2000–2100; a refusal names the field and the value typed."""

    def __init__(self, label):
        super().__init__(label=label, min_value=2000, max_value=2100)

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError:
            raise forms.ValidationError(f"{self.label}: '{value}' bukan tahun antara 2000 dan 2100.") from None


class MulaiForm(forms.Form):
    tahun_awal = Tahun("Tahun awal Renstra")
    tahun_akhir = Tahun("Tahun akhir Renstra")
    tahun = Tahun("Tahun Renja (n)")


def awal(request):
    """The form's first values: the year asked for (?tahun=), else next year; a five-year period from it."""
    try:
        tahun = int(request.GET["tahun"])
    except (KeyError, ValueError):
        tahun = date.today().year + 1
    return {"tahun": tahun, "tahun_awal": tahun, "tahun_akhir": tahun + tahun_baru.PERIODE_RENSTRA - 1}


class MulaiRenjaView(LoginRequiredMixin, View):
    """GET: the form; POST: start the Renstra and the Renja, then open the Renja's page."""

    def get_opd(self):
        opd = get_object_or_404(
            PerangkatDaerah.objects.for_user(self.request.user), singkatan__iexact=self.kwargs["opd"]
        )
        if not akses.boleh_mulai(self.request.user, opd):
            raise PermissionDenied("Hanya perencana Perangkat Daerah ini atau admin Pemda yang memulai Renstra-nya.")
        return opd

    def tampil(self, request, opd, form, ditolak=()):
        return render(request, "kerja/mulai_renja.html", {"opd": opd, "form": form, "ditolak": ditolak})

    def get(self, request, *args, **kwargs):
        return self.tampil(request, self.get_opd(), MulaiForm(initial=awal(request)))

    def post(self, request, *args, **kwargs):
        opd = self.get_opd()
        form = MulaiForm(request.POST)
        if not form.is_valid():
            return self.tampil(request, opd, form)
        try:
            renja = tahun_baru.mulai_renja_pertama(opd, request.user, **form.cleaned_data)
        except SimpanGagal as error:
            return self.tampil(request, opd, form, error.pesan)
        pesan = (
            f"Renstra {opd.singkatan} {renja.renstra.tahun_awal}–{renja.renstra.tahun_akhir} (draf) dan {renja} "
            "yang masih kosong telah dibuat. Isi Renstra, ruang kerja, narasi dan tabel-tabelnya, lalu ajukan."
        )
        if dari_ranwal.ada_ranwal(opd.pk, renja.tahun):
            pesan += " " + SESUDAHNYA_RANWAL.format(tahun=renja.tahun)
        messages.success(request, pesan)
        return redirect("laporan:renja", opd.singkatan, renja.tahun)
