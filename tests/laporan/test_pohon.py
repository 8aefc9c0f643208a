"""Pohon kinerja: the layout (no overlapping boxes, parents centred over their children, boxes
inside their page), text wrapping by DejaVu Sans widths, escaping of user text, the builder's
figures against T-C.33's, the page's access and its bounded queries."""

from decimal import Decimal
from itertools import combinations

import pytest

from laporan import tata_pohon as t
from laporan.builders import pohon as p
from laporan.builders.tc33 import rumusan_rencana
from tests.pembantu import masuk

URL = "/renja/BAPPEDA/2022/pohon-kinerja/"


def _node(nama, *anak, jenis="sasaran"):
    return p.Simpul(jenis, nama, anak=list(anak))


def _bertumpuk(a, b):
    return a.x < b.x + b.lebar and b.x < a.x + a.lebar and a.y < b.y + b.tinggi and b.y < a.y + a.tinggi


def _periksa_tata(tata):
    for a, b in combinations(tata.kotak, 2):
        assert not _bertumpuk(a, b), (a.simpul.nama, b.simpul.nama)
    for box in tata.kotak:
        assert 0 <= box.x and box.x + box.lebar <= tata.lebar + 0.01
        assert 0 <= box.y and box.bawah <= tata.tinggi + 0.01
        for _, _, line in box.teks():
            assert t.lebar_teks(line.teks, line.tebal) <= box.lebar - 2 * t.PADDING + 0.01, line.teks


# --------------------------------------------------------------------------- text widths


def test_lebar_teks_dejavu():
    # DejaVu Sans: "i" is 278/1000 em, "m" 974/1000, "W" bold 1103/1000 (the fonts' hmtx)
    assert t.lebar_teks("im", ukuran=10) == pytest.approx(12.52)
    assert t.lebar_teks("W", tebal=True, ukuran=10) == pytest.approx(11.03)
    assert t.lebar_teks("é", ukuran=10) == pytest.approx(6.11)


def test_bungkus_antar_kata_dan_kata_panjang_berhyphen():
    lines = t.bungkus("Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", 60)
    assert " ".join(lines) == "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah"
    assert all(t.lebar_teks(line) <= 60 for line in lines) and len(lines) > 1
    long = t.bungkus("x" * 40, 30)
    assert all(line.endswith("-") for line in long[:-1]) and "".join(x.rstrip("-") for x in long) == "x" * 40


# --------------------------------------------------------------------------- layout


def test_induk_di_tengah_anak_dan_tidak_bertumpuk():
    sasaran = [
        _node("S1", *[_node(f"P1.{i}", jenis="program") for i in range(3)]),
        _node("S2 dengan nama yang cukup panjang sehingga kotaknya lebih tinggi dari yang lain " * 2),
        _node("S3", _node("P3.1", jenis="program")),
    ]
    root = _node("T", *sasaran, jenis="tujuan")
    tata = p._tata(root)
    _periksa_tata(tata)
    box = {b.simpul.nama: b for b in tata.kotak}
    assert box["T"].tengah == pytest.approx((box["S1"].tengah + box["S3"].tengah) / 2)
    assert box["S1"].tengah == pytest.approx(box["P1.1"].tengah)
    assert box["S3"].tengah == pytest.approx(box["P3.1"].tengah)
    # one column per leaf, in order, a column apart
    leaves = [box[n] for n in ("P1.0", "P1.1", "P1.2", sasaran[1].nama, "P3.1")]
    assert [b.x for b in leaves] == [i * (t.LEBAR_KOTAK + t.JARAK_X) for i in range(5)]
    assert tata.lebar == 5 * t.LEBAR_KOTAK + 4 * t.JARAK_X
    # every level below the tallest box of the level above
    assert box["P1.0"].y >= box[sasaran[1].nama].bawah + t.JARAK_Y - 0.01
    assert len(tata.garis) == 3 + 4


def test_sub_kegiatan_bertumpuk_di_bawah_kegiatan():
    subs = [p.Simpul("sub_kegiatan", f"Sub {i}", kode=f"1.01.01.2.01.000{i}") for i in range(4)]
    kegiatan = [p.Simpul("kegiatan", "K1", kode="1.01.01.2.01", anak=subs), p.Simpul("kegiatan", "K2")]
    tata = p._tata(p.Simpul("program", "P", kode="1.01.01", anak=kegiatan))
    _periksa_tata(tata)
    box = {b.simpul.nama: b for b in tata.kotak}
    assert tata.lebar == 2 * t.LEBAR_KOTAK + t.JARAK_X  # the stack takes one column
    assert box["P"].tengah == pytest.approx((box["K1"].tengah + box["K2"].tengah) / 2)
    ys = [box[f"Sub {i}"].y for i in range(4)]
    assert ys == sorted(ys) and all(box[f"Sub {i}"].x == box["K1"].x + t.INDEN for i in range(4))
    assert box["Sub 0"].y == pytest.approx(box["K1"].bawah + t.JARAK_TUMPUK)


