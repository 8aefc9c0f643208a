"""Reading an uploaded spreadsheet safely (.xlsx or .csv) into rows of cell values, and finding
its columns by their header text, not by fixed letters.

An upload is refused with a clear Indonesian message, never a server error, when it is too
large, of another type, corrupt, empty, a zip bomb or a sheet larger than any Renja. Formulas
are never evaluated: a workbook is read with the values the spreadsheet program stored
(``data_only``), and a formula without one is read as empty.
"""

import csv
import functools
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

BATAS_UKURAN = 10 * 1024 * 1024  # bytes of the upload
BATAS_TERURAI = 200 * 1024 * 1024  # bytes of an .xlsx once unzipped
BATAS_RASIO = 200  # unzipped / zipped of one member: far above any real sheet, below a zip bomb
BATAS_BARIS = 100_000
BATAS_KOLOM = 300
BARIS_KEPALA = 30  # the header is looked for in this many first rows


class BerkasTidakSah(ValueError):
    """An upload that cannot be read; the message says why, in Indonesian."""


@dataclass
class Lembar:
    nama: str
    baris: list = field(default_factory=list)  # rows of cell values (None for an empty cell)


class Kemajuan:
    """How far a dry run has gone through the rows of ``sheets``, reported to ``maju(selesai,
    jumlah, tahap)`` (a job's progress, laporan.tugas) every ``SETIAP`` rows and at the end;
    without ``maju`` it only counts."""

    SETIAP = 500

    def __init__(self, sheets, maju=None):
        self.maju, self.selesai, self.jumlah = maju, 0, sum(len(s.baris) for s in sheets)
        self._lapor()

    def _lapor(self):
        if self.maju:
            self.maju(self.selesai, self.jumlah, "Memeriksa baris")

    def satu(self):
        self.selesai += 1
        if self.selesai % self.SETIAP == 0:
            self._lapor()

    def tuntas(self):
        self.selesai = self.jumlah
        self._lapor()


def _mulai_baca(data, maju):
    """Refuse an empty or too large upload; tell ``maju`` that the file is being read."""
    if maju:
        maju(0, 0, "Membaca berkas")
    if not data:
        raise BerkasTidakSah("Berkas kosong.")
    if len(data) > BATAS_UKURAN:
        raise BerkasTidakSah(f"Berkas terlalu besar ({len(data) // 1024 // 1024} MB; paling besar 10 MB).")


def baca_berkas(data, nama, batas_baris=BATAS_BARIS, maju=None):
    """The sheets of the upload ``data`` (bytes) named ``nama``: every sheet of an .xlsx, or the
    one table of a .csv (UTF-8, with or without BOM, else Windows-1252; ',', ';' or tab).
    ``maju`` (a job's progress) hears that the file is being read."""
    _mulai_baca(data, maju)
    ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    if ext == "xlsx":
        return _xlsx(data, batas_baris)
    if ext == "csv":
        return [Lembar(nama, _csv(data, batas_baris))]
    if ext == "json":
        raise BerkasTidakSah("Berkas .json hanya diterima untuk impor data SIPD-RI (jenis sipd).")
    if ext in ("xls", "ods"):
        raise BerkasTidakSah(f"Berkas .{ext} belum didukung: simpan sebagai .xlsx (Excel) atau .csv, lalu unggah lagi.")
    raise BerkasTidakSah("Jenis berkas tidak didukung: unggah .xlsx atau .csv.")


def _xlsx(data, batas_baris):
    from openpyxl import load_workbook

    if not data.startswith(b"PK\x03\x04"):
        raise BerkasTidakSah("Berkas bukan .xlsx yang sah (mungkin rusak atau berganti nama).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > BATAS_TERURAI or any(
                m.compress_size and m.file_size / m.compress_size > BATAS_RASIO and m.file_size > 1024 * 1024
                for m in members
            ):
                raise BerkasTidakSah("Berkas .xlsx tidak wajar (isinya membesar berlebihan bila dibuka) dan ditolak.")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except BerkasTidakSah:
        raise
    except Exception as error:  # openpyxl and zipfile raise many kinds for a broken file
        raise BerkasTidakSah(f"Berkas .xlsx rusak dan tidak dapat dibaca ({type(error).__name__}).") from None
    sheets = []
    try:
        for ws in book.worksheets:
            rows = []
            for row in ws.iter_rows(values_only=True):
                if len(rows) >= batas_baris:
                    raise BerkasTidakSah(
                        f"Lembar '{ws.title}' lebih dari {batas_baris} baris: terlalu besar untuk diimpor."
                    )
                if len(row) > BATAS_KOLOM:
                    row = row[:BATAS_KOLOM] if not any(v is not None for v in row[BATAS_KOLOM:]) else None
                    if row is None:
                        raise BerkasTidakSah(f"Lembar '{ws.title}' lebih dari {BATAS_KOLOM} kolom terisi.")
                rows.append(list(row))
            sheets.append(Lembar(ws.title, _tanpa_baris_kosong_akhir(rows)))
    except BerkasTidakSah:
        raise
    except Exception as error:
        raise BerkasTidakSah(f"Berkas .xlsx rusak dan tidak dapat dibaca ({type(error).__name__}).") from None
    finally:
        book.close()
    if not any(sheet.baris for sheet in sheets):
        raise BerkasTidakSah("Berkas tidak berisi data.")
    return sheets


