"""bench/onboarding.py run small: a synthetic city goes out through the app's own templates and
comes back, through ``manage.py impor`` alone, as a new Pemda whose every Renja prints the same
T-C.33 and Tabel 2.1 as the city's (what the 45-OPD measurement relies on)."""

import pytest

from bench.onboarding import KODE_BARU, onboarding
from renja.models import Indikator, Renja
from tests.onboarding.pembanding import pasangan, tc29

OPD, SUB = 2, 6


@pytest.mark.django_db
def test_kota_keluar_lewat_templat_dan_kembali_sama(tmp_path):
    kota, lama, _ = onboarding(OPD, SUB, tmp_path)
    assert set(lama) == {"opd", "pengguna", "renstra", "renja", "riwayat"}
    negatif = 0
    for renja, asal in pasangan(kota, KODE_BARU, OPD):
        kode = renja.opd.kode
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
