"""Import of an OPD's Renstra (issue 15 point 2): the Renstra's "Rencana Program, Kegiatan dan
Pendanaan" table with a three-row header and the Bab III table, built from the demo Bappeda's
own tujuan, sasaran, program tree and indicators (seed Renja Bappeda Kota Serang 2022, Tabel 3.1
and 3.3) for a new OPD with a Renstra 2024–2028. Expected figures are worked out by hand."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from renja import impor_renstra
from renja.berkas import BerkasTidakSah
from renja.impor import BARU, BERUBAH, KOSONG, SAMA
from renja.models import (
    Impor,
    Indikator,
    Nomenklatur,
    PaguRenstra,
    PerangkatDaerah,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
)
from tests.pembantu import xlsx

TAHUN = [2024, 2025, 2026, 2027, 2028]
JUDUL = [["RENCANA PROGRAM, KEGIATAN DAN PENDANAAN BAPPEDA KOTA CONTOH 2024-2028"], []]
KEPALA = [
    [
        "Tujuan",
        "Sasaran",
        "Kode",
        "Program/Kegiatan/Sub Kegiatan",
        "Indikator",
        "Data Capaian Awal (2023)",
        "Target Kinerja dan Kerangka Pendanaan",
        *[None] * 9,
        "Kondisi Kinerja pada Akhir Periode",
        None,
        "Unit Kerja PD Penanggung Jawab",
        "Lokasi",
    ],
    [None] * 6 + [x for t in TAHUN for x in (t, None)] + [None] * 4,
    [None] * 6 + ["Target", "Rp"] * 6 + [None, None],
    list(range(1, 21)),
]
# rows 3-5 as printed: vertical merges for A..F, S, T; year over Target | Rp; the end pair
MERGE = [
    "A3:A5",
    "B3:B5",
    "C3:C5",
    "D3:D5",
    "E3:E5",
    "F3:F5",
    "G3:P3",
    "Q3:R4",
    "S3:S5",
    "T3:T5",
    *(f"{a}4:{b}4" for a, b in (("G", "H"), ("I", "J"), ("K", "L"), ("M", "N"), ("O", "P"))),
]
TUJUAN = "Terwujudnya Kualitas Perencanaan Pembangunan Daerah"
SASARAN = "Meningkatnya keselarasan dan keterpaduan perencanaan pembangunan daerah"
SUB1 = "Analisis Kondisi Daerah, Permasalahan, dan Isu Strategis Pembangunan Daerah"


def _tahunan(targets, pagu):
    return [x for t, p in zip(targets, pagu, strict=True) for x in (t, p)]


def baris(pagu_program="400.000.000"):
    """The data rows: tujuan, sasaran, a program (unpadded code 5.1.2, as the seed writes it),
    a kegiatan and two sub kegiatan with units inside cells and both number styles."""
    return [
        [
            TUJUAN,
            None,
            None,
            None,
            "Indeks perencanaan daerah",
            "6",
            *_tahunan(["6,4", "6,6", "6,8", "7", "7,2"], [None] * 5),
            "7,2",
            None,
            None,
            "Kota Contoh",
        ],
        [
            None,
            SASARAN,
            None,
            None,
            "Tingkat konsistensi perencanaan dan pelaksanaan pembangunan daerah",
            "90%",
            *_tahunan(["95%", "96%", "97%", "98%", "99%"], [None] * 5),
            "99%",
            None,
            None,
            None,
        ],
        [
            None,
            None,
            "5.1.2",
            "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
            "Persentase keselarasan dokumen perencanaan pembangunan daerah",
            None,
            *_tahunan(["100%"] * 5, [pagu_program] * 5),
            "100%",
            None,
            "Kepala Badan",
            None,
        ],
        [
            None,
            None,
            "5.01.02.2.01",
            "Penyusunan Perencanaan dan Pendanaan",
            "Persentase dokumen perencanaan pembangunan daerah yang ditetapkan sesuai ketentuan",
            None,
            *_tahunan(["100 %"] * 5, [None] * 5),
            "100 %",
            None,
            None,
            None,
        ],
        [
            None,
            None,
            "5.01.02.2.01.01",
            SUB1,
            "Jumlah Dokumen Analisis Kondisi Daerah",
            None,
            *_tahunan(["1 Dokumen"] * 5, ["200.000.000"] * 5),
            "5 Dokumen",
            "1.000.000.000",
            "Bidang P2EPD",
            "Kota Contoh",
        ],
        [
            None,
            None,
            "5.01.02.2.01.05",
            "Pelaksanaan Musrenbang Kabupaten/Kota",
            "Jumlah Berita Acara (BA) Hasil Musrenbang",
            None,
            *_tahunan([1, 1, 1, 1, 1], ["200,000,000", 200000000, "Rp 200.000.000,-", "200.000.000", "200.000.000"]),
            1,
            None,
            None,
            None,
        ],
    ]


def berkas(rows=None, **kw):
    return xlsx([*JUDUL, *KEPALA, *(baris(**kw) if rows is None else rows)], merge=MERGE)


@pytest.fixture
def opd(pemda):
    opd = PerangkatDaerah.objects.create(
        pemda=pemda, kode="5.01.5.05.0.00.01.0000", nama="Bappeda", singkatan="BAPPEDA"
    )
    opd.bidang_urusan.set(Nomenklatur.objects.filter(versi=pemda.nomenklatur_versi, kode__in=["5.01", "5.05"]))
    return opd


def jalankan(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def simpan(opd, user, data, nama="renstra.xlsx", tahun=None, **kw):
    return impor_renstra.terapkan(opd, user, data, nama, tahun, **kw)


def galat(hasil):
    return {(b.nomor, b.kolom): b.pesan for b in hasil.galat}


def test_tabel_program_kegiatan_pendanaan_menjadi_renstra_baru(opd, admin_contoh):
    hasil = impor_renstra.periksa(opd, berkas(), "renstra.xlsx")
    assert not hasil.galat
    # 1 period, 1 tujuan, 1 sasaran, 4 nodes, 6 indicators, 6 x 6 targets, 2 x 5 pagu
    assert hasil.ringkasan == {"baru": 1 + 1 + 1 + 4 + 6 + 36 + 10, "berubah": 0, "sama": 0, "kosong": 0, "galat": 0}
    impor = simpan(opd, admin_contoh, berkas())
    renstra = Renstra.objects.get(opd=opd)
    assert (renstra.tahun_awal, renstra.tahun_akhir, renstra.status) == (2024, 2028, Renstra.Status.DRAF)
    tujuan = Tujuan.objects.get(renstra=renstra)
    sasaran = Sasaran.objects.get(tujuan=tujuan)
    assert (tujuan.nomor, sasaran.nomor, sasaran.uraian) == ("1", "1.1", SASARAN)
    assert [p.nomenklatur.kode for p in sasaran.program.all()] == ["5.01.02"]  # "5.1.2" as the seed writes it
    indeks = Indikator.objects.get(tujuan=tujuan)
    assert (indeks.tipe_nilai, indeks.sifat) == ("indeks", "non_kumulatif")
    assert Target.objects.get(indikator=indeks, tahun=2024, jenis="renstra").nilai == Decimal("6.4")  # "6,4"
    sub1 = SubKegiatan.objects.get(nomenklatur__kode="5.01.02.2.01.01", kegiatan__program__opd=opd)
    dokumen = Indikator.objects.get(sub_kegiatan=sub1)
    # 1 Dokumen a year, 5 Dokumen at the end: 5 >= 1+1+1+1+1, kumulatif
    assert (dokumen.satuan, dokumen.tipe_nilai, dokumen.sifat) == ("Dokumen", "angka", "kumulatif")
    assert Target.objects.get(indikator=dokumen, tahun=2028, jenis="akhir_renstra").nilai == 5
    musrenbang = Indikator.objects.get(
        sub_kegiatan__nomenklatur__kode="5.01.02.2.01.05", sub_kegiatan__kegiatan__program__opd=opd
    )
    assert musrenbang.sifat == "non_kumulatif"  # end target 1 < 5
    assert Target.objects.filter(indikator__in=Indikator.objects.for_opd(opd)).count() == 36
    pagu = PaguRenstra.objects.filter(renstra=renstra)
    assert pagu.count() == 10
    # both number styles and "Rp 200.000.000,-": 2 x 200.000.000 a year, 5 years
    assert sum(p.pagu for p in pagu) == Decimal("2000000000")
    assert Impor.objects.get(pk=impor.pk).jenis == Impor.Jenis.RENSTRA
    assert tujuan.history.first().history_change_reason.startswith(f"impor #{impor.pk} ")
    assert PaguRenstra.history.filter(history_change_reason__startswith=f"impor #{impor.pk} ").count() == 10


def test_berkas_yang_sama_dua_kali_semuanya_sama(opd, admin_contoh):
    simpan(opd, admin_contoh, berkas())
    jumlah = Target.objects.count(), PaguRenstra.objects.count(), Indikator.objects.count()
    hasil = impor_renstra.periksa(opd, berkas(), "renstra.xlsx")
    assert {s: n for s, n in hasil.ringkasan.items() if n} == {"sama": 59}
    impor = simpan(opd, admin_contoh, berkas())
    assert (impor.baru, impor.berubah, impor.sama) == (0, 0, 59)
    assert (Target.objects.count(), PaguRenstra.objects.count(), Indikator.objects.count()) == jumlah


def test_nilai_yang_berubah_dan_templat_pulang_pergi(opd, admin_contoh):
    from laporan.templat import templat_renstra

    simpan(opd, admin_contoh, berkas())
    rows = baris()
    rows[4][6] = "2 Dokumen"  # target 2024 of sub kegiatan .01
    hasil = impor_renstra.periksa(opd, berkas(rows), "renstra.xlsx")
    changed = [(b.kolom, b.lama, b.baru) for b in hasil.baris if b.status == BERUBAH]
    assert changed == [("Target 2024", "1", "2")]
    renstra = Renstra.objects.get(opd=opd)
    Indikator.objects.filter(tujuan__renstra=renstra).update(polaritas="negatif", metode_negatif="rasio_terbalik")
    data = templat_renstra(renstra)
    rows = list(load_workbook(io.BytesIO(data))["Renstra"].iter_rows(values_only=True))
    assert rows[1][7:9] == ("Sifat", "Polaritas")
    assert [(r[4], r[8]) for r in rows[3:] if r[4] and r[8] != "Positif"] == [
        ("Indeks perencanaan daerah", "Negatif (rasio terbalik)")
    ]
    again = impor_renstra.periksa(opd, data, "templat.xlsx")
    assert not again.galat, galat(again)
    assert {s for s, n in again.ringkasan.items() if n} == {"sama"}, [
        (b.nomor, b.kolom, b.lama, b.baru) for b in again.baris if b.status != SAMA
    ]
    (negatif,) = [b for b in again.baris if "negatif" in b.baru]  # read back negative, nothing to change
    assert negatif.mentah == "Indeks perencanaan daerah" and negatif.baru.endswith("; negatif (rasio terbalik))")


def test_jumlah_induk_yang_salah_dilaporkan_dengan_kedua_angka(opd):
    total = ["TOTAL KERANGKA PENDANAAN", *[None] * 6, *_tahunan([None] * 5, ["450.000.000"] * 5)[1:], *[None] * 4]
    rows = [*baris(pagu_program="450.000.000"), total]
    hasil = impor_renstra.periksa(opd, berkas(rows), "renstra.xlsx")
    assert not hasil.galat
    line = next(b for b in hasil.baris if b.kolom == "Total")
    assert line.nomor == 13 and len(line.peringatan) == 5 and "selisih Rp 50.000.000" in line.peringatan[0]
    notes = [p for b in hasil.baris if b.nomor == 9 for p in b.peringatan if "tercetak" in p]
    assert len(notes) == 5  # every year
    assert "Rp 450.000.000" in notes[0] and "Rp 400.000.000" in notes[0] and "selisih Rp 50.000.000" in notes[0]


def test_berkas_berantakan_setiap_masalah_bernama_dan_tidak_ada_yang_disimpan(opd, admin_contoh):
    rows = baris()
    lain = Nomenklatur.objects.get(versi=opd.pemda.nomenklatur_versi, kode="5.01.02.2.02")
    rows[3][3] = lain.nama.upper()  # another kegiatan's master name on 5.01.02.2.01
    rows[4][2] = "5.01.02.2.01.001"  # 3-digit sub kegiatan segment
    rows[5][8] = "#REF!"  # target 2025
    rows.append([None, None, "4001.400101.01.003", "Program lama", "Indikator lama", *[None] * 15])
    rows.append([None, None, None, None, None, None, "5", None, *[None] * 12])  # a value without code or indicator
    hasil = impor_renstra.periksa(opd, berkas(rows), "renstra.xlsx")
    pesan = galat(hasil)
    assert "usul: kode 5.01.02.2.02" in pesan[(10, "Kode")]
    assert "maksudnya 5.01.02.2.01.01?" in pesan[(11, "Kode")]
    assert "galat spreadsheet #REF!" in pesan[(12, "Target 2025")]
    assert "kode lama (sebelum Permendagri 90) 4001.400101.01.003" in pesan[(13, "Kode")]
    assert "tanpa kode dan tanpa indikator" in pesan[(14, "Indikator")]
    ref = next(b for b in hasil.galat if b.kolom == "Target 2025")
    assert ref.dapat_dikosongkan and not next(b for b in hasil.galat if b.nomor == 13).dapat_dikosongkan
    with pytest.raises(BerkasTidakSah, match="tidak ada yang disimpan"):
        simpan(opd, admin_contoh, berkas(rows))
    assert not Renstra.objects.filter(opd=opd).exists() and not Program.objects.filter(opd=opd).exists()


def test_kosongkan_galat_hanya_mengosongkan_sel_nilai(opd, admin_contoh):
    rows = baris()
    rows[5][8] = "#REF!"
    simpan(opd, admin_contoh, berkas(rows), kosongkan=True)
    ind = Indikator.objects.get(
        sub_kegiatan__nomenklatur__kode="5.01.02.2.01.05", sub_kegiatan__kegiatan__program__opd=opd
    )
    assert sorted(ind.target.values_list("tahun", flat=True)) == [2024, 2026, 2027, 2028, 2028]
    rows[5][2] = "9.99.99.2.01.01"
    with pytest.raises(BerkasTidakSah):
        simpan(opd, admin_contoh, berkas(rows), kosongkan=True)


def test_semua_atau_tidak_sama_sekali(opd, admin_contoh):
    def gagal():
        raise RuntimeError("gangguan buatan")

    with pytest.raises(RuntimeError):
        simpan(opd, admin_contoh, berkas(), sesudah=gagal)
    assert not Renstra.objects.filter(opd=opd).exists()
    assert not Program.objects.filter(opd=opd).exists() and not Impor.objects.filter(opd=opd).exists()


def test_periode_dari_judul_kolom_dan_renstra_ditetapkan_menolak(opd, admin_contoh):
    lompat = [row[:] for row in KEPALA]
    lompat[1] = [None] * 6 + [x for t in [2024, 2025, 2026, 2027, 2029] for x in (t, None)] + [None] * 4
    with pytest.raises(BerkasTidakSah, match="2024, 2025, 2026, 2027, 2029: tahun 2028 tidak ada"):
        impor_renstra.periksa(opd, xlsx([*JUDUL, *lompat, *baris()], merge=MERGE), "renstra.xlsx")
    with pytest.raises(BerkasTidakSah, match="tahun 2024 sebelum tahun awal Renstra 2025"):
        impor_renstra.periksa(opd, berkas(), "renstra.xlsx", tahun=2025)
    with pytest.raises(BerkasTidakSah, match=r"Periode Renstra 2020–2028 \(9 tahun\) harus 3 sampai 6 tahun"):
        impor_renstra.periksa(opd, berkas(), "renstra.xlsx", tahun=2020)
    # a baseline first year without its own column (Renstra 2023–2028, targets 2024–2028)
    enam = impor_renstra.periksa(opd, berkas(), "renstra.xlsx", tahun=2023)
    periode = enam.baris[0]
    assert (periode.kolom, periode.mentah) == ("Periode", "2023–2028")
    assert periode.peringatan[0] == "tahun 2023 dalam periode tidak mempunyai kolom target"
    assert not Renstra.objects.filter(opd=opd).exists()
    simpan(opd, admin_contoh, berkas())
    Renstra.objects.filter(opd=opd).update(status=Renstra.Status.DITETAPKAN)
    with pytest.raises(BerkasTidakSah, match="Mulai Revisi Renstra lebih dulu"):
        impor_renstra.periksa(opd, berkas(), "renstra.xlsx")


BAB3_KEPALA = [
    ["Tabel 3.1 Tujuan dan sasaran"],
    [
        "No",
        "Tujuan/Sasaran",
        "Indikator Tujuan/Sasaran",
        "Satuan",
        "Sifat",
        *(f"Tahun ke-{i}" for i in range(1, 6)),
        "Target Akhir Periode",
    ],
    list(range(1, 12)),
]


def test_tabel_bab_3_bernomor_dengan_tahun_dari_perintah_dan_kolom_sifat(opd, admin_contoh):
    rows = [
        ["1", TUJUAN, "Indek perencanaan daerah", "%", None, "6,4", "6,6", "6,8", "7", "7,2", "7,2"],
        [
            "1.1",
            SASARAN,
            "Tingkat konsistensi perencanaan dan pelaksanaan pembangunan daerah",
            "%",
            "Non-kumulatif",
            99,
            99,
            99,
            99,
            99,
            99,
        ],
        [None, None, "Pencapaian target kinerja daerah", "%", "Kumulatif", 95, 95, 95, 95, 95, 95],
        [
            "1.2",
            "Peningkatan kualitas penelitian pengembangan dan inovasi",
            "Indek Inovasi Daerah",
            "Kategori",
            None,
            "Inovatif",
            "Inovatif",
            "Sangat Inovatif",
            "Sangat Inovatif",
            "Sangat Inovatif",
            "Sangat Inovatif",
        ],
    ]
    data = xlsx([*BAB3_KEPALA, *rows])
    with pytest.raises(BerkasTidakSah, match="Isi tahun awal Renstra"):
        impor_renstra.periksa(opd, data, "bab3.xlsx")
    hasil = impor_renstra.periksa(opd, data, "bab3.xlsx", tahun=2024)
    assert "kumulatif hanya untuk indikator angka" in galat(hasil)[(6, "Indikator")]
    rows[2][4] = None
    simpan(opd, admin_contoh, xlsx([*BAB3_KEPALA, *rows]), tahun=2024)
    renstra = Renstra.objects.get(opd=opd, tahun_awal=2024, tahun_akhir=2028)
    assert list(Tujuan.objects.filter(renstra=renstra).values_list("nomor", flat=True)) == ["1"]
    assert list(Sasaran.objects.filter(tujuan__renstra=renstra).values_list("nomor", flat=True)) == ["1.1", "1.2"]
    inovasi = Indikator.objects.get(nama="Indek Inovasi Daerah", sasaran__tujuan__renstra=renstra)
    assert inovasi.tipe_nilai == "kualitatif"
    assert Target.objects.get(indikator=inovasi, tahun=2026, jenis="renstra").nilai_teks == "Sangat Inovatif"


@settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: each example builds a workbook
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.one_of(
            st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
            st.integers(-(10**6), 10**12),
            st.floats(allow_nan=True),
            st.none(),
            st.sampled_from(["#REF!", "#DIV/0!", "=1+1", "1.2.3", "5.01", "4001,01", "Rp -5", "100%"]),
        ),
        min_size=6 * 20,
        max_size=6 * 20,
    )
)
def test_sampah_acak_tidak_pernah_menjadi_galat_server(opd, admin_contoh, cells):
    rows = [cells[i * 20 : (i + 1) * 20] for i in range(6)]
    try:
        hasil = impor_renstra.periksa(opd, berkas(rows), "acak.xlsx")
    except BerkasTidakSah:
        return
    assert all(b.pesan for b in hasil.galat)
    if hasil.galat:
        with pytest.raises(BerkasTidakSah):
            simpan(opd, admin_contoh, berkas(rows))
        assert not Renstra.objects.filter(opd=opd).exists()


def test_perintah_uji_kering_dan_terapkan(opd, admin_contoh, tmp_path):
    rows = baris()
    rows[5][8] = "#REF!"
    path = tmp_path / "renstra.xlsx"
    path.write_bytes(berkas(rows))
    out = jalankan("impor", "renstra", str(path), "--opd", "BAPPEDA", "--pemda", "99.01")
    assert "baris 12, kolom Target 2025, nilai '#REF!': sel berisi galat spreadsheet #REF!" in out
    assert "baris 7, kolom Indikator, nilai 'Indeks perencanaan daerah': peringatan: sifat diusulkan" in out
    assert "Tidak ada yang disimpan." in out
    with pytest.raises(CommandError, match="1 masalah"):
        jalankan(
            "impor",
            "renstra",
            str(path),
            "--opd",
            "BAPPEDA",
            "--pemda",
            "99.01",
            "--terapkan",
            "--oleh",
            "admin.contoh",
        )
    path.write_bytes(berkas())
    out = jalankan(
        "impor", "renstra", str(path), "--opd", "BAPPEDA", "--pemda", "99.01", "--terapkan", "--oleh", "admin.contoh"
    )
    assert "59 baru, 0 berubah, 0 sama" in out


def test_halaman_impor_menawarkan_renstra_dan_templat_hanya_untuk_admin(client, bappeda):
    from tests.pembantu import masuk

    admin = masuk("admin")
    page = admin.get("/impor/")
    assert b'value="renstra"' in page.content
    assert admin.get(f"/impor/templat/renstra/{bappeda.pk}.xlsx").status_code == 200
    assert masuk("perencana.bappeda").get(f"/impor/templat/renstra/{bappeda.pk}.xlsx").status_code == 403


def test_tabel_templat_satu_sel_per_judul_dan_tautan_di_bawah_judulnya(bappeda):
    """Each row of the templates' table has one cell per heading, and each link sits under the
    heading that names its kind (a merge once put the Renstra link under "Templat Renja" and
    pushed every cell after it one column to the right)."""
    import re

    from tests.pembantu import masuk

    html = masuk("admin").get("/impor/").content.decode()
    table = re.search(r'aria-label="Templat"><table.*?</table>', html, re.S).group(0)
    headings = re.findall(r"<th>(.*?)</th>", table)
    row = next(
        r
        for r in re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1), re.S)
        if "BAPPEDA" in r
    )
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    assert len(cells) == len(headings) == 7
    kolom = dict(zip(headings, cells, strict=True))
    for heading, url in [
        ("Templat riwayat Tabel 2.1", f"/impor/templat/riwayat/{bappeda.pk}.xlsx"),
        ("Templat Renja", f"/impor/templat/renja/{bappeda.pk}.xlsx"),
        ("Templat Renstra", f"/impor/templat/renstra/{bappeda.pk}.xlsx"),
    ]:
        assert re.findall(r'href="([^"?]+)', kolom[heading]) == [url], heading


def test_pagu_renstra_terkunci_bersama_renstra_dan_tampil_di_halamannya(opd, admin_contoh):
    from renja.kunci import alasan_terkunci
    from renja.models import Renja
    from tests.pembantu import masuk

    simpan(opd, admin_contoh, berkas())
    renstra = Renstra.objects.get(opd=opd)
    Renja.objects.create(opd=opd, tahun=2024, renstra=renstra)
    page = masuk("admin").get("/renja/BAPPEDA/2024/renstra/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kerangka pendanaan Renstra" in text and "400.000.000" in text  # 2 x 200.000.000 in 2024
    pagu = PaguRenstra.objects.filter(renstra=renstra).first()
    assert alasan_terkunci(pagu) is None
    Renstra.objects.filter(pk=renstra.pk).update(status=Renstra.Status.DITETAPKAN)
    pagu.refresh_from_db()
    pagu.renstra.refresh_from_db()
    assert "Revisi Renstra" in alasan_terkunci(PaguRenstra.objects.get(pk=pagu.pk))


def test_halaman_impor_unggah_pratinjau_lalu_simpan(opd, admin_contoh):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from renja.models import UnggahanImpor

    client = Client()
    client.force_login(admin_contoh)
    page = client.post(
        "/impor/",
        {"opd": opd.pk, "jenis": "renstra", "berkas": SimpleUploadedFile("renstra.xlsx", berkas())},
        follow=True,
    ).content.decode()
    assert "baru: <strong>59</strong>" in page and "sifat diusulkan kumulatif" in page
    assert "Jumlah Dokumen Analisis Kondisi Daerah (5.01.02.2.01.01" in page  # a target line names its indicator
    assert not Renstra.objects.filter(opd=opd).exists()
    unggahan = UnggahanImpor.objects.get()
    response = client.post(f"/impor/{unggahan.pk}/terapkan/", follow=True)
    assert "tersimpan: 59 baru" in response.content.decode()
    assert Renstra.objects.filter(opd=opd, tahun_awal=2024).exists()


def test_dua_tabel_satu_renstra_disatukan_dan_nilai_yang_bertentangan_ditolak(opd, admin_contoh):
    from openpyxl import Workbook

    def buku(target_sasaran_2026):
        book = Workbook()
        ws = book.active
        for row in [*JUDUL, *KEPALA, *baris()]:
            ws.append(row)
        for cells in MERGE:
            ws.merge_cells(cells)
        bab3 = book.create_sheet("Tabel 3.1")
        for row in [
            *BAB3_KEPALA,
            ["1", TUJUAN, "Indeks perencanaan daerah", None, None, "6,4", "6,6", "6,8", "7", "7,2", "7,2"],
            [
                "1.1",
                SASARAN,
                "Tingkat konsistensi perencanaan dan pelaksanaan pembangunan daerah",
                "%",
                None,
                95,
                96,
                target_sasaran_2026,
                98,
                99,
                99,
            ],
        ]:
            bab3.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    hasil = impor_renstra.periksa(opd, buku(97), "renstra.xlsx")
    assert not hasil.galat
    assert hasil.jumlah(BARU) == 59 and hasil.jumlah(KOSONG) == 2 + 12  # two repeated indicators, their 12 values
    tujuan_line = next(b for b in hasil.baris if b.kolom == "Tujuan")
    assert "baris 4 menyebut tujuan yang sama: dianggap satu tujuan" in tujuan_line.peringatan
    hasil = impor_renstra.periksa(opd, buku(90), "renstra.xlsx")
    assert galat(hasil) == {(5, "Target 2026"): "berbeda dengan nilai yang sudah diisi pada baris 8"}
    simpan(opd, admin_contoh, buku(97))
    assert Tujuan.objects.filter(renstra__opd=opd).count() == 1
    assert Indikator.objects.filter(sasaran__tujuan__renstra__opd=opd).count() == 1


def test_indikator_baru_pada_sub_kegiatan_renja_yang_ditetapkan_ditolak(opd, admin_contoh):
    from renja.models import Renja, RenjaSubKegiatan

    simpan(opd, admin_contoh, berkas())
    renstra = Renstra.objects.get(opd=opd)
    renja = Renja.objects.create(opd=opd, tahun=2024, renstra=renstra, status=Renja.Status.DITETAPKAN)
    sub1 = SubKegiatan.objects.get(nomenklatur__kode="5.01.02.2.01.01", kegiatan__program__opd=opd)
    RenjaSubKegiatan.objects.create(renja=renja, sub_kegiatan=sub1)
    rows = baris()
    rows.insert(
        5, [None, None, None, None, "Jumlah dokumen kajian", None, *_tahunan(["1"] * 5, [None] * 5), "5", *[None] * 3]
    )
    hasil = impor_renstra.periksa(opd, berkas(rows), "renstra.xlsx")
    assert list(galat(hasil)) == [(12, "Indikator")]
    assert "indikator tidak dapat ditambah atau diubah" in galat(hasil)[(12, "Indikator")]
    assert "berstatus" in galat(hasil)[(12, "Indikator")]  # renja.kunci's reason, with the workflow's way out


def test_templat_renstra_demo_enam_tahun_terbaca_kembali_sama(bappeda):
    """The demo's Renstra 2018–2023 (six years, as Kota Serang's) goes out as the template and
    comes back with nothing to change; the period is read from the file's own headers."""
    from laporan.templat import templat_renstra

    renstra = bappeda.renstra
    assert (renstra.tahun_awal, renstra.tahun_akhir) == (2018, 2023)
    hasil = impor_renstra.periksa(bappeda.opd, templat_renstra(renstra), "templat.xlsx")
    assert not hasil.galat, galat(hasil)
    assert (hasil.baris[0].kolom, hasil.baris[0].mentah, hasil.baris[0].peringatan) == ("Periode", "2018–2023", [])
    berubah = [(b.nomor, b.kolom, b.lama, b.baru) for b in hasil.baris if b.status not in (SAMA, KOSONG)]
    assert berubah == [] and hasil.jumlah(SAMA) > 100


