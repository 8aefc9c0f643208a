import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import ListView, TemplateView

from renja import review, ruang_kerja, struktur, tahun_baru
from renja.models import Keanggotaan, Komentar, Renja

BATAS_SEL = 5000  # cells in one save: a pasted block of a whole Renja is far below this


LANGKAH = {  # the next thing to do, by status, for the planner and for Bappeda
    Renja.Status.DRAF: ("Lengkapi Renja, lalu ajukan ke Bappeda.", "Menunggu OPD mengajukan."),
    Renja.Status.DIKEMBALIKAN: ("Perbaiki sesuai catatan Bappeda, lalu ajukan lagi.", "Menunggu perbaikan OPD."),
    Renja.Status.DIAJUKAN: ("Menunggu review Bappeda.", "Review dan putuskan: kembalikan atau verifikasi."),
    Renja.Status.DIVERIFIKASI: ("Menunggu penetapan.", "Tetapkan Renja."),
    Renja.Status.DITETAPKAN: ("Selesai: Renja telah ditetapkan.", "Selesai: Renja telah ditetapkan."),
    Renja.Status.PERUBAHAN: (
        "Revisi Renja Perubahan, lalu ajukan ke Bappeda.",
        "Menunggu OPD mengajukan Renja Perubahan.",
    ),
}


