"""Issue 15 point 6, end to end: from an empty Pemda and the nomenclature master, a fresh Pemda
with two OPDs is set up from files alone, through ``manage.py`` commands only (no admin site, no
Python): the list of OPDs, the accounts, each OPD's Renstra 2018–2023 (the six-year period of
the seed, targets from 2019 as Kota Serang prints them), its Renja 2022 in the regulation's
T-C.33 form and its Tabel 2.1 history. Both Renja documents then print as HTML, PDF and XLSX,
and Tabel 2.1 carries the spec's hand-worked figures (check cases C-01…C-10, riwayat_data.HARAPAN)
for Bappeda and the legacy codes as written for the other OPD."""

import io
import re
import shutil
import subprocess
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from laporan.builders.tc29 import evaluasi_renja_lalu
from renja import impor_renja
from renja.impor import BARU, BERUBAH
from renja.models import Impor, Indikator, PerangkatDaerah, Renja
from tests.laporan.spreadsheet import SOFFICE, hitung_ulang
from tests.onboarding import riwayat_data
from tests.onboarding.conftest import JUDUL, KEPALA_OPD, MERGE_OPD
from tests.onboarding.renja_berkas import formulir
from tests.pembantu import xlsx

PEMDA = "99.03"
PDFTOTEXT = shutil.which("pdftotext")
OPD = [
    ["1", "5.01.5.05.0.00.01.0000", "Badan Perencanaan Pembangunan Daerah", "BAPPEDA", "5.01, 5.5", "Sekretariat"],
    ["2", "2.16.0.00.0.00.01.0000", "Dinas Komunikasi dan Informatika", "DISKOMINFO", "2.16", "Sekretariat"],
]
PENGGUNA = [
    ["Nama Pengguna", "Nama", "NIP", "Email", "Peran", "OPD"],
    ["admin.berkas", "Admin Berkas", None, "admin@berkas.go.id", "admin", None],
    ["perencana.bappeda.berkas", "Perencana Bappeda", None, None, "perencana", "BAPPEDA"],
    ["perencana.kominfo.berkas", "Perencana Kominfo", None, None, "perencana", "DISKOMINFO"],
]

# The Renstra's "Rencana Program, Kegiatan dan Pendanaan" as the seed prints it: tujuan, sasaran,
# indikator, the baseline, a Target | Rp pair per year 2019–2023 (the Renstra is 2018–2023: the
# first year is the baseline's), the end-of-period pair.
TAHUN = [2019, 2020, 2021, 2022, 2023]
RENSTRA_KEPALA = [
    [
        "Tujuan",
        "Sasaran",
        "Kode",
        "Program/Kegiatan/Sub Kegiatan",
        "Indikator",
        "Data Capaian Awal (2018)",
        "Target Kinerja dan Kerangka Pendanaan",
        *[None] * 9,
        "Kondisi Kinerja pada Akhir Periode",
        None,
    ],
    [None] * 6 + [x for t in TAHUN for x in (t, None)] + [None] * 2,
    [None] * 6 + ["Target", "Rp"] * 6,
    list(range(1, 19)),
]
RENSTRA_MERGE = [*(f"{c}3:{c}5" for c in "ABCDEF"), "G3:P3", "Q3:R4"] + [
    f"{a}4:{b}4" for a, b in (("G", "H"), ("I", "J"), ("K", "L"), ("M", "N"), ("O", "P"))
]


def _per_tahun(targets, pagu):
    return [x for t, p in zip(targets, pagu, strict=True) for x in (t, p)]


