"""Builder of the form "Evaluasi terhadap Hasil Renja Perangkat Daerah Lingkup Kabupaten/Kota"
(Permendagri 86/2017, Pengendalian dan Evaluasi; spec §2.9), a document of its own.

The form on the page of Renja year n evaluates the running year n-1 (the regulation's "Tahun
Berjalan (Tahun n-1) yang Dievaluasi"), quarter by quarter up to the chosen triwulan.
"""

from collections import defaultdict

from anggaran import pagu as uang_pagu
from anggaran.models import RealisasiAnggaran
from evaluasi import capaian as c
from evaluasi.models import PenjelasanTriwulan
from evaluasi.rekap import tahunan_dari
from laporan.builders.umum import TINGKAT, berumus, capaian_rumus
from laporan.identitas import tanda_tangan_bappeda, tanda_tangan_opd
from laporan.tabel import Baris, Kepala, Rumus, Sel, Tabel, hasil, nilai_target, teks, uang
from renja.kode import kode_induk
from renja.models import Indikator, PerangkatDaerah, Periode, Renja, RenjaSubKegiatan, Sasaran, Target

ROMAWI = ("I", "II", "III", "IV")
TRIWULAN = (Periode.TW1, Periode.TW2, Periode.TW3, Periode.TW4)

# --------------------------------------------------------------------------- layout
# Column index (0-based) of each numbered column of the form. Kolom 5–15 have a K (kinerja)
# and an Rp (anggaran) sub-column: K(k) and RP(k). Kode and Satuan are unnumbered columns.

KOLOM_NO, KOLOM_SASARAN, KOLOM_KODE, KOLOM_NAMA, KOLOM_INDIKATOR, KOLOM_SATUAN = range(6)


def K(nomor):
    """Column index of kolom ``nomor`` (5–15), K sub-column."""
    return 6 + 2 * (nomor - 5)


def RP(nomor):
    """Column index of kolom ``nomor`` (5–15), Rp sub-column."""
    return K(nomor) + 1


KOLOM_PJ = RP(15) + 1  # kolom 16
KOLOM_KETERANGAN = KOLOM_PJ + 1  # kolom 17
JUMLAH_KOLOM = KOLOM_KETERANGAN + 1

LABEL_RATA_RATA = "Rata-rata capaian kinerja (%)"
LABEL_PREDIKAT = "Predikat kinerja"
TEKS_PENUTUP = (
    "Faktor pendorong keberhasilan kinerja:",
    "Faktor penghambat pencapaian kinerja:",
    "Tindak lanjut yang diperlukan dalam triwulan berikutnya*):",
    "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah kabupaten/kota berikutnya*):",
)
# Columns whose mean and predikat the footer gives: kolom 13 and 15, K and Rp.
KOLOM_RINGKASAN = (K(13), RP(13), K(15), RP(15))


