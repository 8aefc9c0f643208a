"""What the renja import reads from a T-C.33 file: its columns (found by header text in any of
the three layouts, ``renja.impor_renja``) and the values it keeps of a row, before they are
compared with the database and written (``renja.impor_renja_simpan``)."""

import re
from dataclasses import dataclass, field

from renja.berkas import Kolom
from renja.impor import kunci_nilai, teks_sel
from renja.impor_rencana import KEGIATAN, PROGRAM, SASARAN, TOTAL, TUJUAN
from renja.models import Impor, Indikator, Renja, RenjaSubKegiatan, Renstra
from renja.sel import INDEKS, JUMLAH, PERSEN, SelTidakSah

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
    Kolom("polaritas", "Polaritas", (r"\b^polaritas",), wajib=False),
    Kolom("skala", "Skala Kategori", (r"\b^skala",), wajib=False),
]
LABEL = {k.kunci: k.label for k in KOLOM}
ITEM = {  # the file's column of a sub kegiatan's Renja row → the RenjaSubKegiatan field it fills
    "pagu": "pagu",
    "pagu_maju": "pagu_maju",
    "lokasi": "lokasi",
    "sumber_dana": "sumber_dana",
    "catatan": "catatan_penting",
    "penanggung_jawab": "penanggung_jawab",
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
    polaritas: str = ""
    metode_negatif: str = ""
    skala: list = field(default_factory=list)  # a kategori's levels, low to high
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
    baris: object = None  # sub kegiatan: the Renja's RenjaSubKegiatan, once written


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


def _teks(raw):
    try:
        return teks_sel(raw, "")
    except SelTidakSah:
        return ""


def kunci_target(ind, jenis, tahun):
    """The ``kunci_sel`` of target ``jenis`` of year ``tahun`` of the file's indicator ``ind``:
    "renja:Indikator:<pk>:<tahun>:<jenis>", as the workspace grid names that cell
    (kerja.ruang_kerja.LembarRenja.sesudah_simpan); "" until the indicator is written."""
    return lambda: _kunci(ind.obj, Indikator, tahun, jenis)


def kunci_item(simpul, kolom, tahun):
    """The ``kunci_sel`` of the sub kegiatan field filled by the file's column ``kolom`` (a key
    of ITEM) in the Renja of ``tahun``: "renja:RenjaSubKegiatan:<pk>:<tahun>:<field>"; "" until
    the Renja's row is written."""
    return lambda: _kunci(simpul.baris, RenjaSubKegiatan, tahun, ITEM[kolom])


def _kunci(obj, model, tahun, bidang):
    return kunci_nilai(Impor.Jenis.RENJA, model, obj.pk, tahun, bidang) if obj and obj.pk else ""
