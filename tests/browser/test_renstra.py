"""The Renstra page in a real browser: the demo planner reaches it from the Renja's summary
page, types the three end-of-period targets the checker asks for with the keyboard, reads a
target's history, adds a tujuan and removes it through the page's own dialog, writes the three
Catatan Penting in the workspace and can then submit the demo Renja: no blocking finding is
left. The page passes axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk
from tests.browser.test_navigasi import periksa_axe

pytestmark = pytest.mark.browser

R = "/renja/BAPPEDA/2022/"
AKHIR = (  # the kumulatif indicators whose end target is below Σ yearly targets, and that sum
    ("5.01.01.2.01.06", "Jumlah Laporan Evaluasi Bulanan", "26"),
    ("5.01.03.2.01.07", "Jumlah dokumen hasil pengendalian", "3"),
    ("5.05.02.2.03.02", "Jumlah Dokumen Kajian Daya Saing", "2"),
)


def tunggu_tersimpan(page):
    expect(page.locator("#keadaan")).to_have_text("Semua perubahan tersimpan.")


def test_perencana_demo_mengisi_target_renstra_lalu_mengajukan(halaman, app):
    page = halaman
    masuk(page, app, "perencana.bappeda", "demo-bappeda-2022")
    page.goto(app + R)
    page.locator("#menyusun").get_by_role("link", name="Renstra: tujuan").click()
    expect(page).to_have_url(app + R + "renstra/")
    page.wait_for_selector("#grid.dapat-diubah")
    expect(page.locator("#jumlah-error")).to_have_text("6")
    periksa_axe(page, "renstra")
    foto(page, "30-renstra")

    for kode, nama, nilai in AKHIR:
        cell = page.locator(f'tr[data-kode="{kode}"]', has_text=nama).locator('td[data-k="akhir"]')
        cell.click()
        page.keyboard.type(nilai)
        page.keyboard.press("Enter")
        tunggu_tersimpan(page)
        expect(cell).to_have_text(nilai)
    expect(page.locator("#jumlah-error")).to_have_text("3")  # the Catatan Penting are left

    # the history of a target cell, in the side panel
    row = page.locator(f'tr[data-kode="{AKHIR[0][0]}"]', has_text=AKHIR[0][1])
    row.locator("button.riwayat").click()
    panel = page.locator("#panel")
    expect(panel).to_contain_text("Target akhir periode (2023)")
    expect(panel.locator("ins").first).to_have_text("26")
    page.keyboard.press("Escape")

    # a new tujuan, then removed through the in-page dialog (no window.confirm)
    page.get_by_role("button", name="+ Tujuan").click()
    baru = page.locator("tr.tujuan", has_text="Tujuan 2 (tulis uraiannya)")
    expect(baru).to_have_count(1)
    baru.get_by_role("button", name="Hapus tujuan").click()
    dialog = page.locator("#dialog-konfirmasi")
    expect(dialog).to_be_visible()
    periksa_axe(page, "renstra-dialog")
    dialog.locator("#ya-konfirmasi").click()
    expect(page.locator("tr.tujuan", has_text="Tujuan 2 (tulis uraiannya)")).to_have_count(0)

    # the Catatan Penting of T-C.31, in the workspace
    page.goto(app + R + "ruang-kerja/")
    notes = page.locator("textarea.catatan-review")
    assert notes.count() == 3
    for i in range(notes.count()):
        notes.nth(i).fill("Disesuaikan dengan hasil analisis kebutuhan.")
        notes.nth(i).press("Tab")
        tunggu_tersimpan(page)
    expect(page.locator("#jumlah-error")).to_have_text("0")
    page.locator("#ajukan").click()
    page.locator("#konfirmasi").click()
    expect(page.locator("#status")).to_have_text("Diajukan ke Bappeda")
