"""A finding of the consistency checker (``evaluasi.periksa``) and its two severities."""

from dataclasses import dataclass

ERROR = "error"  # blocks submission, verification and penetapan
PERINGATAN = "peringatan"  # shown, does not block
LABEL = {ERROR: "Galat", PERINGATAN: "Peringatan"}  # the words shown (docs/kosakata.md)


@dataclass(frozen=True)
class Temuan:
    jenis: str
    tingkat: str
    lokasi: str
    nilai: str
    pesan: str

    @property
    def label(self):
        return LABEL[self.tingkat]

    @property
    def memblokir(self):
        return self.tingkat == ERROR
