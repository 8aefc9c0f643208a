"""The OPD's monev grid of a Renja year: realisasi kinerja per indicator and realisasi anggaran
per sub kegiatan for TW I–IV, the explanations of one triwulan per indicator, and the form's
computed kolom 12–15 with the predikat beside them.

A ``kerja.grid.Lembar`` declaration: a value cell is a RealisasiKinerja or RealisasiAnggaran row
of the Renja's year and that triwulan (created when first filled, removed when emptied); the
explanation cells of an indicator share one PenjelasanTriwulan (created by its first write).
A cell of a locked triwulan (evaluasi.monev) is refused with the lock's reason.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q

from anggaran.models import RealisasiAnggaran
from evaluasi import capaian as c
from evaluasi.models import CatatanMonev, PenjelasanTriwulan, RealisasiKinerja
from evaluasi.monev import ROMAWI, TRIWULAN, keadaan_renja
from evaluasi.rekap import tahunan_dari
from kerja.grid import NILAI, TEKS, Kolom, Lembar, isi
from renja import akses
from renja.angka import STRIP, format_angka, format_ringkas
from renja.impor import kunci_nilai, tutup_temuan
from renja.models import Impor, Indikator, RenjaSubKegiatan, SubKegiatan, Target

PENJELASAN = (
    ("pendorong", "Faktor pendorong", "faktor_pendorong"),
    ("penghambat", "Faktor penghambat", "faktor_penghambat"),
    ("tl_triwulan", "Tindak lanjut triwulan berikutnya", "tindak_lanjut_triwulan"),
    ("tl_renja", "Tindak lanjut Renja berikutnya", "tindak_lanjut_renja"),
)
TEKS_INDIKATOR = (Indikator.TipeNilai.KUALITATIF, Indikator.TipeNilai.KATEGORI)


def _kolom():
    out = []
    for nomor, periode in enumerate(TRIWULAN, start=1):
        out.append(Kolom(f"k{nomor}", f"Realisasi kinerja TW {ROMAWI[periode]}", "kinerja", periode, NILAI))
    for nomor, periode in enumerate(TRIWULAN, start=1):
        out.append(Kolom(f"rp{nomor}", f"Realisasi anggaran TW {ROMAWI[periode]} (Rp)", "anggaran", periode, NILAI))
    out += [Kolom(kunci, label, "penjelasan", name, TEKS) for kunci, label, name in PENJELASAN]
    return {k.kunci: k for k in out}


class LembarMonev(Lembar):
    """The monev grid of one Renja for one user; ``periode`` is the triwulan whose explanations
    the grid shows."""

    KOLOM = _kolom()
    MODEL = {"kinerja": RealisasiKinerja, "anggaran": RealisasiAnggaran, "penjelasan": PenjelasanTriwulan}

    def __init__(self, renja, user, periode):
        super().__init__(user)
        self.renja, self.periode = renja, periode
        self.indikator, self.penjelasan, self.keadaan, self.tersimpan = {}, {}, None, {}

    @property
    def bukan_milik(self):
        return f"baris ini bukan bagian dari {self.renja}"

    def periksa_akses(self):
        if not akses.boleh_ubah(self.user, self.renja):
            raise PermissionDenied("Anda tidak berhak mengisi realisasi Renja ini.")

    def milik(self, objek):
        if objek == "anggaran":
            return SubKegiatan.objects.filter(renja_item__renja=self.renja)
        return Indikator.objects.for_renja(self.renja)

    def siapkan(self, daftar):
        ids = {p.id for p in daftar if getattr(self.KOLOM.get(p.kolom), "objek", "") != "anggaran"}
        self.indikator = Indikator.objects.in_bulk(ids)
        self.penjelasan = {
            p.indikator_id: p.pk
            for p in PenjelasanTriwulan.objects.filter(indikator__in=ids, tahun=self.renja.tahun, periode=self.periode)
        }
        self.keadaan = keadaan_renja(self.renja)
        # the stored value rows of the batch's cells, read at once (baris_nilai; 2 queries)
        self.tersimpan = {}
        for objek in ("kinerja", "anggaran"):
            cells = [p for p in daftar if getattr(self.KOLOM.get(p.kolom), "objek", "") == objek]
            if not cells:
                continue
            fk = "sub_kegiatan_id" if objek == "anggaran" else "indikator_id"
            rows = self.MODEL[objek].objects.filter(
                **{f"{fk}__in": {p.id for p in cells}},
                tahun=self.renja.tahun,
                periode__in={self.KOLOM[p.kolom].field for p in cells},
            )
            self.tersimpan.update({(objek, getattr(r, fk), r.periode): r for r in rows})

    def baca(self, kolom, p, gaya, pilihan):
        periode = self.periode if kolom.objek == "penjelasan" else kolom.field
        pesan = self.keadaan[periode].kunci()
        if pesan:
            raise ValueError(f"{pesan.rstrip('.')} ('{p.nilai}' tidak disimpan)")
        value = super().baca(kolom, p, gaya, pilihan)
        if kolom.objek == "anggaran" and value is not None:
            if value < 0:
                raise ValueError(f"'{p.nilai}': realisasi anggaran tidak boleh negatif")
            if value != value.quantize(Decimal("0.01")) or value >= Decimal(10) ** 15:
                raise ValueError(f"'{p.nilai}': tulis rupiah dengan paling banyak 2 desimal")
        if kolom.objek == "kinerja" and isinstance(value, str) and value:
            ind = self.indikator[p.id]
            if ind.skala_kategori and value.lower() not in [str(s).lower() for s in ind.skala_kategori]:
                raise ValueError(f"'{value}' tidak ada pada skala ({', '.join(map(str, ind.skala_kategori))})")
        return value

    def nilai_teks(self, kolom, pk):
        ind = self.indikator.get(pk)
        return kolom.objek == "kinerja" and ind is not None and ind.tipe_nilai in TEKS_INDIKATOR

    def baris_nilai(self, kolom, pk):
        fk = "sub_kegiatan_id" if kolom.objek == "anggaran" else "indikator_id"
        lookup = {fk: pk, "tahun": self.renja.tahun, "periode": kolom.field}
        return self.tersimpan.get((kolom.objek, pk, kolom.field)), lookup

    def sesudah_simpan(self, hasil):
        """A realisasi typed into the grid closes the finding of an import that left that cell
        empty (renja.impor.tutup_temuan; one query per kind of realisasi typed)."""
        for objek, jenis, model in (
            ("kinerja", Impor.Jenis.REALISASI_KINERJA, Indikator),
            ("anggaran", Impor.Jenis.REALISASI_ANGGARAN, SubKegiatan),
        ):
            kolom = [(t, self.KOLOM[t.kolom]) for t in hasil if t.nilai not in (None, "")]
            kunci = {kunci_nilai(jenis, model, t.id, self.renja.tahun, k.field) for t, k in kolom if k.objek == objek}
            tutup_temuan(self.renja.opd_id, jenis, kunci)

    def objek_sel(self, objek, pk):
        if objek != "penjelasan":
            return pk, None
        return self.penjelasan.get(pk), {"indikator_id": pk, "tahun": self.renja.tahun, "periode": self.periode}


# --------------------------------------------------------------------------- reading the grid


def _persen(h):
    return STRIP if h.nilai is None else format_angka(h.nilai, 2)


def _angka(h):
    if h.nilai is not None:
        return format_ringkas(h.nilai)
    return h.teks or STRIP


def _predikat(h):
    p = c.predikat(h)
    if p is None:
        return STRIP
    return p.kode + (" (melampaui target)" if p.melampaui_target else "")


def _mentah(value):
    """A number for the page's script (plain, dot as decimal), "" for none or a text."""
    return "" if value is None or isinstance(value, str) else format(value, "f")


