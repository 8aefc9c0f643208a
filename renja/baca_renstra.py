"""Reading the rows of an OPD's Renstra file (renja.impor_renstra) against what is stored:
each tujuan, sasaran, program/kegiatan/sub kegiatan, indicator, target and pagu becomes a
BarisImpor of the dry run and a plan for the apply (``_Bagian``, ``_Node``, ``_Ind``). A row
continues what the rows above started (merged cells): an indicator without a code belongs to
the last tujuan, sasaran or node above it."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from renja import kode as kodefikasi
from renja.angka import BATAS_ANGKA, BATAS_UANG, format_ringkas
from renja.impor import BARU, BERUBAH, GALAT, KOSONG, SAMA, BarisImpor, baris_nomor_kolom, teks_sel
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
)
from renja.kunci import alasan_terkunci_semua
from renja.models import SEN, Indikator, Kegiatan, PaguRenstra, Program, Sasaran, SubKegiatan, Target, Tujuan
from renja.sel import GALAT_SPREADSHEET, INDEKS, JUMLAH, PERSEN, SelTidakSah, baca_nilai, baca_uang
from renja.sel import KOSONG as SEL_KOSONG
from renja.sifat import (
    POSITIF,
    baca_polaritas,
    baca_sifat,
    baca_skala,
    baca_tipe,
    di_luar_skala,
    galat_skala,
    tebak_tipe,
    uraian_polaritas,
    uraian_skala,
    usul_sifat,
)
from renja.teks import kunci_nama

TEKS = (Indikator.TipeNilai.KUALITATIF, Indikator.TipeNilai.KATEGORI)  # targets are text
KONTEKS = {Indikator.TipeNilai.PERSEN: PERSEN, Indikator.TipeNilai.ANGKA: JUMLAH}
RENSTRA, AKHIR = Target.Jenis.RENSTRA, Target.Jenis.AKHIR_RENSTRA


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

    def __str__(self):
        return f"{self.jenis.capitalize()} {self.nomor}. {self.uraian}"


@dataclass(eq=False)
class _Node:
    nom: object
    alias: str
    obj: object = None

    def __str__(self):
        return f"{self.nom.kode} {self.nom.nama}"


@dataclass(eq=False)
class _Ind:
    pemilik: object  # a _Bagian or _Node
    nama: str
    satuan: str
    tipe: str
    sifat: str
    polaritas: str = POSITIF
    metode_negatif: str = ""
    obj: object = None
    skala: list = field(default_factory=list)  # a kategori's levels, low to high

    def __str__(self):
        return f"{self.nama} ({self.pemilik})"


def _uraian(nama, satuan, tipe, sifat, polaritas, metode_negatif, skala=()):
    """An indicator as its dry-run line describes it; its polarity only when negatif, its scale
    only when it has one."""
    arah = uraian_polaritas(polaritas, metode_negatif) + uraian_skala(tipe, skala)
    return f"{nama} ({satuan or 'tanpa satuan'}; {tipe}; {sifat}{arah})"


def _nomor_uraian(text, nomor):
    """(number, text) of a tujuan or sasaran cell: "1.1 Meningkatnya …", "Tujuan 1: …" or the
    No column's number."""
    match = re.match(r"^(?:(?:tujuan|sasaran)\s*)?(\d+(?:\.\d+)*)[.):]?\s+(\S.*)$", text, re.I)
    if match:
        return match.group(1), match.group(2).strip()
    return (nomor or "").rstrip("."), text


