"""The pages of documents made by workers: the download that is served from the cache at once or
waits for its job, the job's page and JSON status (polled by ``static/js/berkas.js``), its
download, a retry, and Bappeda's "cetak semua". Every job is looked up through
``Berkas.objects.for_user``: a user who may not see its Renja gets "not found"."""

import hashlib
import mimetypes

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from laporan import tugas
from laporan.models import Berkas
from laporan.versi import versi_banyak
from renja import akses
from renja.models import Renja


def _file(berkas):
    """The job's file: a Renja's (a few MB at most) whole, the year's ZIP streamed."""
    if berkas.renja_id is None:
        return FileResponse(berkas.berkas.open("rb"), as_attachment=True, filename=berkas.nama)
    with berkas.berkas.open("rb") as f:
        response = HttpResponse(f.read(), content_type=mimetypes.guess_type(berkas.nama)[0])
    response["Content-Disposition"] = f'attachment; filename="{berkas.nama}"'
    return response


def _halaman(request, berkas, kembali, label, muat_ulang):
    context = {"berkas": berkas, "kembali": kembali, "label_kembali": label, "muat_ulang": muat_ulang}
    return render(request, "laporan/berkas.html", context, status=200 if berkas.siap else 202)


def unduh_renja(request, renja, o):
    """A worker-made download of ``renja``: the file if it is made for the Renja's content as it
    is now, else the waiting page of its job (enqueued if new)."""
    berkas = tugas.minta_renja(renja, o, request.user)
    if berkas.siap:
        return _file(berkas)
    kwargs = {"opd": renja.opd.singkatan, "tahun": renja.tahun}
    kwargs |= {"dokumen": {}, "tabel": {"tabel": o["tabel"]}, "evaluasi": {"triwulan": o["triwulan"]}}[o["laporan"]]
    kembali = reverse(f"laporan:{o['laporan']}", kwargs=kwargs)
    return _halaman(request, berkas, kembali, "Kembali ke halaman laporan", request.get_full_path())


class BerkasMixin(LoginRequiredMixin):
    def get_berkas(self):
        return get_object_or_404(Berkas.objects.for_user(self.request.user), pk=self.kwargs["pk"])


class BerkasView(BerkasMixin, View):
    """The page of one job: its progress, then its file (an import's dry run: its import page)."""

    def get(self, request, pk):
        berkas = self.get_berkas()
        if berkas.unggahan_id:
            return redirect("impor-periksa", berkas.unggahan_id)
        if berkas.renja_id:
            renja = berkas.renja
            kembali, label = reverse("laporan:renja", args=[renja.opd.singkatan, renja.tahun]), "Kembali ke Renja"
        else:
            kembali, label = reverse("review-tahun", args=[berkas.opsi["tahun"]]), "Kembali ke review tahunan"
        return _halaman(request, berkas, kembali, label, request.get_full_path())


class BerkasStatusView(View):
    """The job's state as JSON, for the page's polling; a stalled job is recovered first."""

    def get(self, request, pk):
        if not request.user.is_authenticated:
            return JsonResponse({"galat": "Silakan masuk terlebih dahulu."}, status=401)
        berkas = get_object_or_404(Berkas.objects.for_user(request.user), pk=pk)
        tugas.pulihkan(Berkas.objects.filter(pk=berkas.pk))
        berkas.refresh_from_db()
        return JsonResponse(
            {
                "status": berkas.status,
                "label": berkas.get_status_display(),
                "selesai": berkas.selesai,
                "jumlah": berkas.jumlah,
                "tahap": berkas.tahap,
                "pesan": berkas.pesan,
                "unduh": reverse("berkas-unduh", args=[berkas.pk]) if berkas.siap else None,
            }
        )


class BerkasUnduhView(BerkasMixin, View):
    def get(self, request, pk):
        berkas = self.get_berkas()
        if not berkas.siap or berkas.unggahan_id:  # a dry run is read on its import page
            return redirect("berkas", pk=berkas.pk)
        return _file(berkas)


class BerkasUlangView(BerkasMixin, View):
    """Try a failed job again."""

    def post(self, request, pk):
        berkas = self.get_berkas()
        tugas.ulangi(berkas)
        return redirect("berkas", pk=berkas.pk)


class CetakSemuaView(LoginRequiredMixin, View):
    """Bappeda: every Renja of the year of the user's Pemda (optionally of one status) as one ZIP,
    made by a worker (``laporan.cetak_semua``)."""

    def post(self, request, tahun):
        if not akses.bappeda(request.user):
            raise PermissionDenied("Cetak semua hanya untuk reviewer dan admin Bappeda.")
        status = request.POST.get("status", "")
        status = status if status in Renja.Status.values else ""
        pemda = akses.opd_review(request.user).values_list("pemda", flat=True).order_by("pemda").first()
        renja = Renja.objects.filter(tahun=tahun, opd__pemda=pemda, **({"status": status} if status else {}))
        renja = list(renja.select_related("opd"))
        if not renja:
            messages.warning(request, "Tidak ada Renja untuk dicetak pada tahun dan status itu.")
            return redirect("review-tahun", tahun=tahun)
        versi = versi_banyak(renja)  # any save, logo, Kepala Bappeda or Peraturan makes a new ZIP
        berkas = tugas.minta(
            f"cetak-semua/{pemda}/{tahun}/{status or 'semua'}",
            hashlib.sha256(versi.encode()).hexdigest(),
            nama=f"renja-seluruh-opd-{tahun}{'-' + status if status else ''}.zip",
            opsi={"jenis": "cetak-semua", "tahun": tahun, "status": status},
            pemda_id=pemda,
            oleh=request.user,
        )
        return redirect("berkas", pk=berkas.pk)
