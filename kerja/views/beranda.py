"""The home page: the Renja the user may see, what is waiting for them, and the next step."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Exists, OuterRef
from django.views.generic import ListView

from kerja import menu
from renja import akses, review, tahun_baru
from renja.models import PerangkatDaerah, Renja

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
    for a planner, the button that starts next year's Renja, and for a planner of an OPD with no
    Renja yet the link that starts its first Renstra and Renja."""

    template_name = "kerja/beranda.html"
    context_object_name = "daftar_renja"

    def get_queryset(self):
        berikut = Renja.objects.filter(opd=OuterRef("opd"), tahun=OuterRef("tahun") + 1)
        sebelum = Renja.objects.filter(opd=OuterRef("opd"), tahun=OuterRef("tahun") - 1)
        return (
            Renja.objects.for_user(self.request.user)
            .select_related("opd", "renstra")
            .with_pagu()
            .annotate(ada_berikut=Exists(berikut), ada_sebelum=Exists(sebelum))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        hak = akses.hak(user)
        for renja in context["daftar_renja"]:
            renja.boleh_ubah = hak.boleh_ubah(renja)
            renja.langkah = LANGKAH[renja.status][0 if renja.opd_id in hak.perencana else 1]
            renja.tahun_berikut = tahun_baru.tahun_baru_tersedia(renja) if renja.boleh_ubah else None
            # offered for a draft that follows a Renja; its confirmation page says whether it can be
            renja.boleh_batal = renja.boleh_ubah and renja.status == Renja.Status.DRAF and renja.ada_sebelum
        tanpa_renja = hak.perencana - {r.opd_id for r in context["daftar_renja"]}  # no query when there is none
        context["opd_baru"] = (
            PerangkatDaerah.objects.filter(pk__in=tanpa_renja).order_by("singkatan") if tanpa_renja else []
        )
        context["menunggu"] = review.menunggu(user)
        context["boleh_impor"] = hak.boleh_impor
        context["menu"] = menu.susun(self.request, hak, context["daftar_renja"])  # no query of its own
        context["tahun_review"] = (
            sorted({r.tahun for r in context["daftar_renja"]}, reverse=True) if hak.boleh_review_tahunan else []
        )
        return context
