"""The Tabel 2.2 (T-C.30) grid: the page, saving numbers and texts per year and jenis, adding
and removing a row, the locks (Renja status, Renstra adoption), who may do what, bounded
queries, and the printed table showing what the grid holds."""

import json
from decimal import Decimal as D

import pytest

from laporan.builders.pelayanan import kinerja_pelayanan
from renja.models import IndikatorPelayanan, NilaiPelayanan, Renja, Renstra
from tests.pembantu import masuk

P = "/renja/BAPPEDA/2022/kinerja-pelayanan/"


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def sel(kolom, ind, nilai, versi=None):
    if versi is None:
        value = _nilai(ind, kolom)
        versi = value.versi if value else ind.versi if kolom in ("nama", "satuan", "spm", "catatan") else 0
    return {"kolom": kolom, "id": ind.pk, "nilai": nilai, "versi": versi, "baris": f"{ind.nomor} {ind.nama[:20]}"}


KOLOM_TAHUN = {"target0": ("target", 2022), "realisasi-1": ("realisasi", 2021), "proyeksi+1": ("proyeksi", 2023)}


def _nilai(ind, kolom):
    if kolom not in KOLOM_TAHUN:
        return None
    jenis, tahun = KOLOM_TAHUN[kolom]
    return NilaiPelayanan.objects.filter(indikator=ind, jenis=jenis, tahun=tahun).first()


def ind(nomor):
    return IndikatorPelayanan.objects.get(renstra__opd__singkatan="BAPPEDA", nomor=nomor)


@pytest.fixture
def perencana(db):
    return masuk("perencana.bappeda")


def baris_cetak(renja, nomor):
    tabel = kinerja_pelayanan(renja)
    return next([s.nilai for s in b.sel] for b in tabel.baris if b.jenis == "indikator" and b.sel[0].nilai == nomor)


# --------------------------------------------------------------------------- the page


def test_halaman_grid_dengan_tahun_jendela_regulasi(perencana, bappeda):
    html = perencana.get(P).content.decode()
    assert 'class="rk-grid dapat-diubah"' in html
    for header in ("Target Renstra 2020", "Target Renstra 2023", "Realisasi 2021 (perkiraan)", "Proyeksi 2023"):
        assert f">{header}</th>" in html
    i = ind("1.5")
    target = NilaiPelayanan.objects.get(indikator=i, jenis="target", tahun=2022)
    # 1.5 target 2022 = 99 % (demo BAP:691), a value row of its own with its version
    assert f'data-k="target0" data-o="target0:{i.pk}" data-id="{i.pk}" data-v="{target.versi}">99<' in html
    # no realisasi 2021 in the demo: an empty cell at version 0, created when first filled
    assert f'data-k="realisasi-1" data-o="realisasi-1:{i.pk}" data-id="{i.pk}" data-v="0"><' in html
    assert html.count('class="e k-nama"') == IndikatorPelayanan.objects.filter(renstra=bappeda.renstra).count() == 9
    assert "kerja/pelayanan.js" in html and "kerja/ruang_kerja.js" in html


