"""The import pages for admins: upload a spreadsheet (an OPD's realisasi or rancangan awal, a
Pemda's list of OPDs or users), read the dry run of every row, then apply it all at once (or
cancel); download the template workbooks."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import FormView, TemplateView

from laporan import tugas
from laporan.impor import (
    JENIS,
    JUDUL_JENIS,
    PEMDA,
    ringkas,
    tempat_tampil,
    terapkan_uji,
)
from laporan.models import Berkas
from laporan.templat import templat, templat_pemda, templat_renja, templat_renstra
from renja import akses, impor_sipd
from renja.berkas import BATAS_UKURAN, BerkasTidakSah
from renja.models import Impor, Pemda, PerangkatDaerah, Renja, UnggahanImpor

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AdminImporMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not akses.boleh_impor(request.user):
            raise PermissionDenied("Halaman impor hanya untuk admin.")
        return super().dispatch(request, *args, **kwargs)


class UnggahForm(forms.Form):
    jenis = forms.ChoiceField(choices=list(JUDUL_JENIS.items()), label="Jenis")
    pemda = forms.ModelChoiceField(
        Pemda.objects.none(), label="Pemda", required=False, help_text="Untuk daftar Perangkat Daerah dan pengguna."
    )
    opd = forms.ModelChoiceField(
        PerangkatDaerah.objects.none(), label="Perangkat Daerah", required=False, help_text="Untuk jenis lainnya."
    )
    tahun = forms.IntegerField(
        label="Tahun realisasi",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=(
            "Untuk realisasi: hanya bila berkas tidak menyebut tahunnya. Untuk rancangan awal: tahun RKPD (wajib). "
            "Untuk riwayat Tabel 2.1: tahun Renja n (wajib). "
            "Untuk Renja: tahun n, bila judul kolom berkas tidak menyebutnya. "
            "Untuk SIPD-RI: tahun Renja, bila berkas tidak menyebutnya. "
            "Untuk Renstra: tahun awal periode, bila judul kolom tidak menyebut tahun."
        ),
    )
    berkas = forms.FileField(label="Berkas (.xlsx atau .csv; .json untuk SIPD-RI; paling besar 10 MB)")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = akses.opd_impor(user)
        self.fields["pemda"].queryset = akses.pemda_impor(user)
        if len(self.fields["pemda"].queryset) == 1:
            self.fields["pemda"].initial = self.fields["pemda"].queryset[0]

    def clean(self):
        data = super().clean()
        if data.get("jenis") in JENIS:
            field = "pemda" if JENIS[data["jenis"]].lingkup == PEMDA else "opd"
            if not data.get(field):
                self.add_error(field, f"Pilih {self.fields[field].label} untuk jenis impor ini.")
            data["opd" if field == "pemda" else "pemda"] = None
        return data

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > BATAS_UKURAN:
            raise forms.ValidationError("Berkas terlalu besar (paling besar 10 MB).")
        json = self.cleaned_data.get("jenis") == "sipd"
        if json and not berkas.name.lower().endswith(".json"):
            raise forms.ValidationError("Untuk data SIPD-RI, unggah berkas .json yang diunduh dari SIPD-RI.")
        if not json and not berkas.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Unggah berkas .xlsx atau .csv. Berkas .json hanya untuk data SIPD-RI.")
        return berkas


def tertunda(user):
    """The uploads ``user`` may see that wait for apply or cancel, each with the state of its
    latest job, the dry run or the apply (``uji_jenis``, ``uji_status``, ``uji_label``,
    ``uji_selesai``, ``uji_jumlah``), newest first."""
    job = Berkas.objects.filter(unggahan=OuterRef("pk")).order_by("-dibuat", "-pk")
    uploads = (
        UnggahanImpor.objects.filter(_boleh(user))
        .defer("data")
        .select_related("opd", "pemda", "oleh")
        .annotate(**{f"uji_{f}": Subquery(job.values(f)[:1]) for f in ("status", "selesai", "jumlah")})
        .annotate(uji_jenis=Subquery(job.values("opsi__jenis")[:1]))
    )
    uploads, labels = list(uploads), dict(Berkas.Status.choices)
    for u in uploads:
        u.uji_label, u.judul_jenis = labels.get(u.uji_status, "Belum diperiksa"), JUDUL_JENIS[u.jenis]
        if u.uji_jenis == "simpan-impor":
            u.uji_label = f"Penyimpanan: {u.uji_label.lower()}"
    return uploads


class ImporView(AdminImporMixin, FormView):
    template_name = "kerja/impor.html"
    form_class = UnggahForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        """The next step linked from the onboarding page preselects its kind, OPD and year."""
        return {k: v for k in ("jenis", "opd", "pemda", "tahun") if (v := self.request.GET.get(k))}

    def form_valid(self, form):
        data = form.cleaned_data
        unggahan = UnggahanImpor.objects.create(
            jenis=data["jenis"],
            opd=data["opd"],
            pemda=data["pemda"],
            tahun=data["tahun"],
            nama_berkas=data["berkas"].name[:255],
            data=data["berkas"].read(),
            oleh=self.request.user,
        )
        tugas.minta_uji(unggahan, self.request.user)  # the worker starts on the dry run at once
        return redirect("impor-periksa", unggahan.pk)

    def get_context_data(self, **kwargs):
        opd, pemda = akses.opd_impor(self.request.user), akses.pemda_impor(self.request.user)
        riwayat = Impor.objects.filter(Q(opd__in=opd) | Q(pemda__in=pemda)).select_related("opd", "pemda", "oleh")
        context = {
            "tertunda": tertunda(self.request.user),
            "riwayat": riwayat[:20],
            "renja": Renja.objects.filter(opd__in=opd).select_related("opd", "renstra").order_by("-tahun", "opd__kode"),
            "tempat": {j: tempat_tampil(j, "n") for j in ("kinerja", "anggaran")},
            "daftar_pemda": pemda,
        }
        return {**super().get_context_data(**kwargs), **context}


def _boleh(user):
    """The uploads ``user`` may see: those for an OPD or a Pemda into which they may import."""
    return Q(opd__in=akses.opd_impor(user)) | Q(pemda__in=akses.pemda_impor(user))


def _unggahan(request, pk, data=False):
    uploads = UnggahanImpor.objects.filter(_boleh(request.user)).select_related("opd__pemda", "pemda")
    return get_object_or_404(uploads if data else uploads.defer("data"), pk=pk)


def _pekerjaan(unggahan):
    """The dry-run job and the apply job of ``unggahan`` (each None when there is none)."""
    jobs = {b.opsi.get("jenis"): b for b in unggahan.pekerjaan.all()}
    return jobs.get("uji-impor"), jobs.get("simpan-impor")


class PeriksaView(AdminImporMixin, TemplateView):
    """The dry run of an upload ("Pratinjau impor"), made by a worker (``tugas.minta_uji``):
    its progress while it runs (the admin may leave and come back), then every value with what
    the import would do, runs of empty values folded into one line. Once "Simpan" was pressed,
    the progress of the apply (``tugas.minta_simpan``); when that is done, the upload is
    forgotten and the admin sent to the import page with its outcome (when nothing was kept,
    the dry run is made again against the database as it is now)."""

    template_name = "kerja/impor_periksa.html"

    def get(self, request, *args, **kwargs):
        unggahan = _unggahan(request, kwargs["pk"])
        tugas.pulihkan(unggahan.pekerjaan.all())  # a job whose worker was killed: again, or failed
        uji, simpan = _pekerjaan(unggahan)
        if simpan and simpan.siap:
            hasil = tugas.hasil_uji(simpan)
            tugas.hapus(unggahan.pekerjaan.all())
            if "galat" not in hasil:
                unggahan.delete()
                messages.success(request, hasil["pesan"])
                return redirect("impor")
            messages.error(request, hasil["galat"])
            simpan = None  # nothing was kept: the dry run again, below
        berkas = simpan or tugas.minta_uji(unggahan, request.user)
        context = {"unggahan": unggahan, "judul_jenis": JUDUL_JENIS[unggahan.jenis], "berkas": berkas}
        if simpan:
            context["menyimpan"] = True
        elif berkas.siap:
            context["hasil"] = tugas.hasil_uji(berkas)
        return self.render_to_response(self.get_context_data(**kwargs, **context))


class TerapkanView(AdminImporMixin, View):
    """POST: apply the upload in one transaction (or nothing), as read in its finished dry run:
    by a worker (``tugas.minta_simpan``; its progress and outcome on the upload's page), or, for
    a kind that is ``segera`` (the list of users), in this request. The file is read and checked
    again against the database as it is now; when that finds other counts than the dry run the
    admin read, nothing is kept and the dry run is made again. The one-time passwords of new
    users are on the answer to this POST alone (not stored, not in a message that would sit in
    the session, not cacheable)."""

    def post(self, request, pk):
        unggahan = _unggahan(request, pk, data=True)
        jobs = unggahan.pekerjaan.all()
        if "batal" in request.POST:
            tugas.hapus(jobs)
            unggahan.delete()
            messages.info(request, "Impor dibatalkan; tidak ada yang disimpan.")
            return redirect("impor")
        uji, simpan = _pekerjaan(unggahan)
        if uji is None or not uji.siap:
            messages.error(request, "Pratinjau impor belum selesai; tunggu sampai selesai, lalu simpan.")
            return redirect("impor-periksa", pk)
        hasil = tugas.hasil_uji(uji)
        dibaca, kosongkan = hasil.get("ringkasan", {}), False
        if hasil.get("galat"):
            kosongkan = request.POST.get("kosongkan") == "1" and hasil.get("dapat_dikosongkan") == hasil["galat"]
            if not kosongkan:
                messages.error(request, _tolak_galat(hasil))
                return redirect("impor-periksa", pk)
        if not JENIS[unggahan.jenis].segera:
            tugas.minta_simpan(unggahan, request.user, dibaca, kosongkan)
            return redirect("impor-periksa", pk)
        try:
            impor = terapkan_uji(unggahan, request.user, dibaca)
        except BerkasTidakSah as error:  # DataBerubah too
            tugas.hapus(jobs)  # the page checks again against the database as it is now
            messages.error(request, str(error))
            return redirect("impor-periksa", pk)
        tugas.hapus(jobs)
        unggahan.delete()
        sandi = getattr(impor, "sandi_sekali", None)
        if not sandi:
            messages.success(request, ringkas(impor))
            return redirect("impor")
        response = render(
            request, "kerja/impor_sandi.html", {"impor": impor, "ringkas": ringkas(impor), "sandi": sandi}
        )
        response["Cache-Control"] = "no-store"
        return response


def _tolak_galat(hasil):
    """Why a dry run with errors is not saved: the confirmation to leave its unreadable cells
    empty was not given, or some error is not such a cell."""
    if hasil.get("dapat_dikosongkan") == hasil["galat"]:
        return (
            f"{hasil['galat']} sel tak terbaca, tidak ada yang disimpan. Centang persetujuan untuk mengosongkannya "
            "(dicatat sebagai temuan), atau perbaiki berkas lalu unggah lagi."
        )
    return f"Masih ada {hasil['galat']} galat, tidak ada yang disimpan. Perbaiki berkas lalu unggah lagi."


class TemplatView(AdminImporMixin, View):
    """The template workbook of a kind for the OPD of a Renja: realisasi TW I–IV of the Renja's
    year n (its monev), or with ``?tahun=`` n-1 (the year Renja n evaluates); its Tabel 2.1
    history (riwayat); the Renja of year n itself (renja); the Renstra it follows (renstra)."""

    def get(self, request, jenis, pk):
        if jenis not in ("kinerja", "anggaran", "riwayat", "renja", "renstra"):
            raise PermissionDenied
        renja = get_object_or_404(
            Renja.objects.select_related("opd", "renstra__opd"), pk=pk, opd__in=akses.opd_impor(request.user)
        )
        opd = renja.opd.singkatan.lower()
        if jenis == "renstra":
            r = renja.renstra
            data, nama = templat_renstra(r), f"templat-renstra-{opd}-{r.tahun_awal}-{r.tahun_akhir}.xlsx"
        elif jenis == "renja":
            data, nama = templat_renja(renja), f"templat-renja-{opd}-{renja.tahun}.xlsx"
        elif jenis == "riwayat":
            data, nama = templat(jenis, renja), f"templat-riwayat-tabel-2-1-{opd}-{renja.tahun}.xlsx"
        else:
            tahun = request.GET.get("tahun", str(renja.tahun))
            if tahun not in (str(renja.tahun), str(renja.tahun - 1)):
                raise Http404("Templat tersedia untuk tahun Renja atau tahun sebelumnya.")
            data, nama = templat(jenis, renja, int(tahun)), f"templat-realisasi-{jenis}-{opd}-{tahun}.xlsx"
        response = HttpResponse(data, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{nama}"'
        return response


class TemplatPemdaView(AdminImporMixin, View):
    """The template workbook of a Pemda's list of OPDs or users, holding what it has now."""

    def get(self, request, jenis, pk):
        if jenis not in ("opd", "pengguna"):
            raise PermissionDenied
        pemda = get_object_or_404(akses.pemda_impor(request.user), pk=pk)
        response = HttpResponse(templat_pemda(jenis, pemda), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="templat-{jenis}-{pemda.kode}.xlsx"'
        return response


class TemplatSipdView(AdminImporMixin, View):
    """The sipd kind's template: the Renja's sub kegiatan as SIPD-RI's JSON rows."""

    def get(self, request, pk):
        renja = get_object_or_404(Renja.objects.select_related("opd"), pk=pk, opd__in=akses.opd_impor(request.user))
        data = json.dumps(impor_sipd.contoh(renja), ensure_ascii=False, indent=1)
        response = HttpResponse(data, content_type="application/json; charset=utf-8")
        nama = f"contoh-sipd-{renja.opd.singkatan.lower()}-{renja.tahun}.json"
        response["Content-Disposition"] = f'attachment; filename="{nama}"'
        return response
