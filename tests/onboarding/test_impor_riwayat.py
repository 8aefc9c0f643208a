"""Import kind ``riwayat`` (Tabel 2.1, T-C.29): the seeds' layouts read, the printed kolom 8,
10, 11 checked against the spec's hand-worked check cases, legacy codes held per Pemda and
printed as written, all or nothing, the same file twice, the command."""

import io
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from evaluasi import impor_riwayat
from evaluasi.models import RealisasiKinerja
from evaluasi.rekap import rekap_tc29
from laporan.builders.review import review_rkpd
from laporan.builders.tc29 import CATATAN_LAMA, evaluasi_renja_lalu
from laporan.builders.tc33 import rumusan_rencana
from laporan.impor import JENIS
from laporan.templat import templat
from renja import lama
from renja.berkas import BerkasTidakSah
from renja.impor import BARU, BERUBAH, GALAT, SAMA
from renja.models import Impor, Indikator, KodeCrosswalk, Nomenklatur, NomenklaturVersi, Program, Renja, Target
from tests.onboarding.conftest import csv
from tests.onboarding.riwayat_data import (
    BAP,
    HARAPAN,
    KEPALA,
    PERTAMA,
    SET,
    SET_GANDA,
    baris,
    baris_bap,
    berkas,
    opd_baru,
)


@pytest.fixture
def admin(db):
    return get_user_model().objects.get(username="admin")


@pytest.fixture
def opd(pemda):
    return opd_baru(pemda)


def terapkan(opd, user, data, tahun=2022):
    return impor_riwayat.terapkan(opd, user, data, "tabel-2-1.xlsx", tahun)


def renja_2022(opd):
    return Renja.objects.create(opd=opd, tahun=2022, renstra=opd.renstra.get())


def per_kasus(rows):
    """{case id: BarisTC29} by the indicator names of the BAP check cases."""
    nama = {case[3]: case[0] for case in BAP}
    return {nama[r.indikator.nama]: r for r in rows if r.indikator.nama in nama}


def test_kasus_uji_c01_c10_dihitung_aplikasi_bukan_dari_berkas(opd, admin_contoh):
    impor = terapkan(opd, admin_contoh, berkas(baris_bap()))
    assert impor.jenis == Impor.Jenis.RIWAYAT and impor.baru > 0 and impor.berubah == 0
    rows = per_kasus(rekap_tc29(renja_2022(opd)))
    assert set(rows) == set(HARAPAN)
    for case, (sifat, k8, k10, k11) in HARAPAN.items():
        row = rows[case]
        assert row.indikator.sifat == sifat, case
        assert row.kolom_8.nilai == (D(k8) if k8 else None), case
        assert row.kolom_10.nilai == D(k10), case
        assert round(row.kolom_11.nilai, 2) == D(k11), case
    # the records the demo keeps Tabel 2.1 in: kolom 5 is the realisasi of n-3, 6 and 9 targets Renja
    c10 = rows["C-10"].indikator
    assert RealisasiKinerja.objects.get(indikator=c10, tahun=2019, periode="tahunan").nilai == 98
    assert Target.objects.get(indikator=c10, jenis="akhir_renstra", tahun=2023).nilai == 520
    assert {t.tahun for t in Target.objects.filter(indikator=c10, jenis="renja")} == {2020, 2021}
    assert Program.objects.get(opd=opd, nomenklatur__kode="5.01.02").history.first().history_change_reason == (
        f"impor #{impor.pk} tabel-2-1.xlsx"
    )