# --------------------------------------------------------------------------- the Polaritas column

POLARITAS_KEPALA = [
    ["No", "Tujuan/Sasaran", "Indikator Tujuan/Sasaran", "Satuan", "Polaritas"]
    + [f"Tahun ke-{i}" for i in range(1, 6)]
    + ["Target Akhir Periode"],
    list(range(1, 12)),
]


def berkas_polaritas(kasus, konsistensi):
    """A Bab III table (2024-2028): a tujuan with a negative-looking indicator, a sasaran with a
    positive one; their Polaritas cells ``kasus`` and ``konsistensi``."""
    return xlsx(
        [
            *POLARITAS_KEPALA,
            ["1", TUJUAN, "Persentase kasus keterlambatan dokumen", "%", kasus, 10, 9, 8, 7, 6, 6],
            ["1.1", SASARAN, "Tingkat konsistensi perencanaan", "%", konsistensi, 95, 96, 97, 98, 99, 99],
        ]
    )


def test_kolom_polaritas_membuat_indikator_negatif_dan_mengubah_yang_tersimpan(opd, admin_contoh):
    data = berkas_polaritas("Negatif (selisih)", None)
    hasil = impor_renstra.periksa(opd, data, "bab3.xlsx", tahun=2024)
    assert not hasil.galat, galat(hasil)
    ind = {b.mentah: b for b in hasil.baris if b.kolom == "Indikator"}
    assert ind["Persentase kasus keterlambatan dokumen"].baru == (
        "Persentase kasus keterlambatan dokumen (%; persen; non_kumulatif; negatif (selisih))"
    )
    assert ind["Tingkat konsistensi perencanaan"].baru == "Tingkat konsistensi perencanaan (%; persen; non_kumulatif)"
    simpan(opd, admin_contoh, data, tahun=2024)
    kasus = Indikator.objects.get(tujuan__renstra__opd=opd)
    assert (kasus.polaritas, kasus.metode_negatif) == ("negatif", "selisih")
    konsistensi = Indikator.objects.get(sasaran__tujuan__renstra__opd=opd)
    assert (konsistensi.polaritas, konsistensi.metode_negatif) == ("positif", "")
    # a Polaritas cell changes the stored indicator, as a Sifat cell does; an empty one keeps it
    data = berkas_polaritas("Negatif - rasio terbalik", None)
    hasil = impor_renstra.periksa(opd, data, "bab3.xlsx", tahun=2024)
    assert [(b.nomor, b.lama, b.baru) for b in hasil.baris if b.status == BERUBAH] == [
        (
            3,
            "Persentase kasus keterlambatan dokumen (%; persen; non_kumulatif; negatif (selisih))",
            "Persentase kasus keterlambatan dokumen (%; persen; non_kumulatif; negatif (rasio terbalik))",
        )
    ]
    simpan(opd, admin_contoh, data, tahun=2024)
    kasus.refresh_from_db()
    assert (kasus.polaritas, kasus.metode_negatif) == ("negatif", "rasio_terbalik")
    hasil = impor_renstra.periksa(opd, berkas_polaritas(None, None), "bab3.xlsx", tahun=2024)
    assert {s for s, n in hasil.ringkasan.items() if n} == {"sama"}


