"""Every URL of the app as every role: anonymous, a planner of the OPD (Bappeda), a planner of
another OPD (Diskominfo), a Bappeda reviewer and an admin, against a written allowed/forbidden
matrix. A URL added to the app without a row here fails ``test_setiap_url_ada_di_matriks``.

Expected codes: 302 = redirect to the log-in page (anonymous) or back to a page after an
action; 401 = JSON endpoints for the anonymous; 403 = seen but not allowed; 404 = an OPD the
user may not see (not revealing it exists). A URL whose GET and POST differ (a confirmation page
and its action) has a second row, named "<url name> (konfirmasi)" (or another word in brackets). "ok" = allowed: any code below 400 other than a
redirect to the log-in page, or 400 for a deliberately empty or invalid request body."""

import json

import pytest
from django.urls import get_resolver

from renja.models import RenjaSubKegiatan, UnggahanImpor
from tests.pembantu import masuk

PERAN = ["anonim", "perencana.bappeda", "perencana.kominfo", "reviewer", "admin"]
R = "/renja/BAPPEDA/2022/"
RK = R + "ruang-kerja/"

OK = "ok"
BACA = {"anonim": 302, "perencana.bappeda": OK, "perencana.kominfo": 404, "reviewer": OK, "admin": OK}
JSON_BACA = {**BACA, "anonim": 401}
BAPPEDA_SAJA = {"anonim": 302, "perencana.bappeda": 403, "perencana.kominfo": 403, "reviewer": OK, "admin": OK}
ADMIN_SAJA = {"anonim": 302, "perencana.bappeda": 403, "perencana.kominfo": 403, "reviewer": 403, "admin": OK}
UBAH = {"anonim": 302, "perencana.bappeda": OK, "perencana.kominfo": 404, "reviewer": 403, "admin": OK}
JSON_UBAH = {**UBAH, "anonim": 401}
PUTUS = {"anonim": 302, "perencana.bappeda": 403, "perencana.kominfo": 404, "reviewer": OK, "admin": OK}


def _item():
    return RenjaSubKegiatan.objects.filter(renja__opd__singkatan="BAPPEDA", renja__tahun=2022).first()


def _tujuan():
    from renja.models import Tujuan

    return Tujuan.objects.filter(renstra__opd__singkatan="BAPPEDA").first().pk


def _unggahan():
    from django.contrib.auth import get_user_model

    from tests.pembantu import xlsx

    item = _item()
    return UnggahanImpor.objects.create(
        jenis="kinerja",
        opd=item.renja.opd,
        nama_berkas="a.xlsx",
        data=xlsx([["Kode", "Realisasi"], ["5.01.01.2.01.01", None]]),
        oleh=get_user_model().objects.get(username="admin"),
    ).pk


def _berkas(status="selesai"):
    """A job of the Bappeda Renja: a finished one with its file, or a failed one (a table's workbook)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from laporan.models import Berkas

    item = _item()
    opsi = {"jenis": "renja", "laporan": "tabel", "tabel": "tujuan-sasaran", "format": "xlsx", "kertas": "a4"}
    berkas = Berkas.objects.create(
        kunci=f"uji/{status}",
        versi="1",
        opsi={**opsi, "triwulan": 0, "jendela": ""},
        renja=item.renja,
        nama="uji.xlsx",
        status=status,
        diperbarui=timezone.now(),
    )
    if status == "selesai":
        berkas.berkas = default_storage.save("laporan/uji.xlsx", ContentFile(b"PK uji"))
        berkas.save()
    return berkas.pk


def _indikator():
    from renja.models import Indikator

    return Indikator.objects.for_renja(_item().renja).order_by("pk").first().pk


def _bukti():
    """A bukti dukung of TW I of the Bappeda Renja: its URL without the last part."""
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    from evaluasi.models import BuktiDukung

    renja = _item().renja
    b = BuktiDukung(renja=renja, indikator_id=_indikator(), periode="tw1", nama="a.pdf", jenis="application/pdf")
    b.ukuran, b.diunggah_oleh = 6, get_user_model().objects.get(username="perencana.bappeda")
    b.berkas.save("a.pdf", ContentFile(b"%PDF-1"))
    return b


def _logo():
    """The demo Pemda with a logo (the demo has none): its logo's URL."""
    from renja.models import LogoPemda

    pemda = _item().renja.opd.pemda
    LogoPemda.objects.create(pemda=pemda, png=b"\x89PNG", lebar=1, tinggi=1)
    return f"/pemda/{pemda.pk}/logo.png"


