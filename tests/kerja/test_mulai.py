"""Starting the first Renstra and Renja of a new OPD (renja.tahun_baru.mulai_renja_pertama) and
its page /renja/<opd>/mulai/, linked from the home page and the onboarding page."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from renja.galat import SimpanGagal
from renja.models import Keanggotaan, PerangkatDaerah, Renja, Renstra
from renja.tahun_baru import mulai_renja_pertama
from tests.pembantu import masuk

User = get_user_model()
URL = "/renja/DISDIK/mulai/"


@pytest.fixture
def disdik(db):
    """A new OPD of the demo Pemda, with no Renstra and no Renja, and its planner."""
    pemda = PerangkatDaerah.objects.get(singkatan="BAPPEDA").pemda
    opd = PerangkatDaerah.objects.create(
        pemda=pemda, kode="1.01.0.00.0.00.01.0000", nama="Dinas Pendidikan", singkatan="DISDIK", kepala_nama="Drs. Ani"
    )
    user = User.objects.create_user("perencana.disdik", password="sandi-uji-disdik-2025")
    Keanggotaan.objects.create(user=user, pemda=pemda, opd=opd, peran=Keanggotaan.Peran.PERENCANA)
    return opd


def perencana():
    return User.objects.get(username="perencana.disdik")


def test_mulai_membuat_renstra_draf_dan_renja_kosong(disdik):
    renja = mulai_renja_pertama(disdik, perencana(), 2025, 2029, 2026)
    renstra = Renstra.objects.get(opd=disdik)
    assert (renstra.tahun_awal, renstra.tahun_akhir, renstra.status) == (2025, 2029, "draf")
    assert (renja.tahun, renja.status, renja.renstra_id, renja.kepala_nama) == (2026, "draf", renstra.pk, "Drs. Ani")
    assert renja.sub_kegiatan.count() == 0
    for obj in (renstra, renja):
        record = obj.history.get()
        assert record.history_user == perencana() and "Mulai Renstra 2025–2029" in record.history_change_reason


@pytest.mark.parametrize(
    ("periode", "pesan"),
    [
        (
            (2025, 2026, 2026),
            "Periode Renstra 2025–2026 (2 tahun) harus 3 sampai 6 tahun (lazimnya 5 tahun, misalnya 2025–2029).",
        ),
        (
            (2025, 2031, 2026),
            "Periode Renstra 2025–2031 (7 tahun) harus 3 sampai 6 tahun (lazimnya 5 tahun, misalnya 2025–2029).",
        ),
        ((2025, 2029, 2030), "Tahun Renja 2030 harus berada dalam periode Renstra 2025–2029."),
    ],
)
def test_periode_salah_ditolak_tanpa_menulis(disdik, periode, pesan):
    with pytest.raises(SimpanGagal) as error:
        mulai_renja_pertama(disdik, perencana(), *periode)
    assert error.value.pesan == [pesan]
    assert not Renstra.objects.filter(opd=disdik).exists() and not Renja.objects.filter(opd=disdik).exists()


def test_opd_yang_sudah_punya_renstra_dan_renja_ditolak(bappeda):
    renstra = bappeda.renstra
    user = User.objects.get(username="perencana.bappeda")
    periode = (renstra.tahun_awal, renstra.tahun_awal + 4, bappeda.tahun)
    with pytest.raises(SimpanGagal) as error:
        mulai_renja_pertama(bappeda.opd, user, *periode)
    assert error.value.pesan == [
        f"BAPPEDA sudah mempunyai Renstra {renstra.tahun_awal}–{renstra.tahun_akhir} yang beririsan dengan periode "
        f"{renstra.tahun_awal}–{renstra.tahun_awal + 4}; Renja tahun berikutnya dimulai dari Beranda.",
        "Renja BAPPEDA 2022 sudah ada; tidak ada yang ditimpa.",
    ]
    assert Renstra.objects.filter(opd=bappeda.opd).count() == 1


@pytest.mark.parametrize("username", ["perencana.bappeda", "reviewer"])
def test_hanya_perencana_opd_atau_admin(disdik, username):
    with pytest.raises(PermissionDenied):
        mulai_renja_pertama(disdik, User.objects.get(username=username), 2025, 2029, 2026)
    assert not Renstra.objects.filter(opd=disdik).exists()


def test_halaman_perencana_mulai_dari_beranda(client, disdik, django_assert_max_num_queries):
    client.force_login(perencana())
    with django_assert_max_num_queries(8):
        home = client.get("/").content.decode()
    assert "Dinas Pendidikan (DISDIK) belum mempunyai Renstra dan Renja." in home and f'href="{URL}"' in home
    with django_assert_max_num_queries(6):
        page = client.get(URL + "?tahun=2026").content.decode()
    assert 'value="2026"' in page and 'value="2030"' in page and '<a href="/">Beranda</a>' in page
    assert not Renstra.objects.filter(opd=disdik).exists()  # a GET changes nothing
    response = client.post(URL, {"tahun_awal": 2026, "tahun_akhir": 2030, "tahun": 2026}, follow=True)
    assert response.redirect_chain[-1][0] == "/renja/DISDIK/2026/"
    assert "Renstra DISDIK 2026–2030 (draf) dan Renja DISDIK 2026 yang masih kosong telah dibuat" in (
        response.content.decode()
    )
    assert "belum mempunyai Renstra" not in client.get("/").content.decode()
    again = client.post(URL, {"tahun_awal": 2026, "tahun_akhir": 2030, "tahun": 2026}).content.decode()
    assert "Belum dapat dimulai" in again and "Renja DISDIK 2026 sudah ada; tidak ada yang ditimpa." in again


def test_halaman_isian_salah(client, disdik):
    client.force_login(perencana())
    page = client.post(URL, {"tahun_awal": "dua ribu", "tahun_akhir": 2030, "tahun": 2026}).content.decode()
    assert "Tahun awal Renstra: &#x27;dua ribu&#x27; bukan tahun antara 2000 dan 2100." in page
    assert not Renstra.objects.filter(opd=disdik).exists()


@pytest.mark.parametrize(("username", "code"), [("perencana.bappeda", 404), ("reviewer", 403)])
def test_halaman_ditolak(disdik, username, code):
    """A planner of another OPD does not see DISDIK at all; a reviewer sees it but may not start it."""
    client = masuk(username)
    assert client.get(URL).status_code == code
    assert client.post(URL, {"tahun_awal": 2026, "tahun_akhir": 2030, "tahun": 2026}).status_code == code
    assert not Renstra.objects.filter(opd=disdik).exists()


def test_admin_pemda_dari_persiapan(client, disdik):
    admin = User.objects.create_user("admin.serang", password="sandi-uji-admin-2025")
    Keanggotaan.objects.create(user=admin, pemda=disdik.pemda, peran=Keanggotaan.Peran.ADMIN)
    client.force_login(admin)
    page = client.get("/persiapan/?tahun=2026").content.decode()
    assert page.count(f'href="{URL}?tahun=2026">Mulai Renstra dan Renja</a>') == 1  # the Renja row: by hand
    assert (
        f'href="/impor/?jenis=renstra&amp;opd={disdik.pk}">Impor Renstra</a>' in page
    )  # the Renstra row: from its file
    response = client.post(URL, {"tahun_awal": 2026, "tahun_akhir": 2030, "tahun": 2026})
    assert response.status_code == 302
    assert Renja.objects.get(opd=disdik).history.get().history_user == admin
