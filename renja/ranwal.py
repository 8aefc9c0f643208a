"""Import of the RKPD rancangan awal of an OPD for a year (the left half of T-C.31) from a
spreadsheet: Kode, Program/Kegiatan/Sub Kegiatan, Lokasi, Indikator, Satuan, Target, Pagu.

A row with a code starts a program, kegiatan or sub kegiatan of the nomenclature master; a row
without one adds an indicator to the node above (a merged cell). The file is the whole
rancangan awal of that OPD and year: a dry run lists every node as baru / berubah / sama /
dihapus / galat; applying replaces the OPD's rancangan awal of that year in one transaction,
keeping the Catatan Penting already written for a node that stays. Both are refused while
the Renja of that OPD and year is locked (renja.kunci).
"""

import hashlib

from django.db import transaction

from renja import kode as kodefikasi
from renja.angka import format_angka, format_ringkas
from renja.berkas import BerkasTidakSah, Kemajuan, Kolom, baca_berkas, cari_kolom
from renja.impor import (
    BARU,
    BERUBAH,
    GALAT,
    SAMA,
    BarisImpor,
    HasilImpor,
    baca_sel,
    catat_impor,
    tolak_bila_galat,
)
from renja.kunci import alasan_terkunci
from renja.models import Impor, Nomenklatur, RancanganAwal, RancanganAwalIndikator, Renja
from renja.sel import JUMLAH, PERSEN, Sel, SelTidakSah, baca_nilai, baca_uang

DIHAPUS = "dihapus"
KOLOM = [
    Kolom("kode", "Kode", ("kode",)),
    Kolom("nama", "Program/Kegiatan/Sub Kegiatan", ("program", "kegiatan", "uraian"), wajib=False),
    Kolom("lokasi", "Lokasi", ("lokasi",), wajib=False),
    Kolom("indikator", "Indikator", ("indikator",), wajib=False),
    Kolom("satuan", "Satuan", ("satuan",), wajib=False),
    Kolom("target", "Target", ("target",), wajib=False),
    Kolom("pagu", "Pagu Indikatif", ("pagu",)),
]


def _teks(value):
    return str(value).strip() if value not in (None, "") else ""


def _ringkas(node):
    """A node as one comparable text: name, lokasi, pagu and its indicators."""
    indikator = "; ".join(f"{i['nama']} ({i['satuan']}) {i['tampil']}" for i in node["indikator"])
    return f"{node['nama']} | {node['lokasi']} | Rp {format_angka(node['pagu'], 0)} | {indikator}"


def _baris_lama(row):
    return {
        "nama": row.nama,
        "lokasi": row.lokasi,
        "pagu": row.pagu,
        "indikator": [
            {
                "nama": i.nama,
                "satuan": i.satuan,
                "tampil": format_ringkas(i.target) if i.target is not None else i.target_teks,
            }
            for i in row.indikator.all()
        ],
    }


def tolak_bila_terkunci(opd, tahun):
    """BerkasTidakSah when the Renja of ``opd`` and ``tahun`` forbids changes: the rancangan awal
    of that year is part of it (T-C.31)."""
    if reason := alasan_terkunci(RancanganAwal(opd=opd, tahun=tahun)):
        raise BerkasTidakSah(
            f"Rancangan awal {opd.singkatan} {tahun} tidak dapat diimpor: {reason} Tidak ada yang disimpan."
        )


def periksa(opd, data, nama_berkas, tahun, maju=None):
    """The dry run of a rancangan awal file for ``opd`` and year ``tahun``: one BarisImpor per
    node (and one ``dihapus`` per node of the current rancangan awal missing from the file)."""
    if not tahun:
        raise BerkasTidakSah("Isi tahun RKPD (tahun n) untuk impor rancangan awal.")
    tolak_bila_terkunci(opd, tahun)
    versi = opd.pemda.nomenklatur_versi
    master = {
        n.kode: n for n in Nomenklatur.objects.filter(versi=versi, level__in=["program", "kegiatan", "sub_kegiatan"])
    }
    bidang = set(opd.bidang_urusan.values_list("kode", flat=True))
    current = {
        r.nomenklatur.kode: r
        for r in RancanganAwal.objects.filter(opd=opd, tahun=tahun, bagian=RancanganAwal.Bagian.RANCANGAN_AWAL)
        .select_related("nomenklatur")
        .prefetch_related("indikator")
    }
    rows, nodes, sheets = [], {}, baca_berkas(data, nama_berkas, maju=maju)
    kemajuan = Kemajuan(sheets, maju)
    for sheet in sheets:
        try:
            header, found = cari_kolom(sheet.baris, KOLOM)
        except BerkasTidakSah:
            continue
        node = None
        for index in range(header + 1, len(sheet.baris)):
            row = sheet.baris[index]
            kemajuan.satu()

            def cell(key, row=row, found=found):
                col = found.get(key)
                return row[col] if col is not None and col < len(row) else None

            if all(v in (None, "") for v in row):
                continue
            nomor = index + 1
            try:
                if cell("kode") not in (None, ""):
                    node = _node(cell, nomor, master, bidang, versi, nodes)
                    line = BarisImpor(nomor, "Kode", cell("kode"), GALAT, sasaran=node["nomenklatur"])
                    line.nilai = node
                    rows.append(line)
                    pagu = baca_sel(rows, nomor, "Pagu Indikatif", cell("pagu"), baca_uang, node["nomenklatur"])
                    node["pagu"] = pagu.nilai if pagu else None
                elif node is None:
                    raise SelTidakSah("baris tanpa kode sebelum program/kegiatan/sub kegiatan pertama")
                if cell("indikator") not in (None, ""):
                    node["indikator"].append(_indikator(cell, rows, nomor, node["nomenklatur"]))
            except SelTidakSah as error:
                rows.append(BarisImpor(nomor, "Kode", cell("kode"), GALAT, str(error)))
                node = None
    if not rows:
        raise BerkasTidakSah("Tidak ada baris rancangan awal yang terbaca (perlu kolom Kode dan Pagu Indikatif).")
    kemajuan.tuntas()
    for line in rows:
        if line.pesan:
            continue
        node = line.nilai
        line.baru = _ringkas(node)
        old = current.get(node["kode"])
        if old is None:
            line.status = BARU
        else:
            line.lama = _ringkas(_baris_lama(old))
            line.status = SAMA if line.lama == line.baru else BERUBAH
    for kode, old in current.items():
        if kode not in nodes:
            rows.append(
                BarisImpor(
                    0,
                    "Kode",
                    kode,
                    DIHAPUS,
                    "tidak ada di berkas: akan dihapus",
                    old.nomenklatur,
                    lama=_ringkas(_baris_lama(old)),
                )
            )
    return HasilImpor(nama_berkas, hashlib.sha256(data).hexdigest(), rows)


