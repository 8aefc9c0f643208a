"""Print quality of the demo's PDF as an officer who signs it reads it (issue 16, point 6): no
word broken across lines without a hyphen (nor a code), no page left almost empty, narrative
in portrait and tables in landscape, the evaluation form headed with the year it evaluates.

The document and the form are rendered once for the module (a PDF takes seconds)."""

from collections import Counter
from io import BytesIO

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from laporan import lebar, unduhan
from laporan.tabel import Baris, Kepala, Sel, Tabel
from tests.laporan import cetak_ukur
from tests.laporan.test_unduh import PDFTOTEXT, pdf_text

pytestmark = [
    pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils tidak terpasang (bin/test memasangnya)"),
    pytest.mark.django_db,  # so that the test database is set up for the module's fixture
]

CETAKAN = {
    "dokumen": ("dokumen", {}),
    "evaluasi": ("evaluasi", {"triwulan": 4}),
}


@pytest.fixture(scope="module", params=list(CETAKAN))
def cetakan(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """(name, path of the PDF, the words of its source HTML, folder) of the demo's Renja
    document (A4) and of its evaluation form of triwulan IV."""
    from renja.models import Renja

    laporan, kwargs = CETAKAN[request.param]
    folder = tmp_path_factory.mktemp(request.param)
    with django_db_blocker.unblock():
        renja = Renja.objects.select_related("opd__pemda", "renstra").get(opd__singkatan="BAPPEDA", tahun=2022)
        o = unduhan.opsi(laporan, {"format": "pdf", **kwargs}, {})
        context = unduhan.isi(renja, o)
        html = render_to_string("laporan/cetak.html", {**context, "cetak": True})
        data = unduhan.tulis(context, o)
    path = folder / f"{request.param}.pdf"
    path.write_bytes(data)
    return request.param, path, cetak_ukur.kosakata(html), folder


def test_tidak_ada_kata_terpenggal_tanpa_tanda_hubung(cetakan):
    """Every word (and code) is whole on its line or hyphenated where Indonesian allows it;
    laporan/pemenggalan_diizinkan.txt lists the few other breaks allowed."""
    _, path, words, _ = cetakan
    found = cetak_ukur.kata_terpenggal(path, words, cetak_ukur.diizinkan())
    assert found == [], Counter(found).most_common(30)


def test_tidak_ada_halaman_hampir_kosong(cetakan):
    """No page uses less than a fifth of its height, but the last one of a bab."""
    _, path, _, folder = cetakan
    assert cetak_ukur.halaman_hampir_kosong(path, folder) == []


def _halaman(path):
    reader = PdfReader(BytesIO(path.read_bytes()))
    return [page.mediabox.width > page.mediabox.height for page in reader.pages]


def test_narasi_potret_tabel_lanskap(cetakan):
    """The narrative (cover, lists, Bab I and V, Isu-isu Penting) prints in portrait and not
    more than about 120 characters a line; every page with a table in landscape."""
    name, path, _, folder = cetakan
    lanskap = _halaman(path)
    pages = pdf_text(path.read_bytes(), folder)
    if name == "evaluasi":
        assert all(lanskap)
        return
    bab = {
        p: next(i for i, page in enumerate(pages) if i > 2 and f"BAB {p}" in map(str.strip, page.splitlines()))
        for p in ("I", "V")
    }
    assert not any(lanskap[: bab["I"] + 1]) and not lanskap[bab["V"]]
    for number, page in enumerate(pages):
        lines = page.splitlines()
        has_table = any(line.strip().startswith("Tabel ") and line.strip()[6:7].isdigit() for line in lines)
        if number >= bab["I"] and has_table:  # the Daftar Tabel before BAB I lists tables
            assert lanskap[number], f"halaman {number + 1}: tabel pada halaman potret"
        if not lanskap[number]:
            # pdftotext -layout pads with spaces: count the printed characters of the line
            assert max(len(" ".join(line.split())) for line in lines) <= 125, f"halaman {number + 1}"
    assert any(lanskap) and not all(lanskap)


def test_kepala_halaman_formulir_evaluasi_tahun_yang_dievaluasi(cetakan):
    """The form of Renja 2022 evaluates the results of 2021: its running header says so."""
    name, path, _, folder = cetakan
    pages = pdf_text(path.read_bytes(), folder)
    first = pages[0 if name == "evaluasi" else 1].splitlines()[0]  # the document's cover has none
    if name == "evaluasi":
        assert "Evaluasi Hasil Renja Badan Perencanaan Pembangunan Daerah Tahun 2021" in first
        assert "Tahun 2022" not in first
    else:
        assert "Renja Badan Perencanaan Pembangunan Daerah Tahun 2022" in first


def test_kamus_pemenggalan_setiap_entri_beralasan():
    """Each allowed break is "awal|akhir  # why"."""
    for line in cetak_ukur.DIIZINKAN.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            entry, _, reason = line.partition("#")
            assert entry.strip().count("|") == 1 and reason.strip(), line


def _tabel(rows, kepala):
    return Tabel(
        "uji",
        "Uji",
        kepala=[[Kepala(k) for k in kepala]],
        nomor_kolom=[str(i) for i in range(1, len(kepala) + 1)],
        baris=[Baris("sub_kegiatan", [Sel(v) if isinstance(v, str) else Sel(v, "uang") for v in row]) for row in rows],
    )


def test_lebar_kolom_memuat_kata_utuh_dan_kode():
    """A narrow column is as wide as its longest word ("Dokumen") and its longest code, the
    room taken from the wide name column; figures fit whole."""
    from decimal import Decimal

    name = "Penyusunan Dokumen Perencanaan Perangkat Daerah dan Evaluasi Kinerja " * 3
    tabel = _tabel(
        [["5.01.01.2.01.0001", name, "Dokumen", Decimal("20182300000")]] * 3,
        ["Kode", "Program/Kegiatan", "Satuan", "Pagu"],
    )
    widths = lebar.lebar_kolom(tabel)
    assert sum(widths) == pytest.approx(lebar.LEBAR_HALAMAN["a4"])
    need = [lebar.lebar_teks(t, 6.5) + lebar.MM_PADDING for t in ("5.01.01.2.01.0001", "Dokumen", "20.182.300.000")]
    assert widths[0] >= need[0] and widths[2] >= need[1] and widths[3] >= need[2]
    assert widths[1] > 100


def test_lebar_perlu_memenggal_kata_panjang_di_suku_kata():
    """A header word may be hyphenated: it needs the width of its longer piece at the best
    place (pyphen id_ID: Pe-nang-gung-ja-wab, pieces of 3 letters or more); a code and a
    word of 6 letters without such a place never are."""
    whole = lebar.lebar_perlu("Penanggungjawab", 6.5, tebal=True)
    piece = lebar.lebar_perlu("Penanggungjawab", 6.5, tebal=True, penggal=True)
    splits = [("Penang‐", "gungjawab"), ("Penanggung‐", "jawab")]
    assert piece == pytest.approx(min(max(lebar.lebar_teks(t, 6.5, True) for t in pair) for pair in splits))
    assert piece < whole
    assert lebar.lebar_perlu("5.01.02.2.01", 6.5, penggal=True) == pytest.approx(lebar.lebar_teks("5.01.02.2.01", 6.5))
    assert lebar.lebar_perlu("Satuan", 6.5, penggal=True) == pytest.approx(
        lebar.lebar_teks("Satuan", 6.5)
    )  # < 6+ letters a side
