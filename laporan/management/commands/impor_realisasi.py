from laporan.management.commands import impor


class Command(impor.Command):
    """The earlier name of ``manage.py impor`` for realisasi and rancangan awal, kept for the scripts
    that call it; as before, a dry run with problems exits non-zero."""

    help = (
        "Sama dengan 'manage.py impor' untuk realisasi (kinerja atau anggaran) dan rancangan awal RKPD (ranwal) "
        "sebuah Perangkat Daerah. Tanpa --terapkan hanya pratinjau: setiap baris diperiksa dan tidak ada yang disimpan."
    )
    jenis_tersedia = ["kinerja", "anggaran", "ranwal"]
    galat_gagal = True