def test_jumlah_query_tidak_bertambah_dengan_jumlah_indikator(perencana, bappeda, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as sedikit:
        perencana.get(P)
    for k in range(20):
        baru = IndikatorPelayanan.objects.create(renstra=bappeda.renstra, urutan=100 + k, nama=f"Uji {k}")
        NilaiPelayanan.objects.create(indikator=baru, jenis="target", tahun=2022, nilai=D(k))
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        response = perencana.get(P)
    assert response.content.decode().count('class="e k-nama"') == 29
    with django_assert_max_num_queries(11):  # session, user, Renja, access ×3, rows, values, history ×2, menu
        perencana.get(P)


def test_renja_tertutup_hanya_dibaca(perencana, bappeda):
    Renja.objects.filter(pk=bappeda.pk).update(status="diajukan")
    html = perencana.get(P).content.decode()
    assert "dapat-diubah" not in html and "hanya dapat dibaca" in html and 'id="tambah-indikator"' not in html
    response = post(perencana, P + "simpan/", {"perubahan": [sel("target0", ind("1.5"), "90")]})
    assert response.status_code == 400 and "Diajukan" in response.json()["kesalahan"][0]["pesan"]
    response = post(perencana, P + "tambah-indikator/", {"data": {"nama": "Baru"}})
    assert response.status_code == 400
    assert NilaiPelayanan.objects.get(indikator=ind("1.5"), jenis="target", tahun=2022).nilai == 99


# --------------------------------------------------------------------------- forbidden


@pytest.mark.parametrize("username, status", [("perencana.kominfo", 404), ("reviewer", 403)])
def test_simpan_dan_struktur_ditolak_bagi_yang_tidak_berhak(username, status, db):
    client = masuk(username)
    i = ind("1.5")
    assert post(client, P + "simpan/", {"perubahan": [sel("target0", i, "1")]}).status_code == status
    assert post(client, P + "tambah-indikator/", {"data": {"nama": "X"}}).status_code == status
    assert post(client, P + "hapus-indikator/", {"id": i.pk, "versi": i.versi}).status_code == status
    assert NilaiPelayanan.objects.get(indikator=i, jenis="target", tahun=2022).nilai == 99
    assert IndikatorPelayanan.objects.filter(nama="X").count() == 0


def test_indikator_renstra_lain_bukan_milik(perencana, db):
    kominfo = Renja.objects.get(opd__singkatan="DISKOMINFO", tahun=2022)
    lain = IndikatorPelayanan.objects.create(renstra=kominfo.renstra, nama="Milik OPD lain")
    response = post(perencana, P + "simpan/", {"perubahan": [sel("nama", lain, "diubah")]})
    assert response.status_code == 400 and "bukan bagian dari Tabel 2.2" in response.json()["kesalahan"][0]["pesan"]
    assert post(perencana, P + "hapus-indikator/", {"id": lain.pk, "versi": lain.versi}).status_code == 400
    assert IndikatorPelayanan.objects.get(pk=lain.pk).nama == "Milik OPD lain"


# --------------------------------------------------------------------------- saving


def test_angka_dan_teks_per_tahun_dan_jenis_tercetak(perencana, bappeda):
    persen, teks = ind("1.5"), ind("1.1")
    response = post(
        perencana,
        P + "simpan/",
        {
            "perubahan": [
                sel("target0", persen, "99,5"),
                sel("realisasi-1", persen, "97,25"),
                sel("realisasi-1", teks, "Belum ada"),
                sel("catatan", persen, "Tercapai"),
            ]
        },
    )
    assert response.status_code == 200, response.content
    shown = {(t["kolom"], t["id"]): t["tampil"] for t in response.json()["tersimpan"]}
    assert shown[("target0", persen.pk)] == "99,5" and shown[("realisasi-1", teks.pk)] == "Belum ada"
    target = NilaiPelayanan.objects.get(indikator=persen, jenis="target", tahun=2022)
    assert target.nilai == D("99.5") and target.versi == 2
    baru = NilaiPelayanan.objects.get(indikator=persen, jenis="realisasi", tahun=2021)
    assert baru.nilai == D("97.25") and baru.versi == 1
    assert baru.history.first().history_user.username == "perencana.bappeda"
    assert NilaiPelayanan.objects.get(indikator=teks, jenis="realisasi", tahun=2021).nilai_teks == "Belum ada"
    # the printed T-C.30 of 2022: No, Indikator, SPM, IKK | target 2020–2023 | realisasi 2020, 2021 | proyeksi 2022, 2023 | catatan
    assert baris_cetak(bappeda, "1.5")[4:13] == [
        D(98),
        D(98),
        D("99.5"),
        D(100),
        D(100),
        D("97.25"),
        D(99),
        D(100),
        "Tercapai",
    ]
    assert baris_cetak(bappeda, "1.1")[9] == "Belum ada"
    # the table view shows it too
    html = perencana.get("/renja/BAPPEDA/2022/tabel/kinerja-pelayanan/").content.decode()
    assert "97,25" in html and "Belum ada" in html


def test_nilai_dikosongkan_dihapus(perencana):
    i = ind("1.5")
    assert post(perencana, P + "simpan/", {"perubahan": [sel("proyeksi+1", i, "")]}).status_code == 200
    assert not NilaiPelayanan.objects.filter(indikator=i, jenis="proyeksi", tahun=2023).exists()


def test_isian_salah_menyebut_baris_kolom_nilai_dan_tidak_ada_yang_tersimpan(perencana):
    i = ind("1.5")
    response = post(
        perencana, P + "simpan/", {"perubahan": [sel("target0", i, "90"), sel("realisasi-1", i, "sembilan puluh")]}
    )
    assert response.status_code == 400
    pesan = response.json()["kesalahan"][0]["pesan"]
    assert (
        pesan.startswith("Baris 1.5 Penjabaran Konsisten, kolom Realisasi 2021 (perkiraan):")
        and "sembilan puluh" in pesan
    )
    assert NilaiPelayanan.objects.get(indikator=i, jenis="target", tahun=2022).nilai == 99
    assert post(perencana, P + "simpan/", {"perubahan": [sel("nama", i, "")]}).status_code == 400
    assert post(perencana, P + "simpan/", {"perubahan": [sel("tipe_nilai", i, "jam", i.versi)]}).status_code == 400


def test_versi_lama_konflik(perencana):
    i = ind("1.5")
    assert post(perencana, P + "simpan/", {"perubahan": [sel("target0", i, "90")]}).status_code == 200
    response = post(perencana, P + "simpan/", {"perubahan": [sel("target0", i, "80", versi=1)]})
    assert response.status_code == 409
    konflik = response.json()["konflik"][0]
    assert konflik["nilai_lain"] == "90" and konflik["obj"] == f"target0:{i.pk}"
    assert NilaiPelayanan.objects.get(indikator=i, jenis="target", tahun=2022).nilai == 90


def test_renstra_ditetapkan_mengunci_target_bukan_realisasi(perencana):
    Renstra.objects.filter(opd__singkatan="BAPPEDA").update(status=Renstra.Status.DITETAPKAN)
    i = ind("1.5")
    response = post(perencana, P + "simpan/", {"perubahan": [sel("target0", i, "90")]})
    assert response.status_code == 400 and "Revisi Renstra" in response.json()["kesalahan"][0]["pesan"]
    assert post(perencana, P + "simpan/", {"perubahan": [sel("nama", i, "Baru")]}).status_code == 400
    assert post(perencana, P + "tambah-indikator/", {"data": {"nama": "Baru"}}).status_code == 400
    assert post(perencana, P + "simpan/", {"perubahan": [sel("realisasi-1", i, "95")]}).status_code == 200
    assert 'id="tambah-indikator"' not in perencana.get(P).content.decode()


# --------------------------------------------------------------------------- adding and removing a row


def test_tambah_indikator_di_akhir_kelompoknya(perencana, bappeda):
    data = {"nama": "Indeks Kepuasan Layanan", "nomor": "1.8", "kelompok_nomor": "1"}
    data |= {"kelompok": "Perencanaan Pembangunan", "satuan": "indeks", "tipe_nilai": "indeks"}
    assert post(perencana, P + "tambah-indikator/", {"data": data}).status_code == 200
    nomor = list(
        IndikatorPelayanan.objects.filter(renstra=bappeda.renstra).order_by("urutan").values_list("nomor", flat=True)
    )
    assert nomor == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "4.1", "4.2"]
    baru = ind("1.8")
    assert baru.history.first().history_user.username == "perencana.bappeda"
    assert post(perencana, P + "simpan/", {"perubahan": [sel("target0", baru, "3,5")]}).status_code == 200
    tabel = kinerja_pelayanan(bappeda)
    judul = [b.sel[1].nilai for b in tabel.baris if b.jenis == "judul"]
    assert judul == ["Perencanaan Pembangunan", "Penelitian dan Pembangunan"]  # still two headings
    assert baris_cetak(bappeda, "1.8")[1] == "Indeks Kepuasan Layanan (indeks)" and baris_cetak(bappeda, "1.8")[6] == D(
        "3.5"
    )


