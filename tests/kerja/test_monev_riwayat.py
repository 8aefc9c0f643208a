"""The history of a monev row (side panel "Riwayat"): realisasi kinerja TW I–IV and the
explanations of an indicator, realisasi anggaran of a sub kegiatan, from the grid's saves and
the imports; and the conflict answer the grid's "Pakai nilai …" / "Tetap simpan nilai saya"
buttons work from."""

import json

import pytest

from evaluasi.models import RealisasiKinerja
from renja.models import Indikator, RenjaSubKegiatan
from tests.pembantu import masuk

R = "/renja/BAPPEDA/2022/monev/"


def simpan(client, *cells, tw="tw1"):
    body = {
        "tw": tw,
        "perubahan": [dict(zip(("kolom", "id", "nilai", "versi", "baris"), c, strict=False)) for c in cells],
    }
    return client.post(R + "simpan/", json.dumps(body), content_type="application/json")


@pytest.fixture
def ind(bappeda):
    return Indikator.objects.for_renja(bappeda).filter(tipe_nilai="angka").order_by("pk").first()


def test_riwayat_indikator_realisasi_dan_penjelasan(bappeda, ind, django_assert_max_num_queries):
    planner = masuk("perencana.bappeda")
    assert simpan(planner, ("k1", ind.pk, "5", 0, "baris 1")).status_code == 200
    versi = RealisasiKinerja.objects.get(indikator=ind, tahun=2022, periode="tw1").versi
    assert simpan(planner, ("k1", ind.pk, "7", versi, "baris 1")).status_code == 200
    assert simpan(planner, ("pendorong", ind.pk, "Dukungan <b>pimpinan</b>", 0), tw="tw2").status_code == 200
    reviewer = masuk("reviewer")
    with django_assert_max_num_queries(12):
        html = reviewer.get(R + f"riwayat/indikator/{ind.pk}/").content.decode()
    assert html.index("Realisasi kinerja TW I: <del>5</del> → <ins>7</ins>") < html.index(
        "Realisasi kinerja TW I: <del>(kosong)</del> → <ins>5</ins>"
    )  # newest first
    assert (
        "Penjelasan TW II · Faktor pendorong: <del>(kosong)</del> → <ins>Dukungan &lt;b&gt;pimpinan&lt;/b&gt;</ins>"
        in html
    )
    assert ind.nama in html  # the panel names its row


def test_riwayat_anggaran_sub_kegiatan(bappeda):
    item = RenjaSubKegiatan.objects.filter(renja=bappeda).first()
    planner = masuk("perencana.bappeda")
    assert simpan(planner, ("rp3", item.sub_kegiatan_id, "1.500.000", 0)).status_code == 200
    html = planner.get(R + f"riwayat/sub/{item.sub_kegiatan_id}/").content.decode()
    assert "Realisasi anggaran TW III (Rp): <del>(kosong)</del> → <ins>1.500.000</ins>" in html
    assert item.sub_kegiatan.nomenklatur.kode in html


def test_riwayat_dilarang_dan_baris_lain(bappeda, kominfo, ind):
    assert masuk("perencana.kominfo").get(R + f"riwayat/indikator/{ind.pk}/").status_code == 404
    other = Indikator.objects.for_renja(kominfo).first()
    assert masuk("perencana.bappeda").get(R + f"riwayat/indikator/{other.pk}/").status_code == 404
    assert masuk("perencana.bappeda").get(R + f"riwayat/tujuan/{ind.pk}/").status_code == 404


def test_halaman_monev_punya_tombol_riwayat_dan_panel(bappeda, ind):
    html = masuk("perencana.bappeda").get(R + "?tw=tw1").content.decode()
    assert f'class="riwayat" data-objek="indikator" data-pk="{ind.pk}"' in html and 'id="panel"' in html
    assert 'data-riwayat="/renja/BAPPEDA/2022/monev/riwayat/sub/0/"' in html
    assert "kerja/konflik.js" in html and "kerja/panel.js" in html


def test_konflik_memberi_nilai_lain_dan_versinya(bappeda, ind):
    planner = masuk("perencana.bappeda")
    assert simpan(planner, ("k2", ind.pk, "5", 0)).status_code == 200
    response = simpan(masuk("admin"), ("k2", ind.pk, "9", 0))  # saw the empty cell
    assert response.status_code == 409
    [k] = response.json()["konflik"]
    stored = RealisasiKinerja.objects.get(indikator=ind, tahun=2022, periode="tw2")
    assert (k["nilai_lain"], k["versi"], k["obj"], k["kolom"]) == ("5", stored.versi, f"k2:{ind.pk}", "k2")
    assert simpan(masuk("admin"), ("k2", ind.pk, "9", k["versi"])).status_code == 200  # "Tetap simpan nilai saya"


def test_simpan_blok_kueri_per_sel_terbatas(bappeda):
    """A pasted block: the stored rows are read at once, so a cell costs its writes (claim or
    insert, its history, the validation's unique check), not a read of its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    inds = list(Indikator.objects.for_renja(bappeda).filter(tipe_nilai="angka").order_by("pk")[:12])
    planner = masuk("perencana.bappeda")
    counts = []
    for part, kolom in ((inds[:2], "k3"), (inds[2:12], "k3")):
        with CaptureQueriesContext(connection) as ctx:
            assert simpan(planner, *[(kolom, i.pk, "4", 0) for i in part]).status_code == 200
        counts.append(len(ctx))
    assert (counts[1] - counts[0]) / 8 <= 2, counts  # 3 when each cell read its row
