"""The form "Evaluasi terhadap Hasil Renja Perangkat Daerah" (spec §2.9) and the Rumus of T-C.29.

Expected figures are worked out by hand from the spec's formulas: 12 = 8+9+10+11 (kumulatif) or
the latest quarter (non-kumulatif), 13 = 12/7×100, 14 = 6+12 (or the latest position),
15 = 14/5×100 (spec §2.9, §4.2, check cases E-02 and E-04 of §5.2).
"""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from anggaran.models import RealisasiAnggaran
from evaluasi import capaian as c
from evaluasi.models import RealisasiKinerja
from laporan.builders.evaluasi_hasil import KOLOM_INDIKATOR, KOLOM_KETERANGAN, evaluasi_hasil_renja
from laporan.builders.tc29 import evaluasi_renja_lalu
from laporan.tabel import Baris, Sel, teks
from laporan.templatetags.renja_angka import sel_baris
from laporan.xlsx import tulis_xlsx
from renja.models import Indikator, Renja, RenjaSubKegiatan, SubKegiatan, Target, UnitKerja
from tests.laporan.spreadsheet import SOFFICE, hitung_ulang

TW = ("tw1", "tw2", "tw3", "tw4")
# Column indices of the layout: kolom k (5–15) K = 6 + 2(k-5), Rp = K + 1 (written out on purpose).
K5, RP5, K6, RP6, K7, RP7 = 6, 7, 8, 9, 10, 11
K8, RP8, K9, RP9, K10, RP10, K11, RP11 = 12, 13, 14, 15, 16, 17, 18, 19
K12, RP12, K13, RP13, K14, RP14, K15, RP15 = 20, 21, 22, 23, 24, 25, 26, 27
PJ, KET = 28, 29


def cari(opd, nama, **filters):
    return Indikator.objects.for_opd(opd).get(nama__iexact=nama, **filters)


def triwulan(indikator, *values, tahun=2021):
    for periode, value in zip(TW, values, strict=False):
        if value is None:
            continue
        field = {"nilai_teks": value} if isinstance(value, str) else {"nilai": D(value)}
        RealisasiKinerja.objects.create(indikator=indikator, tahun=tahun, periode=periode, **field)


def tahunan(indikator, **per_tahun):
    for tahun, value in per_tahun.items():
        RealisasiKinerja.objects.create(indikator=indikator, tahun=int(tahun[1:]), periode="tahunan", nilai=D(value))


def target(indikator, jenis, tahun, value):
    field = {"nilai": None, "nilai_teks": value} if isinstance(value, str) else {"nilai": D(value), "nilai_teks": ""}
    Target.objects.update_or_create(indikator=indikator, jenis=jenis, tahun=tahun, defaults=field)


def baris(tabel, nama):
    found = [b for b in tabel.baris if b.sel[KOLOM_INDIKATOR].nilai == nama]
    assert len(found) == 1, (nama, len(found))
    return found[0]


def footer(tabel, label):
    (row,) = [b for b in tabel.baris if b.jenis == "ringkasan" and b.sel[3].nilai == label]
    return row


def r2(value):
    return None if value is None else D(value).quantize(D("0.01"))


def angka(row, *columns):
    return tuple(r2(row.sel[k].nilai) if isinstance(row.sel[k].nilai, D) else row.sel[k].nilai for k in columns)


# --------------------------------------------------------------------------- Bappeda: E-02, E-04

E02 = "capaian kualitas perencanaan pembangunan bidang pemerintahan dan pembangunan manusia"
STNK = "Jumlah STNK Kendaraan R4"
BIMTEK = "Jumlah Peserta BinteK Penyusunan Dokumen Perangkat Daerah"
KELITBANGAN = "Presentase dokumen kelitbangan bidang sosial dan kependudukan yang di publikasikan"


