"""What the round-trip tests compare between a Pemda and the one onboarded from its files
(tests/test_bench_onboarding.py, tests/onboarding/test_demo_lewat_impor.py): by codes, names and
figures, never by ids, which differ between the two."""

from evaluasi.rekap import rekap_tc29
from laporan.builders.tc33 import rumusan_rencana
from renja.models import Impor, Renja


def tc29(renja):
    """Tabel 2.1 as figures, by code and indicator name, with each indicator's polarity and
    metode (kolom 8 and 11 follow them)."""
    out = {}
    for row in rekap_tc29(renja):
        ind = row.indikator
        cells = [row.kolom_4, row.kolom_5, row.kolom_6, row.kolom_7, row.kolom_8, row.kolom_9, row.kolom_10]
        out[row.kode, ind.nama] = [
            ind.polaritas,
            ind.metode_negatif,
            *(getattr(c, "nilai_atau_teks", c) for c in [*cells, row.kolom_11]),
        ]
    return out


def pasangan(asal, kode_baru, jumlah):
    """[(Renja of the new Pemda ``kode_baru``, the same OPD's Renja of Pemda ``asal``)]: the same
    ``jumlah`` OPDs on both sides, three imports (renstra, renja, riwayat) for each, the same
    year and Renstra period, and the same T-C.33 rows (asserted)."""
    sumber = {r.opd.kode: r for r in Renja.objects.filter(opd__pemda=asal).select_related("opd", "renstra")}
    baru = {r.opd.kode: r for r in Renja.objects.filter(opd__pemda__kode=kode_baru).select_related("opd", "renstra")}
    assert set(baru) == set(sumber) and len(baru) == jumlah
    assert Impor.objects.filter(opd__pemda__kode=kode_baru).count() == 3 * jumlah
    out = []
    for kode, renja in sorted(baru.items()):
        dari = sumber[kode]
        assert (renja.tahun, renja.renstra.tahun_awal, renja.renstra.tahun_akhir) == (
            dari.tahun,
            dari.renstra.tahun_awal,
            dari.renstra.tahun_akhir,
        ), kode
        assert [[c.nilai for c in b.sel] for b in rumusan_rencana(renja).baris] == [
            [c.nilai for c in b.sel] for b in rumusan_rencana(dari).baris
        ], kode
        out.append((renja, dari))
    return out
