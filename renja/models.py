"""Planning data: Pemda, Perangkat Daerah, nomenclature, Renstra, indicators, Renja.

Money is Decimal (18,2). A parent's pagu (kegiatan, program, sasaran, tujuan, OPD) is
never stored: it is the sum of the sub kegiatan rows of a Renja.

Longer than the house's 400 lines on purpose: Django keeps an app's models in one module, and
the planning data is one schema whose models point at each other; splitting it into a package
would only scatter the constraints that tie them together.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from renja import kode as kodefikasi
from renja.teks import bersihkan_nip

MONEY = {"max_digits": 18, "decimal_places": 2}
SEN = Decimal("0.01")
VALUE = {"max_digits": 20, "decimal_places": 4}


class Periode(models.TextChoices):
    """Reporting period of a realisasi (used by evaluasi and anggaran)."""

    TAHUNAN = "tahunan", "Tahunan"
    TW1 = "tw1", "Triwulan I"
    TW2 = "tw2", "Triwulan II"
    TW3 = "tw3", "Triwulan III"
    TW4 = "tw4", "Triwulan IV"


def satu_nilai(name):
    """Constraint: a value is either a number (``nilai``) or a qualitative text (``nilai_teks``), never both or neither."""
    return models.CheckConstraint(
        condition=(Q(nilai__isnull=False) & Q(nilai_teks="")) | (Q(nilai__isnull=True) & ~Q(nilai_teks="")),
        name=name,
        violation_error_message="Isi nilai angka atau nilai kualitatif, tidak keduanya.",
    )


class NilaiAtauTeks(models.Model):
    """A value that is a number (``nilai``) or a qualitative text (``nilai_teks``), exactly one of
    them; each model adds the ``satu_nilai`` constraint under its own name."""

    nilai = models.DecimalField(**VALUE, null=True, blank=True)
    nilai_teks = models.CharField("nilai kualitatif", max_length=120, blank=True)

    class Meta:
        abstract = True

    @property
    def isi(self):
        """The stored value: the number, else the text."""
        return self.nilai if self.nilai is not None else self.nilai_teks


class Berversi(models.Model):
    """A row saved with optimistic locking: a change names the ``versi`` it was made on and
    raises it, so a change made on an older version is refused."""

    versi = models.PositiveIntegerField(default=1, editable=False, help_text="nomor versi untuk penguncian optimistis")

    class Meta:
        abstract = True


# --------------------------------------------------------------------------- Pemda / OPD


def validasi_nip(value):
    try:
        if bersihkan_nip(value) != value:
            raise ValueError("NIP ditulis sebagai 18 angka tanpa spasi")
    except ValueError as e:
        raise ValidationError(str(e)) from None


class KepalaOPD(models.Model):
    """Who signs for a Perangkat Daerah: its Kepala's name, NIP, pangkat/golongan and jabatan
    (the OPD's current Kepala, and the one a Renja is signed by)."""

    kepala_nama = models.CharField("nama Kepala Perangkat Daerah", max_length=200, blank=True)
    kepala_nip = models.CharField("NIP Kepala", max_length=18, blank=True, validators=[validasi_nip])
    kepala_pangkat = models.CharField("pangkat/golongan Kepala", max_length=100, blank=True)
    kepala_jabatan = models.CharField(
        "jabatan Kepala", max_length=200, blank=True, help_text="mis. Kepala Badan Perencanaan Pembangunan Daerah"
    )

    KOLOM_KEPALA = ("kepala_nama", "kepala_nip", "kepala_pangkat", "kepala_jabatan")

    class Meta:
        abstract = True

    def kepala(self):
        return {name: getattr(self, name) for name in self.KOLOM_KEPALA}


class Pemda(models.Model):
    class Jenis(models.TextChoices):
        KOTA = "kota", "Kota"
        KABUPATEN = "kabupaten", "Kabupaten"
        PROVINSI = "provinsi", "Provinsi"

    kode = models.CharField("kode wilayah", max_length=13, unique=True)
    nama = models.CharField(max_length=200)
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    nomenklatur_versi = models.ForeignKey(
        "NomenklaturVersi",
        on_delete=models.PROTECT,
        related_name="pemda_berlaku",
        verbose_name="versi nomenklatur berlaku",
    )
    bappeda = models.ForeignKey(
        "PerangkatDaerah",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Bappeda",
        help_text="Perangkat Daerah yang Kepalanya menandatangani formulir evaluasi (Dievaluasi)",
    )

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"

    def __str__(self):
        return self.nama

    def clean(self):
        if self.bappeda_id and self.bappeda.pemda_id != self.pk:
            raise ValidationError({"bappeda": "Bappeda harus Perangkat Daerah Pemda ini."})


class PerangkatDaerahQuerySet(models.QuerySet):
    def for_user(self, user):
        """OPDs the user may see (renja.akses.opd_lihat)."""
        from renja import akses

        return self.filter(pk__in=akses.opd_lihat(user).values("pk"))

    def for_admin(self, user):
        """OPDs into which ``user`` may import (renja.akses.opd_impor)."""
        from renja import akses

        return self.filter(pk__in=akses.opd_impor(user).values("pk"))


class PerangkatDaerah(KepalaOPD):
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="perangkat_daerah")
    kode = models.CharField("kode SKPD", max_length=40)
    nama = models.CharField(max_length=200)
    singkatan = models.CharField(max_length=30)
    bidang_urusan = models.ManyToManyField(
        "Nomenklatur",
        related_name="perangkat_daerah",
        limit_choices_to={"level": kodefikasi.BIDANG_URUSAN},
        blank=True,
    )
    aktif = models.BooleanField(default=True)

    objects = PerangkatDaerahQuerySet.as_manager()

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "kode"], name="opd_kode_unik"),
            models.UniqueConstraint(fields=["pemda", "singkatan"], name="opd_singkatan_unik"),
        ]

    def __str__(self):
        return f"{self.singkatan} – {self.nama}"


