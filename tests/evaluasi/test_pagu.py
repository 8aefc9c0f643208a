"""Pagu roll-ups against the spec's money check cases (§5.1), figures by hand."""

from decimal import Decimal as D

from anggaran import pagu

M = D(1_000_000)

# Sub kegiatan of program 5.01.02 (Tabel 3.3, BAP:1228-1243), year 2022.
P01 = {
    "5.01.02.2.01.01": 200 * M,
    "5.01.02.2.01.03": 200 * M,
    "5.01.02.2.01.05": 200 * M,
    "5.01.02.2.01.07": 600 * M,
    "5.01.02.2.02.01": 350 * M,
    "5.01.02.2.02.03": 200 * M,
    "5.01.02.2.03.03": 550 * M,
}


def test_p01_program_adalah_jumlah_kegiatan():
    totals = pagu.rollup_kode(P01)
    assert totals["5.01.02.2.01"] == D("1200000000")
    assert totals["5.01.02.2.02"] == D("550000000")
    assert totals["5.01.02.2.03"] == D("550000000")
    assert totals["5.01.02"] == D("2300000000")  # the review table prints 1,200,000,000
    assert totals[""] == D("2300000000")
    assert pagu.selisih_induk(
        D("1200000000"), [totals["5.01.02.2.01"], totals["5.01.02.2.02"], totals["5.01.02.2.03"]]
    ) == D("-1100000000")


def test_p02_kegiatan_administrasi_keuangan():
    subs = [D("5582300000"), 50 * M, 20 * M, 200 * M, 20 * M]
    assert pagu.jumlah(subs) == D("5872300000")
    assert pagu.selisih_induk(D("5867300000"), subs) == D("-5000000")


def test_p03_p04_sasaran_dan_tujuan():
    programs_2023 = {"5.01.02": 2300 * M, "5.01.03": 6109 * M, "5.05.02": 1630 * M, "5.01.01": 10261 * M}
    programs_2022 = {"5.01.02": 2300 * M, "5.01.03": 6009 * M, "5.05.02": 1800 * M, "5.01.01": D("10073300000")}
    mapping = {"1.1": ["5.01.02", "5.01.03"], "1.2": ["5.01.01"], "1.3": ["5.05.02"]}
    sasaran, tujuan = pagu.rollup_renstra(programs_2023, mapping, {"1": ["1.1", "1.2", "1.3"]})
    assert sasaran["1.1"] == D("8409000000")  # printed "2.409,000,000"
    assert tujuan["1"] == D("20300000000")
    sasaran, tujuan = pagu.rollup_renstra(programs_2022, mapping, {"1": ["1.1", "1.2", "1.3"]})
    assert sasaran["1.1"] == D("8309000000")
    assert tujuan["1"] == D("20182300000")


def test_p06_pagu_tabel_4_2_di_atas_node():
    assert pagu.melebihi_batas(450 * M, 350 * M) == 100 * M
    assert pagu.melebihi_batas(500 * M, 1200 * M) is None


def test_tanpa_pagu_dan_toleransi_impor():
    assert pagu.jumlah([None, None]) is None
    assert pagu.rollup_kode({"5.05.02.2.02.02": None, "5.05.02.2.02.05": 300 * M})["5.05.02.2.02"] == 300 * M
    assert pagu.selisih_induk(D("8669438971"), [D("8669438972")], toleransi=D(1)) is None


def test_penyerapan():
    assert pagu.penyerapan(D(75), D(300)) == D(25)
    assert pagu.penyerapan(D(75), D(0)) is None
    assert pagu.realisasi_anggaran([D(10), None, D(5), D(5)]) == D(20)
