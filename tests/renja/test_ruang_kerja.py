"""Saving many cells of a Renja at once (renja.ruang_kerja): all or none, Indonesian messages
that name the row, column and value, optimistic locking, and who may save."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from kerja.ruang_kerja import LembarRenja, Perubahan, Tersimpan, simpan_perubahan
from renja.galat import SimpanGagal
from renja.models import Indikator, Keanggotaan, RenjaSubKegiatan, Target

User = get_user_model()


@pytest.fixture
def perencana(db):
    return User.objects.get(username="perencana.bappeda")


@pytest.fixture
def item(bappeda):
    """A sub kegiatan of the Bappeda Renja with an indicator that has a target for n."""
    return (
        RenjaSubKegiatan.objects.filter(renja=bappeda, sub_kegiatan__indikator__target__tahun=bappeda.tahun)
        .select_related("sub_kegiatan")
        .first()
    )


@pytest.fixture
def indikator(item, bappeda):
    return Indikator.objects.filter(sub_kegiatan=item.sub_kegiatan, target__tahun=bappeda.tahun).first()


def target(indikator, tahun, jenis=Target.Jenis.RENJA):
    return Target.objects.filter(indikator=indikator, tahun=tahun, jenis=jenis).first()


def test_beberapa_sel_tersimpan_dengan_versi_dan_riwayat(bappeda, perencana, item, indikator):
    t = target(indikator, 2022)
    hasil = simpan_perubahan(
        bappeda,
        perencana,
        [
            Perubahan("pagu", item.pk, "1.250.000.000", item.versi, "5.01"),
            Perubahan("lokasi", item.pk, "Kecamatan Serang", item.versi),
            Perubahan("target", indikator.pk, "12,5", t.versi),
        ],
    )
    item.refresh_from_db()
    assert item.pagu == D("1250000000") and item.lokasi == "Kecamatan Serang"
    assert item.versi == 2 and [h.versi for h in hasil] == [2, 2, t.versi + 1]  # one save per object
    assert [h.tampil for h in hasil] == ["1.250.000.000", "Kecamatan Serang", "12,5"]
    assert target(indikator, 2022).nilai == D("12.5")
    assert item.history.first().history_user == perencana


def test_gaya_inggris_dikenali_untuk_satu_tempelan(bappeda, perencana, item, indikator):
    t = target(indikator, 2022)
    simpan_perubahan(
        bappeda,
        perencana,
        [
            Perubahan("pagu", item.pk, "1,250,000.50", item.versi),
            Perubahan("target", indikator.pk, "12.5", t.versi),
        ],
    )
    item.refresh_from_db()
    assert item.pagu == D("1250000.50") and target(indikator, 2022).nilai == D("12.5")


def test_satu_sel_salah_tidak_ada_yang_tersimpan(bappeda, perencana, item):
    before = (item.lokasi, item.pagu, item.versi)
    with pytest.raises(SimpanGagal) as error:
        simpan_perubahan(
            bappeda,
            perencana,
            [
                Perubahan("lokasi", item.pk, "Kecamatan Baru", item.versi, "5.01.02.2.01.01"),
                Perubahan("pagu", item.pk, "12x", item.versi, "5.01.02.2.01.01"),
                Perubahan("pagu_maju", item.pk, "-5", item.versi, "5.01.02.2.01.01"),
            ],
        )
    assert error.value.pesan == [
        "Baris 5.01.02.2.01.01, kolom Pagu indikatif tahun n: '12x' bukan angka (contoh penulisan: 1.234.567,89).",
        "Baris 5.01.02.2.01.01, kolom Pagu indikatif tahun n+1: '-5': pagu tidak boleh negatif.",
    ]
    item.refresh_from_db()
    assert (item.lokasi, item.pagu, item.versi) == before


def test_konflik_menyebut_siapa_dan_nilai_lain(bappeda, perencana, item):
    other = User.objects.create_user("perencana.dua", first_name="Siti", last_name="Aminah")
    Keanggotaan.objects.create(user=other, pemda=bappeda.opd.pemda, opd=bappeda.opd, peran="perencana")
    seen = item.versi
    simpan_perubahan(bappeda, other, [Perubahan("pagu", item.pk, "900.000.000", seen)])
    with pytest.raises(SimpanGagal) as error:
        simpan_perubahan(
            bappeda,
            perencana,
            [
                Perubahan("lokasi", item.pk, "Kecamatan Lain", seen, "5.01"),
                Perubahan("pagu", item.pk, "800.000.000", seen, "5.01"),
            ],
        )
    assert [k["kolom"] for k in error.value.konflik] == ["lokasi", "pagu"]  # one version per sub kegiatan
    konflik = error.value.konflik[1]
    assert konflik["oleh"] == "Siti Aminah" and konflik["nilai_lain"] == "900.000.000"
    assert "sudah diubah oleh Siti Aminah" in konflik["pesan"] and "'800.000.000' belum disimpan" in konflik["pesan"]
    item.refresh_from_db()
    assert item.pagu == D("900000000") and item.lokasi != "Kecamatan Lain" and item.versi == seen + 1


@pytest.mark.parametrize("username", ["perencana.kominfo", "reviewer"])
def test_selain_perencana_opd_itu_dilarang(bappeda, item, username):
    with pytest.raises(PermissionDenied):
        simpan_perubahan(bappeda, User.objects.get(username=username), [Perubahan("lokasi", item.pk, "X", item.versi)])
    item.refresh_from_db()
    assert item.lokasi != "X"


def test_renja_yang_diajukan_terkunci(bappeda, perencana, item):
    bappeda.status = "diajukan"
    bappeda.save()
    with pytest.raises(SimpanGagal, match="Diajukan ke Bappeda' dan tidak dapat diubah"):
        simpan_perubahan(bappeda, perencana, [Perubahan("lokasi", item.pk, "X", item.versi)])


def test_baris_renja_lain_ditolak(bappeda, kominfo, perencana):
    other = RenjaSubKegiatan.objects.filter(renja=kominfo).first()
    with pytest.raises(SimpanGagal, match="bukan bagian dari Renja BAPPEDA 2022"):
        simpan_perubahan(bappeda, perencana, [Perubahan("lokasi", other.pk, "X", other.versi)])


def test_hanya_baris_yang_disebut_dicari_dan_yang_bukan_milik_ditolak(bappeda, kominfo, perencana, item):
    """The grid looks up only the ids a request names (kerja.grid.Lembar.milik_dari): another
    OPD's indicator, an id no row has and an id no database key can hold are each refused by
    row, and a batch holding one of them saves nothing."""
    other = Indikator.objects.for_renja(kominfo).first()
    assert not Indikator.objects.for_renja(bappeda).filter(pk=other.pk).exists()
    nobody = RenjaSubKegiatan.objects.order_by("-pk").first().pk + 1000
    for sel in [
        Perubahan("indikator", other.pk, "Diubah", other.versi, "K1"),
        Perubahan("lokasi", nobody, "X", 0, "K2"),
        Perubahan("lokasi", 10**30, "X", 0, "K3"),
        Perubahan("target", 10**30, "5", 0, "K5"),
        Perubahan("lokasi", -5, "X", 0, "K4"),
    ]:
        with pytest.raises(SimpanGagal) as error:
            simpan_perubahan(bappeda, perencana, [Perubahan("lokasi", item.pk, "Baru", item.versi), sel])
        [galat] = error.value.kesalahan
        assert (
            galat["pesan"]
            == f"Baris {sel.baris}, kolom {LembarRenja.KOLOM[sel.kolom].label}: baris ini bukan bagian dari Renja BAPPEDA 2022."
        )
    item.refresh_from_db()
    other.refresh_from_db()
    assert item.lokasi != "Baru" and other.nama != "Diubah"


def test_target_baru_dan_target_dikosongkan(bappeda, perencana, indikator):
    existing = target(indikator, 2023, Target.Jenis.PRAKIRAAN_MAJU)
    versi = existing.versi if existing else 0
    [saved] = simpan_perubahan(bappeda, perencana, [Perubahan("target_maju", indikator.pk, "7", versi)])
    assert target(indikator, 2023, Target.Jenis.PRAKIRAAN_MAJU).nilai == D("7") and saved.versi == versi + 1
    simpan_perubahan(bappeda, perencana, [Perubahan("target_maju", indikator.pk, "", saved.versi)])
    assert target(indikator, 2023, Target.Jenis.PRAKIRAAN_MAJU) is None


def test_pilihan_dengan_nilai_atau_label(bappeda, perencana, indikator):
    simpan_perubahan(
        bappeda, perencana, [Perubahan("sifat", indikator.pk, "Non-kumulatif (posisi akhir)", indikator.versi)]
    )
    indikator.refresh_from_db()
    assert indikator.sifat == "non_kumulatif"
    with pytest.raises(SimpanGagal, match="'tahunan' bukan pilihan yang sah"):
        simpan_perubahan(bappeda, perencana, [Perubahan("sifat", indikator.pk, "tahunan", indikator.versi)])


def test_sumber_dana_dan_penanggung_jawab_dengan_nama_atau_kode(bappeda, perencana, item):
    from renja.models import SumberDana, UnitKerja

    dana = SumberDana.objects.filter(pemda=bappeda.opd.pemda).exclude(pk=item.sumber_dana_id).first()
    unit = UnitKerja.objects.filter(opd=bappeda.opd).exclude(pk=item.penanggung_jawab_id).first()
    [a, b] = simpan_perubahan(
        bappeda,
        perencana,
        [
            Perubahan("sumber_dana", item.pk, dana.nama.upper(), item.versi),
            Perubahan("penanggung_jawab", item.pk, unit.kode, item.versi),
        ],
    )
    item.refresh_from_db()
    assert (item.sumber_dana, item.penanggung_jawab) == (dana, unit)
    assert (a.tampil, b.tampil) == (dana.nama, str(unit))
    with pytest.raises(SimpanGagal, match="'APBN Pusat' tidak dikenal"):
        simpan_perubahan(bappeda, perencana, [Perubahan("sumber_dana", item.pk, "APBN Pusat", item.versi)])


def test_unit_kerja_opd_lain_tidak_dikenal(bappeda, perencana, item):
    from renja.models import UnitKerja

    lain = UnitKerja.objects.get(opd__singkatan="DISKOMINFO", kode="APTIKA")  # Kominfo's, not Bappeda's
    with pytest.raises(SimpanGagal, match="'APTIKA' tidak dikenal"):
        simpan_perubahan(bappeda, perencana, [Perubahan("penanggung_jawab", item.pk, lain.kode, item.versi)])


def test_aturan_indikator_diperiksa_dan_satu_baris_sekaligus_lolos(bappeda, perencana, indikator):
    Indikator.objects.filter(pk=indikator.pk).update(sifat="kumulatif", tipe_nilai="angka")
    indikator.refresh_from_db()
    with pytest.raises(SimpanGagal, match="Hanya indikator angka yang boleh kumulatif"):
        simpan_perubahan(bappeda, perencana, [Perubahan("tipe_nilai", indikator.pk, "Persen", indikator.versi)])
    # the same row pasted whole (tipe and sifat together) is one consistent change
    simpan_perubahan(
        bappeda,
        perencana,
        [
            Perubahan("tipe_nilai", indikator.pk, "Persen", indikator.versi),
            Perubahan("sifat", indikator.pk, "Non-kumulatif", indikator.versi),
        ],
    )
    indikator.refresh_from_db()
    assert (indikator.tipe_nilai, indikator.sifat, indikator.versi) == ("persen", "non_kumulatif", 2)


def test_polaritas_negatif_dengan_metodenya(bappeda, perencana, indikator):
    with pytest.raises(SimpanGagal, match="'Negatif' bukan pilihan yang sah"):  # the method must be chosen
        simpan_perubahan(bappeda, perencana, [Perubahan("polaritas", indikator.pk, "Negatif", indikator.versi)])
    [saved] = simpan_perubahan(
        bappeda, perencana, [Perubahan("polaritas", indikator.pk, "negatif: 2×target−realisasi", indikator.versi)]
    )
    indikator.refresh_from_db()
    assert (indikator.polaritas, indikator.metode_negatif) == ("negatif", "selisih")
    assert saved.tampil == "Negatif: 2×target−realisasi"
    simpan_perubahan(bappeda, perencana, [Perubahan("polaritas", indikator.pk, "Positif", indikator.versi)])
    indikator.refresh_from_db()
    assert (indikator.polaritas, indikator.metode_negatif) == ("positif", "")


def test_sel_diketik_menutup_temuan_impor_renja_sel_itu_saja(bappeda, perencana, item, tmp_path):
    """A Renja import left two cells empty (``--kosongkan-galat``): the target n of a new
    indicator and the pagu n of a sub kegiatan. Typing other cells of the same indicator and
    sub kegiatan (its target n+1, the lokasi) settles neither; typing that target closes its
    finding only, and the pagu's stays open."""
    from django.core.management import call_command

    from renja.models import Impor, TemuanImpor
    from tests.onboarding.renja_berkas import formulir

    nom = item.sub_kegiatan.nomenklatur
    path = tmp_path / "renja.xlsx"
    path.write_bytes(formulir([[nom.kode, nom.nama, "Indikator uji temuan", None, "#REF!", "#REF!"] + [None] * 4]))
    call_command(
        "impor", "renja", str(path), "--opd", "BAPPEDA", "--tahun", "2022", "--terapkan", "--oleh", "admin",
        "--kosongkan-galat",
    )  # fmt: skip
    baru = Indikator.objects.get(sub_kegiatan=item.sub_kegiatan, nama="Indikator uji temuan")
    assert not baru.target.exists()
    item.refresh_from_db()
    assert item.pagu is not None  # the stored pagu is kept, not cleared
    terbuka = {t.kolom: t.kunci for t in TemuanImpor.objects.filter(opd=bappeda.opd, selesai=False)}
    assert terbuka == {
        "Target 2022": f"renja:Indikator:{baru.pk}:2022:renja",
        "Kebutuhan Dana/Pagu Indikatif": f"renja:RenjaSubKegiatan:{item.pk}:2022:pagu",
    }
    hasil = simpan_perubahan(
        bappeda,
        perencana,
        [
            Perubahan("target_maju", baru.pk, "3", 0),
            Perubahan("lokasi", item.pk, "Kecamatan Taktakan", item.versi),
        ],
    )
    assert len(hasil) == 2
    assert TemuanImpor.objects.filter(opd=bappeda.opd, selesai=False).count() == 2
    simpan_perubahan(bappeda, perencana, [Perubahan("target", baru.pk, "4", 0)])
    assert target(baru, 2022).nilai == D("4")
    [tetap] = TemuanImpor.objects.filter(opd=bappeda.opd, selesai=False)
    assert tetap.kunci == f"renja:RenjaSubKegiatan:{item.pk}:2022:pagu"
    assert TemuanImpor.objects.get(kunci=f"renja:Indikator:{baru.pk}:2022:renja").selesai
    # a later import reading the pagu closes its finding; the target unreadable again is a new one, same key
    path.write_bytes(formulir([[nom.kode, nom.nama, "Indikator uji temuan", None, "#REF!", "750.000"] + [None] * 4]))
    call_command(
        "impor", "renja", str(path), "--opd", "BAPPEDA", "--tahun", "2022", "--terapkan", "--oleh", "admin",
        "--kosongkan-galat",
    )  # fmt: skip
    [tetap] = TemuanImpor.objects.filter(opd=bappeda.opd, selesai=False)
    assert tetap.kunci == f"renja:Indikator:{baru.pk}:2022:renja" and tetap.nilai == "#REF!"
    assert tetap.impor == Impor.objects.filter(opd=bappeda.opd, jenis="renja").latest("pk")
    item.refresh_from_db()
    assert item.pagu == D("750000") and target(baru, 2022).nilai == D("4")  # typed target kept


def test_sel_kosong_tidak_menutup_temuan_dan_tanpa_query(bappeda, perencana, item, django_assert_num_queries):
    """Closing findings costs one query only when a cell was filled: an emptied cell is none."""
    from renja.models import Impor, TemuanImpor

    impor = Impor.objects.create(jenis=Impor.Jenis.RENJA, opd=bappeda.opd, nama_berkas="f", sha256="0", oleh=perencana)
    kunci = f"renja:RenjaSubKegiatan:{item.pk}:2022:pagu_maju"
    temuan = TemuanImpor.objects.create(
        impor=impor, opd=bappeda.opd, tahun=2022, nomor_baris=7, kolom="Prakiraan Maju: Pagu", pesan="x", kunci=kunci
    )
    lembar = LembarRenja(bappeda, perencana)
    with django_assert_num_queries(0):
        lembar.sesudah_simpan([Tersimpan("pagu_maju", item.pk, None, "", 2)])
    temuan.refresh_from_db()
    assert not temuan.selesai
    with django_assert_num_queries(1):
        lembar.sesudah_simpan([Tersimpan("pagu_maju", item.pk, D(5), "5", 2)])
    temuan.refresh_from_db()
    assert temuan.selesai
