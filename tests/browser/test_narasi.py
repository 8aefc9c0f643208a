"""The planner writes a section of the narrative with a legal list (numbered, then lettered),
previews it, saves it, and reads it in the document; the narrative page and the document pass
axe-core's rules. Screenshots in artefacts/browser/."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk
from tests.browser.test_navigasi import periksa_axe

pytestmark = pytest.mark.browser

R = "/renja/BAPPEDA/2022/"
TEKS = (
    "Pendapatan tahun 2022 direncanakan dari:\n\n"
    "1. retribusi jasa umum;\n"
    "2. lain-lain pendapatan yang sah, yaitu:\n"
    "   a. jasa giro;\n"
    "   b. denda keterlambatan **pekerjaan**.\n\n"
    "<script>alert(1)</script>"
)


def test_menulis_bagian_dengan_daftar_bernomor(app, halaman):
    page = halaman
    masuk(page, app, "perencana.bappeda", "demo-bappeda-2022")
    page.goto(app + R)
    page.locator("#menyusun").get_by_role("link", name="Narasi").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Narasi Renja")
    periksa_axe(page, "narasi")

    bagian = page.locator("#bagian-bab4_pendapatan")
    expect(bagian.get_by_role("link", name="Tabel 4.1")).to_be_visible()
    expect(bagian.locator(".narasi-otomatis")).to_contain_text("Disusun otomatis oleh aplikasi")
    bagian.get_by_label("Narasi 4.1 Rencana Perkiraan Pendapatan").fill(TEKS)
    bagian.get_by_role("button", name="Pratinjau").click()

    bagian = page.locator("#bagian-bab4_pendapatan")
    pratinjau = bagian.locator(".narasi-pratinjau")
    expect(pratinjau.locator(".narasi > ol > li")).to_have_count(2)
    expect(pratinjau.locator('ol[type="a"] > li')).to_have_count(2)
    expect(pratinjau).to_contain_text("<script>alert(1)</script>")  # shown as text
    periksa_axe(page, "narasi pratinjau")
    foto(page, "narasi-pratinjau")
    bagian.get_by_role("button", name="Simpan bagian ini").click()

    expect(page.locator("ul.pesan-situs")).to_contain_text("Narasi 4.1 Rencana Perkiraan Pendapatan tersimpan.")
    expect(page.locator("#bagian-bab4_pendapatan .terakhir")).to_contain_text("Terakhir diubah oleh")

    page.goto(app + R + "dokumen/")
    sub = page.locator("#sub-4-1")
    expect(sub.locator(".narasi > ol > li")).to_have_count(2)
    expect(sub.locator('.narasi ol[type="a"] > li').nth(1)).to_have_text("denda keterlambatan pekerjaan.")
    expect(sub.locator(".narasi strong")).to_have_text("pekerjaan")
    assert sub.locator("script").count() == 0
    # the list is drawn lettered, with its numbers hanging outside the text
    gaya = sub.locator('.narasi ol[type="a"]').evaluate(
        "el => [getComputedStyle(el).listStyleType, getComputedStyle(el).listStylePosition]"
    )
    assert gaya == ["lower-alpha", "outside"]
    periksa_axe(page, "dokumen dengan narasi")
    foto(page, "narasi-dokumen")
