"""Importing realisasi kinerja from spreadsheets (evaluasi.impor): the dry run, all or nothing,
idempotence, the import log and history, a realistic messy workbook, and fuzzing."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluasi.impor import KINERJA
from evaluasi.models import RealisasiKinerja
from renja import impor
from renja.berkas import BerkasTidakSah
from renja.impor import BARU, BERUBAH, GALAT
from renja.models import Impor, Indikator, KodeCrosswalk, NomenklaturVersi
from tests.pembantu import xlsx

KODE = "5.01.01.2.01.01"


def periksa_berkas(opd, data, nama, tahun=None):
    return impor.periksa_berkas(KINERJA, opd, data, nama, tahun)


def terapkan(opd, user, data, nama, tahun=None, sesudah_baris=None):
    return impor.terapkan(KINERJA, opd, user, data, nama, tahun, sesudah_baris)


@pytest.fixture
def admin(db):
    return get_user_model().objects.get(username="admin")


@pytest.fixture
def indikator(bappeda):
    """The numeric indicators of sub kegiatan 5.01.01.2.01.01 of the demo (counts of documents), in order."""
    inds = list(Indikator.objects.filter(sub_kegiatan__nomenklatur__kode=KODE).order_by("urutan", "pk"))
    assert len(inds) >= 2
    return inds


def template(indikator, values, tahun=2021):
    rows = [["ID Indikator", "Kode", "Indikator", "Satuan", "Tahun", "Periode", "Realisasi", "Catatan"]]
    for ind, value in zip(indikator, values, strict=False):
        rows.append([ind.pk, KODE, ind.nama, ind.satuan, tahun, "Tahunan", value, ""])
    return xlsx(rows)


def test_uji_kering_lalu_terapkan_lalu_ulang_tanpa_perubahan(bappeda, admin, indikator):
    data = template(indikator[:2], [3, "2"])
    before = RealisasiKinerja.objects.count()
    hasil = periksa_berkas(bappeda.opd, data, "realisasi.xlsx")
    assert [b.status for b in hasil.baris] == [BARU, BARU] and RealisasiKinerja.objects.count() == before
    log = terapkan(bappeda.opd, admin, data, "realisasi.xlsx")
    assert (log.baru, log.berubah, log.oleh) == (2, 0, admin)
    saved = RealisasiKinerja.objects.get(indikator=indikator[0], tahun=2021, periode="tahunan")
    assert saved.nilai == D(3)
    record = saved.history.first()
    assert record.history_user == admin and record.history_change_reason == f"impor #{log.pk} realisasi.xlsx"
    again = terapkan(bappeda.opd, admin, data, "realisasi.xlsx")  # the same file twice changes nothing
    assert (again.baru, again.berubah, again.sama) == (0, 0, 2)
    assert RealisasiKinerja.objects.count() == before + 2 and saved.history.count() == 1


def test_berubah_menampilkan_lama_ke_baru(bappeda, admin, indikator):
    terapkan(bappeda.opd, admin, template(indikator[:1], [3]), "a.xlsx")
    [row] = periksa_berkas(bappeda.opd, template(indikator[:1], ["4,5"]), "b.xlsx").baris
    assert (row.status, row.lama, row.baru) == (BERUBAH, "3", "4,5")
    log = terapkan(bappeda.opd, admin, template(indikator[:1], ["4,5"]), "b.xlsx")
    assert log.berubah == 1
    assert RealisasiKinerja.objects.get(indikator=indikator[0], tahun=2021).nilai == D("4.5")


def buku_berantakan(indikator, ref="#REF!"):
    """A Tabel 2.1-like workbook: title, merged two-row header with the year and triwulan in the
    group titles, codes with spaces and without padding, a continuation row for the node's
    second indicator, both number styles, units in cells, and (unless fixed) a #REF! cell."""
    return xlsx(
        [
            ["Realisasi Kinerja Bappeda Tahun 2021", None, None, None, None, None],
            ["Kode", "Indikator Kinerja", "Realisasi 2021", None, None, None],
            [None, None, "TW I", "TW II", "TW III", "TW IV"],
            ["5.1.1.2.0 1.01", indikator[0].nama, "1", "1,0", "1 Dokumen", 1.0],
            [None, indikator[1].nama, "0", ref, "2.5", "1.000"],
        ],
        merge=["A2:A3", "B2:B3", "C2:F2"],
    )


def test_buku_berantakan_ditolak_dengan_baris_lalu_lengkap_setelah_diperbaiki(bappeda, admin, indikator):
    before = RealisasiKinerja.objects.count()
    hasil = periksa_berkas(bappeda.opd, buku_berantakan(indikator), "berantakan.xlsx")
    [galat] = hasil.galat
    assert (galat.nomor, galat.kolom, galat.mentah) == (5, "realisasi 2021 tw ii", "#REF!")
    assert "galat spreadsheet #REF!" in galat.pesan
    with pytest.raises(BerkasTidakSah, match="Baris 5, kolom realisasi 2021 tw ii, nilai '#REF!'"):
        terapkan(bappeda.opd, admin, buku_berantakan(indikator), "berantakan.xlsx")
    assert RealisasiKinerja.objects.count() == before and not Impor.objects.exists()

    log = terapkan(bappeda.opd, admin, buku_berantakan(indikator, ref="2"), "diperbaiki.xlsx")
    assert log.baru == 8
    values = {
        (r.indikator_id, r.periode): r.nilai
        for r in RealisasiKinerja.objects.filter(tahun=2021, indikator__in=indikator[:2])
    }
    first, second = indikator[0].pk, indikator[1].pk
    assert values[(first, "tw2")] == D("1.0") and values[(first, "tw3")] == D(1) and values[(first, "tw4")] == D(1)
    assert values[(second, "tw2")] == D(2) and values[(second, "tw3")] == D("2.5")
    assert values[(second, "tw4")] == D(1000)  # a count: 1.000 is a thousand