class Pembaca:
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
        judul = " ".join(texts[k] for k in ("nomor", "tujuan", "sasaran", "nama") if texts[k])
        if cell("kode") in (None, "") and not texts["indikator"] and re.match(r"^(total|jumlah)\b", judul, re.I):
            self.rows.append(BarisImpor(nomor, "Total", judul, KOSONG, "baris jumlah: diperiksa, tidak disimpan"))
            self._pagu(nomor, TOTAL, pagu, None)  # checked against the sub kegiatan below, never stored
            return
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
        if tingkat in (TUJUAN, SASARAN, PROGRAM, KEGIATAN, SUB_KEGIATAN):
            self._pagu(nomor, tingkat, pagu, raw(kepala.akhir.get("pagu")))
        if texts["indikator"]:
            self._indikator(nomor, texts, cell, target, kepala, raw)
        elif tingkat is None and any(v not in (None, "") for _, v in [*pagu.values(), *target.values()]):
            self.rows.append(
                BarisImpor(
                    nomor, "Indikator", None, GALAT, "baris berisi target atau pagu tanpa kode dan tanpa indikator"
                )
            )

    def _ulang(self, nomor, jenis, uraian, induk):
        """The plan of a tujuan or sasaran the file already named (another table of the same
        Renstra, e.g. Bab III beside the program table), told on its first line; None if new."""
        plan = next(
            (
                b
                for b in self.bagian
                if b.jenis == jenis and b.induk is induk and kunci_nama(b.uraian) == kunci_nama(uraian)
            ),
            None,
        )
        if plan is not None:
            first = next(b for b in self.rows if b.sasaran is plan)
            first.peringatan.append(f"baris {nomor} menyebut {jenis} yang sama: dianggap satu {jenis}")
        return plan

    def _tujuan(self, nomor, nomor_bagian, uraian):
        if plan := self._ulang(nomor, TUJUAN, uraian, None):
            self.tujuan = self.pemilik = plan
            self.sasaran = None
            return TUJUAN
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
        if plan := self._ulang(nomor, SASARAN, uraian, self.tujuan):
            self.sasaran = self.pemilik = plan
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
        elif len(plan.nomor) > 10:
            line.status, line.pesan = GALAT, f"nomor {kolom.lower()} '{plan.nomor}' lebih dari 10 karakter"
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
            node = self.pemilik if tingkat == SUB_KEGIATAN and isinstance(self.pemilik, _Node) else None
            line = BarisImpor(nomor, f"Rp {tahun}", raw, GALAT, tahun=tahun, sasaran=node)
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
            first, isi = self.seen_pagu[kunci]
            if isi == (nilai, teks):
                line.status = KOSONG
                line.peringatan.append(f"sama dengan nilai baris {first}: disimpan sekali")
            else:
                line.status, line.pesan = GALAT, f"berbeda dengan nilai yang sudah diisi pada baris {first}"
            return
        self.seen_pagu[kunci] = (line.nomor, (nilai, teks))
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
        try:
            polaritas = baca_polaritas(cell("polaritas"))
        except ValueError as error:
            line.kolom, line.mentah, line.pesan = "Polaritas", cell("polaritas"), f"indikator '{nama}': {error}"
            return
        try:
            skala = baca_skala(cell("skala"))
        except ValueError as error:
            line.kolom, line.mentah, line.pesan = "Skala Kategori", cell("skala"), f"indikator '{nama}': {error}"
            return
        if len(satuan) > 60:
            line.pesan = f"satuan '{satuan[:60]}…' lebih dari 60 karakter"
            return
        key = (id(self.pemilik), kunci_nama(nama))
        if key in self.seen_ind:  # listed again (another table): its values are compared, stored once
            plan, first = self.seen_ind[key]
            line.status, line.sasaran, line.peringatan = KOSONG, plan, [f"indikator yang sama dengan baris {first}"]
            self._target_semua(nomor, plan, target, cells)
            return
        plan = _Ind(self.pemilik, nama, satuan, tipe, sifat, *(polaritas or (POSITIF, "")))
        self.seen_ind[key] = (plan, nomor)
        try:
            plan.obj = self._cocok_indikator(plan, line)
        except SelTidakSah as error:
            line.pesan = str(error)
            return
        plan.skala = skala or []
        if plan.obj is None:
            line.status = BARU
        else:
            o = plan.obj
            line.lama = _uraian(
                o.nama, o.satuan, o.tipe_nilai, o.sifat, o.polaritas, o.metode_negatif, o.skala_kategori
            )
            plan.satuan = plan.satuan if texts["satuan"] else o.satuan
            plan.tipe = tipe if cell("tipe") not in (None, "") else o.tipe_nilai
            plan.sifat = sifat if cell("sifat") not in (None, "") else o.sifat
            if polaritas is None:  # an empty cell keeps the stored polarity
                plan.polaritas, plan.metode_negatif = o.polaritas, o.metode_negatif
            if skala is None:  # and the stored scale
                plan.skala = list(o.skala_kategori or [])
        line.sasaran = plan
        if pesan := galat_skala(plan.tipe, plan.skala, skala is not None):
            line.kolom, line.mentah, line.pesan = "Skala Kategori", cell("skala"), f"indikator '{nama}': {pesan}"
            line.status = GALAT
            return
        shown = plan.obj.nama if plan.obj is not None else nama
        line.baru = _uraian(shown, plan.satuan, plan.tipe, plan.sifat, plan.polaritas, plan.metode_negatif, plan.skala)
        if plan.obj is not None:
            line.status = SAMA if line.baru == line.lama else BERUBAH
        self.ind.append((plan, line))
        self._target_semua(nomor, plan, target, cells)

    def _target_semua(self, nomor, plan, target, cells):
        nilai = [(tahun, cv, RENSTRA) for tahun, cv in sorted(target.items())] + [(self.akhir, cells["akhir"], AKHIR)]
        for tahun, (col, value), jenis in nilai:
            if col is not None:
                label = f"Target {tahun}" if jenis == RENSTRA else "Target akhir periode"
                self._target(nomor, label, value, plan, tahun, jenis)

    def _definisi(self, nama, satuan, cell, cells, teks):
        """(tipe, sifat, warnings): the Tipe and Sifat columns, else the proposals with their reason."""
        notes = []
        try:
            tipe = baca_tipe(cell("tipe"))
        except ValueError as error:
            raise SelTidakSah(str(error)) from error
        if tipe is None:
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
        line = BarisImpor(nomor, kolom, raw, GALAT, tahun=tahun, sasaran=plan)
        self.rows.append(line)
        try:
            if plan.tipe in TEKS:
                nilai, teks = None, teks_sel(raw, kolom, panjang=120)
                if plan.tipe == Indikator.TipeNilai.KATEGORI and (pesan := di_luar_skala(teks, plan.skala)):
                    raise SelTidakSah(pesan)
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
    """The one place a pre-Permendagri-90 code of a Renstra file is handled: refused, with the
    way it is held instead. The renstra kind writes the Renstra on current codes (its targets
    and pagu feed the Renja); the legacy programs and kegiatan a Renstra was evaluated with are
    held by the riwayat kind (Tabel 2.1, the Pemda's legacy tree in renja.lama), which prints
    them as written."""
    return (
        f"kode lama (sebelum Permendagri 90) {kode}: Renstra diimpor dengan kode Permendagri 90; program dan "
        "kegiatan berkode lama beserta targetnya diimpor lewat riwayat Tabel 2.1 (jenis riwayat), yang "
        "mencetaknya seperti tertulis"
    )
