"""The workspace grid by keyboard alone, as a planner without a mouse would use it: reach the
grid with Tab, move, enter and edit values, leave the grid to the row's buttons and come back,
undo and redo (each a new save in the history), copy a block as TSV, clear the checker's errors
and submit. Also: a column of pagu pasted onto sub kegiatan rows only, the form for a new
indicator, and the frozen columns at 1330 and 768 px (screenshots in artefacts/browser/)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto, masuk
from tests.browser.test_ruang_kerja import tempel, tunggu_tersimpan

pytestmark = pytest.mark.browser

RK = "/renja/BAPPEDA/2022/ruang-kerja/"
PERENCANA = ("perencana.bappeda", "demo-bappeda-2022")
SUB = "5.01.01.2.01.01"


def fokus(page):
    return page.evaluate(
        """() => { const e = document.activeElement, tr = e.closest('tr');
        return {id: e.id, tag: e.tagName, cls: e.className, aksi: e.dataset.aksi || '', teks: e.textContent.trim(),
                kode: tr ? tr.dataset.kode : '', diGrid: !!e.closest('#grid')}; }"""
    )


def aktif(page):
    return page.evaluate(
        """() => { const td = document.querySelector('#grid td.aktif');
        return {kode: td.parentNode.dataset.kode, k: td.dataset.k || '', teks: td.textContent,
                r: td.parentNode.sectionRowIndex, c: td.cellIndex}; }"""
    )


def tab_sampai(page, syarat, kunci="Tab", batas=80):
    """Press Tab (or Shift+Tab) until the focused element meets ``syarat``; how many presses."""
    for n in range(1, batas + 1):
        page.keyboard.press(kunci)
        if syarat(fokus(page)):
            return n
    raise AssertionError(f"{kunci} {batas}× tidak sampai; fokus di {fokus(page)}")


def ke_sel(page, kode, kolom, nama=""):
    """Move the active cell with the arrow keys to column ``kolom`` of the row of ``kode`` (the
    indicator row named ``nama``, else the node's first row). Only reads the page to count."""
    target = page.evaluate(
        """([kode, kolom, nama]) => { const rows = [...document.querySelectorAll('#grid tbody tr')];
        const tr = rows.find(r => r.dataset.kode === kode && (!nama || r.textContent.includes(nama)));
        const head = [...document.querySelectorAll('#grid thead th')].findIndex(th => th.classList.contains('k-' + kolom));
        return {r: tr.sectionRowIndex, c: head}; }""",
        [kode, kolom, nama],
    )
    now = aktif(page)
    for key, n in (("ArrowDown", target["r"] - now["r"]), ("ArrowUp", now["r"] - target["r"])):
        for _ in range(max(0, n)):
            page.keyboard.press(key)
    for key, n in (("ArrowRight", target["c"] - now["c"]), ("ArrowLeft", now["c"] - target["c"])):
        for _ in range(max(0, n)):
            page.keyboard.press(key)
    now = aktif(page)
    assert (now["kode"], now["k"] or kolom) == (kode, kolom), now


def ke_grid(page):
    page.wait_for_selector("#grid.dapat-diubah")
    page.locator("h1").click()  # a start for Tab: the top of the page
    tab_sampai(page, lambda f: f["id"] == "grid")


def test_grid_dengan_papan_ketik_saja(browser, app):
    context = browser.new_context(viewport={"width": 1330, "height": 900}, locale="id-ID")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app)
    page = context.new_page()
    masuk(page, app, *PERENCANA)
    page.goto(app + RK)
    ke_grid(page)
    grid = page.locator("#grid")
    assert grid.get_attribute("role") == "grid"
    cell = page.locator("#grid td.aktif")
    assert cell.get_attribute("role") == "gridcell" and cell.get_attribute("aria-selected") == "true"
    assert grid.get_attribute("aria-activedescendant") == cell.get_attribute("id")
    assert page.inner_text("#sel-aktif").startswith("Kode, baris 5.01.01 ")

    # enter a value: the status line says column, row (code and name) and value
    ke_sel(page, SUB, "pagu")
    assert page.inner_text("#sel-aktif").startswith(f"Pagu indikatif 2022 (Rp), baris {SUB} ")
    assert page.inner_text("#sel-aktif").endswith(", 120.000.000")
    r = aktif(page)["r"]
    page.keyboard.type("150.000.000")
    page.keyboard.press("Enter")
    tunggu_tersimpan(page)
    assert aktif(page)["r"] == r + 1  # Enter saves and moves down

    # edit it in place (F2 keeps the text, selected)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("F2")
    assert page.locator("input.editor").input_value() == "150.000.000"
    page.keyboard.type("175.000.000")
    page.keyboard.press("Enter")
    tunggu_tersimpan(page)
    page.keyboard.press("ArrowUp")

    # Tab leaves the grid to this row's buttons only, then out of the table; Shift+Tab comes back
    page.keyboard.press("Tab")
    f = fokus(page)
    assert f["tag"] == "BUTTON" and f["teks"] == "Riwayat" and f["kode"] == SUB
    buttons = page.locator(f'tr[id="n-{SUB}"] td.k-aksi button').count()
    for _ in range(buttons - 1):
        page.keyboard.press("Tab")
        assert fokus(page)["kode"] == SUB
    page.keyboard.press("Tab")
    assert not fokus(page)["diGrid"]  # no trap: past the row's buttons, out of the grid
    for _ in range(buttons):
        page.keyboard.press("Shift+Tab")
    assert fokus(page)["teks"] == "Riwayat"

    # the row's history, reached by keyboard, names the row; Esc closes it and comes back
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden])")
    assert fokus(page)["id"] == "judul-panel"
    panel = page.inner_text("#panel")
    assert SUB in panel and "175.000.000" in panel
    page.keyboard.press("Escape")
    assert page.locator("#panel").is_hidden() and fokus(page)["teks"] == "Riwayat"
    page.keyboard.press("Shift+Tab")
    assert fokus(page)["id"] == "grid" and aktif(page)["kode"] == SUB and aktif(page)["k"] == "pagu"

    # undo twice, redo twice (Ctrl+Y, Ctrl+Shift+Z): each is saved anew
    pagu = page.locator(f'tr[data-kode="{SUB}"] td[data-k="pagu"]')
    for key, shown in (
        ("Control+z", "150.000.000"),
        ("Control+z", "120.000.000"),
        ("Control+y", "150.000.000"),
        ("Control+Shift+z", "175.000.000"),
    ):
        page.keyboard.press(key)
        expect(pagu).to_have_text(shown)
        tunggu_tersimpan(page)
    assert "Diulangi: 1 sel" in page.inner_text("#kabar")
    page.keyboard.press("Control+z")
    expect(pagu).to_have_text("150.000.000")
    tunggu_tersimpan(page)
    page.reload()
    pagu = page.locator(f'tr[data-kode="{SUB}"] td[data-k="pagu"]')
    assert pagu.inner_text() == "150.000.000"
    page.locator(f'tr[id="n-{SUB}"]').get_by_role("button", name="Riwayat").click()
    page.wait_for_selector("#panel:not([hidden])")
    history = [t for t in page.locator("#panel ol.riwayat li").all_inner_texts() if "Perencana Bappeda" in t]
    steps = ["120.000.000 → 150.000.000", "150.000.000 → 175.000.000", "175.000.000 → 150.000.000"]
    steps += ["150.000.000 → 120.000.000", "120.000.000 → 150.000.000", "150.000.000 → 175.000.000"]
    steps += ["175.000.000 → 150.000.000"]  # 2 edits, 2 undos, 2 redos, 1 undo: history stays true
    assert [t.split(": ")[-1] for t in history[::-1]] == steps
    page.keyboard.press("Escape")

    # copy a block (Shift+arrows) as TSV
    ke_grid(page)
    ke_sel(page, SUB, "pagu")
    page.keyboard.press("Shift+ArrowDown")
    page.keyboard.press("Shift+ArrowDown")
    page.keyboard.press("Shift+ArrowRight")
    assert "terpilih 3 baris × 2 kolom" in page.inner_text("#sel-aktif")
    page.keyboard.press("Control+c")
    tsv = page.evaluate("navigator.clipboard.readText()")
    rows = [r.split("\t") for r in tsv.split("\r\n")[:-1]]
    lokasi = page.locator(f'tr[id="n-{SUB}"] td[data-k="lokasi"]').inner_text()
    assert rows == [["150.000.000", lokasi], ["", ""], ["", ""]]  # then two rows of further indicators
    assert "Disalin 3 baris × 2 kolom" in page.inner_text("#kabar")

    # clear the checker's errors by keyboard and submit
    page.keyboard.press("Escape")
    for kode, nama in (
        ("5.01.01.2.01.06", "Jumlah Laporan Evaluasi Bulanan"),
        ("5.01.03.2.01.07", "Jumlah dokumen hasil pengendalian"),
        ("5.05.02.2.03.02", "Jumlah Dokumen Kajian Daya Saing"),
    ):
        ke_sel(page, kode, "sifat", nama)
        page.keyboard.type("Non-kumulatif")
        page.keyboard.press("Enter")
        tunggu_tersimpan(page)
    kosong = page.evaluate("[...document.querySelectorAll('textarea.catatan-review')].filter(t => !t.value).length")
    assert kosong == 3
    for _ in range(kosong):
        if "catatan-review" not in fokus(page)["cls"]:  # after the first, Tab has brought us to the next
            tab_sampai(page, lambda f: "catatan-review" in f["cls"] and not f["teks"])
        page.keyboard.type("Disesuaikan dengan hasil analisis kebutuhan.")
        page.keyboard.press("Tab")
        tunggu_tersimpan(page)
    expect(page.locator("#jumlah-error")).to_have_text("0")
    expect(page.locator("#alasan-ajukan")).to_have_text("")
    tab_sampai(page, lambda f: f["id"] == "ajukan", "Shift+Tab")
    page.keyboard.press("Enter")  # the confirmation page says what will happen
    expect(page.locator("#konfirmasi")).to_be_visible()
    tab_sampai(page, lambda f: f["id"] == "konfirmasi")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=telah diajukan ke Bappeda")
    foto(page, "20-diajukan-papan-ketik")
    context.close()


