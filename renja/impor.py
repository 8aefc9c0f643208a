"""The import engine for realisasi spreadsheets of an OPD: a dry run that names every value as
baru / berubah / sama / kosong / galat, then one transaction that writes all of it or nothing
and records the Impor. What is imported (realisasi kinerja per indicator, realisasi anggaran per
sub kegiatan) is a ``JenisImpor`` defined next to its model (evaluasi.impor, anggaran.impor).

The columns are found by their header text (renja.berkas), so a template from the app, a
Tabel 2.1-shaped sheet or an OPD's own layout are all read. A row is matched by the template's
ID column, or by its node code (padded, spaces removed, legacy codes through the crosswalk)
and, for indicators, its name; a row without a code continues the node above it (a merged
cell). Realisasi is one column with Tahun and Periode columns (or the year given), or several
columns whose header names the year and the triwulan ("Realisasi 2021 TW I").
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from renja import kode as kodefikasi
from renja.angka import format_ringkas
from renja.berkas import BerkasTidakSah, Kemajuan, Kolom, baca_berkas, cari_kolom, judul_kolom, kunci_judul
from renja.models import Impor, KodeCrosswalk, Pemda, Periode
from renja.sel import GALAT_SPREADSHEET, SelTidakSah

BARU, BERUBAH, SAMA, KOSONG, GALAT = "baru", "berubah", "sama", "kosong", "galat"
PERIODE = {"tahunan": Periode.TAHUNAN}  # header or cell text (kunci_judul) → periode; also tw1…tw4
for _periode_tw, _romawi, _angka in (
    (Periode.TW1, "i", "1"),
    (Periode.TW2, "ii", "2"),
    (Periode.TW3, "iii", "3"),
    (Periode.TW4, "iv", "4"),
):
    for _awalan in ("tw", "triwulan"):
        PERIODE[f"{_awalan} {_romawi}"] = PERIODE[f"{_awalan} {_angka}"] = _periode_tw
    PERIODE[str(_periode_tw)] = _periode_tw
KOLOM_UMUM = [
    Kolom("id", "ID", ("id indikator", "id sub kegiatan", "id"), wajib=False),
    Kolom("kode", "Kode", ("kode",), wajib=False),
    Kolom("tahun", "Tahun", ("tahun",), wajib=False),
    Kolom("periode", "Periode", ("periode", "triwulan"), wajib=False),
    Kolom("realisasi", "Realisasi", ("realisasi",)),
    Kolom("catatan", "Catatan", ("catatan", "keterangan"), wajib=False),
]
BATCH = 1000


@dataclass
class BarisImpor:
    """One value of the file: where it is (the row as the spreadsheet numbers it, the column
    header), what it is about, and what the import would do with it."""

    nomor: int
    kolom: str
    mentah: object
    status: str
    pesan: str = ""
    sasaran: object = None  # the Indikator or SubKegiatan
    tahun: int | None = None
    periode: str = ""
    lama: str = ""
    baru: str = ""
    nilai: dict = field(default_factory=dict)  # model fields to store
    peringatan: list = field(default_factory=list)
    dapat_dikosongkan: bool = False

    @property
    def periode_label(self):
        return dict(Periode.choices).get(self.periode, self.periode)


@dataclass
class HasilImpor:
    nama_berkas: str
    sha256: str
    baris: list

    def jumlah(self, status):
        return sum(1 for b in self.baris if b.status == status)

    @property
    def galat(self):
        return [b for b in self.baris if b.status == GALAT]

    @property
    def ringkasan(self):
        other = sorted({b.status for b in self.baris} - {BARU, BERUBAH, SAMA, KOSONG, GALAT})
        return {s: self.jumlah(s) for s in (BARU, BERUBAH, SAMA, KOSONG, GALAT, *other)}


class JenisImpor:
    """What one import writes. Subclasses give the Impor.Jenis, the realisasi model and its
    foreign key to the row's subject, the extra columns, the fields a value sets, and:
    ``sasaran(opd)`` → {id: subject} and {kode: [subjects]}; ``pilih(kandidat, row_cell)`` (one
    subject of a code); ``baca(subject, raw)`` → {field: value} or None for an empty cell;
    ``tampil(values)`` → the text of a stored or read value."""

    jenis = ""
    model = None
    fk = ""
    kolom_tambahan = ()
    field_nilai = ()

    def kolom(self):
        return [*KOLOM_UMUM, *self.kolom_tambahan]

    def pilih(self, kandidat, kode, cell):
        if len(kandidat) == 1:
            return kandidat[0]
        raise SelTidakSah(f"{kode} mempunyai {len(kandidat)} baris yang cocok")


class _Pencari:
    """Finds a row's subject by ID, or by code (and what the kind needs besides)."""

    def __init__(self, jenis, opd):
        self.jenis, self.versi = jenis, opd.pemda.nomenklatur_versi
        self.by_id, self.by_kode = jenis.sasaran(opd)
        self.crosswalk = {
            c.dari_kode.replace(" ", ""): c.ke.kode
            for c in KodeCrosswalk.objects.select_related("ke").filter(ke__versi=self.versi)
        }

    def kode(self, raw):
        text = re.sub(r"\s+", "", str(raw))
        if text in self.crosswalk:
            return self.crosswalk[text]
        try:
            return kodefikasi.normalisasi_kode(text, self.versi.panjang_sub_kegiatan)
        except kodefikasi.KodeTidakValid as error:
            raise SelTidakSah(" ".join(error.messages)) from None

    def cari(self, pk, kode, cell):
        if pk not in (None, ""):
            try:
                found = self.by_id.get(int(str(pk).strip().split(".")[0]))
            except ValueError:
                found = None
            if found is None:
                raise SelTidakSah(f"ID '{pk}' bukan milik Perangkat Daerah ini")
            return found
        if kode is None:
            raise SelTidakSah("kode kosong dan tidak ada baris di atasnya")
        kandidat = self.by_kode.get(kode, [])
        if not kandidat:
            raise SelTidakSah(f"kode {kode} tidak ada pada program/kegiatan/sub kegiatan Perangkat Daerah ini")
        return self.jenis.pilih(kandidat, kode, cell)


