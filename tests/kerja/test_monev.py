"""Quarterly monitoring: the triwulan lock (evaluasi.monev), the monev grid's saves, the triwulan
report's workflow (kerja.alur.AKSI_MONEV), Bappeda's schedule, reopenings and city view, the
evaluation form and Tabel 2.1 reading the same realisasi, and the imports refusing a locked
triwulan."""

import json
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.models import RealisasiAnggaran
from evaluasi.models import (
    BukaKembali,
    CatatanMonev,
    JadwalMonev,
    LaporanTriwulan,
    PenjelasanTriwulan,
    RealisasiKinerja,
)
from evaluasi.monev import Keadaan, keadaan_renja
from evaluasi.rekap import rekap_tc29
from laporan.builders.evaluasi_hasil import evaluasi_hasil_renja
from laporan.impor import JENIS
from renja.berkas import BerkasTidakSah
from renja.models import (
    Indikator,
    Kegiatan,
    PerangkatDaerah,
    Program,
    Renja,
    RenjaSubKegiatan,
    Renstra,
    SubKegiatan,
    Target,
)
from tests.pembantu import masuk, xlsx

R = "/renja/BAPPEDA/2022/monev/"
HARI = date(2022, 4, 15)


def simpan(client, *cells, tw="tw1"):
    body = {
        "tw": tw,
        "perubahan": [dict(zip(("kolom", "id", "nilai", "versi", "baris"), c, strict=False)) for c in cells],
    }
    return client.post(R + "simpan/", json.dumps(body), content_type="application/json")


def indikator(renja, **filters):
    return Indikator.objects.for_renja(renja).filter(tipe_nilai="angka", **filters).order_by("pk").first()


# --------------------------------------------------------------------------- the lock


def test_kunci_triwulan():
    jadwal = JadwalMonev(tahun=2022, periode="tw1", dibuka=date(2022, 4, 1), ditutup=date(2022, 4, 10))
    k = Keadaan(2022, "tw1")
    assert k.kunci(HARI) == ""  # no schedule: open
    k.jadwal = jadwal
    assert k.kunci(date(2022, 3, 31)) == "Pengisian Triwulan I 2022 baru dibuka 01-04-2022."
    assert k.kunci(date(2022, 4, 10)) == ""  # the close day is still open
    assert "ditutup 10-04-2022" in k.kunci(date(2022, 4, 11))
    assert k.terlambat(date(2022, 4, 11)) and not k.terlambat(date(2022, 4, 10))
    k.buka = BukaKembali(sampai=date(2022, 4, 20))
    assert k.kunci(date(2022, 4, 20)) == "" and k.kunci(date(2022, 4, 21)) != ""
    k.laporan = LaporanTriwulan(status="dikembalikan")
    assert k.kunci(date(2022, 5, 30)) == ""  # returned: open to fix it whatever the schedule
    k.laporan = LaporanTriwulan(status="diajukan")
    assert k.kunci(HARI) == "Triwulan I 2022 sudah diajukan dan sedang diperiksa Bappeda."
    k.laporan = LaporanTriwulan(status="diverifikasi")
    assert k.kunci(HARI) == "Triwulan I 2022 sudah diverifikasi Bappeda dan terkunci."


# --------------------------------------------------------------------------- the grid


def test_simpan_menghitung_kolom_12_15(bappeda):
    ind = indikator(bappeda, sifat="kumulatif")
    Target.objects.update_or_create(
        indikator=ind, jenis="renja", tahun=2022, defaults={"nilai": D(8), "nilai_teks": ""}
    )
    client = masuk("perencana.bappeda")
    first = simpan(client, ("k1", ind.pk, "2", 0, "baris A"), ("k2", ind.pk, "3", 0, "baris A"))
    assert first.status_code == 200, first.content
    hitung = first.json()["hitung"][f"ind:{ind.pk}"]
    assert (hitung["k12"], hitung["k13"], hitung["predikat"]) == ("5", "62,50", "R")  # kumulatif: 2 + 3 of 8
    saved = {(h["kolom"], h["versi"]) for h in first.json()["tersimpan"]}
    assert saved == {("k1", 1), ("k2", 1)}
    assert RealisasiKinerja.objects.get(indikator=ind, tahun=2022, periode="tw2").nilai == 3
    # an older version is refused and nothing of the batch is kept
    clash = simpan(client, ("k1", ind.pk, "7", 0, "baris A"), ("pendorong", ind.pk, "Dukungan", 0, "baris A"))
    assert clash.status_code == 409
    assert not PenjelasanTriwulan.objects.filter(indikator=ind).exists()
    # the explanation is created by its first write; emptied value removed
    ok = simpan(client, ("pendorong", ind.pk, "Dukungan camat", 0, "baris A"), ("k2", ind.pk, "", 1, "baris A"))
    assert ok.status_code == 200, ok.content
    assert PenjelasanTriwulan.objects.get(indikator=ind, tahun=2022, periode="tw1").faktor_pendorong == "Dukungan camat"
    assert not RealisasiKinerja.objects.filter(indikator=ind, tahun=2022, periode="tw2").exists()
    assert ok.json()["hitung"][f"ind:{ind.pk}"]["k12"] == "2"


