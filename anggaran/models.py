"""Money that is not the plan itself: realisasi anggaran per sub kegiatan."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from renja.models import MONEY, PerangkatDaerah, Periode, SubKegiatan


class RealisasiAnggaranQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(sub_kegiatan__kegiatan__program__opd__in=PerangkatDaerah.objects.for_user(user))


class RealisasiAnggaran(models.Model):
    """Budget realised by a sub kegiatan in a year (tahunan) or in one quarter (the
    quarter's own spending, not a running total)."""

    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, related_name="realisasi_anggaran")
    tahun = models.PositiveSmallIntegerField()
    periode = models.CharField(max_length=8, choices=Periode.choices, default=Periode.TAHUNAN)
    nilai = models.DecimalField(**MONEY)
    catatan = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = RealisasiAnggaranQuerySet.as_manager()

    class Meta:
        verbose_name = "realisasi anggaran"
        verbose_name_plural = "realisasi anggaran"
        ordering = ["sub_kegiatan", "tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_kegiatan", "tahun", "periode"],
                name="realisasi_anggaran_unik",
                violation_error_message="Realisasi anggaran untuk sub kegiatan, tahun dan periode ini sudah ada.",
            ),
            models.CheckConstraint(
                condition=Q(nilai__gte=0),
                name="realisasi_anggaran_tidak_negatif",
                violation_error_message="Realisasi anggaran tidak boleh negatif.",
            ),
        ]

    def __str__(self):
        return f"{self.sub_kegiatan} {self.tahun} {self.get_periode_display()}"