def test_ajukan_dinonaktifkan_dengan_alasan_tertulis(halaman, app):
    page = halaman
    masuk(page, app, *PERENCANA)
    page.goto(app + RK)
    assert page.locator("#ajukan").is_disabled()
    assert (
        page.inner_text("#alasan-ajukan")
        == "Belum dapat diajukan: perbaiki 6 galat pada pemeriksaan konsistensi di bawah."
    )


def test_tempel_satu_kolom_ke_baris_sub_kegiatan(halaman, app):
    page = halaman
    masuk(page, app, *PERENCANA)
    page.goto(app + RK)
    # the last sub kegiatan rows of the grid, with some rows of further indicators between them
    subs = page.evaluate(
        """() => { const rows = [...document.querySelectorAll('#grid tbody tr')];
        const awal = rows.filter(r => r.classList.contains('sub') && r.classList.contains('awal'));
        for (let i = awal.length - 2; i >= 0; i--) {
          const span = rows.indexOf(awal[awal.length - 1]) - rows.indexOf(awal[i]) + 1;
          if (span > awal.length - i) return awal.slice(i).map(r => r.dataset.kode); }
        return []; }"""
    )
    assert len(subs) >= 2
    start = page.locator(f'tr[data-kode="{subs[0]}"] td[data-k="pagu"]')
    start.click()
    values = [f"{i + 1}000000" for i in range(len(subs))]
    tempel(page, "\r\n".join(values) + "\r\n")
    tunggu_tersimpan(page)
    assert "ditempel ke " + str(len(subs)) + " sub kegiatan" in page.inner_text("#kabar")
    assert "baris yang hanya berisi indikator dilewati" in page.inner_text("#kabar")
    for kode, value in zip(subs, values, strict=True):
        expect(page.locator(f'tr[data-kode="{kode}"] td[data-k="pagu"]')).to_have_text(f"{value[:-6]}.000.000")
    # one value fewer: pasted row by row, which meets a row of a further indicator: refused, explained
    page.keyboard.press("Control+z")  # the whole column was one step
    tunggu_tersimpan(page)
    assert page.locator(f'tr[data-kode="{subs[0]}"] td[data-k="pagu"]').inner_text() != "1.000.000"
    tempel(page, "\n".join(["7"] * (len(subs) + 3)))
    text = page.inner_text("#pesan")
    assert "tidak ada sel yang diubah" in text and f"salin tepat {len(subs)} nilai" in text