def renstra_bappeda():
    """Bappeda's Renstra: the indicators of check cases C-06 (program), C-01 and C-03 (sub
    kegiatan) with the yearly targets whose end-of-period target kolom 4 of Tabel 2.1 repeats."""
    kosong = [None] * 5
    rows = [
        ["Terwujudnya kualitas perencanaan pembangunan daerah", None, None, None, "Indeks perencanaan", "6"]
        + _per_tahun(["6,4", "6,6", "6,8", "7", "7,2"], kosong)
        + ["7,2", None],
        [None, "Meningkatnya keselarasan perencanaan pembangunan daerah", None, None, "Tingkat konsistensi", "90%"]
        + _per_tahun(["95%", "96%", "97%", "98%", "99%"], kosong)
        + ["99%", None],
        [None, None, "5.1.2", riwayat_data.BAP[0][2], riwayat_data.BAP[0][3], None]
        + _per_tahun(["100%"] * 5, kosong)
        + ["100%", None],
        [None, None, "5.01.02.2.01", "Penyusunan Perencanaan dan Pendanaan", None, None] + [None] * 10 + [None, None],
        [None, None, "5.01.02.2.01.03", "Pelaksanaan Konsultasi Publik", "Kegiatan Penyelenggaraan FKP", None]
        + _per_tahun(["1 Kegiatan"] * 5, ["150.000.000"] * 5)
        + ["5 Kegiatan", "750.000.000"],
        [None, None, "5.01.02.2.03", "Pengendalian, Evaluasi dan Pelaporan Pembangunan Daerah", None, None]
        + [None] * 12,
        [None, None, "5.01.02.2.03.03", riwayat_data.BAP[4][2], "Dokumen Evaluasi RKPD", None]
        + _per_tahun(["4 Dokumen", "3", "3", "3", "3"], ["80,000,000"] * 5)
        + ["16 Dokumen", "400.000.000"],
    ]
    return xlsx([["RENCANA PROGRAM, KEGIATAN DAN PENDANAAN BAPPEDA 2018-2023"], [], *RENSTRA_KEPALA, *rows],
                merge=RENSTRA_MERGE)  # fmt: skip


def renstra_kominfo():
    kosong = [None] * 5
    rows = [
        ["Meningkatnya keterbukaan informasi publik", None, None, None, "Indeks keterbukaan informasi", "70"]
        + _per_tahun(["72", "74", "76", "78", "80"], kosong)
        + ["80", None],
        [None, "Meningkatnya layanan informasi publik", None, None, "Persentase permohonan informasi dilayani", "80%"]
        + _per_tahun(["85%", "88%", "90%", "92%", "95%"], kosong)
        + ["95%", None],
        [None, None, "2.16.02", "Program Informasi dan Komunikasi Publik", "Persentase konten publikasi", None]
        + _per_tahun(["60%", "65%", "70%", "75%", "80%"], kosong)
        + ["80%", None],
        [None, None, "2.16.02.2.01", "Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota",
         None, None] + [None] * 12,
        [None, None, "2.16.02.2.01.06", "Pelayanan Informasi Publik", "Jumlah layanan informasi publik", None]
        + _per_tahun(["12 Layanan"] * 5, ["90.000.000"] * 5)
        + ["60 Layanan", "450.000.000"],
    ]  # fmt: skip
    return xlsx([["RENSTRA DISKOMINFO 2018-2023"], [], *RENSTRA_KEPALA, *rows], merge=RENSTRA_MERGE)


def renja_bappeda():
    """Bappeda's Renja 2022 in the T-C.33 form: the printed program and kegiatan pagu are the
    sums of their sub kegiatan (n: 150 + 85 = 235 juta; n+1: 160 + 90 = 250 juta)."""
    return formulir(
        [
            ["5", "URUSAN PEMERINTAHAN FUNGSI PENUNJANG", None, None, None, None, None, None, None, None],
            ["5.01", "PERENCANAAN", None, None, None, None, None, None, None, None],
            ["5.1.2", riwayat_data.BAP[0][2], riwayat_data.BAP[0][3], "Kota", "100%", "235.000.000", None, None,
             "100 %", "250.000.000"],
            ["5.01.02.2.01", "Penyusunan Perencanaan dan Pendanaan", None, None, None, "150.000.000", None, None, None,
             "160.000.000"],
            ["5.01.02.2.01.03", "Pelaksanaan Konsultasi Publik", "Kegiatan Penyelenggaraan FKP", "Kota Berkas",
             "1 Kegiatan", "150.000.000", "APBD Kota Berkas", None, "1 Kegiatan", "160.000.000"],
            ["5.01.02.2.03", "Pengendalian, Evaluasi dan Pelaporan Pembangunan Daerah", None, None, None,
             "85.000.000", None, None, None, "90.000.000"],
            ["5.01.02.2.03.03", riwayat_data.BAP[4][2], "Dokumen Evaluasi RKPD", "Kota Berkas", "3 Dokumen",
             "85.000.000", "APBD Kota Berkas", None, "3 Dokumen", "90.000.000"],
        ]
    )  # fmt: skip


