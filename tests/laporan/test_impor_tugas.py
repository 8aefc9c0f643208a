"""Imports as jobs: the dry run of an upload is made by a worker (laporan.tugas, jenis
"uji-impor") with the rows read as progress; the import page shows the progress while it runs
and the result when done, lists the uploads that wait, and applies in one transaction only what
the dry run the admin read said (tests/conftest.py runs jobs at once)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from evaluasi.models import RealisasiKinerja
from laporan import tugas
from laporan.models import Berkas
from renja.berkas import Kemajuan
from renja.models import Impor, Indikator, Keanggotaan, NomenklaturVersi, Pemda, UnggahanImpor
from tests.pembantu import masuk


def _indikator():
    return Indikator.objects.filter(sub_kegiatan__nomenklatur__kode="5.01.01.2.01.01", tipe_nilai="angka").first()


def _csv(rows):
    return ("ID Indikator;Tahun;Periode;Realisasi\n" + "".join(";".join(map(str, r)) + "\n" for r in rows)).encode()


def unggah(client, opd, data, nama="realisasi.csv"):
    return client.post(
        "/impor/", {"opd": opd.pk, "jenis": "kinerja", "berkas": SimpleUploadedFile(nama, data)}, follow=True
    )


@pytest.fixture
def tanpa_pekerja(monkeypatch):
    """Jobs are created and enqueued but no worker takes them (a busy or stopped worker)."""
    real = tugas.buat_berkas
    monkeypatch.setattr(tugas, "buat_berkas", SimpleNamespace(enqueue=lambda *args: None, call=real.call))


def _unggahan(opd, data):
    admin = get_user_model().objects.get(username="admin")
    return UnggahanImpor.objects.create(jenis="kinerja", opd=opd, nama_berkas="r.csv", data=data, oleh=admin)


def test_uji_kering_oleh_pekerja_mencatat_baris_dibaca(bappeda, monkeypatch):
    ind = _indikator()
    rows = [[ind.pk, 2030, "TW I", ""]] * 119 + [[ind.pk, 2031, "Tahunan", 7]]
    monkeypatch.setattr(Kemajuan, "SETIAP", 50)
    laporan = []
    catat = tugas._maju

    def _maju(pk):
        maju = catat(pk)
        return lambda *args: (laporan.append(args), maju(*args))

    monkeypatch.setattr(tugas, "_maju", _maju)
    page = unggah(masuk("admin"), bappeda.opd, _csv(rows)).content.decode()
    # 120 data rows and the header: reported at the start, every 50 rows read, and at the end
    assert [a[:2] for a in laporan] == [(0, 0), (0, 121), (50, 121), (100, 121), (121, 121)]
    assert laporan[0][2] == "Membaca berkas" and laporan[1][2] == "Memeriksa baris"
    berkas = Berkas.objects.get(unggahan__opd=bappeda.opd)
    assert (berkas.status, berkas.selesai, berkas.jumlah, berkas.percobaan) == ("selesai", 121, 121, 1)
    assert berkas.opsi == {"jenis": "uji-impor"} and berkas.berkas.name.endswith(".json")
    assert "baru: <strong>1</strong>" in page and "kosong: <strong>119</strong>" in page
    assert '<td>2–120</td><td colspan="8">119 baris kosong' in page and 'id="terapkan"' in page
    assert not RealisasiKinerja.objects.filter(indikator=ind, tahun=2031).exists()  # a dry run writes nothing


def test_kemajuan_tanpa_maju_hanya_menghitung():
    class Lembar:
        baris = [[1]] * 3

    kemajuan = Kemajuan([Lembar(), Lembar()])
    kemajuan.satu()
    kemajuan.tuntas()
    assert (kemajuan.selesai, kemajuan.jumlah) == (6, 6)


def test_halaman_saat_berjalan_menampilkan_kemajuan_tanpa_hasil(bappeda, tanpa_pekerja, django_assert_max_num_queries):
    unggahan = _unggahan(bappeda.opd, _csv([[_indikator().pk, 2031, "Tahunan", 7]]))
    berkas = tugas.minta_uji(unggahan, unggahan.oleh)
    Berkas.objects.filter(pk=berkas.pk).update(status="jalan", selesai=500, jumlah=10001, tahap="Memeriksa baris")
    admin = masuk("admin")
    with django_assert_max_num_queries(12):
        page = admin.get(f"/impor/{unggahan.pk}/").content.decode()
    assert "500 dari 10001 baris dibaca" in page and "Memeriksa baris" in page and 'data-muat="1"' in page
    assert 'id="ringkasan"' not in page and 'id="terapkan"' not in page and "berkas.js" in page
    assert "Unduh" not in page  # the result is read on this page, not downloaded
    response = admin.post(f"/impor/{unggahan.pk}/terapkan/", follow=True)
    assert "Pratinjau impor belum selesai" in response.content.decode()
    assert not Impor.objects.exists() and UnggahanImpor.objects.filter(pk=unggahan.pk).exists()
    status = admin.get(f"/berkas/{berkas.pk}/status/").json()
    assert (status["status"], status["selesai"], status["jumlah"]) == ("jalan", 500, 10001)
    assert admin.get(f"/berkas/{berkas.pk}/").url == f"/impor/{unggahan.pk}/"
    assert admin.get(f"/berkas/{berkas.pk}/unduh/").status_code == 302


def test_tinggalkan_lalu_lanjutkan_dari_halaman_impor(bappeda, tanpa_pekerja, django_assert_max_num_queries):
    admin = masuk("admin")
    page = unggah(admin, bappeda.opd, _csv([[_indikator().pk, 2031, "Tahunan", 7]])).content.decode()
    assert "Menunggu giliran" in page and "Menunggu pekerja…" in page and 'id="ringkasan"' not in page
    unggahan = UnggahanImpor.objects.get()
    with django_assert_max_num_queries(12):
        daftar = admin.get("/impor/").content.decode()
    assert "Menunggu persetujuan" in daftar
    assert f'<a href="/impor/{unggahan.pk}/">realisasi.csv</a>' in daftar and "Menunggu giliran" in daftar
    berkas = Berkas.objects.get(unggahan=unggahan)
    tugas.buat_berkas.call(berkas.pk)  # the worker takes it meanwhile
    hasil = Berkas.objects.get(pk=berkas.pk).berkas.name
    assert default_storage.exists(hasil)
    assert "Selesai" in admin.get("/impor/").content.decode()
    page = admin.get(f"/impor/{unggahan.pk}/").content.decode()
    assert "baru: <strong>1</strong>" in page and 'id="terapkan"' in page and "berkas.js" not in page
    assert Berkas.objects.filter(unggahan=unggahan).count() == 1  # the same job, not a new one
    page = admin.post(f"/impor/{unggahan.pk}/terapkan/", follow=True).content.decode()
    assert "Impor sedang disimpan di latar belakang" in page and 'id="terapkan"' not in page
    assert not Impor.objects.exists()
    assert "Penyimpanan: menunggu giliran" in admin.get("/impor/").content.decode()
    admin.post(f"/impor/{unggahan.pk}/terapkan/")  # pressed twice: the same job, applied once
    simpan = Berkas.objects.get(unggahan=unggahan, opsi__jenis="simpan-impor")
    assert simpan.opsi["ringkasan"]["baru"] == 1 and simpan.oleh.username == "admin"
    tugas.buat_berkas.call(simpan.pk)  # the worker applies it
    response = admin.get(f"/impor/{unggahan.pk}/", follow=True)
    assert "tersimpan: 1 baru" in response.content.decode() and response.redirect_chain[-1][0] == "/impor/"
    assert Impor.objects.count() == 1
    assert not UnggahanImpor.objects.exists() and not Berkas.objects.filter(opsi__jenis__endswith="-impor").exists()
    assert not default_storage.exists(hasil)  # applied: the dry run's file is gone too
    assert "Tidak ada unggahan yang menunggu." in admin.get("/impor/").content.decode()


def test_pekerja_mati_dicoba_lagi_lalu_gagal_dengan_pesan(bappeda, tanpa_pekerja):
    unggahan = _unggahan(bappeda.opd, _csv([[_indikator().pk, 2031, "Tahunan", 7]]))
    berkas = tugas.minta_uji(unggahan, unggahan.oleh)
    lama = timezone.now() - timedelta(hours=1)
    Berkas.objects.filter(pk=berkas.pk).update(status="jalan", percobaan=1, diperbarui=lama)
    admin = masuk("admin")
    assert "Dicoba lagi" in admin.get(f"/impor/{unggahan.pk}/").content.decode()  # enqueued again
    Berkas.objects.filter(pk=berkas.pk).update(status="jalan", percobaan=2, diperbarui=lama)
    page = admin.get(f"/impor/{unggahan.pk}/").content.decode()
    assert "terhenti di tengah jalan" in page and "Coba lagi" in page and 'id="terapkan"' not in page


def test_penyimpanan_gagal_dapat_dicoba_lagi_atau_dibatalkan(bappeda, tanpa_pekerja):
    admin = masuk("admin")
    unggah(admin, bappeda.opd, _csv([[_indikator().pk, 2031, "Tahunan", 7]]))
    unggahan = UnggahanImpor.objects.get()
    tugas.buat_berkas.call(Berkas.objects.get(unggahan=unggahan).pk)
    admin.post(f"/impor/{unggahan.pk}/terapkan/")
    simpan = Berkas.objects.get(unggahan=unggahan, opsi__jenis="simpan-impor")
    lama = timezone.now() - timedelta(hours=1)
    Berkas.objects.filter(pk=simpan.pk).update(status="jalan", percobaan=2, diperbarui=lama)  # killed twice
    page = admin.get(f"/impor/{unggahan.pk}/").content.decode()
    assert "Impor sedang disimpan" in page and "terhenti di tengah jalan" in page and "Coba lagi" in page
    assert 'name="batal"' in page and not Impor.objects.exists()
    admin.post(f"/berkas/{simpan.pk}/ulang/")
    tugas.buat_berkas.call(simpan.pk)
    assert "tersimpan: 1 baru" in admin.get(f"/impor/{unggahan.pk}/", follow=True).content.decode()


def test_hanya_daftar_pengguna_disimpan_dalam_permintaan():
    from laporan.impor import JENIS

    assert [k for k, j in JENIS.items() if j.segera] == ["pengguna"]  # its one-time passwords: shown once


def test_galat_di_pekerja_menjadi_pesan(bappeda, monkeypatch):
    def rusak(*args, **kwargs):
        raise RuntimeError("uji")

    monkeypatch.setattr("laporan.impor.uji_kering", rusak)
    page = unggah(masuk("admin"), bappeda.opd, _csv([[_indikator().pk, 2031, "Tahunan", 7]])).content.decode()
    assert "tidak dapat dibuat karena galat di server (RuntimeError)" in page and 'id="ringkasan"' not in page


def test_berkas_tak_terbaca_tampil_dan_dapat_dibatalkan(bappeda):
    admin = masuk("admin")
    page = unggah(admin, bappeda.opd, b"PK\x03\x04rusak", nama="r.xlsx").content.decode()
    assert "rusak dan tidak dapat dibaca" in page and 'name="batal"' in page
    unggahan = UnggahanImpor.objects.get()
    admin.post(f"/impor/{unggahan.pk}/terapkan/", {"batal": "1"})
    assert not UnggahanImpor.objects.exists() and not Berkas.objects.filter(opsi__jenis="uji-impor").exists()


def test_data_berubah_sesudah_uji_kering_tidak_diterapkan(bappeda):
    ind = _indikator()
    admin = masuk("admin")
    page = unggah(admin, bappeda.opd, _csv([[ind.pk, 2031, "Tahunan", 7]])).content.decode()
    assert "baru: <strong>1</strong>" in page
    unggahan = UnggahanImpor.objects.get()
    RealisasiKinerja.objects.create(indikator=ind, tahun=2031, periode="tahunan", nilai=7)  # typed meanwhile
    response = admin.post(f"/impor/{unggahan.pk}/terapkan/", follow=True)
    page = response.content.decode()
    assert "Data sudah berubah sejak pratinjau dibuat; tidak ada yang disimpan" in page
    assert not Impor.objects.exists() and RealisasiKinerja.objects.get(indikator=ind, tahun=2031).versi == 1
    assert "baru: <strong>0</strong>" in page and "sama: <strong>1</strong>" in page  # checked again
    response = admin.post(f"/impor/{unggahan.pk}/terapkan/", follow=True)
    assert "tersimpan: 0 baru, 0 berubah, 1 tidak berubah" in response.content.decode()


@pytest.fixture
def admin_lain(db):
    """An admin of another Pemda only."""
    versi = NomenklaturVersi.objects.first()
    pemda = Pemda.objects.create(kode="99.02", nama="Kota Lain", jenis="kota", nomenklatur_versi=versi)
    user = get_user_model().objects.create_user("admin.lain", password="sandi-uji-lain-2025")
    Keanggotaan.objects.create(user=user, pemda=pemda, peran=Keanggotaan.Peran.ADMIN)
    client = Client()
    client.force_login(user)
    return client


def test_hanya_yang_boleh_impor_melihat_uji_kering(bappeda, admin_lain, tanpa_pekerja):
    unggahan = _unggahan(bappeda.opd, _csv([[_indikator().pk, 2031, "Tahunan", 7]]))
    berkas = tugas.minta_uji(unggahan, unggahan.oleh)
    tugas.buat_berkas.call(berkas.pk)
    assert masuk("admin").get(f"/berkas/{berkas.pk}/status/").status_code == 200
    for client in (masuk("reviewer"), masuk("perencana.bappeda"), admin_lain):
        assert client.get(f"/berkas/{berkas.pk}/status/").status_code == 404
        assert client.get(f"/berkas/{berkas.pk}/").status_code == 404
        assert client.get(f"/berkas/{berkas.pk}/unduh/").status_code == 404
        assert client.post(f"/berkas/{berkas.pk}/ulang/").status_code == 404
    assert admin_lain.get(f"/impor/{unggahan.pk}/").status_code == 404
    assert "realisasi" not in admin_lain.get("/impor/").content.decode().split("Menunggu persetujuan")[1][:400]
    assert "Tidak ada unggahan yang menunggu." in admin_lain.get("/impor/").content.decode()
    assert Client().get(f"/berkas/{berkas.pk}/status/").status_code == 401
