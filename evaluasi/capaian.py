"""The evaluation formulas of Permendagri 86/2017 as pure functions.

Decimal/None in, ``Hasil`` out. An undefined figure is ``Hasil(None, alasan)``: never 0,
never an exception. Nothing here rounds: display rounding is ``renja.angka.bulatkan``.
Predikat is classified on the unrounded value.

Column numbers refer to Tabel T-C.29 (Tabel 2.1, "Rekapitulasi Evaluasi Hasil Pelaksanaan
Renja Perangkat Daerah dan Pencapaian Renstra Perangkat Daerah") and to the form "Evaluasi
terhadap Hasil Renja Perangkat Daerah" (spec §2.1, §2.9, §4).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SERATUS = Decimal(100)

KUMULATIF = "kumulatif"
NON_KUMULATIF = "non_kumulatif"
RATA_RATA = "rata_rata"

ALASAN_PENYEBUT_KOSONG = "pembagi (target) kosong"
ALASAN_PENYEBUT_NOL = "pembagi (target) bernilai 0"
ALASAN_TANPA_TARGET = "realisasi tanpa target"
ALASAN_PEMBILANG_KOSONG = "realisasi kosong"
ALASAN_KUALITATIF = "nilai kualitatif tidak dapat dihitung secara numerik"
ALASAN_TIDAK_ADA_DATA = "tidak ada data"
ALASAN_REALISASI_NOL_NEGATIF = "realisasi 0 pada indikator berpolaritas negatif (rasio terbalik tak terdefinisi)"
ALASAN_DI_LUAR_SKALA = "nilai tidak ada pada skala kategori"
ALASAN_METODE = "metode capaian polaritas negatif belum dipilih"


@dataclass(frozen=True)
class Hasil:
    """A computed figure, or None with the reason it is undefined (shown as "–")."""

    nilai: Decimal | None
    alasan: str = ""
    metode: str = ""
    teks: str = ""

    @property
    def terdefinisi(self):
        return self.nilai is not None

    @property
    def nilai_atau_teks(self):
        """The figure, or the qualitative value (e.g. "Ada") of a non-numeric position."""
        return self.nilai if self.nilai is not None else (self.teks or None)


def tak_terdefinisi(alasan, metode=""):
    return Hasil(None, alasan, metode)


def angka(value):
    """Decimal of a numeric input; None for None/""; raises ValueError for text (qualitative)."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(value) from None


def _inputs(*values):
    """Decimals of the inputs, or a Hasil explaining why they can't be used."""
    out = []
    for value in values:
        try:
            out.append(angka(value))
        except ValueError:
            return None, tak_terdefinisi(ALASAN_KUALITATIF)
    return out, None


def rasio_persen(pembilang, penyebut, metode="pembilang / penyebut × 100"):
    """pembilang / penyebut × 100, unrounded. Undefined when the denominator is empty or
    0 (a realisasi > 0 with target 0 is flagged "realisasi tanpa target") or an input is
    qualitative."""
    values, error = _inputs(pembilang, penyebut)
    if error:
        return error
    a, b = values
    if b is None:
        return tak_terdefinisi(ALASAN_TANPA_TARGET if a else ALASAN_PENYEBUT_KOSONG, metode)
    if b == 0:
        return tak_terdefinisi(ALASAN_TANPA_TARGET if a else ALASAN_PENYEBUT_NOL, metode)
    if a is None:
        return tak_terdefinisi(ALASAN_PEMBILANG_KOSONG, metode)
    return Hasil(a / b * SERATUS, metode=metode)


def capaian(realisasi, target, polaritas="positif", metode_negatif="", skala=None):
    """Capaian (%) of one value against its target, by the indicator's nature (spec §4.2, §4.4).

    - positif: realisasi / target × 100.
    - negatif, metode "rasio_terbalik": target / realisasi × 100;
      metode "selisih": (2 × target − realisasi) / target × 100.
    - kategori (``skala`` given, ordered low → high): 100 when the realisasi's rank reaches
      the target's, else rank(realisasi) / rank(target) × 100 (ranks 1..k).
    - kualitatif text without a scale: 100 when realisasi equals the target (case-insensitive),
      else 0.
    """
    if skala:
        return _capaian_kategori(realisasi, target, skala)
    if _is_text(realisasi) or _is_text(target):
        if _is_text(realisasi) and _is_text(target):
            same = str(realisasi).strip().lower() == str(target).strip().lower()
            return Hasil(SERATUS if same else Decimal(0), metode="kualitatif: sama dengan target = 100, selain itu 0")
        return tak_terdefinisi(ALASAN_KUALITATIF)
    if polaritas != "negatif":
        return rasio_persen(realisasi, target, "realisasi / target × 100")
    r, t = angka(realisasi), angka(target)  # text was handled above
    if metode_negatif == "rasio_terbalik":
        metode = "target / realisasi × 100"
        if t is None:
            return tak_terdefinisi(ALASAN_PENYEBUT_KOSONG, metode)
        if r is None:
            return tak_terdefinisi(ALASAN_PEMBILANG_KOSONG, metode)
        if r == 0:
            return tak_terdefinisi(ALASAN_REALISASI_NOL_NEGATIF, metode)
        return Hasil(t / r * SERATUS, metode=metode)
    if metode_negatif == "selisih":
        metode = "(2 × target − realisasi) / target × 100"
        if t is None or t == 0:
            return tak_terdefinisi(ALASAN_PENYEBUT_KOSONG if t is None else ALASAN_PENYEBUT_NOL, metode)
        if r is None:
            return tak_terdefinisi(ALASAN_PEMBILANG_KOSONG, metode)
        return Hasil((2 * t - r) / t * SERATUS, metode=metode)
    return tak_terdefinisi(ALASAN_METODE)


