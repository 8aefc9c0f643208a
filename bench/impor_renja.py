"""One OPD's Renja of 400 rows in the regulation's T-C.33 form (program, kegiatan, sub
kegiatan rows with their printed totals, two indicators per sub kegiatan, units inside the
target cells), imported into a fresh OPD of a fresh Pemda: the dry run, then the apply (which
reads and checks the file again) — issue 15 budget < 3 s together. A throw-away SQLite
database with the kab/kota master.

    .venv/bin/python bench/impor_renja.py [--baris 400]

Replaces its section of bench/RESULTS.md ("Impor Renja").
"""

import argparse
import os
import platform
import re
import resource
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.django_env import setup_django, sqlite_sementara  # noqa: E402

AWAL, AKHIR = "<!-- impor-renja:awal -->", "<!-- impor-renja:akhir -->"


def berkas(versi, baris):
    """A workbook of about ``baris`` rows in the regulation's form, from the master's 5.xx nodes."""
    from renja.models import Nomenklatur
    from tests.pembantu import xlsx

    rows = [
        ["RUMUSAN RENCANA PROGRAM DAN KEGIATAN TAHUN 2030"],
        [],
        [
            "Kode",
            "Program/Kegiatan/Sub Kegiatan",
            "Indikator Kinerja",
            "Rencana Tahun 2030",
            None,
            None,
            None,
            None,
            "Prakiraan Maju Rencana Tahun 2031",
            None,
        ],
        [
            None,
            None,
            None,
            "Lokasi",
            "Target Capaian Kinerja",
            "Kebutuhan Dana/Pagu Indikatif",
            "Sumber Dana",
            "Catatan Penting",
            "Target Capaian Kinerja",
            "Kebutuhan Dana/Pagu Indikatif",
        ],
    ]
    subs = (
        Nomenklatur.objects.filter(versi=versi, level="sub_kegiatan", kode__startswith="5.")
        .select_related("induk__induk")
        .order_by("kode")
    )
    seen = set()
    for n, sub in enumerate(subs):
        if len(rows) >= baris + 4:
            break
        for parent in (sub.induk.induk, sub.induk):
            if parent.kode not in seen:
                seen.add(parent.kode)
                rows.append([parent.kode, parent.nama, None, None, None, None, None, None, None, None])
        rows.append(
            [
                sub.kode,
                sub.nama,
                f"Jumlah dokumen {n}",
                "Kota",
                "2 Dokumen",
                f"{(n + 1) * 1000:,}".replace(",", "."),
                "APBD",
                None,
                "3 Dokumen",
                f"{(n + 2) * 1000:,}",
            ]
        )
        rows.append([None, None, f"Persentase layanan {n}", None, "95%", None, None, None, "96,5%", None])
    return xlsx(rows), len(rows) - 4


def main(argv=None):
    parser = argparse.ArgumentParser(description="Ukur impor Renja 400 baris (uji kering + simpan).")
    parser.add_argument("--baris", type=int, default=400)
    args = parser.parse_args(argv)
    url, tmp = sqlite_sementara("bench-renja-")
    setup_django(url, override=True)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from renja import impor_renja, impor_renja_simpan
    from renja.models import Nomenklatur, Pemda, PerangkatDaerah, Renstra
    from renja.nomenklatur import muat_nomenklatur

    muat_nomenklatur()
    from renja.models import NomenklaturVersi
    from renja.nomenklatur import VERSI_KABKOTA

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
    if os.environ.get("PROFIL"):
        import cProfile
        import pstats

        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as q, cProfile.Profile() as prof:
            impor = impor_renja_simpan.terapkan(opd, user, data, "bench.xlsx", None)
        print(len(q.captured_queries), "query")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    else:
        impor = impor_renja_simpan.terapkan(opd, user, data, "bench.xlsx", None)
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
    table = "\n".join(f"| {a} | {b:.3f} | {c} | {d} |" for a, b, c, d in rows)
    section = (
        f"{AWAL}\n## Impor Renja\n\n{datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, Python "
        f"{platform.python_version()}, SQLite, beban mesin (load average 1 menit) {os.getloadavg()[0]:.1f} pada "
        f"{os.cpu_count()} inti (bench/impor_renja.py)\n\n| ukuran | detik | MB | catatan |\n|---|---|---|---|\n"
        f"{table}\n{AKHIR}"
    )
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text()
    if AWAL in text:
        text = re.sub(re.escape(AWAL) + ".*?" + re.escape(AKHIR), lambda m: section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text)
    shutil.rmtree(tmp, ignore_errors=True)
    print(section)


if __name__ == "__main__":
    main()
