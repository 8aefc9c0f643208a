"""The checker of a Renja (spec §4.4, §4.7): consistency of its figures, the T-C.31 nodes
that need a Catatan Penting (``evaluasi.review_rkpd``) and completeness (``evaluasi.kelengkapan``).

``periksa_renja(renja)`` returns every finding, each naming the row, the values and a
message in Indonesian, with a severity: an ``error`` blocks submission, a ``peringatan``
does not. Data is read up front in a fixed number of queries.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from anggaran import pagu as uang
from anggaran.models import PlafonAnggaran
from evaluasi.kelengkapan import Kelengkapan
from evaluasi.review_rkpd import ITEM_RELATED, analisis_dari_renja, berbeda, perubahan, susun_review, target_review
from evaluasi.temuan import ERROR, PERINGATAN, Temuan
from renja.angka import format_ringkas as _angka
from renja.angka import format_rupiah
from renja.kode import kode_induk
from renja.models import Indikator, ProgramPrioritas, RancanganAwal, SumberDana, Target, TemuanImpor, UsulanPemangku
from renja.teks import kunci_nama

__all__ = ["ERROR", "PERINGATAN", "Temuan", "berbeda", "perubahan", "periksa_renja", "target_review"]


def _tampil(nilai):
    """A target as shown in a finding: numbers in id-ID style, text as is."""
    return _angka(nilai) if isinstance(nilai, Decimal) else str(nilai)


class Pemeriksa(Kelengkapan):
    """Loads a Renja's data once, then runs each check."""

    def __init__(self, renja):
        self.renja = renja
        self.n = renja.tahun
        self.items = list(renja.sub_kegiatan.select_related(*ITEM_RELATED))
        self.item_by_kode = {item.sub_kegiatan.nomenklatur.kode: item for item in self.items}
        self.totals_n = uang.rollup_kode({k: i.pagu for k, i in self.item_by_kode.items()})
        self.indikator = list(
            Indikator.objects.for_opd(renja.opd_id)
            .with_tahun_renja(self.n)
            .select_related(
                "sub_kegiatan__nomenklatur", "kegiatan__nomenklatur", "program__nomenklatur", "sasaran", "tujuan"
            )
            .prefetch_related("target")
        )
        self.review = list(
            RancanganAwal.objects.filter(opd=renja.opd_id, tahun=self.n)
            .select_related("nomenklatur")
            .prefetch_related("indikator")
            .order_by("bagian", "urutan")
        )
        self.per_node = defaultdict(dict)
        for ind in self.indikator:
            kode = getattr(getattr(ind.pemilik, "nomenklatur", None), "kode", None)
            if kode:
                target = next(
                    (t for t in ind.target.all() if t.jenis == Target.Jenis.RENJA and t.tahun == self.n), None
                )
                self.per_node[kode][kunci_nama(ind.nama)] = (ind, target)
        self.muat_kelengkapan()
        self.temuan = []

    def tambah(self, jenis, tingkat, lokasi, nilai, pesan):
        self.temuan.append(Temuan(jenis, tingkat, lokasi, nilai, pesan))

    def jalankan(self):
        self.induk_dan_anak_review()
        self.review_terhadap_renja()
        self.catatan_review()
        self.prioritas_terhadap_node()
        self.usulan_pemangku()
        self.target_kosong()
        self.indikator_renja()
        self.plafon()
        self.kelengkapan()
        self.sel_dikosongkan()
        return self.temuan

    # ------------------------------------------------------------------ checks

    def induk_dan_anak_review(self):
        """Imported T-C.31 rows: each parent's pagu equals Σ its children's (tolerance of one
        Rupiah per child for hidden fractional Rupiah, spec §4.6)."""
        for bagian, label in RancanganAwal.Bagian.choices:
            rows = {r.nomenklatur.kode: r for r in self.review if r.bagian == bagian}
            children = defaultdict(list)
            for kode, row in rows.items():
                if kode_induk(kode) in rows:
                    children[kode_induk(kode)].append(row.pagu)
            for kode, anak in children.items():
                induk = rows[kode]
                delta = uang.selisih_induk(induk.pagu, anak, toleransi=Decimal(len(anak)))
                if delta is not None:
                    self.tambah(
                        "induk_anak",
                        ERROR,
                        f"{label}, baris {induk.urutan}: {kode}",
                        f"tercantum {format_rupiah(induk.pagu)}; jumlah {len(anak)} rincian {format_rupiah(uang.jumlah(anak))}",
                        f"Pagu {kode} pada {label} tidak sama dengan jumlah rinciannya (selisih {format_rupiah(delta)}).",
                    )

    def review_terhadap_renja(self):
        """Hasil Analisis Kebutuhan (T-C.31 kolom 7–11) equals the Renja (T-C.33 tahun n)."""
        for row in self.review:
            if row.bagian != RancanganAwal.Bagian.ANALISIS_KEBUTUHAN:
                continue
            kode = row.nomenklatur.kode
            lokasi = f"Hasil Analisis Kebutuhan, baris {row.urutan}: {kode}"
            rencana = self.totals_n.get(kode)
            if rencana is None and kode not in self.totals_n:
                self.tambah(
                    "review_renja",
                    PERINGATAN,
                    lokasi,
                    f"kebutuhan dana {format_rupiah(row.pagu)}",
                    f"{kode} ada pada hasil analisis kebutuhan tetapi tidak ada di Renja {self.n}.",
                )
                continue
            if row.pagu is not None and rencana is not None and row.pagu != rencana:
                self.tambah(
                    "review_renja",
                    PERINGATAN,
                    lokasi,
                    f"kebutuhan dana {format_rupiah(row.pagu)}; Renja {format_rupiah(rencana)}",
                    f"Kebutuhan dana {kode} pada review berbeda dengan pagu Renja.",
                )
            targets = self.per_node.get(kode, {})
            for ind in row.indikator.all():
                match = targets.get(kunci_nama(ind.nama))
                if match is None:
                    continue
                indikator, target = match
                review_value = target_review(ind)
                renja_value = target.isi if target else None
                if None not in (review_value, renja_value) and berbeda(review_value, renja_value):
                    self.tambah(
                        "review_renja",
                        PERINGATAN,
                        f"{lokasi} · {ind.nama}",
                        f"review {_tampil(review_value)}; Renja {_tampil(renja_value)}",
                        "Target pada hasil analisis kebutuhan berbeda dengan target Renja.",
                    )
                if ind.satuan and indikator.satuan and berbeda(ind.satuan, indikator.satuan):
                    self.tambah(
                        "satuan",
                        PERINGATAN,
                        f"{lokasi} · {ind.nama}",
                        f"review '{ind.satuan}'; Renja '{indikator.satuan}'",
                        "Satuan indikator pada review berbeda dengan satuan indikator Renja.",
                    )

    def catatan_review(self):
        """T-C.31: a node whose halves differ needs a Catatan Penting (spec §2.3); the nodes are
        those Tabel 2.4 prints (``evaluasi.review_rkpd``), from the rows read above."""
        nodes = susun_review(
            self.renja, self.review, lambda: analisis_dari_renja(self.renja, self.items, self.indikator)
        )
        for node in nodes:
            if node.catatan_wajib:
                self.tambah(
                    "catatan_review",
                    ERROR,
                    f"Review Rancangan Awal RKPD (T-C.31) baris {node.nomor}: {node.kode}",
                    "berbeda: " + ", ".join(node.berbeda),
                    "Ada perbedaan dengan Rancangan Awal RKPD; Catatan Penting wajib diisi.",
                )

    def plafon(self):
        """The Renja's pagu n within the OPD's ceilings (PlafonAnggaran), in total and per sumber
        dana: above a ceiling blocks submission."""
        ceilings = {
            p.sumber_dana_id: p.pagu for p in PlafonAnggaran.objects.filter(opd=self.renja.opd_id, tahun=self.n)
        }
        names = dict(SumberDana.objects.filter(pk__in=[k for k in ceilings if k]).values_list("pk", "nama"))
        for key, pagu, batas, _, lebih in uang.rekap_plafon([(i.sumber_dana_id, i.pagu) for i in self.items], ceilings):
            if lebih is not None:
                label = f"sumber dana {names[key]}" if key else "seluruh sub kegiatan"
                self.tambah(
                    "plafon",
                    ERROR,
                    f"Pagu {self.n}, {label}",
                    f"pagu {format_rupiah(pagu)}; plafon {format_rupiah(batas)}",
                    f"Pagu {label} melebihi plafon sebesar {format_rupiah(lebih)}.",
                )

    def prioritas_terhadap_node(self):
        """Tabel 4.2/4.3 pagu ≤ the pagu of the T-C.33 node it is linked to (check P-06)."""
        rows = ProgramPrioritas.objects.filter(renja=self.renja).select_related(
            "sub_kegiatan__nomenklatur", "kegiatan__nomenklatur"
        )
        for row in rows:
            node = row.sub_kegiatan or row.kegiatan
            kode = node.nomenklatur.kode
            batas = self.totals_n.get(kode)
            tabel = "4.2" if row.jenis == ProgramPrioritas.Jenis.UNGGULAN else "4.3"
            lebih = uang.melebihi_batas(row.pagu, batas)
            lokasi = f"Tabel {tabel} baris {row.nomor}, kolom Pagu Indikatif: {row.indikasi_kegiatan or row.program}"
            if batas is None:
                self.tambah(
                    "prioritas_node",
                    ERROR,
                    lokasi,
                    f"pagu {format_rupiah(row.pagu)}; {kode} tanpa pagu",
                    f"{kode} tidak mempunyai pagu di Renja {self.n}.",
                )
            elif lebih is not None:
                self.tambah(
                    "prioritas_node",
                    ERROR,
                    lokasi,
                    f"pagu {format_rupiah(row.pagu)}; pagu {kode} {format_rupiah(batas)}",
                    f"Pagu pada Tabel {tabel} melebihi pagu {kode} sebesar {format_rupiah(lebih)}.",
                )

    def usulan_pemangku(self):
        """Every T-C.32 proposal names its source and whether it is accommodated, and one not
        accommodated says why (issue 16: the status with the reason)."""
        for nomor, row in enumerate(UsulanPemangku.objects.filter(renja=self.renja).order_by("urutan", "pk"), 1):
            lokasi = f"Tabel T-C.32 baris {nomor}: {row.program_kegiatan or '(tanpa nama)'}"
            if not row.sumber:
                self.tambah(
                    "usulan_pemangku", ERROR, f"{lokasi}, kolom Sumber", "sumber kosong", "Sumber usulan belum diisi."
                )
            if not row.status:
                self.tambah(
                    "usulan_pemangku",
                    ERROR,
                    f"{lokasi}, kolom Status",
                    "status kosong",
                    "Tentukan apakah usulan ini diakomodasi atau tidak diakomodasi.",
                )
            elif row.status == UsulanPemangku.Status.TIDAK_DIAKOMODASI and not row.alasan.strip():
                self.tambah(
                    "usulan_pemangku",
                    ERROR,
                    f"{lokasi}, kolom Alasan",
                    "alasan kosong",
                    "Usulan yang tidak diakomodasi wajib diberi alasan.",
                )

    def target_kosong(self):
        """Every node funded in year n (sub kegiatan, and the kegiatan and program above it) has
        at least one indicator with a target for n; a node funded in n+1 one for n+1."""
        for tahun, jenis, field, tingkat in (
            (self.n, Target.Jenis.RENJA, "pagu", ERROR),
            (self.n + 1, Target.Jenis.PRAKIRAAN_MAJU, "pagu_maju", PERINGATAN),
        ):
            funded = set()
            for kode, item in self.item_by_kode.items():
                if getattr(item, field) is not None:
                    funded |= {kode, kode_induk(kode), kode_induk(kode_induk(kode))}
            for kode in sorted(funded):
                if kode in self.item_by_kode and self.tanpa_indikator(kode):
                    continue  # a sub kegiatan without any indicator: sub_tanpa_indikator
                has_target = any(
                    (jenis, tahun) in {(t.jenis, t.tahun) for t in ind.target.all()}
                    for ind, _ in self.per_node.get(kode, {}).values()
                )
                if not has_target:
                    self.tambah(
                        "target_kosong",
                        tingkat,
                        kode,
                        f"tidak ada target {tahun}",
                        f"{kode} dianggarkan untuk tahun {tahun} tetapi belum ada indikator dengan target tahun itu.",
                    )

    def indikator_renja(self):
        """Per indicator: kumulatif end target below Σ yearly targets, and a value ten times
        its neighbours."""
        awal, akhir = self.awal, self.akhir
        for ind in self.indikator:
            owner = ind.pemilik
            kode = getattr(getattr(owner, "nomenklatur", None), "kode", None) or str(owner)
            lokasi = f"{kode} · {ind.nama}"
            targets = {(t.jenis, t.tahun): t for t in ind.target.all()}
            yearly = self._yearly_targets(targets, awal, akhir)
            end = targets.get((Target.Jenis.AKHIR_RENSTRA, akhir))
            if ind.sifat == Indikator.Sifat.KUMULATIF and end is not None and end.nilai is not None and yearly:
                total = sum(yearly.values(), Decimal(0))
                if end.nilai < total:
                    self.tambah(
                        "kumulatif_akhir",
                        ERROR,
                        lokasi,
                        f"target akhir {_angka(end.nilai)}; Σ target tahunan {_angka(total)}",
                        "Target akhir Renstra indikator kumulatif lebih kecil dari jumlah target tahunannya.",
                    )
            self._outlier(ind, lokasi, yearly)

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _yearly_targets(targets, awal, akhir):
        """Numeric target per year of the Renstra: Renstra target, else Renja, else prakiraan maju."""
        out = {}
        for year in range(awal, akhir + 1):
            for jenis in (Target.Jenis.RENSTRA, Target.Jenis.RENJA, Target.Jenis.PRAKIRAAN_MAJU):
                target = targets.get((jenis, year))
                if target is not None and target.nilai is not None:
                    out[year] = target.nilai
                    break
        return out

    def _outlier(self, ind, lokasi, yearly):
        """A yearly target ten times (or a tenth of) every neighbouring year's, e.g. 601 against
        60 (spec §4.4). When two years only disagree with each other, the plan year n is the
        one reported."""
        years = sorted(yearly)

        def neighbours(i):
            return years[max(0, i - 1) : i] + years[i + 1 : i + 2]

        flagged = set()
        for i, year in enumerate(years):
            value, near = yearly[year], [yearly[y] for y in neighbours(i)]
            if near and value != 0 and all(v != 0 for v in near):
                if all(value >= 10 * v for v in near) or all(value * 10 <= v for v in near):
                    flagged.add(year)
        for i, year in enumerate(years):
            if year not in flagged:
                continue
            mutual = all(y in flagged for y in neighbours(i))
            if mutual and year != self.n and self.n in flagged:
                continue
            self.tambah(
                "pencilan",
                PERINGATAN,
                f"{lokasi} · {year}",
                f"{_angka(yearly[year])} dibanding {', '.join(_angka(yearly[y]) for y in neighbours(i))}",
                f"Target {year} sepuluh kali lipat (atau sepersepuluh) dari tahun di sekitarnya; periksa salah ketik.",
            )

    def sel_dikosongkan(self):
        """The cells an import left empty with the admin's confirmation (renja.models.TemuanImpor),
        for this Renja's year or every year of the OPD, until marked done or read by a later import."""
        rows = TemuanImpor.objects.filter(opd=self.renja.opd_id, selesai=False).filter(Q(tahun=None) | Q(tahun=self.n))
        for t in rows.values_list("impor_id", "nomor_baris", "kolom", "nilai", "pesan", "untuk"):
            impor_id, baris, kolom, nilai, pesan, untuk = t
            self.tambah(
                "sel_dikosongkan",
                PERINGATAN,
                f"Impor #{impor_id}, baris {baris}, kolom {kolom}" + (f": {untuk}" if untuk else ""),
                f"'{nilai}'",
                f"Sel ini tak terbaca saat impor dan dikosongkan ({pesan}). Isi nilainya, lalu tandai temuan "
                "impor ini selesai.",
            )


def periksa_renja(renja):
    """Every finding of a Renja (consistency, T-C.31 Catatan Penting, completeness), errors
    first, then by jenis and lokasi. The one list that the workspace, the year view, the
    command and every workflow gate use: a gate blocks on ``[t for t in ... if t.memblokir]``."""
    temuan = Pemeriksa(renja).jalankan()
    return sorted(temuan, key=lambda t: (t.tingkat != ERROR, t.jenis, t.lokasi))
