"""The interactive screens. ``urlpatterns`` (namespace ``kerja``) sit under /renja/ beside the
document URLs of ``laporan``; ``halaman`` are the top-level pages."""

from django.urls import path

from kerja.views import alur, beranda, impor, monev, narasi, persiapan, review, ruang_kerja

app_name = "kerja"

RENJA = "<str:opd>/<int:tahun>/"
RUANG_KERJA = RENJA + "ruang-kerja/"
MONEV = RENJA + "monev/"

urlpatterns = [
    path(RUANG_KERJA, ruang_kerja.RuangKerjaView.as_view(), name="ruang-kerja"),
    path(RUANG_KERJA + "temuan/", ruang_kerja.TemuanView.as_view(), name="temuan"),
    path(RUANG_KERJA + "simpan/", ruang_kerja.SimpanView.as_view(), name="simpan"),
    path(RUANG_KERJA + "nomenklatur/", ruang_kerja.NomenklaturView.as_view(), name="nomenklatur"),
    path(RUANG_KERJA + "riwayat/<str:objek>/<int:pk>/", ruang_kerja.RiwayatView.as_view(), name="riwayat"),
    path(RUANG_KERJA + "komentar/status/", review.StatusKomentarView.as_view(), name="komentar-status"),
    path(RUANG_KERJA + "komentar/<str:objek>/<int:pk>/", review.KomentarView.as_view(), name="komentar"),
    path(RUANG_KERJA + "ajukan/", alur.AksiView.as_view(aksi="ajukan"), name="ajukan"),
    path(RUANG_KERJA + "putuskan/<slug:aksi>/", alur.KeputusanView.as_view(), name="putuskan"),
    path(RUANG_KERJA + "perubahan/", alur.AksiView.as_view(aksi="perubahan"), name="perubahan"),
    path(RUANG_KERJA + "<slug:aksi>/", ruang_kerja.StrukturView.as_view(), name="struktur"),
    path(MONEV, monev.MonevView.as_view(), name="monev"),
    path(MONEV + "simpan/", monev.SimpanMonevView.as_view(), name="monev-simpan"),
    path(MONEV + "<str:tw>/catatan/", monev.CatatanMonevView.as_view(), name="monev-catatan"),
    path(MONEV + "<str:tw>/buka-kembali/", monev.BukaKembaliView.as_view(), name="monev-buka-kembali"),
    path(MONEV + "<str:tw>/<slug:aksi>/", monev.AksiMonevView.as_view(), name="monev-aksi"),
    path(RENJA + "narasi/", narasi.NarasiView.as_view(), name="narasi"),
    path(RENJA + "tahun-berikut/", alur.TahunBerikutView.as_view(), name="tahun-berikut"),
    path(RENJA + "batalkan/", alur.BatalkanTahunBaruView.as_view(), name="batalkan-tahun-baru"),
]

halaman = [
    path("", beranda.BerandaView.as_view(), name="beranda"),
    path("monev/<int:tahun>/", monev.KotaView.as_view(), name="monev-kota"),
    path("monev/<int:tahun>/jadwal/", monev.JadwalView.as_view(), name="monev-jadwal"),
    path("impor/", impor.ImporView.as_view(), name="impor"),
    path("impor/<int:pk>/", impor.PeriksaView.as_view(), name="impor-periksa"),
    path("impor/<int:pk>/terapkan/", impor.TerapkanView.as_view(), name="impor-terapkan"),
    path("impor/templat/<str:jenis>/<int:pk>.xlsx", impor.TemplatView.as_view(), name="impor-templat"),
    path("impor/templat-pemda/<str:jenis>/<int:pk>.xlsx", impor.TemplatPemdaView.as_view(), name="impor-templat-pemda"),
    path("persiapan/", persiapan.PersiapanView.as_view(), name="persiapan"),
]
