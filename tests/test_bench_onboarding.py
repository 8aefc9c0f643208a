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
    """Tabel 2.1 as figures, by code and indicator name (not ids), and the keys of its negative
    indicators."""
    out, negatif = {}, set()
    for row in rekap_tc29(renja):
        if row.indikator.polaritas != Indikator.Polaritas.POSITIF:
            negatif.add((row.kode, row.indikator.nama))
        cells = [row.kolom_4, row.kolom_5, row.kolom_6, row.kolom_7, row.kolom_8, row.kolom_9, row.kolom_10]
        out[row.kode, row.indikator.nama] = [getattr(c, "nilai_atau_teks", c) for c in [*cells, row.kolom_11]]
    return out, negatif


@pytest.mark.django_db
def test_kota_keluar_lewat_templat_dan_kembali_sama(tmp_path):
    kota, lama, _ = onboarding(OPD, SUB, tmp_path)
    assert set(lama) == {"opd", "pengguna", "renstra", "renja", "riwayat"}
    sumber = {r.opd.kode: r for r in Renja.objects.filter(opd__pemda=kota).select_related("opd", "renstra")}
    baru = {r.opd.kode: r for r in Renja.objects.filter(opd__pemda__kode=KODE_BARU).select_related("opd", "renstra")}
    assert set(baru) == set(sumber) and len(baru) == OPD
    assert Impor.objects.filter(opd__pemda__kode=KODE_BARU).count() == 3 * OPD
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
        # no import kind reads a polaritas yet: a negative indicator comes back positive and its
        # kolom 8 and 11 differ (test_polaritas_belum_terbawa); every other figure is the same
        expected, negatif = tc29(asal)
        got, _ = tc29(renja)
        assert set(got) == set(expected) and len(expected) > SUB, kode
        assert {k: v for k, v in got.items() if k not in negatif} == {
            k: v for k, v in expected.items() if k not in negatif
        }, kode


@pytest.mark.django_db
def test_polaritas_belum_terbawa(tmp_path):
    """The gap the comparison above leaves out, pinned so that it is seen when it is closed: the
    city's negative indicators come back positive."""
    kota, _, _ = onboarding(1, SUB, tmp_path)
    negatif = set(
        Indikator.objects.for_opd(Renja.objects.get(opd__pemda=kota).opd)
        .filter(polaritas=Indikator.Polaritas.NEGATIF)
        .values_list("nama", flat=True)
    )
    baru = Indikator.objects.for_opd(Renja.objects.get(opd__pemda__kode=KODE_BARU).opd).filter(nama__in=negatif)
    assert negatif and set(baru.values_list("polaritas", flat=True)) == {Indikator.Polaritas.POSITIF}
