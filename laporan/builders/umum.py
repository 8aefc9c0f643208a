"""Shared pieces of the table builders."""

TINGKAT = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}


def subjudul(renja):
    return [f"{renja.opd.pemda.nama}", f"Nama Perangkat Daerah : {renja.opd.nama}"]


def nomor_kolom(jumlah):
    """The numbered column row "1" … "jumlah" of a form without printed formulas."""
    return [str(nomor) for nomor in range(1, jumlah + 1)]
