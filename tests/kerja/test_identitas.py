"""The document's identity: the logo (checked, re-encoded, served), the place, date and Kepala OPD
of a Renja (only while open, only by its planner), the Peraturan/Keputusan (only by Bappeda, only
once ditetapkan, with history), and what the cover, the end and the evaluation form print."""

import io
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from laporan.builders import evaluasi_hasil_renja
from laporan.identitas import Identitas
from laporan.versi import versi_renja
from renja.galat import SimpanGagal
from renja.identitas import baca_logo, kepala_baru
from renja.models import LogoPemda, PenetapanRenja, PerangkatDaerah, PeraturanRenja, Renja
from tests.pembantu import masuk

NIP = "196308011994031005"


def _gambar(fmt="PNG", size=(40, 30), mode="RGB", **save):
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30)).save(out, format=fmt, **save)
    return out.getvalue()


def _png_chunk(kind, data):
    return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")


def _poliglot():
    """A valid PNG that also carries HTML: a text chunk and bytes after its end."""
    png = _gambar()
    teks = _png_chunk(b"tEXt", b"Comment\x00<html><script>alert(1)</script></html>")
    return png[:33] + teks + png[33:] + b"<script>alert(2)</script>"


def _url(renja, akhir="identitas/"):
    return f"/renja/{renja.opd.singkatan}/{renja.tahun}/{akhir}"


def _tetapkan(renja):
    Renja.objects.filter(pk=renja.pk).update(status=Renja.Status.DITETAPKAN)
    oleh = get_user_model().objects.get(username="reviewer")
    return PenetapanRenja.objects.create(renja=renja, nomor=1, oleh=oleh, isi={})


# --------------------------------------------------------------------------- the logo


def test_logo_png_dan_jpeg_disimpan_ulang_sebagai_png():
    for data in (_gambar("PNG", mode="RGBA"), _gambar("JPEG", quality=90)):
        png, lebar, tinggi = baca_logo(data, "logo")
        assert png.startswith(b"\x89PNG") and (lebar, tinggi) == (40, 30)
        assert Image.open(io.BytesIO(png)).size == (40, 30)


def test_logo_poliglot_tidak_menyisakan_html():
    data = _poliglot()
    assert Image.open(io.BytesIO(data)).format == "PNG"  # Pillow reads it as a PNG
    png, _, _ = baca_logo(data, "logo.png")
    assert b"<script" not in png and b"<html" not in png and b"tEXt" not in png


def test_logo_dengan_exif_tidak_menyimpan_metadata():
    exif = Image.Exif()
    exif[0x010E] = "<script>rahasia</script>"  # ImageDescription
    png, _, _ = baca_logo(_gambar("JPEG", exif=exif.tobytes()), "foto.jpg")
    assert b"rahasia" not in png and b"eXIf" not in png


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        (b"<html><script>alert(1)</script></html>", "bukan gambar PNG atau JPEG yang dapat dibaca"),
        (_gambar("GIF"), "bukan gambar PNG atau JPEG (terbaca: GIF)"),
        (_gambar(size=(2001, 10)), "2001 × 10 piksel; batasnya 2000 piksel per sisi"),
        (b"\x89PNG" + b"0" * (1024 * 1024), "lebih besar dari 1 MB"),
        (_gambar()[:60], "bukan gambar PNG atau JPEG yang dapat dibaca"),  # cut short
        (_gambar("JPEG", size=(400, 300))[:400], "bukan gambar PNG atau JPEG yang dapat dibaca"),
    ],
)
def test_logo_ditolak(data, pesan):
    with pytest.raises(SimpanGagal) as e:
        baca_logo(data, "logo.png")
    assert pesan in e.value.pesan[0] and "'logo.png'" in e.value.pesan[0]