class _Data:
    """Everything the form needs for Renja n, read in a fixed number of queries: the program
    tree's indicators with targets and realisasi (3), the sasaran of each program (1), the Renja
    items of n-1 and n (1) and the realisasi anggaran up to n-1 (1)."""

    def __init__(self, renja, triwulan):
        n = renja.tahun
        self.tahun = n - 1
        self.awal, self.akhir = renja.renstra.tahun_awal, renja.renstra.tahun_akhir
        self.indikator = list(Indikator.objects.for_opd(renja.opd).filter(tujuan=None, sasaran=None).with_nilai())
        self.sasaran = defaultdict(list)
        links = (
            Sasaran.program.through.objects.filter(sasaran__tujuan__renstra_id=renja.renstra_id)
            .select_related("sasaran")
            .order_by("sasaran__nomor", "pk")
        )
        for link in links:
            self.sasaran[link.program_id].append(link.sasaran.uraian)

        items = RenjaSubKegiatan.objects.filter(renja__opd=renja.opd, renja__tahun__in=(n - 1, n)).select_related(
            "renja", "sub_kegiatan__nomenklatur", "penanggung_jawab"
        )
        pagu, unit = {}, {}
        for item in sorted(items, key=lambda i: i.renja.tahun != n - 1):  # year n-1 first
            kode = item.sub_kegiatan.nomenklatur.kode
            if item.renja.tahun == n - 1:
                pagu[kode] = item.pagu
            if item.penanggung_jawab and kode not in unit:
                unit[kode] = str(item.penanggung_jawab)
        self.pagu = uang_pagu.rollup_kode(pagu)
        self.unit = defaultdict(list)  # kode of every node → its sub kegiatan's units, in code order
        for kode in sorted(unit):
            for key in (kode, kode_induk(kode), kode_induk(kode_induk(kode))):
                if unit[kode] not in self.unit[key]:
                    self.unit[key].append(unit[kode])

        spending = defaultdict(lambda: defaultdict(dict))  # kode → tahun → periode → nilai
        realisasi = RealisasiAnggaran.objects.filter(
            sub_kegiatan__kegiatan__program__opd=renja.opd, tahun__gte=self.awal, tahun__lte=n - 1
        ).select_related("sub_kegiatan__nomenklatur")
        for row in realisasi:
            spending[row.sub_kegiatan.nomenklatur.kode][row.tahun][row.periode] = row.nilai
        self.triwulan_rp = [
            uang_pagu.rollup_kode({kode: years[self.tahun].get(tw) for kode, years in spending.items()})
            if index < triwulan
            else {}
            for index, tw in enumerate(TRIWULAN)
        ]
        self.realisasi_lalu_rp = uang_pagu.rollup_kode(
            {
                kode: uang_pagu.jumlah(
                    values.get(Periode.TAHUNAN, uang_pagu.realisasi_anggaran(values.get(tw) for tw in TRIWULAN))
                    for tahun, values in years.items()
                    if tahun <= n - 2
                )
                for kode, years in spending.items()
            }
        )