def test_pratinjau_menyebut_kolom_tercetak_yang_salah(opd):
    hasil = impor_riwayat.periksa(opd, berkas(baris_bap()), "t.xlsx", 2022)
    dihitung = {(b.nomor, b.kolom): b.peringatan[0] for b in hasil.baris if b.status == impor_riwayat.DIHITUNG}
    c06, c04, c05, c08 = (PERTAMA + i for i in (0, 3, 1, 8))
    assert dihitung[(c06, "kolom 11")] == "kolom 11 tercetak 300 %, yang benar 100,00 % (non-kumulatif)"
    assert dihitung[(c06, "kolom 10")] == "kolom 10 tercetak 300, yang benar 100 (non-kumulatif)"
    assert dihitung[(c04, "kolom 8")] == "kolom 8 tercetak 0 %, yang benar 100,00 % (kumulatif)"
    assert dihitung[(c05, "kolom 8")].startswith("kolom 8 tercetak 0 %, yang benar – (")
    assert dihitung[(c08, "kolom 11")] == "kolom 11 tercetak 300 %, yang benar 100,00 % (non-kumulatif)"
    # C-01, C-02, C-03 (63 for 62,50: half up at the printed decimals), BAP:582 (47), C-10 are printed right
    assert not [k for k in dihitung if k[0] in (PERTAMA + 2, PERTAMA + 4, PERTAMA + 5, PERTAMA + 7, PERTAMA + 10)]
    sifat = next(b for b in hasil.baris if b.nomor == c08 and b.kolom == "Indikator")
    assert "sifat diusulkan non-kumulatif: target akhir 12 < jumlah target tahunan 24" in " ".join(sifat.peringatan)
    assert not hasil.galat


def test_berkas_yang_sama_dua_kali_semuanya_sama(opd, admin_contoh):
    data = berkas(baris_bap())
    terapkan(opd, admin_contoh, data)
    before = Target.objects.count(), RealisasiKinerja.objects.count(), Indikator.objects.count()
    hasil = impor_riwayat.periksa(opd, data, "t.xlsx", 2022)
    assert hasil.ringkasan[BARU] == hasil.ringkasan[BERUBAH] == 0 and hasil.ringkasan[SAMA] > 0
    impor = terapkan(opd, admin_contoh, data)
    assert (impor.baru, impor.berubah) == (0, 0)
    assert (Target.objects.count(), RealisasiKinerja.objects.count(), Indikator.objects.count()) == before


def test_perubahan_dicatat_lama_ke_baru(opd, admin_contoh):
    terapkan(opd, admin_contoh, berkas(baris_bap()))

    def ubah(rows):
        rows[2][4] = "6"  # C-01 kolom 4: 5 → 6

    hasil = impor_riwayat.periksa(opd, berkas(baris_bap(ubah)), "t.xlsx", 2022)
    changed = [b for b in hasil.baris if b.status == BERUBAH]
    assert [(b.nomor, b.kolom, b.lama, b.baru) for b in changed] == [(PERTAMA + 2, "kolom 4", "5", "6")]


def test_berkas_berantakan_setiap_masalah_disebut(opd):
    def ubah(rows):
        rows[0][4] = "100%"  # a unit inside the cell
        rows[1][5] = "#REF!"  # C-05 kolom 5
        rows[2][0] = "5.01.02.2.01.003"  # a 3-digit sub kegiatan segment
        rows[3][1] = "Pelaksanaan Konsultasi Publik"  # C-04 with the master name of 5.01.02.2.01.03
        rows[4][4], rows[4][7] = "16 Dokumen", "3,0"  # C-03: unit inside, decimal comma
        rows[5][9] = "1.200"  # C-02 kolom 7, a count: grouping

    hasil = impor_riwayat.periksa(opd, berkas(baris_bap(ubah)), "t.xlsx", 2022)
    galat = {(b.nomor, b.kolom): b for b in hasil.galat}
    ref = galat[(PERTAMA + 1, "kolom 5")]
    assert ref.mentah == "#REF!" and "galat spreadsheet #REF!" in ref.pesan and ref.dapat_dikosongkan
    segmen = galat[(PERTAMA + 2, "Kode")]
    assert "maksudnya 5.01.02.2.01.03?" in segmen.pesan and not segmen.dapat_dikosongkan
    assert (PERTAMA + 2, "Indikator") in galat  # its indicator is not attached elsewhere
    nama = galat[(PERTAMA + 3, "Kode")].pesan
    assert "adalah nama sub kegiatan 5.01.02.2.01.03" in nama and "usul: kode 5.01.02.2.01.03" in nama
    ok = {(b.nomor, b.kolom): b for b in hasil.baris if b.status == BARU}
    assert ok[(PERTAMA, "kolom 4")].baru == "100" and ok[(PERTAMA + 4, "kolom 4")].baru == "16"
    assert ok[(PERTAMA + 4, "kolom 6")].baru == "3"
    assert ok[(PERTAMA + 5, "kolom 7")].baru == "1.200"
    assert "dibaca sebagai 1200 (ribuan)" in " ".join(ok[(PERTAMA + 5, "kolom 7")].peringatan)
    assert len(hasil.galat) == 5  # with the indicators of the two refused codes


