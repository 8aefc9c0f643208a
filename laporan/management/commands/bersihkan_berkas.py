from django.core.management.base import BaseCommand

from laporan.tugas import bersihkan, jadwalkan


class Command(BaseCommand):
    help = (
        "Membersihkan berkas laporan: pekerjaan yang macet dicoba lagi atau ditandai gagal, hasil yang lebih tua dari "
        "LAPORAN_BERKAS_HARI hari (kecuali yang disimpan bersama penetapan) dan berkas sementara dihapus. "
        "Dengan --jadwalkan pembersihan dijadwalkan tiap jam di pekerja (bin/serve menjalankannya saat pekerja mulai)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jadwalkan", action="store_true", help="jadwalkan pembersihan tiap jam di pekerja")

    def handle(self, *args, **options):
        deleted = bersihkan()
        if options["jadwalkan"]:
            jadwalkan()
        self.stdout.write(f"{deleted} berkas lama dihapus.")