def _node(cell, nomor, master, bidang, versi, nodes):
    try:
        kode = kodefikasi.normalisasi_kode(cell("kode"), versi.panjang_sub_kegiatan)
    except kodefikasi.KodeTidakValid as error:
        raise SelTidakSah(" ".join(error.messages)) from None
    nom = master.get(kode)
    if nom is None:
        raise SelTidakSah(f"kode {kode} bukan program, kegiatan atau sub kegiatan pada nomenklatur yang berlaku")
    if not kodefikasi.dalam_bidang(kode, bidang):
        raise SelTidakSah(f"kode {kode} bukan bidang urusan Perangkat Daerah ini")
    if kode in nodes:
        raise SelTidakSah(f"kode {kode} sudah ada pada baris {nodes[kode]['nomor']}")
    node = {
        "nomor": nomor,
        "kode": kode,
        "nomenklatur": nom,
        "nama": _teks(cell("nama")) or nom.nama,
        "lokasi": _teks(cell("lokasi")),
        "pagu": None,
        "indikator": [],
    }
    nodes[kode] = node
    return node


def _indikator(cell, rows, nomor, nomenklatur):
    """An indicator of the row; an unreadable Target cell is a GALAT line that may be left
    empty (the indicator is kept without its target)."""
    satuan = _teks(cell("satuan"))
    konteks = PERSEN if satuan.lower() in ("%", "persen") else JUMLAH
    sel = baca_sel(rows, nomor, "Target", cell("target"), lambda raw: baca_nilai(raw, konteks, satuan), nomenklatur)
    sel = sel or Sel()
    return {
        "nama": _teks(cell("indikator")),
        "satuan": satuan or sel.satuan,
        "target": sel.nilai,
        "target_teks": sel.teks,
        "tampil": format_ringkas(sel.nilai) if sel.nilai is not None else sel.teks,
    }


def terapkan(opd, user, data, nama_berkas, tahun, kosongkan=False, hasil=None):
    """Replace the OPD's rancangan awal of ``tahun`` with the file, all or nothing. With
    ``kosongkan`` an unreadable Target or Pagu cell is stored empty and becomes a finding."""
    if hasil is None:  # the caller's own dry run of this same file otherwise (manage.py impor)
        hasil = periksa(opd, data, nama_berkas, tahun)
    tolak_bila_galat(hasil, "baris", kosongkan=kosongkan)
    with transaction.atomic():
        # checked again under the Renja's row lock: its status may have changed since the dry run
        Renja.objects.select_for_update().filter(opd=opd, tahun=tahun).exists()
        tolak_bila_terkunci(opd, tahun)
        impor, reason = catat_impor(hasil, Impor.Jenis.RANCANGAN_AWAL, opd, user, kosongkan, tahun)
        existing = {
            r.nomenklatur_id: r
            for r in RancanganAwal.objects.select_for_update().filter(
                opd=opd, tahun=tahun, bagian=RancanganAwal.Bagian.RANCANGAN_AWAL
            )
        }
        keep = set()
        for urutan, line in enumerate((b for b in hasil.baris if b.status in (BARU, BERUBAH, SAMA)), start=1):
            node = line.nilai
            keep.add(node["nomenklatur"].pk)
            if line.status == SAMA:
                continue
            row = existing.get(node["nomenklatur"].pk) or RancanganAwal(
                opd=opd, tahun=tahun, bagian=RancanganAwal.Bagian.RANCANGAN_AWAL, nomenklatur=node["nomenklatur"]
            )
            row.urutan, row.nama, row.lokasi, row.pagu = urutan, node["nama"], node["lokasi"], node["pagu"]
            row._history_user, row._change_reason = user, reason
            row.save()
            row.indikator.all().delete()
            for nomor, ind in enumerate(node["indikator"], start=1):
                obj = RancanganAwalIndikator(
                    baris=row,
                    urutan=nomor,
                    nama=ind["nama"],
                    satuan=ind["satuan"],
                    target=ind["target"],
                    target_teks=ind["target_teks"],
                )
                obj._history_user, obj._change_reason = user, reason
                obj.save()
        for nomenklatur_id, row in existing.items():
            if nomenklatur_id not in keep:
                row._history_user, row._change_reason = user, reason
                row.delete()
    return impor