def test_kolom_sifat_mengubah_usulan_dan_kumulatif_yang_mustahil_ditolak(opd):
    kepala = [[*row, "Sifat"] for row in KEPALA[:2]] + [[*KEPALA[2], None]]

    def sifat(rows):
        rows[0].append("Non-kumulatif")  # C-06, as proposed
        rows[1].append("Non kumulatif")  # C-05: a count the file says is a position
        rows[8].append("Kumulatif")  # C-08: 12 Bulan a year, end target 12

    hasil = impor_riwayat.periksa(opd, berkas(baris_bap(sifat), kepala=kepala), "t.xlsx", 2022)
    ind = {b.nomor: b for b in hasil.baris if b.kolom == "Indikator"}
    assert ind[PERTAMA + 1].nilai["ind"]["sifat"] == "non_kumulatif" and not ind[PERTAMA + 1].peringatan[1:]
    (galat,) = hasil.galat
    assert (galat.nomor, galat.kolom) == (PERTAMA + 8, "kolom 4")
    assert galat.pesan.startswith(
        "indikator kumulatif: target akhir Renstra 12 lebih kecil dari jumlah target 2020 dan 2021 (24)"
    )


def test_nilai_tanpa_indikator_ditolak(opd):
    rows = [baris("5.01.02", None, None, "%", "100", "100", "100", "100", None, "100", None, None)]
    (galat,) = impor_riwayat.periksa(opd, berkas(rows), "t.xlsx", 2022).galat
    assert (galat.nomor, galat.kolom) == (PERTAMA, "Indikator")
    assert galat.pesan == "baris berisi nilai (kolom 4) tetapi tanpa indikator: tulis nama indikatornya"


def test_kolom_wajib_tidak_ada_ditolak_seluruhnya(opd):
    kepala = [["Kode", "Program", "Indikator", "Satuan", "Target 2021"]]
    with pytest.raises(BerkasTidakSah, match="Kolom Tabel 2.1 tidak ditemukan: kolom 4, kolom 5, kolom 6, kolom 7"):
        impor_riwayat.periksa(opd, berkas([["5.01.02", "x", "y", "%", 1]], kepala=kepala, merge=()), "t.xlsx", 2022)


def test_tanpa_renstra_atau_tahun_ditolak(pemda, opd):
    with pytest.raises(BerkasTidakSah, match="Isi tahun Renja"):
        impor_riwayat.periksa(opd, berkas(baris_bap()), "t.xlsx", None)
    with pytest.raises(BerkasTidakSah, match="belum mempunyai Renstra yang mencakup tahun 2030"):
        impor_riwayat.periksa(opd, berkas(baris_bap()), "t.xlsx", 2030)


def test_semua_atau_tidak_sama_sekali(opd, admin_contoh, monkeypatch):
    asli, calls = impor_riwayat._simpan_nilai, []

    def gagal(*args):
        calls.append(1)
        if len(calls) == 20:
            raise RuntimeError("gangguan di tengah impor")
        asli(*args)

    monkeypatch.setattr(impor_riwayat, "_simpan_nilai", gagal)
    before = Target.objects.count(), Indikator.objects.count(), Program.objects.count(), Impor.objects.count()
    with pytest.raises(RuntimeError):
        terapkan(opd, admin_contoh, berkas(baris_bap()))
    assert (Target.objects.count(), Indikator.objects.count(), Program.objects.count(), Impor.objects.count()) == before


def test_galat_tidak_menyimpan_apa_pun(opd, admin_contoh):
    def ubah(rows):
        rows[1][5] = "#REF!"

    before = Target.objects.count(), Program.objects.count()
    with pytest.raises(BerkasTidakSah, match=r"1 baris bergalat, tidak ada yang disimpan. Baris 9, kolom kolom 5"):
        terapkan(opd, admin_contoh, berkas(baris_bap(ubah)))
    assert (Target.objects.count(), Program.objects.count()) == before


# --------------------------------------------------------------------------- legacy codes


