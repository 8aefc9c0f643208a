"""Completeness checks of a Renja (Permendagri 86/2017, the Renja's Bab I–V): what a document
must contain before it can be submitted, and what it should. Part of ``periksa.Pemeriksa``;
each check and why it blocks or not is listed in docs/perhitungan.md.
"""

from evaluasi.temuan import ERROR, PERINGATAN
from renja.angka import format_rupiah
from renja.models import BagianNarasi, Renstra

Kunci = BagianNarasi.Kunci

# Narrative that a Renja cannot do without: why the plan is made and what it is for (Bab I).
NARASI_WAJIB = (Kunci.LATAR_BELAKANG, Kunci.MAKSUD_TUJUAN)
# Bab V (Penutup) must say something; any one of its three sections will do.
NARASI_BAB_V = (Kunci.CATATAN_PENTING, Kunci.KAIDAH_PELAKSANAAN, Kunci.TINDAK_LANJUT)
# The sections that print nothing but the planner's text: empty, they print empty. The others
# also print the sentences the app writes from their tables.
NARASI_SAJA = (
    Kunci.KATA_PENGANTAR,
    Kunci.LATAR_BELAKANG,
    Kunci.LANDASAN_HUKUM,
    Kunci.MAKSUD_TUJUAN,
    Kunci.SISTEMATIKA,
    Kunci.ISU_PENTING,
    Kunci.TELAAHAN_KEBIJAKAN,
    *NARASI_BAB_V,
)
TABEL_33 = "Tabel 3.3 (T-C.33)"
TABEL_31 = "Tabel 3.1"


