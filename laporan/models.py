"""A document made by a worker (``laporan.tugas``): the job and, once done, its file.

An import's dry run and its apply are such jobs too (``unggahan``), each file the JSON of
its result.

One row per download key (which report of which Renja, in which format and paper) and content
version (``laporan.versi``): the same request for an unchanged Renja finds the same row, a save
makes a new version and so a new row. A row of a finalised Renja is kept with its
``PenetapanRenja`` and never made again nor cleaned up."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from renja import akses
from renja.models import Pemda, PenetapanRenja, Renja, UnggahanImpor


class BerkasQuerySet(models.QuerySet):
    def for_user(self, user):
        """The jobs whose result ``user`` may download: a Renja's for whoever may see it
        (``akses.opd_lihat``), a whole year's (cetak semua) for Bappeda of its Pemda only, an
        upload's dry run for whoever may import into its OPD or Pemda only."""
        return self.filter(
            Q(renja__opd__in=akses.opd_lihat(user))
            | Q(renja__isnull=True, unggahan__isnull=True, pemda__in=akses.opd_review(user).values("pemda"))
            | Q(unggahan__opd__in=akses.opd_impor(user))
            | Q(unggahan__pemda__in=akses.pemda_impor(user))
        )


class Berkas(models.Model):
    class Status(models.TextChoices):
        ANTRI = "antri", "Menunggu giliran"
        JALAN = "jalan", "Sedang dibuat"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    kunci = models.CharField(max_length=200, help_text="what is made, e.g. renja/12/dokumen.pdf?kertas=a4")
    versi = models.CharField(max_length=100, help_text="content version of the data it is made from")
    opsi = models.JSONField(default=dict, help_text="the parameters the worker makes it from")
    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    unggahan = models.ForeignKey(
        UnggahanImpor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pekerjaan",
        help_text="the upload whose dry run or apply this job is (its result: a JSON file)",
    )
    penetapan = models.ForeignKey(PenetapanRenja, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    nama = models.CharField(max_length=200, help_text="file name offered on download")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANTRI)
    selesai = models.PositiveIntegerField(default=0, help_text="parts done")
    jumlah = models.PositiveIntegerField(default=0, help_text="parts in all (0: not known yet)")
    tahap = models.CharField(max_length=200, blank=True, help_text="what the worker is doing, for the user")
    percobaan = models.PositiveSmallIntegerField(default=0)
    pesan = models.TextField(blank=True, help_text="why it failed, for the user")
    berkas = models.FileField(upload_to="laporan/", blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(help_text="last report from the worker")
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = BerkasQuerySet.as_manager()

    class Meta:
        verbose_name = "berkas laporan"
        verbose_name_plural = "berkas laporan"
        constraints = [models.UniqueConstraint(fields=["kunci", "versi"], name="berkas_kunci_versi_unik")]
        indexes = [models.Index(fields=["diperbarui"], name="berkas_diperbarui")]

    def __str__(self):
        return f"{self.nama} ({self.get_status_display()})"

    @property
    def siap(self):
        return self.status == self.Status.SELESAI and bool(self.berkas)