def renja_kominfo():
    return formulir(
        [
            ["2.16.02", "Program Informasi dan Komunikasi Publik", "Persentase konten publikasi", "Kota", "75%",
             "95.000.000", None, None, "80%", "100.000.000"],
            ["2.16.02.2.01", "Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota", None,
             None, None, "95.000.000", None, None, None, "100.000.000"],
            ["2.16.02.2.01.06", "Pelayanan Informasi Publik", "Jumlah layanan informasi publik", "Kota Berkas",
             "12 Layanan", "95.000.000", "APBD Kota Berkas", None, "12 Layanan", "100.000.000"],
        ]
    )  # fmt: skip


def jalankan(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def pdf_text(data, tmp_path):
    path = tmp_path / "dokumen.pdf"
    path.write_bytes(data)
    return subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def impor(jenis, path, *args):
    """``manage.py impor``: the dry run, which must understand the file with no problem but
    warnings (one line each), then the apply; (dry run output, apply output)."""
    kering = jalankan("impor", jenis, path, "--pemda", PEMDA, *args)
    masalah = [line for line in kering.splitlines() if line.startswith("baris ") and ": peringatan: " not in line]
    assert masalah == [] and "Tidak ada yang disimpan." in kering, kering
    return kering, jalankan("impor", jenis, path, "--pemda", PEMDA, *args, "--terapkan", "--oleh", "operator")


@pytest.fixture
def kota(db, tmp_path, monkeypatch):
    """Pemda 99.03 set up through commands and files alone: (Renja 2022 by singkatan, the
    commands' output by (singkatan, kind))."""
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Sandi-Operator-2025!")
    call_command("createsuperuser", "--noinput", "--username", "operator", "--email", "op@contoh.go.id")
    jalankan("buat_pemda", "--kode", PEMDA, "--nama", "Pemerintah Kota Berkas", "--jenis", "kota")

    def tulis(name, data):
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    out = {"opd": impor("opd", tulis("opd.xlsx", xlsx([*JUDUL, *KEPALA_OPD, *OPD], merge=MERGE_OPD)))}
    out["pengguna"] = impor("pengguna", tulis("pengguna.xlsx", xlsx(PENGGUNA)))
    files = {
        "BAPPEDA": (renstra_bappeda(), renja_bappeda(), riwayat_data.berkas(riwayat_data.baris_bap())),
        "DISKOMINFO": (renstra_kominfo(), renja_kominfo(), riwayat_data.berkas(riwayat_data.SET)),
    }
    for singkatan, berkas in files.items():
        for (jenis, tahun), data in zip(
            (("renstra", "2018"), ("renja", "2022"), ("riwayat", "2022")), berkas, strict=True
        ):
            path = tulis(f"{jenis}-{singkatan}.xlsx", data)
            out[singkatan, jenis] = impor(jenis, path, "--opd", singkatan, "--tahun", tahun)
    renja = Renja.objects.filter(opd__pemda__kode=PEMDA).select_related("opd", "renstra")
    return {r.opd.singkatan.upper(): r for r in renja}, out


def masuk(kota, singkatan):
    """A planner of ``singkatan`` signed in as a new user is: the one-time password the pengguna
    import printed, then the forced change of it."""
    sandi = dict(re.findall(r"^kata sandi sekali pakai (\S+) \(.*\): (\S+)$", kota[1]["pengguna"][1], re.MULTILINE))
    username, client, baru = PERENCANA[singkatan], Client(), "Kopi-Hangat-Pagi-77"
    assert client.post("/masuk/", {"username": username, "password": sandi[username]}).status_code == 302
    form = {"old_password": sandi[username], "new_password1": baru, "new_password2": baru}
    assert client.post("/ganti-sandi/", form).status_code == 302
    return client


PERENCANA = {"BAPPEDA": "perencana.bappeda.berkas", "DISKOMINFO": "perencana.kominfo.berkas"}
# Bappeda's check cases by the code Tabel 2.1 prints for them: (kolom 10, kolom 11) as printed
CETAK = {
    "5.01.02.2.01.03": ("3", "60,00"),  # C-01: kumulatif 1 + 1 + 1 of 5
    "5.01.02.2.03.03": ("10", "62,50"),  # C-03: 4 + 3 + 3 of 16
    "5.01.02.2.01.01": ("1", "33,33"),  # C-05: 0 + 0 + 1 of 3 (kolom 8 is 0/0: "–")
}


def test_pemda_dan_kedua_opd_tersusun_dari_berkas_saja(kota):
    renja, out = kota
    assert set(renja) == {"BAPPEDA", "DISKOMINFO"}
    assert PerangkatDaerah.objects.filter(pemda__kode=PEMDA).count() == 2
    assert get_user_model().objects.filter(username__in=[*PERENCANA.values(), "admin.berkas"]).count() == 3
    assert len(re.findall(r"^kata sandi sekali pakai ", out["pengguna"][1], re.MULTILINE)) == 3
    for singkatan, r in renja.items():
        assert (r.renstra.tahun_awal, r.renstra.tahun_akhir, r.status) == (2018, 2023, Renja.Status.DRAF)
        # the six-year period read from the headers, its baseline year said in the dry run
        assert "tahun 2018 dalam periode tidak mempunyai kolom target" in out[singkatan, "renstra"][0]
        assert r.sub_kegiatan.count() == (2 if singkatan == "BAPPEDA" else 1)
    assert Impor.objects.filter(pemda__kode=PEMDA).count() + Impor.objects.filter(opd__pemda__kode=PEMDA).count() == 8
    for (_, jenis), (_, applied) in ((k, v) for k, v in out.items() if isinstance(k, tuple)):
        assert re.search(r"^Impor #\d+ tersimpan: [1-9]\d* baru", applied, re.MULTILINE), (jenis, applied)
    # the same Renja file again changes nothing
    bappeda = renja["BAPPEDA"]
    again = impor_renja.periksa(bappeda.opd, renja_bappeda(), "renja.xlsx", 2022)
    assert [(b.nomor, b.kolom) for b in again.baris if b.status in (BARU, BERUBAH)] == []
    rsk = bappeda.sub_kegiatan.select_related("sub_kegiatan__nomenklatur").get(
        sub_kegiatan__nomenklatur__kode="5.01.02.2.03.03"
    )
    assert (rsk.pagu, rsk.pagu_maju, rsk.lokasi, rsk.sumber_dana.nama) == (
        D("85000000"), D("90000000"), "Kota Berkas", "APBD Kota Berkas"
    )  # fmt: skip


def test_tabel_2_1_angka_yang_dihitung_tangan(kota):
    renja, _ = kota
    tabel = evaluasi_renja_lalu(renja["BAPPEDA"])
    rows = {b.sel[2].nilai: b for b in tabel.baris if b.jenis not in ("program", "kegiatan") or b.sel[2].nilai}
    for case in riwayat_data.BAP:
        sifat, k8, k10, k11 = riwayat_data.HARAPAN[case[0]]
        row = rows[case[3]]
        assert row.sel[10].nilai == D(k10), case[0]
        assert round(row.sel[11].nilai, 2) == D(k11), case[0]
        assert row.sel[8].nilai == (D(k8) if k8 else None), case[0]
    # the indicators of the Renstra and the Renja are the history's own, not a copy
    fkp = Indikator.objects.for_opd(renja["BAPPEDA"].opd).filter(nama="Kegiatan Penyelenggaraan FKP")
    assert fkp.count() == 1
    # DISKOMINFO: the history's legacy codes printed as written, marked
    kode = [
        b.sel[0].nilai for b in evaluasi_renja_lalu(renja["DISKOMINFO"]).baris if b.jenis in ("program", "kegiatan")
    ]
    assert kode[0] == "2.16.02" and [k for k in kode if k.endswith(" *")] == [
        "4001,01 *", "4001.400101.01.001 *", "4001.400101.19 *", "4001.400101.19.001 *", "4001.400101.20 *",
        "4001.400101.20.001 *",
    ]  # fmt: skip


def test_dokumen_html_kedua_opd(kota):
    renja, klien = kota[0], {s: masuk(kota, s) for s in PERENCANA}
    for singkatan, r in renja.items():
        response = klien[singkatan].get(f"/renja/{r.opd.singkatan}/2022/dokumen/")
        assert response.status_code == 200, singkatan
        html = response.content.decode()
        assert "Tabel 2.1" in html and r.opd.nama in html and "BAB V" in html
    html = klien["BAPPEDA"].get(f"/renja/{renja['BAPPEDA'].opd.singkatan}/2022/dokumen/").content.decode()
    for kode, angka in CETAK.items():
        row = next(tr for tr in html.split("<tr")[1:] if f">{kode}<" in tr)
        text = [re.sub(r"<[^>]+>", "", "<td" + td).strip() for td in re.split(r"<t[dh]\b", row)[1:]]
        assert text[-2:] == list(angka), (kode, text)
    # another OPD's planner sees neither document
    assert klien["DISKOMINFO"].get(f"/renja/{renja['BAPPEDA'].opd.singkatan}/2022/dokumen/").status_code == 404


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils tidak terpasang (bin/test memasangnya)")
def test_dokumen_pdf_kedua_opd(kota, tmp_path):
    renja, klien = kota[0], {s: masuk(kota, s) for s in PERENCANA}
    for singkatan, r in renja.items():
        response = klien[singkatan].get(f"/renja/{r.opd.singkatan}/2022/dokumen.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", singkatan
        text = pdf_text(response.content, tmp_path)
        assert "Tabel 2.1" in text and "TOTAL" in text
        if singkatan == "BAPPEDA":
            for kode, (k10, k11) in CETAK.items():
                line = next(line for line in text.splitlines() if kode in line)
                assert line.split()[-2:] == [k10, k11], line
        else:
            assert any(line.split()[:1] == ["4001,01"] for line in text.splitlines())


def test_dokumen_xlsx_kedua_opd(kota, tmp_path):
    renja, klien = kota[0], {s: masuk(kota, s) for s in PERENCANA}
    for singkatan, r in renja.items():
        response = klien[singkatan].get(f"/renja/{r.opd.singkatan}/2022/dokumen.xlsx")
        assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
        book = load_workbook(io.BytesIO(response.content))
        assert "Tabel 2.1" in book.sheetnames, book.sheetnames
    if SOFFICE is None:
        pytest.skip("LibreOffice tidak terpasang: kolom berformula tidak dihitung ulang")
    response = klien["BAPPEDA"].get(f"/renja/{renja['BAPPEDA'].opd.singkatan}/2022/dokumen.xlsx")
    ws = hitung_ulang(response.content, tmp_path)["Tabel 2.1"]
    found = {}
    for row in ws.iter_rows(values_only=True):
        if row and row[0] in CETAK:
            found[row[0]] = row
    assert set(found) == set(CETAK)
    for kode, (k10, k11) in CETAK.items():
        assert round(D(str(found[kode][-2])), 2) == D(k10.replace(",", ".")), kode
        assert round(D(str(found[kode][-1])), 2) == D(k11.replace(",", ".")), kode
