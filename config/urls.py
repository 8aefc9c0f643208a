from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.masuk import GantiSandiView
from kerja import urls as kerja_urls
from laporan import berkas_views
from laporan import views as laporan_views

admin.site.site_header = "Administrasi Renja Perangkat Daerah"
admin.site.site_title = "Renja PD"
admin.site.index_title = "Data perencanaan"

urlpatterns = [
    path("", include(kerja_urls.halaman)),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("ganti-sandi/", GantiSandiView.as_view(), name="ganti-sandi"),
    path("review/<int:tahun>/", laporan_views.ReviewTahunView.as_view(), name="review-tahun"),
    path("review/<int:tahun>.<str:format>", laporan_views.ReviewTahunView.as_view(), name="review-tahun-unduh"),
    path("review/<int:tahun>/cetak-semua/", berkas_views.CetakSemuaView.as_view(), name="review-cetak-semua"),
    path("berkas/<int:pk>/", berkas_views.BerkasView.as_view(), name="berkas"),
    path("berkas/<int:pk>/status/", berkas_views.BerkasStatusView.as_view(), name="berkas-status"),
    path("berkas/<int:pk>/unduh/", berkas_views.BerkasUnduhView.as_view(), name="berkas-unduh"),
    path("berkas/<int:pk>/ulang/", berkas_views.BerkasUlangView.as_view(), name="berkas-ulang"),
    path("renja/", include("laporan.urls")),
    path("renja/", include("kerja.urls")),
    path("admin/", admin.site.urls),
]
