from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.masuk import GantiSandiView
from kerja import urls as kerja_urls
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
    path("renja/", include("laporan.urls")),
    path("renja/", include("kerja.urls")),
    path("admin/", admin.site.urls),
]
