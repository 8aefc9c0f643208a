"""One checker: the command, the workspace, the year view and the gates show the list of
``periksa_renja``, in its order; and the completeness findings of an incomplete Renja."""

import io
import json
import re
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from evaluasi.periksa import ERROR, PERINGATAN, periksa_renja
from renja.models import (
    BagianNarasi,
    Indikator,
    Keanggotaan,
    Kegiatan,
    Nomenklatur,
    PerangkatDaerah,
    Program,
    RancanganAwal,
    Renja,
    RenjaSubKegiatan,
    Renstra,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
)
from tests.pembantu import masuk

KELENGKAPAN = {
    "tanpa_sub_kegiatan",
    "pagu_nol",
    "sub_tanpa_pagu",
    "sub_tanpa_indikator",
    "renstra_tanpa_tujuan",
    "tujuan_tanpa_sasaran",
    "tujuan_tanpa_indikator",
    "sasaran_tanpa_indikator",
    "narasi_wajib",
    "narasi_kosong",
    "rancangan_awal_kosong",
}


def kunci(temuan):
    return [(t.tingkat, t.jenis, t.lokasi, t.nilai, t.pesan) for t in temuan]


def dari_json(rows):
    return [(t["tingkat"], t["jenis"], t["lokasi"], t["nilai"], t["pesan"]) for t in rows]


def kelengkapan(renja):
    return sorted((t.tingkat, t.jenis, t.lokasi) for t in periksa_renja(renja) if t.jenis in KELENGKAPAN)


# --------------------------------------------------------------------------- one list everywhere


def test_perintah_ruang_kerja_dan_review_tahun_sama_dengan_pemeriksa(bappeda):
    expected = kunci(periksa_renja(bappeda))
    assert sum(t[0] == ERROR for t in expected) == 6  # 3 kumulatif + 3 T-C.31 nodes without a Catatan Penting
    assert [t[0] for t in expected] == sorted((t[0] for t in expected), key=lambda s: s != ERROR)

    out = io.StringIO()
    call_command("renja_periksa", "--opd", "BAPPEDA", "--tahun", "2022", "--json", stdout=out)
    assert dari_json(json.loads(out.getvalue())) == expected

    url = reverse("kerja:temuan", kwargs={"opd": "BAPPEDA", "tahun": 2022})
    perencana = masuk("perencana.bappeda")
    data = perencana.get(url).json()
    assert dari_json(data["temuan"]) == expected
    assert (data["error"], data["peringatan"]) == (6, len(expected) - 6)

    page = perencana.get(reverse("kerja:ruang-kerja", kwargs={"opd": "BAPPEDA", "tahun": 2022}))
    assert dari_json(page.context["temuan"]["temuan"]) == expected
    detail = perencana.get(reverse("laporan:renja", kwargs={"opd": "BAPPEDA", "tahun": 2022}))
    assert kunci(detail.context["temuan"]) == expected

    # The year view fills each row's counts from the findings endpoint named in data-temuan.
    reviewer = masuk("reviewer")
    html = reviewer.get(reverse("review-tahun", kwargs={"tahun": 2022})).content.decode()
    assert url in re.findall(r'data-temuan="([^"]+)"', html)
    counts = reviewer.get(url).json()
    assert (counts["error"], counts["peringatan"]) == (6, len(expected) - 6)
    assert dari_json(counts["temuan"]) == expected


def test_gerbang_memakai_daftar_yang_sama(bappeda):
    from kerja.alur import penghalang

    assert penghalang(bappeda) == [f"{t.lokasi}: {t.pesan}" for t in periksa_renja(bappeda) if t.memblokir]


@pytest.mark.parametrize(
    "aksi, status, oleh",
    [
        ("ajukan", "draf", "perencana.bappeda"),
        ("verifikasi", "diajukan", "reviewer"),
        ("tetapkan", "diverifikasi", "reviewer"),
    ],
)
def test_setiap_aksi_bergerbang_menolak_dengan_temuan_yang_sama(bappeda, aksi, status, oleh):
    """Every gated workflow action refuses with exactly the checker's blocking findings, in the
    checker's order, and leaves the status as it was."""
    from kerja.alur import AKSI, AksiDitolak, jalankan

    assert AKSI[aksi].gerbang
    Renja.objects.filter(pk=bappeda.pk).update(status=status)
    bappeda.refresh_from_db()
    blocking = [f"{t.lokasi}: {t.pesan}" for t in periksa_renja(bappeda) if t.memblokir]
    assert len(blocking) == 6
    with pytest.raises(AksiDitolak) as refused:
        jalankan(bappeda, get_user_model().objects.get(username=oleh), aksi)
    assert [p.split(": ", 1)[1] for p in refused.value.pesan] == blocking
    bappeda.refresh_from_db()
    assert bappeda.status == status


def test_aksi_tanpa_gerbang_tidak_memeriksa():
    from kerja.alur import AKSI

    assert {k for k, a in AKSI.items() if a.gerbang} == {"ajukan", "verifikasi", "tetapkan"}


