"""A 45-OPD city onboarded from files through ``manage.py impor`` (each kind's dry run, then its
apply): the list of OPDs and the accounts of a new Pemda, then for every OPD its Renstra, its
Renja n and its Tabel 2.1 history (kinds opd, pengguna, renstra, renja, riwayat of
laporan.impor.JENIS). The files are the app's own templates (laporan.impor: templat_pemda,
templat_renstra, templat_renja, templat riwayat, now in laporan.templat) of the synthetic city of bench/kota.py, built
first in the same throw-away SQLite database; the new Pemda takes the same OPD codes. Issue 15
budget: under 60 s and 300 MB peak RSS. ``--catat`` writes the section "Onboarding" of
bench/RESULTS.md; one OPD's Renja of 400 rows is bench/impor_renja.py.

    .venv/bin/python bench/onboarding.py [--opd 45] [--sub 78] [--pg postgres://postgres@127.0.0.1:5432] [--catat]

SQLite by default; ``--pg`` runs it on a throw-away PostgreSQL database (dropped afterwards).

tests/test_bench_onboarding.py runs ``onboarding`` small and checks that the new Pemda prints
the same Tabel 2.1 and T-C.33 figures as the city its files came from.
"""

import argparse
import io
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.django_env import setup_django, sqlite_sementara  # noqa: E402
from bench.hasil import RESULTS, tulis_bagian  # noqa: E402

KODE_BARU = "99.01"
PER_OPD = ("renstra", "renja", "riwayat")


def berkas_kota(pemda, folder, kode_baru=KODE_BARU):
    """The files of the city ``pemda``, written under ``folder``: {kind: path} for opd and
    pengguna (one admin, one planner per OPD, their user names ending in ``kode_baru``), {kind:
    [(kode OPD, path)]} for the per-OPD kinds."""
    from laporan.templat import templat, templat_pemda, templat_renja, templat_renstra
    from renja.models import Renja
    from tests.pembantu import xlsx

    def tulis(name, data):
        path = folder / name
        path.write_bytes(data)
        return str(path)

    out = {"opd": tulis("opd.xlsx", templat_pemda("opd", pemda))}
    renjas = list(Renja.objects.filter(opd__pemda=pemda).select_related("opd", "renstra").order_by("opd__kode"))
    users = [
        ["Nama Pengguna", "Nama", "NIP", "Email", "Peran", "OPD"],
        [f"admin.{kode_baru}", "Admin Kota", None, None, "admin", None],
    ]
    users += [
        [
            f"perencana.{r.opd.singkatan.lower()}.{kode_baru}",
            f"Perencana {r.opd.singkatan}",
            None,
            None,
            "perencana",
            r.opd.kode,
        ]
        for r in renjas
    ]
    out["pengguna"] = tulis("pengguna.xlsx", xlsx(users))
    for kind in PER_OPD:
        out[kind] = []
    for r in renjas:
        out["renstra"].append((r.opd.kode, tulis(f"renstra-{r.opd.kode}.xlsx", templat_renstra(r.renstra))))
        out["renja"].append((r.opd.kode, tulis(f"renja-{r.opd.kode}.xlsx", templat_renja(r))))
        out["riwayat"].append((r.opd.kode, tulis(f"riwayat-{r.opd.kode}.xlsx", templat("riwayat", r))))
    return out, {"renstra": renjas[0].renstra.tahun_awal, "renja": renjas[0].tahun, "riwayat": renjas[0].tahun}


def impor(kind, path, *args):
    """``manage.py impor KIND PATH ARGS --terapkan --oleh operator``: its output."""
    from django.core.management import CommandError, call_command

    out = io.StringIO()
    try:
        call_command("impor", kind, path, *args, "--terapkan", "--oleh", "operator", stdout=out)
    except CommandError as error:
        raise SystemExit(f"impor {kind} {Path(path).name} ditolak: {error}\n{out.getvalue()}") from error
    return out.getvalue()


def onboarding(jumlah_opd, sub_per_opd, folder):
    """Build the synthetic city in the current database, write its files under ``folder`` and
    onboard Pemda KODE_BARU from them through ``manage.py impor``: (the city, {kind: seconds},
    seconds in all). The nomenclature master must be loaded."""
    from bench.kota import buat_kota
    from renja.models import Pemda

    kota = Pemda.objects.get(kode=buat_kota(jumlah_opd=jumlah_opd, sub_per_opd=sub_per_opd, seed=2022)["pemda"])
    lama, total = pindahkan(kota, folder)
    return kota, lama, total


