"""Which Renja an object belongs to, and when that Renja forbids changing it (renja.kunci)."""

from decimal import Decimal as D

import pytest

from evaluasi.models import RealisasiKinerja
from renja import models as m
from renja.kunci import alasan_terkunci, alasan_terkunci_semua

DITETAPKAN = "Renja BAPPEDA 2022 berstatus 'Ditetapkan': hanya dapat diubah melalui alur kerja (Buat Renja Perubahan)."


def tutup(renja, status="ditetapkan"):
    m.Renja.objects.filter(pk=renja.pk).update(status=status)
    renja.refresh_from_db()


@pytest.mark.parametrize(
    "status, terkunci",
    [("draf", False), ("dikembalikan", False), ("perubahan", False)]
    + [("diajukan", True), ("diverifikasi", True), ("ditetapkan", True)],
)
def test_status_terbuka_dan_tertutup(bappeda, status, terkunci):
    tutup(bappeda, status)
    item = bappeda.sub_kegiatan.first()
    assert bool(alasan_terkunci(bappeda)) is terkunci
    assert bool(alasan_terkunci(item)) is terkunci
    assert bool(alasan_terkunci(m.RenjaSubKegiatan(renja=bappeda))) is terkunci  # a row not saved yet


def test_alasan_dalam_bahasa_indonesia(bappeda):
    tutup(bappeda)
    assert alasan_terkunci(bappeda) == DITETAPKAN
    assert alasan_terkunci(bappeda.narasi.first()) == DITETAPKAN
    assert "Kembalikan ke OPD" in alasan_terkunci(m.Renja(opd=bappeda.opd, tahun=2022, status="diajukan"))


def test_target_milik_renja_tahunnya(bappeda):
    """Target renja of year t: Renja t; prakiraan maju of year t: Renja t-1; Renstra targets: none."""
    ind = m.Indikator.objects.filter(sub_kegiatan__renja_item__renja=bappeda).first()
    tutup(bappeda)

    def target(tahun, jenis):
        return m.Target(indikator=ind, tahun=tahun, jenis=jenis, nilai=D(1))

    assert alasan_terkunci(target(2022, "renja")) == DITETAPKAN
    assert alasan_terkunci(target(2023, "prakiraan_maju")) == DITETAPKAN
    assert alasan_terkunci(target(2023, "renja")) is None  # no Renja 2023
    assert alasan_terkunci(target(2022, "prakiraan_maju")) is None  # Renja 2021's, not there
    assert alasan_terkunci(target(2022, "renstra")) is None
    assert alasan_terkunci(target(2023, "akhir_renstra")) is None


def test_node_dan_indikator_bersama_terkunci_bila_tidak_ada_renja_terbuka(bappeda):
    item = bappeda.sub_kegiatan.select_related("sub_kegiatan__kegiatan__program").first()
    sub = item.sub_kegiatan
    ind = m.Indikator.objects.filter(sub_kegiatan=sub).first()
    nodes = [sub, sub.kegiatan, sub.kegiatan.program, ind]
    tutup(bappeda)
    assert alasan_terkunci_semua(nodes) == [DITETAPKAN] * 4
    renja_2023 = m.Renja.objects.create(opd=bappeda.opd, tahun=2023, renstra=bappeda.renstra)
    m.RenjaSubKegiatan.objects.create(renja=renja_2023, sub_kegiatan=sub)
    assert alasan_terkunci_semua(nodes) == [None] * 4
    # a node taken out of every Renja is not locked
    lain = bappeda.sub_kegiatan.exclude(sub_kegiatan=sub).first()
    assert alasan_terkunci(lain.sub_kegiatan) == DITETAPKAN
    lain.delete()
    assert alasan_terkunci(lain.sub_kegiatan) is None


def test_yang_tidak_dikunci_renja(bappeda):
    tutup(bappeda)
    tujuan = m.Indikator.objects.filter(tujuan__renstra=bappeda.renstra).first()
    sasaran = m.Indikator.objects.filter(sasaran__tujuan__renstra=bappeda.renstra).first()
    realisasi = RealisasiKinerja.objects.filter(indikator__sub_kegiatan__renja_item__renja=bappeda).first()
    komentar = m.Komentar(renja=bappeda, isi="Catatan")
    assert alasan_terkunci_semua([tujuan, sasaran, realisasi, komentar]) == [None] * 4


def test_rancangan_awal_milik_renja_opd_dan_tahun_yang_sama(bappeda, kominfo):
    tutup(bappeda)
    baris = m.RancanganAwal.objects.filter(opd=bappeda.opd, tahun=2022).first()
    assert alasan_terkunci(baris) == DITETAPKAN
    assert alasan_terkunci(baris.indikator.first()) == DITETAPKAN
    assert alasan_terkunci(m.RancanganAwal(opd=bappeda.opd, tahun=2023)) is None
    assert alasan_terkunci(m.RancanganAwal(opd=kominfo.opd, tahun=2022)) is None


def test_banyak_objek_dengan_sedikit_query(bappeda, django_assert_max_num_queries):
    tutup(bappeda)
    objs = [
        *m.Target.objects.all(),
        *m.Indikator.objects.all(),
        *m.RenjaSubKegiatan.objects.all(),
        *m.RancanganAwalIndikator.objects.all(),
    ]
    assert len(objs) > 1000
    # a few per model, whatever their number; the Renstra lock adds one for the Renstra targets
    # and two for the indicators of tujuan and sasaran
    with django_assert_max_num_queries(11):
        reasons = alasan_terkunci_semua(objs)
    assert reasons.count(DITETAPKAN) > 500


RENSTRA_DITETAPKAN = (
    "Renstra BAPPEDA 2018–2023 berstatus 'Ditetapkan': hanya dapat diubah melalui alur kerja (Revisi Renstra)."
)


def test_renstra_terkunci_bila_ditetapkan(bappeda):
    """An adopted Renstra locks its tujuan, sasaran, their indicators and every Renstra target of
    the OPD's indicators within its period; the Renja's own targets stay the Renja's."""
    renstra = bappeda.renstra
    tujuan = renstra.tujuan.first()
    sasaran = m.Sasaran.objects.filter(tujuan__renstra=renstra).first()
    ind_tujuan = m.Indikator.objects.filter(tujuan__renstra=renstra).first()
    ind_sasaran = m.Indikator.objects.filter(sasaran__tujuan__renstra=renstra).first()
    ind = m.Indikator.objects.filter(sub_kegiatan__renja_item__renja=bappeda).first()

    def target(tahun, jenis):
        return m.Target(indikator=ind, tahun=tahun, jenis=jenis, nilai=D(1))

    objs = [renstra, tujuan, sasaran, ind_tujuan, ind_sasaran, target(2019, "renstra"), target(2023, "akhir_renstra")]
    assert alasan_terkunci_semua(objs) == [None] * 7
    m.Renstra.objects.filter(pk=renstra.pk).update(status="ditetapkan")
    renstra.refresh_from_db()
    assert alasan_terkunci_semua(objs) == [RENSTRA_DITETAPKAN] * 7
    assert alasan_terkunci(target(2022, "renja")) is None  # the Renja (draf) sets it
    assert alasan_terkunci(target(2030, "renstra")) is None  # no Renstra of that year
    assert alasan_terkunci(ind) is None  # a sub kegiatan's indicator belongs to the Renja
    m.Renstra.objects.filter(pk=renstra.pk).update(status="revisi")
    renstra.refresh_from_db()
    assert alasan_terkunci_semua(objs) == [None] * 7