def evaluasi_hasil_renja(renja, triwulan):
    """The form "Evaluasi terhadap Hasil Renja Perangkat Daerah Lingkup Kabupaten/Kota" on the
    page of Renja n, evaluating year n-1 up to ``triwulan`` (1–4; later quarters stay empty and
    are ignored), spec §2.9 and §4.2.

    One row per indicator of the program tree (program outcomes, kegiatan/sub kegiatan outputs)
    with data for the form, in code order; a node's first row carries its code, name, sasaran
    (program rows), money (Rp) and unit. K: kolom 5 = target akhir Renstra; 6 = realisasi Renstra
    s/d n-2 from the yearly realisasi by sifat; 7 = target Renja n-1; 8–11 = realisasi kinerja
    TW I–IV of n-1; 12–15 by ``evaluasi_kolom_12``–``15``. Rp: 6 = realisasi anggaran from the
    Renstra's first year to n-2, 7 = pagu of the Renja n-1 (when one exists), 8–11 = realisasi
    anggaran TW I–IV, 12–15 by the same formulas (cumulative); kolom 5 Rp has no source and is
    left empty, so 15 Rp is undefined. Parents' money is the sum of their sub kegiatan.

    Every computed cell of a numeric indicator and every Rp computed cell carries a ``Rumus``;
    qualitative and kategori rows carry none. Footer: the mean of kolom 13 and 15 (K over the
    indicator rows, Rp over the node rows that carry money) with ``Rumus("rata_rata")``, the
    predikat of each mean in the same column with ``Rumus("predikat", kolom=(column,),
    baris=(mean row,))``, the text rows and the signature lines. Queries: 7 (the
    explanations of the triwulan from monev included), plus 1 for the Renstra and the Pemda when
    not cached."""
    if triwulan not in (1, 2, 3, 4):
        raise ValueError("Triwulan harus 1, 2, 3 atau 4.")
    if not (Renja.renstra.is_cached(renja) and PerangkatDaerah.pemda.is_cached(renja.opd)):
        renja = Renja.objects.select_related("opd__pemda", "renstra").get(pk=renja.pk)  # 1 query, not 2
    data = _Data(renja, triwulan)
    tabel = _kerangka(renja, triwulan, data)

    rows = {"K": [], "Rp": []}  # the rows each footer mean runs over
    results = {column: [] for column in KOLOM_RINGKASAN}
    previous, nomor = None, 0
    for ind in sorted(data.indikator, key=lambda i: (i.pemilik.nomenklatur.kode, i.urutan, i.pk)):
        row = _baris_indikator(ind, data, triwulan)
        if row is None:
            continue
        node = ind.pemilik
        first = (ind.level, node.pk) != previous
        previous = (ind.level, node.pk)
        cells, kinerja = row
        baris = Baris(ind.level if first else "indikator", cells, TINGKAT.get(ind.level, 0))
        rows["K"].append(baris)
        for column, result in kinerja.items():
            results[column].append(result)
        if first:
            nomor += 1
            kode = node.nomenklatur.kode
            cells[KOLOM_NO] = teks(str(nomor))
            cells[KOLOM_KODE] = teks(kode)
            cells[KOLOM_NAMA] = teks(node.nama)
            cells[KOLOM_PJ] = teks(", ".join(data.unit.get(kode, [])))
            if ind.level == "program":
                cells[KOLOM_SASARAN] = teks("; ".join(data.sasaran.get(node.pk, [])))
            money = _anggaran(kode, data)
            if money is not None:
                money_cells, anggaran = money
                for column, sel in money_cells.items():
                    cells[column] = sel
                rows["Rp"].append(baris)
                for column, result in anggaran.items():
                    results[column].append(result)
        tabel.baris.append(baris)
    if not tabel.baris:
        return tabel.nihil()

    rata = Baris("ringkasan", [Sel()] * JUMLAH_KOLOM)
    rata.sel[KOLOM_NAMA] = teks(LABEL_RATA_RATA)
    predikat = Baris("ringkasan", [Sel()] * JUMLAH_KOLOM)
    predikat.sel[KOLOM_NAMA] = teks(LABEL_PREDIKAT)
    dicatat, kriteria = [], []
    for column in KOLOM_RINGKASAN:
        sub = "K" if column in (K(13), K(15)) else "Rp"
        label = f"kolom {13 if column in (K(13), RP(13)) else 15} ({sub})"
        mean = c.rata_rata_capaian(results[column])
        rata.sel[column] = hasil(mean.hasil, "persen", Rumus("rata_rata", baris=tuple(rows[sub])))
        if mean.keterangan:
            dicatat.append(f"{label}: {mean.keterangan}")
        kategori = c.predikat(mean.hasil)
        rumus = Rumus("predikat", kolom=(column,), baris=(rata,))
        if kategori is None:
            predikat.sel[column] = Sel(None, "teks", "rata-rata capaian tidak terdefinisi", rumus)
        else:
            predikat.sel[column] = Sel(kategori.kode, rumus=rumus)
            melampaui = " (melampaui target)" if kategori.melampaui_target else ""
            kriteria.append(f"{label}: {kategori.kriteria}{melampaui}")
    rata.sel[KOLOM_KETERANGAN] = teks("; ".join(dicatat))
    predikat.sel[KOLOM_KETERANGAN] = teks("; ".join(kriteria))
    tabel.baris += [rata, predikat]
    tabel.baris += [
        Baris("ringkasan", [teks(line + penjelasan)] * JUMLAH_KOLOM)
        for line, penjelasan in zip(TEKS_PENUTUP, _penjelasan(data, triwulan), strict=True)
    ]
    tabel.baris += _tanda_tangan(renja)
    return tabel


