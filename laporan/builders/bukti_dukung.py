"""Builder of "Lampiran Bukti Dukung" printed after the form "Evaluasi terhadap Hasil Renja"
(issue 17): the evidence files the OPD uploaded in the monev of the evaluated year n-1, for
TW I up to the form's triwulan, one row per file in code, triwulan and upload order."""

from decimal import Decimal

from django.utils import timezone

from evaluasi.models import BuktiDukung
from laporan.tabel import Baris, Kepala, Sel, Tabel, teks
from renja.angka import bulatkan
from renja.models import Periode

ROMAWI = ("I", "II", "III", "IV")
TRIWULAN = (Periode.TW1, Periode.TW2, Periode.TW3, Periode.TW4)
JUDUL = "Lampiran Bukti Dukung"
KOLOM = ("No", "Kode", "Indikator", "Triwulan", "Nama berkas", "Ukuran (KB)", "Diunggah oleh", "Diunggah pada")


def _kb(ukuran):
    """Bytes as kilobytes with one decimal (half up), the size as listed."""
    return bulatkan(Decimal(ukuran) / 1024, 1)


def lampiran_bukti_dukung(renja, triwulan):
    """The bukti dukung of the OPD of ``renja`` for the year ``renja.tahun - 1`` (the year the
    form on the page of Renja n evaluates), TW I … ``triwulan``: No, kode of the indicator's
    program/kegiatan/sub kegiatan, indicator, triwulan, file name (user text, printed as text),
    size in KB, who uploaded it and when. NIHIL when there is none. 1 query."""
    if triwulan not in (1, 2, 3, 4):
        raise ValueError("Triwulan harus 1, 2, 3 atau 4.")
    files = BuktiDukung.objects.filter(
        renja__opd=renja.opd_id, renja__tahun=renja.tahun - 1, periode__in=TRIWULAN[:triwulan]
    ).select_related(
        "diunggah_oleh",
        "indikator__program__nomenklatur",
        "indikator__kegiatan__nomenklatur",
        "indikator__sub_kegiatan__nomenklatur",
    )
    urutan = {p: i for i, p in enumerate(TRIWULAN)}

    def kode(bukti):
        pemilik = bukti.indikator.pemilik
        return pemilik.nomenklatur.kode if pemilik is not None and hasattr(pemilik, "nomenklatur") else ""

    rows = sorted(
        files, key=lambda b: (kode(b), b.indikator.urutan, b.indikator_id, urutan[b.periode], b.diunggah_pada, b.pk)
    )
    tabel = Tabel(
        kunci="bukti_dukung",
        judul=JUDUL,
        kolom_nama=2,
        subjudul=[f"Renja Perangkat Daerah {renja.opd.nama}", f"Periode Pelaksanaan: Tahun {renja.tahun - 1}"],
        kepala=[[Kepala(label) for label in KOLOM]],
        nomor_kolom=[str(n) for n in range(1, len(KOLOM) + 1)],
    )
    for nomor, bukti in enumerate(rows, start=1):
        oleh = bukti.diunggah_oleh.get_full_name() or bukti.diunggah_oleh.username
        cells = [
            teks(str(nomor)),
            teks(kode(bukti)),
            teks(bukti.indikator.nama),
            teks(f"TW {ROMAWI[urutan[bukti.periode]]}"),
            teks(bukti.nama),
            Sel(_kb(bukti.ukuran), "angka"),
            teks(oleh),
            teks(f"{timezone.localtime(bukti.diunggah_pada):%d-%m-%Y %H:%M}"),
        ]
        tabel.baris.append(Baris("indikator", cells))
    return tabel.nihil()