class BerandaView(LoginRequiredMixin, ListView):
    """Home: the Renja of every OPD the user may see, with status, pagu and the next thing to do;
    for a planner, the button that starts next year's Renja."""

    template_name = "renja/beranda.html"
    context_object_name = "daftar_renja"

    def get_queryset(self):
        berikut = Renja.objects.filter(opd=OuterRef("opd"), tahun=OuterRef("tahun") + 1)
        return (
            Renja.objects.for_user(self.request.user)
            .select_related("opd", "renstra")
            .with_pagu()
            .annotate(ada_berikut=Exists(berikut))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        peran = list(Keanggotaan.objects.filter(user=user).values_list("peran", "opd"))
        perencana = {opd for p, opd in peran if p == Keanggotaan.Peran.PERENCANA}
        seluruh_pemda = user.is_superuser or any(p in Keanggotaan.PERAN_SELURUH_PEMDA for p, _ in peran)
        for renja in context["daftar_renja"]:
            renja.boleh_ubah = user.is_superuser or renja.opd_id in perencana
            renja.langkah = LANGKAH[renja.status][0 if renja.opd_id in perencana else 1]
            renja.tahun_berikut = tahun_baru.tahun_baru_tersedia(renja) if renja.boleh_ubah else None
        context["menunggu"] = review.menunggu(user)
        context["boleh_impor"] = user.is_superuser or any(p == Keanggotaan.Peran.ADMIN for p, _ in peran)
        context["tahun_review"] = (
            sorted({r.tahun for r in context["daftar_renja"]}, reverse=True) if seluruh_pemda else []
        )
        return context


class RenjaMixin(LoginRequiredMixin):
    """The Renja in the URL, only if the user may see its OPD (else 404, not revealing it exists)."""

    def get_renja(self):
        return get_object_or_404(
            Renja.objects.for_user(self.request.user).select_related("opd__pemda", "renstra"),
            opd__singkatan__iexact=self.kwargs["opd"],
            tahun=self.kwargs["tahun"],
        )


class JsonMixin(RenjaMixin):
    """Answers in JSON; an anonymous user gets 401 instead of a redirect to the log-in page, a
    forbidden one 403, a Renja they may not see 404, each with a message in Indonesian."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"kesalahan": [{"pesan": "Sesi Anda berakhir. Silakan masuk lagi."}]}, status=401)
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as error:
            return JsonResponse({"kesalahan": [{"pesan": str(error) or "Akses ditolak."}]}, status=403)
        except Http404:
            pesan = "Renja atau baris ini tidak ditemukan, atau Anda tidak berhak melihatnya."
            return JsonResponse({"kesalahan": [{"pesan": pesan}]}, status=404)


def gagal(error):
    """The JSON answer to a refused save: 409 when somebody else saved first, else 400."""
    konflik = [{**k, "obj": ruang_kerja.kunci_objek(k["kolom"], k["id"])} for k in error.konflik]
    return JsonResponse({"kesalahan": error.kesalahan, "konflik": konflik}, status=409 if konflik else 400)


class SimpanView(JsonMixin, View):
    """POST {"perubahan": [{kolom, id, nilai, versi, baris}, …]} → the cells saved, all or none."""

    def post(self, request, *args, **kwargs):
        renja = self.get_renja()
        try:
            data = json.loads(request.body)
            daftar = [
                ruang_kerja.Perubahan(
                    str(p["kolom"]), int(p["id"]), p.get("nilai"), int(p["versi"]), str(p.get("baris", ""))
                )
                for p in data["perubahan"]
            ]
        except (ValueError, KeyError, TypeError):
            return JsonResponse({"kesalahan": [{"pesan": "Permintaan tidak dapat dibaca."}]}, status=400)
        if len(daftar) > BATAS_SEL:
            pesan = f"Terlalu banyak sel sekaligus ({len(daftar)}; paling banyak {BATAS_SEL})."
            return JsonResponse({"kesalahan": [{"pesan": pesan}]}, status=400)
        try:
            hasil = ruang_kerja.simpan_perubahan(renja, request.user, daftar)
        except ruang_kerja.SimpanGagal as error:
            return gagal(error)
        tersimpan = [
            {
                "kolom": h.kolom,
                "id": h.id,
                "obj": ruang_kerja.kunci_objek(h.kolom, h.id),
                "tampil": h.tampil,
                "versi": h.versi,
            }
            for h in hasil
        ]
        return JsonResponse({"tersimpan": tersimpan})


class RiwayatView(RenjaMixin, TemplateView):
    """The history of a sub kegiatan row or an indicator row, as a fragment for the side panel."""

    template_name = "renja/_riwayat.html"

    def get_context_data(self, **kwargs):
        renja = self.get_renja()
        if self.kwargs["objek"] not in ("sub", "indikator"):
            raise Http404
        try:
            entries = ruang_kerja.riwayat(renja, self.kwargs["objek"], self.kwargs["pk"])
        except ObjectDoesNotExist:
            raise Http404 from None
        return {**super().get_context_data(**kwargs), "riwayat": entries}


class NomenklaturView(JsonMixin, View):
    """GET ?q=: sub kegiatan of the nomenclature master to add, by code or words."""

    def get(self, request, *args, **kwargs):
        return JsonResponse({"hasil": struktur.cari_nomenklatur(self.get_renja(), request.GET.get("q", ""))})


class StrukturView(JsonMixin, View):
    """POST JSON: add or remove a sub kegiatan or an indicator (``aksi`` in the URL)."""

    AKSI = {
        "tambah-sub-kegiatan": (struktur.tambah_sub_kegiatan, ("nomenklatur",)),
        "hapus-sub-kegiatan": (struktur.hapus_sub_kegiatan, ("id", "versi")),
        "tambah-indikator": (struktur.tambah_indikator, ("tingkat", "node", "nama")),
        "hapus-indikator": (struktur.hapus_indikator, ("id", "versi")),
    }

    def post(self, request, *args, **kwargs):
        if kwargs["aksi"] not in self.AKSI:
            raise Http404
        action, fields = self.AKSI[kwargs["aksi"]]
        renja = self.get_renja()
        try:
            data = json.loads(request.body)
            args = [data[f] if f in ("tingkat", "nama") else int(data[f]) for f in fields]
        except (ValueError, KeyError, TypeError):
            return JsonResponse({"kesalahan": [{"pesan": "Permintaan tidak dapat dibaca."}]}, status=400)
        try:
            action(renja, request.user, *args)
        except ruang_kerja.SimpanGagal as error:
            return gagal(error)
        except ValidationError as error:
            return JsonResponse({"kesalahan": [{"pesan": " ".join(error.messages)}]}, status=400)
        return JsonResponse({"ok": True})


class TahunBerikutView(RenjaMixin, View):
    """POST: start the next year's Renja from this one (renja.tahun_baru)."""

    def post(self, request, *args, **kwargs):
        sebelumnya = self.get_renja()
        try:
            hasil = tahun_baru.mulai_renja_tahun_baru(sebelumnya, request.user)
        except ruang_kerja.SimpanGagal as error:
            for pesan in error.pesan:
                messages.error(request, pesan)
            return redirect("beranda")
        messages.success(request, hasil.pesan)
        return redirect("laporan:ruang-kerja", hasil.renja.opd.singkatan, hasil.renja.tahun)


class KomentarView(RenjaMixin, TemplateView):
    """The notes on a row (``sub``/``indikator`` and its id) or on the whole Renja (``renja``, 0),
    as a fragment for the side panel; POST adds a note or a reply and answers the fragment."""

    template_name = "renja/_komentar.html"

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
        except ruang_kerja.SimpanGagal as error:
            return self.render_to_response(self.get_context_data(kesalahan=error.pesan), status=400)
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        renja = self.get_renja()
        objek, pk = self.kwargs["objek"], self.kwargs["pk"]
        if objek != "renja":
            items, indikator = ruang_kerja.milik_renja(renja)
            if pk not in (items if objek == "sub" else indikator):
                raise Http404
        user = self.request.user
        context = {
            "utas": review.utas(renja, objek, pk),
            "judul": {"sub": "pada sub kegiatan ini", "indikator": "pada indikator ini"}.get(
                objek, "untuk seluruh Renja"
            ),
            "boleh_review": review.boleh_review(user, renja),
            "boleh_tulis": review.boleh_review(user, renja) or ruang_kerja.boleh_ubah(user, renja),
            "status_pilihan": Komentar.Status.choices,
            "url": self.request.path,
            "url_status": reverse("renja:komentar-status", args=[renja.opd.singkatan, renja.tahun]),
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
        except ruang_kerja.SimpanGagal as error:
            return HttpResponse(" ".join(error.pesan), status=400)
        objek, pk = ("indikator", note.indikator_id) if note.indikator_id else ("sub", note.item_id)
        if not pk:
            objek, pk = "renja", 0
        return redirect("renja:komentar", renja.opd.singkatan, renja.tahun, objek, pk)


def _angka(text):
    try:
        return int(text) if text else None
    except ValueError:
        return None


class AksiRenjaView(RenjaMixin, View):
    """POST: one workflow action on the Renja in the URL (``aksi(request, renja)`` returns the
    success message); a refusal is shown as messages; back to the workspace either way."""

    def aksi(self, request, renja):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        renja = self.get_renja()
        try:
            pesan = self.aksi(request, renja)
        except ruang_kerja.SimpanGagal as error:
            for text in error.pesan:
                messages.error(request, text)
        else:
            messages.success(request, pesan)
        return redirect("laporan:ruang-kerja", renja.opd.singkatan, renja.tahun)


class PerubahanView(AksiRenjaView):
    """Start a Renja Perubahan of a finalised Renja (ditetapkan → perubahan)."""

    def aksi(self, request, renja):
        ruang_kerja.mulai_perubahan(renja, request.user)
        return "Renja Perubahan dibuka. Perbedaannya dengan penetapan terakhir tampil di bawah."
