"""Tabel 3.3 (T-C.33) builder."""

from collections import defaultdict

from anggaran import pagu as uang_pagu
from laporan.builders.umum import nomor_kolom, subjudul
from laporan.tabel import Baris, Kepala, Rumus, Sel, Tabel, nilai_target, teks, uang
from renja.models import Indikator, Sasaran, Target, Tujuan
from renja.teks import kunci_nomor

# --------------------------------------------------------------------------- Tabel 3.3 (T-C.33)


class _Rencana:
    """Everything T-C.33 needs for one Renja, read in a fixed number of queries."""

    def __init__(self, renja):
        self.renja = renja
        self.n = renja.tahun
        self.items = list(
            renja.sub_kegiatan.select_related(
                "sub_kegiatan__nomenklatur",
                "sub_kegiatan__kegiatan__nomenklatur",
                "sub_kegiatan__kegiatan__program__nomenklatur__induk",
                "sumber_dana",
                "penanggung_jawab",
            ).order_by("sub_kegiatan__nomenklatur__kode")
        )
        self.targets = defaultdict(list)
        owners = defaultdict(list)
        indikator = Indikator.objects.for_opd(renja.opd).tahun_renja(self.n).prefetch_related("target")
        for ind in indikator.order_by("urutan", "pk"):  # not those of other years only (Tabel 2.1's history)
            values = {(t.jenis, t.tahun): t for t in ind.target.all()}
            now = values.get((Target.Jenis.RENJA, self.n))
            nxt = values.get((Target.Jenis.PRAKIRAAN_MAJU, self.n + 1))
            key = next((f, getattr(ind, f"{f}_id")) for f in Indikator.OWNER_FIELDS if getattr(ind, f"{f}_id"))
            owners[key].append((ind, now, nxt))
        self.indikator = owners
        kode_pagu = {i.sub_kegiatan.nomenklatur.kode: i.pagu for i in self.items}
        kode_maju = {i.sub_kegiatan.nomenklatur.kode: i.pagu_maju for i in self.items}
        self.pagu = uang_pagu.rollup_kode(kode_pagu)
        self.pagu_maju = uang_pagu.rollup_kode(kode_maju)
        self.tujuan = sorted(Tujuan.objects.filter(renstra=renja.renstra), key=lambda t: kunci_nomor(t.nomor))
        self.sasaran = sorted(
            Sasaran.objects.filter(tujuan__renstra=renja.renstra).prefetch_related("program__nomenklatur"),
            key=lambda s: kunci_nomor(s.nomor),
        )
        program_kode = {i.sub_kegiatan.kegiatan.program.nomenklatur.kode for i in self.items}
        self.program_per_sasaran = {
            s.pk: sorted(p.nomenklatur.kode for p in s.program.all() if p.nomenklatur.kode in program_kode)
            for s in self.sasaran
        }
        sasaran_per_tujuan = {t.pk: [s.pk for s in self.sasaran if s.tujuan_id == t.pk] for t in self.tujuan}
        self.sasaran_pagu, self.tujuan_pagu = uang_pagu.rollup_renstra(
            self.pagu, self.program_per_sasaran, sasaran_per_tujuan
        )
        self.sasaran_pagu_maju, self.tujuan_pagu_maju = uang_pagu.rollup_renstra(
            self.pagu_maju, self.program_per_sasaran, sasaran_per_tujuan
        )


