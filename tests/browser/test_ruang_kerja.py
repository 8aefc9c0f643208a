"""The planner's workspace in a real browser (Chromium, headless): log in, edit a pagu and a
target, paste a 3×4 block from a spreadsheet, see the totals change, meet a validation error,
fix the checker's errors and submit; a conflict between two tabs; keyboard moves; adding a sub
kegiatan and reading its history. Screenshots of each main page go to artefacts/browser/."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk, siapkan_pengajuan

pytestmark = pytest.mark.browser

RK = "/renja/BAPPEDA/2022/ruang-kerja/"
PERENCANA = ("perencana.bappeda", "demo-bappeda-2022")


def rupiah(text):
    return int(text.replace(".", "")) if text else 0


def sel(page, kode, kolom, n=0):
    """The cell ``kolom`` of the ``n``-th row of node ``kode``."""
    return page.locator(f'tr[data-kode="{kode}"]').nth(n).locator(f'td[data-k="{kolom}"]')


def tunggu_tersimpan(page):
    expect(page.locator("#keadaan")).to_have_text("Semua perubahan tersimpan.")


def tempel(page, text):
    """Paste ``text`` as a spreadsheet puts it on the clipboard (tab-separated rows)."""
    page.evaluate(
        """text => { const data = new DataTransfer(); data.setData('text/plain', text);
        document.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true})); }""",
        text,
    )


def ketik(page, cell, text):
    cell.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def buka_ruang_kerja(page, app):
    masuk(page, app, *PERENCANA)
    foto(page, "01-beranda-perencana")
    page.get_by_role("link", name="Buka ruang kerja").click()
    page.wait_for_selector("#grid.dapat-diubah")


def test_alur_perencana(halaman, app):
    page = halaman
    buka_ruang_kerja(page, app)
    total = rupiah(page.inner_text("#total-pagu"))
    assert total == 20_182_300_000  # T-C.33 total of the demo Renja
    foto(page, "02-ruang-kerja")

    # a pagu: 120.000.000 → 150.000.000; the kegiatan, program and OPD totals follow as typed
    kegiatan = page.locator('td[data-total="5.01.01.2.01"][data-k="pagu"]')
    before_kegiatan = rupiah(kegiatan.inner_text())
    pagu = sel(page, "5.01.01.2.01.01", "pagu")
    assert pagu.inner_text() == "120.000.000"
    ketik(page, pagu, "150.000.000")
    tunggu_tersimpan(page)
    assert rupiah(page.inner_text("#total-pagu")) == total + 30_000_000
    assert rupiah(kegiatan.inner_text()) == before_kegiatan + 30_000_000

    # a target (the program's Indeks Kepuasan, 90 → 92,5), typed with a decimal comma
    target = sel(page, "5.01.01", "target")
    assert target.inner_text() == "90"
    ketik(page, target, "92,5")
    tunggu_tersimpan(page)
    assert target.inner_text() == "92,5"

    # a 3 × 4 block copied from Excel (English number style): pagu, lokasi, sumber dana, penanggung jawab
    start = sel(page, "5.01.01.2.01.02", "pagu")
    rows = [page.locator(f'tr[data-kode="5.01.01.2.01.0{i}"]') for i in (2, 3, 4)]
    assert all(r.count() == 1 for r in rows)  # one indicator each: three consecutive grid rows
    olds = [rupiah(sel(page, f"5.01.01.2.01.0{i}", "pagu").inner_text()) for i in (2, 3, 4)]
    start.click()
    tempel(
        page,
        "1,000,000\tKec. Serang\tAPBD Kota Serang\tSekretaris\r\n"
        "2,000,000\tKec. Kasemen\tAPBD Kota Serang\tSekretaris\r\n"
        "3,000,000.50\tKec. Curug\tAPBD Kota Serang\tKabid PPM\r\n",
    )
    tunggu_tersimpan(page)
    expected = total + 30_000_000 - sum(olds) + 6_000_000
    shown = page.inner_text("#total-pagu")
    assert shown == f"{expected:,}".replace(",", ".") + ",5"
    assert sel(page, "5.01.01.2.01.04", "pagu").inner_text() == "3.000.000,5"
    assert sel(page, "5.01.01.2.01.04", "penanggung_jawab").inner_text() == "Kabid PPM"

    # a bad value: marked, explained in Indonesian, nothing saved; then fixed
    bad = sel(page, "5.01.01.2.01.05", "pagu")
    old_bad = bad.inner_text()
    ketik(page, bad, "12x")
    page.wait_for_selector("#pesan:not([hidden])")
    assert "'12x' bukan angka" in page.inner_text("#pesan")
    assert "salah" in bad.get_attribute("class")
    foto(page, "03-sel-salah")
    ketik(page, bad, old_bad)
    tunggu_tersimpan(page)
    assert page.locator("#pesan").is_hidden()

    # everything survives a reload
    page.reload()
    assert sel(page, "5.01.01.2.01.01", "pagu").inner_text() == "150.000.000"
    assert sel(page, "5.01.01", "target").inner_text() == "92,5"
    assert page.inner_text("#total-pagu") == shown

    # the checker blocks submission: 3 kumulatif end targets below Σ yearly targets, and 3 T-C.31
    # rows that differ from the Rancangan Awal RKPD without a Catatan Penting
    assert page.inner_text("#jumlah-error") == "6" and page.locator("#ajukan").is_disabled()
    siapkan_pengajuan(page)
    expect(page.locator("#jumlah-error")).to_have_text("0")
    page.click("#ajukan")
    expect(page.locator("h1")).to_have_text("Ajukan ke Bappeda: Renja BAPPEDA 2022?")
    foto(page, "04-konfirmasi-ajukan")
    page.click("#konfirmasi")
    page.wait_for_selector("text=telah diajukan ke Bappeda")
    assert page.inner_text("#status") == "Diajukan ke Bappeda"
    assert page.locator("#grid.dapat-diubah").count() == 0
    foto(page, "04-diajukan")


def test_konflik_dua_tab(halaman, app, browser):
    page = halaman
    buka_ruang_kerja(page, app)
    other = page.context.new_page()
    other.goto(app + RK)
    ketik(other, sel(other, "5.01.01.2.01.02", "lokasi"), "Kec. Walantaka")
    tunggu_tersimpan(other)

    cell = sel(page, "5.01.01.2.01.02", "lokasi")
    ketik(page, cell, "Kec. Cipocok Jaya")
    page.wait_for_selector("#pesan:not([hidden])")
    text = page.inner_text("#pesan")
    assert "sudah diubah oleh Perencana Bappeda" in text and "menjadi 'Kec. Walantaka'" in text
    assert "konflik" in cell.get_attribute("class")
    foto(page, "05-konflik")
    page.get_by_role("button", name=re.compile("Pakai nilai")).click()
    assert cell.inner_text() == "Kec. Walantaka"
    ketik(page, cell, "Kec. Cipocok Jaya")  # now on the latest version
    tunggu_tersimpan(page)
    other.reload()
    assert sel(other, "5.01.01.2.01.02", "lokasi").inner_text() == "Kec. Cipocok Jaya"


def test_keyboard(halaman, app):
    page = halaman
    buka_ruang_kerja(page, app)
    start = sel(page, "5.01.01.2.01.02", "lokasi")
    start.click()
    page.keyboard.press("ArrowRight")
    assert "aktif" in sel(page, "5.01.01.2.01.02", "sumber_dana").get_attribute("class")
    page.keyboard.press("ArrowDown")
    assert "aktif" in sel(page, "5.01.01.2.01.03", "sumber_dana").get_attribute("class")
    page.keyboard.press("ArrowLeft")  # Tab now leaves the grid (issue 19): arrows move left
    page.keyboard.press("ArrowLeft")
    assert "aktif" in sel(page, "5.01.01.2.01.03", "pagu").get_attribute("class")
    old = sel(page, "5.01.01.2.01.03", "pagu").inner_text()
    page.keyboard.type("999")
    page.keyboard.press("Escape")  # cancels the edit
    assert sel(page, "5.01.01.2.01.03", "pagu").inner_text() == old
    page.keyboard.press("F2")  # edits the value in place, all of it selected
    assert page.locator("input.editor").input_value() == old
    page.keyboard.type("40.000.000")
    page.keyboard.press("Enter")  # saves and moves down
    tunggu_tersimpan(page)
    assert sel(page, "5.01.01.2.01.03", "pagu").inner_text() == "40.000.000" != old
    assert "aktif" in sel(page, "5.01.01.2.01.04", "pagu").get_attribute("class")


def test_tambah_sub_kegiatan_dan_riwayat(halaman, app):
    page = halaman
    buka_ruang_kerja(page, app)
    page.fill("#cari", "musrenbang kecamatan")
    page.locator("#hasil-cari li", has_text="5.01.02.2.01.06").get_by_role("button", name="Tambah").click()
    page.wait_for_selector('tr[data-kode="5.01.02.2.01.06"]')
    ketik(page, sel(page, "5.01.02.2.01.06", "pagu"), "75.000.000")
    tunggu_tersimpan(page)
    page.locator('tr[data-kode="5.01.02.2.01.06"]').get_by_role("button", name="Riwayat").click()
    page.wait_for_selector("#panel:not([hidden])")
    text = page.inner_text("#panel")
    assert "Perencana Bappeda" in text and "75.000.000" in text
    foto(page, "06-riwayat")
