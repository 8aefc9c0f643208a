"""Reading the rows of a Tabel 2.1 file (evaluasi.impor_riwayat): a row with a code starts a
node (current, checked against the master, or legacy, renja.lama), a row with an indicator adds
one to the node above with its values, and the printed kolom 8, 10, 11 are compared with the
app's figures (by the indicator's sifat and polaritas)."""

import re

from evaluasi import capaian as c
from evaluasi.impor import KONTEKS, TEKS
from evaluasi.models import RealisasiKinerja
from evaluasi.riwayat_kolom import LABEL, MASUKAN
from renja import kode as kodefikasi
from renja import lama
from renja.angka import bulatkan, format_angka, format_ringkas
from renja.impor import BARU, BERUBAH, GALAT, KOSONG, SAMA, BarisImpor, teks_sel
from renja.impor_rencana import KodeLama
from renja.models import Indikator, Kegiatan, Periode, Program, SubKegiatan, Target
from renja.sel import INDEKS, PERSEN, SelTidakSah, baca_nilai
from renja.sifat import POSITIF, baca_polaritas, baca_sifat, tebak_tipe, teks_polaritas, uraian_polaritas, usul_sifat
from renja.teks import kunci_nama

DIHITUNG = "dihitung"  # a printed kolom 8, 10 or 11 that differs from the app's figure (not taken)
BATAS = 10**16  # Target and RealisasiKinerja hold 20 digits, 4 of them decimals
MODEL = {kodefikasi.PROGRAM: Program, kodefikasi.KEGIATAN: Kegiatan, kodefikasi.SUB_KEGIATAN: SubKegiatan}


class Pembaca:
    """Reads the rows of one sheet in order: a row with a code starts a node, every row with an
    indicator adds one to the node above."""

    def __init__(self, opd, renstra, n, ada, ganda, kolom):
        self.opd, self.renstra, self.n, self.ada = opd, renstra, n, ada
        self.ganda, self.kolom = ganda, kolom
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
            isi = next((k for k in MASUKAN if self._sel(row, k) not in (None, "")), None)
            if isi:
                pesan = f"baris berisi nilai ({LABEL[isi]}) tetapi tanpa indikator: tulis nama indikatornya"
                out.append(BarisImpor(nomor, "Indikator", None, GALAT, pesan))
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
        try:
            ind["polaritas"], ind["metode_negatif"] = self._polaritas(ind, cell, line)
        except ValueError as error:
            line.kolom, line.mentah, line.pesan = "Polaritas", cell("polaritas"), f"indikator '{nama}': {error}"
            return [line]
        line.status, line.sasaran, line.nilai = (SAMA if ind["obj"] else BARU), ind["obj"], {"ind": ind}
        line.baru = f"{nama} ({ind['satuan']}), {ind['sifat'].replace('_', '-')}" + _arah(ind)
        values = {key: self._nilai(nomor, row, key, ind) for key in MASUKAN}
        _kumulatif(ind, values, self.n)
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

    def _polaritas(self, ind, cell, line):
        """(polaritas, metode_negatif): the stored indicator's (a different Polaritas cell is
        said, as a different sifat); for a new one the Polaritas column, else positif."""
        kolom = baca_polaritas(cell("polaritas"))
        obj = ind["obj"]
        if obj is None:
            return kolom or (POSITIF, "")
        if kolom and kolom != (obj.polaritas, obj.metode_negatif):
            line.peringatan.append(
                f"polaritas di berkas {teks_polaritas(*kolom)}, dipakai polaritas tersimpan "
                f"{teks_polaritas(obj.polaritas, obj.metode_negatif)} (ubah di ruang kerja)"
            )
        return obj.polaritas, obj.metode_negatif

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
        skala = (ind["obj"].skala_kategori or None) if ind["obj"] else None  # a new one is never kategori
        arah = (ind["polaritas"], ind["metode_negatif"], skala)
        right = {
            "k8": c.tc29_kolom_8(isi["k7"], isi["k6"], *arah),
            "k10": k10,
            "k11": c.tc29_kolom_11(k10.nilai_atau_teks, isi["k4"], *arah),
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
                        f"{LABEL[key]} tercetak {tercetak}, yang benar {benar} "
                        f"({ind['sifat'].replace('_', '-')}{_arah(ind, ', ') if key != 'k10' else ''})"
                    ],
                )
            )
        return out


def _arah(ind, pemisah="; "):
    return uraian_polaritas(ind["polaritas"], ind["metode_negatif"], pemisah)


def _kumulatif(ind, values, n):
    """A kumulatif indicator whose end-of-Renstra target (kolom 4) is below the sum of its
    targets n-2 and n-1 (kolom 6 + 9) is refused on kolom 4 (spec §5 C-08, the checker's
    ``kumulatif_akhir``): its sifat or its targets are wrong."""
    if ind["sifat"] != c.KUMULATIF or any(values[k].status == GALAT for k in ("k4", "k6", "k9")):
        return
    akhir, yearly = values["k4"].nilai["baca"][0], [values[k].nilai["baca"][0] for k in ("k6", "k9")]
    total = sum((v for v in yearly if v is not None), 0)
    if akhir is not None and akhir < total:
        line = values["k4"]
        line.status, line.pesan = (
            GALAT,
            (
                f"indikator kumulatif: target akhir Renstra {format_ringkas(akhir)} lebih kecil dari jumlah target "
                f"{n - 2} dan {n - 1} ({format_ringkas(total)}); periksa sifatnya (Non-kumulatif untuk jumlah per tahun) atau targetnya"
            ),
        )


def _sama(nilai, teks, hasil):
    if nilai is None or hasil.nilai is None:
        return nilai is None and hasil.nilai is None and kunci_nama(teks) == kunci_nama(hasil.teks)
    return bulatkan(hasil.nilai, max(0, -nilai.normalize().as_tuple().exponent)) == nilai
