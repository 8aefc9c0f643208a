"""The template workbooks of the import kinds (``laporan.impor``): for a Renja, one row per
indicator or sub kegiatan, codes and names filled, with a Petunjuk sheet; for a Pemda, its list
of OPDs or of users as it stands (edit and import back)."""

from django.db.models import Q
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from anggaran.models import RealisasiAnggaran
from evaluasi.impor import KINERJA
from evaluasi.models import PenjelasanTriwulan, RealisasiKinerja
from evaluasi.monev import ROMAWI, TRIWULAN
from evaluasi.rekap import rekap_tc29
from laporan.impor import tempat_tampil
from renja import impor_opd, impor_pengguna
from renja.berkas import simpan_teks_saja
from renja.models import Indikator, Sasaran, Target, Tujuan
from renja.sifat import teks_polaritas, teks_skala
from renja.teks import kunci_nomor

TW_TEKS = [f"TW {ROMAWI[p]}" for p in TRIWULAN]


def petunjuk(jenis, renja, tahun):
    """The Petunjuk sheet of a realisasi template of ``renja`` for year ``tahun``: how to fill
    it, which year it is and where its values appear."""
    n = renja.tahun
    lines = [
        f"Petunjuk pengisian realisasi {'kinerja' if jenis == 'kinerja' else 'anggaran'} tahun {tahun}",
        "",
        "1. Jangan mengubah kolom ID, Kode dan nama: baris dikenali dari kolom itu.",
        f"2. Isi kolom 'Realisasi {tahun} TW I' s/d 'TW IV': realisasi setiap triwulan tahun {tahun}. Nilai yang sudah",
        "   tersimpan (diisi di halaman Monev atau diimpor sebelumnya) sudah tercantum; unggah kembali tanpa perubahan = semua 'sama'.",
        "   Indikator kumulatif: isi tambahan pada triwulan itu; non-kumulatif: posisi pada akhir triwulan; rupiah: realisasi triwulan itu.",
        "3. Angka boleh ditulis 1.234.567,89 atau 1,234,567.89. Satuan di dalam sel (mis. '24 Bulan') diperiksa terhadap satuan indikator.",
        "4. Indikator kualitatif diisi teks (mis. Ada, Inovatif). Sel berisi #REF!, #DIV/0! atau rumus ditolak.",
        "5. Sel yang kosong dilewati: nilai atau penjelasan yang sudah tersimpan tidak dihapus.",
    ]
    if jenis == "kinerja":
        lines += [
            "6. Penjelasan per triwulan ada pada lembar 'Penjelasan TW I' s/d 'Penjelasan TW IV' (satu baris per indikator):",
            "   Faktor Pendorong, Faktor Penghambat, Tindak Lanjut Triwulan Berikutnya dan Tindak Lanjut Renja Berikutnya.",
            "   Kolom Tahun dan Periode lembar itu menentukan triwulannya; jangan diubah. Penjelasan sama dengan yang diisi di",
            "   halaman Monev: tercetak di bawah formulir evaluasi triwulan itu, dan Faktor Pendorong, Faktor Penghambat",
            f"   serta Tindak Lanjut Renja Berikutnya tampil pada Bab II Renja {tahun + 1}. Paling banyak 2000 huruf per sel.",
        ]
    lines += [
        "",
        f"Tahun {tahun}: "
        + (
            f"monev Renja {n} yang sedang berjalan (templat tahun Renja)."
            if tahun == n
            else f"tahun sebelum Renja {n}, yang dievaluasi Renja {n} (formulir evaluasi dan Tabel 2.1 Renja {n})."
        ),
        "Formulir Evaluasi terhadap Hasil Renja pada halaman Renja n menilai tahun n-1; maka nilai tahun ini tampil pada:",
        *(f"- {line.split(': ', 1)[1]}" for line in tempat_tampil(jenis, tahun)),
        "Triwulan yang sudah diajukan, diverifikasi atau ditutup jadwalnya tidak dapat diimpor (seluruh berkas ditolak).",
        "",
        "Unggah berkas di menu Impor. Aplikasi menampilkan setiap nilai (baru, berubah, sama, kosong, galat) sebelum menyimpan;",
        "penyimpanan dilakukan sekaligus, atau tidak sama sekali bila ada nilai bergalat.",
        "Berkas lama bertata letak tahunan (kolom Tahun, Periode dan Realisasi) tetap diterima.",
    ]
    return lines


