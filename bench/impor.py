"""Import 10,000 realisasi kinerja rows into the generated city: ours (renja.impor: dry run,
then apply in bulk with history) against django-import-export's default row-by-row import of
the same file (dry run, then import), each in a process of its own on its own copy of the
database, so that each peak memory (RSS) is its own.

    .venv/bin/python bench/impor.py --database-url sqlite:////tmp/kota.sqlite3 [--baris 10000]

prints "<seconds> <MB> <rows> kita|die" for each, with the number of rows written.
"""

import argparse
import io
import random
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

PERIODE = ["tahunan", "tw1", "tw2", "tw3", "tw4"]


def buat_berkas(opd, baris):
    """The same workbook for both: ID Indikator, Tahun, Periode, Realisasi (numbers), for the
    numeric indicators of ``opd``, years from 2030 on, until ``baris`` rows."""
    from openpyxl import Workbook

    from renja.models import Indikator

    rng = random.Random(2022)
    ids = list(
        Indikator.objects.for_opd(opd)
        .filter(tujuan=None, sasaran=None, tipe_nilai__in=["angka", "persen", "indeks"])
        .values_list("pk", flat=True)
    )
    book = Workbook(write_only=True)
    ws = book.create_sheet("Realisasi Kinerja")
    ws.append(["ID Indikator", "Tahun", "Periode", "Realisasi"])
    count, tahun = 0, 2030
    while count < baris:
        for pk in ids:
            for periode in PERIODE:
                if count == baris:
                    break
                ws.append([pk, tahun, periode, rng.choice([rng.randint(0, 500), rng.randint(0, 10000) / 100])])
                count += 1
        tahun += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def kita(opd, data, user):
    from evaluasi.impor import KINERJA
    from renja.impor import periksa_berkas, terapkan

    hasil = periksa_berkas(KINERJA, opd, data, "bench.xlsx")
    assert not hasil.galat, hasil.galat[:3]
    impor = terapkan(KINERJA, opd, user, data, "bench.xlsx")
    return impor.baru + impor.berubah


def die(opd, data, user):
    import tablib
    from import_export import fields, resources, widgets

    from evaluasi.models import RealisasiKinerja
    from renja.models import Indikator

    class RealisasiResource(resources.ModelResource):
        indikator = fields.Field(
            attribute="indikator", column_name="ID Indikator", widget=widgets.ForeignKeyWidget(Indikator)
        )
        tahun = fields.Field(attribute="tahun", column_name="Tahun", widget=widgets.IntegerWidget())
        periode = fields.Field(attribute="periode", column_name="Periode")
        nilai = fields.Field(attribute="nilai", column_name="Realisasi", widget=widgets.DecimalWidget())

        class Meta:
            model = RealisasiKinerja
            fields = ("indikator", "tahun", "periode", "nilai")
            import_id_fields = ("indikator", "tahun", "periode")

    dataset = tablib.Dataset().load(data, format="xlsx")
    resource = RealisasiResource()
    dry = resource.import_data(dataset, dry_run=True, user=user)
    assert not dry.has_errors() and not dry.has_validation_errors()
    result = resource.import_data(dataset, dry_run=False, user=user)
    return result.totals["new"] + result.totals["update"]


def main(argv=None):
    parser = argparse.ArgumentParser(description="Ukur impor 10.000 baris realisasi: kita dan django-import-export.")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--baris", type=int, default=10_000)
    parser.add_argument("--satu", choices=["kita", "die"], help=argparse.SUPPRESS)
    parser.add_argument("--berkas", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.satu:
        setup_django(args.database_url, override=True)
        from django.contrib.auth import get_user_model

        from renja.models import PerangkatDaerah

        opd = PerangkatDaerah.objects.get(pk=int(Path(args.berkas).stem.split("-")[-1]))
        user, _ = get_user_model().objects.get_or_create(username="bench-admin", defaults={"is_superuser": True})
        data = Path(args.berkas).read_bytes()
        start = time.perf_counter()
        rows = {"kita": kita, "die": die}[args.satu](opd, data, user)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{seconds:.3f} {peak:.0f} {rows} {args.satu}")
        return
    source = args.database_url.removeprefix("sqlite:///")
    tmp = Path(tempfile.mkdtemp(prefix="renja-bench-impor-"))
    setup_django(args.database_url, override=True)
    from django.db.models import Count

    from renja.models import PerangkatDaerah

    opd = PerangkatDaerah.objects.annotate(n=Count("program__kegiatan__sub_kegiatan__indikator")).order_by("-n").first()
    berkas = tmp / f"realisasi-{opd.pk}.xlsx"
    berkas.write_bytes(buat_berkas(opd, args.baris))
    for who in ("kita", "die"):
        copy = tmp / f"{who}.sqlite3"
        shutil.copy(source, copy)
        out = subprocess.run(
            [sys.executable, __file__, "--database-url", f"sqlite:///{copy}", "--satu", who, "--berkas", str(berkas)],
            check=True,
            capture_output=True,
            text=True,
        )
        print(out.stdout.strip())
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
