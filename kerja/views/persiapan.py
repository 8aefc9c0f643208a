"""The onboarding page for admins: per OPD of their Pemda, what the app already holds for year n
and what is missing (planners' accounts, Renstra, Renja n, Tabel 2.1 history, rancangan awal,
realisasi n-1), each missing item with its next step linked. One query for all the OPDs,
whatever their number."""

from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.urls import reverse
from django.views.generic import TemplateView

from anggaran.models import RealisasiAnggaran
from evaluasi.models import RealisasiKinerja
from kerja.views.impor import AdminImporMixin
from renja import akses
from renja.models import Keanggotaan, RancanganAwal, Renja, Renstra

PEMILIK_INDIKATOR = (
    "indikator__sub_kegiatan__kegiatan__program__opd",
    "indikator__kegiatan__program__opd",
    "indikator__program__opd",
    "indikator__sasaran__tujuan__renstra__opd",
    "indikator__tujuan__renstra__opd",
)


def _realisasi_kinerja(**filters):
    owner = Q()
    for path in PEMILIK_INDIKATOR:
        owner |= Q(**{path: OuterRef("pk")})
    return Exists(RealisasiKinerja.objects.filter(owner, **filters))


def _impor(**params):
    return reverse("impor") + "?" + urlencode(params)


class PersiapanView(AdminImporMixin, TemplateView):
    template_name = "kerja/persiapan.html"

    def tahun(self, opd):
        try:
            return int(self.request.GET["tahun"])
        except (KeyError, ValueError):
            latest = Renja.objects.filter(opd__in=opd).aggregate(n=Max("tahun"))["n"]
            return latest or date.today().year + 1

    def get_context_data(self, **kwargs):
        user = self.request.user
        opd = akses.opd_impor(user)
        n = self.tahun(opd)
        rows = (
            opd.select_related("pemda")
            .annotate(
                perencana=Count("keanggotaan", filter=Q(keanggotaan__peran=Keanggotaan.Peran.PERENCANA), distinct=True),
                ada_renstra=Exists(Renstra.objects.filter(opd=OuterRef("pk"), tahun_awal__lte=n, tahun_akhir__gte=n)),
                ada_renja=Exists(Renja.objects.filter(opd=OuterRef("pk"), tahun=n)),
                ada_renja_lalu=Exists(Renja.objects.filter(opd=OuterRef("pk"), tahun=n - 1)),
                ada_riwayat=_realisasi_kinerja(tahun__lte=n - 2),
                ada_ranwal=Exists(
                    RancanganAwal.objects.filter(
                        opd=OuterRef("pk"), tahun=n, bagian=RancanganAwal.Bagian.RANCANGAN_AWAL
                    )
                ),
                ada_realisasi=_realisasi_kinerja(tahun=n - 1)
                | Exists(
                    RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__opd=OuterRef("pk"), tahun=n - 1)
                ),
            )
            .order_by("pemda__nama", "kode")
        )
        baris = [self._baris(o, n) for o in rows]
        pemda = list(akses.pemda_impor(user).annotate(jumlah_opd=Count("perangkat_daerah")).order_by("nama"))
        for p in pemda:
            p.impor_opd = _impor(jenis="opd", pemda=p.pk)
            p.impor_pengguna = _impor(jenis="pengguna", pemda=p.pk)
        return {**super().get_context_data(**kwargs), "tahun": n, "baris": baris, "daftar_pemda": pemda}

    def _baris(self, o, n):
        """The OPD with one (label, done, text, next-step link or None) per item."""
        renja = reverse("laporan:renja", args=[o.singkatan, n])
        mulai = reverse("kerja:mulai-renja", args=[o.singkatan]) + f"?tahun={n}"
        o.butir = [
            (
                "Akun perencana",
                o.perencana > 0,
                f"{o.perencana} perencana" if o.perencana else "belum ada",
                None if o.perencana else ("Impor daftar pengguna", _impor(jenis="pengguna", pemda=o.pemda_id)),
            ),
            (
                "Renstra",
                o.ada_renstra,
                f"mencakup {n}" if o.ada_renstra else f"belum ada yang mencakup {n}",
                None if o.ada_renstra else ("Impor Renstra", _impor(jenis="renstra", opd=o.pk)),
            ),
            (
                f"Renja {n}",
                o.ada_renja,
                "ada" if o.ada_renja else "belum ada",
                ("Buka", renja) if o.ada_renja else self._renja_baru(o, n, mulai),
            ),
            (
                "Riwayat Tabel 2.1",
                o.ada_riwayat,
                f"ada realisasi s/d {n - 2}" if o.ada_riwayat else f"belum ada realisasi s/d {n - 2}",
                None if o.ada_riwayat else ("Impor riwayat Tabel 2.1", _impor(jenis="riwayat", opd=o.pk, tahun=n)),
            ),
            (
                "Rancangan awal RKPD",
                o.ada_ranwal,
                f"ada untuk {n}" if o.ada_ranwal else "belum ada",
                None if o.ada_ranwal else ("Impor rancangan awal", _impor(jenis="ranwal", opd=o.pk, tahun=n)),
            ),
            (
                f"Realisasi {n - 1}",
                o.ada_realisasi,
                "ada" if o.ada_realisasi else "belum ada",
                None if o.ada_realisasi else ("Impor realisasi", _impor(jenis="kinerja", opd=o.pk, tahun=n - 1)),
            ),
        ]
        o.lengkap = all(done for _, done, _, _ in o.butir)
        return o

    @staticmethod
    def _renja_baru(o, n, mulai):
        if o.ada_renja_lalu:
            return ("Perencana memulainya di beranda (Mulai Renja)", reverse("beranda"))
        if not o.ada_renstra:
            return ("Mulai Renstra dan Renja", mulai)
        return ("Impor Renja", _impor(jenis="renja", opd=o.pk, tahun=n))
