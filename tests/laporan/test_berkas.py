"""Documents as jobs (laporan.tugas, laporan.versi, laporan.berkas_views), with the jobs run at
once (tests/conftest.py); tests/browser/test_berkas.py runs them in a real worker."""

import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from laporan import tugas
from laporan.models import Berkas
from laporan.versi import RENDER, versi_opd, versi_renja
from renja.models import BagianNarasi, PenetapanRenja, PeraturanRenja, Renja
from tests.pembantu import masuk

B = "/renja/BAPPEDA/2022/"
TABEL_PDF = B + "tabel/tujuan-sasaran.pdf"


def _job(renja, status=Berkas.Status.JALAN, **fields):
    opsi = {"jenis": "renja", "laporan": "tabel", "tabel": "tujuan-sasaran", "format": "xlsx", "kertas": "a4"}
    return Berkas.objects.create(
        kunci=f"uji/{status}/{fields.get('percobaan', 0)}",
        versi="1",
        opsi={**opsi, "triwulan": 0, "jendela": "", **fields.pop("opsi", {})},
        renja=renja,
        nama="uji.xlsx",
        status=status,
        diperbarui=timezone.now() - timedelta(hours=1),
        **fields,
    )


def test_unduhan_tersimpan_dilayani_langsung(bappeda, django_assert_max_num_queries):
    client = masuk("reviewer")
    first = client.get(TABEL_PDF)
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    assert Berkas.objects.filter(renja=bappeda, status="selesai").count() == 1
    # Unchanged Renja: the same file, no new job, a handful of queries (session, user, Renja,
    # the version, the identity's fingerprint (renja.identitas.cap_identitas), the job).
    with django_assert_max_num_queries(7):
        again = client.get(TABEL_PDF)
    assert again.content == first.content and Berkas.objects.filter(renja=bappeda).count() == 1


def test_setiap_simpan_membuat_versi_baru(bappeda, kominfo):
    before = versi_opd([bappeda.opd_id, kominfo.opd_id])
    item = bappeda.sub_kegiatan.first()
    item.lokasi = "Kota Serang (uji)"
    item.save()
    after = versi_opd([bappeda.opd_id, kominfo.opd_id])
    assert after[bappeda.opd_id] != before[bappeda.opd_id]
    assert after[kominfo.opd_id] == before[kominfo.opd_id]  # another OPD's save leaves it cached
    target = bappeda.sub_kegiatan.first().sub_kegiatan.indikator.first().target.first()
    target.nilai = (target.nilai or 0) + 1
    target.save()
    assert versi_opd([bappeda.opd_id])[bappeda.opd_id] != after[bappeda.opd_id]
    third = versi_opd([bappeda.opd_id])[bappeda.opd_id]
    BagianNarasi.objects.filter(renja=bappeda).first().delete()  # a delete too
    assert versi_opd([bappeda.opd_id])[bappeda.opd_id] != third


def test_renja_ditetapkan_disimpan_bersama_penetapannya(bappeda):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    penetapan = PenetapanRenja.objects.create(renja=bappeda, nomor=1, oleh=admin, isi={})
    Renja.objects.filter(pk=bappeda.pk).update(status=Renja.Status.DITETAPKAN)
    bappeda.refresh_from_db()
    versi, dengan = versi_renja(bappeda)
    assert versi.startswith(f"v{RENDER}-penetapan-1-") and dengan == penetapan  # and the identity's fingerprint
    masuk("reviewer").get(TABEL_PDF)
    berkas = Berkas.objects.get(renja=bappeda)
    assert berkas.penetapan == penetapan and berkas.versi == versi
    Berkas.objects.filter(pk=berkas.pk).update(diperbarui=timezone.now() - timedelta(days=400))
    tugas.bersihkan()
    assert Berkas.objects.filter(pk=berkas.pk).exists()  # never cleaned up, never made again
    # the Peraturan/Keputusan entered afterwards is printed: a new version of the document
    PeraturanRenja.objects.create(penetapan=penetapan, jenis="Keputusan", nomor="1/2021", tanggal="2021-08-23")
    assert versi_renja(bappeda)[0].startswith(f"v{RENDER}-penetapan-1-") and versi_renja(bappeda)[0] != versi


