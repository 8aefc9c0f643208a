"""Tabel 2.4 (T-C.31) Review terhadap Rancangan Awal RKPD on the demo Renja Bappeda 2022 (spec §2.3)."""

from decimal import Decimal as D

import pytest

from evaluasi.periksa import berbeda, periksa_renja
from laporan.builders.review import review_rkpd
from renja.models import RancanganAwal, RancanganAwalIndikator

RANWAL, ANALISIS = RancanganAwal.Bagian.RANCANGAN_AWAL, RancanganAwal.Bagian.ANALISIS_KEBUTUHAN


def node_row(tabel, nama):
    """The first row of the node named ``nama`` (kolom 2, Rancangan Awal half)."""
    found = [b for b in tabel.baris if b.jenis != "indikator" and b.sel[1].nilai == nama]
    assert len(found) == 1, (nama, len(found))
    return found[0]


def rows_of(tabel, nama):
    """The node's first row and its continuation rows."""
    start = tabel.baris.index(node_row(tabel, nama))
    rows = [tabel.baris[start]]
    for baris in tabel.baris[start + 1 :]:
        if baris.jenis != "indikator":
            break
        rows.append(baris)
    return rows


def test_judul_kepala_dan_nomor_kolom(bappeda):
    tabel = review_rkpd(bappeda)
    assert tabel.judul == "Review terhadap Rancangan Awal RKPD Tahun 2022"
    assert tabel.subjudul == ["Pemerintah Kota Serang", "Nama Perangkat Daerah : Badan Perencanaan Pembangunan Daerah"]
    assert [(k.teks, k.colspan, k.rowspan) for k in tabel.kepala[0]] == [
        ("No", 1, 2),
        ("Rancangan Awal RKPD", 6, 1),
        ("Hasil Analisis Kebutuhan", 6, 1),
        ("Catatan Penting", 1, 2),
    ]
    half = ["Program/Kegiatan/Sub Kegiatan", "Lokasi", "Indikator Kinerja", "Satuan", "Target Capaian"]
    assert [k.teks for k in tabel.kepala[1]] == half + ["Pagu Indikatif (Rp.)"] + half + ["Kebutuhan Dana (Rp.)"]
    assert tabel.nomor_kolom == ["1", "2", "3", "4", "4a", "5", "6", "7", "8", "9", "9a", "10", "11", "12"]
    assert tabel.jumlah_kolom == 14
    assert all(len(b.sel) == 14 for b in tabel.baris)


