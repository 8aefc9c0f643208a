"""The kinds of import the app offers (page and command), the dry run of an upload as the
import page shows it (made by a worker, ``laporan.tugas``) and its apply. The template workbooks
of these kinds are in ``laporan.templat``."""

from dataclasses import dataclass
from functools import partial

from django.db import transaction

from anggaran.impor import ANGGARAN
from evaluasi import impor_riwayat
from evaluasi.impor import KINERJA
from evaluasi.monev import ROMAWI, kunci_impor
from renja import impor, impor_opd, impor_pengguna, impor_renja, impor_renja_simpan, impor_renstra, impor_sipd, ranwal
from renja.berkas import BerkasTidakSah
from renja.models import Periode

OPD, PEMDA = "opd", "pemda"


@dataclass(frozen=True)
class JenisBerkas:
    """A kind of file the import page and command take: its dry run and its apply, both of one
    OPD or (``lingkup`` PEMDA) of a whole Pemda."""

    judul: str
    periksa: object  # (opd or pemda, data, nama_berkas, tahun, maju=None) → HasilImpor
    terapkan: object  # (opd or pemda, user, data, nama_berkas, tahun) → Impor
    lingkup: str = OPD
    segera: bool = False  # applied in the request, not by a worker (its answer shows one-time passwords)
    kosongkan: bool = False  # its terapkan takes ``kosongkan``: unreadable value cells left empty as findings

    def simpan(self, milik, user, data, nama_berkas, tahun, kosongkan=False, hasil=None):
        """Apply; ``kosongkan`` (the admin confirmed leaving unreadable value cells empty) only
        for a kind that offers it; ``hasil``: the dry run of this same ``data`` the caller has just
        made (not read again), None to read it again."""
        if kosongkan and not self.kosongkan:
            raise BerkasTidakSah("Jenis impor ini tidak dapat mengosongkan sel yang tak terbaca.")
        extra = {"kosongkan": True} if kosongkan else {}
        return self.terapkan(milik, user, data, nama_berkas, tahun, hasil=hasil, **extra)


JENIS = {  # a triwulan locked by monev (evaluasi.monev) refuses its values
    "opd": JenisBerkas("Daftar Perangkat Daerah sebuah Pemda", impor_opd.periksa, impor_opd.terapkan, PEMDA),
    "pengguna": JenisBerkas(
        "Daftar pengguna sebuah Pemda (akun baru mendapat kata sandi sekali pakai)",
        impor_pengguna.periksa,
        impor_pengguna.terapkan,
        PEMDA,
        segera=True,
    ),
    "kinerja": JenisBerkas(
        "Realisasi kinerja (per indikator)",
        partial(impor.periksa_berkas, KINERJA, kunci=kunci_impor),
        partial(impor.terapkan, KINERJA, kunci=kunci_impor),
        kosongkan=True,
    ),
    "anggaran": JenisBerkas(
        "Realisasi anggaran (per sub kegiatan)",
        partial(impor.periksa_berkas, ANGGARAN, kunci=kunci_impor),
        partial(impor.terapkan, ANGGARAN, kunci=kunci_impor),
        kosongkan=True,
    ),
    "ranwal": JenisBerkas(
        "Rancangan awal RKPD (menggantikan yang ada untuk tahun itu)", ranwal.periksa, ranwal.terapkan, kosongkan=True
    ),
    "sipd": JenisBerkas(
        "Sub kegiatan Renja dari SIPD-RI (berkas .json; aplikasi tidak meminta akun SIPD)",
        impor_sipd.periksa,
        impor_sipd.terapkan,
        kosongkan=True,
    ),
    "riwayat": JenisBerkas(
        "Riwayat Tabel 2.1 (T-C.29) Renja tahun n: target dan realisasi n-3 s/d n-1",
        impor_riwayat.periksa,
        impor_riwayat.terapkan,
    ),
    "renja": JenisBerkas(
        "Renja tahun n (T-C.33: formulir, tata letak Tujuan–Sasaran, atau laporan SIPD-RI)",
        impor_renja.periksa,
        impor_renja_simpan.terapkan,
        kosongkan=True,
    ),
    "renstra": JenisBerkas(
        "Renstra (tujuan, sasaran, indikator, target per tahun dan pagu; tahun: tahun awal bila judul kolom tidak "
        "menyebutnya)",
        impor_renstra.periksa,
        impor_renstra.terapkan,
        kosongkan=True,
    ),
}
JUDUL_JENIS = {key: jenis.judul for key, jenis in JENIS.items()}
TAMPIL_BARIS = 1000  # rows kept for the dry-run page (the counts cover all)


def uji_kering(unggahan, maju=None):
    """The dry run of ``unggahan`` as the import page shows it, in plain JSON values: the counts
    per status, the number of errors, the values with their errors first and runs of empty
    values folded into one line (the first ``TAMPIL_BARIS``), or ``galat_berkas`` when the file
    cannot be read. ``maju`` hears the rows read."""
    try:
        hasil = JENIS[unggahan.jenis].periksa(
            unggahan.milik, bytes(unggahan.data), unggahan.nama_berkas, unggahan.tahun, maju=maju
        )
    except BerkasTidakSah as error:
        return {"galat_berkas": str(error)}
    shown = lipat_kosong(hasil.galat + [b for b in hasil.baris if b.status != impor.GALAT])
    periode = {
        (b.tahun, b.periode)
        for b in hasil.baris
        if b.status in (impor.BARU, impor.BERUBAH, impor.SAMA) and isinstance(b.tahun, int)
    }
    kosongkan = JENIS[unggahan.jenis].kosongkan and hasil.galat and not hasil.galat_tetap
    return {
        "ringkasan": hasil.ringkasan,
        "galat": len(hasil.galat),
        # every error is an unreadable value cell: the admin may confirm leaving them empty
        "dapat_dikosongkan": len(hasil.galat_sel) if kosongkan else 0,
        "baris": shown[:TAMPIL_BARIS],
        "terpotong": len(shown) > TAMPIL_BARIS,
        "tempat": [
            line
            for th, p in sorted(periode, key=lambda k: (k[0], k[1] or ""))
            for line in tempat_tampil(unggahan.jenis, th, p)
        ],
    }


