"""Reading one cell of an imported spreadsheet (spec §4.4, §4.5, §5.3): money, indicator values
with their unit, qualitative values, and the spreadsheet errors that must stop an import.

Every function takes what a spreadsheet reader gives (text, int, float, Decimal or None) and
returns a ``Sel`` or raises ``SelTidakSah`` with the reason in Indonesian; the caller adds the
row and the column. Numbers are Decimal, never float; a float from a workbook is read through
its shortest text (0.1 stays 0.1). Nothing is evaluated: a formula's text is an error.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

GALAT_SPREADSHEET = {"#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
KOSONG = {"", "-", "–", "—"}

UANG = "uang"  # integral Rupiah (pagu, realisasi anggaran)
PERSEN = "persen"  # a percentage or capaian: an ambiguous 66,667 is a decimal
JUMLAH = "jumlah"  # a count: an ambiguous 1.200 is 1200
INDEKS = "indeks"  # an index or score: an ambiguous separator is refused


class SelTidakSah(ValueError):
    """A cell that cannot be read; the message says why, in Indonesian."""


@dataclass
class Sel:
    nilai: Decimal | None = None  # the number, if the cell holds one
    teks: str = ""  # a qualitative value ("Ada", "Inovatif"), if it holds no number
    satuan: str = ""  # a unit written in the cell ("24 Bulan" → "Bulan"; "97%" → "%")
    peringatan: list = field(default_factory=list)  # read, but worth a look (in Indonesian)

    @property
    def kosong(self):
        return self.nilai is None and not self.teks


def _teks(raw):
    """The cell as text; a number from the workbook is returned as Decimal instead."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        raise SelTidakSah(f"'{raw}' bukan nilai")
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise SelTidakSah(f"'{raw}' bukan angka")
        return Decimal(repr(raw))
    text = str(raw).replace("\u00a0", " ").strip()
    if text.upper() in GALAT_SPREADSHEET:
        raise SelTidakSah(f"sel berisi galat spreadsheet {text.upper()}; perbaiki di berkas asal")
    if text.startswith("="):
        raise SelTidakSah(f"sel berisi rumus '{text[:40]}' yang tidak dihitung; simpan nilainya, bukan rumusnya")
    return text


def _angka_bersih(text):
    """``text`` without currency, spaces inside the number (a wrapped PDF line: only in a number
    with separators; "1 1" is two values), a trailing ',-' or '.-', and its sign."""
    text = re.sub(r"^(?i:rp)[.,]?\s*", "", text)
    if re.search(r"\d\s+\d", text) and not re.search(r"[.,]", text):
        raise SelTidakSah(f"'{text}' berisi lebih dari satu angka; pisahkan atau tulis angkanya saja")
    text = re.sub(r"[.,]-$", "", text)
    negative = text.startswith("-") or text.startswith("\u2212") or (text.startswith("(") and text.endswith(")"))
    text = text.strip("()").lstrip("-\u2212+")
    return re.sub(r"\s+", "", text), negative


def baca_uang(raw):
    """Integral Rupiah (spec §4.5 rule 2): every separator followed by exactly 3 digits is a
    grouping separator, in either style (1,200,000,000; 55.792.371.818). Mixed separators
    (8.309,000.000) are read the same way with a warning. Spaces from a wrapped PDF line are
    removed (1,200,000, 000). Cents are accepted only as a final ',dd' or '.dd' of an
    otherwise grouped figure. Negative amounts are refused."""
    text = _teks(raw)
    if isinstance(text, Decimal):
        if text < 0:
            raise SelTidakSah(f"'{raw}': nilai uang tidak boleh negatif")
        return Sel(text)
    if text in KOSONG:
        return Sel()
    digits, negative = _angka_bersih(text)
    if negative:
        raise SelTidakSah(f"'{text}': nilai uang tidak boleh negatif")
    value, warnings = _uang_dari_teks(digits, text)
    if value is None:
        raise SelTidakSah(f"'{text}' bukan nilai rupiah (contoh: 1.200.000.000)")
    return Sel(value, peringatan=warnings)


def _uang_dari_teks(digits, original):
    if re.fullmatch(r"\d+", digits):
        return Decimal(digits), []
    groups = re.split(r"[.,]", digits)
    separators = re.findall(r"[.,]", digits)
    if all(re.fullmatch(r"\d{3}", g) for g in groups[1:]) and re.fullmatch(r"\d{1,3}", groups[0]):
        warnings = []
        if len(set(separators)) > 1:
            warnings.append(f"'{original}' memakai pemisah campuran; dibaca {int(''.join(groups)):,}".replace(",", "."))
        return Decimal("".join(groups)), warnings
    # a grouped figure with cents: 1.234.567,89 or 1,234,567.89
    match = re.fullmatch(r"(\d{1,3}(?:([.,])\d{3})*)([.,])(\d{1,2})", digits)
    if (
        match
        and match.group(3) != (match.group(2) or "")
        and all(re.fullmatch(r"\d{3}", g) for g in re.split(r"[.,]", match.group(1))[1:])
    ):
        whole = re.sub(r"[.,]", "", match.group(1))
        return Decimal(f"{whole}.{match.group(4)}"), []
    return None, []


