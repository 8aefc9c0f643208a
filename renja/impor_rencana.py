"""What every plan-file import (renja, renstra, riwayat, sipd) does with the code and name of a
row, and with the totals a file prints, so that each kind only adds its own columns:

- ``baca_kode``: a code as the file writes it → the Permendagri 90 code (spaces removed,
  segments padded, spec §3.3), or a ``KodeLama`` for a pre-Permendagri-90 code (``4001,01``,
  ``4001.400101.01.003``, spec §3.4), or SelTidakSah naming what is wrong, with the likely fix
  (a 3- or 4-digit sub kegiatan segment);
- ``Kamus``: the master of a nomenclature version, which finds a row's node and checks the
  name the file gives it: the master name, the document's own wording (kept as ``nama_alias``,
  said in the dry run) or the master name of another code (refused, that code proposed);
- ``KodeGanda``: the same code twice in one file with different names;
- ``selisih_total``: a printed parent total (kegiatan, program, sasaran, tujuan, TOTAL) that is
  not the sum of its children, with both figures (parents are never stored).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import DEFAULT_DB_ALIAS

from renja import kode as kodefikasi
from renja.models import Nomenklatur
from renja.sel import SelTidakSah
from renja.teks import kunci_nama

_KODE_LAMA = re.compile(r"^\d{2,}(?:[.,]\d+)*$")  # a first segment of 2+ digits: 4001,01, 4001.400101.01.003
_AWALAN_LEVEL = re.compile(r"^(urusan|bidang urusan|program|kegiatan|sub kegiatan|subkegiatan)\s*[:.\-]?\s+", re.I)
TUJUAN, SASARAN, TOTAL = "tujuan", "sasaran", "total"
PROGRAM, KEGIATAN, SUB_KEGIATAN = kodefikasi.PROGRAM, kodefikasi.KEGIATAN, kodefikasi.SUB_KEGIATAN
_URUTAN_TINGKAT = {TOTAL: 0, TUJUAN: 1, SASARAN: 2, PROGRAM: 3, KEGIATAN: 4, SUB_KEGIATAN: 5}


@dataclass(frozen=True)
class KodeLama:
    """A code of the local pre-Permendagri-90 tree, kept as the Renstra wrote it (spaces
    removed): it is not a node of the current master and is printed in Tabel 2.1 as written."""

    teks: str

    def __str__(self):
        return self.teks


def baca_kode(raw, panjang_sub_kegiatan=2):
    """The code a cell holds: the normalised Permendagri 90 code (str), a ``KodeLama``, or None
    for an empty cell. SelTidakSah names the fault and, for a sub kegiatan segment of the wrong
    length whose number fits, the code meant (``4.01.02.2.02.001`` → ``4.01.02.2.02.01``)."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = re.sub(r"\s+", "", str(raw))
    if text in ("", "-", "–"):
        return None
    if _KODE_LAMA.match(text):
        if re.fullmatch(r"\d+", text):
            raise SelTidakSah(f"'{raw}' bukan kode program/kegiatan/sub kegiatan (hanya satu segmen)")
        return KodeLama(text)
    if re.fullmatch(r"\d(?:[.,]\d+)+", text):
        text = text.replace(",", ".")  # 5,01,02: a code typed with commas
    try:
        return kodefikasi.normalisasi_kode(text, panjang_sub_kegiatan)
    except kodefikasi.KodeTidakValid as error:
        message = " ".join(error.messages)
        segments = text.split(".")
        if error.code == "panjang_segmen" and len(segments) == 6 and len(segments[5]) != panjang_sub_kegiatan:
            number = int(segments[5]) if segments[5].isdigit() else None
            if number is not None and len(str(number)) <= panjang_sub_kegiatan:
                usul = ".".join([*segments[:5], str(number).zfill(panjang_sub_kegiatan)])
                try:
                    usul = kodefikasi.normalisasi_kode(usul, panjang_sub_kegiatan)
                except kodefikasi.KodeTidakValid:
                    usul = None
                if usul:
                    message += (
                        f" Nomenklatur ini memakai segmen sub kegiatan {panjang_sub_kegiatan} digit: maksudnya {usul}?"
                    )
        raise SelTidakSah(message.rstrip(".")) from None


