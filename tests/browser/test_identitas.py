"""The document's identity in a real browser: the admin uploads the Pemda's logo (a wrong file is
refused with its reason), the planner enters the Kepala OPD (a wrong NIP is refused, then
saved), and the document's cover shows the logo; axe-core checks both pages. Screenshots in
artefacts/browser/."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk
from tests.browser.test_navigasi import periksa_axe

pytestmark = pytest.mark.browser


def test_logo_dan_identitas(browser, app, halaman, tmp_path):
    salah, logo = tmp_path / "logo.png", tmp_path / "logo.jpg"
    salah.write_text("<html><script>alert(1)</script></html>")
    out = io.BytesIO()
    Image.new("RGB", (120, 120), (20, 60, 140)).save(out, format="JPEG")
    logo.write_bytes(out.getvalue())

    masuk(halaman, app, "admin", "demo-admin-2022")
    halaman.goto(app + "/persiapan/")
    halaman.get_by_role("link", name="Logo dan Bappeda").first.click()
    expect(halaman.locator("h1")).to_contain_text("Logo dan Bappeda")
    expect(halaman.locator("#tanpa-logo")).to_be_visible()
    periksa_axe(halaman, "logo Pemda")
    halaman.set_input_files("input[name=logo]", str(salah))
    halaman.click("#simpan-logo")
    expect(halaman.locator(".galat")).to_contain_text("bukan gambar PNG atau JPEG")
    periksa_axe(halaman, "logo Pemda (ditolak)")
    halaman.set_input_files("input[name=logo]", str(logo))
    halaman.click("#simpan-logo")
    expect(halaman.locator("img.logo-pemda")).to_be_visible()
    assert halaman.locator("img.logo-pemda").evaluate("img => img.naturalWidth") == 120
    foto(halaman, "identitas-1-logo")

    planner = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    masuk(planner, app, "perencana.bappeda", "demo-bappeda-2022")
    planner.goto(app + "/renja/BAPPEDA/2022/")
    planner.locator("#menyusun").get_by_role("link", name="Identitas dokumen").click()
    periksa_axe(planner, "identitas dokumen")
    planner.get_by_label("Pangkat/golongan").fill("Pembina Utama Muda (IV/c)")
    planner.get_by_label("NIP (18 angka)").fill("1963 0801")
    planner.get_by_label("NIP (18 angka)").press("Enter")
    expect(planner.locator(".galat")).to_contain_text("NIP harus 18 angka")
    periksa_axe(planner, "identitas dokumen (NIP salah)")
    planner.get_by_label("NIP (18 angka)").fill("19630801 199403 1 005")
    planner.click("#simpan-identitas")
    expect(planner.locator(".pesan-situs")).to_contain_text("Identitas dokumen disimpan")
    foto(planner, "identitas-2-kepala")

    planner.goto(app + "/renja/BAPPEDA/2022/dokumen/")
    expect(planner.locator("#sampul img.logo")).to_be_visible()
    assert planner.locator("#sampul img.logo").evaluate("img => img.naturalWidth") == 120
    expect(planner.locator("#tanda-tangan")).to_contain_text("Pembina Utama Muda (IV/c)")
    expect(planner.locator("#tanda-tangan")).to_contain_text("NIP. 19630801 199403 1 005")
    foto(planner, "identitas-3-sampul")

    # Removing the logo asks in the page's dialog (Batal keeps it; Esc too), then the cover has none.
    halaman.click("#hapus-logo")
    expect(halaman.locator("#dialog-konfirmasi")).to_be_visible()
    expect(halaman.locator("#batal-konfirmasi")).to_be_focused()
    halaman.keyboard.press("Escape")
    expect(halaman.locator("img.logo-pemda")).to_be_visible()
    halaman.click("#hapus-logo")
    foto(halaman, "identitas-4-hapus-logo")
    halaman.click("#ya-konfirmasi")
    expect(halaman.locator("#tanpa-logo")).to_be_visible()
    expect(halaman.locator(".pesan-situs")).to_contain_text("Logo dihapus")
    planner.goto(app + "/renja/BAPPEDA/2022/dokumen/")
    expect(planner.locator("#sampul")).to_be_visible()
    assert planner.locator("#sampul img.logo").count() == 0
