"""One builder per table of the Renja document; each returns a ``laporan.tabel.Tabel``.

Builders read the data in a fixed number of queries and take every figure from
``evaluasi``/``anggaran``; they compute nothing themselves. A computed cell carries the
``Rumus`` the engine applied, so that the XLSX renderer can write it as a live formula.
"""

from laporan.builders.bab4 import program_mendesak, program_unggulan, rencana_pendapatan, usulan_renja_kl
from laporan.builders.evaluasi_hasil import evaluasi_hasil_renja
from laporan.builders.faktor import faktor_evaluasi
from laporan.builders.pelayanan import kinerja_pelayanan
from laporan.builders.review import review_rkpd
from laporan.builders.tc29 import evaluasi_renja_lalu
from laporan.builders.tc33 import rumusan_rencana
from laporan.builders.tujuan import definisi_operasional, tujuan_sasaran
from laporan.builders.usulan import usulan_pemangku

# URL slug → (builder, title on the Renja page), in the document's order.
DAFTAR = {
    "evaluasi-renja-lalu": (evaluasi_renja_lalu, "Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra (T-C.29)"),
    "kinerja-pelayanan": (kinerja_pelayanan, "Pencapaian Kinerja Pelayanan Perangkat Daerah (T-C.30)"),
    "review-rkpd": (review_rkpd, "Review terhadap Rancangan Awal RKPD (T-C.31)"),
    "usulan-pemangku": (usulan_pemangku, "Usulan Program/Kegiatan dari Para Pemangku Kepentingan (T-C.32)"),
    "tujuan-sasaran": (tujuan_sasaran, "Tujuan dan Sasaran Perangkat Daerah"),
    "rumusan-rencana": (
        rumusan_rencana,
        "Rumusan Rencana Program, Kegiatan dan Sub Kegiatan dan Prakiraan Maju (T-C.33)",
    ),
    "definisi-operasional": (definisi_operasional, "Rumusan dan Definisi Operasional Indikator"),
    "rencana-pendapatan": (rencana_pendapatan, "Rumusan Rencana Pendapatan Perangkat Daerah"),
    "program-unggulan": (program_unggulan, "Kegiatan/Sub Kegiatan pada Program Unggulan"),
    "program-mendesak": (program_mendesak, "Kegiatan/Sub Kegiatan pada Program Mendesak"),
    "usulan-renja-kl": (usulan_renja_kl, "Usulan pada Renja K/L dan Renja PD Provinsi"),
}
BUILDERS = {slug: builder for slug, (builder, _) in DAFTAR.items()}
JUDUL = {slug: judul for slug, (_, judul) in DAFTAR.items()}

__all__ = ["BUILDERS", "DAFTAR", "JUDUL", "evaluasi_hasil_renja", "faktor_evaluasi", "kinerja_pelayanan"]
