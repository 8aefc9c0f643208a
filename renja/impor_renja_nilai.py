"""The renja import's reading of an indicator (name matched against the node's stored ones,
tipe and sifat proposed or taken from the file, polaritas taken from the file or kept, targets
n, n+1 and end of Renstra) and of a sub kegiatan's Renja row (pagu, lokasi, sumber dana,
catatan, penanggung jawab), as methods of the reader ``renja.impor_renja._Pembaca``."""

import difflib
import re

from renja.angka import format_ringkas
from renja.impor import BARU, BERUBAH, GALAT, KOSONG, SAMA, teks_sel
from renja.impor_rencana import KEGIATAN, PROGRAM, SASARAN, TUJUAN
from renja.impor_renja_kolom import (
    _TINGKAT_LABEL,
    _UNIT,
    ITEM,
    KONTEKS,
    LABEL,
    TEKS,
    IndBerkas,
    Nilai,
    _teks,
    kunci_item,
    kunci_target,
)
from renja.models import Indikator, SumberDana, UnitKerja
from renja.sel import GALAT_SPREADSHEET, INDEKS, SelTidakSah, baca_nilai
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
from renja.teks import kunci_nama, salah_ketik


class BacaIndikator:
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
            tipe_file = baca_tipe(cell("tipe"))
            sifat_file = baca_sifat(cell("sifat")) if _teks(cell("sifat")) else None
        except (SelTidakSah, ValueError) as error:
            self.line(nomor, "Tipe/Sifat", cell("tipe") or cell("sifat"), GALAT, str(error), sasaran=simpul.node)
            return
        try:
            polaritas_file = baca_polaritas(cell("polaritas"))
        except ValueError as error:
            self.line(nomor, LABEL["polaritas"], cell("polaritas"), GALAT, str(error), sasaran=simpul.node)
            return
        if polaritas_file:
            ind.polaritas, ind.metode_negatif = polaritas_file
        elif ind.obj:  # an empty cell keeps the stored polarity
            ind.polaritas, ind.metode_negatif = ind.obj.polaritas, ind.obj.metode_negatif
        else:
            ind.polaritas, ind.metode_negatif = POSITIF, ""
        try:
            skala_file = baca_skala(cell("skala"))
        except ValueError as error:
            self.line(nomor, LABEL["skala"], cell("skala"), GALAT, str(error), sasaran=simpul.node)
            return
        ind.skala = skala_file if skala_file is not None else list(ind.obj.skala_kategori or []) if ind.obj else []
        texts = [
            r
            for r in raws.values()
            if isinstance(r, str)
            and r.strip()
            and not re.search(r"\d", r)
            and r.strip() not in "-–—"
            and r.strip().upper() not in GALAT_SPREADSHEET  # an error is not a qualitative target
        ]
        if tipe_file:
            ind.tipe = tipe_file
        elif ind.obj:
            ind.tipe = ind.obj.tipe_nilai
        else:
            ind.tipe, why = tebak_tipe(ind.satuan, nama, texts)
            notes.append(f"tipe {ind.tipe} ({why})")
        if pesan := galat_skala(ind.tipe, ind.skala, skala_file is not None):
            self.line(nomor, LABEL["skala"], cell("skala"), GALAT, f"indikator '{nama}': {pesan}", sasaran=simpul.node)
            return
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
            if ind.tipe == Indikator.TipeNilai.KATEGORI and (pesan := di_luar_skala(raw, ind.skala)):
                raise SelTidakSah(pesan)
        except SelTidakSah as error:
            kunci = kunci_target(ind, jenis, self.tahun_target(jenis))
            self.galat_nilai(ind.nomor, label, raw, str(error), simpul.node, kunci)
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
        shown = f"{ind.satuan} · {ind.tipe} · {ind.sifat}" + uraian_polaritas(ind.polaritas, ind.metode_negatif, " · ")
        shown += uraian_skala(ind.tipe, ind.skala, " · ")
        notes = [*notes, *([ind.catatan_cocok] if getattr(ind, "catatan_cocok", "") else [])]
        if obj is None:
            status, lama = BARU, ""
        else:
            lama = f"{obj.satuan} · {obj.tipe_nilai} · {obj.sifat}" + uraian_polaritas(
                obj.polaritas, obj.metode_negatif, " · "
            )
            lama += uraian_skala(obj.tipe_nilai, obj.skala_kategori, " · ")
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
                kunci_sel=kunci_target(ind, jenis, tahun),
            )

    def tahun_target(self, jenis):
        return {"renja": self.tahun, "prakiraan_maju": self.tahun + 1}.get(jenis, self.rencana.renstra.tahun_akhir)


class BacaSubKegiatan:
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
        for key, field_name in ITEM.items():
            nilai, note = simpul.item[key], ""
            kunci = kunci_item(simpul, key, self.tahun)
            if nilai.galat:
                continue
            if not nilai.ada and key in ("lokasi", "sumber_dana", "penanggung_jawab"):
                inherited, note = self.induk_teks(simpul, key)
                if inherited and inherited.ada:
                    nilai = simpul.item[key] = Nilai(nilai.nomor, nilai.kolom, inherited.mentah, teks=inherited.teks)
            notes = [note] if note else []
            if not nilai.ada:
                self.line(nilai.nomor, nilai.kolom, nilai.mentah, KOSONG, sasaran=simpul.node, kunci_sel=kunci)
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
                kunci_sel=kunci,
            )

    def sumber_dana(self, nilai, simpul, notes):
        """The Pemda's SumberDana the cell names (letter case and spacing ignored, said), a new one
        for a name the list lacks (said; created with the import), or None (an error: a name
        close to one on the list, a word spelled differently, is more likely a typo of it; one
        that only adds or leaves out words, "DAK Fisik" beside "DAK Non Fisik", is another)."""
        key = kunci_nama(nilai.teks)
        found = self.rencana.sumber_dana.get(key)
        if found is not None:
            if found.nama != nilai.teks and found.pk:
                notes.append(f"dicocokkan dengan sumber dana '{found.nama}'")
            return found
        close = [
            k
            for k in difflib.get_close_matches(
                key, [k for k, s in self.rencana.sumber_dana.items() if s.pk], n=1, cutoff=0.85
            )
            if salah_ketik(nilai.teks, self.rencana.sumber_dana[k].nama)
        ]
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
