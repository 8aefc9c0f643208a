"""Import kind ``riwayat``: Tabel 2.1 (T-C.29, spec §2.1) of an OPD's Renja n from the file the
OPD has, into the records the T-C.29 builder reads (evaluasi.rekap): kolom 4 the end-of-Renstra
target (Target akhir_renstra of the Renstra's last year), kolom 5 the realisasi s/d n-3 (a
yearly realisasi of n-3, less what earlier years of the Renstra already hold), kolom 6 and 7
target and realisasi n-2, kolom 9 target n-1. Kolom 8, 10 and 11 are not taken: the app
computes them by sifat (evaluasi.capaian), and the dry run says where the file's figure differs.

Codes: a current code is checked against the master (renja.impor_rencana.Kamus); a
pre-Permendagri-90 code finds or creates a node of the Pemda's legacy tree (renja.lama), its
level from the file's context. Indicators are matched to the node's existing one only when
exactly one has the same name after ``kunci_nama``; otherwise a history-only indicator (no target
Renja n) is created, and the dry run says so, naming the node's other indicators.
"""

import hashlib
import re

from django.db import transaction

from evaluasi import capaian as c
from evaluasi.impor import KONTEKS, TEKS
from evaluasi.models import RealisasiKinerja
from renja import kode as kodefikasi
from renja import lama
from renja.angka import bulatkan, format_angka, format_ringkas
from renja.berkas import BerkasTidakSah, Kemajuan, Kolom, baca_berkas, cari_kolom, kunci_judul
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
from renja.impor_rencana import Kamus, KodeGanda, KodeLama
from renja.kunci import alasan_terkunci_semua
from renja.models import Impor, Indikator, Kegiatan, Periode, Program, Renstra, SubKegiatan, Target
from renja.sel import INDEKS, PERSEN, SelTidakSah, baca_nilai
from renja.sifat import baca_sifat, tebak_tipe, usul_sifat
from renja.teks import kunci_nama

DIHITUNG = "dihitung"  # a printed kolom 8, 10 or 11 that differs from the app's figure (not taken)
KOLOM = [
    Kolom("kode", "Kode", ("kode",)),
    Kolom("nama", "Program/Kegiatan/Sub Kegiatan", ("urusan", "uraian"), wajib=False),
    Kolom("indikator", "Indikator", ("indikator",)),
    Kolom("satuan", "Satuan", ("satuan",), wajib=False),
    Kolom("sifat", "Sifat", ("sifat",), wajib=False),
]
BATAS = 10**16  # Target and RealisasiKinerja hold 20 digits, 4 of them decimals
MASUKAN = ("k4", "k5", "k6", "k7", "k9")
LABEL = {"k4": "kolom 4", "k5": "kolom 5", "k6": "kolom 6", "k7": "kolom 7", "k9": "kolom 9"}
LABEL |= {"k8": "kolom 8", "k10": "kolom 10", "k11": "kolom 11"}
MODEL = {kodefikasi.PROGRAM: Program, kodefikasi.KEGIATAN: Kegiatan, kodefikasi.SUB_KEGIATAN: SubKegiatan}


def jenis_kolom(text, n):
    """Which T-C.29 column a header names (k4 … k11), by its words and the years of Renja ``n``
    (the regulation's and the seeds' wordings), or None."""

    def ada(*words):
        return any(re.search(rf"\b{w}\b", text) for w in words)

    if ada("tingkat capaian") or (ada("tingkat") and ada("renstra")):
        return "k11"
    if ada("tingkat"):
        return "k8"
    if ada("realisasi") and ada("s d", "sd", "sampai dengan") and ada("berjalan", str(n - 1), "n 1"):
        return "k10"
    if ada("realisasi") and ada(str(n - 3), "n 3"):
        return "k5"
    if ada("realisasi") and ada(str(n - 2), "n 2", "lalu"):
        return "k7"
    if ada("target") and ada("akhir", "renstra") and not ada("renja"):
        return "k4"
    if ada("target") and ada(str(n - 2), "n 2", "lalu"):
        return "k6"
    if ada("target") and ada(str(n - 1), "n 1", "berjalan"):
        return "k9"
    return None


