"""The whole Renja document, Bab I–V, assembled from the table builders and the narrative.

The app numbers bab, sub-bab and tables itself (spec R-1): tables are numbered per bab in
the order they appear ("Tabel 2.1", "Tabel 2.2", …), so there is never a second "Tabel 3.3"
nor a missing "Tabel 2.3". The Daftar Isi and Daftar Tabel are read off the assembled
document. Every figure that a generated paragraph restates is read from the table it
describes (R-2), so text and table cannot disagree. Year labels come from n.
"""

from dataclasses import dataclass, field
from functools import cached_property

from evaluasi.capaian import predikat, rata_rata_capaian
from laporan import builders as b
from laporan.builders.pohon import pohon_kinerja
from laporan.narasi import narasi_html, narasi_teks
from renja.angka import format_angka, format_rupiah
from renja.models import BagianNarasi

ROMAWI = ["I", "II", "III", "IV", "V"]
Kunci = BagianNarasi.Kunci


@dataclass
class SubBab:
    nomor: str
    judul: str
    paragraf: list = field(default_factory=list)  # the sentences the app generates
    tabel: list = field(default_factory=list)
    uraian: list = field(default_factory=list)  # generated tables without a number, after the numbered ones
    kunci: str = ""  # of its BagianNarasi
    narasi: str = ""  # what the planner wrote (Markdown), printed before the generated sentences

    @property
    def anchor(self):
        return "sub-" + self.nomor.replace(".", "-")

    @property
    def narasi_html(self):
        return narasi_html(self.narasi)

    def uraian_tambah(self, tabel):
        """Add a generated table without a number (e.g. "Faktor pendorong dan penghambat")."""
        self.uraian.append(tabel)
        return tabel

    @property
    def halaman(self):
        """The print's page of the sub-bab: landscape with a table, else portrait."""
        return "lanskap" if self.tabel else "potret"


@dataclass
class Bab:
    nomor: str
    judul: str
    sub: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"bab-{self.nomor}"

    @property
    def halaman(self):
        """The page of the bab's heading: that of its first sub-bab."""
        return self.sub[0].halaman if self.sub else "potret"


@dataclass
class Dokumen:
    renja: object
    judul: str
    bab: list = field(default_factory=list)
    kata_pengantar: str = ""  # Markdown, printed before the Daftar Isi

    @property
    def kata_pengantar_html(self):
        return narasi_html(self.kata_pengantar)

    @property
    def narasi_teks(self):
        """(title, plain text) of the Kata Pengantar and of every section with narrative (the workbook)."""
        bagian = [("Kata Pengantar", self.kata_pengantar)] + [
            (f"{sub.nomor} {sub.judul}", sub.narasi) for bab in self.bab for sub in bab.sub
        ]
        return [(judul, narasi_teks(isi)) for judul, isi in bagian if isi.strip()]

    @cached_property
    def pohon(self):
        """The appendix "Lampiran: Pohon Kinerja" (laporan.builders.pohon.Pohon), built only when
        a page prints it (the narrative page reads the document without it)."""
        return pohon_kinerja(self.renja)

    @property
    def daftar_isi(self):
        """(nomor, judul, anchor, tingkat) of every bab and sub-bab, in order, then the appendix."""
        entries = []
        for bab in self.bab:
            entries.append((f"BAB {bab.nomor}", bab.judul, bab.anchor, 1))
            entries.extend((sub.nomor, sub.judul, sub.anchor, 2) for sub in bab.sub)
        entries.append(("LAMPIRAN:", "POHON KINERJA", "lampiran-pohon", 1))
        return entries

    @property
    def daftar_tabel(self):
        return [tabel for bab in self.bab for sub in bab.sub for tabel in sub.tabel]

    @property
    def semua_tabel(self):
        """Every table in reading order, the unnumbered sub-sections too (the workbook's sheets)."""
        return [tabel for bab in self.bab for sub in bab.sub for tabel in (*sub.tabel, *sub.uraian)]


class _Penyusun:
    """Adds bab, sub-bab and tables in reading order, numbering them as it goes."""

    def __init__(self, renja):
        self.dokumen = Dokumen(renja, f"Rencana Kerja {renja.opd.nama} Tahun {renja.tahun}")
        self.narasi = dict(BagianNarasi.objects.filter(renja=renja).values_list("kunci", "isi"))
        self.dokumen.kata_pengantar = self.narasi.get(Kunci.KATA_PENGANTAR, "").strip()

    def bab(self, judul):
        self.dokumen.bab.append(Bab(ROMAWI[len(self.dokumen.bab)], judul))
        self._tabel_ke = 0

    def sub(self, judul, narasi):
        bab = self.dokumen.bab[-1]
        sub = SubBab(f"{len(self.dokumen.bab)}.{len(bab.sub) + 1}", judul, kunci=narasi)
        sub.narasi = self.narasi.get(narasi, "").strip()
        bab.sub.append(sub)
        return sub

    def tabel(self, tabel):
        self._tabel_ke += 1
        tabel.nomor = f"Tabel {len(self.dokumen.bab)}.{self._tabel_ke}"
        self.dokumen.bab[-1].sub[-1].tabel.append(tabel)
        return tabel


