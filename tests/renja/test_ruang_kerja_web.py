"""The workspace over HTTP: the grid page, the JSON save, findings, history, structure changes
and submission; who may do what (the forbidden cases), and bounded queries."""

import json
import re
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from renja.models import (
    Indikator,
    Keanggotaan,
    Kegiatan,
    Nomenklatur,
    Program,
    Renja,
    RenjaSubKegiatan,
    SubKegiatan,
    Target,
)
from tests.pengajuan import siapkan_pengajuan

User = get_user_model()
RK = "/renja/BAPPEDA/2022/ruang-kerja/"


def masuk(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def item(bappeda):
    return (
        RenjaSubKegiatan.objects.filter(renja=bappeda, pagu__isnull=False)
        .select_related("sub_kegiatan__nomenklatur")
        .order_by("sub_kegiatan__nomenklatur__kode")
        .first()
    )


@pytest.fixture
def perencana(client, db):
    return masuk(client, "perencana.bappeda")


# --------------------------------------------------------------------------- the page


def test_halaman_menampilkan_grid_total_dan_temuan(perencana, bappeda, item, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        response = perencana.get(RK)
    html = response.content.decode()
    assert response.status_code == 200 and 'class="rk-grid dapat-diubah"' in html
    # the OPD total of the demo Renja (T-C.33 footer, spec check case): Rp 20.182.300.000
    assert re.search(r'id="total-pagu">20\.182\.300\.000<', html)
    assert re.search(r'id="total-pagu_maju">20\.300\.000\.000<', html)
    # every sub kegiatan of the Renja has its editable pagu cell with its version
    assert html.count('data-k="pagu" data-o="sub:') == RenjaSubKegiatan.objects.filter(renja=bappeda).count()
    assert f'data-o="sub:{item.pk}" data-id="{item.pk}" data-v="{item.versi}"' in html
    # program 5.01.02 total = Σ of its sub kegiatan (computed independently here)
    total = sum(
        i.pagu or 0
        for i in RenjaSubKegiatan.objects.filter(renja=bappeda, sub_kegiatan__nomenklatur__kode__startswith="5.01.02.")
    )
    shown = re.search(r'data-total="5\.01\.02" data-k="pagu">([\d.]+)<', html).group(1)
    assert D(shown.replace(".", "")) == total
    # 3 kumulatif end targets below Σ yearly targets + 3 T-C.31 nodes without Catatan Penting (BAP:814, 860–861, 903)
    assert 'Pemeriksaan konsistensi: <span id="jumlah-error">6</span> error' in html


def test_jumlah_query_tidak_bertambah_dengan_jumlah_baris(perencana, bappeda, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        perencana.get(RK)
    kegiatan = Kegiatan.objects.filter(program__opd=bappeda.opd).first()
    for nom in Nomenklatur.objects.filter(induk=kegiatan.nomenklatur).exclude(
        pk__in=SubKegiatan.objects.filter(kegiatan=kegiatan).values("nomenklatur")
    )[:3]:
        sub = SubKegiatan.objects.create(kegiatan=kegiatan, nomenklatur=nom)
        RenjaSubKegiatan.objects.create(renja=bappeda, sub_kegiatan=sub, pagu=D("1000"))
        ind = Indikator.objects.create(sub_kegiatan=sub, nama=f"Indikator {nom.kode}")
        Target.objects.create(indikator=ind, tahun=2022, jenis=Target.Jenis.RENJA, nilai=D("1"))
    with django_assert_num_queries(len(before.captured_queries)):
        response = perencana.get(RK)
    assert response.content.decode().count('data-k="pagu" data-o="sub:') == bappeda.sub_kegiatan.count()


def test_reviewer_hanya_membaca(client, bappeda):
    html = masuk(client, "reviewer").get(RK).content.decode()
    assert "rk-grid dapat-diubah" not in html and "isi Renja diubah oleh Perangkat Daerah" in html
    assert 'id="ajukan"' not in html


@pytest.mark.parametrize(
    "url",
    [RK, RK + "temuan/", RK + "nomenklatur/?q=musrenbang", RK + "riwayat/sub/1/"],
)
def test_perencana_opd_lain_tidak_melihat(client, db, url):
    assert masuk(client, "perencana.kominfo").get(url).status_code == 404


def test_anonim(client):
    assert client.get(RK).status_code == 302
    assert post(client, RK + "simpan/", {"perubahan": []}).status_code == 401


# --------------------------------------------------------------------------- saving


def test_simpan_json(perencana, bappeda, item, django_assert_max_num_queries):
    # session, user, renja, membership, which of the rows named are the Renja's (one per kind of row:
    # kerja.grid.Lembar.milik_dari), then per object: claim, load, save, history; the import findings
    # of the cells filled closed in one (kerja.ruang_kerja.LembarRenja.sesudah_simpan)
    with django_assert_max_num_queries(12):
        response = post(
            perencana,
            RK + "simpan/",
            {
                "perubahan": [
                    {"kolom": "pagu", "id": item.pk, "nilai": "1,250,000", "versi": item.versi, "baris": "x"},
                    {"kolom": "lokasi", "id": item.pk, "nilai": "Kec. Taktakan", "versi": item.versi},
                ]
            },
        )
    assert response.status_code == 200
    saved = response.json()["tersimpan"]
    assert {s["tampil"] for s in saved} == {"1.250.000", "Kec. Taktakan"}
    assert {s["obj"] for s in saved} == {f"sub:{item.pk}"} and {s["versi"] for s in saved} == {item.versi + 1}
    item.refresh_from_db()
    assert item.pagu == D("1250000") and item.lokasi == "Kec. Taktakan"


def test_simpan_sel_salah_dikembalikan_per_sel(perencana, item):
    response = post(
        perencana,
        RK + "simpan/",
        {
            "perubahan": [
                {"kolom": "lokasi", "id": item.pk, "nilai": "Baru", "versi": item.versi, "baris": "5.01"},
                {"kolom": "pagu", "id": item.pk, "nilai": "dua juta", "versi": item.versi, "baris": "5.01"},
            ]
        },
    )
    assert response.status_code == 400
    [error] = response.json()["kesalahan"]
    assert error["kolom"] == "pagu" and error["id"] == item.pk
    assert error["pesan"].startswith("Baris 5.01, kolom Pagu indikatif tahun n: 'dua juta' bukan angka")
    item.refresh_from_db()
    assert item.lokasi != "Baru"


def test_simpan_konflik_409(client, perencana, bappeda, item):
    other = User.objects.create_user("perencana.dua", first_name="Dewi")
    Keanggotaan.objects.create(user=other, pemda=bappeda.opd.pemda, opd=bappeda.opd, peran="perencana")
    cell = {"kolom": "pagu", "id": item.pk, "versi": item.versi}
    from django.test import Client

    assert (
        post(masuk(Client(), "perencana.dua"), RK + "simpan/", {"perubahan": [{**cell, "nilai": "5"}]}).status_code
        == 200
    )
    response = post(perencana, RK + "simpan/", {"perubahan": [{**cell, "nilai": "7"}]})
    assert response.status_code == 409
    [konflik] = response.json()["konflik"]
    assert konflik["oleh"] == "Dewi" and konflik["nilai_lain"] == "5" and konflik["versi"] == item.versi + 1
    assert konflik["obj"] == f"sub:{item.pk}"


@pytest.mark.parametrize("body", ["bukan json", json.dumps({"perubahan": [{"kolom": "pagu"}]}), json.dumps({})])
def test_permintaan_rusak_400(perencana, body):
    response = perencana.post(RK + "simpan/", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["kesalahan"][0]["pesan"] == "Permintaan tidak dapat dibaca."


def test_simpan_dilarang_untuk_reviewer_dan_opd_lain(client, item):
    data = {"perubahan": [{"kolom": "lokasi", "id": item.pk, "nilai": "X", "versi": item.versi}]}
    response = post(masuk(client, "reviewer"), RK + "simpan/", data)
    assert response.status_code == 403 and "tidak berhak" in response.json()["kesalahan"][0]["pesan"]
    hidden = post(masuk(client, "perencana.kominfo"), RK + "simpan/", data)
    assert hidden.status_code == 404 and "tidak berhak melihatnya" in hidden.json()["kesalahan"][0]["pesan"]
    item.refresh_from_db()
    assert item.lokasi != "X"


def test_simpan_tanpa_csrf_ditolak(item):
    from django.test import Client

    client = masuk(Client(enforce_csrf_checks=True), "perencana.bappeda")
    data = {"perubahan": [{"kolom": "lokasi", "id": item.pk, "nilai": "X", "versi": item.versi}]}
    assert post(client, RK + "simpan/", data).status_code == 403


# --------------------------------------------------------------------------- findings, history


def test_temuan_json_berubah_setelah_simpan(perencana, bappeda):
    before = perencana.get(RK + "temuan/").json()
    assert before["error"] == 6
    ind = Indikator.objects.get(
        sub_kegiatan__nomenklatur__kode="5.01.01.2.01.06", nama="Jumlah Laporan Evaluasi Bulanan"
    )
    data = {"perubahan": [{"kolom": "sifat", "id": ind.pk, "nilai": "Non-kumulatif", "versi": ind.versi}]}
    assert post(perencana, RK + "simpan/", data).status_code == 200
    assert perencana.get(RK + "temuan/").json()["error"] == 5


def test_riwayat_menunjukkan_siapa_dan_dari_ke(perencana, item):
    old = item.lokasi
    post(
        perencana,
        RK + "simpan/",
        {"perubahan": [{"kolom": "lokasi", "id": item.pk, "nilai": "Kec. Walantaka", "versi": item.versi}]},
    )
    html = perencana.get(RK + f"riwayat/sub/{item.pk}/").content.decode()
    first = html.index("<li>")
    entry = html[first : html.index("</li>", first)]
    assert "Perencana Bappeda" in entry and "Lokasi" in entry
    assert f"<del>{old}</del>" in entry and "<ins>Kec. Walantaka</ins>" in entry


def test_riwayat_baris_renja_lain_404(perencana, kominfo):
    other = RenjaSubKegiatan.objects.filter(renja=kominfo).first()
    ind = Indikator.objects.filter(sub_kegiatan=other.sub_kegiatan).first()
    assert perencana.get(RK + f"riwayat/sub/{other.pk}/").status_code == 404
    assert perencana.get(RK + f"riwayat/indikator/{ind.pk}/").status_code == 404


# --------------------------------------------------------------------------- structure


def test_cari_dan_tambah_sub_kegiatan(perencana, bappeda):
    hasil = perencana.get(RK + "nomenklatur/?q=musrenbang kecamatan").json()["hasil"]
    [baru] = [h for h in hasil if not h["ada"]]
    assert baru["kode"] == "5.01.02.2.01.06"
    assert post(perencana, RK + "tambah-sub-kegiatan/", {"nomenklatur": baru["id"]}).status_code == 200
    item = RenjaSubKegiatan.objects.get(renja=bappeda, sub_kegiatan__nomenklatur__kode="5.01.02.2.01.06")
    assert item.history.first().history_user.username == "perencana.bappeda"
    assert 'id="n-5.01.02.2.01.06"' in perencana.get(RK).content.decode()
    again = post(perencana, RK + "tambah-sub-kegiatan/", {"nomenklatur": baru["id"]})
    assert again.status_code == 400 and "sudah ada" in again.json()["kesalahan"][0]["pesan"]


def test_cari_dengan_kode_bersepasi(perencana):
    hasil = perencana.get(RK + "nomenklatur/?q=5.01.02.2 .01.0").json()["hasil"]
    assert hasil and all(h["kode"].startswith("5.01.02.2.01.0") for h in hasil)


def test_tambah_sub_kegiatan_bidang_lain_ditolak(perencana, bappeda):
    lain = Nomenklatur.objects.filter(level="sub_kegiatan").exclude(kode__startswith="5.").first()
    bidang = bappeda.opd.bidang_urusan.exists()
    response = post(perencana, RK + "tambah-sub-kegiatan/", {"nomenklatur": lain.pk})
    assert (
        bidang
        and response.status_code == 400
        and "bukan bidang urusan BAPPEDA" in response.json()["kesalahan"][0]["pesan"]
    )


def test_program_dan_kegiatan_dibuat_bila_belum_ada(perencana, bappeda):
    kode = {p.nomenklatur.kode for p in Program.objects.filter(opd=bappeda.opd).select_related("nomenklatur")}
    nom = (
        Nomenklatur.objects.filter(level="sub_kegiatan", kode__startswith="5.05.")
        .exclude(induk__induk__kode__in=kode)
        .first()
    )
    assert post(perencana, RK + "tambah-sub-kegiatan/", {"nomenklatur": nom.pk}).status_code == 200
    sub = SubKegiatan.objects.get(nomenklatur=nom, kegiatan__program__opd=bappeda.opd)
    assert sub.kegiatan.nomenklatur == nom.induk and sub.kegiatan.program.nomenklatur == nom.induk.induk


def test_keluarkan_sub_kegiatan_dan_versi(perencana, bappeda, item):
    stale = post(perencana, RK + "hapus-sub-kegiatan/", {"id": item.pk, "versi": item.versi + 5})
    assert stale.status_code == 400 and RenjaSubKegiatan.objects.filter(pk=item.pk).exists()
    assert post(perencana, RK + "hapus-sub-kegiatan/", {"id": item.pk, "versi": item.versi}).status_code == 200
    assert not RenjaSubKegiatan.objects.filter(pk=item.pk).exists()
    assert SubKegiatan.objects.filter(pk=item.sub_kegiatan_id).exists()  # the node stays for other years


def test_tambah_dan_hapus_indikator(perencana, item):
    response = post(
        perencana,
        RK + "tambah-indikator/",
        {"tingkat": "sub_kegiatan", "node": item.sub_kegiatan_id, "nama": "Jumlah peserta rapat"},
    )
    assert response.status_code == 200
    ind = Indikator.objects.get(sub_kegiatan=item.sub_kegiatan, nama="Jumlah peserta rapat")
    post(perencana, RK + "simpan/", {"perubahan": [{"kolom": "target", "id": ind.pk, "nilai": "40", "versi": 0}]})
    assert post(perencana, RK + "hapus-indikator/", {"id": ind.pk, "versi": ind.versi}).status_code == 200
    assert not Indikator.objects.filter(pk=ind.pk).exists()


def test_indikator_dengan_target_renstra_tidak_dapat_dihapus(perencana, bappeda):
    ind = Indikator.objects.filter(
        target__jenis=Target.Jenis.AKHIR_RENSTRA, sub_kegiatan__renja_item__renja=bappeda
    ).first()
    response = post(perencana, RK + "hapus-indikator/", {"id": ind.pk, "versi": ind.versi})
    assert response.status_code == 400 and "tidak dapat dihapus" in response.json()["kesalahan"][0]["pesan"]
    assert Indikator.objects.filter(pk=ind.pk).exists()


@pytest.mark.parametrize("username,status", [("reviewer", 403), ("perencana.kominfo", 404)])
@pytest.mark.parametrize("aksi", ["tambah-sub-kegiatan", "hapus-sub-kegiatan", "tambah-indikator", "hapus-indikator"])
def test_struktur_dilarang(client, bappeda, item, aksi, username, status):
    nom = Nomenklatur.objects.get(kode="5.01.02.2.01.06", versi=bappeda.opd.pemda.nomenklatur_versi)
    data = {
        "nomenklatur": nom.pk,
        "id": item.pk,
        "versi": item.versi,
        "tingkat": "sub_kegiatan",
        "node": item.sub_kegiatan_id,
        "nama": "x",
    }
    before = (RenjaSubKegiatan.objects.filter(renja=bappeda).count(), Indikator.objects.count())
    assert post(masuk(client, username), RK + f"{aksi}/", data).status_code == status
    assert (RenjaSubKegiatan.objects.filter(renja=bappeda).count(), Indikator.objects.count()) == before


# --------------------------------------------------------------------------- submission


def test_ajukan_ditolak_selama_ada_error(perencana, bappeda):
    response = perencana.post(RK + "ajukan/", follow=True)
    bappeda.refresh_from_db()
    assert bappeda.status == "draf"
    assert "Belum dapat diajukan" in response.content.decode()


def test_ajukan_mengunci_renja(perencana, bappeda, item):
    siapkan_pengajuan(bappeda)
    response = perencana.post(RK + "ajukan/", follow=True)
    bappeda.refresh_from_db()
    assert bappeda.status == "diajukan" and "telah diajukan ke Bappeda" in response.content.decode()
    assert bappeda.history.first().history_user.username == "perencana.bappeda"
    data = {"perubahan": [{"kolom": "lokasi", "id": item.pk, "nilai": "X", "versi": item.versi}]}
    locked = post(perencana, RK + "simpan/", data)
    assert locked.status_code == 400 and "tidak dapat diubah" in locked.json()["kesalahan"][0]["pesan"]
    assert "rk-grid dapat-diubah" not in perencana.get(RK).content.decode()


def test_renja_dikembalikan_terbuka_lagi(perencana, bappeda, item):
    Renja.objects.filter(pk=bappeda.pk).update(status="dikembalikan")
    data = {"perubahan": [{"kolom": "lokasi", "id": item.pk, "nilai": "Kec. Cipocok Jaya", "versi": item.versi}]}
    assert post(perencana, RK + "simpan/", data).status_code == 200


def test_ditetapkan_hanya_dibaca_juga_untuk_admin(client, bappeda, item):
    Renja.objects.filter(pk=bappeda.pk).update(status="ditetapkan")
    admin = masuk(client, "admin")
    assert "rk-grid dapat-diubah" not in admin.get(RK).content.decode()
    data = {"perubahan": [{"kolom": "lokasi", "id": item.pk, "nilai": "X", "versi": item.versi}]}
    assert post(admin, RK + "simpan/", data).status_code == 400


@pytest.mark.parametrize("username,status", [("reviewer", 403), ("perencana.kominfo", 404)])
def test_ajukan_dilarang(client, bappeda, username, status):
    siapkan_pengajuan(bappeda)
    assert masuk(client, username).post(RK + "ajukan/").status_code == status
    bappeda.refresh_from_db()
    assert bappeda.status == "draf"


def test_dikembalikan_menampilkan_catatan_bappeda_di_samping_baris(perencana, bappeda, kominfo, item):
    from renja.models import Komentar

    reviewer = User.objects.get(username="reviewer")
    Renja.objects.filter(pk=bappeda.pk).update(status="dikembalikan")
    Komentar.objects.create(renja=bappeda, penulis=reviewer, isi="Sesuaikan pagu dengan plafon KUA-PPAS.")
    Komentar.objects.create(renja=bappeda, item=item, penulis=reviewer, isi="Lokasi terlalu umum, sebutkan kecamatan.")
    lain = RenjaSubKegiatan.objects.filter(renja=kominfo).first()
    Komentar.objects.create(renja=kominfo, item=lain, penulis=reviewer, isi="Catatan untuk Kominfo.")
    html = perencana.get(RK).content.decode()
    assert "dikembalikan oleh Bappeda" in html and "Sesuaikan pagu dengan plafon KUA-PPAS." in html
    row = html[html.index(f'id="n-{item.sub_kegiatan.nomenklatur.kode}"') :]
    row = row[: row.index("</tr>")]
    assert "Lokasi terlalu umum, sebutkan kecamatan." in row and "(diskusi)" in row
    assert "Catatan untuk Kominfo." not in html
    assert 'class="rk-grid dapat-diubah"' in html  # returned: open again for the planner


def test_catatan_penting_review_menghapus_error_dan_tersimpan_di_rancangan_awal(perencana, bappeda):
    from laporan.builders.review import catatan_review, review_rkpd
    from renja.models import RancanganAwal

    nodes = catatan_review(review_rkpd(bappeda))
    assert [n.kode for n in nodes] == ["5.01.02.2.01", "5.01.03.2.01.08", "5.01.03.2.03.08"]  # BAP:814, 860–861, 903
    html = perencana.get(RK).content.decode()
    assert html.count('class="catatan-review"') == 3
    first = nodes[0]
    data = {
        "perubahan": [
            {"kolom": "catatan_review", "id": first.kunci[1], "nilai": "Lokasi dirinci.", "versi": first.kunci[2]}
        ]
    }
    assert post(perencana, RK + "simpan/", data).status_code == 200
    assert RancanganAwal.objects.get(pk=first.kunci[1]).catatan_penting == "Lokasi dirinci."
    assert perencana.get(RK + "temuan/").json()["error"] == 5
    other = RancanganAwal.objects.exclude(opd=bappeda.opd).first() or RancanganAwal.objects.exclude(tahun=2022).first()
    if other is not None:
        data = {"perubahan": [{"kolom": "catatan_review", "id": other.pk, "nilai": "x", "versi": other.versi}]}
        assert post(perencana, RK + "simpan/", data).status_code == 400


# --------------------------------------------------------------------------- a new indicator, the panels


def jenis(**lain):
    return {"satuan": "%", "tipe_nilai": "persen", "sifat": "non_kumulatif", "polaritas": "positif", **lain}


def test_indikator_baru_dengan_jenis_yang_dipilih(perencana, item):
    data = {"tingkat": "sub_kegiatan", "node": item.sub_kegiatan_id, "nama": "Persentase undangan hadir"}
    response = post(
        perencana, RK + "tambah-indikator/", {**data, "jenis": jenis(polaritas="negatif", metode_negatif="selisih")}
    )
    assert response.status_code == 200
    ind = Indikator.objects.get(sub_kegiatan=item.sub_kegiatan, nama="Persentase undangan hadir")
    assert (ind.satuan, ind.tipe_nilai, ind.sifat, ind.polaritas, ind.metode_negatif) == (
        "%",
        "persen",
        "non_kumulatif",
        "negatif",
        "selisih",
    )
    assert ind.history.first().history_user.username == "perencana.bappeda"


@pytest.mark.parametrize(
    "lain,pesan",
    [
        ({"sifat": "kumulatif"}, "Hanya indikator angka yang boleh kumulatif"),
        ({"polaritas": "negatif"}, "wajib memilih metode capaian"),
        ({"tipe_nilai": "rasio"}, "Tipe nilai 'rasio' tidak dikenal; pilih salah satu: Angka, Persen"),
        ({"tipe_nilai": "kategori"}, "skala berurutan (minimal 2 tingkat)"),
    ],
)
def test_indikator_baru_ditolak_dengan_pesan_indonesia(perencana, item, lain, pesan):
    before = Indikator.objects.count()
    data = {"tingkat": "sub_kegiatan", "node": item.sub_kegiatan_id, "nama": "Persentase X", "jenis": jenis(**lain)}
    response = post(perencana, RK + "tambah-indikator/", data)
    assert response.status_code == 400
    assert pesan in " ".join(k["pesan"] for k in response.json()["kesalahan"])
    assert Indikator.objects.count() == before


def test_indikator_kategori_dengan_skala(perencana, item):
    data = {
        "tingkat": "sub_kegiatan",
        "node": item.sub_kegiatan_id,
        "nama": "Predikat inovasi",
        "jenis": jenis(satuan="", tipe_nilai="kategori", skala_kategori=["Kurang", " Inovatif ", ""]),
    }
    assert post(perencana, RK + "tambah-indikator/", data).status_code == 200
    assert Indikator.objects.get(nama="Predikat inovasi").skala_kategori == ["Kurang", "Inovatif"]


def test_halaman_menawarkan_formulir_indikator(perencana):
    html = perencana.get(RK).content.decode()
    assert '<dialog id="dialog-indikator"' in html and "window.prompt" not in html
    assert '<option value="non_kumulatif">Non-kumulatif (posisi akhir)</option>' in html
    assert 'role="grid"' in html and 'id="alasan-ajukan"' in html and "perbaiki 6 galat" in html


def test_panel_menyebut_kode_dan_nama_baris(perencana, item, django_assert_max_num_queries):
    nama = item.sub_kegiatan.nomenklatur.nama
    for url in (f"riwayat/sub/{item.pk}/", f"komentar/sub/{item.pk}/"):
        with django_assert_max_num_queries(12):
            html = perencana.get(RK + url).content.decode()
        assert f"<strong>{item.sub_kegiatan.nomenklatur.kode}</strong> {nama}" in html
    ind = Indikator.objects.filter(sub_kegiatan=item.sub_kegiatan).first()
    html = perencana.get(RK + f"komentar/indikator/{ind.pk}/").content.decode()
    assert item.sub_kegiatan.nomenklatur.kode in html and f"Indikator: {ind.nama}" in html