def test_negatif_tanpa_metode_ditolak_menyebut_baris_kolom_dan_nilai(opd, admin_contoh):
    data = berkas_polaritas("Negatif (selisih)", "Negatif")
    hasil = impor_renstra.periksa(opd, data, "bab3.xlsx", tahun=2024)
    (line,) = hasil.galat
    assert (line.nomor, line.kolom, line.mentah) == (4, "Polaritas", "Negatif")
    assert "polaritas 'Negatif' tanpa metode capaian" in line.pesan and '"Negatif (rasio terbalik)"' in line.pesan
    with pytest.raises(BerkasTidakSah, match="Baris 4, kolom Polaritas, nilai 'Negatif'"):
        simpan(opd, admin_contoh, data, tahun=2024)
    assert not Renstra.objects.filter(opd=opd).exists() and not Indikator.objects.for_opd(opd).exists()


SKALA_KEPALA = [
    ["No", "Tujuan/Sasaran", "Indikator Tujuan/Sasaran", "Satuan", "Tipe", "Skala Kategori"]
    + [f"Tahun ke-{i}" for i in range(1, 6)]
    + ["Target Akhir Periode"],
    list(range(1, 13)),
]
INOVASI = "Kurang Inovatif < Inovatif < Sangat Inovatif"


def berkas_skala(tipe, skala, targets=("Inovatif",) * 4 + ("Sangat Inovatif",) * 2):
    """A Bab III table (2024-2028) as Kota Serang's Renstra prints its Indeks Inovasi Daerah: a
    sasaran whose indicator is a category, its Tipe and Skala Kategori cells ``tipe``, ``skala``."""
    return xlsx(
        [
            *SKALA_KEPALA,
            ["1", TUJUAN, "Indeks perencanaan daerah", "Indeks", "Indeks", None, 6.4, 6.6, 6.8, 7, 7.2, 7.2],
            ["1.1", SASARAN, "Indeks Inovasi Daerah", "Predikat", tipe, skala, *targets],
        ]
    )


