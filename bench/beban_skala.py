"""Scale-out load test (issue 18): the production layout in small, on one machine.

    .venv/bin/python bench/beban.py --skala [--pengguna 50] [--reviewer 10] [--detik 60] [--pekerja 2] [--nice 10]

Two gunicorn servers on two ports (production settings, ``--pekerja`` processes each) and two
``manage.py db_worker`` processes share one throw-away PostgreSQL database and one media folder,
as N web nodes and M workers do in production (README, "Produksi"); the workers' sessions run
at ``--nice`` (default 10, about the share the production unit's ``CPUWeight=10`` gives: a PDF's
layout yields the CPU to the web requests; ``db_worker`` says why the session and not only the
process). The comparisons go to sections of their own: ``--nice 0``, ``--no-nice-sesi`` (the
process's nice only), ``--db-worker 0`` (jobs wait: the polling without the layout),
``--reviewer 0 --no-cetak`` (the two servers alone). During ``--detik`` seconds:

- ``--pengguna`` planners save cells of the Bappeda Renja as in the single-server test
  (bench/beban.py), planner i on server i mod 2;
- ``--reviewer`` reviewers, one after the other every few seconds and on alternating servers,
  each ask for one PDF through the job flow as a browser does: the download URL (served at once
  when made already, else the waiting page of its job), the job's status polled every 1.5 s
  (static/js/berkas.js), then its download. The PDFs asked for turn over the document of the
  Renja being edited (each request a new content version, so a new job), its T-C.33 and the
  document of the other OPD (nobody edits it: one job, the others served from it);
- one Bappeda user starts "Cetak semua" (every OPD's Renja in one ZIP) 5 s in and waits for it.

Every user is signed in beforehand (``sesi_masuk``): the test is about saves and documents, and
61 log-ins at the same second (each a deliberately slow password hash) timed out on the loaded
machine before anything else happened.

Everything must be done within 90 s of the start (``BATAS``); a PDF not delivered by then
counts as not delivered. Measured: lost updates (``periksa_tanpa_kehilangan``), server errors
and failed connections of every request, save p95, PDFs delivered and the time to deliver them,
cetak semua's time, each worker's peak memory, and the machine's load average before, during and
after (the machine is shared: budgets missed under load are reported as they are). The section
"skala" of bench/BEBAN.md gets the run; every process is stopped and the database dropped
whatever happens.
"""

import contextlib
import io
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import zipfile
from pathlib import Path

from bench.beban import (
    Klien,
    _port,
    basis_data,
    buat_pengguna,
    gunicorn,
    hentikan,
    para_perencana,
    persentil,
    proses,
    ringkas_simpan,
    sesi_masuk,
    waktu_server,
)
from bench.hasil import tulis_bagian

ROOT = Path(__file__).resolve().parent.parent
NICE = 10  # the workers' CPU priority; about the share of README "Produksi"'s CPUWeight=10
BATAS = 90  # seconds from the start by which every PDF and the ZIP must have arrived
STATUS = re.compile(r'data-status="/berkas/(\d+)/status/"')
TAHUN = 2022


class Peminta(Klien):
    """A user who waits for jobs: every request's server error or failed connection is kept."""

    def __init__(self, port, username, mulai, sampai):
        super().__init__(port, username, sesi_masuk(username))
        self.mulai, self.sampai, self.galat = mulai, sampai, []
        self.hasil = None  # filled when done: what arrived, how long it took

    def minta(self, method, path, body=None, headers=None):
        try:
            status, data = self._request(method, path, body, headers)
        except OSError as error:
            self.galat.append(f"{self.username} {path}: koneksi: {error}")
            return None, b""
        if status >= 500:
            self.galat.append(f"{self.username} {path}: {status}")
        return status, data

    def tunggu(self, pk):
        """Poll job ``pk`` as berkas.js does until it is done (its file's bytes), failed or too late (None)."""
        while time.time() < self.sampai:
            time.sleep(1.5)
            status, data = self.minta("GET", f"/berkas/{pk}/status/")
            if status != 200:
                continue
            state = json.loads(data)
            if state["status"] == "gagal":
                self.galat.append(f"{self.username} berkas {pk} gagal: {state['pesan']}")
                return None
            if state["unduh"]:
                status, data = self.minta("GET", state["unduh"])
                return data if status == 200 else None
        return None

    def run(self):
        time.sleep(max(0, self.mulai - time.time()))
        try:
            self.masuk_saja()
        except (OSError, AssertionError) as error:
            self.galat.append(f"{self.username} masuk: {error}")
            return
        start = time.time()
        data, dari_cache = self.ambil()
        self.hasil = {"detik": time.time() - start, "data": data, "cache": dari_cache}


