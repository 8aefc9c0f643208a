"""Filling a Renja from its rancangan awal RKPD (renja.dari_ranwal) and its page
/renja/<opd>/<n>/dari-rancangan-awal/: what is created, what is kept, twice = nothing new,
T-C.31 without differences afterwards, the lock and who may."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from laporan.builders.review import catatan_review, review_rkpd
from renja import dari_ranwal, ranwal, struktur
from renja.galat import SimpanGagal
from renja.models import (
    Indikator,
    Keanggotaan,
    Kegiatan,
    PerangkatDaerah,
    Program,
    RancanganAwal,
    RancanganAwalIndikator,
    Renja,
    RenjaSubKegiatan,
    SubKegiatan,
    Target,
)
from renja.tahun_baru import mulai_renja_pertama
from tests.pembantu import masuk, xlsx

User = get_user_model()
KEPALA = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Lokasi", "Indikator", "Satuan", "Target", "Pagu Indikatif (Rp)"]
# A small rancangan awal, its figures written by hand: program 5.01.02 = kegiatan 5.01.02.2.01 =
# Rp 100.000.000 + Rp 200.000.000. The first sub kegiatan's name is worded differently from the
# master's ("Analisis Kondisi Daerah, Permasalahan, dan Isu Strategis Pembangunan Daerah").
RANWAL = [
    KEPALA,
    ["5.01.02", None, "Kota Serang", "Persentase dokumen perencanaan tepat waktu", "%", "100", "300.000.000"],
    ["5.01.02.2.01", None, "Kota Serang", "Jumlah dokumen perencanaan", "Dokumen", "3", "300.000.000"],
    [
        "5.01.02.2.01.01",
        "Analisis Kondisi dan Isu Strategis Daerah",
        "Kota Serang",
        "Dokumen analisis",
        "Dokumen",
        "1",
        "100.000.000",
    ],
    [None, None, None, "Laporan isu strategis", "Laporan", "2", None],
    ["5.01.02.2.01.02", None, "Kecamatan Serang", "Dokumen hasil penelaahan", "Dokumen", "4", "200.000.000"],
]
URL = "/renja/BARU/2023/dari-rancangan-awal/"


@pytest.fixture
def baru(db):
    """A new OPD of the demo Pemda (bidang 5.01) with its first Renstra and an empty Renja 2023,
    its planner, and the small rancangan awal above imported for 2023 by the admin."""
    bappeda = PerangkatDaerah.objects.get(singkatan="BAPPEDA")
    opd = PerangkatDaerah.objects.create(
        pemda=bappeda.pemda, kode="5.01.9.99.0.00.01.0000", nama="OPD Baru", singkatan="BARU"
    )
    opd.bidang_urusan.set(bappeda.bidang_urusan.filter(kode="5.01"))
    user = User.objects.create_user("perencana.baru", password="sandi-uji-baru-2025")
    Keanggotaan.objects.create(user=user, pemda=opd.pemda, opd=opd, peran=Keanggotaan.Peran.PERENCANA)
    renja = mulai_renja_pertama(opd, user, 2023, 2027, 2023)
    ranwal.terapkan(opd, User.objects.get(username="admin"), xlsx(RANWAL), "ranwal.xlsx", 2023)
    return renja


def perencana():
    return User.objects.get(username="perencana.baru")


def test_renja_kosong_diisi_dari_rancangan_awal(baru):
    hasil = dari_ranwal.isi_dari_ranwal(baru, perencana())
    assert (hasil.dibuat["program"], hasil.dibuat["kegiatan"]) == (["5.01.02"], ["5.01.02.2.01"])
    assert hasil.sub_kegiatan == ["5.01.02.2.01.01", "5.01.02.2.01.02"] and hasil.alias == ["5.01.02.2.01.01"]
    assert (hasil.indikator, hasil.target, hasil.dilewati) == (5, 5, [])
    items = {
        i.sub_kegiatan.nomenklatur.kode: (i.pagu, i.lokasi)
        for i in RenjaSubKegiatan.objects.filter(renja=baru).select_related("sub_kegiatan__nomenklatur")
    }
    assert items == {
        "5.01.02.2.01.01": (D("100000000"), "Kota Serang"),
        "5.01.02.2.01.02": (D("200000000"), "Kecamatan Serang"),
    }
    sub = SubKegiatan.objects.get(kegiatan__program__opd=baru.opd, nomenklatur__kode="5.01.02.2.01.01")
    assert sub.nama_alias == "Analisis Kondisi dan Isu Strategis Daerah"
    assert Program.objects.get(opd=baru.opd).nama_alias == ""  # the master's name (typed without a name)
    targets = {
        (t.indikator.nama, t.indikator.satuan, t.indikator.tipe_nilai): t.nilai
        for t in Target.objects.filter(indikator__in=Indikator.objects.for_renja(baru), tahun=2023, jenis="renja")
    }
    assert targets == {
        ("Persentase dokumen perencanaan tepat waktu", "%", "persen"): D("100"),
        ("Jumlah dokumen perencanaan", "Dokumen", "angka"): D("3"),
        ("Dokumen analisis", "Dokumen", "angka"): D("1"),
        ("Laporan isu strategis", "Laporan", "angka"): D("2"),
        ("Dokumen hasil penelaahan", "Dokumen", "angka"): D("4"),
    }
    assert Indikator.objects.get(nama="Persentase dokumen perencanaan tepat waktu").sifat == "non_kumulatif"
    for model in (Program, Kegiatan, SubKegiatan, RenjaSubKegiatan, Indikator, Target):
        reasons = set(model.history.values_list("history_change_reason", "history_user__username").distinct())
        assert ("mulai dari rancangan awal", "perencana.baru") in reasons
    assert not Target.objects.filter(indikator__in=Indikator.objects.for_renja(baru), jenis="prakiraan_maju")


def test_sesudahnya_review_tanpa_perbedaan_lalu_satu_pagu_diubah(baru):
    assert len(catatan_review(review_rkpd(baru))) == 4  # before: each of the 4 nodes is only in the rancangan awal
    dari_ranwal.isi_dari_ranwal(baru, perencana())
    assert catatan_review(review_rkpd(baru)) == []
    RancanganAwal.objects.filter(opd=baru.opd, tahun=2023, nomenklatur__kode="5.01.02.2.01.02").update(
        pagu=D("250000000")
    )
    [node] = catatan_review(review_rkpd(baru))
    assert (node.kode, node.berbeda) == ("5.01.02.2.01.02", ["pagu"])
    # a pagu changed in the Renja instead: the sub kegiatan, and its kegiatan and program whose
    # pagu is the sum (Rp 100 juta + Rp 210 juta = Rp 310 juta against the Rp 300 juta typed)
    RancanganAwal.objects.filter(opd=baru.opd, tahun=2023, nomenklatur__kode="5.01.02.2.01.02").update(
        pagu=D("200000000")
    )
    RenjaSubKegiatan.objects.filter(renja=baru, sub_kegiatan__nomenklatur__kode="5.01.02.2.01.02").update(
        pagu=D("210000000")
    )
    nodes = catatan_review(review_rkpd(baru))
    assert [(n.kode, n.berbeda) for n in nodes] == [
        ("5.01.02", ["pagu"]),
        ("5.01.02.2.01", ["pagu"]),
        ("5.01.02.2.01.02", ["pagu"]),
    ]


def test_dua_kali_tidak_ada_yang_baru(baru):
    dari_ranwal.isi_dari_ranwal(baru, perencana())
    models = (Program, Kegiatan, SubKegiatan, RenjaSubKegiatan, Indikator, Target)
    before = [m.history.count() for m in models]
    again = dari_ranwal.isi_dari_ranwal(baru, perencana())
    assert not again.baru and again.dilewati == [] and [m.history.count() for m in models] == before
    assert again.pesan == "Renja BARU 2023 sudah memuat isi Rancangan Awal RKPD 2023; tidak ada yang baru."


def test_yang_sudah_ada_tidak_ditimpa(baru):
    """A sub kegiatan already in the Renja with its own pagu and an indicator with its own target:
    both kept and reported; its empty lokasi and the missing indicator are filled in."""
    user = perencana()
    nom = SubKegiatan._meta.get_field("nomenklatur").related_model.objects.get(
        versi=baru.opd.pemda.nomenklatur_versi, kode="5.01.02.2.01.01"
    )
    item = struktur.tambah_sub_kegiatan(baru, user, nom.pk)
    RenjaSubKegiatan.objects.filter(pk=item.pk).update(pagu=D("90000000"))
    ind = struktur.tambah_indikator(baru, user, "sub_kegiatan", item.sub_kegiatan_id, "Dokumen Analisis")
    Target.objects.create(indikator=ind, tahun=2023, jenis="renja", nilai=D("5"))
    versi = RenjaSubKegiatan.objects.get(pk=item.pk).versi
    hasil = dari_ranwal.isi_dari_ranwal(baru, user)
    assert hasil.dilewati == [
        "5.01.02.2.01.01: nama tetap 'Analisis Kondisi Daerah, Permasalahan, dan Isu Strategis Pembangunan "
        "Daerah' (rancangan awal: 'Analisis Kondisi dan Isu Strategis Daerah').",
        "5.01.02.2.01.01: pagu di Renja Rp 90.000.000 tetap (rancangan awal: Rp 100.000.000).",
        "5.01.02.2.01.01 · Dokumen Analisis: target 2023 di Renja 5 tetap (rancangan awal: 1).",
    ]
    assert hasil.diisi == ["5.01.02.2.01.01 (lokasi)", "5.01.02.2.01.01 · Dokumen Analisis (satuan)"]
    assert hasil.sub_kegiatan == ["5.01.02.2.01.02"] and hasil.alias == []
    item.refresh_from_db()
    assert (item.pagu, item.lokasi, item.versi) == (D("90000000"), "Kota Serang", versi + 1)
    assert item.history.first().history_change_reason == "mulai dari rancangan awal"
    names = list(Indikator.objects.filter(sub_kegiatan=item.sub_kegiatan).values_list("nama", flat=True))
    assert names == ["Dokumen Analisis", "Laporan isu strategis"]  # matched by name, the other one added
    assert Target.objects.get(indikator=ind, tahun=2023, jenis="renja").nilai == D("5")
    ind.refresh_from_db()
    assert (ind.satuan, ind.versi) == ("Dokumen", 2)


def test_kegiatan_tanpa_sub_kegiatan_dan_pagu_induk_dilaporkan(baru):
    rows = [*RANWAL, ["5.01.02.2.02", None, "Kota Serang", "Jumlah data terolah", "Data", "10", "50.000.000"]]
    ranwal.terapkan(baru.opd, User.objects.get(username="admin"), xlsx(rows), "ranwal.xlsx", 2023)
    hasil = dari_ranwal.rencana(baru)
    assert hasil.dilewati == [
        "5.01.02.2.02: tidak ada sub kegiatan di bawahnya pada rancangan awal; Renja memuat program dan kegiatan "
        "melalui sub kegiatannya."
    ]
    RancanganAwal.objects.filter(opd=baru.opd, tahun=2023, nomenklatur__kode="5.01.02").update(pagu=D("350000000"))
    assert dari_ranwal.rencana(baru).dilewati[0] == (
        "5.01.02: pagu rancangan awal Rp 350.000.000 tidak sama dengan jumlah sub kegiatannya Rp 300.000.000; "
        "Renja menjumlahkan sub kegiatan."
    )
    assert not Kegiatan.objects.filter(program__opd=baru.opd).exists()  # the plan writes nothing


@pytest.mark.parametrize("status", ["diajukan", "ditetapkan"])
def test_renja_terkunci_ditolak(baru, status):
    Renja.objects.filter(pk=baru.pk).update(status=status)
    with pytest.raises(SimpanGagal) as error:
        dari_ranwal.isi_dari_ranwal(baru, perencana())
    assert "hanya dapat diubah melalui alur kerja" in error.value.pesan[0]
    assert not RenjaSubKegiatan.objects.filter(renja=baru).exists() and not Program.objects.filter(opd=baru.opd)


def test_tanpa_rancangan_awal_ditolak(baru):
    RancanganAwal.objects.filter(opd=baru.opd).delete()
    with pytest.raises(SimpanGagal, match="Belum ada Rancangan Awal RKPD BARU 2023"):
        dari_ranwal.isi_dari_ranwal(baru, perencana())


@pytest.mark.parametrize("username", ["reviewer", "perencana.bappeda"])
def test_hanya_perencana_opd_atau_admin(baru, username):
    with pytest.raises(PermissionDenied):
        dari_ranwal.isi_dari_ranwal(baru, User.objects.get(username=username))
    assert not RenjaSubKegiatan.objects.filter(renja=baru).exists()


def test_admin_pemda_boleh(baru):
    admin = User.objects.create_user("admin.serang", password="sandi-uji-admin-2025")
    Keanggotaan.objects.create(user=admin, pemda=baru.opd.pemda, peran=Keanggotaan.Peran.ADMIN)
    assert dari_ranwal.isi_dari_ranwal(baru, admin).sub_kegiatan == ["5.01.02.2.01.01", "5.01.02.2.01.02"]


def test_rancangan_awal_demo_utuh_tanpa_perbedaan(baru, bappeda):
    """The demo's whole rancangan awal (Bappeda 2022: 96 nodes, as printed in the seed) taken as
    this OPD's of 2023: after filling, T-C.31 flags no node."""
    baru.opd.bidang_urusan.set(bappeda.opd.bidang_urusan.all())
    RancanganAwal.objects.filter(opd=baru.opd).delete()
    for row in RancanganAwal.objects.filter(opd=bappeda.opd, tahun=2022, bagian="rancangan_awal"):
        indikator = list(row.indikator.all())
        row.pk, row.opd, row.tahun = None, baru.opd, 2023
        row.save()
        for ind in indikator:
            ind.pk, ind.baris = None, row
            ind.save()
    hasil = dari_ranwal.isi_dari_ranwal(baru, perencana())
    assert (hasil.baris, len(hasil.sub_kegiatan), hasil.dilewati) == (96, 75, [])
    assert hasil.indikator == RancanganAwalIndikator.objects.filter(baris__opd=baru.opd).count()
    assert catatan_review(review_rkpd(baru)) == []


