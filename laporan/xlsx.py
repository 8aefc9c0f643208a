"""XLSX renderer of ``laporan.tabel.Tabel``: one sheet per table, with openpyxl.

The sheet holds the same rows as the HTML and the PDF: merged multi-row headers as in the
regulation, the numbered column row, real numbers with number formats, and every computed
cell as a live formula that recomputes the engine's figure from the cells it came from
(``Rumus``). The formulas mirror ``evaluasi.capaian`` and ``anggaran.pagu``: each undefined
ratio is guarded so that the cell shows "–" instead of #DIV/0!. The header rows are frozen
and repeated on every printed page; the page is landscape, fitted to the width.

Only a ``Rumus`` becomes a formula: every str (names, lokasi, catatan of users and imported files)
is written as text, since openpyxl takes any str starting with "=" for a formula (formula injection).

Written in write-only mode, so a city-wide table of ten thousand rows streams to the file.
"""

import io
import re
from copy import copy

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from laporan.tabel import Sel
from renja.angka import STRIP
from renja.berkas import teks_saja

# Number formats carry the [$-421] locale tag (Indonesian), so LibreOffice prints 1.200.000
# and 66,67; Excel takes the separators from the reader's regional settings.
FORMAT = ("uang", "angka", "persen")
KERTAS = {"a4": 9, "f4": 14}  # openpyxl paperSize codes; 14 = Folio 8.5×13 in (F4)

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E8EEF4")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
KOSONG = Sel()  # written in the cells a merged cell covers
_BOLD_ROWS = {"judul", "tujuan", "sasaran", "program", "total", "ringkasan"}


def _sheet_title(tabel, used):
    base = re.sub(r"[\[\]:*?/\\]", "", tabel.nomor or tabel.lembar or tabel.kunci)[:31] or "Tabel"
    title, k = base, 2
    while title in used:
        title = f"{base[:28]} ({k})"
        k += 1
    used.add(title)
    return title


def tulis_xlsx(daftar_tabel, kertas="a4", narasi=()):
    """Bytes of a workbook with one sheet per ``Tabel`` (in order), after a sheet "Narasi" when
    ``narasi`` holds (title, plain text) of the document's sections (``Dokumen.narasi_teks``)."""
    wb = Workbook(write_only=True)
    wb.calculation.fullCalcOnLoad = True
    used = set()
    if narasi:
        used.add("Narasi")
        _tulis_narasi(wb.create_sheet("Narasi"), narasi, kertas)
    for tabel in daftar_tabel:
        _tulis_sheet(wb.create_sheet(_sheet_title(tabel, used)), tabel, kertas)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _tulis_narasi(ws, narasi, kertas):
    """The planner's text, one line a row (a paragraph, a list item), each section under its title:
    text only, never a formula, whatever it starts with."""
    _setup_page(ws, kertas)
    ws.page_setup.orientation = "portrait"
    ws.column_dimensions["A"].width = 110
    for judul, teks in narasi:
        ws.append([_cell(ws, judul, font=_BOLD, border=False)])
        for baris in teks.split("\n"):
            ws.append([_cell(ws, baris, alignment=_WRAP, border=False)] if baris.strip() else [])
        ws.append([])


def baris_data_pertama(tabel):
    """Sheet row of the table's first data row: title, subtitles, a blank row, the header rows
    and the numbered column row come first."""
    return 1 + len(tabel.subjudul) + 1 + len(tabel.kepala) + 1 + 1


def _tulis_sheet(ws, tabel, kertas):
    ncol = tabel.jumlah_kolom
    _setup_page(ws, kertas)
    _column_widths(ws, tabel)
    first_data = baris_data_pertama(tabel)
    # In write-only mode the sheet view is written with the first row: freeze before appending.
    ws.freeze_panes = f"A{first_data}"
    ws.print_title_rows = f"{first_data - len(tabel.kepala) - 1}:{first_data - 1}"
    rownum = 0

    def put(values):
        nonlocal rownum
        ws.append(values)
        rownum += 1

    title = f"{tabel.nomor} {tabel.judul}".strip()
    put([_cell(ws, title, font=Font(bold=True, size=12))])
    ws.merged_cells.add(f"A1:{get_column_letter(ncol)}1")
    for line in tabel.subjudul:
        put([_cell(ws, line)])
    put([])
    first_head = rownum + 1
    for line in _header_grid(tabel.kepala, ncol, first_head, ws):
        put(line)
    put([_cell(ws, n, font=_BOLD, alignment=_CENTER, fill=_HEAD_FILL) for n in tabel.nomor_kolom])
    rows_at = {id(b): first_data + i for i, b in enumerate(tabel.baris)}
    gaya = {}
    for baris in tabel.baris:
        if baris.gabung:
            put([_data_cell(ws, tabel, sel, baris, index, rows_at, gaya) for index, sel in enumerate(baris.sel)])
            ws.merged_cells.add(f"A{rownum}:{get_column_letter(ncol)}{rownum}")
            continue
        cells = []
        for index, span, sel in baris.rentang():
            cells.append(_data_cell(ws, tabel, sel, baris, index, rows_at, gaya))
            cells += [_data_cell(ws, tabel, KOSONG, baris, index + k, rows_at, gaya) for k in range(1, span)]
        put(cells)
        for index, span, _ in baris.rentang():
            if span > 1:
                ws.merged_cells.add(f"{get_column_letter(index + 1)}{rownum}:{get_column_letter(index + span)}{rownum}")


def _setup_page(ws, kertas):
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = KERTAS.get(kertas, KERTAS["a4"])
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "Halaman &P dari &N"


