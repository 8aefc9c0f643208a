"""The commands of setting up a Pemda: muat_nomenklatur (provinsi too), buat_pemda, impor (exit
status, one line per problem), impor_realisasi as its alias; and the whole way from an empty Pemda
to a planner at work through commands alone."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from renja.models import Impor, Keanggotaan, Nomenklatur, NomenklaturVersi, Pemda, PerangkatDaerah
from renja.nomenklatur import VERSI_PROVINSI
from tests.onboarding.conftest import BAPPEDA, JUDUL, KEPALA_OPD, KOMINFO, MERGE_OPD
from tests.pembantu import xlsx


def jalankan(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def tulis(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_master_provinsi_dimuat_sebagai_versinya_sendiri(db):
    with pytest.raises(CommandError, match="muat_nomenklatur --jenis provinsi"):
        call_command("buat_pemda", "--kode", "36", "--nama", "Pemerintah Provinsi Banten", "--jenis", "provinsi")
    assert "7992 baris baru" in jalankan("muat_nomenklatur", "--jenis", "provinsi")
    versi = NomenklaturVersi.objects.get(kode=VERSI_PROVINSI["kode"])
    counts = {level: versi.nomenklatur.filter(level=level).count() for level, _ in Nomenklatur.Level.choices}
    assert counts == {"urusan": 9, "bidang_urusan": 52, "program": 256, "kegiatan": 1046, "sub_kegiatan": 6629}
    assert versi.nomenklatur.get(kode="1.01.01.1.01").induk.kode == "1.01.01"  # provinsi kegiatan: jenis pemda 1
    assert "0 baris baru" in jalankan("muat_nomenklatur", "--jenis", "provinsi")
    assert "dibuat dengan nomenklatur " + versi.kode in jalankan(
        "buat_pemda", "--kode", "36", "--nama", "Pemerintah Provinsi Banten", "--jenis", "provinsi"
    )
    assert Pemda.objects.get(kode="36").nomenklatur_versi == versi


def test_buat_pemda_menolak_dengan_jelas(db):
    with pytest.raises(CommandError, match="tidak cocok dengan jenis kota"):
        call_command("buat_pemda", "--kode", "36", "--nama", "X", "--jenis", "kota")
    with pytest.raises(CommandError, match="sudah ada sebagai 'Pemerintah Kota Serang'"):
        call_command("buat_pemda", "--kode", "36.73", "--nama", "Kota Lain", "--jenis", "kota")
    assert "sudah ada; tidak ada yang diubah" in jalankan(
        "buat_pemda", "--kode", "36.73", "--nama", "Pemerintah Kota Serang", "--jenis", "kota"
    )


def test_impor_uji_kering_mencetak_setiap_masalah_dan_keluar_0(pemda, admin_contoh, tmp_path):
    bad = [*KOMINFO[:4], "2.99", None]
    path = tulis(tmp_path, "opd.xlsx", xlsx([*JUDUL, *KEPALA_OPD, BAPPEDA, bad], merge=MERGE_OPD))
    out = jalankan("impor", "opd", path, "--pemda", "99.01")
    lines = out.splitlines()
    assert lines[0] == (
        "baris 8, kolom Bidang Urusan, nilai '2.99': bidang urusan 2.99 tidak ada pada nomenklatur "
        + pemda.nomenklatur_versi.kode
    )
    assert lines[-1] == "Uji kering: 1 baru, 0 berubah, 0 sama, 0 kosong, 1 galat. Tidak ada yang disimpan."
    with pytest.raises(CommandError, match="1 masalah; perbaiki berkas") as error:
        jalankan("impor", "opd", path, "--pemda", "99.01", "--terapkan", "--oleh", "admin.contoh")
    assert error.value.returncode == 1 and not PerangkatDaerah.objects.filter(pemda=pemda).exists()


@pytest.mark.parametrize(
    "args, pesan",
    [
        (["renstra", "x.xlsx"], "isi --opd"),  # every kind of the onboarding issue is available
        (["sipd", "x.json"], "isi --opd"),
        (["apa", "x.xlsx"], "Jenis impor 'apa' tidak dikenal"),
        (["opd", "x.xlsx", "--kosongkan-galat"], "--kosongkan-galat tidak berlaku untuk 'opd'"),
        (["opd", "x.xlsx"], "isi --pemda"),
        (["opd", "tidak-ada.xlsx", "--pemda", "99.01"], "tidak-ada.xlsx tidak ada"),
        (["kinerja", "x.xlsx"], "isi --opd"),
        (["opd", "rusak.xlsx", "--pemda", "99.01"], "rusak dan tidak dapat dibaca"),
        (["opd", "rusak.xlsx", "--pemda", "99.01", "--terapkan"], "--oleh"),
    ],
)
def test_impor_ditolak_seluruhnya_keluar_bukan_0(pemda, tmp_path, monkeypatch, args, pesan):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.xlsx").write_bytes(b"")
    (tmp_path / "rusak.xlsx").write_bytes(b"PK\x03\x04rusak")
    with pytest.raises(CommandError, match=pesan):
        call_command("impor", *args)


def test_impor_realisasi_tetap_sebagai_alias(pemda, tmp_path):
    with pytest.raises(
        CommandError, match="Jenis impor 'opd' tidak dikenal. Pilih salah satu: kinerja, anggaran, ranwal"
    ):
        call_command("impor_realisasi", "opd", "x.xlsx")
    path = tulis(tmp_path, "r.csv", b"Kode;Realisasi\n9.99.99;1\n")
    with pytest.raises(CommandError, match="1 masalah"):  # as before: a dry run with problems exits non-zero
        call_command("impor_realisasi", "kinerja", path, "--opd", "BAPPEDA", stdout=io.StringIO())
    out = jalankan("impor", "kinerja", path, "--opd", "BAPPEDA")  # the new command exits 0
    assert out.startswith("baris 2, kolom Kode, nilai '9.99.99': kode 9.99.99 tidak ada")


def test_dari_pemda_kosong_sampai_perencana_bekerja(db, tmp_path, monkeypatch):
    """buat_pemda, impor opd, impor pengguna through commands only; the planner signs in with the
    printed one-time password, must change it, then reaches the home page."""
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Sandi-Operator-2025!")
    call_command("createsuperuser", "--noinput", "--username", "operator", "--email", "op@contoh.go.id")
    jalankan("buat_pemda", "--kode", "99.02", "--nama", "Pemerintah Kabupaten Uji", "--jenis", "kabupaten")
    opd = tulis(tmp_path, "opd.xlsx", xlsx([*JUDUL, *KEPALA_OPD, BAPPEDA, KOMINFO], merge=MERGE_OPD))
    assert "Impor #" in jalankan("impor", "opd", opd, "--pemda", "99.02", "--terapkan", "--oleh", "operator")
    users = tulis(
        tmp_path,
        "pengguna.xlsx",
        xlsx(
            [
                ["Nama Pengguna", "Nama", "NIP", "Email", "Peran", "OPD"],
                ["admin.uji", "Admin Uji", None, "admin@uji.go.id", "Admin", None],
                ["perencana.uji", "Perencana Uji", "198501012010011001", None, "perencana", "BAPPEDA"],
            ]
        ),
    )
    out = jalankan("impor", "pengguna", users, "--pemda", "99.02", "--terapkan", "--oleh", "operator")
    sandi = dict(re.findall(r"^kata sandi sekali pakai (\S+) \(.*\): (\S+)$", out, re.MULTILINE))
    assert set(sandi) == {"admin.uji", "perencana.uji"}
    assert Impor.objects.filter(pemda__kode="99.02").count() == 2
    assert Keanggotaan.objects.get(user__username="perencana.uji").opd.singkatan == "bappeda"
    client = Client()
    assert client.post("/masuk/", {"username": "perencana.uji", "password": sandi["perencana.uji"]}).status_code == 302
    assert client.get("/")["Location"] == "/ganti-sandi/"
    new = "Kopi-Hangat-Pagi-77"
    response = client.post(
        "/ganti-sandi/", {"old_password": sandi["perencana.uji"], "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200 and "Perencana Uji" in home.content.decode()
    assert get_user_model().objects.get(username="perencana.uji").check_password(new)