# --------------------------------------------------------------------------- the page


def test_halaman_konfirmasi_lalu_isi(client, baru, django_assert_max_num_queries):
    client.force_login(perencana())
    with django_assert_max_num_queries(20):
        page = client.get(URL).content.decode()
    assert "Isi Renja BARU 2023 dari Rancangan Awal RKPD 2023?" in page
    assert "2 sub kegiatan masuk ke Renja BARU 2023 dengan pagu dan lokasinya; 5 indikator baru; 5 target 2023." in page
    assert '<a href="/">Beranda</a>' in page and not RenjaSubKegiatan.objects.filter(renja=baru).exists()
    workspace = client.get("/renja/BARU/2023/ruang-kerja/").content.decode()
    assert f'href="{URL}"' in workspace and 'id="isi-ranwal"' in workspace
    assert f'href="{URL}"' in client.get("/renja/BARU/2023/").content.decode()
    response = client.post(URL, follow=True)
    assert response.redirect_chain[-1][0] == "/renja/BARU/2023/ruang-kerja/"
    html = response.content.decode()
    assert "Renja BARU 2023 diisi dari Rancangan Awal RKPD 2023" in html and 'id="review-rkpd"' not in html
    again = client.get(URL).content.decode()
    assert "sudah memuat isi Rancangan Awal RKPD 2023; tidak ada yang baru." in again and 'id="konfirmasi"' not in again


