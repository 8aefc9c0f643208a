"""Shared model pieces: a value that is a number or a text, and the indicators of a Renja."""

from decimal import Decimal

from evaluasi.models import RealisasiKinerja
from renja.models import Indikator, NilaiPelayanan, Target


def test_isi_angka_atau_teks():
    for model in (Target, RealisasiKinerja, NilaiPelayanan):
        assert model(nilai=Decimal("0"), nilai_teks="").isi == Decimal("0")
        assert model(nilai=None, nilai_teks="Ada").isi == "Ada"


def test_isi_target_tersimpan(bappeda):
    angka = Target.objects.filter(indikator__in=Indikator.objects.for_renja(bappeda), nilai__isnull=False).first()
    assert angka.isi == angka.nilai and isinstance(angka.isi, Decimal)


def test_indikator_for_renja_sub_kegiatan_kegiatan_dan_program(bappeda, kominfo, django_assert_num_queries):
    subs = [item.sub_kegiatan for item in bappeda.sub_kegiatan.select_related("sub_kegiatan__kegiatan")]
    kegiatan = {sub.kegiatan_id for sub in subs}
    program = {sub.kegiatan.program_id for sub in subs}
    expected = {
        ind.pk
        for ind in Indikator.objects.all()
        if ind.sub_kegiatan_id in {sub.pk for sub in subs} or ind.kegiatan_id in kegiatan or ind.program_id in program
    }
    with django_assert_num_queries(1):
        found = [ind.pk for ind in Indikator.objects.for_renja(bappeda)]
    assert {"sub_kegiatan", "kegiatan", "program"} <= {ind.level for ind in Indikator.objects.filter(pk__in=found)}
    assert len(found) == len(set(found)) and set(found) == expected
    assert not set(found) & {ind.pk for ind in Indikator.objects.for_renja(kominfo)}


def test_nodes_renja(bappeda):
    nodes = bappeda.nodes()
    subs = set(bappeda.sub_kegiatan.values_list("sub_kegiatan", flat=True))
    assert set(nodes["sub_kegiatan"].values_list("pk", flat=True)) == subs
    assert set(nodes["kegiatan"].values_list("pk", flat=True)) == set(
        nodes["sub_kegiatan"].values_list("kegiatan", flat=True)
    )
    assert nodes["program"].count() == len({k.program_id for k in nodes["kegiatan"]})
