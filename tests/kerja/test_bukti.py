"""Bukti dukung of the monev (issue 17 point 4): the type read from the content, the size limit,
the stored name, access (other OPD 404, reviewer read-only, anonymous to the log-in), the
triwulan lock, history, query counts, the download's headers, and the evaluation form listing
the files in HTML, XLSX and PDF from its one builder."""

import io
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluasi import bukti
from evaluasi.models import BuktiDukung, JadwalMonev, LaporanTriwulan
from laporan import unduhan
from laporan.builders.bukti_dukung import lampiran_bukti_dukung
from laporan.pdf import tulis_pdf
from renja.models import Indikator, Renja
from tests.pembantu import masuk, xlsx

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
HTML = b"<html><script>alert(1)</script></html>"


def _zip(names):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in names:
            z.writestr(name, "x")
    return out.getvalue()


def url(renja, ind, tw="tw1", rest=""):
    return f"/renja/{renja.opd.singkatan}/{renja.tahun}/monev/{tw}/bukti/{ind.pk}/{rest}"


def unggah(client, renja, ind, *files, tw="tw1"):
    return client.post(url(renja, ind, tw), {"berkas": [SimpleUploadedFile(n, d) for n, d in files]})


@pytest.fixture
def ind(bappeda):
    return Indikator.objects.for_renja(bappeda).order_by("pk").first()


@pytest.fixture
def planner():
    return masuk("perencana.bappeda")


def _stored():
    root = Path(default_storage.path("bukti"))
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --------------------------------------------------------------------------- the content


def test_jenis_dikenali_dari_isi():
    assert bukti.kenali(PDF) == "pdf"
    assert bukti.kenali(PNG) == "png"
    assert bukti.kenali(JPG) == "jpg"
    assert bukti.kenali(xlsx([["a"]])) == "xlsx"
    assert bukti.kenali(HTML) is None
    assert bukti.kenali(b"PK\x03\x04 not a zip") is None
    assert bukti.kenali(_zip(["[Content_Types].xml", "word/document.xml"])) is None  # a .docx
    assert bukti.kenali(_zip(["xl/workbook.xml"])) is None  # no [Content_Types].xml
    assert bukti.kenali(b"\xd0\xcf\x11\xe0" + b"\x00" * 40) is None  # an old .xls


def test_nama_disaring():
    assert bukti.nama_aman("../../etc/passwd.pdf", "pdf") == "passwd.pdf"
    assert bukti.nama_aman("C:\\Users\\x\\laporan akhir (final).PDF", "pdf") == "laporan_akhir_final.pdf"
    assert bukti.nama_aman('<img src=x onerror="a">.pdf', "pdf") == "img_srcx_onerrora.pdf"
    assert bukti.nama_aman("foto\u202egnp.pdf", "png") == "fotognp.png"  # a right-to-left override dropped
    assert bukti.nama_aman("..", "pdf") == "bukti.pdf"
    assert len(bukti.nama_aman("a" * 300 + ".xlsx", "xlsx")) == 100


