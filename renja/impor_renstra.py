"""Import of an OPD's Renstra from the tables it is written in (issue 15 point 2): the
Renstra's "Rencana Program, Kegiatan dan Pendanaan" (Tujuan | Sasaran | Kode | Program/Kegiatan/
Sub Kegiatan | Indikator | Data Capaian Awal | per year: Target | Rp | Kondisi Kinerja pada Akhir
Periode: Target | Rp | Unit Kerja | Lokasi, headers of up to three rows) and the simpler
"Tujuan, Sasaran, Indikator, Target" table of Bab III (tujuan and sasaran numbered 1, 1.1 …).

The period comes from the years the headers name ("2024", "Tahun ke-1 (2024)") or from
``tahun`` (its first year) and must be five years, as when a Renstra is started by hand. The
file writes tujuan, sasaran and their indicators, the OPD's program → kegiatan → sub kegiatan
(codes through ``impor_rencana.Kamus``, the document's wording kept as ``nama_alias``) with
their indicators, a Renstra target per year and the end-of-period target, and the pagu of each
sub kegiatan per year (``PaguRenstra``; printed parent totals are only checked). A tipe or
sifat the file does not give is proposed (``renja.sifat``) and said in the dry run; a Tipe or
Sifat column overrides it. An adopted Renstra refuses the file (``renja.kunci``); a Renstra the
OPD lacks for that period is created. Nothing in the app is deleted by the file.
"""

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from renja import kode as kodefikasi
from renja.angka import BATAS_ANGKA, BATAS_UANG, format_ringkas
from renja.berkas import BARIS_KEPALA, BerkasTidakSah, Kemajuan, Kolom, baca_berkas, kunci_judul
from renja.impor import (
    BARU,
    BERUBAH,
    GALAT,
    KOSONG,
    SAMA,
    BarisImpor,
    HasilImpor,
    baris_nomor_kolom,
    catat_impor,
    teks_sel,
    tolak_bila_galat,
)
from renja.impor_rencana import (
    KEGIATAN,
    PROGRAM,
    SASARAN,
    SUB_KEGIATAN,
    TOTAL,
    TUJUAN,
    BarisTotal,
    Kamus,
    KodeGanda,
    KodeLama,
    selisih_total,
)
from renja.kunci import alasan_renstra, alasan_terkunci_semua
from renja.models import (
    SEN,
    Impor,
    Indikator,
    Kegiatan,
    PaguRenstra,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
)
from renja.sel import (
    GALAT_SPREADSHEET,
    INDEKS,
    JUMLAH,
    PERSEN,
    SelTidakSah,
    baca_nilai,
    baca_uang,
)
from renja.sel import (
    KOSONG as SEL_KOSONG,
)
from renja.sifat import KUALITATIF, baca_sifat, tebak_tipe, usul_sifat
from renja.struktur import node_opd
from renja.tahun_baru import PERIODE_RENSTRA
from renja.teks import kunci_nama

KOLOM = [
    Kolom("nomor", "No", ("no", "nomor"), wajib=False),
    Kolom("tujuan", "Tujuan", ("tujuan",), wajib=False),
    Kolom("sasaran", "Sasaran", ("sasaran",), wajib=False),
    Kolom("kode", "Kode", ("kode",), wajib=False),
    Kolom("nama", "Program/Kegiatan/Sub Kegiatan", ("program", "kegiatan", "uraian"), wajib=False),
    Kolom("indikator", "Indikator", ("indikator",)),
    Kolom("satuan", "Satuan", ("satuan",), wajib=False),
    Kolom("tipe", "Tipe", ("tipe",), wajib=False),
    Kolom("sifat", "Sifat", ("sifat",), wajib=False),
    Kolom("awal", "Data Capaian Awal", ("capaian awal", "kondisi awal", "data awal", "kinerja awal"), wajib=False),
    Kolom("unit", "Unit Kerja", ("unit kerja", "penanggung jawab"), wajib=False),
    Kolom("lokasi", "Lokasi", ("lokasi",), wajib=False),
]
TIDAK_DISIMPAN = ("awal", "unit", "lokasi")  # read, not stored by a Renstra: said once in the dry run
TIPE = {
    "angka": Indikator.TipeNilai.ANGKA,
    "jumlah": Indikator.TipeNilai.ANGKA,
    "persen": Indikator.TipeNilai.PERSEN,
    "persentase": Indikator.TipeNilai.PERSEN,
    "indeks": Indikator.TipeNilai.INDEKS,
    "indeks skor": Indikator.TipeNilai.INDEKS,
    "skor": Indikator.TipeNilai.INDEKS,
    "kualitatif": Indikator.TipeNilai.KUALITATIF,
}
KONTEKS = {Indikator.TipeNilai.PERSEN: PERSEN, Indikator.TipeNilai.ANGKA: JUMLAH}
PAGU = re.compile(r"\b(rp|pagu|anggaran|dana)\b")
RENSTRA, AKHIR = Target.Jenis.RENSTRA, Target.Jenis.AKHIR_RENSTRA


# --------------------------------------------------------------------------- the header


