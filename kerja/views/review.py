"""Bappeda's review notes on a Renja, as fragments for the workspace's side panel."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from kerja.riwayat import baris_panel
from renja import akses, review
from renja.galat import SimpanGagal
from renja.models import Komentar
from renja.views import RenjaMixin


def _angka(text):
    try:
        return int(text) if text else None
    except ValueError:
        return None


class KomentarView(RenjaMixin, TemplateView):
    """The notes on a row (``sub``/``indikator`` and its id) or on the whole Renja (``renja``, 0),
    as a fragment for the side panel; POST adds a note or a reply and answers the fragment."""

    template_name = "kerja/_komentar.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["objek"] not in ("sub", "indikator", "renja"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        renja = self.get_renja()
        objek, pk = self.kwargs["objek"], self.kwargs["pk"]
        try:
            review.tulis_komentar(
                renja,
                request.user,
                request.POST.get("isi"),
                item_id=pk if objek == "sub" else None,
                indikator_id=pk if objek == "indikator" else None,
                induk_id=_angka(request.POST.get("induk")),
            )
        except SimpanGagal as error:
            return self.render_to_response(self.get_context_data(kesalahan=error.pesan), status=400)
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        renja, user = self.get_renja(), self.request.user
        objek, pk = self.kwargs["objek"], self.kwargs["pk"]
        if objek != "renja" and not renja.punya("sub" if objek == "sub" else "indikator", pk):
            raise Http404
        context = {
            "utas": review.utas(renja, objek, pk),
            "judul": {"sub": "pada sub kegiatan", "indikator": "pada indikator"}.get(objek, "untuk seluruh Renja"),
            "baris": baris_panel(renja, objek, pk),
            "boleh_review": akses.boleh_review(user, renja),
            "boleh_tulis": akses.boleh_tulis_catatan(user, renja),
            "status_pilihan": Komentar.Status.choices,
            "url": self.request.path,
            "url_status": reverse("kerja:komentar-status", args=[renja.opd.singkatan, renja.tahun]),
        }
        return {**super().get_context_data(**kwargs), **context}


class StatusKomentarView(RenjaMixin, View):
    """POST komentar, status: Bappeda settles a note; answers the note's thread fragment."""

    def post(self, request, *args, **kwargs):
        renja = self.get_renja()
        try:
            note = review.ubah_status_komentar(
                renja, request.user, _angka(request.POST.get("komentar")), request.POST.get("status")
            )
        except SimpanGagal as error:
            return HttpResponse(" ".join(error.pesan), status=400)
        objek, pk = ("indikator", note.indikator_id) if note.indikator_id else ("sub", note.item_id)
        if not pk:
            objek, pk = "renja", 0
        return redirect("kerja:komentar", renja.opd.singkatan, renja.tahun, objek, pk)