def hitung_indikator(ind, tahun, awal):
    """The form's kolom 6 and 12–15 of ``ind`` for year ``tahun`` (its targets and realisasi
    prefetched) as texts, with the inputs the page's script needs to compute them as you type."""
    targets = {(t.jenis, t.tahun): t.isi for t in ind.target.all()}
    quarters = {r.periode: r for r in ind.realisasi.all() if r.tahun == tahun}
    tahunan = tahunan_dari(ind.sifat, ((r.tahun, r.periode, r.isi) for r in ind.realisasi.all()))
    k5 = targets.get((Target.Jenis.AKHIR_RENSTRA, awal[1]))
    k7 = targets.get((Target.Jenis.RENJA, tahun))
    args = {"polaritas": ind.polaritas, "metode_negatif": ind.metode_negatif, "skala": ind.skala_kategori or None}
    values = [isi(quarters[p]) if p in quarters else None for p in TRIWULAN]
    row = c.evaluasi_baris(ind.sifat, k5, k7, values, tahunan, awal[0], tahun - 1, **args)
    return {
        "k5": STRIP if k5 in (None, "") else (format_ringkas(k5) if not isinstance(k5, str) else k5),
        "k6": _angka(row.kolom_6),
        "k7": STRIP if k7 in (None, "") else (format_ringkas(k7) if not isinstance(k7, str) else k7),
        "k12": _angka(row.kolom_12),
        "k13": _persen(row.kolom_13),
        "k14": _angka(row.kolom_14),
        "k15": _persen(row.kolom_15),
        "predikat": _predikat(row.kolom_13),
        "data": {
            "sifat": ind.sifat,
            "polaritas": ind.polaritas,
            "metode": ind.metode_negatif,
            "k5": _mentah(k5),
            "k6": _mentah(row.kolom_6.nilai),
            "k7": _mentah(k7),
            "teks": "1" if ind.tipe_nilai in TEKS_INDIKATOR else "",
        },
    }, quarters