@pytest.mark.django_db
def test_admin_mengunggah_logo_lalu_tampil_di_sampul(bappeda, django_assert_max_num_queries):
    pemda = bappeda.opd.pemda
    client = masuk("admin")
    url = f"/persiapan/pemda/{pemda.pk}/"
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
    berkas = SimpleUploadedFile("logo.jpg", _gambar("JPEG"), content_type="image/jpeg")
    response = client.post(url, {"logo": berkas, "bappeda": bappeda.opd_id})
    assert response.status_code == 302
    logo = LogoPemda.objects.get(pemda=pemda)
    assert bytes(logo.png).startswith(b"\x89PNG")
    served = masuk("perencana.kominfo").get(f"/pemda/{pemda.pk}/logo.png")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert "max-age" in served["Cache-Control"] and served["X-Content-Type-Options"] == "nosniff"
    assert served.content == bytes(logo.png)
    page = masuk("perencana.bappeda").get(_url(bappeda, "dokumen/")).content.decode()
    assert f'src="/pemda/{pemda.pk}/logo.png?v=' in page
    assert Identitas(bappeda).logo_data.startswith("data:image/png;base64,")


@pytest.mark.django_db
def test_unggahan_bukan_gambar_ditolak_dan_tidak_disimpan(bappeda):
    pemda = bappeda.opd.pemda
    berkas = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)></svg>", content_type="image/png")
    response = masuk("admin").post(f"/persiapan/pemda/{pemda.pk}/", {"logo": berkas})
    assert response.status_code == 400
    assert "bukan gambar PNG atau JPEG" in response.content.decode()
    assert not LogoPemda.objects.filter(pemda=pemda).exists()


@pytest.mark.django_db
def test_logo_hanya_admin_pemda(bappeda):
    pemda = bappeda.opd.pemda
    berkas = SimpleUploadedFile("logo.png", _gambar(), content_type="image/png")
    for peran in ("reviewer", "perencana.bappeda"):
        assert masuk(peran).post(f"/persiapan/pemda/{pemda.pk}/", {"logo": berkas}).status_code == 403
    assert not LogoPemda.objects.filter(pemda=pemda).exists()
    assert masuk("admin").get(f"/pemda/{pemda.pk}/logo.png").status_code == 404  # none yet


@pytest.mark.django_db
def test_admin_pemda_bukan_superuser_dan_pengguna_tanpa_peran(bappeda):
    """An admin by membership (not a superuser) manages the logo of their Pemda; a signed-in
    user with no role in it sees neither the logo nor the Renja's identity."""
    from django.test import Client

    from renja.models import Keanggotaan

    pemda = bappeda.opd.pemda
    users = get_user_model().objects
    admin_pemda, tamu = users.create_user("admin.serang"), users.create_user("tamu")
    Keanggotaan.objects.create(user=admin_pemda, pemda=pemda, peran=Keanggotaan.Peran.ADMIN)
    client = Client()
    client.force_login(admin_pemda)
    berkas = SimpleUploadedFile("logo.png", _gambar(), content_type="image/png")
    assert client.post(f"/persiapan/pemda/{pemda.pk}/", {"logo": berkas}).status_code == 302
    assert client.get(f"/pemda/{pemda.pk}/logo.png").status_code == 200
    client.force_login(tamu)
    assert client.get(f"/pemda/{pemda.pk}/logo.png").status_code == 404
    assert client.get(_url(bappeda)).status_code == 404
    assert client.get(f"/persiapan/pemda/{pemda.pk}/").status_code == 403


@pytest.mark.django_db
def test_logo_mengganti_versi_dokumen(bappeda):
    before, _ = versi_renja(bappeda)
    LogoPemda.objects.create(pemda=bappeda.opd.pemda, png=_gambar(), lebar=40, tinggi=30)
    assert versi_renja(bappeda)[0] != before


# --------------------------------------------------------------------------- place, date, Kepala


def _isian(**ubah):
    data = {
        "tempat": "Serang",
        "tanggal": "2021-08-23",
        "kepala_nama": "Dr. Siti Aminah, M.Si",
        "kepala_nip": "19700101 199503 2 001",
        "kepala_pangkat": "Pembina Utama Muda (IV/c)",
        "kepala_jabatan": "Kepala Badan Perencanaan Pembangunan Daerah Kota Serang",
    }
    return {**data, **ubah}


