"""Consistency checker (spec §4.4, §4.7) on the demo Renja and on the seed's printed figures."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from evaluasi.periksa import ERROR, PERINGATAN, periksa_renja
from renja.models import ProgramPrioritas, RancanganAwal, Target

DEMO = Path(settings.BASE_DIR) / "fixtures" / "demo" / "bappeda-2022"


def by_kind(temuan, jenis):
    return [t for t in temuan if t.jenis == jenis]


def test_data_demo_temuan_nyata(bappeda, django_assert_max_num_queries):
    with django_assert_max_num_queries(11):  # 8, + the ceilings (PlafonAnggaran), + T-C.32 rows, + TemuanImpor
        temuan = periksa_renja(bappeda)
    assert not by_kind(temuan, "induk_anak")  # the demo holds corrected parents
    assert not by_kind(temuan, "prioritas_node")  # Tabel 4.2 corrected to 350 M
    review = [t for t in by_kind(temuan, "review_renja") if "dokumen perencanaan dan penganggaran" in t.lokasi]
    assert [(t.tingkat, t.nilai) for t in review] == [(PERINGATAN, "review 97; Renja 95")]
    kumulatif = {t.lokasi.split(" · ")[0] for t in by_kind(temuan, "kumulatif_akhir")}
    assert "5.01.01.2.01.06" in kumulatif  # end target 5 documents, 12 a year planned
    assert all(t.pesan and t.lokasi and t.nilai for t in temuan)


def test_opd_bersih_tanpa_temuan(kominfo):
    # complete and consistent; only the Rancangan Awal RKPD was never entered (T-C.31 NIHIL)
    assert [(t.tingkat, t.jenis) for t in periksa_renja(kominfo)] == [(PERINGATAN, "rancangan_awal_kosong")]


@pytest.fixture
def printed(bappeda):
    """Load the seed's printed figures as imported data (the values the demo corrected)."""
    review = json.loads((DEMO / "review.json").read_text(encoding="utf-8"))
    for row in review["baris"]:
        for bagian in RancanganAwal.Bagian.values:
            dicetak = row["dicetak"].get(f"pagu_{bagian}")
            if dicetak is not None:
                RancanganAwal.objects.filter(
                    opd=bappeda.opd, tahun=2022, bagian=bagian, nomenklatur__kode=row["kode"]
                ).update(pagu=Decimal(dicetak))
    bab4 = json.loads((DEMO / "bab4.json").read_text(encoding="utf-8"))
    for row in bab4["unggulan"]:
        ProgramPrioritas.objects.filter(renja=bappeda, jenis="unggulan", nomor=row["nomor"]).update(
            pagu=Decimal(row["dicetak"]["pagu"].replace(".", ""))
        )
    return bappeda


def test_kontradiksi_seed_dilaporkan(printed):
    temuan = periksa_renja(printed)
    parents = {(t.lokasi.split(": ")[-1], t.lokasi.split(",")[0]) for t in by_kind(temuan, "induk_anak")}
    # P-01: program 5.01.02 printed 1,200,000,000 against 2,300,000,000 (both halves).
    assert ("5.01.02", "Rancangan Awal RKPD") in parents
    assert ("5.01.02", "Hasil Analisis Kebutuhan") in parents
    # P-02: kegiatan 5.01.01.2.02 printed 5,867,300,000 against 5,872,300,000.
    assert ("5.01.01.2.02", "Rancangan Awal RKPD") in parents
    p01 = next(t for t in by_kind(temuan, "induk_anak") if t.lokasi.endswith(": 5.01.02"))
    assert p01.tingkat == ERROR
    assert "Rp 1.200.000.000" in p01.nilai and "Rp 2.300.000.000" in p01.nilai
    # P-06: Tabel 4.2 printed 450,000,000 against the 350,000,000 of 5.01.03.2.02.08.
    (p06,) = by_kind(temuan, "prioritas_node")
    assert p06.tingkat == ERROR
    assert "Rp 450.000.000" in p06.nilai and "Rp 350.000.000" in p06.nilai
    assert "Rp 100.000.000" in p06.pesan


def test_pencilan_601(bappeda):
    target = Target.objects.get(
        indikator__sub_kegiatan__nomenklatur__kode="5.01.03.2.01.08",
        indikator__nama__icontains="Musrenbang Anak",
        jenis="renja",
        tahun=2022,
    )
    target.nilai = Decimal(601)  # as printed at BAP:1284
    target.save()
    pencilan = by_kind(periksa_renja(bappeda), "pencilan")
    assert [t.nilai for t in pencilan if "Musrenbang Anak" in t.lokasi] == ["601 dibanding 60"]


def test_target_kosong_memblokir(kominfo):
    Target.objects.filter(indikator__sub_kegiatan__nomenklatur__kode="2.16.02.2.01.06", tahun=2022).delete()
    (finding,) = by_kind(periksa_renja(kominfo), "target_kosong")
    assert finding.memblokir and finding.lokasi == "2.16.02.2.01.06"


def test_perintah_renja_periksa(bappeda, capsys):
    call_command("renja_periksa", opd="bappeda", tahun=2022)
    out = capsys.readouterr().out
    assert "[PERINGATAN] Hasil Analisis Kebutuhan" in out
    assert out.strip().endswith("peringatan.")
    call_command("renja_periksa", opd="BAPPEDA", tahun=2022, json=True)
    assert json.loads(capsys.readouterr().out)[0]["tingkat"] == ERROR
