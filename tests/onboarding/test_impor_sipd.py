"""Import of an OPD's Renja sub kegiatan from SIPD-RI's JSON rows (renja.impor_sipd): the demo's
own Renja written out as SIPD-RI writes it reads back as "sama"; a new Renja is filled from it;
messy rows are named by row and field; all or nothing; unreadable values left empty only with
the admin's confirmation, as findings of the checker."""

import json
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluasi.periksa import periksa_renja
from renja import impor_sipd
from renja.berkas import BerkasTidakSah, baca_json
from renja.impor import BARU, BERUBAH, GALAT, SAMA
from renja.models import Impor, Indikator, Renja, RenjaSubKegiatan, SumberDana, Target, TemuanImpor


def baris_demo(renja):
    """The Renja's sub kegiatan as SIPD-RI's rows (the kind's template, impor_sipd.contoh)."""
    return impor_sipd.contoh(renja)["data"]


def berkas(rows, bungkus=True):
    return json.dumps({"status": True, "data": rows} if bungkus else rows, ensure_ascii=False).encode()


@pytest.fixture
def admin(db):
    return get_user_model().objects.get(username="admin")


@pytest.fixture
def terbuka(bappeda, admin):
    """The demo's Renja 2022 opened for changes (the import refuses a locked one)."""
    Renja.objects.filter(pk=bappeda.pk).update(status=Renja.Status.DRAF)
    bappeda.refresh_from_db()
    return bappeda


@pytest.fixture
def baru(terbuka):
    """An empty Renja 2023 of the demo's Bappeda under the same Renstra."""
    return Renja.objects.create(opd=terbuka.opd, tahun=2023, renstra=terbuka.renstra)


def test_renja_demo_dari_sipd_terbaca_kembali_sama(terbuka):
    rows = baris_demo(terbuka)
    hasil = impor_sipd.periksa(terbuka.opd, berkas(rows), "sipd.json", None)
    assert not hasil.galat, [(b.nomor, b.kolom, b.mentah, b.pesan) for b in hasil.galat[:3]]
    assert hasil.ringkasan[SAMA] == terbuka.sub_kegiatan.count() == len(rows)


def test_renja_baru_diisi_dari_sipd_lalu_kedua_kali_sama(terbuka, baru, admin):
    rows = [dict(r, tahun=2023) for r in baris_demo(terbuka)]
    data = berkas(rows, bungkus=False)
    hasil = impor_sipd.periksa(baru.opd, data, "sipd-2023.json", None)
    assert hasil.ringkasan[BARU] == len(rows) and not hasil.galat
    impor = impor_sipd.terapkan(baru.opd, admin, data, "sipd-2023.json", None)
    assert impor.jenis == Impor.Jenis.SIPD and impor.baru == len(rows)
    assert baru.sub_kegiatan.count() == len(rows)
    assert baru.ringkasan()["pagu_2023"] == terbuka.ringkasan()["pagu_2022"]
    item = baru.sub_kegiatan.select_related("sub_kegiatan__nomenklatur").get(
        sub_kegiatan__nomenklatur__kode=rows[0]["kode_sub_giat"]
    )
    assert item.history.first().history_change_reason.startswith(f"impor #{impor.pk} ")
    target = Target.objects.filter(indikator__sub_kegiatan=item.sub_kegiatan, tahun=2023, jenis="renja")
    assert target.count() == len(rows[0]["output_bl_sub_giat"])
    again = impor_sipd.periksa(baru.opd, data, "sipd-2023.json", None)
    assert again.ringkasan[SAMA] == len(rows) and again.ringkasan[BERUBAH] == 0


def test_nilai_berantakan_dibaca_dan_dinamai(terbuka):
    rows = baris_demo(terbuka)[:3]
    rows[0]["pagu"] = "1.250.000.000"  # the Indonesian number style
    rows[0]["pagu_n_depan"] = "1,375,000,000.00"  # the other style, with cents
    rows[0]["output_bl_sub_giat"] = [{"tolak_ukur": "Jumlah dokumen perencanaan", "target_teks": "5 Dokumen"}]
    hasil = impor_sipd.periksa(terbuka.opd, berkas(rows), "sipd.json", None)
    line = next(b for b in hasil.baris if b.nomor == 1 and b.status != GALAT)
    assert line.nilai["pagu"] == D("1250000000") and line.nilai["pagu_maju"] == D("1375000000.00")
    ind = line.nilai["indikator"][0]
    assert (ind["target"], ind["satuan"], ind["tipe"]) == (D("5"), "Dokumen", "angka")
    assert line.status == BERUBAH


