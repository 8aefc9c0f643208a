"""Load test: many planners editing one Renja at once, through gunicorn on PostgreSQL.

    .venv/bin/python bench/beban.py [--pengguna 50] [--detik 60] [--pekerja 4] [--pg postgres://postgres@127.0.0.1:5432]

A throw-away PostgreSQL database gets the demo data and ``--pengguna`` planner accounts of
Bappeda. gunicorn serves the app with production settings (DEBUG off) on a free local port.
Each simulated planner logs in, reads the workspace, and then, until the time is up, saves one
cell (a pagu or a lokasi) every 0.2–1 s, with the version it last saw. Two thirds of the edits
go to the rows the planner is responsible for (the rows are shared out), one third to five
"hot" sub kegiatan that everybody edits, so conflicts happen. A refused save (409)
takes the other person's version, as the workspace's "Tetap simpan nilai saya" does.

Afterwards, no lost update means:
- every save answered 200 is in the history with the version and value it acknowledged;
- each sub kegiatan holds the value of its last acknowledged save.

The figures go to bench/BEBAN.md. With ``--bunuh`` one gunicorn worker is killed (SIGKILL) half
way through: the requests it was serving fail, and nothing it acknowledged may be lost (the
figures go to bench/BEBAN-BUNUH.md). The database is dropped at the end.
"""

import argparse
import contextlib
import http.client
import json
import os
import platform
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEL = re.compile(r'data-k="(pagu|lokasi)" data-o="sub:(\d+)" data-id="\d+" data-v="(\d+)"')
KATA_SANDI = "beban-" + secrets.token_hex(4)
SKALA = "<!-- skala:awal -->"  # the section of BEBAN.md that --skala writes (bench/hasil.py)