def judul_bertingkat(rows, index, tingkat=3):
    """The header text of each column of row ``index`` read with up to ``tingkat - 1`` header
    rows above it (each with two or more filled cells): a title merged over several columns
    (its text in the first) is carried to the right under the same title above it, and only
    over columns that have a sub-header below; a title merged down over the rows keeps its own
    text. "Target Kinerja | 2024 | Rp" is one column's text."""
    start = index
    while start > index - tingkat + 1 and start > 0 and sum(1 for v in rows[start - 1] if v not in (None, "")) >= 2:
        start -= 1
    block = rows[start : index + 1]
    width = max(len(r) for r in block)
    grid = [[r[c] if c < len(r) and r[c] not in (None, "") else None for c in range(width)] for r in block]
    parts = [[] for _ in range(width)]
    for level, row in enumerate(grid):
        carried, carried_from = None, None
        for col in range(width):
            if row[col] is not None:
                carried, carried_from = str(row[col]), col
                parts[col].append(carried)
            elif (
                carried is not None
                and any(grid[below][col] is not None for below in range(level + 1, len(grid)))
                and parts[col][:level] == parts[carried_from][:level]
            ):
                parts[col].append(carried)
    return [kunci_judul(" ".join(p)) for p in parts]


def _pasangkan(texts):
    """Each Kolom's first matching column (required first), as renja.berkas does."""
    found = {}
    for k in sorted(KOLOM, key=lambda k: not k.wajib):
        for col, text in enumerate(texts):
            if col not in found.values() and any(re.search(rf"\b{p}\b", text) for p in k.pola):
                found[k.kunci] = col
                break
    return found


def _kolom_nilai(texts, found):
    """The target and pagu columns: [(column, year or ("ke", N), "target" | "pagu")] for each
    year of the period, and {"target" | "pagu": column} of the end-of-period ("akhir") pair."""
    tahunan, akhir = [], {}
    for col, text in enumerate(texts):
        if col in found.values() or not text:
            continue
        jenis = "pagu" if PAGU.search(text) else "target" if re.search(r"\b(target|20\d\d|ke \d)\b", text) else None
        if jenis is None:
            continue
        if re.search(r"\bakhir\b", text):
            akhir.setdefault(jenis, col)
        elif year := re.search(r"\b(20\d\d)\b", text):
            tahunan.append((col, int(year.group(1)), jenis))
        elif ke := re.search(r"\bke (\d)\b", text):
            tahunan.append((col, ("ke", int(ke.group(1))), jenis))
    return tahunan, akhir


@dataclass
class _Kepala:
    index: int
    found: dict
    texts: list
    tahunan: list
    akhir: dict


def _kepala(rows):
    """The header of a sheet: the row (with up to two header rows above it) naming an Indikator
    column and the most target/pagu columns; None when no row names an Indikator column."""
    best = None
    for index in range(min(BARIS_KEPALA, len(rows))):
        texts = judul_bertingkat(rows, index)
        found = _pasangkan(texts)
        if "indikator" not in found:
            continue
        tahunan, akhir = _kolom_nilai(texts, found)
        score = len(found) + len(tahunan) + len(akhir)
        if tahunan or akhir:
            if best is None or score > best[0]:
                best = (score, _Kepala(index, found, texts, tahunan, akhir))
    return best[1] if best else None


def periode_berkas(kepala, tahun):
    """(tahun_awal, tahun_akhir) of the file's Renstra: ``tahun`` (its first year) or the years
    its headers name; BerkasTidakSah when it is not five years or the headers name years
    outside it."""
    years = sorted({y for k in kepala for _, y, _ in k.tahunan if isinstance(y, int)})
    if tahun:
        awal = tahun
    elif not years:
        raise BerkasTidakSah(
            "Periode Renstra tidak diketahui: judul kolom target tidak menyebut tahun (mis. 'Target 2024' atau "
            "'Tahun ke-1 (2024)'). Isi tahun awal Renstra (--tahun)."
        )
    else:
        awal = years[0]
        if years[-1] - awal + 1 != PERIODE_RENSTRA:
            raise BerkasTidakSah(
                f"Periode Renstra di berkas {awal}–{years[-1]} ({years[-1] - awal + 1} tahun) harus "
                f"{PERIODE_RENSTRA} tahun (misalnya {awal}–{awal + PERIODE_RENSTRA - 1}); perbaiki judul kolom atau "
                "isi tahun awal Renstra (--tahun). Tidak ada yang disimpan."
            )
    akhir = awal + PERIODE_RENSTRA - 1
    luar = [y for y in years if not awal <= y <= akhir]
    if luar:
        raise BerkasTidakSah(
            f"Judul kolom menyebut tahun {', '.join(map(str, luar))} di luar periode Renstra {awal}–{akhir} "
            f"({PERIODE_RENSTRA} tahun). Tidak ada yang disimpan."
        )
    return awal, akhir


# --------------------------------------------------------------------------- the plan the file makes


@dataclass(eq=False)
class _Bagian:
    """A tujuan or sasaran of the file and the stored one it is."""

    jenis: str
    nomor: str
    uraian: str
    induk: object = None
    obj: object = None
    program: list = field(default_factory=list)  # Program plans listed under a sasaran


