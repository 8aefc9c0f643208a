"""Indicators that only Tabel 2.1 (T-C.29) carries (targets 2020/2021, the end of the Renstra,
realisasi 2019/2020; no target of 2022 or 2023) belong to the demo's history, not to Renja
2022: the workspace, T-C.31's Hasil Analisis Kebutuhan taken from the Renja and T-C.33 leave
them out (``Indikator.objects.with_tahun_renja``); an indicator just added, with no target
yet, stays."""

import pytest
from django.contrib.auth import get_user_model

from evaluasi.periksa import periksa_renja
from evaluasi.review_rkpd import susun_review
from kerja.grid import Perubahan
from kerja.ruang_kerja import susun_grid
from laporan.builders.tc33 import rumusan_rencana
from renja import demo, struktur
from renja.models import Indikator, RancanganAwal, Target
from renja.teks import kunci_nama


def riwayat_saja():
    """(kode, nama) of the Tabel 2.1 indicators of the demo fixture that Tabel 3.3 does not list."""
    data = demo.baca_json("bappeda-2022", "evaluasi.json")
    return {
        (row["kode"], kunci_nama(ind["nama"]))
        for row in data["baris"]
        for ind in row["indikator"]
        if not ind.get("nama_renja")
    }


def pasangan(indikator):
    return {(i.pemilik.nomenklatur.kode, kunci_nama(i.nama)) for i in indikator}


@pytest.fixture
def riwayat(bappeda):
    """The history-only indicators on nodes of Renja BAPPEDA 2022, minus any (kode, nama) that a
    Renja indicator of the same node also has."""
    keys = riwayat_saja()
    semua = list(
        Indikator.objects.for_renja(bappeda)
        .select_related(*(f"{f}__nomenklatur" for f in ("program", "kegiatan", "sub_kegiatan")))
        .prefetch_related("target")
    )
    di_renja = {p for i in semua for p in pasangan([i]) if any(t.tahun == 2022 for t in i.target.all())}
    found = {p for p in pasangan(semua) if p in keys} - di_renja
    assert len(found) >= 30  # the demo carries 41 such rows, most on nodes of the Renja
    return found


def test_ruang_kerja_tanpa_indikator_riwayat(bappeda, riwayat):
    shown = pasangan(b.indikator for b in susun_grid(bappeda).baris if b.indikator is not None)
    assert shown and not shown & riwayat


def test_tc33_tanpa_indikator_riwayat(bappeda, riwayat):
    printed = set()
    kode = None
    for baris in rumusan_rencana(bappeda).baris:
        kode = baris.sel[4].nilai or kode
        if baris.sel[6].nilai:
            printed.add((kode, kunci_nama(baris.sel[6].nilai)))
    assert printed and not printed & riwayat


def test_tc31_dari_renja_tanpa_indikator_riwayat(bappeda, riwayat):
    from laporan.builders.review import catatan_review, review_rkpd

    RancanganAwal.objects.filter(opd=bappeda.opd, tahun=2022, bagian="analisis_kebutuhan").delete()
    nodes = susun_review(bappeda)
    kanan = {(n.kode, kunci_nama(b.kanan["indikator"])) for n in nodes for b in n.baris if b.kanan["indikator"]}
    assert kanan and not kanan & riwayat
    # the checker pairs the same halves from the indicators it loads for every check
    wajib = {c.kode for c in catatan_review(review_rkpd(bappeda)) if not c.catatan}
    found = {t.lokasi.rsplit(": ", 1)[1] for t in periksa_renja(bappeda) if t.jenis == "catatan_review"}
    assert wajib and found == wajib


def test_indikator_baru_tetap_tampil_dan_riwayat_kembali_dengan_target(bappeda, riwayat):
    user = get_user_model().objects.get(username="perencana.bappeda")
    item = bappeda.sub_kegiatan.select_related("sub_kegiatan").first()
    baru = struktur.tambah_indikator(bappeda, user, "sub_kegiatan", item.sub_kegiatan_id, "Indikator baru tanpa target")
    lama = next(
        i
        for i in Indikator.objects.for_renja(bappeda).select_related("sub_kegiatan__nomenklatur")
        if i.level == "sub_kegiatan" and (i.sub_kegiatan.nomenklatur.kode, kunci_nama(i.nama)) in riwayat
    )
    Target.objects.create(indikator=lama, tahun=2022, jenis="renja", nilai=1)
    shown = {b.indikator.pk for b in susun_grid(bappeda).baris if b.indikator is not None}
    assert {baru.pk, lama.pk} <= shown
    assert {baru.pk, lama.pk} <= set(
        Indikator.objects.for_renja(bappeda).tahun_renja(2022).values_list("pk", flat=True)
    )
    tetap = Indikator.objects.for_renja(bappeda).with_tahun_renja(2022).filter(di_tahun=False).count()
    assert tetap == len(riwayat) - 1


def test_indikator_yang_target_n_dikosongkan_tetap_di_ruang_kerja(bappeda):
    """A planner who empties the only target of year n of an indicator that also has a target of
    an earlier year (the grid removes the emptied value row) keeps the row to type it again: it
    is not taken for a Tabel 2.1-only indicator."""
    from kerja.ruang_kerja import simpan_perubahan

    user = get_user_model().objects.get(username="perencana.bappeda")
    item = bappeda.sub_kegiatan.select_related("sub_kegiatan").first()
    ind = struktur.tambah_indikator(bappeda, user, "sub_kegiatan", item.sub_kegiatan_id, "Jumlah laporan uji")
    Target.objects.create(indikator=ind, tahun=2021, jenis="renja", nilai=1)  # a target of last year too
    simpan_perubahan(bappeda, user, [Perubahan("target", ind.pk, "4", 0)])
    target = ind.target.get(jenis="renja", tahun=2022)
    simpan_perubahan(bappeda, user, [Perubahan("target", ind.pk, "", target.versi)])
    assert not ind.target.filter(tahun=2022).exists()
    shown = {b.indikator.pk for b in susun_grid(bappeda).baris if b.indikator is not None}
    assert ind.pk in shown
