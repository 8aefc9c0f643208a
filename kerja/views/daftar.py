"""The pages of the list tables (``kerja.daftar``): the grid, its saves, adding and removing a
row, and the checker's findings about the table."""

import json

from django.http import Http404, JsonResponse
from django.views import View
from django.views.generic import TemplateView

from evaluasi.periksa import periksa_renja
from kerja.daftar import TABEL
from kerja.views.dasar import JsonMixin, gagal, jawab_simpan, json_galat
from kerja.views.ruang_kerja import temuan_json
from renja import akses
from renja.galat import SimpanGagal
from renja.views import RenjaMixin


class DaftarMixin(RenjaMixin):
    def get_lembar(self):
        cls = TABEL.get(self.kwargs["tabel"])
        if cls is None:
            raise Http404
        return cls(self.get_renja(), self.request.user)


def temuan_tabel(lembar):
    return temuan_json([t for t in periksa_renja(lembar.renja) if t.jenis in lembar.JENIS_TEMUAN])


class DaftarView(DaftarMixin, TemplateView):
    """A list table as a grid; read-only for those who may see but not change it."""

    template_name = "kerja/daftar.html"

    def get_context_data(self, **kwargs):
        lembar = self.get_lembar()
        renja = lembar.renja
        boleh = akses.boleh_ubah(self.request.user, renja)
        pilihan = lembar.pilihan_relasi()
        context = {
            "renja": renja,
            "lembar": lembar,
            "baris": lembar.susun(),
            "kolom": list(lembar.KOLOM.values()),
            "pilihan": lembar.pilihan_datalist(pilihan),
            "boleh_ubah": boleh and renja.terbuka,
            "boleh_lihat_ubah": boleh,
            "temuan": temuan_tabel(lembar) if lembar.JENIS_TEMUAN else None,
            "tabel_lain": [(slug, cls.JUDUL) for slug, cls in TABEL.items()],
            "riwayat": lembar.riwayat(pilihan),
        }
        return {**super().get_context_data(**kwargs), **context}


class DaftarTemuanView(JsonMixin, DaftarMixin, View):
    def get(self, request, *args, **kwargs):
        return JsonResponse(temuan_tabel(self.get_lembar()))


class DaftarSimpanView(JsonMixin, DaftarMixin, View):
    """POST {"perubahan": [{kolom, id, nilai, versi, baris}, …]} → the cells saved, all or none."""

    def post(self, request, *args, **kwargs):
        lembar = self.get_lembar()
        return jawab_simpan(request.body, lembar.simpan, lembar.kunci_objek)


class DaftarTambahView(JsonMixin, DaftarMixin, View):
    """POST: an empty row at the end of the table → {"id": …}."""

    def post(self, request, *args, **kwargs):
        try:
            obj = self.get_lembar().tambah()
        except SimpanGagal as error:
            return gagal(error)
        return JsonResponse({"id": obj.pk})


class DaftarHapusView(JsonMixin, DaftarMixin, View):
    """POST {"id", "versi"}: remove a row at the version the user saw."""

    def post(self, request, *args, **kwargs):
        lembar = self.get_lembar()
        try:
            lembar.periksa_akses()  # who may not remove learns it before a malformed request does
            data = json.loads(request.body)
            lembar.hapus(int(data["id"]), int(data["versi"]))
        except (ValueError, KeyError, TypeError):
            return json_galat("Permintaan tidak dapat dibaca.", 400)
        except SimpanGagal as error:
            return gagal(error)
        return JsonResponse({"ok": True})
