"""Renja page and HTML tables: who may see them, the figures they print, bounded queries."""

import re

import pytest
from django.contrib.auth import get_user_model

BAPPEDA = "/renja/BAPPEDA/2022/"
TC33 = BAPPEDA + "tabel/rumusan-rencana/"
TC29 = BAPPEDA + "tabel/evaluasi-renja-lalu/"


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("url", [BAPPEDA, TC33, TC29])
def test_anonim_dialihkan(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


@pytest.mark.django_db
@pytest.mark.parametrize("url", [BAPPEDA, TC33, TC29])
def test_perencana_opd_lain_tidak_boleh(client, url):
    assert login(client, "perencana.kominfo").get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["perencana.bappeda", "reviewer", "admin"])
@pytest.mark.parametrize("url", [BAPPEDA, TC33, TC29])
def test_yang_berhak_boleh(client, username, url, django_assert_max_num_queries):
    client = login(client, username)
    with django_assert_max_num_queries(
        22
    ):  # + whether to offer "Isi dari Rancangan Awal", + the checker's import findings
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
def test_tabel_tidak_dikenal(client):
    assert login(client, "admin").get(BAPPEDA + "tabel/tidak-ada/").status_code == 404


def cells(html, kode):
    """The text cells of the first row whose code cell (class "kode": it never wraps) is ``kode``."""
    match = re.search(
        rf"<tr class=\"[^\"]*\">\s*(<td[^>]*>[^<]*</td>\s*)*?<td class=\"teks kode\">{re.escape(kode)}</td>(.*?)</tr>",
        html,
        re.S,
    )
    assert match, kode
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", match.group(0), re.S)]


@pytest.mark.django_db
def test_tc33_angka_sama_dengan_mesin(client):
    html = login(client, "perencana.bappeda").get(TC33).content.decode()
    assert "TOTAL KERANGKA PENDANAAN OPD" in html
    assert "20.182.300.000" in html and "20.300.000.000" in html
    assert "8.409.000.000" in html  # sasaran 1.1 in 2023 (P-03; printed 2.409,000,000)
    program = cells(html, "5.01.02")
    assert "PROGRAM PERENCANAAN, PENGENDALIAN DAN EVALUASI PEMBANGUNAN DAERAH" in program
    assert "2.300.000.000" in program
    sub = cells(html, "5.01.01.2.02.01")
    assert "Penyediaan Gaji dan Tunjangan ASN" in sub  # master name, not the printed indicator text
    assert "5.582.300.000" in sub and "5.736.000.000" in sub
    assert (
        "Rumusan Rencana Program, Kegiatan dan Sub Kegiatan Perangkat Daerah Tahun 2022 dan Prakiraan Maju Tahun 2023"
        in html
    )


@pytest.mark.django_db
def test_tc29_angka_dan_tak_terdefinisi(client):
    html = login(client, "perencana.bappeda").get(TC29).content.decode()
    assert "s/d Tahun 2021" in html
    c03 = cells(html, "5.01.02.2.03.03")
    assert c03[-3:] == ["3", "10", "62,50"]  # C-03: 9, 10, 11
    c05 = cells(html, "5.01.02.2.01.01")
    assert c05[8] == "–" and c05[-1] == "33,33"  # C-05: 0/0 is '–', never 0
    assert 'title="pembagi (target) bernilai 0"' in html
    c06 = cells(html, "5.01.02")
    assert c06[-2:] == ["100", "100,00"]  # C-06: the seed prints 300, 300
    assert ">300<" not in html