def hitung_anggaran(pagu, quarters):
    """Kolom 12 and 13 (Rp) of a sub kegiatan: the quarters' spending summed, against its pagu."""
    k12 = c.evaluasi_kolom_12_rp([quarters[p].nilai if p in quarters else None for p in TRIWULAN])
    return {"rp12": _angka(k12), "rp13": _persen(c.evaluasi_kolom_13(k12.nilai, pagu))}


def _indikator(renja, filter_q=None):
    """The indicators with their realisasi and the two targets the form needs (3 queries)."""
    qs = Indikator.objects.for_renja(renja) if filter_q is None else Indikator.objects.filter(filter_q)
    targets = Target.objects.filter(
        Q(jenis=Target.Jenis.RENJA, tahun=renja.tahun)
        | Q(jenis=Target.Jenis.AKHIR_RENSTRA, tahun=renja.renstra.tahun_akhir)
    )
    return qs.prefetch_related("realisasi", Prefetch("target", queryset=targets))


def angka_baru(renja, indikator_ids, sub_ids):
    """The server's figures of the rows a save touched: {"ind:<pk>": {...}, "sub:<pk>": {...}}."""
    awal = (renja.renstra.tahun_awal, renja.renstra.tahun_akhir)
    out = {}
    for ind in _indikator(renja, Q(pk__in=indikator_ids)) if indikator_ids else []:
        figures, _ = hitung_indikator(ind, renja.tahun, awal)
        out[f"ind:{ind.pk}"] = figures
    if sub_ids:
        pagu = dict(
            RenjaSubKegiatan.objects.filter(renja=renja, sub_kegiatan__in=sub_ids).values_list("sub_kegiatan", "pagu")
        )
        per_sub = defaultdict(dict)
        for r in RealisasiAnggaran.objects.filter(sub_kegiatan__in=sub_ids, tahun=renja.tahun):
            per_sub[r.sub_kegiatan_id][r.periode] = r
        for pk in sub_ids:
            out[f"sub:{pk}"] = hitung_anggaran(pagu.get(pk), per_sub[pk])
    return out


@dataclass
class SelMonev:
    """An editable cell: its column, the text shown, the object it saves (cells of one object
    share its version) and the triwulan it belongs to (``ubah``: open for this user now)."""

    kolom: str
    teks: str
    obj: str
    id: int
    versi: int
    periode: str
    ubah: bool = False

    @property
    def label(self):
        return LembarMonev.KOLOM[self.kolom].label


