"""A synthetic city for benchmarks and scale tests. (Long: it writes every table of a city in
bulk, one section per table, and is read top to bottom; it is not application code.)

``buat_kota()`` writes one Pemda, "Kota Contoh", of the size the application is designed for
(ARCHITECTURE.md, "Scale we design for": ~45 OPDs, ~3,500 sub kegiatan, ~7,000 indicators,
six years of targets and realisasi, quarterly realisasi) into the current database. Program,
kegiatan and sub kegiatan codes are drawn from the loaded nomenclature master: each OPD takes
one bidang urusan (its own where the master has enough; extra OPDs become kecamatan) and
the bidang's X.XX.01 penunjang program.

Values are plausible rather than real: targets move smoothly from year to year, the end
target of a kumulatif indicator is the sum of its yearly targets, realisasi sit around the
target and quarterly realisasi add up to (kumulatif), end at (non-kumulatif) or average to
(rata-rata) the yearly figure. The consistency checker therefore finds little, and every
finding it does report is about the code, not the data.

Everything is written with ``bulk_create`` in one transaction, in batches (no query per
row). ``bulk_create`` sends no signals, so no django-simple-history rows are written.

One city per seed per database: the Pemda code is ``99.<seed>``; building the same seed
twice raises ``KotaError``, a different seed builds a second, independent Pemda.
"""

import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from anggaran.models import RealisasiAnggaran
from evaluasi.models import RealisasiKinerja
from renja.models import (
    BagianNarasi,
    Indikator,
    Kegiatan,
    Nomenklatur,
    Pemda,
    PerangkatDaerah,
    Periode,
    Program,
    Renja,
    RenjaSubKegiatan,
    Renstra,
    Sasaran,
    SubKegiatan,
    SumberDana,
    Target,
    Tujuan,
    UnitKerja,
)
from renja.nomenklatur import muat_nomenklatur

NAMA_KOTA = "Kota Contoh"
RENSTRA_AWAL, RENSTRA_AKHIR = 2018, 2023
TAHUN_RENSTRA = tuple(range(RENSTRA_AWAL, RENSTRA_AKHIR + 1))
TAHUN_RENJA = 2022
TAHUN_REALISASI = (2018, 2019, 2020, 2021)
TAHUN_TRIWULAN = 2021
TRIWULAN = (Periode.TW1, Periode.TW2, Periode.TW3, Periode.TW4)

# (program + kegiatan + sub kegiatan indicators) per sub kegiatan: 7,000 / 3,500.
INDIKATOR_PER_SUB = 2
PORSI_PENUNJANG = 0.25
KODE_KECAMATAN = "7.01"
UKURAN_BUFFER = 10_000

SUMBER_DANA = (
    ("PAD", "Pendapatan Asli Daerah", 30),
    ("DAU", "Dana Transfer Umum-Dana Alokasi Umum", 45),
    ("DBH", "Dana Transfer Umum-Dana Bagi Hasil", 8),
    ("DAK-FISIK", "Dana Transfer Khusus-Dana Alokasi Khusus Fisik", 7),
    ("DAK-NONFISIK", "Dana Transfer Khusus-Dana Alokasi Khusus Non Fisik", 5),
    ("BANKEU", "Bantuan Keuangan Provinsi", 5),
)
KECAMATAN = ("Contoh Barat", "Contoh Timur", "Contoh Utara", "Contoh Selatan", "Contoh Tengah", "Contoh Baru")
NAMA_KHUSUS = {
    "1.05": "Satuan Polisi Pamong Praja",
    "4.01": "Sekretariat Daerah",
    "4.02": "Sekretariat DPRD",
    "5.01": "Badan Perencanaan Pembangunan Daerah",
    "5.02": "Badan Pengelolaan Keuangan dan Aset Daerah",
    "5.03": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "5.04": "Badan Pendidikan dan Pelatihan Daerah",
    "5.05": "Badan Penelitian dan Pengembangan Daerah",
    "5.06": "Badan Pengelolaan Perbatasan Daerah",
    "5.07": "Badan Pengelolaan Kawasan Perbatasan",
    "6.01": "Inspektorat Daerah",
    "8.01": "Badan Kesatuan Bangsa dan Politik",
}

TipeNilai, Sifat, Polaritas = Indikator.TipeNilai, Indikator.Sifat, Indikator.Polaritas


