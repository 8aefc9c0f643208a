"""Quarterly monitoring of the generated city (bench/kota.py, 45 OPDs, ±7,000 indicators): every
OPD's planner enters the realisasi kinerja of all four triwulan of 2022 through the monev grid's
save endpoint, in batches of cells as a pasted block sends them, then Bappeda opens the city
monev page. Through the views with the Django test client (no network).

    .venv/bin/python bench/monev.py --database-url sqlite:////tmp/kota.sqlite3 [--batch 25] [--opd 45] [--catat]

Without --database-url the city is built first in a throw-away SQLite file (some minutes).
Prints one line per measurement: "<seconds> <count> <key>" (key: simpan-median, simpan-p95,
simpan-maks, kota, kota-query), where count is the number of saves, cells or queries; with
--catat also writes them, with the date and the machine's load, into bench/RESULTS.md
("Monev triwulan seluruh kota"; bench/run.py puts them in its own table).
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.django_env import setup_django, sqlite_sementara  # noqa: E402
from bench.hasil import RESULTS, ganti_bagian  # noqa: E402

TAHUN = 2022
AWAL, AKHIR = "<!-- monev:awal -->", "<!-- monev:akhir -->"


def _pengguna(opd):
    """The bench planner of ``opd`` (created once)."""
    from django.contrib.auth import get_user_model

    from renja.models import Keanggotaan

    user, _ = get_user_model().objects.get_or_create(username=f"bench-perencana-{opd.singkatan.lower()}")
    Keanggotaan.objects.get_or_create(user=user, pemda=opd.pemda, opd=opd, peran=Keanggotaan.Peran.PERENCANA)
    return user


def _nilai(ind, periode):
    """A realisasi the grid accepts for ``ind`` in ``periode`` (a text for a text indicator)."""
    if ind.tipe_nilai in ("kualitatif", "kategori"):
        return (ind.skala_kategori or ["Ada"])[0]
    return str((ind.pk * 7 + periode) % 90 + 1)


def isi_semua(daftar_renja, batch):
    """Enter TW I–IV of every indicator of every Renja through the grid's save endpoint, ``batch``
    cells per request: the seconds of each save and the number of cells."""
    from django.test import Client

    from evaluasi.monev import TRIWULAN
    from renja.models import Indikator

    times, cells = [], 0
    for renja in daftar_renja:
        client = Client()
        client.force_login(_pengguna(renja.opd))
        url = f"/renja/{renja.opd.singkatan}/{renja.tahun}/monev/simpan/"
        indikator = list(Indikator.objects.for_renja(renja).order_by("pk"))
        for nomor, periode in enumerate(TRIWULAN, start=1):
            for start in range(0, len(indikator), batch):
                part = indikator[start : start + batch]
                perubahan = [
                    {"kolom": f"k{nomor}", "id": i.pk, "nilai": _nilai(i, nomor), "versi": 0, "baris": i.nama[:40]}
                    for i in part
                ]
                body = json.dumps({"tw": periode, "perubahan": perubahan})
                begin = time.perf_counter()
                response = client.post(url, body, content_type="application/json", HTTP_HOST="127.0.0.1")
                times.append(time.perf_counter() - begin)
                if response.status_code != 200:
                    raise SystemExit(
                        f"simpan {renja.opd.singkatan} {periode}: {response.status_code} {response.content[:300]}"
                    )
                cells += len(part)
    return times, cells


def halaman_kota(tahun, pemda):
    """Best of 3 of Bappeda's city monev page, and its number of queries."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from renja.models import Keanggotaan

    user, _ = get_user_model().objects.get_or_create(username="bench-reviewer")
    Keanggotaan.objects.get_or_create(user=user, pemda=pemda, opd=None, peran=Keanggotaan.Peran.REVIEWER)
    client = Client()
    client.force_login(user)
    best, queries = None, 0
    for _ in range(3):
        with CaptureQueriesContext(connection) as ctx:
            begin = time.perf_counter()
            response = client.get(f"/monev/{tahun}/", HTTP_HOST="127.0.0.1")
            seconds = time.perf_counter() - begin
        assert response.status_code == 200, response.status_code
        best, queries = min(seconds, best or seconds), len(ctx)
    return best, queries


def catat(rows, load_awal, load_akhir):
    """Write ``rows`` (label, seconds, note) into bench/RESULTS.md between the monev markers."""
    table = "\n".join(f"| {name} | {secs:.3f} | {note} |" for name, secs, note in rows)
    section = (
        f"{AWAL}\n## Monev triwulan seluruh kota\n\n{datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, "
        f"Python {platform.python_version()}, SQLite, beban mesin (load average 1 menit) {load_awal:.1f} di awal, "
        f"{load_akhir:.1f} di akhir, pada {os.cpu_count()} inti (bench/monev.py)\n\n"
        f"| ukuran | detik | catatan |\n|---|---|---|\n{table}\n{AKHIR}"
    )
    ganti_bagian(RESULTS, section, AWAL, AKHIR)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Ukur monev triwulan kota sintetis melalui grid.")
    parser.add_argument("--database-url", help="basis data berisi kota sintetis (default: bangun di SQLite baru)")
    parser.add_argument("--batch", type=int, default=25, help="sel per simpan (default 25)")
    parser.add_argument("--opd", type=int, default=45, help="jumlah OPD yang diisi (default semua 45)")
    parser.add_argument("--catat", action="store_true", help="tulis hasilnya ke bench/RESULTS.md")
    args = parser.parse_args(argv)
    tmp = None
    url = args.database_url
    if url is None:
        url, tmp = sqlite_sementara("renja-monev-", "kota.sqlite3")
    setup_django(url, override=True)
    from django.core.management import call_command
    from django.db import connection

    from renja.models import Renja

    try:
        if tmp:
            from bench.kota import buat_kota

            call_command("migrate", verbosity=0)
            buat_kota()
        daftar = list(
            Renja.objects.filter(tahun=TAHUN, opd__singkatan__startswith="OPD")
            .select_related("opd__pemda")
            .order_by("opd__singkatan")[: args.opd]
        )
        load = os.getloadavg()[0]
        times, cells = isi_semua(daftar, args.batch)
        times.sort()
        median, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
        seconds, queries = halaman_kota(TAHUN, daftar[0].opd.pemda)
        for line in (
            f"{median:.4f} {len(times)} simpan-median",
            f"{p95:.4f} {cells} simpan-p95",
            f"{times[-1]:.4f} {len(times)} simpan-maks",
            f"{seconds:.4f} {len(daftar)} kota",
            f"{seconds:.4f} {queries} kota-query",
        ):
            print(line)
        if args.catat:
            rows = [
                (
                    f"{cells} sel realisasi TW I–IV lewat grid, {args.batch} sel per simpan: median",
                    median,
                    f"{len(times)} simpan",
                ),
                ("… persentil 95", p95, f"< 0.1 s: {'ok' if p95 < 0.1 else 'OVER'}"),
                ("… terlama", times[-1], ""),
                (
                    f"Halaman monev seluruh kota ({len(daftar)} OPD), terbaik dari 3",
                    seconds,
                    f"{queries} query; < 1 s: {'ok' if seconds < 1 else 'OVER'}",
                ),
            ]
            catat(rows, load, os.getloadavg()[0])
    finally:
        connection.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