def kolom_nilai(rows, header, found, n):
    """{k4 … k11: (value column, satuan column or None)}: by the number row under the header
    when it numbers 4 to 9, else by each header's own text (a sub-header, else the group title
    above it). A column followed by one without a header of its own is a satuan column with its
    value beside it (the seeds print the satuan in front of kolom 4, 6, 7, 9)."""
    out = {}
    if _sub_kepala(rows, header, found):
        header += 1
    nomor = rows[header + 1] if header + 1 < len(rows) else []
    if baris_nomor_kolom(nomor):
        for col, value in enumerate(nomor):
            match = re.match(r"^\s*(\d+)", str(value or ""))
            if match and f"k{int(match.group(1))}" in (*MASUKAN, "k8", "k10", "k11"):
                out.setdefault(f"k{int(match.group(1))}", col)
    if not all(k in out for k in MASUKAN):
        out = {}
        above = rows[header - 1] if header > 0 else []
        if sum(1 for v in above if v not in (None, "")) < 2:
            above = []
        carried = ""
        for col, low in enumerate(rows[header]):
            if col < len(above) and above[col] not in (None, ""):
                carried = str(above[col])
            own = kunci_judul(low) or kunci_judul(carried if col < len(above) and above[col] else "")
            if col not in found.values() and (kind := jenis_kolom(own, n)):
                out.setdefault(kind, col)
    missing = [LABEL[k] for k in MASUKAN if k not in out]
    if missing:
        raise BerkasTidakSah(
            f"Kolom Tabel 2.1 tidak ditemukan: {', '.join(missing)}. Judul kolom harus menyebut target akhir Renstra, "
            f"realisasi s/d {n - 3}, target dan realisasi {n - 2}, target {n - 1} (atau baris nomor kolom 1 2 3 4 …)."
        )
    used = set(found.values()) | set(out.values())
    texts = [kunci_judul(v) for v in rows[header]]
    pairs = {}
    for key, col in out.items():
        nxt = col + 1
        free = nxt < len(texts) and not texts[nxt] and nxt not in used
        pairs[key] = (nxt, col) if free and not (header > 0 and _teks(rows[header - 1], nxt)) else (col, None)
    return pairs


def _sub_kepala(rows, header, found):
    """Whether the row under the header row ``cari_kolom`` chose is the lower row of a two-row
    header (group sub-headers: empty under Kode and Indikator, some text, not the number row)."""
    if header + 1 >= len(rows):
        return False
    row = rows[header + 1]
    return (
        not baris_nomor_kolom(row)
        and all(not _teks(row, found[k]) for k in ("kode", "indikator"))
        and any(re.search(r"[A-Za-z]", str(v)) for v in row if v not in (None, ""))
    )


def _teks(row, col):
    return col < len(row) and row[col] not in (None, "")


class _Data:
    """What the OPD has now, read once: its nodes, their indicators, targets and realisasi, the
    master and the Pemda's legacy tree."""

    def __init__(self, opd):
        self.opd = opd
        self.kamus = Kamus(opd.pemda.nomenklatur_versi)
        versi = lama.versi_lama(opd.pemda)
        self.lama = {n.kode: n for n in versi.nomenklatur.select_related("induk")} if versi else {}
        self.node = {}
        for model in MODEL.values():
            lookup = {Program: "opd", Kegiatan: "program__opd", SubKegiatan: "kegiatan__program__opd"}[model]
            for obj in model.objects.filter(**{lookup: opd}):
                self.node[obj.nomenklatur_id] = obj
        self.indikator = {}
        for ind in (
            Indikator.objects.for_opd(opd).filter(tujuan=None, sasaran=None).prefetch_related("target", "realisasi")
        ):
            self.indikator.setdefault((ind.level, getattr(ind, f"{ind.level}_id")), []).append(ind)
        self.bidang = set(opd.bidang_urusan.values_list("kode", flat=True))


def _renstra(opd, n):
    renstra = Renstra.objects.filter(opd=opd, tahun_awal__lte=n, tahun_akhir__gte=n).first()
    if renstra is None:
        raise BerkasTidakSah(
            f"{opd.singkatan} belum mempunyai Renstra yang mencakup tahun {n}: buat atau impor Renstra-nya dulu. "
            "Tidak ada yang disimpan."
        )
    return renstra