def test_hasil_hanya_untuk_yang_boleh_melihat_renjanya(bappeda):
    masuk("reviewer").get(TABEL_PDF)
    berkas = Berkas.objects.get(renja=bappeda)
    for url in (f"/berkas/{berkas.pk}/", f"/berkas/{berkas.pk}/status/", f"/berkas/{berkas.pk}/unduh/"):
        assert masuk("perencana.kominfo").get(url).status_code == 404
        assert masuk("perencana.bappeda").get(url).status_code == 200
    assert masuk("perencana.kominfo").post(f"/berkas/{berkas.pk}/ulang/").status_code == 404


def test_pekerja_mati_dicoba_lagi_lalu_gagal_dengan_pesan(bappeda, settings, django_assert_max_num_queries):
    settings.LAPORAN_BERKAS_MACET = 60
    dead = _job(bappeda, percobaan=1)
    client = masuk("perencana.bappeda")
    data = client.get(f"/berkas/{dead.pk}/status/").json()
    assert data["status"] == "selesai" and data["unduh"] == f"/berkas/{dead.pk}/unduh/"  # tried again, done
    assert client.get(data["unduh"]).content.startswith(b"PK")
    twice = _job(bappeda, percobaan=2)
    data = client.get(f"/berkas/{twice.pk}/status/").json()
    assert data["status"] == "gagal" and "terhenti di tengah jalan" in data["pesan"]
    page = client.get(f"/berkas/{twice.pk}/").content.decode()
    assert "terhenti di tengah jalan" in page and "Coba lagi" in page
    client.post(f"/berkas/{twice.pk}/ulang/")
    assert Berkas.objects.get(pk=twice.pk).status == "selesai"
    recent = _job(bappeda)
    Berkas.objects.filter(pk=recent.pk).update(diperbarui=timezone.now())
    with django_assert_max_num_queries(5):  # session, user, the job (access checked), stalled?, again
        data = client.get(f"/berkas/{recent.pk}/status/").json()
    assert data["status"] == "jalan" and data["unduh"] is None  # still reporting: left alone


def test_galat_ditandai_gagal_tanpa_berkas_setengah(bappeda):
    job = _job(bappeda, status=Berkas.Status.ANTRI, opsi={"tabel": "tidak-ada"})
    tugas.buat_berkas.enqueue(job.pk)
    job.refresh_from_db()
    assert job.status == "gagal" and "galat di server" in job.pesan and not job.berkas
    assert list(Path(default_storage.path(tugas.SEMENTARA)).glob(f"{job.pk}-*")) == []
    assert "galat di server" in masuk("reviewer").get(f"/berkas/{job.pk}/").content.decode()


def test_bersihkan_menghapus_hasil_lama_dan_sisa(bappeda, settings):
    settings.LAPORAN_BERKAS_MACET = 0
    old = _job(bappeda, status=Berkas.Status.SELESAI)
    old.berkas = default_storage.save("laporan/lama.xlsx", ContentFile(b"PK"))
    old.save()
    Berkas.objects.filter(pk=old.pk).update(diperbarui=timezone.now() - timedelta(days=8))
    fresh = _job(bappeda, status=Berkas.Status.SELESAI, percobaan=5)
    fresh.berkas = default_storage.save("laporan/baru.xlsx", ContentFile(b"PK"))
    fresh.save()
    Path(default_storage.path(tugas.SEMENTARA)).mkdir(parents=True, exist_ok=True)
    part = Path(default_storage.path(f"{tugas.SEMENTARA}/99-x.part"))
    part.write_bytes(b"setengah")
    call_command("bersihkan_berkas")
    assert not Berkas.objects.filter(pk=old.pk).exists() and not default_storage.exists(old.berkas.name)
    assert default_storage.exists(fresh.berkas.name) and not part.exists()


