"""Realisasi kinerja per indicator, per year and per triwulan; the quarterly monitoring around it
(monev): Bappeda's schedule, each OPD's triwulan report with its status, reopenings, the
explanations per indicator and Bappeda's notes."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from renja.models import Berversi, Indikator, NilaiAtauTeks, Pemda, PerangkatDaerah, Periode, Renja, satu_nilai


class RealisasiKinerjaQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(indikator__in=Indikator.objects.for_opd(PerangkatDaerah.objects.for_user(user)))


class RealisasiKinerja(NilaiAtauTeks, Berversi):
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


TRIWULAN = [(value, label) for value, label in Periode.choices if value != Periode.TAHUNAN]


class JadwalMonev(models.Model):
    """When the OPDs of a Pemda enter a triwulan of a year: from ``dibuka`` to ``ditutup``
    (inclusive). After the close an OPD's triwulan is locked unless Bappeda reopens it."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="jadwal_monev")
    tahun = models.PositiveSmallIntegerField()
    periode = models.CharField(max_length=8, choices=TRIWULAN)
    dibuka = models.DateField()
    ditutup = models.DateField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "jadwal monev"
        verbose_name_plural = "jadwal monev"
        ordering = ["pemda", "tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "tahun", "periode"],
                name="jadwal_monev_unik",
                violation_error_message="Jadwal untuk tahun dan triwulan ini sudah ada.",
            ),
            models.CheckConstraint(
                condition=Q(dibuka__lte=models.F("ditutup")),
                name="jadwal_monev_urut",
                violation_error_message="Tanggal dibuka harus sebelum atau sama dengan tanggal ditutup.",
            ),
        ]

    def __str__(self):
        return f"Jadwal {self.get_periode_display()} {self.tahun}"


class LaporanTriwulan(models.Model):
    """An OPD's report of one triwulan of its Renja year: its status changes only through the
    actions of kerja.alur (AKSI_MONEV); a verified report is locked."""

    class Status(models.TextChoices):
        DRAF = "draf", "Draf"
        DIAJUKAN = "diajukan", "Diajukan ke Bappeda"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan untuk perbaikan"
        DIVERIFIKASI = "diverifikasi", "Diverifikasi"

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="laporan_triwulan")
    periode = models.CharField(max_length=8, choices=TRIWULAN)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.DRAF)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "laporan triwulan"
        verbose_name_plural = "laporan triwulan"
        ordering = ["renja", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["renja", "periode"],
                name="laporan_triwulan_unik",
                violation_error_message="Laporan triwulan ini sudah ada.",
            )
        ]

    def __str__(self):
        return f"{self.renja} {self.get_periode_display()}"


class BukaKembali(models.Model):
    """Bappeda reopened a closed triwulan for one OPD until ``sampai``: who, when and why."""

    laporan = models.ForeignKey(LaporanTriwulan, on_delete=models.CASCADE, related_name="buka_kembali")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    sampai = models.DateField()
    alasan = models.TextField()

    class Meta:
        verbose_name = "buka kembali triwulan"
        verbose_name_plural = "buka kembali triwulan"
        ordering = ["laporan", "-dibuat", "-pk"]

    def __str__(self):
        return f"{self.laporan} dibuka kembali s/d {self.sampai:%d-%m-%Y}"


class PenjelasanTriwulan(Berversi):
    """Why an indicator reached what it reached in a triwulan, and what follows: the footer lines
    of the form "Evaluasi terhadap Hasil Renja" and Bab II of the next Renja."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="penjelasan_triwulan")
    tahun = models.PositiveSmallIntegerField()
    periode = models.CharField(max_length=8, choices=TRIWULAN)
    faktor_pendorong = models.TextField(blank=True, max_length=2000)
    faktor_penghambat = models.TextField(blank=True, max_length=2000)
    tindak_lanjut_triwulan = models.TextField("tindak lanjut triwulan berikutnya", blank=True, max_length=2000)
    tindak_lanjut_renja = models.TextField("tindak lanjut Renja berikutnya", blank=True, max_length=2000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "penjelasan triwulan"
        verbose_name_plural = "penjelasan triwulan"
        ordering = ["indikator", "tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "periode"],
                name="penjelasan_triwulan_unik",
                violation_error_message="Penjelasan untuk indikator, tahun dan triwulan ini sudah ada.",
            )
        ]

    def __str__(self):
        return f"Penjelasan {self.indikator} {self.tahun} {self.get_periode_display()}"


class CatatanMonev(models.Model):
    """Bappeda's note on a triwulan report: on one indicator's row, or on the whole report (the
    reason it was returned)."""

    laporan = models.ForeignKey(LaporanTriwulan, on_delete=models.CASCADE, related_name="catatan")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    penulis = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    isi = models.TextField()
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "catatan monev"
        verbose_name_plural = "catatan monev"
        ordering = ["laporan", "dibuat", "pk"]

    def __str__(self):
        return f"{self.penulis} pada {self.laporan}: {self.isi[:60]}"


def _jalur_bukti(bukti, nama):
    """Where the file is stored under MEDIA_ROOT: a random name with the extension of what its
    content is (evaluasi.bukti), never the user's name."""
    return f"bukti/{bukti.renja_id}/{uuid.uuid4().hex}.{nama.rsplit('.', 1)[-1]}"


class BuktiDukung(models.Model):
    """An evidence file (bukti dukung) of one indicator in one triwulan of a Renja year, uploaded
    by the OPD from the monev grid. Added and deleted only through evaluasi.bukti (the triwulan
    lock and the OPD's right are checked there); its history keeps who added and deleted it."""

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="bukti_dukung")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="bukti_dukung")
    periode = models.CharField(max_length=8, choices=TRIWULAN)
    berkas = models.FileField(upload_to=_jalur_bukti, max_length=200)
    nama = models.CharField("nama berkas", max_length=120, help_text="the uploaded name, sanitised")
    jenis = models.CharField("jenis isi", max_length=100, help_text="content type found in the content")
    ukuran = models.PositiveIntegerField(help_text="bytes")
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    diunggah_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["renja", "periode", "indikator", "diunggah_pada", "pk"]

    def __str__(self):
        return f"{self.nama} ({self.get_periode_display()})"