def rumusan_rencana(renja):
    """Tabel T-C.33 in the extended 16-column layout of the seeds: Rumusan Rencana Program,
    Kegiatan dan Sub Kegiatan Perangkat Daerah Tahun n dan Prakiraan Maju Tahun n+1, with the
    TOTAL KERANGKA PENDANAAN footer (spec §2.6). Pagu of every parent is the sum of its sub
    kegiatan (anggaran.pagu); targets are never aggregated."""
    data = _Rencana(renja)
    n = renja.tahun
    tabel = Tabel(
        kunci="tc33",
        kolom_nama=5,
        judul=(
            f"Rumusan Rencana Program, Kegiatan dan Sub Kegiatan Perangkat Daerah Tahun {n} "
            f"dan Prakiraan Maju Tahun {n + 1}"
        ),
        subjudul=subjudul(renja),
        kepala=[
            [
                Kepala("Urusan", rowspan=2),
                Kepala("Tujuan", rowspan=2),
                Kepala("Sasaran", rowspan=2),
                Kepala("Indikator Tujuan/Sasaran", rowspan=2),
                Kepala("Kode", rowspan=2),
                Kepala("Program/Kegiatan/Sub Kegiatan", rowspan=2),
                Kepala("Indikator Program/Kegiatan/Sub Kegiatan", rowspan=2),
                Kepala("Satuan Kinerja", rowspan=2),
                Kepala(f"Rencana Kerja Tahun {n}", colspan=5),
                Kepala(f"Prakiraan Maju Rencana Tahun {n + 1}", colspan=2),
                Kepala("Penanggung Jawab (OPD dan Unit OPD)", rowspan=2),
            ],
            [
                Kepala("Lokasi"),
                Kepala("Target Capaian Kinerja"),
                Kepala("Kebutuhan Dana/Pagu Indikatif (Rp)"),
                Kepala("Sumber Dana"),
                Kepala("Catatan Penting"),
                Kepala("Target Capaian Kinerja"),
                Kepala("Kebutuhan Dana/Pagu Indikatif (Rp)"),
            ],
        ],
        nomor_kolom=nomor_kolom(16),
    )

    def row(jenis, tingkat=0, **cells):
        values = [Sel()] * 16
        for index, cell in cells.items():
            values[int(index[1:]) - 1] = cell
        tabel.baris.append(Baris(jenis, values, tingkat))
        return tabel.baris[-1]

    def indicator_rows(jenis, owner_key, first_cells, tingkat=0):
        """The node's first row carries ``first_cells``; each further indicator is a continuation
        row. Returns the node's first row."""
        ind_col = "c4" if jenis in ("tujuan", "sasaran") else "c7"
        indikator = data.indikator.get(owner_key, [])
        if not indikator:
            return row(jenis, tingkat, **first_cells)
        first = len(tabel.baris)
        for index, (ind, now, nxt) in enumerate(indikator):
            cells = dict(first_cells) if index == 0 else {}
            cells.update(
                {
                    ind_col: teks(ind.nama),
                    "c8": teks(ind.satuan),
                    "c10": nilai_target(now),
                    "c14": nilai_target(nxt),
                }
            )
            row(jenis if index == 0 else "indikator", tingkat, **cells)
        return tabel.baris[first]

    items_by_program = defaultdict(list)
    for item in data.items:
        items_by_program[item.sub_kegiatan.kegiatan.program.nomenklatur.kode].append(item)

    program_of = {kode: items[0].sub_kegiatan.kegiatan.program for kode, items in items_by_program.items()}
    anak = defaultdict(list)  # node row -> the rows whose pagu it sums (a live =SUM in the XLSX)
    placed = set()
    heading = None
    for tujuan in data.tujuan:
        tujuan_row = indicator_rows(
            "tujuan",
            ("tujuan", tujuan.pk),
            {
                "c2": teks(tujuan.uraian),
                "c11": uang(data.tujuan_pagu.get(tujuan.pk)),
                "c15": uang(data.tujuan_pagu_maju.get(tujuan.pk)),
            },
            0,
        )
        for sasaran in (s for s in data.sasaran if s.tujuan_id == tujuan.pk):
            programs = data.program_per_sasaran[sasaran.pk]
            group = _kelompok(program_of[programs[0]]) if programs else heading
            if programs and group != heading:
                heading = group
                row("judul", c1=teks(group))
            sasaran_row = indicator_rows(
                "sasaran",
                ("sasaran", sasaran.pk),
                {
                    "c3": teks(sasaran.uraian),
                    "c11": uang(data.sasaran_pagu.get(sasaran.pk)),
                    "c15": uang(data.sasaran_pagu_maju.get(sasaran.pk)),
                },
                0,
            )
            anak[tujuan_row].append(sasaran_row)
            for kode in programs:
                anak[sasaran_row].append(_program_rows(kode, items_by_program[kode], data, indicator_rows, anak))
                placed.add(kode)
    program_rows = {}
    for kode in sorted(set(items_by_program) - placed):
        if _kelompok(program_of[kode]) != heading:
            heading = _kelompok(program_of[kode])
            row("judul", c1=teks(heading))
        program_rows[kode] = _program_rows(kode, items_by_program[kode], data, indicator_rows, anak)
    for baris in tabel.baris:
        if baris.jenis == "program":
            program_rows.setdefault(baris.sel[4].nilai, baris)

    total = row(
        "total", c6=teks("TOTAL KERANGKA PENDANAAN OPD"), c11=uang(data.pagu.get("")), c15=uang(data.pagu_maju.get(""))
    )
    anak[total] = [program_rows[kode] for kode in sorted(program_rows)]
    for parent, children in anak.items():
        for index in (10, 14):
            parent.sel[index] = Sel(parent.sel[index].nilai, "uang", rumus=Rumus("jumlah", baris=tuple(children)))
    return tabel


