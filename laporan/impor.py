"""The kinds of import the app offers (page and command), the dry run of an upload as the
import page shows it (made by a worker, ``laporan.tugas``), and the template workbooks: for a
Renja, one row per indicator or sub kegiatan, codes and names filled; for a Pemda, its list of
OPDs or of users as it stands (edit and import back)."""

from dataclasses import dataclass
from functools import partial

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from anggaran.impor import ANGGARAN
from evaluasi.impor import KINERJA
from evaluasi.monev import kunci_impor
from renja import impor, impor_opd, impor_pengguna, impor_renstra, ranwal
from renja.berkas import BerkasTidakSah, simpan_teks_saja
from renja.models import Indikator, Sasaran, Target

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
    ),
    "anggaran": JenisBerkas(
        "Realisasi anggaran (per sub kegiatan)",
        partial(impor.periksa_berkas, ANGGARAN, kunci=kunci_impor),
        partial(impor.terapkan, ANGGARAN, kunci=kunci_impor),
    ),
    "ranwal": JenisBerkas(
        "Rancangan awal RKPD (menggantikan yang ada untuk tahun itu)", ranwal.periksa, ranwal.terapkan
    ),
    "renstra": JenisBerkas(
        "Renstra (tujuan, sasaran, indikator, target per tahun dan pagu; tahun: tahun awal bila judul kolom tidak "
        "menyebutnya)",
        impor_renstra.periksa,
        impor_renstra.terapkan,
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
    return {
        "ringkasan": hasil.ringkasan,
        "galat": len(hasil.galat),
        "baris": shown[:TAMPIL_BARIS],
        "terpotong": len(shown) > TAMPIL_BARIS,
    }


class DataBerubah(BerkasTidakSah):
    """The apply found other counts than the dry run the admin read: nothing is kept."""

    def __init__(self):
        super().__init__(
            "Data sudah berubah sejak pratinjau dibuat; tidak ada yang disimpan. Pratinjau diperiksa ulang: "
            "bacalah lagi, lalu simpan."
        )


def terapkan_uji(unggahan, oleh, dibaca):
    """Apply ``unggahan`` in one transaction as its kind does (reading and checking the file
    again against the database as it is now), or nothing: BerkasTidakSah when a value has an
    error, DataBerubah when the counts baru / berubah / sama differ from ``dibaca`` (the
    ``ringkasan`` of the dry run the admin read). Returns the Impor."""
    with transaction.atomic():
        impor = JENIS[unggahan.jenis].terapkan(
            unggahan.milik, oleh, bytes(unggahan.data), unggahan.nama_berkas, unggahan.tahun
        )
        if [impor.baru, impor.berubah, impor.sama] != [dibaca.get(k, 0) for k in ("baru", "berubah", "sama")]:
            raise DataBerubah
    return impor


def ringkas(impor):
    return f"Impor #{impor.pk} tersimpan: {impor.baru} baru, {impor.berubah} berubah, {impor.sama} tidak berubah."


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


BELUM_TERSEDIA = ("renja", "riwayat", "sipd")  # kinds of the onboarding issue still to come
PERIODE_TEKS = ["Tahunan", "TW I", "TW II", "TW III", "TW IV"]

PETUNJUK = [
    "Petunjuk pengisian",
    "",
    "1. Isi kolom Realisasi saja. Jangan mengubah kolom ID, Kode dan nama: baris dikenali dari kolom itu.",
    "2. Tahun dan Periode sudah terisi (tahun lalu, Tahunan). Untuk triwulan, salin baris dan ganti Periode (TW I–TW IV).",
    "3. Angka boleh ditulis 1.234.567,89 atau 1,234,567.89. Satuan di dalam sel (mis. '24 Bulan') diperiksa terhadap satuan indikator.",
    "4. Indikator kualitatif diisi teks (mis. Ada, Inovatif). Sel berisi #REF!, #DIV/0! atau rumus ditolak.",
    "5. Sel Realisasi yang kosong dilewati: nilai yang sudah tersimpan tidak dihapus.",
    "6. Unggah berkas di menu Impor. Aplikasi menampilkan setiap baris (baru, berubah, sama, galat) sebelum menyimpan;",
    "   penyimpanan dilakukan sekaligus, atau tidak sama sekali bila ada baris bergalat.",
]


def _lembar(book, title, header, rows, widths):
    """A sheet with a bold header row, ``rows`` below it, column widths and a frozen header."""
    ws = book.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF3")
    for row in rows:
        ws.append(row)
    for index, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    ws.freeze_panes = "A2"
    return ws


def _sheet(book, title, header, rows, widths):
    ws = _lembar(book, title, header, rows, widths)
    periode = header.index("Periode")
    check = DataValidation(type="list", formula1='"' + ",".join(PERIODE_TEKS) + '"', allow_blank=True)
    ws.add_data_validation(check)
    column = get_column_letter(periode + 1)
    check.add(f"{column}2:{column}{max(2, len(rows) + 1)}")
    return ws


def templat(jenis, renja):
    """The template workbook of ``jenis`` for the OPD of ``renja``, realisasi of year n-1."""
    book = Workbook()
    book.remove(book.active)
    tahun = renja.tahun - 1
    if jenis == "kinerja":
        indikator = (
            Indikator.objects.for_opd(renja.opd)
            .filter(tujuan=None, sasaran=None)
            .select_related("sub_kegiatan__nomenklatur", "kegiatan__nomenklatur", "program__nomenklatur")
        )
        rows = sorted(
            (
                [
                    i.pk,
                    i.pemilik.nomenklatur.kode,
                    i.pemilik.nomenklatur.nama,
                    i.nama,
                    i.satuan,
                    i.get_tipe_nilai_display(),
                    tahun,
                    "Tahunan",
                    None,
                    None,
                ]
                for i in indikator
            ),
            key=lambda r: (r[1], r[0]),
        )
        header = [
            "ID Indikator",
            "Kode",
            "Program/Kegiatan/Sub Kegiatan",
            "Indikator",
            "Satuan",
            "Tipe",
            "Tahun",
            "Periode",
            "Realisasi",
            "Catatan",
        ]
        _sheet(book, "Realisasi Kinerja", header, rows, [12, 18, 40, 50, 12, 12, 8, 10, 14, 30])
    else:
        items = renja.sub_kegiatan.select_related("sub_kegiatan__nomenklatur").order_by(
            "sub_kegiatan__nomenklatur__kode"
        )
        rows = [
            [
                i.sub_kegiatan_id,
                i.sub_kegiatan.nomenklatur.kode,
                i.sub_kegiatan.nomenklatur.nama,
                tahun,
                "Tahunan",
                None,
                None,
            ]
            for i in items
        ]
        header = ["ID Sub Kegiatan", "Kode", "Sub Kegiatan", "Tahun", "Periode", "Realisasi (Rp)", "Catatan"]
        _sheet(book, "Realisasi Anggaran", header, rows, [14, 18, 50, 8, 10, 18, 30])
    ws = book.create_sheet("Petunjuk")
    for line in PETUNJUK:
        ws.append([line])
    ws.column_dimensions["A"].width = 120
    return simpan_teks_saja(book)  # its names come from users and imported files


PETUNJUK_PEMDA = {
    "opd": [
        "Petunjuk pengisian daftar Perangkat Daerah",
        "",
        "1. Satu baris per Perangkat Daerah. Kode SKPD, Nama, Singkatan dan Bidang Urusan wajib diisi.",
        "2. Baris dikenali dari Kode SKPD: kode yang sudah ada diperbarui (nama, singkatan, bidang urusan), kode baru dibuat.",
        "3. Bidang Urusan: satu atau lebih kode (mis. 5.01, 5.05) atau nama bidang urusan (pisahkan nama dengan ';').",
        "   Tulis kode sebagai teks: angka 5.10 di Excel terbaca 5.1.",
        "4. Unit Kerja: satu atau lebih, dipisahkan ';' (mis. Sekretariat; Bidang P2EPD). Unit yang belum ada dibuat;",
        "   unit dan Perangkat Daerah yang tidak tercantum tidak dihapus.",
        "5. Kode SKPD dan singkatan tidak boleh dipakai dua kali.",
        "6. Unggah di menu Impor (jenis: Daftar Perangkat Daerah) atau: manage.py impor opd BERKAS --pemda KODE.",
        "   Aplikasi memeriksa setiap baris lebih dulu; penyimpanan sekaligus, atau tidak sama sekali bila ada masalah.",
    ],
    "pengguna": [
        "Petunjuk pengisian daftar pengguna",
        "",
        "1. Satu baris per pengguna. Nama Pengguna, Nama dan Peran wajib diisi; NIP dan Email boleh kosong.",
        "2. Peran: perencana, reviewer atau admin (boleh lebih dari satu, dipisahkan koma).",
        "3. OPD (kode SKPD atau singkatan) wajib untuk perencana; reviewer dan admin berlaku untuk seluruh Pemda.",
        "4. NIP 18 angka, ditulis sebagai teks (angka sepanjang itu terpotong di Excel).",
        "5. Pengguna baru mendapat kata sandi sekali pakai yang ditampilkan SEKALI setelah penyimpanan;",
        "   catat dan sampaikan kepada pemiliknya. Pada saat masuk pertama, ia wajib menggantinya.",
        "6. Pengguna yang sudah ada diperbarui (nama, email, NIP, peran di Pemda ini); kata sandinya tidak diubah.",
        "7. Berkas ini tidak memuat kata sandi; jangan menambahkannya.",
    ],
}
KOLOM_PEMDA = {
    "opd": (impor_opd.KOLOM, impor_opd.baris_templat, [26, 50, 16, 24, 60]),
    "pengguna": (impor_pengguna.KOLOM, impor_pengguna.baris_templat, [22, 36, 22, 30, 22, 16]),
}


def templat_pemda(jenis, pemda):
    """The template workbook of the Pemda kind ``jenis`` ("opd" or "pengguna"), holding what the
    Pemda has now; its texts are written as text (they came from users and files)."""
    kolom, baris, widths = KOLOM_PEMDA[jenis]
    book = Workbook()
    book.remove(book.active)
    ws = _lembar(
        book, "Daftar OPD" if jenis == "opd" else "Daftar Pengguna", [k.label for k in kolom], baris(pemda), widths
    )
    for column in range(1, len(kolom) + 1):  # codes and NIP stay text when typed in Excel
        ws.column_dimensions[get_column_letter(column)].number_format = "@"
        for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "@"
    petunjuk = book.create_sheet("Petunjuk")
    for line in PETUNJUK_PEMDA[jenis]:
        petunjuk.append([line])
    petunjuk.column_dimensions["A"].width = 120
    return simpan_teks_saja(book)


PETUNJUK_RENSTRA = [
    "Petunjuk pengisian Renstra",
    "",
    "1. Satu baris per tujuan, sasaran, program, kegiatan atau sub kegiatan; indikator berikutnya di baris di bawahnya",
    "   (kolom Tujuan, Sasaran dan Kode dikosongkan: baris itu milik yang di atasnya).",
    "2. Kode Permendagri 90 (mis. 5.01.02.2.01.01). Program di bawah sebuah sasaran dikaitkan ke sasaran itu;",
    "   program yang tidak dikaitkan ke sasaran mana pun ditulis sebelum tujuan pertama.",
    "3. Target per tahun periode dan target akhir periode. Angka boleh ditulis 1.234,5 atau 1,234.5; satuan di dalam sel",
    "   (mis. '5 Dokumen', '100%') dibaca. Indikator kualitatif diisi teks.",
    "4. Rp: pagu indikatif sub kegiatan per tahun. Pagu program dan kegiatan hanya diperiksa terhadap jumlah sub",
    "   kegiatannya; yang disimpan hanya pagu sub kegiatan.",
    "5. Tipe (Angka, Persen, Indeks, Kualitatif) dan Sifat (Kumulatif, Non-kumulatif, Rata-rata) boleh dikosongkan:",
    "   aplikasi mengusulkannya beserta alasannya pada pratinjau.",
    "6. Unggah di menu Impor (jenis: Renstra) atau: manage.py impor renstra BERKAS --opd SINGKATAN [--tahun TAHUN_AWAL].",
    "   Renstra yang sudah ditetapkan menolak berkas: mulai Revisi Renstra lebih dulu. Tidak ada yang dihapus oleh berkas.",
]


def templat_renstra(renstra):
    """The Renstra import's template for ``renstra``, holding what it has now (edit and import
    back): programs not under any sasaran first, then each tujuan and sasaran with the programs
    linked to it and their kegiatan and sub kegiatan; a Target and an Rp column per year."""
    from renja.models import PaguRenstra, Program

    tahun = renstra.tahun
    target = {}
    for t in Target.objects.filter(indikator__in=Indikator.objects.for_opd(renstra.opd_id), tahun__in=tahun):
        if t.jenis in (Target.Jenis.RENSTRA, Target.Jenis.AKHIR_RENSTRA):
            target[(t.indikator_id, t.jenis, t.tahun)] = t.nilai if t.nilai is not None else t.nilai_teks
    pagu = {(p.sub_kegiatan_id, p.tahun): p.pagu for p in PaguRenstra.objects.filter(renstra=renstra)}
    rows, ditulis = [], set()

    def tulis(kolom_awal, indikator, node=None):
        first = True
        for ind in indikator or [None]:
            row = [*(kolom_awal if first else [None] * 4)]
            if ind is None:
                row += [None] * 4
            else:
                row += [ind.nama, ind.satuan, ind.tipe_nilai, ind.sifat]
            for t in tahun:
                row += [
                    target.get((ind.pk, Target.Jenis.RENSTRA, t)) if ind else None,
                    pagu.get((node.pk, t)) if first and node is not None else None,
                ]
            row += [target.get((ind.pk, Target.Jenis.AKHIR_RENSTRA, renstra.tahun_akhir)) if ind else None, None]
            rows.append(row)
            first = False

    def pohon(program):
        tulis(
            [None, None, program.nomenklatur.kode, program.nama_alias or program.nomenklatur.nama],
            [] if program.pk in ditulis else list(program.indikator.all()),
        )
        if program.pk in ditulis:
            return
        ditulis.add(program.pk)
        for keg in program.kegiatan.all():
            tulis([None, None, keg.nomenklatur.kode, keg.nama_alias or keg.nomenklatur.nama], list(keg.indikator.all()))
            for sub in keg.sub_kegiatan.all():
                tulis(
                    [None, None, sub.nomenklatur.kode, sub.nama_alias or sub.nomenklatur.nama],
                    list(sub.indikator.all()),
                    sub,
                )

    programs = (
        Program.objects.filter(opd=renstra.opd_id)
        .select_related("nomenklatur")
        .prefetch_related(
            "indikator",
            "kegiatan__nomenklatur",
            "kegiatan__indikator",
            "kegiatan__sub_kegiatan__nomenklatur",
            "kegiatan__sub_kegiatan__indikator",
        )
        .order_by("nomenklatur__kode")
    )
    programs = {p.pk: p for p in programs}
    linked = set(
        Sasaran.program.through.objects.filter(sasaran__tujuan__renstra=renstra).values_list("program_id", flat=True)
    )
    for program in programs.values():
        if program.pk not in linked:
            pohon(program)
    for tujuan in renstra.tujuan.prefetch_related("indikator", "sasaran__indikator", "sasaran__program").order_by(
        "nomor"
    ):
        tulis([f"{tujuan.nomor}. {tujuan.uraian}", None, None, None], list(tujuan.indikator.all()))
        for sasaran in tujuan.sasaran.all():
            tulis([None, f"{sasaran.nomor} {sasaran.uraian}", None, None], list(sasaran.indikator.all()))
            for program in sorted(sasaran.program.all(), key=lambda p: p.nomenklatur_id):
                pohon(programs[program.pk])
    book = Workbook()
    ws = book.active
    ws.title = "Renstra"
    ws.append([f"RENCANA PROGRAM, KEGIATAN DAN PENDANAAN {renstra}"])
    kiri = ["Tujuan", "Sasaran", "Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator", "Satuan", "Tipe", "Sifat"]
    ws.append([*kiri, *(x for t in tahun for x in (t, None)), "Kondisi Kinerja pada Akhir Periode", None])
    ws.append([None] * len(kiri) + ["Target", "Rp"] * (len(tahun) + 1))
    for row in rows:
        ws.append(row)
    for col in range(1, len(kiri) + 1):
        ws.merge_cells(start_row=2, end_row=3, start_column=col, end_column=col)
    for i in range(len(tahun) + 1):
        col = len(kiri) + 1 + 2 * i
        ws.merge_cells(start_row=2, end_row=2, start_column=col, end_column=col + 1)
    for cell in [*ws[2], *ws[3]]:
        cell.font = Font(bold=True)
    for index, width in enumerate([40, 40, 18, 50, 50, 12, 10, 14]):
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    ws.freeze_panes = "E4"
    petunjuk = book.create_sheet("Petunjuk")
    for line in PETUNJUK_RENSTRA:
        petunjuk.append([line])
    petunjuk.column_dimensions["A"].width = 120
    return simpan_teks_saja(book)