def susun_dokumen(renja, tahun=None):
    """The Renja document of ``renja`` (spec §1.1, arranged as the Bappeda seed §1.2);
    ``tahun`` is the window of Tabel 2.2 (None: n-2…n+1; "renstra": the whole Renstra)."""
    n = renja.tahun
    s = _Penyusun(renja)
    s.bab("PENDAHULUAN")
    s.sub("Latar Belakang", Kunci.LATAR_BELAKANG)
    s.sub("Landasan Hukum", Kunci.LANDASAN_HUKUM)
    s.sub("Maksud dan Tujuan", Kunci.MAKSUD_TUJUAN)
    s.sub("Sistematika Penulisan", Kunci.SISTEMATIKA)

    s.bab("HASIL EVALUASI RENJA PERANGKAT DAERAH TAHUN LALU")
    sub = s.sub(
        "Evaluasi Pelaksanaan Renja Perangkat Daerah Tahun Lalu dan Capaian Renstra Perangkat Daerah",
        Kunci.EVALUASI_LALU,
    )
    sub.paragraf.append(paragraf_evaluasi(s.tabel(b.evaluasi_renja_lalu(renja)), n))
    sub.paragraf.append(paragraf_faktor(sub.uraian_tambah(b.faktor_evaluasi(renja)), n))
    sub = s.sub("Analisis Kinerja Pelayanan Perangkat Daerah", Kunci.KINERJA_PELAYANAN)
    tabel = s.tabel(b.kinerja_pelayanan(renja, tahun=tahun))
    sub.paragraf.append(
        f"{tabel.nomor} menyajikan pencapaian {_hitung(tabel, 'indikator')} indikator kinerja pelayanan "
        f"{renja.opd.nama} menurut target Renstra, realisasi dan proyeksinya."
    )
    s.sub("Isu-isu Penting Penyelenggaraan Tugas dan Fungsi Perangkat Daerah", Kunci.ISU_PENTING)
    sub = s.sub("Review terhadap Rancangan Awal RKPD", Kunci.REVIEW_RKPD)
    sub.paragraf.append(paragraf_review(s.tabel(b.review_rkpd(renja)), n))
    sub = s.sub("Penelaahan Usulan Program dan Kegiatan dari Para Pemangku Kepentingan", Kunci.USULAN_PEMANGKU)
    sub.paragraf.append(_paragraf_daftar(s.tabel(b.usulan_pemangku(renja)), "usulan pemangku kepentingan", n))

    s.bab("TUJUAN DAN SASARAN PERANGKAT DAERAH")
    s.sub("Telaahan terhadap Kebijakan Nasional", Kunci.TELAAHAN_KEBIJAKAN)
    sub = s.sub("Tujuan dan Sasaran Renja Perangkat Daerah", Kunci.TUJUAN_SASARAN)
    tabel = s.tabel(b.tujuan_sasaran(renja))
    sub.paragraf.append(
        f"Tujuan dan sasaran Renja Tahun {n} mengacu pada Renstra {renja.renstra.tahun_awal}–"
        f"{renja.renstra.tahun_akhir}: {_hitung(tabel, 'tujuan')} tujuan dan {_hitung(tabel, 'sasaran')} "
        f"sasaran, disajikan pada {tabel.nomor}."
    )
    sub = s.sub("Program, Kegiatan dan Sub Kegiatan", Kunci.PROGRAM_KEGIATAN)
    sub.paragraf.append(paragraf_rencana(s.tabel(b.rumusan_rencana(renja)), n))
    tabel = s.tabel(b.definisi_operasional(renja))
    sub.paragraf.append(f"Rumusan dan definisi operasional setiap indikator disajikan pada {tabel.nomor}.")

    s.bab("RENCANA KERJA DAN PENDANAAN PERANGKAT DAERAH")
    sub = s.sub("Rencana Perkiraan Pendapatan", Kunci.PENDAPATAN)
    sub.paragraf.append(_paragraf_daftar(s.tabel(b.rencana_pendapatan(renja)), "rencana pendapatan", n))
    sub = s.sub("Program Unggulan dan Program Mendesak", Kunci.PROGRAM_PRIORITAS)
    for builder, nama in ((b.program_unggulan, "program unggulan"), (b.program_mendesak, "program mendesak")):
        sub.paragraf.append(_paragraf_daftar(s.tabel(builder(renja)), nama, n))
    sub = s.sub("Usulan pada Renja Kementerian/Lembaga dan Renja Perangkat Daerah Provinsi", Kunci.USULAN_KL)
    sub.paragraf.append(_paragraf_daftar(s.tabel(b.usulan_renja_kl(renja)), "usulan pada Renja K/L", n))

    s.bab("PENUTUP")
    s.sub("Catatan Penting", Kunci.CATATAN_PENTING)
    s.sub("Kaidah-kaidah Pelaksanaan", Kunci.KAIDAH_PELAKSANAAN)
    s.sub("Rencana Tindak Lanjut", Kunci.TINDAK_LANJUT)
    return s.dokumen