class UnitKerja(models.Model):
    """Bidang/Bagian/Sekretariat of an OPD; the penanggung jawab of Renja items."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="unit_kerja")
    kode = models.CharField(max_length=30)
    nama = models.CharField(max_length=200)
    jabatan = models.CharField("jabatan kepala unit", max_length=120, blank=True)

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["opd", "kode"]
        constraints = [models.UniqueConstraint(fields=["opd", "kode"], name="unit_kerja_kode_unik")]

    def __str__(self):
        return self.jabatan or self.nama


class Keanggotaan(models.Model):
    """A user's role: planner of one OPD, or reviewer/admin for a whole Pemda."""

    class Peran(models.TextChoices):
        PERENCANA = "perencana", "Perencana OPD"
        REVIEWER = "reviewer", "Reviewer Bappeda"
        ADMIN = "admin", "Admin"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="keanggotaan")
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="keanggotaan")
    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, null=True, blank=True, related_name="keanggotaan"
    )
    peran = models.CharField(max_length=12, choices=Peran.choices)

    class Meta:
        verbose_name = "keanggotaan"
        verbose_name_plural = "keanggotaan"
        constraints = [
            models.UniqueConstraint(fields=["user", "pemda", "opd", "peran"], name="keanggotaan_unik"),
            models.CheckConstraint(
                condition=~Q(peran="perencana") | Q(opd__isnull=False),
                name="perencana_wajib_opd",
                violation_error_message="Perencana OPD wajib terikat pada satu Perangkat Daerah.",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_peran_display()} – {self.opd or self.pemda}"

    def clean(self):
        if self.opd_id and self.opd.pemda_id != self.pemda_id:
            raise ValidationError({"opd": "Perangkat Daerah tidak berada di Pemda yang sama."})


class Profil(models.Model):
    """What the app keeps of a user besides Django's account: the NIP, and whether the password
    is a one-time one that must be changed at the next log-in (an account made by an import)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profil")
    nip = models.CharField("NIP", max_length=18, blank=True)
    wajib_ganti_sandi = models.BooleanField("wajib ganti kata sandi saat masuk", default=False)

    class Meta:
        verbose_name = "profil pengguna"
        verbose_name_plural = "profil pengguna"

    def __str__(self):
        return str(self.user)


class LogoPemda(models.Model):
    """The Pemda's logo for the document's cover: a PNG re-encoded from the upload
    (renja.identitas.baca_logo), kept in the database; its history keeps who and when, not
    the image."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="logo")
    png = models.BinaryField()
    lebar = models.PositiveIntegerField()
    tinggi = models.PositiveIntegerField()
    diunggah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["png"])

    class Meta:
        verbose_name = "logo Pemda"
        verbose_name_plural = "logo Pemda"

    def __str__(self):
        return f"Logo {self.pemda}"


# --------------------------------------------------------------------------- nomenklatur


class NomenklaturVersi(models.Model):
    """A code system: a Permendagri 90 master version, or a legacy local code tree (spec R-5)."""

    kode = models.SlugField(max_length=60, unique=True)
    nama = models.CharField(max_length=200)
    regulasi = models.CharField(max_length=200, blank=True)
    berlaku_mulai = models.PositiveSmallIntegerField("berlaku mulai tahun", null=True, blank=True)
    panjang_sub_kegiatan = models.PositiveSmallIntegerField(default=2)
    lama = models.BooleanField("kode lama (sebelum Permendagri 90)", default=False)
    pemda = models.ForeignKey(
        "Pemda",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kode_lama",
        help_text="Hanya untuk kode lama: pohon kode lokal milik Pemda ini (renja.lama).",
    )
    sumber = models.TextField(blank=True)

    class Meta:
        verbose_name = "versi nomenklatur"
        verbose_name_plural = "versi nomenklatur"
        constraints = [
            models.CheckConstraint(
                condition=Q(panjang_sub_kegiatan__in=[2, 4]),
                name="panjang_sub_kegiatan_2_atau_4",
            )
        ]

    def __str__(self):
        return self.nama


class Nomenklatur(models.Model):
    class Level(models.TextChoices):
        URUSAN = kodefikasi.URUSAN, "Urusan"
        BIDANG_URUSAN = kodefikasi.BIDANG_URUSAN, "Bidang Urusan"
        PROGRAM = kodefikasi.PROGRAM, "Program"
        KEGIATAN = kodefikasi.KEGIATAN, "Kegiatan"
        SUB_KEGIATAN = kodefikasi.SUB_KEGIATAN, "Sub Kegiatan"

    versi = models.ForeignKey(NomenklaturVersi, on_delete=models.PROTECT, related_name="nomenklatur")
    kode = models.CharField(max_length=30)
    level = models.CharField(max_length=15, choices=Level.choices)
    nama = models.CharField(max_length=400)
    induk = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="anak")

    class Meta:
        verbose_name = "nomenklatur"
        verbose_name_plural = "nomenklatur"
        ordering = ["versi", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["versi", "kode"], name="nomenklatur_kode_unik"),
            models.CheckConstraint(condition=Q(level__in=list(kodefikasi.LEVEL_LABEL)), name="nomenklatur_level_valid"),
        ]
        indexes = [models.Index(fields=["versi", "level"])]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    def clean(self):
        if self.versi.lama:  # a legacy code is kept as the Renstra wrote it (renja.lama)
            return
        try:
            normal = kodefikasi.normalisasi_kode(self.kode, self.versi.panjang_sub_kegiatan)
        except kodefikasi.KodeTidakValid as exc:
            raise ValidationError({"kode": exc.messages}) from exc
        if normal != self.kode:
            raise ValidationError({"kode": f'Kode harus ditulis dalam bentuk baku "{normal}".'})
        if kodefikasi.level_kode(normal) != self.level:
            raise ValidationError(
                {"level": f'Kode "{normal}" adalah kode {kodefikasi.LEVEL_LABEL[kodefikasi.level_kode(normal)]}.'}
            )
        induk_kode = kodefikasi.kode_induk(normal)
        if induk_kode is None:
            if self.induk_id:
                raise ValidationError({"induk": "Urusan tidak mempunyai induk."})
        elif self.induk is None or self.induk.kode != induk_kode or self.induk.versi_id != self.versi_id:
            raise ValidationError({"induk": f'Induk dari "{normal}" harus "{induk_kode}" pada versi yang sama.'})


class KodeCrosswalk(models.Model):
    """Maps a legacy or older code to the current nomenclature node (spec §3.4)."""

    dari_versi = models.ForeignKey(NomenklaturVersi, on_delete=models.PROTECT, related_name="crosswalk_keluar")
    dari_kode = models.CharField(max_length=40)
    ke = models.ForeignKey(Nomenklatur, on_delete=models.PROTECT, related_name="crosswalk_masuk")
    keterangan = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "crosswalk kode"
        verbose_name_plural = "crosswalk kode"
        constraints = [models.UniqueConstraint(fields=["dari_versi", "dari_kode"], name="crosswalk_unik")]

    def __str__(self):
        return f"{self.dari_kode} ({self.dari_versi.kode}) → {self.ke.kode}"


# --------------------------------------------------------------------------- plan tree of an OPD


class NodeMixin(models.Model):
    """Program/Kegiatan/SubKegiatan of an OPD; code and printed name come from the master."""

    nomenklatur = models.ForeignKey(Nomenklatur, on_delete=models.PROTECT, related_name="+")
    nama_alias = models.CharField(
        "nama dalam dokumen sumber",
        max_length=400,
        blank=True,
        help_text="Nama seperti tertulis di dokumen asal; yang dicetak selalu nama nomenklatur.",
    )

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.nomenklatur.kode} {self.nomenklatur.nama}"

    @property
    def kode(self):
        return self.nomenklatur.kode

    @property
    def nama(self):
        return self.nomenklatur.nama

    def _check_level(self, level, parent):
        """The node's code is of ``level`` and directly under the code of ``parent`` (its
        program or kegiatan node; None for a program)."""
        if self.nomenklatur.level != level:
            raise ValidationError(
                {"nomenklatur": f"Kode {self.nomenklatur.kode} bukan kode {kodefikasi.LEVEL_LABEL[level]}."}
            )
        if parent is not None and self.nomenklatur.induk_id != parent.nomenklatur_id:
            raise ValidationError(
                {"nomenklatur": f"Kode {self.nomenklatur.kode} tidak berada di bawah {parent.nomenklatur.kode}."}
            )