def test_jumlah_baris_dan_urutan_kode(bappeda):
    tabel = review_rkpd(bappeda)
    nodes = [b for b in tabel.baris if b.jenis != "indikator"]
    assert len(nodes) == 96  # 4 programs, 17 kegiatan, 75 sub kegiatan (BAP:812-1004)
    assert len(tabel.baris) == 163  # with one continuation row per further indicator
    assert [b.sel[0].nilai for b in nodes] == [str(i) for i in range(1, 97)]
    # Code order: the penunjang program 5.01.01, printed last in the seed, comes first.
    assert [(b.jenis, b.sel[1].nilai) for b in nodes[:2]] == [
        ("program", "Program Penunjang Urusan pemerintah Daerah"),
        ("kegiatan", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"),
    ]
    assert {b.jenis for b in nodes} == {"program", "kegiatan", "sub_kegiatan"}
    assert {b.tingkat for b in nodes if b.jenis == "sub_kegiatan"} == {2}


def test_jumlah_query_tetap(bappeda, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        review_rkpd(bappeda)


def test_opd_tanpa_review_nihil(kominfo):
    tabel = review_rkpd(kominfo)
    assert [b.jenis for b in tabel.baris] == ["nihil"]


def test_pagu_induk_seperti_diimpor(bappeda):
    """The review prints the imported figures; it does not recompute a parent (spec §2.3, P-01)."""
    program = "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah"
    row = node_row(review_rkpd(bappeda), program)
    assert (row.sel[6].nilai, row.sel[12].nilai) == (D("2300000000"), D("2300000000"))  # RW-001/002
    assert (row.sel[6].jenis, row.sel[12].jenis) == ("uang", "uang")
    RancanganAwal.objects.filter(opd=bappeda.opd, tahun=2022, nomenklatur__kode="5.01.02").update(
        pagu=D("1200000000")
    )  # as printed in the seed (BAP:812)
    row = node_row(review_rkpd(bappeda), program)
    assert (row.sel[6].nilai, row.sel[12].nilai) == (D("1200000000"), D("1200000000"))
    assert not row.tanda  # both halves agree; parent ≠ Σ children is the checker's finding
    assert any(t.jenis == "induk_anak" and t.lokasi.endswith(": 5.01.02") for t in periksa_renja(bappeda))


def test_pagu_hanya_pada_baris_pertama_node(bappeda):
    rows = rows_of(review_rkpd(bappeda), "Analisis Data dan Informasi Perencanaan Pembangunan Daerah")
    assert [b.sel[5].nilai for b in rows] == [D(1), D(2)]  # BAP:819-820
    assert rows[0].sel[6].nilai == D("350000000")
    assert [b.sel[3].nilai for b in rows][1] == "Jumlah Dokumen updating indikator kinerja pembangunan daerah"
    assert rows[1].sel[6].kosong and rows[1].sel[12].kosong and rows[1].sel[1].kosong


@pytest.mark.parametrize(
    "nama, tanda",
    [
        # BAP:814: "perencanaan pembangunan" → "perencanaan pendanaan pembangunan" (spec §2.3)
        ("Penyusunan Perencanaan dan Pendanaan", [{"indikator"}]),
        # BAP:860-861: targets 1 → 60 (RW-005, RW-007); the second indicator carries the
        # corrected name 'Musrenbang Anak' on the analisis side (RW-006)
        (
            "Koordinasi Pelaksanaan Sinergitas dan Harmonisasi Perencanaan Pembangunan Daerah Bidang Pembangunan Manusia",
            [{"target"}, {"indikator", "target"}],
        ),
        # BAP:1004: "Jumlah STNK" against "jumlah STNK": a change of case is not a change
        (
            "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan Kendaraan Dinas Operasional atau "
            "Lapangan",
            [set()] * 4,
        ),
        ("Analisis Kondisi Daerah, Permasalahan, dan Isu Strategis Pembangunan Daerah", [set()]),
    ],
)
def test_tanda_berubah_dari_data(bappeda, nama, tanda):
    rows = rows_of(review_rkpd(bappeda), nama)
    assert [b.tanda for b in rows] == tanda
    assert [b.catatan_wajib for b in rows] == [bool(t) for t in tanda]  # the seed leaves every note empty


def test_baris_kpi_814_sel_yang_berbeda(bappeda):
    (row,) = rows_of(review_rkpd(bappeda), "Penyusunan Perencanaan dan Pendanaan")
    assert row.berubah == {3, 9}  # Indikator Kinerja of both halves
    assert row.sel[3].nilai == "Persentase dokumen perencanaan pembangunan daerah yang ditetapkan sesuai ketentuan"
    assert row.sel[9].nilai == (
        "Persentase dokumen perencanaan pendanaan pembangunan daerah yang ditetapkan sesuai ketentuan"
    )
    assert row.sel[13].kosong and row.catatan_wajib


def test_musrenbang_anak_nama_terkoreksi(bappeda):
    rows = rows_of(
        review_rkpd(bappeda),
        "Koordinasi Pelaksanaan Sinergitas dan Harmonisasi Perencanaan Pembangunan Daerah Bidang Pembangunan Manusia",
    )
    assert rows[1].sel[9].nilai == "Jumlah Peserta Rapat Musrenbang Anak Kota Serang"  # RW-006
    assert (rows[1].sel[5].nilai, rows[1].sel[11].nilai) == (D(1), D(60))  # RW-007
    assert rows[1].berubah == {3, 9, 5, 11}


def test_jumlah_baris_berubah_demo(bappeda):
    tabel = review_rkpd(bappeda)
    assert sum(1 for b in tabel.baris if b.tanda) == 4  # BAP:814, 860, 861, 903
    assert all(b.catatan_wajib == bool(b.tanda) for b in tabel.baris)


@pytest.fixture
def sub_kegiatan(bappeda):
    """Both halves of sub kegiatan 5.01.02.2.01.01 (BAP:816), as imported."""
    return {
        row.bagian: row
        for row in RancanganAwal.objects.filter(opd=bappeda.opd, tahun=2022, nomenklatur__kode="5.01.02.2.01.01")
    }


NAMA_SUB = "Analisis Kondisi Daerah, Permasalahan, dan Isu Strategis Pembangunan Daerah"


@pytest.mark.parametrize(
    "field, value, tanda, berubah",
    [
        ("lokasi", "Setda Kota Serang", {"lokasi"}, {2, 8}),  # the spec's lokasi example (§2.3)
        ("lokasi", "kota  serang", set(), set()),  # case and spacing only
        ("pagu", D("250000000"), {"pagu"}, {6, 12}),
        ("pagu", None, {"pagu"}, {6, 12}),
        ("nama", "Analisis Kondisi dan Isu Strategis Daerah", {"nama"}, {1, 7}),
    ],
)
def test_tanda_node(bappeda, sub_kegiatan, field, value, tanda, berubah):
    row = sub_kegiatan[ANALISIS]
    setattr(row, field, value)
    row.save()
    (baris,) = rows_of(review_rkpd(bappeda), NAMA_SUB)
    assert (baris.tanda, baris.berubah, baris.catatan_wajib) == (tanda, berubah, bool(tanda))


@pytest.mark.parametrize(
    "changes, tanda",
    [
        ({"satuan": "Laporan"}, {"satuan"}),
        ({"target": D("1.0000")}, set()),  # 1 = 1,0000
        ({"target": D(2)}, {"target"}),
        ({"target": None, "target_teks": "Ada"}, {"target"}),
        ({"nama": "JUMLAH DOKUMEN ANALISIS KONDISI DAERAH, PERMASALAHAN DAN ISU STRATEGIS PEMBANGUNAN DAERAH"}, set()),
    ],
)
def test_tanda_indikator(bappeda, sub_kegiatan, changes, tanda):
    RancanganAwalIndikator.objects.filter(baris=sub_kegiatan[ANALISIS]).update(**changes)
    (baris,) = rows_of(review_rkpd(bappeda), NAMA_SUB)
    assert baris.tanda == tanda


def test_catatan_penting_mengisi_kewajiban(bappeda, sub_kegiatan):
    RancanganAwal.objects.filter(pk=sub_kegiatan[ANALISIS].pk).update(
        lokasi="Setda Kota Serang", catatan_penting="Lokasi dipindahkan ke Setda."
    )
    (baris,) = rows_of(review_rkpd(bappeda), NAMA_SUB)
    assert baris.tanda == {"lokasi"}
    assert not baris.catatan_wajib
    assert baris.sel[13].nilai == "Lokasi dipindahkan ke Setda."


def test_indikator_hanya_di_satu_sisi(bappeda, sub_kegiatan):
    RancanganAwalIndikator.objects.create(
        baris=sub_kegiatan[ANALISIS], urutan=2, nama="Jumlah Dokumen Isu Strategis", satuan="Dokumen", target=D(1)
    )
    rows = rows_of(review_rkpd(bappeda), NAMA_SUB)
    assert [b.jenis for b in rows] == ["sub_kegiatan", "indikator"]
    assert rows[1].tanda == {"indikator", "satuan", "target"}
    assert rows[1].sel[3].kosong and rows[1].sel[9].nilai == "Jumlah Dokumen Isu Strategis"
    assert rows[1].berubah == {3, 4, 5, 9, 10, 11}


def test_node_hanya_di_rancangan_awal(bappeda, sub_kegiatan):
    sub_kegiatan[ANALISIS].delete()
    (baris,) = rows_of(review_rkpd(bappeda), NAMA_SUB)
    assert baris.tanda == {"nama", "lokasi", "indikator", "satuan", "target", "pagu"}
    assert all(baris.sel[i].kosong for i in range(7, 13))


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (D(100), D("100.0000"), False),
        (D("1.5"), D(15), True),  # numbers by value, not by their digits
        ("Kota Serang", "kota serang", False),
        ("Prosentase dokumen", "Persentase dokumen", False),
        ("Kota Serang", "Setda Kota Serang", True),
        (None, "", False),
        (None, D(0), True),  # a target of 0 is a value
        ("Ada", None, True),
        (D(100), "100", False),
    ],
)
def test_berbeda(a, b, expected):
    assert berbeda(a, b) is expected


