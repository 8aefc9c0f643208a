"""No text of a user or an imported file becomes a live formula in any workbook the app
produces (OWASP CSV/formula injection); the app's own formulas stay formulas."""

import io
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from anggaran.models import PlafonAnggaran
from laporan.builders import BUILDERS
from renja.models import (
    BagianNarasi,
    Indikator,
    IndikatorPelayanan,
    Nomenklatur,
    PerangkatDaerah,
    ProgramPrioritas,
    RancanganAwal,
    RancanganAwalIndikator,
    RencanaPendapatan,
    RenjaSubKegiatan,
    Sasaran,
    SumberDana,
    Tujuan,
    UnitKerja,
    UsulanPemangku,
    UsulanRenjaKL,
)
from tests.pembantu import masuk

BERBAHAYA = ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
DIBACA = {*BERBAHAYA, "\n=1"}  # an XML reader reads a bare CR back as LF
BAPPEDA = "/renja/BAPPEDA/2022/"
UNDUHAN = (
    [BAPPEDA + "dokumen.xlsx"]
    + [f"{BAPPEDA}tabel/{slug}.xlsx" for slug in BUILDERS]
    + [f"{BAPPEDA}evaluasi/tw{tw}.xlsx" for tw in range(1, 5)]
    + ["/review/2022.xlsx", "templat:kinerja", "templat:anggaran", "admin:plafon"]
)

# Exports with formulas of the app's own (T-C.29 capaian, the form's 12–15, =SUM parent pagu).
RUMUS_SENDIRI = {
    BAPPEDA + "dokumen.xlsx",
    BAPPEDA + "tabel/evaluasi-renja-lalu.xlsx",
    BAPPEDA + "tabel/rumusan-rencana.xlsx",
}
RUMUS_SENDIRI |= {f"{BAPPEDA}evaluasi/tw{tw}.xlsx" for tw in range(1, 5)}


def _isi_berbahaya(queryset, fields):
    """The hostile texts in turn into ``fields`` of each row, the first row's first field the
    ``=`` one (the one openpyxl would write as a formula)."""
    for index, pk in enumerate(queryset.order_by("pk").values_list("pk", flat=True)):
        values = {field: BERBAHAYA[(index + k) % len(BERBAHAYA)] for k, field in enumerate(fields)}
        queryset.model.objects.filter(pk=pk).update(**values)


@pytest.fixture
def berbahaya(bappeda):
    """The demo with hostile texts in every user field the exports print, through the ORM."""
    opd = bappeda.opd
    nomenklatur = Nomenklatur.objects.filter(
        pk__in=[
            *opd.program.values_list("nomenklatur", flat=True),
            *opd.program.values_list("kegiatan__nomenklatur", flat=True),
            *opd.program.values_list("kegiatan__sub_kegiatan__nomenklatur", flat=True),
        ]
    )
    sasaran = Sasaran.objects.filter(tujuan__renstra__opd=opd)
    for urutan in range(6):  # the demo BAPPEDA has none of these
        UsulanPemangku.objects.create(renja=bappeda, urutan=urutan, program_kegiatan="-")
        RencanaPendapatan.objects.create(renja=bappeda, urutan=urutan, kode_akun="4.1", uraian="-", target=1)
        UsulanRenjaKL.objects.create(renja=bappeda, urutan=urutan, uraian="-")
    for queryset, fields in [
        (PerangkatDaerah.objects.filter(pk=opd.pk), ["nama"]),
        (UnitKerja.objects.filter(opd=opd), ["nama", "jabatan"]),
        (SumberDana.objects.filter(pk__in=SumberDana.objects.order_by("pk")[:6]), ["nama"]),  # unique
        (nomenklatur, ["nama"]),
        (RenjaSubKegiatan.objects.filter(renja__opd=opd), ["lokasi", "catatan_penting"]),
        (Indikator.objects.for_opd(opd), ["nama", "satuan"]),
        (Tujuan.objects.filter(renstra__opd=opd), ["uraian"]),
        (sasaran, ["uraian"]),
        (RancanganAwal.objects.filter(opd=opd), ["nama", "lokasi", "catatan_penting"]),
        (RancanganAwalIndikator.objects.filter(baris__opd=opd), ["nama", "satuan"]),
        (IndikatorPelayanan.objects.filter(renstra__opd=opd), ["nama", "spm", "ikk", "catatan_analisis"]),
        (
            UsulanPemangku.objects.filter(renja__opd=opd),
            ["program_kegiatan", "lokasi", "indikator", "besaran", "catatan"],
        ),
        (RencanaPendapatan.objects.filter(renja__opd=opd), ["uraian", "keterangan"]),
        (BagianNarasi.objects.filter(renja=bappeda), ["isi"]),  # the document's sheet "Narasi"
        *[
            (
                ProgramPrioritas.objects.filter(renja__opd=opd, jenis=jenis),
                ["program", "indikasi_kegiatan", "keterangan"],
            )
            for jenis in ProgramPrioritas.Jenis
        ],
        (
            UsulanRenjaKL.objects.filter(renja__opd=opd),
            ["uraian", "indikator", "satuan", "target", "sumber_dana", "instansi"],
        ),
    ]:
        _isi_berbahaya(queryset, fields)
    for index, teks in enumerate(BERBAHAYA):
        PlafonAnggaran.objects.create(
            opd=opd, tahun=2022 + index, sumber_dana=None, pagu=Decimal("1000000"), keterangan=teks
        )
    return bappeda


