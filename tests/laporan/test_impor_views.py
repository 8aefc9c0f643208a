"""The import pages (admin only): upload → dry run → apply or cancel; template workbooks that
import back; the management command."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from evaluasi.models import RealisasiKinerja
from renja.models import Impor, Indikator, UnggahanImpor
from tests.pembantu import masuk, xlsx

User = get_user_model()


def unggah(client, opd, data, nama="realisasi.xlsx", jenis="kinerja"):
    return client.post(
        "/impor/", {"opd": opd.pk, "jenis": jenis, "berkas": SimpleUploadedFile(nama, data)}, follow=True
    )


def test_templat_diisi_lalu_diimpor_kembali(bappeda, django_assert_max_num_queries):
    admin = masuk("admin")
    response = admin.get(f"/impor/templat/kinerja/{bappeda.pk}.xlsx")
    assert "templat-realisasi-kinerja-bappeda-2022.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    ws = book["Realisasi Kinerja"]
    tw = ["Penjelasan TW I", "Penjelasan TW II", "Penjelasan TW III", "Penjelasan TW IV"]
    assert book.sheetnames == ["Realisasi Kinerja", *tw, "Petunjuk"]
    rows = list(ws.iter_rows(values_only=True))
    expected = Indikator.objects.for_opd(bappeda.opd).filter(tujuan=None, sasaran=None).count()
    assert rows[0][:3] == ("ID Indikator", "Kode", "Program/Kegiatan/Sub Kegiatan") and len(rows) - 1 == expected
    assert rows[0][6:10] == (
        "Realisasi 2022 TW I",
        "Realisasi 2022 TW II",
        "Realisasi 2022 TW III",
        "Realisasi 2022 TW IV",
    )
    filled = [i for i, r in enumerate(rows[1:], start=2) if r[5] == "Angka"][:2]
    for index in filled:
        ws.cell(index, 8, "1.234")  # TW II
    out = io.BytesIO()
    book.save(out)
    before = RealisasiKinerja.objects.count()
    page = unggah(admin, bappeda.opd, out.getvalue()).content.decode()
    assert "baru: <strong>2</strong>" in page and "galat: <strong>0</strong>" in page
    assert "halaman Monev Renja 2022 (TW II)" in page and "Tabel 2.1 Renja 2023" in page  # where they appear
    assert RealisasiKinerja.objects.count() == before  # the dry run writes nothing
    unggahan = UnggahanImpor.objects.get()
    response = admin.post(f"/impor/{unggahan.pk}/terapkan/", follow=True)
    assert "tersimpan: 2 baru" in response.content.decode()
    assert RealisasiKinerja.objects.count() == before + 2 and not UnggahanImpor.objects.exists()
    assert RealisasiKinerja.objects.filter(tahun=2022, periode="tw2", nilai=1234).count() == 2  # 1.234 is 1234
    assert Impor.objects.get().nama_berkas == "realisasi.xlsx"


def test_templat_tahun_sebelumnya_dan_tahun_lain_ditolak(bappeda):
    admin = masuk("admin")
    response = admin.get(f"/impor/templat/anggaran/{bappeda.pk}.xlsx?tahun=2021")
    ws = load_workbook(io.BytesIO(response.content))["Realisasi Anggaran"]
    assert next(ws.iter_rows(values_only=True))[3] == "Realisasi 2021 TW I (Rp)"
    assert admin.get(f"/impor/templat/anggaran/{bappeda.pk}.xlsx?tahun=2019").status_code == 404


def test_berkas_bergalat_tidak_dapat_disimpan(bappeda):
    admin = masuk("admin")
    ind = Indikator.objects.filter(sub_kegiatan__nomenklatur__kode="5.01.01.2.01.01").first()
    data = xlsx([["ID Indikator", "Tahun", "Realisasi"], [ind.pk, 2021, "#REF!"], [ind.pk, 2020, 4]])
    page = unggah(admin, bappeda.opd, data).content.decode()
    assert "galat: <strong>1</strong>" in page and 'name="kosongkan"' in page  # saved only if confirmed
    assert "galat spreadsheet #REF!" in page
    unggahan = UnggahanImpor.objects.get()
    response = admin.post(f"/impor/{unggahan.pk}/terapkan/", follow=True)
    assert "tidak ada yang disimpan" in response.content.decode() and not Impor.objects.exists()
    admin.post(f"/impor/{unggahan.pk}/terapkan/", {"batal": "1"})
    assert not UnggahanImpor.objects.exists()


def test_berkas_rusak_pesan_jelas(bappeda):
    page = unggah(masuk("admin"), bappeda.opd, b"PK\x03\x04rusak").content.decode()
    assert "rusak dan tidak dapat dibaca" in page


def test_jenis_berkas_lain_ditolak_di_formulir(bappeda):
    page = unggah(masuk("admin"), bappeda.opd, b"abc", nama="a.pdf").content.decode()
    assert "Unggah berkas .xlsx atau .csv." in page and not UnggahanImpor.objects.exists()


@pytest.mark.parametrize("username", ["reviewer", "perencana.bappeda", "perencana.kominfo"])
def test_selain_admin_dilarang(bappeda, username):
    admin = masuk("admin")
    unggah(admin, bappeda.opd, xlsx([["Kode", "Realisasi"], ["5.01.01.2.01.01", 1]]))
    unggahan = UnggahanImpor.objects.get()
    client = masuk(username)
    assert client.get("/impor/").status_code == 403
    assert client.get(f"/impor/{unggahan.pk}/").status_code == 403
    assert client.post(f"/impor/{unggahan.pk}/terapkan/").status_code == 403
    assert client.get(f"/impor/templat/kinerja/{bappeda.pk}.xlsx").status_code == 403
    assert UnggahanImpor.objects.exists() and not Impor.objects.exists()


def test_anonim_dialihkan(client, db):
    assert client.get("/impor/").status_code == 302


def test_perintah_uji_kering_dan_terapkan(bappeda, tmp_path):
    ind = Indikator.objects.filter(sub_kegiatan__nomenklatur__kode="5.01.01.2.01.01").first()
    path = tmp_path / "r.csv"
    path.write_text(f"ID Indikator;Tahun;Periode;Realisasi\n{ind.pk};2030;TW I;3\n", encoding="utf-8")
    out = io.StringIO()
    call_command("impor_realisasi", "kinerja", str(path), "--opd", "BAPPEDA", stdout=out)
    assert "Uji kering: 1 baru" in out.getvalue() and not Impor.objects.exists()
    with pytest.raises(CommandError, match="--oleh"):
        call_command("impor_realisasi", "kinerja", str(path), "--opd", "BAPPEDA", "--terapkan")
    call_command(
        "impor_realisasi", "kinerja", str(path), "--opd", "BAPPEDA", "--terapkan", "--oleh", "admin", stdout=out
    )
    assert RealisasiKinerja.objects.get(indikator=ind, tahun=2030, periode="tw1").nilai == 3


def test_pratinjau_melipat_baris_kosong(bappeda):
    admin = masuk("admin")
    template = admin.get(f"/impor/templat/kinerja/{bappeda.pk}.xlsx").content
    rows = len(list(load_workbook(io.BytesIO(template))["Realisasi Kinerja"].iter_rows())) - 1
    page = unggah(admin, bappeda.opd, template).content.decode()
    assert "<h1>Pratinjau impor: realisasi.xlsx</h1>" in page and "Uji kering" not in page
    assert page.count('class="impor-kosong lipat"') == 1 and page.count("<tr") == 2  # the header and one line
    # the realisasi sheet and the four sheets of explanations, each a row per indicator
    assert f'<td>2–{rows + 1}</td><td colspan="8">{rows * 5} baris kosong' in page