# --------------------------------------------------------------------------- the Renja as the right half


@pytest.fixture
def tanpa_analisis(bappeda):
    """Bappeda 2022 with only the Rancangan Awal entered: the right half comes from the Renja."""
    RancanganAwal.objects.filter(opd=bappeda.opd, tahun=2022, bagian=ANALISIS).delete()
    return bappeda


def test_separuh_kanan_dari_renja(tanpa_analisis, django_assert_max_num_queries):
    from renja.models import RenjaSubKegiatan, Target

    with django_assert_max_num_queries(6):
        tabel = review_rkpd(tanpa_analisis)
    item = RenjaSubKegiatan.objects.select_related("sub_kegiatan__nomenklatur").get(
        renja=tanpa_analisis, sub_kegiatan__nomenklatur__kode="5.01.02.2.01.01"
    )
    [row] = [b for b in tabel.baris if b.kode == "5.01.02.2.01.01" and b.jenis != "indikator"]
    assert (row.sel[8].nilai, row.sel[12].nilai) == (item.lokasi, item.pagu)
    first = item.sub_kegiatan.indikator.order_by("urutan", "pk").first()
    target = Target.objects.get(indikator=first, tahun=2022, jenis="renja")
    assert (row.sel[9].nilai, row.sel[11].nilai) == (first.nama, target.nilai)
    # a program's Kebutuhan Dana is the sum of its sub kegiatan in the Renja (computed here)
    program = [b for b in tabel.baris if b.kode == "5.01.02" and b.jenis != "indikator"][0]
    total = sum(
        i.pagu or 0
        for i in RenjaSubKegiatan.objects.filter(
            renja=tanpa_analisis, sub_kegiatan__nomenklatur__kode__startswith="5.01.02."
        )
    )
    assert program.sel[12].nilai == total == D("2300000000")