def test_kode_lama_disimpan_per_pemda_dan_dicetak_seperti_tertulis(opd, admin_contoh):
    impor = terapkan(opd, admin_contoh, berkas(SET))
    versi = NomenklaturVersi.objects.get(kode=f"lama-{opd.pemda.kode.replace('.', '-')}")
    assert versi.lama and versi.pemda == opd.pemda
    kegiatan = Nomenklatur.objects.get(versi=versi, kode="4001.400101.01.001")
    assert (kegiatan.level, kegiatan.induk.kode, kegiatan.nama) == (
        "kegiatan",
        "4001,01",
        "Penyediaan Jasa Surat Menyurat",
    )
    assert Nomenklatur.objects.get(versi=versi, kode="4001.400101.19.001").induk.kode == "4001.400101.19"
    assert impor.baru > 0
    tabel = evaluasi_renja_lalu(renja_2022(opd))
    kode = [b.sel[0].nilai for b in tabel.baris if b.jenis in ("program", "kegiatan")]
    assert kode == ["4001,01 *", "4001.400101.01.001 *", "4001.400101.19 *", "4001.400101.19.001 *", "4001.400101.20 *", "4001.400101.20.001 *"]  # fmt: skip
    assert tabel.baris[0].sel[1].nilai == "Program Pelayanan Administrasi Perkantoran"
    assert CATATAN_LAMA in tabel.subjudul
    renja = Renja.objects.get(opd=opd, tahun=2022)
    for other in (rumusan_rencana(renja), review_rkpd(renja)):  # T-C.33, T-C.31: never a legacy node
        assert not [s for b in other.baris for s in b.sel if "4001" in str(s.nilai)]
    # a second import of the same file: all sama, the legacy tree unchanged
    hasil = impor_riwayat.periksa(opd, berkas(SET), "t.xlsx", 2022)
    assert hasil.ringkasan[BARU] == hasil.ringkasan[BERUBAH] == 0


def test_kode_lama_ganda_di_bawah_dua_program_ditolak(opd, admin_contoh):
    hasil = impor_riwayat.periksa(opd, berkas(SET_GANDA), "t.xlsx", 2022)
    galat = {(b.nomor, b.kolom): b.pesan for b in hasil.galat}
    assert galat[(PERTAMA + 5, "Kode")] == (
        "kode lama 4001.400101.20.001 berbentuk kode kegiatan tetapi tidak berada di bawah program 4001.400101.19 di atasnya"
    )
    assert galat[(PERTAMA + 7, "Kode")] == (
        f"kode 4001.400101.20.001 sudah dipakai di baris {PERTAMA + 5} untuk 'Fasilitasi Penyusunan Analisis Jabatan', "
        "di sini untuk 'Penataan Kelembagaan Perangkat Daerah'"
    )
    with pytest.raises(BerkasTidakSah):
        terapkan(opd, admin_contoh, berkas(SET_GANDA))
    assert not NomenklaturVersi.objects.filter(pemda=opd.pemda).exists()


def test_kode_lama_dipadankan_bergabung_dengan_node_baru(opd, admin_contoh, django_assert_max_num_queries):
    """A legacy program mapped to 5.01.02 whose indicator has the name of one on 5.01.02: its
    row (legacy code and name) carries the legacy realisasi with the current node's target n-1."""
    nama = "Persentase pelayanan administrasi perkantoran"
    baru = [baris("5.01.02", None, nama, "%", "100", None, None, None, None, "90", None, None)]
    lama_saja = [baris("4001,01", "Program Pelayanan Administrasi Perkantoran", nama, "%", "100", "70", "80", "80", None, None, None, None)]  # fmt: skip
    terapkan(opd, admin_contoh, berkas(baru))
    terapkan(opd, admin_contoh, berkas(lama_saja))
    versi = lama.versi_lama(opd.pemda)
    KodeCrosswalk.objects.create(
        dari_versi=versi,
        dari_kode="4001,01",
        ke=Nomenklatur.objects.get(versi=opd.pemda.nomenklatur_versi, kode="5.01.02"),
    )
    renja = Renja.objects.select_related("opd", "renstra").get(pk=renja_2022(opd).pk)
    with django_assert_max_num_queries(4):  # indicators, targets, realisasi, crosswalk
        (row,) = rekap_tc29(renja)
    assert (row.kode, row.lama, row.padanan) == ("4001,01", True, "5.01.02")
    assert (row.kolom_5.nilai, row.kolom_7, row.kolom_9, row.kolom_10.nilai) == (D(70), D(80), D(90), D(90))
    assert round(row.kolom_11.nilai, 2) == D("90.00")
    tabel = evaluasi_renja_lalu(Renja.objects.get(opd=opd, tahun=2022))
    assert tabel.baris[0].sel[0].nilai == "4001,01" and CATATAN_LAMA not in tabel.subjudul


