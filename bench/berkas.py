"""Only the document measurements of bench/run.py (the PDF made by a worker, cold and from the
cache, and LibreOffice converting the same document's XLSX when ``soffice`` is there), on the demo data in a throw-away SQLite database; replaces their section of
bench/RESULTS.md ("Dokumen sebagai pekerjaan").

    .venv/bin/python bench/berkas.py
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.django_env import setup_django, sqlite_sementara  # noqa: E402
from bench.hasil import tulis_bagian  # noqa: E402


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
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp, "dokumen.xlsx")
        xlsx.write_bytes(demo["xlsx"][1])
        seconds = laporan.libreoffice_pdf(str(xlsx))
    if seconds is None:
        rows.append(("LibreOffice: XLSX dokumen yang sama → PDF (pembanding)", "–", "", "dilewati: soffice tidak ada"))
    else:
        rows.append(("LibreOffice: XLSX dokumen yang sama → PDF (pembanding)", seconds, "", ""))
    section = tulis_bagian(
        ROOT / "bench" / "RESULTS.md",
        "berkas",
        "Dokumen sebagai pekerjaan",
        "SQLite (bench/berkas.py; terbaik dari 3, cache terbaik dari 20)",
        rows,
    )
    print(section)


if __name__ == "__main__":
    main()
