"""The document's identity pages (renja.identitas holds the rules):

- ``IdentitasView``: the planner of the OPD enters the place, date and Kepala OPD of a Renja
  while it is open; everyone who may see the Renja reads them.
- ``PeraturanView``: Bappeda enters the Peraturan/Keputusan of a finalised Renja.
- ``PemdaIdentitasView``: the admin of a Pemda uploads its logo and names its Bappeda OPD.
- ``LogoView``: the logo as PNG, for whoever may see the Pemda.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import http_date
from django.views import View

from renja import akses, identitas
from renja.galat import SimpanGagal
from renja.models import LogoPemda, Pemda, PerangkatDaerah, PeraturanRenja, Renja
from renja.teks import bersihkan_nip
from renja.views import RenjaMixin

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IdentitasForm(forms.ModelForm):
    class Meta:
        model = Renja
        fields = ["tempat", "tanggal", "kepala_nama", "kepala_nip", "kepala_pangkat", "kepala_jabatan"]
        labels = {
            "tempat": "Tempat (kota penandatanganan)",
            "tanggal": "Tanggal",
            "kepala_nama": "Nama Kepala Perangkat Daerah (dengan gelar)",
            "kepala_nip": "NIP (18 angka)",
            "kepala_pangkat": "Pangkat/golongan",
            "kepala_jabatan": "Jabatan",
        }
        widgets = {"tanggal": TANGGAL}

    kepala_nip = forms.CharField(label="NIP (18 angka)", required=False, max_length=30)

    def clean_kepala_nip(self):
        value = self.cleaned_data["kepala_nip"]
        try:
            return bersihkan_nip(value)
        except ValueError as e:
            raise forms.ValidationError(f"{e}: '{value}'.") from None


class PeraturanForm(forms.ModelForm):
    class Meta:
        model = PeraturanRenja
        fields = ["jenis", "nomor", "tanggal"]
        labels = {"jenis": "Jenis produk hukum", "nomor": "Nomor", "tanggal": "Tanggal penetapan"}
        widgets = {"tanggal": TANGGAL}


class LogoForm(forms.Form):
    logo = forms.FileField(label="Logo (PNG atau JPEG, paling besar 1 MB dan 2000 piksel per sisi)", required=False)
    bappeda = forms.ModelChoiceField(
        PerangkatDaerah.objects.none(),
        label="Bappeda (Kepalanya menandatangani formulir evaluasi)",
        required=False,
        empty_label="– belum ditentukan –",
    )


def _awal(renja):
    """A Renja whose Kepala is not entered yet (one made in the admin) is offered the OPD's
    current Kepala, to confirm with Simpan."""
    kepala = renja.opd.kepala()
    return {k: v for k, v in kepala.items() if not getattr(renja, k) and v}


def _halaman_identitas(request, renja, form=None, form_peraturan=None, status=200):
    penetapan = identitas.penetapan_terakhir(renja)
    peraturan = getattr(penetapan, "peraturan", None) if penetapan else None
    boleh_ubah = renja.terbuka and akses.boleh_ubah(request.user, renja)
    boleh_peraturan = penetapan is not None and akses.boleh_review(request.user, renja)
    context = {
        "renja": renja,
        "form": form or IdentitasForm(instance=renja, initial=_awal(renja)),
        "boleh_ubah": boleh_ubah,
        "alasan_terkunci": None if renja.terbuka else f"Renja berstatus '{renja.get_status_display()}'.",
        "penetapan": penetapan,
        "peraturan": peraturan,
        "boleh_peraturan": boleh_peraturan,
        "form_peraturan": form_peraturan or PeraturanForm(instance=peraturan),
        "riwayat_peraturan": list(peraturan.history.select_related("history_user")[:20]) if peraturan else [],
    }
    return render(request, "kerja/identitas.html", context, status=status)


class IdentitasView(RenjaMixin, View):
    def get(self, request, *args, **kwargs):
        return _halaman_identitas(request, self.get_renja())

    def post(self, request, *args, **kwargs):
        renja = self.get_renja()
        if not akses.boleh_ubah(request.user, renja):
            raise PermissionDenied("Anda tidak berhak mengubah Renja ini.")
        form = IdentitasForm(request.POST, instance=Renja.objects.get(pk=renja.pk))
        if not form.is_valid():
            return _halaman_identitas(request, renja, form=form, status=400)
        try:
            identitas.simpan_identitas(request.user, renja, form.cleaned_data)
        except SimpanGagal as error:
            for pesan in error.pesan:
                messages.error(request, pesan)
        else:
            messages.success(request, "Identitas dokumen disimpan.")
        return redirect("kerja:identitas", renja.opd.singkatan, renja.tahun)


class PeraturanView(RenjaMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        renja = self.get_renja()
        if not akses.boleh_review(request.user, renja):
            raise PermissionDenied("Hanya Bappeda yang mengisi nomor Peraturan/Keputusan penetapan Renja.")
        form = PeraturanForm(request.POST)
        if not form.is_valid():
            return _halaman_identitas(request, renja, form_peraturan=form, status=400)
        try:
            identitas.simpan_peraturan(request.user, renja, form.cleaned_data)
        except SimpanGagal as error:
            for pesan in error.pesan:
                messages.error(request, pesan)
        else:
            messages.success(request, "Nomor dan tanggal Peraturan/Keputusan disimpan.")
        return redirect("kerja:identitas", renja.opd.singkatan, renja.tahun)


class PemdaIdentitasView(LoginRequiredMixin, View):
    """The Pemda's logo and Bappeda: for its admins only (akses.pemda_impor)."""

    def pemda(self, request):
        pemda = get_object_or_404(Pemda.objects.select_related("bappeda"), pk=self.kwargs["pk"])
        if not akses.pemda_impor(request.user).filter(pk=pemda.pk).exists():
            raise PermissionDenied("Hanya admin Pemda yang mengatur logo dan Bappeda-nya.")
        return pemda

    def form(self, pemda, data=None, files=None):
        form = LogoForm(data, files, initial={"bappeda": pemda.bappeda_id})
        form.fields["bappeda"].queryset = PerangkatDaerah.objects.filter(pemda=pemda)
        return form

    def halaman(self, request, pemda, form, status=200):
        logo = LogoPemda.objects.filter(pemda=pemda).only("pk", "pemda", "lebar", "tinggi", "diunggah").first()
        context = {"pemda": pemda, "form": form, "logo": logo}
        return render(request, "kerja/identitas_pemda.html", context, status=status)

    def get(self, request, *args, **kwargs):
        pemda = self.pemda(request)
        return self.halaman(request, pemda, self.form(pemda))

    def post(self, request, *args, **kwargs):
        pemda = self.pemda(request)
        if request.POST.get("aksi") == "hapus-logo":
            ada = identitas.hapus_logo(request.user, pemda)
            messages.success(request, "Logo dihapus; sampul dokumen dicetak tanpa logo." if ada else "Belum ada logo.")
            return redirect("identitas-pemda", pemda.pk)
        form = self.form(pemda, request.POST, request.FILES)
        if not form.is_valid():
            return self.halaman(request, pemda, form, status=400)
        berkas = form.cleaned_data["logo"]
        if berkas:
            try:
                identitas.simpan_logo(request.user, pemda, berkas.read(identitas.BATAS_BYTE + 1), berkas.name)
            except SimpanGagal as error:
                for pesan in error.pesan:
                    form.add_error("logo", pesan)
                return self.halaman(request, pemda, form, status=400)
            messages.success(request, "Logo disimpan.")
        bappeda = form.cleaned_data["bappeda"]
        if bappeda != pemda.bappeda:
            Pemda.objects.filter(pk=pemda.pk).update(bappeda=bappeda)
            messages.success(request, f"Bappeda: {bappeda or 'belum ditentukan'}.")
        return redirect("identitas-pemda", pemda.pk)


class LogoView(LoginRequiredMixin, View):
    """The logo as PNG for whoever may see the Pemda; cached by the browser (the page's URL
    carries the upload time, so a new logo has a new URL)."""

    def get(self, request, pk):
        if not identitas.boleh_lihat_pemda(request.user, pk):
            raise Http404("Logo tidak ditemukan.")
        logo = LogoPemda.objects.filter(pemda=pk).values_list("png", "diunggah").first()
        if logo is None:
            raise Http404("Pemda ini belum mempunyai logo.")
        response = HttpResponse(bytes(logo[0]), content_type="image/png")
        response["Cache-Control"] = "private, max-age=86400"
        response["Last-Modified"] = http_date(logo[1].timestamp())
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Disposition"] = 'inline; filename="logo.png"'
        return response