class Program(NodeMixin):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="program")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "program"
        verbose_name_plural = "program"
        constraints = [models.UniqueConstraint(fields=["opd", "nomenklatur"], name="program_unik")]

    def clean(self):
        self._check_level(kodefikasi.PROGRAM, None)


class Kegiatan(NodeMixin):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="kegiatan")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        constraints = [models.UniqueConstraint(fields=["program", "nomenklatur"], name="kegiatan_unik")]

    def clean(self):
        self._check_level(kodefikasi.KEGIATAN, self.program)


class SubKegiatanQuerySet(models.QuerySet):
    def for_opd(self, opd):
        return self.filter(kegiatan__program__opd=opd)


class SubKegiatan(NodeMixin):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="sub_kegiatan")
    history = HistoricalRecords()

    objects = SubKegiatanQuerySet.as_manager()

    class Meta:
        verbose_name = "sub kegiatan"
        verbose_name_plural = "sub kegiatan"
        constraints = [models.UniqueConstraint(fields=["kegiatan", "nomenklatur"], name="sub_kegiatan_unik")]

    def clean(self):
        self._check_level(kodefikasi.SUB_KEGIATAN, self.kegiatan)


# --------------------------------------------------------------------------- Renstra


class Renstra(models.Model):
    class Status(models.TextChoices):
        DRAF = "draf", "Draf"
        DITETAPKAN = "ditetapkan", "Ditetapkan"
        REVISI = "revisi", "Revisi Renstra (draf)"

    # The OPD's planners change the Renstra's tujuan, sasaran, their indicators and every Renstra
    # target only in these statuses; otherwise only a workflow action (kerja.alur.AKSI_RENSTRA).
    STATUS_TERBUKA = frozenset({Status.DRAF, Status.REVISI})

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="renstra")
    tahun_awal = models.PositiveSmallIntegerField()
    tahun_akhir = models.PositiveSmallIntegerField()
    nomor_dokumen = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAF)
    alasan_revisi = models.TextField("alasan revisi terakhir", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun_awal"], name="renstra_unik"),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gt=models.F("tahun_awal")),
                name="renstra_periode_valid",
                violation_error_message="Tahun akhir Renstra harus setelah tahun awal.",
            ),
        ]

    def __str__(self):
        return f"Renstra {self.opd.singkatan} {self.tahun_awal}–{self.tahun_akhir}"

    @property
    def terbuka(self):
        """Whether the Renstra may be changed now (draf, revisi)."""
        return self.status in self.STATUS_TERBUKA

    @property
    def tahun(self):
        """The years of the period, first to last."""
        return list(range(self.tahun_awal, self.tahun_akhir + 1))

    def nodes(self):
        """The Renstra's tujuan and sasaran, as unevaluated querysets keyed by the indicator
        owner field (as ``Renja.nodes`` for its programs, kegiatan and sub kegiatan)."""
        return {"tujuan": Tujuan.objects.filter(renstra=self), "sasaran": Sasaran.objects.filter(tujuan__renstra=self)}

    def milik(self, objek):
        """What of kind ``objek`` belongs to the Renstra, as a queryset (as ``Renja.milik``): no
        sub kegiatan rows ("sub"), the indicators of its own tujuan and sasaran ("indikator")."""
        if objek == "sub":
            return RenjaSubKegiatan.objects.none()
        return Indikator.objects.filter(Q(tujuan__renstra=self) | Q(sasaran__tujuan__renstra=self))

    def punya(self, objek, pk):
        """Whether object ``pk`` of kind ``objek`` belongs to the Renstra (one query)."""
        return self.milik(objek).filter(pk=pk).exists()


class Tujuan(Berversi):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    nomor = models.CharField(max_length=10)
    uraian = models.TextField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"
        ordering = ["renstra", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["renstra", "nomor"],
                name="tujuan_unik",
                violation_error_message="Nomor tujuan ini sudah dipakai tujuan lain di Renstra yang sama.",
            )
        ]

    def __str__(self):
        return f"Tujuan {self.nomor}. {self.uraian}"


class Sasaran(Berversi):
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    nomor = models.CharField(max_length=10)
    uraian = models.TextField()
    program = models.ManyToManyField(Program, related_name="sasaran", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "sasaran"
        verbose_name_plural = "sasaran"
        ordering = ["tujuan", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["tujuan", "nomor"],
                name="sasaran_unik",
                violation_error_message="Nomor sasaran ini sudah dipakai sasaran lain di tujuan yang sama.",
            )
        ]

    def __str__(self):
        return f"Sasaran {self.nomor}. {self.uraian}"


class PaguRenstra(Berversi):
    """The Renstra's kerangka pendanaan: the pagu indikatif of one of the OPD's sub kegiatan for
    one year of the Renstra's period (the Renstra table "Rencana Program, Kegiatan dan
    Pendanaan", kolom Rp per year). Only sub kegiatan are stored: a kegiatan's, program's or
    sasaran's pagu is their sum, never stored. Locked with its Renstra (renja.kunci)."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="pagu")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.PROTECT, related_name="pagu_renstra")
    tahun = models.PositiveSmallIntegerField()
    pagu = models.DecimalField("pagu indikatif Renstra", **MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pagu Renstra"
        verbose_name_plural = "pagu Renstra"
        ordering = ["renstra", "sub_kegiatan", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["renstra", "sub_kegiatan", "tahun"],
                name="pagu_renstra_unik",
                violation_error_message="Pagu Renstra untuk sub kegiatan dan tahun ini sudah ada.",
            )
        ]

    def __str__(self):
        return f"Pagu {self.sub_kegiatan} {self.tahun}: {self.pagu}"


# --------------------------------------------------------------------------- indikator


class IndikatorQuerySet(models.QuerySet):
    def for_opd(self, opd):
        """Indicators of the tujuan, sasaran, programs, kegiatan and sub kegiatan of ``opd`` (one
        OPD or a QuerySet of them), as subqueries."""
        opds = opd if isinstance(opd, models.QuerySet) else [opd]
        return self.filter(
            Q(sub_kegiatan__in=SubKegiatan.objects.filter(kegiatan__program__opd__in=opds))
            | Q(kegiatan__in=Kegiatan.objects.filter(program__opd__in=opds))
            | Q(program__in=Program.objects.filter(opd__in=opds))
            | Q(sasaran__in=Sasaran.objects.filter(tujuan__renstra__opd__in=opds))
            | Q(tujuan__in=Tujuan.objects.filter(renstra__opd__in=opds))
        )

    def for_renja(self, renja):
        """Indicators of a Renja's sub kegiatan and of the kegiatan and programs above them (as
        subqueries: one query, each indicator once)."""
        owners = Q()
        for level, nodes in renja.nodes().items():
            owners |= Q(**{f"{level}__in": nodes})
        return self.filter(owners)

    def with_tahun_renja(self, tahun):
        """Each indicator's ``di_tahun``: whether it belongs to the Renja of ``tahun`` rather than
        only to other years. It belongs when it has a target of year n (Renja or Renstra) or of
        n+1 (prakiraan maju or Renstra), or no dated target at all (just added, still to be
        filled), or had such a target once (its history holds one: a planner who empties the
        target n keeps the row, to type it again). It does not when all its dated targets are,
        and were, of other years, as the indicators only Tabel 2.1 (T-C.29) carries: targets of
        n-2 and n-1 and the end of the Renstra. The workspace, T-C.31's Hasil Analisis
        Kebutuhan taken from the Renja and T-C.33 leave those out. Subqueries: no query of their
        own."""
        tahun_ini = Q(jenis__in=[Target.Jenis.RENJA, Target.Jenis.RENSTRA], tahun=tahun) | Q(
            jenis__in=[Target.Jenis.PRAKIRAAN_MAJU, Target.Jenis.RENSTRA], tahun=tahun + 1
        )
        dated = Target.objects.filter(indikator=models.OuterRef("pk")).exclude(jenis=Target.Jenis.AKHIR_RENSTRA)
        pernah = Target.history.filter(tahun_ini, indikator_id=models.OuterRef("pk"))
        return self.annotate(
            di_tahun=models.ExpressionWrapper(
                Q(models.Exists(dated.filter(tahun_ini))) | Q(models.Exists(pernah)) | ~Q(models.Exists(dated)),
                output_field=models.BooleanField(),
            )
        )

    def tahun_renja(self, tahun):
        """Only the indicators that belong to the Renja of ``tahun`` (``with_tahun_renja``)."""
        return self.with_tahun_renja(tahun).filter(di_tahun=True)

    def with_nilai(self):
        """Owners' codes, targets and realisasi in a fixed number of queries (no query per row)."""
        return self.select_related(
            "sub_kegiatan__nomenklatur",
            "kegiatan__nomenklatur",
            "program__nomenklatur",
            "sasaran",
            "tujuan",
        ).prefetch_related("target", "realisasi")