class KotaError(ValueError):
    """The synthetic city cannot be built (it already exists, or the sizes are invalid)."""


@dataclass(frozen=True)
class Pola:
    """A kind of indicator: name template, satuan, tipe, sifat, polaritas; ``kunci`` selects how its values move."""

    kunci: str
    nama: str
    satuan: tuple
    tipe: str
    sifat: str
    polaritas: str = Polaritas.POSITIF


POLA = {
    pola.kunci: pola
    for pola in (
        Pola(
            "kumulatif",
            "Jumlah {objek} yang terlaksana",
            ("Kegiatan", "Dokumen", "Laporan", "Orang", "Paket", "Unit", "Lokasi"),
            TipeNilai.ANGKA,
            Sifat.KUMULATIF,
        ),
        Pola(
            "posisi",
            "Jumlah sarana {objek} yang tersedia",
            ("Unit", "Lokasi", "Titik"),
            TipeNilai.ANGKA,
            Sifat.NON_KUMULATIF,
        ),
        Pola("persen", "Persentase capaian {objek}", ("%",), TipeNilai.PERSEN, Sifat.NON_KUMULATIF),
        Pola("rata_rata", "Rata-rata ketepatan waktu {objek}", ("%",), TipeNilai.PERSEN, Sifat.RATA_RATA),
        Pola(
            "negatif_persen",
            "Persentase keluhan masyarakat atas {objek}",
            ("%",),
            TipeNilai.PERSEN,
            Sifat.NON_KUMULATIF,
            Polaritas.NEGATIF,
        ),
        Pola(
            "negatif_angka",
            "Jumlah temuan permasalahan {objek}",
            ("Kasus", "Temuan"),
            TipeNilai.ANGKA,
            Sifat.NON_KUMULATIF,
            Polaritas.NEGATIF,
        ),
        Pola("indeks", "Indeks kepuasan masyarakat atas {objek}", ("Indeks",), TipeNilai.INDEKS, Sifat.NON_KUMULATIF),
        Pola("kualitatif", "Terlaksananya {objek}", ("",), TipeNilai.KUALITATIF, Sifat.NON_KUMULATIF),
    )
}
# Relative weight of each kind per owner level.
BOBOT = {
    "tujuan": {"persen": 4, "indeks": 4, "negatif_persen": 1, "kualitatif": 1},
    "sasaran": {"persen": 5, "indeks": 3, "negatif_persen": 2, "rata_rata": 1, "kualitatif": 1},
    "program": {
        "persen": 35,
        "indeks": 20,
        "negatif_persen": 15,
        "rata_rata": 10,
        "posisi": 10,
        "kumulatif": 5,
        "kualitatif": 5,
    },
    "kegiatan": {
        "kumulatif": 25,
        "persen": 30,
        "posisi": 10,
        "negatif_persen": 10,
        "rata_rata": 8,
        "indeks": 7,
        "negatif_angka": 5,
        "kualitatif": 5,
    },
    "sub_kegiatan": {
        "kumulatif": 45,
        "persen": 18,
        "posisi": 12,
        "kualitatif": 6,
        "rata_rata": 5,
        "negatif_persen": 5,
        "indeks": 5,
        "negatif_angka": 4,
    },
}


# --------------------------------------------------------------------------- values


@dataclass
class Deret:
    """The values of one indicator: yearly Renstra targets, end target, Renja n and prakiraan
    maju n+1 targets per year, yearly realisasi and the four quarters of TAHUN_TRIWULAN."""

    renstra: dict
    akhir: object
    renja: dict
    maju: dict
    realisasi: dict
    triwulan: list = field(default_factory=list)


def _bulat(pola, x):
    """A generated value in the indicator's own form: whole numbers for angka, two decimals
    otherwise, percentages within 0–100."""
    if pola.tipe == TipeNilai.ANGKA:
        return Decimal(max(0, round(x)))
    if pola.tipe in (TipeNilai.PERSEN, TipeNilai.INDEKS):
        x = min(100.0, x)
    return Decimal(max(0, round(x * 100))).scaleb(-2)


def _bagi(rng, total, bobot):
    """Split a whole number into len(bobot) whole, non-negative parts that add up to it."""
    weights = [w * rng.uniform(0.8, 1.2) for w in bobot]
    scale = total / sum(weights)
    parts = [int(w * scale) for w in weights[:-1]]
    return [*parts, total - sum(parts)]