@pytest.mark.django_db
def test_perencana_mengisi_identitas(bappeda, django_assert_max_num_queries):
    client = masuk("perencana.bappeda")
    with django_assert_max_num_queries(12):
        page = client.get(_url(bappeda))
    assert page.status_code == 200 and 'id="form-identitas"' in page.content.decode()
    assert client.post(_url(bappeda), _isian()).status_code == 302
    renja = Renja.objects.get(pk=bappeda.pk)
    assert (renja.kepala_nama, renja.kepala_nip, renja.tempat) == (
        "Dr. Siti Aminah, M.Si",
        "197001011995032001",
        "Serang",
    )
    assert renja.history.first().history_user.username == "perencana.bappeda"
    opd = PerangkatDaerah.objects.get(pk=bappeda.opd_id)
    assert opd.kepala_nip == "197001011995032001"  # the OPD's current Kepala, for the next Renja
    assert kepala_baru(opd, renja) == {**opd.kepala(), "tempat": "Serang"}


@pytest.mark.django_db
def test_nip_salah_ditolak_dengan_nilainya(bappeda):
    response = masuk("perencana.bappeda").post(_url(bappeda), _isian(kepala_nip="1970 0101 1995"))
    assert response.status_code == 400
    assert "NIP harus 18 angka (terbaca 12 karakter): &#x27;1970 0101 1995&#x27;" in response.content.decode()
    assert Renja.objects.get(pk=bappeda.pk).kepala_nip == NIP  # the demo's, unchanged


@pytest.mark.django_db
def test_identitas_terlarang(bappeda):
    assert masuk("perencana.kominfo").post(_url(bappeda), _isian()).status_code == 404
    assert masuk("perencana.kominfo").get(_url(bappeda)).status_code == 404
    assert masuk("reviewer").post(_url(bappeda), _isian()).status_code == 403
    page = masuk("reviewer").get(_url(bappeda)).content.decode()
    assert 'id="form-identitas"' not in page and "Ir. M. RIDWAN, MM" in page  # read only
    assert Renja.objects.get(pk=bappeda.pk).kepala_nama == "Ir. M. RIDWAN, MM"


@pytest.mark.django_db
def test_identitas_terkunci_setelah_diajukan(bappeda):
    Renja.objects.filter(pk=bappeda.pk).update(status=Renja.Status.DIAJUKAN)
    client = masuk("perencana.bappeda")
    response = client.post(_url(bappeda), _isian(), follow=True)
    assert "tidak dapat diubah" in response.content.decode()
    assert Renja.objects.get(pk=bappeda.pk).kepala_nama == "Ir. M. RIDWAN, MM"
    assert 'id="form-identitas"' not in client.get(_url(bappeda)).content.decode()


# --------------------------------------------------------------------------- Peraturan/Keputusan

PERATURAN = {"jenis": "Keputusan Kepala Bappeda Kota Serang", "nomor": "800/360.1/Bapp/2021", "tanggal": "2021-08-23"}


@pytest.mark.django_db
def test_peraturan_hanya_setelah_ditetapkan(bappeda):
    response = masuk("reviewer").post(_url(bappeda, "identitas/peraturan/"), PERATURAN, follow=True)
    assert "diisi setelah ditetapkan" in response.content.decode()
    assert not PeraturanRenja.objects.exists()


@pytest.mark.django_db
def test_perencana_tidak_boleh_mengisi_peraturan(bappeda):
    _tetapkan(bappeda)
    assert masuk("perencana.bappeda").post(_url(bappeda, "identitas/peraturan/"), PERATURAN).status_code == 403
    assert masuk("perencana.kominfo").post(_url(bappeda, "identitas/peraturan/"), PERATURAN).status_code == 404
    assert not PeraturanRenja.objects.exists()