def test_unggah_pdf_lalu_unduh(bappeda, ind, planner):
    response = unggah(planner, bappeda, ind, ("Laporan TW 1.pdf", PDF))
    assert response.status_code == 302
    [b] = BuktiDukung.objects.filter(renja=bappeda)
    assert (b.nama, b.jenis, b.ukuran, b.periode, b.indikator_id) == (
        "Laporan_TW_1.pdf",
        "application/pdf",
        len(PDF),
        "tw1",
        ind.pk,
    )
    assert b.berkas.name.startswith(f"bukti/{bappeda.pk}/") and "Laporan" not in b.berkas.name  # a random stored name
    assert not b.berkas.name.startswith("static") and Path(b.berkas.path).is_relative_to(default_storage.location)
    page = planner.get(url(bappeda, ind))
    assert "Bukti dukung &#x27;Laporan_TW_1.pdf&#x27; diunggah." in page.content.decode()
    download = planner.get(f"/renja/BAPPEDA/2022/monev/bukti-dukung/{b.pk}/unduh/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="Laporan_TW_1.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF
    h = b.history.get()
    assert h.history_type == "+" and h.history_user.username == "perencana.bappeda"
    assert planner.get("/media/" + b.berkas.name).status_code == 404  # no URL serves the media root


def test_admin_hanya_baca_dan_menghormati_kunci(bappeda, ind, planner, django_capture_on_commit_callbacks):
    unggah(planner, bappeda, ind, ("a.pdf", PDF), ("b.pdf", PDF))
    a, b = BuktiDukung.objects.order_by("pk")
    admin = masuk("admin")
    assert admin.get("/admin/evaluasi/buktidukung/add/").status_code == 403
    page = admin.get(f"/admin/evaluasi/buktidukung/{a.pk}/change/").content.decode()
    assert 'name="nama"' not in page  # read-only
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(f"/admin/evaluasi/buktidukung/{a.pk}/delete/", {"post": "yes"}).status_code == 302
    assert list(BuktiDukung.objects.all()) == [b] and BuktiDukung.history.filter(history_type="-").count() == 1
    LaporanTriwulan.objects.update_or_create(renja=bappeda, periode="tw1", defaults={"status": "diverifikasi"})
    assert admin.get(f"/admin/evaluasi/buktidukung/{b.pk}/delete/").status_code == 403


def test_pdf_yang_sebenarnya_html_ditolak(bappeda, ind, planner):
    before = _stored()
    response = unggah(planner, bappeda, ind, ("laporan.pdf", HTML))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Berkas &#x27;laporan.pdf&#x27; ditolak: isinya bukan PDF, JPG, PNG atau XLSX" in text
    assert not BuktiDukung.objects.exists() and _stored() == before


def test_png_bernama_pdf_diterima_sebagai_png(bappeda, ind, planner):
    response = unggah(planner, bappeda, ind, ("foto.pdf", PNG))
    assert response.status_code == 302
    b = BuktiDukung.objects.get()
    assert (b.nama, b.jenis) == ("foto.png", "image/png") and b.berkas.name.endswith(".png")
    assert "isinya PNG, bukan .pdf: disimpan sebagai .png" in planner.get(url(bappeda, ind)).content.decode()
    unggah(planner, bappeda, ind, ("pindaian", JPG), ("foto.jpeg", JPG))
    assert list(BuktiDukung.objects.order_by("pk").values_list("nama", flat=True)) == [
        "foto.png",
        "pindaian.jpg",
        "foto.jpg",  # .jpeg is the same type: no note, named as stored
    ]
    assert "isinya JPG: disimpan sebagai .jpg" in planner.get(url(bappeda, ind)).content.decode()


def test_batas_ukuran_dan_semua_atau_tidak_sama_sekali(bappeda, ind, planner):
    besar = b"%PDF-" + b"0" * (5 * 1024 * 1024 - 4)
    before = _stored()
    response = unggah(planner, bappeda, ind, ("kecil.xlsx", xlsx([["a"]])), ("besar.pdf", besar))
    assert response.status_code == 400
    assert "Berkas &#x27;besar.pdf&#x27; ditolak: ukurannya 5,1 MB, paling besar 5 MB." in response.content.decode()
    assert not BuktiDukung.objects.exists() and _stored() == before  # the good file is not kept either
    tepat = b"%PDF-" + b"0" * (5 * 1024 * 1024 - 5)  # exactly 5 MB is accepted
    assert unggah(planner, bappeda, ind, ("tepat.pdf", tepat)).status_code == 302


def test_indikator_opd_lain_404(bappeda, kominfo, planner):
    other = Indikator.objects.for_renja(kominfo).first()
    assert planner.get(url(bappeda, other)).status_code == 404
    assert unggah(planner, bappeda, other, ("a.pdf", PDF)).status_code == 404


# --------------------------------------------------------------------------- access


def test_akses(bappeda, ind, planner):
    unggah(planner, bappeda, ind, ("a.pdf", PDF))
    b = BuktiDukung.objects.get()
    unduh = f"/renja/BAPPEDA/2022/monev/bukti-dukung/{b.pk}/unduh/"
    hapus = url(bappeda, ind, rest=f"{b.pk}/hapus/")
    kominfo = masuk("perencana.kominfo")
    for response in (kominfo.get(url(bappeda, ind)), kominfo.get(unduh), kominfo.post(hapus)):
        assert response.status_code == 404
    assert unggah(kominfo, bappeda, ind, ("b.pdf", PDF)).status_code == 404
    reviewer = masuk("reviewer")
    page = reviewer.get(url(bappeda, ind))
    assert (
        page.status_code == 200 and "a.pdf" in page.content.decode() and 'id="form-bukti"' not in page.content.decode()
    )
    assert reviewer.get(unduh).status_code == 200
    assert unggah(reviewer, bappeda, ind, ("b.pdf", PDF)).status_code == 403
    assert reviewer.post(hapus).status_code == 403
    from django.test import Client

    anon = Client()
    for response in (anon.get(url(bappeda, ind)), anon.get(unduh), anon.post(hapus)):
        assert response.status_code == 302 and response["Location"].startswith("/masuk/")
    assert BuktiDukung.objects.count() == 1


def test_triwulan_terkunci_menolak(bappeda, ind, planner):
    unggah(planner, bappeda, ind, ("a.pdf", PDF))
    b = BuktiDukung.objects.get()
    LaporanTriwulan.objects.update_or_create(renja=bappeda, periode="tw1", defaults={"status": "diajukan"})
    response = unggah(planner, bappeda, ind, ("b.pdf", PDF))
    assert response.status_code == 400
    assert "Triwulan I 2022 sudah diajukan dan sedang diperiksa Bappeda: bukti dukung tidak dapat ditambah." in (
        response.content.decode()
    )
    response = planner.post(url(bappeda, ind, rest=f"{b.pk}/hapus/"))
    assert response.status_code == 400 and "tidak dapat dihapus" in response.content.decode()
    page = planner.get(url(bappeda, ind)).content.decode()
    assert 'id="form-bukti"' not in page and "hapus-bukti" not in page and 'id="bukti-kunci"' in page
    LaporanTriwulan.objects.filter(renja=bappeda).update(status="diverifikasi")
    assert unggah(planner, bappeda, ind, ("b.pdf", PDF)).status_code == 400
    # TW II, closed by Bappeda's schedule
    JadwalMonev.objects.create(
        pemda=bappeda.opd.pemda,
        tahun=2022,
        periode="tw2",
        dibuka=date.today() - timedelta(days=20),
        ditutup=date.today() - timedelta(days=10),
    )
    response = unggah(planner, bappeda, ind, ("b.pdf", PDF), tw="tw2")
    assert response.status_code == 400 and "minta Bappeda membukanya kembali" in response.content.decode()
    assert BuktiDukung.objects.count() == 1


def test_hapus_dengan_riwayat(bappeda, ind, planner, django_capture_on_commit_callbacks):
    unggah(planner, bappeda, ind, ("a.pdf", PDF))
    b = BuktiDukung.objects.get()
    path = Path(b.berkas.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = planner.post(url(bappeda, ind, rest=f"{b.pk}/hapus/"), {"panel": "1"})
    assert response.status_code == 200 and "Bukti dukung &#x27;a.pdf&#x27; dihapus." in response.content.decode()
    assert not BuktiDukung.objects.exists() and not path.exists()
    types = [(h.history_type, h.history_user.username) for h in BuktiDukung.history.order_by("history_id")]
    assert types == [("+", "perencana.bappeda"), ("-", "perencana.bappeda")]
    assert "menghapus a.pdf" in response.content.decode() and "mengunggah a.pdf" in response.content.decode()


def test_jumlah_query_panel(bappeda, ind, planner, django_assert_max_num_queries):
    for n in range(5):
        unggah(planner, bappeda, ind, (f"b{n}.pdf", PDF))
    with django_assert_max_num_queries(12):
        page = planner.get(url(bappeda, ind) + "?panel=1")
    assert page.content.decode().count("hapus-bukti") == 5
    assert "<html" not in page.content.decode()  # the fragment for the grid's panel


def test_grid_menautkan_bukti(bappeda, ind, planner):
    unggah(planner, bappeda, ind, ("a.pdf", PDF))
    page = planner.get("/renja/BAPPEDA/2022/monev/?tw=tw1").content.decode()
    assert f'href="{url(bappeda, ind)}"' in page and "Bukti (1)" in page
    assert "Bukti (1)" not in planner.get("/renja/BAPPEDA/2022/monev/?tw=tw2").content.decode()


# --------------------------------------------------------------------------- the evaluation form


@pytest.fixture
def lampiran(bappeda, ind):
    """A Renja 2021 of the OPD (the year the form on Renja 2022 evaluates) with a file named like
    markup and like a formula in TW I, one in TW II."""
    lalu = Renja.objects.create(opd=bappeda.opd, tahun=2021, renstra=bappeda.renstra)
    user = get_user_model().objects.get(username="perencana.bappeda")
    for periode, nama, data in (("tw1", "=HYPERLINK(1)<b>x.pdf", PDF), ("tw2", "foto tw2.png", PNG)):
        ext = bukti.kenali(data)
        b = BuktiDukung(renja=lalu, indikator=ind, periode=periode, jenis=bukti.JENIS[ext][0], ukuran=len(data))
        b.nama, b.diunggah_oleh = bukti.nama_aman(nama, ext), user
        b.berkas.save(b.nama, ContentFile(data))
    return lalu


def test_formulir_evaluasi_melampirkan_bukti(bappeda, ind, lampiran):
    tabel = lampiran_bukti_dukung(bappeda, 1)
    [row] = tabel.baris
    nama = "HYPERLINK1bx.pdf"  # sanitised: no markup, no formula
    assert [s.nilai for s in row.sel][2:5] == [ind.nama, "TW I", nama]
    assert str(row.sel[5].nilai) == "0.0"  # 43 bytes: 0.0 KB (one decimal)
    assert [r.sel[3].nilai for r in lampiran_bukti_dukung(bappeda, 2).baris] == ["TW I", "TW II"]
    assert lampiran_bukti_dukung(Renja.objects.get(pk=lampiran.pk), 4).baris[0].jenis == "nihil"  # 2020: none

    o = unduhan.opsi("evaluasi", {"triwulan": 2, "format": "xlsx"}, {})
    html = masuk("perencana.bappeda").get("/renja/BAPPEDA/2022/evaluasi/tw2/").content.decode()
    assert "Lampiran Bukti Dukung" in html and "foto_tw2.png" in html and nama in html
    book = load_workbook(io.BytesIO(unduhan.tulis(unduhan.isi(bappeda, o), o)))
    sheet = book.worksheets[-1]
    cells = [c for r in sheet.iter_rows() for c in r if c.value == nama]
    assert cells and cells[0].data_type == "s"
    pdf = tulis_pdf(unduhan.isi(bappeda, {**o, "format": "pdf"}))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Lampiran Bukti Dukung" in text and "foto_tw2.png" in text


def test_nama_html_di_halaman_di_escape(bappeda, ind, planner):
    unggah(planner, bappeda, ind, ("a.pdf", PDF))
    BuktiDukung.objects.update(nama="<script>alert(1)</script>.pdf")  # as if sanitising had failed
    page = planner.get(url(bappeda, ind)).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;.pdf" in page


def test_berkas_yatim_dibersihkan(bappeda, ind, planner):
    """A file whose row is gone (its Renja deleted) is removed by the hourly clean-up once it is
    older than an upload in progress could be; the files of rows stay."""
    import os
    import time

    from laporan import tugas

    unggah(planner, bappeda, ind, ("a.pdf", PDF))
    kept = Path(BuktiDukung.objects.get().berkas.path)
    orphan, young = kept.with_name("yatim.pdf"), kept.with_name("baru.pdf")
    orphan.write_bytes(PDF)
    young.write_bytes(PDF)
    old = time.time() - 3600
    os.utime(orphan, (old, old))
    os.utime(kept, (old, old))
    tugas.bersihkan()
    assert kept.exists() and young.exists() and not orphan.exists()
