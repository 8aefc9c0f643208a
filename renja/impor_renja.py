"""Import of the Renja of year n of an OPD from a T-C.33 file (``manage.py impor renja``), in
any of the three layouts that occur, recognised by their headers (spec §2.6):

1. the regulation's form: Kode | Urusan/Bidang Urusan … Program/Kegiatan | Indikator | Rencana
   Tahun n (Lokasi, Target, Pagu Indikatif, Sumber Dana, Catatan Penting) | Prakiraan Maju n+1
   (Target, Pagu);
2. the extended Tujuan–Sasaran–Program–Kegiatan–Sub Kegiatan layout of both seeds and of the
   app's own T-C.33 export (Tujuan, Sasaran and Indikator Tujuan/Sasaran columns, Satuan,
   Penanggung Jawab);
3. SIPD-RI's Renja report (Target Akhir Periode Renstra, Realisasi/Prakiraan Capaian, Prioritas,
   Kelompok Sasaran, PD Penanggung Jawab): the columns the app does not keep are named in the
   dry run.

A row with a code is a program, kegiatan or sub kegiatan of the master (checked by
``renja.impor_rencana.Kamus``; the file's own wording kept as ``nama_alias``); a row without one
continues the node above it (one more indicator). Only sub kegiatan carry money: the printed
total of a parent row is checked (``selisih_total``), never stored. Targets go to the Renja of
year n (Target jenis renja n, prakiraan_maju n+1) and, from a Target Akhir column, to the
Renstra (akhir_renstra). Reading (this module) gives the dry run and a ``Rencana``;
``renja.impor_renja_simpan`` writes it in one transaction.
"""

import difflib
import hashlib
import re
from dataclasses import dataclass, field

from renja import kode as kodefikasi
from renja.angka import format_ringkas
from renja.berkas import BerkasTidakSah, Kemajuan, Kolom, baca_berkas, cari_kolom, judul_kolom
from renja.impor import BARU, BERUBAH, GALAT, KOSONG, SAMA, BarisImpor, HasilImpor, baris_nomor_kolom, teks_sel
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
from renja.kunci import alasan_renja, alasan_renstra
from renja.models import Indikator, Kegiatan, Program, Renja, Renstra, SubKegiatan, SumberDana, Tujuan, UnitKerja
from renja.sel import INDEKS, JUMLAH, PERSEN, SelTidakSah, baca_nilai, baca_uang
from renja.sifat import baca_sifat, tebak_tipe, usul_sifat
from renja.teks import kunci_nama

CATATAN = "catatan"  # a line that only informs (columns not taken, the layout, a Renja created)
_BUKAN = r"\b^(?!indikator)(?!prakiraan)(?:.*\b)?"  # a header not of an indicator nor of year n+1
KOLOM = [
    Kolom("kode", "Kode", ("kode",)),
    Kolom("pagu", "Kebutuhan Dana/Pagu Indikatif", (_BUKAN + r"(?:pagu|kebutuhan dana)",)),
    Kolom("tujuan", "Tujuan", (r"\b^tujuan",), wajib=False),
    Kolom("sasaran", "Sasaran", (r"\b^sasaran",), wajib=False),
    Kolom("indikator_ts", "Indikator Tujuan/Sasaran", ("indikator tujuan", "indikator sasaran"), wajib=False),
    Kolom("nama", "Program/Kegiatan/Sub Kegiatan", (_BUKAN + r"(?:program|uraian|nomenklatur)",), wajib=False),
    Kolom("indikator", "Indikator", (r"indikator(?! tujuan)(?! sasaran)",), wajib=False),
    Kolom("satuan", "Satuan", ("satuan",), wajib=False),
    Kolom("lokasi", "Lokasi", ("lokasi",), wajib=False),
    Kolom("target_akhir", "Target Akhir Periode Renstra", ("target akhir", "akhir periode"), wajib=False),
    Kolom("target_maju", "Prakiraan Maju: Target", (r"prakiraan maju.*target",), wajib=False),
    Kolom("pagu_maju", "Prakiraan Maju: Pagu", (r"prakiraan maju.*(?:pagu|kebutuhan dana)",), wajib=False),
    Kolom("target", "Target", (_BUKAN + r"(?!.*\bakhir\b)(?!.*\brealisasi\b)target",), wajib=False),
    Kolom("sumber_dana", "Sumber Dana", ("sumber dana",), wajib=False),
    Kolom("catatan", "Catatan Penting", ("catatan",), wajib=False),
    Kolom("penanggung_jawab", "Penanggung Jawab", ("penanggung jawab",), wajib=False),
    Kolom("tipe", "Tipe", (r"\b^tipe",), wajib=False),
    Kolom("sifat", "Sifat", (r"\b^sifat",), wajib=False),
]
LABEL = {k.kunci: k.label for k in KOLOM}
TIPE = {
    "angka": Indikator.TipeNilai.ANGKA,
    "persen": Indikator.TipeNilai.PERSEN,
    "persentase": Indikator.TipeNilai.PERSEN,
    "indeks": Indikator.TipeNilai.INDEKS,
    "indeks skor": Indikator.TipeNilai.INDEKS,
    "kualitatif": Indikator.TipeNilai.KUALITATIF,
}
TEKS = (Indikator.TipeNilai.KUALITATIF, Indikator.TipeNilai.KATEGORI)
KONTEKS = {Indikator.TipeNilai.PERSEN: PERSEN, Indikator.TipeNilai.ANGKA: JUMLAH, Indikator.TipeNilai.INDEKS: INDEKS}
_TINGKAT_LABEL = {TOTAL: "TOTAL", TUJUAN: "tujuan", SASARAN: "sasaran", PROGRAM: "program", KEGIATAN: "kegiatan"}
_NOMOR = re.compile(r"^(?:tujuan|sasaran)?\s*(\d+(?:\.\d+)*)\.?\s+(.*)$", re.I | re.S)
_UNIT = re.compile(r"^\s*[-+]?[\d.,\s]*\d\s*(%|[^\W\d_].*?)\s*$")
_DIABAIKAN = {"no", "nomor", "urusan"}