def test_skala_kategori_membuat_indikator_kategori_dan_targetnya_diperiksa(opd, admin_contoh):
    data = berkas_skala("Kategori", INOVASI)
    hasil = impor_renstra.periksa(opd, data, "bab3.xlsx", tahun=2024)
    assert not hasil.galat, galat(hasil)
    line = next(b for b in hasil.baris if b.kolom == "Indikator" and b.nomor == 4)
    assert line.baru == f"Indeks Inovasi Daerah (Predikat; kategori; non_kumulatif; skala {INOVASI})"
    simpan(opd, admin_contoh, data, tahun=2024)
    assert Indikator.objects.get(tujuan__renstra__opd=opd).skala_kategori == []
    ind = Indikator.objects.get(sasaran__tujuan__renstra__opd=opd)
    assert (ind.tipe_nilai, ind.skala_kategori) == ("kategori", ["Kurang Inovatif", "Inovatif", "Sangat Inovatif"])
    assert sorted(ind.target.values_list("tahun", "nilai_teks"))[:2] == [(2024, "Inovatif"), (2025, "Inovatif")]
    # the same file again: all sama; an empty Skala cell keeps the stored scale; a new scale changes it
    assert {s for s, n in impor_renstra.periksa(opd, data, "b.xlsx", tahun=2024).ringkasan.items() if n} == {"sama"}
    kosong = impor_renstra.periksa(opd, berkas_skala("Kategori", None), "b.xlsx", tahun=2024)
    assert {s for s, n in kosong.ringkasan.items() if n} == {"sama"}
    lima = "Tidak Inovatif; Kurang Inovatif; Inovatif; Sangat Inovatif; Terinovatif"
    simpan(opd, admin_contoh, berkas_skala("Kategori", lima), tahun=2024)
    ind.refresh_from_db()
    assert ind.skala_kategori == [s.strip() for s in lima.split(";")]


