from django.urls import path, register_converter

from laporan import views


class FormatConverter:
    regex = "pdf|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "format")

app_name = "laporan"

RENJA = "<str:opd>/<int:tahun>/"

urlpatterns = [
    path(RENJA, views.RenjaDetailView.as_view(), name="renja"),
    path(RENJA + "dokumen/", views.DokumenView.as_view(), name="dokumen"),
    path(RENJA + "dokumen.<format:format>", views.DokumenView.as_view(), name="dokumen-unduh"),
    path(RENJA + "pohon-kinerja/", views.PohonKinerjaView.as_view(), name="pohon-kinerja"),
    path(RENJA + "tabel/<slug:tabel>/", views.TabelView.as_view(), name="tabel"),
    path(RENJA + "tabel/<slug:tabel>.<format:format>", views.TabelView.as_view(), name="tabel-unduh"),
    path(RENJA + "evaluasi/tw<int:triwulan>/", views.EvaluasiView.as_view(), name="evaluasi"),
    path(RENJA + "evaluasi/tw<int:triwulan>.<format:format>", views.EvaluasiView.as_view(), name="evaluasi-unduh"),
]