def test_tambah_tanpa_nama_atau_tipe_salah_ditolak(perencana):
    response = post(perencana, P + "tambah-indikator/", {"data": {"nama": " ", "tipe_nilai": "jam"}})
    pesan = [k["pesan"] for k in response.json()["kesalahan"]]
    assert response.status_code == 400 and pesan[0] == "Nama indikator wajib diisi." and "'jam'" in pesan[1]


def test_hapus_indikator_dengan_nilainya(perencana, bappeda):
    baru = IndikatorPelayanan.objects.create(renstra=bappeda.renstra, urutan=50, nama="Sementara")
    NilaiPelayanan.objects.create(indikator=baru, jenis="target", tahun=2022, nilai=D(1))
    response = post(perencana, P + "hapus-indikator/", {"id": baru.pk, "versi": baru.versi})
    assert response.status_code == 200
    assert not IndikatorPelayanan.objects.filter(pk=baru.pk).exists()
    assert NilaiPelayanan.history.filter(indikator_id=baru.pk, history_type="-").count() == 1


def test_hapus_ditolak_bila_ada_nilai_tahun_lain_atau_versi_lama(perencana):
    i = ind("1.5")  # holds target 2019 and realisasi 2019, printed by the Renja of other years
    response = post(perencana, P + "hapus-indikator/", {"id": i.pk, "versi": i.versi})
    assert response.status_code == 400 and "Target Renstra 2019" in response.json()["kesalahan"][0]["pesan"]
    response = post(perencana, P + "hapus-indikator/", {"id": i.pk, "versi": i.versi + 5})
    assert response.status_code == 400 and "diubah orang lain" in response.json()["kesalahan"][0]["pesan"]
    assert IndikatorPelayanan.objects.filter(pk=i.pk).exists()