@dataclass(eq=False)
class _Node:
    nom: object
    alias: str
    obj: object = None


@dataclass(eq=False)
class _Ind:
    pemilik: object  # a _Bagian or _Node
    nama: str
    satuan: str
    tipe: str
    sifat: str
    obj: object = None


def _nomor_uraian(text, nomor):
    """(number, text) of a tujuan or sasaran cell: "1.1 Meningkatnya …", "Tujuan 1: …" or the
    No column's number."""
    match = re.match(r"^(?:(?:tujuan|sasaran)\s*)?(\d+(?:\.\d+)*)[.):]?\s+(\S.*)$", text, re.I)
    if match:
        return match.group(1), match.group(2).strip()
    return (nomor or "").rstrip("."), text


class _Pembaca:
    """Reads the rows of one OPD's Renstra file against what is stored."""

    def __init__(self, opd, awal, akhir, renstra):
        self.opd, self.awal, self.akhir, self.renstra = opd, awal, akhir, renstra
        self.kamus = Kamus(opd.pemda.nomenklatur_versi)
        self.bidang = set(opd.bidang_urusan.values_list("kode", flat=True))
        self.ganda = KodeGanda()
        self.rows, self.totals, self.bagian, self.nodes, self.ind = [], [], [], {}, []
        self.tujuan = self.sasaran = self.pemilik = None
        self.seen_ind, self.seen_pagu = {}, {}
        self._muat()

    def _muat(self):
        opd = self.opd
        self.tujuan_ada = list(Tujuan.objects.filter(renstra=self.renstra)) if self.renstra else []
        self.sasaran_ada = (
            list(Sasaran.objects.filter(tujuan__renstra=self.renstra).prefetch_related("program"))
            if self.renstra
            else []
        )
        self.node_ada = {
            "program": {p.nomenklatur_id: p for p in Program.objects.filter(opd=opd)},
            "kegiatan": {k.nomenklatur_id: k for k in Kegiatan.objects.filter(program__opd=opd)},
            "sub_kegiatan": {s.nomenklatur_id: s for s in SubKegiatan.objects.for_opd(opd)},
        }
        self.ind_ada = {}
        for ind in Indikator.objects.for_opd(opd):
            self.ind_ada.setdefault((ind.level, getattr(ind, f"{ind.level}_id")), []).append(ind)
        years = range(self.awal, self.akhir + 1)
        self.target_ada = {
            (t.indikator_id, t.tahun, t.jenis): t
            for t in Target.objects.filter(
                indikator__in=Indikator.objects.for_opd(opd), jenis__in=(RENSTRA, AKHIR), tahun__in=years
            )
        }
        self.pagu_ada = (
            {(p.sub_kegiatan_id, p.tahun): p for p in PaguRenstra.objects.filter(renstra=self.renstra)}
            if self.renstra
            else {}
        )

    # -- rows

    def baca(self, sheet_rows, kepala):
        tahunan = [(col, self._tahun(y), jenis) for col, y, jenis in kepala.tahunan]
        for index in range(kepala.index + 1, len(sheet_rows)):
            row = sheet_rows[index]
            if all(v in (None, "") for v in row) or (index == kepala.index + 1 and baris_nomor_kolom(row)):
                continue

            def cell(key, row=row, found=kepala.found):
                col = found.get(key)
                return row[col] if col is not None and col < len(row) else None

            self._baris(index + 1, row, cell, kepala, tahunan)

    def _tahun(self, y):
        return self.awal + y[1] - 1 if isinstance(y, tuple) else y

    def _baris(self, nomor, row, cell, kepala, tahunan):
        def raw(col):
            return row[col] if col is not None and col < len(row) else None

        try:
            texts = {k: teks_sel(cell(k), k) for k in ("nomor", "tujuan", "sasaran", "nama", "indikator", "satuan")}
        except SelTidakSah as error:
            self.rows.append(BarisImpor(nomor, "Tujuan/Sasaran/Indikator", None, GALAT, str(error)))
            return
        pagu = {y: (col, raw(col)) for col, y, jenis in tahunan if jenis == "pagu"}
        target = {y: (col, raw(col)) for col, y, jenis in tahunan if jenis == "target"}
        tingkat = None
        if texts["tujuan"]:
            nomor_bagian, uraian = _nomor_uraian(texts["tujuan"], texts["nomor"])
            if "sasaran" not in kepala.found and nomor_bagian.count(".") >= 1:  # one column "Tujuan/Sasaran"
                tingkat = self._sasaran(nomor, nomor_bagian, uraian)
            else:
                tingkat = self._tujuan(nomor, nomor_bagian, uraian)
        if texts["sasaran"]:
            tingkat = self._sasaran(nomor, *_nomor_uraian(texts["sasaran"], texts["nomor"]))
        if cell("kode") not in (None, ""):
            tingkat = self._node(nomor, cell("kode"), texts["nama"])
        elif not tingkat and texts["nama"] and re.match(r"^(total|jumlah)\b", texts["nama"], re.I):
            tingkat = TOTAL
        if tingkat in (TUJUAN, SASARAN, PROGRAM, KEGIATAN, SUB_KEGIATAN, TOTAL):
            self._pagu(nomor, tingkat, pagu, raw(kepala.akhir.get("pagu")))
        if texts["indikator"]:
            self._indikator(nomor, texts, cell, target, kepala, raw)
        elif tingkat is None and any(v not in (None, "") for _, v in [*pagu.values(), *target.values()]):
            self.rows.append(
                BarisImpor(
                    nomor, "Indikator", None, GALAT, "baris berisi target atau pagu tanpa kode dan tanpa indikator"
                )
            )

    def _tujuan(self, nomor, nomor_bagian, uraian):
        nomor_bagian = nomor_bagian or str(sum(1 for b in self.bagian if b.jenis == TUJUAN) + 1)
        plan = _Bagian(TUJUAN, nomor_bagian, uraian)
        plan.obj = self._cocok_bagian(self.tujuan_ada, plan)
        self._baris_bagian(nomor, "Tujuan", plan)
        self.tujuan = self.pemilik = plan
        self.sasaran = None
        return TUJUAN

    def _sasaran(self, nomor, nomor_bagian, uraian):
        if self.tujuan is None:
            self.rows.append(BarisImpor(nomor, "Sasaran", uraian, GALAT, "sasaran sebelum tujuan pertama"))
            self.pemilik = None
            return SASARAN
        if not nomor_bagian:
            ke = sum(1 for b in self.bagian if b.induk is self.tujuan) + 1
            nomor_bagian = f"{self.tujuan.nomor}.{ke}"
        plan = _Bagian(SASARAN, nomor_bagian, uraian, induk=self.tujuan)
        kandidat = [s for s in self.sasaran_ada if self.tujuan.obj and s.tujuan_id == self.tujuan.obj.pk]
        plan.obj = self._cocok_bagian(kandidat, plan)
        self._baris_bagian(nomor, "Sasaran", plan)
        self.sasaran = self.pemilik = plan
        return SASARAN

    @staticmethod
    def _cocok_bagian(ada, plan):
        key = kunci_nama(plan.uraian)
        return next((o for o in ada if kunci_nama(o.uraian) == key), None) or next(
            (o for o in ada if o.nomor == plan.nomor), None
        )

    def _baris_bagian(self, nomor, kolom, plan):
        line = BarisImpor(nomor, kolom, plan.uraian, BARU, sasaran=plan, baru=f"{plan.nomor}. {plan.uraian}")
        if len(plan.uraian) < 3:
            line.status, line.pesan = GALAT, f"uraian {kolom.lower()} terlalu pendek"
        elif any(b.jenis == plan.jenis and b.induk is plan.induk and b.nomor == plan.nomor for b in self.bagian):
            line.status, line.pesan = GALAT, f"nomor {kolom.lower()} {plan.nomor} dipakai dua kali di berkas"
        elif plan.obj is not None:
            line.lama = f"{plan.obj.nomor}. {plan.obj.uraian}"
            line.status = SAMA if line.lama == line.baru else BERUBAH
        self.bagian.append(plan)
        self.rows.append(line)

    def _node(self, nomor, raw, nama):
        line = BarisImpor(nomor, "Kode", raw, GALAT)
        self.rows.append(line)
        self.pemilik = None
        try:
            kode = self.kamus.kode(raw)
            if isinstance(kode, KodeLama):
                raise SelTidakSah(kode_lama(self.opd, kode))
            level = kodefikasi.level_kode(kode)
            if level not in (PROGRAM, KEGIATAN, SUB_KEGIATAN):
                line.status, line.pesan = KOSONG, f"judul {kodefikasi.LEVEL_LABEL[level]}: tidak disimpan"
                return None
            cocok = self.kamus.cocokkan(kode, nama)
            if not kodefikasi.dalam_bidang(kode, self.bidang):
                raise SelTidakSah(f"kode {kode} bukan bidang urusan {self.opd.singkatan}")
            if ganda := self.ganda.catat(kode, nama, nomor):
                raise SelTidakSah(ganda)
        except SelTidakSah as error:
            line.pesan = str(error)
            return None
        plan = self.nodes.get(kode)
        if plan is None:
            plan = self.nodes[kode] = _Node(cocok.node, cocok.alias, self.node_ada[level].get(cocok.node.pk))
        line.sasaran, line.peringatan, line.nilai = plan, list(cocok.peringatan), {"kode": kode}
        line.baru = f"{kode} {cocok.node.nama}"
        perubahan = []
        if level == PROGRAM and self.sasaran is not None and plan not in self.sasaran.program:
            self.sasaran.program.append(plan)
            if self.sasaran.obj is None or plan.obj is None or plan.obj not in self.sasaran.obj.program.all():
                perubahan.append(f"dikaitkan ke sasaran {self.sasaran.nomor}")
        if plan.obj is None:
            line.status = BARU
        else:
            line.lama = line.baru
            if cocok.alias and cocok.alias != plan.obj.nama_alias:
                perubahan.append(f"nama dalam dokumen sumber '{cocok.alias}'")
            line.status = BERUBAH if perubahan else SAMA
        if perubahan:
            line.baru += " (" + "; ".join(perubahan) + ")"
        self.pemilik = plan
        self.totals.append(BarisTotal(nomor, level, kode, {}))
        return level

    def _pagu(self, nomor, tingkat, pagu, pagu_akhir):
        """Pagu per year: stored for a sub kegiatan, checked (never stored) for any parent."""
        total = self.totals[-1] if tingkat in (PROGRAM, KEGIATAN, SUB_KEGIATAN) and self.pemilik else None
        if total is None:
            total = BarisTotal(nomor, tingkat, None, {})
            self.totals.append(total)
        for tahun, (_col, raw) in sorted(pagu.items()):
            line = BarisImpor(nomor, f"Rp {tahun}", raw, GALAT, tahun=tahun)
            try:
                sel = baca_uang(raw)
                if sel.nilai is not None and (sel.nilai >= BATAS_UANG or sel.nilai != sel.nilai.quantize(SEN)):
                    raise SelTidakSah(
                        f"'{raw}': pagu harus rupiah dengan paling banyak 2 desimal, di bawah Rp 1.000 triliun"
                    )
            except SelTidakSah as error:
                line.pesan, line.dapat_dikosongkan = str(error), True
                self.rows.append(line)
                continue
            total.uang[tahun] = sel.nilai
            if tingkat != SUB_KEGIATAN or not isinstance(self.pemilik, _Node):
                continue
            line.peringatan = sel.peringatan
            self.rows.append(line)
            self._nilai(line, ("pagu", self.pemilik, tahun), sel.nilai, "", self._pagu_lama(self.pemilik, tahun))
        if pagu_akhir in (None, "") or tingkat != SUB_KEGIATAN:
            return
        try:
            printed = baca_uang(pagu_akhir).nilai
        except SelTidakSah as error:
            self.rows.append(
                BarisImpor(nomor, "Rp akhir periode", pagu_akhir, GALAT, str(error), dapat_dikosongkan=True)
            )
            return
        years = range(self.awal, self.akhir + 1)
        if printed is not None and printed < BATAS_UANG and all(total.uang.get(y) is not None for y in years):
            jumlah = sum(total.uang[y] for y in years)
            if jumlah != printed:
                self.rows[-1].peringatan.append(
                    f"pagu akhir periode tercetak {format_ringkas(printed)} tidak sama dengan jumlah pagu "
                    f"{self.awal}–{self.akhir} {format_ringkas(jumlah)}; yang disimpan pagu per tahun"
                )

    def _pagu_lama(self, plan, tahun):
        old = self.pagu_ada.get((plan.obj.pk, tahun)) if plan.obj else None
        return (old.pagu, "") if old else None

    def _nilai(self, line, kunci, nilai, teks, lama):
        """Finish ``line`` of one value (a target or a pagu) keyed ``kunci``: kosong, galat when
        the file gives it twice, otherwise baru / berubah / sama against ``lama`` ((nilai, teks)
        stored, or None)."""
        line.nilai = {"kunci": kunci, "nilai": nilai, "teks": teks}
        if nilai is None and not teks:
            line.status = KOSONG
            return
        if kunci in self.seen_pagu:
            line.status, line.pesan = GALAT, f"nilai yang sama sudah diisi pada baris {self.seen_pagu[kunci]}"
            return
        self.seen_pagu[kunci] = line.nomor
        line.baru = format_ringkas(nilai) if nilai is not None else teks
        if lama is None:
            line.status = BARU
            return
        line.lama = format_ringkas(lama[0]) if lama[0] is not None else lama[1]
        line.status = SAMA if (lama[0], lama[1]) == (nilai, teks) else BERUBAH

    def _indikator(self, nomor, texts, cell, target, kepala, raw):
        nama = texts["indikator"]
        line = BarisImpor(nomor, "Indikator", nama, GALAT)
        self.rows.append(line)
        if self.pemilik is None:
            line.pesan = "indikator tanpa tujuan, sasaran, program, kegiatan atau sub kegiatan yang sah di atasnya"
            return
        akhir_raw = raw(kepala.akhir.get("target"))
        cells = {**{y: c for y, c in target.items()}, "akhir": (kepala.akhir.get("target"), akhir_raw)}
        teks = [
            v
            for _, v in cells.values()
            if isinstance(v, str)
            and not re.search(r"\d", v)
            and v.strip() not in SEL_KOSONG
            and v.strip().upper() not in GALAT_SPREADSHEET
        ]
        satuan = texts["satuan"] or next((s for s in (_satuan(v) for _, v in cells.values()) if s), "")
        try:
            tipe, sifat, line.peringatan = self._definisi(nama, satuan, cell, cells, teks)
        except SelTidakSah as error:
            line.pesan = str(error)
            return
        key = (id(self.pemilik), kunci_nama(nama))
        if key in self.seen_ind:
            line.pesan = f"indikator '{nama}' sudah ada pada baris {self.seen_ind[key]} untuk pemilik yang sama"
            return
        self.seen_ind[key] = nomor
        plan = _Ind(self.pemilik, nama, satuan[:60], tipe, sifat)
        try:
            plan.obj = self._cocok_indikator(plan, line)
        except SelTidakSah as error:
            line.pesan = str(error)
            return
        line.sasaran, line.baru = plan, f"{nama} ({satuan or 'tanpa satuan'}; {tipe}; {sifat})"
        if plan.obj is None:
            line.status = BARU
        else:
            o = plan.obj
            line.lama = f"{o.nama} ({o.satuan or 'tanpa satuan'}; {o.tipe_nilai}; {o.sifat})"
            plan.satuan = plan.satuan if texts["satuan"] else o.satuan
            plan.tipe = tipe if cell("tipe") not in (None, "") else o.tipe_nilai
            plan.sifat = sifat if cell("sifat") not in (None, "") else o.sifat
            line.baru = f"{o.nama} ({plan.satuan or 'tanpa satuan'}; {plan.tipe}; {plan.sifat})"
            line.status = SAMA if line.baru == line.lama else BERUBAH
        self.ind.append((plan, line))
        nilai = [(tahun, cv, RENSTRA) for tahun, cv in sorted(target.items())] + [(self.akhir, cells["akhir"], AKHIR)]
        for tahun, (col, value), jenis in nilai:
            if col is not None:
                label = f"Target {tahun}" if jenis == RENSTRA else "Target akhir periode"
                self._target(nomor, label, value, plan, tahun, jenis)

    def _definisi(self, nama, satuan, cell, cells, teks):
        """(tipe, sifat, warnings): the Tipe and Sifat columns, else the proposals with their reason."""
        notes = []
        if cell("tipe") not in (None, ""):
            tipe = TIPE.get(kunci_judul(cell("tipe")))
            if tipe is None:
                raise SelTidakSah(f"tipe '{cell('tipe')}' tidak dikenal (tulis Angka, Persen, Indeks atau Kualitatif)")
        else:
            tipe, why = tebak_tipe(satuan, nama, teks)
            notes.append(f"tipe diusulkan {tipe}: {why}")
        try:
            sifat = baca_sifat(cell("sifat"))
        except ValueError as error:
            raise SelTidakSah(str(error)) from None
        if sifat is None:
            yearly = [self._angka(v, tipe) for y, (_, v) in cells.items() if y != "akhir"]
            sifat, why = usul_sifat(tipe, yearly, self._angka(cells["akhir"][1], tipe))
            notes.append(f"sifat diusulkan {sifat}: {why} (kolom Sifat mengubahnya)")
        elif sifat == Indikator.Sifat.KUMULATIF and tipe != Indikator.TipeNilai.ANGKA:
            raise SelTidakSah(
                f"sifat kumulatif hanya untuk indikator angka, bukan {tipe}: persentase dan indeks tidak dijumlahkan"
            )
        return tipe, sifat, notes

    @staticmethod
    def _angka(raw, tipe):
        try:
            return baca_nilai(raw, KONTEKS.get(tipe, INDEKS)).nilai
        except SelTidakSah:
            return None

    def _cocok_indikator(self, plan, line):
        owner = plan.pemilik
        if owner.obj is None:
            return None
        level = owner.jenis if isinstance(owner, _Bagian) else owner.nom.level
        ada = self.ind_ada.get((level, owner.obj.pk), [])
        exact = [i for i in ada if " ".join(i.nama.split()) == plan.nama]
        if exact:
            return exact[0]
        mirip = [i for i in ada if kunci_nama(i.nama) == kunci_nama(plan.nama)]
        if len(mirip) > 1:
            raise SelTidakSah(
                f"indikator '{plan.nama}' cocok dengan {len(mirip)} indikator yang tersimpan; samakan namanya"
            )
        if mirip:
            line.peringatan.append(
                f"dianggap indikator tersimpan '{mirip[0].nama}' (hanya berbeda huruf besar, spasi atau tanda baca)"
            )
            return mirip[0]
        return None

    def _target(self, nomor, kolom, raw, plan, tahun, jenis):
        line = BarisImpor(nomor, kolom, raw, GALAT, tahun=tahun)
        self.rows.append(line)
        try:
            if plan.tipe == KUALITATIF:
                nilai, teks = None, teks_sel(raw, kolom, panjang=120)
            else:
                sel = baca_nilai(raw, KONTEKS.get(plan.tipe, INDEKS), plan.satuan)
                if sel.teks:
                    raise SelTidakSah(f"'{sel.teks}' bukan angka, padahal indikator bertipe {plan.tipe}")
                nilai, teks, line.peringatan = sel.nilai, "", sel.peringatan
                if nilai is not None and (abs(nilai) >= BATAS_ANGKA or nilai != nilai.quantize(Decimal("0.0001"))):
                    raise SelTidakSah(f"'{raw}': angka terlalu besar atau lebih dari 4 desimal")
        except SelTidakSah as error:
            line.pesan, line.dapat_dikosongkan = str(error), True
            return
        lama = None
        if plan.obj is not None and (old := self.target_ada.get((plan.obj.pk, tahun, jenis))):
            lama = (old.nilai, old.nilai_teks)
        self._nilai(line, ("target", plan, tahun, jenis), nilai, teks, lama)

    def kunci(self):
        """GALAT on the new or changed indicators that a Renja locks (renja.kunci): one of a node
        whose every Renja is closed. (Renstra targets and tujuan/sasaran follow the Renstra's
        own lock, checked for the whole file.)"""
        lines, objs = [], []
        for plan, line in self.ind:
            owner = plan.pemilik
            if line.status not in (BARU, BERUBAH) or not isinstance(owner, _Node) or owner.obj is None:
                continue
            lines.append(line)
            objs.append(plan.obj or Indikator(**{f"{owner.nom.level}_id": owner.obj.pk}))
        for line, reason in zip(lines, alasan_terkunci_semua(objs), strict=True):
            if reason:
                line.status, line.pesan = GALAT, f"indikator tidak dapat ditambah atau diubah: {reason}"


