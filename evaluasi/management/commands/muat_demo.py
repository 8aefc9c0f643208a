from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from evaluasi.demo import muat_demo
from renja.demo import DemoError


class Command(BaseCommand):
    help = "Memuat data demo Renja Bappeda Kota Serang 2022 (dan satu OPD contoh) beserta akun demo."

    def add_arguments(self, parser):
        parser.add_argument("--paksa", action="store_true", help="Izinkan memuat akun demo walau DEBUG mati.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["paksa"]:
            raise CommandError(
                "Data dan akun demo hanya untuk mode pengembangan (DJANGO_DEBUG=1); gunakan --paksa bila sengaja."
            )
        try:
            logins, loaded = muat_demo()
        except DemoError as exc:
            raise CommandError(f"Data demo tidak dimuat: {exc}") from exc
        self.stdout.write("Data demo dimuat." if loaded else "Data demo sudah ada; tidak ada yang diubah.")
        self.stdout.write("Akun demo (nama pengguna / kata sandi):")
        for username, password, nama in logins:
            self.stdout.write(f"  {username:20} {password:22} {nama}")
