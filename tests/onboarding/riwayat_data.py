"""Tabel 2.1 files for the riwayat import tests, laid out as the seeds print them: a title above,
a two-row header with the groups merged, the regulation's number row, the satuan in a column of
its own in front of kolom 4, 6, 7 and 9 (merged under the same header), continuation rows
without a code.

BAP rows are the spec's check cases C-01…C-10 (spec §5: inputs 4, 5, 6, 7, 9 and what the seed
printed in 8, 10, 11), with their codes and names as printed in the Bappeda Kota Serang Renja
2022 (Tabel 2.1). SET rows are built like the Sekretariat Daerah's Tabel 2.1 (spec §3.4): the
local pre-Permendagri-90 codes, `4001,01` with a comma, and programs 19 and 20.
"""

from renja.models import Nomenklatur, PerangkatDaerah, Renstra
from tests.pembantu import xlsx

JUDUL = [
    ["Tabel. 2.1"],
    [
        "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian Renstra Perangkat Daerah s/d Tahun 2021"
    ],
    ["Nama OPD : Badan Perencanaan Pembangunan Daerah"],
    [],
]
# columns: A kode, B nama, C indikator, D-E kolom 4 (satuan, nilai), F kolom 5, G-H kolom 6, I-J kolom 7,
# K kolom 8, L-M kolom 9, N kolom 10, O kolom 11
KEPALA = [
    [
        "Kode Rekening",
        "Urusan/Bidang Urusan Pemerintahan Daerah Dan Program/Kegiatan",
        "Indikator Kinerja Program (outcomes)/Kegiatan (output)",
        "Target Kinerja pada akhir renstra Perangkat Daerah Tahun 2018-2023",
        None,
        "Realisasi Kinerja Program dan Kegiatan Tahun 2019 (n-3)",
        "Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (2020)",
        None,
        None,
        None,
        None,
        "Target program dan kegiatan Renja Perangkat Daerah Tahun Berjalan (2021)",
        None,
        "Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d tahun berjalan (2021)",
        None,
    ],
    [
        None,
        None,
        None,
        None,
        None,
        None,
        "Target Renja Perangkat Daerah tahun 2020",
        None,
        "Realisasi Renja Perangkat Daerah tahun 2020",
        None,
        "Tingkat Realisasi (%)",
        None,
        None,
        "Realisasi Capaian Program dan Kegiatan s/d tahun berjalan (tahun 2021)",
        "Tingkat Capaian Realisasi Target Renstra s/d tahun berjalan (2021) (%)",
    ],
    ["1", "2", "3", "4", None, "5", "6", None, "7", None, "8=(7/6x100)", "9", None, "10=(5+7+9)", "11=(10/4x100)"],
]
# header at rows 5-6, number row 7 (1-based); merges as the printed table
MERGE = [
    "A5:A6",
    "B5:B6",
    "C5:C6",
    "D5:E6",
    "F5:F6",
    "G5:K5",
    "G6:H6",
    "I6:J6",
    "L5:M6",
    "N5:O5",
    "D7:E7",
    "G7:H7",
    "I7:J7",
    "L7:M7",
]
PERTAMA = len(JUDUL) + len(KEPALA) + 1  # the first data row's number


def baris(kode, nama, indikator, satuan, k4, k5, k6, k7, k8, k9, k10, k11):
    return [kode, nama, indikator, satuan, k4, k5, satuan, k6, satuan, k7, k8, satuan, k9, k10, k11]