def unduh(url, renja):
    """The bytes of the export ``url``, downloaded by the admin through the test client."""
    client = masuk("admin")
    if url.startswith("templat:"):
        url = f"/impor/templat/{url.split(':')[1]}/{renja.pk}.xlsx"
    if url == "admin:plafon":
        page = client.get("/admin/anggaran/plafonanggaran/export/")
        form = page.context["form"]
        data = {name: "on" for name in form.fields if name.startswith("plafonanggaranresource_")}
        data["format"] = next(key for key, title in form.fields["format"].choices if title == "xlsx")
        data["resource"] = "0"
        response = client.post("/admin/anggaran/plafonanggaran/export/", data)
    else:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content


def rumus_xml(data):
    """The text of every <f> element of the workbook's sheets, read from the XML itself."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheets = [name for name in book.namelist() if name.startswith("xl/worksheets/sheet")]
        return [f for name in sheets for f in re.findall(r"<f(?:\s[^>]*)?>([^<]*)</f>", book.read(name).decode())]


def sel_semua(data):
    book = load_workbook(io.BytesIO(data))
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]


@pytest.mark.django_db
@pytest.mark.parametrize("url", UNDUHAN)
def test_teks_pengguna_bukan_rumus(berbahaya, url):
    data = unduh(url, berbahaya)
    assert [f for f in rumus_xml(data) if "HYPERLINK" in f or "SUM(A1)" in f] == []
    cells = sel_semua(data)
    hostile = [cell for cell in cells if cell.value in DIBACA]
    printed = {cell.value for cell in hostile}
    assert BERBAHAYA[0] in printed, f"{url}: {printed}"
    if url == "admin:plafon":  # the ceilings' tahun and pagu stay numbers
        assert any(c.data_type == "n" for c in cells)
    assert [(c.coordinate, c.value) for c in hostile if c.data_type != "s"] == []
    formulas = [cell.value for cell in cells if cell.data_type == "f"]
    assert [f for f in formulas if "HYPERLINK" in f or f in DIBACA or f == "=1"] == []
    assert all(f.startswith("=IF(") or f.startswith('="') for f in formulas), url
    if url in RUMUS_SENDIRI:
        assert any(f.startswith("=IF(") and ("SUM(" in f or "*100" in f) for f in formulas), url


@pytest.mark.django_db
def test_rumus_sendiri_tetap_rumus(berbahaya):
    """T-C.29 kolom 8 (capaian of kolom 7 against kolom 6) and the parent pagu =SUM of T-C.33."""
    cells = sel_semua(unduh(BAPPEDA + "tabel/evaluasi-renja-lalu.xlsx", berbahaya))
    kolom_8 = next(c.column for c in cells if c.value == "8=(7/6×100)")
    assert any(c.column == kolom_8 and c.data_type == "f" and c.value.startswith("=IF(AND(ISNUMBER(") for c in cells)
    cells = sel_semua(unduh(BAPPEDA + "tabel/rumusan-rencana.xlsx", berbahaya))
    assert any(c.data_type == "f" and ",SUM(" in c.value for c in cells)
