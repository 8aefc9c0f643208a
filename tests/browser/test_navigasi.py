"""Every page type as its users reach it: the menu, the breadcrumbs, the confirmation pages,
the 403 page, small screens (375 px: the page never scrolls sideways; 768 px: the workspace's
grid scrolls inside its container) and axe-core's accessibility rules (a serious or critical
violation fails). Screenshots in artefacts/browser/.

axe-core comes from the npm registry (tests/browser/package.json, installed by bin/test) and is
never served by the app. It is evaluated in the page through Playwright (``page.evaluate``, the
DevTools protocol), which the page's Content-Security-Policy does not apply to, so the app's CSP
stays strict: an inline <script> (``add_script_tag(content=…)``) would be blocked by it."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTEFAK, foto, masuk, siapkan_pengajuan

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
R = "/renja/BAPPEDA/2022/"
LOGIN = {
    "perencana.bappeda": "demo-bappeda-2022",
    "reviewer": "demo-reviewer-2022",
    "admin": "demo-admin-2022",
}


def periksa_axe(page, nama):
    """Run axe-core on the page; fail on a serious or critical violation, naming rule and nodes."""
    if not AXE.exists():
        pytest.fail(f"axe-core tidak ada di {AXE}: jalankan bin/test (memasang paket npm uji).")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    hasil = page.evaluate(
        "async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
        " return {violations: r.violations, passes: r.passes.length}; }"
    )
    assert hasil["passes"] > 0, f"{nama}: axe tidak memeriksa apa pun"
    berat = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:5]]}"
        for v in hasil["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert berat == [], f"{nama}: {berat}"


def test_axe_menemukan_pelanggaran(halaman):
    """The check itself fails on a page with a serious violation (an image without alt text, a
    button without a name)."""
    halaman.set_content('<html lang="id"><body><main><img src="data:,"><button></button></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt.*button-name|button-name.*image-alt"):
        periksa_axe(halaman, "contoh")


def konteks(browser, lebar=1500, tinggi=950):
    context = browser.new_context(viewport={"width": lebar, "height": tinggi}, locale="id-ID")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "Content Security" in m.text else None)
    return context, page, errors


def lebar_halaman(page):
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_setiap_jenis_halaman_lolos_axe(browser, app):
    context, page, errors = konteks(browser)
    page.goto(app + "/masuk/")
    periksa_axe(page, "masuk")
    masuk(page, app, "perencana.bappeda", LOGIN["perencana.bappeda"])
    for nama, url in (
        ("beranda", "/"),
        ("ruang-kerja", R + "ruang-kerja/"),
        ("renja", R),
        ("dokumen", R + "dokumen/"),
        ("tabel", R + "tabel/rumusan-rencana/"),
        ("evaluasi", R + "evaluasi/tw1/"),
        ("konfirmasi", R + "ruang-kerja/ajukan/"),
        ("galat-403", "/impor/"),
    ):
        page.goto(app + url)
        periksa_axe(page, nama)
    page.goto(app + "/impor/")
    foto(page, "20-galat-403-impor")
    expect(page.locator("h1")).to_have_text("Akses ditolak")
    page.get_by_role("link", name="Kembali ke Beranda").click()
    expect(page).to_have_url(app + "/")

    context.clear_cookies()  # signed out: the log-in page's submit button is the only one
    masuk(page, app, "reviewer", LOGIN["reviewer"])
    page.goto(app + "/review/2022/")
    periksa_axe(page, "review-tahun")
    context.clear_cookies()
    masuk(page, app, "admin", LOGIN["admin"])
    page.goto(app + "/impor/")
    periksa_axe(page, "impor")
    unggah_templat(page, app)
    periksa_axe(page, "pratinjau-impor")
    context.close()
    assert errors == []


def unggah_templat(page, app):
    """As the admin: the template workbook of Bappeda 2022 uploaded as it is (all empty)."""
    href = page.locator("tr", has_text="Renja BAPPEDA 2022").locator("a").first.get_attribute("href")
    data = page.request.get(app + href).body()
    page.select_option("select[name=opd]", label="BAPPEDA – Badan Perencanaan Pembangunan Daerah")
    page.select_option("select[name=jenis]", "kinerja")
    page.set_input_files(
        "input[name=berkas]", files=[{"name": "templat.xlsx", "mimeType": "application/octet-stream", "buffer": data}]
    )
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.locator("h1")).to_have_text("Pratinjau impor: templat.xlsx")
    expect(page.locator("#ringkasan")).to_be_visible(timeout=60_000)  # checked by the worker, then reloaded
    expect(page.locator("tr.lipat")).to_have_count(1)


def test_menu_dan_remah_dengan_papan_ketik(halaman, app):
    page = halaman
    masuk(page, app, "perencana.bappeda", LOGIN["perencana.bappeda"])
    page.goto(app + R + "dokumen/")
    page.keyboard.press("Tab")
    skip = page.locator("a.lompat")
    expect(skip).to_be_focused()
    foto(page, "21-lompat-ke-isi")
    page.keyboard.press("Enter")
    expect(page.locator("main#isi")).to_be_focused()
    menu = page.get_by_role("navigation", name="Menu utama")
    assert menu.get_by_role("link").all_inner_texts() == ["Beranda", "Ruang kerja"]
    remah = page.get_by_role("navigation", name="Remah roti")
    assert remah.inner_text().split("\n")[0].startswith("Beranda")
    remah.get_by_role("link", name="Renja BAPPEDA 2022").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(app + R)
    menu.get_by_role("link", name="Ruang kerja").click()
    expect(page).to_have_url(app + R + "ruang-kerja/")
    expect(menu.locator('[aria-current="page"]')).to_have_text("Ruang kerja")


@pytest.mark.parametrize(
    ("username", "url", "nama"),
    [
        ("perencana.bappeda", "/", "beranda"),
        ("reviewer", "/review/2022/", "review-tahun"),
        ("admin", "/impor/", "impor"),
        ("admin", None, "pratinjau-impor"),
    ],
)
def test_layar_375_tanpa_gulir_samping(browser, app, username, url, nama):
    context, page, errors = konteks(browser, 375, 800)
    masuk(page, app, username, LOGIN[username])
    if url is None:
        page.goto(app + "/impor/")
        unggah_templat(page, app)
    else:
        page.goto(app + url)
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFAK / f"22-375-{nama}.png"), full_page=True)
    assert lebar_halaman(page) <= 375, nama
    if nama == "beranda":
        tombol = page.get_by_role("link", name="Lihat").or_(page.get_by_role("link", name="Buka ruang kerja")).first
        box = tombol.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375  # reachable without scrolling sideways
    context.close()
    assert errors == []


def test_ruang_kerja_768_gulir_di_dalam_grid(browser, app):
    context, page, errors = konteks(browser, 768, 1000)
    masuk(page, app, "perencana.bappeda", LOGIN["perencana.bappeda"])
    page.goto(app + R + "ruang-kerja/")
    foto(page, "23-768-ruang-kerja")
    assert lebar_halaman(page) <= 768
    wadah = page.locator(".rk-grid-wadah")
    assert wadah.evaluate("e => e.scrollWidth > e.clientWidth")  # the grid scrolls inside its container
    assert wadah.bounding_box()["width"] <= 768
    context.close()
    assert errors == []


def setujui(page, buka, judul, hasil):
    """Open an action (``buka``: a click), read its confirmation page, confirm, wait for ``hasil``."""
    buka()
    if judul:
        expect(page.locator("h1")).to_have_text(judul)
    page.click("#konfirmasi")
    page.wait_for_selector(f"text={hasil}")


def test_mulai_dan_batalkan_renja_berikut(halaman, app):
    page = halaman
    masuk(page, app, "perencana.bappeda", LOGIN["perencana.bappeda"])
    assert page.get_by_role("link", name="Mulai Renja 2023").count() == 0  # still a draft
    page.goto(app + R + "ruang-kerja/")
    siapkan_pengajuan(page)
    setujui(page, lambda: page.click("#ajukan"), None, "telah diajukan ke Bappeda")
    page.goto(app + "/")
    mulai = page.get_by_role("link", name="Mulai Renja 2023")
    setujui(page, mulai.click, "Mulai Renja 2023 dari Renja BAPPEDA 2022?", "dibuat dari Renja 2022")
    page.goto(app + "/")
    page.get_by_role("link", name="Batalkan Renja 2023").click()
    expect(page.locator("h1")).to_have_text("Batalkan Renja BAPPEDA 2023?")
    foto(page, "24-konfirmasi-batalkan")
    periksa_axe(page, "konfirmasi-batalkan")
    setujui(page, lambda: None, None, "Renja BAPPEDA 2023 dibatalkan")
    foto(page, "25-dibatalkan")
    expect(page.get_by_role("link", name="Mulai Renja 2023")).to_be_visible()
