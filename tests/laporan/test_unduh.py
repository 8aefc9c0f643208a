"""The whole document and each table as PDF and XLSX: access, figures, layout, recalculation."""

import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from laporan.builders import evaluasi_renja_lalu
from laporan.xlsx import baris_data_pertama
from tests.laporan.spreadsheet import SOFFICE, hitung_ulang

BAPPEDA = "/renja/BAPPEDA/2022/"
UNDUHAN = [
    BAPPEDA + "dokumen.pdf",
    BAPPEDA + "dokumen.xlsx",
    BAPPEDA + "tabel/rumusan-rencana.pdf",
    BAPPEDA + "tabel/evaluasi-renja-lalu.xlsx",
    BAPPEDA + "evaluasi/tw2.pdf",
    BAPPEDA + "evaluasi/tw4.xlsx",
]
HALAMAN = [BAPPEDA + "dokumen/", BAPPEDA + "evaluasi/tw2/", BAPPEDA + "tabel/review-rkpd/"]
ARTEFAK = Path(__file__).resolve().parents[2] / "artefacts" / "pdf"
PDFTOTEXT = shutil.which("pdftotext")


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("url", UNDUHAN + HALAMAN)
def test_anonim_dialihkan(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


@pytest.mark.django_db
@pytest.mark.parametrize("url", UNDUHAN + HALAMAN)
def test_perencana_opd_lain_tidak_boleh(client, url):
    assert login(client, "perencana.kominfo").get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", [BAPPEDA + "evaluasi/tw5/", BAPPEDA + "tabel/tidak-ada.pdf", BAPPEDA + "dokumen.doc"])
def test_alamat_tidak_dikenal(client, url):
    assert login(client, "admin").get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["perencana.bappeda", "reviewer"])
