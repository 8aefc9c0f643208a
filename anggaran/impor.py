"""Import of realisasi anggaran per sub kegiatan (per year and triwulan) from an OPD's
spreadsheet, on the engine of renja.impor: integral Rupiah in either number style."""

from anggaran.models import RealisasiAnggaran
from renja.berkas import Kolom
from renja.impor import JenisImpor, tampil_angka
from renja.models import Impor, SubKegiatan
from renja.sel import baca_uang


class RealisasiAnggaranImpor(JenisImpor):
    jenis = Impor.Jenis.REALISASI_ANGGARAN
    model = RealisasiAnggaran
    fk = "sub_kegiatan"
    kolom_tambahan = (Kolom("nama", "Sub Kegiatan", ("sub kegiatan",), wajib=False),)
    field_nilai = ("nilai",)

    def sasaran(self, opd):
        """The OPD's sub kegiatan by id and by code (1 query)."""
        subs = SubKegiatan.objects.for_opd(opd).select_related("nomenklatur")
        return {s.pk: s for s in subs}, {s.nomenklatur.kode: [s] for s in subs}

    def baca(self, sub, raw):
        sel = baca_uang(raw)
        return (None if sel.kosong else {"nilai": sel.nilai}), sel.peringatan

    def tampil(self, values):
        return tampil_angka(values.get("nilai"))


ANGGARAN = RealisasiAnggaranImpor()