def tempat_tampil(jenis, tahun, periode=None):
    """Where realisasi of ``jenis`` ("kinerja" or "anggaran") of year ``tahun`` (and triwulan
    ``periode``; None: the four) appear in the app, in Indonesian: the monev page of Renja
    ``tahun``, the evaluation form of ``tahun`` on the page of Renja ``tahun``+1 (it evaluates
    n-1), the city monev page, Tabel 2.1 of Renja ``tahun``+1 (kolom 10–11, s/d the running
    year) and ``tahun``+2 (kolom 7–8, last year). ``tahun`` may be a letter ("n") for the page's
    general help. [] for the other kinds."""
    if jenis not in ("kinerja", "anggaran"):
        return []

    def plus(k):
        return tahun + k if isinstance(tahun, int) else f"{tahun}+{k}"

    form = f"formulir Evaluasi terhadap Hasil Renja tahun {tahun} pada halaman Renja {plus(1)}"
    if periode == Periode.TAHUNAN:
        nama, tw = f"Realisasi {tahun} tahunan", "TW IV"
        lines = [f"{nama}: {form}"]
    else:
        tw = f"TW {ROMAWI[periode]}" if periode else "TW I–IV"
        nama = f"Realisasi {tahun} {tw}"
        lines = [f"{nama}: halaman Monev Renja {tahun} ({tw})", f"{nama}: {form} (s/d {tw} dan sesudahnya)"]
    if jenis == "kinerja":
        if periode != Periode.TAHUNAN:
            lines.append(f"{nama}: halaman Monev seluruh OPD {tahun} (capaian s/d {tw})")
            lines.append(
                f"Penjelasan {tahun} {tw}: di bawah formulir evaluasi triwulan itu dan pada Bab II Renja {plus(1)} "
                "(faktor pendorong, penghambat, tindak lanjut Renja berikutnya)"
            )
        lines += [
            f"{nama}: Tabel 2.1 Renja {plus(1)} (kolom 10–11, realisasi s/d tahun berjalan {tahun})",
            f"{nama}: Tabel 2.1 Renja {plus(2)} (kolom 7–8, realisasi tahun lalu {tahun})",
        ]
    return lines


class DataBerubah(BerkasTidakSah):
    """The apply found other counts than the dry run the admin read: nothing is kept."""

    def __init__(self):
        super().__init__(
            "Data sudah berubah sejak pratinjau dibuat; tidak ada yang disimpan. Pratinjau diperiksa ulang: "
            "bacalah lagi, lalu simpan."
        )


def terapkan_uji(unggahan, oleh, dibaca, kosongkan=False):
    """Apply ``unggahan`` in one transaction as its kind does (reading and checking the file
    again against the database as it is now), or nothing: BerkasTidakSah when a value has an
    error (with ``kosongkan``, the admin's confirmation, only an error other than an unreadable
    value cell), DataBerubah when the counts baru / berubah / sama (and the cells left empty)
    differ from ``dibaca`` (the ``ringkasan`` of the dry run the admin read). Returns the Impor."""
    with transaction.atomic():
        impor = JENIS[unggahan.jenis].simpan(
            unggahan.milik, oleh, bytes(unggahan.data), unggahan.nama_berkas, unggahan.tahun, kosongkan
        )
        keys = ("baru", "berubah", "sama", *(("galat",) if kosongkan else ()))
        read = {
            "baru": impor.baru,
            "berubah": impor.berubah,
            "sama": impor.sama,
            "galat": getattr(impor, "temuan_baru", 0),
        }
        if [read[k] for k in keys] != [dibaca.get(k, 0) for k in keys]:
            raise DataBerubah
    return impor


def ringkas(impor):
    kosong = getattr(impor, "temuan_baru", 0)
    temuan = f" {kosong} sel tak terbaca dikosongkan dan dicatat sebagai temuan." if kosong else ""
    return (
        f"Impor #{impor.pk} tersimpan: {impor.baru} baru, {impor.berubah} berubah, {impor.sama} tidak berubah." + temuan
    )


def _baris_json(b):
    return {
        "nomor": b.nomor,
        "kolom": str(b.kolom),
        "mentah": "" if b.mentah is None else str(b.mentah),
        "status": b.status,
        "sasaran": str(b.sasaran) if b.sasaran else "",
        "tahun": b.tahun,
        "periode_label": str(b.periode_label or ""),
        "lama": str(b.lama),
        "baru": str(b.baru),
        "pesan": str(b.pesan),
        "peringatan": [str(p) for p in b.peringatan],
        "dapat_dikosongkan": b.dapat_dikosongkan,
    }


def lipat_kosong(daftar):
    """``daftar`` (BarisImpor) as JSON lines, each run of empty values (status kosong) folded
    into one line ``{"lipat": True, "dari", "sampai", "baris"}`` ("199 baris kosong")."""
    hasil = []
    for b in daftar:
        if b.status != impor.KOSONG:
            hasil.append(_baris_json(b))
        elif hasil and hasil[-1].get("lipat"):
            last = hasil[-1]
            last["baris"] += b.nomor != last["sampai"]
            last["sampai"] = b.nomor
        else:
            hasil.append({"lipat": True, "status": impor.KOSONG, "dari": b.nomor, "sampai": b.nomor, "baris": 1})
    return hasil
