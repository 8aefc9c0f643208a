"""The Renstra in the workspace: its grid page, saves (targets per year and end of period, the
sasaran's programs, tujuan and sasaran texts), structure changes, history, the workflow
(Tetapkan Renstra, Revisi Renstra with its difference), the lock (grid, structure, admin),
who may do what, and bounded queries. Last, the demo planner clears every blocking finding of
the demo Renja from the planner's own screens."""

import json
import re
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from evaluasi.periksa import periksa_renja
from kerja import alur
from renja.kunci import alasan_terkunci
from renja.models import Indikator, PenetapanRenstra, Renstra, Sasaran, Target, Tujuan
from tests.pembantu import masuk

R = "/renja/BAPPEDA/2022/"
RS = R + "renstra/"


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def pesan(response):
    return " ".join(k["pesan"] for k in response.json()["kesalahan"])


def sel(kolom, id, nilai, versi=0, baris="uji"):
    return {"kolom": kolom, "id": id, "nilai": nilai, "versi": versi, "baris": baris}


@pytest.fixture
def renstra(bappeda):
    return Renstra.objects.select_related("opd").get(pk=bappeda.renstra_id)


@pytest.fixture
def perencana(db):
    return masuk("perencana.bappeda")


@pytest.fixture
def reviewer(db):
    return masuk("reviewer")


@pytest.fixture
def ind_node(renstra):
    """A sub kegiatan indicator of the demo without Renstra targets (they are edited on the Renstra page)."""
    return (
        Indikator.objects.filter(sub_kegiatan__kegiatan__program__opd=renstra.opd_id)
        .exclude(target__jenis__in=[Target.Jenis.RENSTRA, Target.Jenis.AKHIR_RENSTRA])
        .order_by("pk")
        .first()
    )


@pytest.fixture
def sasaran(renstra):
    return Sasaran.objects.filter(tujuan__renstra=renstra).order_by("nomor").first()


# --------------------------------------------------------------------------- the page