def _periode(text):
    key = kunci_judul(text)
    if key in PERIODE:
        return PERIODE[key]
    raise SelTidakSah(f"'{text}' bukan periode (tulis Tahunan, TW I, TW II, TW III atau TW IV)")


def _tahun(raw):
    if raw in (None, ""):
        return None
    text = str(raw).strip().split(".")[0]
    if re.fullmatch(r"20\d\d", text):
        return int(text)
    raise SelTidakSah(f"'{raw}' bukan tahun")


def _kolom_realisasi(texts, found):
    """The realisasi columns with the year and period their header names: [(column, year or
    None, periode or None)]. Several are used when their headers name years or triwulan (a wide
    layout); otherwise the one found. A running total ("s/d", "sampai dengan") is not one
    year's realisasi and is left out."""
    out = []
    for col, text in enumerate(texts):
        if not re.search(r"\brealisasi\b", text) or re.search(r"\bs d\b|\bsampai\b", text):
            continue
        year = re.search(r"\b(20\d\d)\b", text)
        periode = next((p for key, p in PERIODE.items() if key != "tahunan" and re.search(rf"\b{key}\b", text)), None)
        out.append((col, int(year.group(1)) if year else None, periode))
    named = [c for c in out if c[1] is not None or c[2] is not None]
    if len(named) > 1:
        return named
    return [next((c for c in out if c[0] == found["realisasi"]), (found["realisasi"], None, None))]


def tampil_angka(nilai, teks=""):
    return format_ringkas(nilai) if nilai is not None else teks


