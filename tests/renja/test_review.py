"""Bappeda's review over HTTP: notes per row between reviewer and planner, the decisions
kembalikan / verifikasi / tetapkan with the checker's gate, the frozen penetapan, and a Renja
Perubahan shown as its difference against it; each forbidden case."""

import json

import pytest
from django.contrib.auth import get_user_model

from renja.models import Komentar, PenetapanRenja, Renja, RenjaSubKegiatan
from tests.pembantu import masuk
from tests.pengajuan import siapkan_pengajuan

User = get_user_model()
RK = "/renja/BAPPEDA/2022/ruang-kerja/"


@pytest.fixture
def perencana(db):
    return masuk("perencana.bappeda")


@pytest.fixture
def reviewer(db):
    return masuk("reviewer")


@pytest.fixture
def item(bappeda):
    return RenjaSubKegiatan.objects.filter(renja=bappeda, pagu__isnull=False).order_by("urutan").first()


def status(renja):
    renja.refresh_from_db()
    return renja.status


# --------------------------------------------------------------------------- notes


def test_reviewer_menulis_perencana_membalas_reviewer_menutup(reviewer, perencana, bappeda, item):
    url = RK + f"komentar/sub/{item.pk}/"
    html = reviewer.post(url, {"isi": "Lokasi terlalu umum."}).content.decode()
    assert "Lokasi terlalu umum." in html and 'name="status"' in html
    note = Komentar.objects.get(renja=bappeda, item=item)
    html = perencana.post(url, {"isi": "Sudah dirinci per kecamatan.", "induk": note.pk}).content.decode()
    assert "Sudah dirinci per kecamatan." in html and 'name="status"' not in html  # the planner cannot settle it
    reply = Komentar.objects.get(induk=note)
    assert (reply.item, reply.penulis.username) == (item, "perencana.bappeda")
    assert perencana.post(RK + "komentar/status/", {"komentar": note.pk, "status": "diterima"}).status_code == 403
    response = reviewer.post(RK + "komentar/status/", {"komentar": note.pk, "status": "diterima"}, follow=True)
    assert response.status_code == 200 and "Sudah dirinci" in response.content.decode()
    note.refresh_from_db()
    assert note.status == "diterima" and note.history.first().history_user.username == "reviewer"


def test_catatan_kosong_dan_baris_lain_ditolak(reviewer, bappeda, kominfo):
    assert reviewer.post(RK + "komentar/renja/0/", {"isi": "  "}).status_code == 400
    other = RenjaSubKegiatan.objects.filter(renja=kominfo).first()
    assert reviewer.get(RK + f"komentar/sub/{other.pk}/").status_code == 404
    assert reviewer.post(RK + f"komentar/sub/{other.pk}/", {"isi": "x"}).status_code == 404
    assert not Komentar.objects.exists()


def test_perencana_opd_lain_tidak_dapat_membaca_atau_menulis(bappeda, item):
    note = Komentar.objects.create(renja=bappeda, item=item, penulis=User.objects.get(username="reviewer"), isi="a")
    other = masuk("perencana.kominfo")
    assert other.get(RK + f"komentar/sub/{item.pk}/").status_code == 404
    assert other.post(RK + f"komentar/sub/{item.pk}/", {"isi": "x"}).status_code == 404
    assert other.post(RK + "komentar/status/", {"komentar": note.pk, "status": "ditolak"}).status_code == 404
    assert other.post(RK + "putuskan/verifikasi/").status_code == 404
    Renja.objects.filter(pk=bappeda.pk).update(status="ditetapkan")
    assert other.post(RK + "perubahan/").status_code == 404
    assert status(bappeda) == "ditetapkan"
    assert list(Komentar.objects.values_list("isi", "status")) == [("a", "diskusi")]


# --------------------------------------------------------------------------- decisions


def ajukan(perencana, bappeda):
    siapkan_pengajuan(bappeda)
    perencana.post(RK + "ajukan/")
    assert status(bappeda) == "diajukan"


