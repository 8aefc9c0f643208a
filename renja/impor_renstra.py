"""Import of an OPD's Renstra from the tables it is written in (issue 15 point 2): the
Renstra's "Rencana Program, Kegiatan dan Pendanaan" (Tujuan | Sasaran | Kode | Program/Kegiatan/
Sub Kegiatan | Indikator | Data Capaian Awal | per year: Target | Rp | Kondisi Kinerja pada Akhir
Periode: Target | Rp | Unit Kerja | Lokasi, headers of up to three rows) and the simpler
"Tujuan, Sasaran, Indikator, Target" table of Bab III (tujuan and sasaran numbered 1, 1.1 …).

The period comes from the years the headers name ("2024", "Tahun ke-1 (2024)") or from
``tahun`` (its first year) and must be five years, as when a Renstra is started by hand. The
file writes tujuan, sasaran and their indicators, the OPD's program → kegiatan → sub kegiatan
(codes through ``impor_rencana.Kamus``, the document's wording kept as ``nama_alias``) with
their indicators, a Renstra target per year and the end-of-period target, and the pagu of each
sub kegiatan per year (``PaguRenstra``; printed parent totals are only checked). A tipe or
sifat the file does not give is proposed (``renja.sifat``) and said in the dry run; a Tipe or
Sifat column overrides it. A Polaritas column sets the polarity and its metode; empty, a new
indicator is positif and a stored one keeps its own; a Skala Kategori column ("Kurang < Cukup <
Baik") gives a kategori indicator its levels, and its targets must be among them. An adopted
Renstra refuses the file (``renja.kunci``); a Renstra the OPD lacks for that period is created.
Nothing in the app is deleted by the file.
"""

import hashlib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from renja.baca_renstra import Pembaca, _Bagian
from renja.berkas import (
    BARIS_KEPALA,
    BerkasTidakSah,
    Kemajuan,
    Kolom,
    _pasangkan,
    baca_berkas,
    judul_bertingkat,
)
from renja.impor import (
    BARU,
    BATCH,
    BERUBAH,
    SAMA,
    BarisImpor,
    HasilImpor,
    catat_impor,
    tolak_bila_galat,
)
from renja.impor_rencana import (
    KEGIATAN,
    PROGRAM,
    SASARAN,
    SUB_KEGIATAN,
    TUJUAN,
    selisih_total,
)
from renja.kunci import alasan_renstra
from renja.models import (
    Impor,
    Indikator,
    PaguRenstra,
    Renstra,
    Sasaran,
    Target,
    Tujuan,
)
from renja.struktur import node_opd_semua, simpan_dengan_riwayat
from renja.tahun_baru import PERIODE_RENSTRA, alasan_periode

KOLOM = [
    Kolom("nomor", "No", ("no", "nomor"), wajib=False),
    Kolom("tujuan", "Tujuan", ("tujuan",), wajib=False),
    Kolom("sasaran", "Sasaran", ("sasaran",), wajib=False),
    Kolom("kode", "Kode", ("kode",), wajib=False),
    Kolom("nama", "Program/Kegiatan/Sub Kegiatan", ("program", "kegiatan", "uraian"), wajib=False),
    Kolom("indikator", "Indikator", ("indikator",)),
    Kolom("satuan", "Satuan", ("satuan",), wajib=False),
    Kolom("tipe", "Tipe", ("tipe",), wajib=False),
    Kolom("sifat", "Sifat", ("sifat",), wajib=False),
    Kolom("polaritas", "Polaritas", ("polaritas",), wajib=False),
    Kolom("skala", "Skala Kategori", ("skala",), wajib=False),
    Kolom("awal", "Data Capaian Awal", ("capaian awal", "kondisi awal", "data awal", "kinerja awal"), wajib=False),
    Kolom("unit", "Unit Kerja", ("unit kerja", "penanggung jawab"), wajib=False),
    Kolom("lokasi", "Lokasi", ("lokasi",), wajib=False),
]
TIDAK_DISIMPAN = (
    "awal",
    "unit",
    "lokasi",
)  # read, not stored by a Renstra: said once in the dry run
PAGU = re.compile(r"\b(rp|pagu|anggaran|dana)\b")

# --------------------------------------------------------------------------- the header