def periksa_berkas(jenis, opd, data, nama_berkas, tahun=None, kunci=None, maju=None):
    """The dry run: every realisasi value of the file with what the import would do. Nothing is
    written. ``tahun`` is the year of a value whose column header and row name none. ``kunci``
    (opd → {(tahun, periode): why it is locked}, given by the caller: evaluasi.monev.kunci_impor)
    makes every value of a locked triwulan an error with that reason. ``maju`` (a job's progress)
    hears the rows read."""
    sha = hashlib.sha256(data).hexdigest()
    sheets = baca_berkas(data, nama_berkas, maju=maju)
    kemajuan = Kemajuan(sheets, maju)
    pencari = _Pencari(jenis, opd)
    existing = {
        (getattr(r, f"{jenis.fk}_id"), r.tahun, r.periode): r
        for r in jenis.model.objects.filter(**{f"{jenis.fk}__in": list(pencari.by_id)})
    }
    terkunci = kunci(opd) if kunci else {}
    rows, seen, errors = [], {}, []
    for sheet in sheets:
        try:
            header, found = cari_kolom(sheet.baris, jenis.kolom())
        except BerkasTidakSah as error:
            errors.append(error)
            continue
        if "id" not in found and "kode" not in found:
            errors.append(BerkasTidakSah(f"Lembar '{sheet.nama}': perlu kolom ID atau Kode."))
            continue
        texts = judul_kolom(sheet.baris, header)
        columns = _kolom_realisasi(texts, found)
        kode = None
        for index in range(header + 1, len(sheet.baris)):
            row = sheet.baris[index]
            kemajuan.satu()
            if all(v in (None, "") for v in row):
                continue

            def cell(key, row=row, found=found):
                col = found.get(key)
                return row[col] if col is not None and col < len(row) else None

            try:
                if cell("kode") not in (None, ""):
                    kode = pencari.kode(cell("kode"))
                sasaran = pencari.cari(cell("id"), kode, cell)
            except SelTidakSah as error:
                rows.append(BarisImpor(index + 1, "Kode", cell("kode") or cell("id"), GALAT, str(error)))
                continue
            for col, year, periode in columns:
                args = (sasaran, row, index + 1, col, texts[col] or "realisasi", year, periode, cell)
                rows.append(_baris(jenis, *args, tahun, existing, seen, terkunci))
    if errors and not rows:
        raise errors[0]
    kemajuan.tuntas()
    return HasilImpor(nama_berkas, sha, rows)


def _baris(jenis, sasaran, row, nomor, col, judul, year, periode, cell, tahun, existing, seen, terkunci):
    raw = row[col] if col < len(row) else None
    base = BarisImpor(nomor, judul, raw, GALAT, sasaran=sasaran)
    try:
        year = year or _tahun(cell("tahun")) or tahun
        if year is None:
            raise SelTidakSah("tahun tidak diketahui: isi kolom Tahun atau tulis tahunnya pada judul kolom")
        periode = periode or (_periode(cell("periode")) if cell("periode") not in (None, "") else Periode.TAHUNAN)
        values, base.peringatan = jenis.baca(sasaran, raw)
    except SelTidakSah as error:
        base.pesan = str(error)
        return base
    base.tahun, base.periode = year, periode
    if values is None:
        base.status = KOSONG
        return base
    if (year, periode) in terkunci:
        base.status, base.pesan = GALAT, terkunci[(year, periode)].rstrip(".") + "; impor ditolak"
        return base
    key = (sasaran.pk, year, periode)
    if key in seen:
        base.pesan = f"realisasi yang sama sudah diisi pada baris {seen[key]}"
        return base
    seen[key] = nomor
    catatan = str(cell("catatan") or "").strip()
    base.nilai = {**values, **({"catatan": catatan} if catatan else {})}
    base.baru = jenis.tampil(values)
    old = existing.get(key)
    if old is None:
        base.status = BARU
    else:
        base.lama = jenis.tampil({f: getattr(old, f) for f in jenis.field_nilai})
        base.status = SAMA if all(getattr(old, f) == v for f, v in base.nilai.items()) else BERUBAH
    return base


def tolak_bila_galat(hasil, benda="nilai"):
    """BerkasTidakSah naming the count and the first bad row, when any row of ``hasil`` has an
    error: an import is applied whole or not at all."""
    if hasil.galat:
        first = hasil.galat[0]
        raise BerkasTidakSah(
            f"{len(hasil.galat)} {benda} bergalat, tidak ada yang disimpan. Baris {first.nomor}, kolom "
            f"{first.kolom}, nilai '{first.mentah}': {first.pesan}."
        )


def catat_impor(hasil, jenis, milik, user):
    """Record the Impor of ``hasil`` for ``milik`` (an OPD, or a Pemda for its lists of OPDs and
    users) inside the caller's transaction; returns it and the history change reason of the
    rows it writes."""
    pemda = milik if isinstance(milik, Pemda) else None
    impor = Impor.objects.create(
        jenis=jenis,
        opd=None if pemda else milik,
        pemda=pemda,
        nama_berkas=hasil.nama_berkas[:255],
        sha256=hasil.sha256,
        oleh=user,
        baru=hasil.jumlah(BARU),
        berubah=hasil.jumlah(BERUBAH),
        sama=hasil.jumlah(SAMA),
        kosong=hasil.jumlah(KOSONG),
    )
    return impor, f"impor #{impor.pk} {hasil.nama_berkas}"[:100]


