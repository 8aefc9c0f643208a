"""Bappeda's review cycle in a real browser: the reviewer returns a Renja with a note on a row,
the planner answers and resubmits, the reviewer verifies and finalises, and the Renja becomes
read-only. Screenshots in artefacts/browser/."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk, siapkan_pengajuan

pytestmark = pytest.mark.browser

RK = "/renja/BAPPEDA/2022/ruang-kerja/"
KODE = "5.01.01.2.01.02"


def tunggu_tersimpan(page):
    expect(page.locator("#keadaan")).to_have_text("Semua perubahan tersimpan.")


def ketik(page, cell, text):
    cell.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def ajukan(page):
    page.click("#ajukan")
    page.click("#konfirmasi")  # the confirmation page says what submitting does
    page.wait_for_selector("text=telah diajukan ke Bappeda")


def test_siklus_review(browser, app):
    planner = browser.new_context(viewport={"width": 1500, "height": 950}).new_page()
    reviewer = browser.new_context(viewport={"width": 1500, "height": 950}).new_page()

    # the planner clears the checker's errors and submits
    masuk(planner, app, "perencana.bappeda", "demo-bappeda-2022")
    planner.goto(app + RK)
    siapkan_pengajuan(planner)
    expect(planner.locator("#jumlah-error")).to_have_text("0")
    ajukan(planner)

    # the reviewer writes a note on a row and returns the Renja
    masuk(reviewer, app, "reviewer", "demo-reviewer-2022")
    foto(reviewer, "10-beranda-reviewer")
    assert "Review dan putuskan" in reviewer.inner_text("table")
    reviewer.goto(app + RK)
    reviewer.locator(f'tr[data-kode="{KODE}"]').get_by_role("button", name="Catatan").click()
    reviewer.fill("#isi-baru", "Lokasi terlalu umum: sebutkan kecamatannya.")
    reviewer.get_by_role("button", name="Kirim catatan").click()
    reviewer.wait_for_selector("#panel article.komentar")
    foto(reviewer, "11-catatan-reviewer")
    reviewer.fill("input[name=alasan]", "Rinci lokasi kegiatan koordinasi.")
    reviewer.get_by_role("button", name="Kembalikan ke OPD").click()
    reviewer.wait_for_selector("#status:text('Dikembalikan untuk perbaikan')")

    # the planner sees the note beside the row, answers, fixes and resubmits
    planner.goto(app + RK)
    row = planner.locator(f'tr[data-kode="{KODE}"]')
    assert "Lokasi terlalu umum" in row.locator("td.k-komentar").inner_text()
    assert "Rinci lokasi kegiatan koordinasi." in planner.inner_text(".catatan-bappeda")
    foto(planner, "12-dikembalikan")
    row.get_by_role("button", name="Catatan").click()
    planner.wait_for_selector("#panel article.komentar")
    planner.fill("#panel textarea[name=isi] >> nth=0", "Sudah dirinci: Kec. Serang dan Kec. Kasemen.")
    planner.get_by_role("button", name="Balas").click()
    planner.wait_for_selector("#panel .balasan")
    ketik(planner, row.locator('td[data-k="lokasi"]'), "Kec. Serang, Kec. Kasemen")
    tunggu_tersimpan(planner)
    ajukan(planner)

    # the reviewer accepts the note, verifies and finalises: read-only for everyone
    reviewer.goto(app + RK)
    reviewer.locator(f'tr[data-kode="{KODE}"]').get_by_role("button", name="Catatan").click()
    reviewer.wait_for_selector("#panel .balasan")
    assert "Sudah dirinci" in reviewer.inner_text("#panel")
    reviewer.select_option("#panel select[name=status]", "diterima")
    reviewer.get_by_role("button", name="Ubah").click()
    reviewer.wait_for_selector("#panel select[name=status] option[value=diterima][selected]", state="attached")
    reviewer.click("#verifikasi")
    reviewer.wait_for_selector("#status:text('Diverifikasi')")
    reviewer.click("#tetapkan")
    expect(reviewer.locator("h1")).to_have_text("Tetapkan: Renja BAPPEDA 2022?")
    reviewer.click("#konfirmasi")
    reviewer.wait_for_selector("#status:text('Ditetapkan')")
    foto(reviewer, "13-ditetapkan")
    reviewer.goto(app + "/review/2022/")
    for cell in reviewer.locator(".temuan-error").all():
        expect(cell).not_to_have_text("…")
    assert "Ditetapkan: 1" in reviewer.inner_text(".ringkas-status")
    foto(reviewer, "14-review-tahun")
    planner.goto(app + RK)
    assert planner.locator("#grid.dapat-diubah").count() == 0
    assert planner.locator("#buat-perubahan").is_visible()
    planner.locator(f'tr[data-kode="{KODE}"] td[data-k="lokasi"]').dblclick()
    assert planner.locator("input.editor").count() == 0