class Indikator(Berversi):
    class TipeNilai(models.TextChoices):
        ANGKA = "angka", "Angka"
        PERSEN = "persen", "Persen"
        INDEKS = "indeks", "Indeks/skor"
        KUALITATIF = "kualitatif", "Kualitatif"
        KATEGORI = "kategori", "Kategori (berjenjang)"

    class Sifat(models.TextChoices):
        KUMULATIF = "kumulatif", "Kumulatif"
        NON_KUMULATIF = "non_kumulatif", "Non-kumulatif (posisi akhir)"
        RATA_RATA = "rata_rata", "Rata-rata"

    class Polaritas(models.TextChoices):
        POSITIF = "positif", "Positif (makin tinggi makin baik)"
        NEGATIF = "negatif", "Negatif (makin rendah makin baik)"

    class MetodeNegatif(models.TextChoices):
        RASIO_TERBALIK = "rasio_terbalik", "Target / realisasi × 100"
        SELISIH = "selisih", "(2 × target − realisasi) / target × 100"

    OWNER_FIELDS = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")

    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator")
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    urutan = models.PositiveSmallIntegerField(default=0)
    nama = models.TextField()
    satuan = models.CharField(max_length=60, blank=True)
    tipe_nilai = models.CharField(max_length=12, choices=TipeNilai.choices, default=TipeNilai.ANGKA)
    sifat = models.CharField(max_length=14, choices=Sifat.choices, default=Sifat.KUMULATIF)
    polaritas = models.CharField(max_length=8, choices=Polaritas.choices, default=Polaritas.POSITIF)
    metode_negatif = models.CharField(
        "metode capaian polaritas negatif", max_length=16, choices=MetodeNegatif.choices, blank=True
    )
    skala_kategori = models.JSONField(
        "skala kategori (rendah → tinggi)",
        default=list,
        blank=True,
        help_text='Hanya untuk tipe kategori, mis. ["Kurang Inovatif", "Inovatif", "Sangat Inovatif"].',
    )
    rumus = models.TextField("rumus/formula", blank=True)
    rumus_terstruktur = models.JSONField(default=dict, blank=True, help_text="pembilang, penyebut, pengali, agregasi")
    penjelasan = models.TextField("penjelasan/keterangan", blank=True)
    history = HistoricalRecords()

    objects = IndikatorQuerySet.as_manager()

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(tujuan__isnull=False, sasaran=None, program=None, kegiatan=None, sub_kegiatan=None)
                    | Q(tujuan=None, sasaran__isnull=False, program=None, kegiatan=None, sub_kegiatan=None)
                    | Q(tujuan=None, sasaran=None, program__isnull=False, kegiatan=None, sub_kegiatan=None)
                    | Q(tujuan=None, sasaran=None, program=None, kegiatan__isnull=False, sub_kegiatan=None)
                    | Q(tujuan=None, sasaran=None, program=None, kegiatan=None, sub_kegiatan__isnull=False)
                ),
                name="indikator_satu_pemilik",
                violation_error_message="Indikator harus melekat pada tepat satu tujuan, sasaran, program, kegiatan atau sub kegiatan.",
            ),
            models.CheckConstraint(
                condition=~Q(sifat="kumulatif") | Q(tipe_nilai="angka"),
                name="indikator_kumulatif_hanya_angka",
                violation_error_message="Hanya indikator angka yang boleh kumulatif: persentase, indeks dan kategori tidak dijumlahkan.",
            ),
            models.CheckConstraint(
                condition=Q(polaritas="positif") | ~Q(metode_negatif=""),
                name="indikator_negatif_wajib_metode",
                violation_error_message="Indikator berpolaritas negatif wajib memilih metode capaian.",
            ),
        ]

    def __str__(self):
        return self.nama

    @property
    def level(self):
        for field in self.OWNER_FIELDS:
            if getattr(self, f"{field}_id"):
                return field
        return None

    @property
    def pemilik(self):
        return getattr(self, self.level) if self.level else None

    def clean(self):
        if self.tipe_nilai == self.TipeNilai.KATEGORI and len(self.skala_kategori or []) < 2:
            raise ValidationError(
                {"skala_kategori": "Indikator kategori wajib mempunyai skala berurutan (minimal 2 tingkat)."}
            )


class Target(NilaiAtauTeks, Berversi):
    class Jenis(models.TextChoices):
        RENSTRA = "renstra", "Target Renstra tahunan"
        AKHIR_RENSTRA = "akhir_renstra", "Target akhir periode Renstra"
        RENJA = "renja", "Target Renja tahun n"
        PRAKIRAAN_MAJU = "prakiraan_maju", "Prakiraan maju (n+1)"

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=16, choices=Jenis.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "target"
        verbose_name_plural = "target"
        ordering = ["indikator", "tahun", "jenis"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "jenis"],
                name="target_unik",
                violation_error_message="Target untuk indikator, tahun dan jenis ini sudah ada.",
            ),
            satu_nilai("target_satu_nilai"),
        ]

    def __str__(self):
        return f"{self.indikator} {self.tahun} ({self.jenis}): {self.isi}"


# --------------------------------------------------------------------------- Renja


class SumberDana(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="sumber_dana")
    kode = models.CharField(max_length=30)
    nama = models.CharField(max_length=200)
    aktif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "sumber dana"
        verbose_name_plural = "sumber dana"
        ordering = ["pemda", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "kode"], name="sumber_dana_kode_unik"),
            models.UniqueConstraint(fields=["pemda", "nama"], name="sumber_dana_nama_unik"),
        ]

    def __str__(self):
        return self.nama


class RenjaQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(opd__in=PerangkatDaerah.objects.for_user(user))

    def with_catatan_terbuka(self):
        """Each Renja's number of Bappeda notes still under discussion (top-level notes)."""
        open_notes = (
            Komentar.objects.filter(renja=models.OuterRef("pk"), induk=None, status=Komentar.Status.DISKUSI)
            .order_by()
            .values("renja")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(catatan_terbuka=Coalesce(models.Subquery(open_notes), 0))

    def with_pagu(self):
        """Each Renja's total pagu n and n+1 and its number of sub kegiatan, in the same query."""
        return self.annotate(
            total_pagu=Sum("sub_kegiatan__pagu"),
            total_pagu_maju=Sum("sub_kegiatan__pagu_maju"),
            jumlah_sub_kegiatan=models.Count("sub_kegiatan"),
        )


class Renja(KepalaOPD):
    class Status(models.TextChoices):
        DRAF = "draf", "Draf"
        DIAJUKAN = "diajukan", "Diajukan ke Bappeda"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan untuk perbaikan"
        DIVERIFIKASI = "diverifikasi", "Diverifikasi"
        DITETAPKAN = "ditetapkan", "Ditetapkan"
        PERUBAHAN = "perubahan", "Renja Perubahan (draf)"

    # The statuses in which the OPD's planners may change the Renja, its rows, indicators and
    # targets; in every other status only a workflow action (kerja.alur) changes anything.
    STATUS_TERBUKA = frozenset({Status.DRAF, Status.DIKEMBALIKAN, Status.PERUBAHAN})

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="renja")
    tahun = models.PositiveSmallIntegerField("tahun rencana (n)")
    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, related_name="renja")
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.DRAF)
    # The document's place and date and (KepalaOPD) who signs it: copied from the OPD's current
    # Kepala when the Renja is started, changed only while it is open (renja.identitas).
    tempat = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    tanggal = models.DateField("tanggal penandatanganan", null=True, blank=True)
    history = HistoricalRecords()

    objects = RenjaQuerySet.as_manager()

    class Meta:
        verbose_name = "Renja"
        verbose_name_plural = "Renja"
        ordering = ["-tahun", "opd__kode"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun"], name="renja_unik"),
            models.CheckConstraint(condition=Q(tahun__gte=2000, tahun__lte=2100), name="renja_tahun_wajar"),
        ]

    def __str__(self):
        return f"Renja {self.opd.singkatan} {self.tahun}"

    def clean(self):
        if self.renstra_id and self.opd_id and self.renstra.opd_id != self.opd_id:
            raise ValidationError({"renstra": "Renstra harus milik Perangkat Daerah yang sama."})
        if self.renstra_id and not (self.renstra.tahun_awal <= self.tahun <= self.renstra.tahun_akhir):
            raise ValidationError({"tahun": "Tahun Renja harus berada dalam periode Renstra."})

    @property
    def terbuka(self):
        """Whether the Renja may be changed now (draf, dikembalikan, perubahan)."""
        return self.status in self.STATUS_TERBUKA

    @property
    def tahun_maju(self):
        return self.tahun + 1

    def nodes(self):
        """The programs, kegiatan and sub kegiatan of this Renja (the sub kegiatan of its rows and
        the nodes above them), as unevaluated querysets keyed by the indicator owner field."""
        sub_kegiatan = SubKegiatan.objects.filter(renja_item__renja=self)
        kegiatan = Kegiatan.objects.filter(pk__in=sub_kegiatan.values("kegiatan"))
        program = Program.objects.filter(pk__in=kegiatan.values("program"))
        return {"program": program, "kegiatan": kegiatan, "sub_kegiatan": sub_kegiatan}

    def riwayat_status(self):
        """Every status change, oldest first: (when, who, from, to) as labels, from the history
        the workflow's actions leave (one query)."""
        label = dict(self.Status.choices)
        rows, before = [], None
        for version in self.history.order_by("history_date", "history_id").select_related("history_user"):
            if version.status != before:
                who = version.history_user
                oleh = (who.get_full_name() or who.username) if who else "sistem"
                rows.append(
                    (version.history_date, oleh, label.get(before, "–"), label.get(version.status, version.status))
                )
                before = version.status
        return rows

    def milik(self, objek):
        """What of kind ``objek`` belongs to this Renja, as a queryset: its RenjaSubKegiatan
        ("sub"), the Indikator of its sub kegiatan, kegiatan and programs ("indikator"). A change
        or a note may only touch those; a check looks up only the ids it names (``punya``)."""
        if objek == "sub":
            return RenjaSubKegiatan.objects.filter(renja=self)
        return Indikator.objects.for_renja(self)

    def punya(self, objek, pk):
        """Whether object ``pk`` of kind ``objek`` belongs to this Renja (one query)."""
        return self.milik(objek).filter(pk=pk).exists()

    def ringkasan(self):
        """Counts and pagu totals of this Renja (a quick check after an import)."""
        items = self.sub_kegiatan.all()
        nodes = self.nodes()
        with_target = Q(target__tahun__in=[self.tahun, self.tahun_maju]) & Q(
            target__jenis__in=[Target.Jenis.RENJA, Target.Jenis.PRAKIRAAN_MAJU]
        )
        indikator = Indikator.objects.for_renja(self).filter(with_target).distinct()
        totals = items.aggregate(
            jumlah=Sum("pagu"),
            jumlah_maju=Sum("pagu_maju"),
            n=models.Count("pk"),
            n_tahun=models.Count("pk", filter=Q(pagu__isnull=False)),
        )
        return {
            "opd": self.opd.singkatan,
            "tahun": self.tahun,
            "status": self.status,
            "program": nodes["program"].count(),
            "kegiatan": nodes["kegiatan"].count(),
            "sub_kegiatan": totals["n"],
            "sub_kegiatan_tahun_n": totals["n_tahun"],
            "indikator": indikator.count(),
            f"pagu_{self.tahun}": str(Decimal(totals["jumlah"] or 0).quantize(SEN)),
            f"pagu_{self.tahun_maju}": str(Decimal(totals["jumlah_maju"] or 0).quantize(SEN)),
        }


class RenjaSubKegiatan(Berversi):
    """One sub kegiatan of a Renja: lokasi, pagu indikatif n and n+1, sumber dana, penanggung jawab."""

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="sub_kegiatan")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.PROTECT, related_name="renja_item")
    urutan = models.PositiveIntegerField(default=0)
    lokasi = models.CharField(max_length=300, blank=True)
    pagu = models.DecimalField("pagu indikatif tahun n", **MONEY, null=True, blank=True)
    pagu_maju = models.DecimalField("pagu indikatif tahun n+1", **MONEY, null=True, blank=True)
    sumber_dana = models.ForeignKey(SumberDana, on_delete=models.PROTECT, null=True, blank=True)
    penanggung_jawab = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, blank=True)
    catatan_penting = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "sub kegiatan Renja"
        verbose_name_plural = "sub kegiatan Renja"
        ordering = ["renja", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["renja", "sub_kegiatan"],
                name="renja_sub_kegiatan_unik",
                violation_error_message="Sub kegiatan ini sudah ada di Renja tersebut.",
            ),
            models.CheckConstraint(
                condition=Q(pagu__gte=0) | Q(pagu__isnull=True),
                name="pagu_tidak_negatif",
                violation_error_message="Pagu indikatif tidak boleh negatif.",
            ),
            models.CheckConstraint(
                condition=Q(pagu_maju__gte=0) | Q(pagu_maju__isnull=True),
                name="pagu_maju_tidak_negatif",
                violation_error_message="Pagu prakiraan maju tidak boleh negatif.",
            ),
        ]

    def __str__(self):
        return f"{self.renja} · {self.sub_kegiatan}"

    def clean(self):
        if self.sub_kegiatan.kegiatan.program.opd_id != self.renja.opd_id:
            raise ValidationError({"sub_kegiatan": "Sub kegiatan bukan milik Perangkat Daerah Renja ini."})
        if self.penanggung_jawab_id and self.penanggung_jawab.opd_id != self.renja.opd_id:
            raise ValidationError({"penanggung_jawab": "Unit kerja bukan milik Perangkat Daerah Renja ini."})