def test_indikator_baru_lewat_formulir(halaman, app):
    page = halaman
    masuk(page, app, *PERENCANA)
    page.goto(app + RK)
    ke_grid(page)
    ke_sel(page, SUB, "indikator")
    tab_sampai(page, lambda f: f["aksi"] == "tambah-indikator", batas=6)
    page.keyboard.press("Enter")
    dialog = page.locator("#dialog-indikator")
    expect(dialog).to_be_visible()
    assert SUB in page.inner_text("#untuk-indikator")
    assert fokus(page)["id"] == "ind-nama"
    page.keyboard.type("Persentase undangan yang hadir")
    page.fill("#ind-satuan", "%")
    page.select_option("#ind-tipe_nilai", "angka")
    assert "Satuan '%' dengan tipe Angka" in page.inner_text("#cek-indikator")
    page.select_option("#ind-tipe_nilai", "persen")
    page.select_option("#ind-sifat", "kumulatif")
    page.select_option("#ind-polaritas", "negatif")
    assert page.locator("#ind-metode_negatif").is_visible()
    text = page.inner_text("#cek-indikator")
    assert "Hanya indikator angka yang boleh kumulatif" in text and "wajib memilih metode capaian" in text
    foto(page, "21-indikator-baru")
    page.click("#simpan-indikator")
    expect(dialog).to_be_visible()  # refused before sending
    page.select_option("#ind-sifat", "non_kumulatif")
    page.select_option("#ind-metode_negatif", "rasio_terbalik")
    page.click("#simpan-indikator")
    row = page.locator(f'tr[data-kode="{SUB}"]', has_text="Persentase undangan yang hadir")
    expect(row).to_have_count(1)
    cells = [row.locator(f'td[data-k="{k}"]').inner_text() for k in ("satuan", "tipe_nilai", "sifat", "polaritas")]
    assert cells == ["%", "Persen", "Non-kumulatif", "Negatif: target/realisasi"]


