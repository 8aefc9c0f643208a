import re

from django.core.management.base import BaseCommand, CommandError

from renja.models import Pemda
from renja.nomenklatur import NomenklaturError, versi_untuk


class Command(BaseCommand):
    help = (
        "Membuat Pemda baru (kota, kabupaten atau provinsi) dengan versi nomenklatur yang sesuai jenisnya. "
        "Nomenklatur harus sudah dimuat (manage.py muat_nomenklatur). Aman dijalankan ulang dengan data yang sama."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kode", required=True, help="kode wilayah Kemendagri, mis. 36.73")
        parser.add_argument("--nama", required=True, help="mis. 'Pemerintah Kota Serang'")
        parser.add_argument("--jenis", required=True, choices=Pemda.Jenis.values, help="kota, kabupaten atau provinsi")

    def handle(self, *args, **options):
        kode, nama, jenis = options["kode"].strip(), " ".join(options["nama"].split()), options["jenis"]
        if not re.fullmatch(r"\d{2}(\.\d{2})?", kode):
            raise CommandError(f"Kode wilayah '{kode}' tidak sah: tulis 2 angka (provinsi, mis. 36) atau 36.73.")
        if (jenis == Pemda.Jenis.PROVINSI) != ("." not in kode):
            raise CommandError(
                f"Kode wilayah '{kode}' tidak cocok dengan jenis {jenis} (provinsi: 2 angka; lainnya: 36.73)."
            )
        if not nama:
            raise CommandError("Nama Pemda kosong.")
        try:
            versi = versi_untuk(jenis)
        except NomenklaturError as error:
            raise CommandError(str(error)) from None
        pemda = Pemda.objects.filter(kode=kode).first()
        if pemda is not None:
            if (pemda.nama, pemda.jenis) != (nama, jenis):
                raise CommandError(
                    f"Pemda berkode {kode} sudah ada sebagai '{pemda.nama}' ({pemda.jenis}); tidak diubah. "
                    "Ubah di halaman admin bila memang perlu."
                )
            self.stdout.write(f"Pemda {kode} {nama} sudah ada; tidak ada yang diubah.")
            return
        Pemda.objects.create(kode=kode, nama=nama, jenis=jenis, nomenklatur_versi=versi)
        self.stdout.write(f"Pemda {kode} {nama} ({jenis}) dibuat dengan nomenklatur {versi.kode}.")