@pytest.fixture
def bappeda_triwulan(bappeda):
    """Quarterly realisasi 2021 for four demo indicators; no other indicator has any. The
    targets and yearly realisasi are the demo's (Tabel 2.1)."""
    opd = bappeda.opd
    triwulan(cari(opd, E02), 90, 92, 94, 95)  # E-02: 5 = 100, 6 = 85, 7 = 95
    triwulan(cari(opd, STNK), 2, 1, 1, 1)  # kumulatif: 5 = 24, 6 = 0 + 0, 7 = 8
    triwulan(cari(opd, BIMTEK), 10, 0, 0, 0)  # kumulatif: 5 = 140, 6 = 70 + 70, 7 = 0
    triwulan(cari(opd, KELITBANGAN), 30, 40)  # non-kumulatif: 5 = 80, 6 = 75, 7 = 75
    return bappeda


@pytest.mark.parametrize(
    "nama, expected",
    [
        # (5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        (E02, (100, 85, 95, 90, 92, 94, 95, 95, D("100.00"), 95, D("95.00"))),  # E-02: 12 = 95, not 371
        (STNK, (24, 0, 8, 2, 1, 1, 1, 5, D("62.50"), 5, D("20.83"))),
        (BIMTEK, (140, 140, 0, 10, 0, 0, 0, 10, None, 150, D("107.14"))),
        (KELITBANGAN, (80, 75, 75, 30, 40, None, None, 40, D("53.33"), 40, D("50.00"))),
    ],
)
def test_kolom_k_dihitung_tangan(bappeda_triwulan, nama, expected):
    row = baris(evaluasi_hasil_renja(bappeda_triwulan, 4), nama)
    assert angka(row, K5, K6, K7, K8, K9, K10, K11, K12, K13, K14, K15) == tuple(
        r2(v) if v is not None else None for v in expected
    )


def test_rasio_tak_terdefinisi_dengan_alasan(bappeda_triwulan):
    row = baris(evaluasi_hasil_renja(bappeda_triwulan, 4), BIMTEK)
    assert row.sel[K13].nilai is None
    assert row.sel[K13].alasan == c.ALASAN_TANPA_TARGET  # 10 realised against a target of 0
    assert row.sel[K13].rumus.kolom == (K12, K7)  # the spreadsheet shows "–" for the same reason


def test_e04_rata_rata_dan_predikat(bappeda_triwulan):
    tabel = evaluasi_hasil_renja(bappeda_triwulan, 4)
    rata = footer(tabel, "Rata-rata capaian kinerja (%)")
    # E-04: 100,00; 62,50; –; 53,33 → mean over 3 defined values = 71,94 → S
    assert r2(rata.sel[K13].nilai) == D("71.94")
    assert "kolom 13 (K): 180 baris tidak dihitung" in rata.sel[KET].nilai  # 183 indicator rows, 3 defined
    predikat = footer(tabel, "Predikat kinerja")
    assert predikat.sel[K13].nilai == "S"
    assert "kolom 13 (K): Sedang" in predikat.sel[KET].nilai


def test_jumlah_baris_dan_query_bappeda(bappeda_triwulan, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):  # 8, and the Kepala Bappeda of the signature
        tabel = evaluasi_hasil_renja(bappeda_triwulan, 4)
    data = [b for b in tabel.baris if b.jenis not in ("ringkasan", "tanda_tangan")]
    assert len(data) == 183  # the indicators of Tabel 2.1 (BAP:429-636)
    assert all(len(b.sel) == 30 for b in tabel.baris)


def test_triwulan_2_mengabaikan_tw3_tw4(bappeda_triwulan):
    tabel = evaluasi_hasil_renja(bappeda_triwulan, 2)
    e02 = baris(tabel, E02)
    assert angka(e02, K8, K9, K10, K11, K12, K13) == (90, 92, None, None, 92, D("96.84"))  # 92/95
    stnk = baris(tabel, STNK)
    assert angka(stnk, K12, K13, K14, K15) == (3, D("37.50"), 3, D("12.50"))
    assert tabel.subjudul[-1] == "Triwulan: II"