def test_kode_lama_tidak_muncul_di_pencarian_nomenklatur(opd, admin_contoh):
    from renja.struktur import cari_nomenklatur

    terapkan(opd, admin_contoh, berkas(SET))
    renja = renja_2022(opd)
    assert not [
        r for r in cari_nomenklatur(renja, "4001") + cari_nomenklatur(renja, "Surat Menyurat") if "4001" in r["kode"]
    ]


# --------------------------------------------------------------------------- indicators


def test_indikator_riwayat_tidak_tampil_di_tc33(bappeda, admin):
    """On the demo Bappeda: a Tabel 2.1 indicator the Renja 2022 does not have becomes a
    history-only indicator (no target 2022), in Tabel 2.1 but not in T-C.33."""
    nama = "Jumlah dokumen riwayat khusus Tabel 2.1"
    rows = [baris("5.01.02.2.01.01", None, nama, "Dokumen", "3", "1", "1", "1", None, "1", None, None)]
    hasil = impor_riwayat.periksa(bappeda.opd, berkas(rows), "t.xlsx", 2022)
    line = next(b for b in hasil.baris if b.kolom == "Indikator")
    assert line.status == BARU and "indikator baru khusus riwayat Tabel 2.1" in line.peringatan[0]
    assert "Indikator 5.01.02.2.01.01 yang ada: 'Jumlah Dokumen Analisis Kondisi Daerah" in line.peringatan[0]
    impor_riwayat.terapkan(bappeda.opd, admin, berkas(rows), "t.xlsx", 2022)
    ind = Indikator.objects.get(nama=nama)
    assert not ind.target.filter(tahun=2022).exists()
    assert ind in [r.indikator for r in rekap_tc29(bappeda)]
    tc33 = rumusan_rencana(bappeda)
    assert nama not in [str(s.nilai) for b in tc33.baris for s in b.sel]


def test_indikator_yang_ada_dipadankan_bila_nama_sama(bappeda):
    """The demo's own Tabel 2.1 figures, written back in the printed layout: every indicator is
    matched to the stored one, every value is sama."""
    rows = []
    for row in rekap_tc29(bappeda):
        ind = row.indikator
        k5 = row.kolom_5.nilai_atau_teks
        rows.append(
            baris(
                row.kode,
                None,
                ind.nama.upper() if ind.pk % 2 else ind.nama,
                ind.satuan,
                row.kolom_4,
                k5,
                row.kolom_6,
                row.kolom_7,
                None,
                row.kolom_9,
                None,
                None,
            )  # fmt: skip
        )
    hasil = impor_riwayat.periksa(bappeda.opd, berkas([[_teks(v) for v in r] for r in rows]), "t.xlsx", 2022)
    assert not hasil.galat, [(b.nomor, b.kolom, b.pesan) for b in hasil.galat[:3]]
    assert hasil.ringkasan[BARU] == hasil.ringkasan[BERUBAH] == 0
    dipadankan = [b for b in hasil.baris if b.kolom == "Indikator" and b.peringatan]
    assert dipadankan and all("dipadankan dengan indikator" in b.peringatan[0] for b in dipadankan)


def _teks(value):
    if isinstance(value, D):
        return format(value.normalize(), "f")
    return value


# --------------------------------------------------------------------------- registry, command, fuzz