def _kerangka(renja, triwulan, data):
    """The empty table: title, header block (subjudul), the three header rows and numbering."""
    n, akhir = renja.tahun, data.akhir
    sampai = f" (s/d TW {ROMAWI[triwulan - 1]})" if triwulan < 4 else ""  # a mid-year form (E-01)
    kepala_k_rp = [Kepala("K"), Kepala("Rp")] * 11
    return Tabel(
        kunci="evaluasi_hasil",
        judul="Evaluasi terhadap Hasil Renja Perangkat Daerah Lingkup Kabupaten/Kota",
        kolom_nama=KOLOM_NAMA,
        subjudul=[
            renja.opd.pemda.nama,
            f"Renja Perangkat Daerah {renja.opd.nama}",
            f"Periode Pelaksanaan: Tahun {n - 1}",
            f"Triwulan: {ROMAWI[triwulan - 1]}",
        ],
        kepala=[
            [
                Kepala("No", rowspan=3),
                Kepala("Sasaran", rowspan=3),
                Kepala("Kode", rowspan=3),
                Kepala("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", rowspan=3),
                Kepala("Indikator Kinerja Program (outcome)/Kegiatan (output)", rowspan=3),
                Kepala("Satuan", rowspan=3),
                Kepala(
                    f"Target Renstra Perangkat Daerah pada Tahun {akhir} (Akhir Periode Renstra PD)",
                    colspan=2,
                    rowspan=2,
                ),
                Kepala(
                    "Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah "
                    f"Tahun Lalu ({n - 2})",
                    colspan=2,
                    rowspan=2,
                ),
                Kepala(
                    f"Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun {n - 1}) yang Dievaluasi",
                    colspan=2,
                    rowspan=2,
                ),
                Kepala("Realisasi Kinerja Pada Triwulan" + sampai, colspan=8),
                Kepala(
                    "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi" + sampai,
                    colspan=2,
                    rowspan=2,
                ),
                Kepala(
                    "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Perangkat Daerah yang dievaluasi (%)",
                    colspan=2,
                    rowspan=2,
                ),
                Kepala(
                    f"Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun {n - 1} (Akhir Tahun "
                    f"Pelaksanaan Renja PD Tahun {n - 1})",
                    colspan=2,
                    rowspan=2,
                ),
                Kepala(
                    f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun {n - 1} (%)",
                    colspan=2,
                    rowspan=2,
                ),
                Kepala("Unit Perangkat Daerah Penanggung Jawab", rowspan=3),
                Kepala("Keterangan", rowspan=3),
            ],
            [Kepala(romawi, colspan=2) for romawi in ROMAWI],
            kepala_k_rp,
        ],
        nomor_kolom=["1", "2", "", "3", "4", ""]
        + [
            nomor
            for nomor in ("5", "6", "7", "8", "9", "10", "11", "12=8+9+10+11", "13=12/7×100", "14=6+12", "15=14/5×100")
            for _ in ("K", "Rp")
        ]
        + ["16", "17"],
    )


def _baris_indikator(ind, data, triwulan):
    """The cells of an indicator's row (without the node cells) and its kolom 13/15 K results,
    or None when the indicator has nothing for this form."""
    targets = {(t.jenis, t.tahun): t for t in ind.target.all()}
    realisasi = {(r.tahun, r.periode): r for r in ind.realisasi.all()}
    tahunan = tahunan_dari(ind.sifat, ((r.tahun, r.periode, r.isi) for r in ind.realisasi.all()))
    sel_5 = nilai_target(targets.get((Target.Jenis.AKHIR_RENSTRA, data.akhir)))
    sel_7 = nilai_target(targets.get((Target.Jenis.RENJA, data.tahun)))
    quarters = [realisasi.get((data.tahun, tw)) if index < triwulan else None for index, tw in enumerate(TRIWULAN)]
    sel_q = [nilai_target(r) for r in quarters]
    lalu = [tahun for tahun in tahunan if data.awal <= tahun <= data.tahun - 1]
    if all(sel.nilai is None for sel in [sel_5, sel_7, *sel_q]) and not lalu:
        return None

    args = {"polaritas": ind.polaritas, "metode_negatif": ind.metode_negatif, "skala": ind.skala_kategori or None}
    quarter_values = [sel.nilai for sel in sel_q]
    row = c.evaluasi_baris(
        ind.sifat, sel_5.nilai, sel_7.nilai, quarter_values, tahunan, data.awal, data.tahun - 1, **args
    )
    k6, k12, k13, k14, k15 = row.kolom_6, row.kolom_12, row.kolom_13, row.kolom_14, row.kolom_15
    numeric = berumus(ind)

    def rumus(value):
        return value if numeric else None

    cells = [Sel()] * JUMLAH_KOLOM
    cells[KOLOM_INDIKATOR] = teks(ind.nama)
    cells[KOLOM_SATUAN] = teks(ind.satuan)
    cells[K(5)] = sel_5
    cells[K(6)] = hasil(k6, "angka")
    cells[K(7)] = sel_7
    for nomor, sel in zip((8, 9, 10, 11), sel_q, strict=True):
        cells[K(nomor)] = sel
    cells[K(12)] = hasil(
        k12, "angka", rumus(Rumus("agregasi", kolom=tuple(K(k) for k in (8, 9, 10, 11)), sifat=ind.sifat))
    )
    cells[K(13)] = hasil(k13, rumus=rumus(capaian_rumus(ind, K(12), K(7))))
    cells[K(14)] = hasil(k14, "angka", rumus(Rumus("agregasi", kolom=(K(6), K(12)), sifat=ind.sifat)))
    cells[K(15)] = hasil(k15, rumus=rumus(capaian_rumus(ind, K(14), K(5))))
    cells[KOLOM_KETERANGAN] = teks("; ".join(r.catatan for r in quarters if r is not None and r.catatan))
    return cells, {K(13): k13, K(15): k15}


