"""Only the document measurements of bench/run.py (the PDF made by a worker, cold and from the
cache), on the demo data in a throw-away SQLite database; replaces their section of
bench/RESULTS.md ("Dokumen sebagai pekerjaan").

    .venv/bin/python bench/berkas.py
"""

import os
import platform
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.django_env import setup_django, sqlite_sementara, tulis_bagian  # noqa: E402

AWAL, AKHIR = "<!-- berkas:awal -->", "<!-- berkas:akhir -->"


def main():
    setup_django(sqlite_sementara("renja-bench-berkas-")[0], override=True)
    from django.core.management import call_command

    from bench import laporan
    from bench.run import pdf_rows
    from evaluasi.demo import muat_demo
    from renja.models import Renja

    call_command("migrate", verbosity=0)
    muat_demo()
    renja = Renja.objects.select_related("opd__pemda", "renstra").get(opd__singkatan="BAPPEDA", tahun=2022)
    demo = laporan.demo(renja)
    rows = [
        (f"Dokumen Renja BAPPEDA 2022, PDF ({len(demo['pdf'][1]) // 1024} KB), dibuat pekerja", demo["pdf"][0], "", "")
    ]
    rows += pdf_rows(demo)
    table = "\n".join(f"| {name} | {seconds:.3f} | {mem} | {note} |" for name, seconds, mem, note in rows)
    section = (
        f"{AWAL}\n## Dokumen sebagai pekerjaan\n\n{datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, "
        f"Python {platform.python_version()}, SQLite, beban mesin (load average 1 menit) {os.getloadavg()[0]:.1f} "
        f"pada {os.cpu_count()} inti (bench/berkas.py; terbaik dari 3, cache terbaik dari 20)\n\n"
        f"| ukuran | detik | MB | catatan |\n|---|---|---|---|\n{table}\n{AKHIR}"
    )
    tulis_bagian(section, AWAL, AKHIR)
    print(section)


if __name__ == "__main__":
    main()