class Kelengkapan:
    """Reads the Renstra's tujuan and sasaran and the Renja's narrative (2 queries) and checks
    that the document is complete. Expects ``renja``, ``n``, ``items``, ``per_node``,
    ``indikator``, ``review``, ``totals_n`` and ``tambah`` of the Pemeriksa."""

    def muat_kelengkapan(self):
        """The Renstra's period with its tujuan and sasaran in one query (outer joins: a Renstra
        without tujuan is one row of Nones), and the narrative sections that have text."""
        rows = list(
            Renstra.objects.filter(pk=self.renja.renstra_id)
            .order_by("tujuan__nomor", "tujuan__sasaran__nomor")
            .values_list(
                "tahun_awal",
                "tahun_akhir",
                "tujuan__pk",
                "tujuan__nomor",
                "tujuan__sasaran__pk",
                "tujuan__sasaran__nomor",
            )
        )
        self.awal, self.akhir = rows[0][:2]
        self.tujuan = {}  # (pk, nomor) of each tujuan → [(pk, nomor) of its sasaran]
        for _, _, tujuan_pk, tujuan_nomor, sasaran_pk, sasaran_nomor in rows:
            if tujuan_pk is not None:
                sasaran = self.tujuan.setdefault((tujuan_pk, tujuan_nomor), [])
                if sasaran_pk is not None:
                    sasaran.append((sasaran_pk, sasaran_nomor))
        self.narasi = {
            kunci
            for kunci, isi in BagianNarasi.objects.filter(renja=self.renja.pk).values_list("kunci", "isi")
            if isi.strip()
        }

    def kelengkapan(self):
        self.sub_kegiatan_dan_pagu()
        self.tujuan_dan_sasaran()
        self.narasi_bab()
        if not any(r.bagian == r.Bagian.RANCANGAN_AWAL for r in self.review):
            self.tambah(
                "rancangan_awal_kosong",
                PERINGATAN,
                "Tabel 2.4 (T-C.31)",
                "tidak ada baris Rancangan Awal RKPD",
                f"Rancangan Awal RKPD tahun {self.n} belum dimasukkan; review terhadap Rancangan Awal RKPD tercetak NIHIL.",
            )

    def tanpa_indikator(self, kode):
        """Whether a sub kegiatan has no indicator at all (reported here, not as target_kosong)."""
        return not self.per_node.get(kode)

    def sub_kegiatan_dan_pagu(self):
        """A Renja plans sub kegiatan with money and an output indicator (T-C.33)."""
        if not self.items:
            self.tambah(
                "tanpa_sub_kegiatan",
                ERROR,
                TABEL_33,
                "0 sub kegiatan",
                "Renja belum memuat satu pun sub kegiatan; rencana program, kegiatan dan sub kegiatan wajib diisi.",
            )
            return
        if not self.totals_n.get(""):
            self.tambah(
                "pagu_nol",
                ERROR,
                f"{TABEL_33}, total pagu {self.n}",
                f"total {format_rupiah(self.totals_n.get(''))}" if self.totals_n.get("") is not None else "tanpa pagu",
                f"Total pagu indikatif tahun {self.n} Rp 0: belum ada sub kegiatan yang dianggarkan untuk tahun rencana.",
            )
        for kode, item in sorted(self.item_by_kode.items()):
            nama = item.sub_kegiatan.nomenklatur.nama
            if not item.pagu and not item.pagu_maju:
                self.tambah(
                    "sub_tanpa_pagu",
                    ERROR,
                    f"{TABEL_33}: {kode}",
                    f"pagu {self.n} {_rupiah(item.pagu)}; pagu {self.n + 1} {_rupiah(item.pagu_maju)}",
                    f"Sub kegiatan {nama} tidak mempunyai pagu indikatif tahun {self.n} maupun prakiraan maju {self.n + 1}.",
                )
            if self.tanpa_indikator(kode):
                self.tambah(
                    "sub_tanpa_indikator",
                    ERROR,
                    f"{TABEL_33}: {kode}",
                    "0 indikator",
                    f"Sub kegiatan {nama} belum mempunyai indikator kinerja keluaran.",
                )

    def tujuan_dan_sasaran(self):
        """Bab III: the Renstra's tujuan, each with sasaran; tujuan and sasaran measured by an indicator."""
        if not self.tujuan:
            self.tambah(
                "renstra_tanpa_tujuan",
                ERROR,
                f"{TABEL_31}: Renstra {self.awal}–{self.akhir}",
                "0 tujuan",
                "Renstra belum memuat tujuan; tujuan dan sasaran Perangkat Daerah (Bab III) wajib diisi.",
            )
        diukur = {("tujuan", i.tujuan_id) for i in self.indikator} | {("sasaran", i.sasaran_id) for i in self.indikator}
        for (pk, nomor), sasaran in self.tujuan.items():
            if not sasaran:
                self.tambah(
                    "tujuan_tanpa_sasaran",
                    ERROR,
                    f"{TABEL_31}: tujuan {nomor}",
                    "0 sasaran",
                    f"Tujuan {nomor} belum mempunyai sasaran.",
                )
            if ("tujuan", pk) not in diukur:
                self.tambah(
                    "tujuan_tanpa_indikator",
                    PERINGATAN,
                    f"{TABEL_31}: tujuan {nomor}",
                    "0 indikator",
                    f"Tujuan {nomor} belum mempunyai indikator tujuan.",
                )
            for sasaran_pk, sasaran_nomor in sasaran:
                if ("sasaran", sasaran_pk) not in diukur:
                    self.tambah(
                        "sasaran_tanpa_indikator",
                        PERINGATAN,
                        f"{TABEL_31}: sasaran {sasaran_nomor}",
                        "0 indikator",
                        f"Sasaran {sasaran_nomor} belum mempunyai indikator sasaran.",
                    )

    def narasi_bab(self):
        """Bab I's latar belakang and maksud dan tujuan, and some Bab V, are required; every
        other empty section without a table (``NARASI_SAJA``) is a warning."""
        bab_v_kosong = not any(k in self.narasi for k in NARASI_BAB_V)
        if bab_v_kosong:
            self.tambah(
                "narasi_wajib",
                ERROR,
                "Narasi Bab V Penutup",
                "kosong",
                "Bab V (Penutup) belum berisi narasi apa pun; isi sekurang-kurangnya satu bagiannya.",
            )
        for kunci, label in Kunci.choices:
            if kunci not in NARASI_SAJA or kunci in self.narasi or (bab_v_kosong and kunci in NARASI_BAB_V):
                continue
            if kunci in NARASI_WAJIB:
                tingkat, jenis, pesan = (
                    ERROR,
                    "narasi_wajib",
                    "Narasi wajib diisi: Renja tanpa bagian ini tidak lengkap.",
                )
            else:
                tingkat, jenis, pesan = PERINGATAN, "narasi_kosong", "Narasi belum diisi; bagian ini tercetak kosong."
            self.tambah(jenis, tingkat, f"Narasi {label}", "kosong", pesan)


def _rupiah(nilai):
    return "kosong" if nilai is None else format_rupiah(nilai)
