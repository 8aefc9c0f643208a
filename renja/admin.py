from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.timezone import localtime
from simple_history.admin import SimpleHistoryAdmin

from renja import models as m
from renja.admin_kunci import KunciAdminMixin, KunciInlineMixin


@admin.register(m.Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "jenis", "nomenklatur_versi"]
    search_fields = ["kode", "nama"]
    list_filter = ["jenis"]


class UnitKerjaInline(admin.TabularInline):
    model = m.UnitKerja
    extra = 0


@admin.register(m.PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["kode", "singkatan", "nama", "pemda", "aktif"]
    search_fields = ["kode", "singkatan", "nama"]
    list_filter = ["pemda", "aktif"]
    filter_horizontal = ["bidang_urusan"]
    inlines = [UnitKerjaInline]


@admin.register(m.UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "jabatan", "opd"]
    search_fields = ["kode", "nama", "jabatan"]
    list_filter = ["opd"]


@admin.register(m.Keanggotaan)
class KeanggotaanAdmin(admin.ModelAdmin):
    list_display = ["user", "peran", "opd", "pemda"]
    search_fields = ["user__username", "user__first_name", "opd__singkatan"]
    list_filter = ["peran", "pemda", "opd"]
    autocomplete_fields = ["user"]


@admin.register(m.NomenklaturVersi)
class NomenklaturVersiAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "berlaku_mulai", "panjang_sub_kegiatan", "lama", "pemda"]
    search_fields = ["kode", "nama"]
    list_filter = ["lama", "pemda"]


@admin.register(m.Nomenklatur)
class NomenklaturAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "level", "versi"]
    search_fields = ["kode", "nama"]
    list_filter = ["versi", "level"]
    raw_id_fields = ["induk"]
    list_per_page = 100


@admin.register(m.KodeCrosswalk)
class KodeCrosswalkAdmin(admin.ModelAdmin):
    list_display = ["dari_kode", "dari_versi", "ke", "keterangan"]
    search_fields = ["dari_kode", "ke__kode", "ke__nama"]
    list_filter = ["dari_versi"]
    raw_id_fields = ["ke"]


class NodeAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    search_fields = ["nomenklatur__kode", "nomenklatur__nama", "nama_alias"]
    raw_id_fields = ["nomenklatur"]

    @admin.display(description="kode", ordering="nomenklatur__kode")
    def kode(self, obj):
        return obj.nomenklatur.kode

    @admin.display(description="nama (nomenklatur)")
    def nama(self, obj):
        return obj.nomenklatur.nama


@admin.register(m.Program)
class ProgramAdmin(NodeAdmin):
    list_display = ["kode", "nama", "opd"]
    list_filter = ["opd"]
    list_select_related = ["nomenklatur", "opd"]


@admin.register(m.Kegiatan)
class KegiatanAdmin(NodeAdmin):
    list_display = ["kode", "nama", "program"]
    list_filter = ["program__opd"]
    list_select_related = ["nomenklatur", "program__nomenklatur"]


@admin.register(m.SubKegiatan)
class SubKegiatanAdmin(NodeAdmin):
    list_display = ["kode", "nama", "nama_alias", "opd"]
    list_filter = ["kegiatan__program__opd"]
    list_select_related = ["nomenklatur", "kegiatan__program__opd"]

    @admin.display(description="OPD")
    def opd(self, obj):
        return obj.kegiatan.program.opd.singkatan


class TujuanSasaranAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    search_fields = ["nomor", "uraian"]


@admin.register(m.Renstra)
class RenstraAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["opd", "tahun_awal", "tahun_akhir", "nomor_dokumen", "status"]
    list_filter = ["opd", "tahun_awal", "status"]
    search_fields = ["opd__singkatan", "nomor_dokumen"]
    # The status changes only through the workflow (kerja.alur.AKSI_RENSTRA); a new Renstra is draf.
    readonly_fields = ["status", "alasan_revisi"]

    def revert_disabled(self, request, obj=None):
        """A revert would bring back an old status."""
        return True


