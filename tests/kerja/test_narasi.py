"""The narrative page: who may read and write, a section at a time, at the version seen, only
while the Renja is open; preview before saving; history; the document shows what was saved."""

import re

import pytest
from django.contrib.auth import get_user_model

from renja.models import BagianNarasi, Renja
from tests.pembantu import masuk

URL = "/renja/BAPPEDA/2022/narasi/"
Kunci = BagianNarasi.Kunci
DAFTAR = "Dasar penyusunan:\n\n1. Undang-Undang;\n   a. pasal satu;\n   b. pasal **dua**.\n2. Peraturan Daerah."


def _nama(username):
    user = get_user_model().objects.get(username=username)
    return user.get_full_name() or user.username


def _simpan(client, kunci, isi, versi, aksi="simpan"):
    return client.post(URL, {"kunci": kunci, "isi": isi, "versi": versi, "aksi": aksi})


@pytest.mark.django_db
def test_halaman_per_bab_dengan_tabel_dan_kalimat_otomatis(django_assert_max_num_queries):
    client = masuk("perencana.bappeda")
    with django_assert_max_num_queries(40):  # the document's own 34 and the sections' history
        response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    # every section has its form, the Kata Pengantar first, the bab in order
    kunci = re.findall(r'name="kunci" value="([^"]+)"', html)
    assert kunci == list(Kunci.values)
    judul = re.findall(r'<h2 id="judul-[^"]+">([^<]+)</h2>', html)
    assert judul[0] == "Kata Pengantar" and [j.split()[1] for j in judul[1:]] == ["I", "II", "III", "IV", "V"]
    # a section with tables links to their pages and shows the app's sentences as generated
    bagian = html[html.index('id="bagian-bab2_evaluasi_lalu"') : html.index('id="bagian-bab2_kinerja_pelayanan"')]
    assert 'href="/renja/BAPPEDA/2022/tabel/evaluasi-renja-lalu/"' in bagian and "Tabel 2.1" in bagian
    assert "Disusun otomatis oleh aplikasi" in bagian and "merekapitulasi" in bagian
    bagian = html[html.index('id="bagian-bab3_program_kegiatan"') : html.index('id="bab-IV"')]
    assert "tabel/rumusan-rencana/" in bagian and "tabel/definisi-operasional/" in bagian
    # a section of the demo shows its text in the form and who changed it last
    assert "Terakhir diubah oleh" in html or "Belum pernah diisi." in html
    assert 'id="isi-bab1_latar_belakang"' in html and "Renja Perangkat Daerah (Renja PD)" in html


@pytest.mark.django_db
def test_simpan_pratinjau_riwayat_dan_dokumen(bappeda):
    client = masuk("perencana.bappeda")
    # preview: rendered by the document's function, nothing saved, the text stays in the form
    response = _simpan(client, Kunci.PENDAPATAN, DAFTAR, 0, aksi="pratinjau")
    html = response.content.decode()
    assert response.status_code == 200 and "Pratinjau (belum disimpan)" in html
    assert '<ol type="a">' in html and "<strong>dua</strong>" in html
    assert not BagianNarasi.objects.filter(renja=bappeda, kunci=Kunci.PENDAPATAN).exists()
    # save: a new section at version 1, with its author in the history
    response = _simpan(client, Kunci.PENDAPATAN, DAFTAR, 0)
    assert response.status_code == 302 and response["Location"] == URL + "#bagian-bab4_pendapatan"
    bagian = BagianNarasi.objects.get(renja=bappeda, kunci=Kunci.PENDAPATAN)
    assert bagian.isi == DAFTAR and bagian.versi == 1
    assert bagian.history.first().history_user.username == "perencana.bappeda"
    html = client.get(URL).content.decode()
    assert "Narasi 4.1 Rencana Perkiraan Pendapatan tersimpan." in html
    assert f"Terakhir diubah oleh {_nama('perencana.bappeda')} pada" in html
    # a second save at the version seen raises it
    assert _simpan(client, Kunci.PENDAPATAN, "Isi baru.", 1).status_code == 302
    bagian.refresh_from_db()
    assert (bagian.isi, bagian.versi, bagian.history.count()) == ("Isi baru.", 2, 2)
    # the document prints it through the same function, the Kata Pengantar before the Daftar Isi
    _simpan(
        client, Kunci.LANDASAN_HUKUM, DAFTAR, BagianNarasi.objects.get(renja=bappeda, kunci=Kunci.LANDASAN_HUKUM).versi
    )
    dokumen = client.get("/renja/BAPPEDA/2022/dokumen/").content.decode()
    assert dokumen.index("KATA PENGANTAR") < dokumen.index("DAFTAR ISI")
    landasan = dokumen[dokumen.index('id="sub-1-2"') : dokumen.index('id="sub-1-3"')]
    assert '<div class="narasi"><p>Dasar penyusunan:</p>\n<ol>\n<li>Undang-Undang;\n<ol type="a">' in landasan


