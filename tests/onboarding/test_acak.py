"""Fuzzed list files (hypothesis): whatever the cells hold, the dry run of an OPD or user list
answers with its findings or refuses the file with the clear message, never another exception;
and an apply that is refused writes nothing."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renja import impor_opd, impor_pengguna
from renja.berkas import BerkasTidakSah
from renja.models import Impor, PerangkatDaerah
from tests.onboarding.conftest import csv

SEL = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(["5.01", "5.1, 2.16", "#REF!", '=HYPERLINK("x")', "perencana", "admin, reviewer", "BAPPEDA", " "]),
    st.integers(-10, 10**19),
)
KEPALA = {
    impor_opd: ["Kode SKPD", "Nama", "Singkatan", "Bidang Urusan", "Unit Kerja"],
    impor_pengguna: ["Nama Pengguna", "Nama", "NIP", "Email", "Peran", "OPD"],
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([impor_opd, impor_pengguna]), st.lists(st.lists(SEL, min_size=6, max_size=6), max_size=6))
def test_daftar_acak_tidak_pernah_galat_lain(pemda, admin_contoh, jenis, rows):
    data = csv([KEPALA[jenis], *rows])
    try:
        hasil = jenis.periksa(pemda, data, "acak.csv")
    except BerkasTidakSah:
        return
    if hasil.galat:
        try:
            jenis.terapkan(pemda, admin_contoh, data, "acak.csv")
        except BerkasTidakSah:
            pass
        assert not Impor.objects.filter(pemda=pemda).exists()
        assert not PerangkatDaerah.objects.filter(pemda=pemda).exists()