def _program_besar(kegiatan, sub):
    ind = [p.IndikatorPohon("Persentase dokumen perencanaan yang tersusun tepat waktu", "100", "%")]
    return p.Simpul(
        "program",
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        kode="5.01.01",
        indikator=ind,
        pagu=Decimal("123456789"),
        anak=[
            p.Simpul(
                "kegiatan",
                f"Kegiatan nomor {k} dengan nama yang panjang",
                kode=f"5.01.01.2.{k:02}",
                indikator=ind * 2,
                anak=[
                    p.Simpul(
                        "sub_kegiatan", f"Sub kegiatan {k}.{s} " * 3, kode=f"5.01.01.2.{k:02}.{s:04}", indikator=ind
                    )
                    for s in range(sub)
                ],
            )
            for k in range(kegiatan)
        ],
    )


def test_program_besar_terbagi_ke_halaman_yang_muat():
    program = _program_besar(kegiatan=9, sub=13)
    pages = p.halaman_program(program, "Program 5.01.01")
    assert len(pages) > 2
    drawn = [b.simpul.kode for page in pages for b in page.kotak if b.simpul.jenis == "sub_kegiatan"]
    assert sorted(drawn) == sorted(s.kode for k in program.anak for s in k.anak)  # each once, none dropped
    for page in pages:
        _periksa_tata(page.tata)
        assert page.tata.lebar <= p.LEBAR_HALAMAN and page.tata.tinggi <= p.TINGGI_HALAMAN
    assert pages[1].judul.endswith("(lanjutan)")
    assert any(b.simpul.lanjutan and b.simpul.jenis == "kegiatan" for page in pages for b in page.kotak)


def test_tujuan_dengan_banyak_program_dibagi_per_sasaran():
    programs = [p.Simpul("program", f"P{i}", kode=f"5.01.{i:02}") for i in range(8)]
    tujuan = p.Simpul(
        "tujuan",
        "T",
        nomor="1",
        anak=[p.Simpul("sasaran", "S1", nomor="1.1", anak=programs[:3]), p.Simpul("sasaran", "S2", anak=programs[3:])],
    )
    pages = p.halaman_ringkas(tujuan, "Tujuan 1")
    assert len(pages) == 2
    for page in pages:
        _periksa_tata(page.tata)
        assert page.tata.lebar <= p.LEBAR_HALAMAN
    drawn = [b.simpul.nama for page in pages for b in page.kotak if b.simpul.jenis == "program"]
    assert drawn == [f"P{i}" for i in range(8)]


def test_program_tanpa_sasaran_punya_halaman_sendiri():
    subs = [p.Simpul("sub_kegiatan", "S", kode="5.01.01.2.01.0001")]
    programs = [
        p.Simpul(
            "program",
            f"P{i}",
            kode=f"5.01.{i:02}",
            anak=[p.Simpul("kegiatan", "K", kode=f"5.01.{i:02}.2.01", anak=subs)],
        )
        for i in range(7)
    ]
    pohon = p.Pohon("Pohon", [p.Simpul("tujuan", "T", nomor="1")], programs)
    judul = [h.judul for h in p.halaman(pohon)]
    assert judul[:3] == [
        "Tujuan 1: tujuan, sasaran dan program",
        "Program tanpa sasaran Renstra",
        "Program tanpa sasaran Renstra (lanjutan)",
    ]
    assert judul[3:] == [f"Program 5.01.{i:02}: kegiatan dan sub kegiatan" for i in range(7)]


def test_isi_kotak_nama_indikator_target_satuan_pagu():
    node = p.Simpul(
        "sub_kegiatan",
        "Penyusunan Dokumen Perencanaan",
        kode="5.01.01.2.01.0001",
        indikator=[p.IndikatorPohon("Jumlah dokumen", "3", "Dokumen")],
        pagu=Decimal("1500000"),
    )
    text = [line.teks for line in p.isi_kotak(node, t.LEBAR_KOTAK)]
    assert text == [
        "SUB KEGIATAN 5.01.01.2.01.0001",
        "Penyusunan Dokumen Perencanaan",
        "• Jumlah dokumen: 3\u00a0Dokumen",
        "Pagu: Rp 1.500.000",
    ]
    # an overlong name is shortened, an overlong indicator keeps its target and satuan
    node.nama = "Penyusunan Dokumen Perencanaan " * 20
    node.indikator = [p.IndikatorPohon("Jumlah dokumen yang tersusun tepat waktu " * 10, "12,5", "Dokumen")] * 6
    lines = p.isi_kotak(node, t.LEBAR_KOTAK)
    nama = [line.teks for line in lines if line.kelas == "nama"]
    assert len(nama) == p.MAKS_BARIS_NAMA and nama[-1].endswith(" …")
    indikator = [line.teks for line in lines if line.kelas == "indikator"]
    assert len(indikator) == p.MAKS_INDIKATOR * p.MAKS_BARIS_INDIKATOR + 1
    assert sum(line.endswith("…: 12,5\u00a0Dokumen") for line in indikator) == p.MAKS_INDIKATOR
    assert indikator[-1] == "+ 2 indikator lain (lihat daftar)"