def _satuan(raw):
    """The unit written in a target cell ("5 Dokumen" → "Dokumen", "100%" → "%")."""
    try:
        return baca_nilai(raw, JUMLAH).satuan
    except SelTidakSah:
        return ""


def kode_lama(opd, kode):
    """The one place a pre-Permendagri-90 code of a Renstra is handled. TODO(issue 15, riwayat):
    find or create the node of the Pemda's legacy code tree (the riwayat import's) here once it
    lands; until then such a code is refused with this message."""
    return (
        f"kode lama (sebelum Permendagri 90) {kode}: impor Renstra belum dapat menyimpan kode lama; tulis kode "
        "Permendagri 90 yang setara, atau tunggu pohon kode lama Pemda (impor riwayat)"
    )


# --------------------------------------------------------------------------- dry run and apply


def _renstra_periode(opd, awal, akhir):
    """The OPD's Renstra of exactly ``awal``–``akhir`` (None when it has none), or BerkasTidakSah
    when another Renstra overlaps that period or the Renstra is adopted (start its revision)."""
    found = list(Renstra.objects.filter(opd=opd, tahun_awal__lte=akhir, tahun_akhir__gte=awal))
    lain = [r for r in found if (r.tahun_awal, r.tahun_akhir) != (awal, akhir)]
    if lain:
        raise BerkasTidakSah(
            f"{opd.singkatan} sudah mempunyai Renstra {lain[0].tahun_awal}–{lain[0].tahun_akhir} yang beririsan dengan "
            f"periode berkas {awal}–{akhir}. Tidak ada yang disimpan."
        )
    renstra = found[0] if found else None
    if renstra and (reason := alasan_renstra(renstra)):
        raise BerkasTidakSah(
            f"Renstra tidak dapat diimpor: {reason} Mulai Revisi Renstra lebih dulu di halaman Renstra, lalu impor "
            "lagi. Tidak ada yang disimpan."
        )
    return renstra


