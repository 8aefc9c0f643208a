"""The list tables over HTTP (kerja/daftar.py): T-C.32 and Tabel 4.1–4.4 as grids whose rows the
planner adds and removes, under the Renja's lock, with history, refusals naming row, column and
value, the forbidden cases and bounded queries."""

import json
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from evaluasi.periksa import periksa_renja
from kerja.daftar import TABEL
from laporan.builders.usulan import usulan_pemangku
from renja.models import Kegiatan, ProgramPrioritas, RencanaPendapatan, Renja, RenjaSubKegiatan, UsulanPemangku

User = get_user_model()
R = "/renja/BAPPEDA/2022/tabel-isian/"


def masuk(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def sel(kolom, obj, nilai, baris="1"):
    return {"kolom": kolom, "id": obj.pk, "nilai": nilai, "versi": obj.versi, "baris": baris}


@pytest.fixture
def perencana(client, db):
    return masuk(client, "perencana.bappeda")


def tambah(client, slug):
    response = post(client, R + f"{slug}/tambah/", {})
    assert response.status_code == 200, response.content
    return response.json()["id"]


# --------------------------------------------------------------------------- pages


# Queries per page: session, user, Renja, the rows, their history, choices; the tables whose page
# shows the checker's findings add periksa_renja's own (about 10).
QUERY = {  # the tables with checker findings: + 1 for the import findings (TemuanImpor)
    "usulan-pemangku": 19,
    "rencana-pendapatan": 8,
    "program-unggulan": 21,
    "program-mendesak": 21,
    "usulan-renja-kl": 8,
}


@pytest.mark.parametrize("slug", list(TABEL))
def test_halaman_setiap_tabel(perencana, bappeda, slug, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERY[slug]):
        response = perencana.get(R + f"{slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="tambah-baris"' in html and 'class="rk-grid dapat-diubah"' in html
    assert TABEL[slug].JUDUL in html and "Renja BAPPEDA 2022" in html  # title, breadcrumb


def test_jumlah_query_tidak_tumbuh_dengan_baris(perencana, bappeda, django_assert_max_num_queries):
    for i in range(30):
        UsulanPemangku.objects.create(renja=bappeda, urutan=i, program_kegiatan=f"Usulan {i}")
    with django_assert_max_num_queries(QUERY["usulan-pemangku"]):
        response = perencana.get(R + "usulan-pemangku/")
    assert response.content.decode().count('class="hapus-baris"') == 30


def test_halaman_renja_menautkan_tabel_isian(perencana, bappeda):
    html = perencana.get("/renja/BAPPEDA/2022/").content.decode()
    menyusun = html[html.index('<ul id="menyusun">') : html.index("</ul>", html.index('<ul id="menyusun">'))]
    for slug in TABEL:
        assert f"{R}{slug}/" in menyusun


def test_tabel_tidak_dikenal_404(perencana, bappeda):
    assert perencana.get(R + "tidak-ada/").status_code == 404
    assert post(perencana, R + "tidak-ada/tambah/", {}).status_code == 404


# --------------------------------------------------------------------------- T-C.32


def test_tambah_dan_isi_usulan_pemangku(perencana, bappeda):
    pk = tambah(perencana, "usulan-pemangku")
    usulan = UsulanPemangku.objects.get(pk=pk)
    assert usulan.renja == bappeda and usulan.sumber == "" and usulan.status == ""
    response = post(
        perencana,
        R + "usulan-pemangku/simpan/",
        {
            "perubahan": [
                sel("sumber", usulan, "Pokok Pikiran DPRD"),
                sel("program_kegiatan", usulan, "Pelatihan literasi digital"),
                sel("status", usulan, "tidak diakomodasi"),
                sel("alasan", usulan, "Bukan kewenangan Bappeda"),
            ]
        },
    )
    assert response.status_code == 200, response.content
    usulan.refresh_from_db()
    assert (usulan.sumber, usulan.status, usulan.versi) == ("pokir_dprd", "tidak_diakomodasi", 2)
    # history: who added the row and who filled it
    assert [h.history_user.username for h in usulan.history.all()] == ["perencana.bappeda"] * 2
    # the printed table shows the source and the status with its reason
    (baris,) = usulan_pemangku(bappeda).baris
    shown = [c.nilai for c in baris.sel]
    assert shown[1] == "Pokok Pikiran DPRD"
    assert shown[6] == "Tidak diakomodasi: Bukan kewenangan Bappeda"
    # and the page's history says it, by row and column
    html = perencana.get(R + "usulan-pemangku/").content.decode()
    riwayat = html[html.index('id="riwayat"') :]
    assert "Baris 1 ditambahkan" in riwayat
    assert "Baris 1, Sumber usulan: <del>(kosong)</del> → <ins>Pokok Pikiran DPRD</ins>" in riwayat


def test_usulan_tidak_diakomodasi_tanpa_alasan_memblokir(bappeda):
    usulan = UsulanPemangku.objects.create(
        renja=bappeda, urutan=1, program_kegiatan="Wifi taman", sumber="forum_pd", status="tidak_diakomodasi"
    )
    (temuan,) = [t for t in periksa_renja(bappeda) if t.jenis == "usulan_pemangku"]
    assert temuan.memblokir and temuan.lokasi == "Tabel T-C.32 baris 1: Wifi taman, kolom Alasan"
    usulan.alasan = "Anggaran tidak cukup"
    usulan.save()
    assert not [t for t in periksa_renja(bappeda) if t.jenis == "usulan_pemangku"]


def test_usulan_tanpa_sumber_dan_status_memblokir(bappeda):
    UsulanPemangku.objects.create(renja=bappeda, urutan=1, program_kegiatan="Jalan lingkungan")
    temuan = [t for t in periksa_renja(bappeda) if t.jenis == "usulan_pemangku"]
    assert sorted(t.lokasi.rsplit(", ", 1)[1] for t in temuan) == ["kolom Status", "kolom Sumber"]
    assert all(t.memblokir for t in temuan)


def test_pilihan_yang_salah_ditolak_dengan_baris_kolom_nilai(perencana, bappeda):
    usulan = UsulanPemangku.objects.create(renja=bappeda, urutan=1, program_kegiatan="Wifi taman")
    response = post(
        perencana, R + "usulan-pemangku/simpan/", {"perubahan": [sel("sumber", usulan, "reses", "1 (Wifi taman)")]}
    )
    assert response.status_code == 400
    (pesan,) = [k["pesan"] for k in response.json()["kesalahan"]]
    assert pesan.startswith("Baris 1 (Wifi taman), kolom Sumber usulan: 'reses' bukan pilihan yang sah")
    usulan.refresh_from_db()
    assert usulan.sumber == "" and usulan.versi == 1


def test_karakter_kendali_ditolak_di_setiap_basis_data(perencana, bappeda):
    """A NUL pasted from a binary file: named and refused (PostgreSQL could not store it)."""
    usulan = UsulanPemangku.objects.create(renja=bappeda, urutan=1, program_kegiatan="Wifi taman")
    cells = [sel("lokasi", usulan, "Kel.\x00 Cipare", "1 (Wifi taman)")]
    response = post(perencana, R + "usulan-pemangku/simpan/", {"perubahan": cells})
    assert response.status_code == 400
    (pesan,) = [k["pesan"] for k in response.json()["kesalahan"]]
    assert pesan.startswith("Baris 1 (Wifi taman), kolom Lokasi:") and "karakter kendali (kode 0)" in pesan
    usulan.refresh_from_db()
    assert usulan.lokasi == "" and usulan.versi == 1


# --------------------------------------------------------------------------- Tabel 4.1


def test_pendapatan_angka_salah_ditolak_seluruh_kiriman(perencana, bappeda):
    pk = tambah(perencana, "rencana-pendapatan")
    row = RencanaPendapatan.objects.get(pk=pk)
    assert row.target == 0  # a new row's target is 0, shown as such
    response = post(
        perencana,
        R + "rencana-pendapatan/simpan/",
        {"perubahan": [sel("kode_akun", row, "4.1.02.01"), sel("target", row, "1,5 juta", "1")]},
    )
    assert response.status_code == 400
    (pesan,) = [k["pesan"] for k in response.json()["kesalahan"]]
    assert pesan.startswith("Baris 1, kolom Target penganggaran (Rp): ") and "1,5 juta" in pesan
    row.refresh_from_db()
    assert row.kode_akun == "" and row.versi == 1  # nothing half-written


def test_pendapatan_wajib_tidak_boleh_dikosongkan(perencana, bappeda):
    row = RencanaPendapatan.objects.create(renja=bappeda, urutan=1, kode_akun="4.1.02.01", uraian="Retribusi", target=5)
    response = post(perencana, R + "rencana-pendapatan/simpan/", {"perubahan": [sel("target", row, "")]})
    assert response.status_code == 400
    assert response.json()["kesalahan"][0]["pesan"] == "Baris 1, kolom Target penganggaran (Rp): wajib diisi."


def test_pendapatan_tersimpan_dan_konflik(perencana, bappeda):
    row = RencanaPendapatan.objects.create(renja=bappeda, urutan=1, kode_akun="4.1.02.01", uraian="Retribusi", target=5)
    ok = post(perencana, R + "rencana-pendapatan/simpan/", {"perubahan": [sel("target", row, "1.250.000,50")]})
    assert ok.status_code == 200 and ok.json()["tersimpan"][0]["tampil"] == "1.250.000,5"
    row.refresh_from_db()
    assert row.target == D("1250000.50")
    stale = post(perencana, R + "rencana-pendapatan/simpan/", {"perubahan": [{**sel("target", row, "7"), "versi": 1}]})
    assert stale.status_code == 409
    assert "sudah diubah oleh" in stale.json()["konflik"][0]["pesan"]


# --------------------------------------------------------------------------- rows added and removed


def test_hapus_baris_menomori_ulang(perencana, bappeda):
    rows = [
        ProgramPrioritas.objects.get(renja=bappeda, jenis="unggulan"),
        *[ProgramPrioritas.objects.get(pk=tambah(perencana, "program-unggulan")) for _ in range(2)],
    ]
    assert [r.nomor for r in rows] == [1, 2, 3]
    response = post(perencana, R + "program-unggulan/hapus/", {"id": rows[0].pk, "versi": rows[0].versi})
    assert response.status_code == 200
    left = list(ProgramPrioritas.objects.filter(renja=bappeda, jenis="unggulan").order_by("nomor"))
    assert [(r.pk, r.nomor) for r in left] == [(rows[1].pk, 1), (rows[2].pk, 2)]
    deleted = ProgramPrioritas.history.filter(id=rows[0].pk, history_type="-").get()
    assert deleted.history_user.username == "perencana.bappeda"
    # Tabel 4.3 is untouched
    assert ProgramPrioritas.objects.filter(renja=bappeda, jenis="mendesak").count() == 1


def test_hapus_versi_lama_ditolak(perencana, bappeda):
    row = RencanaPendapatan.objects.create(renja=bappeda, urutan=1, kode_akun="4.1", uraian="Retribusi", target=5)
    response = post(perencana, R + "rencana-pendapatan/hapus/", {"id": row.pk, "versi": row.versi + 1})
    assert response.status_code == 400 and "sudah diubah orang lain" in response.json()["kesalahan"][0]["pesan"]
    assert RencanaPendapatan.objects.filter(pk=row.pk).exists()


def test_baris_tabel_lain_atau_renja_lain_ditolak(perencana, bappeda, kominfo):
    lain = RencanaPendapatan.objects.create(renja=kominfo, urutan=1, kode_akun="4.1", uraian="Retribusi", target=5)
    mendesak = ProgramPrioritas.objects.get(renja=bappeda, jenis="mendesak")
    response = post(perencana, R + "rencana-pendapatan/simpan/", {"perubahan": [sel("uraian", lain, "x")]})
    assert response.status_code == 400 and "bukan bagian dari" in response.json()["kesalahan"][0]["pesan"]
    assert post(perencana, R + "rencana-pendapatan/hapus/", {"id": lain.pk, "versi": 1}).status_code == 400
    assert post(perencana, R + "program-unggulan/hapus/", {"id": mendesak.pk, "versi": 1}).status_code == 400
    assert RencanaPendapatan.objects.filter(pk=lain.pk).exists()
    assert ProgramPrioritas.objects.filter(pk=mendesak.pk).exists()


# --------------------------------------------------------------------------- Tabel 4.2/4.3 and its node


def test_prioritas_terkait_kegiatan_dan_pagu_diperiksa(perencana, bappeda):
    row = ProgramPrioritas.objects.get(renja=bappeda, jenis="unggulan")
    assert row.sub_kegiatan.kode == "5.01.03.2.02.08"  # demo: pagu 2022 = Rp 350.000.000 (BAP:1304)
    response = post(perencana, R + "program-unggulan/simpan/", {"perubahan": [sel("pagu", row, "400.000.000")]})
    assert response.status_code == 200
    (temuan,) = [t for t in periksa_renja(bappeda) if t.jenis == "prioritas_node"]
    assert temuan.memblokir and temuan.lokasi.startswith("Tabel 4.2 baris 1, kolom Pagu Indikatif")
    assert "Rp 50.000.000" in temuan.pesan  # 400 M − 350 M
    # the page shows that finding beside the table
    assert "Rp 50.000.000" in perencana.get(R + "program-unggulan/").content.decode()
    # linked to the kegiatan above it instead (by its code): the kegiatan's pagu is the sum of its
    # sub kegiatan, worked out here from the rows
    row.refresh_from_db()
    kegiatan = Kegiatan.objects.get(pk=row.sub_kegiatan.kegiatan_id)
    response = post(perencana, R + "program-unggulan/simpan/", {"perubahan": [sel("terkait", row, kegiatan.kode)]})
    assert response.status_code == 200, response.content
    row.refresh_from_db()
    assert row.kegiatan == kegiatan and row.sub_kegiatan is None
    riwayat = perencana.get(R + "program-unggulan/").content.decode()
    assert "<del>5.01.03.2.02.08 " in riwayat and f"<ins>{kegiatan.kode} {kegiatan.nama}</ins>" in riwayat
    total = sum(i.pagu or 0 for i in RenjaSubKegiatan.objects.filter(renja=bappeda, sub_kegiatan__kegiatan=kegiatan))
    found = [t for t in periksa_renja(bappeda) if t.jenis == "prioritas_node"]
    assert (found == []) == (D("400000000") <= total)


def test_prioritas_node_di_luar_renja_ditolak(perencana, bappeda, kominfo):
    row = ProgramPrioritas.objects.get(renja=bappeda, jenis="mendesak")
    kode_lain = RenjaSubKegiatan.objects.filter(renja=kominfo).select_related("sub_kegiatan__nomenklatur").first()
    response = post(
        perencana,
        R + "program-mendesak/simpan/",
        {"perubahan": [sel("terkait", row, kode_lain.sub_kegiatan.kode)]},
    )
    assert response.status_code == 400
    assert f"'{kode_lain.sub_kegiatan.kode}' tidak dikenal" in response.json()["kesalahan"][0]["pesan"]


def test_prioritas_tanpa_sub_kegiatan_tidak_dapat_ditambah(perencana, bappeda):
    RenjaSubKegiatan.objects.filter(renja=bappeda).delete()
    ProgramPrioritas.objects.filter(renja=bappeda).delete()
    response = post(perencana, R + "program-mendesak/tambah/", {})
    assert response.status_code == 400 and "belum mempunyai sub kegiatan" in response.json()["kesalahan"][0]["pesan"]


# --------------------------------------------------------------------------- lock and access


@pytest.mark.parametrize("status", ["diajukan", "diverifikasi", "ditetapkan"])
def test_renja_terkunci(perencana, bappeda, status):
    row = RencanaPendapatan.objects.create(renja=bappeda, urutan=1, kode_akun="4.1", uraian="Retribusi", target=5)
    Renja.objects.filter(pk=bappeda.pk).update(status=status)
    html = perencana.get(R + "rencana-pendapatan/").content.decode()
    assert 'id="tambah-baris"' not in html and "hanya dapat dibaca" in html
    for url, data in (
        ("tambah/", {}),
        ("hapus/", {"id": row.pk, "versi": row.versi}),
        ("simpan/", {"perubahan": [sel("uraian", row, "Pajak")]}),
    ):
        response = post(perencana, R + "rencana-pendapatan/" + url, data)
        assert response.status_code == 400 and "tidak dapat diubah" in response.json()["kesalahan"][0]["pesan"]
    row.refresh_from_db()
    assert (row.uraian, RencanaPendapatan.objects.filter(renja=bappeda).count()) == ("Retribusi", 1)


def test_terlarang(client, bappeda):
    row = RencanaPendapatan.objects.create(renja=bappeda, urutan=1, kode_akun="4.1", uraian="Retribusi", target=5)
    lain = masuk(client, "perencana.kominfo")
    assert lain.get(R + "rencana-pendapatan/").status_code == 404
    assert post(lain, R + "rencana-pendapatan/tambah/", {}).status_code == 404
    assert post(lain, R + "rencana-pendapatan/hapus/", {"id": row.pk, "versi": 1}).status_code == 404
    reviewer = masuk(client, "reviewer")
    html = reviewer.get(R + "rencana-pendapatan/").content.decode()
    assert 'id="tambah-baris"' not in html and "tidak dapat mengubahnya" in html
    assert post(reviewer, R + "rencana-pendapatan/tambah/", {}).status_code == 403
    assert post(reviewer, R + "rencana-pendapatan/hapus/", {"id": row.pk, "versi": 1}).status_code == 403
    assert post(reviewer, R + "rencana-pendapatan/simpan/", {"perubahan": [sel("uraian", row, "x")]}).status_code == 403
    assert RencanaPendapatan.objects.filter(renja=bappeda).count() == 1
