from django.core.management.base import BaseCommand, CommandError

from renja.nomenklatur import NomenklaturError, muat_crosswalk, muat_nomenklatur


class Command(BaseCommand):
    help = "Memuat nomenklatur Permendagri 90 (kabupaten/kota) dan crosswalk kode dari fixtures/nomenklatur."

    def handle(self, *args, **options):
        try:
            versi, created = muat_nomenklatur()
            mapped = muat_crosswalk()
        except NomenklaturError as exc:
            raise CommandError(f"Nomenklatur tidak dimuat:\n{exc}") from exc
        self.stdout.write(f"Nomenklatur {versi.kode}: {created} baris baru; crosswalk: {mapped} baris baru.")
