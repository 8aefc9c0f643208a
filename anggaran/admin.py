from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from anggaran.models import PlafonAnggaran, RealisasiAnggaran


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(SimpleHistoryAdmin):
    list_display = ["sub_kegiatan", "tahun", "periode", "nilai"]
    list_filter = ["tahun", "periode", "sub_kegiatan__kegiatan__program__opd"]
    search_fields = ["sub_kegiatan__nomenklatur__kode", "sub_kegiatan__nomenklatur__nama"]
    raw_id_fields = ["sub_kegiatan"]


@admin.register(PlafonAnggaran)
class PlafonAnggaranAdmin(SimpleHistoryAdmin):
    list_display = ["opd", "tahun", "sumber_dana", "pagu", "keterangan"]
    list_filter = ["tahun", "opd__pemda", "sumber_dana"]
    search_fields = ["opd__singkatan", "opd__nama"]
