from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from evaluasi.models import RealisasiKinerja


@admin.register(RealisasiKinerja)
class RealisasiKinerjaAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "periode", "nilai", "nilai_teks"]
    fields = [*list_display, "catatan"]
    list_filter = ["tahun", "periode", "indikator__sifat"]
    search_fields = ["indikator__nama", "indikator__sub_kegiatan__nomenklatur__kode"]
    raw_id_fields = ["indikator"]