# url name → (method, path (a function for data-dependent paths), body, expected per role)
MATRIKS = {
    "beranda": ("get", "/", None, {**BACA, "perencana.kominfo": OK}),
    "login": ("get", "/masuk/", None, dict.fromkeys(PERAN, OK)),
    "logout": ("post", "/keluar/", None, dict.fromkeys(PERAN, 302)),  # back to the log-in page
    "review-tahun": ("get", "/review/2022/", None, BAPPEDA_SAJA),
    "review-tahun-unduh": ("get", "/review/2022.xlsx", None, BAPPEDA_SAJA),
    # with a status no Renja has, so that no ZIP is made: back to the year view with a message
    "review-cetak-semua": ("post", "/review/2022/cetak-semua/", {"status": "ditetapkan"}, BAPPEDA_SAJA),
    "berkas": ("get", lambda: f"/berkas/{_berkas()}/", None, BACA),
    "berkas-status": ("get", lambda: f"/berkas/{_berkas()}/status/", None, JSON_BACA),
    "berkas-unduh": ("get", lambda: f"/berkas/{_berkas()}/unduh/", None, BACA),
    "berkas-ulang": ("post", lambda: f"/berkas/{_berkas('gagal')}/ulang/", {}, BACA),
    "impor": ("get", "/impor/", None, ADMIN_SAJA),
    "impor-periksa": ("get", lambda: f"/impor/{_unggahan()}/", None, ADMIN_SAJA),
    "impor-terapkan": ("post", lambda: f"/impor/{_unggahan()}/terapkan/", {"batal": "1"}, ADMIN_SAJA),
    "impor-templat": ("get", lambda: f"/impor/templat/kinerja/{_item().renja_id}.xlsx", None, ADMIN_SAJA),
    "impor-templat-sipd": ("get", lambda: f"/impor/templat/sipd/{_item().renja_id}.json", None, ADMIN_SAJA),
    "impor-templat-pemda": (
        "get",
        lambda: f"/impor/templat-pemda/pengguna/{_item().renja.opd.pemda_id}.xlsx",
        None,
        ADMIN_SAJA,
    ),
    "persiapan": ("get", "/persiapan/", None, ADMIN_SAJA),
    "ganti-sandi": ("get", "/ganti-sandi/", None, {**dict.fromkeys(PERAN, OK), "anonim": 302}),
    "laporan:renja": ("get", R, None, BACA),
    "laporan:dokumen": ("get", R + "dokumen/", None, BACA),
    "laporan:dokumen-unduh": ("get", R + "dokumen.xlsx", None, BACA),
    "laporan:tabel": ("get", R + "tabel/rumusan-rencana/", None, BACA),
    "laporan:pohon-kinerja": ("get", R + "pohon-kinerja/", None, BACA),
    "laporan:tabel-unduh": ("get", R + "tabel/rumusan-rencana.xlsx", None, BACA),
    "laporan:evaluasi": ("get", R + "evaluasi/tw1/", None, BACA),
    "laporan:evaluasi-unduh": ("get", R + "evaluasi/tw1.xlsx", None, BACA),
    "kerja:ruang-kerja": ("get", RK, None, BACA),
    "kerja:temuan": ("get", RK + "temuan/", None, JSON_BACA),
    "kerja:ajukan": ("post", RK + "ajukan/", {}, UBAH),
    "kerja:putuskan": ("post", RK + "putuskan/verifikasi/", {}, PUTUS),
    "kerja:tahun-berikut": ("post", R + "tahun-berikut/", {}, UBAH),
    "kerja:tahun-berikut (konfirmasi)": ("get", R + "tahun-berikut/", None, UBAH),
    "kerja:batalkan-tahun-baru": ("post", R + "batalkan/", {}, UBAH),
    "kerja:batalkan-tahun-baru (konfirmasi)": ("get", R + "batalkan/", None, UBAH),
    "kerja:dari-ranwal": ("post", R + "dari-rancangan-awal/", {}, UBAH),
    "kerja:dari-ranwal (konfirmasi)": ("get", R + "dari-rancangan-awal/", None, UBAH),
    "kerja:mulai-renja": ("get", "/renja/BAPPEDA/mulai/", None, UBAH),
    # refused (the demo OPD has its Renstra and Renja): the form again with the reasons
    "kerja:mulai-renja (kirim)": (
        "post",
        "/renja/BAPPEDA/mulai/",
        {"tahun_awal": 2022, "tahun_akhir": 2026, "tahun": 2022},
        UBAH,
    ),
    "kerja:ajukan (konfirmasi)": ("get", RK + "ajukan/", None, UBAH),
    "kerja:putuskan (konfirmasi)": ("get", RK + "putuskan/tetapkan/", None, PUTUS),
    "kerja:simpan": ("json", RK + "simpan/", {"perubahan": []}, JSON_UBAH),
    "kerja:komentar-status": ("post", RK + "komentar/status/", {}, PUTUS),
    "kerja:komentar": ("get", RK + "komentar/renja/0/", None, BACA),
    "kerja:perubahan": ("post", RK + "perubahan/", {}, UBAH),
    "kerja:nomenklatur": ("get", RK + "nomenklatur/?q=musrenbang", None, JSON_BACA),
    "kerja:struktur": (
        "json",
        RK + "tambah-indikator/",
        lambda: {"tingkat": "sub_kegiatan", "node": _item().sub_kegiatan_id, "nama": "Indikator uji"},
        JSON_UBAH,
    ),
    "kerja:riwayat": ("get", lambda: RK + f"riwayat/sub/{_item().pk}/", None, BACA),
    "kerja:pelayanan": ("get", R + "kinerja-pelayanan/", None, BACA),
    "kerja:pelayanan-simpan": ("json", R + "kinerja-pelayanan/simpan/", {"perubahan": []}, JSON_UBAH),
    "kerja:pelayanan-struktur": (
        "json",
        R + "kinerja-pelayanan/tambah-indikator/",
        {"data": {"nama": "Indikator uji"}},
        JSON_UBAH,
    ),
    "kerja:daftar": ("get", R + "tabel-isian/usulan-pemangku/", None, BACA),
    "kerja:daftar-simpan": ("json", R + "tabel-isian/rencana-pendapatan/simpan/", {"perubahan": []}, JSON_UBAH),
    "kerja:daftar-tambah": ("json", R + "tabel-isian/usulan-pemangku/tambah/", {}, JSON_UBAH),
    "kerja:daftar-hapus": ("json", R + "tabel-isian/usulan-renja-kl/hapus/", {}, JSON_UBAH),
    "kerja:daftar-temuan": ("get", R + "tabel-isian/program-unggulan/temuan/", None, JSON_BACA),
    "kerja:narasi": ("get", R + "narasi/", None, BACA),
    "kerja:narasi (pratinjau)": (
        "post",
        R + "narasi/",
        {"kunci": "kata_pengantar", "isi": "Uji.", "aksi": "pratinjau"},
        UBAH,
    ),
    "kerja:monev": ("get", R + "monev/?tw=tw2", None, BACA),
    "kerja:monev-simpan": ("json", R + "monev/simpan/", {"tw": "tw1", "perubahan": []}, JSON_UBAH),
    "kerja:monev-riwayat": ("get", lambda: R + f"monev/riwayat/sub/{_item().sub_kegiatan_id}/", None, BACA),
    "kerja:monev-aksi": ("post", R + "monev/tw1/verifikasi/", {}, PUTUS),
    "kerja:monev-catatan": ("post", R + "monev/tw1/catatan/", {}, PUTUS),
    "kerja:monev-buka-kembali": ("post", R + "monev/tw1/buka-kembali/", {}, PUTUS),
    "kerja:monev-bukti": ("get", lambda: R + f"monev/tw1/bukti/{_indikator()}/", None, BACA),
    # no file chosen: the panel again with the message (400) for who may upload
    "kerja:monev-bukti (unggah)": ("post", lambda: R + f"monev/tw1/bukti/{_indikator()}/", {}, UBAH),
    "kerja:monev-bukti-hapus": (
        "post",
        lambda: (lambda b: R + f"monev/tw1/bukti/{b.indikator_id}/{b.pk}/hapus/")(_bukti()),
        {},
        UBAH,
    ),
    "kerja:monev-bukti-unduh": ("get", lambda: R + f"monev/bukti-dukung/{_bukti().pk}/unduh/", None, BACA),
    "kerja:renstra": ("get", R + "renstra/", None, BACA),
    "kerja:renstra-simpan": ("json", R + "renstra/simpan/", {"perubahan": []}, JSON_UBAH),
    "kerja:renstra-struktur": ("json", R + "renstra/tambah-tujuan/", {}, JSON_UBAH),
    "kerja:renstra-riwayat": ("get", lambda: R + f"renstra/riwayat/tujuan/{_tujuan()}/", None, BACA),
    "kerja:renstra-aksi": ("post", R + "renstra/status/tetapkan/", {}, PUTUS),
    "kerja:renstra-aksi (konfirmasi)": ("get", R + "renstra/status/tetapkan/", None, PUTUS),
    "monev-kota": ("get", "/monev/2022/", None, BAPPEDA_SAJA),
    "monev-jadwal": ("get", "/monev/2022/jadwal/", None, BAPPEDA_SAJA),
    "kerja:identitas": ("post", R + "identitas/", {}, UBAH),
    "kerja:identitas (konfirmasi)": ("get", R + "identitas/", None, BACA),
    "kerja:peraturan": ("post", R + "identitas/peraturan/", {}, PUTUS),
    "identitas-pemda": ("get", lambda: f"/persiapan/pemda/{_item().renja.opd.pemda_id}/", None, ADMIN_SAJA),
    "logo-pemda": ("get", _logo, None, {**dict.fromkeys(PERAN, OK), "anonim": 302}),
}