@pytest.mark.parametrize(
    "ubah, kolom, pesan",
    [
        (lambda r: r.update(kode_skpd="2.16.0.00.0.00.01.0000"), "kode_sub_giat", "bukan Perangkat Daerah BAPPEDA"),
        (lambda r: r.update(kode_sub_giat="5.01.01.2.01.9999"), "kode_sub_giat", "segmen"),
        (lambda r: r.update(kode_sub_giat="4001.400101.01.003"), "kode_sub_giat", "kode lama"),
        (lambda r: r.update(kode_sub_giat=r["kode_giat"]), "kode_sub_giat", "bukan kode sub kegiatan"),
        (lambda r: r.update(kode_giat="5.01.02.2.09"), "kode_sub_giat", "bukan induk sub kegiatan"),
        (lambda r: r.update(nama_sub_giat={"x": 1}), "kode_sub_giat", "berisi objek"),
        (lambda r: r.update(lokasi_bl="Kota\x00Serang"), "kode_sub_giat", "karakter kendali"),
    ],
)
def test_baris_bergalat_dinamai_dan_memblokir(terbuka, admin, ubah, kolom, pesan):
    rows = baris_demo(terbuka)[:2]
    ubah(rows[0])
    data = berkas(rows)
    hasil = impor_sipd.periksa(terbuka.opd, data, "sipd.json", None)
    galat = hasil.galat[0]
    assert (galat.nomor, galat.kolom) == (1, kolom) and pesan in galat.pesan and not galat.dapat_dikosongkan
    with pytest.raises(BerkasTidakSah, match="Baris 1, kolom kode_sub_giat"):
        impor_sipd.terapkan(terbuka.opd, admin, data, "sipd.json", None, kosongkan=True)
    assert not Impor.objects.filter(jenis="sipd").exists()


def test_kode_ganda_dan_kode_tanpa_nol(terbuka):
    rows = baris_demo(terbuka)[:2]
    rows.append(dict(rows[0]))
    kode = rows[1]["kode_sub_giat"].split(".")
    rows[1]["kode_sub_giat"] = ".".join([*kode[:5], str(int(kode[5]))])  # 5.01.01.2.01.1: not padded
    hasil = impor_sipd.periksa(terbuka.opd, berkas(rows), "sipd.json", None)
    assert [b.nomor for b in hasil.galat] == [3] and "sudah ada pada baris 1" in hasil.galat[0].pesan
    assert next(b for b in hasil.baris if b.nomor == 2).status == SAMA


def test_nama_lain_dinamai_dan_nama_kode_lain_ditolak(terbuka):
    rows = baris_demo(terbuka)[:2]
    rows[0]["nama_sub_giat"] = rows[0]["kode_sub_giat"] + " Penyusunan dokumen, versi OPD"
    rows[1]["nama_sub_giat"] = (
        rows[0]["kode_sub_giat"]
        + " "
        + terbuka.sub_kegiatan.get(
            sub_kegiatan__nomenklatur__kode=rows[0]["kode_sub_giat"]
        ).sub_kegiatan.nomenklatur.nama
    )
    hasil = impor_sipd.periksa(terbuka.opd, berkas(rows), "sipd.json", None)
    first = next(b for b in hasil.baris if b.nomor == 1)
    assert first.status == SAMA or first.status == BERUBAH
    assert any("disimpan sebagai nama dalam dokumen sumber" in p for p in first.peringatan)
    assert hasil.galat and hasil.galat[0].nomor == 2 and "usul: kode" in hasil.galat[0].pesan


def test_sel_tak_terbaca_hanya_dikosongkan_dengan_persetujuan(terbuka, admin):
    rows = baris_demo(terbuka)[:3]
    rows[0]["pagu"] = "#REF!"
    rows[1]["output_bl_sub_giat"] = [{"tolak_ukur": "Jumlah dokumen", "target_teks": "28 Titik dan 5 Kegiatan"}]
    data = berkas(rows)
    hasil = impor_sipd.periksa(terbuka.opd, data, "sipd.json", None)
    assert [(b.nomor, b.kolom, b.dapat_dikosongkan) for b in hasil.galat] == [
        (1, "pagu", True),
        (2, "target_teks", True),
    ]
    before = RenjaSubKegiatan.objects.get(renja=terbuka, sub_kegiatan__nomenklatur__kode=rows[0]["kode_sub_giat"])
    pagu = before.pagu
    with pytest.raises(BerkasTidakSah, match="setujui pengosongan 2 sel"):
        impor_sipd.terapkan(terbuka.opd, admin, data, "sipd.json", None)
    assert not Impor.objects.filter(jenis="sipd").exists()
    impor = impor_sipd.terapkan(terbuka.opd, admin, data, "sipd.json", None, kosongkan=True)
    before.refresh_from_db()
    assert before.pagu == pagu and impor.temuan_baru == 2  # nothing invented, nothing cleared
    temuan = list(TemuanImpor.objects.filter(impor=impor).order_by("nomor_baris"))
    assert [(t.nomor_baris, t.kolom, t.nilai, t.tahun) for t in temuan] == [
        (1, "pagu", "#REF!", 2022),
        (2, "target_teks", "28 Titik dan 5 Kegiatan", 2022),
    ]
    peringatan = [t for t in periksa_renja(terbuka) if t.jenis == "sel_dikosongkan"]
    assert len(peringatan) == 2 and not any(t.memblokir for t in peringatan)
    assert peringatan[0].lokasi.startswith(f"Impor #{impor.pk}, baris 1, kolom pagu")
    # the value entered by a later import of the same kind closes the finding of that sub kegiatan
    rows[0]["pagu"] = "1000000"
    impor_sipd.terapkan(terbuka.opd, admin, berkas(rows), "sipd-2.json", None, kosongkan=True)
    assert TemuanImpor.objects.get(impor=impor, nomor_baris=1).selesai
    terbuka_temuan = [t for t in periksa_renja(terbuka) if t.jenis == "sel_dikosongkan"]
    assert [t.lokasi.split(",")[1].strip() for t in terbuka_temuan] == ["baris 2"]


