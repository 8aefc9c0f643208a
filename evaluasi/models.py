"""Realisasi kinerja per indicator, per year and per triwulan."""

from django.db import models
from simple_history.models import HistoricalRecords

from renja.models import Indikator, NilaiAtauTeks, PerangkatDaerah, Periode, satu_nilai


class RealisasiKinerjaQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(indikator__in=Indikator.objects.for_opd(PerangkatDaerah.objects.for_user(user)))


class RealisasiKinerja(NilaiAtauTeks):
    """Realisasi of one indicator for a year (tahunan) or a quarter. For a kumulatif
    indicator a quarterly value is that quarter's increment; for a non-kumulatif one it is
    the position at the quarter's end (spec §4.2)."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField()
    periode = models.CharField(max_length=8, choices=Periode.choices, default=Periode.TAHUNAN)
    catatan = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = RealisasiKinerjaQuerySet.as_manager()

    class Meta:
        verbose_name = "realisasi kinerja"
        verbose_name_plural = "realisasi kinerja"
        ordering = ["indikator", "tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "periode"],
                name="realisasi_kinerja_unik",
                violation_error_message="Realisasi untuk indikator, tahun dan periode ini sudah ada.",
            ),
            satu_nilai("realisasi_kinerja_satu_nilai"),
        ]

    def __str__(self):
        return f"{self.indikator} {self.tahun} {self.get_periode_display()}"
