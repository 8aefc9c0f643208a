"""The history of a row of the Renja grid, the Renstra grid and the monev grid: who changed
what, when, from → to."""

from django.db.models import Q

from anggaran.models import RealisasiAnggaran
from evaluasi.models import PenjelasanTriwulan, RealisasiKinerja
from evaluasi.monev import ROMAWI, TRIWULAN
from kerja.monev import LembarMonev
from kerja.renstra import JENIS_RENSTRA, LembarRenstra
from kerja.renstra import KOLOM as KOLOM_RENSTRA
from kerja.ruang_kerja import KOLOM, LembarRenja, pilihan_relasi
from renja.models import Indikator, RenjaSubKegiatan, Target


def riwayat(renja, objek, pk, batas=200):
    """Who changed what, when, from → to, newest first: for a sub kegiatan row (``objek`` "sub",
    the RenjaSubKegiatan id) its item, its indicators and their targets n and n+1; for an
    indicator row ("indikator") that indicator and its targets. A fixed number of queries."""
    lembar = LembarRenja(renja, None)
    if objek == "sub":
        item = RenjaSubKegiatan.objects.get(pk=pk, renja=renja)
        indikator_ids = list(Indikator.objects.filter(sub_kegiatan=item.sub_kegiatan_id).values_list("pk", flat=True))
        item_records = RenjaSubKegiatan.history.filter(id=pk).select_related("history_user").order_by("history_id")
    else:
        if not lembar.boleh("indikator", pk):
            raise Indikator.DoesNotExist
        indikator_ids, item_records = [pk], []
    pilihan = pilihan_relasi(renja)
    nama = dict(Indikator.objects.filter(pk__in=indikator_ids).values_list("pk", "nama"))
    tahun = {Target.Jenis.RENJA: renja.tahun, Target.Jenis.PRAKIRAAN_MAJU: renja.tahun_maju}
    entries = lembar.riwayat_objek(item_records, "sub", lambda r: "", pilihan)
    entries += lembar.riwayat_objek(
        Indikator.history.filter(id__in=indikator_ids).select_related("history_user").order_by("history_id"),
        "indikator",
        lambda r: f"{r.nama[:60]} · " if objek == "sub" else "",
        pilihan,
    )
    targets = Target.history.filter(
        Q(jenis=Target.Jenis.RENJA, tahun=renja.tahun) | Q(jenis=Target.Jenis.PRAKIRAAN_MAJU, tahun=renja.tahun_maju),
        indikator_id__in=indikator_ids,
    )

    def label(record, kolom):
        where = f"{nama.get(record.indikator_id, '')[:60]} · " if objek == "sub" else ""
        return f"{where}{kolom.label} ({tahun[record.jenis]})"

    entries += lembar.riwayat_nilai(
        targets.select_related("history_user").order_by("history_id"),
        lambda r: KOLOM["target" if r.jenis == Target.Jenis.RENJA else "target_maju"],
        label,
    )
    entries.sort(key=lambda e: e.waktu, reverse=True)
    return entries[:batas]


def baris_panel(renja, objek, pk):
    """Which row a side panel (history, notes) is about, so that it says so: the sub kegiatan's
    code and name, or an indicator's name with its program, kegiatan or sub kegiatan (1 query).
    None for the whole Renja or a row that is not this Renja's."""
    if objek == "sub":
        item = RenjaSubKegiatan.objects.filter(pk=pk, renja=renja).select_related("sub_kegiatan__nomenklatur").first()
        node = item and item.sub_kegiatan.nomenklatur
        return node and {"kode": node.kode, "nama": node.nama, "indikator": ""}
    if objek == "indikator":
        ind = (
            Indikator.objects.for_renja(renja)
            .filter(pk=pk)
            .select_related("program__nomenklatur", "kegiatan__nomenklatur", "sub_kegiatan__nomenklatur")
            .first()
        )
        node = ind and ind.pemilik.nomenklatur
        return node and {"kode": node.kode, "nama": node.nama, "indikator": ind.nama}
    return None