@pytest.mark.django_db
def test_bappeda_mengisi_peraturan_dengan_riwayat(bappeda):
    penetapan = _tetapkan(bappeda)
    client = masuk("reviewer")
    url = _url(bappeda, "identitas/peraturan/")
    assert client.post(url, {**PERATURAN, "nomor": "800/360/Bapp/2021"}).status_code == 302
    assert client.post(url, PERATURAN).status_code == 302  # a correction
    peraturan = PeraturanRenja.objects.get(penetapan=penetapan)
    assert peraturan.nomor == "800/360.1/Bapp/2021"
    assert [v.nomor for v in peraturan.history.order_by("history_id")] == ["800/360/Bapp/2021", "800/360.1/Bapp/2021"]
    assert client.post(url, {**PERATURAN, "tanggal": "23-08-2021x"}).status_code == 400
    page = client.get(_url(bappeda)).content.decode()
    assert 'id="riwayat-peraturan"' in page and 'id="form-identitas"' not in page
    # the rest of a finalised Renja stays locked, even for its planner
    masuk("perencana.bappeda").post(_url(bappeda), _isian())
    assert Renja.objects.get(pk=bappeda.pk).kepala_nama == "Ir. M. RIDWAN, MM"
    dokumen = masuk("perencana.bappeda").get(_url(bappeda, "dokumen/")).content.decode()
    kalimat = "ditetapkan dengan Keputusan Kepala Bappeda Kota Serang Nomor 800/360.1/Bapp/2021 tanggal 23 Agustus 2021"
    assert "Ditetapkan dengan Keputusan Kepala Bappeda" in dokumen and kalimat in dokumen


# --------------------------------------------------------------------------- what is printed


@pytest.mark.django_db
def test_dokumen_sampul_dan_tanda_tangan_demo(bappeda):
    page = masuk("perencana.bappeda").get(_url(bappeda, "dokumen/")).content.decode()
    assert "RENCANA KERJA PERANGKAT DAERAH" in page and "SERANG, 2021" in page
    akhir = page[page.index('id="tanda-tangan"') :]
    assert "Serang, 23 Agustus 2021" in akhir
    assert "KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA SERANG" in akhir
    assert "Ir. M. RIDWAN, MM" in akhir and "NIP. 19630801 199403 1 005" in akhir


@pytest.mark.django_db
def test_tanpa_identitas_garis_kosong(kominfo):
    page = masuk("perencana.kominfo").get(_url(kominfo, "dokumen/")).content.decode()
    akhir = page[page.index('id="tanda-tangan"') :]
    assert "……………………, tanggal ……………………" in akhir and "NIP. ……………………" in akhir
    assert "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA" in akhir


@pytest.mark.django_db
def test_formulir_evaluasi_disusun_dan_dievaluasi(bappeda):
    """Disusun: the Kepala the Renja is signed by; Dievaluasi: the current Kepala of the Pemda's
    Bappeda OPD (here the same OPD, whose Renja still names an earlier Kepala)."""
    PerangkatDaerah.objects.filter(singkatan="BAPPEDA").update(kepala_pangkat="Pembina Utama Muda (IV/c)")
    Renja.objects.filter(pk=bappeda.pk).update(
        kepala_nama="Budi Santoso, S.T", kepala_nip="198001012005011002", kepala_jabatan=""
    )
    tabel = evaluasi_hasil_renja(Renja.objects.select_related("opd__pemda").get(pk=bappeda.pk), 1)
    rows = [(b.sel[1].nilai, b.sel[22].nilai) for b in tabel.baris if b.jenis == "tanda_tangan"]
    assert rows == [
        ("Disusun", "Dievaluasi"),
        ("Serang, tanggal ……………………", "Serang, tanggal ……………………"),
        ("KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH", "KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA SERANG"),
        ("Budi Santoso, S.T", "Ir. M. RIDWAN, MM"),
        ("", "Pembina Utama Muda (IV/c)"),
        ("NIP. 19800101 200501 1 002", "NIP. 19630801 199403 1 005"),
    ]