@pytest.mark.parametrize("value", [0, 5])
def test_triwulan_di_luar_1_sampai_4(bappeda, value):
    with pytest.raises(ValueError):
        evaluasi_hasil_renja(bappeda, value)


def test_judul_dan_tata_letak(bappeda):
    tabel = evaluasi_hasil_renja(bappeda, 3)
    assert tabel.judul == "Evaluasi terhadap Hasil Renja Perangkat Daerah Lingkup Kabupaten/Kota"
    assert tabel.subjudul == [
        "Pemerintah Kota Serang",
        "Renja Perangkat Daerah Badan Perencanaan Pembangunan Daerah",
        "Periode Pelaksanaan: Tahun 2021",
        "Triwulan: III",
    ]
    assert tabel.jumlah_kolom == 30
    numbers = tabel.nomor_kolom
    assert numbers[:6] == ["1", "2", "", "3", "4", ""]
    assert (numbers[K5], numbers[RP5], numbers[K12], numbers[RP13], numbers[K15]) == (
        "5",
        "5",
        "12=8+9+10+11",
        "13=12/7×100",
        "15=14/5×100",
    )
    assert (numbers[PJ], numbers[KET]) == ("16", "17")
    heads = [k.teks for k in tabel.kepala[0]]
    assert "Target Renstra Perangkat Daerah pada Tahun 2023 (Akhir Periode Renstra PD)" in heads
    assert (
        "Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun Lalu (2020)"
        in heads
    )
    assert "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun 2021) yang Dievaluasi" in heads
    assert [k.teks for k in tabel.kepala[1]] == ["I", "II", "III", "IV"]
    assert [k.teks for k in tabel.kepala[2]] == ["K", "Rp"] * 11
    assert sum(k.colspan for k in tabel.kepala[0]) == 30
    texts = [b.sel[0].nilai for b in tabel.baris if b.jenis == "ringkasan"][2:]
    assert texts == [
        "Faktor pendorong keberhasilan kinerja:",
        "Faktor penghambat pencapaian kinerja:",
        "Tindak lanjut yang diperlukan dalam triwulan berikutnya*):",
        "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah kabupaten/kota berikutnya*):",
    ]
    signatures = [(b.sel[1].nilai, b.sel[22].nilai) for b in tabel.baris if b.jenis == "tanda_tangan"]
    assert signatures[0] == ("Disusun", "Dievaluasi")
    # the demo's Kepala (fixtures/README.md): Bappeda is both the OPD and the Pemda's Bappeda
    jabatan = "KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA SERANG"
    assert (jabatan, jabatan) in signatures and ("Ir. M. RIDWAN, MM", "Ir. M. RIDWAN, MM") in signatures
    # Each signature is one merged cell: kolom 2–4 on the left, kolom 13 to Keterangan on the right.
    first = next(b for b in tabel.baris if b.jenis == "tanda_tangan")
    merged = [(start, span, sel.nilai) for start, span, sel in first.rentang() if span > 1]
    assert merged == [(1, 4, "Disusun"), (22, 8, "Dievaluasi")]
    html = tabel_html(tabel)
    assert '<td class="teks gabung" colspan="4">Disusun</td>' in html
    assert '<td class="teks gabung" colspan="8">Dievaluasi</td>' in html
    sheet = load_workbook(io.BytesIO(tulis_xlsx([tabel]))).worksheets[0]
    row = next(c.row for c in sheet["B"] if c.value == "Disusun")
    assert f"B{row}:E{row}" in {str(r) for r in sheet.merged_cells.ranges}
    assert f"W{row}:AD{row}" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet[f"C{row}"].value is None and sheet[f"AD{row}"].value is None


def tabel_html(tabel):
    return "".join(sel_baris(b, tabel) for b in tabel.baris)


def test_hanya_sel_gabungan_yang_digabung():
    same = teks("a")
    baris = Baris("indikator", [same, same, teks("b"), Sel(), Sel()], gabungan=((2, 3),))
    assert [(start, span, sel.nilai) for start, span, sel in baris.rentang()] == [(0, 1, "a"), (1, 1, "a"), (2, 3, "b")]