def test_simpan_menolak_nilai_salah_dengan_baris_kolom_nilai(bappeda):
    ind = indikator(bappeda)
    sub = RenjaSubKegiatan.objects.filter(renja=bappeda).first().sub_kegiatan
    response = simpan(
        masuk("perencana.bappeda"),
        ("k1", ind.pk, "12,5,3", 0, "5.01 · Indikator X"),
        ("rp1", sub.pk, "-1000", 0, "5.01.01"),
        ("k2", ind.pk, "4", 0, "5.01 · Indikator X"),
    )
    assert response.status_code == 400
    pesan = [k["pesan"] for k in response.json()["kesalahan"]]
    assert any(p.startswith("Baris 5.01 · Indikator X, kolom Realisasi kinerja TW I: '12,5,3'") for p in pesan)
    assert any("kolom Realisasi anggaran TW I (Rp): '-1000'" in p and "negatif" in p for p in pesan)
    assert not RealisasiKinerja.objects.filter(indikator=ind, tahun=2022).exists()  # all or none


def test_simpan_anggaran_dan_penyerapan(bappeda):
    item = RenjaSubKegiatan.objects.filter(renja=bappeda, pagu__gt=0).first()
    response = simpan(masuk("perencana.bappeda"), ("rp1", item.sub_kegiatan_id, "1.000.000", 0, "x"))
    assert response.status_code == 200, response.content
    assert RealisasiAnggaran.objects.get(sub_kegiatan=item.sub_kegiatan, tahun=2022, periode="tw1").nilai == 1000000
    expected = f"{(D(1000000) / item.pagu * 100).quantize(D('0.01'))}".replace(".", ",")
    assert response.json()["hitung"][f"sub:{item.sub_kegiatan_id}"]["rp13"] == expected


@pytest.mark.parametrize("username, code", [("reviewer", 403), ("perencana.kominfo", 404)])
def test_simpan_dilarang(bappeda, username, code):
    ind = indikator(bappeda)
    assert simpan(masuk(username), ("k1", ind.pk, "1", 0, "x")).status_code == code
    assert not RealisasiKinerja.objects.filter(indikator=ind, tahun=2022).exists()


def test_simpan_baris_opd_lain_ditolak(bappeda, kominfo):
    other = Indikator.objects.for_renja(kominfo).first()
    response = simpan(masuk("perencana.bappeda"), ("k1", other.pk, "1", 0, "x"))
    assert response.status_code == 400
    assert "bukan bagian dari" in response.json()["kesalahan"][0]["pesan"]


def test_halaman_monev_query_tetap(bappeda, django_assert_max_num_queries):
    client = masuk("perencana.bappeda")
    with django_assert_max_num_queries(22):
        response = client.get(R + "?tw=tw1")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Monev Renja Badan Perencanaan Pembangunan Daerah Tahun 2022" in html
    assert 'class="sel"' in html and "Kembali ke Renja 2022" in html
    reviewer = masuk("reviewer").get(R).content.decode()
    assert 'class="sel"' not in reviewer  # read-only for Bappeda


# --------------------------------------------------------------------------- workflow