def test_templat_demo_dibaca_kembali_semuanya_sama(bappeda):
    negatif = rekap_tc29(bappeda)[0].indikator
    Indikator.objects.filter(pk=negatif.pk).update(polaritas="negatif", metode_negatif="rasio_terbalik")
    data = templat("riwayat", bappeda)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Tabel 2.1", "Petunjuk"]
    assert book["Tabel 2.1"]["A3"].value == "5.01.01"
    rows = list(book["Tabel 2.1"].iter_rows(values_only=True))
    assert rows[0][4:6] == ("Sifat", "Polaritas")
    assert [(r[2], r[5]) for r in rows[2:] if r[5] != "Positif"] == [(negatif.nama, "Negatif (rasio terbalik)")]
    assert "Polaritas: Positif" in " ".join(r[0] for r in book["Petunjuk"].iter_rows(values_only=True) if r[0])
    hasil = impor_riwayat.periksa(bappeda.opd, data, "templat.xlsx", 2022)
    assert not hasil.galat, [(b.nomor, b.kolom, b.mentah, b.pesan) for b in hasil.galat[:3]]
    assert hasil.ringkasan[BARU] == hasil.ringkasan[BERUBAH] == 0 and hasil.ringkasan[SAMA] > 300
    (line,) = [b for b in hasil.baris if "negatif" in b.baru]  # read back negative, nothing to change
    assert (line.sasaran, line.status, line.peringatan) == (negatif, SAMA, [])
    assert line.baru.endswith("; negatif (rasio terbalik)")


def test_terdaftar_di_halaman_dan_perintah():
    assert "riwayat" in JENIS


def test_perintah_uji_kering_dan_terapkan(opd, admin_contoh, tmp_path):
    def ubah(rows):
        rows[1][5] = "#REF!"

    path = tmp_path / "tabel-2-1.xlsx"
    path.write_bytes(berkas(baris_bap(ubah)))
    out = io.StringIO()
    call_command(
        "impor", "riwayat", str(path), "--opd", opd.singkatan, "--pemda", opd.pemda.kode, "--tahun", "2022", stdout=out
    )
    text = out.getvalue()
    assert f"baris {PERTAMA + 1}, kolom kolom 5, nilai '#REF!': sel berisi galat spreadsheet #REF!" in text
    assert (
        f"baris {PERTAMA}, kolom kolom 11, nilai '300': peringatan: kolom 11 tercetak 300 %, yang benar 100,00 %"
        in text
    )
    assert "Uji kering:" in text and "1 galat" in text and "Tidak ada yang disimpan." in text
    with pytest.raises(CommandError, match="1 masalah"):
        call_command("impor", "riwayat", str(path), "--opd", opd.singkatan, "--pemda", opd.pemda.kode, "--tahun", "2022", "--terapkan", "--oleh", admin_contoh.username, stdout=io.StringIO())  # fmt: skip
    path.write_bytes(berkas(baris_bap()))
    out = io.StringIO()
    call_command("impor", "riwayat", str(path), "--opd", opd.singkatan, "--pemda", opd.pemda.kode, "--tahun", "2022", "--terapkan", "--oleh", admin_contoh.username, stdout=out)  # fmt: skip
    assert "tersimpan:" in out.getvalue()


SEL = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.sampled_from(
        ["#REF!", "#DIV/0!", "=SUM(A1)", "5 Dokumen", "100%", "1.200", "66,667", "4001,01", "5.1.2", "Ada", "-"]
    ),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
)


@settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.lists(SEL, min_size=15, max_size=15), min_size=1, max_size=6))
def test_sampah_acak_tidak_pernah_error_dan_tidak_menulis(opd, rows):
    before = Target.objects.count(), Nomenklatur.objects.count()
    try:
        hasil = impor_riwayat.periksa(opd, berkas(rows), "acak.xlsx", 2022)
    except BerkasTidakSah:
        return
    for b in hasil.baris:
        assert b.status in (BARU, BERUBAH, SAMA, GALAT, "kosong", impor_riwayat.DIHITUNG)
        assert b.status != GALAT or b.pesan
    assert (Target.objects.count(), Nomenklatur.objects.count()) == before