def test_rumus_menunjuk_kolom_yang_benar(bappeda_triwulan):
    tabel = evaluasi_hasil_renja(bappeda_triwulan, 4)
    row = baris(tabel, STNK)
    rumus = {k: row.sel[k].rumus for k in (K12, K13, K14, K15)}
    assert (rumus[K12].jenis, rumus[K12].kolom, rumus[K12].sifat) == ("agregasi", (K8, K9, K10, K11), "kumulatif")
    assert (rumus[K13].jenis, rumus[K13].kolom, rumus[K13].polaritas) == ("capaian", (K12, K7), "positif")
    assert (rumus[K14].jenis, rumus[K14].kolom, rumus[K14].sifat) == ("agregasi", (K6, K12), "kumulatif")
    assert (rumus[K15].jenis, rumus[K15].kolom) == ("capaian", (K14, K5))
    e02 = baris(tabel, E02)
    assert (e02.sel[K12].rumus.sifat, e02.sel[K14].rumus.sifat) == ("non_kumulatif", "non_kumulatif")
    assert all(row.sel[k].rumus is None for k in (K5, K6, K7, K8, K9, K10, K11))  # inputs stay static


def test_rumus_menjadi_formula_xlsx(bappeda_triwulan):
    """The XLSX renderer turns the Rumus of 13 K into 12 K / 7 K × 100 on the same row."""
    sheet = load_workbook(io.BytesIO(tulis_xlsx([evaluasi_hasil_renja(bappeda_triwulan, 4)]))).active
    (r,) = [i for i, row in enumerate(sheet.iter_rows(values_only=True), start=1) if row[KOLOM_INDIKATOR] == STNK]
    assert f"U{r}/K{r}*100" in sheet.cell(r, K13 + 1).value  # U = 12 K (index 20), K = 7 K (index 10)
    assert sheet.cell(r, K7 + 1).value == 8


# --------------------------------------------------------------------------- Diskominfo: everything