def test_alur_ajukan_kembalikan_verifikasi(bappeda):
    planner, reviewer = masuk("perencana.bappeda"), masuk("reviewer")
    ind = indikator(bappeda)
    planner.post(R + "tw1/ajukan/")
    assert keadaan_renja(bappeda)["tw1"].status == "draf"  # nothing entered yet: refused
    assert simpan(planner, ("k1", ind.pk, "5", 0, "x")).status_code == 200
    planner.post(R + "tw1/ajukan/")
    assert keadaan_renja(bappeda)["tw1"].status == "diajukan"
    locked = simpan(planner, ("k1", ind.pk, "6", 1, "x"))
    assert locked.status_code == 400 and "sedang diperiksa Bappeda" in locked.json()["kesalahan"][0]["pesan"]
    assert simpan(planner, ("k2", ind.pk, "6", 0, "x")).status_code == 200  # TW II stays open
    assert planner.post(R + "tw1/verifikasi/").status_code == 403
    reviewer.post(R + "tw1/kembalikan/", {"alasan": ""})
    assert keadaan_renja(bappeda)["tw1"].status == "diajukan"  # a reason is required
    reviewer.post(R + "tw1/catatan/", {"indikator": ind.pk, "isi": "Sumber data TW I?"})
    reviewer.post(R + "tw1/kembalikan/", {"alasan": "Lengkapi penjelasan"})
    assert keadaan_renja(bappeda)["tw1"].status == "dikembalikan"
    notes = list(CatatanMonev.objects.filter(laporan__renja=bappeda).values_list("indikator", "isi"))
    assert notes == [(ind.pk, "Sumber data TW I?"), (None, "Dikembalikan: Lengkapi penjelasan")]
    html = planner.get(R + "?tw=tw1").content.decode()
    assert "Dikembalikan: Lengkapi penjelasan" in html and "Sumber data TW I?" in html
    assert simpan(planner, ("k1", ind.pk, "7", 1, "x")).status_code == 200
    planner.post(R + "tw1/ajukan/")
    reviewer.post(R + "tw1/verifikasi/")
    assert keadaan_renja(bappeda)["tw1"].status == "diverifikasi"
    assert simpan(planner, ("k1", ind.pk, "8", 2, "x")).status_code == 400
    reviewer.post(R + "tw1/kembalikan/", {"alasan": "lagi"})
    assert keadaan_renja(bappeda)["tw1"].status == "diverifikasi"  # a verified triwulan stays locked


# --------------------------------------------------------------------------- schedule and reopening


def test_jadwal_dan_buka_kembali(bappeda):
    reviewer, planner = masuk("reviewer"), masuk("perencana.bappeda")
    lalu = date.today() - timedelta(days=10)
    bad = reviewer.post("/monev/2022/jadwal/", {"dibuka_tw1": "2022-05-01", "ditutup_tw1": "2022-04-01"})
    assert bad.status_code == 400 and "sesudah tanggal ditutup" in bad.content.decode()
    assert (
        planner.post("/monev/2022/jadwal/", {"dibuka_tw1": "2022-04-01", "ditutup_tw1": "2022-04-10"}).status_code
        == 403
    )
    reviewer.post("/monev/2022/jadwal/", {"dibuka_tw1": str(lalu - timedelta(days=20)), "ditutup_tw1": str(lalu)})
    assert JadwalMonev.objects.get(tahun=2022, periode="tw1").ditutup == lalu
    ind = indikator(bappeda)
    closed = simpan(planner, ("k1", ind.pk, "3", 0, "x"))
    assert closed.status_code == 400 and "ditutup" in closed.json()["kesalahan"][0]["pesan"]
    assert "'3' tidak disimpan" in closed.json()["kesalahan"][0]["pesan"]
    assert planner.post(R + "tw1/buka-kembali/", {"alasan": "x", "sampai": str(date.today())}).status_code == 403
    reviewer.post(R + "tw1/buka-kembali/", {"alasan": "Server OPD rusak", "sampai": str(date.today())})
    buka = BukaKembali.objects.get()
    assert (buka.oleh.username, buka.alasan) == ("reviewer", "Server OPD rusak")
    assert simpan(planner, ("k1", ind.pk, "3", 0, "x")).status_code == 200
    kota = reviewer.get("/monev/2022/").content.decode()
    assert "(terlambat)" in kota


# --------------------------------------------------------------------------- city view


def _opd_tambahan(bappeda, jumlah):
    """``jumlah`` more OPDs with a Renja 2022, a sub kegiatan, an indicator with target and TW I."""
    item = RenjaSubKegiatan.objects.filter(renja=bappeda).select_related("sub_kegiatan__kegiatan__program").first()
    sub = item.sub_kegiatan
    for n in range(jumlah):
        opd = PerangkatDaerah.objects.create(
            pemda=bappeda.opd.pemda, kode=f"9.{n}", nama=f"Dinas {n}", singkatan=f"D{n}"
        )
        renja = Renja.objects.create(
            opd=opd, tahun=2022, renstra=Renstra.objects.create(opd=opd, tahun_awal=2019, tahun_akhir=2023)
        )
        program = Program.objects.create(opd=opd, nomenklatur=sub.kegiatan.program.nomenklatur)
        kegiatan = Kegiatan.objects.create(program=program, nomenklatur=sub.kegiatan.nomenklatur)
        node = SubKegiatan.objects.create(kegiatan=kegiatan, nomenklatur=sub.nomenklatur)
        RenjaSubKegiatan.objects.create(renja=renja, sub_kegiatan=node, pagu=D(1000))
        ind = Indikator.objects.create(sub_kegiatan=node, nama="Dokumen", satuan="dokumen")
        Target.objects.create(indikator=ind, jenis="renja", tahun=2022, nilai=D(4))
        RealisasiKinerja.objects.create(indikator=ind, tahun=2022, periode="tw1", nilai=D(n + 1))
        LaporanTriwulan.objects.create(renja=renja, periode="tw1", status="diajukan")