def test_cetak_semua_hanya_bappeda_dan_isinya(bappeda):
    assert masuk("perencana.bappeda").post("/review/2022/cetak-semua/").status_code == 403
    page = masuk("reviewer").get("/review/2022/").content.decode()
    assert 'action="/review/2022/cetak-semua/"' in page
    response = masuk("reviewer").post("/review/2022/cetak-semua/", {"status": "draf"})
    berkas = Berkas.objects.get(kunci__startswith="cetak-semua/")
    assert response["Location"] == f"/berkas/{berkas.pk}/" and berkas.siap
    for user in ("perencana.bappeda", "perencana.kominfo"):
        assert masuk(user).get(f"/berkas/{berkas.pk}/unduh/").status_code == 404
    body = b"".join(masuk("reviewer").get(f"/berkas/{berkas.pk}/unduh/").streaming_content)
    z = zipfile.ZipFile(io.BytesIO(body))
    assert sorted(z.namelist()) == [
        "manifest.csv",
        "pdf/renja-bappeda-2022-dokumen.pdf",
        "pdf/renja-diskominfo-2022-dokumen.pdf",
        "renja-seluruh-opd-2022.xlsx",
    ]
    manifest = z.read("manifest.csv").decode("utf-8-sig").splitlines()
    assert manifest[0].startswith("No,Kode OPD,Perangkat Daerah,Status,Penetapan ke-")
    assert len(manifest) == 3 and z.read("pdf/renja-bappeda-2022-dokumen.pdf").startswith(b"%PDF")
    from openpyxl import load_workbook

    sheets = load_workbook(io.BytesIO(z.read("renja-seluruh-opd-2022.xlsx")), read_only=True).sheetnames
    assert len(sheets) == 4  # the city summary, the pagu per sumber dana, each OPD's T-C.33


def test_perintah_cetak_semua(tmp_path, bappeda):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Tidak ada Renja tahun 2022 berstatus ditetapkan"):
        call_command("cetak_semua", tahun=2022, status="ditetapkan", keluar=str(tmp_path / "a.zip"))
    assert not (tmp_path / "a.zip").exists()


def test_cetak_semua_memakai_pdf_yang_sudah_dibuat(bappeda, kominfo, tmp_path):
    """A Renja whose document PDF was already made for its current version (under the key its
    own download uses: content version and identity fingerprint) is not laid out again."""
    from laporan import unduhan
    from laporan.cetak_semua import tulis_zip

    o = unduhan.opsi("dokumen", {"format": "pdf"}, {})
    for renja in (bappeda, kominfo):
        made = Berkas.objects.create(
            kunci=unduhan.kunci(renja, o),
            versi=versi_renja(renja)[0],
            opsi={},
            renja=renja,
            nama="x.pdf",
            status=Berkas.Status.SELESAI,
            diperbarui=timezone.now(),
        )
        made.berkas = default_storage.save(
            f"laporan/{renja.pk}.pdf", ContentFile(b"%PDF-dibuat-" + renja.opd.singkatan.encode())
        )
        made.save()
    out = tmp_path / "semua.zip"
    with open(out, "wb") as f:
        tulis_zip(Renja.objects.filter(pk__in=[bappeda.pk, kominfo.pk]).order_by("opd__kode"), f)
    z = zipfile.ZipFile(out)
    assert z.read("pdf/renja-bappeda-2022-dokumen.pdf") == b"%PDF-dibuat-BAPPEDA"
    assert z.read("pdf/renja-diskominfo-2022-dokumen.pdf") == b"%PDF-dibuat-DISKOMINFO"


def test_kunci_cetak_semua_berubah_dengan_kepala_bappeda(bappeda, kominfo):
    """The Kepala Bappeda (and the logo) print on every document but no OPD history versions
    them: the ZIP made before a change must not be served after it."""
    from laporan.versi import versi_banyak

    renja = list(Renja.objects.filter(tahun=2022).select_related("opd"))
    before = versi_banyak(renja)
    assert versi_banyak(renja) == before
    pemda = bappeda.opd.pemda
    kepala = pemda.bappeda
    kepala.kepala_nama = "Dr. Nama Baru, M.Si."
    kepala.save()
    assert versi_banyak(renja) != before
