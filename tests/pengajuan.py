"""Making the demo Renja of Bappeda 2022 ready to submit, as its planner would: the checker's
three errors (kumulatif indicators whose end target is below the sum of their yearly targets
become non-kumulatif) and a Catatan Penting on each T-C.31 node that differs from the Rancangan
Awal RKPD (the real document leaves them empty, spec §2.3)."""

from renja.models import Indikator, RancanganAwal

KUMULATIF_SALAH = ("5.01.01.2.01.06", "5.01.03.2.01.07", "5.05.02.2.03.02")


def siapkan_pengajuan(renja):
    from laporan.builders.review import catatan_review, review_rkpd

    Indikator.objects.filter(sub_kegiatan__nomenklatur__kode__in=KUMULATIF_SALAH, sifat="kumulatif").update(
        sifat="non_kumulatif"
    )
    for c in catatan_review(review_rkpd(renja)):
        assert c.kunci[0] == "catatan_review"
        RancanganAwal.objects.filter(pk=c.kunci[1]).update(
            catatan_penting=f"Disesuaikan dengan hasil analisis ({c.kode})."
        )
