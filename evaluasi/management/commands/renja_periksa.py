import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from evaluasi.periksa import ERROR, periksa_renja
from renja.models import Renja


class Command(BaseCommand):
    help = "Memeriksa konsistensi dan kelengkapan sebuah Renja dan mencetak setiap temuan (error memblokir pengajuan)."

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help="Kode SKPD atau singkatan OPD, mis. BAPPEDA")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--json", action="store_true", help="Keluaran JSON")

    def handle(self, *args, **options):
        renja = (
            Renja.objects.filter(
                Q(opd__kode=options["opd"]) | Q(opd__singkatan__iexact=options["opd"]), tahun=options["tahun"]
            )
            .select_related("opd", "renstra")
            .first()
        )
        if renja is None:
            raise CommandError(f"Renja {options['opd']} tahun {options['tahun']} tidak ditemukan.")
        temuan = periksa_renja(renja)
        if options["json"]:
            self.stdout.write(json.dumps([t.__dict__ for t in temuan], indent=2, ensure_ascii=False))
        else:
            for t in temuan:
                self.stdout.write(f"[{t.tingkat.upper()}] {t.lokasi}\n    {t.pesan} ({t.nilai})")
            errors = sum(1 for t in temuan if t.tingkat == ERROR)
            self.stdout.write(f"{renja}: {errors} error, {len(temuan) - errors} peringatan.")