def test_demo_lengkap(bappeda, kominfo):
    assert kelengkapan(bappeda) == []
    assert kelengkapan(kominfo) == [(PERINGATAN, "rancangan_awal_kosong", "Tabel 2.4 (T-C.31)")]


# --------------------------------------------------------------------------- completeness


@pytest.fixture
def kosong(bappeda):
    """A new OPD's Renja 2022 with nothing in it, and its planner."""
    opd = PerangkatDaerah.objects.create(
        pemda=bappeda.opd.pemda, kode="3.26.0.00.0.00.01.0000", nama="Dinas Pariwisata", singkatan="DISPAR"
    )
    renstra = Renstra.objects.create(opd=opd, tahun_awal=2019, tahun_akhir=2023)
    renja = Renja.objects.create(opd=opd, tahun=2022, renstra=renstra)
    user = get_user_model().objects.create_user("perencana.dispar")
    Keanggotaan.objects.create(user=user, pemda=opd.pemda, opd=opd, peran=Keanggotaan.Peran.PERENCANA)
    return renja


def test_renja_kosong(kosong):
    assert kelengkapan(kosong) == sorted(
        [
            (ERROR, "tanpa_sub_kegiatan", "Tabel 3.3 (T-C.33)"),
            (ERROR, "renstra_tanpa_tujuan", "Tabel 3.1: Renstra 2019–2023"),
            (ERROR, "narasi_wajib", "Narasi 1.1 Latar Belakang"),
            (ERROR, "narasi_wajib", "Narasi 1.3 Maksud dan Tujuan"),
            (ERROR, "narasi_wajib", "Narasi Bab V Penutup"),
            (PERINGATAN, "narasi_kosong", "Narasi Kata Pengantar"),
            (PERINGATAN, "narasi_kosong", "Narasi 1.2 Landasan Hukum"),
            (PERINGATAN, "narasi_kosong", "Narasi 1.4 Sistematika Penulisan"),
            (PERINGATAN, "narasi_kosong", "Narasi 2.3 Isu-isu Penting Penyelenggaraan Tugas dan Fungsi"),
            (PERINGATAN, "narasi_kosong", "Narasi 3.1 Telaahan terhadap Kebijakan Nasional"),
            (PERINGATAN, "rancangan_awal_kosong", "Tabel 2.4 (T-C.31)"),
        ]
    )
    assert all(t.lokasi and t.nilai and t.pesan for t in periksa_renja(kosong))


def test_renja_kosong_tidak_dapat_diajukan(kosong):
    url = reverse("kerja:ajukan", kwargs={"opd": "DISPAR", "tahun": 2022})
    html = masuk("perencana.dispar").post(url, follow=True).content.decode()
    kosong.refresh_from_db()
    assert kosong.status == Renja.Status.DRAF
    assert "Belum dapat diajukan: Tabel 3.3 (T-C.33): Renja belum memuat satu pun sub kegiatan" in html


def sub_kegiatan(renja, jumlah):
    """``jumlah`` sub kegiatan of one kegiatan of the master, in the OPD's tree."""
    nom = Nomenklatur.objects.filter(level="sub_kegiatan", kode__startswith="3.26.02.").order_by("kode")[:jumlah]
    kegiatan_nom = nom[0].induk
    program = Program.objects.create(opd=renja.opd, nomenklatur=kegiatan_nom.induk)
    kegiatan = Kegiatan.objects.create(program=program, nomenklatur=kegiatan_nom)
    assert all(n.induk_id == kegiatan_nom.pk for n in nom)
    return program, kegiatan, [SubKegiatan.objects.create(kegiatan=kegiatan, nomenklatur=n) for n in nom]


