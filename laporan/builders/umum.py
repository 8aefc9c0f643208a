"""Shared pieces of the table builders."""

from laporan.tabel import Rumus
from renja.models import Indikator

TINGKAT = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}


def subjudul(renja):
    return [f"{renja.opd.pemda.nama}", f"Nama Perangkat Daerah : {renja.opd.nama}"]


def nomor_kolom(jumlah):
    """The numbered column row "1" … "jumlah" of a form without printed formulas."""
    return [str(nomor) for nomor in range(1, jumlah + 1)]


def berumus(indikator):
    """Whether an indicator's computed cells carry a ``Rumus`` (a live XLSX formula): numeric
    indicators only. A qualitative or kategori value is compared, never recomputed by a
    spreadsheet formula (spec §4.4), so its cells stay static."""
    return indikator.tipe_nilai not in (Indikator.TipeNilai.KUALITATIF, Indikator.TipeNilai.KATEGORI) and not (
        indikator.skala_kategori
    )


def capaian_rumus(indikator, realisasi, target):
    """``Rumus`` of a capaian cell: the cell ``realisasi`` against the cell ``target`` (0-based
    column indices of the same row), with the indicator's polaritas and metode."""
    return Rumus(
        "capaian", kolom=(realisasi, target), polaritas=indikator.polaritas, metode_negatif=indikator.metode_negatif
    )
