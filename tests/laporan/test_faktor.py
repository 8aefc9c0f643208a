"""Bab II of Renja n, under 2.1: the faktor pendorong, faktor penghambat and tindak lanjut Renja
berikutnya written in the monev of the evaluated year n-1, in HTML, PDF and XLSX through the
one builder (laporan.builders.faktor), escaped and written as text."""

import io

import pytest
from openpyxl import load_workbook

from evaluasi.models import PenjelasanTriwulan
from laporan.builders import faktor_evaluasi
from laporan.dokumen import susun_dokumen
from renja.models import Indikator
from tests.pembantu import masuk

BAPPEDA = "/renja/BAPPEDA/2022/"
JAHAT = '<script>alert("x")</script>'


@pytest.fixture
def penjelasan(bappeda):
    inds = list(Indikator.objects.for_renja(bappeda).filter(sub_kegiatan__isnull=False).order_by("pk")[:2])
    PenjelasanTriwulan.objects.create(
        indikator=inds[0], tahun=2021, periode="tw4", faktor_pendorong=JAHAT, tindak_lanjut_renja="=1+1"
    )
    PenjelasanTriwulan.objects.create(indikator=inds[0], tahun=2021, periode="tw2", faktor_penghambat="Cuaca")
    PenjelasanTriwulan.objects.create(indikator=inds[1], tahun=2021, periode="tw1")  # nothing written: left out
    PenjelasanTriwulan.objects.create(indikator=inds[1], tahun=2022, periode="tw1", faktor_pendorong="tahun ini")
    PenjelasanTriwulan.objects.create(
        indikator=inds[1], tahun=2021, periode="tw3", tindak_lanjut_triwulan="hanya untuk triwulan berikutnya"
    )
    return inds


def test_tabel_per_indikator_dan_triwulan_tahun_yang_dievaluasi(bappeda, penjelasan, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the notes, and the Pemda of the subtitle
        tabel = faktor_evaluasi(bappeda)
    ind = penjelasan[0]
    kode = ind.pemilik.nomenklatur.kode
    rows = [[s.nilai for s in b.sel] for b in tabel.baris]
    assert rows == [
        [kode, ind.pemilik.nomenklatur.nama, ind.nama, "TW II", "", "Cuaca", ""],
        ["", "", "", "TW IV", JAHAT, "", "=1+1"],
    ]  # 2022 is not evaluated by Renja 2022; a triwulan without these three texts is left out
    assert "2021" in tabel.judul and tabel.nomor == ""


def test_nihil_tanpa_penjelasan(bappeda):
    tabel = faktor_evaluasi(bappeda)
    assert [b.jenis for b in tabel.baris] == ["nihil"]
    assert "belum ditulis pada monev triwulan tahun 2021" in susun_dokumen(bappeda).bab[1].sub[0].paragraf[-1]


def test_dokumen_html_pdf_xlsx(bappeda, penjelasan):
    dokumen = susun_dokumen(bappeda)
    sub = dokumen.bab[1].sub[0]
    assert [t.kunci for t in sub.uraian] == ["faktor-evaluasi"]
    assert "tahun 2021 untuk 1 indikator disajikan" in sub.paragraf[-1]
    assert [t.nomor for t in dokumen.daftar_tabel][:2] == ["Tabel 2.1", "Tabel 2.2"]  # numbering unchanged
    client = masuk("perencana.bappeda")
    html = client.get(BAPPEDA + "dokumen/").content.decode()
    start = html.index('id="uraian-faktor-evaluasi"')
    assert html.index('id="sub-2-1"') < start < html.index('id="sub-2-2"')
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html and JAHAT not in html
    assert "Faktor pendorong dan penghambat" in html[start:]
    book = load_workbook(io.BytesIO(client.get(BAPPEDA + "dokumen.xlsx").content))
    ws = book["2.1 Faktor pendorong"]
    cells = [c for row in ws.iter_rows() for c in row if c.value in (JAHAT, "=1+1")]
    assert len(cells) == 2 and all(c.data_type == "s" for c in cells)  # text, never a formula
