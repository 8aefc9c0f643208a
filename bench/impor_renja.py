"""One OPD's Renja of 400 rows in the regulation's T-C.33 form (program, kegiatan, sub
kegiatan rows with their printed totals, two indicators per sub kegiatan, units inside the
target cells), imported into a fresh OPD of a fresh Pemda: the dry run, then the apply (which
reads and checks the file again) — issue 15 budget < 3 s together; then the same file again
(all sama). A throw-away SQLite database with the kab/kota master.

    .venv/bin/python bench/impor_renja.py [--baris 400]     # PROFIL=1: queries and profile of the apply

Replaces its section of bench/RESULTS.md ("Impor Renja").
"""

import argparse
import os
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.django_env import setup_django, sqlite_sementara  # noqa: E402
from bench.hasil import RESULTS, tulis_bagian  # noqa: E402


def berkas(versi, baris):
    """A workbook of about ``baris`` rows in the regulation's form, from the master's 5.xx nodes."""
    from renja.models import Nomenklatur
    from tests.onboarding.renja_berkas import formulir

    subs = (
        Nomenklatur.objects.filter(versi=versi, level="sub_kegiatan", kode__startswith="5.")
        .select_related("induk__induk")
        .order_by("kode")
    )
    rows, seen = [], set()
    for n, sub in enumerate(subs):
        if len(rows) >= baris:
            break
        for parent in (sub.induk.induk, sub.induk):
            if parent.kode not in seen:
                seen.add(parent.kode)
                rows.append([parent.kode, parent.nama, None, None, None, None, None, None, None, None])
        pagu, maju = f"{(n + 1) * 1000:,}".replace(",", "."), f"{(n + 2) * 1000:,}"  # both number styles
        rows.append(
            [sub.kode, sub.nama, f"Jumlah dokumen {n}", "Kota", "2 Dokumen", pagu, "APBD", None, "3 Dokumen", maju]
        )
        rows.append([None, None, f"Persentase layanan {n}", None, "95%", None, None, None, "96,5%", None])
    return formulir(rows, 2030), len(rows)


def terapkan(opd, user, data):
    from renja import impor_renja_simpan

    if not os.environ.get("PROFIL"):
        return impor_renja_simpan.terapkan(opd, user, data, "bench.xlsx", None)
    import cProfile
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q, cProfile.Profile() as prof:
        impor = impor_renja_simpan.terapkan(opd, user, data, "bench.xlsx", None)
    print(len(q.captured_queries), "query")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return impor


def main(argv=None):
    parser = argparse.ArgumentParser(description="Ukur impor Renja 400 baris (uji kering + simpan).")
    parser.add_argument("--baris", type=int, default=400)
    args = parser.parse_args(argv)
    url, tmp = sqlite_sementara("bench-renja-")
    setup_django(url, override=True)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from renja import impor_renja
    from renja.models import Nomenklatur, NomenklaturVersi, Pemda, PerangkatDaerah, Renstra
    from renja.nomenklatur import VERSI_KABKOTA, muat_nomenklatur

    call_command("migrate", verbosity=0)
    muat_nomenklatur()
    versi = NomenklaturVersi.objects.get(kode=VERSI_KABKOTA["kode"])
    pemda = Pemda.objects.create(kode="99.99", nama="Kota Bench", jenis="kota", nomenklatur_versi=versi)
    opd = PerangkatDaerah.objects.create(pemda=pemda, kode="5.0", nama="Badan Bench", singkatan="BENCH")
    opd.bidang_urusan.set(Nomenklatur.objects.filter(versi=versi, level="bidang_urusan", kode__startswith="5."))
    Renstra.objects.create(opd=opd, tahun_awal=2029, tahun_akhir=2033)
    user = get_user_model().objects.create_user("bench")
    data, n = berkas(versi, args.baris)
    start = time.perf_counter()
    hasil = impor_renja.periksa(opd, data, "bench.xlsx", None)
    uji = time.perf_counter() - start
    assert not hasil.galat, [(b.nomor, b.kolom, b.pesan) for b in hasil.galat[:3]]
    impor = terapkan(opd, user, data)
    total = time.perf_counter() - start
    again = time.perf_counter()
    ulang = impor_renja.periksa(opd, data, "bench.xlsx", None)
    ulang_s = time.perf_counter() - again
    assert ulang.jumlah("baru") == ulang.jumlah("berubah") == 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        (
            f"Impor Renja {n} baris formulir T-C.33 ke OPD baru: uji kering",
            uji,
            "",
            f"{len(hasil.baris)} baris pratinjau",
        ),
        (
            "… uji kering + simpan (baca dan periksa ulang, satu transaksi)",
            total,
            f"{peak:.0f} (RSS)",
            f"{impor.baru} baru; batas 3 s: {'ok' if total < 3 else 'LEWAT'}",
        ),
        ("… berkas sama sekali lagi: uji kering, semua sama", ulang_s, "", f"{ulang.jumlah('sama')} sama"),
    ]
    print(tulis_bagian(RESULTS, "impor-renja", "Impor Renja", "SQLite (bench/impor_renja.py)", rows))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
