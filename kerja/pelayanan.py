"""The grid of Tabel 2.2 (T-C.30, Pencapaian Kinerja Pelayanan): the Renstra's service
indicators with their Target Renstra, Realisasi and Proyeksi for the years the Renja of year n
prints (``NilaiPelayanan.JENDELA``: target n-2 … n+1, realisasi n-2 and n-1, proyeksi n and n+1).

A row is an ``IndikatorPelayanan``; each yearly value is a ``NilaiPelayanan`` of its own,
created when first filled and removed when emptied, a number or, for a kualitatif or kategori
indicator, a text. Which lock governs it: the grid of year n is changed while the Renja of
year n is open (``renja.akses.pastikan_boleh_ubah``); the Renstra's own part (the indicator's
description and the Target Renstra columns) also while the Renstra is open
(``renja.kunci.alasan_renstra``), the Realisasi and Proyeksi stay the Renja's.
"""

from dataclasses import dataclass, replace

from django.db.models import Prefetch

from kerja.grid import NILAI, PILIHAN, TEKS, Kolom, Lembar, isi
from kerja.ruang_kerja import PENDEK, SelGrid
from renja import akses
from renja.kunci import alasan_renstra
from renja.models import Indikator, IndikatorPelayanan, NilaiPelayanan

TEKS_NILAI = (Indikator.TipeNilai.KUALITATIF, Indikator.TipeNilai.KATEGORI)
JUDUL = {"target": "Target Renstra", "realisasi": "Realisasi", "proyeksi": "Proyeksi"}


def _kunci_nilai(jenis, selisih):
    """The key of a value column, e.g. ``target-2`` (target of year n-2), ``proyeksi+1``."""
    return f"{jenis}{selisih:+d}".replace("+0", "0")


def _label_selisih(selisih):
    return "n" if selisih == 0 else f"n{selisih:+d}"


KOLOM_NILAI = [
    Kolom(_kunci_nilai(jenis, s), f"{JUDUL[jenis]} {_label_selisih(s)}", "nilai", f"{jenis}:{s}", NILAI)
    for jenis, selisih in NilaiPelayanan.JENDELA.items()
    for s in selisih
]
KOLOM_INDIKATOR = [
    Kolom("kelompok_nomor", "No. kelompok", "indikator", "kelompok_nomor", TEKS),
    Kolom("kelompok", "Kelompok", "indikator", "kelompok", TEKS),
    Kolom("nomor", "No", "indikator", "nomor", TEKS),
    Kolom("nama", "Indikator", "indikator", "nama", TEKS, wajib=True),
    Kolom("spm", "SPM/Standar Nasional", "indikator", "spm", TEKS),
    Kolom("ikk", "IKK", "indikator", "ikk", TEKS),
    Kolom("satuan", "Satuan", "indikator", "satuan", TEKS),
    Kolom("tipe_nilai", "Tipe nilai", "indikator", "tipe_nilai", PILIHAN, wajib=True),
]
KOLOM_CATATAN = Kolom("catatan", "Catatan Analisis", "indikator", "catatan_analisis", TEKS)
URUTAN = [*KOLOM_INDIKATOR, *KOLOM_NILAI, KOLOM_CATATAN]  # as the grid shows them


def label_kolom(kolom, n):
    """A column's header with the Renja's years (``Target Renstra 2023``)."""
    if kolom.jenis != NILAI:
        return kolom.label
    jenis, selisih = kolom.field.split(":")
    tahun = n + int(selisih)
    perkiraan = " (perkiraan)" if (jenis, int(selisih)) == ("realisasi", -1) else ""
    return f"{JUDUL[jenis]} {tahun}{perkiraan}"


class LembarPelayanan(Lembar):
    """The T-C.30 grid of the Renstra of one Renja, as the Renja of its year shows it."""

    KOLOM = {k.kunci: k for k in URUTAN}
    MODEL = {"indikator": IndikatorPelayanan, "nilai": NilaiPelayanan}
    PILIHAN = {"tipe_nilai": [(value, PENDEK.get(value, label), label) for value, label in Indikator.TipeNilai.choices]}

    def __init__(self, renja, user):
        super().__init__(user)
        self.renja = renja
        self.KOLOM = {k: replace(kolom, label=label_kolom(kolom, renja.tahun)) for k, kolom in self.KOLOM.items()}
        self.indikator = {}
        self.renstra_terkunci = None

    @property
    def bukan_milik(self):
        return f"baris ini bukan bagian dari Tabel 2.2 {self.renja}"

    def periksa_akses(self):
        akses.pastikan_boleh_ubah(self.user, self.renja)

    def milik(self, objek):
        return IndikatorPelayanan.objects.filter(renstra=self.renja.renstra_id)

    def siapkan(self, daftar):
        self.indikator = IndikatorPelayanan.objects.in_bulk({p.id for p in daftar})
        self.renstra_terkunci = alasan_renstra(self.renja.renstra)

    def baca(self, kolom, p, gaya, pilihan):
        if self.renstra_terkunci and (kolom.objek == "indikator" or kolom.field.startswith("target:")):
            raise ValueError(self.renstra_terkunci.rstrip("."))
        return super().baca(kolom, p, gaya, pilihan)

    def nilai_teks(self, kolom, pk):
        indikator = self.indikator.get(pk)
        return indikator is not None and indikator.tipe_nilai in TEKS_NILAI

    def baris_nilai(self, kolom, pk):
        jenis, selisih = kolom.field.split(":")
        lookup = {"indikator_id": pk, "tahun": self.renja.tahun + int(selisih), "jenis": jenis}
        return NilaiPelayanan.objects.filter(**lookup).first(), lookup