# --------------------------------------------------------------------------- generated paragraphs


def _hitung(tabel, jenis):
    """Rows of ``jenis`` in the table; an indicator row counts every indicator (node rows carry
    their first indicator)."""
    if jenis == "indikator":
        return sum(1 for baris in tabel.baris if baris.jenis not in ("judul", "total", "nihil", "ringkasan"))
    return sum(1 for baris in tabel.baris if baris.jenis == jenis)


def _kosong(tabel):
    return any(baris.jenis == "nihil" for baris in tabel.baris)


def paragraf_evaluasi(tabel, n):
    """Restates Tabel 2.1: how many indicators, and the mean of kolom 11 with its predikat."""
    kolom_11 = [baris.sel[-1] for baris in tabel.baris if baris.jenis != "nihil"]
    rata = rata_rata_capaian([sel.nilai if sel.jenis == "persen" else None for sel in kolom_11])
    text = (
        f"{tabel.nomor} merekapitulasi {len(kolom_11)} indikator program, kegiatan dan sub kegiatan: "
        f"target dan realisasi tahun {n - 2}, target tahun berjalan {n - 1}, dan perkiraan capaian "
        f"target Renstra sampai dengan tahun {n - 1}."
    )
    if rata.hasil.nilai is None:
        return text + " Tingkat capaian target Renstra belum dapat dihitung untuk indikator mana pun."
    kategori = predikat(rata.hasil)
    text += (
        f" Rata-rata tingkat capaian target Renstra s/d tahun {n - 1} (kolom 11) dari {rata.dihitung} "
        f"indikator yang dapat dihitung adalah {format_angka(rata.hasil.nilai)} % (predikat "
        f"{kategori.kriteria})."
    )
    if rata.tidak_dihitung:
        text += (
            f" {rata.tidak_dihitung} indikator tidak dihitung karena targetnya kosong atau 0, atau nilainya kualitatif."
        )
    return text


def paragraf_faktor(tabel, n):
    """Restates the sub-section "Faktor pendorong dan penghambat": for how many indicators the
    monev of n-1 gave them."""
    if _kosong(tabel):
        return (
            f"Faktor pendorong, faktor penghambat dan tindak lanjut Renja berikutnya belum ditulis pada monev "
            f"triwulan tahun {n - 1}."
        )
    jumlah = sum(1 for baris in tabel.baris if baris.sel[2].nilai)  # an indicator's first row names it
    return (
        f"Faktor pendorong, faktor penghambat dan tindak lanjut Renja berikutnya dari monev triwulan tahun "
        f"{n - 1} untuk {jumlah} indikator disajikan pada bagian Faktor pendorong dan penghambat di bawah ini."
    )


def paragraf_review(tabel, n):
    """Restates the review table: rows that differ between the halves and missing notes."""
    berubah = [baris for baris in tabel.baris if baris.tanda]
    tanpa_catatan = [baris for baris in berubah if baris.catatan_wajib]
    text = (
        f"{tabel.nomor} membandingkan rancangan awal RKPD Tahun {n} dengan hasil analisis kebutuhan "
        f"Perangkat Daerah. Terdapat {len(berubah)} baris yang berbeda antara keduanya"
    )
    if tanpa_catatan:
        return text + f", {len(tanpa_catatan)} di antaranya belum diberi catatan penting."
    return text + "."


def paragraf_rencana(tabel, n):
    """Restates T-C.33: the counts of nodes and the TOTAL KERANGKA PENDANAAN row."""
    total = next(baris for baris in tabel.baris if baris.jenis == "total")
    return (
        f"Rencana kerja tahun {n} memuat {_hitung(tabel, 'program')} program, {_hitung(tabel, 'kegiatan')} "
        f"kegiatan dan {_hitung(tabel, 'sub_kegiatan')} sub kegiatan dengan total pagu indikatif "
        f"{format_rupiah(total.sel[10].nilai)} dan prakiraan maju tahun {n + 1} sebesar "
        f"{format_rupiah(total.sel[14].nilai)}, sebagaimana disajikan pada {tabel.nomor}."
    )


def _paragraf_daftar(tabel, nama, n):
    if _kosong(tabel):
        return f"Pada tahun {n} tidak terdapat {nama} ({tabel.nomor}: NIHIL)."
    baris = [x for x in tabel.baris if x.jenis not in ("judul", "total", "indikator")]
    return f"{tabel.nomor} memuat {len(baris)} {nama} tahun {n}."
