import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from renja.models import PerangkatDaerah, Renja


class Command(BaseCommand):
    help = "Mencetak ringkasan JSON sebuah Renja: jumlah program, kegiatan, sub kegiatan, indikator dan total pagu n dan n+1."

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help="Kode SKPD atau singkatan OPD, mis. BAPPEDA")
        parser.add_argument("--tahun", required=True, type=int, help="Tahun rencana (n)")
        parser.add_argument("--pemda", help="Kode wilayah Pemda bila ada lebih dari satu Pemda")

    def handle(self, *args, **options):
        opd_qs = PerangkatDaerah.objects.filter(Q(kode=options["opd"]) | Q(singkatan__iexact=options["opd"]))
        if options["pemda"]:
            opd_qs = opd_qs.filter(pemda__kode=options["pemda"])
        opd_list = list(opd_qs)
        if not opd_list:
            raise CommandError(f"Perangkat Daerah '{options['opd']}' tidak ditemukan.")
        if len(opd_list) > 1:
            raise CommandError(f"'{options['opd']}' cocok dengan lebih dari satu Perangkat Daerah; tambahkan --pemda.")
        try:
            renja = Renja.objects.get(opd=opd_list[0], tahun=options["tahun"])
        except Renja.DoesNotExist:
            raise CommandError(f"Renja {opd_list[0].singkatan} tahun {options['tahun']} tidak ditemukan.") from None
        self.stdout.write(json.dumps(renja.ringkasan(), indent=2, ensure_ascii=False))
