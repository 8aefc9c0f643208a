"""Faults in the middle of a write leave nothing half-done: the database connection dropping
inside a multi-cell save, inside finalising a Renja, and inside an import (the last one is in
tests/evaluasi/test_impor.py). The drop is simulated by the database error Django raises."""

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError

from kerja import alur, grid
from kerja.ruang_kerja import Perubahan, simpan_perubahan
from renja.models import PenetapanRenja, Renja, RenjaSubKegiatan
from tests.pengajuan import siapkan_pengajuan


def putus_setelah(n, asli):
    """A stand-in for ``asli`` that works ``n`` times, then fails as a dropped connection."""
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) > n:
            raise OperationalError("server closed the connection unexpectedly")
        return asli(*args, **kwargs)

    return wrapper


def test_simpan_banyak_sel_putus_di_tengah(bappeda, monkeypatch):
    user = get_user_model().objects.get(username="perencana.bappeda")
    items = list(RenjaSubKegiatan.objects.filter(renja=bappeda).order_by("urutan")[:3])
    before = [(i.pk, i.lokasi, i.versi) for i in items]
    monkeypatch.setattr(grid.Lembar, "simpan_objek", putus_setelah(1, grid.Lembar.simpan_objek))
    with pytest.raises(OperationalError):
        simpan_perubahan(bappeda, user, [Perubahan("lokasi", i.pk, f"Kec. {n}", i.versi) for n, i in enumerate(items)])
    after = [
        (i.pk, i.lokasi, i.versi)
        for i in RenjaSubKegiatan.objects.filter(pk__in=[i.pk for i in items]).order_by("urutan")
    ]
    assert after == before  # the first row, already written, was rolled back with its claimed version


def test_tetapkan_putus_saat_membekukan(bappeda, monkeypatch):
    reviewer = get_user_model().objects.get(username="reviewer")
    siapkan_pengajuan(bappeda)  # finalising is gated by the checker (kerja.alur)
    Renja.objects.filter(pk=bappeda.pk).update(status="diverifikasi")
    bappeda.refresh_from_db()
    monkeypatch.setattr(PenetapanRenja.objects, "create", putus_setelah(0, PenetapanRenja.objects.create))
    with pytest.raises(OperationalError):
        alur.jalankan(bappeda, reviewer, "tetapkan")
    bappeda.refresh_from_db()
    assert bappeda.status == "diverifikasi" and not PenetapanRenja.objects.exists()


def test_tambah_sub_kegiatan_putus_tidak_meninggalkan_program_kosong(bappeda, monkeypatch):
    """Adding a sub kegiatan creates program, kegiatan and sub kegiatan first; a drop when the
    Renja row is written leaves none of them."""
    from renja import struktur
    from renja.models import Kegiatan, Nomenklatur, Program

    user = get_user_model().objects.get(username="perencana.bappeda")
    kode = set(Program.objects.filter(opd=bappeda.opd).values_list("nomenklatur__kode", flat=True))
    nom = (
        Nomenklatur.objects.filter(level="sub_kegiatan", kode__startswith="5.05.")
        .exclude(induk__induk__kode__in=kode)
        .first()
    )
    counts = (Program.objects.count(), Kegiatan.objects.count(), RenjaSubKegiatan.objects.count())
    # program, kegiatan and sub kegiatan are written in bulk first (node_opd_semua); the drop comes at the row
    monkeypatch.setattr(struktur, "simpan_dengan_riwayat", putus_setelah(0, struktur.simpan_dengan_riwayat))
    with pytest.raises(OperationalError):
        struktur.tambah_sub_kegiatan(bappeda, user, nom.pk)
    assert (Program.objects.count(), Kegiatan.objects.count(), RenjaSubKegiatan.objects.count()) == counts