def periksa(opd, data, nama_berkas, tahun, maju=None):
    """The dry run of a Tabel 2.1 file of ``opd`` for Renja ``tahun`` (n): a line per node,
    indicator and value (baru / berubah / sama / kosong / galat), and a ``dihitung`` line per
    printed kolom 8, 10 or 11 that differs from the app's figure. Nothing is written."""
    if not tahun:
        raise BerkasTidakSah("Isi tahun Renja (tahun n) untuk impor riwayat Tabel 2.1.")
    renstra = _renstra(opd, tahun)
    ada = _Data(opd)
    sheets = baca_berkas(data, nama_berkas, maju=maju)
    kemajuan = Kemajuan(sheets, maju)
    rows, errors = [], []
    ganda, rencana_lama = KodeGanda(), {}
    for sheet in sheets:
        try:
            header, found = cari_kolom(sheet.baris, KOLOM)
            kolom = kolom_nilai(sheet.baris, header, found, tahun)
        except BerkasTidakSah as error:
            errors.append(error)
            continue
        baca = _Pembaca(opd, renstra, tahun, ada, ganda, rencana_lama, kolom)
        awal = header + 1 + _sub_kepala(sheet.baris, header, found)
        for index in range(awal, len(sheet.baris)):
            row = sheet.baris[index]
            kemajuan.satu()
            if all(v in (None, "") for v in row) or (index == awal and baris_nomor_kolom(row)):
                continue

            def cell(key, row=row, found=found):
                col = found.get(key)
                return row[col] if col is not None and col < len(row) else None

            rows.extend(baca.baris(index + 1, row, cell))
    if errors and not rows:
        raise errors[0]
    kemajuan.tuntas()
    _kunci(rows)
    return HasilImpor(nama_berkas, hashlib.sha256(data).hexdigest(), rows)