@dataclass
class Nilai:
    """One value cell of the file as read: the number or text to store (None: empty or bad)."""

    nomor: int
    kolom: str
    mentah: object
    nilai: object = None
    teks: str = ""
    galat: bool = False
    peringatan: list = field(default_factory=list)

    @property
    def ada(self):
        return self.nilai is not None or bool(self.teks)


@dataclass
class IndBerkas:
    nomor: int
    nama: str
    satuan: str = ""
    tipe: str = ""
    sifat: str = ""
    target: dict = field(default_factory=dict)  # Target.Jenis → Nilai
    obj: Indikator | None = None  # the stored indicator it matches


@dataclass
class Simpul:
    """A node of the file: tujuan, sasaran, program, kegiatan or sub kegiatan."""

    tingkat: str
    nomor: int
    node: object = None  # the Nomenklatur (program … sub kegiatan)
    alias: str = ""
    uraian: str = ""  # tujuan, sasaran
    nomor_teks: str = ""
    induk: object = None  # the Simpul of the tujuan of a sasaran
    sasaran: object = None  # the Simpul of the sasaran a program follows (extended layout)
    obj: object = None  # the stored object it matches
    indikator: list = field(default_factory=list)
    item: dict = field(default_factory=dict)  # sub kegiatan: field → Nilai (pagu, lokasi, …)


@dataclass
class Rencana:
    """What the file says, for ``renja.impor_renja_simpan``."""

    opd: object
    tahun: int
    renja: Renja | None
    renstra: Renstra
    simpul: list = field(default_factory=list)
    sumber_dana: dict = field(default_factory=dict)  # kunci_nama → SumberDana (saved or to create)
    unit_kerja: dict = field(default_factory=dict)  # kunci_nama → UnitKerja (saved or to create)
    items: dict = field(default_factory=dict)  # sub kegiatan id → the Renja's stored RenjaSubKegiatan
    stored: dict = field(default_factory=dict)  # tingkat → {nomenklatur id: the OPD's stored node}
    master: dict = field(default_factory=dict)  # nomenklatur id → Nomenklatur of the Pemda's version


def _teks(raw):
    try:
        return teks_sel(raw, "")
    except SelTidakSah:
        return ""


def _tahun_berkas(texts, found, tahun):
    """Year n: ``tahun`` or the year the Target/Pagu header of year n names; they must agree."""
    named = {
        int(m.group(1))
        for key in ("target", "pagu")
        if key in found and (m := re.search(r"\b(20\d\d)\b", texts[found[key]]))
    }
    if tahun and named and tahun not in named:
        raise BerkasTidakSah(f"Berkas ini Renja tahun {min(named)}, bukan {tahun}: periksa --tahun atau berkasnya.")
    if not tahun and len(named) == 1:
        return named.pop()
    if not tahun:
        raise BerkasTidakSah("Isi tahun Renja (tahun n): judul kolom berkas tidak menyebut tahunnya.")
    return tahun


def renja_tujuan(opd, tahun):
    """(the Renja of ``opd`` and ``tahun`` or None, the Renstra covering ``tahun``), or
    BerkasTidakSah: the Renja is locked, or there is neither a Renja nor a Renstra to hold it."""
    renja = Renja.objects.select_related("renstra").filter(opd=opd, tahun=tahun).first()
    if renja is not None:
        if alasan := alasan_renja(renja):
            raise BerkasTidakSah(f"Renja tidak dapat diimpor: {alasan} Tidak ada yang disimpan.")
        return renja, renja.renstra
    renstra = Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).first()
    if renstra is None:
        raise BerkasTidakSah(
            f"{opd.singkatan} belum mempunyai Renja {tahun} maupun Renstra yang mencakup tahun {tahun}: impor "
            f"Renstra lebih dulu (manage.py impor renstra … --opd {opd.singkatan}) atau mulai di "
            f"/renja/{opd.singkatan}/mulai/, lalu impor Renja lagi."
        )
    return None, renstra


