"""XLSX renderer: live formulas recomputed by LibreOffice equal the engine's figures."""

import io
import itertools
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from anggaran.pagu import jumlah
from evaluasi import capaian as c
from laporan.tabel import Baris, Kepala, Rumus, Sel, Tabel
from laporan.xlsx import baris_data_pertama, tulis_xlsx
from renja.angka import STRIP
from tests.laporan.spreadsheet import SOFFICE, hitung_ulang

perlu_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice tidak terpasang (bin/test memasangnya)")

# None as an empty cell and None as a "–" cell (an undefined figure upstream) must both count as absent.
KOSONG = Sel(None, "angka")
STRIP_SEL = Sel(None, "angka", "tak terdefinisi")
NILAI = [KOSONG, STRIP_SEL, Sel(Decimal(0), "angka"), Sel(Decimal(4), "angka"), Sel(Decimal("12.5"), "angka")]
CAPAIAN = [("positif", ""), ("negatif", "rasio_terbalik"), ("negatif", "selisih"), ("negatif", "")]
SIFAT = [c.KUMULATIF, c.NON_KUMULATIF, c.RATA_RATA]


def tabel_uji():
    """Every formula kind over a grid of inputs, with the engine's figure beside each row."""
    tabel = Tabel("uji", "Uji rumus", kepala=[[Kepala(x) for x in "ABCDE"]], nomor_kolom=list("12345"))
    harapan = []
    for (polaritas, metode), r, t in itertools.product(CAPAIAN, NILAI, NILAI):
        rumus = Rumus("capaian", kolom=(0, 1), polaritas=polaritas, metode_negatif=metode)
        tabel.baris.append(Baris("indikator", [r, t, Sel(None, "persen", rumus=rumus), Sel(), Sel()]))
        harapan.append(c.capaian(r.nilai, t.nilai, polaritas, metode).nilai)
    for sifat, a, b_, d in itertools.product(SIFAT, NILAI, NILAI, NILAI):
        rumus = Rumus("agregasi", kolom=(0, 1, 3), sifat=sifat)
        tabel.baris.append(Baris("indikator", [a, b_, Sel(None, "angka", rumus=rumus), d, Sel()]))
        harapan.append(c.agregasi(sifat, [a.nilai, b_.nilai, d.nilai]).nilai)
    anak = [Baris("sub_kegiatan", [Sel()] * 4 + [Sel(v, "uang")]) for v in (Decimal(1500), None, Decimal("2.5"))]
    induk = Baris("kegiatan", [Sel()] * 4 + [Sel(None, "uang", rumus=Rumus("jumlah", baris=tuple(anak)))])
    tabel.baris += [induk, *anak]
    harapan += [jumlah([Decimal(1500), None, Decimal("2.5")]), Decimal(1500), None, Decimal("2.5")]
    nilai = [Decimal(50), Decimal("50.0001"), Decimal(65), Decimal(75), Decimal("90"), Decimal("90.5"), Decimal(120)]
    for x in nilai:
        tabel.baris.append(Baris("indikator", [Sel()] * 4 + [Sel(x, "persen")]))
        harapan.append(x)
    sumber = tuple(tabel.baris[-len(nilai) :]) + (Baris("indikator", [Sel()] * 4 + [STRIP_SEL]),)
    tabel.baris.append(sumber[-1])
    harapan.append(None)
    rata = Baris("ringkasan", [Sel()] * 4 + [Sel(None, "persen", rumus=Rumus("rata_rata", baris=sumber))])
    tabel.baris.append(rata)
    harapan.append(c.rata_rata_capaian(nilai).hasil.nilai)
    for x in [*nilai, None]:
        src = Baris("indikator", [Sel()] * 4 + [Sel(x, "persen")])
        pred = Baris("ringkasan", [Sel()] * 4 + [Sel(None, rumus=Rumus("predikat", baris=(src,)))])
        tabel.baris += [src, pred]
        p = c.predikat(x)
        harapan += [x, p.kode if p else None]
    return tabel, harapan


def sama(dihitung, harapan):
    if harapan is None:
        return dihitung in (STRIP, None, "")
    if isinstance(harapan, str):
        return dihitung == harapan
    return isinstance(dihitung, int | float) and abs(Decimal(str(dihitung)) - harapan) <= Decimal("1e-9") * max(
        1, abs(harapan)
    )


@perlu_libreoffice
def test_rumus_dihitung_libreoffice_sama_dengan_mesin(tmp_path):
    tabel, harapan = tabel_uji()
    ws = hitung_ulang(tulis_xlsx([tabel]), tmp_path).worksheets[0]
    start = baris_data_pertama(tabel)
    salah = []
    for i, (baris, expected) in enumerate(zip(tabel.baris, harapan, strict=True)):
        index = next((k for k, sel in enumerate(baris.sel) if sel.rumus), len(baris.sel) - 1)
        value = ws.cell(row=start + i, column=index + 1).value
        if not sama(value, expected):
            salah.append((start + i, baris.sel[index].rumus, value, expected))
    assert not salah, salah[:10]
    # No cell shows a spreadsheet error (#DIV/0!, #VALUE!, …).
    errors = [cell.coordinate for row in ws.iter_rows() for cell in row if str(cell.value).startswith("#")]
    assert not errors


def test_rumus_ditulis_sebagai_formula_hidup():
    tabel, _ = tabel_uji()
    ws = load_workbook(io.BytesIO(tulis_xlsx([tabel]))).worksheets[0]
    start = baris_data_pertama(tabel)
    first = ws.cell(row=start, column=3).value
    assert first == f'=IF(AND(ISNUMBER(A{start}),ISNUMBER(B{start}),B{start}<>0),A{start}/B{start}*100,"–")'
    kumulatif = next(i for i, b in enumerate(tabel.baris) if b.sel[2].rumus and b.sel[2].rumus.sifat == c.KUMULATIF)
    r = start + kumulatif
    assert ws.cell(row=r, column=3).value == f'=IF(COUNT(A{r},B{r},D{r})>0,SUM(A{r},B{r},D{r}),"–")'
    non = next(i for i, b in enumerate(tabel.baris) if b.sel[2].rumus and b.sel[2].rumus.sifat == c.NON_KUMULATIF)
    r = start + non
    assert (
        ws.cell(row=r, column=3).value
        == f'=IF(ISNUMBER(D{r}),D{r},IF(ISNUMBER(B{r}),B{r},IF(ISNUMBER(A{r}),A{r},"–")))'
    )