class Komentar(models.Model):
    """A note in the review of a Renja: on a sub kegiatan row, on an indicator, or on the whole
    Renja (e.g. the reason it was returned). Replies point to their ``induk``."""

    class Status(models.TextChoices):
        DISKUSI = "diskusi", "Diskusi"
        DITERIMA = "diterima", "Diterima"
        DITANGGUHKAN = "ditangguhkan", "Ditangguhkan"
        DITOLAK = "ditolak", "Ditolak"

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="komentar")
    item = models.ForeignKey(RenjaSubKegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="komentar")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, null=True, blank=True, related_name="komentar")
    induk = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="balasan")
    penulis = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="komentar_renja")
    isi = models.TextField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DISKUSI)
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "komentar review"
        verbose_name_plural = "komentar review"
        ordering = ["renja", "dibuat", "pk"]
        indexes = [models.Index(fields=["renja", "item"])]

    def __str__(self):
        return f"{self.penulis} pada {self.renja}: {self.isi[:60]}"

    def clean(self):
        if self.item_id and self.item.renja_id != self.renja_id:
            raise ValidationError({"item": "Sub kegiatan bukan bagian dari Renja ini."})
        if self.induk_id and self.induk.renja_id != self.renja_id:
            raise ValidationError({"induk": "Balasan harus pada Renja yang sama."})


class PenetapanRenja(models.Model):
    """The Renja as it was when Bappeda finalised it (tetapkan): every cell of the workspace grid
    as shown, keyed by column and sub kegiatan code or indicator id. Never changed afterwards; a
    Renja Perubahan is compared against the latest one."""

    renja = models.ForeignKey(Renja, on_delete=models.PROTECT, related_name="penetapan")
    nomor = models.PositiveSmallIntegerField()
    ditetapkan = models.DateTimeField(auto_now_add=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    isi = models.JSONField(help_text="{kunci: [baris, kolom, nilai]}")

    class Meta:
        verbose_name = "penetapan Renja"
        verbose_name_plural = "penetapan Renja"
        ordering = ["renja", "-nomor"]
        constraints = [models.UniqueConstraint(fields=["renja", "nomor"], name="penetapan_nomor_unik")]

    def __str__(self):
        return f"{self.renja} – penetapan ke-{self.nomor}"


class PenetapanRenstra(models.Model):
    """The Renstra as Bappeda adopted it (Tetapkan Renstra): every cell of the Renstra grid as
    shown (kerja.renstra.potret). Never changed afterwards; a Revisi Renstra is compared
    against the latest one."""

    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, related_name="penetapan")
    nomor = models.PositiveSmallIntegerField()
    ditetapkan = models.DateTimeField(auto_now_add=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    isi = models.JSONField(help_text="{kunci: [baris, kolom, nilai]}")

    class Meta:
        verbose_name = "penetapan Renstra"
        verbose_name_plural = "penetapan Renstra"
        ordering = ["renstra", "-nomor"]
        constraints = [models.UniqueConstraint(fields=["renstra", "nomor"], name="penetapan_renstra_nomor_unik")]

    def __str__(self):
        return f"{self.renstra} – penetapan ke-{self.nomor}"


class PeraturanRenja(models.Model):
    """The Peraturan/Keputusan that adopts a finalised Renja: its kind, number and date, entered
    by Bappeda after the penetapan (renja.identitas.simpan_peraturan), one per penetapan."""

    penetapan = models.OneToOneField(PenetapanRenja, on_delete=models.PROTECT, related_name="peraturan")
    jenis = models.CharField(
        "jenis produk hukum", max_length=200, help_text="mis. Keputusan Kepala Badan Perencanaan Pembangunan Daerah"
    )
    nomor = models.CharField(max_length=100)
    tanggal = models.DateField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "peraturan/keputusan penetapan Renja"
        verbose_name_plural = "peraturan/keputusan penetapan Renja"

    def __str__(self):
        return f"{self.jenis} Nomor {self.nomor}"


class Impor(models.Model):
    """One import of a spreadsheet that was applied: who, when, which file, what it did. The rows
    it wrote carry "impor #<id>" as their history change reason. An import is of one OPD (its
    plan or realisasi) or of a whole Pemda (its list of OPDs or of users)."""

    class Jenis(models.TextChoices):
        REALISASI_KINERJA = "realisasi_kinerja", "Realisasi kinerja"
        REALISASI_ANGGARAN = "realisasi_anggaran", "Realisasi anggaran"
        RANCANGAN_AWAL = "rancangan_awal", "Rancangan awal RKPD"
        OPD = "opd", "Daftar Perangkat Daerah"
        PENGGUNA = "pengguna", "Daftar pengguna"
        RIWAYAT = "riwayat", "Riwayat Tabel 2.1"
        RENJA = "renja", "Renja tahun n (T-C.33)"
        SIPD = "sipd", "Sub kegiatan Renja dari SIPD-RI (JSON)"
        RENSTRA = "renstra", "Renstra"

    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, null=True, blank=True, related_name="impor")
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, null=True, blank=True, related_name="impor")
    nama_berkas = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    waktu = models.DateTimeField(auto_now_add=True)
    baru = models.PositiveIntegerField(default=0)
    berubah = models.PositiveIntegerField(default=0)
    sama = models.PositiveIntegerField(default=0)
    kosong = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "impor"
        verbose_name_plural = "impor"
        ordering = ["-waktu", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opd__isnull=False) | Q(pemda__isnull=False),
                name="impor_opd_atau_pemda",
                violation_error_message="Impor wajib milik satu Perangkat Daerah atau satu Pemda.",
            )
        ]

    def __str__(self):
        milik = self.opd.singkatan if self.opd_id else self.pemda.nama
        return f"Impor #{self.pk} {self.get_jenis_display()} {milik}: {self.nama_berkas}"


class UnggahanImpor(models.Model):
    """A spreadsheet uploaded for import and shown as a dry run, waiting for the admin's
    confirmation; removed once applied or cancelled."""

    jenis = models.CharField(max_length=20)
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    tahun = models.PositiveSmallIntegerField(null=True, blank=True)
    nama_berkas = models.CharField(max_length=255)
    data = models.BinaryField()
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "unggahan impor"
        verbose_name_plural = "unggahan impor"
        ordering = ["-dibuat"]

    def __str__(self):
        return f"{self.nama_berkas} ({self.opd.singkatan if self.opd_id else self.pemda.nama}, {self.jenis})"

    @property
    def milik(self):
        """The OPD or the Pemda the upload is for."""
        return self.opd if self.opd_id else self.pemda


