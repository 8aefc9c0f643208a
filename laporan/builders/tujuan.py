"""Bab III builders: Tabel Tujuan dan Sasaran and the Rumusan dan Definisi Operasional Indikator."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Prefetch, Q

from laporan.builders.umum import nomor_kolom, subjudul
from laporan.tabel import Baris, Kepala, Sel, Tabel, nilai_target, teks
from renja.models import Indikator, Kegiatan, Program, RenjaSubKegiatan, Sasaran, Target, Tujuan
from renja.teks import kunci_nomor


def _tujuan_sasaran(renja, *prefetch):
    """The Renstra's tujuan in order, each with its sasaran in order (``tujuan.daftar_sasaran``),
    in two queries plus one per ``prefetch`` of the sasaran."""
    tujuan = sorted(Tujuan.objects.filter(renstra_id=renja.renstra_id), key=lambda t: kunci_nomor(t.nomor))
    sasaran = sorted(
        Sasaran.objects.filter(tujuan__renstra_id=renja.renstra_id).prefetch_related(*prefetch),
        key=lambda s: kunci_nomor(s.nomor),
    )
    per_tujuan = defaultdict(list)
    for item in sasaran:
        per_tujuan[item.tujuan_id].append(item)
    for item in tujuan:
        item.daftar_sasaran = per_tujuan[item.pk]
    return tujuan


def _per_pemilik(indikator):
    """Indicators grouped by owner: ``{("sasaran", pk): [indikator, …]}`` in their order."""
    owners = defaultdict(list)
    for ind in indikator:
        owners[(ind.level, getattr(ind, f"{ind.level}_id"))].append(ind)
    return owners


def _baris_node(tabel, jenis, sel_node, indikator, sel_indikator):
    """A node's rows: the first carries ``sel_node`` and the first indicator, each further
    indicator is a continuation row with empty node cells (spec §2 intro). A node without
    indicators still gets its row."""
    lebar = tabel.jumlah_kolom - len(sel_node)
    for index, ind in enumerate(indikator or [None]):
        tabel.baris.append(
            Baris(
                jenis if index == 0 else "indikator",
                (sel_node if index == 0 else [Sel()] * len(sel_node))
                + (sel_indikator(ind) if ind else [Sel()] * lebar),
            )
        )


# --------------------------------------------------------------------------- Tabel 3.1 Tujuan dan Sasaran


def tujuan_sasaran(renja):
    """Tabel 3.1: Tujuan dan Sasaran Perangkat Daerah Tahun n (spec §2.5), laid out as the
    Bappeda seed: a tujuan row with its indicators, then each sasaran with its 1..n indicators
    and their target for year n (number or qualitative value, never aggregated): the Renja's own
    target n where one was set (imported), else the Renstra's target of year n, the one the
    planner types on the Renstra page (a new OPD has no other)."""
    n = renja.tahun
    tujuan = _tujuan_sasaran(renja)
    indikator = _per_pemilik(
        Indikator.objects.filter(
            Q(tujuan__renstra_id=renja.renstra_id) | Q(sasaran__tujuan__renstra_id=renja.renstra_id)
        )
        .prefetch_related(
            Prefetch(
                "target",
                queryset=Target.objects.filter(jenis__in=[Target.Jenis.RENJA, Target.Jenis.RENSTRA], tahun=n),
                to_attr="target_n",
            )
        )
        .order_by("urutan", "pk")
    )
    tabel = Tabel(
        kunci="tujuan-sasaran",
        judul=f"Tujuan dan Sasaran {renja.opd.nama} Tahun {n}",
        kolom_nama=0,
        subjudul=subjudul(renja),
        kepala=[
            [
                Kepala("TUJUAN"),
                Kepala("SASARAN"),
                Kepala("INDIKATOR TUJUAN & SASARAN"),
                Kepala("SATUAN"),
                Kepala(f"TARGET {n}"),
            ]
        ],
        nomor_kolom=nomor_kolom(5),
    )

    def sel_indikator(ind):
        target = {t.jenis: t for t in ind.target_n}
        pilihan = target.get(Target.Jenis.RENJA) or target.get(Target.Jenis.RENSTRA)
        return [teks(ind.nama), teks(ind.satuan), nilai_target(pilihan)]

    for item in tujuan:
        _baris_node(tabel, "tujuan", [teks(item.uraian), Sel()], indikator[("tujuan", item.pk)], sel_indikator)
        for sasaran in item.daftar_sasaran:
            _baris_node(
                tabel, "sasaran", [Sel(), teks(sasaran.uraian)], indikator[("sasaran", sasaran.pk)], sel_indikator
            )
    return tabel.nihil()


# --------------------------------------------------------------------------- Rumusan dan Definisi Operasional


def definisi_operasional(renja):
    """Rumusan dan Definisi Operasional Indikator Renja PD Tahun n (spec §2.7): tujuan, sasaran,
    and the Renja's programs and kegiatan, labelled with a local outline numbering generated
    from their order ("Tujuan 1.", "Sasaran 1.1.", "Program 1.1.1", "Kegiatan 1.1.1.1"), not
    from the nomenclature codes. Each node lists its indicators with satuan, rumus and
    penjelasan: the indicators planned in this Renja (a target for n or n+1), whose missing
    definition then shows as an empty cell, and every indicator that carries a definition.

    A program is placed under the first sasaran it serves; programs of the Renja that serve no
    sasaran follow at the end, numbered "Program 1", "Kegiatan 1.1", …"""
    n = renja.tahun
    items = RenjaSubKegiatan.objects.filter(renja=renja)
    kegiatan = list(
        Kegiatan.objects.filter(pk__in=items.values("sub_kegiatan__kegiatan"))
        .select_related("nomenklatur", "program__nomenklatur")
        .order_by("nomenklatur__kode")
    )
    kegiatan_per_program = defaultdict(list)
    for item in kegiatan:
        kegiatan_per_program[item.program_id].append(item)
    tujuan = _tujuan_sasaran(renja, Prefetch("program", queryset=Program.objects.select_related("nomenklatur")))
    direncanakan = Target.objects.filter(indikator=OuterRef("pk")).filter(
        Q(jenis=Target.Jenis.RENJA, tahun=n) | Q(jenis=Target.Jenis.PRAKIRAAN_MAJU, tahun=n + 1)
    )
    indikator = _per_pemilik(
        Indikator.objects.filter(
            Q(tujuan__renstra_id=renja.renstra_id)
            | Q(sasaran__tujuan__renstra_id=renja.renstra_id)
            | Q(program__in=items.values("sub_kegiatan__kegiatan__program"))
            | Q(kegiatan__in=items.values("sub_kegiatan__kegiatan"))
        )
        .filter(~Q(rumus="") | ~Q(penjelasan="") | Exists(direncanakan))
        .order_by("urutan", "pk")
    )
    tabel = Tabel(
        kunci="definisi-operasional",
        judul=f"Rumusan dan Definisi Operasional Indikator Renja PD Tahun {n}",
        kolom_nama=0,
        subjudul=subjudul(renja),
        kepala=[
            [
                Kepala("Tujuan/Sasaran/Program/Kegiatan Perangkat Daerah", rowspan=2),
                Kepala("Indikator Tujuan/Sasaran/Program/Kegiatan", colspan=4),
            ],
            [Kepala("Indikator"), Kepala("Satuan"), Kepala("Rumus/Formula"), Kepala("Penjelasan/Keterangan")],
        ],
        nomor_kolom=nomor_kolom(5),
    )

    def node(jenis, label, nama, pk):
        _baris_node(
            tabel,
            jenis,
            [teks(f"{label} {nama}")],
            indikator[(jenis, pk)],
            lambda ind: [teks(ind.nama), teks(ind.satuan), teks(ind.rumus), teks(ind.penjelasan)],
        )

    def program_rows(program, nomor):
        node("program", f"Program {nomor}", program.nomenklatur.nama, program.pk)
        for k, item in enumerate(kegiatan_per_program[program.pk], start=1):
            node("kegiatan", f"Kegiatan {nomor}.{k}", item.nomenklatur.nama, item.pk)

    placed = set()
    for t, item in enumerate(tujuan, start=1):
        node("tujuan", f"Tujuan {t}.", item.uraian, item.pk)
        for s, sasaran in enumerate(item.daftar_sasaran, start=1):
            node("sasaran", f"Sasaran {t}.{s}.", sasaran.uraian, sasaran.pk)
            programs = sorted(
                (p for p in sasaran.program.all() if p.pk in kegiatan_per_program and p.pk not in placed),
                key=lambda p: p.nomenklatur.kode,
            )
            for p, program in enumerate(programs, start=1):
                placed.add(program.pk)
                program_rows(program, f"{t}.{s}.{p}")
    tanpa_sasaran = {item.program.pk: item.program for item in kegiatan if item.program_id not in placed}
    for p, program in enumerate(tanpa_sasaran.values(), start=1):
        program_rows(program, str(p))
    return tabel.nihil()
