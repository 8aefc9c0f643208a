"""Figures of Tabel T-C.29 for a whole Renja, read in a fixed number of queries.

This module gathers each indicator's inputs from the database and hands them to the pure
formulas of ``evaluasi.capaian``; it formats nothing (laporan does).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Coalesce

from evaluasi import capaian as c
from evaluasi.models import RealisasiKinerja
from renja.models import Indikator, KodeCrosswalk, Periode, Target
from renja.teks import kunci_nama


@dataclass(frozen=True)
class BarisTC29:
    indikator: Indikator
    kode: str
    level: str
    kolom_4: object
    kolom_5: c.Hasil
    kolom_6: object
    kolom_7: object
    kolom_8: c.Hasil
    kolom_9: object
    kolom_10: c.Hasil
    kolom_11: c.Hasil
    lama: bool = False  # a pre-Permendagri-90 code of the Pemda's legacy tree (renja.lama), printed as written
    padanan: str = ""  # the current code a legacy row is mapped to (KodeCrosswalk); "" when unmapped


POHON = (  # an owner's version (legacy or not) and the nodes above it, for the tree order
    "program__nomenklatur__versi",
    "kegiatan__nomenklatur__versi",
    "kegiatan__program__nomenklatur",
    "sub_kegiatan__nomenklatur__versi",
    "sub_kegiatan__kegiatan__nomenklatur",
    "sub_kegiatan__kegiatan__program__nomenklatur",
)
TRIWULAN = (Periode.TW1, Periode.TW2, Periode.TW3, Periode.TW4)


def tahunan_dari(sifat, baris):
    """{tahun: realisasi of that year} from realisasi rows (tahun, periode, value): the yearly
    row, else the year's quarters combined by sifat (evaluasi.capaian.realisasi_tahun), so a
    year reported per triwulan reaches Tabel 2.1 and kolom 6 of the form."""
    per_tahun = defaultdict(dict)
    for tahun, periode, value in baris:
        per_tahun[tahun][periode] = value
    out = {}
    for tahun, values in per_tahun.items():
        value = c.realisasi_tahun(sifat, values.get(Periode.TAHUNAN), [values.get(tw) for tw in TRIWULAN])
        if value is not None:
            out[tahun] = value
    return out


def _kode(indikator):
    owner = indikator.pemilik
    return owner.nomenklatur.kode if hasattr(owner, "nomenklatur") else ""


def _urutan(indikator):
    """Tree order of an indicator's row: legacy rows after the current ones, each node under its
    program (and kegiatan): a legacy kegiatan's code need not start with its program's."""
    owner = indikator.pemilik
    chain = {
        "program": lambda: [owner],
        "kegiatan": lambda: [owner.program, owner],
        "sub_kegiatan": lambda: [owner.kegiatan.program, owner.kegiatan, owner],
    }[indikator.level]()
    return (owner.nomenklatur.versi.lama, tuple(n.nomenklatur.kode for n in chain), indikator.urutan, indikator.pk)


def _padanan(indikator):
    """{legacy indicator pk: (current code, partner indicator or None)} for the legacy-owned
    indicators among ``indikator`` whose node is mapped by a KodeCrosswalk: the partner is the
    OPD's one indicator of the same name (renja.teks.kunci_nama) on the current node (spec
    §3.4 R-5: the legacy years join it for the Renstra cumulative columns). One query, none
    without legacy rows."""
    legacy = [i for i in indikator if i.pemilik.nomenklatur.versi.lama]
    if not legacy:
        return {}
    peta = {
        (k.dari_versi_id, k.dari_kode): k.ke
        for k in KodeCrosswalk.objects.filter(
            dari_versi__in={i.pemilik.nomenklatur.versi_id for i in legacy}
        ).select_related("ke")
    }
    current = defaultdict(list)
    for ind in indikator:
        if not ind.pemilik.nomenklatur.versi.lama:
            current[(ind.pemilik.nomenklatur_id, kunci_nama(ind.nama))].append(ind)
    out = {}
    for ind in legacy:
        ke = peta.get((ind.pemilik.nomenklatur.versi_id, ind.pemilik.nomenklatur.kode))
        if ke is not None:
            partner = current.get((ke.pk, kunci_nama(ind.nama)), [])
            out[ind.pk] = (ke.kode, partner[0] if len(partner) == 1 else None)
    return out


def _baris(ind, targets, tahunan, n, awal, akhir, lama=False, padanan=""):
    """The T-C.29 row of one indicator for Renja n, or None when it has nothing to show.
    ``targets`` is {(jenis, tahun): value}, ``tahunan`` {tahun: yearly realisasi}."""
    k4 = targets.get((Target.Jenis.AKHIR_RENSTRA, akhir))
    k6 = targets.get((Target.Jenis.RENJA, n - 2))
    k9 = targets.get((Target.Jenis.RENJA, n - 1))
    k7 = tahunan.get(n - 2)
    if all(v is None for v in (k4, k6, k7, k9)) and not any(y <= n - 3 for y in tahunan):
        return None
    args = {"polaritas": ind.polaritas, "metode_negatif": ind.metode_negatif, "skala": ind.skala_kategori or None}
    k5 = c.tc29_kolom_5(ind.sifat, tahunan, awal, n - 3)
    k10 = c.tc29_kolom_10(ind.sifat, k5.nilai_atau_teks, k7, k9)
    return BarisTC29(
        indikator=ind,
        kode=_kode(ind),
        level=ind.level,
        kolom_4=k4,
        kolom_5=k5,
        kolom_6=k6,
        kolom_7=k7,
        kolom_8=c.tc29_kolom_8(k7, k6, **args),
        kolom_9=k9,
        kolom_10=k10,
        kolom_11=c.tc29_kolom_11(k10.nilai_atau_teks, k4, **args),
        lama=lama,
        padanan=padanan,
    )


def rekap_tc29(renja):
    """One row per indicator of the OPD's program tree that has data for Tabel 2.1 of Renja n:
    end-of-Renstra target (4), realisasi s/d n-3 (5, derived from yearly realisasi), target
    and realisasi n-2 (6, 7), target n-1 (9), and the computed 8, 10, 11. Queries: 3."""
    awal, akhir = renja.renstra.tahun_awal, renja.renstra.tahun_akhir
    indikator = list(
        Indikator.objects.for_opd(renja.opd)
        .filter(tujuan=None, sasaran=None)
        .with_nilai()
        .select_related(*POHON)
        .order_by("urutan", "pk")
    )
    padanan = _padanan(indikator)
    joined = {partner.pk for _, partner in padanan.values() if partner is not None}

    def nilai(ind):
        return (
            {(t.jenis, t.tahun): t.isi for t in ind.target.all()},
            tahunan_dari(ind.sifat, ((r.tahun, r.periode, r.isi) for r in ind.realisasi.all())),
        )

    rows = []
    for ind in sorted(indikator, key=_urutan):
        if ind.pk in joined:
            continue  # printed on its legacy row
        targets, tahunan = nilai(ind)
        kode_baru, partner = padanan.get(ind.pk, ("", None))
        if partner is not None:  # the legacy years with the current node's: the legacy row's own first
            targets_baru, tahunan_baru = nilai(partner)
            targets, tahunan = {**targets_baru, **targets}, {**tahunan_baru, **tahunan}
        lama = ind.pemilik.nomenklatur.versi.lama
        row = _baris(ind, targets, tahunan, renja.tahun, awal, akhir, lama, kode_baru)
        if row is not None:
            rows.append(row)
    return rows


@dataclass(frozen=True)
class CapaianRenstra:
    rata_rata: c.RataRata  # mean of T-C.29 kolom 11 over the indicators where it is defined
    predikat: c.Predikat | None


def capaian_renstra(daftar_renja):
    """For many Renja at once (the city-wide view): each one's Renstra capaian, the mean of
    T-C.29 kolom 11 (realisasi s/d n-1 against the end-of-Renstra target) over its program,
    kegiatan and sub kegiatan indicators, and its predikat. {renja pk: CapaianRenstra};
    3 queries whatever the number of OPDs."""
    by_opd = {renja.opd_id: renja for renja in daftar_renja}
    opd = list(by_opd)
    milik = Indikator.objects.filter(
        Q(sub_kegiatan__kegiatan__program__opd__in=opd) | Q(kegiatan__program__opd__in=opd) | Q(program__opd__in=opd)
    )
    indikator = list(
        milik.annotate(
            opd_pemilik=Coalesce("sub_kegiatan__kegiatan__program__opd", "kegiatan__program__opd", "program__opd")
        ).select_related("sub_kegiatan__nomenklatur", "kegiatan__nomenklatur", "program__nomenklatur")
    )
    ids = milik.values("pk")
    targets, realisasi = defaultdict(dict), defaultdict(list)
    # values, not model instances: a city holds ~200,000 targets and realisasi
    for pk, jenis, tahun, nilai, teks in Target.objects.filter(
        indikator__in=ids, jenis__in=[Target.Jenis.AKHIR_RENSTRA, Target.Jenis.RENJA]
    ).values_list("indikator", "jenis", "tahun", "nilai", "nilai_teks"):
        targets[pk][(jenis, tahun)] = nilai if nilai is not None else teks
    for pk, tahun, periode, nilai, teks in RealisasiKinerja.objects.filter(indikator__in=ids).values_list(
        "indikator", "tahun", "periode", "nilai", "nilai_teks"
    ):
        realisasi[pk].append((tahun, periode, nilai if nilai is not None else teks))
    kolom_11 = defaultdict(list)
    for ind in indikator:
        renja = by_opd[ind.opd_pemilik]
        row = _baris(
            ind,
            targets[ind.pk],
            tahunan_dari(ind.sifat, realisasi[ind.pk]),
            renja.tahun,
            renja.renstra.tahun_awal,
            renja.renstra.tahun_akhir,
        )
        if row is not None:
            kolom_11[renja.pk].append(row.kolom_11)
    out = {}
    for renja in daftar_renja:
        rata = c.rata_rata_capaian(kolom_11[renja.pk])
        out[renja.pk] = CapaianRenstra(rata, c.predikat(rata.hasil))
    return out
