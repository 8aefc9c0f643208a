"""Tabel 2.4 (T-C.31) builder: Review terhadap Rancangan Awal RKPD, the nodes of
``evaluasi.review_rkpd`` printed."""

from evaluasi.review_rkpd import URUTAN_TANDA, susun_review
from laporan.builders.umum import TINGKAT, subjudul
from laporan.tabel import Baris, Kepala, Sel, Tabel, sel_nilai, teks, uang

KOLOM_KIRI = 1  # first cell of the Rancangan Awal RKPD half (kolom 2–6)
KOLOM_KANAN = 7  # first cell of the Hasil Analisis Kebutuhan half (kolom 7–11)
KOLOM_CATATAN = 13


def review_rkpd(renja):
    """Tabel T-C.31 in the 14-column layout of [BAP] (the regulation's 12 columns plus Satuan
    in each half): Review terhadap Rancangan Awal RKPD Tahun n (spec §2.3).

    The nodes are ``evaluasi.review_rkpd.susun_review``'s (the pairing of the halves, the
    Hasil Analisis Kebutuhan half from the Renja when none was imported, NIHIL without a
    Rancangan Awal), printed in code order, each node's indicators as continuation rows. Names,
    targets and money are printed as imported (a parent's pagu is not recomputed: the checker
    reports a parent ≠ Σ children).

    Not printed, on every row (spec §2.3 "berubah" flags): ``tanda``, the fields that differ
    between the halves (nama, lokasi, indikator, satuan, target, pagu; nama, lokasi and pagu
    only on a node's first row); ``berubah``, the column indices of the differing cells of both
    halves; ``catatan_wajib``, True when the row has a flag and its node has no Catatan Penting;
    ``catatan_kunci``, where the planner writes that Catatan Penting; ``review``, on a node's
    first row, the node itself. Queries: 2, plus 3 when the half comes from the Renja, plus the
    Pemda when not cached."""
    n = renja.tahun
    tabel = Tabel(
        kunci="tc31",
        judul=f"Review terhadap Rancangan Awal RKPD Tahun {n}",
        subjudul=subjudul(renja),
        kepala=[
            [
                Kepala("No", rowspan=2),
                Kepala("Rancangan Awal RKPD", colspan=6),
                Kepala("Hasil Analisis Kebutuhan", colspan=6),
                Kepala("Catatan Penting", rowspan=2),
            ],
            [
                Kepala("Program/Kegiatan/Sub Kegiatan"),
                Kepala("Lokasi"),
                Kepala("Indikator Kinerja"),
                Kepala("Satuan"),
                Kepala("Target Capaian"),
                Kepala("Pagu Indikatif (Rp.)"),
                Kepala("Program/Kegiatan/Sub Kegiatan"),
                Kepala("Lokasi"),
                Kepala("Indikator Kinerja"),
                Kepala("Satuan"),
                Kepala("Target Capaian"),
                Kepala("Kebutuhan Dana (Rp.)"),
            ],
        ],
        nomor_kolom=["1", "2", "3", "4", "4a", "5", "6", "7", "8", "9", "9a", "10", "11", "12"],
    )
    for node in susun_review(renja):
        tabel.baris.extend(_node_rows(node))
    return tabel.nihil()


def _node_rows(node):
    """The rows of one node: its first row, then one continuation row per further indicator."""
    level = node.nomenklatur.level
    rows = []
    for index, pair in enumerate(node.baris):
        first = index == 0
        cells = [Sel()] * 14
        for half, start in ((pair.kiri, KOLOM_KIRI), (pair.kanan, KOLOM_KANAN)):
            cells[start + 2] = teks(half["indikator"])
            cells[start + 3] = teks(half["satuan"])
            cells[start + 4] = sel_nilai(half["target"])
            if first:
                cells[start] = teks(half["nama"])
                cells[start + 1] = teks(half["lokasi"])
                cells[start + 5] = uang(half["pagu"])
        if first:
            cells[0] = teks(str(node.nomor))
            cells[KOLOM_CATATAN] = teks(node.catatan)
        baris = Baris(level if first else "indikator", cells, TINGKAT.get(level, 0))
        baris.tanda = pair.tanda
        baris.berubah = {
            start + URUTAN_TANDA.index(field) for field in baris.tanda for start in (KOLOM_KIRI, KOLOM_KANAN)
        }
        baris.catatan_wajib = bool(baris.tanda) and not node.catatan
        baris.catatan_kunci = node.kunci
        baris.kode = node.kode
        baris.review = node if first else None
        rows.append(baris)
    return rows


def catatan_review(tabel):
    """The nodes of a T-C.31 table (``review_rkpd``) with a difference, in order, one each
    (``evaluasi.review_rkpd.NodeReview``: nomor, kode, nama, berbeda, catatan, kunci, obj)."""
    return [b.review for b in tabel.baris if b.review is not None and b.review.tanda]