def _kolom_nilai(texts, found):
    """The target and pagu columns: [(column, year or ("ke", N), "target" | "pagu")] for each
    year of the period, and {"target" | "pagu": column} of the end-of-period ("akhir") pair."""
    tahunan, akhir = [], {}
    for col, text in enumerate(texts):
        if col in found.values() or not text:
            continue
        jenis = "pagu" if PAGU.search(text) else "target" if re.search(r"\b(target|20\d\d|ke \d)\b", text) else None
        if jenis is None:
            continue
        if re.search(r"\bakhir\b", text):
            akhir.setdefault(jenis, col)
        elif year := re.search(r"\b(20\d\d)\b", text):
            tahunan.append((col, int(year.group(1)), jenis))
        elif ke := re.search(r"\bke (\d)\b", text):
            tahunan.append((col, ("ke", int(ke.group(1))), jenis))
    return tahunan, akhir


@dataclass
class _Kepala:
    index: int
    found: dict
    texts: list
    tahunan: list
    akhir: dict


def _kepala(rows):
    """The header of a sheet: the row (with up to two header rows above it) naming an Indikator
    column and the most target/pagu columns; None when no row names an Indikator column."""
    best = None
    for index in range(min(BARIS_KEPALA, len(rows))):
        texts = judul_bertingkat(rows, index)
        found = _pasangkan(texts, KOLOM)
        if "indikator" not in found:
            continue
        tahunan, akhir = _kolom_nilai(texts, found)
        score = len(found) + len(tahunan) + len(akhir)
        if tahunan or akhir:
            if best is None or score > best[0]:
                best = (score, _Kepala(index, found, texts, tahunan, akhir))
    return best[1] if best else None


def periode_berkas(kepala, tahun):
    """(tahun_awal, tahun_akhir, catatan) of the file's Renstra. The first year is ``tahun`` or
    the first year its headers name; the last is the last year they name, or the last
    "Tahun ke-N"; ``catatan`` says when the length had to be assumed (None otherwise).
    BerkasTidakSah when the period is not three to six years (tahun_baru.alasan_periode), a
    header names a year before its start, or the named years skip one."""
    years = sorted({y for k in kepala for _, y, _ in k.tahunan if isinstance(y, int)})
    ke = max((y[1] for k in kepala for _, y, _ in k.tahunan if isinstance(y, tuple)), default=0)
    if not tahun and not years:
        raise BerkasTidakSah(
            "Periode Renstra tidak diketahui: judul kolom target tidak menyebut tahun (mis. 'Target 2024' atau "
            "'Tahun ke-1 (2024)'). Isi tahun awal Renstra (--tahun)."
        )
    awal = tahun or years[0]
    luar = [y for y in years if y < awal]
    if luar:
        raise BerkasTidakSah(
            f"Judul kolom menyebut tahun {', '.join(map(str, luar))} sebelum tahun awal Renstra {awal}; perbaiki judul "
            "kolom atau tahun awal Renstra (--tahun). Tidak ada yang disimpan."
        )
    catatan = None
    if years or ke:
        akhir = max([*years, awal + ke - 1])
    else:
        akhir = awal + PERIODE_RENSTRA - 1
        catatan = (
            f"judul kolom tidak menyebut tahun per tahun: periode dianggap {PERIODE_RENSTRA} tahun ({awal}–{akhir})"
        )
    if years and years[0] > awal:
        catatan = f"tahun {', '.join(map(str, range(awal, years[0])))} dalam periode tidak mempunyai kolom target"
    if salah := alasan_periode(awal, akhir):
        raise BerkasTidakSah(
            f"{salah} Perbaiki judul kolom atau tahun awal Renstra (--tahun). Tidak ada yang disimpan."
        )
    lompat = [y for y in range(years[0], years[-1] + 1) if y not in years] if years else []
    if lompat:
        raise BerkasTidakSah(
            f"Judul kolom menyebut tahun {', '.join(map(str, years))}: tahun {', '.join(map(str, lompat))} tidak ada. "
            "Perbaiki judul kolom. Tidak ada yang disimpan."
        )
    return awal, akhir, catatan


# --------------------------------------------------------------------------- dry run and apply


def _renstra_periode(opd, awal, akhir):
    """The OPD's Renstra of exactly ``awal``–``akhir`` (None when it has none), or BerkasTidakSah
    when another Renstra overlaps that period or the Renstra is adopted (start its revision)."""
    found = list(Renstra.objects.filter(opd=opd, tahun_awal__lte=akhir, tahun_akhir__gte=awal))
    lain = [r for r in found if (r.tahun_awal, r.tahun_akhir) != (awal, akhir)]
    if lain:
        raise BerkasTidakSah(
            f"{opd.singkatan} sudah mempunyai Renstra {lain[0].tahun_awal}–{lain[0].tahun_akhir} yang beririsan dengan "
            f"periode berkas {awal}–{akhir}. Tidak ada yang disimpan."
        )
    renstra = found[0] if found else None
    if renstra and (reason := alasan_renstra(renstra)):
        raise BerkasTidakSah(
            f"Renstra tidak dapat diimpor: {reason} Mulai Revisi Renstra lebih dulu di halaman Renstra, lalu impor "
            "lagi. Tidak ada yang disimpan."
        )
    return renstra


