"""The import engine for realisasi spreadsheets of an OPD: a dry run that names every value as
baru / berubah / sama / kosong / galat, then one transaction that writes all of it or nothing
and records the Impor. What is imported (realisasi kinerja per indicator, realisasi anggaran per
sub kegiatan) is a ``JenisImpor`` defined next to its model (evaluasi.impor, anggaran.impor).

The columns are found by their header text (renja.berkas), so a template from the app, a
Tabel 2.1-shaped sheet or an OPD's own layout are all read. A row is matched by the template's
ID column, or by its node code (padded, spaces removed, legacy codes through the crosswalk)
and, for indicators, its name; a row without a code continues the node above it (a merged
cell). Realisasi is one column with Tahun and Periode columns (or the year given), or several
columns whose header names the year and the triwulan ("Realisasi 2021 TW I"). A kind may
also carry texts per triwulan (``JenisImpor.teks``: the monev explanations of an indicator),
each a value of its own in the dry run, written into one object per subject, year and triwulan
(``model_teks``); they sit beside the realisasi or on sheets of their own with Tahun and
Periode columns or the triwulan in their header ("Faktor Pendorong TW II").
"""

import hashlib
import re
from dataclasses import dataclass, field, replace

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from renja import kode as kodefikasi
from renja.angka import format_ringkas
from renja.berkas import BerkasTidakSah, Kemajuan, Kolom, baca_berkas, cari_kolom, judul_kolom, kunci_judul
from renja.models import Impor, KodeCrosswalk, Pemda, Periode, TemuanImpor
from renja.sel import GALAT_SPREADSHEET, SelTidakSah
from renja.teks import teks_isian

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
    bidang: str = ""  # a text of the kind (JenisImpor.teks): the model_teks field it sets
    dapat_dikosongkan: bool = False  # its only fault is an unreadable value cell (--kosongkan-galat)
    kunci_sel: object = None  # () → its kunci_temuan, for a value whose object has a pk only once written

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
    def galat_sel(self):
        """The errors that are only an unreadable value cell: with the admin's confirmation
        (``kosongkan``) they are left empty and recorded as findings (TemuanImpor)."""
        return [b for b in self.galat if b.dapat_dikosongkan]

    @property
    def galat_tetap(self):
        """The errors that always block the import (an unknown code, a row met twice, …)."""
        return [b for b in self.galat if not b.dapat_dikosongkan]

    @property
    def ringkasan(self):
        other = sorted({b.status for b in self.baris} - {BARU, BERUBAH, SAMA, KOSONG, GALAT})
        return {s: self.jumlah(s) for s in (BARU, BERUBAH, SAMA, KOSONG, GALAT, *other)}


class JenisImpor:
    """What one import writes. Subclasses give the Impor.Jenis, the realisasi model and its
    foreign key to the row's subject, the extra columns, the fields a value sets, and:
    ``sasaran(opd)`` → {id: subject} and {kode: [subjects]}; ``pilih(kandidat, row_cell)`` (one
    subject of a code); ``baca(subject, raw)`` → {field: value} or None for an empty cell;
    ``tampil(values)`` → the text of a stored or read value. ``teks`` (Kolom whose ``kunci`` is
    a field of ``model_teks``, keyed by the same ``fk``, year and triwulan) are the texts per
    triwulan a file may carry besides the realisasi."""

    jenis = ""
    model = None
    fk = ""
    kolom_tambahan = ()
    field_nilai = ()
    teks = ()
    model_teks = None

    def kolom(self):
        # the texts first: "Tindak Lanjut Triwulan Berikutnya" is not the Periode column
        return [*self.teks, *KOLOM_UMUM, *self.kolom_tambahan]

    def kolom_teks_saja(self):
        """The columns of a sheet of texts only (no realisasi column)."""
        return [*self.teks, *(replace(k, wajib=False) for k in KOLOM_UMUM), *self.kolom_tambahan]

    def baca_teks(self, bidang, raw):
        """A text of the file for ``bidang``: {bidang: text}, or None for an empty cell."""
        if raw is None or str(raw).strip() == "":
            return None, []
        text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw).strip()
        if text.upper() in GALAT_SPREADSHEET:
            raise SelTidakSah(f"sel berisi galat spreadsheet {text.upper()}; perbaiki di berkas asal")
        try:
            return {bidang: teks_isian(text, self.model_teks._meta.get_field(bidang).max_length)}, []
        except ValueError as error:
            raise SelTidakSah(str(error)) from None

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