@admin.register(m.Tujuan)
class TujuanAdmin(TujuanSasaranAdmin):
    list_display = ["nomor", "uraian", "renstra"]
    list_filter = ["renstra__opd"]


@admin.register(m.Sasaran)
class SasaranAdmin(TujuanSasaranAdmin):
    list_display = ["nomor", "uraian", "tujuan"]
    list_filter = ["tujuan__renstra__opd"]
    filter_horizontal = ["program"]


class TargetInline(KunciInlineMixin, admin.TabularInline):
    model = m.Target
    fields = ["tahun", "jenis", "nilai", "nilai_teks"]
    extra = 0


@admin.register(m.Indikator)
class IndikatorAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["nama", "satuan", "tipe_nilai", "sifat", "polaritas", "level"]
    list_filter = ["tipe_nilai", "sifat", "polaritas"]
    search_fields = [
        "nama",
        "satuan",
        "sub_kegiatan__nomenklatur__kode",
        "kegiatan__nomenklatur__kode",
        "program__nomenklatur__kode",
    ]
    raw_id_fields = ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]
    inlines = [TargetInline]


@admin.register(m.Target)
class TargetAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "jenis", "nilai", "nilai_teks"]
    fields = list_display
    list_filter = ["jenis", "tahun"]
    search_fields = ["indikator__nama"]
    raw_id_fields = ["indikator"]


@admin.register(m.PaguRenstra)
class PaguRenstraAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["renstra", "sub_kegiatan", "tahun", "pagu"]
    fields = list_display
    list_filter = ["tahun", "renstra__opd"]
    search_fields = ["sub_kegiatan__nomenklatur__kode", "sub_kegiatan__nomenklatur__nama"]
    raw_id_fields = ["renstra", "sub_kegiatan"]


@admin.register(m.SumberDana)
class SumberDanaAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "pemda", "aktif"]
    list_filter = ["pemda", "aktif"]
    search_fields = ["kode", "nama"]


class RenjaSubKegiatanInline(KunciInlineMixin, admin.TabularInline):
    model = m.RenjaSubKegiatan
    extra = 0
    raw_id_fields = ["sub_kegiatan"]
    fields = ["urutan", "sub_kegiatan", "lokasi", "pagu", "pagu_maju", "sumber_dana", "penanggung_jawab"]


