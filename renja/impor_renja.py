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

import hashlib
import re

from django.db.models import Prefetch, Q

from renja import kode as kodefikasi
from renja.angka import format_ringkas
from renja.berkas import BerkasTidakSah, Kemajuan, baca_berkas, cari_kolom, judul_kolom
from renja.impor import BARU, BERUBAH, GALAT, SAMA, BarisImpor, HasilImpor, baris_nomor_kolom, teks_sel
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
from renja.impor_renja_kolom import (
    _DIABAIKAN,
    _NOMOR,
    _TINGKAT_LABEL,
    CATATAN,
    KOLOM,
    LABEL,
    Nilai,
    Rencana,
    Simpul,
    _teks,
    kunci_item,
)
from renja.impor_renja_nilai import BacaIndikator, BacaSubKegiatan
from renja.kunci import alasan_renja, alasan_renstra
from renja.models import Indikator, Kegiatan, Program, Renja, Renstra, SubKegiatan, SumberDana, Target, Tujuan
from renja.sel import SelTidakSah, baca_uang
from renja.teks import kunci_nama


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


class _Pembaca(BacaIndikator, BacaSubKegiatan):
    """Reads the rows of one file for one OPD and year against what the database holds."""

    def __init__(self, opd, tahun, renja, renstra):
        self.opd, self.tahun = opd, tahun
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
        # of each indicator only the targets a Renja n file writes (tahun_target)
        target = Target.objects.filter(
            Q(jenis=Target.Jenis.RENJA, tahun=tahun)
            | Q(jenis=Target.Jenis.PRAKIRAAN_MAJU, tahun=tahun + 1)
            | Q(jenis=Target.Jenis.AKHIR_RENSTRA, tahun=renstra.tahun_akhir)
        )
        for ind in Indikator.objects.for_opd(opd).prefetch_related(Prefetch("target", queryset=target)):
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

    # ------------------------------------------------------------------ lines

    def line(self, nomor, kolom, mentah, status, pesan="", peringatan=(), sasaran=None, renstra=False, **kw):
        """One dry-run line; ``renstra`` marks a change of the Renstra (tujuan, sasaran, their
        indicators, the end-of-Renstra target), refused while the Renstra is closed."""
        b = BarisImpor(nomor, kolom, mentah, status, pesan, sasaran=sasaran, peringatan=list(peringatan), **kw)
        b.nilai = {"renstra": renstra}
        self.lines.append(b)
        return b

    def galat_nilai(self, nomor, kolom, mentah, pesan, sasaran, kunci_sel):
        """A value cell that cannot be read: an error the admin may confirm leaving empty (its
        value is not in the plan; renja.impor.tolak_bila_galat, catat_temuan, the finding named
        by ``kunci_sel``: renja.impor_renja_kolom.kunci_target, kunci_item)."""
        b = self.line(nomor, kolom, mentah, GALAT, pesan, sasaran=sasaran, kunci_sel=kunci_sel)
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
            simpul.item[key] = self.uang(nomor, key, cell(key), simpul)
        for key in ("lokasi", "sumber_dana", "catatan", "penanggung_jawab"):
            raw = cell(key)
            try:
                simpul.item[key] = Nilai(nomor, LABEL[key], raw, teks=teks_sel(raw, LABEL[key], panjang=300))
            except SelTidakSah as error:
                simpul.item[key] = Nilai(nomor, LABEL[key], raw, galat=True)
                self.galat_nilai(nomor, LABEL[key], raw, str(error), simpul.node, kunci_item(simpul, key, self.tahun))

    def uang(self, nomor, key, raw, simpul):
        """The pagu ``key`` of the sub kegiatan ``simpul``."""
        try:
            sel = baca_uang(raw)
        except SelTidakSah as error:
            self.galat_nilai(nomor, LABEL[key], raw, str(error), simpul.node, kunci_item(simpul, key, self.tahun))
            return Nilai(nomor, LABEL[key], raw, galat=True)
        if sel.peringatan:
            self.line(nomor, LABEL[key], raw, CATATAN, peringatan=sel.peringatan, sasaran=simpul.node)
        return Nilai(nomor, LABEL[key], raw, sel.nilai)

    def uang_lanjutan(self, simpul, nomor, cell):
        """Money on a row without a code: a sub kegiatan's pagu written on its second row, or an error."""
        for key in ("pagu", "pagu_maju"):
            if not _teks(cell(key)):
                continue
            if simpul.tingkat == SUB_KEGIATAN and not simpul.item[key].ada:
                simpul.item[key] = self.uang(nomor, key, cell(key), simpul)
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


def periksa(opd, data, nama_berkas, tahun, maju=None):
    """The dry run of a T-C.33 file for ``opd`` and year ``tahun`` (or the year its headers
    name): every node, indicator, target and sub kegiatan value with what the import would do.
    Refused whole (BerkasTidakSah) when no sheet has the columns, the Renja is locked, or there
    is neither a Renja n nor a Renstra covering n. A value that cannot be read is a GALAT the
    admin may confirm leaving empty (``dapat_dikosongkan``). Nothing is written; the result carries ``rencana`` for ``renja.impor_renja_simpan``."""
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
        pembaca = _Pembaca(opd, tahun, renja, renstra)
        pembaca.kemajuan, pembaca.last = kemajuan, {}
        pembaca.baca(sheet.baris, header, found)
        pembaca.selesai(texts, found)
        kemajuan.tuntas()
        hasil = HasilImpor(nama_berkas, hashlib.sha256(data).hexdigest(), pembaca.lines)
        hasil.rencana = pembaca.rencana
        return hasil
    raise first_error
