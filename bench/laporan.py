"""Time the Renja document in its three forms, and the city-wide T-C.33 workbook.

    .venv/bin/python bench/laporan.py kota-xlsx --database-url URL --keluar FILE

``demo(renja)`` times the whole document of a Renja through the views (HTML, PDF, XLSX), as
a user would ask for it. The ``kota-xlsx`` command runs in its own process so that its peak
memory (RSS) is its own: it writes T-C.33 of every Renja of the generated city into one
workbook, one sheet per OPD. ``libreoffice_pdf`` times LibreOffice converting a workbook to
PDF, for comparison with our own PDF.
"""

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.django_env import setup_django  # noqa: E402


def terbaik(fn, kali=3):
    """Best wall time of ``kali`` runs (the machine has 2 cores shared with other work), the
    result, and the time of the first run."""
    times = []
    for _ in range(kali):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result, times[0]


def demo(renja):
    """Seconds for the whole document as HTML, PDF and XLSX (best of 3, and the first run).
    The PDF and the XLSX are made by a worker: "pdf"/"xlsx" time the worker's rendering (cold),
    "pdf-cache" the download served from the cache afterwards (through the view, best of 20),
    "pdf-ua" the cold PDF with WeasyPrint's own user-agent stylesheet instead of
    ``cetak_dasar.css`` (the reason ``laporan.pdf`` keeps its one private API)."""
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings

    from laporan import pdf, unduhan

    client = Client()
    client.force_login(get_user_model().objects.get(username="perencana.bappeda"))
    base = f"/renja/{renja.opd.singkatan}/{renja.tahun}/"
    out = {}
    seconds, response, first = terbaik(lambda: client.get(base + "dokumen/", HTTP_HOST="127.0.0.1"))
    assert response.status_code == 200
    out["html"] = (seconds, response.content, first)
    for fmt in ("pdf", "xlsx"):
        o = unduhan.opsi("dokumen", {"format": fmt}, {})
        out[fmt] = terbaik(lambda o=o: unduhan.tulis(unduhan.isi(renja, o), o))
        out[fmt] = (out[fmt][0], out[fmt][1], out[fmt][2])
    segera = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=segera, MEDIA_ROOT=tempfile.mkdtemp(prefix="renja-bench-media-")):
        client.get(base + "dokumen.pdf", HTTP_HOST="127.0.0.1")  # made once, then cached
        seconds, response, first = terbaik(lambda: client.get(base + "dokumen.pdf", HTTP_HOST="127.0.0.1"), kali=20)
        assert response["Content-Type"] == "application/pdf"
        out["pdf-cache"] = (seconds, response.content, first)
    o = unduhan.opsi("dokumen", {"format": "pdf"}, {})
    own, pdf._HTML = pdf._HTML, pdf.HTML
    try:
        out["pdf-ua"] = terbaik(lambda: unduhan.tulis(unduhan.isi(renja, o), o), kali=1)
    finally:
        pdf._HTML = own
    return out


def kota_xlsx(keluar):
    """Write T-C.33 of every Renja in the database into ``keluar``; returns (seconds, sheets)."""
    from laporan.builders import rumusan_rencana
    from laporan.xlsx import tulis_xlsx
    from renja.models import Renja

    start = time.perf_counter()
    renja = Renja.objects.select_related("opd__pemda", "renstra").exclude(opd__pemda__nama__icontains="Serang")
    tables = []
    for item in renja.order_by("opd__kode"):
        tabel = rumusan_rencana(item)
        tabel.nomor = item.opd.singkatan
        tables.append(tabel)
    Path(keluar).write_bytes(tulis_xlsx(tables))
    return time.perf_counter() - start, len(tables), sum(len(t.baris) for t in tables)


def libreoffice_pdf(xlsx):
    """Seconds LibreOffice headless takes to convert ``xlsx`` to PDF, or None without LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profil").as_uri()
        start = time.perf_counter()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp, xlsx],
            check=True,
            capture_output=True,
            timeout=900,
        )
        return time.perf_counter() - start


def kota_review():
    """Pages of the generated city through the views as a superuser (best of 3), each with its
    number of database queries: Bappeda's page of the year and its XLSX; the workspace, the
    document and T-C.33 of the largest OPD; one findings request (the year page fetches one
    per OPD). Returns [(key, seconds, queries)]."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from renja.models import Renja

    user, _ = get_user_model().objects.get_or_create(username="bench-admin", defaults={"is_superuser": True})
    client = Client()
    client.force_login(user)
    renja = Renja.objects.select_related("opd").annotate(n=Count("sub_kegiatan")).order_by("-n", "opd__kode").first()
    base = f"/renja/{renja.opd.singkatan}/{renja.tahun}/"
    out = []
    for key, url in (
        ("halaman", f"/review/{renja.tahun}/"),
        ("XLSX", f"/review/{renja.tahun}.xlsx"),
        ("ruang kerja", base + "ruang-kerja/"),
        ("dokumen", base + "dokumen/"),
        ("tc33", base + "tabel/rumusan-rencana/"),
        ("temuan", base + "ruang-kerja/temuan/"),
    ):
        seconds, response, _ = terbaik(lambda url=url: client.get(url, HTTP_HOST="127.0.0.1"))
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, HTTP_HOST="127.0.0.1")
        out.append((key, seconds, len(queries.captured_queries)))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description="Ukur ekspor T-C.33 seluruh kota ke XLSX, dan halaman review tahunan.")
    parser.add_argument("perintah", choices=["kota-xlsx", "kota-review"])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--keluar")
    args = parser.parse_args(argv)
    setup_django(args.database_url, override=True)
    if args.perintah == "kota-review":
        for key, seconds, queries in kota_review():
            print(f"{seconds:.3f} {queries} {key}")
        return
    seconds, sheets, rows = kota_xlsx(args.keluar)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.3f} {peak:.0f} {sheets} {rows}")


if __name__ == "__main__":
    main()