def _kelompok(program):
    """Urusan heading of a program: its bidang urusan, except that the X.XX.01 penunjang
    programs are grouped as NON URUSAN (SIPD practice, spec §2.6.2)."""
    return "NON URUSAN" if program.nomenklatur.kode.split(".")[2] == "01" else program.nomenklatur.induk.nama


def _program_rows(kode, items, data, indicator_rows, anak):
    """Rows of one program, its kegiatan and sub kegiatan; records in ``anak`` which rows each
    parent's pagu sums. Returns the program's row."""
    program = items[0].sub_kegiatan.kegiatan.program
    pj = items[0].penanggung_jawab
    program_row = indicator_rows(
        "program",
        ("program", program.pk),
        {
            "c5": teks(kode),
            "c6": teks(program.nomenklatur.nama),
            "c9": teks(items[0].lokasi),
            "c11": uang(data.pagu.get(kode)),
            "c12": teks(items[0].sumber_dana and items[0].sumber_dana.nama),
            "c15": uang(data.pagu_maju.get(kode)),
            "c16": teks(pj and str(pj)),
        },
        0,
    )
    kegiatan_seen = set()
    for item in items:
        kegiatan = item.sub_kegiatan.kegiatan
        k_kode = kegiatan.nomenklatur.kode
        if k_kode not in kegiatan_seen:
            kegiatan_seen.add(k_kode)
            kegiatan_row = indicator_rows(
                "kegiatan",
                ("kegiatan", kegiatan.pk),
                {
                    "c5": teks(k_kode),
                    "c6": teks(kegiatan.nomenklatur.nama),
                    "c9": teks(item.lokasi),
                    "c11": uang(data.pagu.get(k_kode)),
                    "c15": uang(data.pagu_maju.get(k_kode)),
                },
                1,
            )
            anak[program_row].append(kegiatan_row)
        sub = item.sub_kegiatan
        sub_row = indicator_rows(
            "sub_kegiatan",
            ("sub_kegiatan", sub.pk),
            {
                "c5": teks(sub.nomenklatur.kode),
                "c6": teks(sub.nomenklatur.nama),
                "c9": teks(item.lokasi),
                "c11": uang(item.pagu),
                "c12": teks(item.sumber_dana and item.sumber_dana.nama),
                "c13": teks(item.catatan_penting),
                "c15": uang(item.pagu_maju),
                "c16": teks(item.penanggung_jawab and str(item.penanggung_jawab)),
            },
            2,
        )
        anak[kegiatan_row].append(sub_row)
    return program_row
