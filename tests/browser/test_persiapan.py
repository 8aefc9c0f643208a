"""Setting up a Pemda's agencies and accounts in a real browser: the admin imports a list of OPDs
and one of users on /impor/, reads the one-time password, the new planner signs in, is sent to
change it, then reaches the home page; the onboarding page lists what each OPD lacks.
Screenshots in artefacts/browser/."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk
from tests.pembantu import xlsx

pytestmark = pytest.mark.browser


def unggah(page, app, jenis, data, tmp_path):
    path = tmp_path / f"{jenis}.xlsx"
    path.write_bytes(data)
    page.goto(app + "/impor/")
    page.select_option("select[name=jenis]", jenis)
    page.set_input_files("input[name=berkas]", str(path))
    page.click("form.impor button[type=submit]")
    page.wait_for_selector("#ringkasan")


def test_opd_dan_akun_dari_berkas(browser, app, halaman, tmp_path):
    masuk(halaman, app, "admin", "demo-admin-2022")
    opd = [["DAFTAR PERANGKAT DAERAH"], [], ["Kode SKPD", "Nama", "Singkatan", "Bidang Urusan", "Unit Kerja"]]
    opd.append(["1.01.0.00.0.00.01.0000", "Dinas Pendidikan", "DISDIK", "1.01", "Sekretariat; Bidang Pendidikan Dasar"])
    unggah(halaman, app, "opd", xlsx(opd), tmp_path)
    expect(halaman.locator("#ringkasan")).to_contain_text("baru: 1")
    foto(halaman, "persiapan-1-uji-kering-opd")
    halaman.click("#terapkan")  # saved by the worker; the page then goes to /impor/ with the outcome
    expect(halaman.locator(".pesan-situs")).to_contain_text("tersimpan: 1 baru", timeout=60_000)

    users = [["Nama Pengguna", "Nama", "NIP", "Email", "Peran", "OPD"]]
    users.append(
        ["perencana.disdik", "Rina Wulandari", "198703152011012002", "rina@contoh.go.id", "Perencana OPD", "DISDIK"]
    )
    unggah(halaman, app, "pengguna", xlsx(users), tmp_path)
    halaman.click("#terapkan")
    expect(halaman.locator("#sandi")).to_contain_text("perencana.disdik")
    sandi = halaman.locator("#sandi code").inner_text()
    assert re.fullmatch(r"[A-Za-z2-9]{14}", sandi)
    foto(halaman, "persiapan-2-sandi-sekali-pakai")

    halaman.goto(app + "/persiapan/")
    row = halaman.locator("#persiapan tr", has_text="DISDIK")
    expect(row).to_contain_text("1 perencana")
    expect(row.get_by_role("link", name="Impor rancangan awal")).to_be_visible()
    foto(halaman, "persiapan-3-halaman-persiapan")

    planner = browser.new_context(viewport={"width": 1200, "height": 800}).new_page()
    planner.goto(app + "/masuk/")
    planner.fill("input[name=username]", "perencana.disdik")
    planner.fill("input[name=password]", sandi)
    planner.click("button[type=submit]")
    planner.wait_for_url(app + "/ganti-sandi/")
    expect(planner.locator("main")).to_contain_text("kata sandi sekali pakai")
    foto(planner, "persiapan-4-wajib-ganti-sandi")
    planner.fill("input[name=old_password]", sandi)
    planner.fill("input[name=new_password1]", "Kopi-Hangat-Pagi-77")
    planner.fill("input[name=new_password2]", "Kopi-Hangat-Pagi-77")
    planner.keyboard.press("Enter")
    planner.wait_for_url(app + "/")
    expect(planner.locator(".pesan-situs")).to_contain_text("Kata sandi sudah diganti")
    foto(planner, "persiapan-5-beranda-perencana-baru")
    planner.context.close()
