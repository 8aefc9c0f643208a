"""Tabel 2.5 (T-C.32) builder."""

from laporan.builders.umum import nomor_kolom, subjudul
from laporan.tabel import Baris, Kepala, Tabel, teks

# --------------------------------------------------------------------------- Tabel 2.5 (T-C.32)


def usulan_pemangku(renja):
    """Tabel T-C.32: Usulan Program/Kegiatan/Sub Kegiatan dari Para Pemangku Kepentingan Tahun n
    (spec §2.4), with where each proposal came from and whether it is accommodated (issue 16;
    the reason beside "Tidak diakomodasi"). No computed column; an empty table prints one NIHIL row."""
    tabel = Tabel(
        kunci="tc32",
        judul=f"Usulan Program/Kegiatan/Sub Kegiatan dari Para Pemangku Kepentingan Tahun {renja.tahun}",
        subjudul=subjudul(renja),
        kepala=[
            [
                Kepala("No"),
                Kepala("Sumber Usulan"),
                Kepala("Program/Kegiatan"),
                Kepala("Lokasi"),
                Kepala("Indikator Kinerja"),
                Kepala("Besaran/Volume"),
                Kepala("Status"),
                Kepala("Catatan"),
            ]
        ],
        nomor_kolom=nomor_kolom(8),
    )
    for nomor, usulan in enumerate(renja.usulan_pemangku.order_by("urutan", "pk"), start=1):
        tabel.baris.append(
            Baris(
                "usulan",
                [
                    teks(str(nomor)),
                    teks(usulan.get_sumber_display()),
                    teks(usulan.program_kegiatan),
                    teks(usulan.lokasi),
                    teks(usulan.indikator),
                    teks(usulan.besaran),
                    teks(status(usulan)),
                    teks(usulan.catatan),
                ],
            )
        )
    return tabel.nihil()


def status(usulan):
    """ "Diakomodasi", or "Tidak diakomodasi: <alasan>"; empty while undecided."""
    shown = usulan.get_status_display()
    if usulan.status == usulan.Status.TIDAK_DIAKOMODASI and usulan.alasan.strip():
        return f"{shown}: {usulan.alasan.strip()}"
    return shown
