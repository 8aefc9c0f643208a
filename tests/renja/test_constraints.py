"""Database constraints reject what can never be valid; clean() explains in Indonesian."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from anggaran.models import RealisasiAnggaran
from evaluasi.models import RealisasiKinerja
from renja.models import (
    Indikator,
    Keanggotaan,
    Nomenklatur,
    Program,
    RenjaSubKegiatan,
    Renstra,
    Target,
)


def rejected(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def item(bappeda):
    return bappeda.sub_kegiatan.select_related("sub_kegiatan").first()


def test_pagu_negatif_ditolak(item):
    item.pagu = Decimal("-1")
    with pytest.raises(ValidationError) as info:
        item.full_clean()
    assert "Pagu indikatif tidak boleh negatif." in str(info.value)
    rejected(lambda: RenjaSubKegiatan.objects.filter(pk=item.pk).update(pagu=Decimal("-1")))
    rejected(lambda: RenjaSubKegiatan.objects.filter(pk=item.pk).update(pagu_maju=Decimal("-0.01")))


def test_sub_kegiatan_ganda_dalam_renja(bappeda, item):
    rejected(lambda: RenjaSubKegiatan.objects.create(renja=bappeda, sub_kegiatan=item.sub_kegiatan))


def test_kode_nomenklatur_ganda(db):
    node = Nomenklatur.objects.get(kode="5.01.02")
    rejected(
        lambda: Nomenklatur.objects.create(
            versi=node.versi, kode="5.01.02", level="program", nama="X", induk=node.induk
        )
    )


def test_program_ganda_untuk_opd(bappeda):
    program = Program.objects.filter(opd=bappeda.opd).first()
    rejected(lambda: Program.objects.create(opd=bappeda.opd, nomenklatur=program.nomenklatur))


def test_target_ganda_untuk_tahun_yang_sama(bappeda):
    target = Target.objects.filter(indikator__sub_kegiatan__kegiatan__program__opd=bappeda.opd).first()
    rejected(lambda: Target.objects.create(indikator=target.indikator, tahun=target.tahun, jenis=target.jenis, nilai=1))
    with pytest.raises(ValidationError) as info:
        Target(indikator=target.indikator, tahun=target.tahun, jenis=target.jenis, nilai=1).validate_constraints()
    assert "sudah ada" in str(info.value)


def test_target_harus_satu_jenis_nilai(bappeda):
    indikator = Indikator.objects.filter(sub_kegiatan__kegiatan__program__opd=bappeda.opd).first()
    rejected(lambda: Target.objects.create(indikator=indikator, tahun=2030, jenis="renja", nilai=1, nilai_teks="Ada"))
    rejected(lambda: Target.objects.create(indikator=indikator, tahun=2031, jenis="renja"))


def test_indikator_tepat_satu_pemilik(bappeda, item):
    program = Program.objects.filter(opd=bappeda.opd).first()
    rejected(lambda: Indikator.objects.create(nama="Tanpa pemilik"))
    rejected(lambda: Indikator.objects.create(nama="Dua pemilik", program=program, sub_kegiatan=item.sub_kegiatan))


def test_persentase_tidak_boleh_kumulatif(item):
    rejected(
        lambda: Indikator.objects.create(
            nama="Persentase dokumen",
            satuan="%",
            tipe_nilai="persen",
            sifat="kumulatif",
            sub_kegiatan=item.sub_kegiatan,
        )
    )
    indikator = Indikator(nama="Indeks", tipe_nilai="indeks", sifat="kumulatif", sub_kegiatan=item.sub_kegiatan)
    with pytest.raises(ValidationError) as info:
        indikator.full_clean()
    assert "tidak dijumlahkan" in str(info.value)


def test_polaritas_negatif_wajib_metode(item):
    rejected(lambda: Indikator.objects.create(nama="Temuan audit", polaritas="negatif", sub_kegiatan=item.sub_kegiatan))


def test_kategori_wajib_skala(item):
    indikator = Indikator(
        nama="Indeks Inovasi", tipe_nilai="kategori", sifat="non_kumulatif", sub_kegiatan=item.sub_kegiatan
    )
    with pytest.raises(ValidationError) as info:
        indikator.full_clean()
    assert "skala" in str(info.value)


def test_perencana_wajib_terikat_opd(bappeda):
    user = get_user_model().objects.create(username="tanpa-opd")
    rejected(lambda: Keanggotaan.objects.create(user=user, pemda=bappeda.opd.pemda, peran="perencana"))


def test_periode_renstra(bappeda):
    rejected(lambda: Renstra.objects.create(opd=bappeda.opd, tahun_awal=2024, tahun_akhir=2024))


def test_realisasi_anggaran_tidak_negatif_dan_unik(item):
    rejected(lambda: RealisasiAnggaran.objects.create(sub_kegiatan=item.sub_kegiatan, tahun=2021, nilai=Decimal("-5")))
    RealisasiAnggaran.objects.create(sub_kegiatan=item.sub_kegiatan, tahun=2021, periode="tw1", nilai=5)
    rejected(
        lambda: RealisasiAnggaran.objects.create(sub_kegiatan=item.sub_kegiatan, tahun=2021, periode="tw1", nilai=6)
    )


def test_realisasi_kinerja_unik(item):
    indikator = item.sub_kegiatan.indikator.first()
    RealisasiKinerja.objects.create(indikator=indikator, tahun=2030, periode="tw2", nilai=1)
    rejected(lambda: RealisasiKinerja.objects.create(indikator=indikator, tahun=2030, periode="tw2", nilai=2))


def test_sub_kegiatan_opd_lain_ditolak_clean(bappeda, kominfo):
    other = kominfo.sub_kegiatan.first().sub_kegiatan
    with pytest.raises(ValidationError) as info:
        RenjaSubKegiatan(renja=bappeda, sub_kegiatan=other).full_clean()
    assert "bukan milik Perangkat Daerah Renja ini" in str(info.value)


def test_kode_nomenklatur_tak_baku_ditolak_clean(db):
    induk = Nomenklatur.objects.get(kode="5.01")
    node = Nomenklatur(versi=induk.versi, kode="5.1.9", level="program", nama="X", induk=induk)
    with pytest.raises(ValidationError) as info:
        node.full_clean()
    assert 'bentuk baku "5.01.09"' in str(info.value)
