"""bench/onboarding.py run small: a synthetic city goes out through the app's own templates and
comes back, through ``manage.py impor`` alone, as a new Pemda whose every Renja prints the same
T-C.33 and Tabel 2.1 as the city's (what the 45-OPD measurement relies on)."""

import pytest

from bench.onboarding import KODE_BARU, onboarding
from evaluasi.rekap import rekap_tc29
from laporan.builders.tc33 import rumusan_rencana
from renja.models import Impor, Indikator, Renja

OPD, SUB = 2, 6


def tc29(renja):
    """Tabel 2.1 as figures, by code and indicator name (not ids), with each indicator's
    polarity and metode (kolom 8 and 11 follow them)."""
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


@pytest.mark.django_db
def test_kota_keluar_lewat_templat_dan_kembali_sama(tmp_path):
    kota, lama, _ = onboarding(OPD, SUB, tmp_path)
    assert set(lama) == {"opd", "pengguna", "renstra", "renja", "riwayat"}
    sumber = {r.opd.kode: r for r in Renja.objects.filter(opd__pemda=kota).select_related("opd", "renstra")}
    baru = {r.opd.kode: r for r in Renja.objects.filter(opd__pemda__kode=KODE_BARU).select_related("opd", "renstra")}
    assert set(baru) == set(sumber) and len(baru) == OPD
    assert Impor.objects.filter(opd__pemda__kode=KODE_BARU).count() == 3 * OPD
    negatif = 0
    for kode, renja in baru.items():
        asal = sumber[kode]
        assert (renja.tahun, renja.renstra.tahun_awal, renja.renstra.tahun_akhir) == (
            asal.tahun,
            asal.renstra.tahun_awal,
            asal.renstra.tahun_akhir,
        )
        assert [[c.nilai for c in b.sel] for b in rumusan_rencana(renja).baris] == [
            [c.nilai for c in b.sel] for b in rumusan_rencana(asal).baris
        ], kode
        # negative indicators included: the templates write their Polaritas and the kinds read it
        expected, got = tc29(asal), tc29(renja)
        assert set(got) == set(expected) and len(expected) > SUB, kode
        assert got == expected, kode
        negatif += sum(1 for v in expected.values() if v[0] == Indikator.Polaritas.NEGATIF)
    assert negatif, "the comparison holds negative indicators"


@pytest.mark.django_db
def test_polaritas_terbawa(tmp_path):
    """The city's negative indicators come back negative with their metode, through the
    Polaritas column of the templates."""
    kota, _, _ = onboarding(1, SUB, tmp_path)

    def negatif(opd):
        rows = Indikator.objects.for_opd(opd).filter(polaritas=Indikator.Polaritas.NEGATIF)
        return sorted((i.level, i.nama, i.metode_negatif) for i in rows)

    asal = negatif(Renja.objects.get(opd__pemda=kota).opd)
    assert asal and all(metode for _, _, metode in asal)
    assert negatif(Renja.objects.get(opd__pemda__kode=KODE_BARU).opd) == asal