class _Pembaca:
    """Reads the rows of one sheet in order: a row with a code starts a node, every row with an
    indicator adds one to the node above."""

    def __init__(self, opd, renstra, n, ada, ganda, rencana_lama, kolom):
        self.opd, self.renstra, self.n, self.ada = opd, renstra, n, ada
        self.ganda, self.rencana_lama, self.kolom = ganda, rencana_lama, kolom
        self.node, self.node_nomor, self.program_lama = None, 0, None

    def baris(self, nomor, row, cell):
        out = []
        if cell("kode") not in (None, ""):
            line = self._node(nomor, cell)
            out.append(line)
            self.node = line.nilai.get("node") if line.status != GALAT else None
            self.node_nomor = nomor
        nama = cell("indikator")
        if nama in (None, ""):
            return out
        if self.node is None:
            why = f"kode pada baris {self.node_nomor} bergalat" if self.node_nomor else "belum ada kode di atasnya"
            return [*out, BarisImpor(nomor, "Indikator", nama, GALAT, f"indikator tanpa node: {why}")]
        return out + self._indikator(nomor, row, cell)

    # ---------------------------------------------------------------- nodes

    def _node(self, nomor, cell):
        raw = cell("kode")
        line = BarisImpor(nomor, "Kode", raw, GALAT)
        try:
            nama = teks_sel(cell("nama"), "nama", panjang=400)
            kode = self.ada.kamus.kode(raw)
            if kode is None:
                raise SelTidakSah("kode kosong")
            if pesan := self.ganda.catat(kode, nama, nomor):
                raise SelTidakSah(pesan)
            node = self._lama(kode, nama) if isinstance(kode, KodeLama) else self._baru(kode, nama, line)
        except SelTidakSah as error:
            line.pesan = str(error)
            return line
        obj = self.ada.node.get(node["nom"].pk) if node["nom"] else None
        node["obj"] = obj
        line.status, line.sasaran, line.nilai = (SAMA if obj else BARU), obj, {"node": node}
        line.baru = f"{node['kode']} {node['nama']}"
        if node["lama"]:
            line.peringatan.append(node["catatan"])
        return line

    def _baru(self, kode, nama, line):
        level = kodefikasi.level_kode(kode)
        if level not in MODEL:
            raise SelTidakSah(
                f"kode {kode} adalah {kodefikasi.LEVEL_LABEL[level]}: Tabel 2.1 memuat program, kegiatan, sub kegiatan"
            )
        if not kodefikasi.dalam_bidang(kode, self.ada.bidang):
            raise SelTidakSah(f"kode {kode} bukan bidang urusan {self.opd.singkatan}")
        cocok = self.ada.kamus.cocokkan(kode, nama)
        line.peringatan.extend(cocok.peringatan)
        self.program_lama = None
        return {
            "kode": kode,
            "nama": cocok.node.nama,
            "alias": cocok.alias,
            "nom": cocok.node,
            "lama": False,
            "level": level,
        }

    def _lama(self, kode, nama):
        kode = str(kode)
        if not nama:
            raise SelTidakSah(f"kode lama {kode} tanpa nama: tulis nama program/kegiatan seperti dalam Renstra")
        level = lama.tingkat_lama(kode, self.program_lama["kode"] if self.program_lama else None)
        induk = self.program_lama if level == lama.KEGIATAN else None
        stored = self.ada.lama.get(kode)
        if stored is not None:
            lama.periksa_node(stored, nama, level, induk["kode"] if induk else None)
        node = {"kode": kode, "nama": nama, "alias": "", "nom": stored, "lama": True, "level": level, "induk": induk}
        label = "program" if level == lama.PROGRAM else f"kegiatan dari program {induk['kode']}"
        node["catatan"] = (
            f"kode lama (sebelum Permendagri 90) {kode}: {label}, dicetak di Tabel 2.1 seperti tertulis"
            + ("" if stored else "; ditambahkan ke pohon kode lama Pemda")
        )
        if level == lama.PROGRAM:
            self.program_lama = node
        return node

    # ---------------------------------------------------------------- indicators and values

    def _indikator(self, nomor, row, cell):
        node = self.node
        line = BarisImpor(nomor, "Indikator", cell("indikator"), GALAT)
        try:
            nama = teks_sel(cell("indikator"), "indikator", wajib=True)
            if kunci_nama(nama) in node.setdefault("indikator", {}):
                raise SelTidakSah(
                    f"indikator '{nama}' sudah ada pada baris {node['indikator'][kunci_nama(nama)]} untuk node ini"
                )
            node["indikator"][kunci_nama(nama)] = nomor
            ind = self._cocokkan(node, nama, line)
            ind["satuan"] = self._satuan(row, cell)
            ind["tipe"], ind["sifat"] = self._sifat(ind, row, cell, line)
        except SelTidakSah as error:
            line.pesan = str(error)
            return [line]
        line.status, line.sasaran, line.nilai = (SAMA if ind["obj"] else BARU), ind["obj"], {"ind": ind}
        line.baru = f"{nama} ({ind['satuan']}), {ind['sifat'].replace('_', '-')}"
        values = {key: self._nilai(nomor, row, key, ind) for key in MASUKAN}
        out = [line, *values.values()]
        out.extend(self._dihitung(nomor, row, ind, values))
        return out

    def _cocokkan(self, node, nama, line):
        owner = node["obj"]
        existing = self.ada.indikator.get((node["level"], owner.pk), []) if owner else []
        same = [i for i in existing if kunci_nama(i.nama) == kunci_nama(nama)]
        if len(same) > 1:
            raise SelTidakSah(
                f"{len(same)} indikator {node['kode']} bernama '{nama}' (beda huruf/spasi saja): ubah nama salah satunya di ruang kerja dulu"
            )
        if same:
            if same[0].nama != nama:
                line.peringatan.append(
                    f"dipadankan dengan indikator '{same[0].nama}' (beda huruf, spasi atau tanda baca saja)"
                )
            return {"obj": same[0], "nama": same[0].nama, "node": node, "urutan": same[0].urutan}
        lain = "; ".join(f"'{i.nama}'" for i in existing[:5])
        line.peringatan.append(
            "indikator baru khusus riwayat Tabel 2.1 (tanpa target Renja n; tidak tampil di T-C.31 dan T-C.33)"
            + (
                f". Indikator {node['kode']} yang ada: {lain}; bila maksudnya sama, tulis namanya persis"
                if lain
                else ""
            )
        )
        return {"obj": None, "nama": nama, "node": node, "urutan": 100 + len(node["indikator"])}

    def _sel(self, row, key):
        col = self.kolom[key][0]
        return row[col] if col < len(row) else None

    def _satuan(self, row, cell):
        for raw in [cell("satuan")] + [
            row[s] if s < len(row) else None for _, s in self.kolom.values() if s is not None
        ]:
            if raw not in (None, "") and not re.search(r"\d", str(raw)):
                return teks_sel(raw, "satuan", panjang=60)
        for key in MASUKAN:
            try:
                if unit := baca_nilai(self._sel(row, key), PERSEN).satuan:
                    return unit[:60]
            except SelTidakSah:
                continue
        return ""

    def _sifat(self, ind, row, cell, line):
        """tipe and sifat: the stored indicator's; for a new one, the Sifat column, else the
        proposal from the satuan and targets (renja.sifat), said in the dry run."""
        try:
            kolom = baca_sifat(cell("sifat"))
        except ValueError as error:
            raise SelTidakSah(str(error)) from None
        if ind["obj"]:
            obj = ind["obj"]
            if kolom and kolom != obj.sifat:
                line.peringatan.append(
                    f"sifat di berkas {kolom}, dipakai sifat tersimpan {obj.sifat} (ubah di ruang kerja)"
                )
            return obj.tipe_nilai, obj.sifat
        texts = [
            str(v) for v in (self._sel(row, k) for k in MASUKAN) if v not in (None, "") and not re.search(r"\d", str(v))
        ]
        tipe, alasan = tebak_tipe(ind["satuan"], ind["nama"], [t for t in texts if t.strip() not in ("-", "–")])
        if kolom:
            if kolom == c.KUMULATIF and tipe != Indikator.TipeNilai.ANGKA:
                raise SelTidakSah(f"sifat kumulatif hanya untuk indikator angka, indikator ini {tipe} ({alasan})")
            return tipe, kolom
        target = {}
        for key in ("k4", "k6", "k9"):
            try:
                target[key] = baca_nilai(self._sel(row, key), KONTEKS.get(tipe, INDEKS)).nilai
            except SelTidakSah:
                target[key] = None
        sifat, sebab = usul_sifat(tipe, [target["k6"], target["k9"]], target["k4"])
        line.peringatan.append(
            f"tipe {tipe} ({alasan}); sifat diusulkan {sifat.replace('_', '-')}: {sebab}. Kolom Sifat mengubahnya"
        )
        return tipe, sifat

    def _nilai(self, nomor, row, key, ind):
        raw = self._sel(row, key)
        line = BarisImpor(nomor, LABEL[key], raw, GALAT, sasaran=ind["obj"])
        try:
            sel = baca_nilai(raw, KONTEKS.get(ind["tipe"], INDEKS), ind["satuan"])
            if sel.teks and ind["tipe"] not in TEKS:
                raise SelTidakSah(f"'{sel.teks}' bukan angka, padahal indikator ini bertipe {ind['tipe']}")
            if sel.nilai is not None and abs(sel.nilai) >= BATAS:
                raise SelTidakSah(f"angka {raw} terlalu besar untuk nilai indikator (paling banyak 16 digit)")
        except SelTidakSah as error:
            line.pesan, line.dapat_dikosongkan = str(error), True
            return line
        line.peringatan.extend(sel.peringatan)
        line.nilai = {"ind": ind, "key": key, "baca": (sel.nilai, sel.teks)}
        if sel.kosong:
            line.status = KOSONG
            return line
        tulis = self._tulis(key, ind, sel.nilai, sel.teks, line)
        if tulis is None:
            return line
        line.nilai["tulis"], line.tahun = tulis, tulis["tahun"]
        line.baru = tulis["tampil"]
        old = tulis["lama"]
        if old is None:
            line.status = BARU
        else:
            line.lama = format_ringkas(old.nilai) if old.nilai is not None else old.nilai_teks
            line.status = SAMA if (old.nilai, old.nilai_teks) == (tulis["nilai"], tulis["nilai_teks"]) else BERUBAH
        return line

    def _tulis(self, key, ind, nilai, teks, line):
        """Where a value goes: {model, jenis, tahun, nilai, nilai_teks, tampil, lama}."""
        n, obj = self.n, ind["obj"]
        tampil = format_ringkas(nilai) if nilai is not None else teks
        if key in ("k4", "k6", "k9"):
            jenis = Target.Jenis.AKHIR_RENSTRA if key == "k4" else Target.Jenis.RENJA
            tahun = {"k4": self.renstra.tahun_akhir, "k6": n - 2, "k9": n - 1}[key]
            old = next((t for t in obj.target.all() if (t.jenis, t.tahun) == (jenis, tahun)), None) if obj else None
            return {
                "model": Target,
                "jenis": jenis,
                "tahun": tahun,
                "nilai": nilai,
                "nilai_teks": teks,
                "tampil": tampil,
                "lama": old,
            }
        tahun = n - 3 if key == "k5" else n - 2
        stored = {r.tahun: r for r in obj.realisasi.all() if r.periode == Periode.TAHUNAN} if obj else {}
        if key == "k5":
            earlier = [stored[y] for y in sorted(stored) if self.renstra.tahun_awal <= y < n - 3]
            if earlier:
                nilai, teks = self._sisa(ind["sifat"], nilai, teks, earlier, line)
                if line.pesan:
                    return None
                tampil = format_ringkas(nilai) if nilai is not None else teks
        return {
            "model": RealisasiKinerja,
            "tahun": tahun,
            "nilai": nilai,
            "nilai_teks": teks,
            "tampil": tampil,
            "lama": stored.get(tahun),
        }

    def _sisa(self, sifat, nilai, teks, earlier, line):
        """Kolom 5 is the realisasi s/d n-3; the app derives it from the yearly realisasi from
        the Renstra's first year (evaluasi.capaian.tc29_kolom_5). With earlier years stored, the
        year n-3 gets what makes the derived figure equal the file's."""
        years = ", ".join(str(r.tahun) for r in earlier)
        if sifat == c.NON_KUMULATIF or nilai is None:
            return nilai, teks
        values = [r.nilai for r in earlier]
        if any(v is None for v in values):
            line.pesan = f"realisasi tersimpan tahun {years} bukan angka: kolom 5 tidak dapat dibagi per tahun"
            return None, ""
        hitung = nilai - sum(values) if sifat == c.KUMULATIF else nilai * (len(values) + 1) - sum(values)
        if hitung < 0:
            line.pesan = f"kolom 5 ({format_ringkas(nilai)}) lebih kecil dari realisasi tersimpan tahun {years} ({format_ringkas(sum(values))})"
            line.dapat_dikosongkan = True
            return None, ""
        line.peringatan.append(
            f"realisasi {self.n - 3} disimpan {format_ringkas(hitung)}: kolom 5 {format_ringkas(nilai)} dengan realisasi tersimpan tahun {years} ({sifat.replace('_', '-')})"
        )
        return hitung, ""

    def _dihitung(self, nomor, row, ind, values):
        """A ``dihitung`` line for each printed kolom 8, 10, 11 that is not the app's figure from
        the file's own kolom 4-9 by the indicator's sifat (compared at the printed decimals)."""
        if any(v.status == GALAT for v in values.values()):
            return []
        isi = {
            k: (v.nilai["baca"][0] if v.nilai["baca"][0] is not None else (v.nilai["baca"][1] or None))
            for k, v in values.items()
        }
        k10 = c.tc29_kolom_10(ind["sifat"], isi["k5"], isi["k7"], isi["k9"])
        right = {
            "k8": c.tc29_kolom_8(isi["k7"], isi["k6"]),
            "k10": k10,
            "k11": c.tc29_kolom_11(k10.nilai_atau_teks, isi["k4"]),
        }
        out = []
        for key, hasil in right.items():
            if key not in self.kolom:
                continue
            raw = self._sel(row, key)
            try:
                printed = baca_nilai(raw, PERSEN if key != "k10" else KONTEKS.get(ind["tipe"], INDEKS))
            except SelTidakSah:
                printed = None
            big = printed is not None and printed.nilai is not None and abs(printed.nilai) >= BATAS
            if printed is None or printed.kosong or big or _sama(printed.nilai, printed.teks, hasil):
                continue
            pct = " %" if key != "k10" else ""
            benar = (
                (format_angka(hasil.nilai, 2) if key != "k10" else format_ringkas(hasil.nilai)) + pct
                if hasil.nilai is not None
                else (hasil.teks or f"– ({hasil.alasan})")
            )
            tercetak = (format_ringkas(printed.nilai) + pct) if printed.nilai is not None else printed.teks
            out.append(
                BarisImpor(
                    nomor,
                    LABEL[key],
                    raw,
                    DIHITUNG,
                    "tidak diambil: dihitung aplikasi",
                    ind["obj"],
                    peringatan=[
                        f"{LABEL[key]} tercetak {tercetak}, yang benar {benar} ({ind['sifat'].replace('_', '-')})"
                    ],
                )
            )
        return out


