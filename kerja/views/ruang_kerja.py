"""The planner's workspace: the grid page, its saves, history, nomenclature search, structure
changes and the checker's findings."""

import json

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, JsonResponse
from django.views import View
from django.views.generic import TemplateView

from anggaran.pagu import rollup_kode
from evaluasi.periksa import periksa_renja
from kerja import alur, ruang_kerja
from kerja.potret import beda, potret
from kerja.riwayat import baris_panel, riwayat
from kerja.views.dasar import JsonMixin, gagal, jawab_simpan, json_galat
from laporan.builders.review import catatan_review, review_rkpd
from renja import akses, dari_ranwal, struktur
from renja.galat import SimpanGagal
from renja.models import Indikator
from renja.views import RenjaMixin


def temuan_json(temuan):
    return {
        "error": sum(t.memblokir for t in temuan),
        "peringatan": sum(not t.memblokir for t in temuan),
        "temuan": [
            {
                "tingkat": t.tingkat,
                "label": t.label,
                "jenis": t.jenis,
                "lokasi": t.lokasi,
                "nilai": t.nilai,
                "pesan": t.pesan,
            }
            for t in temuan
        ],
    }


class RuangKerjaView(RenjaMixin, TemplateView):
    """The planner's grid of a Renja; read-only for those who may see but not edit it."""

    template_name = "kerja/ruang_kerja.html"

    def get_context_data(self, **kwargs):
        renja, user = self.get_renja(), self.request.user
        grid = ruang_kerja.susun_grid(renja)
        total, total_maju = rollup_kode(grid.pagu), rollup_kode(grid.pagu_maju)
        grid.isi_total(total, total_maju)
        boleh = akses.boleh_ubah(user, renja)
        penetapan = renja.penetapan.first()
        perbedaan = None
        if penetapan is not None and renja.status != renja.Status.DITETAPKAN:
            perbedaan = beda(penetapan.isi, potret(grid))
        context = {
            "renja": renja,
            "grid": grid,
            "kolom": ruang_kerja.kolom_grid(renja),
            "pilihan": ruang_kerja.pilihan_datalist(grid.pilihan),
            "boleh_ubah": boleh and renja.terbuka,
            "boleh_ajukan": boleh,
            "boleh_review": akses.boleh_review(user, renja),
            "aksi": {kunci: alur.boleh(user, renja, kunci) for kunci in alur.AKSI},
            "total": ruang_kerja.tampil("pagu", total.get("")),
            "total_maju": ruang_kerja.tampil("pagu", total_maju.get("")),
            "temuan": temuan_json(periksa_renja(renja)),
            "penetapan": penetapan,
            "perbedaan": perbedaan,
            "catatan_review": catatan_review(review_rkpd(renja)),
            "isi_ranwal": dari_ranwal.ditawarkan(renja, user),
            "jenis_indikator": [(f, label, c.choices) for f, label, c in struktur.PILIHAN_INDIKATOR],
            "metode_negatif": Indikator.MetodeNegatif.choices,
        }
        return {**super().get_context_data(**kwargs), **context}


class TemuanView(JsonMixin, View):
    """The consistency checker's findings, refreshed by the workspace after each save."""

    def get(self, request, *args, **kwargs):
        return JsonResponse(temuan_json(periksa_renja(self.get_renja())))


class SimpanView(JsonMixin, View):
    """POST {"perubahan": [{kolom, id, nilai, versi, baris}, …]} → the cells saved, all or none.
    ``lembar`` is the grid's module (its ``simpan_perubahan`` and ``kunci_objek``) and
    ``dokumen`` what it saves into: the Renja here, its Renstra for the Renstra grid."""

    lembar = ruang_kerja

    def dokumen(self):
        return self.get_renja()

    def post(self, request, *args, **kwargs):
        dokumen, user = self.dokumen(), request.user
        return jawab_simpan(
            request.body, lambda daftar: self.lembar.simpan_perubahan(dokumen, user, daftar), self.lembar.kunci_objek
        )


class RiwayatView(RenjaMixin, TemplateView):
    """The history of a sub kegiatan row or an indicator row, as a fragment for the side panel."""

    template_name = "kerja/_riwayat.html"

    def get_context_data(self, **kwargs):
        renja = self.get_renja()
        if self.kwargs["objek"] not in ("sub", "indikator"):
            raise Http404
        try:
            entries = riwayat(renja, self.kwargs["objek"], self.kwargs["pk"])
        except ObjectDoesNotExist:
            raise Http404 from None
        baris = baris_panel(renja, self.kwargs["objek"], self.kwargs["pk"])
        return {**super().get_context_data(**kwargs), "riwayat": entries, "baris": baris}


class NomenklaturView(JsonMixin, View):
    """GET ?q=: sub kegiatan of the nomenclature master to add, by code or words."""

    def get(self, request, *args, **kwargs):
        return JsonResponse({"hasil": struktur.cari_nomenklatur(self.get_renja(), request.GET.get("q", ""))})


class StrukturView(JsonMixin, View):
    """POST JSON: add or remove a sub kegiatan or an indicator (``aksi`` in the URL)."""

    AKSI = {
        "tambah-sub-kegiatan": (struktur.tambah_sub_kegiatan, ("nomenklatur",)),
        "hapus-sub-kegiatan": (struktur.hapus_sub_kegiatan, ("id", "versi")),
        "tambah-indikator": (struktur.tambah_indikator, ("tingkat", "node", "nama", "jenis")),
        "hapus-indikator": (struktur.hapus_indikator, ("id", "versi")),
    }

    @staticmethod
    def baca(data, field):
        """A field of the request: ids are numbers, ``jenis`` (what a new indicator is) a dict."""
        if field == "jenis":
            return dict(data.get("jenis") or {})
        return data[field] if field in ("tingkat", "nama") else int(data[field])

    def dokumen(self):
        """What the structure changes: the Renja here, its Renstra for the Renstra grid."""
        return self.get_renja()

    def post(self, request, *args, **kwargs):
        if kwargs["aksi"] not in self.AKSI:
            raise Http404
        action, fields = self.AKSI[kwargs["aksi"]]
        renja = self.dokumen()
        try:
            data = json.loads(request.body)
            args = [self.baca(data, f) for f in fields]
        except (ValueError, KeyError, TypeError, AttributeError):
            return json_galat("Permintaan tidak dapat dibaca.", 400)
        try:
            action(renja, request.user, *args)
        except SimpanGagal as error:
            return gagal(error)
        except ValidationError as error:
            return json_galat(" ".join(error.messages), 400)
        return JsonResponse({"ok": True})