def periksa(opd, data, nama_berkas, tahun=None, maju=None):
    """The dry run of a Renstra file of ``opd`` (``tahun``: the first year of its period when
    the headers name none): one BarisImpor per tujuan, sasaran, node, indicator, target and pagu,
    the printed parent totals that differ from their sub kegiatan. Nothing is written."""
    sheets = baca_berkas(data, nama_berkas, maju=maju)
    kemajuan = Kemajuan(sheets, maju)
    found = [(sheet, k) for sheet in sheets if (k := _kepala(sheet.baris))]
    if not found:
        raise BerkasTidakSah(
            "Tidak ada tabel Renstra yang terbaca: perlu kolom Indikator dan kolom target per tahun (mis. 'Target 2024'"
            " atau tahun di atas 'Target | Rp'), judul kolom pada 30 baris pertama; pakai templat dari aplikasi."
        )
    awal, akhir = periode_berkas([k for _, k in found], tahun)
    renstra = _renstra_periode(opd, awal, akhir)
    pembaca = _Pembaca(opd, awal, akhir, renstra)
    periode = BarisImpor(0, "Periode", f"{awal}–{akhir}", SAMA if renstra else BARU, baru=f"Renstra {awal}–{akhir}")
    pembaca.rows.append(periode)
    for sheet, kepala in found:
        tidak = [k.label for k in KOLOM if k.kunci in TIDAK_DISIMPAN and k.kunci in kepala.found]
        if tidak:
            periode.peringatan.append(
                f"lembar '{sheet.nama}': kolom {', '.join(tidak)} dibaca tetapi tidak disimpan oleh impor Renstra "
                "(lokasi dan unit kerja diisi pada Renja)"
            )
        pembaca.baca(sheet.baris, kepala)
        for _ in sheet.baris:
            kemajuan.satu()
    for selisih in selisih_total(pembaca.totals):
        line = next((b for b in pembaca.rows if b.nomor == selisih.nomor), None)
        if line is not None:
            line.peringatan.append(selisih.pesan(f"Rp {selisih.kolom}", "yang tercetak"))
    pembaca.kunci()
    kemajuan.tuntas()
    hasil = HasilImpor(nama_berkas, hashlib.sha256(data).hexdigest(), pembaca.rows)
    hasil.rencana = (awal, akhir, renstra, pembaca)
    return hasil