def tulis_catatan(browser, app, kode, isi):
    page = browser.new_context(viewport={"width": 1330, "height": 900}).new_page()
    masuk(page, app, "reviewer", "demo-reviewer-2022")
    page.goto(app + RK)
    page.locator(f'tr[data-kode="{kode}"]').get_by_role("button", name="Catatan").click()
    assert kode in page.inner_text("#panel .panel-baris")
    page.fill("#isi-baru", isi)
    page.get_by_role("button", name="Kirim catatan").click()
    page.wait_for_selector("#panel article.komentar")
    page.context.close()


@pytest.mark.parametrize("lebar", [1330, 768])
def test_kolom_beku_saat_digeser(browser, app, lebar):
    note = "Lokasi terlalu umum: sebutkan kecamatan dan kelurahan yang menjadi sasaran rapat koordinasi, " * 2
    tulis_catatan(browser, app, "5.01.01.2.01.02", note.strip())
    page = browser.new_context(viewport={"width": lebar, "height": 900}, locale="id-ID").new_page()
    masuk(page, app, *PERENCANA)
    page.goto(app + RK)
    heads = page.locator("#grid thead th").all_inner_texts()
    assert heads[:3] == ["Kode", "Program / Kegiatan / Sub Kegiatan", "Catatan Bappeda"]
    komentar = page.locator('tr[data-kode="5.01.01.2.01.02"] td.k-komentar')
    assert "Lokasi terlalu umum" in komentar.inner_text()
    assert komentar.locator("p").get_attribute("title") == note.strip()
    komentar.scroll_into_view_if_needed()
    foto(page, f"22-catatan-bappeda-{lebar}")
    wadah = page.locator(".rk-grid-wadah")
    page.evaluate(
        "() => { const w = document.querySelector('.rk-grid-wadah'); w.scrollLeft = w.scrollWidth; w.scrollTop = 600; }"
    )
    box = wadah.bounding_box()
    row = page.locator("#grid tbody tr").nth(20)
    kode, nama = row.locator("td.k-kode").bounding_box(), row.locator("td.k-nama").bounding_box()
    assert abs(kode["x"] - box["x"]) < 3 and nama["x"] >= kode["x"] + kode["width"] - 1
    assert nama["width"] >= 140 and nama["x"] + nama["width"] < lebar / 2 + 60
    head = page.locator("#grid thead th.k-kode").bounding_box()
    assert abs(head["y"] - box["y"]) < 3  # the header stays on top
    # the actions column (scrolled to) is readable beside the frozen columns
    aksi = row.locator("td.k-aksi").bounding_box()
    assert aksi["x"] >= nama["x"] + nama["width"] - 1
    page.locator("h1").scroll_into_view_if_needed()
    foto(page, f"22-kolom-beku-{lebar}")
    # an indicator's notes panel names the row and the indicator
    row.get_by_role("button", name="Riwayat").click()
    page.wait_for_selector("#panel:not([hidden])")
    assert row.get_attribute("data-kode") in page.inner_text("#panel .panel-baris")
    page.context.close()