def periksa(opd, data, nama_berkas, tahun=None, maju=None):
    """The dry run of a Renstra file of ``opd`` (``tahun``: the first year of its period when
    the headers name none): one BarisImpor per tujuan, sasaran, node, indicator, target and pagu,
    the printed parent totals that differ from their sub kegiatan. Nothing is written."""
    sheets = baca_berkas(data, nama_berkas, maju=maju)
    kemajuan = Kemajuan(sheets, maju)
    found = [(sheet, k) for sheet in sheets if (k := _kepala(sheet.baris))]
    if not found:
        raise BerkasTidakSah(
            "Tidak ada tabel Renstra yang terbaca: perlu kolom Indikator dan kolom target per tahun (mis. 'Target 2024'"
            " atau tahun di atas 'Target | Rp'), judul kolom pada 30 baris pertama; pakai templat dari aplikasi."
        )
    awal, akhir, catatan = periode_berkas([k for _, k in found], tahun)
    renstra = _renstra_periode(opd, awal, akhir)
    pembaca = Pembaca(opd, awal, akhir, renstra)
    periode = BarisImpor(0, "Periode", f"{awal}–{akhir}", SAMA if renstra else BARU, baru=f"Renstra {awal}–{akhir}")
    if catatan:
        periode.peringatan.append(catatan)
    pembaca.rows.append(periode)
    for sheet, kepala in found:
        tidak = [k.label for k in KOLOM if k.kunci in TIDAK_DISIMPAN and k.kunci in kepala.found]
        if tidak:
            periode.peringatan.append(
                f"lembar '{sheet.nama}': kolom {', '.join(tidak)} dibaca tetapi tidak disimpan oleh impor Renstra "
                "(lokasi dan unit kerja diisi pada Renja)"
            )
        pembaca.baca(sheet.baris, kepala)
        for _ in sheet.baris:
            kemajuan.satu()
    for selisih in selisih_total(pembaca.totals):
        line = next((b for b in pembaca.rows if b.nomor == selisih.nomor), None)
        if line is not None:
            line.peringatan.append(selisih.pesan(f"Rp {selisih.kolom}", "yang tercetak"))
    for total in pembaca.totals:
        if total.tingkat in (PROGRAM, KEGIATAN) and any(v is not None for v in total.uang.values()):
            if not any(str(t.kode).startswith(f"{total.kode}.") for t in pembaca.totals if t.tingkat == SUB_KEGIATAN):
                line = next(b for b in pembaca.rows if b.nomor == total.nomor and b.kolom == "Kode")
                line.peringatan.append(
                    "pagu tidak disimpan: yang disimpan hanya pagu sub kegiatan (tulis sub kegiatannya dengan pagunya)"
                )
    pembaca.kunci()
    kemajuan.tuntas()
    hasil = HasilImpor(nama_berkas, hashlib.sha256(data).hexdigest(), pembaca.rows)
    hasil.rencana = (awal, akhir, renstra, pembaca)
    return hasil


def terapkan(opd, user, data, nama_berkas, tahun=None, kosongkan=False, sesudah=None, hasil=None):
    """Read the file again and, if no line has an error, write it in one transaction with
    history ("impor #N …") and the Impor record; returns it. ``kosongkan``: a value cell that
    cannot be read (only those) is left empty instead (the admin confirmed it) and recorded as a
    finding (renja.impor.catat_temuan). ``sesudah``
    is called after the tree is written (tests inject a failure there)."""
    if hasil is None:  # the caller's own dry run of this same file otherwise (manage.py impor)
        hasil = periksa(opd, data, nama_berkas, tahun)
    tolak_bila_galat(hasil, "baris", kosongkan=kosongkan)
    try:
        with transaction.atomic():
            return _tulis(hasil, opd, user, sesudah, kosongkan)
    except ValidationError as error:  # a value the dry run let through but the database refuses
        raise BerkasTidakSah(f"Tidak ada yang disimpan: {' '.join(error.messages)}") from None