@pytest.fixture
def kominfo_triwulan(kominfo):
    """A small, fully hand-computable evaluation of Diskominfo's year 2021 (Renstra 2018–2023):
    five indicators (non-kumulatif, kumulatif, target 0, negatif, kualitatif), a Renja 2021 with
    pagu for two sub kegiatan and their realisasi anggaran."""
    opd = kominfo.opd
    aduan = cari(opd, "Persentase aduan masyarakat yang ditindaklanjuti")  # program 2.16.02
    target(aduan, "akhir_renstra", 2023, 100)
    target(aduan, "renja", 2021, 95)
    tahunan(aduan, t2019=80, t2020=85)
    triwulan(aduan, 90, 92, 94, 95)

    laporan = cari(opd, "Jumlah laporan monitoring opini publik")  # sub 2.16.02.2.01.02
    target(laporan, "akhir_renstra", 2023, 60)
    target(laporan, "renja", 2021, 12)
    tahunan(laporan, t2019=12, t2020=12)
    triwulan(laporan, 3, 3, 3, 3)

    permohonan = cari(opd, "Jumlah permohonan informasi publik yang dilayani")  # sub 2.16.02.2.01.06
    target(permohonan, "akhir_renstra", 2023, 500)
    target(permohonan, "renja", 2021, 0)
    tahunan(permohonan, t2020=100)
    triwulan(permohonan, 20, 30, 0, 0)

    aplikasi = SubKegiatan.objects.get(kegiatan__program__opd=opd, nomenklatur__kode="2.16.03.2.02.07")
    gangguan = Indikator.objects.create(
        sub_kegiatan=aplikasi,
        urutan=2,
        nama="Jumlah gangguan layanan aplikasi",
        satuan="Kejadian",
        sifat="kumulatif",
        polaritas="negatif",
        metode_negatif="selisih",
    )
    target(gangguan, "akhir_renstra", 2023, 10)
    target(gangguan, "renja", 2021, 4)
    tahunan(gangguan, t2019=3, t2020=2)
    triwulan(gangguan, 1, 1, 0, 1)

    sertifikasi = Indikator.objects.create(
        kegiatan=aplikasi.kegiatan,
        urutan=2,
        nama="Status sertifikasi pusat data",
        tipe_nilai="kualitatif",
        sifat="non_kumulatif",
    )
    target(sertifikasi, "akhir_renstra", 2023, "Tersertifikasi")
    target(sertifikasi, "renja", 2021, "Tersertifikasi")
    triwulan(sertifikasi, None, "Proses", "Tersertifikasi")

    renja_2021 = Renja.objects.create(opd=opd, tahun=2021, renstra=kominfo.renstra)
    sekretariat = UnitKerja.objects.get(opd=opd, kode="SEKRETARIAT")
    for kode, pagu, pj in (("2.16.02.2.01.02", 100, sekretariat), ("2.16.02.2.01.06", 50, None)):
        RenjaSubKegiatan.objects.create(
            renja=renja_2021,
            sub_kegiatan=SubKegiatan.objects.get(kegiatan__program__opd=opd, nomenklatur__kode=kode),
            pagu=D(pagu * 1_000_000),
            penanggung_jawab=pj,
        )
    spending = {
        ("2.16.02.2.01.02", 2021): {"tw1": 20, "tw2": 30, "tw3": 25, "tw4": 25},
        ("2.16.02.2.01.06", 2021): {"tw1": 10, "tw2": 10, "tw3": 10},
        ("2.16.02.2.01.02", 2020): {"tahunan": 90},
        ("2.16.02.2.01.06", 2019): {"tw1": 10, "tw2": 10, "tw3": 10, "tw4": 10},
        ("2.16.02.2.01.06", 2022): {"tw1": 99},  # after the evaluated year: ignored
    }
    for (kode, tahun), values in spending.items():
        sub = SubKegiatan.objects.get(kegiatan__program__opd=opd, nomenklatur__kode=kode)
        for periode, juta in values.items():
            RealisasiAnggaran.objects.create(sub_kegiatan=sub, tahun=tahun, periode=periode, nilai=D(juta * 1_000_000))
    return kominfo


JUTA = D(1_000_000)


def test_kominfo_baris_dan_urutan(kominfo_triwulan, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):  # 8, and the Kepala Bappeda of the signature
        tabel = evaluasi_hasil_renja(kominfo_triwulan, 4)
    data = [b for b in tabel.baris if b.jenis not in ("ringkasan", "tanda_tangan")]
    assert [(b.jenis, b.sel[2].nilai, b.sel[KOLOM_INDIKATOR].nilai) for b in data] == [
        ("program", "2.16.02", "Persentase aduan masyarakat yang ditindaklanjuti"),
        ("sub_kegiatan", "2.16.02.2.01.02", "Jumlah laporan monitoring opini publik"),
        ("sub_kegiatan", "2.16.02.2.01.06", "Jumlah permohonan informasi publik yang dilayani"),
        ("kegiatan", "2.16.03.2.02", "Status sertifikasi pusat data"),
        ("sub_kegiatan", "2.16.03.2.02.07", "Jumlah gangguan layanan aplikasi"),
    ]
    assert [b.sel[0].nilai for b in data] == ["1", "2", "3", "4", "5"]
    assert data[0].sel[1].nilai == "Meningkatnya keterbukaan informasi publik"  # the program's sasaran
    assert data[1].sel[1].kosong