def test_halaman_renstra(perencana, renstra, sasaran, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        response = perencana.get(RS)
    html = response.content.decode()
    assert response.status_code == 200 and 'class="rk-grid dapat-diubah"' in html
    assert "Periode: <strong>2018–2023</strong>" in html and "Status: <strong" in html
    # one column per year of the period and the end-of-period target
    for tahun in range(2018, 2024):
        assert f">Target {tahun}</th>" in html
    assert ">Target akhir periode (2023)</th>" in html
    assert f'data-k="uraian_sasaran" data-o="sasaran:{sasaran.pk}"' in html
    assert sasaran.uraian in html
    # the sasaran's programs (M2M) as codes; the checker's findings of the Renja below the grid
    kode = ", ".join(sorted(p.nomenklatur.kode for p in sasaran.program.all()))
    assert kode and f">{kode}</td>" in html
    assert 'id="jumlah-error">6<' in html
    # the Renja's summary page links it in its list of editing screens
    assert f'href="{RS}"' in perencana.get(R).content.decode()


def test_kueri_tidak_tumbuh_dengan_baris(perencana, renstra, sasaran, django_assert_max_num_queries, ind_node):
    def hitung():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert perencana.get(RS).status_code == 200
        return len(ctx)

    sebelum = hitung()
    tujuan = Tujuan.objects.create(renstra=renstra, nomor="9", uraian="Tujuan uji")
    for i in range(5):
        s = Sasaran.objects.create(tujuan=tujuan, nomor=f"9.{i}", uraian=f"Sasaran uji {i}")
        ind = Indikator.objects.create(sasaran=s, nama=f"Indikator uji {i}", sifat="non_kumulatif")
        Target.objects.create(indikator=ind, tahun=2019, jenis=Target.Jenis.RENSTRA, nilai=D(i))
    Target.objects.create(indikator=ind_node, tahun=2023, jenis=Target.Jenis.AKHIR_RENSTRA, nilai=D(1))
    assert hitung() == sebelum


def test_yang_lain_membaca_saja(reviewer, renstra):
    html = reviewer.get(RS).content.decode()
    assert 'class="rk-grid"' in html and "dapat-diubah" not in html and 'aria-readonly="true"' in html
    assert 'id="tetapkan-renstra"' in html  # Bappeda adopts
    assert masuk("perencana.kominfo").get(RS).status_code == 404


# --------------------------------------------------------------------------- saving


def test_simpan_target_tahunan_dan_akhir(perencana, renstra, ind_node, django_assert_max_num_queries):
    data = {"perubahan": [sel("target_1", ind_node.pk, "12"), sel("akhir", ind_node.pk, "60")]}
    with django_assert_max_num_queries(30):
        response = post(perencana, RS + "simpan/", data)
    assert response.status_code == 200, response.content
    target = Target.objects.get(indikator=ind_node, jenis=Target.Jenis.RENSTRA)
    assert (target.tahun, target.nilai) == (2019, D(12))  # target_1: the period's second year
    akhir = Target.objects.get(indikator=ind_node, jenis=Target.Jenis.AKHIR_RENSTRA, tahun=2023)
    assert akhir.nilai == D(60)
    shown = {(h["kolom"], h["tampil"]) for h in response.json()["tersimpan"]}
    assert shown == {("target_1", "12"), ("akhir", "60")}


def test_riwayat_sel_target(perencana, renstra, ind_node, django_assert_max_num_queries):
    akhir = Target.objects.filter(indikator=ind_node, jenis=Target.Jenis.AKHIR_RENSTRA, tahun=2023).first()
    versi = akhir.versi if akhir else 0
    lama = akhir.isi if akhir else None
    assert post(perencana, RS + "simpan/", {"perubahan": [sel("akhir", ind_node.pk, "77", versi)]}).status_code == 200
    with django_assert_max_num_queries(15):
        html = perencana.get(RS + f"riwayat/indikator/{ind_node.pk}/").content.decode()
    assert "Target akhir periode (2023)" in html and "<ins>77</ins>" in html
    assert "Perencana Bappeda" in html
    if lama is not None:
        from renja.angka import format_ringkas

        assert f"<del>{format_ringkas(lama)}</del>" in html


def test_riwayat_baris_lain_tidak_ada(perencana):
    asing = Indikator.objects.filter(sub_kegiatan__kegiatan__program__opd__singkatan="DISKOMINFO").first()
    assert perencana.get(RS + f"riwayat/indikator/{asing.pk}/").status_code == 404
    assert perencana.get(RS + "riwayat/sub/1/").status_code == 404
    assert masuk("perencana.kominfo").get(RS + "riwayat/tujuan/1/").status_code == 404


def test_nilai_salah_ditolak_dengan_baris_kolom_nilai(perencana, renstra, ind_node):
    response = post(perencana, RS + "simpan/", {"perubahan": [sel("akhir", ind_node.pk, "dua puluh", baris="B-1")]})
    assert response.status_code == 400
    teks = pesan(response)
    assert "Baris B-1" in teks and "Target akhir periode" in teks and "dua puluh" in teks
    # a year beyond the period (the demo's runs 6 years: target_6 would be 2024)
    response = post(perencana, RS + "simpan/", {"perubahan": [sel("target_6", ind_node.pk, "1")]})
    assert response.status_code == 400 and "di luar periode Renstra 2018–2023" in pesan(response)
    assert not Target.objects.filter(indikator=ind_node, jenis=Target.Jenis.RENSTRA).exists()


def test_bukan_milik_renstra_ditolak(perencana, renstra):
    asing = Indikator.objects.filter(sub_kegiatan__kegiatan__program__opd__singkatan="DISKOMINFO").first()
    response = post(perencana, RS + "simpan/", {"perubahan": [sel("akhir", asing.pk, "5")]})
    assert response.status_code == 400 and "bukan bagian dari Renstra BAPPEDA" in pesan(response)


def test_uraian_dan_program_sasaran(perencana, renstra, sasaran):
    programs = sorted(p.nomenklatur.kode for p in renstra.opd.program.select_related("nomenklatur"))
    data = {
        "perubahan": [
            sel("uraian_sasaran", sasaran.pk, "Sasaran yang dirumuskan ulang", sasaran.versi),
            sel("program", sasaran.pk, programs[0], sasaran.versi),
        ]
    }
    assert post(perencana, RS + "simpan/", data).status_code == 200
    sasaran.refresh_from_db()
    assert sasaran.uraian == "Sasaran yang dirumuskan ulang"
    assert [p.nomenklatur.kode for p in sasaran.program.all()] == [programs[0]]
    response = post(perencana, RS + "simpan/", {"perubahan": [sel("program", sasaran.pk, "9.99.99", sasaran.versi)]})
    assert response.status_code == 400 and "'9.99.99' bukan program BAPPEDA" in pesan(response)


def test_nomor_sasaran_kembar_ditolak(perencana, renstra, sasaran):
    lain = Sasaran.objects.filter(tujuan=sasaran.tujuan).exclude(pk=sasaran.pk).first()
    response = post(
        perencana, RS + "simpan/", {"perubahan": [sel("nomor_sasaran", lain.pk, sasaran.nomor, lain.versi, "S")]}
    )
    assert response.status_code == 400 and "Baris S, kolom Nomor sasaran: Nomor sasaran ini sudah dipakai" in pesan(
        response
    )
    lain.refresh_from_db()
    assert lain.nomor != sasaran.nomor


def test_reviewer_dan_opd_lain_tidak_dapat_menyimpan(reviewer, renstra, ind_node):
    data = {"perubahan": [sel("akhir", ind_node.pk, "5")]}
    assert post(reviewer, RS + "simpan/", data).status_code == 403
    assert post(masuk("perencana.kominfo"), RS + "simpan/", data).status_code == 404
    assert post(reviewer, RS + "tambah-tujuan/", {}).status_code == 403
    assert not Target.objects.filter(indikator=ind_node, jenis=Target.Jenis.AKHIR_RENSTRA, nilai=5).exists()


# --------------------------------------------------------------------------- structure


def test_tambah_dan_hapus_tujuan_sasaran_indikator(perencana, renstra):
    assert post(perencana, RS + "tambah-tujuan/", {}).status_code == 200
    tujuan = Tujuan.objects.filter(renstra=renstra).order_by("-pk").first()
    assert tujuan.nomor == "2"  # after the demo's tujuan 1
    assert post(perencana, RS + "tambah-sasaran/", {"id": tujuan.pk}).status_code == 200
    sasaran = tujuan.sasaran.get()
    assert sasaran.nomor == "2.1"
    data = {"tingkat": "sasaran", "node": sasaran.pk, "nama": "Persentase uji", "jenis": {"tipe_nilai": "persen"}}
    response = post(
        perencana, RS + "tambah-indikator/", {**data, "jenis": {"tipe_nilai": "persen", "sifat": "non_kumulatif"}}
    )
    assert response.status_code == 200, response.content
    ind = sasaran.indikator.get()
    # a tujuan with a sasaran, a sasaran with an indicator: not removed along with them
    response = post(perencana, RS + "hapus-sasaran/", {"id": sasaran.pk, "versi": sasaran.versi})
    assert response.status_code == 400 and "masih mempunyai indikator" in pesan(response)
    response = post(perencana, RS + "hapus-tujuan/", {"id": tujuan.pk, "versi": tujuan.versi})
    assert response.status_code == 400 and "masih mempunyai sasaran" in pesan(response)
    assert post(perencana, RS + "simpan/", {"perubahan": [sel("akhir", ind.pk, "90")]}).status_code == 200
    assert post(perencana, RS + "hapus-indikator/", {"id": ind.pk, "versi": ind.versi}).status_code == 200
    assert not Target.objects.filter(indikator_id=ind.pk).exists()
    assert post(perencana, RS + "hapus-sasaran/", {"id": sasaran.pk, "versi": sasaran.versi}).status_code == 200
    assert post(perencana, RS + "hapus-tujuan/", {"id": tujuan.pk, "versi": tujuan.versi}).status_code == 200
    assert not Tujuan.objects.filter(pk=tujuan.pk).exists()


def test_indikator_program_tidak_dihapus_dari_renstra(perencana, ind_node):
    response = post(perencana, RS + "hapus-indikator/", {"id": ind_node.pk, "versi": ind_node.versi})
    assert response.status_code == 400 and "bukan bagian dari Renstra" in pesan(response)


# --------------------------------------------------------------------------- workflow and lock


def test_tetapkan_revisi_dan_perbedaan(perencana, reviewer, renstra, ind_node, sasaran):
    from django.contrib.auth import get_user_model

    user_planner = get_user_model().objects.get(username="perencana.bappeda")
    user_reviewer = get_user_model().objects.get(username="reviewer")
    with pytest.raises(PermissionDenied):
        alur.jalankan_renstra(renstra, user_planner, "tetapkan")
    # the confirmation page, then the action
    assert "Tetapkan Renstra" in reviewer.get(RS + "status/tetapkan/").content.decode()
    response = reviewer.post(RS + "status/tetapkan/")
    assert response.status_code == 302 and response["Location"] == RS
    renstra.refresh_from_db()
    assert renstra.status == Renstra.Status.DITETAPKAN and not renstra.terbuka
    penetapan = PenetapanRenstra.objects.get(renstra=renstra)
    assert penetapan.nomor == 1 and penetapan.oleh == user_reviewer
    assert penetapan.isi[f"akhir:{ind_node.pk}"][2] == ""
    # locked: the grid, the structure, the admin's lock
    response = post(perencana, RS + "simpan/", {"perubahan": [sel("akhir", ind_node.pk, "5")]})
    assert response.status_code == 400 and "Renstra berstatus 'Ditetapkan'" in pesan(response)
    assert post(perencana, RS + "tambah-tujuan/", {}).status_code == 400
    assert "Revisi Renstra" in alasan_terkunci(sasaran)
    assert alasan_terkunci(Target(indikator=ind_node, tahun=2023, jenis=Target.Jenis.AKHIR_RENSTRA, nilai=1))
    assert alasan_terkunci(Target(indikator=ind_node, tahun=2022, jenis=Target.Jenis.RENJA, nilai=1)) is None
    assert alasan_terkunci(Indikator.objects.filter(sasaran=sasaran).first())
    html = perencana.get(RS).content.decode()
    assert "dapat-diubah" not in html and 'id="revisi-renstra"' in html
    # a revision needs a reason, is the planner's, and reopens the Renstra
    with pytest.raises(alur.AksiDitolak, match="alasan"):
        alur.jalankan_renstra(renstra, user_planner, "revisi", " ")
    with pytest.raises(PermissionDenied):
        alur.jalankan_renstra(renstra, user_reviewer, "revisi", "perubahan RPJMD")
    perencana.post(RS + "status/revisi/", {"alasan": "Penyesuaian dengan perubahan RPJMD"})
    renstra.refresh_from_db()
    assert renstra.status == Renstra.Status.REVISI and renstra.alasan_revisi == "Penyesuaian dengan perubahan RPJMD"
    assert renstra.history.first().history_change_reason.startswith("Revisi: Penyesuaian")
    assert alasan_terkunci(sasaran) is None
    # what the revision changed: a target value and an indicator added
    assert post(perencana, RS + "simpan/", {"perubahan": [sel("akhir", ind_node.pk, "42")]}).status_code == 200
    baru = {"tingkat": "sasaran", "node": sasaran.pk, "nama": "Indikator revisi", "jenis": {"sifat": "non_kumulatif"}}
    assert post(perencana, RS + "tambah-indikator/", baru).status_code == 200
    html = perencana.get(RS).content.decode()
    assert "Perbedaan dengan penetapan ke-1" in html and "Alasan revisi: Penyesuaian" in html
    perbedaan = html[html.index('id="perbedaan"') :]
    assert re.search(
        r"<td>Target akhir periode \(2023\)</td><td><del>\(kosong\)</del></td><td><ins>42</ins></td>", perbedaan
    )
    assert re.search(r"<td>Indikator</td><td><del>\(kosong\)</del></td><td><ins>Indikator revisi</ins></td>", perbedaan)
    # adopted again: penetapan ke-2
    assert reviewer.post(RS + "status/tetapkan/").status_code == 302
    assert list(renstra.penetapan.values_list("nomor", flat=True)) == [2, 1]


def test_admin_mematuhi_kunci_renstra(renstra, sasaran, client):
    from django.contrib.auth import get_user_model

    alur.jalankan_renstra(renstra, get_user_model().objects.get(username="reviewer"), "tetapkan")
    admin = masuk("admin")
    url = f"/admin/renja/sasaran/{sasaran.pk}/change/"
    response = admin.post(url, {"tujuan": sasaran.tujuan_id, "nomor": sasaran.nomor, "uraian": "diubah di admin"})
    assert response.status_code == 403
    sasaran.refresh_from_db()
    assert sasaran.uraian != "diubah di admin"
    response = admin.post(f"/admin/renja/renstra/{renstra.pk}/change/", {"status": "draf"})
    renstra.refresh_from_db()
    assert renstra.status == Renstra.Status.DITETAPKAN


# --------------------------------------------------------------------------- the demo planner


def _sel_akhir(html, kode, nama):
    """(id, versi) of the end-of-period target cell of the indicator row named ``kode · nama``."""
    for row in re.findall(r"<tr[^>]*>.*?</tr>", html, re.S):
        if f'data-b="{kode} · {nama[:60]}' in row:
            found = re.search(r'data-k="akhir" data-o="[^"]+" data-id="(\d+)" data-v="(\d+)"', row)
            return int(found.group(1)), int(found.group(2))
    raise AssertionError(f"baris {kode} · {nama} tidak ada di halaman Renstra")


def test_perencana_demo_membersihkan_temuan_penghalang(perencana, bappeda):
    """The demo Renja starts with six blocking findings: three T-C.31 rows without Catatan
    Penting (the workspace's own list) and three kumulatif indicators whose end-of-Renstra target
    is below the sum of their yearly targets (5 < 26, 2 < 3, 1 < 2), which only the Renstra page
    shows. The planner clears all six from those two pages; the fixture itself is untouched."""
    blocking = [t for t in periksa_renja(bappeda) if t.memblokir]
    assert sorted(t.jenis for t in blocking) == ["catatan_review"] * 3 + ["kumulatif_akhir"] * 3
    html = perencana.get(RS).content.decode()
    # the sums worked out from the findings as printed: Σ target tahunan 26, 3 and 2
    akhir = {
        ("5.01.01.2.01.06", "Jumlah Laporan Evaluasi Bulanan"): "26",
        (
            "5.01.03.2.01.07",
            "Jumlah dokumen hasil pengendalian dan evaluasi dokumen perencanaan OPD Mitra Bidang Pembangunan Manusia",
        ): "3",
        ("5.05.02.2.03.02", "Jumlah Dokumen Kajian Daya Saing daerah Pasca Covid 19"): "2",
    }
    cells = []
    for (kode, nama), nilai in akhir.items():
        pk, versi = _sel_akhir(html, kode, nama)
        cells.append(sel("akhir", pk, nilai, versi, kode))
    assert post(perencana, RS + "simpan/", {"perubahan": cells}).status_code == 200
    # the three Catatan Penting, in the workspace's T-C.31 list
    rk = perencana.get(R + "ruang-kerja/").content.decode()
    catatan = re.findall(r'<textarea class="catatan-review"[^>]*data-k="([^"]+)" data-id="(\d+)" data-v="(\d+)"', rk)
    assert len(catatan) == 3
    cells = [sel(k, int(pk), "Disesuaikan dengan hasil analisis kebutuhan OPD.", int(v)) for k, pk, v in catatan]
    assert post(perencana, R + "ruang-kerja/simpan/", {"perubahan": cells}).status_code == 200
    assert [t for t in periksa_renja(bappeda) if t.memblokir] == []
    assert 'id="jumlah-error">0<' in perencana.get(RS).content.decode()