@pytest.mark.parametrize(
    ("tipe", "skala", "targets", "kolom", "mentah", "pesan"),
    [
        ("Kategori", None, None, "Skala Kategori", None, "indikator kategori memerlukan skala kategori"),
        ("Kategori", "Inovatif", None, "Skala Kategori", "Inovatif", "hanya satu tingkat"),
        ("Kategori", "Baik < Cukup < baik", None, "Skala Kategori", "Baik < Cukup < baik", "disebut dua kali"),
        ("Angka", INOVASI, None, "Skala Kategori", INOVASI, "hanya untuk indikator bertipe Kategori, bukan angka"),
        (
            "Kategori",
            INOVASI,
            ("Inovatif", "Inovatif", "Cukup Inovatif", "Inovatif", "Inovatif", "Inovatif"),
            "Target 2026",
            "Cukup Inovatif",
            f"'Cukup Inovatif' tidak ada pada skala kategori ({INOVASI})",
        ),
    ],
)
def test_skala_yang_salah_ditolak_menyebut_baris_kolom_dan_nilai(
    opd, admin_contoh, tipe, skala, targets, kolom, mentah, pesan
):
    data = berkas_skala(tipe, skala, *([targets] if targets else []))
    hasil = impor_renstra.periksa(opd, data, "bab3.xlsx", tahun=2024)
    (line,) = hasil.galat
    assert (line.nomor, line.kolom, line.mentah) == (4, kolom, mentah)
    assert pesan in line.pesan
    with pytest.raises(BerkasTidakSah):
        simpan(opd, admin_contoh, data, tahun=2024)
    assert not Indikator.objects.for_opd(opd).exists()