@pytest.mark.django_db
def test_pdf_sampul_logo_dan_tanda_tangan(bappeda):
    """The one PDF of this feature: the cover holds the logo as an image and the last page the
    Kepala's signature."""
    from pypdf import PdfReader

    from laporan.pdf import tulis_pdf
    from laporan.unduhan import isi, opsi

    LogoPemda.objects.create(pemda=bappeda.opd.pemda, png=_gambar(size=(300, 300)), lebar=300, tinggi=300)
    penetapan = _tetapkan(bappeda)  # the fullest cover: logo and Peraturan
    PeraturanRenja.objects.create(penetapan=penetapan, **{**PERATURAN, "tanggal": "2021-08-23"})
    renja = Renja.objects.select_related("opd__pemda", "renstra").get(pk=bappeda.pk)
    pdf = PdfReader(io.BytesIO(tulis_pdf(isi(renja, opsi("dokumen", {"format": "pdf"}, {})))))
    sampul = pdf.pages[0].extract_text()
    assert "RENCANA KERJA PERANGKAT DAERAH" in sampul and "SERANG, 2021" in sampul
    assert "Nomor 800/360.1/Bapp/2021" in sampul
    assert len(pdf.pages[0].images) == 1
    assert pdf.pages[1].extract_text().startswith(("KATA PENGANTAR", "DAFTAR ISI"))  # the cover is one page
    texts = [page.extract_text() for page in pdf.pages]
    lampiran = next(i for i, text in enumerate(texts) if i > 3 and text.startswith("LAMPIRAN: POHON KINERJA"))
    akhir = texts[lampiran - 1]  # the signature closes Bab V, before the appendix
    assert "Ir. M. RIDWAN, MM" in akhir and "19630801 199403 1 005" in akhir


@pytest.mark.django_db
def test_renja_tahun_berikut_mulai_dengan_kepala_opd(bappeda):
    """The next year's Renja starts with the OPD's current Kepala and the place; its date is its own."""
    from renja.tahun_baru import mulai_renja_tahun_baru

    PerangkatDaerah.objects.filter(pk=bappeda.opd_id).update(kepala_nama="Dr. Siti Aminah, M.Si", kepala_nip=NIP)
    Renja.objects.filter(pk=bappeda.pk).update(status=Renja.Status.DIAJUKAN)
    user = get_user_model().objects.get(username="perencana.bappeda")
    hasil = mulai_renja_tahun_baru(Renja.objects.get(pk=bappeda.pk), user)
    baru = Renja.objects.get(pk=hasil.renja.pk)
    assert (baru.kepala_nama, baru.kepala_nip, baru.tempat, baru.tanggal) == (
        "Dr. Siti Aminah, M.Si",
        NIP,
        "Serang",
        None,
    )
    assert Renja.objects.get(pk=bappeda.pk).kepala_nama == "Ir. M. RIDWAN, MM"  # last year's keeps its signature


@pytest.mark.django_db
def test_logo_dapat_dihapus_hanya_oleh_admin_dan_sampul_tanpa_logo(bappeda):
    pemda = bappeda.opd.pemda
    url = f"/persiapan/pemda/{pemda.pk}/"
    client = masuk("admin")
    client.post(url, {"logo": SimpleUploadedFile("logo.png", _gambar(), content_type="image/png")})
    page = client.get(url).content.decode()
    assert 'id="hapus-logo"' in page and 'data-konfirmasi="Logo ' in page  # asks in the page's dialog first
    for peran in ("reviewer", "perencana.bappeda"):
        assert masuk(peran).post(url, {"aksi": "hapus-logo"}).status_code == 403
    assert LogoPemda.objects.filter(pemda=pemda).exists()
    assert client.post(url, {"aksi": "hapus-logo"}).status_code == 302
    assert not LogoPemda.objects.filter(pemda=pemda).exists()
    assert LogoPemda.history.filter(pemda_id=pemda.pk, history_type="-").get().history_user.username == "admin"
    assert Identitas(bappeda).logo_data in ("", None)
    assert 'id="hapus-logo"' not in client.get(url).content.decode()
