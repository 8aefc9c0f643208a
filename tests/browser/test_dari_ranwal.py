"""Issue 15, point 5, in a real browser: the planner starts Renja 2023 from the submitted Renja
2022, fills it from the rancangan awal RKPD 2023 in one action from the workspace (through its
confirmation page), then ticks two of the rows that still differ with the keyboard and gives
them one Catatan Penting in one save. axe-core on each page; screenshots in
artefacts/browser/dari-ranwal-*.png."""

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, foto, masuk
from tests.browser.test_navigasi import periksa_axe

pytestmark = pytest.mark.browser

RK = "/renja/BAPPEDA/2023/ruang-kerja/"
# What an admin's import would have left: Renja 2022 submitted, and the rancangan awal RKPD 2023
# of Bappeda (the demo's 2022 one, taken as that of 2023)
SIAPKAN = """
from renja.models import RancanganAwal, Renja
lama = Renja.objects.get(opd__singkatan="BAPPEDA", tahun=2022)
Renja.objects.filter(pk=lama.pk).update(status="diajukan")
for row in RancanganAwal.objects.filter(opd=lama.opd, tahun=2022, bagian="rancangan_awal"):
    indikator = list(row.indikator.all())
    row.pk, row.tahun = None, 2023
    row.save()
    for ind in indikator:
        ind.pk, ind.baris = None, row
        ind.save()
"""
CATATAN = "Pagu mengikuti prakiraan maju Renja 2022 yang disepakati dalam forum perangkat daerah."


def lihat(page, nama):
    periksa_axe(page, nama)
    foto(page, f"dari-ranwal-{nama}")


def test_isi_dari_rancangan_awal_lalu_satu_catatan_untuk_dua_baris(halaman, app, lingkungan):
    subprocess.run([sys.executable, "manage.py", "shell", "-c", SIAPKAN], cwd=ROOT, env=lingkungan, check=True)
    page = halaman
    masuk(page, app, "perencana.bappeda", "demo-bappeda-2022")
    page.get_by_role("link", name="Mulai Renja 2023").first.click()
    page.click("#konfirmasi")
    page.wait_for_selector("text=dibuat dari Renja 2022")
    page.goto(app + RK)
    section = page.locator("#review-rkpd")
    sebelum = page.locator("input.pilih-review").count()
    assert sebelum > 0
    lihat(page, "01-ruang-kerja-sebelum")

    # the one action, from the workspace, through its confirmation page
    page.click("#isi-ranwal")
    expect(page.locator("h1")).to_have_text("Isi Renja BAPPEDA 2023 dari Rancangan Awal RKPD 2023?")
    akibat = page.locator("ul.akibat").inner_text()
    assert "Dari Rancangan Awal RKPD BAPPEDA 2023 (96 baris)" in akibat and "tetap (rancangan awal:" in akibat
    lihat(page, "02-konfirmasi")
    page.click("#konfirmasi")
    page.wait_for_url(app + RK)
    expect(page.locator(".pesan-situs").first).to_contain_text("Renja BAPPEDA 2023 diisi dari Rancangan Awal RKPD 2023")
    lihat(page, "03-sesudah-diisi")

    # two differing rows ticked with the keyboard, one note for both, one save
    boxes = section.locator("input.pilih-review")
    boxes.nth(0).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # on to the row's own Catatan Penting, then the next row's box
    page.keyboard.press("Tab")
    expect(boxes.nth(1)).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#jumlah-terpilih")).to_have_text("2 baris terpilih")
    page.fill("#isi-catatan-bersama", CATATAN)
    page.locator("#simpan-catatan-bersama").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#keadaan")).to_have_text("Catatan Penting tersimpan untuk 2 baris.")
    notes = section.locator("textarea.catatan-review")
    expect(notes.nth(0)).to_have_value(CATATAN)
    expect(notes.nth(1)).to_have_value(CATATAN)
    expect(notes.nth(2)).not_to_have_value(CATATAN)
    expect(page.locator("#jumlah-terpilih")).to_have_text("0 baris terpilih")
    page.locator("#isi-catatan-bersama").scroll_into_view_if_needed()
    lihat(page, "04-catatan-bersama")

    # saved: after a reload the two rows no longer need a note, and their notes are there
    page.reload()
    texts = [page.locator("textarea.catatan-review").nth(i).input_value() for i in range(2)]
    assert texts == [CATATAN, CATATAN]
