"""Tabel 2.4 (T-C.31) builder: Review terhadap Rancangan Awal RKPD."""

from evaluasi.periksa import perubahan, target_review
from laporan.builders.umum import TINGKAT, subjudul
from laporan.tabel import Baris, Kepala, Sel, Tabel, sel_nilai, teks, uang
from renja.models import RancanganAwal

# --------------------------------------------------------------------------- Tabel 2.4 (T-C.31)

KOLOM_KIRI = 1  # first cell of the Rancangan Awal RKPD half (kolom 2–6)
KOLOM_KANAN = 7  # first cell of the Hasil Analisis Kebutuhan half (kolom 7–11)
KOLOM_CATATAN = 13
# Offset of each flagged field inside a half: nama, lokasi, indikator, satuan, target, pagu.
URUTAN_TANDA = ("nama", "lokasi", "indikator", "satuan", "target", "pagu")


def review_rkpd(renja):
    """Tabel T-C.31 in the 14-column layout of [BAP] (the regulation's 12 columns plus Satuan
    in each half): Review terhadap Rancangan Awal RKPD Tahun n (spec §2.3).

    The Rancangan Awal RKPD and Hasil Analisis Kebutuhan rows of the OPD for year n are paired
    by nomenklatur and printed in code order, each node's indicators as continuation rows paired
    by urutan. Names, targets and money are printed as imported (a parent's pagu is not
    recomputed: the checker reports a parent ≠ Σ children).

    Not printed, on every row (spec §2.3 "berubah" flags, compared by ``evaluasi.periksa``):
    ``tanda``, the fields that differ between the halves (nama, lokasi, indikator, satuan,
    target, pagu; nama, lokasi and pagu only on a node's first row); ``berubah``, the column
    indices of the differing cells of both halves; ``catatan_wajib``, True when the row has a
    flag and its node has no Catatan Penting. Queries: 2, plus the Pemda when not cached."""
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
    pasangan = {}
    rows = (
        RancanganAwal.objects.filter(opd=renja.opd, tahun=n).select_related("nomenklatur").prefetch_related("indikator")
    )
    for row in rows:
        pasangan.setdefault(row.nomenklatur_id, {})[row.bagian] = row
    halves = sorted(pasangan.values(), key=lambda pair: next(iter(pair.values())).nomenklatur.kode)
    for nomor, pair in enumerate(halves, start=1):
        tabel.baris.extend(
            _node_rows(
                nomor,
                pair.get(RancanganAwal.Bagian.RANCANGAN_AWAL),
                pair.get(RancanganAwal.Bagian.ANALISIS_KEBUTUHAN),
            )
        )
    return tabel.nihil()


def _node_rows(nomor, ranwal, analisis):
    """The rows of one node: its first row, then one continuation row per further indicator."""
    node = ranwal or analisis
    level = node.nomenklatur.level
    catatan = (analisis and analisis.catatan_penting) or (ranwal and ranwal.catatan_penting) or ""
    indikator = [{i.urutan: i for i in row.indikator.all()} if row else {} for row in (ranwal, analisis)]
    urutan = sorted(indikator[0].keys() | indikator[1].keys()) or [None]
    rows = []
    for index, key in enumerate(urutan):
        first = index == 0
        cells = [Sel()] * 14
        values = []
        for row, start, by_urutan in ((ranwal, KOLOM_KIRI, indikator[0]), (analisis, KOLOM_KANAN, indikator[1])):
            ind = by_urutan.get(key)
            half = {
                "indikator": ind and ind.nama,
                "satuan": ind and ind.satuan,
                "target": ind and target_review(ind),
            }
            if first:
                half.update(
                    nama=row and (row.nama or row.nomenklatur.nama),
                    lokasi=row and row.lokasi,
                    pagu=row and row.pagu,
                )
            values.append(half)
            cells[start + 2] = teks(half["indikator"])
            cells[start + 3] = teks(half["satuan"])
            cells[start + 4] = sel_nilai(half["target"])
            if first:
                cells[start] = teks(half["nama"])
                cells[start + 1] = teks(half["lokasi"])
                cells[start + 5] = uang(half["pagu"])
        if first:
            cells[0] = teks(str(nomor))
            cells[KOLOM_CATATAN] = teks(catatan)
        baris = Baris(level if first else "indikator", cells, TINGKAT.get(level, 0))
        baris.tanda = perubahan(*values)
        baris.berubah = {
            start + URUTAN_TANDA.index(field) for field in baris.tanda for start in (KOLOM_KIRI, KOLOM_KANAN)
        }
        baris.catatan_wajib = bool(baris.tanda) and not catatan
        rows.append(baris)
    return rows
