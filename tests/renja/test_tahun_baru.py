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


@pytest.fixture
def bappeda(bappeda):
    """The demo Renja 2022, submitted: next year's Renja starts only from a submitted one."""
    Renja.objects.filter(pk=bappeda.pk).update(status=Renja.Status.DIAJUKAN)
    bappeda.status = Renja.Status.DIAJUKAN
    return bappeda


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
    Renja.objects.filter(pk=bappeda.pk).update(status=Renja.Status.DRAF)
    with django_assert_max_num_queries(12):
        html = client.get("/").content.decode()
    assert "Lengkapi Renja, lalu ajukan ke Bappeda." in html and "Rp 20.182.300.000" in html  # T-C.33 total
    assert "Mulai Renja" not in html  # a draft is still being worked on
    Renja.objects.filter(pk=bappeda.pk).update(status=Renja.Status.DIAJUKAN)
    html = client.get("/").content.decode()
    assert "Mulai Renja 2023" in html and "DISKOMINFO" not in html
    confirm = client.get("/renja/BAPPEDA/2022/tahun-berikut/").content.decode()
    assert "Mulai Renja 2023 dari Renja BAPPEDA 2022?" in confirm and "Yang akan terjadi" in confirm
    assert not Renja.objects.filter(opd=bappeda.opd, tahun=2023).exists()  # a GET changes nothing
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


@pytest.mark.parametrize("status", ["draf", "dikembalikan"])
def test_hanya_dari_renja_yang_sudah_diajukan(client, bappeda, perencana, status):
    Renja.objects.filter(pk=bappeda.pk).update(status=status)
    bappeda.status = status
    with pytest.raises(SimpanGagal, match="baru dapat dimulai setelah Renja 2022 diajukan"):
        mulai_renja_tahun_baru(bappeda, perencana)
    client.force_login(perencana)
    page = client.get("/renja/BAPPEDA/2022/tahun-berikut/").content.decode()
    assert "belum dapat dijalankan" in page and 'id="konfirmasi"' not in page
    response = client.post("/renja/BAPPEDA/2022/tahun-berikut/", follow=True)
    assert "baru dapat dimulai setelah Renja 2022 diajukan" in response.content.decode()
    assert not Renja.objects.filter(opd=bappeda.opd, tahun=2023).exists()


def _target_2023(renja):
    return set(Target.objects.filter(indikator__in=Indikator.objects.for_renja(renja), tahun__in=(2023, 2024)))


def test_batalkan_renja_tahun_baru(client, bappeda, perencana, django_assert_max_num_queries):
    kept = Indikator.objects.filter(sub_kegiatan__renja_item__renja=bappeda).first()
    Target.objects.filter(indikator=kept, tahun=2023, jenis="renja").delete()
    existing = Target.objects.create(indikator=kept, tahun=2023, jenis="renja", nilai=D("5"))
    before = _target_2023(bappeda)
    lama = list(bappeda.sub_kegiatan.values_list("pk", "pagu", "pagu_maju", "lokasi"))
    hasil = mulai_renja_tahun_baru(bappeda, perencana)
    client.force_login(perencana)
    assert "Batalkan Renja 2023" in client.get("/").content.decode()
    with django_assert_max_num_queries(20):
        page = client.get("/renja/BAPPEDA/2023/batalkan/").content.decode()
    assert f"dihapus beserta {hasil.sub_kegiatan} baris sub kegiatan" in page and 'id="konfirmasi"' in page

    response = client.post("/renja/BAPPEDA/2023/batalkan/", follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "Renja BAPPEDA 2023 dibatalkan" in response.content.decode()
    assert not Renja.objects.filter(opd=bappeda.opd, tahun=2023).exists()
    assert not RenjaSubKegiatan.objects.filter(renja_id=hasil.renja.pk).exists()
    assert _target_2023(bappeda) == before and Target.objects.filter(pk=existing.pk).exists()
    assert list(bappeda.sub_kegiatan.values_list("pk", "pagu", "pagu_maju", "lokasi")) == lama
    gone = Renja.history.filter(id=hasil.renja.pk, history_type="-").get()
    assert gone.history_user == perencana and gone.history_change_reason.startswith("Batalkan Renja 2023")
    assert "Mulai Renja 2023" in client.get("/").content.decode()  # it can be started again


def test_batalkan_ditolak_setelah_ada_isian(client, bappeda, perencana):
    hasil = mulai_renja_tahun_baru(bappeda, perencana)
    item = hasil.renja.sub_kegiatan.first()
    item.lokasi = "Diisi perencana"
    item._history_user = perencana
    item.save()
    from renja.tahun_baru import batalkan_renja_tahun_baru

    with pytest.raises(SimpanGagal, match="tidak dapat dibatalkan: Sudah ada 1 perubahan sub kegiatan"):
        batalkan_renja_tahun_baru(hasil.renja, perencana)
    client.force_login(perencana)
    page = client.get("/renja/BAPPEDA/2023/batalkan/").content.decode()
    assert "Sudah ada 1 perubahan sub kegiatan" in page and 'id="konfirmasi"' not in page
    client.post("/renja/BAPPEDA/2023/batalkan/")
    assert RenjaSubKegiatan.objects.get(pk=item.pk).lokasi == "Diisi perencana"


def test_batalkan_ditolak_setelah_target_diubah(bappeda, perencana):
    from renja.tahun_baru import batalkan_renja_tahun_baru

    hasil = mulai_renja_tahun_baru(bappeda, perencana)
    target = Target.objects.filter(indikator__in=Indikator.objects.for_renja(hasil.renja), tahun=2023, jenis="renja")
    target = target.exclude(nilai=None).first()
    target.nilai += 1
    target._history_user = perencana
    target.save()
    with pytest.raises(SimpanGagal, match="Sudah ada 1 perubahan target"):
        batalkan_renja_tahun_baru(hasil.renja, perencana)
    assert Renja.objects.filter(pk=hasil.renja.pk).exists()


def test_batalkan_hanya_renja_hasil_mulai_dan_perencananya(client, bappeda, perencana):
    from renja.tahun_baru import batalkan_renja_tahun_baru

    with pytest.raises(SimpanGagal, match="tidak dibuat dengan 'Mulai Renja 2022'"):
        batalkan_renja_tahun_baru(bappeda, perencana)
    hasil = mulai_renja_tahun_baru(bappeda, perencana)
    with pytest.raises(PermissionDenied):
        batalkan_renja_tahun_baru(hasil.renja, User.objects.get(username="reviewer"))
    client.force_login(User.objects.get(username="reviewer"))
    assert client.post("/renja/BAPPEDA/2023/batalkan/").status_code == 403
    client.force_login(User.objects.get(username="perencana.kominfo"))
    assert client.post("/renja/BAPPEDA/2023/batalkan/").status_code == 404
    assert Renja.objects.filter(pk=hasil.renja.pk).exists()
