"""What a plan file leaves unsaid about an indicator: its tipe nilai from the satuan and the
values, and its sifat (spec §4.2) from its targets. Pure functions, no database: the import
kinds show the proposal and its reason in the dry run, and a Sifat or Tipe column of the file
overrides it. Its polaritas is never proposed: a Polaritas column names it (``baca_polaritas``),
else a new indicator is positif. The scale of a kategori indicator comes from a Skala Kategori
column (``baca_skala``), low to high."""

import re
from decimal import Decimal

ANGKA, PERSEN, INDEKS, KUALITATIF, KATEGORI = "angka", "persen", "indeks", "kualitatif", "kategori"
KUMULATIF, NON_KUMULATIF, RATA_RATA = "kumulatif", "non_kumulatif", "rata_rata"
POSITIF, NEGATIF = "positif", "negatif"  # Indikator.Polaritas
RASIO_TERBALIK, SELISIH = "rasio_terbalik", "selisih"  # Indikator.MetodeNegatif

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

POLARITAS_TEKS = {  # what the templates write in the Polaritas column (laporan.templat), read back
    (POSITIF, ""): "Positif",
    (NEGATIF, RASIO_TERBALIK): "Negatif (rasio terbalik)",
    (NEGATIF, SELISIH): "Negatif (selisih)",
}
_ARAH = (  # the words of a polarity, after _kata
    (re.compile(r"\b(?:se)?makin (?:tinggi|besar) (?:se)?makin baik\b"), POSITIF),
    (re.compile(r"\b(?:se)?makin (?:rendah|kecil) (?:se)?makin baik\b"), NEGATIF),
    (re.compile(r"\bpositif\b"), POSITIF),
    (re.compile(r"\bnegatif\b"), NEGATIF),
)
_METODE = {  # the words left beside a negative polarity: its metode (the formula's words too)
    "rasio terbalik": RASIO_TERBALIK,
    "terbalik": RASIO_TERBALIK,
    "target realisasi": RASIO_TERBALIK,  # "target / realisasi × 100", Indikator.MetodeNegatif's label
    "selisih": SELISIH,
    "target realisasi target": SELISIH,  # "(2 × target − realisasi) / target × 100"
}
_RUMUS_POSITIF = {"", "realisasi target"}  # "Positif (realisasi / target × 100)"
_TANDA = {"+": POSITIF, "-": NEGATIF, "−": NEGATIF, "–": NEGATIF, "—": NEGATIF}
_ISI_POLARITAS = "Positif, Negatif (rasio terbalik) atau Negatif (selisih)"


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


def _kata(raw):
    """The words of a cell: lower case, every run of other characters (digits, punctuation,
    spaces) one space."""
    return re.sub(r"[^a-z]+", " ", str(raw or "").lower()).strip()


def _pilihan(raw, pilihan, pesan):
    """The value ``pilihan`` gives the words of ``raw`` (case, spacing and punctuation ignored),
    None for an empty cell; ValueError(``pesan``) for words it does not know."""
    key = _kata(raw)
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


def baca_polaritas(raw):
    """(polaritas, metode_negatif) a Polaritas column names, None for an empty cell: "Positif",
    "+", "Makin tinggi makin baik" → ("positif", ""); "Negatif (rasio terbalik)", "Negatif:
    target/realisasi" → ("negatif", "rasio_terbalik"); "Negatif (selisih)" → ("negatif",
    "selisih"); the app's own labels (POLARITAS_TEKS, Indikator.Polaritas and MetodeNegatif)
    too. A negative polarity without its metode ("Negatif", "-", "Makin rendah makin baik") is a
    ValueError: the metode changes the capaian (evaluasi.capaian), so it is never guessed. Words
    it does not know are a ValueError naming the accepted ones."""
    text = str(raw if raw is not None else "").strip()
    if not text:
        return None
    tanpa_metode = ValueError(
        f"polaritas '{text}' tanpa metode capaian: tulis \"Negatif (rasio terbalik)\" (capaian = target / "
        'realisasi × 100) atau "Negatif (selisih)" (capaian = (2 × target − realisasi) / target × 100); '
        "metode mengubah capaian, jadi tidak ditebak"
    )
    asing = ValueError(f"'{text}' bukan polaritas indikator (tulis {_ISI_POLARITAS})")
    if text in _TANDA:  # "+" and "-" have no letters for _kata
        if _TANDA[text] == NEGATIF:
            raise tanpa_metode
        return POSITIF, ""
    key, arah = f" {_kata(text)} ", set()
    for pola, polaritas in _ARAH:
        if pola.search(key):
            arah.add(polaritas)
            key = pola.sub(" ", key)
    sisa = " ".join(w for w in key.split() if w not in ("x", "kali", "dengan", "metode", "rumus", "capaian"))
    if arah == {POSITIF}:
        if sisa in _RUMUS_POSITIF:
            return POSITIF, ""
        raise asing
    if arah - {NEGATIF}:  # both, or neither with words that are no metode
        raise asing
    if not sisa:
        if arah:
            raise tanpa_metode
        raise asing
    if sisa not in _METODE:
        if arah:
            raise ValueError(
                f"metode polaritas negatif '{text}' tidak dikenal: tulis \"Negatif (rasio terbalik)\" atau "
                '"Negatif (selisih)"'
            )
        raise asing
    return NEGATIF, _METODE[sisa]


