"""The import of a Pemda's accounts: new users with a one-time password that works until it is
changed and must be changed before anything else; existing users updated, their password kept."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import Client

from renja import impor_opd, impor_pengguna
from renja.berkas import BerkasTidakSah
from renja.models import Keanggotaan, Profil
from tests.onboarding.conftest import BAPPEDA, JUDUL, KEPALA_OPD, KOMINFO, MERGE_OPD
from tests.pembantu import xlsx

User = get_user_model()
KEPALA = ["Nama Pengguna", "Nama Lengkap", "NIP", "E-mail", "Peran", "Perangkat Daerah"]
NIP = "198501012010011001"


@pytest.fixture
def opd(pemda, admin_contoh):
    impor_opd.terapkan(pemda, admin_contoh, xlsx([*JUDUL, *KEPALA_OPD, BAPPEDA, KOMINFO], merge=MERGE_OPD), "opd.xlsx")


def berkas(*rows):
    return xlsx([["DAFTAR PENGGUNA"], KEPALA, *rows])


def test_pengguna_baru_dengan_sandi_sekali_pakai(pemda, admin_contoh, opd):
    data = berkas(
        [" perencana.bappeda.contoh ", "Siti  Aminah", NIP, "siti@contoh.go.id", "Perencana OPD", "bappeda"],
        ["reviewer.contoh", "Budi", None, None, "Reviewer Bappeda, admin", None],
    )
    hasil = impor_pengguna.periksa(pemda, data, "p.xlsx")
    assert hasil.ringkasan["baru"] == 2 and not hasil.galat
    impor = impor_pengguna.terapkan(pemda, admin_contoh, data, "p.xlsx")
    assert [(u, n) for u, n, _ in impor.sandi_sekali] == [
        ("perencana.bappeda.contoh", "Siti Aminah"),
        ("reviewer.contoh", "Budi"),
    ]
    siti = User.objects.get(username="perencana.bappeda.contoh")
    assert (siti.get_full_name(), siti.email, siti.profil.nip, siti.profil.wajib_ganti_sandi) == (
        "Siti Aminah",
        "siti@contoh.go.id",
        NIP,
        True,
    )
    assert siti.check_password(impor.sandi_sekali[0][2]) and re.fullmatch(r"[A-Za-z2-9]{14}", impor.sandi_sekali[0][2])
    assert list(Keanggotaan.objects.filter(user=siti).values_list("peran", "opd__singkatan")) == [
        ("perencana", "bappeda")
    ]
    budi = Keanggotaan.objects.filter(user__username="reviewer.contoh")
    assert sorted(budi.values_list("peran", "opd")) == [("admin", None), ("reviewer", None)]
    again = impor_pengguna.terapkan(pemda, admin_contoh, data, "p.xlsx")
    assert (again.baru, again.berubah, again.sama, again.sandi_sekali) == (0, 0, 2, [])


def test_pengguna_lama_diperbarui_sandinya_tetap(pemda, admin_contoh, opd):
    user = User.objects.create_user("Planner.Lama", password="sandi-lama-yang-panjang", email="lama@contoh.go.id")
    data = berkas(["planner.lama", "Nama Baru", None, None, "perencana", "DISKOMINFO"])
    [line] = impor_pengguna.periksa(pemda, data, "p.xlsx").baris
    assert line.status == "berubah" and line.sasaran == user
    impor = impor_pengguna.terapkan(pemda, admin_contoh, data, "p.xlsx")
    user.refresh_from_db()
    assert impor.sandi_sekali == [] and user.check_password("sandi-lama-yang-panjang")
    assert (user.get_full_name(), user.email) == ("Nama Baru", "lama@contoh.go.id")  # empty email keeps the stored one
    assert not Profil.objects.get(user=user).wajib_ganti_sandi
    # roles in this Pemda follow the file
    impor_pengguna.terapkan(
        pemda, admin_contoh, berkas(["planner.lama", "Nama Baru", None, None, "reviewer", None]), "p.xlsx"
    )
    assert list(Keanggotaan.objects.filter(user=user).values_list("peran", flat=True)) == ["reviewer"]


def test_masalah_disebut_per_baris_kolom_nilai(pemda, admin_contoh, opd):
    data = berkas(
        ["a.satu", "A", "1985 0101 2010", None, "perencana", None],
        ["b dua", "B", None, "bukan-email", "kepala", None],
        ["c.tiga", "", 198501012010011001, None, "perencana", "TIDAKADA"],
        ["A.SATU", "A lagi", None, None, "admin", None],
    )
    hasil = impor_pengguna.periksa(pemda, data, "p.xlsx")
    problems = {(b.nomor, b.kolom, b.mentah): b.pesan for b in hasil.galat}
    assert problems == {
        (3, "NIP", "1985 0101 2010"): "NIP harus 18 angka (terbaca 12 karakter)",
        (3, "OPD", None): "perencana wajib punya OPD: isi kode atau singkatan Perangkat Daerahnya",
        (4, "Nama Pengguna", "b dua"): "nama pengguna hanya boleh huruf, angka dan @ . + - _ (tanpa spasi)",
        (4, "Email", "bukan-email"): "bukan alamat email yang sah",
        (4, "Peran", "kepala"): "'kepala' bukan peran: tulis perencana, reviewer atau admin",
        (5, "Nama", None): "nama kosong",
        (5, "NIP", float(NIP)): "NIP terbaca sebagai angka (digit akhirnya dapat hilang); format sel sebagai teks",
        (
            5,
            "OPD",
            "TIDAKADA",
        ): "tidak ada Perangkat Daerah berkode atau bersingkatan 'TIDAKADA' di Pemerintah Kota Contoh",
        (6, "Nama Pengguna", "A.SATU"): "nama pengguna sudah ada pada baris 3",
    }
    with pytest.raises(BerkasTidakSah, match="9 isian bergalat"):
        impor_pengguna.terapkan(pemda, admin_contoh, data, "p.xlsx")
    assert not User.objects.filter(username__in=["a.satu", "c.tiga"]).exists()


def test_sandi_sekali_pakai_memaksa_ganti_sebelum_apa_pun(pemda, admin_contoh, opd):
    data = berkas(["baru.contoh", "Baru", None, None, "perencana", "bappeda"])
    [(username, _, sandi)] = impor_pengguna.terapkan(pemda, admin_contoh, data, "p.xlsx").sandi_sekali
    # stored as PBKDF2 with the one-time rounds, salted (never the password itself) ...
    stored = User.objects.get(username=username).password
    algorithm, rounds, salt, _ = stored.split("$")
    assert (algorithm, int(rounds), len(salt) >= 22, sandi not in stored) == ("pbkdf2_sha256", 20_000, True, True)
    client = Client()
    response = client.post("/masuk/", {"username": username, "password": sandi})
    assert response.status_code == 302
    # ... and hashed again at Django's full strength by the first log-in
    assert int(User.objects.get(username=username).password.split("$")[1]) == PBKDF2PasswordHasher.iterations
    for path in ("/", "/impor/", "/renja/bappeda/2025/", "/renja/bappeda/2025/ruang-kerja/temuan/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/ganti-sandi/", path
    page = client.get("/ganti-sandi/").content.decode()
    assert "kata sandi sekali pakai" in page
    response = client.post(
        "/ganti-sandi/",
        {"old_password": sandi, "new_password1": "Rencana-Kota-2025!", "new_password2": "Rencana-Kota-2025!"},
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200  # still signed in, and free to go anywhere
    assert not Profil.objects.get(user__username=username).wajib_ganti_sandi
    client.post("/keluar/")
    assert Client().post("/masuk/", {"username": username, "password": sandi}).status_code == 200  # refused now
    assert Client().post("/masuk/", {"username": username, "password": "Rencana-Kota-2025!"}).status_code == 302


def test_halaman_ganti_sandi_tanpa_query_tambahan(pemda, admin_contoh, django_assert_max_num_queries):
    client = Client()
    client.force_login(admin_contoh)
    client.get("/")
    with django_assert_max_num_queries(
        4
    ):  # session, user with its profil, the menu's roles; nothing for the profil check
        assert client.get("/ganti-sandi/").status_code == 200
