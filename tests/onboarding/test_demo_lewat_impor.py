"""The demo itself comes in through the imports (issue 15 point 6). Kota Serang's two demo
Renja (Bappeda's, converted from the published document, and Diskominfo's) go out as the app's
own templates (opd, pengguna, renstra, renja, riwayat) and come back, through ``manage.py impor``
alone, as a new Pemda whose Renja print the same T-C.33 (Tabel 2.3) and Tabel 2.1 figures, tujuan
and sasaran included: the path a Pemda onboards on, proven on real data whenever the suite runs."""

import pytest

from bench.onboarding import pindahkan
from renja.models import Indikator, Pemda, Tujuan
from tests.onboarding.pembanding import pasangan, tc29

BARU = "99.05"


def definisi(opd):
    """Every indicator of ``opd`` as its definition: owner level, name, satuan, tipe, sifat,
    polaritas and metode, and a kategori's scale."""
    return sorted(
        (i.level, i.nama, i.satuan, i.tipe_nilai, i.sifat, i.polaritas, i.metode_negatif, i.skala_kategori)
        for i in Indikator.objects.for_opd(opd)
    )


def tujuan(renja):
    """The Renstra's tujuan and sasaran with their indicators' satuan, sifat and targets."""
    out = []
    for t in Tujuan.objects.filter(renstra=renja.renstra).prefetch_related("sasaran"):
        owners = [(t.nomor, t.uraian, Indikator.objects.filter(tujuan=t))]
        owners += [(s.nomor, s.uraian, Indikator.objects.filter(sasaran=s)) for s in t.sasaran.all()]
        for nomor, uraian, inds in owners:
            out.append((nomor, uraian))
            for i in inds.prefetch_related("target"):
                targets = sorted((x.jenis, x.tahun, x.nilai, x.nilai_teks) for x in i.target.all())
                out.append((i.nama, i.satuan, i.sifat, i.polaritas, i.metode_negatif, targets))
    return out


@pytest.mark.django_db
def test_demo_keluar_lewat_templat_dan_kembali_sama(tmp_path):
    demo = Pemda.objects.get(kode="36.73")
    lama, _ = pindahkan(demo, tmp_path, kode_baru=BARU, nama="Kota Serang lewat impor")
    assert set(lama) == {"opd", "pengguna", "renstra", "renja", "riwayat"}
    baris_tc29, kategori = 0, []
    for renja, asal in pasangan(demo, BARU, 2):
        kode = renja.opd.kode
        expected = tc29(asal)
        baris_tc29 += len(expected)
        assert tc29(renja) == expected, kode
        assert tujuan(renja) == tujuan(asal), kode
        assert definisi(renja.opd) == definisi(asal.opd), kode
        kategori += [d for d in definisi(renja.opd) if d[3] == Indikator.TipeNilai.KATEGORI]
    assert kategori and all(len(d[-1]) >= 2 for d in kategori)  # "Indeks Inovasi Daerah", its three levels
    assert baris_tc29 > 100  # Bappeda's Tabel 2.1 as the document prints it (Diskominfo has none)