def _tulis(hasil, opd, user, sesudah, kosongkan=False):
    """Write the plan of ``hasil`` inside the caller's transaction; returns the Impor."""
    awal, akhir, renstra, pembaca = hasil.rencana
    impor, alasan = catat_impor(hasil, Impor.Jenis.RENSTRA, opd, user, kosongkan)
    if renstra is None:
        renstra = simpan_dengan_riwayat(Renstra(opd=opd, tahun_awal=awal, tahun_akhir=akhir), user, alasan)
    else:  # under the row lock: its status may have changed since the dry run
        renstra = Renstra.objects.select_for_update().get(pk=renstra.pk)
        if reason := alasan_renstra(renstra):
            raise BerkasTidakSah(f"Renstra tidak dapat diimpor: {reason} Tidak ada yang disimpan.")
    status = {id(b.sasaran): b.status for b in hasil.baris if b.sasaran is not None}
    for plan in pembaca.bagian:
        _tulis_bagian(plan, renstra, user, alasan, status.get(id(plan)))
    nodes = node_opd_semua(opd, [plan.nom for plan in pembaca.nodes.values() if plan.obj is None], user, alasan)
    for plan in pembaca.nodes.values():
        _tulis_node(plan, nodes, user, alasan)
    for plan in pembaca.bagian:
        if plan.jenis == SASARAN and plan.program:
            plan.obj.program.add(*(p.obj for p in plan.program))
    indikator_baru = [plan for plan, line in pembaca.ind if _tulis_indikator(plan, user, alasan, line.status)]
    bulk_create_with_history(
        [plan.obj for plan in indikator_baru],
        Indikator,
        batch_size=BATCH,
        default_user=user,
        default_change_reason=alasan,
    )
    if sesudah:
        sesudah()
    baru = {Target: [], PaguRenstra: []}
    for line in hasil.baris:
        if line.status in (BARU, BERUBAH) and "kunci" in line.nilai:
            obj = _tulis_nilai(renstra, line.nilai, user, alasan, line.status == BARU)
            if obj is not None:
                baru[type(obj)].append(obj)
    for model, objs in baru.items():  # new values in bulk: each checked by the dry run, none stored before
        bulk_create_with_history(objs, model, batch_size=BATCH, default_user=user, default_change_reason=alasan)
    return impor


def _tulis_bagian(plan, renstra, user, alasan, status):
    if plan.obj is None:
        induk = {"renstra": renstra} if plan.jenis == TUJUAN else {"tujuan": plan.induk.obj}
        model = Tujuan if plan.jenis == TUJUAN else Sasaran
        plan.obj = simpan_dengan_riwayat(model(nomor=plan.nomor, uraian=plan.uraian, **induk), user, alasan)
    elif status == BERUBAH:
        plan.obj.nomor, plan.obj.uraian = plan.nomor, plan.uraian
        plan.obj.versi += 1
        simpan_dengan_riwayat(plan.obj, user, alasan)


def _tulis_node(plan, nodes, user, alasan):
    if plan.obj is None:
        plan.obj = nodes[plan.nom.pk]
    if plan.alias and plan.obj.nama_alias != plan.alias:
        plan.obj.nama_alias = plan.alias
        simpan_dengan_riwayat(plan.obj, user, alasan)


def _tulis_indikator(plan, user, alasan, status):
    """A changed indicator saved now; a new one set on ``plan`` unsaved (True) for the bulk insert."""
    if status == SAMA:
        return False
    owner = plan.pemilik
    field_name = owner.jenis if isinstance(owner, _Bagian) else owner.nom.level
    ind = plan.obj or Indikator(**{field_name: owner.obj}, nama=plan.nama)
    ind.satuan, ind.tipe_nilai, ind.sifat = plan.satuan, plan.tipe, plan.sifat
    ind.polaritas, ind.metode_negatif = plan.polaritas, plan.metode_negatif
    ind.skala_kategori = plan.skala if plan.tipe == Indikator.TipeNilai.KATEGORI else []
    if plan.obj is None:
        # its owner was just read or written, and the dry run matched it against the stored ones
        ind.full_clean(exclude=[field_name], validate_constraints=False)
        plan.obj = ind
        return True
    ind.versi += 1
    simpan_dengan_riwayat(ind, user, alasan)
    return False


def _tulis_nilai(renstra, nilai, user, alasan, baru):
    """A changed value saved now; a new one (``baru``) returned unsaved for the bulk insert."""
    kunci = nilai["kunci"]
    if kunci[0] == "pagu":
        _, node, tahun = kunci
        lookup, model = {"renstra": renstra, "sub_kegiatan": node.obj, "tahun": tahun}, PaguRenstra
        values = {"pagu": nilai["nilai"]}
    else:
        _, plan, tahun, jenis = kunci
        lookup, model = {"indikator": plan.obj, "tahun": tahun, "jenis": jenis}, Target
        values = {"nilai": nilai["nilai"], "nilai_teks": nilai["teks"]}
    if baru:
        return model(**lookup, **values)
    obj = model.objects.get(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.versi += 1
    simpan_dengan_riwayat(obj, user, alasan)
    return None