class _Pembaca:
    """Reads the rows of one file for one OPD and year against what the database holds."""

    def __init__(self, opd, tahun, renja, renstra, kosongkan=False):
        self.opd, self.tahun, self.kosongkan = opd, tahun, kosongkan
        self.rencana = Rencana(opd, tahun, renja, renstra)
        self.kamus = Kamus(opd.pemda.nomenklatur_versi)
        self.bidang = set(opd.bidang_urusan.values_list("kode", flat=True))
        self.ganda, self.lines, self.totals = KodeGanda(), [], []
        self.stored = {
            PROGRAM: {p.nomenklatur_id: p for p in Program.objects.filter(opd=opd)},
            KEGIATAN: {k.nomenklatur_id: k for k in Kegiatan.objects.filter(program__opd=opd)},
            SUB_KEGIATAN: {s.nomenklatur_id: s for s in SubKegiatan.objects.for_opd(opd)},
        }
        self.items = (
            {i.sub_kegiatan_id: i for i in renja.sub_kegiatan.select_related("sumber_dana", "penanggung_jawab")}
            if renja
            else {}
        )
        self.indikator = {}
        for ind in Indikator.objects.for_opd(opd).prefetch_related("target"):
            self.indikator.setdefault((ind.level, getattr(ind, f"{ind.level}_id")), []).append(ind)
        self.tujuan = list(Tujuan.objects.filter(renstra=renstra).prefetch_related("sasaran"))
        self.rencana.sumber_dana = {kunci_nama(s.nama): s for s in SumberDana.objects.filter(pemda=opd.pemda)}
        self.rencana.unit_kerja = {}
        for u in opd.unit_kerja.all():
            for name in (u.jabatan, u.nama):
                if name:
                    self.rencana.unit_kerja.setdefault(kunci_nama(name), u)
        self.seen_sub = {}
        self.rencana.items, self.rencana.stored = self.items, self.stored
        self.rencana.master = {n.pk: n for n in self.kamus.by_kode.values()}

    # ------------------------------------------------------------------ lines

    def line(self, nomor, kolom, mentah, status, pesan="", peringatan=(), sasaran=None, renstra=False, **kw):
        """One dry-run line; ``renstra`` marks a change of the Renstra (tujuan, sasaran, their
        indicators, the end-of-Renstra target), refused while the Renstra is closed."""
        b = BarisImpor(nomor, kolom, mentah, status, pesan, sasaran=sasaran, peringatan=list(peringatan), **kw)
        b.nilai = {"renstra": renstra}
        self.lines.append(b)
        return b

    def galat_nilai(self, nomor, kolom, mentah, pesan, sasaran=None):
        """A value cell that cannot be read: an error the admin may have left empty instead."""
        if self.kosongkan:
            return self.line(
                nomor, kolom, mentah, KOSONG, f"dikosongkan atas persetujuan admin: {pesan}", sasaran=sasaran
            )
        b = self.line(nomor, kolom, mentah, GALAT, pesan, sasaran=sasaran)
        b.dapat_dikosongkan = True
        return b

    # ------------------------------------------------------------------ rows

    def baca(self, rows, header, found):
        self.found = found
        current = ts = sasaran = None  # node above (program/kegiatan/sub), tujuan/sasaran above
        for index in range(header + 1, len(rows)):
            row = rows[index]
            self.kemajuan.satu()
            if all(v in (None, "") for v in row) or (index == header + 1 and baris_nomor_kolom(row)):
                continue
            nomor = index + 1

            def cell(key, row=row):
                col = found.get(key)
                return row[col] if col is not None and col < len(row) else None

            kode_raw, nama = cell("kode"), _teks(cell("nama"))
            if kode_raw not in (None, "") and _teks(kode_raw):
                simpul = self.node(nomor, cell, kode_raw, nama, sasaran)
                if simpul is not None and simpul.tingkat not in (PROGRAM, KEGIATAN, SUB_KEGIATAN):
                    continue  # an urusan or bidang urusan heading
                current = simpul or False
                if simpul:
                    self.indikator_baris(simpul, nomor, cell, "indikator")
                continue
            if tujuan := _teks(cell("tujuan")):
                current, ts = None, self.bagian(TUJUAN, nomor, tujuan, None, cell)
                sasaran = None
                continue
            if uraian := _teks(cell("sasaran")):
                if ts is None:
                    self.line(nomor, LABEL["sasaran"], uraian, GALAT, "sasaran tanpa tujuan di atasnya")
                    continue
                tujuan_simpul = ts if ts.tingkat == TUJUAN else ts.induk
                current, ts = None, self.bagian(SASARAN, nomor, uraian, tujuan_simpul, cell)
                sasaran = ts
                continue
            if re.match(r"^(total|jumlah)\b", nama, re.I) or re.match(r"^total\b", _teks(row[0]) if row else "", re.I):
                self.totals.append(BarisTotal(nomor, TOTAL, None, self.uang_induk(nomor, cell)))
                continue
            money = any(_teks(cell(k)) for k in ("pagu", "pagu_maju"))
            has_ind = _teks(cell("indikator")) or _teks(cell("indikator_ts"))
            if not money and not has_ind:
                continue  # a heading (urusan, bidang) or a note
            if current is False:
                continue  # continues a node already refused
            if _teks(cell("indikator_ts")) and ts is not None:
                self.indikator_baris(ts, nomor, cell, "indikator_ts")
            elif current is None:
                self.line(
                    nomor,
                    LABEL["indikator"] if has_ind else LABEL["pagu"],
                    has_ind or cell("pagu"),
                    GALAT,
                    "baris berisi indikator atau pagu tetapi tanpa kode, dan tidak ada program/kegiatan/sub kegiatan "
                    "di atasnya: isi kolom Kode",
                )
                continue
            else:
                self.indikator_baris(current, nomor, cell, "indikator")
            if money and current:
                self.uang_lanjutan(current, nomor, cell)

    def node(self, nomor, cell, kode_raw, nama, sasaran):
        try:
            kode = self.kamus.kode(kode_raw)
            if isinstance(kode, KodeLama):
                raise SelTidakSah(
                    f"kode lama (sebelum Permendagri 90) {kode} hanya untuk riwayat Tabel 2.1/Renstra; Renja tahun "
                    f"{self.tahun} memakai kode Permendagri 90"
                )
            tingkat = kodefikasi.level_kode(kode)
            if tingkat not in (PROGRAM, KEGIATAN, SUB_KEGIATAN):
                return Simpul(tingkat, nomor)
            cocok = self.kamus.cocokkan(kode, nama)
            if not kodefikasi.dalam_bidang(kode, self.bidang):
                raise SelTidakSah(
                    f"kode {kode} bukan bidang urusan {self.opd.singkatan} ({', '.join(sorted(self.bidang))})"
                )
            if pesan := self.ganda.catat(kode, nama, nomor):
                raise SelTidakSah(pesan)
            if tingkat == SUB_KEGIATAN and kode in self.seen_sub:
                raise SelTidakSah(f"sub kegiatan {kode} sudah ada pada baris {self.seen_sub[kode]}")
        except SelTidakSah as error:
            self.line(nomor, LABEL["kode"], kode_raw, GALAT, str(error))
            return None
        simpul = Simpul(tingkat, nomor, cocok.node, cocok.alias, sasaran=sasaran)
        simpul.obj = self.stored[tingkat].get(cocok.node.pk)
        self.rencana.simpul.append(simpul)
        uang = {}
        if tingkat == SUB_KEGIATAN:
            self.seen_sub[kode] = nomor
            self.item(simpul, nomor, cell)
            uang = {k: (v.nilai if v else None) for k in ("pagu", "pagu_maju") for v in [simpul.item.get(k)]}
        else:
            uang = self.uang_induk(nomor, cell)
            self.last[tingkat] = simpul
            if tingkat == PROGRAM:
                self.last.pop(KEGIATAN, None)
            for key in ("lokasi", "sumber_dana", "penanggung_jawab"):
                simpul.item[key] = Nilai(nomor, LABEL[key], cell(key), teks=_teks(cell(key))[:300])
        self.totals.append(BarisTotal(nomor, tingkat, kode, uang))
        status = (
            BARU
            if simpul.obj is None
            else (SAMA if not cocok.alias or simpul.obj.nama_alias == cocok.alias else BERUBAH)
        )
        self.line(
            nomor,
            LABEL["kode"],
            kode_raw,
            status,
            sasaran=cocok.node,
            peringatan=cocok.peringatan,
            lama=simpul.obj.nama_alias if simpul.obj else "",
            baru=cocok.alias,
        )
        return simpul

    def uang_induk(self, nomor, cell):
        """The money a parent row prints, for the totals check only (never stored)."""
        out = {}
        for key in ("pagu", "pagu_maju"):
            try:
                out[key] = baca_uang(cell(key)).nilai
            except SelTidakSah as error:
                out[key] = None
                self.line(
                    nomor,
                    LABEL[key],
                    cell(key),
                    CATATAN,
                    peringatan=[f"jumlah tercetak tidak terbaca, tidak diperiksa: {error}"],
                )
        return out

    def item(self, simpul, nomor, cell):
        for key in ("pagu", "pagu_maju"):
            simpul.item[key] = self.uang(nomor, key, cell(key), simpul.node)
        for key in ("lokasi", "sumber_dana", "catatan", "penanggung_jawab"):
            raw = cell(key)
            try:
                simpul.item[key] = Nilai(nomor, LABEL[key], raw, teks=teks_sel(raw, LABEL[key], panjang=300))
            except SelTidakSah as error:
                simpul.item[key] = Nilai(nomor, LABEL[key], raw, galat=True)
                self.galat_nilai(nomor, LABEL[key], raw, str(error), simpul.node)

    def uang(self, nomor, key, raw, node):
        try:
            sel = baca_uang(raw)
        except SelTidakSah as error:
            self.galat_nilai(nomor, LABEL[key], raw, str(error), node)
            return Nilai(nomor, LABEL[key], raw, galat=True)
        if sel.peringatan:
            self.line(nomor, LABEL[key], raw, CATATAN, peringatan=sel.peringatan, sasaran=node)
        return Nilai(nomor, LABEL[key], raw, sel.nilai)

    def uang_lanjutan(self, simpul, nomor, cell):
        """Money on a row without a code: a sub kegiatan's pagu written on its second row, or an error."""
        for key in ("pagu", "pagu_maju"):
            if not _teks(cell(key)):
                continue
            if simpul.tingkat == SUB_KEGIATAN and not simpul.item[key].ada:
                simpul.item[key] = self.uang(nomor, key, cell(key), simpul.node)
            elif simpul.tingkat == SUB_KEGIATAN:
                self.line(
                    nomor,
                    LABEL[key],
                    cell(key),
                    GALAT,
                    f"pagu kedua untuk sub kegiatan {simpul.node.kode} (pagu sudah di baris {simpul.item[key].nomor})",
                )

    def bagian(self, tingkat, nomor, teks, induk, cell):
        """A tujuan or sasaran row: matched by its text among those of the Renstra (or its tujuan)."""
        match = _NOMOR.match(teks)
        nomor_teks, uraian = (match.group(1), match.group(2).strip()) if match else ("", teks)
        simpul = Simpul(tingkat, nomor, uraian=uraian, nomor_teks=nomor_teks, induk=induk)
        pool = self.tujuan if tingkat == TUJUAN else (list(induk.obj.sasaran.all()) if induk and induk.obj else [])
        simpul.obj = next((o for o in pool if kunci_nama(o.uraian) == kunci_nama(uraian)), None)
        self.rencana.simpul.append(simpul)
        self.totals.append(BarisTotal(nomor, tingkat, None, self.uang_induk(nomor, cell)))
        self.line(nomor, LABEL[tingkat], teks, SAMA if simpul.obj else BARU, renstra=True)
        self.indikator_baris(simpul, nomor, cell, "indikator_ts" if "indikator_ts" in self.found else "indikator")
        return simpul

    # ------------------------------------------------------------------ indicators

    def indikator_baris(self, simpul, nomor, cell, kolom):
        nama = _teks(cell(kolom))
        if not nama:
            return
        raws = {
            j: cell(k)
            for j, k in (("renja", "target"), ("prakiraan_maju", "target_maju"), ("akhir_renstra", "target_akhir"))
            if k in self.found
        }
        satuan = _teks(cell("satuan"))
        ind = IndBerkas(nomor, nama[:2000], satuan[:60])
        owner = (simpul.tingkat, simpul.obj.pk) if simpul.obj else None
        ind.obj = self.cocokkan_indikator(ind, simpul, owner, kolom)
        if ind.obj is False:
            return
        notes = []
        if not ind.satuan:
            unit = next((m.group(1) for r in raws.values() if isinstance(r, str) and (m := _UNIT.match(r))), "")
            if unit:
                ind.satuan = unit[:60]
                notes.append(f"satuan '{unit}' diambil dari sel target")
            elif ind.obj:
                ind.satuan = ind.obj.satuan
        try:
            tipe_raw = _teks(cell("tipe")).lower()
            if tipe_raw and tipe_raw not in TIPE:
                raise SelTidakSah(f"tipe '{tipe_raw}' tidak dikenal (tulis Angka, Persen, Indeks atau Kualitatif)")
            sifat_file = baca_sifat(cell("sifat")) if _teks(cell("sifat")) else None
        except (SelTidakSah, ValueError) as error:
            self.line(nomor, "Tipe/Sifat", cell("tipe") or cell("sifat"), GALAT, str(error), sasaran=simpul.node)
            return
        texts = [
            r
            for r in raws.values()
            if isinstance(r, str) and r.strip() and not re.search(r"\d", r) and r.strip() not in "-–—"
        ]
        if tipe_raw:
            ind.tipe = TIPE[tipe_raw]
        elif ind.obj:
            ind.tipe = ind.obj.tipe_nilai
        else:
            ind.tipe, why = tebak_tipe(ind.satuan, nama, texts)
            notes.append(f"tipe {ind.tipe} ({why})")
        for jenis, raw in raws.items():
            ind.target[jenis] = self.target(ind, jenis, raw, simpul)
        simpul.indikator.append(ind)
        if sifat_file:
            ind.sifat = sifat_file
        elif ind.obj:
            ind.sifat = ind.obj.sifat
        else:
            ind.sifat, why = self.usul(ind)
            notes.append(f"sifat diusulkan {ind.sifat}: {why}")
        if ind.sifat == Indikator.Sifat.KUMULATIF and ind.tipe != Indikator.TipeNilai.ANGKA:
            self.line(
                nomor,
                "Sifat",
                cell("sifat"),
                GALAT,
                f"hanya indikator angka yang boleh kumulatif, bukan tipe {ind.tipe}",
            )
            return
        self.status_indikator(ind, simpul, kolom, notes)

    def cocokkan_indikator(self, ind, simpul, owner, kolom):
        """The stored indicator of the node that the file names: the same name, or a unique near
        name (said); names differing only by case, spacing or punctuation are asked about
        (GALAT with both), never matched silently. False when refused."""
        for other in simpul.indikator:
            if kunci_nama(other.nama) == kunci_nama(ind.nama):
                self.line(
                    ind.nomor,
                    LABEL[kolom],
                    ind.nama,
                    GALAT,
                    f"indikator '{ind.nama}' sudah ada pada baris {other.nomor} ('{other.nama}') untuk "
                    f"{simpul.node.kode if simpul.node else simpul.uraian}: hapus salah satu atau bedakan namanya",
                    sasaran=simpul.node,
                )
                return False
        stored = (
            [i for i in self.indikator.get(owner, []) if i not in {x.obj for x in simpul.indikator}] if owner else []
        )
        exact = [i for i in stored if " ".join(i.nama.split()) == " ".join(ind.nama.split())]
        if exact:
            return exact[0]
        same_key = [i for i in stored if kunci_nama(i.nama) == kunci_nama(ind.nama)]
        if same_key:
            self.line(
                ind.nomor,
                LABEL[kolom],
                ind.nama,
                GALAT,
                f"indikator '{ind.nama}' hanya berbeda huruf besar/kecil, spasi atau tanda baca dengan "
                f"'{same_key[0].nama}' yang tersimpan: samakan penulisannya di berkas bila indikator yang sama, "
                "atau bedakan namanya bila indikator lain",
                sasaran=simpul.node,
            )
            return False
        near = [
            i for i in stored if difflib.SequenceMatcher(None, kunci_nama(i.nama), kunci_nama(ind.nama)).ratio() >= 0.9
        ]
        if len(near) == 1:
            ind.catatan_cocok = (
                f"dicocokkan dengan indikator tersimpan '{near[0].nama}' (nama mirip; nama tersimpan dipakai)"
            )
            return near[0]
        return None

    def target(self, ind, jenis, raw, simpul):
        label = {
            "renja": f"Target {self.tahun}",
            "prakiraan_maju": f"Target {self.tahun + 1}",
            "akhir_renstra": "Target Akhir Renstra",
        }[jenis]
        nilai = Nilai(ind.nomor, label, raw)
        try:
            sel = baca_nilai(raw, KONTEKS.get(ind.tipe, INDEKS), ind.satuan)
            if sel.teks and ind.tipe not in TEKS:
                raise SelTidakSah(f"'{sel.teks}' bukan angka, padahal indikator ini bertipe {ind.tipe}")
        except SelTidakSah as error:
            self.galat_nilai(ind.nomor, label, raw, str(error), simpul.node)
            nilai.galat = True
            return nilai
        if ind.tipe in TEKS:  # a qualitative value is kept as written, a number in it too
            nilai.teks = (sel.teks or (teks_sel(raw, label) if sel.nilai is not None else ""))[:120]
        else:
            nilai.nilai = sel.nilai
        nilai.peringatan = list(sel.peringatan)
        return nilai

    def usul(self, ind):
        """The sifat of a new indicator from the Renstra targets the OPD has, or the file's."""
        yearly = [ind.target[j].nilai for j in ("renja", "prakiraan_maju") if j in ind.target]
        akhir = ind.target.get("akhir_renstra")
        return usul_sifat(ind.tipe, yearly, akhir.nilai if akhir else None)

    def status_indikator(self, ind, simpul, kolom, notes):
        obj = ind.obj
        shown = f"{ind.satuan} · {ind.tipe} · {ind.sifat}"
        notes = [*notes, *([ind.catatan_cocok] if getattr(ind, "catatan_cocok", "") else [])]
        if obj is None:
            status, lama = BARU, ""
        else:
            lama = f"{obj.satuan} · {obj.tipe_nilai} · {obj.sifat}"
            status = SAMA if lama == shown else BERUBAH
        self.line(
            ind.nomor,
            LABEL[kolom],
            ind.nama,
            status,
            sasaran=simpul.node or simpul.uraian,
            peringatan=notes,
            lama=lama,
            baru=shown,
            renstra=simpul.tingkat in (TUJUAN, SASARAN),
        )
        stored = {(t.jenis, t.tahun): t for t in obj.target.all()} if obj else {}
        for jenis, nilai in ind.target.items():
            if nilai.galat:
                continue  # an error already named
            tahun = self.tahun_target(jenis)
            old = stored.get((jenis, tahun))
            baru = format_ringkas(nilai.nilai) if nilai.nilai is not None else nilai.teks
            if not nilai.ada:
                status = KOSONG
            elif old is None:
                status = BARU
            else:
                status = SAMA if (old.nilai, old.nilai_teks) == (nilai.nilai, nilai.teks) else BERUBAH
            self.line(
                nilai.nomor,
                nilai.kolom,
                nilai.mentah,
                status,
                sasaran=simpul.node or simpul.uraian,
                peringatan=nilai.peringatan,
                tahun=tahun,
                lama=(old.isi if old else ""),
                baru=baru,
                renstra=jenis == "akhir_renstra",
            )

    def tahun_target(self, jenis):
        return {"renja": self.tahun, "prakiraan_maju": self.tahun + 1}.get(jenis, self.rencana.renstra.tahun_akhir)

    # ------------------------------------------------------------------ the sub kegiatan rows

    def induk_teks(self, simpul, key):
        """A sub kegiatan's lokasi, sumber dana or penanggung jawab left empty: the one its
        kegiatan's or program's row prints (the seeds set the penanggung jawab there)."""
        for tingkat in (KEGIATAN, PROGRAM):
            parent = self.last.get(tingkat)
            if parent and simpul.node.kode.startswith(parent.node.kode + ".") and parent.item.get(key):
                return parent.item[key], f"diambil dari baris {_TINGKAT_LABEL[tingkat]} {parent.nomor}"
        return None, ""

    def selesai_item(self, simpul):
        old = self.items.get(simpul.obj.pk) if simpul.obj else None
        for key, field_name in (
            ("pagu", "pagu"),
            ("pagu_maju", "pagu_maju"),
            ("lokasi", "lokasi"),
            ("sumber_dana", "sumber_dana"),
            ("catatan", "catatan_penting"),
            ("penanggung_jawab", "penanggung_jawab"),
        ):
            nilai, note = simpul.item[key], ""
            if nilai.galat:
                continue
            if not nilai.ada and key in ("lokasi", "sumber_dana", "penanggung_jawab"):
                inherited, note = self.induk_teks(simpul, key)
                if inherited and inherited.ada:
                    nilai = simpul.item[key] = Nilai(nilai.nomor, nilai.kolom, inherited.mentah, teks=inherited.teks)
            notes = [note] if note else []
            if not nilai.ada:
                self.line(nilai.nomor, nilai.kolom, nilai.mentah, KOSONG, sasaran=simpul.node)
                continue
            if key == "sumber_dana":
                nilai.nilai = self.sumber_dana(nilai, simpul, notes)
                if nilai.nilai is None:
                    continue
            elif key == "penanggung_jawab":
                nilai.nilai = self.unit_kerja(nilai.teks, notes)
            lama = getattr(old, field_name) if old else None
            baru = nilai.nilai if nilai.nilai is not None else nilai.teks
            shown = format_ringkas(baru) if key in ("pagu", "pagu_maju") else str(baru)
            if key in ("sumber_dana", "penanggung_jawab"):
                same = lama is not None and lama.pk == baru.pk
            else:
                same = (lama if lama is not None else "") == baru
            status = BARU if old is None else (SAMA if same else BERUBAH)
            self.line(
                nilai.nomor,
                nilai.kolom,
                nilai.mentah,
                status,
                sasaran=simpul.node,
                peringatan=notes,
                lama=""
                if lama in (None, "")
                else (format_ringkas(lama) if key in ("pagu", "pagu_maju") else str(lama)),
                baru=shown,
            )

    def sumber_dana(self, nilai, simpul, notes):
        """The Pemda's SumberDana the cell names (letter case and spacing ignored, said), a new one
        for a name the list lacks (said; created with the import), or None (an error: a name
        close to one on the list is more likely a typo of it)."""
        key = kunci_nama(nilai.teks)
        found = self.rencana.sumber_dana.get(key)
        if found is not None:
            if found.nama != nilai.teks and found.pk:
                notes.append(f"dicocokkan dengan sumber dana '{found.nama}'")
            return found
        close = difflib.get_close_matches(
            key, [k for k, s in self.rencana.sumber_dana.items() if s.pk], n=1, cutoff=0.85
        )
        if close:
            self.line(
                nilai.nomor,
                nilai.kolom,
                nilai.mentah,
                GALAT,
                f"sumber dana '{nilai.teks}' tidak ada pada daftar Pemda; maksudnya "
                f"'{self.rencana.sumber_dana[close[0]].nama}'? Perbaiki di berkas",
                sasaran=simpul.node,
            )
            return None
        new = SumberDana(pemda=self.opd.pemda, nama=nilai.teks[:200])
        self.rencana.sumber_dana[key] = new
        notes.append(f"sumber dana '{nilai.teks}' belum ada pada daftar Pemda: ditambahkan bersama impor ini")
        return new

    def unit_kerja(self, teks, notes):
        key = kunci_nama(teks)
        found = self.rencana.unit_kerja.get(key)
        if found is None:
            found = self.rencana.unit_kerja[key] = UnitKerja(opd=self.opd, nama=teks[:200])
        if found.pk is None:
            notes.append(f"unit kerja '{teks}' belum ada pada {self.opd.singkatan}: dibuat bersama impor ini")
        return found

    def selesai(self, texts, found):
        for simpul in self.rencana.simpul:
            if simpul.tingkat == SUB_KEGIATAN:
                self.selesai_item(simpul)
        for s in selisih_total(self.totals):
            tingkat = next(t.tingkat for t in self.totals if t.nomor == s.nomor)
            self.line(
                s.nomor,
                LABEL[s.kolom],
                format_ringkas(s.dicetak),
                CATATAN,
                peringatan=[s.pesan(LABEL[s.kolom], _TINGKAT_LABEL[tingkat])],
            )
        if alasan := alasan_renstra(self.rencana.renstra):
            for b in self.lines:
                if b.nilai.get("renstra") and b.status in (BARU, BERUBAH):
                    b.status, b.pesan = GALAT, f"tujuan, sasaran dan target akhir Renstra tidak dapat diubah: {alasan}"
        taken = set(found.values())
        skipped = [t for col, t in enumerate(texts) if t and col not in taken and t not in _DIABAIKAN]
        layout = (
            "laporan Renja SIPD-RI"
            if "target_akhir" in found
            else "tata letak diperluas Tujuan–Sasaran–Program–Kegiatan–Sub Kegiatan"
            if "tujuan" in found or "sasaran" in found
            else "formulir T-C.33 Permendagri 86/2017"
        )
        notes = [f"dibaca sebagai {layout}"]
        if skipped:
            notes.append("kolom yang tidak diambil: " + ", ".join(skipped))
        self.lines.insert(0, BarisImpor(0, "Berkas", "", CATATAN, peringatan=notes, nilai={}))
        if self.rencana.renja is None:
            r = self.rencana.renstra
            self.lines.insert(
                1,
                BarisImpor(
                    0,
                    "Renja",
                    str(self.tahun),
                    BARU,
                    nilai={},
                    peringatan=[
                        f"{self.opd.singkatan} belum mempunyai Renja {self.tahun}: dibuat (draf) di bawah Renstra "
                        f"{r.tahun_awal}–{r.tahun_akhir} bersama impor ini"
                    ],
                ),
            )


