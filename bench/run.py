"""Measure loading the nomenclature master and the demo data into a throw-away SQLite
database (or the one in DATABASE_URL), the engine, the planner's workspace (bench/ruang_kerja.py),
the Renja document in its three forms, and
the city-wide T-C.33 workbook of a generated city (bench/kota.py, 45 OPDs) with LibreOffice's
conversion of it for comparison, and the city's quarterly monev entered through the grid
(bench/monev.py); writes bench/RESULTS.md (keeping the sections other benches write there),
then runs bench/cetak_kota.py (cetak semua of the city with two workers, on PostgreSQL).

    .venv/bin/python bench/run.py
"""

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import ruang_kerja  # noqa: E402
from bench.django_env import setup_django, sqlite_sementara  # noqa: E402


def main():
    setup_django(sqlite_sementara("renja-bench-")[0])
    import django
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
    rows = [(name, secs, f"{peak / 1e6:.1f}", "") for name, secs, peak in rows]
    rows += ruang_kerja.ukur(renja)
    rows += _laporan(renja)

    vendor = django.db.connection.vendor
    lines = [
        "# Benchmark results",
        "",
        f"Last run: {datetime.now().strftime('%Y-%m-%d %H:%M')} WIB on {platform.node()} "
        f"({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, database {vendor}).",
        "Command: `.venv/bin/python bench/run.py`. Peak memory is Python allocations (tracemalloc),",
        "except where it says RSS (the whole process, measured in a process of its own).",
        "Documents are timed through the views (best of 3 runs).",
        "",
        "| measurement | seconds | peak memory (MB) | budget |",
        "|---|---:|---:|---|",
    ]
    lines += [f"| {name} | {secs:.3f} | {peak} | {budget} |" for name, secs, peak, budget in rows]
    path = ROOT / "bench" / "RESULTS.md"
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    sections = before[before.index("<!-- ") :] if "<!-- " in before else ""  # the other benches' sections stay
    path.write_text("\n".join(lines) + "\n\n" + sections, encoding="utf-8")
    print("\n".join(lines))
    # Cetak semua of the city with two workers needs PostgreSQL (BENCH_PG); it writes its own section.
    if subprocess.run([sys.executable, str(ROOT / "bench" / "cetak_kota.py")]).returncode:
        print("bench/cetak_kota.py tidak selesai (PostgreSQL tidak ada, atau ZIP tidak jadi dalam batasnya).")


def pdf_rows(demo):
    """The PDF made by a worker (cold, against the 3.2 s of the per-request pool it replaced and
    LibreOffice's 2.3 s), served from the cache, and with WeasyPrint's own base stylesheet."""
    cold, cache, ua = demo["pdf"][0], demo["pdf-cache"][0], demo["pdf-ua"][0]
    verdict = "ok" if cache < 0.05 else "OVER"
    return [
        ("… PDF dibuat pekerja (dingin), pertama kali", demo["pdf"][2], "", ""),
        (
            "… dibanding pool per permintaan dahulu (3,2 s) / LibreOffice (2,3 s)",
            cold,
            "",
            f"× {cold / 3.2:.1f} / × {cold / 2.3:.1f}",
        ),
        ("… PDF diunduh dari cache (melalui view)", cache, "", f"< 0.05 s: {verdict}"),
        ("… PDF dengan stylesheet bawaan WeasyPrint, bukan cetak_dasar.css (pembanding)", ua, "", ""),
    ]