class Reviewer(Peminta):
    """Asks for the PDF at ``path``: the file at once, or its job's page, poll, download."""

    def __init__(self, port, username, mulai, sampai, path):
        super().__init__(port, username, mulai, sampai)
        self.path = path

    def ambil(self):
        status, data = self.minta("GET", self.path)
        if status == 200:
            return data, True
        found = STATUS.search(data.decode(errors="replace")) if status == 202 else None
        if found is None:
            self.galat.append(f"{self.username} {self.path}: jawaban {status} tanpa pekerjaan")
            return None, False
        return self.tunggu(found.group(1)), False


class CetakSemua(Peminta):
    """Bappeda's "Cetak semua" of the year: POST, then the job's page, poll, download the ZIP."""

    def ambil(self):
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": self.cookies["csrftoken"]})
        status, _ = self.minta(
            "POST",
            f"/review/{TAHUN}/cetak-semua/",
            form,
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": "http://127.0.0.1/"},
        )
        found = re.fullmatch(r"/berkas/(\d+)/", self.kepala.get("location", "")) if status == 302 else None
        if found is None:
            self.galat.append(f"{self.username} cetak semua: jawaban {status}")
            return None, False
        return self.tunggu(found.group(1)), False


class Beban(threading.Thread):
    """The machine's 1-minute load average every 2 s while the test runs."""

    def __init__(self):
        super().__init__(daemon=True)
        self.nilai, self.berhenti = [], threading.Event()

    def run(self):
        while not self.berhenti.wait(2):
            self.nilai.append(os.getloadavg()[0])


def db_worker(env, worker_id, nice, sesi=True):
    """A ``manage.py db_worker`` process in a session of its own, at the CPU priority ``nice``
    as a whole. With the kernel's autogroup scheduling (sched_autogroup_enabled, the default of
    desktop and VM kernels, and of any process outside a CPU cgroup) every session shares the
    CPU equally with every other, and a process's own nice counts only inside its session: a
    worker started at nice 10 in a session of its own took as much CPU as a whole web server of
    four processes (save p95 294 ms against 59 ms with this, bench/BEBAN.md). The session's nice
    is what ranks it among sessions (sched(7), "autogroup"); in production systemd's
    ``CPUWeight=`` does the same between services (README, "Produksi"). ``sesi`` false: only
    the process's own nice, for the comparison."""
    cmd = ["nice", "-n", str(nice), sys.executable, "manage.py", "db_worker", "--no-reload", "--worker-id", worker_id]
    worker = proses(cmd, env)
    if sesi:
        with contextlib.suppress(OSError):  # a kernel without autogroup: the process's nice is enough
            Path(f"/proc/{worker.pid}/autogroup").write_text(str(nice))
    return worker


