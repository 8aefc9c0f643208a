"""Money that is not the plan itself: realisasi anggaran per sub kegiatan, and the ceilings of
an OPD's pagu (plafon) per year and sumber dana."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from renja.models import MONEY, Berversi, PerangkatDaerah, Periode, SubKegiatan, SumberDana


class RealisasiAnggaranQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(sub_kegiatan__kegiatan__program__opd__in=PerangkatDaerah.objects.for_user(user))


class RealisasiAnggaran(Berversi):
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


class PlafonAnggaran(models.Model):
    """The ceiling of an OPD's pagu indikatif for a year, as set by the RKPD: in total (no
    sumber dana) or for one sumber dana."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="plafon_anggaran")
    tahun = models.PositiveSmallIntegerField()
    sumber_dana = models.ForeignKey(
        SumberDana, on_delete=models.PROTECT, null=True, blank=True, help_text="kosong: plafon seluruh pagu OPD"
    )
    pagu = models.DecimalField("plafon pagu indikatif", **MONEY)
    keterangan = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "plafon anggaran"
        verbose_name_plural = "plafon anggaran"
        ordering = ["tahun", "opd", "sumber_dana"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "sumber_dana"],
                condition=Q(sumber_dana__isnull=False),
                name="plafon_per_sumber_dana_unik",
                violation_error_message="Plafon OPD untuk tahun dan sumber dana ini sudah ada.",
            ),
            models.UniqueConstraint(
                fields=["opd", "tahun"],
                condition=Q(sumber_dana__isnull=True),
                name="plafon_total_unik",
                violation_error_message="Plafon total OPD untuk tahun ini sudah ada.",
            ),
            models.CheckConstraint(
                condition=Q(pagu__gte=0),
                name="plafon_tidak_negatif",
                violation_error_message="Plafon tidak boleh negatif.",
            ),
        ]

    def __str__(self):
        return f"Plafon {self.opd.singkatan} {self.tahun} {self.sumber_dana or 'total'}"

    def clean(self):
        if self.sumber_dana_id and self.opd_id and self.sumber_dana.pemda_id != self.opd.pemda_id:
            raise ValidationError({"sumber_dana": "Sumber dana bukan milik Pemda OPD ini."})
