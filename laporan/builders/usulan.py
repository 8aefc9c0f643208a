"""Tabel 2.5 (T-C.32) builder."""

from laporan.builders.umum import nomor_kolom, subjudul
from laporan.tabel import Baris, Kepala, Tabel, teks

# --------------------------------------------------------------------------- Tabel 2.5 (T-C.32)


def usulan_pemangku(renja):
    """Tabel T-C.32: Usulan Program/Kegiatan/Sub Kegiatan dari Para Pemangku Kepentingan Tahun n
    (spec §2.4). No computed column; an empty table prints one NIHIL row."""
    tabel = Tabel(
        kunci="tc32",
        judul=f"Usulan Program/Kegiatan/Sub Kegiatan dari Para Pemangku Kepentingan Tahun {renja.tahun}",
        subjudul=subjudul(renja),
        kepala=[
            [
                Kepala("No"),
                Kepala("Program/Kegiatan"),
                Kepala("Lokasi"),
                Kepala("Indikator Kinerja"),
                Kepala("Besaran/Volume"),
                Kepala("Catatan"),
            ]
        ],
        nomor_kolom=nomor_kolom(6),
    )
    for nomor, usulan in enumerate(renja.usulan_pemangku.order_by("urutan", "pk"), start=1):
        tabel.baris.append(
            Baris(
                "usulan",
                [
                    teks(str(nomor)),
                    teks(usulan.program_kegiatan),
                    teks(usulan.lokasi),
                    teks(usulan.indikator),
                    teks(usulan.besaran),
                    teks(usulan.catatan),
                ],
            )
        )
    return tabel.nihil()