def rss_puncak(pid):
    """Peak resident memory (MB) of process ``pid`` so far (VmHWM), or None when it has gone."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def alamat_pdf():
    """The PDFs the reviewers ask for, in turn: the edited Renja's document and its T-C.33, and
    the document of an OPD nobody edits."""
    from renja.models import Renja

    other = Renja.objects.filter(tahun=TAHUN).exclude(opd__singkatan="BAPPEDA").select_related("opd").first()
    base = f"/renja/BAPPEDA/{TAHUN}/"
    return [
        ("dokumen BAPPEDA (disunting)", base + "dokumen.pdf"),
        ("T-C.33 BAPPEDA (disunting)", base + "tabel/rumusan-rencana.pdf"),
        (f"dokumen {other.opd.singkatan} (tidak disunting)", f"/renja/{other.opd.singkatan}/{TAHUN}/dokumen.pdf"),
    ]


def jalankan(args):
    media = tempfile.mkdtemp(prefix="renja-beban-media-")
    procs, workers = [], []
    beban = Beban()
    try:
        with basis_data(args.pg, procs, RENJA_MEDIA_ROOT=media) as env:
            from renja.models import PerangkatDaerah, Renja

            opd = PerangkatDaerah.objects.get(singkatan="BAPPEDA")
            planners_names = buat_pengguna("beban", args.pengguna, "perencana", opd)
            reviewer_names = buat_pengguna("ulas", args.reviewer + 1, "reviewer", opd)
            urls = alamat_pdf()
            jumlah_renja = Renja.objects.filter(tahun=TAHUN, opd__pemda=opd.pemda).count()
            ports = [_port(), _port()]
            logs = [Path(media) / f"akses-{port}.log" for port in ports]
            for port, log in zip(ports, logs, strict=True):
                procs.append(gunicorn(port, args.pekerja, env, log))
            workers += [db_worker(env, f"beban-{i}", args.nice, args.nice_sesi) for i in range(args.db_worker)]
            procs += workers
            sebelum = os.getloadavg()
            beban.start()
            t0 = time.time()
            sampai, batas = t0 + args.detik, t0 + BATAS
            planners = para_perencana(ports, planners_names, sampai, args.detik, sesi=True)
            jeda = max(1.0, (args.detik - 15) / max(1, args.reviewer))
            reviewers = [
                Reviewer(ports[j % 2], name, t0 + 3 + j * jeda, batas, urls[j % len(urls)][1])
                for j, name in enumerate(reviewer_names[:-1])
            ]
            cetak = CetakSemua(ports[1], reviewer_names[-1], t0 + 5, batas)
            peminta = [*reviewers, cetak] if args.cetak else reviewers
            for thread in peminta:
                thread.start()
            for thread in [*planners, *peminta]:
                thread.join(max(0, batas + 35 - time.time()))
            selesai = time.time() - t0
            rss = [rss_puncak(w.pid) for w in workers]
            beban.berhenti.set()
            hentikan(procs)  # nothing more is saved while the history is checked
            lines = laporan(args, planners, reviewers, urls, cetak, jumlah_renja, rss, waktu_server(logs))
            lines += [
                "",
                f"Load average (1 min) before the start {sebelum[0]:.1f}, during the run mean "
                f"{statistics.mean(beban.nilai or [0]):.1f} and max {max(beban.nilai or [0]):.1f}, "
                f"after {os.getloadavg()[0]:.1f}; the test itself ran {2 * args.pekerja} gunicorn and {args.db_worker} worker "
                f"processes and {args.pengguna + args.reviewer + args.cetak} client threads on the same "
                f"{os.cpu_count()} cores. All threads were done {selesai:.0f} s after the start.",
            ]
    finally:  # the servers and workers are stopped by basis_data, before the database is dropped
        beban.berhenti.set()
        shutil.rmtree(media, ignore_errors=True)
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines if line.startswith("| ")]
    notes = "\n".join(line for line in lines if not line.startswith("| "))
    varian = [  # a run other than the scenario goes to a section of its own
        f"nice{args.nice}" if args.nice != NICE else "",
        "" if args.nice_sesi else "nice-proses",
        f"pekerja{args.db_worker}" if args.db_worker != 2 else "",
        f"reviewer{args.reviewer}" if args.reviewer != 10 else "",
        "" if args.cetak else "tanpa-cetak",
    ]
    varian = [v for v in varian if v]
    command = (
        f".venv/bin/python bench/beban.py --skala --pengguna {args.pengguna} --reviewer {args.reviewer} "
        f"--detik {args.detik} --pekerja {args.pekerja} --nice {args.nice} --db-worker {args.db_worker}"
        + ("" if args.cetak else " --no-cetak")
        + ("" if args.nice_sesi else " --no-nice-sesi")
    )
    section = tulis_bagian(
        Path(args.keluar or ROOT / "bench" / "BEBAN.md"),
        "-".join(["skala", *varian]),
        f"Scale-out: two web servers, {args.db_worker} workers (nice {args.nice}"
        f"{'' if args.nice_sesi else ', the process only'}), {args.reviewer} reviewers' PDFs"
        f"{' and cetak semua' if args.cetak else ''}",
        f"PostgreSQL, production settings. Command: `{command}`.",
        rows,
        kolom=("measurement", "value", "budget"),
        catatan=notes,
    )
    print(section)
    return 0 if all("OVER" not in line for line in lines) else 1


def jenis_galat(errors):
    """ "5xx / timeouts / other" counts of the problems ``errors`` (texts of the clients)."""
    server = sum(1 for e in errors if re.search(r"(^|: )5\d\d\b", e))
    timeout = sum(1 for e in errors if "timed out" in e)
    return f"{server} / {timeout} / {len(errors) - server - timeout}"


def ok(good):
    return "ok" if good else "OVER"


def laporan(args, planners, reviewers, urls, cetak, jumlah_renja, rss, di_server):
    """The report's lines: a table (lines starting with "| ") and notes; ``di_server``: the saves'
    times inside gunicorn (sorted), to tell the work from the wait for a free process."""
    save_rows, problems, errors = ringkas_simpan(planners)
    if di_server:
        save_rows.append(
            f"| … of which in the server (gunicorn %D): median / p95 | {statistics.median(di_server) * 1000:.0f} ms / "
            f"{persentil(di_server, 0.95) * 1000:.0f} ms | |"
        )
    errors += [g for r in [*reviewers, cetak] for g in r.galat]
    done = [r for r in reviewers if r.hasil and (r.hasil["data"] or b"").startswith(b"%PDF")]
    times = sorted(r.hasil["detik"] for r in done)
    per_kind = ", ".join(
        f"{name}: {sum(1 for r in done if r.path == url)}/{sum(1 for r in reviewers if r.path == url)}"
        for name, url in urls
    )
    zip_ok, pdfs = False, 0
    if cetak.hasil and cetak.hasil["data"]:
        with contextlib.suppress(zipfile.BadZipFile):
            names = zipfile.ZipFile(io.BytesIO(cetak.hasil["data"])).namelist()
            pdfs = sum(1 for n in names if n.startswith("pdf/"))
            zip_ok = "manifest.csv" in names and pdfs == jumlah_renja
    cetak_detik = f"{cetak.hasil['detik']:.1f} s" if zip_ok else "not delivered" if args.cetak else "not run"
    tanpa = "– (no worker)" if not args.db_worker else None  # a comparison run: nothing can be made
    lines = [
        f"| web servers × gunicorn processes; db_worker processes (nice) | 2 × {args.pekerja}; {args.db_worker} ({args.nice}{'' if args.nice_sesi else ', proses'}) | |",
        f"| simulated planners (alternating servers) | {args.pengguna} | |",
        f"| duration of the saves | {args.detik} s | |",
        *save_rows,
        f"| server errors and failed connections (all requests) | {len(errors)} | 0: {ok(not errors)} |",
        f"| … of which HTTP 5xx / no answer within the client's 30 s / other | {jenis_galat(errors)} | |",
        f"| reviewers asking for a PDF (one each, alternating servers) | {len(reviewers)} | |",
        f"| PDFs delivered within {BATAS} s of the start ({per_kind}) | {len(done)} of {len(reviewers)} | {tanpa or 'all: ' + ok(len(done) == len(reviewers))} |",
        f"| … served at once from a made file | {sum(1 for r in done if r.hasil['cache'])} | |",
    ]
    if times:
        lines += [
            f"| time to deliver a PDF (request → downloaded) p50 | {persentil(times, 0.5):.1f} s | |",
            f"| … p95 | {persentil(times, 0.95):.1f} s | |",
            f"| … max | {times[-1]:.1f} s | |",
        ]
    lines += [
        f"| cetak semua (POST → ZIP downloaded), {pdfs} PDF of {jumlah_renja} Renja + workbook + manifest"
        f" | {cetak_detik} | {tanpa or ('delivered: ' + ok(zip_ok) if args.cetak else '')} |",
        "| peak memory (RSS) of each worker | " + ", ".join(f"{m:.0f} MB" if m else "–" for m in rss) + " | |",
    ]
    if errors or problems:
        lines += ["", "First problems:", *[f"- {e}" for e in (errors + problems)[:10]]]
    return lines
