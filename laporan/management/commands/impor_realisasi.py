from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from laporan.impor import JENIS
from renja.berkas import BerkasTidakSah
from renja.impor import BERUBAH, GALAT
from renja.models import PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Mengimpor realisasi (kinerja atau anggaran) atau rancangan awal RKPD sebuah Perangkat Daerah dari berkas .xlsx/.csv. "
        "Tanpa --terapkan hanya pratinjau: setiap baris diperiksa dan tidak ada yang disimpan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "jenis", choices=sorted(JENIS), help="kinerja (per indikator) atau anggaran (per sub kegiatan)"
        )
        parser.add_argument("berkas", help="berkas .xlsx atau .csv")
        parser.add_argument("--opd", required=True, help="kode SKPD atau singkatan OPD, mis. BAPPEDA")
        parser.add_argument("--tahun", type=int, help="tahun realisasi bila berkas tidak menyebutnya")
        parser.add_argument("--terapkan", action="store_true", help="simpan bila tidak ada baris bergalat")
        parser.add_argument("--oleh", help="nama pengguna yang tercatat (wajib dengan --terapkan)")

    def handle(self, *args, **options):
        opd = PerangkatDaerah.objects.filter(Q(kode=options["opd"]) | Q(singkatan__iexact=options["opd"])).first()
        if opd is None:
            raise CommandError(f"Perangkat Daerah '{options['opd']}' tidak ditemukan.")
        path = Path(options["berkas"])
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ada.")
        jenis, data = JENIS[options["jenis"]], path.read_bytes()
        try:
            if options["terapkan"]:
                user = get_user_model().objects.filter(username=options["oleh"] or "").first()
                if user is None:
                    raise CommandError("--terapkan memerlukan --oleh <nama pengguna yang ada>.")
                impor = jenis.terapkan(opd, user, data, path.name, options["tahun"])
                self.stdout.write(
                    f"Impor #{impor.pk} tersimpan: {impor.baru} baru, {impor.berubah} berubah, {impor.sama} sama, "
                    f"{impor.kosong} kosong."
                )
                return
            hasil = jenis.periksa(opd, data, path.name, options["tahun"])
        except BerkasTidakSah as error:
            raise CommandError(str(error)) from None
        for b in hasil.baris:
            if b.status in (GALAT, BERUBAH) or b.peringatan:
                note = b.pesan or "; ".join(b.peringatan)
                change = f" {b.lama} → {b.baru}" if b.status == BERUBAH else ""
                self.stdout.write(
                    f"baris {b.nomor}, kolom {b.kolom}, nilai '{b.mentah}': {b.status}{change} {note}".rstrip()
                )
        self.stdout.write(
            "Uji kering: " + ", ".join(f"{n} {s}" for s, n in hasil.ringkasan.items()) + ". Tidak ada yang disimpan."
        )
        if hasil.galat:
            raise CommandError(f"{len(hasil.galat)} nilai bergalat; perbaiki berkas lalu ulangi.")