def _tahun_periode(col, text):
    """(column, the year its header names or None, the triwulan it names or None)."""
    year = re.search(r"\b(20\d\d)\b", text)
    periode = next((p for key, p in PERIODE.items() if key != "tahunan" and re.search(rf"\b{key}\b", text)), None)
    return col, int(year.group(1)) if year else None, periode


def _kolom_teks(texts, found, jenis):
    """[(column, year or None, periode or None, field)] of every text column of the kind: each
    header matching one (several when they name the triwulan: "Faktor Pendorong TW I" …)."""
    out = []
    for k in jenis.teks:
        if k.kunci in found:
            cols = [col for col, text in enumerate(texts) if any(re.search(rf"\b{p}\b", text) for p in k.pola)]
            out += [(*_tahun_periode(col, texts[col]), k.kunci) for col in cols]
    return out


def _kolom_realisasi(texts, found):
    """The realisasi columns with the year and period their header names: [(column, year or
    None, periode or None)]. Several are used when their headers name years or triwulan (a wide
    layout); otherwise the one found. A running total ("s/d", "sampai dengan") is not one
    year's realisasi and is left out."""
    if "realisasi" not in found:
        return []  # a sheet of texts only
    out = []
    for col, text in enumerate(texts):
        if not re.search(r"\brealisasi\b", text) or re.search(r"\bs d\b|\bsampai\b", text):
            continue
        out.append(_tahun_periode(col, text))
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
    existing = _tersimpan(jenis.model, jenis.fk, pencari.by_id)
    existing_teks = _tersimpan(jenis.model_teks, jenis.fk, pencari.by_id) if jenis.teks else {}
    terkunci = kunci(opd) if kunci else {}
    rows, seen, errors = [], {}, []
    for sheet in sheets:
        try:
            header, found = _kepala(sheet, jenis)
        except BerkasTidakSah as error:
            errors.append(error)
            continue
        if "id" not in found and "kode" not in found:
            errors.append(BerkasTidakSah(f"Lembar '{sheet.nama}': perlu kolom ID atau Kode."))
            continue
        texts = judul_kolom(sheet.baris, header)
        columns = [(*c, "") for c in _kolom_realisasi(texts, found)] + _kolom_teks(texts, found, jenis)
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
            for col, year, periode, bidang in columns:
                args = (sasaran, row, index + 1, col, texts[col] or "realisasi", year, periode, cell, tahun)
                simpanan = existing_teks if bidang else existing
                rows.append(_baris(jenis, *args, simpanan, seen, terkunci, bidang))
    if errors and not rows:
        raise errors[0]
    kemajuan.tuntas()
    return HasilImpor(nama_berkas, sha, rows)


def _tersimpan(model, fk, by_id):
    """{(subject pk, tahun, periode): stored row} of ``model`` for the subjects ``by_id``."""
    return {(getattr(r, f"{fk}_id"), r.tahun, r.periode): r for r in model.objects.filter(**{f"{fk}__in": list(by_id)})}


def _kepala(sheet, jenis):
    """The header row and columns of ``sheet``: a realisasi sheet; for a kind with texts, a
    sheet of texts only when that names more columns (a data row whose indicator's name says
    "realisasi" is not a header)."""
    try:
        best = cari_kolom(sheet.baris, jenis.kolom())
    except BerkasTidakSah:
        if not jenis.teks:
            raise
        best = None
    if jenis.teks:
        header, found = cari_kolom(sheet.baris, jenis.kolom_teks_saja())
        if any(k.kunci in found for k in jenis.teks) and (best is None or len(found) > len(best[1])):
            return header, found
    if best is None:
        return cari_kolom(sheet.baris, jenis.kolom())  # raises, naming the missing columns
    return best


