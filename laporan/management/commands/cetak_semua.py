import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from laporan.cetak_semua import daftar_renja, tulis_zip
from renja.models import Renja


class Command(BaseCommand):
    help = (
        "Cetak semua: satu ZIP berisi PDF Renja setiap Perangkat Daerah pada tahun itu, buku kerja seluruh OPD "
        "(ringkasan kota dan T-C.33 setiap OPD) dan manifest.csv dengan nomor penetapan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, required=True, help="tahun Renja (n)")
        parser.add_argument(
            "--status", default="", choices=["", *Renja.Status.values], help="hanya Renja berstatus ini"
        )
        parser.add_argument("--keluar", help="berkas ZIP yang ditulis (bawaan: renja-seluruh-opd-<tahun>.zip)")

    def handle(self, *args, tahun, status, keluar, **options):
        renja = daftar_renja(tahun, status)
        if not renja.exists():
            raise CommandError(f"Tidak ada Renja tahun {tahun}{' berstatus ' + status if status else ''}.")
        path = Path(keluar or f"renja-seluruh-opd-{tahun}.zip")
        tmp = path.with_name(path.name + ".part")
        start = time.perf_counter()

        def maju(selesai, jumlah, tahap):
            if options["verbosity"] > 1 or ": bagian" not in tahap:
                self.stdout.write(f"[{selesai}/{jumlah}] {tahap}")

        try:
            with tmp.open("wb") as out:
                tulis_zip(renja, out, maju)
            tmp.replace(path)  # complete, or not there at all
        finally:
            tmp.unlink(missing_ok=True)
        self.stdout.write(f"{path} ({path.stat().st_size:,} bita, {time.perf_counter() - start:.1f} detik)")
