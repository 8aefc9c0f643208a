"""Imports as jobs: a 10,000-row realisasi kinerja file of the generated city (bench/impor.py
makes it) through the import pages. Each step runs in a process of its own so that each peak
memory (RSS) is its own:

- "uji": the dry run as the worker makes it (``laporan.tugas.buat_berkas`` of the upload's job,
  the code ``manage.py db_worker`` runs), with the number of progress reports and the size of
  the JSON result;
- "halaman": the dry-run page of the finished result and the status poll (berkas.js asks every
  1.5 s) through the views, with their query counts (median of 20);
- "terapkan": "Simpan" through its view (the POST enqueues the apply) and the apply as the
  worker runs it (re-read, re-check and write in one transaction);
- "terapkan-permintaan": the same apply in the web process, on another copy of the database
  (how it ran before, and how the list of users, with its one-time passwords, still runs).

Replaces its section of bench/RESULTS.md ("Impor sebagai pekerjaan").

    .venv/bin/python bench/impor_tugas.py [--database-url sqlite:////tmp/kota.sqlite3] [--baris 10000]

Without --database-url the city is built first into a throw-away SQLite file (bench/buat_kota.py).
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.django_env import setup_django  # noqa: E402
from bench.hasil import tulis_bagian  # noqa: E402


def _rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(username="bench-admin", defaults={"is_superuser": True})
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client, user


def uji(berkas_path, opd_pk):
    """The dry run of a new upload of ``berkas_path`` for OPD ``opd_pk``, as the worker makes it."""
    from laporan import tugas
    from laporan.models import Berkas
    from renja.models import PerangkatDaerah, UnggahanImpor

    _, user = _client()
    opd = PerangkatDaerah.objects.get(pk=opd_pk)
    unggahan = UnggahanImpor.objects.create(
        jenis="kinerja", opd=opd, nama_berkas="realisasi.xlsx", data=Path(berkas_path).read_bytes(), oleh=user
    )
    reports = []
    real = tugas._maju

    def counted(pk):
        maju = real(pk)
        return lambda *args: (reports.append(args), maju(*args))

    tugas._maju, task = counted, tugas.buat_berkas
    tugas.buat_berkas = SimpleNamespace(enqueue=lambda *args: None)  # created here, run below as a worker does
    berkas = tugas.minta_uji(unggahan, user)
    start = time.perf_counter()
    task.call(berkas.pk)
    seconds = time.perf_counter() - start
    berkas = Berkas.objects.get(pk=berkas.pk)
    hasil = tugas.hasil_uji(berkas)
    assert berkas.status == "selesai" and not hasil.get("galat"), (berkas.pesan, hasil.get("galat_berkas"))
    return {
        "detik": seconds,
        "mb": _rss(),
        "laporan": len(reports),
        "json_kb": berkas.berkas.size / 1024,
        "baris": berkas.jumlah,
        "ringkasan": hasil["ringkasan"],
        "unggahan": unggahan.pk,
        "berkas": berkas.pk,
    }


def halaman(unggahan_pk, berkas_pk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, _ = _client()
    out = {}
    for key, url in (("status", f"/berkas/{berkas_pk}/status/"), ("halaman", f"/impor/{unggahan_pk}/")):
        times = []
        for _ in range(20):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        out[key] = {"detik": statistics.median(times), "query": len(queries), "kb": len(response.content) / 1024}
    return out


def terapkan(unggahan_pk):
    """ "Simpan" as it runs now: the POST enqueues the apply, a worker applies it."""
    from laporan import tugas
    from laporan.models import Berkas
    from renja.models import Impor

    client, _ = _client()
    task = tugas.buat_berkas
    tugas.buat_berkas = SimpleNamespace(enqueue=lambda *args: None)
    assert client.get("/impor/").status_code == 200  # warm: the first request of a process imports the app
    start = time.perf_counter()
    response = client.post(f"/impor/{unggahan_pk}/terapkan/")
    post = time.perf_counter() - start
    assert response.status_code == 302, response.status_code
    job = Berkas.objects.get(unggahan=unggahan_pk, opsi__jenis="simpan-impor")
    start = time.perf_counter()
    task.call(job.pk)
    seconds = time.perf_counter() - start
    assert "impor" in tugas.hasil_uji(Berkas.objects.get(pk=job.pk))
    impor = Impor.objects.latest("pk")
    return {"detik": seconds, "post": post, "mb": _rss(), "ditulis": impor.baru + impor.berubah}


def terapkan_permintaan(unggahan_pk):
    """The same apply in the web process (as the list of users still is): for comparison."""
    from laporan import tugas
    from laporan.impor import terapkan_uji
    from laporan.models import Berkas
    from renja.models import UnggahanImpor

    _, user = _client()
    unggahan = UnggahanImpor.objects.select_related("opd__pemda").get(pk=unggahan_pk)
    dibaca = tugas.hasil_uji(Berkas.objects.get(unggahan=unggahan, opsi__jenis="uji-impor"))["ringkasan"]
    start = time.perf_counter()
    impor = terapkan_uji(unggahan, user, dibaca)
    return {"detik": time.perf_counter() - start, "mb": _rss(), "ditulis": impor.baru + impor.berubah}


def _sub(url, *args):
    out = subprocess.run(
        [sys.executable, __file__, "--database-url", url, "--satu", *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Ukur impor 10.000 baris sebagai pekerjaan: uji kering, halaman, simpan."
    )
    parser.add_argument("--database-url")
    parser.add_argument("--baris", type=int, default=10_000)
    parser.add_argument("--satu", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.satu:
        setup_django(args.database_url, override=True)
        step, *rest = args.satu
        steps = {"uji": uji, "halaman": halaman, "terapkan": terapkan, "terapkan-permintaan": terapkan_permintaan}
        print(json.dumps(steps[step](*rest)))
        return
    tmp = Path(tempfile.mkdtemp(prefix="renja-bench-impor-tugas-"))
    url = args.database_url
    if url is None:
        url = f"sqlite:///{tmp}/kota.sqlite3"
        subprocess.run([sys.executable, str(ROOT / "bench" / "buat_kota.py"), "--database-url", url], check=True)
    copy = tmp / "salinan.sqlite3"
    shutil.copy(url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    os.environ["RENJA_MEDIA_ROOT"] = str(tmp / "media")
    setup_django(url, override=True)
    from django.db.models import Count

    from bench.impor import buat_berkas
    from renja.models import PerangkatDaerah

    opd = PerangkatDaerah.objects.annotate(n=Count("program__kegiatan__sub_kegiatan__indikator")).order_by("-n").first()
    berkas = tmp / "realisasi.xlsx"
    berkas.write_bytes(buat_berkas(opd, args.baris))
    u = _sub(url, "uji", berkas, opd.pk)
    h = _sub(url, "halaman", u["unggahan"], u["berkas"])
    kedua = tmp / "salinan-2.sqlite3"
    shutil.copy(copy, kedua)  # the upload and its dry run, for the apply in the web process
    t = _sub(url, "terapkan", u["unggahan"])
    r = _sub(f"sqlite:///{kedua}", "terapkan-permintaan", u["unggahan"])
    n = sum(u["ringkasan"].values())
    rows = [
        (
            f"Uji kering {n} nilai ({berkas.stat().st_size // 1024} KB .xlsx) oleh pekerja, {u['laporan']} laporan kemajuan",
            u["detik"],
            f"{u['mb']:.0f} (RSS)",
            f"hasil JSON {u['json_kb']:.0f} KB",
        ),
        (
            f"… halaman pratinjau hasilnya (1000 baris pertama, {h['halaman']['kb']:.0f} KB), median dari 20",
            h["halaman"]["detik"],
            "",
            f"{h['halaman']['query']} query",
        ),
        (
            "… satu tanya status (berkas.js, tiap 1,5 s), median dari 20",
            h["status"]["detik"],
            "",
            f"{h['status']['query']} query",
        ),
        (
            f"Simpan {t['ditulis']} nilai oleh pekerja (baca ulang, periksa ulang, satu transaksi)",
            t["detik"],
            f"{t['mb']:.0f} (RSS)",
            f"POST Simpan sendiri {t['post']:.3f} s",
        ),
        (
            f"… sama, dalam permintaan web (pembanding: cara lama; kini hanya daftar pengguna) ({r['ditulis']} nilai)",
            r["detik"],
            f"{r['mb']:.0f} (RSS)",
            f"batas gunicorn 30 s: {'di bawah' if r['detik'] < 30 else 'LEWAT'}",
        ),
    ]
    section = tulis_bagian(
        ROOT / "bench" / "RESULTS.md",
        "impor-tugas",
        "Impor sebagai pekerjaan",
        "SQLite, kota sintetis (bench/impor_tugas.py)",
        rows,
    )
    shutil.rmtree(tmp, ignore_errors=True)
    print(section)


if __name__ == "__main__":
    main()
