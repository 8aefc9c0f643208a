"""Property-based tests (hypothesis) of the formulas."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from anggaran import pagu
from evaluasi import capaian as c

decimals = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e12"), allow_nan=False, allow_infinity=False, places=4
)
values = st.one_of(st.none(), decimals)
positive = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("1e9"), places=4)
sifat = st.sampled_from([c.KUMULATIF, c.NON_KUMULATIF, c.RATA_RATA])


@given(
    sifat,
    values,
    values,
    values,
    values,
    values,
    st.sampled_from(["positif", "negatif"]),
    st.sampled_from(["", "rasio_terbalik", "selisih"]),
)
def test_tidak_ada_kombinasi_yang_meledak(s, k4, k5, k6, k7, k9, polaritas, metode):
    for hasil in (
        c.tc29_kolom_8(k7, k6, polaritas, metode),
        c.tc29_kolom_11(c.tc29_kolom_10(s, k5, k7, k9).nilai, k4, polaritas, metode),
        c.evaluasi_kolom_13(c.evaluasi_kolom_12(s, [k5, k6, k7, k9]).nilai, k4, polaritas, metode),
        c.evaluasi_kolom_15(c.evaluasi_kolom_14(s, k6, k7).nilai, k4),
    ):
        assert isinstance(hasil, c.Hasil)
        assert hasil.nilai is not None or hasil.alasan
        c.predikat(hasil)
    c.rata_rata_capaian([k4, k5, k6])
    pagu.rollup_kode({"5.01.02.2.01.01": k4, "5.01.02.2.01.02": k5})
    pagu.penyerapan(k5, k6)


@given(st.lists(values, min_size=1, max_size=8))
def test_non_kumulatif_tidak_melebihi_nilai_terbesar(nilai):
    hasil = c.agregasi(c.NON_KUMULATIF, nilai)
    present = [v for v in nilai if v is not None]
    if present:
        assert hasil.nilai <= max(present)
        assert hasil.nilai == present[-1]
    else:
        assert not hasil.terdefinisi


@given(decimals, decimals)
def test_predikat_tidak_turun_saat_capaian_naik(a, b):
    order = {"SR": 0, "R": 1, "S": 2, "T": 3, "ST": 4}
    low, high = sorted([a, b])
    assert order[c.predikat(low).kode] <= order[c.predikat(high).kode]


@given(st.lists(positive, min_size=3, max_size=6))
def test_kumulatif_realisasi_sama_target_capaian_100(targets):
    # Years up to n-3, then n-2, then n-1; every realisasi equals its year's target.
    *early, target_n2, target_n1 = targets
    kolom_5 = c.tc29_kolom_5(c.KUMULATIF, dict(enumerate(early, start=2019)), 2019, 2018 + len(early)).nilai
    kolom_4 = sum(targets, Decimal(0))  # end-of-period target of a kumulatif indicator = Σ yearly targets
    kolom_10 = c.tc29_kolom_10(c.KUMULATIF, kolom_5, target_n2, target_n1)
    assert c.tc29_kolom_11(kolom_10.nilai, kolom_4).nilai == Decimal(100)
    assert c.tc29_kolom_8(target_n2, target_n2).nilai == Decimal(100)