def _deret(rng, pola):
    """Values of one indicator of kind ``pola``, deterministic for the state of ``rng``."""
    if pola.kunci == "kualitatif":
        teks = "Terlaksana"
        realisasi = {y: teks if rng.random() < 0.9 else f"Belum {teks}" for y in TAHUN_REALISASI}
        triwulan = [rng.choice((teks, f"Belum {teks}")) for _ in TRIWULAN[:-1]] + [realisasi[TAHUN_TRIWULAN]]
        return Deret(
            renstra=dict.fromkeys(TAHUN_RENSTRA, teks),
            akhir=teks,
            renja=dict.fromkeys(TAHUN_RENSTRA[:-1], teks),
            maju=dict.fromkeys(TAHUN_RENSTRA[1:], teks),
            realisasi=realisasi,
            triwulan=triwulan,
        )

    if pola.kunci == "kumulatif":
        base = rng.choice((1, 2, 3, 4, 5, 6, 10, 12, 20, 24, 50, 100, 200, 500, 1000))
        renstra = [max(1, round(base * rng.uniform(0.8, 1.25))) for _ in TAHUN_RENSTRA]
    elif pola.kunci == "posisi":
        base, growth = rng.choice((5, 10, 20, 50, 100, 250)), rng.uniform(0.02, 0.08)
        renstra = [base * (1 + growth) ** i for i in range(len(TAHUN_RENSTRA))]
    elif pola.kunci in ("persen", "rata_rata"):
        start, step = rng.uniform(55, 85), rng.uniform(1, 3)
        renstra = [start + step * i for i in range(len(TAHUN_RENSTRA))]
    elif pola.kunci == "negatif_persen":
        start, step = rng.uniform(10, 35), rng.uniform(0.5, 1.5)
        renstra = [start - step * i for i in range(len(TAHUN_RENSTRA))]
    elif pola.kunci == "negatif_angka":
        base, decline = rng.choice((10, 20, 50, 100, 200)), rng.uniform(0.03, 0.08)
        renstra = [max(1, base * (1 - decline) ** i) for i in range(len(TAHUN_RENSTRA))]
    elif pola.kunci == "indeks":
        start, step = rng.uniform(70, 82), rng.uniform(0.5, 1.5)
        renstra = [min(95.0, start + step * i) for i in range(len(TAHUN_RENSTRA))]
    else:
        raise KotaError(f"Pola indikator tidak dikenal: {pola.kunci}")

    renstra = {y: _bulat(pola, x) for y, x in zip(TAHUN_RENSTRA, renstra, strict=True)}
    kumulatif = pola.sifat == Sifat.KUMULATIF
    akhir = sum(renstra.values(), Decimal(0)) if kumulatif else renstra[RENSTRA_AKHIR]

    def revisi(y):
        if rng.random() < 0.2:
            value = _bulat(pola, float(renstra[y]) * rng.uniform(0.97, 1.03))
            return max(value, Decimal(1)) if kumulatif else value
        return renstra[y]

    renja = {y: revisi(y) for y in TAHUN_RENSTRA[:-1]}
    maju = {y: revisi(y) for y in TAHUN_RENSTRA[1:]}
    low, high = (0.92, 1.2) if pola.polaritas == Polaritas.NEGATIF else (0.8, 1.08)
    realisasi = {y: _bulat(pola, float(renja[y]) * rng.uniform(low, high)) for y in TAHUN_REALISASI}
    if pola.polaritas == Polaritas.NEGATIF:
        # A realisasi of 0 has no capaian under "target / realisasi"; a real city reports at least one.
        realisasi = {
            y: max(v, Decimal(1) if pola.tipe == TipeNilai.ANGKA else Decimal("0.10")) for y, v in realisasi.items()
        }

    tahunan = realisasi[TAHUN_TRIWULAN]
    if kumulatif:
        triwulan = [Decimal(v) for v in _bagi(rng, int(tahunan), (0.15, 0.25, 0.25, 0.35))]
    elif pola.sifat == Sifat.RATA_RATA:
        triwulan = [_bulat(pola, float(tahunan) * rng.uniform(0.95, 1.05)) for _ in TRIWULAN]
        realisasi[TAHUN_TRIWULAN] = (sum(triwulan, Decimal(0)) / 4).quantize(Decimal("0.01"))
    else:
        before = float(realisasi[TAHUN_TRIWULAN - 1])
        triwulan = [_bulat(pola, before + (float(tahunan) - before) * k / 4) for k in (1, 2, 3)] + [tahunan]
    return Deret(renstra=renstra, akhir=akhir, renja=renja, maju=maju, realisasi=realisasi, triwulan=triwulan)