def _periode_baris(periode, cell, bidang):
    """The periode of a value: its header's, else the Periode cell's, else Tahunan (a
    realisasi); a text (``bidang``) belongs to one triwulan."""
    if periode is None and cell("periode") not in (None, ""):
        periode = _periode(cell("periode"))
    if not bidang:
        return periode or Periode.TAHUNAN
    if periode in (None, Periode.TAHUNAN):
        raise SelTidakSah(
            "penjelasan diisi per triwulan: isi kolom Periode dengan TW I–TW IV atau tulis triwulannya pada judul kolom"
        )
    return periode


def _baris(jenis, sasaran, row, nomor, col, judul, year, periode, cell, tahun, existing, seen, terkunci, bidang):
    """One value of the file (a realisasi, or with ``bidang`` a text of the kind) against what
    is stored (``existing``: {(subject, tahun, periode): row})."""
    raw = row[col] if col < len(row) else None
    base = BarisImpor(nomor, judul, raw, GALAT, sasaran=sasaran, bidang=bidang)
    try:
        year = year or _tahun(cell("tahun")) or tahun
        if year is None:
            raise SelTidakSah("tahun tidak diketahui: isi kolom Tahun atau tulis tahunnya pada judul kolom")
        periode = _periode_baris(periode, cell, bidang)
    except SelTidakSah as error:
        base.pesan = str(error)
        return base
    base.tahun, base.periode = year, periode
    try:
        values, base.peringatan = jenis.baca_teks(bidang, raw) if bidang else jenis.baca(sasaran, raw)
    except SelTidakSah as error:  # only the value cell is unreadable: it may be left empty
        base.pesan, base.dapat_dikosongkan = str(error), (year, periode) not in terkunci
        return base
    if values is None:
        base.status = KOSONG
        return base
    if (year, periode) in terkunci:
        base.status, base.pesan = GALAT, terkunci[(year, periode)].rstrip(".") + "; impor ditolak"
        return base
    key = (sasaran.pk, year, periode, bidang)
    if key in seen:
        base.pesan = f"{'penjelasan' if bidang else 'realisasi'} yang sama sudah diisi pada baris {seen[key]}"
        return base
    seen[key] = nomor
    old = existing.get(key[:3])
    if bidang:
        base.nilai, base.baru = values, values[bidang]
        base.lama = getattr(old, bidang, "")
        base.status = BARU if not base.lama else SAMA if base.lama == base.baru else BERUBAH
        return base
    catatan = str(cell("catatan") or "").strip()
    base.nilai = {**values, **({"catatan": catatan} if catatan else {})}
    base.baru = jenis.tampil(values)
    if old is None:
        base.status = BARU
    else:
        base.lama = jenis.tampil({f: getattr(old, f) for f in jenis.field_nilai})
        base.status = SAMA if all(getattr(old, f) == v for f, v in base.nilai.items()) else BERUBAH
    return base


def tolak_bila_galat(hasil, benda="nilai", kosongkan=False):
    """BerkasTidakSah naming the count and the first bad row, when any row of ``hasil`` has an
    error: an import is applied whole or not at all. With ``kosongkan`` (the admin confirmed
    that unreadable value cells be left empty) only the other errors refuse it."""
    galat = hasil.galat_tetap if kosongkan else hasil.galat
    if galat:
        first = galat[0]
        saran = ""
        if not kosongkan and not hasil.galat_tetap:
            saran = (
                f" Semua galat adalah sel nilai yang tak terbaca: setujui pengosongan {len(galat)} sel itu "
                "(centang persetujuan di halaman pratinjau, atau --kosongkan-galat) untuk menyimpan sisanya."
            )
        raise BerkasTidakSah(
            f"{len(galat)} {benda} bergalat, tidak ada yang disimpan. Baris {first.nomor}, kolom "
            f"{first.kolom}, nilai '{first.mentah}': {first.pesan}.{saran}"
        )