@pytest.mark.django_db
def test_konflik_menyebut_siapa_dan_tidak_menimpa(bappeda):
    latar = BagianNarasi.objects.get(renja=bappeda, kunci=Kunci.LATAR_BELAKANG)
    seen = latar.versi
    assert _simpan(masuk("admin"), Kunci.LATAR_BELAKANG, "Versi admin.", seen).status_code == 302
    response = _simpan(masuk("perencana.bappeda"), Kunci.LATAR_BELAKANG, "Versi perencana.", seen)
    html = response.content.decode()
    assert response.status_code == 409
    assert f"sudah diubah oleh {_nama('admin')} pada" in html and "Teks Anda belum disimpan" in html
    assert "Versi perencana." in html  # kept in the form
    assert "Isi yang tersimpan sekarang" in html and "<p>Versi admin.</p>" in html
    latar.refresh_from_db()
    assert (latar.isi, latar.versi) == ("Versi admin.", seen + 1)
    # the form now carries the version the planner has seen: saving again is a decision
    assert f'name="versi" value="{seen + 1}"' in html
    assert _simpan(masuk("perencana.bappeda"), Kunci.LATAR_BELAKANG, "Versi perencana.", seen + 1).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(("username", "code"), [("reviewer", 403), ("perencana.kominfo", 404)])
def test_yang_bukan_perencana_opd_tidak_dapat_menulis(bappeda, username, code):
    before = list(BagianNarasi.objects.filter(renja=bappeda).values_list("kunci", "isi", "versi"))
    for aksi in ("simpan", "pratinjau"):
        assert _simpan(masuk(username), Kunci.PENDAPATAN, "Diubah.", 0, aksi).status_code == code
        assert _simpan(masuk(username), Kunci.LATAR_BELAKANG, "Diubah.", 1, aksi).status_code == code
    assert list(BagianNarasi.objects.filter(renja=bappeda).values_list("kunci", "isi", "versi")) == before


@pytest.mark.django_db
def test_bappeda_membaca_tanpa_formulir():
    response = masuk("reviewer").get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and "<textarea" not in html and 'name="kunci"' not in html
    assert "hanya perencana" in html and "Renja Perangkat Daerah (Renja PD)" in html
    assert masuk("perencana.kominfo").get(URL).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Renja.Status.DIAJUKAN, Renja.Status.DITETAPKAN])
def test_renja_tidak_terbuka_ditolak(bappeda, status):
    Renja.objects.filter(pk=bappeda.pk).update(status=status)
    latar = BagianNarasi.objects.get(renja=bappeda, kunci=Kunci.LATAR_BELAKANG)
    client = masuk("perencana.bappeda")
    html = client.get(URL).content.decode()
    assert "<textarea" not in html and "hanya dapat diubah melalui alur kerja" in html
    response = _simpan(client, Kunci.LATAR_BELAKANG, "Diubah.", latar.versi)
    assert response.status_code == 400 and "tidak dapat diubah" in response.content.decode()
    assert _simpan(client, Kunci.PENDAPATAN, "Baru.", 0).status_code == 400
    latar.refresh_from_db()
    assert latar.isi != "Diubah." and not BagianNarasi.objects.filter(renja=bappeda, kunci=Kunci.PENDAPATAN).exists()


@pytest.mark.django_db
def test_masukan_salah(bappeda):
    client = masuk("perencana.bappeda")
    response = _simpan(client, "bab9_tidak_ada", "x", 0)
    assert (
        response.status_code == 400
        and "Bagian narasi &#x27;bab9_tidak_ada&#x27; tidak dikenal." in response.content.decode()
    )
    response = _simpan(client, Kunci.PENDAPATAN, "x" * 20001, 0)
    assert (
        response.status_code == 400
        and "Bagian 4.1 Rencana Perkiraan Pendapatan: teks 20001 karakter, melebihi batas 20000"
        in response.content.decode()
    )
    response = _simpan(client, Kunci.PENDAPATAN, "Pendapatan\x00 retribusi\x07", 0)  # pasted from a binary file
    assert (
        response.status_code == 400
        and "teks memuat karakter kendali (kode 0, kode 7); hapus karakter itu." in response.content.decode()
    )
    response = _simpan(client, Kunci.PENDAPATAN, "x", "bukan angka")
    assert response.status_code == 409  # a version never given is never the one saved
    assert not BagianNarasi.objects.filter(renja=bappeda, kunci=Kunci.PENDAPATAN).exists()


@pytest.mark.django_db
def test_tautan_di_halaman_renja():
    html = masuk("perencana.bappeda").get("/renja/BAPPEDA/2022/").content.decode()
    menyusun = html[html.index('<ul id="menyusun">') :].split("</ul>", 1)[0]
    assert 'href="/renja/BAPPEDA/2022/narasi/"' in menyusun


@pytest.mark.django_db
def test_ubahan_admin_juga_versi_baru(bappeda):
    """A change in the admin raises the version, so a text written on the version before is refused."""
    latar = BagianNarasi.objects.get(renja=bappeda, kunci=Kunci.LATAR_BELAKANG)
    seen = latar.versi
    response = masuk("admin").post(
        f"/admin/renja/bagiannarasi/{latar.pk}/change/",
        {"renja": bappeda.pk, "kunci": latar.kunci, "isi": "Diubah di admin."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latar.refresh_from_db()
    assert (latar.isi, latar.versi) == ("Diubah di admin.", seen + 1)
    assert _simpan(masuk("perencana.bappeda"), Kunci.LATAR_BELAKANG, "Versi lama.", seen).status_code == 409