def periksa(opd, data, nama_berkas, tahun, maju=None, kosongkan_galat=False):
    """The dry run of a T-C.33 file for ``opd`` and year ``tahun`` (or the year its headers
    name): every node, indicator, target and sub kegiatan value with what the import would do.
    Refused whole (BerkasTidakSah) when no sheet has the columns, the Renja is locked, or there
    is neither a Renja n nor a Renstra covering n. ``kosongkan_galat`` (the admin's
    confirmation) turns a value that cannot be read into an empty one. Nothing is written; the
    result carries ``rencana`` for ``renja.impor_renja_simpan``."""
    sheets = baca_berkas(data, nama_berkas, maju=maju)
    kemajuan, first_error = Kemajuan(sheets, maju), None
    for sheet in sheets:
        try:
            header, found = cari_kolom(sheet.baris, KOLOM)
        except BerkasTidakSah as error:
            first_error = first_error or error
            continue
        texts = judul_kolom(sheet.baris, header)
        tahun = _tahun_berkas(texts, found, tahun)
        renja, renstra = renja_tujuan(opd, tahun)
        pembaca = _Pembaca(opd, tahun, renja, renstra, kosongkan_galat)
        pembaca.kemajuan, pembaca.last = kemajuan, {}
        pembaca.baca(sheet.baris, header, found)
        pembaca.selesai(texts, found)
        kemajuan.tuntas()
        hasil = HasilImpor(nama_berkas, hashlib.sha256(data).hexdigest(), pembaca.lines)
        hasil.rencana = pembaca.rencana
        return hasil
    raise first_error