def _sama(nilai, teks, hasil):
    if nilai is None or hasil.nilai is None:
        return nilai is None and hasil.nilai is None and kunci_nama(teks) == kunci_nama(hasil.teks)
    return bulatkan(hasil.nilai, max(0, -nilai.normalize().as_tuple().exponent)) == nilai


def _kunci(rows):
    """A new or changed target of a Renja or Renstra that is not open is an error naming why
    (renja.kunci), as a new indicator on a node of a closed Renja."""
    cek, lines = [], []
    for line in rows:
        tulis = line.nilai.get("tulis") if line.status in (BARU, BERUBAH) else None
        if tulis and tulis["model"] is Target and line.nilai["ind"]["obj"]:
            cek.append(Target(indikator=line.nilai["ind"]["obj"], jenis=tulis["jenis"], tahun=tulis["tahun"]))
            lines.append(line)
        elif (
            "ind" in line.nilai and "key" not in line.nilai and line.status == BARU and line.nilai["ind"]["node"]["obj"]
        ):
            node = line.nilai["ind"]["node"]
            cek.append(Indikator(**{node["level"]: node["obj"]}))
            lines.append(line)
    for line, alasan in zip(lines, alasan_terkunci_semua(cek), strict=True):
        if alasan:
            line.status, line.pesan = GALAT, alasan