def test_semua_atau_tidak_sama_sekali(terbuka, baru, admin, monkeypatch):
    rows = [dict(r, tahun=2023) for r in baris_demo(terbuka)]
    calls = []

    def gagal(self, nilai, asli=impor_sipd._Penulis.sub_kegiatan):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("gangguan di tengah")
        return asli(self, nilai)

    monkeypatch.setattr(impor_sipd._Penulis, "sub_kegiatan", gagal)
    with pytest.raises(RuntimeError):
        impor_sipd.terapkan(baru.opd, admin, berkas(rows), "sipd.json", None)
    assert baru.sub_kegiatan.count() == 0 and not Impor.objects.filter(jenis="sipd").exists()


def test_renja_terkunci_atau_belum_ada_ditolak(bappeda, terbuka):
    Renja.objects.filter(pk=bappeda.pk).update(status=Renja.Status.DITETAPKAN)
    with pytest.raises(BerkasTidakSah, match="tidak dapat diimpor"):
        impor_sipd.periksa(bappeda.opd, berkas(baris_demo(terbuka)), "sipd.json", None)
    with pytest.raises(BerkasTidakSah, match="Renja BAPPEDA 2031 belum ada"):
        impor_sipd.periksa(bappeda.opd, berkas([{"kode_skpd": bappeda.opd.kode}]), "sipd.json", 2031)


@pytest.mark.parametrize(
    "data, pesan",
    [
        (b"", "kosong"),
        (b"\xff\xfe[]", "bukan teks UTF-8"),
        (b"[" * 50 + b"]" * 50, "bersarang"),
        (b'[{"pagu": NaN}]', "NaN"),
        (b'{"status": true}', "daftar baris"),
        (b"[1, 2]", "Baris 1 berkas .json bukan objek"),
        (b'[{"a": 1', "tidak sah"),
        (b"[]", "tidak berisi data"),
        (b"[" + b"9" * 5000 + b"]", "tidak sah"),
    ],
)
def test_berkas_json_ditolak_dengan_jelas(data, pesan):
    with pytest.raises(BerkasTidakSah, match=pesan):
        baca_json(data, "sipd.json")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(
                [
                    "kode_skpd",
                    "kode_sub_giat",
                    "nama_sub_giat",
                    "pagu",
                    "pagu_n_depan",
                    "nama_dana",
                    "lokasi_bl",
                    "output_bl_sub_giat",
                    "dana_bl_sub_giat",
                    "kode_giat",
                ]
            ),
            st.recursive(
                st.none()
                | st.booleans()
                | st.integers()
                | st.text(max_size=20)
                | st.decimals(allow_nan=False, allow_infinity=False),
                lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                max_leaves=5,
            ),
            max_size=8,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_sampah_acak_tanpa_pengecualian_dan_tanpa_tulisan(terbuka, admin, rows):
    for row in rows:
        row.setdefault("kode_skpd", terbuka.opd.kode)
    data = json.dumps(rows, default=str).encode()
    count = RenjaSubKegiatan.objects.count(), Indikator.objects.count(), SumberDana.objects.count()
    try:
        hasil = impor_sipd.periksa(terbuka.opd, data, "acak.json", None)
    except BerkasTidakSah:
        return
    assert all(b.status in (BARU, BERUBAH, SAMA, GALAT) for b in hasil.baris)
    if hasil.galat:
        with pytest.raises(BerkasTidakSah):
            impor_sipd.terapkan(terbuka.opd, admin, data, "acak.json", None)
        assert (RenjaSubKegiatan.objects.count(), Indikator.objects.count(), SumberDana.objects.count()) == count