@dataclass
class BarisMonev:
    tingkat: str
    kode: str
    nama: str
    label: str
    indikator: object = None
    sub_id: int = 0  # on the first row of a sub kegiatan: its money cells
    hitung: dict = field(default_factory=dict)
    kinerja: list = field(default_factory=list)  # SelMonev TW I–IV
    anggaran: list = field(default_factory=list)
    penjelasan: list = field(default_factory=list)
    catatan: list = field(default_factory=list)
    bukti: int = 0  # bukti dukung of the indicator in the triwulan shown

    def semua_sel(self):
        return [*self.kinerja, *self.anggaran, *self.penjelasan]


def _sel_triwulan(awalan, pk, rows):
    return [
        SelMonev(f"{awalan}{n}", _tampil(rows.get(p)), f"{awalan}{n}:{pk}", pk, getattr(rows.get(p), "versi", 0), p)
        for n, p in enumerate(TRIWULAN, start=1)
    ]


def susun_monev(renja, periode):
    """The rows of the monev grid of ``renja`` (program → kegiatan → sub kegiatan in code
    order, one row per indicator; a node without indicator has one row), with the explanations
    of ``periode``. A fixed number of queries whatever the size of the Renja."""
    awal = (renja.renstra.tahun_awal, renja.renstra.tahun_akhir)
    items = list(
        RenjaSubKegiatan.objects.filter(renja=renja).select_related(
            "sub_kegiatan__nomenklatur",
            "sub_kegiatan__kegiatan__nomenklatur",
            "sub_kegiatan__kegiatan__program__nomenklatur",
        )
    )
    per_owner = defaultdict(list)
    for ind in _indikator(renja).order_by("urutan", "pk"):
        per_owner[(ind.level, getattr(ind, f"{ind.level}_id"))].append(ind)
    penjelasan = {
        p.indikator_id: p
        for p in PenjelasanTriwulan.objects.filter(
            indikator__in=Indikator.objects.for_renja(renja).values("pk")
        ).filter(tahun=renja.tahun, periode=periode)
    }
    uang = defaultdict(dict)
    for r in RealisasiAnggaran.objects.filter(sub_kegiatan__renja_item__renja=renja, tahun=renja.tahun):
        uang[r.sub_kegiatan_id][r.periode] = r
    catatan = defaultdict(list)
    for note in CatatanMonev.objects.filter(laporan__renja=renja, laporan__periode=periode).select_related("penulis"):
        catatan[note.indikator_id].append(note)

    nodes = {}
    for item in items:
        sub = item.sub_kegiatan
        nodes[sub.kegiatan.program.nomenklatur.kode] = ("program", sub.kegiatan.program, None)
        nodes[sub.kegiatan.nomenklatur.kode] = ("kegiatan", sub.kegiatan, None)
        nodes[sub.nomenklatur.kode] = ("sub_kegiatan", sub, item)
    rows = []
    for kode in sorted(nodes):
        level, node, item = nodes[kode]
        for i, ind in enumerate(per_owner[(level, node.pk)] or [None]):
            row = BarisMonev(
                level, kode if i == 0 else "", node.nomenklatur.nama if i == 0 else "", kode, indikator=ind
            )
            if ind is not None:
                row.label = f"{kode} · {ind.nama[:60]}"
                row.hitung, quarters = hitung_indikator(ind, renja.tahun, awal)
                row.kinerja = _sel_triwulan("k", ind.pk, quarters)
                note = penjelasan.get(ind.pk)
                row.penjelasan = [
                    SelMonev(
                        kunci,
                        getattr(note, name, ""),
                        f"penjelasan:{ind.pk}",
                        ind.pk,
                        getattr(note, "versi", 0),
                        periode,
                    )
                    for kunci, _, name in PENJELASAN
                ]
                row.catatan = catatan.get(ind.pk, [])
            if item is not None and i == 0:
                row.sub_id = node.pk
                row.hitung = {**row.hitung, **hitung_anggaran(item.pagu, uang[node.pk])}
                row.hitung["pagu"] = format_ringkas(item.pagu) if item.pagu is not None else STRIP
                row.hitung["pagu_mentah"] = _mentah(item.pagu)
                row.anggaran = _sel_triwulan("rp", node.pk, uang[node.pk])
            rows.append(row)
    umum = catatan.get(None, [])
    return rows, umum


def _tampil(r):
    return "" if r is None else LembarMonev.tampil("k1", isi(r))
