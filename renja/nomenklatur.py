"""Loading the nomenclature master and the code crosswalk from the project's fixtures."""

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction

from renja import kode as kodefikasi
from renja.models import KodeCrosswalk, Nomenklatur, NomenklaturVersi

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "nomenklatur"

VERSI_KABKOTA = {
    "kode": "kepmendagri-050-3708-2020-kabkota",
    "nama": "Permendagri 90/2019 sebagaimana dimutakhirkan Kepmendagri 050-3708/2020 (kabupaten/kota)",
    "regulasi": "Permendagri 90/2019; Kepmendagri 050-3708/2020",
    "berlaku_mulai": 2021,
    "panjang_sub_kegiatan": 2,
    "sumber": "SIMDA Perencanaan (simcan), © BPKP; lihat fixtures/README.md",
}
BERKAS_KABKOTA = FIXTURES / "kepmendagri_050-3708_2020_kabkota.csv"
VERSI_PROVINSI = {
    **VERSI_KABKOTA,
    "kode": "kepmendagri-050-3708-2020-provinsi",
    "nama": "Permendagri 90/2019 sebagaimana dimutakhirkan Kepmendagri 050-3708/2020 (provinsi)",
}
BERKAS_PROVINSI = FIXTURES / "kepmendagri_050-3708_2020_provinsi.csv"
MASTER = {"kabkota": (BERKAS_KABKOTA, VERSI_KABKOTA), "provinsi": (BERKAS_PROVINSI, VERSI_PROVINSI)}
MASTER_PEMDA = {"kota": "kabkota", "kabupaten": "kabkota", "provinsi": "provinsi"}  # Pemda.Jenis → MASTER
BERKAS_CROSSWALK = FIXTURES / "crosswalk.csv"

_LEVEL_ORDER = list(kodefikasi.LEVEL_LABEL)


class NomenklaturError(ValueError):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


def baca_nomenklatur(path, panjang_sub_kegiatan=2):
    """Read and validate a master CSV (header kode,level,nama,...). Returns the rows;
    raises NomenklaturError listing every bad row (line, column, value) in Indonesian."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        raw = [(line, row) for line, row in enumerate(reader, start=2)]
    normal, errors = kodefikasi.validasi_daftar_kode([(line, row["kode"]) for line, row in raw], panjang_sub_kegiatan)
    rows = []
    for (line, row), kode in zip(raw, normal, strict=True):
        if kode is None:
            continue
        if kode != row["kode"]:
            errors.append(f'Baris {line}, kolom kode: "{row["kode"]}" harus ditulis "{kode}".')
        if row["level"] != kodefikasi.level_kode(kode):
            errors.append(
                f'Baris {line}, kolom level: "{row["level"]}" tidak sesuai dengan kode "{kode}" '
                f"({kodefikasi.level_kode(kode)})."
            )
        nama = " ".join(row["nama"].split())
        if not nama:
            errors.append(f"Baris {line}, kolom nama: nama kosong untuk kode {kode}.")
        rows.append({"kode": kode, "level": row["level"], "nama": nama})
    if errors:
        raise NomenklaturError(errors)
    return rows


@transaction.atomic
def muat_nomenklatur(path=BERKAS_KABKOTA, versi_data=VERSI_KABKOTA):
    """Load a master version; returns (versi, number of rows created). Loading a version
    that already has rows changes nothing."""
    versi, _ = NomenklaturVersi.objects.get_or_create(kode=versi_data["kode"], defaults=versi_data)
    if versi.nomenklatur.exists():
        return versi, 0
    rows = baca_nomenklatur(path, versi.panjang_sub_kegiatan)
    by_kode = {}
    created = 0
    for level in _LEVEL_ORDER:
        batch = [
            Nomenklatur(
                versi=versi,
                kode=row["kode"],
                level=level,
                nama=row["nama"],
                induk=by_kode.get(kodefikasi.kode_induk(row["kode"])),
            )
            for row in rows
            if row["level"] == level
        ]
        for obj in Nomenklatur.objects.bulk_create(batch, batch_size=1000):
            by_kode[obj.kode] = obj
        created += len(batch)
    return versi, created


@transaction.atomic
def muat_crosswalk(path=BERKAS_CROSSWALK):
    """Load legacy → current code mappings (header dari_versi,dari_kode,ke_versi,ke_kode,keterangan)."""
    created = 0
    with open(path, newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            dari = NomenklaturVersi.objects.get_or_create(
                kode=row["dari_versi"], defaults={"nama": row["dari_versi"], "lama": True}
            )[0]
            try:
                ke = Nomenklatur.objects.get(versi__kode=row["ke_versi"], kode=row["ke_kode"])
            except Nomenklatur.DoesNotExist:
                raise NomenklaturError(
                    [f'Baris {line}, kolom ke_kode: kode "{row["ke_kode"]}" tidak ada di versi {row["ke_versi"]}.']
                ) from None
            _, was_created = KodeCrosswalk.objects.update_or_create(
                dari_versi=dari,
                dari_kode=row["dari_kode"].strip(),
                defaults={"ke": ke, "keterangan": row.get("keterangan", "")},
            )
            created += was_created
    return created


def versi_untuk(jenis_pemda):
    """The loaded master version for a Pemda of ``jenis_pemda`` (kota, kabupaten, provinsi), or
    NomenklaturError saying how to load it."""
    master = MASTER_PEMDA[jenis_pemda]
    versi = NomenklaturVersi.objects.filter(kode=MASTER[master][1]["kode"], nomenklatur__isnull=False).first()
    if versi is None:
        raise NomenklaturError(
            [f"Nomenklatur {master} belum dimuat: jalankan dulu 'manage.py muat_nomenklatur --jenis {master}'."]
        )
    return versi


def cari_kode(versi, raw):
    """Resolve a raw code (unpadded, with spaces, or a legacy code in the crosswalk) to a
    master node of ``versi``; raises Nomenklatur.DoesNotExist with an Indonesian message."""
    try:
        kode = kodefikasi.normalisasi_kode(raw, versi.panjang_sub_kegiatan)
    except kodefikasi.KodeTidakValid:
        kode = None
    if kode:
        node = Nomenklatur.objects.filter(versi=versi, kode=kode).first()
        if node:
            return node
    mapped = KodeCrosswalk.objects.filter(dari_kode=str(raw).strip(), ke__versi=versi).select_related("ke").first()
    if mapped:
        return mapped.ke
    raise Nomenklatur.DoesNotExist(f'Kode "{raw}" tidak ditemukan di nomenklatur {versi.kode} maupun di crosswalk.')