def _nama_url(resolver=None, ns=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            if pattern.app_name != "admin":
                yield from _nama_url(pattern, f"{pattern.namespace}:" if pattern.namespace else ns)
        elif pattern.name:
            yield ns + pattern.name


def test_setiap_url_ada_di_matriks():
    assert set(_nama_url()) == {nama.split(" (")[0] for nama in MATRIKS}


@pytest.mark.django_db
@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize("nama", sorted(MATRIKS))
def test_matriks(client, nama, peran):
    method, path, body, expected = MATRIKS[nama]
    path = path() if callable(path) else path
    body = body() if callable(body) else body
    if peran != "anonim":
        client = masuk(peran)
    if method == "json":
        response = client.post(path, json.dumps(body), content_type="application/json")
    elif method == "post":
        response = client.post(path, body or {})
    else:
        response = client.get(path)
    want = expected[peran]
    code = response.status_code
    to_login = code == 302 and response["Location"].startswith("/masuk/")
    if want == OK:
        assert (code < 400 or code == 400) and not to_login, (nama, peran, code)
        if "html" in response.get("Content-Type", "") and not response.streaming:
            # no template syntax leaks onto a page (e.g. a {# comment #} written over two lines)
            page = response.content.decode()
            assert not [t for t in ("{#", "#}", "{%", "%}") if t in page], (nama, peran)
    elif want == 302:
        assert to_login or (method != "get" and peran == "anonim" and code == 302), (nama, peran, code)
    else:
        assert code == want, (nama, peran, code)


@pytest.mark.django_db
@pytest.mark.parametrize("nama", sorted(n for n, row in MATRIKS.items() if row[0] != "get"))
def test_setiap_perubahan_wajib_csrf(nama):
    """Every state change is refused without the CSRF token, even for a user who may make it."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    method, path, body, _ = MATRIKS[nama]
    path = path() if callable(path) else path
    body = body() if callable(body) else body
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="admin"))
    if method == "json":
        response = client.post(path, json.dumps(body), content_type="application/json")
    else:
        response = client.post(path, body or {})
    assert response.status_code == 403, (nama, response.status_code)