def terapkan(jenis, opd, user, data, nama_berkas, tahun=None, sesudah_batch=None, kunci=None):
    """Check the file again and, if no value has an error, write every new and changed value in
    one transaction (with history, "impor #<id> <file>" as the reason) and record the Impor;
    returns it. Raises BerkasTidakSah naming the first bad row when any value has an error:
    nothing is written. ``sesudah_batch`` is called after each written batch (tests inject a
    failure there)."""
    hasil = periksa_berkas(jenis, opd, data, nama_berkas, tahun, kunci)
    tolak_bila_galat(hasil)
    with transaction.atomic():
        impor, reason = catat_impor(hasil, jenis.jenis, opd, user)
        changed_rows = [b for b in hasil.baris if b.status == BERUBAH]
        existing = {
            (getattr(r, f"{jenis.fk}_id"), r.tahun, r.periode): r
            for r in jenis.model.objects.select_for_update().filter(
                **{f"{jenis.fk}__in": {b.sasaran.pk for b in changed_rows}}
            )
        }
        new = [
            jenis.model(**{jenis.fk: b.sasaran, "tahun": b.tahun, "periode": b.periode, **b.nilai})
            for b in hasil.baris
            if b.status == BARU
        ]
        for start in range(0, len(new), BATCH):
            batch = new[start : start + BATCH]
            bulk_create_with_history(batch, jenis.model, default_user=user, default_change_reason=reason)
            if sesudah_batch:
                sesudah_batch(start + len(batch))
        changed = []
        for b in changed_rows:
            obj = existing[(b.sasaran.pk, b.tahun, b.periode)]
            for name, value in b.nilai.items():
                setattr(obj, name, value)
            obj.versi += 1  # a grid holding the old version must not overwrite the imported value
            changed.append(obj)
        if changed:
            fields = [*jenis.field_nilai, "catatan", "versi"]
            bulk_update_with_history(
                changed, jenis.model, fields, batch_size=BATCH, default_user=user, default_change_reason=reason
            )
    return impor


# --------------------------------------------------------------------------- lists (one row per thing)


def baris_daftar(data, nama_berkas, kolom, maju=None):
    """The data rows of a list file (OPDs, users): (row number as the spreadsheet shows it,
    ``cell(key)``) for every non-empty row below the header of each sheet that has one. Raises
    BerkasTidakSah when no sheet names the required columns. ``maju`` hears the rows read."""
    sheets, errors, found_any = baca_berkas(data, nama_berkas, maju=maju), [], False
    kemajuan = Kemajuan(sheets, maju)
    for sheet in sheets:
        try:
            header, found = cari_kolom(sheet.baris, kolom)
        except BerkasTidakSah as error:
            errors.append(error)
            continue
        found_any = True
        for index in range(header + 1, len(sheet.baris)):
            row = sheet.baris[index]
            kemajuan.satu()
            if all(v in (None, "") for v in row) or (index == header + 1 and baris_nomor_kolom(row)):
                continue

            def cell(key, row=row, found=found):
                col = found.get(key)
                return row[col] if col is not None and col < len(row) else None

            yield index + 1, cell
    if not found_any:
        raise errors[0]
    kemajuan.tuntas()


def baris_nomor_kolom(row):
    """Whether ``row`` is the regulation's column-number row under a header (1 2 3 … 8=(7/6x100))."""
    filled = [str(v).strip() for v in row if v not in (None, "")]
    numbers = [re.match(r"^(\d+)(\.0)?(\s*=.*)?$", v) for v in filled]
    if len(filled) < 2 or not all(numbers):
        return False
    values = [int(m.group(1)) for m in numbers]
    return values == sorted(values) and len(set(values)) == len(values) and values[0] <= 2


def teks_sel(raw, label, wajib=False, panjang=None):
    """A cell of a list as one line of text (spaces collapsed; a whole number from a workbook
    without its ".0"). A text that looks like a formula is kept as text: nothing a file holds is
    ever evaluated, and the app writes it back as text. Refused: a spreadsheet error, an empty
    required cell, a text longer than ``panjang``."""
    if raw is None:
        text = ""
    elif isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    else:
        text = " ".join(str(raw).split())
    if text.upper() in GALAT_SPREADSHEET:
        raise SelTidakSah(f"sel berisi galat spreadsheet {text.upper()}; perbaiki di berkas asal")
    if wajib and not text:
        raise SelTidakSah(f"{label} kosong")
    if panjang and len(text) > panjang:
        raise SelTidakSah(f"{label} lebih dari {panjang} karakter")
    return text
