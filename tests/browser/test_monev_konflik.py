"""The monev grid in a real browser when two people fill the same cell: the one who saved later
gets the conflict with "Pakai nilai …" (takes the other's value) and "Tetap simpan nilai saya"
(saves hers at the other's version); a row's "Riwayat" opens the side panel with the history
of its realisasi, and Esc closes it with focus back on the button. Screenshot in artefacts/browser/."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk
from tests.browser.test_monev import BARIS, MONEV, tersimpan
from tests.browser.test_navigasi import periksa_axe

pytestmark = pytest.mark.browser


def isi(page, ind, nilai):
    cell = page.locator(f'tr[data-ind="{ind}"] input[data-k="k2"]')
    cell.fill(nilai)
    cell.press("Tab")


def test_konflik_dan_riwayat(browser, app):
    planner = browser.new_context(viewport={"width": 1500, "height": 950}, locale="id-ID").new_page()
    admin = browser.new_context(viewport={"width": 1500, "height": 950}, locale="id-ID").new_page()
    errors = []
    for page in (planner, admin):
        page.on("pageerror", lambda error: errors.append(str(error)))
    masuk(planner, app, "perencana.bappeda", "demo-bappeda-2022")
    masuk(admin, app, "admin", "demo-admin-2022")
    planner.goto(app + MONEV)
    admin.goto(app + MONEV)  # both see the empty cell
    ind = planner.locator(BARIS).first.get_attribute("data-ind")

    isi(planner, ind, "5")
    tersimpan(planner)
    isi(admin, ind, "9")
    pesan = admin.locator("#pesan")
    expect(pesan).to_contain_text("Ada yang mengubah sel ini lebih dulu")
    expect(pesan).to_contain_text("menjadi '5'")
    periksa_axe(admin, "monev, konflik")
    foto(admin, "42-monev-konflik")
    pesan.get_by_role("button", name="Pakai nilai Perencana Bappeda").click()
    cell = admin.locator(f'tr[data-ind="{ind}"] input[data-k="k2"]')
    expect(cell).to_have_value("5")
    tersimpan(admin)

    isi(planner, ind, "6")  # the planner saves again: the admin's version is old once more
    tersimpan(planner)
    isi(admin, ind, "8")
    admin.locator("#pesan").get_by_role("button", name="Tetap simpan nilai saya").click()
    tersimpan(admin)
    planner.reload()
    expect(planner.locator(f'tr[data-ind="{ind}"] input[data-k="k2"]')).to_have_value("8")

    tombol = planner.locator(f'tr[data-ind="{ind}"] button.riwayat[data-objek="indikator"]')
    tombol.click()
    panel = planner.locator("#panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Realisasi kinerja TW II")
    expect(panel.locator("li").first).to_contain_text("8")  # newest first
    expect(planner.locator("#judul-panel")).to_be_focused()
    periksa_axe(planner, "monev, riwayat")
    planner.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(tombol).to_be_focused()
    assert errors == []
