"""Browser tests: Playwright drives Debian's Chromium (headless) against the app served by
``manage.py runserver`` on a free port of 127.0.0.1, with a real worker (``manage.py
db_worker``, the database task backend) and its own SQLite database holding the demo data. The database is prepared once (migrate + muat_demo) and copied back before each
test, so every test starts from the same demo Renja. Screenshots go to artefacts/browser/."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("RENJA_CHROMIUM", "/usr/bin/chromium")
ARTEFAK = ROOT / "artefacts" / "browser"


def pulihkan_basis_data(template, live):
    """Put the demo database back into ``live`` through SQLite's backup API: the server and the
    worker, which may be reading it at that moment, see the old or the new database under
    SQLite's locks, never a half-copied file (a worker that read one died of "no such table")."""
    source, target = sqlite3.connect(template), sqlite3.connect(live, timeout=60)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def basis_data_browser(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    template, live = folder / "demo.sqlite3", folder / "live.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{template}", "DJANGO_DEBUG": "1"}
    for command in (["migrate", "--noinput", "-v0"], ["muat_demo"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    return template, live


class Pekerja:
    """The worker process of the served app; a test may kill it and start another."""

    def __init__(self, env, log):
        self.env, self.log = env, log
        self.process = None

    def mulai(self):
        command = ["db_worker", "--no-reload", "--interval", "0.3", "--no-startup-delay"]
        subprocess.run([sys.executable, "manage.py", "bersihkan_berkas"], cwd=ROOT, env=self.env, check=True)
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def bunuh(self):
        self.process.kill()
        self.process.wait(10)

    def berhenti(self):
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture(scope="session")
def lingkungan(basis_data_browser, tmp_path_factory):
    template, live = basis_data_browser
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{live}",
        "DJANGO_DEBUG": "1",
        "DJANGO_CONN_MAX_AGE": "0",
        "RENJA_MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        "RENJA_BERKAS_MACET": "8",
    }


@pytest.fixture(scope="session")
def pekerja(lingkungan, basis_data_browser):
    _, live = basis_data_browser
    with open(live.with_name("pekerja.log"), "w") as log:
        worker = Pekerja(lingkungan, log)
        yield worker
        if worker.process.poll() is None:
            worker.berhenti()


@pytest.fixture(scope="session")
def server(basis_data_browser, lingkungan, pekerja):
    template, live = basis_data_browser
    pulihkan_basis_data(template, live)
    port = _port()
    env = lingkungan
    pekerja.mulai()
    log = open(live.with_suffix(".log"), "w")  # noqa: SIM115 - closed after the server stops
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(400):  # up to about 40 s on a loaded machine (the worker starts beside it)
        try:
            urllib.request.urlopen(url + "/masuk/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError(f"Server tidak mau jalan: {live.with_suffix('.log').read_text()}")
    yield url
    process.terminate()
    process.wait(10)
    log.close()


@pytest.fixture
def app(server, basis_data_browser):
    """The server's URL, with the demo database restored (the server holds no connection
    between requests: CONN_MAX_AGE is 0)."""
    template, live = basis_data_browser
    pulihkan_basis_data(template, live)
    return server


expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}: jalankan bin/test (memasang paket chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def halaman(browser):
    context = browser.new_context(viewport={"width": 1500, "height": 950}, locale="id-ID")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if msg.type == "error" and "Content Security Policy" in msg.text else None,
    )
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert errors == [], f"galat JavaScript: {errors}"


def foto(page, name):
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFAK / f"{name}.png"), full_page=False)


def masuk(page, url, username, password):
    page.goto(url + "/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(url + "/")


def siapkan_pengajuan(page):
    """In the workspace, clear what blocks submitting the demo Renja, as its planner would: make
    the three kumulatif indicators whose end target is below Σ yearly targets non-kumulatif, and
    write a Catatan Penting on each T-C.31 row that differs from the Rancangan Awal RKPD."""
    for kode, nama in (
        ("5.01.01.2.01.06", "Jumlah Laporan Evaluasi Bulanan"),
        ("5.01.03.2.01.07", "Jumlah dokumen hasil pengendalian"),
        ("5.05.02.2.03.02", "Jumlah Dokumen Kajian Daya Saing"),
    ):
        cell = page.locator(f'tr[data-kode="{kode}"]', has_text=nama).locator('td[data-k="sifat"]')
        cell.click()
        page.keyboard.type("Non-kumulatif")
        page.keyboard.press("Enter")
        expect(page.locator("#keadaan")).to_have_text("Semua perubahan tersimpan.")
    notes = page.locator("textarea.catatan-review")
    assert notes.count() == 3
    for i in range(notes.count()):
        notes.nth(i).fill("Disesuaikan dengan hasil analisis kebutuhan.")
        notes.nth(i).press("Tab")  # leaving the field saves it
        expect(page.locator("#keadaan")).to_have_text("Semua perubahan tersimpan.")
