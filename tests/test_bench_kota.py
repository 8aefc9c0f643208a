"""The synthetic city of bench/kota.py, built small: counts, rules of the data, determinism,
and the evaluation functions running on it."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from anggaran.models import RealisasiAnggaran
from bench.kota import KotaError, buat_kota
from evaluasi.models import RealisasiKinerja
from evaluasi.periksa import ERROR, periksa_renja
from evaluasi.rekap import rekap_tc29
from renja.models import (
    Indikator,
    Kegiatan,
    Pemda,
    PerangkatDaerah,
    Periode,
    Program,
    Renja,
    RenjaSubKegiatan,
    Sasaran,
    SubKegiatan,
    Target,
)

OPD, SUB = 3, 10


@pytest.fixture
def kota(db):
    ringkasan = buat_kota(jumlah_opd=OPD, sub_per_opd=SUB, seed=2022)
    return Pemda.objects.get(kode=ringkasan["pemda"]), ringkasan


def indikator_kota(pemda):
    return Indikator.objects.for_opd(PerangkatDaerah.objects.filter(pemda=pemda))


def test_hitungan(kota):
    pemda, ringkasan = kota
    opds = PerangkatDaerah.objects.filter(pemda=pemda)
    assert pemda.nama == "Kota Contoh" and pemda.kode != "36.73"
    assert sorted(opds.values_list("singkatan", flat=True)) == ["OPD01", "OPD02", "OPD03"]
    # one bidang urusan per OPD, all different, each with its penunjang program X.XX.01
    bidang = [list(opd.bidang_urusan.values_list("kode", flat=True)) for opd in opds]
    assert all(len(b) == 1 for b in bidang) and len({b[0] for b in bidang}) == OPD
    for opd, (kode,) in zip(opds, bidang, strict=True):
        assert Program.objects.filter(opd=opd, nomenklatur__kode=f"{kode}.01").exists()
        assert not Program.objects.filter(opd=opd).exclude(nomenklatur__kode__startswith=f"{kode}.").exists()

    subs = SubKegiatan.objects.filter(kegiatan__program__opd__pemda=pemda)
    assert subs.count() == ringkasan["sub_kegiatan"] == OPD * SUB
    assert RenjaSubKegiatan.objects.filter(renja__opd__pemda=pemda).count() == OPD * SUB
    assert Program.objects.filter(opd__pemda=pemda).count() == ringkasan["program"]
    assert Kegiatan.objects.filter(program__opd__pemda=pemda).count() == ringkasan["kegiatan"]
    # codes hang under their parent's code in the master, at the right level
    for sub in subs.select_related(
        "nomenklatur__induk", "kegiatan__nomenklatur__induk", "kegiatan__program__nomenklatur"
    ):
        assert sub.nomenklatur.level == "sub_kegiatan"
        assert sub.nomenklatur.induk_id == sub.kegiatan.nomenklatur_id
        assert sub.kegiatan.nomenklatur.induk_id == sub.kegiatan.program.nomenklatur_id

    indikator = indikator_kota(pemda)
    assert indikator.count() == ringkasan["indikator"]
    assert ringkasan["indikator_program_kegiatan_sub"] >= 2 * OPD * SUB
    assert Target.objects.filter(indikator__in=indikator).count() == ringkasan["target"] == 17 * ringkasan["indikator"]
    assert RealisasiKinerja.objects.filter(indikator__in=indikator).count() == ringkasan["realisasi_kinerja"]
    assert ringkasan["realisasi_kinerja"] == 8 * ringkasan["indikator"]  # 2018–2021 yearly, TW1–TW4 2021
    assert RealisasiAnggaran.objects.filter(sub_kegiatan__in=subs).count() == ringkasan["realisasi_anggaran"]
    assert ringkasan["realisasi_anggaran"] == 8 * OPD * SUB

    # every node has an indicator; every program belongs to a sasaran of its OPD's Renstra
    for model in (Program, Kegiatan, SubKegiatan):
        owners = model.objects.filter(
            pk__in=indikator.values(model._meta.model_name.replace("subkegiatan", "sub_kegiatan"))
        )
        assert owners.count() == ringkasan[model._meta.model_name.replace("subkegiatan", "sub_kegiatan")]
    for program in Program.objects.filter(opd__pemda=pemda):
        assert Sasaran.objects.filter(program=program, tujuan__renstra__opd=program.opd_id).count() == 1
    assert Sasaran.objects.filter(tujuan__renstra__opd__pemda=pemda, indikator__isnull=True).count() == 0


def test_renja_dan_pagu(kota):
    pemda, _ = kota
    renja = Renja.objects.filter(opd__pemda=pemda).with_pagu()
    assert renja.count() == OPD
    for r in renja:
        assert (r.tahun, r.status, r.renstra.tahun_awal, r.renstra.tahun_akhir) == (2022, "draf", 2018, 2023)
        assert r.total_pagu > 0 and r.total_pagu_maju > 0
        assert r.jumlah_sub_kegiatan == SUB
    items = RenjaSubKegiatan.objects.filter(renja__opd__pemda=pemda).select_related(
        "renja", "sumber_dana", "penanggung_jawab", "sub_kegiatan__kegiatan__program"
    )
    for item in items:
        assert isinstance(item.pagu, Decimal) and item.pagu == item.pagu.to_integral_value() and item.pagu > 0
        assert item.pagu_maju == item.pagu_maju.to_integral_value() and item.pagu_maju > 0
        assert item.sumber_dana.pemda_id == pemda.pk and item.lokasi and item.penanggung_jawab
        item.full_clean()  # sub kegiatan and unit kerja belong to the Renja's OPD
    # realisasi anggaran: the quarters add up to the year
    per_sub = defaultdict(dict)
    for row in RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__opd__pemda=pemda, tahun=2021):
        per_sub[row.sub_kegiatan_id][row.periode] = row.nilai
    for values in per_sub.values():
        assert sum(v for p, v in values.items() if p != Periode.TAHUNAN) == values[Periode.TAHUNAN]


def test_indikator_menaati_aturan(kota):
    pemda, _ = kota
    indikator = list(indikator_kota(pemda).prefetch_related("target", "realisasi"))
    assert not [i for i in indikator if i.sifat == "kumulatif" and i.tipe_nilai != "angka"]
    assert not [i for i in indikator if i.polaritas == "negatif" and not i.metode_negatif]
    assert not [i for i in indikator if i.polaritas == "positif" and i.metode_negatif]
    kinds = {(i.tipe_nilai, i.sifat, i.polaritas) for i in indikator}
    assert {("angka", "kumulatif", "positif"), ("persen", "non_kumulatif", "positif")} <= kinds
    assert {i.tipe_nilai for i in indikator} >= {"angka", "persen", "kualitatif"}
    assert {i.sifat for i in indikator} == set(Indikator.Sifat.values)
    assert "negatif" in {i.polaritas for i in indikator}
    for ind in indikator:
        ind.full_clean()  # includes the Meta constraints (one owner, kumulatif only angka, metode negatif)
        targets = {(t.jenis, t.tahun): t for t in ind.target.all()}
        assert len(targets) == 17
        numbers = [t.nilai for t in targets.values()]
        if ind.tipe_nilai == "kualitatif":
            assert all(n is None for n in numbers) and all(t.nilai_teks for t in targets.values())
        else:
            assert all(n is not None for n in numbers)
        realisasi = {(r.tahun, r.periode): r.nilai for r in ind.realisasi.all()}
        tw = [realisasi[(2021, p)] for p in ("tw1", "tw2", "tw3", "tw4")]
        if ind.sifat == "kumulatif":
            yearly = [targets[("renstra", y)].nilai for y in range(2018, 2024)]
            assert targets[("akhir_renstra", 2023)].nilai == sum(yearly)
            assert sum(tw) == realisasi[(2021, "tahunan")]
        elif ind.sifat == "non_kumulatif" and ind.tipe_nilai != "kualitatif":
            assert tw[-1] == realisasi[(2021, "tahunan")]
        elif ind.sifat == "rata_rata":
            assert (sum(tw) / 4).quantize(Decimal("0.01")) == realisasi[(2021, "tahunan")]


def sidik(pemda):
    """What a build wrote, without primary keys."""
    items = RenjaSubKegiatan.objects.filter(renja__opd__pemda=pemda).order_by("renja__opd__kode", "urutan")
    targets = Target.objects.filter(indikator__in=indikator_kota(pemda))
    # Several indicators share a name, so the database's order among them is arbitrary
    # (PostgreSQL differs from SQLite): compare as sorted lists.
    return (
        list(items.values_list("sub_kegiatan__nomenklatur__kode", "pagu", "pagu_maju", "sumber_dana__kode", "lokasi")),
        sorted(targets.values_list("indikator__nama", "tahun", "jenis", "nilai", "nilai_teks"), key=repr),
    )


class Batal(Exception):
    pass


def test_deterministik_dan_seed_lain_tidak_bertabrakan(kota):
    pemda, ringkasan = kota
    pertama = sidik(pemda)
    with pytest.raises(KotaError):
        buat_kota(jumlah_opd=OPD, sub_per_opd=SUB, seed=2022)  # one city per seed per database

    with pytest.raises(Batal), transaction.atomic():
        pemda.kode = "99.lama"
        pemda.save()
        again = buat_kota(jumlah_opd=OPD, sub_per_opd=SUB, seed=2022)
        assert again == ringkasan | {"pemda": "99.2022"}
        assert sidik(Pemda.objects.get(kode="99.2022")) == pertama
        raise Batal

    kedua = buat_kota(jumlah_opd=OPD, sub_per_opd=SUB, seed=7)
    pemda_kedua = Pemda.objects.get(kode=kedua["pemda"])
    assert pemda_kedua.pk != pemda.pk
    assert sidik(pemda_kedua) != pertama
    assert sidik(pemda) == pertama  # the first city is untouched
    assert Renja.objects.filter(opd__pemda=pemda_kedua).count() == OPD
    assert Pemda.objects.filter(kode="36.73").exists()  # the demo's Kota Serang is still there


def test_tanpa_query_per_baris(db):
    with CaptureQueriesContext(connection) as ctx:
        ringkasan = buat_kota(jumlah_opd=OPD, sub_per_opd=SUB, seed=11)
    rows = sum(v for k, v in ringkasan.items() if isinstance(v, int))
    assert len(ctx.captured_queries) < rows / 40, (len(ctx.captured_queries), rows)


def test_rekap_dan_periksa_berjalan(kota):
    pemda, _ = kota
    for renja in Renja.objects.filter(opd__pemda=pemda).select_related("opd", "renstra"):
        rows = rekap_tc29(renja)
        pohon = Indikator.objects.for_opd(renja.opd).filter(tujuan=None, sasaran=None)
        assert len(rows) == pohon.count()
        assert all(row.kolom_8.nilai is not None and row.kolom_11.nilai is not None for row in rows)
        temuan = periksa_renja(renja)
        assert not [t for t in temuan if t.tingkat == ERROR], temuan
