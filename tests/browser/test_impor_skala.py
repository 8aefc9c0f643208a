"""The admin brings a Renstra back with a category indicator changed, in the browser: from /impor/
the Renstra template of Bappeda (its "Indeks Inovasi Daerah" carries its scale in the Skala
Kategori column), one more level written in that cell and a Target 2022 that is no level of it. The
dry run names the changed scale (lama → baru) and the bad target by row, column and value, offers
to save only with that cell left empty on the admin's confirmation, passes axe, and is cancelled. Screenshot in artefacts/browser/."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk
from tests.browser.test_navigasi import periksa_axe

pytestmark = pytest.mark.browser
TUNGGU = 120_000  # ms: a shared machine
LAMA = "Kurang Inovatif < Inovatif < Sangat Inovatif"
BARU = "Tidak Inovatif < Kurang Inovatif < Inovatif < Sangat Inovatif"


def test_skala_kategori_diubah_dan_target_di_luar_skala_di_pratinjau(app, halaman):
    page = halaman
    masuk(page, app, "admin", "demo-admin-2022")
    page.goto(app + "/impor/")
    link = page.locator("tr", has_text="Renja BAPPEDA 2022").get_by_role("link", name="Renstra 2018–2023 (.xlsx)")
    book = load_workbook(io.BytesIO(page.request.get(app + link.get_attribute("href")).body()))
    ws = book["Renstra"]
    header = [c.value for c in ws[2]]
    skala, indikator = header.index("Skala Kategori"), header.index("Indikator")
    [row] = [r for r in ws.iter_rows(min_row=4) if r[indikator].value == "Indeks Inovasi Daerah"]
    assert row[skala].value == LAMA
    row[skala].value = BARU
    row[header.index(2022)].value = "Cukup Inovatif"  # the Target 2022 cell: no level of the scale
    out = io.BytesIO()
    book.save(out)
    page.select_option("select[name=opd]", label="BAPPEDA – Badan Perencanaan Pembangunan Daerah")
    page.select_option("select[name=jenis]", "renstra")
    page.set_input_files(
        "input[name=berkas]",
        files=[{"name": "renstra-bappeda.xlsx", "mimeType": "application/octet-stream", "buffer": out.getvalue()}],
    )
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.locator("#ringkasan")).to_be_visible(timeout=TUNGGU)
    galat = page.locator("tr", has_text="Cukup Inovatif")
    expect(galat).to_contain_text(f"'Cukup Inovatif' tidak ada pada skala kategori ({BARU})")
    expect(galat).to_contain_text(str(row[0].row))  # the row of the workbook
    expect(page.locator("tr", has_text=f"skala {BARU}")).to_contain_text(f"skala {LAMA}")
    # a value cell: saved only with the admin's confirmation that it is left empty (a finding)
    expect(page.locator("ul.sel-kosongkan li")).to_have_text(
        [
            f"baris {row[0].row}, kolom Target 2022, nilai 'Cukup Inovatif': 'Cukup Inovatif' tidak ada pada skala "
            f"kategori ({BARU})"
        ]
    )
    expect(page.locator("#kosongkan")).not_to_be_checked()
    expect(page.get_by_role("button", name="Simpan semua")).to_have_count(0)
    periksa_axe(page, "pratinjau-impor-skala")
    galat.scroll_into_view_if_needed()
    foto(page, "impor-renstra-skala-kategori")
    page.get_by_role("button", name="Batalkan").click()
    expect(page.locator(".pesan-situs")).to_contain_text("Impor dibatalkan")