def _column_widths(ws, tabel):
    """Names wide, figures narrow (``Tabel.bobot_kolom``, as in the print)."""
    for index, weight in enumerate(tabel.bobot_kolom()):
        ws.column_dimensions[get_column_letter(index + 1)].width = weight * 9


def _header_grid(kepala, ncol, first_row, ws):
    """Rows of header cells with merged ranges for each Kepala's colspan/rowspan."""
    taken = set()
    grid = [[None] * ncol for _ in kepala]
    for r, line in enumerate(kepala):
        c = 0
        for head in line:
            while (r, c) in taken:
                c += 1
            grid[r][c] = head.teks
            for dr in range(head.rowspan):
                for dc in range(head.colspan):
                    taken.add((r + dr, c + dc))
            if head.rowspan > 1 or head.colspan > 1:
                top, left = first_row + r, c + 1
                ws.merged_cells.add(
                    f"{get_column_letter(left)}{top}:{get_column_letter(left + head.colspan - 1)}{top + head.rowspan - 1}"
                )
            c += head.colspan
    return [[_cell(ws, text, font=_BOLD, alignment=_CENTER, fill=_HEAD_FILL) for text in line] for line in grid]


def _isi(ws, value):
    return teks_saja(WriteOnlyCell(ws, value=value))


def _cell(ws, value, font=None, alignment=None, fill=None, border=True):
    cell = _isi(ws, value)
    if font:
        cell.font = font
    if alignment:
        cell.alignment = alignment
    if fill:
        cell.fill = fill
    if border:
        cell.border = _BORDER
    return cell


def _data_cell(ws, tabel, sel, baris, index, rows_at, gaya):
    row = rows_at[id(baris)]
    if sel.rumus is not None:
        cell = WriteOnlyCell(ws, value="=" + rumus_excel(sel.rumus, row, index, rows_at))
    elif sel.kosong and sel.jenis != "teks":
        cell = _isi(ws, STRIP if sel.alasan else None)
    else:
        cell = _isi(ws, sel.nilai)
    bold = baris.jenis in _BOLD_ROWS
    if sel.jenis in FORMAT:
        key = (bold, sel.desimal if sel.desimal is not None else 2)
    else:
        key = (bold, "indent", baris.tingkat if index == tabel.kolom_nama else 0)
    if key not in gaya:
        gaya[key] = _gaya(ws, *key)
    cell._style = copy(gaya[key])
    if sel.alasan:
        cell.comment = Comment(sel.alasan, "Renja")
    return cell


def _gaya(ws, bold, kind, indent=0):
    """The style of a data cell, registered once per workbook and then copied to each cell
    (registering a style object per cell costs more than writing the sheet)."""
    cell = _cell(ws, None, font=_BOLD if bold else None)
    if kind == "indent":
        cell.alignment = Alignment(wrap_text=True, vertical="top", indent=indent)
    else:
        cell.number_format = "[$-421]#,##0" + ("." + "0" * kind if kind else "")
        cell.alignment = Alignment(horizontal="right", vertical="top")
    return cell._style


# --------------------------------------------------------------------------- formulas


def _ref(col, row):
    return f"{get_column_letter(col + 1)}{row}"


def _refs(col, rows):
    """A1 references of column ``col`` in ``rows``, consecutive rows joined as ranges."""
    rows = sorted(rows)
    parts, start = [], None
    for i, r in enumerate(rows):
        if start is None:
            start = r
        if i + 1 == len(rows) or rows[i + 1] != r + 1:
            parts.append(_ref(col, start) if start == r else f"{_ref(col, start)}:{_ref(col, r)}")
            start = None
    return ",".join(parts)


def _guard(condition, expression):
    return f'IF({condition},{expression},"{STRIP}")'


def rumus_excel(rumus, row, col, rows_at):
    """The Excel formula (without "=") for ``rumus`` in the cell at (row, col)."""
    if rumus.jenis == "capaian":
        r, t = (_ref(k, row) for k in rumus.kolom)
        numbers = f"ISNUMBER({r}),ISNUMBER({t})"
        if rumus.polaritas != "negatif":
            return _guard(f"AND({numbers},{t}<>0)", f"{r}/{t}*100")
        if rumus.metode_negatif == "rasio_terbalik":
            return _guard(f"AND({numbers},{r}<>0)", f"{t}/{r}*100")
        if rumus.metode_negatif == "selisih":
            return _guard(f"AND({numbers},{t}<>0)", f"(2*{t}-{r})/{t}*100")
        return f'"{STRIP}"'
    if rumus.jenis == "agregasi":
        refs = [_ref(k, row) for k in rumus.kolom]
        if rumus.sifat == "non_kumulatif":
            formula = f'"{STRIP}"'
            for ref in refs:
                formula = f"IF(ISNUMBER({ref}),{ref},{formula})"
            return formula
        function = "SUM" if rumus.sifat == "kumulatif" else "AVERAGE"
        joined = ",".join(refs)
        return _guard(f"COUNT({joined})>0", f"{function}({joined})")
    rows = [rows_at[id(b)] for b in rumus.baris]
    if rumus.jenis == "jumlah":
        refs = _refs(col, rows)
        return f'IF(COUNT({refs})>0,SUM({refs}),"")' if refs else '""'
    if rumus.jenis == "rata_rata":
        refs = _refs(col, rows)
        return _guard(f"COUNT({refs})>0", f"AVERAGE({refs})") if refs else f'"{STRIP}"'
    if rumus.jenis == "predikat":
        x = _ref(col, rows[0])
        bands = '"SR"'
        for bound, kode in ((50, "R"), (65, "S"), (75, "T"), (90, "ST")):
            bands = f'IF({x}>{bound},"{kode}",{bands})'
        return _guard(f"ISNUMBER({x})", bands)
    raise ValueError(f"rumus tidak dikenal: {rumus.jenis}")
