"""The sub-section "Faktor pendorong dan penghambat" under 2.1 of Renja n: what the OPD wrote in
its quarterly monev of the evaluated year n-1 (the running year of Tabel 2.1 and of the form
"Evaluasi terhadap Hasil Renja" on the page of Renja n)."""

from evaluasi.models import PenjelasanTriwulan
from laporan.builders.umum import TINGKAT, subjudul
from laporan.tabel import Baris, Kepala, Tabel, teks
from renja.models import Indikator

ROMAWI = {"tw1": "I", "tw2": "II", "tw3": "III", "tw4": "IV"}
KOLOM = (
    ("faktor_pendorong", "Faktor Pendorong Keberhasilan Kinerja"),
    ("faktor_penghambat", "Faktor Penghambat Pencapaian Kinerja"),
    ("tindak_lanjut_renja", "Tindak Lanjut dalam Renja Perangkat Daerah Berikutnya"),
)


def faktor_evaluasi(renja):
    """Per program, kegiatan and sub kegiatan indicator of the OPD (in code order) and per
    triwulan of year n-1 in which any is written: the faktor pendorong, faktor penghambat and
    tindak lanjut Renja berikutnya of the monev (``PenjelasanTriwulan``, the footer lines of the
    evaluation form, spec §2.9), as the users wrote them (text cells, escaped by every
    renderer). NIHIL when none was written. 1 query (besides the Pemda of the subtitle)."""
    tahun = renja.tahun - 1
    tabel = Tabel(
        kunci="faktor-evaluasi",
        judul=f"Faktor Pendorong dan Penghambat serta Tindak Lanjut Hasil Monev Renja Tahun {tahun}",
        lembar="2.1 Faktor pendorong",
        subjudul=subjudul(renja),
        kepala=[
            [
                Kepala("Kode"),
                Kepala("Program/Kegiatan/Sub Kegiatan"),
                Kepala("Indikator Kinerja"),
                Kepala("Triwulan"),
                *(Kepala(label) for _, label in KOLOM),
            ]
        ],
        nomor_kolom=["1", "2", "3", "4", "5", "6", "7"],
    )
    notes = (
        PenjelasanTriwulan.objects.filter(
            indikator__in=Indikator.objects.for_opd(renja.opd).filter(tujuan=None, sasaran=None), tahun=tahun
        )
        .exclude(faktor_pendorong="", faktor_penghambat="", tindak_lanjut_renja="")
        .select_related(
            "indikator__program__nomenklatur",
            "indikator__kegiatan__nomenklatur",
            "indikator__sub_kegiatan__nomenklatur",
        )
    )
    rows = sorted(
        notes, key=lambda p: (p.indikator.pemilik.nomenklatur.kode, p.indikator.urutan, p.indikator_id, p.periode)
    )
    previous = None
    for note in rows:
        ind = note.indikator
        node = ind.pemilik.nomenklatur
        first = ind.pk != previous
        previous = ind.pk
        tabel.baris.append(
            Baris(
                ind.level if first else "indikator",
                [
                    teks(node.kode if first else ""),
                    teks(node.nama if first else ""),
                    teks(ind.nama if first else ""),
                    teks(f"TW {ROMAWI[note.periode]}"),
                    *(teks(getattr(note, name).strip()) for name, _ in KOLOM),
                ],
                TINGKAT.get(ind.level, 0),
            )
        )
    return tabel.nihil()