def kunci_nama_node(nama):
    """A node name for comparison: without a leading level word ("Program …", "Kegiatan: …"),
    then ``kunci_nama`` (case, spacing and punctuation ignored)."""
    return kunci_nama(_AWALAN_LEVEL.sub("", " ".join(str(nama or "").split())))


@dataclass
class Cocok:
    """The node a row names, the document's own wording when it differs from the master name
    (to keep as ``nama_alias``), and what the dry run should say about it."""

    node: Nomenklatur
    alias: str = ""
    peringatan: list = field(default_factory=list)


class Kamus:
    """The nodes of nomenclature version ``versi``, by code (and, when a name must be looked up,
    by name per level), read once as plain rows: a node becomes a Nomenklatur when asked for."""

    # the columns read, in the model's field order (as Model.from_db takes them)
    KOLOM = tuple(
        f.attname
        for f in Nomenklatur._meta.concrete_fields
        if f.attname in ("id", "kode", "level", "nama", "induk_id", "versi_id")
    )
    _KODE, _LEVEL, _NAMA = KOLOM.index("kode"), KOLOM.index("level"), KOLOM.index("nama")

    def __init__(self, versi):
        self.versi = versi
        self._baris = {r[self._KODE]: r for r in Nomenklatur.objects.filter(versi=versi).values_list(*self.KOLOM)}
        self._node, self._by_nama = {}, None

    def node(self, kode):
        """The Nomenklatur of ``kode`` (None when the version has none)."""
        if kode not in self._node:
            row = self._baris.get(kode)
            self._node[kode] = Nomenklatur.from_db(DEFAULT_DB_ALIAS, self.KOLOM, row) if row else None
        return self._node[kode]

    @property
    def by_nama(self):
        """{(level, kunci_nama_node(name)): [Nomenklatur]}, built on first use."""
        if self._by_nama is None:
            self._by_nama = {}
            for kode, row in self._baris.items():
                self._by_nama.setdefault((row[self._LEVEL], kunci_nama_node(row[self._NAMA])), []).append(kode)
        return self._by_nama

    def kode(self, raw):
        """``baca_kode`` with this version's sub kegiatan segment length."""
        return baca_kode(raw, self.versi.panjang_sub_kegiatan)

    def _bernama(self, level, nama, kode):
        """The other nodes of ``level`` whose master name is ``nama``, the ones sharing the
        longest code prefix with ``kode`` first (the same name is used under every bidang)."""
        found = [self.node(k) for k in self.by_nama.get((level, kunci_nama_node(nama)), []) if k != kode]

        def shared(node):
            return sum(1 for a, b in zip(node.kode.split("."), kode.split("."), strict=False) if a == b)

        best = max((shared(n) for n in found), default=0)
        return sorted((n for n in found if shared(n) == best), key=lambda n: n.kode)

    def cocokkan(self, kode, nama=""):
        """The node of the normalised ``kode`` with the name check, or SelTidakSah: the code is
        not in the master (the code of the same name proposed), or the file's name is the
        master name of another code (that code proposed: the code or the name is wrong)."""
        level = kodefikasi.level_kode(kode)
        label = kodefikasi.LEVEL_LABEL[level]
        node = self.node(kode)
        nama = " ".join(str(nama or "").split())
        if node is None:
            lain = self._bernama(level, nama, kode) if nama else []
            usul = f"; nama '{nama}' adalah {label} {_daftar(lain)} pada nomenklatur" if lain else ""
            raise SelTidakSah(f"kode {kode} tidak ada pada nomenklatur {self.versi.kode}{usul}")
        if not nama or kunci_nama_node(nama) == kunci_nama_node(node.nama):
            return Cocok(node)
        lain = self._bernama(level, nama, kode)
        if lain:
            raise SelTidakSah(
                f"nama '{nama}' adalah nama {label} {_daftar(lain)} pada nomenklatur, bukan {kode} ({node.nama}): "
                f"periksa kode atau namanya (usul: kode {lain[0].kode})"
            )
        return Cocok(
            node,
            alias=nama[:400],
            peringatan=[
                f"nama di berkas '{nama}' berbeda dengan nomenklatur {kode} '{node.nama}': disimpan sebagai nama "
                "dalam dokumen sumber, yang dicetak nama nomenklatur"
            ],
        )