def _anggaran(kode, data):
    """The Rp cells of the node ``kode`` by column index (kolom 5–15 Rp) and its kolom 13/15 Rp
    results, or None when the node has no money data."""
    k6, k7 = data.realisasi_lalu_rp.get(kode), data.pagu.get(kode)
    quarters = [per_triwulan.get(kode) for per_triwulan in data.triwulan_rp]
    if k6 is None and k7 is None and all(q is None for q in quarters):
        return None
    kumulatif = c.KUMULATIF
    k12 = c.evaluasi_kolom_12_rp(quarters)
    k13 = c.evaluasi_kolom_13(k12.nilai, k7)
    k14 = c.evaluasi_kolom_14(kumulatif, k6, k12.nilai)
    k15 = c.evaluasi_kolom_15(k14.nilai, None)
    cells = {RP(5): uang(None), RP(6): uang(k6), RP(7): uang(k7)}
    for nomor, value in zip((8, 9, 10, 11), quarters, strict=True):
        cells[RP(nomor)] = uang(value)
    cells[RP(12)] = hasil(k12, "uang", Rumus("agregasi", kolom=tuple(RP(k) for k in (8, 9, 10, 11)), sifat=kumulatif))
    cells[RP(13)] = hasil(k13, rumus=Rumus("capaian", kolom=(RP(12), RP(7))))
    cells[RP(14)] = hasil(k14, "uang", Rumus("agregasi", kolom=(RP(6), RP(12)), sifat=kumulatif))
    cells[RP(15)] = hasil(k15, rumus=Rumus("capaian", kolom=(RP(14), RP(5))))
    return cells, {RP(13): k13, RP(15): k15}


PENJELASAN = ("faktor_pendorong", "faktor_penghambat", "tindak_lanjut_triwulan", "tindak_lanjut_renja")


def _penjelasan(data, triwulan):
    """The OPD's explanations of the evaluated triwulan (monev), one text per footer line: each
    indicator's, in code order, as " kode indikator: text;" (1 query)."""
    by_pk = {ind.pk: ind for ind in data.indikator}
    notes = PenjelasanTriwulan.objects.filter(
        indikator__in=list(by_pk), tahun=data.tahun, periode=TRIWULAN[triwulan - 1]
    )
    notes = sorted(notes, key=lambda p: (by_pk[p.indikator_id].pemilik.nomenklatur.kode, by_pk[p.indikator_id].urutan))
    out = []
    for name in PENJELASAN:
        parts = []
        for note in notes:
            ind = by_pk[note.indikator_id]
            if getattr(note, name).strip():
                parts.append(f"{ind.pemilik.nomenklatur.kode} {ind.nama}: {getattr(note, name).strip()}")
        out.append((" " + "; ".join(parts)) if parts else "")
    return out


def _tanda_tangan(renja):
    """Signature lines: "Disusun" by the head of the Perangkat Daerah (left, across the
    columns of the names, kolom 2–4) and "Dievaluasi" by the head of Bappeda (right, from the
    tingkat capaian kolom 13 to Keterangan), spec §2.9, each one merged cell. Who they are comes
    from the Renja and the Pemda's Bappeda (laporan.identitas); the date is left to fill in."""
    disusun, dievaluasi = tanda_tangan_opd(renja, tanggal=False), tanda_tangan_bappeda(renja, renja.tempat)
    lines = [("Disusun", "Dievaluasi"), *zip(disusun.baris, dievaluasi.baris, strict=True)]
    merged = ((KOLOM_SASARAN, KOLOM_INDIKATOR + 1 - KOLOM_SASARAN), (K(13), JUMLAH_KOLOM - K(13)))
    rows = []
    for kiri, kanan in lines:
        cells = [Sel() for _ in range(JUMLAH_KOLOM)]
        cells[KOLOM_SASARAN], cells[K(13)] = teks(kiri), teks(kanan)
        rows.append(Baris("tanda_tangan", cells, gabungan=merged))
    return rows