@admin.register(m.Renja)
class RenjaAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["opd", "tahun", "status", "renstra"]
    list_filter = ["status", "tahun", "opd__pemda", "opd"]
    search_fields = ["opd__singkatan", "opd__nama"]
    inlines = [RenjaSubKegiatanInline]
    # The status changes only through the workflow's actions; a new Renja starts as draf.
    readonly_fields = ["status", "riwayat_status"]

    def revert_disabled(self, request, obj=None):
        """A revert would bring back an old status."""
        return True

    @admin.display(description="riwayat status")
    def riwayat_status(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        rows = [
            (f"{localtime(waktu):%d-%m-%Y %H:%M}", oleh, dari, ke) for waktu, oleh, dari, ke in obj.riwayat_status()
        ]
        return format_html_join("", "<div>{} · {}: {} → {}</div>", rows) or "–"


@admin.register(m.RenjaSubKegiatan)
class RenjaSubKegiatanAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["kode", "nama", "renja", "pagu", "pagu_maju", "sumber_dana", "penanggung_jawab", "lokasi"]
    list_filter = ["renja__tahun", "renja__opd", "sumber_dana", "penanggung_jawab"]
    search_fields = ["sub_kegiatan__nomenklatur__kode", "sub_kegiatan__nomenklatur__nama", "lokasi"]
    list_select_related = ["sub_kegiatan__nomenklatur", "renja__opd", "sumber_dana", "penanggung_jawab"]
    raw_id_fields = ["sub_kegiatan"]

    @admin.display(description="kode", ordering="sub_kegiatan__nomenklatur__kode")
    def kode(self, obj):
        return obj.sub_kegiatan.nomenklatur.kode

    @admin.display(description="sub kegiatan")
    def nama(self, obj):
        return obj.sub_kegiatan.nomenklatur.nama


@admin.register(m.Komentar)
class KomentarAdmin(SimpleHistoryAdmin):
    list_display = ["renja", "item", "penulis", "status", "dibuat"]
    list_filter = ["status", "renja__tahun", "renja__opd"]
    search_fields = ["isi"]
    raw_id_fields = ["item", "indikator", "induk"]
    list_select_related = ["renja__opd", "item__sub_kegiatan__nomenklatur", "penulis"]


class CatatanAdmin(admin.ModelAdmin):
    """A record the app writes (a penetapan, an import): read here, never added or edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(m.PenetapanRenja)
class PenetapanRenjaAdmin(CatatanAdmin):
    """A finalised Renja as it was: kept as evidence, never edited or deleted here."""

    list_display = ["renja", "nomor", "ditetapkan", "oleh"]
    list_filter = ["renja__tahun", "renja__opd"]
    search_fields = ["renja__opd__singkatan", "renja__opd__nama"]
    list_select_related = ["renja__opd", "oleh"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.PenetapanRenstra)
class PenetapanRenstraAdmin(PenetapanRenjaAdmin):
    """An adopted Renstra as it was: kept as evidence, never edited or deleted here."""

    list_display = ["renstra", "nomor", "ditetapkan", "oleh"]
    list_filter = ["renstra__opd"]
    search_fields = ["renstra__opd__singkatan", "renstra__opd__nama"]
    list_select_related = ["renstra__opd", "oleh"]


@admin.register(m.PeraturanRenja)
class PeraturanRenjaAdmin(CatatanAdmin, SimpleHistoryAdmin):
    """The Peraturan/Keputusan of a finalised Renja: entered by Bappeda on the Renja's identity
    page (renja.identitas), the one change a finalised Renja allows; read here with its history."""

    list_display = ["penetapan", "jenis", "nomor", "tanggal"]
    list_select_related = ["penetapan__renja__opd"]
    list_filter = ["penetapan__renja__tahun", "penetapan__renja__opd"]
    search_fields = ["nomor", "jenis", "penetapan__renja__opd__singkatan"]

    def has_delete_permission(self, request, obj=None):
        return False

    def revert_disabled(self, request, obj=None):
        return True


@admin.register(m.LogoPemda)
class LogoPemdaAdmin(CatatanAdmin):
    """Uploaded by the Pemda's admin on its page (the image is checked and re-encoded there)."""

    list_display = ["pemda", "lebar", "tinggi", "diunggah"]
    list_filter = ["pemda"]
    search_fields = ["pemda__nama"]
    exclude = ["png"]


@admin.register(m.Impor)
class ImporAdmin(CatatanAdmin):
    list_display = ["waktu", "jenis", "opd", "pemda", "nama_berkas", "oleh", "baru", "berubah", "sama"]
    list_filter = ["jenis", "pemda", "opd"]
    search_fields = ["nama_berkas", "opd__singkatan"]
    list_select_related = ["opd", "pemda", "oleh"]


@admin.register(m.TemuanImpor)
class TemuanImporAdmin(admin.ModelAdmin):
    """The cells an import left empty with the admin's confirmation: only "selesai" is changed
    here (a finding is never added, and its row, column and value stay as the file had them)."""

    list_display = ["impor", "opd", "tahun", "nomor_baris", "kolom", "nilai", "pesan", "selesai"]
    list_filter = ["selesai", "opd", "impor__jenis"]
    list_editable = ["selesai"]
    search_fields = ["opd__singkatan", "kolom", "nilai", "untuk"]
    list_select_related = ["impor", "opd"]
    readonly_fields = ["impor", "opd", "tahun", "nomor_baris", "kolom", "nilai", "pesan", "untuk"]

    def has_add_permission(self, request):
        return False


@admin.register(m.UnggahanImpor)
class UnggahanImporAdmin(admin.ModelAdmin):
    list_display = ["dibuat", "jenis", "opd", "pemda", "nama_berkas", "oleh"]
    list_filter = ["jenis", "pemda", "opd"]
    search_fields = ["nama_berkas"]
    exclude = ["data"]
    list_select_related = ["opd", "pemda", "oleh"]


@admin.register(m.Profil)
class ProfilAdmin(admin.ModelAdmin):
    """The NIP, and the one-time-password flag (set it to make a user change the password at the
    next request, e.g. after an admin reset it)."""

    list_display = ["user", "nip", "wajib_ganti_sandi"]
    search_fields = ["user__username", "user__first_name", "nip"]
    list_filter = ["wajib_ganti_sandi"]
    autocomplete_fields = ["user"]


class RancanganAwalIndikatorInline(KunciInlineMixin, admin.TabularInline):
    model = m.RancanganAwalIndikator
    extra = 0


@admin.register(m.RancanganAwal)
class RancanganAwalAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["kode", "nama", "bagian", "tahun", "opd", "lokasi", "pagu"]
    list_filter = ["bagian", "tahun", "opd"]
    search_fields = ["nomenklatur__kode", "nama"]
    raw_id_fields = ["nomenklatur"]
    inlines = [RancanganAwalIndikatorInline]

    @admin.display(description="kode", ordering="nomenklatur__kode")
    def kode(self, obj):
        return obj.nomenklatur.kode


@admin.register(m.RancanganAwalIndikator)
class RancanganAwalIndikatorAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["nama", "satuan", "target", "target_teks", "baris"]
    search_fields = ["nama", "baris__nomenklatur__kode"]
    list_filter = ["baris__bagian", "baris__opd"]
    raw_id_fields = ["baris"]


@admin.register(m.BagianNarasi)
class BagianNarasiAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["renja", "kunci"]
    list_filter = ["kunci", "renja__opd"]
    search_fields = ["isi"]

    def save_model(self, request, obj, form, change):
        """A change here is a new version too: the narrative page then refuses a text written on
        the version before (kerja.narasi)."""
        if change and form.has_changed():
            obj.versi += 1
        super().save_model(request, obj, form, change)


class NilaiPelayananInline(KunciInlineMixin, admin.TabularInline):
    model = m.NilaiPelayanan
    fields = ["tahun", "jenis", "nilai", "nilai_teks"]
    extra = 0


@admin.register(m.IndikatorPelayanan)
class IndikatorPelayananAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["nomor", "nama", "kelompok", "satuan", "renstra"]
    list_filter = ["renstra__opd", "kelompok"]
    search_fields = ["nama"]
    inlines = [NilaiPelayananInline]


@admin.register(m.NilaiPelayanan)
class NilaiPelayananAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "jenis", "nilai", "nilai_teks"]
    fields = list_display
    list_filter = ["jenis", "tahun"]
    search_fields = ["indikator__nama"]


class TabelRenjaAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    """A table of the Renja document (Bab II/IV rows): filtered by the Renja's year and OPD,
    locked with it."""

    list_filter = ["renja__tahun", "renja__opd"]


@admin.register(m.UsulanPemangku)
class UsulanPemangkuAdmin(TabelRenjaAdmin):
    list_display = ["program_kegiatan", "lokasi", "besaran", "renja"]
    search_fields = ["program_kegiatan", "indikator"]
    raw_id_fields = ["sub_kegiatan"]


@admin.register(m.RencanaPendapatan)
class RencanaPendapatanAdmin(TabelRenjaAdmin):
    list_display = ["kode_akun", "uraian", "target", "renja"]
    search_fields = ["kode_akun", "uraian"]


@admin.register(m.ProgramPrioritas)
class ProgramPrioritasAdmin(TabelRenjaAdmin):
    list_display = ["jenis", "nomor", "program", "indikasi_kegiatan", "pagu", "sub_kegiatan", "kegiatan", "renja"]
    list_filter = ["jenis", *TabelRenjaAdmin.list_filter]
    search_fields = ["program", "indikasi_kegiatan"]
    raw_id_fields = ["sub_kegiatan", "kegiatan"]


@admin.register(m.UsulanRenjaKL)
class UsulanRenjaKLAdmin(TabelRenjaAdmin):
    list_display = ["uraian", "indikator", "pagu", "sumber_dana", "instansi", "renja"]
    search_fields = ["uraian", "instansi"]
    raw_id_fields = ["nomenklatur"]
