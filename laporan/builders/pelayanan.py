"""Tabel 2.2 (T-C.30) builder."""

from laporan.builders.umum import nomor_kolom, subjudul
from laporan.tabel import Baris, Kepala, Sel, Tabel, nilai_target, teks
from renja.models import IndikatorPelayanan, NilaiPelayanan

# --------------------------------------------------------------------------- Tabel 2.2 (T-C.30)

RENSTRA = "renstra"

TARGET, REALISASI, PROYEKSI = NilaiPelayanan.Jenis.TARGET, NilaiPelayanan.Jenis.REALISASI, NilaiPelayanan.Jenis.PROYEKSI
KELOMPOK = (
    (TARGET, "Target Renstra Perangkat Daerah"),
    (REALISASI, "Realisasi Capaian"),
    (PROYEKSI, "Proyeksi"),
)


def kinerja_pelayanan(renja, tahun=None):
    """Tabel T-C.30: Pencapaian Kinerja Pelayanan Perangkat Daerah (spec §2.2). Rows are the
    Renstra service indicators under their kelompok headings; the form has no computed column.

    ``tahun`` chooses the year columns (spec R-3): None is the regulation window (target n-2 … n+1,
    realisasi n-2 and n-1, proyeksi n and n+1); ``"renstra"`` is the whole Renstra period as in the
    Bappeda seed (target and realisasi for the Renstra years that carry values, realisasi up to
    n-1, proyeksi n-1 … n+1). Realisasi n-1 is an estimate and is labelled "(perkiraan)"."""
    n = renja.tahun
    indikator = list(
        IndikatorPelayanan.objects.filter(renstra_id=renja.renstra_id)
        .prefetch_related("nilai")
        .order_by("urutan", "pk")
    )
    nilai = {ind.pk: {(v.jenis, v.tahun): v for v in ind.nilai.all()} for ind in indikator}
    tahun_kolom = _tahun_kolom(renja, tahun, {key for values in nilai.values() for key in values})
    kolom = [(jenis, t) for jenis, _ in KELOMPOK for t in tahun_kolom[jenis]]

    tabel = Tabel(
        kunci="tc30",
        judul=f"Pencapaian Kinerja Pelayanan Perangkat Daerah {renja.opd.nama}",
        subjudul=subjudul(renja),
        kepala=[
            [
                Kepala("No", rowspan=2),
                Kepala("Indikator", rowspan=2),
                Kepala("SPM/Standar Nasional", rowspan=2),
                Kepala("IKK", rowspan=2),
                *(Kepala(label, colspan=len(tahun_kolom[jenis])) for jenis, label in KELOMPOK if tahun_kolom[jenis]),
                Kepala("Catatan Analisis", rowspan=2),
            ],
            [Kepala(_label_tahun(jenis, t, n)) for jenis, t in kolom],
        ],
        nomor_kolom=nomor_kolom(5 + len(kolom)),
    )
    # In the regulation window the proyeksi n-1 has no column of its own: it is the estimate
    # that the "Realisasi n-1 (perkiraan)" column shows while no realisasi n-1 is recorded.
    perkiraan = {(REALISASI, n - 1): (PROYEKSI, n - 1)} if tahun is None else {}
    heading = None
    for ind in indikator:
        if ind.kelompok and (ind.kelompok_nomor, ind.kelompok) != heading:
            heading = (ind.kelompok_nomor, ind.kelompok)
            tabel.baris.append(
                Baris("judul", [teks(ind.kelompok_nomor), teks(ind.kelompok)] + [Sel()] * (len(kolom) + 3))
            )
        values = nilai[ind.pk]
        tabel.baris.append(
            Baris(
                "indikator",
                [
                    teks(ind.nomor),
                    teks(f"{ind.nama} ({ind.satuan})" if ind.satuan else ind.nama),
                    teks(ind.spm),
                    teks(ind.ikk),
                    *(nilai_target(values.get(key) or values.get(perkiraan.get(key))) for key in kolom),
                    teks(ind.catatan_analisis),
                ],
            )
        )
    return tabel.nihil()


def _tahun_kolom(renja, tahun, ada):
    """Years of the target, realisasi and proyeksi columns; ``ada`` holds the (jenis, tahun)
    pairs that carry a value."""
    n = renja.tahun
    if tahun is None:
        return {jenis: [n + s for s in selisih] for jenis, selisih in NilaiPelayanan.JENDELA.items()}
    if tahun != RENSTRA:
        raise ValueError(f'tahun harus None (jendela regulasi) atau "{RENSTRA}" (seluruh periode Renstra).')
    periode = range(renja.renstra.tahun_awal, renja.renstra.tahun_akhir + 1)

    def berisi(jenis, daftar):
        return [t for t in daftar if (jenis, t) in ada] or list(daftar)

    return {
        TARGET: berisi(TARGET, periode),
        REALISASI: berisi(REALISASI, [t for t in periode if t < n]),
        PROYEKSI: range(n - 1, n + 2),
    }


def _label_tahun(jenis, tahun, n):
    return f"Tahun {tahun} (perkiraan)" if (jenis, tahun) == (REALISASI, n - 1) else f"Tahun {tahun}"
