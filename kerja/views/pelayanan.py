"""The T-C.30 grid (Tabel 2.2, Pencapaian Kinerja Pelayanan): the page, its saves and its rows
added or removed, on the workspace's views."""

from django.views.generic import TemplateView

from kerja import pelayanan
from kerja.views.ruang_kerja import SimpanView, StrukturView
from renja import akses, struktur
from renja.kunci import alasan_renstra
from renja.models import Indikator
from renja.views import RenjaMixin


class PelayananView(RenjaMixin, TemplateView):
    """The grid of Tabel 2.2; read-only for those who may see but not change the Renja."""

    template_name = "kerja/pelayanan.html"

    def get_context_data(self, **kwargs):
        renja = self.get_renja()
        boleh = akses.boleh_ubah(self.request.user, renja)
        context = {
            "renja": renja,
            "baris": pelayanan.susun_grid(renja),
            "kolom": pelayanan.kolom_grid(renja),
            "pilihan": pelayanan.LembarPelayanan.pilihan_datalist({}),
            "boleh_ubah": boleh and renja.terbuka,
            "boleh_lihat_ubah": boleh,
            "kunci_renstra": alasan_renstra(renja.renstra),
            "tipe_nilai": Indikator.TipeNilai.choices,
            "riwayat": pelayanan.riwayat(renja),
        }
        return {**super().get_context_data(**kwargs), **context}


class SimpanPelayananView(SimpanView):
    lembar = pelayanan


class StrukturPelayananView(StrukturView):
    """POST JSON: add a row (``{"data": {nama, nomor, kelompok_nomor, kelompok, satuan,
    tipe_nilai}}``) or remove one (``{"id", "versi"}``)."""

    AKSI = {
        "tambah-indikator": (struktur.tambah_indikator_pelayanan, ("data",)),
        "hapus-indikator": (struktur.hapus_indikator_pelayanan, ("id", "versi")),
    }

    @staticmethod
    def baca(data, field):
        return dict(data[field]) if field == "data" else int(data[field])