def test_siklus_review_sampai_ditetapkan_lalu_perubahan(perencana, reviewer, bappeda, item):
    ajukan(perencana, bappeda)
    assert reviewer.post(RK + "putuskan/kembalikan/", {"alasan": ""}).status_code == 302
    assert status(bappeda) == "diajukan"  # a reason is required
    reviewer.post(RK + "putuskan/kembalikan/", {"alasan": "Pagu melebihi plafon."})
    assert status(bappeda) == "dikembalikan"
    html = perencana.get(RK).content.decode()
    assert "Dikembalikan: Pagu melebihi plafon." in html and "rk-grid dapat-diubah" in html
    perencana.post(RK + "ajukan/")
    reviewer.post(RK + "putuskan/verifikasi/")
    assert status(bappeda) == "diverifikasi"
    reviewer.post(RK + "putuskan/tetapkan/")
    assert status(bappeda) == "ditetapkan"
    [penetapan] = PenetapanRenja.objects.filter(renja=bappeda)
    kode = item.sub_kegiatan.nomenklatur.kode
    assert penetapan.nomor == 1 and penetapan.oleh.username == "reviewer"
    shown = f"{int(item.pagu):,}".replace(",", ".")  # e.g. 200.000.000
    assert penetapan.isi[f"pagu:{kode}"] == [kode, "Pagu indikatif n (Rp)", shown]

    # finalised: read-only for everyone; a revision is an explicit Renja Perubahan
    cell = {"kolom": "pagu", "id": item.pk, "nilai": "130.000.000", "versi": item.versi}
    assert (
        perencana.post(RK + "simpan/", json.dumps({"perubahan": [cell]}), content_type="application/json").status_code
        == 400
    )
    assert reviewer.post(RK + "perubahan/").status_code == 403
    perencana.post(RK + "perubahan/")
    assert status(bappeda) == "perubahan"
    response = perencana.post(RK + "simpan/", json.dumps({"perubahan": [cell]}), content_type="application/json")
    assert response.status_code == 200
    html = perencana.get(RK).content.decode()
    assert "Perbedaan dengan penetapan ke-1" in html and ": 1 sel</h2>" in html
    assert f"<del>{shown}</del>" in html and "<ins>130.000.000</ins>" in html
    perencana.post(RK + "ajukan/")
    reviewer.post(RK + "putuskan/verifikasi/")
    reviewer.post(RK + "putuskan/tetapkan/")
    assert list(PenetapanRenja.objects.filter(renja=bappeda).values_list("nomor", flat=True)) == [2, 1]
    assert PenetapanRenja.objects.get(renja=bappeda, nomor=2).isi[f"pagu:{kode}"][2] == "130.000.000"
    assert PenetapanRenja.objects.get(renja=bappeda, nomor=1).isi[f"pagu:{kode}"][2] == shown


def test_verifikasi_ditahan_oleh_error_pemeriksaan(perencana, reviewer, bappeda):
    Renja.objects.filter(pk=bappeda.pk).update(status="diajukan")  # submitted with the demo's 3 errors
    response = reviewer.post(RK + "putuskan/verifikasi/", follow=True)
    assert status(bappeda) == "diajukan" and "Belum dapat diverifikasi" in response.content.decode()


@pytest.mark.parametrize("aksi", ["verifikasi", "tetapkan"])
def test_keputusan_dari_status_yang_salah(reviewer, bappeda, aksi):
    siapkan_pengajuan(bappeda)
    response = reviewer.post(RK + f"putuskan/{aksi}/", follow=True)
    assert status(bappeda) == "draf" and "tidak dapat diambil" in response.content.decode()
    assert not PenetapanRenja.objects.exists()


@pytest.mark.parametrize("aksi", ["kembalikan", "verifikasi", "tetapkan"])
def test_perencana_tidak_memutuskan(perencana, bappeda, aksi):
    ajukan(perencana, bappeda)
    assert perencana.post(RK + f"putuskan/{aksi}/", {"alasan": "x"}).status_code == 403
    assert status(bappeda) == "diajukan"


def test_tombol_keputusan_hanya_untuk_reviewer(perencana, reviewer, bappeda):
    ajukan(perencana, bappeda)
    assert 'id="verifikasi"' in reviewer.get(RK).content.decode()
    assert 'id="verifikasi"' not in perencana.get(RK).content.decode()
