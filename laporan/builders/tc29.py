"""Tabel 2.1 (T-C.29) builder."""

from evaluasi.rekap import rekap_tc29
from laporan.builders.umum import TINGKAT, berumus, capaian_rumus, subjudul
from laporan.tabel import Baris, Kepala, Rumus, Tabel, hasil, sel_nilai, teks

# --------------------------------------------------------------------------- Tabel 2.1 (T-C.29)

CATATAN_LAMA = (
    "Kode bertanda * adalah kode lama (sebelum Permendagri 90) seperti tertulis dalam Renstra, "
    "belum dipadankan dengan kode Permendagri 90."
)


def _kode(row):
    """The code as stored (a legacy one as the Renstra wrote it), an unmapped legacy one marked *."""
    return f"{row.kode} *" if row.lama and not row.padanan else row.kode


def evaluasi_renja_lalu(renja):
    """Tabel T-C.29: Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan
    Pencapaian Renstra Perangkat Daerah s/d Tahun n-1 (spec §2.1)."""
    n = renja.tahun
    awal, akhir = renja.renstra.tahun_awal, renja.renstra.tahun_akhir
    tabel = Tabel(
        kunci="tc29",
        judul=(
            "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian Renstra "
            f"Perangkat Daerah s/d Tahun {n - 1}"
        ),
        subjudul=subjudul(renja),
        kepala=[
            [
                Kepala("Kode", rowspan=2),
                Kepala("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan", rowspan=2),
                Kepala("Indikator Kinerja Program (outcomes)/Kegiatan (output)", rowspan=2),
                Kepala("Satuan", rowspan=2),
                Kepala(f"Target Kinerja Capaian Program (Renstra Perangkat Daerah) Tahun {awal}–{akhir}", rowspan=2),
                Kepala(f"Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d Tahun {n - 3}", rowspan=2),
                Kepala(f"Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu ({n - 2})", colspan=3),
                Kepala(f"Target Program dan Kegiatan Renja Perangkat Daerah Tahun Berjalan ({n - 1})", rowspan=2),
                Kepala(
                    f"Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d Tahun Berjalan ({n - 1})",
                    colspan=2,
                ),
            ],
            [
                Kepala(f"Target Renja Perangkat Daerah Tahun {n - 2}"),
                Kepala(f"Realisasi Renja Perangkat Daerah Tahun {n - 2}"),
                Kepala("Tingkat Realisasi (%)"),
                Kepala(f"Realisasi Capaian Program dan Kegiatan s/d Tahun Berjalan ({n - 1})"),
                Kepala(f"Tingkat Capaian Realisasi Target Renstra s/d Tahun Berjalan ({n - 1}) (%)"),
            ],
        ],
        nomor_kolom=["1", "2", "3", "", "4", "5", "6", "7", "8=(7/6×100)", "9", "10", "11=(10/4×100)"],
    )
    previous = None
    rows = rekap_tc29(renja)
    if any(row.lama and not row.padanan for row in rows):
        tabel.subjudul.append(CATATAN_LAMA)
    for row in rows:
        ind = row.indikator
        node = ind.pemilik
        first = (row.level, node.pk) != previous
        previous = (row.level, node.pk)
        numeric = berumus(ind)
        tabel.baris.append(
            Baris(
                row.level if first else "indikator",
                [
                    teks(_kode(row) if first else ""),
                    teks(node.nama if first else ""),
                    teks(row.indikator.nama),
                    teks(row.indikator.satuan),
                    sel_nilai(row.kolom_4),
                    hasil(row.kolom_5, "angka"),
                    sel_nilai(row.kolom_6),
                    sel_nilai(row.kolom_7),
                    hasil(row.kolom_8, rumus=capaian_rumus(ind, 7, 6) if numeric else None),
                    sel_nilai(row.kolom_9),
                    hasil(
                        row.kolom_10, "angka", Rumus("agregasi", kolom=(5, 7, 9), sifat=ind.sifat) if numeric else None
                    ),
                    hasil(row.kolom_11, rumus=capaian_rumus(ind, 10, 4) if numeric else None),
                ],
                TINGKAT.get(row.level, 0),
            )
        )
    return tabel.nihil()
