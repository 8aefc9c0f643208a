"""Cetak semua shares the document jobs of the downloads (laporan.cetak_semua._pdf_semua): a PDF
made already is taken, every PDF is a job that any worker may take, the worker of the ZIP makes
the waiting ones itself and recovers a stalled one. The PDF layout is replaced by a stand-in
that counts its calls (the real one: tests/laporan/test_berkas.py)."""

import io
import zipfile
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from laporan import cetak_semua, tugas, unduhan
from laporan.models import Berkas
from tests.pembantu import masuk

DOKUMEN = unduhan.opsi("dokumen", {"format": "pdf"}, {})


@pytest.fixture
def pdf(monkeypatch):
    """The stand-in layout: returns ``%PDF-uji-<n>`` for its n-th call, records the OPD."""
    calls = []

    def palsu(context, maju=None):
        calls.append(context["renja"].opd.singkatan)
        if maju:
            maju(1, 1)
        return f"%PDF-uji-{len(calls)}".encode()

    monkeypatch.setattr(unduhan, "tulis_pdf", palsu)
    return calls


def _isi(data):
    z = zipfile.ZipFile(io.BytesIO(data))
    return {name: z.read(name) for name in z.namelist() if name.startswith("pdf/")}


def test_pdf_yang_sudah_diunduh_dipakai_dan_hasilnya_dipakai_unduhan(bappeda, kominfo, pdf):
    reviewer = masuk("reviewer")
    downloaded = reviewer.get("/renja/BAPPEDA/2022/dokumen.pdf")
    assert downloaded.content == b"%PDF-uji-1" and pdf == ["BAPPEDA"]
    response = reviewer.post("/review/2022/cetak-semua/")
    job = Berkas.objects.get(kunci__startswith="cetak-semua/")
    assert response["Location"] == f"/berkas/{job.pk}/" and job.siap
    files = _isi(b"".join(reviewer.get(f"/berkas/{job.pk}/unduh/").streaming_content))
    assert files == {
        "pdf/renja-bappeda-2022-dokumen.pdf": b"%PDF-uji-1",
        "pdf/renja-diskominfo-2022-dokumen.pdf": b"%PDF-uji-2",
    }
    assert pdf == ["BAPPEDA", "DISKOMINFO"]  # the Bappeda PDF was not laid out a second time
    # The Kominfo PDF the ZIP needed is now the download's, served at once without a new job.
    again = reviewer.get("/renja/DISKOMINFO/2022/dokumen.pdf")
    assert again.status_code == 200 and again.content == b"%PDF-uji-2"
    assert pdf == ["BAPPEDA", "DISKOMINFO"]
    assert Berkas.objects.filter(renja=kominfo).count() == 1


def test_yang_menunggu_dibuat_sendiri_yang_macet_dipulihkan(bappeda, kominfo, pdf, monkeypatch):
    # No worker at all: enqueued jobs are never taken by anyone else.
    monkeypatch.setattr(tugas, "buat_berkas", SimpleNamespace(enqueue=lambda *args: None))
    taken = tugas.minta_renja(kominfo, DOKUMEN)  # another worker is making it…
    Berkas.objects.filter(pk=taken.pk).update(status=Berkas.Status.JALAN, percobaan=1, diperbarui=timezone.now())

    def dies(seconds):  # …and dies while the ZIP's worker waits for it
        Berkas.objects.filter(pk=taken.pk).update(diperbarui=timezone.now() - timedelta(hours=1))

    monkeypatch.setattr(cetak_semua, "time", SimpleNamespace(sleep=dies))
    reports = []
    out = io.BytesIO()
    cetak_semua.tulis_zip(cetak_semua.daftar_renja(2022), out, lambda *args: reports.append(args))
    assert sorted(_isi(out.getvalue())) == [
        "pdf/renja-bappeda-2022-dokumen.pdf",
        "pdf/renja-diskominfo-2022-dokumen.pdf",
    ]
    assert sorted(pdf) == ["BAPPEDA", "DISKOMINFO"]  # each once
    jobs = Berkas.objects.filter(renja__in=[bappeda, kominfo])
    assert sorted(jobs.values_list("status", "percobaan")) == [("selesai", 1), ("selesai", 2)]
    assert "Menunggu 1 PDF yang dibuat pekerja lain" in [tahap for _, _, tahap in reports]
    # The PDF laid out inside the ZIP's job reports its parts on the ZIP's page (and keeps it alive).
    assert "PDF BAPPEDA (1 dari 2): bagian 1 dari 1" in [tahap for _, _, tahap in reports]
    assert reports[-1] == (4, 4, "")


def test_pdf_gagal_dicoba_sekali_lagi_lalu_menggagalkan_zip(bappeda, kominfo, monkeypatch):
    calls = []

    def rusak(context, maju=None):
        calls.append(1)
        raise ValueError("uji")

    monkeypatch.setattr(unduhan, "tulis_pdf", rusak)
    failed = tugas.minta_renja(bappeda, DOKUMEN)
    assert failed.status == Berkas.Status.GAGAL and failed.percobaan == 1
    with pytest.raises(RuntimeError, match="PDF Renja BAPPEDA gagal dibuat: Berkas tidak dapat dibuat"):
        cetak_semua.tulis_zip(cetak_semua.daftar_renja(2022).filter(opd=bappeda.opd), io.BytesIO())
    assert len(calls) == 2  # tried again once, by the ZIP's worker itself