PETUNJUK_POLARITAS = [  # the Polaritas column of the Renja, Renstra and Tabel 2.1 templates
    "   Polaritas: Positif (makin tinggi makin baik), Negatif (rasio terbalik) atau Negatif (selisih) untuk indikator",
    "   yang makin rendah makin baik (mis. angka kemiskinan, persentase kasus). Capaian indikator negatif dihitung",
    "   target / realisasi × 100 (rasio terbalik) atau (2 × target − realisasi) / target × 100 (selisih); maka",
    "   'Negatif' saja ditolak: tulis metodenya. Kosong: indikator baru positif, indikator tersimpan tetap polaritasnya.",
]
PETUNJUK_SKALA = [  # the Skala Kategori column of the Renja and Renstra templates
    "   Skala Kategori: untuk indikator bertipe Kategori (berjenjang), tingkatnya dari rendah ke tinggi dipisah '<'",
    "   (mis. 'Kurang Inovatif < Inovatif < Sangat Inovatif'); targetnya harus salah satu tingkat itu. Kosong: skala",
    "   tersimpan tetap. Tipe lain: kosongkan.",
]
PETUNJUK_RIWAYAT = [
    "Petunjuk pengisian riwayat Tabel 2.1 (T-C.29)",
    "",
    "1. Satu baris per indikator. Kode dan nama program/kegiatan/sub kegiatan cukup pada baris indikator pertamanya.",
    "2. Kode Permendagri 90 (5.01.02, boleh tanpa nol: 5.1.2) atau kode lama Renstra sebelum Permendagri 90",
    "   (4001,01; 4001.400101.01.001) ditulis seperti dalam Renstra; kode lama dicetak di Tabel 2.1 seperti tertulis.",
    "   Kode lama di bawah program lama di atasnya adalah kegiatannya.",
    "3. Isi kolom 4 (target akhir Renstra), 5 (realisasi s/d n-3), 6 dan 7 (target dan realisasi n-2), 9 (target n-1).",
    "   Kolom 8, 10 dan 11 dihitung aplikasi menurut sifat indikator; angka di berkas hanya dibandingkan.",
    "4. Sifat (Kumulatif, Non-kumulatif, Rata-rata) untuk indikator baru; kosong: diusulkan aplikasi dan disebut di pratinjau.",
    *PETUNJUK_POLARITAS,
    "   Untuk indikator yang sudah ada, Sifat dan Polaritas tersimpan yang dipakai (ubah di ruang kerja).",
    "5. Indikator dipadankan dengan indikator yang ada hanya bila namanya sama (huruf besar/kecil dan spasi diabaikan);",
    "   selain itu dibuat indikator riwayat tanpa target Renja n, yang tidak tampil di T-C.31 dan T-C.33.",
    "6. Angka boleh ditulis 1.234,5 atau 1,234.5; satuan di dalam sel ('5 Dokumen', '100%') diperiksa.",
    "   Sel berisi #REF! atau rumus ditolak. Sel kosong dilewati: nilai tersimpan tidak dihapus.",
    "7. Unggah di menu Impor (jenis: Riwayat Tabel 2.1, tahun Renja n) atau:",
    "   manage.py impor riwayat BERKAS --opd SINGKATAN --tahun N. Penyimpanan sekaligus, atau tidak sama sekali.",
]


