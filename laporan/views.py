from collections import Counter

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from anggaran.pagu import rollup_kode
from evaluasi.periksa import periksa_renja
from laporan.builders import BUILDERS, JUDUL, evaluasi_hasil_renja, kinerja_pelayanan
from laporan.builders.kota import ringkasan_kota
from laporan.builders.review import catatan_review, review_rkpd
from laporan.dokumen import susun_dokumen
from laporan.grafik import grafik_batang
from laporan.pdf import tulis_pdf
from laporan.xlsx import tulis_xlsx
from renja import review, ruang_kerja
from renja.models import Keanggotaan, Pemda, Renja
from renja.views import AksiRenjaView, JsonMixin, RenjaMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RenjaDetailView(RenjaMixin, TemplateView):
    template_name = "laporan/renja.html"

    def get_context_data(self, **kwargs):
        renja = self.get_renja()
        context = {
            "renja": renja,
            "ringkasan": renja.ringkasan(),
            "temuan": periksa_renja(renja),
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


# --------------------------------------------------------------------------- planner workspace
# The workspace pages live here, above evaluasi and anggaran, because they show the checker's
# findings and the pagu roll-ups next to the grid; the saving itself is renja.ruang_kerja.


def _temuan_json(temuan):
    return {
        "error": sum(t.memblokir for t in temuan),
        "peringatan": sum(not t.memblokir for t in temuan),
        "temuan": [
            {"tingkat": t.tingkat, "jenis": t.jenis, "lokasi": t.lokasi, "nilai": t.nilai, "pesan": t.pesan}
            for t in temuan
        ],
    }


class RuangKerjaView(RenjaMixin, TemplateView):
    """The planner's grid of a Renja; read-only for those who may see but not edit it."""

    template_name = "laporan/ruang_kerja.html"

    def get_context_data(self, **kwargs):
        renja = self.get_renja()
        grid = ruang_kerja.susun_grid(renja)
        total, total_maju = rollup_kode(grid.pagu), rollup_kode(grid.pagu_maju)
        grid.isi_total(total, total_maju)
        boleh = ruang_kerja.boleh_ubah(self.request.user, renja)
        temuan = periksa_renja(renja)
        penetapan = renja.penetapan.first()
        perbedaan = None
        if penetapan is not None and renja.status != renja.Status.DITETAPKAN:
            perbedaan = ruang_kerja.beda(penetapan.isi, ruang_kerja.potret(grid))
        context = {
            "renja": renja,
            "grid": grid,
            "kolom": ruang_kerja.kolom_grid(renja),
            "pilihan": ruang_kerja.pilihan_datalist(grid.pilihan),
            "boleh_ubah": boleh and renja.status in ruang_kerja.STATUS_TERBUKA,
            "boleh_ajukan": boleh,
            "boleh_review": review.boleh_review(self.request.user, renja),
            "total": ruang_kerja.tampil("pagu", total.get("")),
            "total_maju": ruang_kerja.tampil("pagu", total_maju.get("")),
            "temuan": _temuan_json(temuan),
            "penetapan": penetapan,
            "perbedaan": perbedaan,
            "catatan_review": catatan_review(review_rkpd(renja)),
        }
        return {**super().get_context_data(**kwargs), **context}


class TemuanView(JsonMixin, View):
    """The consistency checker's findings, refreshed by the workspace after each save."""

    def get(self, request, *args, **kwargs):
        return JsonResponse(_temuan_json(periksa_renja(self.get_renja())))


def penghalang(renja):
    """The blocking findings of ``renja`` as messages (for submission and decisions)."""
    return [f"{t.lokasi}: {t.pesan}" for t in periksa_renja(renja) if t.memblokir]


class AjukanView(AksiRenjaView):
    """Submit the Renja to Bappeda (draf/dikembalikan → diajukan) when no finding blocks it."""

    def aksi(self, request, renja):
        ruang_kerja.ajukan_ke_bappeda(renja, request.user, penghalang(renja))
        return f"{renja} telah diajukan ke Bappeda dan tidak dapat diubah selama direview."


class KeputusanView(AksiRenjaView):
    """Bappeda's decision on a Renja (kembalikan with ``alasan``, verifikasi, tetapkan).
    Verifikasi and tetapkan also need a Renja the checker finds no error in."""

    def aksi(self, request, renja):
        aksi = self.kwargs["aksi"]
        if aksi != "kembalikan" and review.boleh_review(request.user, renja):
            blocking = penghalang(renja)
            if blocking:
                raise ruang_kerja.SimpanGagal([{"pesan": f"Belum dapat di{aksi}: {p}"} for p in blocking])
        review.putuskan(renja, request.user, aksi, request.POST.get("alasan", ""))
        return f"{renja}: {renja.get_status_display().lower()}."


class ReviewTahunView(LoginRequiredMixin, TemplateView):
    """Bappeda's view of a year: every OPD's Renja with its status, pagu against the ceiling,
    Renstra capaian and predikat, open notes and (fetched per row by the page) the checker's
    findings; the pagu per sumber dana; charts; ``.xlsx`` downloads the two tables."""

    template_name = "laporan/review_tahun.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        pemda = Keanggotaan.objects.filter(user=user, peran__in=Keanggotaan.PERAN_SELURUH_PEMDA).values("pemda")
        if not user.is_superuser and not pemda.exists():
            raise PermissionDenied("Halaman ini untuk reviewer Bappeda.")
        if self.kwargs.get("format", "xlsx") != "xlsx":
            raise Http404("Format tidak dikenal.")
        tahun = self.kwargs["tahun"]
        daftar = Renja.objects.filter(tahun=tahun).with_catatan_terbuka().annotate(jumlah_sub=Count("sub_kegiatan"))
        if not user.is_superuser:
            daftar = daftar.filter(opd__pemda__in=pemda)
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
