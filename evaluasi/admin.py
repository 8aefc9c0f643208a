from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from evaluasi import bukti
from evaluasi.models import (
    BukaKembali,
    BuktiDukung,
    CatatanMonev,
    JadwalMonev,
    LaporanTriwulan,
    PenjelasanTriwulan,
    RealisasiKinerja,
)


@admin.register(RealisasiKinerja)
class RealisasiKinerjaAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "periode", "nilai", "nilai_teks"]
    fields = [*list_display, "catatan"]
    list_filter = ["tahun", "periode", "indikator__sifat"]
    search_fields = ["indikator__nama", "indikator__sub_kegiatan__nomenklatur__kode"]
    raw_id_fields = ["indikator"]


@admin.register(JadwalMonev)
class JadwalMonevAdmin(SimpleHistoryAdmin):
    list_display = ["pemda", "tahun", "periode", "dibuka", "ditutup"]
    list_filter = ["tahun", "periode"]
    search_fields = ["pemda__nama"]


@admin.register(LaporanTriwulan)
class LaporanTriwulanAdmin(SimpleHistoryAdmin):
    """The status is read-only: it changes only through kerja.alur.AKSI_MONEV."""

    list_display = ["renja", "periode", "status", "diajukan_pada"]
    list_filter = ["renja__tahun", "periode", "status"]
    search_fields = ["renja__opd__nama", "renja__opd__singkatan"]
    readonly_fields = ["status", "diajukan_pada"]
    raw_id_fields = ["renja"]


@admin.register(BukaKembali)
class BukaKembaliAdmin(admin.ModelAdmin):
    list_display = ["laporan", "sampai", "oleh", "dibuat", "alasan"]
    list_filter = ["sampai"]
    search_fields = ["laporan__renja__opd__nama", "alasan"]
    raw_id_fields = ["laporan"]


@admin.register(PenjelasanTriwulan)
class PenjelasanTriwulanAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "periode", "faktor_pendorong", "faktor_penghambat"]
    list_filter = ["tahun", "periode"]
    search_fields = ["indikator__nama", "faktor_pendorong", "faktor_penghambat"]
    raw_id_fields = ["indikator"]


@admin.register(CatatanMonev)
class CatatanMonevAdmin(admin.ModelAdmin):
    list_display = ["laporan", "indikator", "penulis", "dibuat", "isi"]
    list_filter = ["laporan__periode"]
    search_fields = ["isi", "laporan__renja__opd__nama"]
    raw_id_fields = ["laporan", "indikator"]


@admin.register(BuktiDukung)
class BuktiDukungAdmin(SimpleHistoryAdmin):
    """Read-only: a file is added from the monev grid. Deleting goes through evaluasi.bukti.hapus
    (the OPD's right, the triwulan lock, history, the stored file), so it is offered only while
    the triwulan is open; no bulk action."""

    list_display = ["nama", "renja", "periode", "indikator", "ukuran", "diunggah_oleh", "diunggah_pada"]
    list_filter = ["renja__tahun", "periode", "jenis"]
    search_fields = ["nama", "indikator__nama", "renja__opd__singkatan"]
    list_select_related = ["renja__opd", "indikator", "diunggah_oleh"]
    readonly_fields = ["renja", "indikator", "periode", "nama", "jenis", "ukuran", "diunggah_oleh", "diunggah_pada"]
    exclude = ["berkas"]  # the stored path is not a link: download through the monev panel
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is None or not super().has_delete_permission(request, obj):
            return False
        return not bukti.kunci_triwulan(obj.renja, obj.periode)

    def delete_model(self, request, obj):
        bukti.hapus(request.user, obj)
