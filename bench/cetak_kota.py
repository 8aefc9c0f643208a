"""Cetak semua of the generated city (bench/kota.py, 45 OPDs) with two workers (issue 18 point 7).

    .venv/bin/python bench/cetak_kota.py [--opd 45] [--pekerja 2] [--batas 600] [--nice 10] [--pg postgres://…:5432]

The city is built into a throw-away PostgreSQL database (bench/buat_kota.py). ``--pekerja``
``manage.py db_worker`` processes are started (each session at ``--nice``, 10: about the share
of production's ``CPUWeight=10``, README "Produksi"; bench/beban_skala.db_worker), Bappeda's "Cetak semua" is posted through its view, and the job is followed until
its ZIP is made or ``--batas`` seconds have passed (then the PDFs made so far give the rate and an
estimate of the whole). Meanwhile the web keeps its budgets or not: one gunicorn server (4
processes, production settings) and ``--perencana`` planners saving cells of OPD01's Renja as in
bench/beban.py, from the POST until the ZIP is there (lost updates, server errors, save p95).
Measured: the time from the POST to the ZIP, the PDFs made, how many each worker laid out
(django-tasks' record of each job: a document job taken by another worker, or made by the ZIP's
own worker inside its job), and each worker's peak memory (VmHWM of its process). Replaces its section of bench/RESULTS.md ("Cetak semua
kota"); the processes are stopped and the database dropped whatever happens.
"""

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.beban import (  # noqa: E402
    _port,
    basis_data,
    buat_pengguna,
    gunicorn,
    para_perencana,
    persentil,
    ringkas_simpan,
    waktu_server,
)
from bench.beban_skala import NICE, db_worker, rss_puncak  # noqa: E402
from bench.hasil import tulis_bagian  # noqa: E402

OPD = "OPD01"  # the Renja the planners edit while the city is printed


