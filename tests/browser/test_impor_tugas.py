"""An import's dry run made by the real worker of the served app: with the worker stopped the
page shows the job waiting (and passes axe), the admin leaves and finds the upload on /impor/
under "Menunggu persetujuan", comes back, and once a worker runs the page reloads itself with
the result. Screenshots in artefacts/browser/."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk
from tests.browser.test_navigasi import periksa_axe

pytestmark = pytest.mark.browser
TUNGGU = 120_000  # ms: a shared machine


def test_uji_kering_ditinggalkan_lalu_dilanjutkan(app, halaman, pekerja):
    page = halaman
    masuk(page, app, "admin", "demo-admin-2022")
    page.goto(app + "/impor/")
    href = page.locator("tr", has_text="Renja BAPPEDA 2022").locator("a").first.get_attribute("href")
    data = page.request.get(app + href).body()
    pekerja.berhenti()
    try:
        page.select_option("select[name=opd]", label="BAPPEDA – Badan Perencanaan Pembangunan Daerah")
        page.select_option("select[name=jenis]", "kinerja")
        page.set_input_files(
            "input[name=berkas]",
            files=[{"name": "templat.xlsx", "mimeType": "application/octet-stream", "buffer": data}],
        )
        page.get_by_role("button", name="Periksa berkas").click()
        expect(page.locator("h1")).to_have_text("Pratinjau impor: templat.xlsx")
        expect(page.locator("#berkas-label")).to_have_text("Menunggu giliran")
        expect(page.locator("#ringkasan")).to_have_count(0)
        periksa_axe(page, "pratinjau-impor-menunggu")
        foto(page, "impor-menunggu-pekerja")
        page.get_by_role("link", name="Impor", exact=True).first.click()  # leave, by the breadcrumb
        row = page.locator("tr", has_text="templat.xlsx")
        expect(row).to_contain_text("Menunggu giliran")
        foto(page, "impor-daftar-menunggu")
        row.get_by_role("link", name="templat.xlsx").click()  # come back
    finally:
        pekerja.mulai()
    expect(page.locator("#ringkasan")).to_be_visible(timeout=TUNGGU)  # polled, then reloaded
    expect(page.locator("tr.lipat")).to_have_count(1)
    foto(page, "impor-hasil-pekerja")
    page.get_by_role("button", name="Batalkan").click()
    expect(page.locator(".pesan-situs")).to_contain_text("Impor dibatalkan")
    expect(page.locator("#tertunda + p")).to_have_text("Tidak ada unggahan yang menunggu.")
