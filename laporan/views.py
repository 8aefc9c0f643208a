from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from evaluasi.periksa import periksa_renja
from laporan.builders import BUILDERS
from renja.models import Renja


class RenjaMixin(LoginRequiredMixin):
    """The Renja in the URL, only if the user may see its OPD (else 404, not revealing it exists)."""

    def get_renja(self):
        return get_object_or_404(
            Renja.objects.for_user(self.request.user).select_related("opd__pemda", "renstra"),
            opd__singkatan__iexact=self.kwargs["opd"],
            tahun=self.kwargs["tahun"],
        )


class RenjaDetailView(RenjaMixin, TemplateView):
    template_name = "laporan/renja.html"

    def get_context_data(self, **kwargs):
        renja = self.get_renja()
        context = {
            "renja": renja,
            "ringkasan": renja.ringkasan(),
            "temuan": periksa_renja(renja),
            "tabel_list": TABEL_LIST,
        }
        return {**super().get_context_data(**kwargs), **context}


class TabelView(RenjaMixin, TemplateView):
    template_name = "laporan/tabel.html"

    def get_context_data(self, **kwargs):
        builder = BUILDERS.get(self.kwargs["tabel"])
        if builder is None:
            raise Http404("Tabel tidak dikenal.")
        renja = self.get_renja()
        return {**super().get_context_data(**kwargs), "renja": renja, "tabel": builder(renja)}


TABEL_LIST = [
    (
        "evaluasi-renja-lalu",
        "Tabel 2.1 – Rekapitulasi Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra (T-C.29)",
    ),
    ("rumusan-rencana", "Tabel 3.3 – Rumusan Rencana Program, Kegiatan dan Sub Kegiatan dan Prakiraan Maju (T-C.33)"),
]
