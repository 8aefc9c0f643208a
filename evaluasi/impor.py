"""Import of realisasi kinerja per indicator (per year and triwulan) from an OPD's spreadsheet,
on the engine of renja.impor: what a row is about and how its value is read; with the monev
explanations of each indicator and triwulan (the same PenjelasanTriwulan the monev grid writes)."""

from evaluasi.models import PenjelasanTriwulan, RealisasiKinerja
from renja.berkas import Kolom
from renja.impor import JenisImpor, tampil_angka
from renja.models import Impor, Indikator
from renja.sel import INDEKS, JUMLAH, PERSEN, SelTidakSah, baca_nilai
from renja.teks import kunci_nama

KONTEKS = {Indikator.TipeNilai.PERSEN: PERSEN, Indikator.TipeNilai.ANGKA: JUMLAH, Indikator.TipeNilai.INDEKS: INDEKS}
TEKS = (Indikator.TipeNilai.KUALITATIF, Indikator.TipeNilai.KATEGORI)


class RealisasiKinerjaImpor(JenisImpor):
    jenis = Impor.Jenis.REALISASI_KINERJA
    model = RealisasiKinerja
    fk = "indikator"
    kolom_tambahan = (
        Kolom("indikator", "Indikator", ("indikator",), wajib=False),
        Kolom("satuan", "Satuan", ("satuan",), wajib=False),
    )
    field_nilai = ("nilai", "nilai_teks")
    teks = (  # kunci: the PenjelasanTriwulan field
        Kolom("faktor_pendorong", "Faktor Pendorong", ("faktor pendorong",), wajib=False),
        Kolom("faktor_penghambat", "Faktor Penghambat", ("faktor penghambat",), wajib=False),
        Kolom(
            "tindak_lanjut_triwulan",
            "Tindak Lanjut Triwulan Berikutnya",
            ("tindak lanjut triwulan", "tindak lanjut dalam triwulan"),
            wajib=False,
        ),
        Kolom(
            "tindak_lanjut_renja",
            "Tindak Lanjut Renja Berikutnya",
            ("tindak lanjut renja", "tindak lanjut dalam renja"),
            wajib=False,
        ),
    )
    model_teks = PenjelasanTriwulan

    def sasaran(self, opd):
        """The OPD's program, kegiatan and sub kegiatan indicators by id and by node code (1 query)."""
        indikator = (
            Indikator.objects.for_opd(opd)
            .filter(tujuan=None, sasaran=None)
            .select_related("sub_kegiatan__nomenklatur", "kegiatan__nomenklatur", "program__nomenklatur")
        )
        by_id, by_kode = {}, {}
        for ind in indikator:
            by_id[ind.pk] = ind
            by_kode.setdefault(ind.pemilik.nomenklatur.kode, []).append(ind)
        return by_id, by_kode

    def pilih(self, kandidat, kode, cell):
        """The indicator of ``kode`` named in the Indikator column (case and spelling of
        "persentase" ignored), or the node's only indicator."""
        nama = cell("indikator")
        if nama not in (None, ""):
            match = [i for i in kandidat if kunci_nama(i.nama) == kunci_nama(str(nama))]
            if match:
                return match[0]
            raise SelTidakSah(f"indikator '{nama}' tidak ada pada {kode}")
        if len(kandidat) == 1:
            return kandidat[0]
        raise SelTidakSah(f"{kode} mempunyai {len(kandidat)} indikator; isi kolom Indikator")

    def baca(self, ind, raw):
        """A value read by the indicator's type: a number in the context of a percentage, a
        count or an index, with its unit checked against the indicator's satuan; a text only
        for a qualitative or category indicator."""
        sel = baca_nilai(raw, KONTEKS.get(ind.tipe_nilai, INDEKS), ind.satuan)
        if sel.kosong:
            return None, sel.peringatan
        if ind.tipe_nilai in TEKS:
            return {"nilai": None, "nilai_teks": str(raw).strip()}, sel.peringatan
        if sel.teks:
            raise SelTidakSah(f"'{sel.teks}' bukan angka, padahal indikator ini bertipe {ind.get_tipe_nilai_display()}")
        return {"nilai": sel.nilai, "nilai_teks": ""}, sel.peringatan

    def tampil(self, values):
        return tampil_angka(values.get("nilai"), values.get("nilai_teks", ""))


KINERJA = RealisasiKinerjaImpor()
