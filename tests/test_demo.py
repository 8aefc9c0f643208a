"""The demo data: the real Renja of Bappeda Kota Serang 2022 and a small second OPD."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from evaluasi.demo import muat_demo
from renja.kunci import PEMILIK
from renja.models import Indikator, Kegiatan, Program, RancanganAwal, Renja, SubKegiatan, Target


def test_hitungan_renja_bappeda(bappeda):
    items = bappeda.sub_kegiatan.all()
    subs = SubKegiatan.objects.filter(renja_item__renja=bappeda)
    assert Program.objects.filter(kegiatan__sub_kegiatan__in=subs).distinct().count() == 4
    assert Kegiatan.objects.filter(sub_kegiatan__in=subs).distinct().count() == 17
    assert items.count() == 76
    assert items.filter(pagu__isnull=False).count() == 75
    only_next_year = items.get(pagu__isnull=True)
    assert only_next_year.sub_kegiatan.kode == "5.05.02.2.02.02"
    assert only_next_year.pagu_maju == Decimal("225000000")


def test_total_pagu_2022_sama_dengan_total_tujuan_tercetak(bappeda):
    # BAP:1221 prints the tujuan total 20,182,300,000 for 2022.
    assert bappeda.sub_kegiatan.aggregate(s=Sum("pagu"))["s"] == Decimal("20182300000")


def test_setiap_indikator_lengkap(bappeda):
    indikator = Indikator.objects.filter(sub_kegiatan__renja_item__renja=bappeda)
    assert indikator.exists()
    for ind in Indikator.objects.filter(sub_kegiatan__kegiatan__program__opd=bappeda.opd):
        assert ind.satuan, ind.nama
        assert ind.sifat in Indikator.Sifat.values
        assert ind.tipe_nilai in Indikator.TipeNilai.values
        assert ind.polaritas in Indikator.Polaritas.values


def test_tidak_ada_persentase_yang_dijumlahkan(bappeda):
    # Spec §4.1: only numeric counts may be kumulatif; every %-indicator is a position.
    percent = Indikator.objects.filter(satuan="%")
    assert percent.exists()
    assert not percent.filter(sifat="kumulatif").exists()
    assert not Indikator.objects.exclude(tipe_nilai="angka").filter(sifat="kumulatif").exists()


def tabel_2_1_inputs(ind):
    """Columns 4, 5, 6, 7, 9 of Tabel 2.1 for the Renja 2022 as stored."""
    targets = {(t.jenis, t.tahun): t.nilai for t in ind.target.all()}
    real = {r.tahun: r.nilai for r in ind.realisasi.filter(periode="tahunan")}
    return (
        targets.get(("akhir_renstra", 2023)),
        real.get(2019),
        targets.get(("renja", 2020)),
        real.get(2020),
        targets.get(("renja", 2021)),
    )


# Spec §5 check cases: node, inputs (4, 5, 6, 7, 9) and the sifat that makes 10 and 11 right.
@pytest.mark.parametrize(
    "case, kode, inputs, sifat",
    [
        ("C-01", "5.01.02.2.01.03", (5, 1, 1, 1, 1), "kumulatif"),
        ("C-02", "5.01.03.2.01.01", (7, 3, 1, 1, 1), "kumulatif"),
        ("C-03", "5.01.02.2.03.03", (16, 4, 3, 3, 3), "kumulatif"),
        ("C-04", "5.01.02.2.01.07", (140, 70, 70, 70, 0), "kumulatif"),
        ("C-05", "5.01.02.2.01.01", (3, 0, 0, 0, 1), "kumulatif"),
        ("C-06", "5.01.02", (100, 100, 100, 100, 100), "non_kumulatif"),
        ("C-07", "5.05.02", (90, 70, 80, 80, 80), "non_kumulatif"),
        ("C-08", "5.01.01.2.02.07", (12, 12, 12, 12, 12), "non_kumulatif"),
        ("C-09", "5.01.01.2.05.10", (205, 40, 0, 0, 55), "kumulatif"),
        ("C-10", "5.01.01.2.09.06", (520, 98, 98, 98, 103), "kumulatif"),
    ],
)
def test_kasus_uji_spesifikasi_dimuat(bappeda, case, kode, inputs, sifat):
    owner = {"program__nomenklatur__kode": kode} if kode.count(".") == 2 else {"sub_kegiatan__nomenklatur__kode": kode}
    matches = [i for i in Indikator.objects.filter(**owner) if tabel_2_1_inputs(i) == inputs]
    assert matches, case
    assert {i.sifat for i in matches} == {sifat}, case


def test_tujuan_sasaran_dan_kategori(bappeda):
    tujuan = bappeda.renstra.tujuan.get()
    assert tujuan.sasaran.count() == 3
    inovasi = Indikator.objects.get(sasaran__tujuan=tujuan, nama__icontains="Inovasi Daerah")
    assert inovasi.tipe_nilai == "kategori"
    assert inovasi.skala_kategori[-1] == "Sangat Inovatif"
    assert Target.objects.get(indikator=inovasi, tahun=2022, jenis="renja").nilai_teks == "Inovatif"
    indeks = Indikator.objects.get(tujuan=tujuan)
    assert Target.objects.get(indikator=indeks, tahun=2022, jenis="renja").nilai == Decimal("6.4")
    programs = {p.kode for s in tujuan.sasaran.all() for p in s.program.all()}
    assert programs == {"5.01.01", "5.01.02", "5.01.03", "5.05.02"}


def test_review_rancangan_awal_dimuat(bappeda):
    rows = RancanganAwal.objects.filter(opd=bappeda.opd, tahun=2022)
    assert rows.filter(bagian="rancangan_awal").exists()
    assert rows.filter(bagian="analisis_kebutuhan").exists()
    program = rows.get(bagian="rancangan_awal", nomenklatur__kode="5.01.02")
    assert program.pagu == Decimal("2300000000")  # P-01: printed 1,200,000,000


def test_opd_kedua_dan_narasi(bappeda, kominfo):
    assert kominfo.sub_kegiatan.count() == 5
    assert kominfo.opd.pemda_id == bappeda.opd.pemda_id
    assert bappeda.narasi.count() == 10
    assert bappeda.program_prioritas.count() == 2
    assert bappeda.renstra.indikator_pelayanan.exists()


def test_pengguna_demo(bappeda):
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    request = RequestFactory().post("/masuk/")  # the log-in lock (axes) checks every authenticate() on a request
    assert authenticate(request, username="perencana.bappeda", password="demo-bappeda-2022") is not None
    assert authenticate(request, username="admin", password="demo-admin-2022").is_superuser


def test_muat_demo_kedua_kali_tidak_mengubah_apa_pun(bappeda):
    before = (Renja.objects.count(), Indikator.objects.count(), Target.objects.count())
    _, loaded = muat_demo()
    assert loaded is False
    assert (Renja.objects.count(), Indikator.objects.count(), Target.objects.count()) == before


def test_muat_demo_kedua_kali_tidak_menulis_ke_renja_terkunci(bappeda):
    """A second run over finalised Renja writes no row any Renja owns (no history record either)."""
    Renja.objects.update(status="ditetapkan")

    def jejak():
        return {model.__name__: model.history.count() for model in PEMILIK}

    before = jejak()
    muat_demo()
    assert jejak() == before and set(Renja.objects.values_list("status", flat=True)) == {"ditetapkan"}


@pytest.mark.parametrize("opd", ["BAPPEDA", "bappeda", "5.01.5.05.0.00.01.0000"])
def test_perintah_renja_ringkasan(bappeda, capsys, opd):
    call_command("renja_ringkasan", opd=opd, tahun=2022)
    data = json.loads(capsys.readouterr().out)
    assert data["opd"] == "BAPPEDA"
    assert (data["program"], data["kegiatan"], data["sub_kegiatan"], data["sub_kegiatan_tahun_n"]) == (4, 17, 76, 75)
    assert data["pagu_2022"] == "20182300000.00"
    # Spec P-03: tujuan 2023 = 8,409 + 1,630 + 10,261 M = 20,300,000,000 (BAP:1221).
    assert data["pagu_2023"] == "20300000000.00"
    assert data["indikator"] > 76


def test_renja_ringkasan_opd_tidak_ada(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("renja_ringkasan", opd="TIDAKADA", tahun=2022)