_SATUAN = re.compile(r"^([-−+(]?[\d.,\s]*\d[\d.,]*\)?)\s*(%|[^\d\s].*)?$")


def baca_nilai(raw, konteks=INDEKS, satuan_indikator=""):
    """An indicator value (target or realisasi) in ``konteks`` PERSEN, JUMLAH or INDEKS (spec
    §4.4, §4.5 rules 3–4):

    - a single ',' then 1–2 or ≥ 4 digits is a decimal comma (6,4; 12,00; 3,4365); a single '.'
      then other than 3 digits is a decimal point (54.80); several identical separators group
      thousands (1.200.000);
    - a single separator then exactly 3 digits is ambiguous: a decimal in PERSEN (66,667 →
      66.667), grouping in JUMLAH (1.200 → 1200), refused in INDEKS;
    - a unit after the number is split off ("24 Bulan" → 24, "Bulan"; "97 %" → 97, "%") and
      compared with the indicator's satuan when given (a mismatch is a warning);
    - text without a number is a qualitative value ("Ada", "Inovatif");
    - a compound value ("28 Titik dan 5 Kegiatan") and spreadsheet errors are refused;
    - a percentage above 100 is read with a warning (8649% is more likely 86,49 %)."""
    text = _teks(raw)
    if isinstance(text, Decimal):
        return Sel(text)
    if text in KOSONG:
        return Sel()
    numbers = re.findall(r"\d+(?:[.,\s]\d+)*", text)
    if not numbers:
        return Sel(teks=text)  # qualitative
    match = _SATUAN.match(text)
    if match is None or len(re.findall(r"\d+", match.group(2) or "")) > 0:
        raise SelTidakSah(
            f"'{text}' berisi lebih dari satu angka; pisahkan menjadi beberapa indikator atau tulis angkanya saja"
        )
    number, unit = match.group(1), (match.group(2) or "").strip()
    digits, negative = _angka_bersih(number.strip())
    value, warnings = _nilai_dari_teks(digits, konteks, text)
    if negative:
        value = -value
    sel = Sel(value, satuan=unit, peringatan=warnings)
    if konteks == PERSEN and value > 100:
        sel.peringatan.append(f"'{text}' lebih dari 100 %; periksa kembali (mis. 8649% untuk 86,49 %)")
    if unit and satuan_indikator and not _satuan_sama(unit, satuan_indikator):
        sel.peringatan.append(f"satuan '{unit}' berbeda dengan satuan indikator '{satuan_indikator}'")
    return sel


def _nilai_dari_teks(digits, konteks, original):
    if re.fullmatch(r"\d+", digits):
        return Decimal(digits), []
    separators = re.findall(r"[.,]", digits)
    groups = re.split(r"[.,]", digits)
    if len(separators) == 1:
        sep, after = separators[0], groups[1]
        if len(after) != 3:
            return Decimal(f"{groups[0]}.{after}"), []
        if konteks == PERSEN:
            return Decimal(f"{groups[0]}.{after}"), [f"'{original}' dibaca sebagai {groups[0]},{after} (desimal)"]
        if konteks == JUMLAH:
            return Decimal(groups[0] + after), [f"'{original}' dibaca sebagai {groups[0]}{after} (ribuan)"]
        raise SelTidakSah(
            f"'{original}' ambigu: {groups[0]}{sep}{after} dapat berarti {groups[0]}{after} atau {groups[0]},{after}; "
            "tulis tanpa pemisah ribuan"
        )
    if len(set(separators)) == 1 and all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
        return Decimal("".join(groups)), []
    # grouping then a decimal: 1.234,5 or 1,234.5
    match = re.fullmatch(r"(\d{1,3}(?:([.,])\d{3})+)([.,])(\d+)", digits)
    if match and match.group(2) != match.group(3):
        return Decimal(re.sub(r"[.,]", "", match.group(1)) + "." + match.group(4)), []
    raise SelTidakSah(f"'{original}' bukan angka yang dapat dibaca")


def _satuan_sama(a, b):
    def key(text):
        return re.sub(r"[^a-z%]", "", text.lower())

    return key(a) == key(b) or key(a) in ("persen", "%") and key(b) in ("persen", "%")
