"""Issue 16, point 7: a planner of a new OPD writes a whole Renja in the browser, from nothing.

The admin sets up the OPD and its planner's account as an admin would, through the imports
(the list of OPDs and the list of users, with the one-time password); the planner changes the
password, starts the first Renstra and Renja from the home page, then fills, on the planner's
own screens only: a tujuan, a sasaran and an indicator with its Renstra targets; a program,
kegiatan and sub kegiatan with indicators, targets and pagu; one narrative section of each bab;
one row of each table (T-C.30, T-C.32, Tabel 4.1–4.4); the document's identity. No blocking
finding is left; the Renja is submitted through its confirmation page, and the PDF made by the
worker holds every text typed. axe-core checks every page visited; screenshots in
artefacts/browser/renja-baru-*.png."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foto
from tests.browser.test_navigasi import periksa_axe
from tests.browser.test_persiapan import unggah
from tests.pembantu import xlsx

pytestmark = pytest.mark.browser

TUNGGU = 180_000  # ms: the worker's PDF on a loaded machine
SANDI = "Kopi-Hangat-Pagi-77"
TAHUN_AWAL, TAHUN_AKHIR, N = 2026, 2030, 2027
R = f"/renja/DISDIK/{N}/"
SUB = "1.01.02.2.01.02"  # Penambahan Ruang Kelas Baru
KEG, PROG = SUB[:-3], SUB[:-8]


def tunggu_tersimpan(page):
    expect(page.locator("#keadaan")).to_have_text("Semua perubahan tersimpan.")


def siap(page):
    """The grid page (re)loaded with its scripts: a cell clicked before would lose the keys."""
    page.wait_for_selector("#grid.dapat-diubah")
    page.wait_for_load_state("load")


def lihat(page, nama):
    """axe-core on the page, and its screenshot."""
    periksa_axe(page, nama)
    foto(page, f"renja-baru-{nama}")


def siapkan_opd_dan_akun(browser, app, page, tmp_path):
    """The admin imports the OPD and its planner; the planner signs in with the one-time
    password and changes it. The planner's page, on the home page."""
    page.goto(app + "/masuk/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "demo-admin-2022")
    page.click("button[type=submit]")
    page.wait_for_url(app + "/")
    opd = [["Kode SKPD", "Nama", "Singkatan", "Bidang Urusan", "Unit Kerja"]]
    opd.append(["1.01.0.00.0.00.01.0000", "Dinas Pendidikan", "DISDIK", "1.01", "Sekretariat; Bidang Sekolah Dasar"])
    unggah(page, app, "opd", xlsx(opd), tmp_path)
    expect(page.locator("#ringkasan")).to_contain_text("baru: 1")
    lihat(page, "00-impor-opd")
    page.click("#terapkan")  # the worker saves it
    expect(page.locator(".pesan-situs")).to_contain_text("tersimpan: 1 baru", timeout=60_000)
    users = [["Nama Pengguna", "Nama", "NIP", "Email", "Peran", "OPD"]]
    users.append(
        ["perencana.disdik", "Rina Wulandari", "198703152011012002", "rina@contoh.go.id", "Perencana OPD", "DISDIK"]
    )
    unggah(page, app, "pengguna", xlsx(users), tmp_path)
    page.click("#terapkan")
    expect(page.locator("#sandi")).to_contain_text("perencana.disdik")
    sandi = page.locator("#sandi code").inner_text()
    lihat(page, "00-sandi-sekali-pakai")

    page.goto(app + f"/persiapan/?tahun={N}")
    row = page.locator("#persiapan tr", has_text="DISDIK")
    expect(row.get_by_role("link", name="Mulai Renstra dan Renja")).to_have_count(1)
    expect(row.get_by_role("link", name="Impor Renstra")).to_have_count(1)
    lihat(page, "01-persiapan")

    planner = browser.new_context(viewport={"width": 1500, "height": 950}, locale="id-ID").new_page()
    planner.set_default_timeout(15_000)
    planner.galat = []  # JavaScript errors of the planner's pages, as the halaman fixture keeps them
    planner.on("pageerror", lambda error: planner.galat.append(str(error)))
    planner.goto(app + "/masuk/")
    planner.fill("input[name=username]", "perencana.disdik")
    planner.fill("input[name=password]", sandi)
    planner.click("button[type=submit]")
    planner.wait_for_url(app + "/ganti-sandi/")
    lihat(planner, "00-ganti-sandi")
    planner.fill("input[name=old_password]", sandi)
    planner.fill("input[name=new_password1]", SANDI)
    planner.fill("input[name=new_password2]", SANDI)
    planner.keyboard.press("Enter")
    planner.wait_for_url(app + "/")
    return planner


def mulai(page, app):
    expect(page.locator("#opd-baru")).to_contain_text("Dinas Pendidikan (DISDIK) belum mempunyai Renstra dan Renja.")
    lihat(page, "02-beranda")
    page.get_by_role("link", name="Mulai Renstra dan Renja DISDIK").click()
    expect(page.locator("h1")).to_contain_text("Mulai Renstra dan Renja Dinas Pendidikan")
    lihat(page, "03-mulai")
    page.get_by_label("Tahun awal Renstra").fill(str(TAHUN_AWAL))
    page.get_by_label("Tahun akhir Renstra").fill(str(TAHUN_AWAL + 1))  # two years: refused
    page.get_by_label("Tahun Renja (n)").fill(str(N))
    page.click("#mulai")
    expect(page.locator("#ditolak")).to_contain_text(
        f"Periode Renstra {TAHUN_AWAL}–{TAHUN_AWAL + 1} (2 tahun) harus 3 sampai 6 tahun"
    )
    lihat(page, "04-mulai-ditolak")
    page.get_by_label("Tahun akhir Renstra").fill(str(TAHUN_AKHIR))
    page.click("#mulai")
    expect(page).to_have_url(app + R)
    expect(page.locator(".pesan-situs")).to_contain_text(f"Renja DISDIK {N} yang masih kosong telah dibuat")
    lihat(page, "05-renja")


def ketik(page, cell, text):
    cell.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    tunggu_tersimpan(page)
    expect(cell).to_have_text(text)


def tambah_indikator(page, tombol, nama, satuan, tipe="angka"):
    """The indicator dialog of the workspace and of the Renstra page; the page reloads with it."""
    tombol.click()
    dialog = page.locator("#dialog-indikator")
    expect(dialog).to_be_visible()
    page.locator("#ind-nama").fill(nama)
    page.locator("#ind-satuan").fill(satuan)
    page.locator("#ind-tipe_nilai").select_option(tipe)
    page.locator("#ind-sifat").select_option("non_kumulatif")
    page.locator("#ind-polaritas").select_option("positif")
    page.locator("#simpan-indikator").click()
    expect(page.locator("#grid tr", has_text=nama)).to_have_count(1, timeout=30_000)  # after the reload
    siap(page)


def baris(page, kode, nama):
    return page.locator(f'#grid tr[data-kode="{kode}"]', has_text=nama)


def ruang_kerja(page, app, teks):
    """One sub kegiatan with its pagu n and n+1, lokasi, and an indicator with targets n and n+1
    on it, its kegiatan and its program (the checker wants a target n on every funded node)."""
    page.goto(app + R)
    page.locator("#menyusun").get_by_role("link", name="Ruang kerja", exact=False).click()
    siap(page)
    lihat(page, "06-ruang-kerja-kosong")
    page.fill("#cari", "ruang kelas baru")
    page.locator("#hasil-cari li", has_text=SUB).get_by_role("button", name="Tambah").click()
    expect(page.locator(f'#grid tr[data-kode="{SUB}"]')).to_have_count(1, timeout=30_000)
    siap(page)
    sub = page.locator(f'#grid tr[data-kode="{SUB}"]').first
    ketik(page, sub.locator('td[data-k="pagu"]'), "1.250.000.000")
    ketik(page, sub.locator('td[data-k="pagu_maju"]'), "1.400.000.000")
    ketik(page, sub.locator('td[data-k="lokasi"]'), teks["lokasi"])
    for kode, nama, satuan in (
        (SUB, teks["ind_sub"], "ruang"),
        (KEG, teks["ind_keg"], "sekolah"),
        (PROG, teks["ind_prog"], "%"),
    ):
        tombol = page.locator(f'#grid tr[data-kode="{kode}"]').first.get_by_role("button", name="+ Indikator")
        tambah_indikator(page, tombol, nama, satuan, "persen" if satuan == "%" else "angka")
        row = baris(page, kode, nama)
        ketik(page, row.locator('td[data-k="target"]'), "12" if kode == SUB else "95")
        ketik(page, row.locator('td[data-k="target_maju"]'), "14" if kode == SUB else "96")
    lihat(page, "07-ruang-kerja")


def renstra(page, app, teks):
    """A tujuan, a sasaran linked to the program, and an indicator with its Renstra targets."""
    page.goto(app + R)
    page.locator("#menyusun").get_by_role("link", name="Renstra: tujuan", exact=False).click()
    siap(page)
    lihat(page, "08-renstra-kosong")
    page.get_by_role("button", name="+ Tujuan").click()
    tujuan = page.locator("#grid tr.tujuan", has_text="Tujuan 1 (tulis uraiannya)")
    expect(tujuan).to_have_count(1, timeout=30_000)
    siap(page)
    ketik(page, page.locator("#grid tr.tujuan").first.locator('td[data-k="uraian_tujuan"]'), teks["tujuan"])
    page.locator("#grid tr.tujuan").first.get_by_role("button", name="+ Sasaran").click()
    sasaran = page.locator("#grid tr.sasaran", has_text="(tulis uraiannya)")
    expect(sasaran).to_have_count(1, timeout=30_000)
    siap(page)
    sasaran = page.locator("#grid tr.sasaran").first
    ketik(page, sasaran.locator('td[data-k="uraian_sasaran"]'), teks["sasaran"])
    ketik(page, sasaran.locator('td[data-k="program"]'), PROG)
    tambah_indikator(page, sasaran.get_by_role("button", name="+ Indikator"), teks["ind_sasaran"], "%", "persen")
    row = page.locator("#grid tr", has_text=teks["ind_sasaran"])
    for i, nilai in enumerate(("90", "91", "92", "93", "94")):
        ketik(page, row.locator(f'td[data-k="target_{i}"]'), nilai)
    ketik(page, row.locator('td[data-k="akhir"]'), "94")
    lihat(page, "09-renstra")


def pelayanan(page, app, teks):
    """T-C.30 (Tabel 2.2): one indicator through its dialog, with a realisasi n-1, the Renstra
    target n and the projection n."""
    page.goto(app + R)
    page.locator("#menyusun").get_by_role("link", name="Tabel 2.2 Pencapaian Kinerja Pelayanan").click()
    expect(page.locator("#kosong")).to_be_visible()
    lihat(page, "10-pelayanan-kosong")
    page.locator("#tambah-indikator").click()
    expect(page.locator("#dialog-pelayanan")).to_be_visible()
    page.locator("#pl-kelompok_nomor").fill("1")
    page.locator("#pl-kelompok").fill(teks["kelompok_pelayanan"])
    page.locator("#pl-nomor").fill("1.1")
    page.locator("#pl-nama").fill(teks["ind_pelayanan"])
    page.locator("#pl-satuan").fill("%")
    lihat(page, "11-pelayanan-dialog")
    page.locator("#simpan-pelayanan").click()
    row = page.locator('#grid tr[data-kode="1.1"]')
    expect(row.locator('td[data-k="nama"]')).to_have_text(teks["ind_pelayanan"], timeout=30_000)
    siap(page)
    for kolom, nilai in (("realisasi-1", "88,5"), ("target0", "92"), ("proyeksi0", "91")):
        ketik(page, row.locator(f'td[data-k="{kolom}"]'), nilai)
    lihat(page, "12-pelayanan")


def tambah_baris(page):
    with page.expect_response(lambda r: r.url.endswith("/tambah/")) as jawab:
        page.locator("#tambah-baris").click()
    assert jawab.value.status == 200, jawab.value.text()
    expect(page.locator("#kosong")).to_have_count(0, timeout=30_000)  # after the reload
    siap(page)


def tabel_isian(page, app, judul, isian, nama):
    """A list table: from the Renja's page, "Tambah baris", then each cell typed."""
    page.goto(app + R)
    page.locator("#menyusun").get_by_role("link", name=judul).click()
    expect(page.locator("#kosong")).to_be_visible()
    lihat(page, f"{nama}-kosong")
    tambah_baris(page)
    row = page.locator("#grid tbody tr").first
    for kolom, nilai in isian:
        ketik(page, row.locator(f'td[data-k="{kolom}"]'), nilai)
    if page.locator("#pemeriksaan").count():  # a table the checker looks at
        expect(page.locator("#jumlah-error")).to_have_text("0")
    lihat(page, nama)


def narasi(page, app, bagian):
    page.goto(app + R)
    page.locator("#menyusun").get_by_role("link", name="Narasi", exact=False).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Narasi Renja")
    lihat(page, "20-narasi-kosong")
    for kunci, isi in bagian.items():
        sec = page.locator(f"#bagian-{kunci}")
        sec.locator("textarea").fill(isi)
        sec.get_by_role("button", name="Simpan bagian ini").click()
        expect(page.locator("ul.pesan-situs")).to_contain_text("tersimpan.")
        expect(page.locator(f"#bagian-{kunci} .terakhir")).to_contain_text("Terakhir diubah oleh")
    lihat(page, "21-narasi")


def identitas(page, app, teks):
    page.goto(app + R)
    page.locator("#menyusun").get_by_role("link", name="Identitas dokumen", exact=False).click()
    lihat(page, "22-identitas")
    page.get_by_label("Tempat (kota penandatanganan)").fill(teks["tempat"])
    page.get_by_label("Tanggal").fill(f"{N - 1}-12-15")
    page.get_by_label("Nama Kepala Perangkat Daerah (dengan gelar)").fill(teks["kepala"])
    page.get_by_label("NIP (18 angka)").fill("19700512 199503 1 004")
    page.get_by_label("Pangkat/golongan").fill(teks["pangkat"])
    page.click("#simpan-identitas")
    expect(page.locator(".pesan-situs")).to_contain_text("Identitas dokumen disimpan")
    lihat(page, "23-identitas-tersimpan")


def ajukan(page, app):
    """No blocking finding in the workspace; Ajukan, its confirmation page, and the new status."""
    page.goto(app + R + "ruang-kerja/")
    siap(page)
    expect(page.locator("#jumlah-error")).to_have_text("0")
    lihat(page, "24-ruang-kerja-siap")
    page.locator("#ajukan").click()
    expect(page.locator("h1")).to_contain_text(f"Renja DISDIK {N}")
    lihat(page, "25-ajukan-konfirmasi")
    page.locator("#konfirmasi").click()
    expect(page.locator("#status")).to_have_text("Diajukan ke Bappeda")
    lihat(page, "26-diajukan")


def unduh_pdf(page, app, tmp_path):
    """The document's PDF, made by the worker: its waiting page, then the file."""
    page.goto(app + R)
    page.get_by_role("link", name="PDF A4").click()
    expect(page.locator("h1")).to_have_text("Menyiapkan berkas")
    link = page.locator("#berkas-unduh a")
    expect(link).to_be_visible(timeout=TUNGGU)
    lihat(page, "27-berkas-siap")
    response = page.request.get(app + link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    path = tmp_path / "renja-disdik.pdf"
    path.write_bytes(response.body())
    return path


def teks_pdf(path):
    """The PDF's text as read (poppler, drawing order: a table cell's lines follow each other),
    with the hyphenation's line breaks joined and every run of blanks one space."""
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout
    raw = re.sub(r"[\u2010\u00ad]\n", "", raw)
    return " ".join(raw.split())


TEKS = {
    "lokasi": "Kecamatan Cipocok Jaya",
    "ind_sub": "Jumlah ruang kelas baru yang dibangun",
    "ind_keg": "Jumlah sekolah dasar yang dikelola sesuai standar",
    "ind_prog": "Angka partisipasi murni sekolah dasar",
    "tujuan": "Meningkatnya akses pendidikan dasar yang bermutu",
    "sasaran": "Meningkatnya daya tampung sekolah dasar negeri",
    "ind_sasaran": "Persentase rombongan belajar dengan ruang kelas layak",
    "kelompok_pelayanan": "Pendidikan Dasar",
    "ind_pelayanan": "Angka putus sekolah jenjang dasar",
    "usulan": "Rehabilitasi ruang kelas SD Negeri Banjarsari",
    "alasan": "Sudah dianggarkan melalui dana alokasi khusus",
    "akun": "Retribusi pemakaian gedung pertemuan sekolah",
    "unggulan": "Sekolah ramah anak di kawasan padat",
    "mendesak": "Perbaikan atap kelas yang rusak berat",
    "kl": "Revitalisasi perpustakaan sekolah dasar negeri",
    "tempat": "Serang",
    "kepala": "Dr. Hendra Kusuma, M.Pd.",
    "pangkat": "Pembina Utama Muda (IV/c)",
}
NARASI = {
    "bab1_latar_belakang": "Renja Dinas Pendidikan disusun sebagai penjabaran Renstra untuk satu tahun anggaran.",
    "bab1_maksud_tujuan": "Maksud penyusunan Renja adalah memberi arah pembangunan pendidikan dasar di kota.",
    "bab2_isu_penting": "Daya tampung sekolah dasar negeri di kecamatan padat penduduk belum mencukupi.",
    "bab3_telaahan_kebijakan": "Kebijakan nasional wajib belajar sembilan tahun menjadi acuan utama program.",
    "bab4_pendapatan": "Pendapatan dinas berasal dari retribusi pemakaian gedung milik sekolah negeri.",
    "bab5_catatan_penting": "Pelaksanaan Renja dipantau setiap triwulan oleh sekretariat dinas bersama Bappeda.",
}


def test_opd_baru_dari_renja_kosong_sampai_pdf(browser, app, halaman, tmp_path):
    page = siapkan_opd_dan_akun(browser, app, halaman, tmp_path)
    mulai(page, app)
    ruang_kerja(page, app, TEKS)
    renstra(page, app, TEKS)
    pelayanan(page, app, TEKS)
    t = TEKS
    tabel_isian(
        page,
        app,
        "Usulan pemangku kepentingan",
        [
            ("sumber", "Musrenbang Kecamatan"),
            ("program_kegiatan", t["usulan"]),
            ("status", "Tidak diakomodasi"),
            ("alasan", t["alasan"]),
        ],
        "13-tc32",
    )
    tabel_isian(
        page,
        app,
        "Rencana pendapatan",
        [("kode_akun", "4.1.02.02"), ("uraian", t["akun"]), ("target", "25.000.000")],
        "14-tabel-4-1",
    )
    for judul, teks, nama in (
        ("Program unggulan", t["unggulan"], "15-tabel-4-2"),
        ("Program mendesak", t["mendesak"], "16-tabel-4-3"),
    ):
        tabel_isian(
            page,
            app,
            judul,
            [("program", "Program Pengelolaan Pendidikan"), ("indikasi_kegiatan", teks), ("pagu", "500.000.000")],
            nama,
        )
    tabel_isian(
        page,
        app,
        "Usulan pada Renja K/L",
        [("uraian", t["kl"]), ("indikator", "Jumlah perpustakaan"), ("target", "3"), ("pagu", "750.000.000")],
        "17-tabel-4-4",
    )
    narasi(page, app, NARASI)
    identitas(page, app, TEKS)
    ajukan(page, app)
    teks = teks_pdf(unduh_pdf(page, app, tmp_path))
    dicari = [*TEKS.values(), *NARASI.values(), SUB, "1.250.000.000", "1.400.000.000", "88,5", "Jumlah perpustakaan"]
    dicari += ["4.1.02.02", "25.000.000", "500.000.000", "750.000.000", "NIP. 19700512 199503 1 004"]
    dicari.append(f"{TEKS['tempat']}, 15 Desember {N - 1}")  # the signature's place and date
    dicari.append(f"{TEKS['ind_sasaran']} % 91")  # Tabel 3.1: the Renstra target of year n
    hilang = [t for t in dicari if " ".join(t.split()) not in teks]
    assert hilang == [], f"tidak ada di PDF: {hilang}"
    assert page.galat == [], f"galat JavaScript: {page.galat}"
    page.context.close()
