"""Quarterly monitoring in a real browser: the planner enters TW I with an explanation (kolom
12–15 follow as typed) and submits; Bappeda returns it with a note; the planner fixes and
resubmits; Bappeda verifies; the evaluation form shows the value and the explanation; entry of
TW I is then locked. Screenshots in artefacts/browser/."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk, siapkan_pengajuan

pytestmark = pytest.mark.browser

MONEV = "/renja/BAPPEDA/2022/monev/?tw=tw1"
BARIS = 'tr[data-ind][data-teks=""]:not([data-k7=""])'


def tersimpan(page):
    expect(page.locator("#keadaan")).to_have_text("Semua perubahan tersimpan.")


def test_siklus_monev(browser, app):
    planner = browser.new_context(viewport={"width": 1500, "height": 950}, locale="id-ID").new_page()
    reviewer = browser.new_context(viewport={"width": 1500, "height": 950}, locale="id-ID").new_page()
    errors = []
    for page in (planner, reviewer):
        page.on("pageerror", lambda error: errors.append(str(error)))

    # next year's Renja holds the evaluation form of 2022; it is started from a submitted 2022
    masuk(planner, app, "perencana.bappeda", "demo-bappeda-2022")
    planner.goto(app + "/renja/BAPPEDA/2022/ruang-kerja/")
    siapkan_pengajuan(planner)
    planner.click("#ajukan")
    planner.click("#konfirmasi")
    planner.wait_for_selector("text=telah diajukan ke Bappeda")
    planner.goto(app + "/")
    planner.get_by_role("link", name="Mulai Renja 2023").first.click()
    planner.click("#konfirmasi")
    planner.wait_for_selector("text=dibuat dari Renja 2022")
    planner.goto(app + MONEV)
    row = planner.locator(BARIS).first
    ind = row.get_attribute("data-ind")
    row = planner.locator(f'tr[data-ind="{ind}"]')
    nama = row.locator("td").nth(2).inner_text()
    row.locator('input[data-k="k1"]').fill("1")
    typed = row.locator(".h-k13").inner_text()
    assert typed not in ("", "–")  # computed in the browser before any save
    row.locator('input[data-k="k1"]').press("Tab")
    tersimpan(planner)
    assert row.locator(".h-k13").inner_text() == typed  # the server's figure is the same
    row.locator('textarea[data-k="pendorong"]').fill("Dukungan seluruh bidang.")
    row.locator('textarea[data-k="pendorong"]').press("Tab")
    tersimpan(planner)
    planner.evaluate("document.querySelector('.rk-grid-wadah').scrollLeft = 0")
    foto(planner, "40-monev-isi-tw1")
    planner.evaluate("document.querySelector('.rk-grid-wadah').scrollLeft = 10000")
    foto(planner, "40b-monev-penjelasan")
    planner.click("#ajukan")
    expect(planner.locator("#tab-tw1")).to_contain_text("Diajukan")
    assert planner.locator('input[data-k="k1"]').count() == 0  # locked while Bappeda checks it

    # Bappeda returns it with a note on the row
    masuk(reviewer, app, "reviewer", "demo-reviewer-2022")
    reviewer.goto(app + MONEV)
    reviewer.locator("summary").click()
    reviewer.select_option("#catatan-indikator", ind)
    reviewer.fill("#catatan-isi", "Sebutkan sumber data realisasi.")
    reviewer.click("#tulis-catatan")
    reviewer.fill("#alasan-kembali", "Lengkapi sumber data TW I.")
    reviewer.click("#kembalikan")
    expect(reviewer.locator("#tab-tw1")).to_contain_text("Dikembalikan")
    foto(reviewer, "41-monev-dikembalikan")

    # the planner sees the notes, fixes and resubmits
    planner.goto(app + MONEV)
    expect(planner.locator("#catatan-umum")).to_contain_text("Lengkapi sumber data TW I.")
    expect(planner.locator(f'tr[data-ind="{ind}"]')).to_contain_text("Sebutkan sumber data realisasi.")
    foto(planner, "42-monev-catatan-bappeda")
    box = planner.locator(f'tr[data-ind="{ind}"] textarea[data-k="pendorong"]')
    box.fill("Dukungan seluruh bidang (sumber: laporan bulanan).")
    box.press("Tab")
    tersimpan(planner)
    planner.click("#ajukan")
    expect(planner.locator("#tab-tw1")).to_contain_text("Diajukan")

    # Bappeda verifies; the city page shows it
    reviewer.goto(app + MONEV)
    reviewer.click("#verifikasi")
    expect(reviewer.locator("#tab-tw1")).to_contain_text("Diverifikasi")
    reviewer.goto(app + "/monev/2022/")
    expect(reviewer.locator('tr[data-opd="BAPPEDA"]')).to_contain_text("Diverifikasi")
    foto(reviewer, "43-monev-kota")

    # the evaluation form of 2022 (on Renja 2023) shows the value and the explanation
    planner.goto(app + MONEV)
    assert planner.locator('input[data-k="k1"]').count() == 0
    expect(planner.locator("#tab-tw1")).to_contain_text("terkunci")
    foto(planner, "44-monev-terkunci")
    planner.click("#evaluasi-tw1")
    expect(planner.locator("body")).to_contain_text("Faktor pendorong keberhasilan kinerja: ")
    expect(planner.locator("body")).to_contain_text("Dukungan seluruh bidang (sumber: laporan bulanan).")
    expect(planner.locator("body")).to_contain_text("(s/d TW I)")
    expect(planner.locator("tr", has_text=nama).first).to_contain_text(typed)  # kolom 13 of the value typed
    planner.get_by_text("Faktor pendorong keberhasilan kinerja:").first.scroll_into_view_if_needed()
    foto(planner, "45-evaluasi-tw1-penjelasan")
    assert errors == []
