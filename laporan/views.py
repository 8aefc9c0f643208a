from collections import Counter

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.generic import TemplateView

from evaluasi.periksa import periksa_renja
from laporan.builders import BUILDERS, JUDUL, evaluasi_hasil_renja, kinerja_pelayanan
from laporan.builders.kota import ringkasan_kota
from laporan.dokumen import susun_dokumen
from laporan.grafik import grafik_batang
from laporan.pdf import tulis_pdf
from laporan.xlsx import tulis_xlsx
from renja import akses
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
            "tabel_list": list(JUDUL.items()),
            "triwulan": range(1, 5),
        }
        return {**super().get_context_data(**kwargs), **context}


class LaporanView(RenjaMixin, TemplateView):
    """A report page; with ``format`` pdf or xlsx in the URL the same rows are downloaded.
    Subclasses give ``laporan(renja)`` → context with ``daftar_tabel`` (and ``dokumen``)."""

    nama_berkas = ""
    url_name = ""

    def url_unduh(self, fmt):
        kwargs = {k: v for k, v in self.kwargs.items() if k != "format"}
        return reverse(f"laporan:{self.url_name}-unduh", kwargs={**kwargs, "format": fmt})

    def get_context_data(self, **kwargs):
        renja = self.get_renja()
        kertas = self.request.GET.get("kertas", "a4")
        context = {
            "renja": renja,
            "kertas": kertas if kertas in ("a4", "f4") else "a4",
            "kepala_halaman": f"Renja {renja.opd.nama} Tahun {renja.tahun}",
            "judul_pendek": renja.opd.pemda.nama,
            **self.laporan(renja),
        }
        pdf, xlsx = self.url_unduh("pdf"), self.url_unduh("xlsx")
        jendela = "jendela=renstra&" if self.opsi_pelayanan() else ""
        context["unduhan"] = [
            (f"{pdf}?{jendela}kertas=a4", "PDF (A4)"),
            (f"{pdf}?{jendela}kertas=f4", "PDF (F4)"),
            (f"{xlsx}?{jendela}".rstrip("?&"), "Excel (XLSX)"),
        ]
        return {**super().get_context_data(**kwargs), **context}

    def opsi_pelayanan(self):
        """Tabel 2.2 shows n-2…n+1 as in the regulation, or with ?jendela=renstra the whole Renstra."""
        return {"tahun": "renstra"} if self.request.GET.get("jendela") == "renstra" else {}

    def render_to_response(self, context, **response_kwargs):
        fmt = self.kwargs.get("format")
        if fmt is None:
            return super().render_to_response(context, **response_kwargs)
        renja = context["renja"]
        name = f"renja-{renja.opd.singkatan.lower()}-{renja.tahun}-{self.nama_berkas}.{fmt}"
        if fmt == "xlsx":
            response = HttpResponse(tulis_xlsx(context["daftar_tabel"], context["kertas"]), content_type=XLSX)
        else:
            response = HttpResponse(tulis_pdf(context, self.request), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class TabelView(LaporanView):
    """One table of the document (``BUILDERS``), as HTML, PDF or XLSX."""

    template_name = "laporan/tabel.html"
    url_name = "tabel"

    def laporan(self, renja):
        builder = BUILDERS.get(self.kwargs["tabel"])
        if builder is None:
            raise Http404("Tabel tidak dikenal.")
        self.nama_berkas = self.kwargs["tabel"]
        tabel = builder(renja, **self.opsi_pelayanan()) if builder is kinerja_pelayanan else builder(renja)
        return {"tabel": tabel, "daftar_tabel": [tabel], "judul": tabel.judul}


class DokumenView(LaporanView):
    """The whole Renja document, Bab I–V."""

    template_name = "laporan/dokumen.html"
    url_name = "dokumen"
    nama_berkas = "dokumen"

    def laporan(self, renja):
        dokumen = susun_dokumen(renja, **self.opsi_pelayanan())
        return {"dokumen": dokumen, "daftar_tabel": dokumen.daftar_tabel, "judul": dokumen.judul}


class EvaluasiView(LaporanView):
    """The form "Evaluasi terhadap Hasil Renja" for one triwulan, as its own document."""

    template_name = "laporan/tabel.html"
    url_name = "evaluasi"

    def laporan(self, renja):
        triwulan = self.kwargs["triwulan"]
        if triwulan not in (1, 2, 3, 4):
            raise Http404("Triwulan tidak dikenal.")
        self.nama_berkas = f"evaluasi-tw{triwulan}"
        tabel = evaluasi_hasil_renja(renja, triwulan)
        return {"tabel": tabel, "daftar_tabel": [tabel], "judul": tabel.judul}


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
