from decimal import Decimal as D

from laporan.grafik import JARAK, TINGGI, grafik_batang


def test_batang_diskalakan_ke_nilai_terbesar():
    g = grafik_batang([("A", [D("50"), D("200")]), ("B", [None, D("100")])], lebar=400, x0=100)
    a, b = g.batang
    assert [(seri, w) for seri, _, w, _ in a.persegi] == [(0, 100), (1, 400)]  # 50/200 × 400
    assert [(seri, w) for seri, _, w, _ in b.persegi] == [(1, 200)]  # None draws nothing
    assert b.persegi[0][1] == 2 * TINGGI + JARAK + TINGGI  # second group, second series
    assert a.x_nilai == 100 + 100 + 4 and g.tinggi == 2 * (2 * TINGGI + JARAK) + 4


def test_semua_nol_tidak_membagi_nol():
    g = grafik_batang([("A", [0]), ("B", [0])])
    assert all(b.persegi == [] for b in g.batang)