def _is_text(value):
    if value is None or isinstance(value, Decimal | int | float):
        return False
    try:
        angka(value)
        return False
    except ValueError:
        return True


def _capaian_kategori(realisasi, target, skala):
    metode = "kategori: peringkat realisasi / peringkat target × 100, maksimum 100"
    ranks = {str(item).strip().lower(): rank for rank, item in enumerate(skala, start=1)}
    if realisasi is None or target is None:
        return tak_terdefinisi(ALASAN_PEMBILANG_KOSONG if realisasi is None else ALASAN_PENYEBUT_KOSONG, metode)
    r = ranks.get(str(realisasi).strip().lower())
    t = ranks.get(str(target).strip().lower())
    if r is None or t is None:
        return tak_terdefinisi(ALASAN_DI_LUAR_SKALA, metode)
    if r >= t:
        return Hasil(SERATUS, metode=metode)
    return Hasil(Decimal(r) / Decimal(t) * SERATUS, metode=metode)


def agregasi(sifat, nilai):
    """Combine values over periods by the indicator's sifat (spec §4.2):
    kumulatif → sum of the values present; non_kumulatif → the latest non-empty value (the
    list is in time order); rata_rata → mean of the values present. Empty → undefined."""
    if any(_is_text(v) for v in nilai):
        latest = [v for v in nilai if v not in (None, "")]
        if sifat == NON_KUMULATIF:
            return Hasil(None, metode="nilai terakhir", teks=str(latest[-1]).strip())
        return tak_terdefinisi(ALASAN_KUALITATIF, sifat)
    values, _ = _inputs(*nilai)
    present = [v for v in values if v is not None]
    if not present:
        return tak_terdefinisi(ALASAN_TIDAK_ADA_DATA, sifat)
    if sifat == KUMULATIF:
        return Hasil(sum(present, Decimal(0)), metode="jumlah")
    if sifat == NON_KUMULATIF:
        return Hasil(present[-1], metode="nilai terakhir")
    if sifat == RATA_RATA:
        return Hasil(sum(present, Decimal(0)) / len(present), metode="rata-rata")
    raise ValueError(f"sifat tidak dikenal: {sifat}")


# --------------------------------------------------------------------------- Tabel T-C.29


def tc29_kolom_5(sifat, realisasi_tahunan, tahun_awal, tahun_n3):
    """Tabel T-C.29 kolom 5: realisasi s/d tahun n-3, derived from the yearly realisasi from
    the Renstra's first year through n-3, aggregated by sifat. ``realisasi_tahunan`` maps
    year → value."""
    years = sorted(y for y in realisasi_tahunan if tahun_awal <= y <= tahun_n3)
    return agregasi(sifat, [realisasi_tahunan[y] for y in years])


def tc29_kolom_8(realisasi_n2, target_n2, polaritas="positif", metode_negatif="", skala=None):
    """Tabel T-C.29 kolom 8, Tingkat Realisasi (%) = 7 / 6 × 100 (realisasi n-2 / target n-2)."""
    return capaian(realisasi_n2, target_n2, polaritas, metode_negatif, skala)


def tc29_kolom_10(sifat, kolom_5, kolom_7, kolom_9):
    """Tabel T-C.29 kolom 10, realisasi capaian s/d tahun berjalan (n-1):
    kumulatif 5 + 7 + 9; non-kumulatif the latest position (kolom 9, the target n-1, else 7,
    else 5); rata-rata the mean of 5, 7, 9 present."""
    return agregasi(sifat, [kolom_5, kolom_7, kolom_9])


def tc29_kolom_11(kolom_10, kolom_4, polaritas="positif", metode_negatif="", skala=None):
    """Tabel T-C.29 kolom 11, Tingkat Capaian Realisasi Target Renstra s/d tahun berjalan (%)
    = 10 / 4 × 100."""
    return capaian(kolom_10, kolom_4, polaritas, metode_negatif, skala)


# --------------------------------------------------------------------------- evaluation form


def evaluasi_kolom_12(sifat, triwulan):
    """Evaluasi Hasil Renja kolom 12 (K): realisasi of the year from Triwulan I–IV
    (kolom 8–11). kumulatif: the quarters are increments, 12 = 8+9+10+11; non-kumulatif:
    the latest non-empty quarter (TW IV, else TW III, …); rata-rata: the mean."""
    return agregasi(sifat, list(triwulan))


