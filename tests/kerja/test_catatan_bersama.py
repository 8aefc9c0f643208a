"""One Catatan Penting for several differing T-C.31 nodes, from the workspace's "Perbedaan
dengan Rancangan Awal RKPD" section: the rows' checkboxes, and the one save of their cells (each
at the version seen, all or nothing, a conflict named)."""

import json

import pytest

from laporan.builders.review import catatan_review, review_rkpd
from renja.models import RancanganAwal, Renja
from tests.pembantu import masuk

RK = "/renja/BAPPEDA/2022/ruang-kerja/"
CATATAN = "Disesuaikan dengan hasil forum perangkat daerah."


def simpan(client, nodes, versi=None):
    cells = [
        {
            "kolom": n.kunci[0],
            "id": n.kunci[1],
            "nilai": CATATAN,
            "versi": n.kunci[2] if versi is None else versi.get(n.kode, n.kunci[2]),
            "baris": n.kode,
        }
        for n in nodes
    ]
    return client.post(RK + "simpan/", json.dumps({"perubahan": cells}), content_type="application/json")


@pytest.fixture
def nodes(bappeda):
    found = catatan_review(review_rkpd(bappeda))
    assert [n.kode for n in found] == ["5.01.02.2.01", "5.01.03.2.01.08", "5.01.03.2.03.08"]
    return found


def test_bagian_perbedaan_dengan_kotak_centang(bappeda, nodes, django_assert_max_num_queries):
    client = masuk("perencana.bappeda")
    with django_assert_max_num_queries(32):
        html = client.get(RK).content.decode()
    section = html[html.index('id="review-rkpd"') :]
    assert section.count('class="pilih-review"') == 3 and 'id="pilih-semua-review"' in section
    assert 'aria-label="Pilih 5.01.02.2.01 ' in section and 'id="isi-catatan-bersama"' in section
    assert '<label for="isi-catatan-bersama">' in section and 'id="simpan-catatan-bersama"' in section
    reviewer = masuk("reviewer").get(RK).content.decode()
    assert 'class="pilih-review"' not in reviewer and 'id="isi-catatan-bersama"' not in reviewer
    Renja.objects.filter(pk=bappeda.pk).update(status="diajukan")
    assert 'id="isi-catatan-bersama"' not in client.get(RK).content.decode()


def test_satu_catatan_untuk_tiga_baris_sekaligus(bappeda, nodes):
    client = masuk("perencana.bappeda")
    response = simpan(client, nodes)
    assert response.status_code == 200 and len(response.json()["tersimpan"]) == 3
    rows = RancanganAwal.objects.filter(pk__in=[n.kunci[1] for n in nodes])
    assert {(r.catatan_penting, r.versi) for r in rows} == {(CATATAN, n.kunci[2] + 1) for n in nodes}
    assert not [t for t in client.get(RK + "temuan/").json()["temuan"] if t["jenis"] == "catatan_review"]
    assert all(not n.catatan_wajib for n in catatan_review(review_rkpd(bappeda)))


def test_satu_baris_sudah_diubah_orang_lain_tidak_ada_yang_tersimpan(bappeda, nodes):
    second = RancanganAwal.objects.get(pk=nodes[1].kunci[1])
    second.catatan_penting, second.versi = "Catatan reviewer lain.", second.versi + 1
    second.save()
    response = simpan(masuk("perencana.bappeda"), nodes)
    assert response.status_code == 409
    [konflik] = response.json()["konflik"]
    assert konflik["id"] == second.pk and konflik["nilai_lain"] == "Catatan reviewer lain."
    assert konflik["pesan"].startswith("Baris 5.01.03.2.01.08, kolom Catatan Penting (review RKPD): sudah diubah")
    rows = RancanganAwal.objects.filter(pk__in=[nodes[0].kunci[1], nodes[2].kunci[1]])
    assert {r.catatan_penting for r in rows} == {""} and {r.versi for r in rows} == {nodes[0].kunci[2]}


@pytest.mark.parametrize(("username", "code"), [("reviewer", 403), ("perencana.kominfo", 404)])
def test_ditolak(bappeda, nodes, username, code):
    assert simpan(masuk(username), nodes).status_code == code
    assert not RancanganAwal.objects.filter(catatan_penting=CATATAN).exists()
