from django.contrib import admin
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX
from openpyxl import Workbook
from simple_history.admin import SimpleHistoryAdmin

from anggaran.models import PlafonAnggaran, RealisasiAnggaran
from renja.berkas import simpan_teks_saja
from renja.models import PerangkatDaerah, SumberDana


class XLSXTeks(XLSX):
    """The admin's export as a workbook in which every text is text (a keterangan typed as
    "=HYPERLINK(…)" never runs in Excel) and numbers stay numbers."""

    def export_data(self, dataset, **kwargs):
        book = Workbook()
        ws = book.active
        ws.append(dataset.headers)
        for row in dataset:
            ws.append(list(row))
        return simpan_teks_saja(book)


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(SimpleHistoryAdmin):
    list_display = ["sub_kegiatan", "tahun", "periode", "nilai"]
    list_filter = ["tahun", "periode", "sub_kegiatan__kegiatan__program__opd"]
    search_fields = ["sub_kegiatan__nomenklatur__kode", "sub_kegiatan__nomenklatur__nama"]
    raw_id_fields = ["sub_kegiatan"]


class PlafonAnggaranResource(resources.ModelResource):
    """Ceilings as a spreadsheet: OPD by its singkatan, sumber dana by its name (empty: the
    OPD's total ceiling). Rows are matched on OPD, tahun and sumber dana; unchanged rows are
    skipped; one transaction."""

    opd = fields.Field(
        attribute="opd", column_name="opd", widget=widgets.ForeignKeyWidget(PerangkatDaerah, "singkatan")
    )
    sumber_dana = fields.Field(
        attribute="sumber_dana", column_name="sumber_dana", widget=widgets.ForeignKeyWidget(SumberDana, "nama")
    )

    class Meta:
        model = PlafonAnggaran
        fields = ("opd", "tahun", "sumber_dana", "pagu", "keterangan")
        import_id_fields = ("opd", "tahun", "sumber_dana")
        skip_unchanged = True
        use_transactions = True


@admin.register(PlafonAnggaran)
class PlafonAnggaranAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [PlafonAnggaranResource]

    def get_export_formats(self):
        return [XLSXTeks]  # CSV and the others would carry a user's "=…", "+…" or "@…" as typed

    def get_data_for_export(self, request, queryset, **kwargs):
        return super().get_data_for_export(request, queryset, **{**kwargs, "force_native_type": True})

    list_display = ["opd", "tahun", "sumber_dana", "pagu", "keterangan"]
    list_filter = ["tahun", "opd__pemda", "sumber_dana"]
    search_fields = ["opd__singkatan", "opd__nama"]