def _riwayat(renja):
    """Header, rows and widths of the Tabel 2.1 template of ``renja``: every indicator Tabel 2.1
    shows now with its figures (kolom 5 as the app derives it), then the Renja's other program,
    kegiatan and sub kegiatan indicators with empty values; the number row under the header."""
    n, awal, akhir = renja.tahun, renja.renstra.tahun_awal, renja.renstra.tahun_akhir
    header = [
        "Kode",
        "Urusan/Bidang Urusan dan Program/Kegiatan/Sub Kegiatan",
        "Indikator",
        "Satuan",
        "Sifat",
        "Polaritas",
        f"Target Kinerja akhir Renstra Tahun {awal}-{akhir}",
        f"Realisasi s/d Tahun {n - 3}",
        f"Target Renja Tahun {n - 2}",
        f"Realisasi Renja Tahun {n - 2}",
        "Tingkat Realisasi (%)",
        f"Target Renja Tahun Berjalan {n - 1}",
        f"Realisasi Capaian s/d Tahun Berjalan {n - 1}",
        f"Tingkat Capaian Realisasi Target Renstra s/d {n - 1} (%)",
    ]
    nomor = ["1", "2", "3", None, None, None, "4", "5", "6", "7", "8=(7/6x100)", "9", "10=(5+7+9)", "11=(10/4x100)"]
    rows, seen, previous = [nomor], set(), None
    daftar = [
        (r.indikator, r.kode, (r.kolom_4, r.kolom_5.nilai_atau_teks, r.kolom_6, r.kolom_7, r.kolom_9))
        for r in rekap_tc29(renja)
    ]
    lain = Indikator.objects.for_renja(renja).filter(tujuan=None, sasaran=None).with_nilai()
    daftar += sorted(
        ((i, i.pemilik.nomenklatur.kode, (None,) * 5) for i in lain), key=lambda d: (d[1], d[0].urutan, d[0].pk)
    )
    for ind, kode, (k4, k5, k6, k7, k9) in daftar:
        if ind.pk in seen:
            continue
        seen.add(ind.pk)
        node = ind.pemilik
        first = (kode, node.pk) != previous
        previous = (kode, node.pk)
        sifat = ind.get_sifat_display().split(" (")[0]
        rows.append(
            [
                kode if first else None,
                node.nama if first else None,
                ind.nama,
                ind.satuan,
                sifat,
                teks_polaritas(ind.polaritas, ind.metode_negatif),
                k4,
                k5,
                k6,
                k7,
                None,
                k9,
                None,
                None,
            ]
        )
    return header, rows, [18, 40, 50, 12, 14, 22, 14, 14, 12, 12, 10, 12, 12, 12]


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


def _isi(r):
    """A stored realisasi as the template writes it: the number, or the text."""
    if r is None:
        return None
    return r.nilai if r.nilai is not None else (r.nilai_teks or None)


def _per_triwulan(model, fk, ids, tahun):
    """{(subject pk, periode): stored row} of year ``tahun``'s triwulan (1 query)."""
    rows = model.objects.filter(**{f"{fk}__in": ids}, tahun=tahun, periode__in=TRIWULAN)
    return {(getattr(r, f"{fk}_id"), r.periode): r for r in rows}


