"""The menu per role, the breadcrumbs, the Indonesian error pages (with DEBUG off, as in
production) and the confirmation pages of the actions that create or lock a whole Renja."""

import re

import pytest
from django.test import Client, override_settings

from renja.models import Renja
from tests.pembantu import masuk
from tests.pengajuan import siapkan_pengajuan

MENU = {
    "perencana.bappeda": ["Beranda", "Ruang kerja"],
    "perencana.kominfo": ["Beranda", "Ruang kerja"],
    "reviewer": ["Beranda", "Review tahunan"],
    "admin": ["Beranda", "Review tahunan", "Impor", "Admin"],
}


def _menu(html):
    nav = re.search(r'<nav class="menu" aria-label="Menu utama">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def _remah(html):
    nav = re.search(r'<nav class="remah" aria-label="Remah roti">(.*?)</nav>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r"<li[^>]*>(.*?)</li>", nav, re.S)]


@pytest.mark.django_db
@pytest.mark.parametrize("username", sorted(MENU))
def test_menu_per_peran(username, django_assert_max_num_queries):
    client = masuk(username)
    with django_assert_max_num_queries(12):
        html = client.get("/").content.decode()
    menu = _menu(html)
    assert [label for _, label in menu] == MENU[username]
    links = dict((label, url) for url, label in menu)
    assert 'href="#isi"' in html and 'id="isi"' in html  # the skip link and its target
    assert 'aria-current="page">Beranda' in html
    if username == "perencana.kominfo":
        assert links["Ruang kerja"] == "/renja/DISKOMINFO/2022/ruang-kerja/"
    for label, url in links.items():  # every entry opens for its user
        assert client.get(url).status_code == 200, (username, label)


def test_anonim_tanpa_menu(client, db):
    html = client.get("/masuk/").content.decode()
    assert 'class="menu"' not in html and _remah(html) == ["Beranda", "Masuk"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "url", "remah"),
    [
        ("perencana.bappeda", "/renja/BAPPEDA/2022/", ["Beranda", "Renja BAPPEDA 2022"]),
        ("perencana.bappeda", "/renja/BAPPEDA/2022/dokumen/", ["Beranda", "Renja BAPPEDA 2022", "Dokumen Bab I–V"]),
        ("perencana.bappeda", "/renja/BAPPEDA/2022/ruang-kerja/", ["Beranda", "Renja BAPPEDA 2022", "Ruang kerja"]),
        ("reviewer", "/renja/BAPPEDA/2022/narasi/", ["Beranda", "Renja BAPPEDA 2022", "Narasi"]),
        (
            "perencana.bappeda",
            "/renja/BAPPEDA/2022/tabel-isian/rencana-pendapatan/",
            ["Beranda", "Renja BAPPEDA 2022", "Tabel 4.1 Rencana Pendapatan"],
        ),
        (
            "perencana.bappeda",
            "/renja/BAPPEDA/2022/ruang-kerja/ajukan/",
            ["Beranda", "Renja BAPPEDA 2022", "Konfirmasi"],
        ),
        ("perencana.bappeda", "/renja/BAPPEDA/2022/renstra/", ["Beranda", "Renja BAPPEDA 2022", "Renstra"]),
        ("reviewer", "/review/2022/", ["Beranda", "Review tahunan 2022"]),
        ("admin", "/impor/", ["Beranda", "Impor"]),
        ("perencana.bappeda", "/renja/BAPPEDA/mulai/", ["Beranda", "Mulai Renstra dan Renja BAPPEDA"]),
        (
            "perencana.bappeda",
            "/renja/BAPPEDA/2022/identitas/",
            ["Beranda", "Renja BAPPEDA 2022", "Identitas dokumen"],
        ),
    ],
)
def test_remah_roti(username, url, remah):
    html = masuk(username).get(url).content.decode()
    assert _remah(html) == remah
    assert html.count('aria-current="page"') >= 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "awal"),
    [
        ("/renja/BAPPEDA/2022/tabel/rumusan-rencana/", "Rumusan Rencana"),
        ("/renja/BAPPEDA/2022/evaluasi/tw1/", "Evaluasi"),
    ],
)
def test_remah_tabel_dan_evaluasi(url, awal):
    remah = _remah(masuk("reviewer").get(url).content.decode())
    assert remah[:2] == ["Beranda", "Renja BAPPEDA 2022"] and remah[2].startswith(awal)


@pytest.mark.django_db
def test_remah_logo_pemda():
    pemda = Renja.objects.get(opd__singkatan="BAPPEDA", tahun=2022).opd.pemda_id
    html = masuk("admin").get(f"/persiapan/pemda/{pemda}/").content.decode()
    assert _remah(html) == ["Beranda", "Persiapan Pemda", "Logo dan Bappeda"]


# --- error pages (DEBUG off) ------------------------------------------------------------------


@override_settings(DEBUG=False)
def test_403_impor_untuk_perencana(db):
    response = masuk("perencana.bappeda").get("/impor/")
    html = response.content.decode()
    assert response.status_code == 403 and response["Content-Type"].startswith("text/html")
    assert "<h1>Akses ditolak</h1>" in html and "Halaman impor hanya untuk admin" in html
    assert 'href="/">Kembali ke Beranda</a>' in html and "Forbidden" not in html
    assert [label for _, label in _menu(html)] == ["Beranda", "Ruang kerja"]