class TemuanImpor(models.Model):
    """A value cell an applied import could not read and left empty because the admin confirmed
    it (``--kosongkan-galat`` or the dry-run page's checkbox): listed by row and column among
    the checker's warnings of the OPD's Renja (of year ``tahun``, or of every year when empty)
    until it is marked done, or a later import of the same kind reads that value, or a grid
    saves it (same ``kunci``: subject, year, and period or field; renja.impor.kunci_nilai).
    Nothing is invented in its place."""

    impor = models.ForeignKey(Impor, on_delete=models.CASCADE, related_name="temuan")
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="temuan_impor")
    tahun = models.PositiveSmallIntegerField("tahun Renja", null=True, blank=True)
    nomor_baris = models.PositiveIntegerField("baris")
    kolom = models.CharField(max_length=200)
    nilai = models.CharField("nilai di berkas", max_length=300, blank=True)
    pesan = models.TextField()
    untuk = models.CharField(max_length=400, blank=True)
    kunci = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    selesai = models.BooleanField(default=False)

    class Meta:
        verbose_name = "temuan impor"
        verbose_name_plural = "temuan impor"
        ordering = ["impor", "nomor_baris", "pk"]

    def __str__(self):
        return f"Impor #{self.impor_id}, baris {self.nomor_baris}, kolom {self.kolom}"


# --------------------------------------------------------------------------- RKPD rancangan awal (T-C.31)


class RancanganAwal(Berversi):
    """A node of the RKPD rancangan awal (left half of T-C.31), or of the OPD's
    hasil analisis kebutuhan (right half), as imported for OPD × year."""

    class Bagian(models.TextChoices):
        RANCANGAN_AWAL = "rancangan_awal", "Rancangan Awal RKPD"
        ANALISIS_KEBUTUHAN = "analisis_kebutuhan", "Hasil Analisis Kebutuhan"

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="rancangan_awal")
    tahun = models.PositiveSmallIntegerField()
    bagian = models.CharField(max_length=20, choices=Bagian.choices)
    nomenklatur = models.ForeignKey(Nomenklatur, on_delete=models.PROTECT, related_name="+")
    urutan = models.PositiveIntegerField(default=0)
    nama = models.CharField("nama seperti tertulis", max_length=400, blank=True)
    lokasi = models.CharField(max_length=300, blank=True)
    pagu = models.DecimalField("pagu indikatif / kebutuhan dana", **MONEY, null=True, blank=True)
    catatan_penting = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "baris review RKPD"
        verbose_name_plural = "baris review RKPD (rancangan awal & analisis kebutuhan)"
        ordering = ["opd", "tahun", "bagian", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "bagian", "nomenklatur"], name="rancangan_awal_unik"),
            models.CheckConstraint(
                condition=Q(pagu__gte=0) | Q(pagu__isnull=True),
                name="rancangan_awal_pagu_tidak_negatif",
                violation_error_message="Pagu tidak boleh negatif.",
            ),
        ]

    def __str__(self):
        return f"{self.get_bagian_display()} {self.tahun} {self.nomenklatur.kode}"


class RancanganAwalIndikator(models.Model):
    baris = models.ForeignKey(RancanganAwal, on_delete=models.CASCADE, related_name="indikator")
    urutan = models.PositiveSmallIntegerField(default=0)
    nama = models.TextField()
    satuan = models.CharField(max_length=60, blank=True)
    target = models.DecimalField(**VALUE, null=True, blank=True)
    target_teks = models.CharField(max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator review RKPD"
        verbose_name_plural = "indikator review RKPD"
        ordering = ["baris", "urutan"]

    def __str__(self):
        return self.nama


# --------------------------------------------------------------------------- document content


class BagianNarasi(Berversi):
    """The text a planner writes for one section of the document (Markdown, rendered only by
    ``laporan.narasi``). Every section of Bab I–V has one, in the document's order; a section
    with tables also prints the sentences the app generates from them."""

    class Kunci(models.TextChoices):
        KATA_PENGANTAR = "kata_pengantar", "Kata Pengantar"
        LATAR_BELAKANG = "bab1_latar_belakang", "1.1 Latar Belakang"
        LANDASAN_HUKUM = "bab1_landasan_hukum", "1.2 Landasan Hukum"
        MAKSUD_TUJUAN = "bab1_maksud_tujuan", "1.3 Maksud dan Tujuan"
        SISTEMATIKA = "bab1_sistematika", "1.4 Sistematika Penulisan"
        EVALUASI_LALU = "bab2_evaluasi_lalu", "2.1 Evaluasi Pelaksanaan Renja Tahun Lalu dan Capaian Renstra"
        KINERJA_PELAYANAN = "bab2_kinerja_pelayanan", "2.2 Analisis Kinerja Pelayanan Perangkat Daerah"
        ISU_PENTING = "bab2_isu_penting", "2.3 Isu-isu Penting Penyelenggaraan Tugas dan Fungsi"
        REVIEW_RKPD = "bab2_review_rkpd", "2.4 Review terhadap Rancangan Awal RKPD"
        USULAN_PEMANGKU = (
            "bab2_usulan_pemangku",
            "2.5 Penelaahan Usulan Program dan Kegiatan dari Para Pemangku Kepentingan",
        )
        TELAAHAN_KEBIJAKAN = "bab3_telaahan_kebijakan", "3.1 Telaahan terhadap Kebijakan Nasional"
        TUJUAN_SASARAN = "bab3_tujuan_sasaran", "3.2 Tujuan dan Sasaran Renja Perangkat Daerah"
        PROGRAM_KEGIATAN = "bab3_program_kegiatan", "3.3 Program, Kegiatan dan Sub Kegiatan"
        PENDAPATAN = "bab4_pendapatan", "4.1 Rencana Perkiraan Pendapatan"
        PROGRAM_PRIORITAS = "bab4_program_prioritas", "4.2 Program Unggulan dan Program Mendesak"
        USULAN_KL = "bab4_usulan_kl", "4.3 Usulan pada Renja Kementerian/Lembaga dan Renja Perangkat Daerah Provinsi"
        CATATAN_PENTING = "bab5_catatan_penting", "Bab V – Catatan Penting"
        KAIDAH_PELAKSANAAN = "bab5_kaidah_pelaksanaan", "Bab V – Kaidah-kaidah Pelaksanaan"
        TINDAK_LANJUT = "bab5_rencana_tindak_lanjut", "Bab V – Rencana Tindak Lanjut"

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="narasi")
    kunci = models.CharField(max_length=40, choices=Kunci.choices)
    isi = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bagian narasi"
        verbose_name_plural = "bagian narasi"
        constraints = [models.UniqueConstraint(fields=["renja", "kunci"], name="narasi_unik")]

    def __str__(self):
        return f"{self.renja} – {self.get_kunci_display()}"