def baca_sel(rows, nomor, kolom, raw, baca, sasaran=None):
    """``baca(raw)`` (a value cell's reader, e.g. renja.sel.baca_uang), or, when that cell cannot
    be read, None with a GALAT line appended to ``rows`` that names row, column and value and
    may be left empty with the admin's confirmation (``dapat_dikosongkan``)."""
    try:
        return baca(raw)
    except SelTidakSah as error:
        rows.append(BarisImpor(nomor, kolom, raw, GALAT, str(error), sasaran=sasaran, dapat_dikosongkan=True))
        return None


def kunci_temuan(jenis, b):
    """What identifies the value of ``b`` across imports of ``jenis`` (its subject, year and
    period), or "" when it has no subject: a finding is closed when a later import reads it. A
    row that names its value itself (``kunci_sel``: the Renja import's target or sub kegiatan
    field, its object written by the import) gives that."""
    if b.kunci_sel is not None:
        return b.kunci_sel()
    if b.sasaran is None or getattr(b.sasaran, "pk", None) is None:
        return ""
    return kunci_nilai(jenis, type(b.sasaran), b.sasaran.pk, b.tahun, b.periode)


def kunci_nilai(jenis, model, pk, tahun, periode):
    """The ``kunci`` of a finding on the value of the ``model`` object ``pk`` for year and period
    (an import's row, or a grid cell that writes that value). ``periode`` is whatever else names
    the value: a triwulan, or a Renja's target jenis or sub kegiatan field."""
    return f"{jenis}:{model.__name__}:{pk}:{tahun or ''}:{periode or ''}"[:200]


def tutup_temuan(opd_id, jenis, kunci, kecuali=None):
    """Close the open findings of the OPD's imports of ``jenis`` whose value is now known (their
    ``kunci`` in ``kunci``): read by a later import (``kecuali``: that import) or typed into a
    grid, inside the caller's transaction (one query)."""
    if kunci:
        TemuanImpor.objects.filter(opd=opd_id, impor__jenis=jenis, selesai=False, kunci__in=kunci).exclude(
            impor=kecuali
        ).update(selesai=True)


def catat_temuan(impor, hasil, kosongkan=False, tahun=None):
    """Inside the apply's transaction: close the earlier open findings of the same OPD and kind
    whose value this import read (a row not in error with the same ``kunci_temuan``), then,
    with ``kosongkan``, record every value cell left empty as an open finding (TemuanImpor) of
    the OPD (``tahun``: the Renja year it concerns; None for every Renja of the OPD). Returns
    the number recorded."""
    if impor.opd_id is None:
        return 0
    # an import reads hundreds of values: matched against the open findings only when there are
    # any (the match of them all against none cost a PostgreSQL onboarding 35 ms a file)
    if TemuanImpor.objects.filter(opd=impor.opd_id, impor__jenis=impor.jenis, selesai=False).exists():
        dibaca = {k for b in hasil.baris if b.status != GALAT and (k := kunci_temuan(impor.jenis, b))}
        tutup_temuan(impor.opd_id, impor.jenis, dibaca, kecuali=impor)
    if not kosongkan:
        return 0
    temuan = [
        TemuanImpor(
            impor=impor,
            opd_id=impor.opd_id,
            tahun=tahun,
            nomor_baris=b.nomor,
            kolom=_tanpa_kendali(b.kolom)[:200],
            nilai=_tanpa_kendali("" if b.mentah is None else b.mentah)[:300],
            pesan=_tanpa_kendali(b.pesan),
            untuk=_tanpa_kendali(b.sasaran or "")[:400],
            kunci=kunci_temuan(impor.jenis, b),
        )
        for b in hasil.galat_sel
    ]
    TemuanImpor.objects.bulk_create(temuan)
    return len(temuan)


