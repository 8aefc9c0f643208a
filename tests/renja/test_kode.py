"""Code normalisation and validation, spec §3.3."""

import pytest

from renja.kode import KodeTidakValid, kode_induk, level_kode, normalisasi_kode, validasi_daftar_kode


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("5.1.2", "5.01.02"),  # BAP:429, unpadded program
        ("5.1.2.2.01.01", "5.01.02.2.01.01"),  # BAP:432
        ("5.5.2.2.02.08", "5.05.02.2.02.08"),
        ("5.01.01.2.0 1.02", "5.01.01.2.01.02"),  # BAP:1374, space inside
        ("5.5.2.2.02.0 1", "5.05.02.2.02.01"),  # BAP:1338
        ("5.01.01.2. 09", "5.01.01.2.09"),  # BAP:1439
        ("5.5.2.2.03.1 2", "5.05.02.2.03.12"),  # BAP:1347
        (" 5.01.01.2.01.01 ", "5.01.01.2.01.01"),
        ("5", "5"),
        ("5.1", "5.01"),
    ],
)
def test_normalisasi(raw, expected):
    assert normalisasi_kode(raw) == expected


def test_sub_kegiatan_empat_digit():
    assert normalisasi_kode("5.01.01.2.01.1", panjang_sub_kegiatan=4) == "5.01.01.2.01.0001"


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("4.01.02.2.02.001", 'segmen sub kegiatan "001" melebihi 2 digit'),  # [SET] 3-digit segment
        ("5.001.02", 'segmen bidang urusan "001" melebihi 2 digit'),
        ("4001,01", "hanya angka dan titik"),  # legacy code with a comma
        ("5.01.02.2", "4 segmen"),
        ("5..02", "segmen kosong"),
        ("5.01.02.3.01", 'segmen jenis pemda "3" harus 1 (provinsi) atau 2 (kabupaten/kota)'),
        ("", "Kode kosong"),
        ("0.01", "kode urusan tidak boleh 0"),
    ],
)
def test_kode_salah_dengan_pesan_indonesia(raw, fragment):
    with pytest.raises(KodeTidakValid) as info:
        normalisasi_kode(raw)
    assert fragment in info.value.messages[0]
    if raw:
        assert raw in info.value.messages[0]


def test_level_dan_induk():
    assert level_kode("5.01.02.2.01.05") == "sub_kegiatan"
    assert level_kode("5.01.02.2.01") == "kegiatan"
    assert kode_induk("5.01.02.2.01") == "5.01.02"
    assert kode_induk("5.01.02.2.01.05") == "5.01.02.2.01"
    assert kode_induk("5") is None


def test_validasi_daftar_duplikat_dan_induk():
    rows = [
        (10, "4.01.01"),
        (11, "4.01.01.2.13"),
        (12, "4.01.01.2.13.03"),
        (13, "4.01.01.2.13.03"),  # [SET]: one code for two sub kegiatan
        (14, "4.01.02.2.03.01"),  # parent kegiatan 4.01.02.2.03 missing
        (15, "4.01.02.2.02.001"),
    ]
    normal, errors = validasi_daftar_kode(rows, kode_tersedia={"4", "4.01"})
    assert normal[:3] == ["4.01.01", "4.01.01.2.13", "4.01.01.2.13.03"]
    assert normal[5] is None
    assert any(e.startswith("Baris 13, kolom kode:") and "ganda" in e and "baris 12" in e for e in errors)
    assert any(e.startswith("Baris 14") and 'induk "4.01.02.2.03"' in e for e in errors)
    assert any(e.startswith("Baris 15") and "melebihi 2 digit" in e for e in errors)
    assert len(errors) == 3
