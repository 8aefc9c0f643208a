"""Bab IV builders: Tabel 4.1–4.4 (spec §2.8)."""

from anggaran.pagu import jumlah
from laporan.builders.umum import nomor_kolom, subjudul
from laporan.tabel import Baris, Kepala, Rumus, Sel, Tabel, teks, uang
from renja.models import ProgramPrioritas

# --------------------------------------------------------------------------- Tabel 4.1


def rencana_pendapatan(renja):
    """Tabel 4.1: Rumusan Rencana Pendapatan Perangkat Daerah Tahun n (spec §2.8). Kode is the
    akun pendapatan, not a program code; the total row is Σ(3) (``anggaran.pagu.jumlah``), with a
    live sum in the XLSX. An empty table prints NIHIL."""
    tabel = Tabel(
        kunci="rencana-pendapatan",
        judul=f"Rumusan Rencana Pendapatan Perangkat Daerah Tahun {renja.tahun}",
        subjudul=subjudul(renja),
        kepala=[
            [Kepala("Kode"), Kepala("Uraian Akun Pendapatan"), Kepala("Target Penganggaran (Rp)"), Kepala("Keterangan")]
        ],
        nomor_kolom=nomor_kolom(4),
    )
    akun = list(renja.rencana_pendapatan.order_by("urutan", "pk"))
    tabel.baris = [
        Baris("akun", [teks(item.kode_akun), teks(item.uraian), uang(item.target), teks(item.keterangan)])
        for item in akun
    ]
    if not akun:
        return tabel.nihil()
    total = Sel(jumlah(item.target for item in akun), "uang", rumus=Rumus("jumlah", baris=tuple(tabel.baris)))
    tabel.baris.append(Baris("total", [Sel(), teks("JUMLAH"), total, Sel()]))
    return tabel


# --------------------------------------------------------------------------- Tabel 4.2 and 4.3


def program_unggulan(renja):
    """Tabel 4.2: Rumusan Rencana Indikasi Kegiatan/Sub Kegiatan pada Program Unggulan Tahun n
    (spec §2.8)."""
    return _program_prioritas(
        renja,
        ProgramPrioritas.Jenis.UNGGULAN,
        kunci="program-unggulan",
        judul=f"Rumusan Rencana Indikasi Kegiatan/Sub Kegiatan pada Program Unggulan Tahun {renja.tahun}",
        kolom_program="Program Unggulan",
    )


def program_mendesak(renja):
    """Tabel 4.3: Rumusan Rencana Kegiatan/Sub Kegiatan pada Program Mendesak Tahun n (spec §2.8).
    Column (1) reads "Program Mendesak" (the seed misprints "Program Unggulan", correction B-002)."""
    return _program_prioritas(
        renja,
        ProgramPrioritas.Jenis.MENDESAK,
        kunci="program-mendesak",
        judul=f"Rumusan Rencana Kegiatan/Sub Kegiatan pada Program Mendesak Tahun {renja.tahun}",
        kolom_program="Program Mendesak",
    )


def _program_prioritas(renja, jenis, kunci, judul, kolom_program):
    tabel = Tabel(
        kunci=kunci,
        judul=judul,
        kolom_nama=0,
        subjudul=subjudul(renja),
        kepala=[
            [
                Kepala(kolom_program),
                Kepala("Indikasi/Fokus Kegiatan"),
                Kepala("Pagu Indikatif (Rp)"),
                Kepala("Keterangan"),
            ]
        ],
        nomor_kolom=nomor_kolom(4),
    )
    for item in renja.program_prioritas.filter(jenis=jenis).order_by("nomor"):
        tabel.baris.append(
            Baris(
                "prioritas",
                [teks(item.program), teks(item.indikasi_kegiatan), uang(item.pagu), teks(item.keterangan)],
            )
        )
    return tabel.nihil()


# --------------------------------------------------------------------------- Tabel 4.4


def usulan_renja_kl(renja):
    """Tabel 4.4: Usulan Rencana Program/Kegiatan/Sub Kegiatan pada Renja K/L dan Renja PD
    (Provinsi) Tahun n (spec §2.8; the seed misprints the title of Tabel 4.1, correction B-003).
    Proposals funded by APBD Provinsi/APBN: their pagu is never added to the OPD's totals, so
    the table has no total row. An empty table prints NIHIL."""
    tabel = Tabel(
        kunci="usulan-renja-kl",
        judul=(
            f"Usulan Rencana Program/Kegiatan/Sub Kegiatan pada Renja K/L dan Renja PD (Provinsi) Tahun {renja.tahun}"
        ),
        kolom_nama=0,
        subjudul=subjudul(renja),
        kepala=[
            [
                Kepala("Bidang Urusan/Program/Kegiatan/Sub Kegiatan", rowspan=2),
                Kepala("Kinerja", colspan=3),
                Kepala("Pagu Indikatif (Rp)", rowspan=2),
                Kepala("Sumber Dana", rowspan=2),
                Kepala("Instansi PJ (OPD) Pemprov/Kementerian/Lembaga", rowspan=2),
            ],
            [Kepala("Indikator"), Kepala("Satuan"), Kepala("Target")],
        ],
        nomor_kolom=nomor_kolom(7),
    )
    for item in renja.usulan_kl.order_by("urutan", "pk"):
        tabel.baris.append(
            Baris(
                "usulan",
                [
                    teks(item.uraian),
                    teks(item.indikator),
                    teks(item.satuan),
                    teks(item.target),
                    uang(item.pagu),
                    teks(item.sumber_dana),
                    teks(item.instansi),
                ],
            )
        )
    return tabel.nihil()
