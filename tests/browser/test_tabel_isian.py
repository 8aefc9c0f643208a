"""The list tables by keyboard alone (kerja/daftar.py): a planner adds a row to T-C.32 and to
Tabel 4.1 with "Tambah baris", fills it in the grid, sees it in the printed table, and removes a
row through the in-page confirmation; axe-core checks each state of the page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import masuk
from tests.browser.test_grid_papan_ketik import fokus, tab_sampai
from tests.browser.test_navigasi import periksa_axe

pytestmark = pytest.mark.browser

R = "/renja/BAPPEDA/2022/"
PERENCANA = ("perencana.bappeda", "demo-bappeda-2022")


def aktif(page):
    return page.evaluate("() => { const td = document.querySelector('#grid td.aktif'); return td && td.dataset.k; }")


def tambah_baris(page):
    """From the top of the page, Tab to "Tambah baris" and press Enter: the page reloads with the
    new row's first cell active and the grid focused."""
    page.locator("h1").click()
    tab_sampai(page, lambda f: f["id"] == "tambah-baris")
    with page.expect_response(lambda r: r.url.endswith("/tambah/")) as jawab:
        page.keyboard.press("Enter")
    assert jawab.value.status == 200, jawab.value.text()
    expect(page).to_have_url(re.compile(r"#b-\d+$"))
    expect(page.locator("#grid")).to_be_focused(timeout=30_000)  # after the reload


def isi_baris(page, nilai):
    """Type each value into the active cell, then move right (the last value stays)."""
    for i, (kolom, teks) in enumerate(nilai):
        while aktif(page) != kolom:
            page.keyboard.press("ArrowRight")
        page.keyboard.type(teks)
        page.keyboard.press("Enter")
        if i < len(nilai) - 1:
            page.keyboard.press("ArrowRight")
    expect(page.locator("#keadaan")).to_have_text("Semua perubahan tersimpan.")


def test_tambah_baris_tc32_dan_4_1_dengan_papan_ketik(halaman, app):
    page = halaman
    masuk(page, app, *PERENCANA)

    # T-C.32: an empty table, a row added and filled by keyboard
    page.goto(app + R + "tabel-isian/usulan-pemangku/")
    expect(page.locator("#kosong")).to_contain_text("NIHIL")
    periksa_axe(page, "T-C.32 kosong")
    tambah_baris(page)
    assert aktif(page) == "sumber"
    expect(page.locator("#jumlah-error")).to_have_text("2")  # a new row: no sumber, no status yet
    isi_baris(
        page,
        [
            ("sumber", "Pokok Pikiran DPRD"),
            ("program_kegiatan", "Pelatihan literasi digital"),
            ("status", "Tidak diakomodasi"),
        ],
    )
    expect(page.locator("#temuan")).to_contain_text("wajib diberi alasan")  # the checker, refreshed after the save
    isi_baris(page, [("alasan", "Bukan kewenangan Bappeda")])
    expect(page.locator("#jumlah-error")).to_have_text("0")
    periksa_axe(page, "T-C.32 dengan satu baris")
    page.goto(app + R + "tabel/usulan-pemangku/")
    expect(page.locator("main")).to_contain_text("Pokok Pikiran DPRD")
    expect(page.locator("main")).to_contain_text("Tidak diakomodasi: Bukan kewenangan Bappeda")

    # Tabel 4.1: a row with its revenue account and target, then removed through the dialog
    page.goto(app + R + "tabel-isian/rencana-pendapatan/")
    tambah_baris(page)
    isi_baris(
        page,
        [("kode_akun", "4.1.02.01"), ("uraian", "Retribusi Pelayanan Publik"), ("target", "1.500.000")],
    )
    expect(page.locator('#grid td[data-k="target"]')).to_have_text("1.500.000")
    page.reload()
    expect(page.locator('#grid td[data-k="uraian"]')).to_have_text("Retribusi Pelayanan Publik")
    page.goto(app + R + "tabel/rencana-pendapatan/")
    expect(page.locator("main")).to_contain_text("Retribusi Pelayanan Publik")

    page.goto(app + R + "tabel-isian/rencana-pendapatan/")
    page.locator("h1").click()
    tab_sampai(page, lambda f: f["id"] == "grid")
    tab_sampai(page, lambda f: f["cls"] == "hapus-baris")  # Tab leaves the grid to the row's button
    page.keyboard.press("Enter")
    dialog = page.locator("#dialog-konfirmasi")
    expect(dialog).to_be_visible()
    expect(page.locator("#batal-konfirmasi")).to_be_focused()  # Enter by habit removes nothing
    periksa_axe(page, "konfirmasi hapus baris")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert fokus(page)["cls"] == "hapus-baris"
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#ya-konfirmasi")).to_be_focused()
    # as long as the reload below: on a loaded CI machine this answer once took over the default 10 s
    with page.expect_response(lambda r: r.url.endswith("/hapus/"), timeout=30_000) as jawab:
        page.keyboard.press("Enter")
    assert jawab.value.status == 200, jawab.value.text()
    expect(page.locator("#kosong")).to_be_visible(timeout=30_000)  # after the reload
    expect(page.locator("#tambah-baris")).to_be_focused()


def test_ruang_kerja_menghapus_indikator_lewat_dialog(halaman, app):
    """The workspace asks in the same in-page dialog (no window.confirm): Batal keeps the indicator."""
    page = halaman
    masuk(page, app, *PERENCANA)
    page.goto(app + R + "ruang-kerja/")
    tombol = page.locator('button[data-aksi="hapus-indikator"]').first
    jumlah = page.locator('button[data-aksi="hapus-indikator"]').count()
    tombol.click()
    expect(page.locator("#dialog-konfirmasi")).to_be_visible()
    expect(page.locator("#isi-konfirmasi")).to_contain_text("Hapus indikator ini")
    page.keyboard.press("Enter")  # focus is on Batal
    expect(page.locator("#dialog-konfirmasi")).to_be_hidden()
    expect(tombol).to_be_focused()
    assert page.locator('button[data-aksi="hapus-indikator"]').count() == jumlah