def pindahkan(kota, folder, kode_baru=KODE_BARU, nama="Kota Onboarding"):
    """Write the files of Pemda ``kota`` under ``folder`` (berkas_kota), create Pemda
    ``kode_baru`` (buat_pemda) and onboard it from those files alone through ``manage.py impor``
    (opd, pengguna, then renstra, renja and riwayat per OPD), as an operator account made here:
    ({kind: seconds}, seconds in all, the files and set-up not counted)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    files, tahun = berkas_kota(kota, folder, kode_baru)
    get_user_model().objects.get_or_create(username="operator", defaults={"is_superuser": True, "is_staff": True})
    call_command("buat_pemda", "--kode", kode_baru, "--nama", nama, "--jenis", "kota", stdout=io.StringIO())
    lama = {}
    start = time.perf_counter()
    for kind in ("opd", "pengguna"):
        t = time.perf_counter()
        impor(kind, files[kind], "--pemda", kode_baru)
        lama[kind] = time.perf_counter() - t
    for kind in PER_OPD:
        t = time.perf_counter()
        for kode, path in files[kind]:
            impor(kind, path, "--pemda", kode_baru, "--opd", kode, "--tahun", str(tahun[kind]))
        lama[kind] = time.perf_counter() - t
    return lama, time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description="Ukur onboarding kota 45 OPD dari berkas (manage.py impor).")
    parser.add_argument("--opd", type=int, default=45)
    parser.add_argument("--sub", type=int, default=78, help="sub kegiatan per OPD (default 78)")
    parser.add_argument("--pg", help="server PostgreSQL (mis. postgres://postgres@127.0.0.1:5432); bawaan SQLite")
    parser.add_argument("--catat", action="store_true", help="tulis bagian Onboarding di bench/RESULTS.md")
    args = parser.parse_args(argv)
    beban = os.getloadavg()[0]
    url, tmp = sqlite_sementara("bench-onboarding-")
    pg_db = f"renja_onboarding_{os.getpid()}" if args.pg else None
    if pg_db:
        import psycopg

        with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{pg_db}"')
        url = f"{args.pg}/{pg_db}"
    # the settings an admin runs manage.py impor with on the server (README "Produksi"); with
    # DEBUG on the time is about the same (47.5 s against 48.6 s on 2026-12-03), but Django keeps
    # every query in memory (peak RSS 162 MB against 115 MB)
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-onboarding-bukan-rahasia-" + "x" * 32)
    setup_django(url, override=True)
    from django.conf import settings
    from django.core.management import call_command

    from renja.models import Impor, Pemda, PerangkatDaerah, Renja, Renstra
    from renja.nomenklatur import muat_nomenklatur

    try:
        call_command("migrate", verbosity=0)
        muat_nomenklatur()
        _, lama, total = onboarding(args.opd, args.sub, Path(tempfile.mkdtemp(dir=tmp)))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        baru = Pemda.objects.get(kode=KODE_BARU)
        opds = PerangkatDaerah.objects.filter(pemda=baru).count()
        assert opds == args.opd, opds
        assert Renstra.objects.filter(opd__pemda=baru).count() == Renja.objects.filter(opd__pemda=baru).count() == opds
        imports = Impor.objects.filter(pemda=baru).count() + Impor.objects.filter(opd__pemda=baru).count()
        n = args.opd
        keterangan = {
            "opd": f"{n} OPD dalam satu berkas",
            "pengguna": f"{n + 1} akun (1 admin, {n} perencana)",
            "renstra": f"{n} berkas, satu per OPD",
            "renja": f"{n} berkas T-C.33, {args.sub} sub kegiatan per OPD",
            "riwayat": f"{n} berkas Tabel 2.1",
        }
        rows = [(f"impor {k}", lama[k], "", keterangan[k]) for k in lama]
        ok = total < 60 and peak < 300
        rows.append(
            (
                f"Onboarding kota {n} OPD dari berkas (uji kering + simpan tiap berkas)",
                total,
                f"{peak:.0f} (RSS puncak proses)",
                f"{imports} impor tersimpan; batas 60 s, 300 MB: {'ok' if ok else 'LEWAT'}",
            )
        )
        for row in rows:
            print(f"{row[0]:70} {row[1]:8.2f} s  {row[2]}  {row[3]}")
        print(f"load average 1 menit saat mulai: {beban:.1f} pada {os.cpu_count()} inti; DEBUG={settings.DEBUG}")
        if args.catat:
            print(
                tulis_bagian(
                    RESULTS,
                    "onboarding-pg" if pg_db else "onboarding",
                    f"Onboarding kota dari berkas ({'PostgreSQL' if pg_db else 'SQLite'})",
                    f"load average saat mulai {beban:.1f}; {'PostgreSQL' if pg_db else 'SQLite'}, DEBUG={settings.DEBUG} (bench/onboarding.py: manage.py impor opd, pengguna, "
                    "lalu renstra, renja, riwayat per OPD; berkas = templat aplikasi dari kota sintetis bench/kota.py)",
                    rows,
                )
            )
        return {"detik": total, "mb": peak, "lama": lama, "impor": imports}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if pg_db:
            import psycopg
            from django.db import connections

            connections.close_all()
            with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{pg_db}" WITH (FORCE)')


if __name__ == "__main__":
    main()
