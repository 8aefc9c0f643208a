"""Tabel 2.2 (T-C.30) grid in the browser, by keyboard: reach the grid with Tab, enter a
realisasi and a Target Renstra with the arrow keys and typing, paste a block, see them in the
table view;
add an indicator through its dialog; axe-core on the grid and on the open dialog."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk
from tests.browser.test_grid_papan_ketik import ke_grid, ke_sel
from tests.browser.test_navigasi import periksa_axe
from tests.browser.test_ruang_kerja import tempel, tunggu_tersimpan

pytestmark = pytest.mark.browser

P = "/renja/BAPPEDA/2022/kinerja-pelayanan/"


def test_isi_realisasi_dan_target_dengan_papan_ketik(halaman, app):
    page = halaman
    masuk(page, app, "perencana.bappeda", "demo-bappeda-2022")
    page.goto(app + "/renja/BAPPEDA/2022/")
    page.get_by_role("link", name="Tabel 2.2 Pencapaian Kinerja Pelayanan").click()
    expect(page.locator("h1")).to_contain_text("Tabel 2.2 Pencapaian Kinerja Pelayanan")
    periksa_axe(page, "Tabel 2.2")
    ke_grid(page)
    ke_sel(page, "1.5", "realisasi-1")
    page.keyboard.type("97,5")
    page.keyboard.press("Enter")
    tunggu_tersimpan(page)
    ke_sel(page, "1.5", "target0")
    page.keyboard.type("99,25")
    page.keyboard.press("Enter")
    tunggu_tersimpan(page)
    cell = page.locator('tr[data-kode="1.5"] td[data-k="target0"]')
    expect(cell).to_have_text("99,25")
    # a block copied from a spreadsheet: proyeksi 2022 and 2023 of rows 4.1 and 4.2
    ke_sel(page, "4.1", "proyeksi0")
    tempel(page, "86\t91\n76,5\t81\n")
    tunggu_tersimpan(page)
    expect(page.locator('tr[data-kode="4.2"] td[data-k="proyeksi0"]')).to_have_text("76,5")
    foto(page, "pelayanan-grid")

    page.get_by_role("link", name="Lihat tabel T-C.30 seperti dicetak").click()
    row = page.locator("tr", has_text="Penjabaran Konsistensi Program RPJMD")
    expect(row).to_contain_text("97,5")
    expect(row).to_contain_text("99,25")
    expect(page.locator("tr", has_text="Persentase Kebijakan Inovasi")).to_contain_text("76,5")


def test_tambah_indikator_lewat_dialog(halaman, app):
    page = halaman
    masuk(page, app, "perencana.bappeda", "demo-bappeda-2022")
    page.goto(app + P)
    page.locator("#tambah-indikator").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#dialog-pelayanan")).to_be_visible()
    periksa_axe(page, "Tabel 2.2, dialog indikator baru")
    page.keyboard.type("4")  # focus starts on No. kelompok
    page.keyboard.press("Tab")
    page.keyboard.type("Penelitian dan Pembangunan")
    page.locator("#pl-nomor").fill("4.3")
    page.locator("#pl-nama").fill("Jumlah rekomendasi kajian")
    page.locator("#pl-tipe_nilai").select_option("angka")
    page.locator("#simpan-pelayanan").press("Enter")
    expect(page.locator('tr[data-kode="4.3"] td[data-k="nama"]')).to_have_text("Jumlah rekomendasi kajian")
    page.locator('tr[data-kode="4.3"] button.hapus-pelayanan').click()
    expect(page.locator("#dialog-hapus")).to_be_visible()
    expect(page.locator("#ya-hapus")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator('tr[data-kode="4.3"]')).to_have_count(0)