def _tanpa_kendali(value):
    """``value`` as text with each control character (a NUL from the file: PostgreSQL refuses
    it) shown as U+FFFD; line breaks and tabs kept."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", str(value))


def catat_impor(hasil, jenis, milik, user, kosongkan=False, tahun=None):
    """Record the Impor of ``hasil`` for ``milik`` (an OPD, or a Pemda for its lists of OPDs and
    users) inside the caller's transaction, with its findings (``catat_temuan``: ``kosongkan``,
    the admin confirmed leaving unreadable value cells empty; ``tahun``, the Renja year they
    concern; their count in ``impor.temuan_baru``); returns it and the history change reason of
    the rows it writes."""
    impor, reason = buat_impor(hasil, jenis, milik, user)
    impor.temuan_baru = catat_temuan(impor, hasil, kosongkan, tahun)
    return impor, reason


def buat_impor(hasil, jenis, milik, user):
    """The Impor of ``hasil`` for ``milik`` without its findings (``catat_impor``), for an import
    that records them once it has written the objects they name; and the history reason."""
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


def terapkan(
    jenis, opd, user, data, nama_berkas, tahun=None, sesudah_batch=None, kunci=None, kosongkan=False, hasil=None
):
    """Check the file again and, if no value has an error, write every new and changed value in
    one transaction (with history, "impor #<id> <file>" as the reason) and record the Impor;
    returns it. Raises BerkasTidakSah naming the first bad row when any value has an error:
    nothing is written. With ``kosongkan`` (the admin's confirmation) an unreadable value is
    not written and becomes a finding (TemuanImpor) instead; other errors still refuse all.
    ``sesudah_batch`` is called after each written batch (tests inject a failure there)."""
    if hasil is None:  # the caller's own dry run of this same file otherwise (manage.py impor)
        hasil = periksa_berkas(jenis, opd, data, nama_berkas, tahun, kunci)
    tolak_bila_galat(hasil, kosongkan=kosongkan)
    with transaction.atomic():
        impor, reason = catat_impor(hasil, jenis.jenis, opd, user, kosongkan)
        _tulis_teks(jenis, [b for b in hasil.baris if b.bidang], user, reason)
        changed_rows = [b for b in hasil.baris if b.status == BERUBAH and not b.bidang]
        existing = {
            (getattr(r, f"{jenis.fk}_id"), r.tahun, r.periode): r
            for r in jenis.model.objects.select_for_update().filter(
                **{f"{jenis.fk}__in": {b.sasaran.pk for b in changed_rows}}
            )
        }
        new = [
            jenis.model(**{jenis.fk: b.sasaran, "tahun": b.tahun, "periode": b.periode, **b.nilai})
            for b in hasil.baris
            if b.status == BARU and not b.bidang
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


def _tulis_teks(jenis, rows, user, reason):
    """Write the new and changed texts ``rows`` of the kind: one ``model_teks`` object per
    subject, year and triwulan (created by its first text; its version raised, so that a grid
    holding the old one does not overwrite the import), with history."""
    per_key = {}
    for b in rows:
        if b.status in (BARU, BERUBAH):
            per_key.setdefault((b.sasaran.pk, b.tahun, b.periode), {}).update(b.nilai)
    if not per_key:
        return
    model, fk = jenis.model_teks, jenis.fk
    existing = {
        (getattr(r, f"{fk}_id"), r.tahun, r.periode): r
        for r in model.objects.select_for_update().filter(
            **{f"{fk}__in": {k[0] for k in per_key}}, tahun__in={k[1] for k in per_key}
        )
    }
    new, changed = [], []
    for (pk, tahun, periode), values in per_key.items():
        obj = existing.get((pk, tahun, periode))
        if obj is None:
            new.append(model(**{f"{fk}_id": pk, "tahun": tahun, "periode": periode, **values}))
            continue
        for name, value in values.items():
            setattr(obj, name, value)
        obj.versi += 1
        changed.append(obj)
    if new:
        bulk_create_with_history(new, model, batch_size=BATCH, default_user=user, default_change_reason=reason)
    if changed:
        fields = [*(k.kunci for k in jenis.teks), "versi"]
        bulk_update_with_history(
            changed, model, fields, batch_size=BATCH, default_user=user, default_change_reason=reason
        )


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