def test_perubahan_di_renja_ditandai_dan_wajib_catatan(tanpa_analisis):
    from laporan.builders.review import catatan_review
    from renja.models import RenjaSubKegiatan

    before = {c.kode for c in catatan_review(review_rkpd(tanpa_analisis))}
    assert "5.01.02.2.01.01" not in before
    RenjaSubKegiatan.objects.filter(renja=tanpa_analisis, sub_kegiatan__nomenklatur__kode="5.01.02.2.01.01").update(
        lokasi="Kec. Taktakan"
    )
    tabel = review_rkpd(tanpa_analisis)
    [node] = [c for c in catatan_review(tabel) if c.kode == "5.01.02.2.01.01"]
    ranwal = RancanganAwal.objects.get(opd=tanpa_analisis.opd, tahun=2022, bagian=RANWAL, nomenklatur__kode=node.kode)
    assert "lokasi" in node.berbeda and node.kunci == ("catatan_review", ranwal.pk, ranwal.versi)
    assert any(t.lokasi.endswith(": 5.01.02.2.01.01") and t.memblokir for t in periksa_renja(tanpa_analisis))
    RancanganAwal.objects.filter(pk=ranwal.pk).update(catatan_penting="Lokasi dipusatkan di Taktakan.")
    assert not any(t.lokasi.endswith(": 5.01.02.2.01.01") for t in periksa_renja(tanpa_analisis))


def test_sub_kegiatan_baru_di_renja_dicatat_di_barisnya(tanpa_analisis):
    from laporan.builders.review import catatan_review
    from renja.models import Nomenklatur, RenjaSubKegiatan, SubKegiatan

    kegiatan = RenjaSubKegiatan.objects.filter(renja=tanpa_analisis).first().sub_kegiatan.kegiatan
    used = SubKegiatan.objects.filter(kegiatan=kegiatan).values("nomenklatur")
    nom = Nomenklatur.objects.filter(induk=kegiatan.nomenklatur).exclude(pk__in=used).first()
    sub = SubKegiatan.objects.create(kegiatan=kegiatan, nomenklatur=nom)
    item = RenjaSubKegiatan.objects.create(renja=tanpa_analisis, sub_kegiatan=sub, pagu=D("5000000"))
    [node] = [c for c in catatan_review(review_rkpd(tanpa_analisis)) if c.kode == nom.kode]
    assert "nama" in node.berbeda and node.kunci == ("catatan", item.pk, item.versi)