def test_setiap_celah_kelengkapan(kosong):
    _, _, (a, b, c) = sub_kegiatan(kosong, 3)
    RenjaSubKegiatan.objects.create(renja=kosong, sub_kegiatan=a, urutan=1)  # no pagu at all
    RenjaSubKegiatan.objects.create(renja=kosong, sub_kegiatan=b, urutan=2, pagu=D(0), pagu_maju=D(5000000))
    RenjaSubKegiatan.objects.create(renja=kosong, sub_kegiatan=c, urutan=3, pagu=D(0))  # Rp 0, nothing in n+1
    Indikator.objects.create(sub_kegiatan=a, nama="Jumlah dokumen", satuan="Dokumen")
    Indikator.objects.create(sub_kegiatan=c, nama="Jumlah kegiatan", satuan="Kegiatan")  # b has none
    t1 = Tujuan.objects.create(renstra=kosong.renstra, nomor="1", uraian="Meningkatnya kunjungan wisata")
    Tujuan.objects.create(renstra=kosong.renstra, nomor="2", uraian="Tujuan tanpa sasaran")
    Sasaran.objects.create(tujuan=t1, nomor="1.1", uraian="Meningkatnya lama tinggal wisatawan")
    Indikator.objects.create(tujuan=t1, nama="Jumlah kunjungan wisatawan", satuan="Orang")
    BagianNarasi.objects.create(renja=kosong, kunci=BagianNarasi.Kunci.LATAR_BELAKANG, isi="Latar belakang.")
    BagianNarasi.objects.create(renja=kosong, kunci=BagianNarasi.Kunci.MAKSUD_TUJUAN, isi="   ")  # blank is empty
    BagianNarasi.objects.create(renja=kosong, kunci=BagianNarasi.Kunci.KAIDAH_PELAKSANAAN, isi="Kaidah.")
    kode = {s: s.nomenklatur.kode for s in (a, b, c)}
    found = {(t.tingkat, t.jenis, t.lokasi): t for t in periksa_renja(kosong) if t.jenis in KELENGKAPAN}
    assert sorted(found) == sorted(
        [
            (ERROR, "pagu_nol", "Tabel 3.3 (T-C.33), total pagu 2022"),
            (ERROR, "sub_tanpa_pagu", f"Tabel 3.3 (T-C.33): {kode[a]}"),
            (ERROR, "sub_tanpa_pagu", f"Tabel 3.3 (T-C.33): {kode[c]}"),
            (ERROR, "sub_tanpa_indikator", f"Tabel 3.3 (T-C.33): {kode[b]}"),
            (ERROR, "tujuan_tanpa_sasaran", "Tabel 3.1: tujuan 2"),
            (PERINGATAN, "tujuan_tanpa_indikator", "Tabel 3.1: tujuan 2"),
            (PERINGATAN, "sasaran_tanpa_indikator", "Tabel 3.1: sasaran 1.1"),
            (ERROR, "narasi_wajib", "Narasi 1.3 Maksud dan Tujuan"),
            (PERINGATAN, "narasi_kosong", "Narasi Kata Pengantar"),
            (PERINGATAN, "narasi_kosong", "Narasi 1.2 Landasan Hukum"),
            (PERINGATAN, "narasi_kosong", "Narasi 1.4 Sistematika Penulisan"),
            (PERINGATAN, "narasi_kosong", "Narasi 2.3 Isu-isu Penting Penyelenggaraan Tugas dan Fungsi"),
            (PERINGATAN, "narasi_kosong", "Narasi 3.1 Telaahan terhadap Kebijakan Nasional"),
            (PERINGATAN, "narasi_kosong", "Narasi Bab V – Catatan Penting"),
            (PERINGATAN, "narasi_kosong", "Narasi Bab V – Rencana Tindak Lanjut"),
            (PERINGATAN, "rancangan_awal_kosong", "Tabel 2.4 (T-C.31)"),
        ]
    )
    assert found[(ERROR, "pagu_nol", "Tabel 3.3 (T-C.33), total pagu 2022")].nilai == "total Rp 0"
    assert (
        found[(ERROR, "sub_tanpa_pagu", f"Tabel 3.3 (T-C.33): {kode[a]}")].nilai == "pagu 2022 kosong; pagu 2023 kosong"
    )
    # a sub kegiatan without indicator is reported once, not also as "no target"
    assert not [t for t in periksa_renja(kosong) if t.jenis == "target_kosong" and t.lokasi == kode[b]]


def test_renja_lengkap_tanpa_temuan_kelengkapan(kosong):
    program, kegiatan, (a,) = sub_kegiatan(kosong, 1)
    RenjaSubKegiatan.objects.create(renja=kosong, sub_kegiatan=a, pagu=D(250000000), pagu_maju=D(260000000))
    for owner in ({"program": program}, {"kegiatan": kegiatan}, {"sub_kegiatan": a}):
        ind = Indikator.objects.create(**owner, nama="Jumlah dokumen", satuan="Dokumen")
        Target.objects.create(indikator=ind, tahun=2022, jenis=Target.Jenis.RENJA, nilai=D(1))
        Target.objects.create(indikator=ind, tahun=2023, jenis=Target.Jenis.PRAKIRAAN_MAJU, nilai=D(1))
    tujuan = Tujuan.objects.create(renstra=kosong.renstra, nomor="1", uraian="Meningkatnya kunjungan wisata")
    sasaran = Sasaran.objects.create(tujuan=tujuan, nomor="1.1", uraian="Meningkatnya lama tinggal wisatawan")
    Indikator.objects.create(tujuan=tujuan, nama="Jumlah kunjungan wisatawan", satuan="Orang")
    Indikator.objects.create(sasaran=sasaran, nama="Rata-rata lama tinggal", satuan="Hari")
    for value in BagianNarasi.Kunci.values:
        BagianNarasi.objects.create(renja=kosong, kunci=value, isi="Isi.")
    RancanganAwal.objects.create(
        opd=kosong.opd, tahun=2022, bagian=RancanganAwal.Bagian.RANCANGAN_AWAL, nomenklatur=a.nomenklatur
    )
    assert kelengkapan(kosong) == []
    assert not [t for t in periksa_renja(kosong) if t.jenis == "target_kosong"]
