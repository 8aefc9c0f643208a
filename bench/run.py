"""Measure loading the nomenclature master and the demo data into a throw-away SQLite
database (or the one in DATABASE_URL), with peak memory; writes bench/RESULTS.md.

    .venv/bin/python bench/run.py
"""

import os
import platform
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    tmp = tempfile.mkdtemp(prefix="renja-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from evaluasi.demo import muat_demo
    from evaluasi.periksa import periksa_renja
    from evaluasi.rekap import rekap_tc29
    from renja.models import Renja
    from renja.nomenklatur import muat_nomenklatur

    call_command("migrate", verbosity=0)
    rows = []

    tracemalloc.start()
    start = time.perf_counter()
    muat_nomenklatur()
    rows.append(("Muat nomenklatur (6.701 baris)", time.perf_counter() - start, tracemalloc.get_traced_memory()[1]))
    tracemalloc.reset_peak()
    start = time.perf_counter()
    muat_demo()
    rows.append(("Muat data demo (2 OPD)", time.perf_counter() - start, tracemalloc.get_traced_memory()[1]))
    tracemalloc.reset_peak()
    renja = Renja.objects.get(opd__singkatan="BAPPEDA", tahun=2022)
    start = time.perf_counter()
    renja.ringkasan()
    rows.append(("renja_ringkasan BAPPEDA 2022", time.perf_counter() - start, tracemalloc.get_traced_memory()[1]))
    tracemalloc.reset_peak()
    start = time.perf_counter()
    rekap_tc29(renja)
    rows.append(
        ("Tabel 2.1 (T-C.29) 183 baris BAPPEDA 2022", time.perf_counter() - start, tracemalloc.get_traced_memory()[1])
    )
    tracemalloc.reset_peak()
    start = time.perf_counter()
    periksa_renja(renja)
    rows.append(
        ("Pemeriksaan konsistensi BAPPEDA 2022", time.perf_counter() - start, tracemalloc.get_traced_memory()[1])
    )
    tracemalloc.stop()

    vendor = django.db.connection.vendor
    lines = [
        "# Benchmark results",
        "",
        f"Last run: {datetime.now().strftime('%Y-%m-%d %H:%M')} WIB on {platform.node()} "
        f"({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, database {vendor}).",
        "Command: `.venv/bin/python bench/run.py`. Peak memory is Python allocations (tracemalloc).",
        "",
        "| measurement | seconds | peak memory (MB) |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {secs:.3f} | {peak / 1e6:.1f} |" for name, secs, peak in rows]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
