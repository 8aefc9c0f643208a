"""Quarterly monitoring in a real browser: the planner enters TW I with an explanation (kolom
12–15 follow as typed) and a PDF of evidence (bukti dukung, from the row's side panel; an HTML
file named .pdf is refused) and submits; Bappeda returns it with a note; the planner fixes and
resubmits; Bappeda verifies; the evaluation form (page and PDF, read with pdftotext) shows the
value, the explanation and the attachment list; entry and upload of TW I are then locked.
Screenshots in artefacts/browser/."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTEFAK, foto, masuk, siapkan_pengajuan
from tests.browser.test_navigasi import periksa_axe

pytestmark = pytest.mark.browser

MONEV = "/renja/BAPPEDA/2022/monev/?tw=tw1"
BARIS = 'tr[data-ind][data-teks=""]:not([data-k7=""])'
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
TUNGGU = 180_000  # ms: a PDF made by the worker on a shared machine


def unggah(page, nama, isi):
    page.set_input_files("#berkas-bukti", {"name": nama, "mimeType": "application/pdf", "buffer": isi})
    page.click("#unggah-bukti")


def teks_pdf(data, tmp_path):
    path = tmp_path / "evaluasi.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", re.sub(r"-\n", "", text))  # words hyphenated at a line's end joined


def tersimpan(page):
    expect(page.locator("#keadaan")).to_have_text("Semua perubahan tersimpan.")


def test_siklus_monev(browser, app, tmp_path):
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
    # the evidence: from the row's side panel; a page of HTML named .pdf is refused, a PDF kept
    row.locator("a.bukti").click()
    expect(planner.locator("#judul-panel")).to_be_focused()
    unggah(planner, "palsu.pdf", b"<html><script>alert(1)</script></html>")
    expect(planner.locator("#bukti-galat")).to_contain_text("Berkas 'palsu.pdf' ditolak: isinya bukan PDF")
    unggah(planner, "Bukti TW I.pdf", PDF)
    expect(planner.locator("#daftar-bukti")).to_contain_text("Bukti_TW_I.pdf")
    expect(row.locator("a.bukti")).to_have_text("Bukti (1)")
    foto(planner, "40c-monev-bukti-dukung")
    periksa_axe(planner, "monev dengan panel bukti dukung")
    planner.keyboard.press("Escape")
    expect(row.locator("a.bukti")).to_be_focused()
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
    planner.locator(f'tr[data-ind="{ind}"] a.bukti').click()
    expect(planner.locator("#bukti-kunci")).to_contain_text("sudah diverifikasi Bappeda")
    assert planner.locator("#form-bukti").count() == 0 and planner.locator(".hapus-bukti").count() == 0
    foto(planner, "44b-monev-bukti-terkunci")
    planner.click("#evaluasi-tw1")
    expect(planner.locator("body")).to_contain_text("Faktor pendorong keberhasilan kinerja: ")
    expect(planner.locator("body")).to_contain_text("Dukungan seluruh bidang (sumber: laporan bulanan).")
    expect(planner.locator("body")).to_contain_text("(s/d TW I)")
    expect(planner.locator("tr", has_text=nama).first).to_contain_text(typed)  # kolom 13 of the value typed
    planner.get_by_text("Faktor pendorong keberhasilan kinerja:").first.scroll_into_view_if_needed()
    foto(planner, "45-evaluasi-tw1-penjelasan")
    expect(planner.get_by_role("region", name="Lampiran Bukti Dukung")).to_contain_text("Bukti_TW_I.pdf")
    planner.locator("#bukti_dukung").scroll_into_view_if_needed()
    foto(planner, "46-evaluasi-tw1-lampiran-bukti")

    # the same form as PDF, made by the worker: the value, the explanation and the attachment
    planner.goto(app + "/renja/BAPPEDA/2023/evaluasi/tw1.pdf")
    link = planner.locator("#berkas-unduh a")
    expect(link).to_be_visible(timeout=TUNGGU)
    response = planner.request.get(app + link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    (ARTEFAK / "47-evaluasi-tw1.pdf").write_bytes(response.body())  # to look at its last pages
    text = teks_pdf(response.body(), tmp_path)
    assert "Dukungan seluruh bidang (sumber: laporan bulanan)." in text
    assert typed in text
    assert "Lampiran Bukti Dukung" in text and "Bukti_TW_I.pdf" in text and "TW I" in text
    assert errors == []