@pytest.mark.parametrize(
    "nama, expected",
    [
        # (6, 12, 13, 14, 15)
        ("Persentase aduan masyarakat yang ditindaklanjuti", (85, 95, D("100.00"), 95, D("95.00"))),
        ("Jumlah laporan monitoring opini publik", (24, 12, D("100.00"), 36, D("60.00"))),
        ("Jumlah permohonan informasi publik yang dilayani", (100, 50, None, 150, D("30.00"))),
        # negatif, selisih: 13 = (2×4 − 3)/4×100, 15 = (2×10 − 8)/10×100
        ("Jumlah gangguan layanan aplikasi", (5, 3, D("125.00"), 8, D("120.00"))),
        # kualitatif: the latest quarter's text; equal to the target → 100
        ("Status sertifikasi pusat data", (None, "Tersertifikasi", D("100.00"), "Tersertifikasi", D("100.00"))),
    ],
)
def test_kominfo_kolom_k(kominfo_triwulan, nama, expected):
    row = baris(evaluasi_hasil_renja(kominfo_triwulan, 4), nama)
    assert angka(row, K6, K12, K13, K14, K15) == tuple(r2(v) if isinstance(v, int) else v for v in expected)


@pytest.mark.parametrize(
    "metode, k13, k15",
    [("selisih", D("125.00"), D("120.00")), ("rasio_terbalik", D("133.33"), D("125.00"))],  # 4/3, 10/8
)
def test_polaritas_negatif(kominfo_triwulan, metode, k13, k15):
    Indikator.objects.filter(nama="Jumlah gangguan layanan aplikasi").update(metode_negatif=metode)
    row = baris(evaluasi_hasil_renja(kominfo_triwulan, 4), "Jumlah gangguan layanan aplikasi")
    assert angka(row, K13, K15) == (k13, k15)
    assert (row.sel[K13].rumus.polaritas, row.sel[K13].rumus.metode_negatif) == ("negatif", metode)
    assert row.sel[K15].rumus.kolom == (K14, K5)


def test_kualitatif_tanpa_rumus(kominfo_triwulan):
    row = baris(evaluasi_hasil_renja(kominfo_triwulan, 4), "Status sertifikasi pusat data")
    assert all(sel.rumus is None for sel in row.sel)
    assert (row.sel[K7].nilai, row.sel[K9].nilai, row.sel[K10].nilai) == ("Tersertifikasi", "Proses", "Tersertifikasi")


def test_kategori_tanpa_rumus(kominfo_triwulan):
    Indikator.objects.filter(nama="Status sertifikasi pusat data").update(
        tipe_nilai="kategori", skala_kategori=["Belum", "Proses", "Tersertifikasi"]
    )
    RealisasiKinerja.objects.filter(indikator__nama="Status sertifikasi pusat data", periode="tw3").delete()
    row = baris(evaluasi_hasil_renja(kominfo_triwulan, 4), "Status sertifikasi pusat data")
    assert r2(row.sel[K13].nilai) == D("66.67")  # rank 2 of 3 against the target's rank 3
    assert all(sel.rumus is None for sel in row.sel)


def test_kominfo_anggaran(kominfo_triwulan):
    tabel = evaluasi_hasil_renja(kominfo_triwulan, 4)
    rp = (RP5, RP6, RP7, RP8, RP9, RP10, RP11, RP12, RP13, RP14, RP15)

    def juta(row):
        return tuple(
            v / JUTA if isinstance(v, D) and k not in (RP13, RP15) else v
            for k, v in zip(rp, angka(row, *rp), strict=True)
        )

    laporan = baris(tabel, "Jumlah laporan monitoring opini publik")
    assert juta(laporan) == (None, 90, 100, 20, 30, 25, 25, 100, D("100.00"), 190, None)
    assert laporan.sel[RP15].alasan == c.ALASAN_TANPA_TARGET  # no Renstra money target (kolom 5 Rp)
    permohonan = baris(tabel, "Jumlah permohonan informasi publik yang dilayani")
    assert juta(permohonan) == (None, 40, 50, 10, 10, 10, None, 30, D("60.00"), 70, None)  # 2019 from quarters
    program = baris(tabel, "Persentase aduan masyarakat yang ditindaklanjuti")  # Σ of its sub kegiatan
    assert juta(program) == (None, 130, 150, 30, 40, 35, 25, 130, D("86.67"), 260, None)
    gangguan = baris(tabel, "Jumlah gangguan layanan aplikasi")  # no money data: Rp left empty
    assert all(gangguan.sel[k].kosong and not gangguan.sel[k].alasan and gangguan.sel[k].rumus is None for k in rp)