def _nilai(value):
    """(nilai, nilai_teks) of a generated value: exactly one of them is filled."""
    return (value, "") if isinstance(value, Decimal) else (None, value)


# --------------------------------------------------------------------------- structure


@dataclass
class _Master:
    bidang: list  # [(kode, nama)] in code order
    node: dict  # kode -> (pk, nama)
    sub_per_bidang: dict  # bidang kode -> sub kegiatan codes in code order


def _baca_master(versi):
    """The nomenclature master below urusan level, in one query."""
    rows = (
        Nomenklatur.objects.filter(versi=versi)
        .exclude(level=Nomenklatur.Level.URUSAN)
        .order_by("kode")
        .values_list("pk", "kode", "level", "nama")
    )
    master = _Master(bidang=[], node={}, sub_per_bidang={})
    for pk, kode, level, nama in rows:
        master.node[kode] = (pk, nama)
        if level == Nomenklatur.Level.BIDANG_URUSAN:
            master.bidang.append((kode, nama))
        elif level == Nomenklatur.Level.SUB_KEGIATAN:
            master.sub_per_bidang.setdefault(_potong(kode, 2), []).append(kode)
    master.bidang = [(kode, nama) for kode, nama in master.bidang if master.sub_per_bidang.get(kode)]
    if not master.bidang:
        raise KotaError(f"Nomenklatur {versi.kode} tidak mempunyai sub kegiatan.")
    return master


def _potong(kode, segments):
    return ".".join(kode.split(".")[:segments])


def _judul(text):
    return " ".join(w if w in {"dan", "serta"} else w.capitalize() for w in text.lower().split())


def _bidang_pendek(nama):
    return _judul(nama.removeprefix("URUSAN PEMERINTAHAN BIDANG ")).lower()


def _objek(nama):
    """A master name as it reads inside an indicator name."""
    text = nama.lower() if nama.isupper() else nama
    return text[:1].lower() + text[1:]


def _rencana_opd(master, jumlah_opd):
    """(bidang kode, bidang nama, nama OPD) per OPD: the master's bidang in code order, one per
    OPD; OPDs beyond the number of bidang are further kecamatan."""
    kecamatan = next((b for b in master.bidang if b[0] == KODE_KECAMATAN), None)
    plan, jumlah_kecamatan = [], 0
    for i in range(jumlah_opd):
        if i < len(master.bidang):
            kode, nama = master.bidang[i]
        else:
            kode, nama = kecamatan or master.bidang[i % len(master.bidang)]
        if kode == KODE_KECAMATAN:
            urut, putaran = divmod(jumlah_kecamatan, len(KECAMATAN))
            nama_opd = f"Kecamatan {KECAMATAN[putaran]}" + (f" {urut + 1}" if urut else "")
            jumlah_kecamatan += 1
        elif kode in NAMA_KHUSUS:
            nama_opd = NAMA_KHUSUS[kode]
        else:
            nama_opd = f"Dinas {_judul(nama.removeprefix('URUSAN PEMERINTAHAN BIDANG '))}"
        plan.append((kode, nama, nama_opd))
    return plan


def _pilih_sub(rng, master, bidang, jumlah):
    """About a quarter penunjang (X.XX.01) sub kegiatan, the rest from the bidang's own
    programs; fewer when the bidang has fewer."""
    semua = master.sub_per_bidang[bidang]
    penunjang = [k for k in semua if k.split(".")[2] == "01"]
    teknis = [k for k in semua if k.split(".")[2] != "01"]
    n_penunjang = min(len(penunjang), max(1, round(jumlah * PORSI_PENUNJANG)))
    n_teknis = min(len(teknis), jumlah - n_penunjang)
    n_penunjang = min(len(penunjang), jumlah - n_teknis)
    return sorted(rng.sample(penunjang, n_penunjang) + rng.sample(teknis, n_teknis))


def _pilih_pola(rng, level, jumlah):
    """``jumlah`` different kinds for one owner (different kinds give different names)."""
    bobot = dict(BOBOT[level])
    chosen = []
    for _ in range(min(jumlah, len(bobot))):
        kunci = rng.choices(list(bobot), weights=list(bobot.values()))[0]
        chosen.append(POLA[kunci])
        del bobot[kunci]
    return chosen


