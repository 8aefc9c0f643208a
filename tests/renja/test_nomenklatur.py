"""The nomenclature master fixture and its loader (spec §3.3, §3.4)."""

import pytest

from renja.models import KodeCrosswalk, Nomenklatur, NomenklaturVersi
from renja.nomenklatur import BERKAS_KABKOTA, NomenklaturError, baca_nomenklatur, cari_kode


@pytest.mark.django_db
def test_master_kabkota_lengkap():
    versi = NomenklaturVersi.objects.get(kode="kepmendagri-050-3708-2020-kabkota")
    counts = {level: versi.nomenklatur.filter(level=level).count() for level in Nomenklatur.Level.values}
    # Row counts as documented by the source (fixtures/README.md).
    assert counts == {"urusan": 8, "bidang_urusan": 44, "program": 230, "kegiatan": 883, "sub_kegiatan": 5536}
    assert not versi.nomenklatur.exclude(level="urusan").filter(induk__isnull=True).exists()
    node = versi.nomenklatur.get(kode="5.01.02.2.01.05")
    assert node.nama == "Pelaksanaan Musrenbang Kabupaten/Kota"
    assert node.induk.kode == "5.01.02.2.01"
    assert node.induk.induk.kode == "5.01.02"


def test_fixture_valid_tanpa_database():
    rows = baca_nomenklatur(BERKAS_KABKOTA)
    assert len(rows) == 6701
    assert len({row["kode"] for row in rows}) == 6701


def test_csv_rusak_ditolak_dengan_baris_dan_nilai(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "kode,level,nama,indikator,satuan\n"
        "5,urusan,UNSUR PENUNJANG,,\n"
        "5.01,bidang_urusan,PERENCANAAN,,\n"
        "5.01.02,program,PROGRAM A,,\n"
        "5.01.02,program,PROGRAM B,,\n"
        "5.01.03.2.01,kegiatan,Kegiatan yatim,,\n"
        "5.01.02.2.01.001,sub_kegiatan,Tiga digit,,\n"
        "5.1.2.2.01,kegiatan,Tidak baku,,\n"
        "5.01.02.2.02,program,Level salah,,\n",
        encoding="utf-8",
    )
    with pytest.raises(NomenklaturError) as info:
        baca_nomenklatur(bad)
    errors = info.value.errors
    assert any(e.startswith("Baris 5, kolom kode:") and "ganda" in e for e in errors)
    assert any(e.startswith("Baris 6, kolom kode:") and 'induk "5.01.03"' in e for e in errors)
    assert any(e.startswith("Baris 7, kolom kode:") and '"001" melebihi 2 digit' in e for e in errors)
    assert any(e.startswith("Baris 8, kolom kode:") and 'harus ditulis "5.01.02.2.01"' in e for e in errors)
    assert any(e.startswith("Baris 9, kolom level:") and '"program"' in e for e in errors)


@pytest.mark.django_db
def test_crosswalk_memetakan_kode_lama():
    versi = NomenklaturVersi.objects.get(kode="kepmendagri-050-3708-2020-kabkota")
    lama = NomenklaturVersi.objects.create(
        kode="legacy-13-2006-local", nama="Kode lokal Permendagri 13/2006", lama=True
    )
    target = versi.nomenklatur.get(kode="4.01.02")
    KodeCrosswalk.objects.create(dari_versi=lama, dari_kode="4001.400101.14", ke=target)
    assert cari_kode(versi, "4001.400101.14") == target
    assert cari_kode(versi, "5.1.2") == versi.nomenklatur.get(kode="5.01.02")
    with pytest.raises(Nomenklatur.DoesNotExist, match="4001.400101.99"):
        cari_kode(versi, "4001.400101.99")
