"""Import kind ``renja`` (T-C.33 of year n): the three layouts, a round trip through the app's
own T-C.33 export into a fresh OPD of a fresh Pemda, messy cells, all or nothing, the same file
twice, locks, the command."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laporan.builders.tc33 import rumusan_rencana
from laporan.xlsx import tulis_xlsx
from renja import impor_renja, impor_renja_simpan
from renja.berkas import BerkasTidakSah
from renja.impor import BARU, BERUBAH, GALAT, SAMA
from renja.models import (
    Impor,
    Indikator,
    Nomenklatur,
    PerangkatDaerah,
    Renja,
    RenjaSubKegiatan,
    Renstra,
    SubKegiatan,
    SumberDana,
    Target,
    TemuanImpor,
    UnitKerja,
)
from tests.onboarding.renja_berkas import formulir
from tests.pembantu import xlsx


def ekspor(renja):
    return tulis_xlsx([rumusan_rencana(renja)])


@pytest.fixture
def opd_baru(pemda):
    opd = PerangkatDaerah.objects.create(
        pemda=pemda, kode="5.01.0.00.0.00.01.0000", nama="Badan Perencanaan Contoh", singkatan="BAPCON"
    )
    opd.bidang_urusan.set(Nomenklatur.objects.filter(versi=pemda.nomenklatur_versi, kode__in=["5.01", "5.05"]))
    Renstra.objects.create(opd=opd, tahun_awal=2018, tahun_akhir=2023)
    return opd


@pytest.fixture
def operator(db):
    return get_user_model().objects.create_user("operator.renja", password="sandi-uji-operator-2025")


def potret(renja):
    """What T-C.33 shows of a Renja, keyed by codes and names (not ids): rows and indicators."""
    items = {
        i.sub_kegiatan.nomenklatur.kode: (
            i.pagu,
            i.pagu_maju,
            i.lokasi,
            i.sumber_dana and i.sumber_dana.nama,
            i.penanggung_jawab and str(i.penanggung_jawab),
            i.catatan_penting,
        )
        for i in renja.sub_kegiatan.select_related("sub_kegiatan__nomenklatur", "sumber_dana", "penanggung_jawab")
    }
    indikator = {}
    for ind in Indikator.objects.for_opd(renja.opd).prefetch_related("target"):
        t = {(x.jenis, x.tahun): x.isi for x in ind.target.all()}
        now, nxt = t.get(("renja", renja.tahun)), t.get(("prakiraan_maju", renja.tahun + 1))
        if now is None and nxt is None:
            continue
        owner = ind.pemilik
        key = owner.nomenklatur.kode if hasattr(owner, "nomenklatur") else kunci(owner.uraian)
        indikator[(key, ind.nama)] = (ind.satuan, _angka(now), _angka(nxt))
    return items, indikator


def kunci(text):
    return " ".join(text.split()).lower()


def _angka(value):
    return value.normalize() if isinstance(value, Decimal) else value


def test_pulang_pergi_ekspor_tc33_ke_opd_baru(bappeda, opd_baru, operator):
    """The demo Bappeda 2022 T-C.33 as the app exports it, imported into a fresh OPD of a fresh
    Pemda, gives the same nodes, indicators, targets, pagu, lokasi, sumber dana, penanggung jawab."""
    data = ekspor(bappeda)
    hasil = impor_renja.periksa(opd_baru, data, "tc33.xlsx", None)
    assert not hasil.galat, [(b.nomor, b.kolom, b.pesan) for b in hasil.galat]
    impor = impor_renja_simpan.terapkan(opd_baru, operator, data, "tc33.xlsx", None)
    renja = Renja.objects.get(opd=opd_baru, tahun=2022)
    assert renja.status == Renja.Status.DRAF
    demo_items, demo_ind = potret(bappeda)
    items, ind = potret(renja)
    assert items == demo_items
    assert ind == demo_ind
    assert len(items) == bappeda.sub_kegiatan.count() and len(ind) > 60
    # the tree under sasaran as the demo has it: the export of the import prints the same table
    assert [[c.nilai for c in b.sel] for b in rumusan_rencana(renja).baris][:40] == [
        [c.nilai for c in b.sel] for b in rumusan_rencana(bappeda).baris
    ][:40]
    assert SumberDana.objects.filter(pemda=opd_baru.pemda, nama="APBD Kota Serang").exists()
    sub = SubKegiatan.objects.for_opd(opd_baru).first()
    assert sub.history.first().history_change_reason.startswith(f"impor #{impor.pk}")
    # the same file twice changes nothing
    again = impor_renja.periksa(opd_baru, data, "tc33.xlsx", None)
    assert [(b.nomor, b.kolom, b.lama, b.baru) for b in again.baris if b.status in (BARU, "berubah")] == []
    assert again.jumlah(SAMA) > 900
    assert Impor.objects.get(pk=impor.pk).jenis == Impor.Jenis.RENJA


# ----------------------------------------------------------------------------- the regulation's form

P = "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah"


def baris(hasil, nomor, kolom=None):
    return [b for b in hasil.baris if b.nomor == nomor and (kolom is None or b.kolom == kolom)]


def test_formulir_berantakan_setiap_masalah_disebut(opd_baru):
    rows = [
        ["5", "URUSAN PEMERINTAHAN BIDANG PENUNJANG", None, None, None, None, None, None, None, None],
        ["5.1.2", P, "Persentase keselarasan", "Kota", "100%", "1.000.000", None, None, "100 %", "2,000,000"],
        ["5.1.2.2.01", "Penyusunan Perencanaan dan Pendanaan", None, None, None, "1.000.000", None, None, None, None],
        [
            "5.01.02.2.01.01",
            "Penyusunan Analisis Kondisi (nama dokumen)",
            "Jumlah Dokumen",
            "Kota Contoh",
            "5 Dokumen",
            "600.000",
            "APBD Kota Contoh",
            None,
            "6 Dokumen",
            "1,200,000",
        ],
        [None, None, "jumlah  dokumen", None, "3", None, None, None, None, None],
        [
            "5.01.02.2.01.03",
            "Koordinasi Penyusunan Dokumen Perencanaan Pembangunan Daerah",
            "Jumlah BA",
            "Kota",
            "#REF!",
            "300.000",
            "APBD Kota Contoh",
            None,
            "1",
            "400.000,00",
        ],
        ["5.01.02.2.01.005", "x", "Jumlah", None, "1", "1", None, None, None, None],
        ["4001.400101.01.003", "Program lama", "Jumlah", None, "1", "1", None, None, None, None],
        ["5.01.02.2.01.01", "Nama lain untuk kode yang sama", None, None, None, None, None, None, None, None],
        ["5.01.02.2.01.07", "Pelaksanaan Konsultasi Publik", None, None, None, None, None, None, None, None],
    ]
    hasil = impor_renja.periksa(opd_baru, formulir(rows), "formulir.xlsx", 2022)
    pesan = {(b.nomor, b.kolom): b.pesan for b in hasil.galat}
    assert "formulir T-C.33" in baris(hasil, 0, "Berkas")[0].peringatan[0]
    # the program's printed pagu is its sub kegiatan's (600.000 + 300.000): a warning with both figures
    selisih = [p for b in baris(hasil, 8) for p in b.peringatan if "tidak sama dengan jumlah" in p]
    assert any("Rp 1.000.000" in p and "Rp 900.000" in p for p in selisih)
    assert any("Rp 2.000.000" in p for b in baris(hasil, 8) for p in b.peringatan)
    # the document's wording kept as alias, said
    kode = baris(hasil, 10, "Kode")[0]
    assert kode.status == BARU and "berbeda dengan nomenklatur" in kode.peringatan[0]
    # units inside cells: satuan from the cell, 5 read; "100%" and "100 %" on a percentage
    ind = baris(hasil, 10, "Indikator")[0]
    assert ind.baru.startswith("Dokumen · angka")
    assert baris(hasil, 10, "Target 2022")[0].baru == "5"
    # the same name differing only by case and spacing: asked, never matched silently
    assert "sudah ada pada baris 10 ('Jumlah Dokumen')" in pesan[(11, "Indikator")]
    assert "#REF!" in pesan[(12, "Target 2022")] and baris(hasil, 12, "Target 2022")[0].dapat_dikosongkan
    assert baris(hasil, 12, "Prakiraan Maju: Pagu")[0].baru == "400.000"
    assert "maksudnya 5.01.02.2.01.05?" in pesan[(13, "Kode")]
    assert "kode lama" in pesan[(14, "Kode")] and "riwayat Tabel 2.1/Renstra" in pesan[(14, "Kode")]
    assert "sudah dipakai di baris 10" in pesan[(15, "Kode")]
    assert "usul: kode 5.01.02.2.01.03" in pesan[(16, "Kode")]
    assert not baris(hasil, 12, "Kode")[0].dapat_dikosongkan
    # refused as a whole: nothing written
    with pytest.raises(BerkasTidakSah, match="tidak ada yang disimpan"):
        impor_renja_simpan.terapkan(opd_baru, get_user_model().objects.first(), formulir(rows), "f.xlsx", 2022)
    assert not Renja.objects.filter(opd=opd_baru).exists()
    assert not SubKegiatan.objects.for_opd(opd_baru).exists()


def test_baris_tanpa_kode_dengan_indikator_dan_kode_bukan_master(opd_baru):
    rows = [
        [None, "Tanpa kode", "Indikator yatim", None, "1", "500", None, None, None, None],
        ["5.01.02.2.01.99", "Tidak ada", "x", None, "1", "1", None, None, None, None],
        ["2.16.02", "Program Informasi dan Komunikasi Publik", None, None, None, None, None, None, None, None],
    ]
    hasil = impor_renja.periksa(opd_baru, formulir(rows), "f.xlsx", 2022)
    pesan = {b.nomor: b.pesan for b in hasil.galat}
    assert "tanpa kode" in pesan[7] and "isi kolom Kode" in pesan[7]
    assert "tidak ada pada nomenklatur" in pesan[8]
    assert "bukan bidang urusan BAPCON" in pesan[9]


# ----------------------------------------------------------------------------- SIPD-RI's report

KEPALA_SIPD = [
    [
        "Kode",
        "Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan",
        "Indikator",
        "Target Akhir Periode Renstra",
        "Realisasi Capaian 2020",
        "Prakiraan Capaian 2021",
        "Target 2022",
        "Pagu Indikatif",
        "Lokasi",
        "Sumber Dana",
        "Prioritas Nasional/Daerah",
        "Kelompok Sasaran",
        "Prakiraan Maju 2023",
        None,
        "PD Penanggung Jawab",
    ],
    [None, None, None, None, None, None, None, None, None, None, None, None, "Target", "Pagu", None],
]


def test_laporan_sipd_target_akhir_dan_kolom_tidak_diambil(opd_baru, operator):
    SumberDana.objects.create(pemda=opd_baru.pemda, kode="APBD", nama="APBD Kota Contoh")
    sub = [
        "5.01.02.2.01.01",
        "Penyusunan Analisis Kondisi Daerah",
        "Jumlah dokumen analisis",
        "10 Dokumen",
        "2",
        "2",
        "2 Dokumen",
        "Rp 600.000.000",
        "Kota Contoh",
        "apbd  kota contoh",
        "PD-1",
        "Masyarakat",
        "2",
        "700.000.000",
        "Bidang P2EPD",
    ]
    pct = [
        None,
        None,
        "Persentase dokumen tepat waktu",
        "100",
        None,
        None,
        "90,5",
        None,
        None,
        None,
        None,
        None,
        "95",
        None,
        None,
    ]
    data = xlsx([["LAPORAN RENJA SIPD"], [], *KEPALA_SIPD, sub, pct], merge=["M3:N3"])
    hasil = impor_renja.periksa(opd_baru, data, "sipd.xlsx", None)
    assert not hasil.galat, [(b.nomor, b.kolom, b.pesan) for b in hasil.galat]
    info = baris(hasil, 0, "Berkas")[0].peringatan
    assert "laporan Renja SIPD-RI" in info[0]
    assert "realisasi capaian 2020" in info[1] and "kelompok sasaran" in info[1] and "prioritas" in info[1]
    assert any("sifat diusulkan kumulatif" in p and "10" in p for p in baris(hasil, 5, "Indikator")[0].peringatan)
    assert any("sifat diusulkan non_kumulatif" in p for p in baris(hasil, 6, "Indikator")[0].peringatan)
    assert any(
        "dicocokkan dengan sumber dana 'APBD Kota Contoh'" in p for p in baris(hasil, 5, "Sumber Dana")[0].peringatan
    )
    assert any("unit kerja 'Bidang P2EPD'" in p for p in baris(hasil, 5, "Penanggung Jawab")[0].peringatan)
    impor_renja_simpan.terapkan(opd_baru, operator, data, "sipd.xlsx", None)
    item = RenjaSubKegiatan.objects.get(renja__opd=opd_baru)
    assert (item.pagu, item.pagu_maju, item.sumber_dana.nama) == (600000000, 700000000, "APBD Kota Contoh")
    assert item.penanggung_jawab == UnitKerja.objects.get(opd=opd_baru, nama="Bidang P2EPD")
    ind = Indikator.objects.get(sub_kegiatan=item.sub_kegiatan, nama="Jumlah dokumen analisis")
    assert ind.sifat == Indikator.Sifat.KUMULATIF
    assert Target.objects.get(indikator=ind, jenis="akhir_renstra").tahun == 2023
    pct_ind = Indikator.objects.get(sub_kegiatan=item.sub_kegiatan, nama="Persentase dokumen tepat waktu")
    assert pct_ind.tipe_nilai == "persen" and Target.objects.get(indikator=pct_ind, jenis="renja").nilai == Decimal(
        "90.5"
    )
    again = impor_renja.periksa(opd_baru, data, "sipd.xlsx", None)
    assert again.jumlah(BARU) == again.jumlah("berubah") == 0


# ----------------------------------------------------------------------------- Renja n, locks, all or nothing


def test_tanpa_renstra_ditolak_dengan_jalannya(pemda):
    opd = PerangkatDaerah.objects.create(pemda=pemda, kode="X.1", nama="OPD Baru", singkatan="OPDB")
    with pytest.raises(BerkasTidakSah, match="/renja/OPDB/mulai/"):
        impor_renja.periksa(opd, formulir([]), "f.xlsx", 2022)


@pytest.mark.parametrize("status", [Renja.Status.DIAJUKAN, Renja.Status.DITETAPKAN])
def test_renja_terkunci_menolak_seluruh_berkas(bappeda, status):
    Renja.objects.filter(pk=bappeda.pk).update(status=status)
    with pytest.raises(BerkasTidakSah, match="hanya dapat diubah melalui alur kerja"):
        impor_renja.periksa(bappeda.opd, ekspor(bappeda), "tc33.xlsx", 2022)


def test_demo_sendiri_semua_sama_dan_tahun_harus_cocok(bappeda):
    data = ekspor(bappeda)
    hasil = impor_renja.periksa(bappeda.opd, data, "tc33.xlsx", 2022)
    assert not hasil.galat and hasil.jumlah(BARU) == 0 and hasil.jumlah("berubah") == 0
    ind = Indikator.objects.for_renja(bappeda).filter(nama="Jumlah dokumen RKPD dan Perubahan RKPD").get()
    Indikator.objects.filter(pk=ind.pk).update(nama="JUMLAH Dokumen RKPD  dan Perubahan RKPD")
    (asked,) = impor_renja.periksa(bappeda.opd, data, "tc33.xlsx", 2022).galat
    assert "'Jumlah dokumen RKPD dan Perubahan RKPD' hanya berbeda huruf besar/kecil" in asked.pesan
    assert "'JUMLAH Dokumen RKPD  dan Perubahan RKPD' yang tersimpan" in asked.pesan
    with pytest.raises(BerkasTidakSah, match="Renja tahun 2022, bukan 2023"):
        impor_renja.periksa(bappeda.opd, ekspor(bappeda), "tc33.xlsx", 2023)


def test_semua_atau_tidak_sama_sekali(bappeda, opd_baru, operator):
    def gagal():
        raise RuntimeError("gangguan disuntikkan")

    with pytest.raises(RuntimeError):
        impor_renja_simpan.terapkan(opd_baru, operator, ekspor(bappeda), "tc33.xlsx", None, sesudah=gagal)
    assert not Renja.objects.filter(opd=opd_baru).exists()
    assert not SubKegiatan.objects.for_opd(opd_baru).exists()
    assert not Impor.objects.filter(opd=opd_baru).exists()
    assert not SumberDana.objects.filter(pemda=opd_baru.pemda).exists()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.none(),
                st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
                st.sampled_from(["#REF!", "5 Dokumen", "5.01.02.2.01.01", "1.234,5", "Ada", "TOTAL"]),
                st.integers(-5, 10**9),
                st.floats(allow_nan=True),
            ),
            min_size=10,
            max_size=10,
        ),
        max_size=6,
    )
)
def test_sel_acak_tidak_pernah_galat_server(opd_baru, rows):
    try:
        hasil = impor_renja.periksa(opd_baru, formulir(rows), "acak.xlsx", 2022)
    except BerkasTidakSah:
        return
    assert all(b.pesan for b in hasil.galat)
    assert not Renja.objects.filter(opd=opd_baru).exists()


def test_perintah_uji_kering_dan_terapkan(opd_baru, operator, tmp_path):
    rows = [
        [
            "5.01.02.2.01.01",
            "Penyusunan Analisis Kondisi Daerah",
            "Jumlah Dokumen",
            "Kota",
            "#REF!",
            "600.000",
            None,
            None,
            "1",
            "700.000",
        ]
    ]
    path = tmp_path / "renja.xlsx"
    path.write_bytes(formulir(rows))
    out = io.StringIO()
    call_command("impor", "renja", str(path), "--opd", "BAPCON", "--tahun", "2022", stdout=out)
    assert "baris 7, kolom Target 2022, nilai '#REF!': sel berisi galat spreadsheet #REF!" in out.getvalue()
    with pytest.raises(CommandError, match="1 masalah"):
        call_command(
            "impor",
            "renja",
            str(path),
            "--opd",
            "BAPCON",
            "--terapkan",
            "--oleh",
            operator.username,
            stdout=io.StringIO(),
        )
    rows[0][4] = "1"
    path.write_bytes(formulir(rows))
    out = io.StringIO()
    call_command("impor", "renja", str(path), "--opd", "BAPCON", "--terapkan", "--oleh", operator.username, stdout=out)
    assert "tersimpan" in out.getvalue()
    assert RenjaSubKegiatan.objects.get(renja__opd=opd_baru).pagu == 600000


def test_templat_renja_berisi_renja_dan_terbaca_kembali_sama(bappeda):
    from openpyxl import load_workbook

    from laporan.templat import templat_renja

    sub = bappeda.sub_kegiatan.first().sub_kegiatan
    SubKegiatan.objects.filter(pk=sub.pk).update(nama_alias="Nama sub kegiatan dalam dokumen Renja")
    negatif = Indikator.objects.for_renja(bappeda).filter(sub_kegiatan=sub).first()
    Indikator.objects.filter(pk=negatif.pk).update(polaritas="negatif", metode_negatif="selisih")
    data = templat_renja(bappeda)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Renja 2022", "Petunjuk"]
    assert "Petunjuk pengisian Renja" in book["Petunjuk"]["A1"].value
    rows = list(book["Renja 2022"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Tujuan", "Sasaran", "Indikator Tujuan/Sasaran", "Kode", "Program/Kegiatan/Sub Kegiatan")
    # the extended layout: the Renstra's tujuan and sasaran with their indicators, the alias as written
    assert sum(1 for r in rows[1:] if r[0]) == bappeda.renstra.tujuan.count() and any(r[2] for r in rows[1:])
    assert (sub.nomenklatur.kode, "Nama sub kegiatan dalam dokumen Renja") in {(r[3], r[4]) for r in rows}
    polaritas = rows[0].index("Polaritas")
    assert rows[0][polaritas - 1] == "Sifat"
    assert {r[polaritas] for r in rows[1:] if r[5]} == {"Positif", "Negatif (selisih)"}
    assert [r[polaritas] for r in rows if r[5] == negatif.nama] == ["Negatif (selisih)"]
    # the demo's category indicator goes out with its tipe and scale, low to high
    skala, tipe = rows[0].index("Skala Kategori"), rows[0].index("Tipe")
    assert [(r[2] or r[5], r[tipe], r[skala]) for r in rows[1:] if r[skala]] == [
        ("Indeks Inovasi Daerah", "Kategori (berjenjang)", "Kurang Inovatif < Inovatif < Sangat Inovatif")
    ]
    hasil = impor_renja.periksa(bappeda.opd, data, "templat.xlsx", None)
    assert not hasil.galat, [(b.nomor, b.kolom, b.pesan) for b in hasil.galat[:5]]
    assert [(b.nomor, b.kolom, b.lama, b.baru) for b in hasil.baris if b.status in (BARU, "berubah")] == []
    (line,) = [b for b in hasil.baris if "negatif" in b.baru]  # read back negative, nothing to change
    assert (line.mentah, line.status) == (negatif.nama, SAMA) and line.baru.endswith(" · negatif (selisih)")


def test_templat_renja_hanya_untuk_admin(bappeda, client):
    from tests.pembantu import masuk

    url = f"/impor/templat/renja/{bappeda.pk}.xlsx"
    response = masuk("admin").get(url)
    assert response.status_code == 200 and "templat-renja-bappeda-2022.xlsx" in response["Content-Disposition"]
    assert masuk("perencana.bappeda").get(url).status_code == 403


def test_halaman_impor_templat_diubah_lalu_disimpan(bappeda, django_assert_max_num_queries):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    from renja.models import UnggahanImpor
    from tests.pembantu import masuk

    admin = masuk("admin")
    book = load_workbook(io.BytesIO(admin.get(f"/impor/templat/renja/{bappeda.pk}.xlsx").content))
    ws = book["Renja 2022"]
    kolom = [c.value for c in ws[1]]
    kode_col, pagu_col = kolom.index("Kode"), kolom.index("Pagu Indikatif 2022 (Rp)")
    row = next(r for r in ws.iter_rows(min_row=2) if (r[kode_col].value or "").count(".") == 5 and r[pagu_col].value)
    kode = row[kode_col].value
    row[pagu_col].value = "123.456.789"
    out = io.BytesIO()
    book.save(out)
    upload = {"opd": bappeda.opd.pk, "jenis": "renja", "berkas": SimpleUploadedFile("renja.xlsx", out.getvalue())}
    page = admin.post("/impor/", upload, follow=True).content.decode()
    assert "berubah: <strong>1</strong>" in page and "galat: <strong>0</strong>" in page
    unggahan = UnggahanImpor.objects.get()
    with django_assert_max_num_queries(20):
        assert admin.get(f"/impor/{unggahan.pk}/").status_code == 200
    response = admin.post(f"/impor/{unggahan.pk}/terapkan/", follow=True)
    assert "tersimpan" in response.content.decode()
    item = RenjaSubKegiatan.objects.get(renja=bappeda, sub_kegiatan__nomenklatur__kode=kode)
    assert item.pagu == 123456789
    assert item.history.first().history_change_reason.startswith("impor #")


def test_nama_mirip_dicocokkan_dan_disebut(bappeda):
    data = ekspor(bappeda)
    ind = Indikator.objects.for_renja(bappeda).filter(nama="Jumlah dokumen RKPD dan Perubahan RKPD").get()
    Indikator.objects.filter(pk=ind.pk).update(nama="Jumlah dokumen RKPD dan Perubahan RKP")
    hasil = impor_renja.periksa(bappeda.opd, data, "tc33.xlsx", 2022)
    (line,) = [b for b in hasil.baris if b.mentah == "Jumlah dokumen RKPD dan Perubahan RKPD"]
    assert line.status == SAMA and not hasil.galat
    assert "dicocokkan dengan indikator tersimpan 'Jumlah dokumen RKPD dan Perubahan RKP'" in line.peringatan[0]


def test_renstra_ditetapkan_menolak_tujuan_baru(bappeda, opd_baru):
    Renstra.objects.filter(opd=opd_baru).update(status=Renstra.Status.DITETAPKAN)
    hasil = impor_renja.periksa(opd_baru, ekspor(bappeda), "tc33.xlsx", None)
    tujuan = [b for b in hasil.galat if b.kolom == "Tujuan"]
    assert tujuan and "Revisi Renstra" in tujuan[0].pesan
    assert all(
        b.kolom in ("Tujuan", "Sasaran", "Indikator Tujuan/Sasaran", "Target 2022", "Target 2023") for b in hasil.galat
    )


def test_kosongkan_galat_atas_persetujuan_admin(opd_baru, operator):
    rows = [["5.01.02.2.01.01", "Penyusunan", "Jumlah Dokumen", "Kota", "#REF!", "600.000", None, None, "1", "#DIV/0!"]]
    data = formulir(rows)
    with pytest.raises(BerkasTidakSah):
        impor_renja_simpan.terapkan(opd_baru, operator, data, "f.xlsx", 2022)
    hasil = impor_renja.periksa(opd_baru, data, "f.xlsx", 2022)
    assert len(hasil.galat) == 2 and not hasil.galat_tetap  # both may be left empty
    impor = impor_renja_simpan.terapkan(opd_baru, operator, data, "f.xlsx", 2022, kosongkan=True)
    temuan = TemuanImpor.objects.filter(impor=impor).order_by("kolom")
    assert sorted(t.nilai for t in temuan) == ["#DIV/0!", "#REF!"]
    assert all(t.tahun == 2022 and t.nomor_baris == hasil.galat[0].nomor and not t.selesai for t in temuan)
    item = RenjaSubKegiatan.objects.get(renja__opd=opd_baru)
    assert (item.pagu, item.pagu_maju) == (600000, None)
    ind = Indikator.objects.get(sub_kegiatan=item.sub_kegiatan)
    assert list(ind.target.values_list("jenis", "nilai")) == [("prakiraan_maju", Decimal("1.00"))]


def test_persiapan_menautkan_impor_renja(opd_baru, admin_contoh):
    from django.test import Client

    client = Client()
    client.force_login(admin_contoh)
    page = client.get("/persiapan/?tahun=2022").content.decode()
    assert f"/impor/?jenis=renja&amp;opd={opd_baru.pk}&amp;tahun=2022" in page and ">Impor Renja<" in page


def test_sumber_dana_salah_ketik_ditanya_nama_lain_ditambahkan(opd_baru):
    """A sumber dana one letter off the Pemda's list is asked about; one that adds or leaves out a
    whole word (DAK Fisik beside DAK Non Fisik) is another source, added with the import."""
    SumberDana.objects.create(pemda=opd_baru.pemda, nama="Dana Transfer Khusus-Dana Alokasi Khusus Non Fisik")
    rows = [
        ["5.01.02.2.01.01", SUB_ANALISIS, "Jumlah Dokumen", "Kota", "1", "600.000", DAK_FISIK, None, "1", "700.000"],
        ["5.01.02.2.01.03", "Pelaksanaan Konsultasi Publik", "Jumlah BA", "Kota", "1", "300.000",
         "Dana Transfer Khusus-Dana Alokasi Khsus Non Fisik", None, "1", "400.000"],
    ]  # fmt: skip
    hasil = impor_renja.periksa(opd_baru, formulir(rows), "formulir.xlsx", 2022)
    fisik = baris(hasil, 7, "Sumber Dana")[0]
    assert fisik.status != GALAT and any(f"sumber dana '{DAK_FISIK}' belum ada" in p for p in fisik.peringatan)
    pesan = baris(hasil, 8, "Sumber Dana")[0].pesan
    assert "maksudnya 'Dana Transfer Khusus-Dana Alokasi Khusus Non Fisik'?" in pesan
    assert [b.nomor for b in hasil.galat] == [8]


DAK_FISIK = "Dana Transfer Khusus-Dana Alokasi Khusus Fisik"
SUB_ANALISIS = "Analisis Kondisi Daerah, Permasalahan, dan Isu Strategis Pembangunan Daerah"


# ----------------------------------------------------------------------------- Polaritas column

KEPALA_POLARITAS = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator", "Satuan", "Target 2022", "Pagu", "Polaritas"]
SUB_POLARITAS = ["5.01.02.2.01.01", "Penyusunan Analisis Kondisi Daerah"]


def berkas_polaritas(*polaritas):
    """A Renja 2022 file of one sub kegiatan with two indicators, their Polaritas cells ``polaritas``."""
    return xlsx(
        [
            KEPALA_POLARITAS,
            [*SUB_POLARITAS, "Persentase kasus keterlambatan dokumen", "%", "10", "600.000.000", polaritas[0]],
            [None, None, "Jumlah dokumen analisis", "Dokumen", "2", None, polaritas[1]],
        ]
    )


def test_kolom_polaritas_membuat_indikator_negatif_dan_mengubah_yang_tersimpan(opd_baru, operator):
    data = berkas_polaritas("Negatif (selisih)", None)
    hasil = impor_renja.periksa(opd_baru, data, "renja.xlsx", None)
    assert not hasil.galat, [(b.nomor, b.kolom, b.pesan) for b in hasil.galat]
    ind = {b.mentah: b for b in hasil.baris if b.kolom == "Indikator"}
    assert ind["Persentase kasus keterlambatan dokumen"].baru == "% · persen · non_kumulatif · negatif (selisih)"
    assert ind["Jumlah dokumen analisis"].baru == "Dokumen · angka · non_kumulatif"  # positif: nothing added
    impor_renja_simpan.terapkan(opd_baru, operator, data, "renja.xlsx", None)
    kasus = Indikator.objects.get(nama="Persentase kasus keterlambatan dokumen")
    assert (kasus.polaritas, kasus.metode_negatif) == ("negatif", "selisih")
    dokumen = Indikator.objects.get(nama="Jumlah dokumen analisis")
    assert (dokumen.polaritas, dokumen.metode_negatif) == ("positif", "")
    # a Polaritas cell changes the stored indicator, as a Sifat cell does; an empty one keeps it
    data = berkas_polaritas("Negatif (rasio terbalik)", "Negatif: target/realisasi")
    hasil = impor_renja.periksa(opd_baru, data, "renja.xlsx", None)
    changed = [(b.nomor, b.lama, b.baru) for b in hasil.baris if b.status == BERUBAH]
    assert changed == [
        (2, "% · persen · non_kumulatif · negatif (selisih)", "% · persen · non_kumulatif · negatif (rasio terbalik)"),
        (3, "Dokumen · angka · non_kumulatif", "Dokumen · angka · non_kumulatif · negatif (rasio terbalik)"),
    ]
    versi = kasus.versi
    impor_renja_simpan.terapkan(opd_baru, operator, data, "renja.xlsx", None)
    kasus.refresh_from_db()
    assert (kasus.polaritas, kasus.metode_negatif, kasus.versi) == ("negatif", "rasio_terbalik", versi + 1)
    hasil = impor_renja.periksa(opd_baru, berkas_polaritas(None, None), "renja.xlsx", None)
    assert hasil.jumlah(BERUBAH) == hasil.jumlah(BARU) == 0 and not hasil.galat


def test_negatif_tanpa_metode_ditolak_menyebut_baris_kolom_dan_nilai(opd_baru, operator):
    data = berkas_polaritas("Negatif (selisih)", "Negatif")
    hasil = impor_renja.periksa(opd_baru, data, "renja.xlsx", None)
    (line,) = hasil.galat
    assert (line.nomor, line.kolom, line.mentah) == (3, "Polaritas", "Negatif")
    assert "polaritas 'Negatif' tanpa metode capaian" in line.pesan and '"Negatif (selisih)"' in line.pesan
    with pytest.raises(BerkasTidakSah, match="Baris 3, kolom Polaritas, nilai 'Negatif'"):
        impor_renja_simpan.terapkan(opd_baru, operator, data, "renja.xlsx", None)
    assert not Indikator.objects.for_opd(opd_baru).exists()


# ----------------------------------------------------------------------------- Skala Kategori column

KEPALA_SKALA = [
    "Kode",
    "Program/Kegiatan/Sub Kegiatan",
    "Indikator",
    "Satuan",
    "Tipe",
    "Skala Kategori",
    "Target 2022",
    "Pagu",
]
SKALA = "Kurang Inovatif < Inovatif < Sangat Inovatif"


def berkas_skala(tipe, skala, target="Inovatif"):
    """A Renja 2022 file of one sub kegiatan whose indicator is a category (an innovation
    predikat): its Tipe, Skala Kategori and Target 2022 cells."""
    return xlsx(
        [
            KEPALA_SKALA,
            [*SUB_POLARITAS, "Predikat inovasi analisis daerah", "Predikat", tipe, skala, target, "600.000.000"],
        ]
    )


def test_kolom_skala_membuat_indikator_kategori(opd_baru, operator):
    data = berkas_skala("Kategori (berjenjang)", SKALA)
    hasil = impor_renja.periksa(opd_baru, data, "renja.xlsx", None)
    assert not hasil.galat, [(b.nomor, b.kolom, b.pesan) for b in hasil.galat]
    [line] = [b for b in hasil.baris if b.kolom == "Indikator"]
    assert line.baru == f"Predikat · kategori · non_kumulatif · skala {SKALA}"
    impor_renja_simpan.terapkan(opd_baru, operator, data, "renja.xlsx", None)
    ind = Indikator.objects.get(nama="Predikat inovasi analisis daerah")
    assert (ind.tipe_nilai, ind.skala_kategori) == ("kategori", ["Kurang Inovatif", "Inovatif", "Sangat Inovatif"])
    assert ind.target.get(jenis="renja", tahun=2022).nilai_teks == "Inovatif"
    # an empty Skala cell keeps the stored scale; a different one changes it
    hasil = impor_renja.periksa(opd_baru, berkas_skala("Kategori", None), "renja.xlsx", None)
    assert hasil.jumlah(BERUBAH) == hasil.jumlah(BARU) == 0 and not hasil.galat
    hasil = impor_renja.periksa(opd_baru, berkas_skala("Kategori", "Inovatif | Sangat Inovatif"), "renja.xlsx", None)
    assert [(b.lama, b.baru) for b in hasil.baris if b.status == BERUBAH] == [
        (
            f"Predikat · kategori · non_kumulatif · skala {SKALA}",
            "Predikat · kategori · non_kumulatif · skala Inovatif < Sangat Inovatif",
        )
    ]


@pytest.mark.parametrize(
    ("tipe", "skala", "target", "kolom", "pesan"),
    [
        ("Kategori", None, "Inovatif", "Skala Kategori", "indikator kategori memerlukan skala kategori"),
        ("Angka", SKALA, "2", "Skala Kategori", "hanya untuk indikator bertipe Kategori, bukan angka"),
        (
            "Kategori",
            SKALA,
            "Cukup Inovatif",
            "Target 2022",
            f"'Cukup Inovatif' tidak ada pada skala kategori ({SKALA})",
        ),
    ],
)
def test_skala_yang_salah_ditolak_dan_tidak_ada_yang_disimpan(opd_baru, operator, tipe, skala, target, kolom, pesan):
    data = berkas_skala(tipe, skala, target)
    hasil = impor_renja.periksa(opd_baru, data, "renja.xlsx", None)
    (line,) = hasil.galat
    assert (line.nomor, line.kolom) == (2, kolom) and pesan in line.pesan
    with pytest.raises(BerkasTidakSah, match=f"Baris 2, kolom {kolom}"):
        impor_renja_simpan.terapkan(opd_baru, operator, data, "renja.xlsx", None)
    assert not Indikator.objects.for_opd(opd_baru).exists()
