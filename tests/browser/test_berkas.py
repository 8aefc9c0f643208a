"""Documents made by a real worker (``manage.py db_worker`` of the served app): the waiting page
with its progress, the file offered without a reload, the cache, and a worker killed in the
middle of cetak semua (no half file; the job is tried again and finishes). Screenshots in
artefacts/browser/."""

import io
import time
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk

pytestmark = pytest.mark.browser
TUNGGU = 180_000  # ms: a PDF takes seconds on a shared machine


def test_pdf_dibuat_pekerja_dan_ditawarkan_tanpa_muat_ulang(app, halaman):
    page = halaman
    masuk(page, app, "reviewer", "demo-reviewer-2022")
    page.goto(app + "/renja/BAPPEDA/2022/dokumen/")
    page.click("text=PDF (A4)")
    expect(page.locator("h1")).to_have_text("Menyiapkan berkas")
    expect(page.locator("#berkas-angka")).to_contain_text("bagian selesai", timeout=TUNGGU)
    foto(page, "berkas-menunggu")
    link = page.locator("#berkas-unduh a")
    expect(link).to_be_visible(timeout=TUNGGU)
    foto(page, "berkas-siap")
    response = page.request.get(app + link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    # The Renja is unchanged: the download URL now answers with the file itself.
    again = page.request.get(app + "/renja/BAPPEDA/2022/dokumen.pdf")
    assert again.headers["content-type"] == "application/pdf" and again.body() == response.body()


def test_pekerja_dibunuh_di_tengah_cetak_semua(app, halaman, pekerja, lingkungan):
    page = halaman
    masuk(page, app, "reviewer", "demo-reviewer-2022")
    page.goto(app + "/review/2022/")
    media = Path(lingkungan["RENJA_MEDIA_ROOT"]) / "laporan"
    before = {p.name for p in media.glob("*")}
    page.click("button:has-text('Cetak semua')")
    expect(page.locator("#berkas-tahap")).to_contain_text("bagian", timeout=TUNGGU)
    pekerja.bunuh()
    assert [p.name for p in media.glob("*.zip") if p.name not in before] == []  # nothing half-written in place
    # the dead jobs' files, under their temporary names: the ZIP's, and the PDF it was laying out
    # (each PDF of cetak semua is the job of that Renja's download, laporan.tugas.minta_renja)
    assert 1 <= len(list((media / "sementara").glob("*.part"))) <= 2
    foto(page, "berkas-pekerja-mati")
    time.sleep(9)  # RENJA_BERKAS_MACET: the job is taken as dead
    pekerja.mulai()  # its start recovers the job, as bin/serve's does
    link = page.locator("#berkas-unduh a")
    expect(link).to_be_visible(timeout=TUNGGU)
    foto(page, "berkas-cetak-semua-siap")
    body = page.request.get(app + link.get_attribute("href")).body()
    names = zipfile.ZipFile(io.BytesIO(body)).namelist()
    assert "manifest.csv" in names and "renja-seluruh-opd-2022.xlsx" in names
    assert "pdf/renja-bappeda-2022-dokumen.pdf" in names and "pdf/renja-diskominfo-2022-dokumen.pdf" in names