def test_kolom_5_dikurangi_realisasi_tahun_sebelumnya(opd, admin_contoh):
    """Kolom 5 is the realisasi s/d n-3; with 2018 already stored (2 Kegiatan), the year 2019 gets
    5 - 2 = 3, so that the app's kolom 5 (2 + 3) is the file's 5."""
    terapkan(opd, admin_contoh, berkas(baris_bap()))
    c01 = Indikator.objects.for_opd(opd).get(nama="Kegiatan Penyelenggaraan FKP")
    RealisasiKinerja.objects.create(indikator=c01, tahun=2018, periode="tahunan", nilai=2)

    def ubah(rows):
        rows[2][5] = "5"  # C-01 kolom 5: 1 → 5

    hasil = impor_riwayat.periksa(opd, berkas(baris_bap(ubah)), "t.xlsx", 2022)
    (line,) = [b for b in hasil.baris if b.status == BERUBAH]
    assert (line.kolom, line.lama, line.baru, line.tahun) == ("kolom 5", "1", "3", 2019)
    assert line.peringatan == ["realisasi 2019 disimpan 3: kolom 5 5 dengan realisasi tersimpan tahun 2018 (kumulatif)"]
    terapkan(opd, admin_contoh, berkas(baris_bap(ubah)))
    row = per_kasus(rekap_tc29(renja_2022(opd)))["C-01"]
    assert row.kolom_5.nilai == 5 and row.kolom_10.nilai == 7  # 5 + 1 + 1


def test_target_renstra_yang_ditetapkan_ditolak(opd, admin_contoh):
    terapkan(opd, admin_contoh, berkas(baris_bap()))
    opd.renstra.update(status="ditetapkan")

    def ubah(rows):
        rows[2][4] = "6"  # C-01 kolom 4 (a Renstra target)

    hasil = impor_riwayat.periksa(opd, berkas(baris_bap(ubah)), "t.xlsx", 2022)
    (galat,) = hasil.galat
    assert (galat.nomor, galat.kolom) == (PERTAMA + 2, "kolom 4") and "berstatus 'Ditetapkan'" in galat.pesan
    assert "Revisi Renstra" in galat.pesan


def test_halaman_impor_hanya_admin_pemda(opd, admin_contoh):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from renja.models import UnggahanImpor
    from tests.pembantu import masuk

    client = Client()
    client.force_login(admin_contoh)
    data = {
        "jenis": "riwayat",
        "opd": opd.pk,
        "tahun": 2022,
        "berkas": SimpleUploadedFile("t.xlsx", berkas(baris_bap())),
    }
    page = client.post("/impor/", data, follow=True).content.decode()
    assert "kolom 11 tercetak 300 %, yang benar 100,00 % (non-kumulatif)" in page
    client.post(f"/impor/{UnggahanImpor.objects.get().pk}/terapkan/", follow=True)
    assert Impor.objects.filter(opd=opd, jenis="riwayat").exists()
    for username in ("perencana.bappeda", "reviewer"):  # of another Pemda, not admins
        data["berkas"] = SimpleUploadedFile("t.xlsx", berkas(baris_bap()))
        assert masuk(username).post("/impor/", data).status_code == 403
    assert not UnggahanImpor.objects.filter(opd=opd).exclude(oleh=admin_contoh).exists()


def test_teks_berkas_tidak_pernah_dijalankan(opd, admin_contoh):
    """A name that looks like a formula is kept as text and written back as text."""
    rumus = '=HYPERLINK("http://contoh.invalid","klik")'
    rows = [baris("5.01.02", None, rumus.replace('"', "'"), "Dokumen", "5", "1", "1", "1", None, "1", None, None)]
    rumus = rumus.replace('"', "'")
    impor_riwayat.terapkan(opd, admin_contoh, csv([*KEPALA, *rows]), "tabel-2-1.csv", 2022)
    assert Indikator.objects.for_opd(opd).get().nama == rumus
    ws = load_workbook(io.BytesIO(templat("riwayat", renja_2022(opd))))["Tabel 2.1"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == rumus)
    assert cell.data_type == "s"


# --------------------------------------------------------------------------- the Polaritas column

KEPALA_POLARITAS = [[*row, "Polaritas"] for row in KEPALA[:2]] + [[*KEPALA[2], None]]
KASUS = "Persentase kasus keterlambatan dokumen"


def berkas_polaritas(kasus, lain="Positif", k8="80", k11="80"):
    """One sub kegiatan (C-01's) with two % indicators, targets 10 and realisasi 8 (non-kumulatif:
    kolom 10 is kolom 9, 8); ``k8``/``k11`` the printed kolom 8 and 11 of the first, whose
    Polaritas cell is ``kasus``. Worked by hand, kolom 8 = capaian(realisasi 8, target 10) and
    kolom 11 = capaian(kolom 10 = 8, kolom 4 = 10):
    positif 8 / 10 × 100 = 80,00; rasio terbalik 10 / 8 × 100 = 125,00;
    selisih (2 × 10 − 8) / 10 × 100 = 120,00."""
    kode, nama = BAP[2][1:3]
    rows = [
        [*baris(kode, nama, KASUS, "%", "10", "9", "10", "8", k8, "8", "8", k11), kasus],
        [*baris(None, None, "Persentase dokumen tepat waktu", "%", "10", "9", "10", "8", "80", "8", "8", "80"), lain],
    ]
    return berkas(rows, kepala=KEPALA_POLARITAS)


