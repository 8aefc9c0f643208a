from django.core.management.base import BaseCommand, CommandError

from renja.nomenklatur import MASTER, NomenklaturError, muat_crosswalk, muat_nomenklatur


class Command(BaseCommand):
    help = (
        "Memuat nomenklatur Permendagri 90 (kabupaten/kota dan/atau provinsi, masing-masing versinya sendiri) "
        "dan crosswalk kode dari fixtures/nomenklatur. Aman dijalankan ulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jenis",
            choices=[*MASTER, "semua"],
            default="semua",
            help="kabkota, provinsi, atau semua (bawaan)",
        )

    def handle(self, *args, **options):
        names = list(MASTER) if options["jenis"] == "semua" else [options["jenis"]]
        try:
            for name in names:
                versi, created = muat_nomenklatur(*MASTER[name])
                self.stdout.write(f"Nomenklatur {versi.kode}: {created} baris baru.")
            mapped = muat_crosswalk()
        except NomenklaturError as exc:
            raise CommandError(f"Nomenklatur tidak dimuat:\n{exc}") from exc
        self.stdout.write(f"Crosswalk: {mapped} baris baru.")