def riwayat_renstra(renstra, objek, pk, batas=200):
    """Who changed what in a row of the Renstra grid, newest first: a tujuan or sasaran row
    (``objek`` "tujuan"/"sasaran") its nomor and uraian; an indicator row ("indikator") the
    indicator's fields and every Renstra target of it (per year and end of period). Raises
    DoesNotExist for a row that is not this Renstra's. A fixed number of queries."""
    lembar = LembarRenstra(renstra, None)
    if objek in ("tujuan", "sasaran"):
        if not lembar.boleh(objek, pk):
            raise Indikator.DoesNotExist
        model = lembar.MODEL[objek]
        records = model.history.filter(id=pk).select_related("history_user").order_by("history_id")
        entries = lembar.riwayat_objek(records, objek, lambda r: "", {})
    else:
        if not lembar.boleh("target", pk):
            raise Indikator.DoesNotExist
        records = Indikator.history.filter(id=pk).select_related("history_user").order_by("history_id")
        entries = lembar.riwayat_objek(records, "indikator", lambda r: "", {}) if lembar.boleh("indikator", pk) else []

        def kolom_of(record):
            if record.jenis == Target.Jenis.AKHIR_RENSTRA:
                return KOLOM_RENSTRA["akhir"]
            return KOLOM_RENSTRA[f"target_{max(0, min(record.tahun - renstra.tahun_awal, 9))}"]

        targets = Target.history.filter(indikator_id=pk, jenis__in=JENIS_RENSTRA).select_related("history_user")
        entries += lembar.riwayat_nilai(
            targets.order_by("history_id"),
            kolom_of,
            lambda record, kolom: f"{'Target akhir periode' if kolom.kunci == 'akhir' else 'Target'} ({record.tahun})",
        )
    entries.sort(key=lambda e: e.waktu, reverse=True)
    return entries[:batas]


def riwayat_monev(renja, objek, pk, batas=200):
    """Who changed what in a row of the monev grid of ``renja``, newest first: an indicator row
    (``objek`` "indikator") its realisasi kinerja TW I–IV of the Renja's year and its
    explanations of each triwulan; a sub kegiatan ("sub", the SubKegiatan id) its realisasi
    anggaran TW I–IV. Raises DoesNotExist for a row that is not this Renja's. 2 queries
    besides the check."""
    lembar = LembarMonev(renja, None, TRIWULAN[0])
    if not lembar.boleh("anggaran" if objek == "sub" else "kinerja", pk):
        raise Indikator.DoesNotExist
    kolom = {p: n for n, p in enumerate(TRIWULAN, start=1)}
    if objek == "sub":
        records = RealisasiAnggaran.history.filter(sub_kegiatan_id=pk, tahun=renja.tahun)
        entries = lembar.riwayat_nilai(
            records.select_related("history_user").order_by("history_id"),
            lambda r: LembarMonev.KOLOM[f"rp{kolom[r.periode]}"],
            lambda record, k: k.label,
        )
    else:
        records = RealisasiKinerja.history.filter(indikator_id=pk, tahun=renja.tahun, periode__in=TRIWULAN)
        entries = lembar.riwayat_nilai(
            records.select_related("history_user").order_by("history_id"),
            lambda r: LembarMonev.KOLOM[f"k{kolom[r.periode]}"],
            lambda record, k: k.label,
        )
        notes = PenjelasanTriwulan.history.filter(indikator_id=pk, tahun=renja.tahun)
        entries += lembar.riwayat_objek(
            notes.select_related("history_user").order_by("history_id"),
            "penjelasan",
            lambda r: f"Penjelasan TW {ROMAWI[r.periode]} · ",
            {},
        )
    entries.sort(key=lambda e: e.waktu, reverse=True)
    return entries[:batas]