def templat(jenis, renja, tahun=None):
    """The template workbook of ``jenis`` for the OPD of ``renja``: one row per indicator (or
    sub kegiatan) with its realisasi of year ``tahun`` (default the Renja's year n, its monev;
    n-1 for the year Renja n evaluates) in the columns "Realisasi <tahun> TW I … TW IV", filled
    with what is stored; for kinerja one sheet of explanations per triwulan. Imports back."""
    book = Workbook()
    book.remove(book.active)
    if jenis == "riwayat":
        return _templat_riwayat(book, renja)
    tahun = tahun or renja.tahun
    tw = [f"Realisasi {tahun} {t}" for t in TW_TEKS]
    if jenis == "kinerja":
        indikator = sorted(
            Indikator.objects.for_opd(renja.opd)
            .filter(tujuan=None, sasaran=None)
            .select_related("sub_kegiatan__nomenklatur", "kegiatan__nomenklatur", "program__nomenklatur"),
            key=lambda i: (i.pemilik.nomenklatur.kode, i.pk),
        )
        ids = [i.pk for i in indikator]
        stored = _per_triwulan(RealisasiKinerja, "indikator", ids, tahun)
        rows = [
            [
                i.pk,
                i.pemilik.nomenklatur.kode,
                i.pemilik.nomenklatur.nama,
                i.nama,
                i.satuan,
                i.get_tipe_nilai_display(),
                *(_isi(stored.get((i.pk, p))) for p in TRIWULAN),
                None,
            ]
            for i in indikator
        ]
        header = [
            "ID Indikator",
            "Kode",
            "Program/Kegiatan/Sub Kegiatan",
            "Indikator",
            "Satuan",
            "Tipe",
            *tw,
            "Catatan",
        ]
        _lembar(book, "Realisasi Kinerja", header, rows, [12, 18, 40, 50, 12, 12, 14, 14, 14, 14, 30])
        penjelasan = _per_triwulan(PenjelasanTriwulan, "indikator", ids, tahun)
        fields = [k.kunci for k in KINERJA.teks]
        for periode, teks_tw in zip(TRIWULAN, TW_TEKS, strict=True):
            rows = [
                [
                    i.pk,
                    i.pemilik.nomenklatur.kode,
                    i.pemilik.nomenklatur.nama,
                    i.nama,
                    tahun,
                    teks_tw,
                    *(getattr(penjelasan.get((i.pk, periode)), f, "") or None for f in fields),
                ]
                for i in indikator
            ]
            header = ["ID Indikator", "Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator", "Tahun", "Periode"]
            header += [k.label for k in KINERJA.teks]
            ws = _lembar(book, f"Penjelasan {teks_tw}", header, rows, [12, 18, 40, 50, 8, 10, 40, 40, 40, 40])
            check = DataValidation(type="list", formula1='"' + ",".join(TW_TEKS) + '"', allow_blank=True)
            ws.add_data_validation(check)
            check.add(f"F2:F{max(2, len(rows) + 1)}")
    else:
        items = renja.sub_kegiatan.select_related("sub_kegiatan__nomenklatur").order_by(
            "sub_kegiatan__nomenklatur__kode"
        )
        stored = _per_triwulan(RealisasiAnggaran, "sub_kegiatan", [i.sub_kegiatan_id for i in items], tahun)
        rows = [
            [
                i.sub_kegiatan_id,
                i.sub_kegiatan.nomenklatur.kode,
                i.sub_kegiatan.nomenklatur.nama,
                *(_isi(stored.get((i.sub_kegiatan_id, p))) for p in TRIWULAN),
                None,
            ]
            for i in items
        ]
        header = ["ID Sub Kegiatan", "Kode", "Sub Kegiatan", *(f"{t} (Rp)" for t in tw), "Catatan"]
        _lembar(book, "Realisasi Anggaran", header, rows, [14, 18, 50, 20, 20, 20, 20, 30])
    return dengan_petunjuk(book, petunjuk(jenis, renja, tahun))  # names and explanations came from users and files


def _templat_riwayat(book, renja):
    """The Tabel 2.1 template of ``renja``: every indicator of its Tabel 2.1 with what is stored
    (kolom 4, 5, 6, 7, 9)."""
    _lembar(book, "Tabel 2.1", *_riwayat(renja))
    return dengan_petunjuk(book, PETUNJUK_RIWAYAT)


def dengan_petunjuk(book, lines):
    """The bytes of ``book`` with its sheet "Petunjuk" (``lines``), every text written as text:
    a template's names came from users and imported files."""
    ws = book.create_sheet("Petunjuk")
    for line in lines:
        ws.append([line])
    ws.column_dimensions["A"].width = 120
    return simpan_teks_saja(book)


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
    return dengan_petunjuk(book, PETUNJUK_PEMDA[jenis])


