"""Importing the RKPD rancangan awal of an OPD (renja.ranwal): round trip of the demo's own
rancangan awal, changes and removals shown before they are written, all or nothing."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from renja.berkas import BerkasTidakSah
from renja.impor import BARU, BERUBAH, GALAT, SAMA
from renja.models import Impor, RancanganAwal, RancanganAwalIndikator, Renja
from renja.ranwal import DIHAPUS, periksa, terapkan
from tests.pembantu import xlsx

KEPALA = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Lokasi", "Indikator", "Satuan", "Target", "Pagu Indikatif (Rp)"]


def berkas_dari_db(opd, tahun, ubah=None):
    """The OPD's current rancangan awal as a spreadsheet (one row per indicator, the node's
    cells on its first row), with ``ubah(rows)`` applied."""
    rows = [KEPALA]
    for row in (
        RancanganAwal.objects.filter(opd=opd, tahun=tahun, bagian="rancangan_awal")
        .select_related("nomenklatur")
        .prefetch_related("indikator")
        .order_by("urutan")
    ):
        indikator = list(row.indikator.all()) or [None]
        for index, ind in enumerate(indikator):
            node = [row.nomenklatur.kode, row.nama, row.lokasi] if index == 0 else [None, None, None]
            target = (
                None
                if ind is None
                else (str(ind.target).replace(".", ",") if ind.target is not None else ind.target_teks)
            )
            values = [ind.nama, ind.satuan, target] if ind else [None, None, None]
            rows.append(
                [*node, *values, (str(int(row.pagu)) if row.pagu is not None else None) if index == 0 else None]
            )
    if ubah:
        ubah(rows)
    return xlsx(rows)


@pytest.fixture
def admin(db):
    return get_user_model().objects.get(username="admin")


def test_rancangan_awal_demo_terbaca_kembali_sama(bappeda):
    hasil = periksa(bappeda.opd, berkas_dari_db(bappeda.opd, 2022), "ranwal.xlsx", 2022)
    count = RancanganAwal.objects.filter(opd=bappeda.opd, tahun=2022, bagian="rancangan_awal").count()
    assert hasil.ringkasan[SAMA] == count and not hasil.galat and hasil.ringkasan[BARU] == 0


def test_perubahan_dan_penghapusan_lalu_diterapkan(bappeda, admin):
    RancanganAwal.objects.filter(opd=bappeda.opd, tahun=2022, nomenklatur__kode="5.01.02").update(
        catatan_penting="Catatan perencana."
    )

    def ubah(rows):
        program = next(r for r in rows if r[0] == "5.01.02")
        program[6] = "2.400.000.000"  # was 2.300.000.000
        last = max(i for i, r in enumerate(rows) if r[0])
        del rows[last:]  # the last node (and its indicators) is dropped

    data = berkas_dari_db(bappeda.opd, 2022, ubah)
    hasil = periksa(bappeda.opd, data, "ranwal.xlsx", 2022)
    [changed] = [b for b in hasil.baris if b.status == BERUBAH]
    assert changed.mentah == "5.01.02" and "2.300.000.000" in changed.lama and "2.400.000.000" in changed.baru
    [gone] = [b for b in hasil.baris if b.status == DIHAPUS]
    log = terapkan(bappeda.opd, admin, data, "ranwal.xlsx", 2022)
    assert (log.jenis, log.berubah) == ("rancangan_awal", 1)
    program = RancanganAwal.objects.get(
        opd=bappeda.opd, tahun=2022, bagian="rancangan_awal", nomenklatur__kode="5.01.02"
    )
    assert program.pagu == D("2400000000") and program.catatan_penting == "Catatan perencana."
    assert not RancanganAwal.objects.filter(
        opd=bappeda.opd, tahun=2022, bagian="rancangan_awal", nomenklatur__kode=gone.mentah
    )
    assert program.history.first().history_change_reason == f"impor #{log.pk} ranwal.xlsx"


def test_kode_salah_ditolak_tidak_ada_yang_berubah(bappeda, admin):
    def ubah(rows):
        rows.append(["9.99.99", "Program tak ada", "", "x", "", "1", "5"])
        rows.append(["1.02.02", "Program urusan lain", "", "x", "", "1", "5"])

    data = berkas_dari_db(bappeda.opd, 2022, ubah)
    hasil = periksa(bappeda.opd, data, "ranwal.xlsx", 2022)
    messages = [b.pesan for b in hasil.galat]
    assert len(messages) == 2 and "nomenklatur yang berlaku" in messages[0] and "bukan bidang urusan" in messages[1]
    before = list(RancanganAwal.objects.values_list("pk", "pagu"))
    with pytest.raises(BerkasTidakSah, match="2 baris bergalat"):
        terapkan(bappeda.opd, admin, data, "ranwal.xlsx", 2022)
    assert list(RancanganAwal.objects.values_list("pk", "pagu")) == before and not Impor.objects.exists()


def test_tahun_wajib(bappeda):
    with pytest.raises(BerkasTidakSah, match="tahun RKPD"):
        periksa(bappeda.opd, berkas_dari_db(bappeda.opd, 2022), "ranwal.xlsx", None)


def test_rancangan_awal_baru_membuat_review_dari_renja(kominfo, admin):
    """An OPD with a Renja and no review yet: once its rancangan awal is imported, T-C.31 is
    the rancangan awal against the Renja itself."""
    from laporan.builders.review import catatan_review, review_rkpd
    from renja.models import RenjaSubKegiatan

    item = RenjaSubKegiatan.objects.filter(renja=kominfo).select_related("sub_kegiatan__nomenklatur").first()
    kode = item.sub_kegiatan.nomenklatur.kode
    data = xlsx([KEPALA, [kode, None, "Kota Serang", None, None, None, "1"]])
    assert [b.status for b in periksa(kominfo.opd, data, "r.xlsx", 2022).baris] == [BARU]
    terapkan(kominfo.opd, admin, data, "r.xlsx", 2022)
    [node] = [c for c in catatan_review(review_rkpd(kominfo)) if c.kode == kode]
    assert "pagu" in node.berbeda  # Rp 1 in the rancangan awal against the Renja's pagu
    assert GALAT not in {b.status for b in periksa(kominfo.opd, data, "r.xlsx", 2022).baris}


@pytest.mark.parametrize("status", ["diajukan", "ditetapkan"])
def test_tahun_dengan_renja_terkunci_ditolak_tidak_ada_yang_ditulis(bappeda, admin, status):
    def ubah(rows):
        next(r for r in rows if r[0] == "5.01.02")[6] = "2.400.000.000"

    data = berkas_dari_db(bappeda.opd, 2022, ubah)
    Renja.objects.filter(pk=bappeda.pk).update(status=status)
    rows = RancanganAwal.objects.filter(opd=bappeda.opd, tahun=2022)
    before = list(rows.values_list("pk", "pagu", "lokasi", "nama")), RancanganAwalIndikator.objects.count()
    with pytest.raises(BerkasTidakSah, match="Rancangan awal BAPPEDA 2022 tidak dapat diimpor: Renja BAPPEDA 2022"):
        periksa(bappeda.opd, data, "ranwal.xlsx", 2022)
    with pytest.raises(BerkasTidakSah) as error:
        terapkan(bappeda.opd, admin, data, "ranwal.xlsx", 2022)
    assert "hanya dapat diubah melalui alur kerja" in str(error.value) and "Tidak ada yang disimpan" in str(error.value)
    assert (list(rows.values_list("pk", "pagu", "lokasi", "nama")), RancanganAwalIndikator.objects.count()) == before
    assert not Impor.objects.filter(jenis="rancangan_awal").exists()
    # another year of the same OPD, with no Renja yet, is still imported
    assert terapkan(bappeda.opd, admin, data, "ranwal.xlsx", 2023).jenis == "rancangan_awal"