def _simpan(obj, user, alasan):
    obj._history_user, obj._change_reason = user, alasan
    obj.full_clean()
    obj.save()
    return obj


def terapkan(opd, user, data, nama_berkas, tahun=None, kosongkan=False, sesudah=None):
    """Read the file again and, if no line has an error, write it in one transaction with
    history ("impor #N …") and the Impor record; returns it. ``kosongkan``: a value cell that
    cannot be read (only those) is left empty instead (the admin confirmed it). ``sesudah``
    is called after the tree is written (tests inject a failure there)."""
    hasil = periksa(opd, data, nama_berkas, tahun)
    if kosongkan:
        for line in hasil.baris:
            if line.status == GALAT and line.dapat_dikosongkan:
                line.status = KOSONG
    tolak_bila_galat(hasil, "baris")
    awal, akhir, renstra, pembaca = hasil.rencana
    with transaction.atomic():
        impor, alasan = catat_impor(hasil, Impor.Jenis.RENSTRA, opd, user)
        if renstra is None:
            renstra = _simpan(Renstra(opd=opd, tahun_awal=awal, tahun_akhir=akhir), user, alasan)
        else:  # under the row lock: its status may have changed since the dry run
            renstra = Renstra.objects.select_for_update().get(pk=renstra.pk)
            if reason := alasan_renstra(renstra):
                raise BerkasTidakSah(f"Renstra tidak dapat diimpor: {reason} Tidak ada yang disimpan.")
        status = {id(b.sasaran): b.status for b in hasil.baris if b.sasaran is not None}
        for plan in pembaca.bagian:
            _tulis_bagian(plan, renstra, user, alasan, status.get(id(plan)))
        for plan in pembaca.nodes.values():
            _tulis_node(plan, opd, user, alasan)
        for plan in pembaca.bagian:
            if plan.jenis == SASARAN and plan.program:
                plan.obj.program.add(*(p.obj for p in plan.program))
        for plan, line in pembaca.ind:
            _tulis_indikator(plan, user, alasan, line.status)
        if sesudah:
            sesudah()
        for line in hasil.baris:
            if line.status in (BARU, BERUBAH) and "kunci" in line.nilai:
                _tulis_nilai(renstra, line.nilai, user, alasan)
    return impor