class _Buffer:
    """Rows of one model, written with bulk_create whenever ``size`` have accumulated."""

    def __init__(self, model, size=UKURAN_BUFFER):
        self.model, self.size, self.rows, self.count = model, size, [], 0

    def add(self, obj):
        self.rows.append(obj)
        if len(self.rows) >= self.size:
            self.flush()

    def flush(self):
        if self.rows:
            self.model.objects.bulk_create(self.rows)
            self.count += len(self.rows)
            self.rows = []


def buat_kota(jumlah_opd=45, sub_per_opd=78, seed=2022):
    """Build the synthetic city in the current database and return its counts.

    ``jumlah_opd`` OPDs (singkatan OPD01, OPD02, …), each with a Renstra 2018–2023 (two
    tujuan, two sasaran each, indicators on both, every program linked to a sasaran), about
    ``sub_per_opd`` sub kegiatan under real master codes, ``INDIKATOR_PER_SUB`` program,
    kegiatan and sub kegiatan indicators per sub kegiatan (at least one per node), 17
    targets per indicator (Renstra 2018–2023, akhir Renstra, Renja 2018–2022, prakiraan maju
    2019–2023), a Renja 2022 in draf with pagu n and n+1 for every sub kegiatan and a line of
    narrative in each Bab I–V section, realisasi
    kinerja per year 2018–2021 and per triwulan 2021, realisasi anggaran likewise.
    Deterministic for a given ``seed``. Loads the nomenclature master first if it is empty.
    """
    if jumlah_opd < 1 or sub_per_opd < 1:
        raise KotaError("Jumlah OPD dan sub kegiatan per OPD minimal 1.")
    rng = random.Random(seed)
    with transaction.atomic():
        versi, _ = muat_nomenklatur()
        kode_pemda = f"99.{seed}"[:13]
        if Pemda.objects.filter(kode=kode_pemda).exists():
            raise KotaError(f"Pemda {kode_pemda} ({NAMA_KOTA}, seed {seed}) sudah ada di basis data ini.")
        master = _baca_master(versi)
        pemda = Pemda.objects.create(kode=kode_pemda, nama=NAMA_KOTA, jenis=Pemda.Jenis.KOTA, nomenklatur_versi=versi)
        sumber = SumberDana.objects.bulk_create(
            [SumberDana(pemda=pemda, kode=kode, nama=nama) for kode, nama, _ in SUMBER_DANA]
        )
        return _bangun(rng, master, pemda, sumber, jumlah_opd, sub_per_opd)


