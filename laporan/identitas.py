"""What the cover and the signature blocks print (renja.identitas holds and checks it): the
Pemda's logo, the OPD, the place and date, who signs, and the Peraturan/Keputusan once the Renja
is finalised. The same lines for the document's end, its cover, and the evaluation form."""

import base64
from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils import dateformat

from renja.identitas import kepala_bappeda, peraturan_berlaku
from renja.models import LogoPemda
from renja.teks import format_nip

KOSONG = "……………………"


def tanggal_panjang(tanggal):
    """A date as written in a signature: "23 Agustus 2021"."""
    return dateformat.format(tanggal, "j F Y") if tanggal else ""


@dataclass(frozen=True)
class TandaTangan:
    """One signature block as lines; an unknown value prints as a dotted line to fill by hand."""

    tempat_tanggal: str
    jabatan: str
    nama: str
    pangkat: str
    nip: str

    @property
    def baris(self):
        """The lines, top to bottom (the name after the room to sign)."""
        return [self.tempat_tanggal, self.jabatan, self.nama, self.pangkat, self.nip]


def tanda_tangan(kepala, jabatan_baku, tempat="", tanggal=None):
    """The block of a Kepala (the KepalaOPD fields ``kepala``); ``jabatan_baku`` when the
    jabatan is not entered; the pangkat line is empty when unknown (nothing to fill in)."""
    return TandaTangan(
        tempat_tanggal=f"{tempat or KOSONG}, {tanggal_panjang(tanggal) or 'tanggal ' + KOSONG}",
        jabatan=(kepala["kepala_jabatan"] or jabatan_baku).upper(),
        nama=kepala["kepala_nama"] or f"({KOSONG}……)",
        pangkat=kepala["kepala_pangkat"],
        nip=f"NIP. {format_nip(kepala['kepala_nip']) or KOSONG}",
    )


def tanda_tangan_opd(renja, tanggal=True):
    """The Kepala OPD's block of ``renja`` (the date left to fill when ``tanggal`` is False)."""
    return tanda_tangan(renja.kepala(), f"Kepala {renja.opd.nama}", renja.tempat, renja.tanggal if tanggal else None)


def tanda_tangan_bappeda(renja, tempat=""):
    return tanda_tangan(kepala_bappeda(renja.opd.pemda), "Kepala Bappeda", tempat)


@dataclass
class Identitas:
    """The cover's and the end signature's content of ``renja``."""

    renja: object

    @cached_property
    def _logo(self):
        return LogoPemda.objects.filter(pemda=self.renja.opd.pemda_id).only("pk", "diunggah", "pemda").first()

    @property
    def logo_url(self):
        """For the page (served by kerja.views.identitas.LogoView; the time stamp busts the cache)."""
        if not self._logo:
            return ""
        stamp = int(self._logo.diunggah.timestamp())
        return reverse("logo-pemda", args=[self.renja.opd.pemda_id]) + f"?v={stamp}"

    @cached_property
    def logo_data(self):
        """For the PDF, which fetches nothing: the PNG as a data: URI."""
        if not self._logo:
            return ""
        png = bytes(LogoPemda.objects.values_list("png", flat=True).get(pk=self._logo.pk))
        return "data:image/png;base64," + base64.b64encode(png).decode()

    @cached_property
    def peraturan(self):
        return peraturan_berlaku(self.renja)

    @property
    def tempat_tahun(self):
        """The cover's foot: "SERANG, 2021" (the year of the date, else of the planning year's start)."""
        tahun = self.renja.tanggal.year if self.renja.tanggal else self.renja.tahun - 1
        return f"{self.renja.tempat.upper()}, {tahun}" if self.renja.tempat else str(tahun)

    @property
    def kalimat_peraturan(self):
        p = self.peraturan
        return f"ditetapkan dengan {p.jenis} Nomor {p.nomor} tanggal {tanggal_panjang(p.tanggal)}" if p else ""

    @cached_property
    def tanda_tangan(self):
        return tanda_tangan_opd(self.renja)