def test_perintah_uji_kering_dan_kosongkan_galat(terbuka, tmp_path, capsys):
    rows = baris_demo(terbuka)[:2]
    rows[0]["pagu"] = "#REF!"
    path = tmp_path / "sipd.json"
    path.write_bytes(berkas(rows))
    call_command("impor", "sipd", str(path), "--opd", "BAPPEDA", "--kosongkan-galat")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "baris 1, kolom pagu, nilai '#REF!': sel berisi galat spreadsheet #REF!; perbaiki di berkas asal"
    assert "Uji kering: 0 baru, 0 berubah, 2 sama, 0 kosong, 1 galat." in out[-2]
    assert out[-1].startswith("Dengan --terapkan, 1 sel tak terbaca akan dikosongkan")
    with pytest.raises(CommandError, match="--kosongkan-galat menyimpan sisanya"):
        call_command("impor", "sipd", str(path), "--opd", "BAPPEDA", "--terapkan", "--oleh", "admin")
    assert not Impor.objects.filter(jenis="sipd").exists()
    call_command("impor", "sipd", str(path), "--opd", "BAPPEDA", "--terapkan", "--oleh", "admin", "--kosongkan-galat")
    out = capsys.readouterr().out
    assert "dikosongkan: baris 1, kolom pagu, nilai '#REF!' (temuan dicatat)" in out
    assert TemuanImpor.objects.filter(opd=terbuka.opd, selesai=False).count() == 1


def test_halaman_menerima_json_hanya_untuk_sipd_dan_tanpa_akun_sipd(terbuka):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from renja.models import UnggahanImpor
    from tests.pembantu import masuk

    admin = masuk("admin")
    page = admin.get("/impor/").content.decode()
    assert "tidak pernah meminta atau menyimpan akun, kata sandi atau token SIPD" in page
    assert 'type="password"' not in page
    rows = baris_demo(terbuka)[:2]
    rows[0]["pagu"] = "#REF!"

    def unggah(jenis, nama):
        berkas_unggah = SimpleUploadedFile(nama, berkas(rows))
        return admin.post("/impor/", {"opd": terbuka.opd.pk, "jenis": jenis, "berkas": berkas_unggah}, follow=True)

    assert "Berkas .json hanya untuk data SIPD-RI" in unggah("kinerja", "sipd.json").content.decode()
    assert "unggah berkas .json" in unggah("sipd", "sipd.xlsx").content.decode()
    assert not UnggahanImpor.objects.exists()
    page = unggah("sipd", "sipd.json").content.decode()
    assert "Sel yang akan dikosongkan (1)" in page and "baris 1, kolom pagu, nilai '#REF!'" in page
    unggahan = UnggahanImpor.objects.get()
    admin.post(f"/impor/{unggahan.pk}/terapkan/", {"kosongkan": "1"}, follow=True)
    impor = Impor.objects.get(jenis="sipd")
    assert impor.sama == 2 and TemuanImpor.objects.filter(impor=impor).count() == 1


def test_contoh_dari_halaman_diimpor_kembali_sama(terbuka):
    from tests.pembantu import masuk

    response = masuk("admin").get(f"/impor/templat/sipd/{terbuka.pk}.json")
    assert response["Content-Disposition"] == 'attachment; filename="contoh-sipd-bappeda-2022.json"'
    hasil = impor_sipd.periksa(terbuka.opd, response.content, "contoh.json", None)
    assert hasil.ringkasan[SAMA] == terbuka.sub_kegiatan.count() and not hasil.galat
    assert masuk("perencana.bappeda").get(f"/impor/templat/sipd/{terbuka.pk}.json").status_code == 403


def test_indikator_beda_huruf_dicocokkan_dan_dikatakan(terbuka):
    rows = baris_demo(terbuka)[:1]
    nama = rows[0]["output_bl_sub_giat"][0]["tolak_ukur"]
    rows[0]["output_bl_sub_giat"][0]["tolak_ukur"] = "  " + nama.upper() + " "
    hasil = impor_sipd.periksa(terbuka.opd, berkas(rows), "sipd.json", None)
    line = hasil.baris[0]
    assert line.status == SAMA and any(f"dicocokkan dengan indikator tersimpan '{nama}'" in p for p in line.peringatan)


def test_sel_dengan_nul_dicatat_tanpa_nul(terbuka, admin):
    rows = baris_demo(terbuka)[:1]
    rows[0]["pagu"] = "12\x0034"
    impor = impor_sipd.terapkan(terbuka.opd, admin, berkas(rows), "sipd.json", None, kosongkan=True)
    temuan = TemuanImpor.objects.get(impor=impor)
    assert temuan.nilai == "12\ufffd34" and "\x00" not in temuan.pesan
