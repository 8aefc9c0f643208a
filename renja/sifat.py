"""What a plan file leaves unsaid about an indicator: its tipe nilai from the satuan and the
values, and its sifat (spec §4.2) from its targets. Pure functions, no database: the import
kinds show the proposal and its reason in the dry run, and a Sifat or Tipe column of the file
overrides it."""

import re
from decimal import Decimal

ANGKA, PERSEN, INDEKS, KUALITATIF, KATEGORI = "angka", "persen", "indeks", "kualitatif", "kategori"
KUMULATIF, NON_KUMULATIF, RATA_RATA = "kumulatif", "non_kumulatif", "rata_rata"

_PERSEN = re.compile(r"^\s*(%|persen|prosen|persentase)\s*$", re.IGNORECASE)
_INDEKS = re.compile(r"\b(indeks|index|skor|nilai|poin|rasio|ratio|rata-rata|predikat|level)\b", re.IGNORECASE)
_NAMA_PERSEN = re.compile(r"^\s*(persentase|prosentase|presentase|tingkat capaian|proporsi)\b", re.IGNORECASE)
_NAMA_INDEKS = re.compile(r"^\s*(indeks|nilai|skor|rasio|predikat)\b", re.IGNORECASE)
_TIPE = {
    "angka": ANGKA,
    "jumlah": ANGKA,
    "persen": PERSEN,
    "persentase": PERSEN,
    "indeks": INDEKS,
    "indeks skor": INDEKS,  # the label the app's own templates write (Indikator.TipeNilai)
    "skor": INDEKS,
    "kualitatif": KUALITATIF,
    "kategori": KATEGORI,
    "kategori berjenjang": KATEGORI,
}
_SIFAT = {
    "kumulatif": KUMULATIF,
    "akumulasi": KUMULATIF,
    "akumulatif": KUMULATIF,
    "non kumulatif": NON_KUMULATIF,
    "nonkumulatif": NON_KUMULATIF,
    "tidak kumulatif": NON_KUMULATIF,
    "posisi akhir": NON_KUMULATIF,
    "absolut": NON_KUMULATIF,
    "tahun akhir": NON_KUMULATIF,
    "rata rata": RATA_RATA,
    "ratarata": RATA_RATA,
}


def tebak_tipe(satuan, nama="", nilai_teks=()):
    """The tipe nilai an indicator most likely has, and why: a qualitative value among its
    targets ("Ada", "WTP") makes it kualitatif; a "%" satuan or a name starting "Persentase"
    persen; an index, score, ratio or predikat (by satuan or name) indeks; otherwise a count
    (angka)."""
    if any(str(t).strip() for t in nilai_teks):
        contoh = next(str(t).strip() for t in nilai_teks if str(t).strip())
        return KUALITATIF, f"target berupa teks ('{contoh}')"
    satuan = (satuan or "").strip()
    if _PERSEN.match(satuan):
        return PERSEN, f"satuan '{satuan}'"
    if _INDEKS.search(satuan):
        return INDEKS, f"satuan '{satuan}' adalah indeks/skor/rasio"
    if not satuan and _NAMA_PERSEN.match(nama or ""):
        return PERSEN, "tanpa satuan, nama indikator diawali persentase"
    if not satuan and _NAMA_INDEKS.match(nama or ""):
        return INDEKS, "tanpa satuan, nama indikator diawali indeks/nilai/rasio"
    return ANGKA, f"satuan '{satuan}' adalah satuan hitungan" if satuan else "tanpa satuan: dianggap angka"


def usul_sifat(tipe, target_tahunan, target_akhir):
    """The sifat proposed for an indicator of ``tipe`` (spec §4.2), and why, in Indonesian:
    percentages, indices, ratios, categories and qualitative values are non-kumulatif (a
    position, never summed, spec §4.1); a count is kumulatif when its end-of-Renstra target
    ``target_akhir`` is at least the sum of the yearly targets ``target_tahunan`` (numbers or
    None) and that sum is above zero; otherwise non-kumulatif (a per-year quantity such as 12
    Bulan each year with an end target of 12, check case C-08)."""
    if tipe != ANGKA:
        return NON_KUMULATIF, f"tipe {tipe}: nilai posisi, tidak dijumlahkan"
    yearly = [Decimal(t) for t in target_tahunan if t is not None]
    if not yearly:
        return NON_KUMULATIF, "tanpa target tahunan: tidak dapat dibuktikan kumulatif"
    if target_akhir is None:
        return NON_KUMULATIF, "tanpa target akhir periode: tidak dapat dibuktikan kumulatif"
    total = sum(yearly)
    akhir = Decimal(target_akhir)
    if total > 0 and akhir >= total:
        return KUMULATIF, f"target akhir {_angka(akhir)} ≥ jumlah target tahunan {_angka(total)}"
    if total == 0:
        return NON_KUMULATIF, "jumlah target tahunan 0"
    return NON_KUMULATIF, f"target akhir {_angka(akhir)} < jumlah target tahunan {_angka(total)}"


def _pilihan(raw, pilihan, pesan):
    """The value ``pilihan`` gives the words of ``raw`` (case, spacing and punctuation ignored),
    None for an empty cell; ValueError(``pesan``) for words it does not know."""
    key = re.sub(r"[^a-z]+", " ", str(raw or "").lower()).strip()
    if not key:
        return None
    if key in pilihan:
        return pilihan[key]
    raise ValueError(pesan)


def baca_tipe(raw):
    """The tipe nilai a Tipe column names ("Angka", "Persen", "Indeks/skor", "Kualitatif",
    "Kategori (berjenjang)" and their usual variants), None for an empty cell; ValueError with
    the accepted words otherwise."""
    return _pilihan(raw, _TIPE, f"tipe '{raw}' tidak dikenal (tulis Angka, Persen, Indeks, Kualitatif atau Kategori)")


def baca_sifat(raw):
    """The sifat a Sifat column names ("Kumulatif", "Non-kumulatif", "Akumulasi", "Absolut",
    "Rata-rata"), None for an empty cell; ValueError with the accepted words otherwise."""
    return _pilihan(raw, _SIFAT, f"'{raw}' bukan sifat indikator (tulis Kumulatif, Non-kumulatif atau Rata-rata)")


def _angka(nilai):
    text = format(nilai.normalize(), "f")
    return text.replace(".", ",")