DEFINISI = [
    "Satuan",
    "Tipe",
    "Sifat",
    "Polaritas",
    "Skala Kategori",
]  # an indicator's, in the Renja and Renstra templates
KEPALA_RENJA = [
    "Tujuan",
    "Sasaran",
    "Indikator Tujuan/Sasaran",
    "Kode",
    "Program/Kegiatan/Sub Kegiatan",
    "Indikator",
    *DEFINISI,
    "Lokasi",
    "Target {n}",
    "Pagu Indikatif {n} (Rp)",
    "Sumber Dana",
    "Catatan Penting",
    "Prakiraan Maju Target {n1}",
    "Prakiraan Maju Pagu {n1} (Rp)",
    "Penanggung Jawab",
]
PETUNJUK_RENJA = [
    "Petunjuk pengisian Renja tahun n (T-C.33)",
    "",
    "1. Satu baris per program, kegiatan atau sub kegiatan (kolom Kode), dan satu baris tambahan tanpa kode untuk",
    "   setiap indikator berikutnya dari simpul di atasnya. Kode Permendagri 90 ditulis sebagai teks (mis. 5.01.02.2.01.01).",
    "   Tujuan dan sasaran Renstra (kolom Tujuan, Sasaran; indikatornya di kolom Indikator Tujuan/Sasaran) dengan target",
    "   tahun n dan n+1; program di bawah sebuah sasaran dikaitkan ke sasaran itu, program lain ditulis sebelum tujuan.",
    "2. Pagu, sumber dana, lokasi, catatan penting dan penanggung jawab hanya disimpan untuk sub kegiatan.",
    "   Pagu program dan kegiatan dihitung aplikasi; angka yang tercetak di berkas hanya diperiksa.",
    "3. Target boleh ditulis dengan satuannya (mis. '5 Dokumen', '100%'); angka 1.234.567,89 atau 1,234,567.89.",
    "4. Tipe (Angka, Persen, Indeks, Kualitatif, Kategori) dan Sifat (Kumulatif, Non-kumulatif, Rata-rata) boleh",
    "   dikosongkan: aplikasi mengusulkannya dan menyebut alasannya di pratinjau (Kategori tidak pernah diusulkan).",
    *PETUNJUK_POLARITAS,
    *PETUNJUK_SKALA,
    "5. Berkas juga boleh berupa formulir T-C.33 Permendagri 86/2017, tata letak Tujuan–Sasaran–Program dari dokumen",
    "   Renja, atau laporan Renja SIPD-RI: kolom dikenali dari judulnya; kolom yang tidak diambil disebut di pratinjau.",
    "6. Sumber dana yang belum ada di daftar Pemda ditambahkan; unit kerja penanggung jawab yang belum ada dibuat.",
    "7. Unggah di menu Impor (jenis: Renja tahun n) atau: manage.py impor renja BERKAS --opd OPD --tahun N.",
    "   Penyimpanan sekaligus, atau tidak sama sekali bila ada baris bergalat. Tidak ada yang dihapus.",
]


SIFAT_TEKS = {"kumulatif": "Kumulatif", "non_kumulatif": "Non-kumulatif", "rata_rata": "Rata-rata"}