def test_riwayat_mencatat_siapa_mengubah_apa(perencana):
    i = ind("1.5")
    post(perencana, P + "simpan/", {"perubahan": [sel("target0", i, "99,5"), sel("satuan", i, "persen")]})
    post(perencana, P + "simpan/", {"perubahan": [sel("proyeksi+1", i, "")]})
    html = perencana.get(P).content.decode()
    riwayat = html[html.index('id="riwayat"') :]
    for entry in (
        "1.5 Penjabaran Konsistensi Program RPJMD kedalam RKPD · Target Renstra 2022: <del>99</del> → <ins>99,5</ins>",
        "1.5 Penjabaran Konsistensi Program RPJMD kedalam RKPD · Satuan: <del>%</del> → <ins>persen</ins>",
        "1.5 Penjabaran Konsistensi Program RPJMD kedalam RKPD · Proyeksi 2023: <del>100</del> → <ins>(kosong)</ins>",
    ):
        assert entry in riwayat
    assert riwayat.index("Proyeksi 2023") < riwayat.index("Target Renstra 2022")  # newest first


def test_kunci_admin_mengikuti_jendela_tahun(bappeda):
    from renja.kunci import alasan_terkunci_semua

    i = ind("1.5")
    dalam = NilaiPelayanan.objects.get(indikator=i, jenis="target", tahun=2022)
    luar = NilaiPelayanan.objects.get(indikator=i, jenis="target", tahun=2019)  # no Renja of this Renstra shows it
    assert alasan_terkunci_semua([i, dalam, luar]) == [None, None, None]
    Renja.objects.filter(pk=bappeda.pk).update(status="diverifikasi")
    alasan = alasan_terkunci_semua([i, dalam, luar])
    assert "hanya dapat diubah melalui alur kerja" in alasan[0] and alasan[0] == alasan[1] and alasan[2] is None


def test_renstra_tanpa_indikator_mulai_dari_kosong(db):
    client = masuk("perencana.kominfo")
    url = "/renja/DISKOMINFO/2022/kinerja-pelayanan/"
    assert 'id="kosong"' in client.get(url).content.decode()
    data = {"nama": "Indeks Kepuasan Masyarakat", "nomor": "1", "tipe_nilai": "kategori"}
    assert post(client, url + "tambah-indikator/", {"data": data}).status_code == 200
    baru = IndikatorPelayanan.objects.get(renstra__opd__singkatan="DISKOMINFO")
    response = post(client, url + "simpan/", {"perubahan": [sel("target0", baru, "Baik")]})
    assert response.status_code == 200
    assert NilaiPelayanan.objects.get(indikator=baru, jenis="target", tahun=2022).nilai_teks == "Baik"
    assert 'id="kosong"' not in client.get(url).content.decode()
