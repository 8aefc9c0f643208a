from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from laporan import views as laporan_views
from laporan import views_impor
from renja import views

admin.site.site_header = "Administrasi Renja Perangkat Daerah"
admin.site.site_title = "Renja PD"
admin.site.index_title = "Data perencanaan"

urlpatterns = [
    path("", views.BerandaView.as_view(), name="beranda"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("review/<int:tahun>/", laporan_views.ReviewTahunView.as_view(), name="review-tahun"),
    path("review/<int:tahun>.<str:format>", laporan_views.ReviewTahunView.as_view(), name="review-tahun-unduh"),
    path("impor/", views_impor.ImporView.as_view(), name="impor"),
    path("impor/<int:pk>/", views_impor.PeriksaView.as_view(), name="impor-periksa"),
    path("impor/<int:pk>/terapkan/", views_impor.TerapkanView.as_view(), name="impor-terapkan"),
    path("impor/templat/<str:jenis>/<int:pk>.xlsx", views_impor.TemplatView.as_view(), name="impor-templat"),
    path("renja/", include("laporan.urls")),
    path("renja/", include("renja.urls")),
    path("admin/", admin.site.urls),
]