def test_kominfo_rumus_rp(kominfo_triwulan):
    row = baris(evaluasi_hasil_renja(kominfo_triwulan, 4), "Jumlah laporan monitoring opini publik")
    assert (row.sel[RP12].rumus.kolom, row.sel[RP12].rumus.sifat) == ((RP8, RP9, RP10, RP11), "kumulatif")
    assert row.sel[RP13].rumus.kolom == (RP12, RP7)
    assert (row.sel[RP14].rumus.kolom, row.sel[RP14].rumus.sifat) == ((RP6, RP12), "kumulatif")
    assert row.sel[RP15].rumus.kolom == (RP14, RP5)


def test_kominfo_unit_penanggung_jawab(kominfo_triwulan):
    tabel = evaluasi_hasil_renja(kominfo_triwulan, 4)
    sekretariat = str(UnitKerja.objects.get(opd=kominfo_triwulan.opd, kode="SEKRETARIAT"))
    ikp = str(UnitKerja.objects.get(opd=kominfo_triwulan.opd, kode="IKP"))
    # The Renja 2021 names Sekretariat for .02; .06 has none there, so the Renja 2022's unit.
    assert baris(tabel, "Jumlah laporan monitoring opini publik").sel[PJ].nilai == sekretariat
    assert baris(tabel, "Jumlah permohonan informasi publik yang dilayani").sel[PJ].nilai == ikp
    assert baris(tabel, "Persentase aduan masyarakat yang ditindaklanjuti").sel[PJ].nilai == f"{sekretariat}, {ikp}"


def test_kominfo_rata_rata_dan_predikat(kominfo_triwulan):
    tabel = evaluasi_hasil_renja(kominfo_triwulan, 4)
    data = [b for b in tabel.baris if b.jenis not in ("ringkasan", "tanda_tangan")]
    rata = footer(tabel, "Rata-rata capaian kinerja (%)")
    # 13 K: (100 + 100 + 125 + 100) / 4, the target-0 row left out; 15 K: (95 + 60 + 30 + 120 + 100) / 5
    # 13 Rp over the rows carrying money: (86,67 + 100 + 60) / 3; 15 Rp: no Renstra money target
    assert angka(rata, K13, K15, RP13, RP15) == (D("106.25"), D("81.00"), D("82.22"), None)
    assert rata.sel[KET].nilai == "kolom 13 (K): 1 baris tidak dihitung; kolom 15 (Rp): 3 baris tidak dihitung"
    assert rata.sel[K13].rumus.jenis == rata.sel[K15].rumus.jenis == "rata_rata"
    assert rata.sel[K13].rumus.baris == tuple(data)
    assert rata.sel[RP13].rumus.baris == (data[0], data[1], data[2])  # the node rows with Rp
    predikat = footer(tabel, "Predikat kinerja")
    assert angka(predikat, K13, K15, RP13, RP15) == ("ST", "T", "T", None)
    assert predikat.sel[RP15].alasan
    assert predikat.sel[KOLOM_KETERANGAN].nilai.startswith("kolom 13 (K): Sangat Tinggi (melampaui target)")
    for column in (K13, K15, RP13, RP15):
        rumus = predikat.sel[column].rumus
        assert (rumus.jenis, rumus.kolom, rumus.baris) == ("predikat", (column,), (rata,))


def test_kominfo_triwulan_2(kominfo_triwulan):
    tabel = evaluasi_hasil_renja(kominfo_triwulan, 2)
    laporan = baris(tabel, "Jumlah laporan monitoring opini publik")
    assert angka(laporan, K10, K11, K12, K13, K14, K15) == (None, None, 6, D("50.00"), 30, D("50.00"))
    assert angka(laporan, RP10, RP11, RP12, RP13) == (None, None, 50 * JUTA, D("50.00"))
    program = baris(tabel, "Persentase aduan masyarakat yang ditindaklanjuti")
    assert angka(program, RP12, RP13) == (70 * JUTA, D("46.67"))  # 70 of 150
    sertifikasi = baris(tabel, "Status sertifikasi pusat data")
    assert (sertifikasi.sel[K12].nilai, r2(sertifikasi.sel[K13].nilai)) == ("Proses", D("0.00"))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice tidak terpasang")