def _tulis_bagian(plan, renstra, user, alasan, status):
    if plan.obj is None:
        induk = {"renstra": renstra} if plan.jenis == TUJUAN else {"tujuan": plan.induk.obj}
        model = Tujuan if plan.jenis == TUJUAN else Sasaran
        plan.obj = _simpan(model(nomor=plan.nomor, uraian=plan.uraian, **induk), user, alasan)
    elif status == BERUBAH:
        plan.obj.nomor, plan.obj.uraian = plan.nomor, plan.uraian
        plan.obj.versi += 1
        _simpan(plan.obj, user, alasan)


def _tulis_node(plan, opd, user, alasan):
    nom = plan.nom
    if plan.obj is None:
        chain = {SUB_KEGIATAN: [nom.induk.induk, nom.induk, nom], KEGIATAN: [nom.induk, nom], PROGRAM: [nom]}[nom.level]
        lookup = {"opd": opd}
        for model, node in zip((Program, Kegiatan, SubKegiatan)[: len(chain)], chain, strict=True):
            obj = node_opd(model, user, alasan, nomenklatur=node, **lookup)
            lookup = {"program" if model is Program else "kegiatan": obj}
        plan.obj = obj
    if plan.alias and plan.obj.nama_alias != plan.alias:
        plan.obj.nama_alias = plan.alias
        _simpan(plan.obj, user, alasan)


