"""A Renja file in the regulation's T-C.33 form (title above, two-row merged header, the number
row), shared by the renja import's tests and bench/impor_renja.py."""

from tests.pembantu import xlsx

JUDUL = [["RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN {n}"], ["BAPPEDA KOTA CONTOH"], []]
KEPALA = [
    [
        "Kode",
        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
        "Indikator Kinerja Program/Kegiatan",
        "Rencana Tahun {n}",
        None,
        None,
        None,
        None,
        "Prakiraan Maju Rencana Tahun {n1}",
        None,
    ],
    [
        None,
        None,
        None,
        "Lokasi",
        "Target Capaian Kinerja",
        "Kebutuhan Dana/Pagu Indikatif",
        "Sumber Dana",
        "Catatan Penting",
        "Target Capaian Kinerja",
        "Kebutuhan Dana/Pagu Indikatif",
    ],
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
]
MERGE = ["A4:A5", "B4:B5", "C4:C5", "D4:H4", "I4:J4"]


def formulir(rows, n=2022):
    """The .xlsx of ``rows`` (10 cells each) under the form's title and header for year ``n``."""
    head = [[c.format(n=n, n1=n + 1) if isinstance(c, str) else c for c in r] for r in [*JUDUL, *KEPALA]]
    return xlsx([*head, *rows], merge=MERGE)