def test_formula_xlsx_dihitung_ulang_sama_dengan_mesin(kominfo_triwulan, tmp_path):
    """Every cell with a Rumus, recalculated by LibreOffice from the cells it names, equals the
    engine's figure ("–" where the engine has none), including the footer's means and predikat."""
    tabel = evaluasi_hasil_renja(kominfo_triwulan, 3)
    sheet = hitung_ulang(tulis_xlsx([tabel]), tmp_path).active
    (nomor,) = [i for i, row in enumerate(sheet.iter_rows(values_only=True), start=1) if row[K12] == "12=8+9+10+11"]
    checked = 0
    for i, row in enumerate(tabel.baris, start=nomor + 1):
        for k, sel in enumerate(row.sel):
            if sel.rumus is None:
                continue
            value = sheet.cell(i, k + 1).value
            if isinstance(sel.nilai, D):
                assert isinstance(value, int | float) and abs(D(str(value)) - sel.nilai) < D("1e-6"), (i, k, value)
            else:
                assert value == (sel.nilai if sel.nilai is not None else "–"), (i, k, value, sel)
            checked += 1
    assert checked == 4 * 4 + 4 * 3 + 4 + 4  # K 12–15 of 4 numeric rows, Rp 12–15 of 3 nodes, means, predikat


def test_opd_tanpa_data_nihil(kominfo):
    assert [b.jenis for b in evaluasi_hasil_renja(kominfo, 4).baris] == ["nihil"]


# --------------------------------------------------------------------------- T-C.29 Rumus


def test_tc29_rumus_indikator_angka(bappeda):
    tabel = evaluasi_renja_lalu(bappeda)
    (row,) = [b for b in tabel.baris if b.sel[2].nilai == "Jumlah Dokumen Evaluasi RKPD"]
    assert (row.sel[8].rumus.jenis, row.sel[8].rumus.kolom) == ("capaian", (7, 6))  # 8 = 7/6×100
    assert (row.sel[10].rumus.jenis, row.sel[10].rumus.kolom, row.sel[10].rumus.sifat) == (
        "agregasi",
        (5, 7, 9),
        "kumulatif",
    )  # 10 = 5+7+9
    assert (row.sel[11].rumus.jenis, row.sel[11].rumus.kolom) == ("capaian", (10, 4))  # 11 = 10/4×100
    assert row.sel[5].rumus is None  # kolom 5 is derived from yearly data outside the table: static
    (persen,) = [b for b in tabel.baris if b.sel[2].nilai.startswith("Tingkat keselarasan dokumen perencanaan OPD")]
    assert persen.sel[10].rumus.sifat == "non_kumulatif"


def test_tc29_kualitatif_tanpa_rumus(bappeda):
    sub = SubKegiatan.objects.get(kegiatan__program__opd=bappeda.opd, nomenklatur__kode="5.01.02.2.03.03")
    ind = Indikator.objects.create(
        sub_kegiatan=sub, urutan=5, nama="Status SAKIP", tipe_nilai="kualitatif", sifat="non_kumulatif"
    )
    target(ind, "renja", 2020, "Ada")
    target(ind, "renja", 2021, "Ada")
    RealisasiKinerja.objects.create(indikator=ind, tahun=2020, periode="tahunan", nilai_teks="Ada")
    (row,) = [b for b in evaluasi_renja_lalu(bappeda).baris if b.sel[2].nilai == "Status SAKIP"]
    assert r2(row.sel[8].nilai) == D("100.00")
    assert all(sel.rumus is None for sel in row.sel)