def templat_renja(renja):
    """The Renja of ``renja`` as the template of the renja kind, in the extended layout (spec
    §2.6.2): the programs not under a sasaran first, then each tujuan and sasaran of its Renstra
    with their indicators (targets n and n+1), each sasaran followed by its programs; under each
    program its kegiatan and sub kegiatan; one row per node (in the document's own wording,
    ``nama_alias``, where it has one) and per further indicator, to edit and import back (its
    texts written as text). A program under two sasaran is written under the first."""
    n = renja.tahun
    indikator = {}
    owners = Indikator.objects.for_renja(renja) | Indikator.objects.filter(
        Q(tujuan__renstra=renja.renstra) | Q(sasaran__tujuan__renstra=renja.renstra)
    )
    for ind in owners.prefetch_related("target").order_by("urutan", "pk"):
        indikator.setdefault((ind.level, getattr(ind, f"{ind.level}_id")), []).append(ind)
    items = {i.sub_kegiatan_id: i for i in renja.sub_kegiatan.select_related("sumber_dana", "penanggung_jawab")}
    nodes = renja.nodes()
    pohon = {}  # program id → its rows' nodes in code order
    program = {p.pk: p for p in nodes["program"].select_related("nomenklatur")}
    for level in ("kegiatan", "sub_kegiatan"):
        for obj in nodes[level].select_related("nomenklatur", *(["kegiatan"] if level == "sub_kegiatan" else [])):
            pid = obj.program_id if level == "kegiatan" else obj.kegiatan.program_id
            pohon.setdefault(pid, []).append((level, obj))
    tujuan = sorted(Tujuan.objects.filter(renstra=renja.renstra), key=lambda t: kunci_nomor(t.nomor))
    sasaran = sorted(
        Sasaran.objects.filter(tujuan__renstra=renja.renstra).prefetch_related("program"),
        key=lambda x: kunci_nomor(x.nomor),
    )
    ditulis = set()

    def baris_indikator(level, obj, awal, item=None):
        """The rows of a node: ``awal`` (its first cells) with its first indicator, then one row
        per further indicator."""
        ts = level in ("tujuan", "sasaran")
        out = []
        for index, ind in enumerate(indikator.get((level, obj.pk)) or [None]):
            t = {(x.jenis, x.tahun): x.isi for x in ind.target.all()} if ind else {}
            row = list(awal) if index == 0 else [None] * 5
            nama = ind and ind.nama
            if ts:
                row[2] = nama  # Indikator Tujuan/Sasaran
            kategori = ind and ind.tipe_nilai == Indikator.TipeNilai.KATEGORI
            row.append(None if ts else nama)
            row += [ind and ind.satuan, ind and ind.get_tipe_nilai_display(), ind and SIFAT_TEKS[ind.sifat]]
            row.append(ind and teks_polaritas(ind.polaritas, ind.metode_negatif))
            row.append(teks_skala(ind.skala_kategori) if kategori else None)
            row += [item and item.lokasi, t.get(("renja", n)), item and item.pagu if index == 0 else None]
            row += [item and item.sumber_dana and item.sumber_dana.nama, item and item.catatan_penting]
            row += [t.get(("prakiraan_maju", n + 1)), item and item.pagu_maju if index == 0 else None]
            row += [item and item.penanggung_jawab and str(item.penanggung_jawab)]
            out.append(row)
        return out

    def baris_program(p):
        ditulis.add(p.pk)
        out = baris_indikator("program", p, [None, None, None, p.nomenklatur.kode, p.nama_alias or p.nomenklatur.nama])
        for level, obj in sorted(pohon.get(p.pk, []), key=lambda x: x[1].nomenklatur.kode):
            awal = [None, None, None, obj.nomenklatur.kode, obj.nama_alias or obj.nomenklatur.nama]
            out += baris_indikator(level, obj, awal, items.get(obj.pk) if level == "sub_kegiatan" else None)
        return out

    di_sasaran = {p.pk for s in sasaran for p in s.program.all()}
    rows = []
    for p in sorted(program.values(), key=lambda p: p.nomenklatur.kode):
        if p.pk not in di_sasaran:
            rows += baris_program(p)
    for t in tujuan:
        rows += baris_indikator("tujuan", t, [f"{t.nomor} {t.uraian}", None, None, None, None])
        for s in (s for s in sasaran if s.tujuan_id == t.pk):
            rows += baris_indikator("sasaran", s, [None, f"{s.nomor} {s.uraian}", None, None, None])
            for p in sorted(
                (program[x.pk] for x in s.program.all() if x.pk in program), key=lambda p: p.nomenklatur.kode
            ):
                if p.pk not in ditulis:
                    rows += baris_program(p)
    book = Workbook()
    book.remove(book.active)
    header = [h.format(n=n, n1=n + 1) for h in KEPALA_RENJA]
    widths = [30, 30, 40, 18, 50, 50, 12, 12, 16, 22, 30, 20, 12, 18, 24, 30, 12, 18, 26]
    ws = _lembar(book, f"Renja {n}", header, rows, widths)
    for (cell,) in ws.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.number_format = "@"  # codes stay text when typed in Excel
    return dengan_petunjuk(book, PETUNJUK_RENJA)


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
    "5. Tipe (Angka, Persen, Indeks, Kualitatif, Kategori) dan Sifat (Kumulatif, Non-kumulatif, Rata-rata) boleh",
    "   dikosongkan: aplikasi mengusulkannya beserta alasannya pada pratinjau (Kategori tidak pernah diusulkan).",
    *PETUNJUK_POLARITAS,
    *PETUNJUK_SKALA,
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
                row += [None] * 6
            else:
                row += [
                    ind.nama,
                    ind.satuan,
                    ind.tipe_nilai,
                    ind.sifat,
                    teks_polaritas(ind.polaritas, ind.metode_negatif),
                    teks_skala(ind.skala_kategori) if ind.tipe_nilai == Indikator.TipeNilai.KATEGORI else None,
                ]
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
    kiri = ["Tujuan", "Sasaran", "Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator", *DEFINISI]
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
    for index, width in enumerate([40, 40, 18, 50, 50, 12, 10, 14, 22, 30]):
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    ws.freeze_panes = "E4"
    return dengan_petunjuk(book, PETUNJUK_RENSTRA)