def test_dokumen_html_kueri_terbatas(client, username, django_assert_max_num_queries):
    client = login(client, username)
    with django_assert_max_num_queries(60):
        response = client.get(BAPPEDA + "dokumen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "DAFTAR ISI" in html and "DAFTAR TABEL" in html and "BAB V" in html
    assert html.count('class="laporan ') == 12  # 11 numbered tables and the faktor pendorong of 2.1


def pdf_text(data, tmp_path):
    path = tmp_path / "dokumen.pdf"
    path.write_bytes(data)
    out = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    return out.stdout.split("\f")[:-1]


@pytest.mark.django_db
@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils tidak terpasang (bin/test memasangnya)")
def test_pdf_dokumen(client, tmp_path):
    response = login(client, "perencana.bappeda").get(BAPPEDA + "dokumen.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="renja-bappeda-2022-dokumen.pdf"' in response["Content-Disposition"]
    pages = pdf_text(response.content, tmp_path)
    assert len(pages) > 20
    text = "\n".join(pages)
    # Figures equal the engine's (spec §5.1: Σ pagu 2022 and 2023), in Indonesian style.
    total = next(line for line in text.splitlines() if "TOTAL KERANGKA" in line)
    assert total.split()[-2:] == ["20.182.300.000", "20.300.000.000"]
    for nomor in ["2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "4.4"]:
        assert f"Tabel {nomor}" in text
    assert "Tabel 2.5" not in text and "Tabel 3.4" not in text
    # Running header and page numbers on every page but the cover.
    for number, page in enumerate(pages[1:], start=2):
        assert "Renja Badan Perencanaan Pembangunan Daerah Tahun 2022" in page
        assert f"Halaman {number} dari {len(pages)}" in page
    # The header of T-C.33 and its numbered column row repeat on every page the table spans.
    numbered = re.compile(r"\b" + r"\s+".join(str(k) for k in range(1, 17)) + r"\b")
    start = next(i for i, p in enumerate(pages) if "Tabel 3.2" in p and numbered.search(p))
    end = next(i for i, p in enumerate(pages) if i > start and "Tabel 3.3" in p)
    assert end - start >= 3
    for page in pages[start:end]:
        assert "Rencana Kerja Tahun 2022" in page and numbered.search(page), page[:300]
    # The Daftar Isi carries page numbers.
    assert any("DAFTAR ISI" in p and "Latar Belakang" in p for p in pages[:3])
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    (ARTEFAK / "dokumen-bappeda-2022.pdf").write_bytes(response.content)
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                "-l",
                "12",
                str(ARTEFAK / "dokumen-bappeda-2022.pdf"),
                str(ARTEFAK / "halaman"),
            ],
            check=True,
        )


@pytest.mark.django_db
@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils tidak terpasang (bin/test memasangnya)")
def test_pdf_f4_dan_nol_per_nol(client, tmp_path):
    response = login(client, "perencana.bappeda").get(BAPPEDA + "tabel/evaluasi-renja-lalu.pdf?kertas=f4")
    path = tmp_path / "t.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    width, height = (float(x) for x in size.split(":")[1].split("pts")[0].split("x"))
    assert round(width) == 935 and round(height) == 609  # 330 mm × 215 mm, landscape
    text = "\n".join(pdf_text(response.content, tmp_path))
    c05 = next(line for line in text.splitlines() if "5.01.02.2.01.01" in line)
    assert "–" in c05 and "33,33" in c05  # C-05: 0/0 is "–", never 0
    c03 = next(line for line in text.splitlines() if "5.01.02.2.03.03" in line)
    assert c03.split()[-1] == "62,50"  # C-03


@pytest.mark.django_db
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice tidak terpasang (bin/test memasangnya)")
def test_xlsx_dokumen_dihitung_ulang_sama_dengan_aplikasi(client, bappeda, tmp_path):
    """Every cell of every sheet, recalculated by LibreOffice, equals what the app shows."""
    from laporan.dokumen import susun_dokumen

    response = login(client, "perencana.bappeda").get(BAPPEDA + "dokumen.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    daftar = susun_dokumen(bappeda).semua_tabel
    live = load_workbook(io.BytesIO(response.content))
    wb = hitung_ulang(response.content, tmp_path)
    assert wb.sheetnames == ["Narasi", *[t.nomor or t.lembar for t in daftar]]  # the planner's text first
    formulas = 0
    for tabel, ws, ws_live in zip(daftar, wb.worksheets[1:], live.worksheets[1:], strict=True):
        assert ws_live.freeze_panes == f"A{baris_data_pertama(tabel)}"
        assert ws_live.page_setup.orientation == "landscape" and ws_live.page_setup.fitToWidth == 1
        start = baris_data_pertama(tabel)
        assert [ws.cell(start - 1, k + 1).value for k in range(tabel.jumlah_kolom)] == [
            n or None for n in tabel.nomor_kolom
        ]
        for i, baris in enumerate(tabel.baris):
            if baris.jenis == "nihil":
                assert ws.cell(start + i, 1).value == "NIHIL"
                continue
            for k, sel in enumerate(baris.sel):
                value = ws.cell(start + i, k + 1).value
                formulas += bool(sel.rumus)
                if sel.rumus and str(ws_live.cell(start + i, k + 1).value).startswith("=") is False:
                    raise AssertionError(f"{tabel.nomor} {start + i}:{k + 1} tanpa formula")
                assert sama(value, sel), (tabel.nomor, start + i, k + 1, value, sel)
    assert formulas > 300


def sama(value, sel):
    if isinstance(sel.nilai, Decimal | int):
        return isinstance(value, int | float) and abs(Decimal(str(value)) - Decimal(sel.nilai)) <= Decimal("1e-6")
    if sel.nilai in (None, ""):
        return value in (None, "", "–") if sel.jenis == "teks" or not sel.alasan else value == "–"
    return str(value).strip() == str(sel.nilai).strip()


@pytest.mark.django_db
def test_xlsx_tc29_kolom_10_mengikuti_sifat(client, bappeda):
    """Kolom 10 is =E+G+I-style on a kumulatif row and the latest position on a non-kumulatif one."""
    response = login(client, "perencana.bappeda").get(BAPPEDA + "tabel/evaluasi-renja-lalu.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    tabel = evaluasi_renja_lalu(bappeda)
    start = baris_data_pertama(tabel)
    kinds = {}
    for i, baris in enumerate(tabel.baris):
        rumus = baris.sel[10].rumus
        if rumus:
            kinds.setdefault(rumus.sifat, ws.cell(start + i, 11).value.replace(str(start + i), "#"))
    assert kinds["kumulatif"] == '=IF(COUNT(F#,H#,J#)>0,SUM(F#,H#,J#),"–")'
    assert kinds["non_kumulatif"] == '=IF(ISNUMBER(J#),J#,IF(ISNUMBER(H#),H#,IF(ISNUMBER(F#),F#,"–")))'


@pytest.mark.django_db
def test_jendela_tabel_2_2(client):
    """Tabel 2.2: the regulation's n-2…n+1 window by default (13 columns), the whole Renstra
    period with ?jendela=renstra (the seed's 15 columns), kept in the download links."""
    client = login(client, "perencana.bappeda")
    url = BAPPEDA + "tabel/kinerja-pelayanan/"
    for query, columns in (("", 13), ("?jendela=renstra", 15)):
        html = client.get(url + query).content.decode()
        nomor = re.search(r'<tr class="nomor">(.*?)</tr>', html, re.S).group(1)
        assert nomor.count("<th>") == columns
    html = client.get(url + "?jendela=renstra").content.decode()
    assert (
        "kinerja-pelayanan.xlsx?jendela=renstra" in html
        and "kinerja-pelayanan.pdf?jendela=renstra&amp;kertas=f4" in html
    )
    response = client.get(BAPPEDA + "tabel/kinerja-pelayanan.xlsx?jendela=renstra")
    assert load_workbook(io.BytesIO(response.content)).worksheets[0].max_column == 15
