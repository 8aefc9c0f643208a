"""Every correction of the seed document recorded in the demo fixtures holds in the
loaded data, and fixtures/README.md lists it with its seed line."""

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Q, Sum

from evaluasi.models import RealisasiKinerja
from renja.demo import pemilik_kwargs
from renja.kode import normalisasi_kode
from renja.models import (
    Indikator,
    Kegiatan,
    Program,
    ProgramPrioritas,
    RancanganAwal,
    RenjaSubKegiatan,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
)
from renja.teks import kunci_nama

DEMO = Path(settings.BASE_DIR) / "fixtures" / "demo"
README = Path(settings.BASE_DIR) / "fixtures" / "README.md"


def all_corrections():
    found = []
    for path in sorted(DEMO.glob("*/*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")).get("koreksi", []):
            found.append(pytest.param(path.parent.name, item, id=f"{path.parent.name}:{item['id']}"))
    return found


CORRECTIONS = all_corrections()


def same(expected, actual):
    try:
        return Decimal(str(expected)) == Decimal(str(actual))
    except (InvalidOperation, TypeError):
        return str(expected).strip() == str(actual).strip()


def owner(opd, kode):
    if kode.startswith("tujuan:"):
        return Tujuan.objects.get(renstra__opd=opd, nomor=kode.split(":")[1])
    if kode.startswith("sasaran:"):
        return Sasaran.objects.get(tujuan__renstra__opd=opd, nomor=kode.split(":")[1])
    model = {3: Program, 5: Kegiatan, 6: SubKegiatan}[len(kode.split("."))]
    opd_path = {Program: "opd", Kegiatan: "program__opd", SubKegiatan: "kegiatan__program__opd"}[model]
    return model.objects.get(**{opd_path: opd, "nomenklatur__kode": kode})


def indicator(node, name):
    matches = [i for i in Indikator.objects.filter(**pemilik_kwargs(node)) if kunci_nama(i.nama) == kunci_nama(name)]
    assert len(matches) == 1, f"indikator '{name}' pada {node}: {len(matches)} cocok"
    return matches[0]


def computed_pagu(renja, cek):
    items = RenjaSubKegiatan.objects.filter(renja=renja)
    kode, level = cek["kode"], cek["level"]
    if level == "sub_kegiatan":
        items = items.filter(sub_kegiatan__nomenklatur__kode=kode)
    elif level == "kegiatan":
        items = items.filter(sub_kegiatan__kegiatan__nomenklatur__kode=kode)
    elif level == "program":
        items = items.filter(sub_kegiatan__kegiatan__program__nomenklatur__kode=kode)
    else:
        programs = (
            owner(renja.opd, kode).program.all()
            if level == "sasaran"
            else Program.objects.filter(sasaran__tujuan=owner(renja.opd, kode))
        )
        items = items.filter(sub_kegiatan__kegiatan__program__in=programs)
    field = "pagu" if cek["tahun"] == renja.tahun else "pagu_maju"
    return items.aggregate(s=Sum(field))["s"]


def count_indicators(renja, node, tabel):
    field = {Program: "program", Kegiatan: "kegiatan", SubKegiatan: "sub_kegiatan"}[type(node)]
    if tabel.startswith("2.1"):
        years = Q(target__jenis="akhir_renstra") | Q(target__tahun__in=[renja.tahun - 2, renja.tahun - 1])
    else:
        years = Q(target__jenis__in=["renja", "prakiraan_maju"], target__tahun__in=[renja.tahun, renja.tahun + 1])
    return Indikator.objects.filter(years, **{field: node}).distinct().count()


@pytest.mark.parametrize("folder, koreksi", CORRECTIONS)
def test_koreksi_berlaku(folder, koreksi, bappeda, kominfo):
    renja = {"bappeda-2022": bappeda, "diskominfo-2022": kominfo}[folder]
    opd = renja.opd
    cek = koreksi["cek"]
    benar = koreksi["benar"]
    if cek is None:
        pytest.skip("koreksi tata letak/judul; diperiksa oleh penyaji laporan")
    jenis = cek["jenis"]
    if jenis == "pagu":
        assert same(benar, computed_pagu(renja, cek))
        assert not same(koreksi["dicetak"], computed_pagu(renja, cek)) or koreksi["dicetak"] == benar
    elif jenis == "kode":
        assert normalisasi_kode(cek["dicetak"]) == benar
        owner(opd, benar)
    elif jenis == "nama":
        node = owner(opd, cek["kode"])
        assert node.nama == benar == node.nomenklatur.nama
    elif jenis in {"sifat", "satuan", "tipe"}:
        field = {"sifat": "sifat", "satuan": "satuan", "tipe": "tipe_nilai"}[jenis]
        assert getattr(indicator(owner(opd, cek["kode"]), cek["indikator"]), field) == benar
    elif jenis == "target":
        target = Target.objects.get(
            indikator=indicator(owner(opd, cek["kode"]), cek["indikator"]), tahun=cek["tahun"], jenis=cek["tipe_target"]
        )
        assert same(benar, target.isi)
    elif jenis == "realisasi":
        real = RealisasiKinerja.objects.get(
            indikator=indicator(owner(opd, cek["kode"]), cek["indikator"]), tahun=cek["tahun"], periode="tahunan"
        )
        assert same(benar, real.isi)
    elif jenis == "ranwal_pagu":
        row = RancanganAwal.objects.get(opd=opd, tahun=renja.tahun, bagian=cek["bagian"], nomenklatur__kode=cek["kode"])
        assert same(benar, row.pagu)
    elif jenis == "ranwal_target":
        row = RancanganAwal.objects.get(opd=opd, tahun=renja.tahun, bagian=cek["bagian"], nomenklatur__kode=cek["kode"])
        matches = [i for i in row.indikator.all() if kunci_nama(i.nama) == kunci_nama(cek["indikator"])]
        assert len(matches) == 1
        assert same(benar, matches[0].target if matches[0].target is not None else matches[0].target_teks)
    elif jenis == "jumlah_indikator":
        assert count_indicators(renja, owner(opd, cek["kode"]), koreksi.get("tabel", "3.3")) == int(benar)
    elif jenis == "bab4_pagu":
        row = ProgramPrioritas.objects.get(
            renja=renja, jenis={"4.2": "unggulan", "4.3": "mendesak"}[cek["tabel"]], nomor=cek["nomor"]
        )
        assert same(benar, row.pagu)
    elif jenis == "indikator_ada":
        indicator(owner(opd, cek["kode"]), cek["indikator"])
    else:
        pytest.fail(f"jenis cek tidak dikenal: {jenis}")


def test_readme_mencantumkan_setiap_koreksi():
    text = README.read_text(encoding="utf-8")
    for param in CORRECTIONS:
        folder, koreksi = param.values
        assert f"| {koreksi['id']} |" in text, koreksi["id"]
        assert str(koreksi["baris"]) in text


def test_ada_koreksi():
    assert len(CORRECTIONS) > 20
