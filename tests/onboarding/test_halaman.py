"""The pages of setting up a Pemda: the import page for a Pemda's lists (one-time passwords shown
on the answer to the apply alone), and the onboarding page (what each OPD has and lacks)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from renja import impor_opd
from renja.models import PerangkatDaerah, UnggahanImpor
from tests.onboarding.conftest import BAPPEDA, JUDUL, KEPALA_OPD, KOMINFO, MERGE_OPD
from tests.pembantu import masuk, xlsx


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def unggah(client, pemda, data, jenis):
    return client.post(
        "/impor/", {"jenis": jenis, "pemda": pemda.pk, "berkas": SimpleUploadedFile("a.xlsx", data)}, follow=True
    )


def test_impor_pengguna_di_halaman_sandi_tampil_sekali(pemda, admin_contoh):
    client = client_of(admin_contoh)
    page = unggah(client, pemda, xlsx([*JUDUL, *KEPALA_OPD, BAPPEDA, KOMINFO], merge=MERGE_OPD), "opd").content.decode()
    assert "baru: <strong>2</strong>" in page
    client.post(f"/impor/{UnggahanImpor.objects.get().pk}/terapkan/", follow=True)
    assert PerangkatDaerah.objects.filter(pemda=pemda).count() == 2
    data = xlsx([["Nama Pengguna", "Nama", "Peran", "OPD"], ["p.satu", "Perencana Satu", "perencana", "bappeda"]])
    unggah(client, pemda, data, "pengguna")
    unggahan = UnggahanImpor.objects.get()
    response = client.post(f"/impor/{unggahan.pk}/terapkan/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "hanya ditampilkan <strong>sekali</strong>" in page and "p.satu" in page and "← Kembali ke Impor" in page
    assert client.post(f"/impor/{unggahan.pk}/terapkan/").status_code == 404  # the upload is gone: never again
    assert "p.satu" not in client.get("/impor/").content.decode()


def test_jenis_pemda_wajib_pemda_dan_pilihan_dari_tautan(pemda, admin_contoh):
    client = client_of(admin_contoh)
    response = client.post("/impor/", {"jenis": "kinerja", "berkas": SimpleUploadedFile("a.xlsx", b"x")})
    assert "Pilih Perangkat Daerah untuk jenis impor ini." in response.content.decode()
    page = client.get(f"/impor/?jenis=pengguna&pemda={pemda.pk}").content.decode()
    assert '<option value="pengguna" selected>' in page and f'<option value="{pemda.pk}" selected>' in page


def test_admin_pemda_lain_tidak_melihat_unggahan_dan_templat(pemda, admin_contoh):
    unggah(
        client_of(admin_contoh),
        pemda,
        xlsx([["Kode SKPD", "Nama", "Singkatan", "Bidang Urusan"], ["1", "A", "A", "5.01"]]),
        "opd",
    )
    unggahan = UnggahanImpor.objects.get()
    serang = PerangkatDaerah.objects.get(singkatan="BAPPEDA").pemda
    for username in ("admin", "reviewer", "perencana.bappeda"):
        client = masuk(username)
        if username == "admin":  # a superuser sees every Pemda
            assert client.get(f"/impor/{unggahan.pk}/").status_code == 200
            continue
        assert client.get(f"/impor/{unggahan.pk}/").status_code == 403
        assert client.get(f"/impor/templat-pemda/opd/{serang.pk}.xlsx").status_code == 403
    assert client_of(admin_contoh).get(f"/impor/templat-pemda/opd/{serang.pk}.xlsx").status_code == 404


def test_persiapan_hanya_admin(pemda, admin_contoh):
    for username in ("reviewer", "perencana.bappeda", "perencana.kominfo"):
        assert masuk(username).get("/persiapan/").status_code == 403
    assert Client().get("/persiapan/").status_code == 302


def test_persiapan_demo_dan_langkah_berikut(bappeda):
    page = masuk("admin").get("/persiapan/").content.decode()
    assert "Persiapan Pemda: Renja 2022" in page and "Pemerintah Kota Serang" in page
    assert "1 perencana" in page and "mencakup 2022" in page
    assert "ada realisasi s/d 2020" in page  # the demo's Tabel 2.1 history
    kominfo = PerangkatDaerah.objects.get(singkatan="DISKOMINFO")
    assert f"/impor/?jenis=ranwal&amp;opd={kominfo.pk}&amp;tahun=2022" in page  # Diskominfo has no rancangan awal


def test_persiapan_pemda_baru_dan_jumlah_query_tetap(pemda, admin_contoh, django_assert_max_num_queries):
    client = client_of(admin_contoh)
    assert "Belum ada Perangkat Daerah" in client.get("/persiapan/?tahun=2026").content.decode()

    def rows(n):
        return [[str(i), f"9.{i:02d}", f"Dinas {i}", f"D{i}", "5.01", "Sekretariat"] for i in range(n)]

    counts = {}
    for n in (2, 5):
        PerangkatDaerah.objects.filter(pemda=pemda).delete()
        impor_opd.terapkan(
            pemda,
            admin_contoh,
            xlsx([["No", "Kode SKPD", "Nama", "Singkatan", "Bidang Urusan", "Unit Kerja"], *rows(n)]),
            "a.xlsx",
        )
        with django_assert_max_num_queries(8) as captured:
            page = client.get("/persiapan/?tahun=2026").content.decode()
        counts[n] = len(captured)
        assert page.count("Impor daftar pengguna") == n + 1 and "belum ada yang mencakup 2026" in page
    assert counts[2] == counts[5]


@pytest.mark.parametrize("path", ["/persiapan/", "/impor/"])
def test_halaman_punya_jalan_kembali(db, path):
    page = masuk("admin").get(path).content.decode()
    assert '<nav class="remah" aria-label="Remah roti">' in page and '<li><a href="/">Beranda</a></li>' in page
