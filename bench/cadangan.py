"""Backup and restore round trips on PostgreSQL, with the demo data and a few edits:

1. ``pg_dump -Fc`` of a database, ``pg_restore`` into a new one: every table holds the same rows
   (compared by an ordered checksum of each table);
2. the app's own export, ``manage.py dumpdata``, loaded with ``loaddata`` into a freshly
   migrated database and exported again: the same JSON.

    .venv/bin/python bench/cadangan.py [--pg postgres://postgres@127.0.0.1:5432]

Writes bench/CADANGAN.md and exits non-zero when a round trip differs. The throw-away
databases are dropped at the end.
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
EXPORT = [
    "dumpdata",
    "--natural-foreign",
    "--natural-primary",
    "-e",
    "contenttypes",
    "-e",
    "auth.permission",
    "-e",
    "sessions",
    "-e",
    "admin.logentry",
    "--indent",
    "1",
]


def _tables(url):
    """{table: (rows, md5 of its rows in primary-key order)} of the public schema."""
    import psycopg

    out = {}
    with psycopg.connect(url) as conn:
        tables = [
            r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        ]
        for table in tables:
            rows, digest = conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"
            ).fetchone()
            out[table] = (rows, digest)
    return out


WAKTU = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?")


def _ms(value):
    """``value`` with every timestamp written to the millisecond: Django's JSON export keeps
    milliseconds only (a history time of …:59.000123 is exported as …:59.000 and read back as
    …:59), so the round trip is compared at the precision the export has."""
    if isinstance(value, dict):
        return {k: _ms(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_ms(v) for v in value]
    if isinstance(value, str) and (m := WAKTU.fullmatch(value)):
        return f"{m.group(1)}.{(m.group(2) or '').ljust(3, '0')[:3]}{m.group(3) or ''}"
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Uji cadangan dan pemulihan: pg_dump/pg_restore dan dumpdata/loaddata."
    )
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--keluar", default=str(ROOT / "bench" / "CADANGAN.md"))
    args = parser.parse_args(argv)
    import psycopg

    names = {k: f"renja_cadangan_{k}_{os.getpid()}" for k in ("asal", "pulih", "impor")}
    admin = f"{args.pg}/postgres"
    tmp = Path(tempfile.mkdtemp(prefix="renja-cadangan-"))
    lines, ok = [], True
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names.values():
                conn.execute(f'CREATE DATABASE "{name}"')
        url = {k: f"{args.pg}/{v}" for k, v in names.items()}
        env = {**os.environ, "DJANGO_DEBUG": "1"}

        def manage(key, *command, **kwargs):
            return subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env={**env, "DATABASE_URL": url[key]},
                check=True,
                capture_output=True,
                **kwargs,
            )

        manage("asal", "migrate", "-v0")
        manage("asal", "muat_demo")
        # a few edits with history, as after a day of work
        manage(
            "asal",
            "shell",
            "-c",
            (
                "from renja.models import *; from django.contrib.auth.models import User;"
                "u=User.objects.get(username='perencana.bappeda'); r=Renja.objects.get(opd__singkatan='BAPPEDA');"
                "from kerja.ruang_kerja import Perubahan, simpan_perubahan;"
                "i=r.sub_kegiatan.order_by('urutan').first();"
                "simpan_perubahan(r, u, [Perubahan('lokasi', i.pk, 'Kec. Cadangan', i.versi)])"
            ),
        )

        start = time.perf_counter()
        dump = tmp / "asal.dump"
        subprocess.run(["pg_dump", "-Fc", "-f", str(dump), url["asal"]], check=True)
        subprocess.run(["pg_restore", "--no-owner", "-d", url["pulih"], str(dump)], check=True)
        seconds = time.perf_counter() - start
        asal, pulih = _tables(url["asal"]), _tables(url["pulih"])
        differ = sorted(t for t in asal if asal[t] != pulih.get(t))
        ok &= not differ and asal.keys() == pulih.keys()
        rows = sum(n for n, _ in asal.values())
        lines.append(
            f"| pg_dump -Fc → pg_restore | {len(asal)} tables, {rows} rows | {seconds:.1f} s | "
            f"{'identical' if not differ else 'DIFFERENT: ' + ', '.join(differ[:5])} |"
        )

        start = time.perf_counter()
        first = manage("asal", *EXPORT, text=True).stdout
        (tmp / "data.json").write_text(first, encoding="utf-8")
        manage("impor", "migrate", "-v0")
        manage("impor", "loaddata", str(tmp / "data.json"))
        second = manage("impor", *EXPORT, text=True).stdout
        seconds = time.perf_counter() - start
        same = _ms(json.loads(first)) == _ms(json.loads(second))
        if not same:
            (ROOT / "artefacts").mkdir(exist_ok=True)
            (ROOT / "artefacts" / "cadangan-1.json").write_text(first, encoding="utf-8")
            (ROOT / "artefacts" / "cadangan-2.json").write_text(second, encoding="utf-8")
        ok &= same
        lines.append(
            f"| manage.py dumpdata → loaddata → dumpdata | {len(json.loads(first))} objects | {seconds:.1f} s | "
            f"{'identical (timestamps to the millisecond, the precision of the export)' if same else 'DIFFERENT'} |"
        )
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names.values():
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    text = "\n".join(
        [
            "# Backup and restore",
            "",
            f"Last run: {datetime.now(ZoneInfo('Asia/Jakarta')):%Y-%m-%d %H:%M} WIB on {platform.node()}, PostgreSQL; demo data plus an edit "
            "saved through the workspace (with its history).",
            "Command: `.venv/bin/python bench/cadangan.py`.",
            "",
            "| round trip | data | time | result |",
            "|---|---|---:|---|",
            *lines,
        ]
    )
    Path(args.keluar).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