def _tulis_indikator(plan, user, alasan, status):
    if status == SAMA:
        return
    owner = plan.pemilik
    field_name = owner.jenis if isinstance(owner, _Bagian) else owner.nom.level
    ind = plan.obj or Indikator(**{field_name: owner.obj}, nama=plan.nama)
    ind.satuan, ind.tipe_nilai, ind.sifat = plan.satuan, plan.tipe, plan.sifat
    if plan.obj is not None:
        ind.versi += 1
    plan.obj = _simpan(ind, user, alasan)


def _tulis_nilai(renstra, nilai, user, alasan):
    kunci = nilai["kunci"]
    if kunci[0] == "pagu":
        _, node, tahun = kunci
        obj = PaguRenstra.objects.filter(renstra=renstra, sub_kegiatan=node.obj, tahun=tahun).first()
        obj = obj or PaguRenstra(renstra=renstra, sub_kegiatan=node.obj, tahun=tahun)
        obj.pagu = nilai["nilai"]
    else:
        _, plan, tahun, jenis = kunci
        obj = Target.objects.filter(indikator=plan.obj, tahun=tahun, jenis=jenis).first()
        obj = obj or Target(indikator=plan.obj, tahun=tahun, jenis=jenis)
        obj.nilai, obj.nilai_teks = nilai["nilai"], nilai["teks"]
    if obj.pk:
        obj.versi += 1
    _simpan(obj, user, alasan)
