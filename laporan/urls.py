from django.urls import path

from laporan import views

app_name = "laporan"

urlpatterns = [
    path("<str:opd>/<int:tahun>/", views.RenjaDetailView.as_view(), name="renja"),
    path("<str:opd>/<int:tahun>/tabel/<slug:tabel>/", views.TabelView.as_view(), name="tabel"),
]