@override_settings(DEBUG=False)
def test_403_lain_menyebut_alasannya(db):
    response = masuk("reviewer").get("/renja/BAPPEDA/2022/ruang-kerja/ajukan/")
    html = response.content.decode()
    assert response.status_code == 403 and "Anda tidak berhak mengubah Renja ini." in html
    assert "Halaman impor" not in html


@override_settings(DEBUG=False)
@pytest.mark.parametrize("url", ["/tidak-ada/", "/renja/BAPPEDA/2022/", "/renja/BAPPEDA/2022/tabel/tidak-ada/"])
def test_404_indonesia(db, url):
    response = masuk("perencana.kominfo").get(url)
    html = response.content.decode()
    assert response.status_code == 404 and "<h1>Halaman tidak ditemukan</h1>" in html
    assert 'href="/">Kembali ke Beranda</a>' in html and "Not Found" not in html


@override_settings(DEBUG=False)
def test_404_anonim_dengan_tautan_masuk(client, db):
    html = client.get("/tidak-ada/").content.decode()
    assert "Halaman tidak ditemukan" in html and 'href="/masuk/">Masuk</a>' in html


@override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"])
def test_400_indonesia(db):
    response = Client(raise_request_exception=False).get(
        "/masuk/", HTTP_HOST="bukan-host-ini.example"
    )  # DisallowedHost → 400
    html = response.content.decode()
    assert response.status_code == 400 and "<h1>Permintaan tidak sah</h1>" in html and "Bad Request" not in html
    assert 'href="/">Kembali ke Beranda</a>' in html


@override_settings(DEBUG=False, ROOT_URLCONF="tests.urls_galat")
def test_500_indonesia_tanpa_basis_data(db, django_assert_num_queries):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/rusak/")
    html = response.content.decode()
    assert response.status_code == 500 and "Terjadi kesalahan pada server" in html
    assert 'href="/">Kembali ke Beranda</a>' in html and "Server Error" not in html


@override_settings(DEBUG=False)
def test_json_tetap_json(db):
    client = masuk("perencana.kominfo")
    response = client.get("/renja/BAPPEDA/2022/ruang-kerja/temuan/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert "tidak ditemukan" in response.json()["kesalahan"][0]["pesan"]
    response = masuk("reviewer").post(
        "/renja/BAPPEDA/2022/ruang-kerja/simpan/", '{"perubahan": []}', content_type="application/json"
    )
    assert response.status_code == 403 and response["Content-Type"] == "application/json"


# --- confirmations ----------------------------------------------------------------------------


def test_konfirmasi_ajukan_menyebut_akibat_dan_tidak_mengubah(bappeda):
    client = masuk("perencana.bappeda")
    html = client.get("/renja/BAPPEDA/2022/ruang-kerja/ajukan/").content.decode()
    # the demo still has the checker's errors: they are listed, and there is no button
    assert "Ajukan ke Bappeda: Renja BAPPEDA 2022?" in html and "Belum dapat diajukan:" in html
    assert 'id="konfirmasi"' not in html
    siapkan_pengajuan(bappeda)
    html = client.get("/renja/BAPPEDA/2022/ruang-kerja/ajukan/").content.decode()
    assert "tidak ada yang dapat mengubah isi Renja" in html and 'id="konfirmasi"' in html
    assert Renja.objects.get(pk=bappeda.pk).status == "draf"
    client.post("/renja/BAPPEDA/2022/ruang-kerja/ajukan/")
    assert Renja.objects.get(pk=bappeda.pk).status == "diajukan"


def test_konfirmasi_tetapkan(bappeda):
    siapkan_pengajuan(bappeda)
    Renja.objects.filter(pk=bappeda.pk).update(status="diverifikasi")
    client = masuk("reviewer")
    html = client.get("/renja/BAPPEDA/2022/ruang-kerja/putuskan/tetapkan/").content.decode()
    assert "dibekukan sebagai penetapan bernomor" in html and 'id="konfirmasi"' in html
    assert Renja.objects.get(pk=bappeda.pk).status == "diverifikasi" and not bappeda.penetapan.exists()
    client.post("/renja/BAPPEDA/2022/ruang-kerja/putuskan/tetapkan/")
    assert Renja.objects.get(pk=bappeda.pk).status == "ditetapkan"


def test_konfirmasi_status_salah_dan_tanpa_konfirmasi(bappeda):
    client = masuk("reviewer")
    html = client.get("/renja/BAPPEDA/2022/ruang-kerja/putuskan/tetapkan/").content.decode()
    assert "keputusan &#x27;tetapkan&#x27; tidak dapat diambil" in html and 'id="konfirmasi"' not in html
    assert client.get("/renja/BAPPEDA/2022/ruang-kerja/putuskan/verifikasi/").status_code == 405
    assert masuk("perencana.bappeda").get("/renja/BAPPEDA/2022/ruang-kerja/putuskan/tetapkan/").status_code == 403