def ikuti(pk, batas):
    """The job ``pk`` once done or failed, or as it stands at ``batas`` (time.time())."""
    from laporan.models import Berkas

    while True:
        berkas = Berkas.objects.get(pk=pk)
        if berkas.status in (Berkas.Status.SELESAI, Berkas.Status.GAGAL) or time.time() > batas:
            return berkas
        time.sleep(0.5)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Ukur cetak semua kota sintetis (45 OPD) dengan dua pekerja.")
    parser.add_argument("--opd", type=int, default=45)
    parser.add_argument("--pekerja", type=int, default=2)
    parser.add_argument("--batas", type=int, default=600, help="detik paling lama menunggu ZIP")
    parser.add_argument("--nice", type=int, default=NICE, help="prioritas CPU pekerja (bawaan 10, seperti produksi)")
    parser.add_argument(
        "--perencana",
        type=int,
        default=50,
        help="perencana yang menyimpan lewat satu server gunicorn selama cetak semua (0: tanpa web)",
    )
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    args = parser.parse_args(argv)
    media = tempfile.mkdtemp(prefix="renja-cetak-kota-")
    os.environ["RENJA_MEDIA_ROOT"] = media  # this process reads the ZIP the workers write
    procs = []  # stopped by basis_data
    try:
        with basis_data(args.pg, procs, demo=False, RENJA_MEDIA_ROOT=media) as env:
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "bench/buat_kota.py", "--opd", str(args.opd), "--database-url", env["DATABASE_URL"]],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )
            bangun = time.perf_counter() - start
            from django.contrib.auth import get_user_model
            from django.test import Client
            from django_tasks_db.models import DBTaskResult

            from laporan.models import Berkas
            from renja.models import PerangkatDaerah

            db_workers = [db_worker(env, f"kota-{i}", args.nice) for i in range(args.pekerja)]
            procs += db_workers
            planners, log = [], Path(media) / "akses.log"
            if args.perencana:  # the web while the city is printed: one server, planners saving
                subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env)
                names = buat_pengguna("beban", args.perencana, "perencana", PerangkatDaerah.objects.get(singkatan=OPD))
                port = _port()
                procs.append(gunicorn(port, 4, env, log))
                planners = para_perencana([port], names, time.time() + args.batas, args.batas, sesi=True, opd=OPD)
            user = get_user_model().objects.create_superuser("bench-cetak", password=None)
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            load_before = os.getloadavg()[0]
            t0 = time.time()
            response = client.post("/review/2022/cetak-semua/")
            assert response.status_code == 302, response.status_code
            zip_job = Berkas.objects.get(kunci__startswith="cetak-semua/")
            berkas = ikuti(zip_job.pk, t0 + args.batas)
            seconds = time.time() - t0
            for planner in planners:  # the saves stop with the ZIP
                planner.sampai = time.time()
            for planner in planners:
                planner.join(60)
            rss = [rss_puncak(w.pid) for w in db_workers]
            web = baris_web(args, planners, waktu_server([log])) if planners else []  # before the database goes
            load_after = os.getloadavg()[0]
            pdfs = 0
            if berkas.siap:
                with berkas.berkas.open("rb") as f:
                    pdfs = sum(1 for n in zipfile.ZipFile(io.BytesIO(f.read())).namelist() if n.startswith("pdf/"))
            made = Berkas.objects.filter(renja__isnull=False, status=Berkas.Status.SELESAI).count()
            zip_task = DBTaskResult.objects.filter(args_kwargs__args=[zip_job.pk]).first()
            by_worker = Counter()
            for task in DBTaskResult.objects.filter(status="SUCCESSFUL").exclude(pk=getattr(zip_task, "pk", None)):
                if task.finished_at and task.started_at and (task.finished_at - task.started_at).total_seconds() > 0.5:
                    by_worker[task.worker_ids[-1]] += 1  # a document job it laid out (not one taken already)
            zip_worker = zip_task.worker_ids[-1] if zip_task and zip_task.worker_ids else "?"
            by_worker[zip_worker] += made - sum(by_worker.values())  # the rest: inside the ZIP's own job
            jumlah = Berkas.objects.filter(renja__isnull=False).count()
    finally:  # the workers are stopped by basis_data, before the database is dropped
        shutil.rmtree(media, ignore_errors=True)
    status = "selesai" if berkas.siap else f"{berkas.get_status_display()} setelah {args.batas} s"
    share = ", ".join(f"{w}{' (ZIP)' if w == zip_worker else ''}: {n}" for w, n in sorted(by_worker.items()))
    rows = [
        (f"Bangun kota sintetis ({args.opd} OPD) di PostgreSQL", bangun, "", ""),
        (
            f"Cetak semua kota, {args.pekerja} pekerja: POST → ZIP ({jumlah} Renja: PDF, buku kerja, manifest)",
            seconds,
            " / ".join(f"{m:.0f}" if m else "–" for m in rss) + " (RSS tiap pekerja)",
            f"{status}; {made} PDF dibuat ({pdfs} di ZIP), per pekerja: {share}",
        ),
        (f"… waktu dinding per PDF ({made} dibuat)", seconds / max(made, 1), "", ""),
    ]
    if not berkas.siap and 0 < made < jumlah:
        rows.append((f"… perkiraan seluruh {jumlah} PDF dengan laju itu", seconds / made * jumlah, "", "perkiraan"))
    rows += web
    section = tulis_bagian(
        ROOT / "bench" / "RESULTS.md",
        "cetak-kota",
        "Cetak semua kota",
        f"PostgreSQL, pekerja nice {args.nice}, beban mesin sebelum {load_before:.1f} dan sesudah {load_after:.1f} "
        f"(bench/cetak_kota.py --opd {args.opd} --pekerja {args.pekerja} --batas {args.batas} --nice {args.nice} --perencana {args.perencana})",
        rows,
    )
    print(section)
    return 0 if berkas.siap else 1


def baris_web(args, planners, di_server):
    """The rows about the planners' saves during the cetak semua, against the budgets of the
    load test (bench/beban.py): no lost update, no server error, save p95 under 300 ms."""
    _, problems, errors = ringkas_simpan(planners)
    times = sorted(t for p in planners for t in p.waktu)
    p95 = persentil(times, 0.95)
    server = f"; di server (gunicorn %D) p95 {persentil(di_server, 0.95) * 1000:.0f} ms" if di_server else ""
    return [
        (
            f"Selama cetak semua: {args.perencana} perencana {OPD} menyimpan lewat 1 server gunicorn (4 proses), p95",
            p95,
            "",
            f"< 0,3 s: {'ok' if p95 < 0.3 else 'OVER'}; median {persentil(times, 0.5) * 1000:.0f} ms{server}; "
            f"{len(times)} dikirim, {sum(len(p.ack) for p in planners)} diakui, "
            f"{sum(p.konflik for p in planners)} konflik 409",
        ),
        (
            "… pembaruan hilang / galat server dan koneksi gagal",
            "",
            "",
            f"{len(problems)} / {len(errors)}: {'ok' if not problems and not errors else 'OVER'}",
        ),
    ]


if __name__ == "__main__":
    sys.exit(main())
