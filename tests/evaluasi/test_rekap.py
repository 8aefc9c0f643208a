"""Tabel T-C.29 figures over the whole demo Renja, in a bounded number of queries."""

from decimal import Decimal as D

import pytest

from evaluasi.rekap import rekap_tc29
from renja.models import Renja


def row(rows, kode, mulai):
    found = [r for r in rows if r.kode == kode and r.indikator.nama.lower().startswith(mulai.lower())]
    assert len(found) == 1, (kode, mulai, len(found))
    return found[0]


def test_jumlah_query_tetap(bappeda, kominfo, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        rows = rekap_tc29(bappeda)
    assert len(rows) == 183  # Tabel 2.1 indicator rows, BAP:429-636
    with django_assert_max_num_queries(4):
        rekap_tc29(kominfo)


def test_kasus_uji_dari_data(bappeda):
    rows = rekap_tc29(bappeda)
    c03 = row(rows, "5.01.02.2.03.03", "Jumlah Dokumen Evaluasi RKPD")
    assert (c03.kolom_10.nilai, c03.kolom_11.nilai) == (D(10), D("62.5"))
    c06 = row(rows, "5.01.02", "Tingkat keselarasan dokumen perencanaan OPD")
    assert (c06.kolom_10.nilai, c06.kolom_11.nilai) == (D(100), D(100))  # the seed prints 300, 300
    c08 = row(rows, "5.01.01.2.02.07", "Jumlah THL")
    assert (c08.kolom_10.nilai, c08.kolom_11.nilai) == (D(12), D(100))  # the seed prints 36, 300
    c05 = row(rows, "5.01.02.2.01.01", "Jumlah Dokumen Analisis Kondisi")
    assert c05.kolom_8.nilai is None and c05.kolom_8.alasan
    assert c05.kolom_11.nilai.quantize(D("0.01")) == D("33.33")


def test_tidak_ada_capaian_di_atas_100_dari_menjumlah_persen(bappeda):
    rows = rekap_tc29(bappeda)
    non_numeric = [r for r in rows if r.indikator.tipe_nilai != "angka"]
    assert len(non_numeric) >= 25
    for r in non_numeric:
        inputs = [v for v in (r.kolom_5.nilai, r.kolom_7, r.kolom_9) if v is not None]
        assert r.kolom_10.nilai is None or r.kolom_10.nilai <= max(inputs), r.indikator.nama
        assert r.kolom_11.nilai is None or r.kolom_11.nilai <= 100, r.indikator.nama


def test_nol_per_nol_tidak_pernah_nol(bappeda):
    rows = rekap_tc29(bappeda)
    undefined = [r for r in rows if r.kolom_8.nilai is None]
    assert len(undefined) == 68  # spec §4.3: the seed prints 0 for every 0/0 in col 8, 68 rows
    assert all(r.kolom_8.alasan for r in undefined)
    assert not any(r.kolom_8.nilai == 0 for r in rows if r.kolom_6 == 0)


@pytest.mark.django_db
def test_total_kota_satu_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        totals = {r.opd_id: (r.total_pagu, r.jumlah_sub_kegiatan) for r in Renja.objects.filter(tahun=2022).with_pagu()}
    assert sorted(v for v in totals.values()) == sorted([(D("20182300000"), 76), (D("4950000000"), 5)])