def teks_polaritas(polaritas, metode_negatif=""):
    """The Polaritas cell the templates write for an indicator ("Positif", "Negatif (rasio
    terbalik)", "Negatif (selisih)"); ``baca_polaritas`` reads it back."""
    if polaritas != NEGATIF:
        return POLARITAS_TEKS[POSITIF, ""]
    return POLARITAS_TEKS.get((NEGATIF, metode_negatif), "Negatif")  # no metode: read back as an error


def uraian_polaritas(polaritas, metode_negatif="", pemisah="; "):
    """What the dry run adds to an indicator's description for its polarity: nothing when
    positif, else ``pemisah`` and e.g. "negatif (rasio terbalik)"."""
    if polaritas != NEGATIF:
        return ""
    return pemisah + teks_polaritas(polaritas, metode_negatif).lower()


_PEMISAH_SKALA = re.compile(r"\s*(?:<|;|→|->|\||\n)\s*")
PANJANG_TINGKAT = 60


def baca_skala(raw):
    """The levels, low to high, a Skala Kategori cell names ("Kurang Inovatif < Inovatif <
    Sangat Inovatif"; also separated by ";", "→", "|" or one per line, or by commas when
    nothing else separates them), None for an empty cell; ValueError in Indonesian for fewer
    than two levels, a level named twice or one longer than 60 characters."""
    text = str(raw or "").strip()
    if not text:
        return None
    parts = _PEMISAH_SKALA.split(text) if _PEMISAH_SKALA.search(text) else text.split(",")
    levels = [" ".join(p.split()) for p in parts if p.strip()]
    contoh = "tulis tingkatnya dari rendah ke tinggi, mis. 'Kurang < Cukup < Baik'"
    if len(levels) < 2:
        raise ValueError(f"skala kategori '{text}' hanya satu tingkat: {contoh}")
    seen = set()
    for level in levels:
        if len(level) > PANJANG_TINGKAT:
            raise ValueError(f"tingkat skala '{level[:PANJANG_TINGKAT]}…' lebih dari {PANJANG_TINGKAT} karakter")
        if level.lower() in seen:
            raise ValueError(f"tingkat '{level}' disebut dua kali pada skala kategori '{text}'")
        seen.add(level.lower())
    return levels


def galat_skala(tipe, skala, dari_berkas=True):
    """Why ``skala`` does not fit an indicator of ``tipe``, None when it does: a kategori needs
    two levels or more (``evaluasi.capaian`` ranks by them); a scale the file gives
    (``dari_berkas``) on another tipe is refused rather than dropped."""
    if tipe == KATEGORI and len(skala or []) < 2:
        return (
            "indikator kategori memerlukan skala kategori: isi kolom Skala Kategori dari rendah ke tinggi, "
            "mis. 'Kurang < Cukup < Baik'"
        )
    if tipe != KATEGORI and skala and dari_berkas:
        return f"skala kategori hanya untuk indikator bertipe Kategori, bukan {tipe}: kosongkan selnya atau isi Tipe Kategori"
    return None


def uraian_skala(tipe, skala, pemisah="; "):
    """What the dry run adds to an indicator's description for its scale: nothing unless it is
    a kategori with one, else ``pemisah`` and "skala Kurang < Cukup < Baik" (as
    ``uraian_polaritas`` for the polarity)."""
    return f"{pemisah}skala {teks_skala(skala)}" if tipe == KATEGORI and skala else ""


def teks_skala(skala):
    """A scale as the templates write it in the Skala Kategori column, read back by ``baca_skala``."""
    return " < ".join(skala or [])


def di_luar_skala(nilai_teks, skala):
    """The message for a kategori value that is not a level of ``skala`` (case and spacing
    ignored), None for one that is or for an empty value."""
    text = " ".join(str(nilai_teks or "").split())
    if not text or text.lower() in {s.lower() for s in skala}:
        return None
    return f"'{text}' tidak ada pada skala kategori ({teks_skala(skala)})"


def _angka(nilai):
    text = format(nilai.normalize(), "f")
    return text.replace(".", ",")
