"""The city-wide view of a year (Bappeda): every OPD's pagu against its ceiling, its Renstra
capaian and predikat, and the pagu per sumber dana against the ceilings. One builder for the
page and the XLSX download."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from anggaran.models import PlafonAnggaran
from anggaran.pagu import jumlah, rekap_plafon
from evaluasi.rekap import capaian_renstra
from laporan.builders.umum import nomor_kolom
from laporan.tabel import Baris, Kepala, Sel, Tabel, hasil, teks, uang
from renja.models import RenjaSubKegiatan, SumberDana

TANPA_DANA = "(sumber dana belum diisi)"
URUTAN_PREDIKAT = [("ST", "Sangat Tinggi"), ("T", "Tinggi"), ("S", "Sedang"), ("R", "Rendah"), ("SR", "Sangat Rendah")]


@dataclass
class RingkasanKota:
    tahun: int
    tabel_opd: Tabel
    tabel_dana: Tabel
    renja: list  # the Renja in the order of tabel_opd's rows, each with .pagu, .plafon, .sisa, .lebih, .capaian
    predikat: list = field(default_factory=list)  # [(kode, kriteria, number of OPDs)], then (None, "tanpa data", n)

    @property
    def daftar_tabel(self):
        return [self.tabel_opd, self.tabel_dana]


def ringkasan_kota(tahun, daftar_renja, pemda_nama):
    """The Renja of ``tahun`` in ``daftar_renja`` (a queryset already limited to what the user
    may see) as two tables: per OPD (kolom 4 = Σ pagu of its sub kegiatan, 5 = its total
    ceiling, 6 = 5 − 4, 7 = mean of T-C.29 kolom 11, 8 = predikat of 7) with the sums, and per
    sumber dana (Σ pagu, Σ ceilings, the difference). Queries: 6, whatever the number of OPDs."""
    renja = list(daftar_renja.select_related("opd", "renstra").order_by("opd__kode"))
    ids = [r.pk for r in renja]
    pagu = defaultdict(list)
    for renja_id, dana, total in (
        RenjaSubKegiatan.objects.filter(renja__in=ids)
        .values_list("renja", "sumber_dana")
        .annotate(total=Sum("pagu"))
        .order_by()
    ):
        pagu[renja_id].append((dana, total))
    plafon = defaultdict(dict)
    for opd, dana, batas in PlafonAnggaran.objects.filter(opd__in=[r.opd_id for r in renja], tahun=tahun).values_list(
        "opd", "sumber_dana", "pagu"
    ):
        plafon[opd][dana] = batas
    capaian = capaian_renstra(renja)

    tabel_opd = Tabel(
        kunci="kota",
        judul=f"Pagu dan Capaian Renstra Perangkat Daerah Tahun {tahun}",
        subjudul=[pemda_nama],
        kepala=[
            [
                Kepala("No"),
                Kepala("Perangkat Daerah"),
                Kepala("Status Renja"),
                Kepala(f"Pagu Indikatif {tahun} (Rp)"),
                Kepala("Plafon (Rp)"),
                Kepala("Sisa Plafon (Rp)"),
                Kepala(f"Rata-rata Capaian Renstra s/d {tahun - 1} (%)"),
                Kepala("Predikat"),
            ]
        ],
        nomor_kolom=[*nomor_kolom(5), "6 = 5 − 4", "7", "8"],
    )
    counts = Counter()
    for nomor, r in enumerate(renja, start=1):
        r.pagu = jumlah(total for _, total in pagu[r.pk])
        r.plafon, r.sisa, r.lebih = plafon[r.opd_id].get(None), None, None
        if r.plafon is not None:
            [(_, _, _, r.sisa, r.lebih)] = rekap_plafon(pagu[r.pk], {None: r.plafon})
        r.capaian = capaian[r.pk]
        kode = r.capaian.predikat.kode if r.capaian.predikat else None
        counts[kode] += 1
        tabel_opd.baris.append(
            Baris(
                "opd",
                [
                    teks(str(nomor)),
                    teks(r.opd.nama),
                    teks(r.get_status_display()),
                    uang(r.pagu),
                    uang(r.plafon),
                    uang(r.sisa),
                    hasil(r.capaian.rata_rata.hasil),
                    teks(r.capaian.predikat.kriteria if r.capaian.predikat else ""),
                ],
            )
        )
    if renja:
        tabel_opd.baris.append(
            Baris(
                "total",
                [
                    teks(""),
                    teks("Jumlah"),
                    teks(""),
                    uang(jumlah(r.pagu for r in renja)),
                    uang(jumlah(r.plafon for r in renja)),
                    uang(jumlah(r.sisa for r in renja)),
                    Sel(),
                    Sel(),
                ],
            )
        )
    predikat = [(kode, kriteria, counts[kode]) for kode, kriteria in URUTAN_PREDIKAT]
    if counts[None]:
        predikat.append((None, "tanpa data capaian", counts[None]))
    return RingkasanKota(tahun, tabel_opd.nihil(), _tabel_dana(tahun, pemda_nama, renja, pagu, plafon), renja, predikat)


def _tabel_dana(tahun, pemda_nama, renja, pagu, plafon):
    """Per sumber dana: Σ pagu of the sub kegiatan funded by it, Σ the OPDs' ceilings for it."""
    dana = defaultdict(list)
    batas = defaultdict(list)
    for r in renja:
        for key, total in pagu[r.pk]:
            dana[key].append(total)
        for key, value in plafon[r.opd_id].items():
            if key is not None:
                batas[key].append(value)
    names = dict(
        SumberDana.objects.filter(pk__in=[k for k in dana.keys() | batas.keys() if k]).values_list("pk", "nama")
    )
    tabel = Tabel(
        kunci="kota-dana",
        judul=f"Pagu Indikatif per Sumber Dana Tahun {tahun}",
        subjudul=[pemda_nama],
        kepala=[
            [
                Kepala("No"),
                Kepala("Sumber Dana"),
                Kepala("Pagu Indikatif (Rp)"),
                Kepala("Plafon (Rp)"),
                Kepala("Sisa Plafon (Rp)"),
            ]
        ],
        nomor_kolom=[*nomor_kolom(4), "5 = 4 − 3"],
    )
    keys = sorted(dana.keys() | batas.keys(), key=lambda k: (k is None, names.get(k, "")))
    for nomor, key in enumerate(keys, start=1):
        total = jumlah(dana[key])
        ceiling = jumlah(batas[key])
        sisa = None
        if ceiling is not None:
            [(_, _, _, sisa, _)] = rekap_plafon([(key, total)], {key: ceiling})
        tabel.baris.append(
            Baris(
                "dana",
                [teks(str(nomor)), teks(names.get(key, TANPA_DANA)), uang(total), uang(ceiling), uang(sisa)],
            )
        )
    return tabel.nihil()