def dihitung(hasil):
    return {(b.nomor, b.kolom): b.peringatan[0] for b in hasil.baris if b.status == impor_riwayat.DIHITUNG}


def test_kolom_polaritas_membuat_indikator_negatif_dan_kolom_8_11_diperiksa_dengannya(opd, admin_contoh):
    data = berkas_polaritas("Negatif (selisih)")
    hasil = impor_riwayat.periksa(opd, data, "t.xlsx", 2022)
    assert not hasil.galat, [(b.nomor, b.kolom, b.pesan) for b in hasil.galat]
    ind = {b.nomor: b for b in hasil.baris if b.kolom == "Indikator"}
    assert ind[PERTAMA].baru == f"{KASUS} (%), non-kumulatif; negatif (selisih)"
    assert ind[PERTAMA + 1].baru == "Persentase dokumen tepat waktu (%), non-kumulatif"
    # the file printed the positive formula's 80 for the negative indicator: the right one is 120,00
    assert dihitung(hasil) == {
        (PERTAMA, "kolom 8"): "kolom 8 tercetak 80 %, yang benar 120,00 % (non-kumulatif, negatif (selisih))",
        (PERTAMA, "kolom 11"): "kolom 11 tercetak 80 %, yang benar 120,00 % (non-kumulatif, negatif (selisih))",
    }
    # rasio terbalik's 125,00 printed is right: no finding
    benar = impor_riwayat.periksa(
        opd, berkas_polaritas("Negatif (rasio terbalik)", k8="125", k11="125"), "t.xlsx", 2022
    )
    assert not benar.galat and not dihitung(benar)
    terapkan(opd, admin_contoh, data)
    kasus = Indikator.objects.get(nama=KASUS)
    assert (kasus.polaritas, kasus.metode_negatif) == ("negatif", "selisih")
    lain = Indikator.objects.get(nama="Persentase dokumen tepat waktu")
    assert (lain.polaritas, lain.metode_negatif) == ("positif", "")


def test_polaritas_indikator_tersimpan_dipakai_yang_berbeda_disebut(opd, admin_contoh):
    terapkan(opd, admin_contoh, berkas_polaritas("Negatif (selisih)", k8="120", k11="120"))
    hasil = impor_riwayat.periksa(opd, berkas_polaritas("Positif", k8="120", k11="120"), "t.xlsx", 2022)
    line = next(b for b in hasil.baris if b.nomor == PERTAMA and b.kolom == "Indikator")
    assert line.status == SAMA and line.nilai["ind"]["polaritas"] == "negatif"
    assert "polaritas di berkas Positif, dipakai polaritas tersimpan Negatif (selisih) (ubah di ruang kerja)" in (
        line.peringatan
    )
    assert not dihitung(hasil)  # 120 is right by the stored selisih
    empty = impor_riwayat.periksa(opd, berkas_polaritas(None, None, k8="120", k11="120"), "t.xlsx", 2022)
    assert empty.ringkasan[BARU] == empty.ringkasan[BERUBAH] == 0 and not dihitung(empty)


def test_negatif_tanpa_metode_ditolak_menyebut_baris_kolom_dan_nilai(opd, admin_contoh):
    data = berkas_polaritas("Negatif")
    hasil = impor_riwayat.periksa(opd, data, "t.xlsx", 2022)
    (line,) = hasil.galat
    assert (line.nomor, line.kolom, line.mentah) == (PERTAMA, "Polaritas", "Negatif")
    assert "polaritas 'Negatif' tanpa metode capaian" in line.pesan and '"Negatif (selisih)"' in line.pesan
    with pytest.raises(BerkasTidakSah, match=f"Baris {PERTAMA}, kolom Polaritas, nilai 'Negatif'"):
        terapkan(opd, admin_contoh, data)
    assert not Indikator.objects.for_opd(opd).exists()
