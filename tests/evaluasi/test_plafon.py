"""Pagu against the OPD's ceilings (anggaran.pagu.rekap_plafon) and the checker's finding."""

from decimal import Decimal as D

import pytest

from anggaran.pagu import rekap_plafon


def test_rekap_plafon_total_dan_per_sumber_dana():
    items = [(1, D("600")), (1, D("500")), (2, D("300")), (None, D("50")), (2, None)]
    rows = rekap_plafon(items, {None: D("1500"), 1: D("1000"), 2: D("400")})
    assert rows == [
        (None, D("1450"), D("1500"), D("50"), None),  # 600 + 500 + 300 + 50
        (1, D("1100"), D("1000"), D("-100"), D("100")),
        (2, D("300"), D("400"), D("100"), None),
    ]


def test_rekap_plafon_tanpa_pagu_untuk_sumber_dana_itu():
    assert rekap_plafon([], {3: D("10")}) == [(3, D("0"), D("10"), D("10"), None)]


@pytest.mark.django_db
def test_periksa_pagu_melebihi_plafon(bappeda):
    from anggaran.models import PlafonAnggaran
    from evaluasi.periksa import periksa_renja
    from renja.models import SumberDana

    apbd = SumberDana.objects.get(pemda=bappeda.opd.pemda, nama="APBD Kota Serang")
    # the demo Renja 2022 totals Rp 20.182.300.000 (T-C.33)
    PlafonAnggaran.objects.create(opd=bappeda.opd, tahun=2022, pagu=D("20000000000"))
    PlafonAnggaran.objects.create(opd=bappeda.opd, tahun=2022, sumber_dana=apbd, pagu=D("30000000000"))
    found = [t for t in periksa_renja(bappeda) if t.jenis == "plafon"]
    assert len(found) == 1 and found[0].memblokir
    assert found[0].nilai == "pagu Rp 20.182.300.000; plafon Rp 20.000.000.000"
    assert "melebihi plafon sebesar Rp 182.300.000" in found[0].pesan