def _query_kota(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/monev/2022/")
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_halaman_kota_query_tidak_tumbuh(bappeda, kominfo):
    reviewer = masuk("reviewer")
    LaporanTriwulan.objects.create(renja=bappeda, periode="tw1", status="diajukan")
    sedikit, _ = _query_kota(reviewer)  # 2 OPDs
    _opd_tambahan(bappeda, 5)
    banyak, html = _query_kota(reviewer)  # 7 OPDs
    assert banyak == sedikit
    assert html.count("data-opd=") == 7
    assert "Diajukan ke Bappeda" in html and "Rata-rata capaian kinerja Triwulan I" in html
    row = html[html.index('data-opd="D2"') :].split("</tr>")[0]
    assert "75,00" in row and "<td>S</td>" in row  # 3 of 4 = 75 %: Sedang (65 < x ≤ 75)


# --------------------------------------------------------------------------- one store


def test_formulir_evaluasi_dan_tabel_2_1_membaca_realisasi_triwulan(bappeda):
    ind = Indikator.objects.for_renja(bappeda).filter(sifat="kumulatif").first()
    for periode, value in (("tw1", 2), ("tw2", 3)):
        RealisasiKinerja.objects.create(indikator=ind, tahun=2021, periode=periode, nilai=D(value))
        RealisasiKinerja.objects.create(indikator=ind, tahun=2020, periode=periode, nilai=D(value))
    RealisasiKinerja.objects.filter(indikator=ind, tahun=2020, periode="tahunan").delete()
    PenjelasanTriwulan.objects.create(
        indikator=ind, tahun=2021, periode="tw2", faktor_pendorong="Dukungan camat", tindak_lanjut_renja="Tambah pagu"
    )
    tabel = evaluasi_hasil_renja(bappeda, 2)
    lines = [b.sel[0].nilai for b in tabel.baris if b.jenis == "ringkasan"][2:]
    assert lines[0].startswith("Faktor pendorong keberhasilan kinerja: ") and "Dukungan camat" in lines[0]
    assert lines[1] == "Faktor penghambat pencapaian kinerja:"
    assert lines[3].endswith(f"{ind.nama}: Tambah pagu")
    assert any("(s/d TW II)" in k.teks for k in tabel.kepala[0])
    assert "(s/d TW" not in " ".join(k.teks for k in evaluasi_hasil_renja(bappeda, 4).kepala[0])
    row = next(r for r in rekap_tc29(bappeda) if r.indikator.pk == ind.pk)
    assert row.kolom_7 == 5  # realisasi 2020 (n-2) from its quarters, kumulatif 2 + 3


def test_impor_menolak_triwulan_terkunci(bappeda):
    ind = indikator(bappeda)
    LaporanTriwulan.objects.create(renja=bappeda, periode="tw1", status="diverifikasi")
    data = xlsx(
        [["ID Indikator", "Tahun", "Periode", "Realisasi"], [ind.pk, 2022, "TW I", 5], [ind.pk, 2022, "TW II", 6]]
    )
    hasil = JENIS["kinerja"].periksa(bappeda.opd, data, "r.xlsx", None)
    assert [b.status for b in hasil.baris] == ["galat", "baru"]
    assert hasil.galat[0].pesan == "Triwulan I 2022 sudah diverifikasi Bappeda dan terkunci; impor ditolak"
    admin = get_user_model().objects.get(username="admin")
    with pytest.raises(BerkasTidakSah, match="terkunci"):
        JENIS["kinerja"].terapkan(bappeda.opd, admin, data, "r.xlsx", None)
    assert not RealisasiKinerja.objects.filter(indikator=ind, tahun=2022).exists()
    sub = RenjaSubKegiatan.objects.filter(renja=bappeda).first().sub_kegiatan_id
    uang = xlsx([["ID Sub Kegiatan", "Tahun", "Periode", "Realisasi (Rp)"], [sub, 2022, "TW I", 1000]])
    with pytest.raises(BerkasTidakSah, match="Triwulan I 2022 sudah diverifikasi"):
        JENIS["anggaran"].terapkan(bappeda.opd, admin, uang, "u.xlsx", None)


def impor_kosongkan(tmp_path, jenis, rows):
    """``manage.py impor JENIS`` of ``rows`` for BAPPEDA, applied with ``--kosongkan-galat``."""
    from django.core.management import call_command

    path = tmp_path / f"{jenis}.xlsx"
    path.write_bytes(xlsx(rows))
    call_command("impor", jenis, str(path), "--opd", "BAPPEDA", "--terapkan", "--oleh", "admin", "--kosongkan-galat")


def test_nilai_diketik_menutup_temuan_impor(bappeda, tmp_path):
    """An import left TW I of one indicator and TW II of another empty (``--kosongkan-galat``);
    typing TW I in the grid closes that finding only, and the checker's warning for it goes."""

    from evaluasi.periksa import periksa_renja
    from renja.models import TemuanImpor

    ind = indikator(bappeda)
    other = Indikator.objects.for_renja(bappeda).filter(tipe_nilai="angka").exclude(pk=ind.pk).order_by("pk").first()
    RealisasiKinerja.objects.filter(indikator__in=[ind, other], tahun=2022).delete()
    impor_kosongkan(
        tmp_path,
        "kinerja",
        [
            ["ID Indikator", "Tahun", "Periode", "Realisasi"],
            [ind.pk, 2022, "TW I", "#REF!"],
            [other.pk, 2022, "TW II", "#N/A"],
        ],
    )
    assert TemuanImpor.objects.filter(selesai=False).count() == 2

    def peringatan():
        return [t for t in periksa_renja(bappeda) if t.jenis == "sel_dikosongkan"]

    assert len(peringatan()) == 2
    client = masuk("perencana.bappeda")
    # another cell (TW II of the first indicator) settles nothing
    assert simpan(client, ("k2", ind.pk, "1", 0, "baris A")).status_code == 200
    assert TemuanImpor.objects.filter(selesai=False).count() == 2
    assert simpan(client, ("k1", ind.pk, "2", 0, "baris A")).status_code == 200
    terbuka = TemuanImpor.objects.filter(selesai=False).get()
    assert terbuka.nomor_baris == 3 and terbuka.nilai == "#N/A"
    assert len(peringatan()) == 1 and "baris 3" in peringatan()[0].lokasi


def test_realisasi_anggaran_diketik_menutup_temuan_impor(bappeda, tmp_path):
    """``impor anggaran --kosongkan-galat`` left TW I of one sub kegiatan and TW II of another
    empty; typing TW II of the first in the grid settles nothing, typing its TW I closes that
    finding only."""

    from renja.models import TemuanImpor

    sub, other = RenjaSubKegiatan.objects.filter(renja=bappeda).order_by("sub_kegiatan__nomenklatur__kode")[:2]
    sub, other = sub.sub_kegiatan, other.sub_kegiatan
    RealisasiAnggaran.objects.filter(sub_kegiatan__in=[sub, other], tahun=2022).delete()
    kepala = ["ID Sub Kegiatan", "Tahun", "Periode", "Realisasi (Rp)"]
    impor_kosongkan(tmp_path, "anggaran", [kepala, [sub.pk, 2022, "TW I", "1.2.3"], [other.pk, 2022, "TW II", "#REF!"]])
    assert set(TemuanImpor.objects.filter(selesai=False).values_list("kunci", flat=True)) == {
        f"realisasi_anggaran:SubKegiatan:{sub.pk}:2022:tw1",
        f"realisasi_anggaran:SubKegiatan:{other.pk}:2022:tw2",
    }
    client = masuk("perencana.bappeda")
    assert simpan(client, ("rp2", sub.pk, "1.000", 0, "baris A")).status_code == 200
    assert TemuanImpor.objects.filter(selesai=False).count() == 2
    assert simpan(client, ("rp1", sub.pk, "2.500.000", 0, "baris A")).status_code == 200
    assert RealisasiAnggaran.objects.get(sub_kegiatan=sub, tahun=2022, periode="tw1").nilai == 2500000
    terbuka = TemuanImpor.objects.filter(selesai=False).get()
    assert (terbuka.nomor_baris, terbuka.nilai) == (3, "#REF!")
