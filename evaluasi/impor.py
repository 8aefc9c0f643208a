"""Import of realisasi kinerja from a spreadsheet of an OPD: a dry run that names every row as
baru / berubah / sama / kosong / galat, then one transaction that writes all of it or nothing.

The columns are found by their header text (renja.berkas), so a template from the app, a
Tabel 2.1-shaped sheet or the OPD's own layout are all read: an indicator is found by the
template's ID column, or by its node code (padded, spaces removed, legacy codes through the
crosswalk) and its name; a row without a code continues the node above it (a merged cell).
Realisasi is either one column with Tahun and Periode columns (or the year given), or several
columns whose header names the year and the triwulan ("Realisasi TW I 2021").
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from evaluasi.models import RealisasiKinerja
from renja import kode as kodefikasi
from renja.angka import format_ringkas
from renja.berkas import BerkasTidakSah, Kolom, baca_berkas, cari_kolom, judul_kolom, kunci_judul
from renja.models import Impor, Indikator, KodeCrosswalk, Periode
from renja.sel import INDEKS, JUMLAH, PERSEN, SelTidakSah, baca_nilai
from renja.teks import kunci_nama

KOLOM = [
    Kolom("id", "ID Indikator", ("id indikator", "id"), wajib=False),
    Kolom("kode", "Kode", ("kode",), wajib=False),
    Kolom("indikator", "Indikator", ("indikator",), wajib=False),
    Kolom("satuan", "Satuan", ("satuan",), wajib=False),
    Kolom("tahun", "Tahun", ("tahun",), wajib=False),
    Kolom("periode", "Periode", ("periode", "triwulan"), wajib=False),
    Kolom("realisasi", "Realisasi", ("realisasi",)),
    Kolom("catatan", "Catatan", ("catatan", "keterangan"), wajib=False),
]
PERIODE = {
    "tahunan": Periode.TAHUNAN,
    "tw i": Periode.TW1,
    "tw 1": Periode.TW1,
    "triwulan i": Periode.TW1,
    "triwulan 1": Periode.TW1,
    "tw ii": Periode.TW2,
    "tw 2": Periode.TW2,
    "triwulan ii": Periode.TW2,
    "triwulan 2": Periode.TW2,
    "tw iii": Periode.TW3,
    "tw 3": Periode.TW3,
    "triwulan iii": Periode.TW3,
    "triwulan 3": Periode.TW3,
    "tw iv": Periode.TW4,
    "tw 4": Periode.TW4,
    "triwulan iv": Periode.TW4,
    "triwulan 4": Periode.TW4,
}
KONTEKS = {Indikator.TipeNilai.PERSEN: PERSEN, Indikator.TipeNilai.ANGKA: JUMLAH, Indikator.TipeNilai.INDEKS: INDEKS}
BARU, BERUBAH, SAMA, KOSONG, GALAT = "baru", "berubah", "sama", "kosong", "galat"


@dataclass
class BarisImpor:
    """One value of the file: its place (sheet row, column header), what it is about, and what
    the import would do with it."""

    nomor: int  # row number as the spreadsheet shows it
    kolom: str
    mentah: object
    status: str
    pesan: str = ""
    indikator: object = None
    tahun: int | None = None
    periode: str = ""
    lama: str = ""
    baru: str = ""
    nilai: object = None
    teks: str = ""
    catatan: str = ""
    peringatan: list = field(default_factory=list)


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
        return {s: self.jumlah(s) for s in (BARU, BERUBAH, SAMA, KOSONG, GALAT)}


def _periode(text):
    key = kunci_judul(text)
    if key in PERIODE:
        return PERIODE[key]
    raise SelTidakSah(f"'{text}' bukan periode (tulis Tahunan, TW I, TW II, TW III atau TW IV)")


def _kolom_realisasi(header_texts, found):
    """The realisasi columns with the year and period their header names (None when it names
    none): [(column, year, periode)]."""
    out = []
    for col, text in enumerate(header_texts):
        if not re.search(r"\brealisasi\b", text):
            continue
        year = re.search(r"\b(20\d\d)\b", text)
        periode = next((p for key, p in PERIODE.items() if re.search(rf"\b{key}\b", text) and key != "tahunan"), None)
        out.append((col, int(year.group(1)) if year else None, periode))
    if len(out) > 1:
        return [c for c in out if c[1] is not None] or out[:1]
    return out or [(found["realisasi"], None, None)]


class _Indeks:
    """The OPD's indicators, found by id, or by node code and name (2 queries)."""

    def __init__(self, opd):
        self.versi = opd.pemda.nomenklatur_versi
        indikator = (
            Indikator.objects.for_opd(opd)
            .filter(tujuan=None, sasaran=None)
            .select_related("sub_kegiatan__nomenklatur", "kegiatan__nomenklatur", "program__nomenklatur")
        )
        self.by_id, self.by_kode = {}, {}
        for ind in indikator:
            self.by_id[ind.pk] = ind
            self.by_kode.setdefault(ind.pemilik.nomenklatur.kode, []).append(ind)
        self.crosswalk = {
            (c.dari_kode.replace(" ", "")): c.ke.kode
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

    def cari(self, pk, kode, nama):
        if pk not in (None, ""):
            try:
                ind = self.by_id.get(int(str(pk).strip()))
            except ValueError:
                ind = None
            if ind is None:
                raise SelTidakSah(f"ID indikator '{pk}' bukan indikator Perangkat Daerah ini")
            return ind
        if kode is None:
            raise SelTidakSah("kode kosong dan tidak ada baris di atasnya")
        candidates = self.by_kode.get(kode, [])
        if not candidates:
            raise SelTidakSah(f"kode {kode} tidak ada pada program/kegiatan/sub kegiatan Perangkat Daerah ini")
        if nama not in (None, ""):
            match = [i for i in candidates if kunci_nama(i.nama) == kunci_nama(str(nama))]
            if match:
                return match[0]
            raise SelTidakSah(f"indikator '{nama}' tidak ada pada {kode}")
        if len(candidates) == 1:
            return candidates[0]
        raise SelTidakSah(f"{kode} mempunyai {len(candidates)} indikator; isi kolom Indikator")


def periksa_berkas(opd, data, nama_berkas, tahun=None):
    """The dry run: every realisasi value of the file with what the import would do. Nothing is
    written. ``tahun`` is the year of a realisasi column whose header and row name none."""
    sha = hashlib.sha256(data).hexdigest()
    sheets = baca_berkas(data, nama_berkas)
    indeks = _Indeks(opd)
    existing = {
        (r.indikator_id, r.tahun, r.periode): r
        for r in RealisasiKinerja.objects.filter(indikator__in=list(indeks.by_id))
    }
    rows, seen = [], {}
    errors = []
    for sheet in sheets:
        try:
            header, found = cari_kolom(sheet.baris, KOLOM)
        except BerkasTidakSah as error:
            errors.append(error)
            continue
        if "id" not in found and "kode" not in found:
            errors.append(BerkasTidakSah(f"Lembar '{sheet.nama}': perlu kolom ID Indikator atau Kode."))
            continue
        texts = judul_kolom(sheet.baris, header)
        kolom_realisasi = _kolom_realisasi(texts, found)
        kode_aktif = None
        for index in range(header + 1, len(sheet.baris)):
            row = sheet.baris[index]
            nomor = index + 1

            def cell(key, row=row, found=found):
                col = found.get(key)
                return row[col] if col is not None and col < len(row) else None

            if all(v in (None, "") for v in row):
                continue
            try:
                if cell("kode") not in (None, ""):
                    kode_aktif = indeks.kode(cell("kode"))
                ind = indeks.cari(cell("id"), kode_aktif, cell("indikator"))
            except SelTidakSah as error:
                rows.append(BarisImpor(nomor, "Kode/Indikator", cell("kode") or cell("id"), GALAT, str(error)))
                continue
            for col, year, periode in kolom_realisasi:
                rows.append(_baris(ind, row, nomor, col, texts[col], year, periode, cell, tahun, existing, seen))
    if errors and not rows:
        raise errors[0]
    return HasilImpor(nama_berkas, sha, rows)


def _baris(ind, row, nomor, col, judul, year, periode, cell, tahun, existing, seen):
    raw = row[col] if col < len(row) else None
    base = BarisImpor(nomor, judul or "Realisasi", raw, GALAT, indikator=ind)
    try:
        year = year or _tahun(cell("tahun")) or tahun
        if year is None:
            raise SelTidakSah("tahun tidak diketahui: isi kolom Tahun atau tulis tahunnya pada judul kolom")
        periode = periode or (_periode(cell("periode")) if cell("periode") not in (None, "") else Periode.TAHUNAN)
        sel = baca_nilai(raw, KONTEKS.get(ind.tipe_nilai, INDEKS), ind.satuan)
    except SelTidakSah as error:
        base.pesan = str(error)
        return base
    base.tahun, base.periode, base.peringatan = year, periode, sel.peringatan
    if sel.kosong:
        base.status = KOSONG
        return base
    if sel.teks and ind.tipe_nilai not in (Indikator.TipeNilai.KUALITATIF, Indikator.TipeNilai.KATEGORI):
        base.pesan = (
            f"'{sel.teks}' bukan angka, padahal indikator '{ind.nama[:60]}' bertipe {ind.get_tipe_nilai_display()}"
        )
        return base
    if sel.nilai is not None and ind.tipe_nilai in (Indikator.TipeNilai.KUALITATIF, Indikator.TipeNilai.KATEGORI):
        sel.teks, sel.nilai = str(raw).strip(), None
    key = (ind.pk, year, periode)
    if key in seen:
        base.pesan = f"realisasi yang sama sudah diisi pada baris {seen[key]}"
        return base
    seen[key] = nomor
    base.nilai, base.teks = sel.nilai, sel.teks
    base.catatan = str(cell("catatan") or "").strip()
    base.baru = _tampil(sel.nilai, sel.teks)
    old = existing.get(key)
    if old is None:
        base.status = BARU
    else:
        base.lama = _tampil(old.nilai, old.nilai_teks)
        same = (
            old.nilai == sel.nilai and old.nilai_teks == sel.teks and (not base.catatan or old.catatan == base.catatan)
        )
        base.status = SAMA if same else BERUBAH
    return base


def _tahun(raw):
    if raw in (None, ""):
        return None
    text = str(raw).strip().split(".")[0]
    if re.fullmatch(r"20\d\d", text):
        return int(text)
    raise SelTidakSah(f"'{raw}' bukan tahun")


def _tampil(nilai, teks):
    return format_ringkas(nilai) if nilai is not None else teks


def terapkan(opd, user, data, nama_berkas, tahun=None, sesudah_baris=None):
    """Check the file again and, if no row has an error, write every new and changed value in
    one transaction and record the Impor; returns it. Raises BerkasTidakSah when the file has
    errors (nothing is written). ``sesudah_baris`` is called after each written batch (tests
    inject a failure there)."""
    hasil = periksa_berkas(opd, data, nama_berkas, tahun)
    if hasil.galat:
        pertama = hasil.galat[0]
        raise BerkasTidakSah(
            f"{len(hasil.galat)} baris bergalat, tidak ada yang disimpan. Baris {pertama.nomor}, kolom "
            f"{pertama.kolom}, nilai '{pertama.mentah}': {pertama.pesan}."
        )
    with transaction.atomic():
        impor = Impor.objects.create(
            jenis=Impor.Jenis.REALISASI_KINERJA,
            opd=opd,
            nama_berkas=nama_berkas[:255],
            sha256=hasil.sha256,
            oleh=user,
            baru=hasil.jumlah(BARU),
            berubah=hasil.jumlah(BERUBAH),
            sama=hasil.jumlah(SAMA),
            kosong=hasil.jumlah(KOSONG),
        )
        reason = f"impor #{impor.pk} {nama_berkas}"[:100]
        existing = {
            (r.indikator_id, r.tahun, r.periode): r
            for r in RealisasiKinerja.objects.select_for_update().filter(
                indikator__in={b.indikator.pk for b in hasil.baris if b.status == BERUBAH}
            )
        }
        new = [
            RealisasiKinerja(
                indikator=b.indikator,
                tahun=b.tahun,
                periode=b.periode,
                nilai=b.nilai,
                nilai_teks=b.teks,
                catatan=b.catatan,
            )
            for b in hasil.baris
            if b.status == BARU
        ]
        changed = []
        for b in hasil.baris:
            if b.status == BERUBAH:
                obj = existing[(b.indikator.pk, b.tahun, b.periode)]
                obj.nilai, obj.nilai_teks = b.nilai, b.teks
                obj.catatan = b.catatan or obj.catatan
                changed.append(obj)
        for start in range(0, len(new), 1000):
            bulk_create_with_history(
                new[start : start + 1000], RealisasiKinerja, default_user=user, default_change_reason=reason
            )
            if sesudah_baris:
                sesudah_baris(start + len(new[start : start + 1000]))
        if changed:
            bulk_update_with_history(
                changed,
                RealisasiKinerja,
                ["nilai", "nilai_teks", "catatan"],
                batch_size=1000,
                default_user=user,
                default_change_reason=reason,
            )
    return impor
