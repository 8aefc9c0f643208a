"""Starting next year's Renja from the Renstra and last year's Renja, and the home page."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from renja.galat import SimpanGagal
from renja.models import Indikator, Renja, RenjaSubKegiatan, Target
from renja.tahun_baru import mulai_renja_tahun_baru

User = get_user_model()


@pytest.fixture
def perencana(db):
    return User.objects.get(username="perencana.bappeda")


def test_renja_2023_dari_renja_2022(bappeda, perencana):
    lama = {i.sub_kegiatan_id: i for i in bappeda.sub_kegiatan.all()}
    ind = Indikator.objects.filter(
        sub_kegiatan__renja_item__renja=bappeda, target__jenis="prakiraan_maju", target__tahun=2023
    ).first()
    prakiraan = Target.objects.get(indikator=ind, jenis="prakiraan_maju", tahun=2023)
    # a Renstra target for 2023 wins over the prakiraan maju; an existing Renja target is kept
    other = Indikator.objects.filter(sub_kegiatan__renja_item__renja=bappeda).exclude(pk=ind.pk).first()
    Target.objects.create(indikator=other, tahun=2023, jenis="renstra", nilai=D("77"))
    kept = Indikator.objects.filter(sub_kegiatan__renja_item__renja=bappeda).exclude(pk__in=[ind.pk, other.pk]).first()
    Target.objects.filter(indikator=kept, tahun=2023, jenis="renja").delete()
    Target.objects.create(indikator=kept, tahun=2023, jenis="renja", nilai=D("5"))

    hasil = mulai_renja_tahun_baru(bappeda, perencana)

    renja = hasil.renja
    assert (renja.tahun, renja.status, renja.renstra_id) == (2023, "draf", bappeda.renstra_id)
    items = list(renja.sub_kegiatan.all())
    assert len(items) == len(lama) == hasil.sub_kegiatan
    for item in items:
        before = lama[item.sub_kegiatan_id]
        assert item.pagu == before.pagu_maju and item.pagu_maju is None
        assert (item.lokasi, item.sumber_dana_id, item.penanggung_jawab_id) == (
            before.lokasi,
            before.sumber_dana_id,
            before.penanggung_jawab_id,
        )
    # the demo's 2023 total = its 2022 Renja's prakiraan maju total (T-C.33 kolom 15): Rp 20.300.000.000
    assert sum(i.pagu or 0 for i in items) == D("20300000000")
    assert Target.objects.get(indikator=ind, jenis="renja", tahun=2023).nilai == prakiraan.nilai
    assert Target.objects.get(indikator=other, jenis="renja", tahun=2023).nilai == D("77")
    assert Target.objects.get(indikator=kept, jenis="renja", tahun=2023).nilai == D("5")
    assert hasil.target_renstra >= 1 and hasil.target_prakiraan >= 1 and hasil.target_ada >= 1
    assert renja.history.first().history_user == perencana
    assert "Periksa semuanya" in hasil.pesan


def test_tidak_menimpa_renja_yang_ada(bappeda, perencana):
    mulai_renja_tahun_baru(bappeda, perencana)
    item = RenjaSubKegiatan.objects.filter(renja__tahun=2023, renja__opd=bappeda.opd).first()
    RenjaSubKegiatan.objects.filter(pk=item.pk).update(lokasi="Diubah perencana")
    with pytest.raises(SimpanGagal, match="sudah ada; tidak ada yang ditimpa"):
        mulai_renja_tahun_baru(bappeda, perencana)
    item.refresh_from_db()
    assert item.lokasi == "Diubah perencana"


def test_di_luar_renstra_ditolak(bappeda, perencana):
    akhir = Renja.objects.create(opd=bappeda.opd, tahun=2023, renstra=bappeda.renstra)
    with pytest.raises(SimpanGagal, match="Tidak ada Renstra BAPPEDA yang mencakup tahun 2024"):
        mulai_renja_tahun_baru(akhir, perencana)
    assert not Renja.objects.filter(opd=bappeda.opd, tahun=2024).exists()


@pytest.mark.parametrize("username", ["perencana.kominfo", "reviewer"])
def test_hanya_perencana_opd(bappeda, username):
    with pytest.raises(PermissionDenied):
        mulai_renja_tahun_baru(bappeda, User.objects.get(username=username))
    assert not Renja.objects.filter(opd=bappeda.opd, tahun=2023).exists()


def test_beranda_langkah_berikutnya_dan_tombol_tahun_baru(client, bappeda, django_assert_max_num_queries):
    client.force_login(User.objects.get(username="perencana.bappeda"))
    with django_assert_max_num_queries(12):
        html = client.get("/").content.decode()
    assert "Lengkapi Renja, lalu ajukan ke Bappeda." in html and "Rp 20.182.300.000" in html  # T-C.33 total
    assert "Mulai Renja 2023" in html and "DISKOMINFO" not in html
    response = client.post("/renja/BAPPEDA/2022/tahun-berikut/", follow=True)
    assert response.redirect_chain[-1][0] == "/renja/BAPPEDA/2023/ruang-kerja/"
    assert "dibuat dari Renja 2022" in response.content.decode()
    assert "Mulai Renja 2023" not in client.get("/").content.decode()


def test_beranda_reviewer_melihat_semua_tanpa_tombol(client, db):
    client.force_login(User.objects.get(username="reviewer"))
    html = client.get("/").content.decode()
    assert "BAPPEDA" in html and "DISKOMINFO" in html and "Menunggu OPD mengajukan." in html
    assert "Mulai Renja" not in html


def test_tahun_berikut_opd_lain_404_dan_reviewer_403(client, bappeda):
    client.force_login(User.objects.get(username="perencana.kominfo"))
    assert client.post("/renja/BAPPEDA/2022/tahun-berikut/").status_code == 404
    client.force_login(User.objects.get(username="reviewer"))
    assert client.post("/renja/BAPPEDA/2022/tahun-berikut/").status_code == 403
    assert not Renja.objects.filter(opd=bappeda.opd, tahun=2023).exists()