def test_halaman_renja_terkunci_menyebut_alasan(client, baru):
    Renja.objects.filter(pk=baru.pk).update(status="diajukan")
    client.force_login(perencana())
    page = client.get(URL).content.decode()
    assert "Renja BARU 2023 berstatus &#x27;Diajukan ke Bappeda&#x27;" in page and 'id="konfirmasi"' not in page
    assert f'href="{URL}"' not in client.get("/renja/BARU/2023/").content.decode()
    client.post(URL)
    assert not RenjaSubKegiatan.objects.filter(renja=baru).exists()


@pytest.mark.parametrize(("username", "code"), [("reviewer", 403), ("perencana.bappeda", 404)])
def test_halaman_ditolak(baru, username, code):
    client = masuk(username)
    assert client.get(URL).status_code == code and client.post(URL).status_code == code
    assert not RenjaSubKegiatan.objects.filter(renja=baru).exists()


def test_mulai_menyebut_rancangan_awal_yang_sudah_diimpor(client, bappeda):
    """Starting Renja 2023 (from 2022, or the first Renja of a new OPD) says that its rancangan
    awal is there to fill it from."""
    admin = User.objects.get(username="admin")
    ranwal.terapkan(bappeda.opd, admin, xlsx(RANWAL), "ranwal.xlsx", 2023)
    Renja.objects.filter(pk=bappeda.pk).update(status="diajukan")
    teks = "Rancangan Awal RKPD 2023 sudah diimpor: Renja 2023 dapat diisi darinya"
    page = masuk("perencana.bappeda").get("/renja/BAPPEDA/2022/tahun-berikut/").content.decode()
    assert teks in page
    opd = PerangkatDaerah.objects.create(
        pemda=bappeda.opd.pemda, kode="5.01.9.98.0.00.01.0000", nama="OPD Dua", singkatan="DUA"
    )
    opd.bidang_urusan.set(bappeda.opd.bidang_urusan.all())
    ranwal.terapkan(opd, admin, xlsx(RANWAL), "ranwal.xlsx", 2023)
    client.force_login(admin)
    response = client.post("/renja/DUA/mulai/", {"tahun_awal": 2023, "tahun_akhir": 2027, "tahun": 2023}, follow=True)
    assert teks in response.content.decode()