def _daftar(nodes):
    codes = [n.kode for n in nodes[:3]]
    return ", ".join(codes) + (f" (dan {len(nodes) - 3} lainnya)" if len(nodes) > 3 else "")


class KodeGanda:
    """Remembers each code of a file with its row and name: ``catat`` answers the message for a
    code met again under another name (spec §3.3 rule 5), or None."""

    def __init__(self):
        self.seen = {}

    def catat(self, kode, nama, nomor):
        key = str(kode)
        if key not in self.seen:
            self.seen[key] = (nomor, nama)
            return None
        first, first_name = self.seen[key]
        if nama and first_name and kunci_nama_node(nama) != kunci_nama_node(first_name):
            return f"kode {key} sudah dipakai di baris {first} untuk '{first_name}', di sini untuk '{nama}'"
        return None


@dataclass
class BarisTotal:
    """One row of a file's tree as printed, for the totals check: its row number, level (TOTAL,
    TUJUAN, SASARAN, PROGRAM, KEGIATAN, SUB_KEGIATAN), code (None for tujuan, sasaran, total)
    and the money it prints per column key ({"pagu": Decimal or None, "pagu_maju": …})."""

    nomor: int
    tingkat: str
    kode: str | None
    uang: dict


@dataclass(frozen=True)
class Selisih:
    nomor: int
    kolom: str
    dicetak: Decimal
    jumlah: Decimal
    anak: int

    def pesan(self, label_kolom, tingkat_label):
        return (
            f"jumlah {tingkat_label} tercetak {_rupiah(self.dicetak)} tidak sama dengan jumlah "
            f"{self.anak} sub kegiatan di bawahnya {_rupiah(self.jumlah)} (selisih {_rupiah(self.dicetak - self.jumlah)}); "
            f"yang disimpan hanya pagu sub kegiatan, jumlah dihitung aplikasi ({label_kolom})"
        )


def selisih_total(rows):
    """Every printed parent total of ``rows`` (BarisTotal in file order) that differs from the
    sum of the sub kegiatan below it, per money column (spec §4.7 "T-C.33 parent = Σ children",
    P-01…P-04). A kegiatan or program holds the sub kegiatan whose code lies under its code; a
    tujuan or sasaran the sub kegiatan that follow it until the next row of its level or above;
    TOTAL every sub kegiatan of the file. A parent printing no figure is not checked."""
    subs = [r for r in rows if r.tingkat == SUB_KEGIATAN]
    out = []
    for index, row in enumerate(rows):
        if row.tingkat == SUB_KEGIATAN:
            continue
        if row.tingkat in (PROGRAM, KEGIATAN) and row.kode and not isinstance(row.kode, KodeLama):
            children = [s for s in subs if s.kode and str(s.kode).startswith(f"{row.kode}.")]
        elif row.tingkat == TOTAL:
            children = subs
        elif row.tingkat in (TUJUAN, SASARAN):
            rank, children = _URUTAN_TINGKAT[row.tingkat], []
            for later in rows[index + 1 :]:
                if _URUTAN_TINGKAT[later.tingkat] <= rank:
                    break
                if later.tingkat == SUB_KEGIATAN:
                    children.append(later)
        else:
            continue
        for key, printed in row.uang.items():
            if printed is None or not children:
                continue
            total = sum((c.uang.get(key) or Decimal(0) for c in children), Decimal(0))
            if total != printed:
                out.append(Selisih(row.nomor, key, printed, total, len(children)))
    return out


def _rupiah(nilai):
    sign = "-" if nilai < 0 else ""
    return f"{sign}Rp {abs(int(nilai)):,}".replace(",", ".")
