"""Figures of Tabel T-C.29 for a whole Renja, read in a fixed number of queries.

This module gathers each indicator's inputs from the database and hands them to the pure
formulas of ``evaluasi.capaian``; it formats nothing (laporan does).
"""

from dataclasses import dataclass

from evaluasi import capaian as c
from renja.models import Indikator, Periode, Target


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


def _value(obj):
    if obj is None:
        return None
    return obj.nilai if obj.nilai is not None else obj.nilai_teks


def _kode(indikator):
    owner = indikator.pemilik
    return owner.nomenklatur.kode if hasattr(owner, "nomenklatur") else ""


def rekap_tc29(renja):
    """One row per indicator of the OPD's program tree that has data for Tabel 2.1 of Renja n:
    end-of-Renstra target (4), realisasi s/d n-3 (5, derived from yearly realisasi), target
    and realisasi n-2 (6, 7), target n-1 (9), and the computed 8, 10, 11. Queries: 3."""
    n = renja.tahun
    awal, akhir = renja.renstra.tahun_awal, renja.renstra.tahun_akhir
    rows = []
    indikator = (
        Indikator.objects.for_opd(renja.opd).filter(tujuan=None, sasaran=None).with_nilai().order_by("urutan", "pk")
    )
    for ind in indikator:
        targets = {(t.jenis, t.tahun): t for t in ind.target.all()}
        tahunan = {r.tahun: _value(r) for r in ind.realisasi.all() if r.periode == Periode.TAHUNAN}
        k4 = _value(targets.get((Target.Jenis.AKHIR_RENSTRA, akhir)))
        k6 = _value(targets.get((Target.Jenis.RENJA, n - 2)))
        k9 = _value(targets.get((Target.Jenis.RENJA, n - 1)))
        k7 = tahunan.get(n - 2)
        if all(v is None for v in (k4, k6, k7, k9)) and not any(y <= n - 3 for y in tahunan):
            continue
        args = {"polaritas": ind.polaritas, "metode_negatif": ind.metode_negatif, "skala": ind.skala_kategori or None}
        k5 = c.tc29_kolom_5(ind.sifat, tahunan, awal, n - 3)
        k10 = c.tc29_kolom_10(ind.sifat, k5.nilai_atau_teks, k7, k9)
        rows.append(
            BarisTC29(
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
            )
        )
    rows.sort(key=lambda row: (row.kode, row.indikator.urutan, row.indikator.pk))
    return rows
