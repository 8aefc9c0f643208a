"""Build the synthetic city (bench/kota.py) in a throw-away database and time it.

    .venv/bin/python bench/buat_kota.py [--opd 45] [--sub 78] [--seed 2022] [--database-url URL] [--keep]

Without --database-url the city goes into a new SQLite file under the temporary directory
(/tmp), never into the developer's db.sqlite3, and a DATABASE_URL in the environment is
ignored; the file is removed afterwards unless --keep is given. The database is migrated and
the nomenclature master loaded before the timed build.
"""

import argparse
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.django_env import setup_django, sqlite_sementara  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description="Bangun kota sintetis (Kota Contoh) dan ukur waktunya.")
    parser.add_argument("--opd", type=int, default=45, help="jumlah perangkat daerah (default 45)")
    parser.add_argument("--sub", type=int, default=78, help="sub kegiatan per OPD (default 78)")
    parser.add_argument("--seed", type=int, default=2022, help="seed random.Random (default 2022)")
    parser.add_argument("--database-url", help="basis data tujuan (default: berkas SQLite baru di /tmp)")
    parser.add_argument("--keep", action="store_true", help="jangan hapus berkas SQLite sementara")
    args = parser.parse_args(argv)

    tmp = None
    if args.database_url:
        url = args.database_url
    else:
        url, tmp = sqlite_sementara("renja-kota-", "kota.sqlite3")
    setup_django(url, override=True)
    from django.core.management import call_command
    from django.db import connection

    from bench.kota import buat_kota
    from renja.nomenklatur import muat_nomenklatur

    print(f"Basis data: {connection.vendor} {url}")
    try:
        start = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrate: {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        muat_nomenklatur()
        print(f"muat_nomenklatur: {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        ringkasan = buat_kota(jumlah_opd=args.opd, sub_per_opd=args.sub, seed=args.seed)
        elapsed = time.perf_counter() - start
        for key, value in ringkasan.items():
            print(f"  {key:32} {value:>22,}" if isinstance(value, int) else f"  {key:32} {value!s:>22}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
        print(f"buat_kota({args.opd}, {args.sub}, seed={args.seed}): {elapsed:.1f} s; puncak RSS proses {peak:.0f} MB")
    finally:
        connection.close()
        if tmp and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        elif tmp:
            print(f"Berkas disimpan: {tmp}")


if __name__ == "__main__":
    main()