class IndikatorPelayanan(Berversi):
    """A row of Tabel 2.2 (T-C.30): a Renstra service indicator (IKU/IKK/SPM)."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="indikator_pelayanan")
    urutan = models.PositiveSmallIntegerField(default=0)
    kelompok = models.CharField("kelompok (judul)", max_length=200, blank=True)
    kelompok_nomor = models.CharField(max_length=10, blank=True)
    nomor = models.CharField(max_length=10, blank=True)
    nama = models.TextField()
    spm = models.CharField("SPM/standar nasional", max_length=200, blank=True)
    ikk = models.CharField("IKK", max_length=200, blank=True)
    satuan = models.CharField(max_length=60, blank=True)
    tipe_nilai = models.CharField(
        max_length=12, choices=Indikator.TipeNilai.choices, default=Indikator.TipeNilai.PERSEN
    )
    catatan_analisis = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator kinerja pelayanan (Tabel 2.2)"
        verbose_name_plural = "indikator kinerja pelayanan (Tabel 2.2)"
        ordering = ["renstra", "urutan"]

    def __str__(self):
        return f"{self.nomor} {self.nama}"


class NilaiPelayanan(NilaiAtauTeks, Berversi):
    class Jenis(models.TextChoices):
        TARGET = "target", "Target Renstra"
        REALISASI = "realisasi", "Realisasi"
        PROYEKSI = "proyeksi", "Proyeksi"

    # The regulation's window of Tabel 2.2 in the Renja of year n (spec §2.2): the years, as
    # offsets from n, of each jenis. The grid edits these, the admin locks by them.
    JENDELA = {"target": (-2, -1, 0, 1), "realisasi": (-2, -1), "proyeksi": (0, 1)}

    indikator = models.ForeignKey(IndikatorPelayanan, on_delete=models.CASCADE, related_name="nilai")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    nilai_teks = models.CharField(max_length=120, blank=True)  # as migrated: without the base's verbose name
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nilai kinerja pelayanan"
        verbose_name_plural = "nilai kinerja pelayanan"
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun", "jenis"], name="nilai_pelayanan_unik"),
            satu_nilai("nilai_pelayanan_satu_nilai"),
        ]

    def __str__(self):
        return f"{self.indikator.nomor} {self.tahun} {self.jenis}"


class UsulanPemangku(Berversi):
    """Tabel 2.5 (T-C.32): proposals from stakeholders, where each came from and whether the
    Renja accommodates it (the reason is required when it does not: checked by the checker, so
    a row can be typed cell by cell). A new row starts with neither source nor status decided."""

    class Sumber(models.TextChoices):
        MUSRENBANG_KECAMATAN = "musrenbang_kecamatan", "Musrenbang Kecamatan"
        MUSRENBANG_DESA = "musrenbang_desa", "Musrenbang Desa/Kelurahan"
        POKIR_DPRD = "pokir_dprd", "Pokok Pikiran DPRD"
        FORUM_PD = "forum_pd", "Forum Perangkat Daerah"
        MASYARAKAT = "masyarakat", "Usulan Masyarakat"
        LAINNYA = "lainnya", "Lainnya"

    class Status(models.TextChoices):
        DIAKOMODASI = "diakomodasi", "Diakomodasi"
        TIDAK_DIAKOMODASI = "tidak_diakomodasi", "Tidak diakomodasi"

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="usulan_pemangku")
    urutan = models.PositiveSmallIntegerField(default=0)
    sumber = models.CharField("sumber usulan", max_length=24, choices=Sumber.choices, blank=True)
    program_kegiatan = models.CharField(max_length=400)
    lokasi = models.CharField(max_length=300, blank=True)
    indikator = models.TextField(blank=True)
    besaran = models.CharField("besaran/volume", max_length=200, blank=True)
    catatan = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    alasan = models.TextField("alasan tidak diakomodasi", blank=True)
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.SET_NULL, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "usulan pemangku kepentingan (Tabel 2.5)"
        verbose_name_plural = "usulan pemangku kepentingan (Tabel 2.5)"
        ordering = ["renja", "urutan"]

    def __str__(self):
        return self.program_kegiatan


class RencanaPendapatan(Berversi):
    """Tabel 4.1: revenue plan by akun pendapatan (not a program code)."""

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="rencana_pendapatan")
    urutan = models.PositiveSmallIntegerField(default=0)
    kode_akun = models.CharField(max_length=40)
    uraian = models.CharField(max_length=300)
    target = models.DecimalField("target penganggaran", **MONEY)
    keterangan = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "rencana pendapatan (Tabel 4.1)"
        verbose_name_plural = "rencana pendapatan (Tabel 4.1)"
        ordering = ["renja", "urutan"]
        constraints = [models.CheckConstraint(condition=Q(target__gte=0), name="pendapatan_tidak_negatif")]

    def __str__(self):
        return f"{self.kode_akun} {self.uraian}"


class ProgramPrioritas(Berversi):
    """Tabel 4.2 (program unggulan) and 4.3 (program mendesak), linked to a plan node."""

    class Jenis(models.TextChoices):
        UNGGULAN = "unggulan", "Program Unggulan (Tabel 4.2)"
        MENDESAK = "mendesak", "Program Mendesak (Tabel 4.3)"

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="program_prioritas")
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    nomor = models.PositiveSmallIntegerField(default=1)
    program = models.CharField("program unggulan/mendesak", max_length=400)
    indikasi_kegiatan = models.TextField("indikasi/fokus kegiatan")
    pagu = models.DecimalField("pagu indikatif", **MONEY)
    keterangan = models.TextField(blank=True)
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.PROTECT, null=True, blank=True)
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "program unggulan/mendesak (Tabel 4.2/4.3)"
        verbose_name_plural = "program unggulan/mendesak (Tabel 4.2/4.3)"
        ordering = ["renja", "jenis", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["renja", "jenis", "nomor"], name="program_prioritas_unik"),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="program_prioritas_pagu_tidak_negatif"),
            models.CheckConstraint(
                condition=Q(sub_kegiatan__isnull=False, kegiatan=None) | Q(sub_kegiatan=None, kegiatan__isnull=False),
                name="program_prioritas_satu_node",
                violation_error_message="Baris Tabel 4.2/4.3 wajib terkait dengan tepat satu kegiatan atau sub kegiatan.",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nomor}: {self.program}"


class UsulanRenjaKL(Berversi):
    """Tabel 4.4: proposals funded by APBD Provinsi/APBN; excluded from the OPD's pagu."""

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="usulan_kl")
    urutan = models.PositiveSmallIntegerField(default=0)
    uraian = models.CharField("bidang urusan/program/kegiatan/sub kegiatan", max_length=400)
    indikator = models.TextField(blank=True)
    satuan = models.CharField(max_length=60, blank=True)
    target = models.CharField(max_length=120, blank=True)
    pagu = models.DecimalField("pagu indikatif", **MONEY, null=True, blank=True)
    sumber_dana = models.CharField(max_length=200, blank=True)
    instansi = models.CharField("instansi PJ (Pemprov/Kementerian/Lembaga)", max_length=300, blank=True)
    nomenklatur = models.ForeignKey(Nomenklatur, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "usulan pada Renja K/L (Tabel 4.4)"
        verbose_name_plural = "usulan pada Renja K/L (Tabel 4.4)"
        ordering = ["renja", "urutan"]
        constraints = [
            models.CheckConstraint(condition=Q(pagu__gte=0) | Q(pagu__isnull=True), name="usulan_kl_pagu_tidak_negatif")
        ]

    def __str__(self):
        return self.uraian