def _port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Klien(threading.Thread):
    """A simulated user of one server (``port``): its own cookies, its log-in."""

    def __init__(self, port, username, sesi=None):
        super().__init__(daemon=True)
        self.port, self.username, self.cookies, self.sesi = port, username, {}, sesi

    def _request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {**(headers or {}), "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        self.kepala = {k.lower(): v for k, v in response.getheaders()}
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        conn.close()
        return response.status, data

    def masuk_saja(self):
        """Log in through the form, or with the session ``sesi`` made beforehand (``sesi_masuk``)."""
        status, _ = self._request("GET", "/masuk/")
        assert status == 200, f"halaman masuk: {status}"
        if self.sesi:
            self.cookies["sessionid"] = self.sesi
            return
        form = urllib.parse.urlencode(
            {"username": self.username, "password": KATA_SANDI, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        )
        status, _ = self._request(
            "POST",
            "/masuk/",
            form,
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": "http://127.0.0.1/"},
        )
        assert status == 302, f"{self.username} gagal masuk ({status})"


class Perencana(Klien):
    """One simulated planner: the versions it has seen, its results."""

    def __init__(self, port, username, sampai, panas, sendiri, rng, sesi=None, opd="BAPPEDA"):
        super().__init__(port, username, sesi)
        self.sampai, self.panas, self.rng = sampai, panas, rng
        self.ruang_kerja = f"/renja/{opd}/2022/ruang-kerja/"
        self.sendiri = sendiri  # the rows this planner is responsible for
        self.versi = {}
        self.waktu, self.ack, self.konflik, self.galat, self.lain = [], [], 0, [], 0
        self.lambat, self.durasi, self.siap = [], 0, None  # (latency, seconds since the start) of each save

    def masuk(self):
        self.masuk_saja()
        status, page = self._request("GET", self.ruang_kerja)
        assert status == 200, status
        for _kolom, pk, versi in SEL.findall(page.decode()):
            self.versi[int(pk)] = int(versi)

    def run(self):
        try:
            self.masuk()
        except Exception as error:  # a failed log-in is a server error for the report
            self.galat.append(f"masuk: {error}")
            return
        self.siap = time.time() - (self.sampai - self.durasi)
        while time.time() < self.sampai:
            pk = (
                self.rng.choice(self.panas)
                if self.rng.random() < 1 / 3 or not self.sendiri
                else self.rng.choice(self.sendiri)
            )
            kolom = self.rng.choice(["pagu", "lokasi"])
            nilai = (
                str(self.rng.randint(1, 999) * 1_000_000)
                if kolom == "pagu"
                else f"Kec. Uji {self.rng.randint(1, 99999)}"
            )
            body = json.dumps({"perubahan": [{"kolom": kolom, "id": pk, "nilai": nilai, "versi": self.versi[pk]}]})
            start = time.perf_counter()
            try:
                status, data = self._request(
                    "POST",
                    self.ruang_kerja + "simpan/",
                    body,
                    {"Content-Type": "application/json", "X-CSRFToken": self.cookies["csrftoken"]},
                )
            except OSError as error:
                self.galat.append(f"koneksi: {error}")
                continue
            self.waktu.append(time.perf_counter() - start)
            self.lambat.append((time.perf_counter() - start, time.time() - (self.sampai - self.durasi)))
            if status == 200:
                [saved] = json.loads(data)["tersimpan"]
                self.versi[pk] = saved["versi"]
                self.ack.append((pk, saved["versi"], kolom, nilai))
            elif status == 409:
                self.konflik += 1
                self.versi[pk] = json.loads(data)["konflik"][0]["versi"]
            elif status >= 500:
                self.galat.append(f"{status}: {data[:200]!r}")
            else:
                self.lain += 1
            time.sleep(self.rng.uniform(0.2, 1.0))


def _bunuh_satu_pekerja(master):
    """SIGKILL one worker process of the gunicorn ``master`` (the master starts a new one)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pid = int(stat.parent.name)
            os.kill(pid, signal.SIGKILL)
            return pid
    return None


def periksa_tanpa_kehilangan(acks):
    """No version acknowledged twice, every acknowledged save in the history with its version
    and value, and each item holding the value of its last acknowledged save. Returns a list of
    problems (empty: none)."""
    from renja.models import RenjaSubKegiatan

    problems = []
    seen = {}
    for pk, versi, kolom, nilai in acks:  # two saves acknowledged at one version: one overwrote the other unseen
        if (pk, versi) in seen:
            problems.append(f"sub {pk} versi {versi} diakui dua kali: {seen[(pk, versi)]} dan {kolom} {nilai}")
        seen[(pk, versi)] = f"{kolom} {nilai}"
    history = {}
    for record in RenjaSubKegiatan.history.filter(id__in={a[0] for a in acks}).values("id", "versi", "pagu", "lokasi"):
        history.setdefault((record["id"], record["versi"]), []).append(record)
    last = {}
    for pk, versi, kolom, nilai in acks:
        expected = Decimal(nilai) if kolom == "pagu" else nilai
        records = history.get((pk, versi), [])
        if not any(r[kolom] == expected for r in records):
            problems.append(f"sub {pk} versi {versi}: {kolom} {nilai} tidak ada di riwayat")
        if pk not in last or versi > last[pk][0]:
            last[pk] = (versi, kolom, expected)
    current = {i.pk: i for i in RenjaSubKegiatan.objects.filter(pk__in=last)}
    for pk, (versi, kolom, expected) in last.items():
        item = current[pk]
        if item.versi != versi or getattr(item, kolom) != expected:
            problems.append(
                f"sub {pk}: tersimpan versi {item.versi} {kolom}={getattr(item, kolom)}, diakui versi {versi} {expected}"
            )
    return problems


def proses(cmd, env):
    """Start ``cmd`` in a process group of its own (stopped whole by ``hentikan``)."""
    return subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)


def hentikan(procs):
    """Stop every process group of ``procs``: SIGTERM, then SIGKILL after 10 s."""
    for proc in procs:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def gunicorn(port, workers, env, log=None):
    """gunicorn serving the app on ``port`` with ``workers`` processes, once it accepts connections;
    with ``log`` (a path) each request's path, status and time in the server (µs, gunicorn's %D)
    is written there."""
    access = ["--access-logfile", str(log), "--access-logformat", "%(m)s %(U)s %(s)s %(D)s"] if log else []
    server = proses(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--log-level",
            "warning",
            *access,
        ],
        env,
    )
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return server


@contextlib.contextmanager
def basis_data(pg, procs=(), demo=True, **extra_env):
    """A throw-away PostgreSQL database, migrated (with the demo data and the static files
    collected unless ``demo`` is false), and the production environment of the processes that
    serve it. On the way out, whatever happens (SIGTERM included), the processes the caller put
    into the list ``procs`` are stopped first, then the database is dropped."""
    import psycopg

    previous = signal.signal(signal.SIGTERM, lambda *args: sys.exit(143))  # so that finally runs
    name = f"renja_beban_{os.getpid()}"
    admin_url = f"{pg}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{pg}/{name}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_CONN_MAX_AGE": "60",
        **extra_env,
    }
    try:
        python = sys.executable
        subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        if demo:
            subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
            subprocess.run(
                [python, "manage.py", "muat_demo"],
                cwd=ROOT,
                env={**env, "DJANGO_DEBUG": "1"},
                check=True,
                capture_output=True,
            )
        from bench.django_env import setup_django

        os.environ["DJANGO_SECRET_KEY"] = env["DJANGO_SECRET_KEY"]  # sessions made here are the servers'
        setup_django(url, override=True)
        yield env
    finally:
        hentikan(procs)
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        signal.signal(signal.SIGTERM, previous)


def buat_pengguna(awalan, jumlah, peran, opd):
    """``jumlah`` accounts ``<awalan>00…`` with ``peran`` in ``opd`` (a reviewer: in its Pemda)."""
    from django.contrib.auth import get_user_model

    from renja.models import Keanggotaan

    names = []
    for i in range(jumlah):
        user = get_user_model().objects.create_user(f"{awalan}{i:02d}", password=KATA_SANDI, first_name=f"Uji {i}")
        Keanggotaan.objects.create(user=user, pemda=opd.pemda, opd=opd if peran == "perencana" else None, peran=peran)
        names.append(user.username)
    return names


def sesi_masuk(username):
    """The key of a new signed-in session of ``username``, as the log-in form would make it
    (the bench process has the servers' secret key: ``basis_data``). A test that is about saving
    and documents takes its users signed in already: 61 log-ins at once (a deliberately slow
    password hash each) are not its subject and time out on a loaded machine."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    store = SessionStore()
    store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def baris_renja(opd):
    """The sub kegiatan rows of ``opd``'s Renja 2022: five "hot" ones everybody edits, the rest."""
    from renja.models import RenjaSubKegiatan

    rows = list(
        RenjaSubKegiatan.objects.filter(renja__opd=opd, renja__tahun=2022)
        .order_by("urutan")
        .values_list("pk", flat=True)
    )
    return rows[:5], rows[5:]


def para_perencana(ports, users, sampai, detik, sesi=False, opd="BAPPEDA"):
    """One planner per user name, alternating over ``ports``, sharing the rows of the Renja 2022
    of the OPD ``opd`` (its singkatan) out (with ``sesi``: signed in beforehand, ``sesi_masuk``)."""
    from renja.models import PerangkatDaerah

    hot, rest = baris_renja(PerangkatDaerah.objects.get(singkatan=opd))
    rng = random.Random(2022)
    planners = [
        Perencana(
            ports[i % len(ports)],
            u,
            sampai,
            hot,
            rest[i :: len(users)],
            random.Random(rng.random()),
            sesi_masuk(u) if sesi else None,
            opd,
        )
        for i, u in enumerate(users)
    ]
    for p in planners:
        p.durasi = detik
        p.start()
    return planners


def waktu_server(logs, path_suffix="/ruang-kerja/simpan/"):
    """The times in the server (s, sorted) of the POSTs to paths ending in ``path_suffix``, read
    from gunicorn access logs written by ``gunicorn(log=…)``."""
    times = []
    for log in logs:
        with contextlib.suppress(OSError):
            for line in Path(log).read_text().splitlines():
                parts = line.split()
                if len(parts) == 4 and parts[0] == "POST" and parts[1].endswith(path_suffix):
                    times.append(int(parts[3]) / 1e6)
    return sorted(times)


def persentil(values, q):
    """The ``q`` quantile (0–1) of the sorted ``values`` (nearest rank below)."""
    return values[int(q * (len(values) - 1))] if values else 0


def ringkas_simpan(planners):
    """Rows of the report about the planners' saves, the problems found (lost updates), the errors."""
    times = sorted(t for p in planners for t in p.waktu)
    acks = [a for p in planners for a in p.ack]
    errors = [g for p in planners for g in p.galat]
    problems = periksa_tanpa_kehilangan(acks)
    p95 = persentil(times, 0.95)
    rows = [
        f"| saves sent | {len(times)} | |",
        f"| saves acknowledged (200) | {len(acks)} | |",
        f"| conflicts answered 409 (another planner saved first) | {sum(p.konflik for p in planners)} | |",
        f"| other refusals (4xx) | {sum(p.lain for p in planners)} | |",
        f"| lost updates (acknowledged but not in history, or not the final value) | {len(problems)} | 0: {'ok' if not problems else 'OVER'} |",
    ]
    if times:
        rows += [
            f"| save latency median | {statistics.median(times) * 1000:.0f} ms | |",
            f"| save latency p95 | {p95 * 1000:.0f} ms | < 300 ms: {'ok' if p95 < 0.3 else 'OVER'} |",
            f"| save latency max | {times[-1] * 1000:.0f} ms | |",
        ]
    return rows, problems, errors


def main(argv=None):
    parser = argparse.ArgumentParser(description="Uji beban: banyak perencana mengedit Renja yang sama lewat gunicorn.")
    parser.add_argument("--pengguna", type=int, default=50)
    parser.add_argument("--detik", type=int, default=60)
    parser.add_argument("--pekerja", type=int, default=4, help="proses gunicorn (per server dengan --skala)")
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument(
        "--bunuh",
        action="store_true",
        help="matikan satu proses gunicorn (SIGKILL) di tengah uji; hasil ke BEBAN-BUNUH.md",
    )
    parser.add_argument(
        "--skala",
        action="store_true",
        help="dua server gunicorn dan dua pekerja db_worker; 10 reviewer meminta PDF dan satu cetak semua "
        "berjalan (bench/beban_skala.py); hasil ditambahkan ke BEBAN.md",
    )
    parser.add_argument("--reviewer", type=int, default=10, help="dengan --skala: reviewer yang meminta PDF")
    parser.add_argument("--nice", type=int, default=10, help="dengan --skala: prioritas CPU pekerja (nice)")
    parser.add_argument(
        "--db-worker", type=int, default=2, help="dengan --skala: proses db_worker (0: pekerjaan menunggu)"
    )
    parser.add_argument(
        "--cetak", action=argparse.BooleanOptionalAction, default=True, help="dengan --skala: satu cetak semua berjalan"
    )
    parser.add_argument(
        "--nice-sesi",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="dengan --skala: nice berlaku untuk sesi pekerja seluruhnya (autogroup); --no-nice-sesi: hanya prosesnya (pembanding)",
    )
    parser.add_argument("--keluar")
    args = parser.parse_args(argv)
    if args.skala:
        from bench import beban_skala

        return beban_skala.jalankan(args)
    args.keluar = args.keluar or str(ROOT / "bench" / ("BEBAN-BUNUH.md" if args.bunuh else "BEBAN.md"))
    server = None
    with basis_data(args.pg) as env:
        try:
            from renja.models import PerangkatDaerah

            users = buat_pengguna("beban", args.pengguna, "perencana", PerangkatDaerah.objects.get(singkatan="BAPPEDA"))
            port = _port()
            server = gunicorn(port, args.pekerja, env)
            sampai = time.time() + args.detik
            planners = para_perencana([port], users, sampai, args.detik)
            killed = None
            if args.bunuh:
                time.sleep(args.detik / 2)
                killed = _bunuh_satu_pekerja(server.pid)
            for p in planners:
                p.join(args.detik + 60)
        finally:
            if server is not None:
                hentikan([server])
        slow = sorted((x for p in planners for x in p.lambat), reverse=True)[:10]
        rows, problems, errors = ringkas_simpan(planners)
        error_budget = (
            "expected: the killed worker's requests" if args.bunuh else f"0: {'ok' if not errors else 'OVER'}"
        )
        lines = [
            "# Load test",
            "",
            f"Last run: {datetime.now():%Y-%m-%d %H:%M} WIB on {platform.node()} ({platform.machine()}, {os.cpu_count()} cores), "
            f"PostgreSQL, gunicorn {args.pekerja} workers, production settings.",
            f"Command: `.venv/bin/python bench/beban.py --pengguna {args.pengguna} --detik {args.detik} "
            f"--pekerja {args.pekerja}{' --bunuh' if args.bunuh else ''}`.",
            "",
            "| measurement | value | budget |",
            "|---|---:|---|",
            f"| simulated planners (one Renja: own rows, and a third of edits on 5 rows all share) | {args.pengguna} | |",
            f"| duration | {args.detik} s | |",
            *rows[:4],
            f"| gunicorn worker killed (SIGKILL) half-way | {'pid ' + str(killed) if killed else 'no'} | |",
            f"| server errors and failed connections | {len(errors)} | {error_budget} |",
            *rows[4:],
        ]
        ready = [p.siap for p in planners if p.siap is not None]
        if slow:
            lines += [
                "",
                f"All planners had logged in and loaded the workspace {max(ready):.0f} s after the start."
                if ready
                else "",
                "Slowest saves (latency, seconds after the start when answered): "
                + ", ".join(f"{t * 1000:.0f} ms at {at:.0f} s" for t, at in slow[:5])
                + ".",
            ]
        if errors or problems:
            lines += ["", "First problems:", *[f"- {e}" for e in (errors + problems)[:10]]]
        text = "\n".join(line for line in lines if line is not None) + "\n"
        path = Path(args.keluar)
        before = path.read_text(encoding="utf-8") if path.exists() else ""
        if SKALA in before:  # the scale-out run's section (--skala) stays
            text += "\n" + before[before.index(SKALA) :]
        path.write_text(text, encoding="utf-8")
        print("\n".join(lines))
        return 1 if problems or (errors and not args.bunuh) else 0


if __name__ == "__main__":
    sys.exit(main())