def _csv(data, batas_baris):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise BerkasTidakSah("Berkas .csv berisi data biner; pastikan berkas disimpan sebagai teks CSV.")
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            if len(rows) >= batas_baris:
                raise BerkasTidakSah(f"Berkas lebih dari {batas_baris} baris: terlalu besar untuk diimpor.")
            if len(row) > BATAS_KOLOM:
                raise BerkasTidakSah(f"Berkas lebih dari {BATAS_KOLOM} kolom.")
            rows.append([cell if cell.strip() else None for cell in row])
    except csv.Error as error:
        raise BerkasTidakSah(f"Berkas .csv rusak: {error}.") from None
    rows = _tanpa_baris_kosong_akhir(rows)
    if not rows:
        raise BerkasTidakSah("Berkas tidak berisi data.")
    return rows


BATAS_KEDALAMAN_JSON = 6  # nesting of a SIPD-RI row: list → object → list (dana, lokasi, output) → object → object


def baca_json(data, nama, batas_baris=BATAS_BARIS, maju=None):
    """The objects of an uploaded JSON file (SIPD-RI's rows): a list of objects, or an object
    whose "data" is one (as SIPD-RI's API answers, ``{"status": …, "data": [...]}``). Refused
    with a clear message: larger than 10 MB, not UTF-8, not JSON, NaN or Infinity, nested deeper
    than any SIPD-RI row, more than ``batas_baris`` rows or ``BATAS_KOLOM`` fields in a row, a
    row that is not an object. Numbers with a fraction are read as Decimal (never float)."""
    _mulai_baca(data, maju)
    if not nama.lower().endswith(".json"):
        raise BerkasTidakSah("Impor SIPD-RI menerima berkas .json (data sub kegiatan yang diunduh dari SIPD-RI).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BerkasTidakSah(f"Berkas .json bukan teks UTF-8 (bita ke-{error.start + 1}).") from None
    if _kedalaman(text) > BATAS_KEDALAMAN_JSON:
        raise BerkasTidakSah(f"Berkas .json bersarang lebih dari {BATAS_KEDALAMAN_JSON} tingkat: bukan data SIPD-RI.")

    def tolak_konstanta(name):
        raise BerkasTidakSah(f"Berkas .json berisi {name}, yang bukan angka.")

    try:
        isi = json.loads(text, parse_float=Decimal, parse_constant=tolak_konstanta)
    except BerkasTidakSah:
        raise
    except (ValueError, RecursionError) as error:  # json.JSONDecodeError, an integer too long
        where = f" (baris {error.lineno}, kolom {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
        raise BerkasTidakSah(f"Berkas .json tidak sah{where}: {getattr(error, 'msg', error)}.") from None
    if isinstance(isi, dict) and isinstance(isi.get("data"), list):
        isi = isi["data"]
    if not isinstance(isi, list):
        raise BerkasTidakSah('Berkas .json harus berisi daftar baris ([{…}, …]) atau {"data": [{…}, …]}.')
    if not isi:
        raise BerkasTidakSah("Berkas tidak berisi data.")
    if len(isi) > batas_baris:
        raise BerkasTidakSah(f"Berkas lebih dari {batas_baris} baris: terlalu besar untuk diimpor.")
    for nomor, row in enumerate(isi, start=1):
        if not isinstance(row, dict):
            raise BerkasTidakSah(f"Baris {nomor} berkas .json bukan objek {{…}} melainkan {_jenis_json(row)}.")
        if len(row) > BATAS_KOLOM:
            raise BerkasTidakSah(f"Baris {nomor} berkas .json mempunyai lebih dari {BATAS_KOLOM} isian.")
    return isi


def _kedalaman(text):
    """The deepest nesting of brackets in JSON ``text`` (outside strings), found before parsing."""
    depth = deepest = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


def _jenis_json(value):
    return {list: "daftar", str: "teks", bool: "benar/salah", type(None): "null"}.get(type(value), "angka")


def _tanpa_baris_kosong_akhir(rows):
    while rows and all(v in (None, "") for v in rows[-1]):
        rows.pop()
    return rows


# --------------------------------------------------------------------------- columns by header


def kunci_judul(text):
    """A header text for matching: lower case, letters and digits only, single spaces."""
    return re.sub(r"[^a-z0-9]+", " ", str(text or "").lower()).strip()


@dataclass
class Kolom:
    kunci: str
    label: str  # as the app's template workbook writes it, for messages
    pola: tuple  # header texts (after kunci_judul) that name this column: a header containing one matches
    wajib: bool = True


def judul_kolom(rows, index):
    """The header text of each column of row ``index``, read together with the row above when
    that row is a header too (two or more filled cells, not a one-cell title): a group title
    merged over several columns (its value sits in the first cell of the merge) is carried to
    the right over the sub-headers below it; a cell empty in this row (a title merged over both
    rows) takes the text above it."""
    row = rows[index]
    above = rows[index - 1] if index > 0 else []
    if sum(1 for v in above if v not in (None, "")) < 2:
        above = []
    carried, texts = "", []
    for col, low in enumerate(row):
        top = above[col] if col < len(above) else None
        if top not in (None, ""):
            carried = str(top)
        if low in (None, ""):
            texts.append(kunci_judul(top))
        else:
            texts.append(kunci_judul(f"{carried} {low}"))
    return texts


@functools.cache
def _pola(pola):
    """One compiled pattern for a Kolom's header texts (each a whole word or phrase)."""
    return re.compile("|".join(rf"\b(?:{p})\b" for p in pola))


def _cocok(text, k):
    return _pola(k.pola).search(text) is not None


def _pasangkan(texts, kolom):
    """Each Kolom's first matching column; required columns choose first, so that "Realisasi
    Tahun 2021" is the realisasi column and not the year's."""
    found = {}
    for k in sorted(kolom, key=lambda k: not k.wajib):
        for col, text in enumerate(texts):
            if col not in found.values() and _cocok(text, k):
                found[k.kunci] = col
                break
    return found


def cari_kolom(rows, kolom):
    """The header row of ``rows`` and the index of each column of ``kolom`` (list of Kolom),
    whatever their order: among the first 30 rows that name every required column, the one
    with the most columns named (the lower row of a two-row header names its group's
    sub-columns too). Raises BerkasTidakSah naming the columns it could not find."""
    best, partial = None, {}
    for index in range(min(BARIS_KEPALA, len(rows))):
        texts = judul_kolom(rows, index)
        found = _pasangkan(texts, kolom)
        if not all(k.kunci in found for k in kolom if k.wajib):
            if len(found) > len(partial):
                partial = found
            continue
        score = sum(1 for text in texts if any(_cocok(text, k) for k in kolom))
        if best is None or score > best[0]:
            best = (score, index, found)
    if best is not None:
        return best[1], best[2]
    missing = [k.label for k in kolom if k.wajib and k.kunci not in partial]
    raise BerkasTidakSah(
        f"Kolom wajib tidak ditemukan: {', '.join(missing)}. Judul kolom dicari pada {BARIS_KEPALA} baris pertama; "
        "pakai templat dari aplikasi atau beri judul kolom yang sama."
    )


def judul_bertingkat(rows, index, tingkat=3):
    """The header text of each column of row ``index`` read with up to ``tingkat - 1`` header
    rows above it (each with two or more filled cells): a title merged over several columns
    (its text in the first) is carried to the right under the same title above it, and only
    over columns that have a sub-header below; a title merged down over the rows keeps its own
    text. "Target Kinerja | 2024 | Rp" is one column's text."""
    start = index
    while start > index - tingkat + 1 and start > 0 and sum(1 for v in rows[start - 1] if v not in (None, "")) >= 2:
        start -= 1
    block = rows[start : index + 1]
    width = max(len(r) for r in block)
    grid = [[r[c] if c < len(r) and r[c] not in (None, "") else None for c in range(width)] for r in block]
    parts = [[] for _ in range(width)]
    for level, row in enumerate(grid):
        carried, carried_from = None, None
        for col in range(width):
            if row[col] is not None:
                carried, carried_from = str(row[col]), col
                parts[col].append(carried)
            elif (
                carried is not None
                and any(grid[below][col] is not None for below in range(level + 1, len(grid)))
                and parts[col][:level] == parts[carried_from][:level]
            ):
                parts[col].append(carried)
    return [kunci_judul(" ".join(p)) for p in parts]


def teks_saja(cell):
    """``cell`` (openpyxl) with a str value written as text, never as a formula (nor an error
    code): every text in a workbook the app writes came from a user or an imported file, and the
    app's own formulas are written apart (laporan.xlsx, ``Sel.rumus``)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def simpan_teks_saja(book):
    """The bytes of a workbook that has no formula of its own, every text written as text."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                teks_saja(cell)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
