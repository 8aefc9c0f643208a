from collections import Counter

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.generic import TemplateView

from evaluasi.periksa import periksa_renja
from laporan import berkas_views, unduhan
from laporan.builders import JUDUL
from laporan.builders.kota import ringkasan_kota
from laporan.builders.pohon import pohon_kinerja
from laporan.grafik import grafik_batang
from laporan.xlsx import tulis_xlsx
from renja import akses, dari_ranwal
from renja.models import Pemda, Renja
from renja.views import RenjaMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RenjaDetailView(RenjaMixin, TemplateView):
    template_name = "laporan/renja.html"

    def get_context_data(self, **kwargs):
        renja = self.get_renja()
        context = {
            "renja": renja,
            "ringkasan": renja.ringkasan(),
            "temuan": periksa_renja(renja),
            "riwayat_status": renja.riwayat_status(),
            "isi_ranwal": dari_ranwal.ditawarkan(renja, self.request.user),
            "tabel_list": list(JUDUL.items()),
            "triwulan": range(1, 5),
        }
        return {**super().get_context_data(**kwargs), **context}


class PohonKinerjaView(RenjaMixin, TemplateView):
    """The pohon kinerja of the Renja (``laporan.builders.pohon``): its pages as SVG, and the
    same tree as a nested list for who does not see the picture."""

    template_name = "laporan/pohon.html"

    def get_context_data(self, **kwargs):
        renja = self.get_renja()
        return {**super().get_context_data(**kwargs), "renja": renja, "pohon": pohon_kinerja(renja)}


class LaporanView(RenjaMixin, TemplateView):
    """A report page; with ``format`` pdf or xlsx in the URL the same rows are downloaded: a
    PDF or the document's workbook from the worker's cache (``berkas_views.unduh_renja``), a small
    workbook at once. Subclasses name their ``laporan`` (``unduhan.isi``)."""

    laporan = ""

    def url_unduh(self, fmt):
        kwargs = {k: v for k, v in self.kwargs.items() if k != "format"}
        return reverse(f"laporan:{self.laporan}-unduh", kwargs={**kwargs, "format": fmt})

    def get(self, request, *args, **kwargs):
        renja = self.get_renja()
        o = unduhan.periksa(unduhan.opsi(self.laporan, self.kwargs, request.GET))
        if o["format"] and unduhan.oleh_pekerja(o):
            return berkas_views.unduh_renja(request, renja, o)
        context = unduhan.isi(renja, o)
        if o["format"]:
            response = HttpResponse(tulis_xlsx(context["daftar_tabel"], context["kertas"]), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="{unduhan.nama(renja, o)}"'
            return response
        pdf, xlsx = self.url_unduh("pdf"), self.url_unduh("xlsx")
        jendela = "jendela=renstra&" if o["jendela"] else ""
        context["unduhan"] = [
            (f"{pdf}?{jendela}kertas=a4", "PDF (A4)"),
            (f"{pdf}?{jendela}kertas=f4", "PDF (F4)"),
            (f"{xlsx}?{jendela}".rstrip("?&"), "Excel (XLSX)"),
        ]
        return self.render_to_response(self.get_context_data(**context))


class TabelView(LaporanView):
    """One table of the document (``BUILDERS``), as HTML, PDF or XLSX."""

    template_name = "laporan/tabel.html"
    laporan = "tabel"


class DokumenView(LaporanView):
    """The whole Renja document, Bab I–V."""

    template_name = "laporan/dokumen.html"
    laporan = "dokumen"


class EvaluasiView(LaporanView):
    """The form "Evaluasi terhadap Hasil Renja" for one triwulan, as its own document."""

    template_name = "laporan/tabel.html"
    laporan = "evaluasi"


class ReviewTahunView(LoginRequiredMixin, TemplateView):
    """Bappeda's view of a year: every OPD's Renja with its status, pagu against the ceiling,
    Renstra capaian and predikat, open notes and (fetched per row by the page) the checker's
    findings; the pagu per sumber dana; charts; ``.xlsx`` downloads the two tables."""

    template_name = "laporan/review_tahun.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        if not akses.bappeda(user):
            raise PermissionDenied("Halaman ini untuk reviewer Bappeda.")
        if self.kwargs.get("format", "xlsx") != "xlsx":
            raise Http404("Format tidak dikenal.")
        tahun = self.kwargs["tahun"]
        daftar = (
            Renja.objects.filter(tahun=tahun, opd__in=akses.opd_review(user))
            .with_catatan_terbuka()
            .annotate(jumlah_sub=Count("sub_kegiatan"))
        )
        nama = ", ".join(Pemda.objects.filter(pk__in=daftar.values("opd__pemda")).values_list("nama", flat=True))
        kota = ringkasan_kota(tahun, daftar, nama)
        status = Counter(r.status for r in kota.renja)
        grafik_pagu = grafik_batang([(r.opd.singkatan, [r.pagu, r.plafon]) for r in kota.renja])
        grafik_predikat = grafik_batang([(kriteria, [n]) for _, kriteria, n in kota.predikat], lebar=260, x0=144)
        context = {
            "tahun": tahun,
            "kota": kota,
            "baris_opd": list(zip(kota.tabel_opd.baris, [*kota.renja, None], strict=True)),
            "status": [(label, status[value]) for value, label in Renja.Status.choices if status[value]],
            "status_pilihan": Renja.Status.choices,
            "grafik_pagu": grafik_pagu,
            "grafik_predikat": grafik_predikat,
            "keterangan_pagu": " (biru) dan plafon (abu-abu)" if any(r.plafon is not None for r in kota.renja) else "",
        }
        return {**super().get_context_data(**kwargs), **context}

    def render_to_response(self, context, **response_kwargs):
        if self.kwargs.get("format") != "xlsx":
            return super().render_to_response(context, **response_kwargs)
        response = HttpResponse(tulis_xlsx(context["kota"].daftar_tabel), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="renja-seluruh-opd-{context["tahun"]}.xlsx"'
        return response