# (id, code as printed, name as printed, indicator, satuan, 4, 5, 6, 7, 9, printed 8, 10, 11)
BAP = [
    ("C-06", "5.1.2", "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
     "Tingkat keselarasan dokumen perencanaan OPD (RENJA PD) terhadap perencanaan dokumen perencanaan daerah (RKPD)",
     "%", "100", "100", "100", "100", "100", None, "300", "300"),
    ("C-05", "5.1.2.2.01.01", "Analisis Kondisi Daerah, Permasalahan, dan Isu Strategis Pembangunan Daerah",
     "Dokumen analisis kondisi daerah, permasalahan, dan isu strategis pembangunan daerah",
     "Dokumen", "3", "0", "0", "0", "1", "0", "1", "33"),
    ("C-01", "5.1.2.2.01.03", "Pelaksanaan Konsultasi Publik", "Kegiatan Penyelenggaraan FKP",
     "Kegiatan", "5", "1", "1", "1", "1", "100", "3", "60"),
    ("C-04", "5.1.2.2.01.07", "Koordinasi Penyusunan dan Penetapan Dokumen Perencanaan Pembangunan Daerah Kabupaten/Kota",
     "Jumlah Peserta BinteK Penyusunan Dokumen Perangkat Daerah", "Orang", "140", "70", "70", "70", "0", "0", "140", "100"),
    ("C-03", "5.1.2.2.03.03", "Monitoring, Evaluasi dan Penyusunan Laporan Berkala Pelaksanaan Pembangunan Daerah",
     "Dokumen Evaluasi RKPD", "Dokumen", "16", "4", "3", "3", "3", "100", "10", "63"),
    ("C-02", "5.1.3.2.01.01", "Koordinasi Penyusunan Dokumen Perencanaan Pembangunan Daerah Bidang Pemerintahan (RPJPD, RPJMD dan RKPDP)",
     "BA Hasil Rakorbid Pemerintahan", "Dokumen", "7", "3", "1", "1", "1", "100", "5", "71"),
    ("C-07", "5.5.2", "Program Penelitian dan Pengembangan Daerah",
     "Persentase Dokumen Kelitbangan yang Dipublikasikan", "%", "90", "70", "80", "80", "80", "100", "230", "256"),
    ("BAP:582", "5.01.01.2.02.07", "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD",
     "Dokumen laporan keuangan bulanan, Dokumen triwulanan dan semesteran", "Dokumen", "15", "2", "2", "2", "3",
     "100", "7", "47"),
    ("C-08", None, None, "Jumlah THL Keuangan yang terbayar", "Bulan", "12", "12", "12", "12", "12", "100", "36", "300"),
    ("C-09", "5.01.01.2.05.10", "Sosialisasi Peraturan Perundang-Undangan",
     "Jumlah peserta sosialisasi Peraturan Perundang-Undangan", "Pegawai", "205", "40", "0", "0", "55", "0", "95", "46"),
    ("C-10", "5.01.01.2.09.06", "Pemeliharaan Peralatan dan Mesin Lainnya",
     "Jumlah Pemeliharaan peralatan kantor", "Bulan", "520", "98", "98", "98", "103", "100", "299", "58"),
]  # fmt: skip
# spec §5, worked by hand: expected 8, 10, 11 (None: undefined) and the sifat
HARAPAN = {
    "C-01": ("kumulatif", "100.00", "3", "60.00"),
    "C-02": ("kumulatif", "100.00", "5", "71.43"),
    "C-03": ("kumulatif", "100.00", "10", "62.50"),
    "C-04": ("kumulatif", "100.00", "140", "100.00"),
    "C-05": ("kumulatif", None, "1", "33.33"),
    "C-06": ("non_kumulatif", "100.00", "100", "100.00"),
    "C-07": ("non_kumulatif", "100.00", "80", "88.89"),
    "C-08": ("non_kumulatif", "100.00", "12", "100.00"),
    "C-09": ("kumulatif", None, "95", "46.34"),
    "C-10": ("kumulatif", "100.00", "299", "57.50"),
    "BAP:582": ("kumulatif", "100.00", "7", "46.67"),  # 15 ≥ 2 + 3; 7 / 15 = 46,666…
}


def baris_bap(ubah=None):
    rows = []
    for case in BAP:
        _, kode, nama, ind, satuan, k4, k5, k6, k7, k9, p8, p10, p11 = case
        rows.append(baris(kode, nama, ind, satuan, k4, k5, k6, k7, p8, k9, p10, p11))
    if ubah:
        ubah(rows)
    return rows


def berkas(rows, judul=JUDUL, kepala=KEPALA, merge=MERGE):
    return xlsx([*judul, *kepala, *rows], merge=merge)


SET = [
    baris("4001,01", "Program Pelayanan Administrasi Perkantoran", "Persentase pelayanan administrasi perkantoran",
          "%", "100", "100", "100", "100", "100", "100", "300", "300"),
    baris("4001.400101.01.001", "Penyediaan Jasa Surat Menyurat", "Jumlah surat dinas yang terkirim",
          "Surat", "3000", "1200", "600", "600", "100", "600", "2400", "80"),
    baris(None, None, "Jumlah bulan layanan jasa surat menyurat", "Bulan", "60", "24", "12", "12", "100", "12",
          "48", "80"),
    baris("4001.400101.19", "Program Pembinaan dan Pengembangan Aparatur", "Persentase aparatur yang mengikuti diklat",
          "%", "80", "60", "70", "65", "93", "75", "75", "94"),
    baris("4001.400101.19.001", "Pendidikan dan Pelatihan Formal", "Jumlah peserta diklat formal",
          "Orang", "250", "100", "50", "45", "90", "50", "195", "78"),
    baris("4001.400101.20", "Program Peningkatan Kelembagaan", "Persentase perangkat daerah yang tertata kelembagaannya",
          "%", "100", "60", "80", "80", "100", "90", "90", "90"),
    baris("4001.400101.20.001", "Penataan Kelembagaan Perangkat Daerah", "Jumlah dokumen penataan kelembagaan",
          "Dokumen", "10", "4", "2", "2", "100", "2", "8", "80"),
]  # fmt: skip
SET_GANDA = [  # the seed's defect: 4001.400101.20.001 under program 19 as well, for another kegiatan
    *SET[:5],
    baris("4001.400101.20.001", "Fasilitasi Penyusunan Analisis Jabatan", "Jumlah dokumen analisis jabatan",
          "Dokumen", "5", "2", "1", "1", "100", "1", "4", "80"),
    *SET[5:],
]  # fmt: skip


def opd_baru(pemda, singkatan="BAPPEDA", kode="5.01.5.05.0.00.01.0000", bidang=("5.01", "5.05"), awal=2018):
    """An OPD of the new Pemda with a Renstra 2018-2023 (no Renja yet)."""
    opd = PerangkatDaerah.objects.create(pemda=pemda, kode=kode, nama=f"OPD {singkatan}", singkatan=singkatan)
    opd.bidang_urusan.set(Nomenklatur.objects.filter(versi=pemda.nomenklatur_versi, kode__in=bidang))
    Renstra.objects.create(opd=opd, tahun_awal=awal, tahun_akhir=awal + 5)
    return opd