# --------------------------------------------------------------------------- the demo


@pytest.mark.django_db
def test_pohon_demo_sama_dengan_tc33(bappeda):
    pohon = p.pohon_kinerja(bappeda)
    tabel = rumusan_rencana(bappeda)
    pagu_tc33 = {b.sel[4].nilai: b.sel[10].nilai for b in tabel.baris if b.jenis in ("program", "kegiatan")}
    nodes = {}
    for page in pohon.halaman:
        for box in page.kotak:
            nodes.setdefault((box.simpul.jenis, box.simpul.kode or box.simpul.nomor), box.simpul)
    for (jenis, kode), simpul in nodes.items():
        if jenis in ("program", "kegiatan"):
            assert simpul.pagu == pagu_tc33[kode]
    subs = {k for j, k in nodes if j == "sub_kegiatan"}
    assert subs == set(bappeda.sub_kegiatan.values_list("sub_kegiatan__nomenklatur__kode", flat=True))
    # the tujuan's pagu is the sum of its sasaran's, each that of its programs (T-C.33's figure)
    tujuan_tc33 = [b.sel[10].nilai for b in tabel.baris if b.jenis == "tujuan"]
    assert [t_.pagu for t_ in pohon.tujuan] == tujuan_tc33
    for page in pohon.halaman:
        _periksa_tata(page.tata)
        assert page.tata.lebar <= p.LEBAR_HALAMAN and page.tata.tinggi <= p.TINGGI_HALAMAN


# --------------------------------------------------------------------------- the page


@pytest.mark.django_db
def test_nama_jahat_di_escape(client, bappeda):
    tujuan = bappeda.renstra.tujuan.first()
    tujuan.uraian = '</text><script>alert(1)</script><text x="0">&'
    tujuan.save()
    html = masuk("perencana.bappeda").get(URL).content.decode()
    assert "<script>alert(1)" not in html and "</text><script>" not in html
    assert "&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_halaman_terlarang_untuk_opd_lain_dan_anonim(client):
    assert client.get(URL).status_code == 302
    assert masuk("perencana.kominfo").get(URL).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["perencana.bappeda", "reviewer"])
def test_halaman_svg_dan_daftar(client, username, django_assert_max_num_queries):
    client = masuk(username)
    with django_assert_max_num_queries(14):
        response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg role="img"') >= 2 and 'id="daftar-pohon"' in html
    assert "SUB KEGIATAN" in html and "Pagu: Rp" in html


@pytest.mark.django_db
def test_jumlah_query_tidak_tumbuh_dengan_pohon(bappeda, kominfo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = masuk("admin")
    counts, boxes = [], []
    for renja in (bappeda, kominfo):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/renja/{renja.opd.singkatan}/{renja.tahun}/pohon-kinerja/")
        assert response.status_code == 200
        counts.append(len(queries))
        boxes.append(response.content.decode().count("<rect "))
    assert boxes[0] != boxes[1] and counts[0] == counts[1]


@pytest.mark.django_db
def test_opd_besar_setiap_kotak_muat_dan_query_tetap(bappeda):
    """A generated OPD of 80 sub kegiatan (bench/kota.py): every page fits an A4 landscape
    page, every sub kegiatan is drawn once, and the builder reads it in as many queries as
    the demo's much smaller tree."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.kota import buat_kota
    from renja.models import Renja

    ringkasan = buat_kota(jumlah_opd=1, sub_per_opd=80, seed=2031)
    besar = Renja.objects.filter(opd__pemda__kode=ringkasan["pemda"]).select_related("opd", "renstra").first()
    with CaptureQueriesContext(connection) as demo:
        p.pohon_kinerja(bappeda)
    with CaptureQueriesContext(connection) as queries:
        pohon = p.pohon_kinerja(besar)
    assert len(queries) <= len(demo)
    subs = [b.simpul.kode for h in pohon.halaman for b in h.kotak if b.simpul.jenis == "sub_kegiatan"]
    assert sorted(subs) == sorted(besar.sub_kegiatan.values_list("sub_kegiatan__nomenklatur__kode", flat=True))
    assert len(subs) == 80
    for page in pohon.halaman:
        _periksa_tata(page.tata)
        assert page.tata.lebar <= p.LEBAR_HALAMAN and page.tata.tinggi <= p.TINGGI_HALAMAN
    assert len(pohon.halaman) < 20  # 80 sub kegiatan: 13 pages (2 tujuan, 11 program pages)
