"""The city-wide tables of a year (laporan.builders.kota) on the demo data."""

from decimal import Decimal as D

from anggaran.models import PlafonAnggaran
from evaluasi.capaian import predikat, rata_rata_capaian
from laporan.builders.kota import ringkasan_kota
from laporan.builders.tc29 import evaluasi_renja_lalu
from renja.models import Renja, RenjaSubKegiatan, SumberDana


def test_pagu_plafon_dan_jumlah(bappeda, kominfo, django_assert_max_num_queries):
    apbd = SumberDana.objects.get(pemda=bappeda.opd.pemda, nama="APBD Kota Serang")
    PlafonAnggaran.objects.create(opd=bappeda.opd, tahun=2022, pagu=D("21000000000"))
    PlafonAnggaran.objects.create(opd=bappeda.opd, tahun=2022, sumber_dana=apbd, pagu=D("25000000000"))
    with django_assert_max_num_queries(7):
        kota = ringkasan_kota(2022, Renja.objects.filter(tahun=2022), "Kota Serang")
    by_opd = {b.sel[1].nilai: b for b in kota.tabel_opd.baris}
    bap = by_opd["Badan Perencanaan Pembangunan Daerah"]
    # T-C.33 total of the demo Renja; ceiling 21 M → 817.700.000 left
    assert [bap.sel[i].nilai for i in (3, 4, 5)] == [D("20182300000"), D("21000000000"), D("817700000")]
    kominfo_total = sum(i.pagu or 0 for i in RenjaSubKegiatan.objects.filter(renja=kominfo))
    kom = by_opd["Dinas Komunikasi dan Informatika"]
    assert kom.sel[3].nilai == kominfo_total and kom.sel[4].nilai is None and kom.sel[5].nilai is None
    total = kota.tabel_opd.baris[-1]
    assert total.jenis == "total" and total.sel[3].nilai == D("20182300000") + kominfo_total
    assert total.sel[4].nilai == D("21000000000")
    # per sumber dana: APBD's pagu against its 25 M ceiling
    apbd_pagu = sum(i.pagu or 0 for i in RenjaSubKegiatan.objects.filter(renja__tahun=2022, sumber_dana=apbd))
    [row] = [b for b in kota.tabel_dana.baris if b.sel[1].nilai == "APBD Kota Serang"]
    assert (row.sel[2].nilai, row.sel[3].nilai, row.sel[4].nilai) == (
        apbd_pagu,
        D("25000000000"),
        D("25000000000") - apbd_pagu,
    )


def test_capaian_renstra_sama_dengan_tabel_2_1(bappeda):
    """Kolom 7 is the mean of the printed T-C.29 kolom 11 of that Renja (Tabel 2.1's own footer
    figure in the document), computed here from the table's cells."""
    kota = ringkasan_kota(2022, Renja.objects.filter(pk=bappeda.pk), "Kota Serang")
    cells = [b.sel[-1] for b in evaluasi_renja_lalu(bappeda).baris if b.jenis != "nihil"]
    rata = rata_rata_capaian([s.nilai if s.jenis == "persen" else None for s in cells])
    row = kota.tabel_opd.baris[0]
    assert row.sel[6].nilai.quantize(D("0.0001")) == rata.hasil.nilai.quantize(D("0.0001"))
    assert row.sel[7].nilai == predikat(rata.hasil).kriteria
    assert sum(n for _, _, n in kota.predikat) == 1


def test_tanpa_renja_nihil(db):
    kota = ringkasan_kota(2030, Renja.objects.filter(tahun=2030), "Kota Serang")
    assert [b.jenis for b in kota.tabel_opd.baris] == ["nihil"] and kota.renja == []
