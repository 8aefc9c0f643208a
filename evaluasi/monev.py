"""Quarterly monitoring (monev): when a triwulan of an OPD is open for entry, and the capaian
of many OPDs per triwulan. The one place of the triwulan lock: the monev grid, the workflow and
the realisasi imports ask it.

A triwulan of an OPD's Renja year is locked when its report is submitted (diajukan, until
Bappeda decides) or verified (for good); else, when Bappeda set a schedule for it, before
``dibuka`` and after ``ditutup``, unless Bappeda reopened it for that OPD until a date that has
not passed. A returned report is open whatever the schedule, so the OPD can fix it. Without a
schedule a triwulan is open.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from evaluasi import capaian as c
from evaluasi.models import BukaKembali, JadwalMonev, LaporanTriwulan, RealisasiKinerja
from renja import akses
from renja.galat import SimpanGagal, galat
from renja.models import Indikator, Periode, Target

TRIWULAN = (Periode.TW1, Periode.TW2, Periode.TW3, Periode.TW4)
ROMAWI = dict(zip(TRIWULAN, ("I", "II", "III", "IV"), strict=True))
S = LaporanTriwulan.Status
BATAS_ALASAN = 2000


def hari_ini():
    return timezone.localdate()


def _tgl(value):
    return f"{value:%d-%m-%Y}"


@dataclass
class Keadaan:
    """One triwulan of one Renja: its report (None before the first action), schedule and the
    latest reopening."""

    tahun: int
    periode: str
    laporan: LaporanTriwulan | None = None
    jadwal: JadwalMonev | None = None
    buka: BukaKembali | None = None

    @property
    def romawi(self):
        return ROMAWI[self.periode]

    @property
    def status(self):
        return self.laporan.status if self.laporan else S.DRAF

    @property
    def status_label(self):
        return S(self.status).label

    def kunci(self, hari=None):
        """Why entry is locked now, in Indonesian; "" when it is open."""
        hari = hari or hari_ini()
        nama = f"Triwulan {self.romawi} {self.tahun}"
        if self.status == S.DIVERIFIKASI:
            return f"{nama} sudah diverifikasi Bappeda dan terkunci."
        if self.status == S.DIAJUKAN:
            return f"{nama} sudah diajukan dan sedang diperiksa Bappeda."
        if self.status == S.DIKEMBALIKAN or self.jadwal is None:
            return ""
        if hari < self.jadwal.dibuka:
            return f"Pengisian {nama} baru dibuka {_tgl(self.jadwal.dibuka)}."
        if hari > self.jadwal.ditutup and not (self.buka and self.buka.sampai >= hari):
            return f"Pengisian {nama} ditutup {_tgl(self.jadwal.ditutup)}; minta Bappeda membukanya kembali."
        return ""

    def terlambat(self, hari=None):
        """Not submitted by the close of the schedule (or submitted after it)."""
        hari = hari or hari_ini()
        if self.jadwal is None:
            return False
        if self.laporan and self.laporan.diajukan_pada and self.status in (S.DIAJUKAN, S.DIVERIFIKASI):
            return timezone.localdate(self.laporan.diajukan_pada) > self.jadwal.ditutup
        return hari > self.jadwal.ditutup


def keadaan_banyak(daftar_renja):
    """{renja pk: {periode: Keadaan}} for many Renja at once (3 queries whatever their number)."""
    daftar_renja = list(daftar_renja)
    out = {r.pk: {p: Keadaan(r.tahun, p) for p in TRIWULAN} for r in daftar_renja}
    pemda = {r.opd.pemda_id for r in daftar_renja}
    tahun = {r.tahun for r in daftar_renja}
    jadwal = {(j.pemda_id, j.tahun, j.periode): j for j in JadwalMonev.objects.filter(pemda__in=pemda, tahun__in=tahun)}
    for renja in daftar_renja:
        for periode, keadaan in out[renja.pk].items():
            keadaan.jadwal = jadwal.get((renja.opd.pemda_id, renja.tahun, periode))
    laporan = {}
    for lap in LaporanTriwulan.objects.filter(renja__in=[r.pk for r in daftar_renja]):
        out[lap.renja_id][lap.periode].laporan = lap
        laporan[lap.pk] = out[lap.renja_id][lap.periode]
    for buka in BukaKembali.objects.filter(laporan__in=list(laporan)).order_by("laporan", "dibuat", "pk"):
        laporan[buka.laporan_id].buka = buka  # the latest wins
    return out


def keadaan_renja(renja):
    """{periode: Keadaan} of one Renja (3 queries)."""
    return keadaan_banyak([renja])[renja.pk]


def kunci_impor(opd):
    """{(tahun, periode): why it is locked} of every locked triwulan of ``opd``: what a
    realisasi import may not write (4 queries). Passed to the import engine by laporan.impor."""
    daftar = list(opd.renja.select_related("opd"))
    hari = hari_ini()
    out = {}
    for per_periode in keadaan_banyak(daftar).values():
        for periode, keadaan in per_periode.items():
            pesan = keadaan.kunci(hari)
            if pesan:
                out[(keadaan.tahun, periode)] = pesan
    return out


def buka_kembali(renja, periode, user, alasan, sampai):
    """Bappeda reopens a closed triwulan of ``renja`` until ``sampai`` (recorded with who, when
    and why). Refused for a report that is submitted or verified, or without a reason."""
    if not akses.boleh_review(user, renja):
        raise PermissionDenied("Hanya reviewer Bappeda yang membuka kembali triwulan.")
    keadaan = keadaan_renja(renja)[periode]
    alasan = (alasan or "").strip()
    errors = []
    if not alasan:
        errors.append(galat("Tuliskan alasan triwulan dibuka kembali."))
    elif len(alasan) > BATAS_ALASAN:
        errors.append(galat(f"Alasan terlalu panjang ({len(alasan)} huruf, paling banyak {BATAS_ALASAN})."))
    if not isinstance(sampai, date) or sampai < hari_ini():
        errors.append(galat("Tanggal 'dibuka sampai' harus diisi, hari ini atau sesudahnya."))
    if keadaan.status in (S.DIAJUKAN, S.DIVERIFIKASI):
        errors.append(
            galat(f"Triwulan {keadaan.romawi} berstatus '{keadaan.status_label}': tidak perlu dibuka kembali.")
        )
    if errors:
        raise SimpanGagal(errors)
    laporan, _ = LaporanTriwulan.objects.get_or_create(renja=renja, periode=periode)
    return BukaKembali.objects.create(laporan=laporan, oleh=user, alasan=alasan, sampai=sampai)


# --------------------------------------------------------------------------- capaian per OPD


@dataclass(frozen=True)
class CapaianTriwulan:
    rata_rata: c.RataRata  # mean of kolom 13 (K) over the indicators where it is defined
    predikat: c.Predikat | None


def capaian_triwulan(daftar_renja):
    """{renja pk: {periode: CapaianTriwulan}}: for each Renja and each triwulan t, the mean of
    the form's kolom 13 (K) up to t (kolom 12 from TW I…t by sifat against the Renja's target)
    over the indicators of its program tree, and the predikat. 3 queries whatever the number of
    OPDs (values, not model instances)."""
    daftar_renja = list(daftar_renja)
    by_opd = {renja.opd_id: renja for renja in daftar_renja}
    milik = Indikator.objects.filter(
        Q(sub_kegiatan__kegiatan__program__opd__in=by_opd)
        | Q(kegiatan__program__opd__in=by_opd)
        | Q(program__opd__in=by_opd)
    )
    indikator = list(
        milik.annotate(
            opd_pemilik=Coalesce("sub_kegiatan__kegiatan__program__opd", "kegiatan__program__opd", "program__opd")
        ).values("pk", "opd_pemilik", "sifat", "polaritas", "metode_negatif", "skala_kategori")
    )
    ids = milik.values("pk")
    tahun = {renja.tahun for renja in daftar_renja}
    targets, quarters = {}, defaultdict(dict)
    for pk, th, nilai, teks in Target.objects.filter(
        indikator__in=ids, jenis=Target.Jenis.RENJA, tahun__in=tahun
    ).values_list("indikator", "tahun", "nilai", "nilai_teks"):
        targets[(pk, th)] = nilai if nilai is not None else teks
    for pk, th, periode, nilai, teks in RealisasiKinerja.objects.filter(
        indikator__in=ids, tahun__in=tahun, periode__in=TRIWULAN
    ).values_list("indikator", "tahun", "periode", "nilai", "nilai_teks"):
        quarters[(pk, th)][periode] = nilai if nilai is not None else teks
    kolom_13 = defaultdict(lambda: defaultdict(list))
    for ind in indikator:
        renja = by_opd[ind["opd_pemilik"]]
        key = (ind["pk"], renja.tahun)
        args = {"polaritas": ind["polaritas"], "metode_negatif": ind["metode_negatif"]}
        args["skala"] = ind["skala_kategori"] or None
        values = [quarters[key].get(tw) for tw in TRIWULAN]
        for index, periode in enumerate(TRIWULAN):
            sampai = values[: index + 1]
            if targets.get(key) is None and all(v is None for v in sampai):
                continue
            k12 = c.evaluasi_kolom_12(ind["sifat"], sampai)
            kolom_13[renja.pk][periode].append(c.evaluasi_kolom_13(k12.nilai_atau_teks, targets.get(key), **args))
    out = {}
    for renja in daftar_renja:
        out[renja.pk] = {}
        for periode in TRIWULAN:
            rata = c.rata_rata_capaian(kolom_13[renja.pk][periode])
            out[renja.pk][periode] = CapaianTriwulan(rata, c.predikat(rata.hasil))
    return out