def _laporan(renja):
    """The document of the demo Renja as HTML/PDF/XLSX, and the city-wide T-C.33 XLSX."""
    from bench import laporan

    rows = []
    demo = laporan.demo(renja)
    budgets = {"html": 0.3, "pdf": 10, "xlsx": 1}
    for fmt, budget in budgets.items():
        seconds, content, first = demo[fmt]
        verdict = "ok" if seconds < budget else "OVER"
        label = f"Dokumen Renja BAPPEDA 2022, {fmt.upper()} ({len(content) // 1024} KB)"
        rows.append((label, seconds, "", f"< {budget} s: {verdict}"))
        if fmt == "pdf":
            rows += pdf_rows(demo)
    tmp = Path(tempfile.mkdtemp(prefix="renja-bench-laporan-"))
    (tmp / "dokumen.xlsx").write_bytes(demo["xlsx"][1])
    seconds = laporan.libreoffice_pdf(str(tmp / "dokumen.xlsx"))
    if seconds is not None:
        rows.append(("LibreOffice: XLSX dokumen BAPPEDA → PDF (pembanding)", seconds, "", ""))
    url = f"sqlite:///{tmp}/kota.sqlite3"
    python = sys.executable
    start = time.perf_counter()
    subprocess.run(
        [python, str(ROOT / "bench" / "buat_kota.py"), "--database-url", url], check=True, capture_output=True
    )
    rows.append(
        ("Bangun kota sintetis (45 OPD, ±3.500 sub kegiatan, ±7.000 indikator)", time.perf_counter() - start, "", "")
    )
    out = subprocess.run(
        [
            python,
            str(ROOT / "bench" / "laporan.py"),
            "kota-xlsx",
            "--database-url",
            url,
            "--keluar",
            str(tmp / "kota.xlsx"),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    seconds, peak, sheets, baris = float(out[0]), float(out[1]), int(out[2]), int(out[3])
    verdict = "ok" if seconds < 10 and peak < 500 else "OVER"
    rows.append(
        (
            f"T-C.33 seluruh kota → XLSX ({sheets} sheet, {baris} baris)",
            seconds,
            f"{peak:.0f} (RSS)",
            f"< 10 s, < 500 MB: {verdict}",
        )
    )
    out = subprocess.run(
        [python, str(ROOT / "bench" / "laporan.py"), "kota-review", "--database-url", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    label = {
        "halaman": ("Review tahunan seluruh kota (45 OPD), halaman", 1),
        "XLSX": ("Review tahunan seluruh kota (45 OPD), XLSX", None),
        "ruang kerja": ("Kota: ruang kerja OPD terbesar", 0.3),
        "dokumen": ("Kota: dokumen Renja OPD terbesar, HTML", 0.3),
        "tc33": ("Kota: Tabel T-C.33 OPD terbesar, HTML", None),
        "temuan": ("Kota: temuan pemeriksaan satu OPD (JSON)", None),
    }
    for line in out:
        seconds, queries, key = line.split(" ", 2)
        name, limit = label[key]
        budget = f"< {limit} s: {'ok' if float(seconds) < limit else 'OVER'}" if limit else ""
        rows.append((f"{name} ({queries} query)", float(seconds), "", budget))
    seconds = laporan.libreoffice_pdf(str(tmp / "kota.xlsx"))
    if seconds is not None:
        rows.append(("LibreOffice: XLSX T-C.33 seluruh kota → PDF (pembanding)", seconds, "", ""))
    out = subprocess.run(
        [python, str(ROOT / "bench" / "impor.py"), "--database-url", url], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    for line in out:
        seconds, peak, count, who = line.split()
        if who == "kita":
            verdict = "ok" if float(seconds) < 15 and float(peak) < 300 else "OVER"
            label, budget = (
                f"Impor {count} baris realisasi kinerja (uji kering + simpan)",
                f"< 15 s, < 300 MB: {verdict}",
            )
        else:
            label, budget = f"… django-import-export bawaan, baris demi baris, berkas sama ({count} baris)", ""
        rows.append((label, float(seconds), f"{peak} (RSS)", budget))
    rows += _monev(python, url)
    shutil.rmtree(tmp, ignore_errors=True)
    return rows


def _monev(python, url):
    """bench/monev.py on the city (last: it writes realisasi 2022 TW I–IV of every indicator)."""
    out = subprocess.run(
        [python, str(ROOT / "bench" / "monev.py"), "--database-url", url], check=True, capture_output=True, text=True
    ).stdout.split()
    found = {
        key: (float(seconds), int(count)) for seconds, count, key in zip(out[::3], out[1::3], out[2::3], strict=True)
    }
    median, saves = found["simpan-median"]
    p95, cells = found["simpan-p95"]
    kota, opd = found["kota"]
    return [
        (f"Monev kota: {cells} sel realisasi TW I–IV lewat grid, {saves} simpan, median", median, "", ""),
        ("… simpan, persentil 95", p95, "", f"< 0.1 s: {'ok' if p95 < 0.1 else 'OVER'}"),
        ("… simpan terlama", found["simpan-maks"][0], "", ""),
        (
            f"Monev seluruh kota ({opd} OPD, 4 triwulan terisi), halaman ({found['kota-query'][1]} query)",
            kota,
            "",
            f"< 1 s: {'ok' if kota < 1 else 'OVER'}",
        ),
    ]


if __name__ == "__main__":
    main()