tampil = LembarPelayanan.tampil
kunci_objek = LembarPelayanan.kunci_objek


def simpan_perubahan(renja, user, daftar):
    """Save the cells ``daftar`` (kerja.grid.Perubahan) of the T-C.30 grid, all or none."""
    return LembarPelayanan(renja, user).simpan(daftar)


# --------------------------------------------------------------------------- reading the grid


@dataclass
class BarisPelayanan:
    indikator: IndikatorPelayanan
    label: str  # names the row in messages
    sel: list
    awal_kelompok: bool = False  # the first row of a kelompok (the printed table's heading row)


def susun_grid(renja):
    """The rows of the T-C.30 grid of ``renja`` in the printed order, each with its cells in
    ``URUTAN``. Two queries, whatever the number of indicators."""
    n = renja.tahun
    wanted = {(jenis, n + s) for jenis, selisih in NilaiPelayanan.JENDELA.items() for s in selisih}
    indikator = IndikatorPelayanan.objects.filter(renstra=renja.renstra_id).order_by("urutan", "pk")
    indikator = indikator.prefetch_related(
        Prefetch("nilai", queryset=NilaiPelayanan.objects.filter(tahun__gte=n - 2, tahun__lte=n + 1))
    )
    rows, heading = [], ("", "")
    for ind in indikator:
        values = {(v.jenis, v.tahun): v for v in ind.nilai.all() if (v.jenis, v.tahun) in wanted}
        cells = []
        for kolom in URUTAN:
            if kolom.jenis == NILAI:
                jenis, selisih = kolom.field.split(":")
                value = values.get((jenis, n + int(selisih)))
                shown, versi = tampil(kolom, None if value is None else isi(value)), getattr(value, "versi", 0)
            else:
                shown, versi = tampil(kolom, LembarPelayanan.nilai_objek(ind, kolom)), ind.versi
            cells.append(SelGrid(kolom.kunci, shown, kunci_objek(kolom, ind.pk), ind.pk, versi))
        awal = bool(ind.kelompok) and (ind.kelompok_nomor, ind.kelompok) != heading
        heading = (ind.kelompok_nomor, ind.kelompok)
        label = " ".join(x for x in (ind.nomor, ind.nama[:60]) if x)
        rows.append(BarisPelayanan(ind, label, cells, awal))
    return rows


def kolom_grid(renja):
    """(key, header) of the grid's columns with the Renja's years."""
    return [(k.kunci, label_kolom(k, renja.tahun)) for k in URUTAN]


def riwayat(renja, batas=50):
    """Who changed what in this Renja's Tabel 2.2, newest first: the Renstra's indicators (a
    removed one too) and their values of the years this Renja shows. Four queries."""
    lembar = LembarPelayanan(renja, None)
    records = IndikatorPelayanan.history.filter(renstra_id=renja.renstra_id).select_related("history_user")
    records = list(records.order_by("history_id"))
    nama = {r.id: " ".join(x for x in (r.nomor, r.nama[:60]) if x) for r in records}
    entries = lembar.riwayat_objek(records, "indikator", lambda r: f"{nama[r.id]} · ", {})
    n, kolom = renja.tahun, {k.field: k for k in lembar.KOLOM.values() if k.jenis == NILAI}
    values = NilaiPelayanan.history.filter(indikator_id__in=set(nama), tahun__gte=n - 2, tahun__lte=n + 1)
    values = [v for v in values.select_related("history_user").order_by("history_id") if _kolom(kolom, v, n)]
    entries += lembar.riwayat_nilai(
        values,
        lambda r: _kolom(kolom, r, n),
        lambda r, k: f"{nama.get(r.indikator_id, '')} · {k.label}",
    )
    entries.sort(key=lambda e: e.waktu, reverse=True)
    return entries[:batas]


def _kolom(kolom, record, n):
    """The grid's column of a value record, or None outside the window."""
    return kolom.get(f"{record.jenis}:{record.tahun - n}")
