"""The narrative page: every section of the document (the Kata Pengantar, Bab I–V), grouped by
bab, each beside the tables it introduces and the sentences the app writes from them, written
by the OPD's planner a section at a time. Works without JavaScript: a section's form posts its
text with the version the planner saw, to be previewed (rendered by ``laporan.narasi``, the
same function as the document) or saved (``kerja.narasi.simpan_narasi``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from kerja.grid import nama_pengguna
from kerja.narasi import simpan_narasi
from laporan.builders import BUILDERS
from laporan.dokumen import susun_dokumen
from laporan.narasi import narasi_html
from renja import akses
from renja.galat import SimpanGagal
from renja.kunci import alasan_renja
from renja.models import BagianNarasi
from renja.views import RenjaMixin

Kunci = BagianNarasi.Kunci
# A table's ``kunci`` where it differs from the slug of its page (laporan.builders.DAFTAR).
HALAMAN_TABEL = {
    "tc29": "evaluasi-renja-lalu",
    "tc30": "kinerja-pelayanan",
    "tc31": "review-rkpd",
    "tc32": "usulan-pemangku",
    "tc33": "rumusan-rencana",
}


def _riwayat_terakhir(renja):
    """{section id: (who, when)} of the last change of each section, in one query."""
    terakhir = {}
    for record in (
        BagianNarasi.history.filter(renja_id=renja.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    ):
        terakhir.setdefault(record.id, (nama_pengguna(record.history_user), record.history_date))
    return terakhir


class NarasiView(RenjaMixin, TemplateView):
    template_name = "kerja/narasi.html"

    def bagian(self, renja):
        """The page's sections, grouped: [(title, anchor, [section])], each section a dict."""
        dokumen = susun_dokumen(renja)
        tersimpan = {b.kunci: b for b in BagianNarasi.objects.filter(renja=renja)}
        terakhir = _riwayat_terakhir(renja)

        def satu(kunci, nomor, judul, paragraf=(), tabel=()):
            b = tersimpan.get(kunci)
            return {
                "kunci": kunci,
                "nomor": nomor,
                "judul": judul,
                "isi": b.isi if b else "",
                "versi": b.versi if b else 0,
                "html": narasi_html(b.isi) if b else "",
                "terakhir": terakhir.get(b.pk) if b else None,
                "otomatis": list(paragraf),
                "tabel": [(t.nomor, t.judul, self.url_tabel(renja, t)) for t in tabel],
                "pratinjau": None,
                "galat": [],
                "konflik": False,
            }

        grup = [("Kata Pengantar", "kata-pengantar", [satu(Kunci.KATA_PENGANTAR, "", "Kata Pengantar")])]
        for bab in dokumen.bab:
            grup.append(
                (
                    f"BAB {bab.nomor} {bab.judul}",
                    bab.anchor,
                    [satu(s.kunci, s.nomor, s.judul, s.paragraf, s.tabel) for s in bab.sub],
                )
            )
        return grup

    @staticmethod
    def url_tabel(renja, tabel):
        slug = HALAMAN_TABEL.get(tabel.kunci, tabel.kunci)
        if slug not in BUILDERS:
            return None
        return reverse("laporan:tabel", args=[renja.opd.singkatan, renja.tahun, slug])

    def konteks(self, renja, ganti=None, galat=()):
        """The page's context; ``ganti`` (kunci → fields) holds what a post changes in one section
        (the text typed, its preview, its errors)."""
        boleh = akses.boleh_ubah(self.request.user, renja)
        grup = self.bagian(renja)
        for _, _, daftar in grup:
            for b in daftar:
                b.update((ganti or {}).get(b["kunci"], {}))
        return {
            "renja": renja,
            "grup": grup,
            "boleh_ubah": boleh and renja.terbuka,
            "alasan_kunci": alasan_renja(renja) if boleh else None,
            "galat": list(galat),
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.konteks(self.get_renja())}

    def post(self, request, *args, **kwargs):
        renja = self.get_renja()
        if not akses.boleh_ubah(request.user, renja):
            raise PermissionDenied("Anda tidak berhak mengubah narasi Renja ini.")
        kunci, isi = request.POST.get("kunci", ""), request.POST.get("isi", "")
        try:
            versi = int(request.POST.get("versi", ""))
        except ValueError:
            versi = -1
        ubah = {"isi": isi, "versi": versi, "pratinjau": narasi_html(isi)}
        if request.POST.get("aksi") == "pratinjau":
            return self.render_to_response(self.konteks(renja, {kunci: ubah}))
        try:
            simpan_narasi(renja, request.user, kunci, isi, versi)
        except SimpanGagal as error:
            status = 409 if error.konflik else 400
            if kunci not in Kunci.values:  # no section to show the message beside
                return self.render_to_response(self.konteks(renja, galat=error.pesan), status=status)
            ubah = {**ubah, "galat": error.pesan, "konflik": bool(error.konflik)}
            if error.konflik:  # the text typed stays in the form, to be saved over the newer version
                ubah["versi"] = error.konflik[0]["versi"]
            return self.render_to_response(self.konteks(renja, {kunci: ubah}), status=status)
        messages.success(request, f"Narasi {Kunci(kunci).label} tersimpan.")
        url = reverse("kerja:narasi", args=[renja.opd.singkatan, renja.tahun])
        return redirect(f"{url}#bagian-{kunci}")