def test_gagal_di_tengah_tidak_menyisakan_apa_pun(bappeda, admin, indikator, monkeypatch):
    monkeypatch.setattr(impor, "BATCH", 1)  # the first row is written, then the connection drops
    before = RealisasiKinerja.objects.count()
    written = []

    def putus(jumlah):
        written.append(RealisasiKinerja.objects.count() - before)
        raise ConnectionError("koneksi terputus")

    with pytest.raises(ConnectionError):
        terapkan(bappeda.opd, admin, template(indikator[:2], [3, 4]), "a.xlsx", sesudah_baris=putus)
    assert written == [1]  # one row was in the database when it failed
    assert RealisasiKinerja.objects.count() == before and not Impor.objects.exists()


def test_formulir_evaluasi_triwulan_tanpa_tahun_dan_kolom_sd_dilewati(bappeda, indikator):
    """Columns shaped like the evaluation form: "Realisasi Kinerja pada Triwulan" over I–IV, the
    year given with the upload; a running "Realisasi s/d" column is not imported."""
    data = xlsx(
        [
            ["Kode", "Indikator", "Realisasi Kinerja pada Triwulan", None, None, None, "Realisasi s/d Triwulan IV"],
            [None, None, "I", "II", "III", "IV", None],
            [KODE, indikator[0].nama, 1, 1, 1, 1, 4],
        ],
        merge=["C1:F1", "A1:A2", "B1:B2", "G1:G2"],
    )
    hasil = periksa_berkas(bappeda.opd, data, "evaluasi.xlsx", tahun=2030)
    assert [(b.tahun, b.periode, b.status) for b in hasil.baris] == [
        (2030, "tw1", BARU),
        (2030, "tw2", BARU),
        (2030, "tw3", BARU),
        (2030, "tw4", BARU),
    ]


def test_kode_lama_lewat_crosswalk_dan_kode_tak_dikenal(bappeda, admin, indikator):
    versi = NomenklaturVersi.objects.create(kode="lokal-lama", nama="Kode lokal lama", lama=True)
    node = indikator[0].sub_kegiatan.nomenklatur
    KodeCrosswalk.objects.create(dari_versi=versi, dari_kode="4001.400101.01.001", ke=node)
    rows = [
        ["Kode", "Indikator", "Tahun", "Realisasi"],
        ["4001.400101.01.001", indikator[0].nama, 2030, 5],
        ["9.99.99.2.99.99", "Tidak ada", 2030, 5],
    ]
    hasil = periksa_berkas(bappeda.opd, xlsx(rows), "lama.xlsx")
    ok, unknown = hasil.baris
    assert ok.status == BARU and ok.sasaran == indikator[0] and ok.tahun == 2030
    assert unknown.status == GALAT and unknown.nomor == 3 and "tidak ada pada program" in unknown.pesan


def test_teks_untuk_indikator_angka_ditolak(bappeda, indikator):
    [row] = periksa_berkas(bappeda.opd, template(indikator[:1], ["Ada"]), "a.xlsx").baris
    assert row.status == GALAT and "'Ada' bukan angka" in row.pesan


def test_baris_ganda_ditolak(bappeda, indikator):
    rows = template([indikator[0], indikator[0]], [1, 2])
    assert [b.status for b in periksa_berkas(bappeda.opd, rows, "a.xlsx").baris] == [BARU, GALAT]


def test_kolom_wajib_hilang(bappeda):
    with pytest.raises(BerkasTidakSah, match="Kolom wajib tidak ditemukan: Realisasi"):
        periksa_berkas(bappeda.opd, xlsx([["Kode", "Indikator", "Target"], [KODE, "x", 1]]), "a.xlsx")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.none(),
                st.integers(-5, 5000),
                st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
                st.sampled_from(["#REF!", KODE, "TW I"]),
            ),
            min_size=1,
            max_size=6,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_buku_acak_tidak_pernah_galat_server_atau_setengah(bappeda, admin, rows):
    data = xlsx([["Kode", "Indikator", "Tahun", "Realisasi"], *rows])
    before = RealisasiKinerja.objects.count()
    try:
        hasil = periksa_berkas(bappeda.opd, data, "acak.xlsx")
    except BerkasTidakSah:
        return
    try:
        terapkan(bappeda.opd, admin, data, "acak.xlsx")
    except BerkasTidakSah:
        assert RealisasiKinerja.objects.count() == before
    else:
        assert not hasil.galat