def terapkan(opd, user, data, nama_berkas, tahun):
    """Check the file again and, when no line has an error, write every new and changed node,
    indicator, target and realisasi in one transaction with history "impor #N …"; returns the Impor."""
    hasil = periksa(opd, data, nama_berkas, tahun)
    tolak_bila_galat(hasil, "baris")
    with transaction.atomic():
        impor, alasan = catat_impor(hasil, Impor.Jenis.RIWAYAT, opd, user)
        for line in hasil.baris:
            if "node" in line.nilai:
                _simpan_node(opd, line.nilai["node"], user, alasan)
            elif "ind" in line.nilai and "key" not in line.nilai:
                _simpan_indikator(line.nilai["ind"], user, alasan)
            elif line.status in (BARU, BERUBAH):
                _simpan_nilai(line.nilai, user, alasan)
    return impor


def _simpan_node(opd, node, user, alasan):
    if node["obj"] is not None:
        return
    if node["lama"]:
        induk = node["induk"]["nom"] if node.get("induk") else None
        node["nom"] = lama.node_lama(opd.pemda, node["kode"], node["nama"], node["level"], induk)
    node["obj"] = lama.node_opd(opd, node["nom"], user, alasan)
    if node["alias"] and not node["obj"].nama_alias:
        node["obj"].nama_alias = node["alias"]
        node["obj"]._history_user, node["obj"]._change_reason = user, alasan
        node["obj"].save(update_fields=["nama_alias"])


def _simpan_indikator(ind, user, alasan):
    if ind["obj"] is not None:
        return
    node = ind["node"]
    obj = Indikator(
        **{node["level"]: node["obj"]},
        nama=ind["nama"],
        satuan=ind["satuan"],
        tipe_nilai=ind["tipe"],
        sifat=ind["sifat"],
        urutan=ind["urutan"],
    )
    obj._history_user, obj._change_reason = user, alasan
    obj.save()
    ind["obj"] = obj


def _simpan_nilai(nilai, user, alasan):
    tulis, ind = nilai["tulis"], nilai["ind"]["obj"]
    old = tulis["lama"]
    if tulis["model"] is Target:
        obj = old or Target(indikator=ind, jenis=tulis["jenis"], tahun=tulis["tahun"])
    else:
        obj = old or RealisasiKinerja(indikator=ind, tahun=tulis["tahun"], periode=Periode.TAHUNAN)
    obj.nilai, obj.nilai_teks = tulis["nilai"], tulis["nilai_teks"]
    if old is not None:
        obj.versi += 1  # a grid holding the old version must not overwrite the imported value
    obj._history_user, obj._change_reason = user, alasan
    obj.save()
