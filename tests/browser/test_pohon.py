"""The pohon kinerja page as a planner reaches it: from the Renja page's "Menyusun Renja"
list, by keyboard; the pictures are images with a name, each in a scroll region the keyboard
reaches; the same tree as a list behind a disclosure; axe-core finds nothing serious, with
the list closed or open, nor on the document page that ends with the same pictures. Screenshot in artefacts/browser/."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk
from tests.browser.test_navigasi import LOGIN, R, periksa_axe

pytestmark = pytest.mark.browser


def test_pohon_kinerja_dengan_papan_ketik_dan_axe(halaman, app):
    page = halaman
    masuk(page, app, "perencana.bappeda", LOGIN["perencana.bappeda"])
    page.goto(app + R)
    link = page.locator("#menyusun").get_by_role("link", name="Pohon kinerja")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(app + R + "pohon-kinerja/")
    expect(page.locator("h1")).to_have_text("Pohon Kinerja Badan Perencanaan Pembangunan Daerah Tahun 2022")
    gambar = page.locator('svg[role="img"]')
    assert gambar.count() >= 3
    assert all(gambar.nth(i).get_attribute("aria-label") for i in range(gambar.count()))
    expect(page.locator("svg text", has_text="SUB KEGIATAN 5.01.03.2.01.01").first).to_be_visible()
    periksa_axe(page, "pohon-kinerja")
    foto(page, "pohon-kinerja")

    # the keyboard reaches the list's disclosure, opens it, then the first picture's region
    summary = page.locator("#daftar-pohon summary")
    for _ in range(40):
        page.keyboard.press("Tab")
        if summary.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("ringkasan daftar pohon tidak tercapai dengan Tab")
    page.keyboard.press("Enter")
    daftar = page.locator("#daftar-pohon")
    expect(daftar).to_have_attribute("open", "")
    expect(daftar.get_by_text("SUB KEGIATAN 5.01.03.2.01.01")).to_be_visible()
    page.keyboard.press("Tab")
    region = page.locator(".pohon-gambar").first
    for _ in range(200):
        if region.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("gambar pohon tidak tercapai dengan Tab")
    periksa_axe(page, "pohon-kinerja (daftar terbuka)")
    page.goto(app + R + "dokumen/")  # the document on screen ends with the same pictures
    expect(page.locator("#lampiran-pohon h2")).to_have_text("LAMPIRAN: POHON KINERJA")
    periksa_axe(page, "dokumen dengan lampiran pohon kinerja")
    page.goto(app + R + "pohon-kinerja/")
    page.get_by_role("link", name="Renja BAPPEDA 2022").click()  # the way back
    expect(page).to_have_url(app + R)
