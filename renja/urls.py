from django.urls import path

from renja import views

app_name = "renja"

RUANG_KERJA = "<str:opd>/<int:tahun>/ruang-kerja/"

urlpatterns = [
    path("<str:opd>/<int:tahun>/tahun-berikut/", views.TahunBerikutView.as_view(), name="tahun-berikut"),
    path(RUANG_KERJA + "simpan/", views.SimpanView.as_view(), name="simpan"),
    path(RUANG_KERJA + "komentar/status/", views.StatusKomentarView.as_view(), name="komentar-status"),
    path(RUANG_KERJA + "komentar/<str:objek>/<int:pk>/", views.KomentarView.as_view(), name="komentar"),
    path(RUANG_KERJA + "perubahan/", views.PerubahanView.as_view(), name="perubahan"),
    path(RUANG_KERJA + "nomenklatur/", views.NomenklaturView.as_view(), name="nomenklatur"),
    path(RUANG_KERJA + "<slug:aksi>/", views.StrukturView.as_view(), name="struktur"),
    path(RUANG_KERJA + "riwayat/<str:objek>/<int:pk>/", views.RiwayatView.as_view(), name="riwayat"),
]
