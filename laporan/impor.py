"""The kinds of realisasi import the app offers (page and command), and the template workbooks
an OPD fills in: one row per indicator or sub kegiatan of its Renja, codes and names filled."""

from dataclasses import dataclass
from functools import partial

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from anggaran.impor import ANGGARAN
from evaluasi.impor import KINERJA
from evaluasi.monev import kunci_impor
from renja import impor, ranwal
from renja.berkas import simpan_teks_saja
from renja.models import Indikator


@dataclass(frozen=True)
class JenisBerkas:
    """A kind of file the import page and command take: its dry run and its apply."""

    judul: str
    periksa: object  # (opd, data, nama_berkas, tahun) → HasilImpor
    terapkan: object  # (opd, user, data, nama_berkas, tahun) → Impor


JENIS = {  # a triwulan locked by monev (evaluasi.monev) refuses its values
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
}
JUDUL_JENIS = {key: jenis.judul for key, jenis in JENIS.items()}
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


def _sheet(book, title, header, rows, widths):
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