def _bangun(rng, master, pemda, sumber, jumlah_opd, sub_per_opd):
    plan = _rencana_opd(master, jumlah_opd)
    opds = PerangkatDaerah.objects.bulk_create(
        [
            PerangkatDaerah(
                pemda=pemda,
                kode=f"{bidang}.0.00.0.00.{i:02d}.0000",
                nama=nama_opd,
                singkatan=f"OPD{i:02d}",
            )
            for i, (bidang, _, nama_opd) in enumerate(plan, start=1)
        ]
    )
    PerangkatDaerah.bidang_urusan.through.objects.bulk_create(
        [
            PerangkatDaerah.bidang_urusan.through(perangkatdaerah_id=opd.pk, nomenklatur_id=master.node[bidang][0])
            for opd, (bidang, _, _) in zip(opds, plan, strict=True)
        ]
    )

    # The tree of each OPD, level by level, all OPDs in one bulk_create per level.
    subs_per_opd = [_pilih_sub(rng, master, bidang, sub_per_opd) for bidang, _, _ in plan]
    program_kode = [sorted({_potong(k, 3) for k in subs}) for subs in subs_per_opd]
    kegiatan_kode = [sorted({_potong(k, 5) for k in subs}) for subs in subs_per_opd]
    programs = Program.objects.bulk_create(
        [
            Program(opd_id=opd.pk, nomenklatur_id=master.node[kode][0])
            for opd, kodes in zip(opds, program_kode, strict=True)
            for kode in kodes
        ]
    )
    program_by = {(p.opd_id, kode): p for p, kode in zip(programs, (k for ks in program_kode for k in ks), strict=True)}
    kegiatan = Kegiatan.objects.bulk_create(
        [
            Kegiatan(program_id=program_by[(opd.pk, _potong(kode, 3))].pk, nomenklatur_id=master.node[kode][0])
            for opd, kodes in zip(opds, kegiatan_kode, strict=True)
            for kode in kodes
        ]
    )
    kegiatan_by = {
        (opd.pk, kode): obj
        for (opd, kode), obj in zip(
            ((opd, k) for opd, ks in zip(opds, kegiatan_kode, strict=True) for k in ks), kegiatan, strict=True
        )
    }
    sub_pairs = [(opd, kode) for opd, subs in zip(opds, subs_per_opd, strict=True) for kode in subs]
    sub_kegiatan = SubKegiatan.objects.bulk_create(
        [
            SubKegiatan(kegiatan_id=kegiatan_by[(opd.pk, _potong(kode, 5))].pk, nomenklatur_id=master.node[kode][0])
            for opd, kode in sub_pairs
        ]
    )

    # Unit kerja: a sekretariat for the penunjang program, a bidang for each of the first four
    # other programs (further programs share them).
    units, pj_program = [], {}
    for opd, kodes in zip(opds, program_kode, strict=True):
        units.append(UnitKerja(opd=opd, kode="SEKRETARIAT", nama="Sekretariat", jabatan="Sekretaris"))
        sekretariat, bidang_units = units[-1], []
        teknis = [k for k in kodes if k.split(".")[2] != "01"]
        for kode in kodes:
            if kode not in teknis:
                pj_program[(opd.pk, kode)] = sekretariat
        for j, kode in enumerate(teknis):
            if j < 4:
                nama = f"Bidang {_judul(master.node[kode][1].removeprefix('PROGRAM '))}"[:200]
                units.append(UnitKerja(opd=opd, kode=f"BIDANG-{j + 1}", nama=nama, jabatan=f"Kepala {nama}"[:120]))
                bidang_units.append(units[-1])
            pj_program[(opd.pk, kode)] = bidang_units[j % 4]
    UnitKerja.objects.bulk_create(units)

    # Renstra, tujuan, sasaran; programs linked to sasaran 1.1, 1.2, 2.1 in turn, penunjang to 2.2.
    renstra = Renstra.objects.bulk_create(
        [
            Renstra(
                opd=opd,
                tahun_awal=RENSTRA_AWAL,
                tahun_akhir=RENSTRA_AKHIR,
                nomor_dokumen=f"Renstra {opd.nama} {NAMA_KOTA} Tahun {RENSTRA_AWAL}-{RENSTRA_AKHIR} (data sintetis)",
            )
            for opd in opds
        ]
    )
    tujuan_rows, tujuan_objek = [], []
    for rs, opd, (_, bidang_nama, _) in zip(renstra, opds, plan, strict=True):
        bidang = _bidang_pendek(bidang_nama)
        tujuan_rows += [
            Tujuan(renstra=rs, nomor="1", uraian=f"Meningkatkan kualitas layanan {bidang} di {NAMA_KOTA}"),
            Tujuan(renstra=rs, nomor="2", uraian=f"Mewujudkan tata kelola {opd.nama} yang akuntabel"),
        ]
        tujuan_objek += [f"layanan {bidang}", f"tata kelola {opd.nama}"]
    tujuan = Tujuan.objects.bulk_create(tujuan_rows)
    sasaran_rows = []
    for i, (_, bidang_nama, _) in enumerate(plan):
        bidang = _bidang_pendek(bidang_nama)
        t1, t2 = tujuan[2 * i], tujuan[2 * i + 1]
        sasaran_rows += [
            Sasaran(tujuan=t1, nomor="1.1", uraian=f"Meningkatnya cakupan layanan {bidang}"),
            Sasaran(tujuan=t1, nomor="1.2", uraian=f"Meningkatnya mutu layanan {bidang}"),
            Sasaran(tujuan=t2, nomor="2.1", uraian="Meningkatnya kapasitas kelembagaan perangkat daerah"),
            Sasaran(tujuan=t2, nomor="2.2", uraian="Meningkatnya akuntabilitas kinerja dan keuangan perangkat daerah"),
        ]
    sasaran = Sasaran.objects.bulk_create(sasaran_rows)
    links = []
    for i, (opd, kodes) in enumerate(zip(opds, program_kode, strict=True)):
        mine = sasaran[4 * i : 4 * i + 4]
        teknis = [k for k in kodes if k.split(".")[2] != "01"]
        for j, kode in enumerate(teknis):
            links.append((mine[j % 3], program_by[(opd.pk, kode)]))
        for kode in kodes:
            if kode.split(".")[2] == "01":
                links.append((mine[3], program_by[(opd.pk, kode)]))
    Sasaran.program.through.objects.bulk_create(
        [Sasaran.program.through(sasaran_id=s.pk, program_id=p.pk) for s, p in links]
    )

    # Indicators: one or two per tujuan/sasaran; per OPD, INDIKATOR_PER_SUB × its sub kegiatan
    # over program (2), kegiatan (1–2) and sub kegiatan (the rest, at least 1 each).
    indikator, pola_list = [], []

    def add(owner_field, owner, nama_objek, level, jumlah):
        for urutan, pola in enumerate(_pilih_pola(rng, level, jumlah), start=1):
            metode = ""
            if pola.polaritas == Polaritas.NEGATIF:
                metode = rng.choice(Indikator.MetodeNegatif.values)
            indikator.append(
                Indikator(
                    **{f"{owner_field}_id": owner.pk},
                    urutan=urutan,
                    nama=pola.nama.format(objek=nama_objek),
                    satuan=rng.choice(pola.satuan),
                    tipe_nilai=pola.tipe,
                    sifat=pola.sifat,
                    polaritas=pola.polaritas,
                    metode_negatif=metode,
                )
            )
            pola_list.append(pola)

    for obj, objek in zip(tujuan, tujuan_objek, strict=True):
        add("tujuan", obj, objek, "tujuan", 1)
    for obj in sasaran:
        add("sasaran", obj, obj.uraian.removeprefix("Meningkatnya ").lower(), "sasaran", rng.choice((1, 2)))
    n_tree = {"program": 0, "kegiatan": 0, "sub_kegiatan": 0}
    sub_index = 0
    for opd, p_kodes, k_kodes, s_kodes in zip(opds, program_kode, kegiatan_kode, subs_per_opd, strict=True):
        start = len(indikator)
        for kode in p_kodes:
            add("program", program_by[(opd.pk, kode)], _objek(master.node[kode][1]), "program", 2)
        for kode in k_kodes:
            add("kegiatan", kegiatan_by[(opd.pk, kode)], _objek(master.node[kode][1]), "kegiatan", rng.choice((1, 2)))
        sisa = INDIKATOR_PER_SUB * len(s_kodes) - (len(indikator) - start)
        dua = set(rng.sample(range(len(s_kodes)), max(0, min(len(s_kodes), sisa - len(s_kodes)))))
        for j, kode in enumerate(s_kodes):
            add(
                "sub_kegiatan",
                sub_kegiatan[sub_index],
                _objek(master.node[kode][1]),
                "sub_kegiatan",
                2 if j in dua else 1,
            )
            sub_index += 1
    for ind in indikator:
        n_tree[ind.level] = n_tree.get(ind.level, 0) + 1
    indikator = Indikator.objects.bulk_create(indikator)

    # Renja 2022 per OPD with its sub kegiatan rows.
    renja = Renja.objects.bulk_create(
        [
            Renja(opd=opd, tahun=TAHUN_RENJA, renstra=rs, status=Renja.Status.DRAF)
            for opd, rs in zip(opds, renstra, strict=True)
        ]
    )
    renja_by_opd = {r.opd_id: r for r in renja}
    narasi = BagianNarasi.objects.bulk_create(
        [
            BagianNarasi(renja=r, kunci=kunci, isi=f"{label} Renja {opd.nama} Tahun {TAHUN_RENJA}.")
            for r, opd in zip(renja, opds, strict=True)
            for kunci, label in BagianNarasi.Kunci.choices
        ]
    )
    sumber_bobot = [w for _, _, w in SUMBER_DANA]
    items, pagu_per_sub = [], []
    urutan = {}
    for (opd, kode), sub in zip(sub_pairs, sub_kegiatan, strict=True):
        penunjang = kode.split(".")[2] == "01"
        low, high = (2e7, 1.5e9) if penunjang else (5e7, 2.5e9)
        pagu = Decimal(int(low * (high / low) ** rng.random()) // 1000 * 1000)
        pagu_maju = Decimal(int(float(pagu) * rng.uniform(0.9, 1.15)) // 1000 * 1000)
        sd = rng.choices(sumber, weights=sumber_bobot)[0] if not penunjang else rng.choice(sumber[:2])
        if penunjang or rng.random() < 0.6:
            lokasi = NAMA_KOTA
        else:
            lokasi = ", ".join(f"Kecamatan {k}" for k in sorted(rng.sample(KECAMATAN, rng.choice((1, 2)))))
        urutan[opd.pk] = urutan.get(opd.pk, 0) + 1
        items.append(
            RenjaSubKegiatan(
                renja=renja_by_opd[opd.pk],
                sub_kegiatan_id=sub.pk,
                urutan=urutan[opd.pk],
                lokasi=lokasi,
                pagu=pagu,
                pagu_maju=pagu_maju,
                sumber_dana=sd,
                penanggung_jawab=pj_program[(opd.pk, _potong(kode, 3))],
            )
        )
        pagu_per_sub.append((sub.pk, pagu))
    RenjaSubKegiatan.objects.bulk_create(items)

    # Targets and realisasi, streamed to the database in batches.
    targets, kinerja, anggaran = _Buffer(Target), _Buffer(RealisasiKinerja), _Buffer(RealisasiAnggaran)
    for ind, pola in zip(indikator, pola_list, strict=True):
        deret = _deret(rng, pola)
        rows = (
            [(y, Target.Jenis.RENSTRA, v) for y, v in deret.renstra.items()]
            + [(RENSTRA_AKHIR, Target.Jenis.AKHIR_RENSTRA, deret.akhir)]
            + [(y, Target.Jenis.RENJA, v) for y, v in deret.renja.items()]
            + [(y, Target.Jenis.PRAKIRAAN_MAJU, v) for y, v in deret.maju.items()]
        )
        for tahun, jenis, value in rows:
            nilai, teks = _nilai(value)
            targets.add(Target(indikator_id=ind.pk, tahun=tahun, jenis=jenis, nilai=nilai, nilai_teks=teks))
        periods = [(y, Periode.TAHUNAN, v) for y, v in deret.realisasi.items()]
        periods += [(TAHUN_TRIWULAN, tw, v) for tw, v in zip(TRIWULAN, deret.triwulan, strict=True)]
        for tahun, periode, value in periods:
            nilai, teks = _nilai(value)
            kinerja.add(
                RealisasiKinerja(indikator_id=ind.pk, tahun=tahun, periode=periode, nilai=nilai, nilai_teks=teks)
            )
    for sub_pk, pagu in pagu_per_sub:
        for tahun in TAHUN_REALISASI:
            # Earlier years' budgets were somewhat smaller; serapan 80–98 %.
            tahunan = int(float(pagu) * (0.97 ** (TAHUN_RENJA - tahun)) * rng.uniform(0.8, 0.98))
            anggaran.add(
                RealisasiAnggaran(sub_kegiatan_id=sub_pk, tahun=tahun, periode=Periode.TAHUNAN, nilai=Decimal(tahunan))
            )
            if tahun == TAHUN_TRIWULAN:
                for tw, value in zip(TRIWULAN, _bagi(rng, tahunan, (0.15, 0.22, 0.25, 0.38)), strict=True):
                    anggaran.add(
                        RealisasiAnggaran(sub_kegiatan_id=sub_pk, tahun=tahun, periode=tw, nilai=Decimal(value))
                    )
    for buffer in (targets, kinerja, anggaran):
        buffer.flush()

    return {
        "pemda": pemda.kode,
        "opd": len(opds),
        "unit_kerja": len(units),
        "renstra": len(renstra),
        "tujuan": len(tujuan),
        "sasaran": len(sasaran),
        "program": len(programs),
        "kegiatan": len(kegiatan),
        "sub_kegiatan": len(sub_kegiatan),
        "indikator": len(indikator),
        "indikator_tujuan_sasaran": n_tree.get("tujuan", 0) + n_tree.get("sasaran", 0),
        "indikator_program_kegiatan_sub": n_tree["program"] + n_tree["kegiatan"] + n_tree["sub_kegiatan"],
        "target": targets.count,
        "renja": len(renja),
        "renja_sub_kegiatan": len(items),
        "narasi": len(narasi),
        "pagu": sum((p for _, p in pagu_per_sub), Decimal(0)),
        "realisasi_kinerja": kinerja.count,
        "realisasi_anggaran": anggaran.count,
    }