def evaluasi_kolom_12_rp(triwulan):
    """Evaluasi Hasil Renja kolom 12 (Rp): budget realised, 12 = 8+9+10+11 (quarters' spending)."""
    return agregasi(KUMULATIF, list(triwulan))


def evaluasi_kolom_13(kolom_12, kolom_7, polaritas="positif", metode_negatif="", skala=None):
    """Evaluasi Hasil Renja kolom 13: tingkat capaian Renja yang dievaluasi (%) = 12 / 7 × 100."""
    return capaian(kolom_12, kolom_7, polaritas, metode_negatif, skala)


def evaluasi_kolom_14(sifat, kolom_6, kolom_12):
    """Evaluasi Hasil Renja kolom 14: realisasi Renstra s/d the evaluated year.
    kumulatif (and Rp): 14 = 6 + 12; non-kumulatif: 14 = 12 (latest position, else 6);
    rata-rata: mean of 6 and 12."""
    return agregasi(sifat, [kolom_6, kolom_12])


def evaluasi_kolom_15(kolom_14, kolom_5, polaritas="positif", metode_negatif="", skala=None):
    """Evaluasi Hasil Renja kolom 15: tingkat capaian Renstra s/d the evaluated year (%) = 14 / 5 × 100."""
    return capaian(kolom_14, kolom_5, polaritas, metode_negatif, skala)


def realisasi_tahun(sifat, tahunan, triwulan):
    """The realisasi of one year: the yearly value when one was entered, else the year's
    quarters combined by sifat as kolom 12 does (a running year counts the quarters reported so
    far); None when there is neither."""
    if tahunan not in (None, ""):
        return tahunan
    if all(v in (None, "") for v in triwulan):
        return None
    return evaluasi_kolom_12(sifat, triwulan).nilai_atau_teks


@dataclass(frozen=True)
class BarisEvaluasi:
    """Kolom 6 and 12–15 (K) of one indicator's row of the evaluation form."""

    kolom_6: Hasil
    kolom_12: Hasil
    kolom_13: Hasil
    kolom_14: Hasil
    kolom_15: Hasil


def evaluasi_baris(sifat, kolom_5, kolom_7, triwulan, realisasi_tahunan, tahun_awal, tahun_lalu, **args):
    """The computed K columns of an indicator's row: 6 = realisasi Renstra s/d ``tahun_lalu``
    from the yearly realisasi by sifat; 12 from the quarters; 13 = 12/7; 14 = 6 with 12;
    15 = 14/5 (``args``: polaritas, metode_negatif, skala). The monev grid and the form share it."""
    k6 = tc29_kolom_5(sifat, realisasi_tahunan, tahun_awal, tahun_lalu)
    k12 = evaluasi_kolom_12(sifat, triwulan)
    k13 = evaluasi_kolom_13(k12.nilai_atau_teks, kolom_7, **args)
    k14 = evaluasi_kolom_14(sifat, k6.nilai_atau_teks, k12.nilai_atau_teks)
    k15 = evaluasi_kolom_15(k14.nilai_atau_teks, kolom_5, **args)
    return BarisEvaluasi(k6, k12, k13, k14, k15)


# --------------------------------------------------------------------------- summary rows


@dataclass(frozen=True)
class RataRata:
    hasil: Hasil
    dihitung: int
    tidak_dihitung: int

    @property
    def keterangan(self):
        return f"{self.tidak_dihitung} baris tidak dihitung" if self.tidak_dihitung else ""


def rata_rata_capaian(daftar):
    """Footer "Rata-rata capaian kinerja (%)": arithmetic mean of the rows with a defined
    capaian (``Hasil`` or Decimal/None), not capped at 100; the rows left out are counted."""
    values = [h.nilai if isinstance(h, Hasil) else h for h in daftar]
    present = [Decimal(v) for v in values if v is not None]
    left_out = len(values) - len(present)
    if not present:
        return RataRata(tak_terdefinisi(ALASAN_TIDAK_ADA_DATA, "rata-rata"), 0, left_out)
    return RataRata(Hasil(sum(present, Decimal(0)) / len(present), metode="rata-rata"), len(present), left_out)


@dataclass(frozen=True)
class Predikat:
    kode: str
    kriteria: str
    melampaui_target: bool = False


_BANDS = [
    (Decimal(90), "ST", "Sangat Tinggi"),
    (Decimal(75), "T", "Tinggi"),
    (Decimal(65), "S", "Sedang"),
    (Decimal(50), "R", "Rendah"),
]


def predikat(nilai):
    """Predikat kinerja on the unrounded capaian x with half-open bands (spec R-4):
    x > 90 ST; 75 < x ≤ 90 T; 65 < x ≤ 75 S; 50 < x ≤ 65 R; x ≤ 50 SR. Above 100 is ST with
    "melampaui target". Undefined (None or an undefined Hasil) → None (excluded)."""
    if isinstance(nilai, Hasil):
        nilai = nilai.nilai
    if nilai is None:
        return None
    x = Decimal(nilai)
    for bound, kode, kriteria in _BANDS:
        if x > bound:
            return Predikat(kode, kriteria, x > SERATUS)
    return Predikat("SR", "Sangat Rendah")
