"""The interactive screens. ``urlpatterns`` (namespace ``kerja``) sit under /renja/ beside the
document URLs of ``laporan``; ``halaman`` are the top-level pages."""

from django.urls import path

from kerja.views import (
    alur,
    beranda,
    bukti,
    daftar,
    identitas,
    impor,
    monev,
    mulai,
    narasi,
    pelayanan,
    persiapan,
    renstra,
    review,
    ruang_kerja,
)

app_name = "kerja"

RENJA = "<str:opd>/<int:tahun>/"
RUANG_KERJA = RENJA + "ruang-kerja/"
MONEV = RENJA + "monev/"
PELAYANAN = RENJA + "kinerja-pelayanan/"
TABEL_ISIAN = RENJA + "tabel-isian/<slug:tabel>/"
RENSTRA = RENJA + "renstra/"

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
    path(TABEL_ISIAN, daftar.DaftarView.as_view(), name="daftar"),
    path(TABEL_ISIAN + "simpan/", daftar.DaftarSimpanView.as_view(), name="daftar-simpan"),
    path(TABEL_ISIAN + "tambah/", daftar.DaftarTambahView.as_view(), name="daftar-tambah"),
    path(TABEL_ISIAN + "hapus/", daftar.DaftarHapusView.as_view(), name="daftar-hapus"),
    path(TABEL_ISIAN + "temuan/", daftar.DaftarTemuanView.as_view(), name="daftar-temuan"),
    path(RENSTRA, renstra.RenstraView.as_view(), name="renstra"),
    path(RENSTRA + "simpan/", renstra.SimpanRenstraView.as_view(), name="renstra-simpan"),
    path(RENSTRA + "riwayat/<str:objek>/<int:pk>/", renstra.RiwayatRenstraView.as_view(), name="renstra-riwayat"),
    path(RENSTRA + "status/<slug:aksi>/", renstra.AksiRenstraView.as_view(), name="renstra-aksi"),
    path(RENSTRA + "<slug:aksi>/", renstra.StrukturRenstraView.as_view(), name="renstra-struktur"),
    path(MONEV, monev.MonevView.as_view(), name="monev"),
    path(MONEV + "simpan/", monev.SimpanMonevView.as_view(), name="monev-simpan"),
    path(MONEV + "riwayat/<str:objek>/<int:pk>/", monev.RiwayatMonevView.as_view(), name="monev-riwayat"),
    path(MONEV + "<str:tw>/catatan/", monev.CatatanMonevView.as_view(), name="monev-catatan"),
    path(MONEV + "<str:tw>/buka-kembali/", monev.BukaKembaliView.as_view(), name="monev-buka-kembali"),
    path(MONEV + "<str:tw>/bukti/<int:indikator>/", bukti.BuktiView.as_view(), name="monev-bukti"),
    path(
        MONEV + "<str:tw>/bukti/<int:indikator>/<int:pk>/hapus/",
        bukti.HapusBuktiView.as_view(),
        name="monev-bukti-hapus",
    ),
    path(MONEV + "bukti-dukung/<int:pk>/unduh/", bukti.UnduhBuktiView.as_view(), name="monev-bukti-unduh"),
    path(MONEV + "<str:tw>/<slug:aksi>/", monev.AksiMonevView.as_view(), name="monev-aksi"),
    path(PELAYANAN, pelayanan.PelayananView.as_view(), name="pelayanan"),
    path(PELAYANAN + "simpan/", pelayanan.SimpanPelayananView.as_view(), name="pelayanan-simpan"),
    path(PELAYANAN + "<slug:aksi>/", pelayanan.StrukturPelayananView.as_view(), name="pelayanan-struktur"),
    path(RENJA + "narasi/", narasi.NarasiView.as_view(), name="narasi"),
    path(RENJA + "tahun-berikut/", alur.TahunBerikutView.as_view(), name="tahun-berikut"),
    path(RENJA + "batalkan/", alur.BatalkanTahunBaruView.as_view(), name="batalkan-tahun-baru"),
    path(RENJA + "dari-rancangan-awal/", alur.IsiRanwalView.as_view(), name="dari-ranwal"),
    path(RENJA + "identitas/", identitas.IdentitasView.as_view(), name="identitas"),
    path("<str:opd>/mulai/", mulai.MulaiRenjaView.as_view(), name="mulai-renja"),
    path(RENJA + "identitas/peraturan/", identitas.PeraturanView.as_view(), name="peraturan"),
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
    path("impor/templat/sipd/<int:pk>.json", impor.TemplatSipdView.as_view(), name="impor-templat-sipd"),
    path("persiapan/", persiapan.PersiapanView.as_view(), name="persiapan"),
    path("persiapan/pemda/<int:pk>/", identitas.PemdaIdentitasView.as_view(), name="identitas-pemda"),
    path("pemda/<int:pk>/logo.png", identitas.LogoView.as_view(), name="logo-pemda"),
]
