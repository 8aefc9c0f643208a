from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from laporan.impor import JENIS, PEMDA
from renja.berkas import BerkasTidakSah
from renja.impor import GALAT
from renja.models import Pemda, PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Mengimpor berkas .xlsx/.csv: daftar OPD atau pengguna sebuah Pemda, realisasi atau rancangan awal RKPD "
        "sebuah OPD. Tanpa --terapkan hanya uji kering: setiap masalah dicetak satu baris dan tidak ada yang "
        "disimpan. Status keluar 0 bila berkas terbaca (ada masalah atau tidak), bukan 0 bila ditolak seluruhnya."
    )
    jenis_tersedia = None  # all of laporan.impor.JENIS
    galat_gagal = False  # whether a dry run with problems exits non-zero (impor_realisasi keeps that)

    def add_arguments(self, parser):
        semua = ", ".join(self.jenis_tersedia or JENIS)
        parser.add_argument("jenis", help=f"jenis impor: {semua}")
        parser.add_argument("berkas", help="berkas .xlsx atau .csv")
        parser.add_argument("--opd", help="kode SKPD atau singkatan OPD (impor per OPD), mis. BAPPEDA")
        parser.add_argument(
            "--pemda", help="kode wilayah Pemda (wajib untuk opd dan pengguna bila ada lebih dari satu)"
        )
        parser.add_argument("--tahun", type=int, help="tahun realisasi bila berkas tidak menyebutnya; tahun RKPD")
        parser.add_argument("--terapkan", action="store_true", help="simpan bila tidak ada masalah")
        parser.add_argument("--oleh", help="nama pengguna yang tercatat (wajib dengan --terapkan)")
        parser.add_argument(
            "--kosongkan-galat",
            action="store_true",
            help="dengan --terapkan: sel nilai yang tak terbaca dikosongkan dan dicatat sebagai temuan, sisanya "
            "disimpan (galat lain tetap menolak seluruh berkas); tidak untuk opd dan pengguna",
        )

    def handle(self, *args, **options):
        jenis = self._jenis(options["jenis"])
        kosongkan = options["kosongkan_galat"]
        if kosongkan and not jenis.kosongkan:
            dapat = ", ".join(k for k, j in JENIS.items() if j.kosongkan)
            raise CommandError(
                f"--kosongkan-galat tidak berlaku untuk '{options['jenis']}' (hanya {dapat}): setiap masalah berkas "
                "ini harus diperbaiki di berkasnya."
            )
        pemda = self._pemda(options["pemda"])
        if jenis.lingkup == PEMDA and pemda is None:
            raise CommandError(f"Impor '{options['jenis']}' untuk satu Pemda: isi --pemda <kode wilayah>.")
        milik = pemda if jenis.lingkup == PEMDA else self._opd(options["opd"], options["pemda"] and pemda)
        path = Path(options["berkas"])
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ada.")
        data = path.read_bytes()
        user = None
        if options["terapkan"]:
            user = get_user_model().objects.filter(username=options["oleh"] or "").first()
            if user is None:
                raise CommandError("--terapkan memerlukan --oleh <nama pengguna yang ada>.")
        try:
            hasil = jenis.periksa(milik, data, path.name, options["tahun"])
            self._cetak(hasil)
            menolak = hasil.galat_tetap if kosongkan else hasil.galat
            if menolak and (user or self.galat_gagal):
                raise CommandError(self._tolak(jenis, hasil, menolak))
            if user is None:
                self.stdout.write(self._ringkasan("Uji kering", hasil) + " Tidak ada yang disimpan.")
                if kosongkan and hasil.galat_sel:
                    self.stdout.write(
                        f"Dengan --terapkan, {len(hasil.galat_sel)} sel tak terbaca akan dikosongkan dan dicatat "
                        "sebagai temuan."
                    )
                return
            impor = jenis.simpan(milik, user, data, path.name, options["tahun"], kosongkan, hasil=hasil)
        except BerkasTidakSah as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Impor #{impor.pk} tersimpan: {impor.baru} baru, {impor.berubah} berubah, {impor.sama} sama, "
            f"{impor.kosong} kosong."
        )
        for b in hasil.galat_sel if getattr(impor, "temuan_baru", 0) else ():
            self.stdout.write(f"dikosongkan: baris {b.nomor}, kolom {b.kolom}, nilai '{b.mentah}' (temuan dicatat)")
        for username, nama, sandi in getattr(impor, "sandi_sekali", ()):
            self.stdout.write(f"kata sandi sekali pakai {username} ({nama}): {sandi}")
        if getattr(impor, "sandi_sekali", None):
            self.stdout.write(
                "Kata sandi di atas hanya dicetak sekali; pengguna wajib menggantinya saat masuk pertama."
            )

    def _jenis(self, name):
        tersedia = self.jenis_tersedia or list(JENIS)
        if name in tersedia:
            return JENIS[name]
        raise CommandError(f"Jenis impor '{name}' tidak dikenal. Pilih salah satu: {', '.join(tersedia)}.")

    def _pemda(self, kode):
        if kode:
            pemda = Pemda.objects.filter(kode=kode).select_related("nomenklatur_versi").first()
            if pemda is None:
                raise CommandError(f"Pemda berkode '{kode}' tidak ditemukan.")
            return pemda
        semua = list(Pemda.objects.select_related("nomenklatur_versi")[:2])
        return semua[0] if len(semua) == 1 else None

    def _opd(self, text, pemda):
        if not text:
            raise CommandError("Jenis impor ini per Perangkat Daerah: isi --opd <kode SKPD atau singkatan>.")
        found = PerangkatDaerah.objects.filter(Q(kode=text) | Q(singkatan__iexact=text)).select_related("pemda")
        if pemda:
            found = found.filter(pemda=pemda)
        found = list(found[:2])
        if not found:
            raise CommandError(f"Perangkat Daerah '{text}' tidak ditemukan.")
        if len(found) > 1:
            raise CommandError(f"'{text}' ada di lebih dari satu Pemda; tambahkan --pemda <kode>.")
        return found[0]

    def _cetak(self, hasil):
        for b in hasil.baris:
            if b.status == GALAT:
                self.stdout.write(f"baris {b.nomor}, kolom {b.kolom}, nilai '{b.mentah}': {b.pesan}")
            for note in b.peringatan:
                self.stdout.write(f"baris {b.nomor}, kolom {b.kolom}, nilai '{b.mentah}': peringatan: {note}")

    @staticmethod
    def _tolak(jenis, hasil, menolak):
        saran = ""
        if jenis.kosongkan and not hasil.galat_tetap:
            saran = (
                " Semua masalah adalah sel nilai yang tak terbaca: --kosongkan-galat menyimpan sisanya dan mencatat "
                "sel itu sebagai temuan."
            )
        return f"{len(menolak)} masalah; perbaiki berkas lalu ulangi. Tidak ada yang disimpan.{saran}"

    @staticmethod
    def _ringkasan(judul, hasil):
        return f"{judul}: " + ", ".join(f"{n} {s}" for s, n in hasil.ringkasan.items()) + "."
