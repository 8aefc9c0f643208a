"""Bappeda's view of a year (every OPD: status, pagu against ceiling, open notes) and what is
waiting for each user on the home page."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from anggaran.models import PlafonAnggaran
from renja.models import Komentar, Renja
from tests.pembantu import masuk

User = get_user_model()
URL = "/review/2022/"


def baris(html, singkatan):
    nama = {"BAPPEDA": "Badan Perencanaan Pembangunan Daerah", "DISKOMINFO": "Dinas Komunikasi dan Informatika"}
    start = html.index(f">{nama[singkatan]}</td>")
    return html[start : html.index("</tr>", start)]


def test_reviewer_melihat_semua_opd_dengan_plafon(bappeda, kominfo, django_assert_max_num_queries):
    PlafonAnggaran.objects.create(opd=bappeda.opd, tahun=2022, pagu=D("20000000000"))
    Komentar.objects.create(renja=bappeda, penulis=User.objects.get(username="reviewer"), isi="Cek pagu.")
    Renja.objects.filter(pk=kominfo.pk).update(status="diajukan")
    client = masuk("reviewer")
    with django_assert_max_num_queries(12):  # fixed: session, user, role, Pemda, Renja, pagu, plafon, capaian (3), dana
        html = client.get(URL).content.decode()
    assert "Draf: <strong>1</strong>" in html and "Diajukan ke Bappeda: <strong>1</strong>" in html
    row = baris(html, "BAPPEDA")
    # Σ pagu 2022 = Rp 20.182.300.000 (T-C.33); above the ceiling by 182.300.000
    assert "20.182.300.000" in row and "20.000.000.000" in row and "-182.300.000" in row
    assert 'class="opd lebih-plafon"' in html
    assert '<td class="angka">76</td>\n      <td class="angka">1</td>' in row  # 76 sub kegiatan, one open note
    assert 'data-temuan="/renja/BAPPEDA/2022/ruang-kerja/temuan/"' in html
    assert ">Review</a>" in baris(html, "DISKOMINFO")


@pytest.mark.parametrize("username", ["perencana.bappeda", "perencana.kominfo"])
def test_perencana_tidak_boleh(db, username):
    assert masuk(username).get(URL).status_code == 403


def test_anonim_dialihkan(client, db):
    assert client.get(URL).status_code == 302


def test_admin_boleh(db):
    assert masuk("admin").get(URL).status_code == 200


# --------------------------------------------------------------------------- waiting for me


def test_menunggu_di_beranda(bappeda):
    from renja.review import menunggu

    reviewer, planner = User.objects.get(username="reviewer"), User.objects.get(username="perencana.bappeda")
    kominfo_planner = User.objects.get(username="perencana.kominfo")
    assert menunggu(reviewer) == [] and menunggu(planner) == []
    Renja.objects.filter(pk=bappeda.pk).update(status="diajukan")
    assert [t for t, _ in menunggu(reviewer)] == ["Renja BAPPEDA 2022: menunggu review"]
    Renja.objects.filter(pk=bappeda.pk).update(status="dikembalikan")
    note = Komentar.objects.create(renja=bappeda, penulis=reviewer, isi="Rinci lokasi.")
    assert [t for t, _ in menunggu(planner)] == [
        "Renja BAPPEDA 2022: dikembalikan Bappeda, perlu diperbaiki",
        "Renja BAPPEDA 2022: 1 catatan menunggu jawaban Anda",
    ]
    assert menunggu(reviewer) == [] and menunggu(kominfo_planner) == []
    Komentar.objects.create(renja=bappeda, penulis=planner, isi="Sudah.", induk=note)
    assert [t for t, _ in menunggu(reviewer)] == ["Renja BAPPEDA 2022: 1 catatan menunggu jawaban Anda"]
    assert [t for t, _ in menunggu(planner)] == ["Renja BAPPEDA 2022: dikembalikan Bappeda, perlu diperbaiki"]
    Komentar.objects.filter(pk=note.pk).update(status="diterima")
    assert menunggu(reviewer) == []
    client = masuk("perencana.bappeda")
    assert "Menunggu Anda" in client.get("/").content.decode()


def test_unduh_xlsx(db):
    from io import BytesIO

    from openpyxl import load_workbook

    response = masuk("reviewer").get("/review/2022.xlsx")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('renja-seluruh-opd-2022.xlsx"')
    book = load_workbook(BytesIO(response.content))
    assert len(book.sheetnames) == 2
    values = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row]
    assert 20182300000 in values  # Bappeda's pagu 2022 as a number
    assert masuk("perencana.bappeda").get("/review/2022.xlsx").status_code == 403
    assert masuk("reviewer").get("/review/2022.pdf").status_code == 404
