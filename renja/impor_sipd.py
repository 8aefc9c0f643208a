"""Import of an OPD's Renja sub kegiatan from SIPD-RI's JSON rows (issue 15, kind ``sipd``): the
file the admin downloaded from SIPD-RI, uploaded as it is. The app never asks for or stores SIPD
credentials and never calls SIPD-RI.

One object per sub kegiatan. Its fields are found by name (case and ``_``/space ignored), with
the names SIPD-RI's own answers use (docs/ARCHITECTURE.md, "Impor SIPD-RI"):

- ``kode_skpd`` (must be the OPD's Kode SKPD: a file of a whole Pemda is refused row by row, so
  that nothing lands in the wrong OPD), ``kode_sub_giat`` and ``nama_sub_giat`` (SIPD-RI prefixes
  the name with the code: removed), ``kode_giat``/``nama_giat``, ``kode_program``/``nama_program``
  (names checked against the master, ``renja.impor_rencana.Kamus``);
- ``pagu`` (or ``pagu_indikatif``), ``pagu_n_depan``: pagu n and n+1 (numbers or texts in either
  style);
- ``nama_dana`` or ``sumber_dana``, or the list ``dana_bl_sub_giat`` [{nama_dana, pagu_dana}]:
  the Pemda's sumber dana by name (created when the Pemda has none of that name, said so);
- ``lokasi_bl`` or ``lokasi``, or the list ``lokasi_bl_sub_giat`` [{kab_kota, kecamatan, lurah}];
- the indicator: ``tolok_ukur_sub`` (or ``tolak_ukur``, ``tolok_ukur``, ``indikator``),
  ``target_sub_teks`` (or ``target_teks``: "5 Dokumen"), ``satuan``, ``target_akhir``; or the
  list ``output_bl_sub_giat`` [{tolak_ukur, target_teks, satuan}].

It writes what the Renja of year n holds for a sub kegiatan (the same records as the ``renja``
kind): the program → kegiatan → sub kegiatan of the OPD (created when missing, the file's own
wording kept as ``nama_alias``), the Renja's sub kegiatan with lokasi, pagu n and n+1 and sumber
dana, and each indicator with its satuan and target n (tipe and sifat proposed for a new one,
renja.sifat). A target akhir is read for the sifat proposal only (the Renstra's targets come
with the ``renstra`` kind). The Renja of year n must exist and be open (renja.kunci). Nothing is
deleted, and an empty or emptied (unreadable, confirmed) value never clears a stored one.
"""

import hashlib
import re

from django.db import transaction

from renja import kode as kodefikasi
from renja.angka import format_angka, format_ringkas
from renja.berkas import BerkasTidakSah, Kemajuan, Lembar, baca_json, kunci_judul
from renja.impor import (
    BARU,
    BERUBAH,
    GALAT,
    SAMA,
    BarisImpor,
    HasilImpor,
    baca_sel,
    catat_impor,
    teks_sel,
    tolak_bila_galat,
)
from renja.impor_rencana import Kamus, KodeLama
from renja.kunci import alasan_terkunci
from renja.models import (
    Impor,
    Indikator,
    Kegiatan,
    Program,
    Renja,
    RenjaSubKegiatan,
    SubKegiatan,
    SumberDana,
    Target,
)
from renja.sel import INDEKS, JUMLAH, PERSEN, Sel, SelTidakSah, baca_nilai, baca_uang
from renja.sifat import tebak_tipe, usul_sifat
from renja.teks import karakter_kendali, kunci_nama

FIELD = {  # what the import reads → the field names that carry it, first found wins
    "kode_skpd": ("kode_skpd",),
    "tahun": ("tahun", "tahun_anggaran"),
    "kode": ("kode_sub_giat", "kode_sub_kegiatan"),
    "nama": ("nama_sub_giat", "nama_sub_kegiatan"),
    "kode_giat": ("kode_giat", "kode_kegiatan"),
    "nama_giat": ("nama_giat", "nama_kegiatan"),
    "kode_program": ("kode_program",),
    "nama_program": ("nama_program",),
    "pagu": ("pagu", "pagu_indikatif"),
    "pagu_maju": ("pagu_n_depan", "pagu_indikatif_n_depan"),
    "dana": ("nama_dana", "sumber_dana"),
    "dana_list": ("dana_bl_sub_giat",),
    "lokasi": ("lokasi_bl", "lokasi"),
    "lokasi_list": ("lokasi_bl_sub_giat",),
    "indikator": ("tolok_ukur_sub", "tolak_ukur_sub", "tolok_ukur", "tolak_ukur", "indikator"),
    "target": ("target_sub_teks", "target_teks", "target"),
    "satuan": ("satuan", "satuan_sub"),
    "target_akhir": ("target_akhir",),
    "output_list": ("output_bl_sub_giat",),
}
KOLOM = {  # the field name shown in messages for each key
    "kode_skpd": "kode_skpd",
    "kode": "kode_sub_giat",
    "pagu": "pagu",
    "pagu_maju": "pagu_n_depan",
    "dana": "nama_dana",
    "lokasi": "lokasi_bl",
    "indikator": "tolok_ukur_sub",
    "target": "target_sub_teks",
    "satuan": "satuan",
    "target_akhir": "target_akhir",
}
KONTEKS = {"persen": PERSEN, "angka": JUMLAH}
_AWALAN_KODE = re.compile(r"^\s*\d+(?:\.[\dX]+)+\s+")


def _ambil(row, key):
    """The value of ``key`` in ``row`` (a JSON object) and the field name it came from."""
    names = {kunci_judul(k): k for k in row}
    for name in FIELD[key]:
        if (found := names.get(kunci_judul(name))) is not None:
            return row[found], found
    return None, KOLOM.get(key, FIELD[key][0])


def _skalar(raw, kolom):
    """A single value (text, number or null); a list or an object is refused."""
    if isinstance(raw, dict | list):
        raise SelTidakSah(f"isian {kolom} berisi {'daftar' if isinstance(raw, list) else 'objek'}, bukan satu nilai")
    if isinstance(raw, bool):
        raise SelTidakSah(f"isian {kolom} berisi {str(raw).lower()}, bukan teks atau angka")
    return raw


def _teks(raw, kolom, panjang, wajib=False):
    """A text field: one line, no control character, at most ``panjang`` characters."""
    text = teks_sel(_skalar(raw, kolom), kolom, wajib=wajib, panjang=panjang)
    if bad := karakter_kendali(text):
        raise SelTidakSah(f"isian {kolom} berisi karakter kendali ({', '.join(bad)}); hapus dari berkas asal")
    return text


def _daftar(raw, kolom):
    """A list field of objects, [] when absent."""
    if raw in (None, ""):
        return []
    if not isinstance(raw, list) or not all(isinstance(v, dict) for v in raw):
        raise SelTidakSah(f"isian {kolom} bukan daftar objek")
    return raw


def _nama_node(raw, kolom, kode):
    """A node name as SIPD-RI writes it, without the code it starts with."""
    text = _teks(raw, kolom, 400)
    if kode and text.startswith(str(kode)):
        text = text[len(str(kode)) :].strip()
    return _AWALAN_KODE.sub("", text) if text[:1].isdigit() else text


def _tahun_renja(isi, tahun):
    """The Renja year: ``tahun`` or the file's own ``tahun`` (every row the same)."""
    years = set()
    for row in isi:
        raw, _ = _ambil(row, "tahun")
        if raw not in (None, ""):
            years.add(str(raw).strip().split(".")[0])
    if tahun:
        if years - {str(tahun)}:
            raise BerkasTidakSah(f"Berkas berisi data tahun {', '.join(sorted(years))}, bukan {tahun}.")
        return tahun
    if len(years) == 1 and re.fullmatch(r"20\d\d", next(iter(years))):
        return int(next(iter(years)))
    raise BerkasTidakSah("Isi tahun Renja (tahun n): berkas tidak menyebutnya, atau menyebut lebih dari satu tahun.")


def renja_terbuka(opd, tahun):
    """The Renja of ``opd`` and ``tahun`` open for changes, or BerkasTidakSah saying why not."""
    renja = Renja.objects.filter(opd=opd, tahun=tahun).select_related("renstra").first()
    if renja is None:
        raise BerkasTidakSah(
            f"Renja {opd.singkatan} {tahun} belum ada: mulai dahulu (Renja tahun lalu: 'Mulai Renja {tahun}'; "
            f"OPD baru: /renja/{opd.singkatan}/mulai/), lalu impor lagi. Tidak ada yang disimpan."
        )
    if reason := alasan_terkunci(renja):
        raise BerkasTidakSah(f"Renja {opd.singkatan} {tahun} tidak dapat diimpor: {reason} Tidak ada yang disimpan.")
    return renja


def _tersimpan(renja):
    """What the Renja holds now per sub kegiatan code: its row, and the indicators of the OPD's
    sub kegiatan (also those not yet in this Renja) by name key with their target n (3 queries)."""
    items = {
        i.sub_kegiatan.nomenklatur.kode: i
        for i in renja.sub_kegiatan.select_related("sub_kegiatan__nomenklatur", "sumber_dana")
    }
    indikator = {}
    for ind in (
        Indikator.objects.filter(sub_kegiatan__kegiatan__program__opd=renja.opd_id)
        .select_related("sub_kegiatan__nomenklatur")
        .prefetch_related("target")
    ):
        target = next((t for t in ind.target.all() if t.jenis == Target.Jenis.RENJA and t.tahun == renja.tahun), None)
        indikator.setdefault(ind.sub_kegiatan.nomenklatur.kode, {})[kunci_nama(ind.nama)] = (ind, target)
    return items, indikator


def _ringkas(nilai):
    """A sub kegiatan as one comparable text: lokasi, pagu n and n+1, sumber dana, indicators."""
    indikator = "; ".join(f"{i['nama']} ({i['satuan']}) {i['tampil']}" for i in nilai["indikator"])
    return (
        f"{nilai['lokasi']} | Rp {format_angka(nilai['pagu'], 0)} | n+1 Rp {format_angka(nilai['pagu_maju'], 0)} | "
        f"{nilai['dana'] or '–'} | {indikator}"
    )


def _ringkas_lama(item, indikator, nilai):
    """The stored state in the shape of ``_ringkas``, for the indicators the file names."""
    lama = []
    for ind in nilai["indikator"]:
        found = indikator.get(kunci_nama(ind["nama"]))
        if found is None:
            lama.append({"nama": "(belum ada)", "satuan": "", "tampil": ""})
            continue
        stored, target = found
        tampil = (
            "" if target is None else (format_ringkas(target.nilai) if target.nilai is not None else target.nilai_teks)
        )
        lama.append({"nama": stored.nama, "satuan": stored.satuan, "tampil": tampil})
    return _ringkas(
        {
            "lokasi": item.lokasi,
            "pagu": item.pagu,
            "pagu_maju": item.pagu_maju,
            "dana": item.sumber_dana.nama if item.sumber_dana_id else "",
            "indikator": lama,
        }
    )


def periksa(opd, data, nama_berkas, tahun, maju=None):
    """The dry run of a SIPD-RI JSON file for ``opd``: one line per sub kegiatan (baru / berubah
    / sama / galat) and one galat line per unreadable value (pagu, pagu_n_depan, target), which
    the admin may confirm to leave empty. Nothing is written. Row N is the N-th object."""
    isi = baca_json(data, nama_berkas, maju=maju)
    tahun = _tahun_renja(isi, tahun)
    renja = renja_terbuka(opd, tahun)
    kamus = Kamus(opd.pemda.nomenklatur_versi)
    bidang = set(opd.bidang_urusan.values_list("kode", flat=True))
    dana = {kunci_nama(d.nama): d for d in SumberDana.objects.filter(pemda=opd.pemda_id)}
    items, indikator = _tersimpan(renja)
    rows, seen = [], {}
    kemajuan = Kemajuan([Lembar(nama_berkas, isi)], maju)
    for nomor, row in enumerate(isi, start=1):
        kemajuan.satu()
        try:
            line = _baris(opd, row, nomor, kamus, bidang, dana, seen, rows)
        except SelTidakSah as error:
            raw, kolom = _ambil(row, "kode")
            rows.append(BarisImpor(nomor, kolom, raw, GALAT, str(error)))
            continue
        kode = line.nilai["kode"]
        item = items.get(kode)
        _cocokkan_indikator(line, indikator.get(kode, {}))
        if item is not None:
            _pertahankan(line.nilai, item, indikator.get(kode, {}))
        line.baru = _ringkas(line.nilai)
        if item is None:
            line.status = BARU
        else:
            line.lama = _ringkas_lama(item, indikator.get(kode, {}), line.nilai)
            line.status = SAMA if line.lama == line.baru else BERUBAH
        rows.append(line)
    kemajuan.tuntas()
    hasil = HasilImpor(nama_berkas, hashlib.sha256(data).hexdigest(), rows)
    hasil.renja = renja
    return hasil


def _cocokkan_indikator(line, indikator):
    """Each indicator of the file is the stored one of the same name; a name that differs only
    in case, spacing or punctuation is matched to it (there is one: names are unique per key)
    and the dry run says so."""
    for ind in line.nilai["indikator"]:
        stored, _ = indikator.get(kunci_nama(ind["nama"]), (None, None))
        if stored is not None and stored.nama != ind["nama"]:
            line.peringatan.append(
                f"indikator '{ind['nama']}' dicocokkan dengan indikator tersimpan '{stored.nama}' "
                "(beda huruf, spasi atau tanda baca)"
            )
            ind["nama"] = stored.nama


def _pertahankan(nilai, item, indikator):
    """An empty (or emptied, unreadable) value of the file never clears a stored one, as in the
    ``renja`` kind: ``nilai`` takes the stored pagu, pagu n+1, lokasi, sumber dana, satuan and
    target n where the file has none."""
    for key, stored in (("pagu", item.pagu), ("pagu_maju", item.pagu_maju), ("lokasi", item.lokasi)):
        if nilai[key] in (None, ""):
            nilai[key] = stored
    if not nilai["dana"] and item.sumber_dana_id:
        nilai["dana"] = item.sumber_dana.nama
    for ind in nilai["indikator"]:
        stored, target = indikator.get(kunci_nama(ind["nama"]), (None, None))
        if stored is not None and not ind["satuan"]:
            ind["satuan"] = stored.satuan
        if target is not None and ind["target"] is None and not ind["target_teks"]:
            ind["target"], ind["target_teks"] = target.nilai, target.nilai_teks
            ind["tampil"] = format_ringkas(target.nilai) if target.nilai is not None else target.nilai_teks


def _baris(opd, row, nomor, kamus, bidang, dana, seen, rows):
    """One object's sub kegiatan line (its values in ``nilai``), its unreadable values appended
    to ``rows`` as galat lines that may be left empty; SelTidakSah for a fault of the row."""
    kode_skpd, kolom_skpd = _ambil(row, "kode_skpd")
    kode_skpd = re.sub(r"\s+", "", _teks(kode_skpd, kolom_skpd, 40))
    if not kode_skpd:
        raise SelTidakSah(f"{kolom_skpd} kosong: tidak diketahui Perangkat Daerah baris ini")
    if kode_skpd != opd.kode:
        raise SelTidakSah(
            f"{kolom_skpd} '{kode_skpd}' bukan Perangkat Daerah {opd.singkatan} ({opd.kode}): unggah data tiap "
            "Perangkat Daerah untuk Perangkat Daerahnya sendiri"
        )
    raw_kode, kolom_kode = _ambil(row, "kode")
    kode = kamus.kode(_skalar(raw_kode, kolom_kode))
    if kode is None:
        raise SelTidakSah(f"{kolom_kode} kosong")
    if isinstance(kode, KodeLama):
        raise SelTidakSah(
            f"'{kode}' adalah kode lama (sebelum Permendagri 90): Renja tahun n memakai kode yang berlaku"
        )
    if kodefikasi.level_kode(kode) != kodefikasi.SUB_KEGIATAN:
        raise SelTidakSah(f"{kode} bukan kode sub kegiatan")
    raw_nama, kolom_nama = _ambil(row, "nama")
    nama = _nama_node(raw_nama, kolom_nama, kode)
    cocok = kamus.cocokkan(kode, nama)
    if not kodefikasi.dalam_bidang(kode, bidang):
        raise SelTidakSah(f"kode {kode} bukan bidang urusan Perangkat Daerah ini")
    if kode in seen:
        raise SelTidakSah(f"sub kegiatan {kode} sudah ada pada baris {seen[kode]}")
    seen[kode] = nomor
    line = BarisImpor(nomor, kolom_kode, raw_kode, GALAT, sasaran=cocok.node, peringatan=list(cocok.peringatan))
    induk = _induk(row, kode, kamus, line)
    pagu, pagu_maju = (_uang(row, key, nomor, cocok.node, rows, line) for key in ("pagu", "pagu_maju"))
    line.nilai = {
        "kode": kode,
        "cocok": cocok,
        "induk": induk,
        "lokasi": _lokasi(row),
        "pagu": pagu.nilai if pagu else None,
        "pagu_maju": pagu_maju.nilai if pagu_maju else None,
        "dana": _dana(row, dana, line),
        "indikator": _indikator(row, nomor, cocok.node, rows, line),
    }
    return line


def _uang(row, key, nomor, node, rows, line):
    """A money field read, or None (an unreadable one is a galat line that may be left empty)."""
    raw, kolom = _ambil(row, key)
    sel = baca_sel(rows, nomor, kolom, _skalar(raw, kolom), baca_uang, node)
    line.peringatan += sel.peringatan if sel else []
    return sel


def _induk(row, kode, kamus, line):
    """The program and kegiatan of ``kode`` from the master; the file's kode_giat/kode_program
    must be those, and their names are checked (the file's wording kept as alias)."""
    out = {}
    kode_giat = kodefikasi.kode_induk(kode)
    for key, level_kode in (("program", kodefikasi.kode_induk(kode_giat)), ("giat", kode_giat)):
        raw, kolom = _ambil(row, f"kode_{key}")
        raw_nama, kolom_nama = _ambil(row, f"nama_{key}")
        if raw not in (None, ""):
            given = kamus.kode(_skalar(raw, kolom))
            if str(given) != level_kode:
                raise SelTidakSah(f"{kolom} '{raw}' bukan induk sub kegiatan {kode} (seharusnya {level_kode})")
        cocok = kamus.cocokkan(level_kode, _nama_node(raw_nama, kolom_nama, level_kode))
        line.peringatan += cocok.peringatan
        out[key] = cocok
    return out


def _lokasi(row):
    raw, kolom = _ambil(row, "lokasi")
    if raw not in (None, "") and not isinstance(raw, list):
        return _teks(raw, kolom, 300)
    raw_list, kolom_list = (raw, kolom) if isinstance(raw, list) else _ambil(row, "lokasi_list")
    parts = []
    for item in _daftar(raw_list, kolom_list):
        names = []
        for key, name in (("kab_kota", "nama_daerah"), ("kecamatan", "camat_teks"), ("lurah", "lurah_teks")):
            value = item.get(key)
            text = value.get(name) if isinstance(value, dict) else value
            if text not in (None, ""):
                names.append(_teks(text, f"{kolom_list}.{key}", 200))
        if names:
            parts.append(", ".join(names))
    text = "; ".join(parts)
    if len(text) > 300:
        raise SelTidakSah(f"isian {kolom_list} lebih dari 300 karakter bila digabung")
    return text


def _dana(row, dana, line):
    """The sumber dana's name (the Pemda's own when it has that name, said when new); of several
    in ``dana_bl_sub_giat``, the one with the largest pagu_dana (said, with the others)."""
    raw, kolom = _ambil(row, "dana")
    names = []
    if raw not in (None, ""):
        names = [(_teks(raw, kolom, 200), None)]
    else:
        raw_list, kolom = _ambil(row, "dana_list")
        for item in _daftar(raw_list, kolom):
            name = _teks(item.get("nama_dana"), f"{kolom}.nama_dana", 200)
            if name:
                pagu = baca_uang(_skalar(item.get("pagu_dana"), f"{kolom}.pagu_dana")).nilai
                names.append((name, pagu))
    if not names:
        return ""
    names.sort(key=lambda n: -(n[1] or 0))
    name = re.sub(r"^\[[^\]]*\]\s*-\s*", "", names[0][0])  # "[DANA UMUM] - Pendapatan Asli Daerah"
    if len(names) > 1:
        line.peringatan.append(
            f"{len(names)} sumber dana ({', '.join(n for n, _ in names)}): Renja menyimpan satu, dipakai '{name}' "
            "(pagu dana terbesar)"
        )
    stored = dana.get(kunci_nama(name))
    if stored is None:
        line.peringatan.append(f"sumber dana '{name}' belum ada di Pemda ini: akan dibuat")
    elif stored.nama != name:
        line.peringatan.append(f"sumber dana '{name}' dicocokkan dengan '{stored.nama}' (beda huruf/spasi)")
    return stored.nama if stored else name


def _indikator(row, nomor, node, rows, line):
    """The indicators of the row: the flat fields, or each of ``output_bl_sub_giat``."""
    raw, kolom = _ambil(row, "indikator")
    if raw not in (None, ""):
        sources = [(row, kolom)]
    else:
        raw_list, kolom_list = _ambil(row, "output_list")
        sources = [(item, kolom_list) for item in _daftar(raw_list, kolom_list)]
    out, names = [], set()
    for source, kolom_src in sources:
        nama_raw, kolom_nama = _ambil(source, "indikator")
        nama = _teks(nama_raw, kolom_nama if source is row else f"{kolom_src}.{kolom_nama}", 2000)
        if not nama:
            continue
        if kunci_nama(nama) in names:
            raise SelTidakSah(f"indikator '{nama}' tertulis dua kali untuk sub kegiatan ini")
        names.add(kunci_nama(nama))
        satuan_raw, kolom_satuan = _ambil(source, "satuan")
        satuan = _teks(satuan_raw, kolom_satuan, 60)
        target_raw, kolom_target = _ambil(source, "target")
        tipe, alasan_tipe = tebak_tipe(satuan, nama)
        konteks = KONTEKS.get(tipe, INDEKS)

        def nilai(v, k=konteks, s=satuan):
            return baca_nilai(v, k, s)

        sel = baca_sel(rows, nomor, kolom_target, _skalar(target_raw, kolom_target), nilai, node) or Sel()
        satuan = satuan or sel.satuan
        if sel.teks and tipe != "kualitatif":
            tipe, alasan_tipe = tebak_tipe(satuan, nama, [sel.teks])
        akhir_raw, kolom_akhir = _ambil(source, "target_akhir")
        akhir = baca_sel(rows, nomor, kolom_akhir, _skalar(akhir_raw, kolom_akhir), nilai, node)
        sifat, alasan_sifat = usul_sifat(tipe, [sel.nilai], akhir.nilai if akhir else None)
        line.peringatan += sel.peringatan
        out.append(
            {
                "nama": nama,
                "satuan": satuan[:60],
                "target": sel.nilai,
                "target_teks": sel.teks[:120],
                "tampil": format_ringkas(sel.nilai) if sel.nilai is not None else sel.teks,
                "tipe": tipe,
                "sifat": sifat,
                "alasan": f"tipe {tipe} ({alasan_tipe}), sifat {sifat.replace('_', '-')} ({alasan_sifat})",
            }
        )
    return out


def terapkan(opd, user, data, nama_berkas, tahun, kosongkan=False, hasil=None):
    """Write the file's sub kegiatan into the Renja of year n in one transaction (history
    "impor #N …"), or nothing: BerkasTidakSah when a row has an error (with ``kosongkan``, the
    admin's confirmation, only an error other than an unreadable value cell: such a cell is
    stored empty and becomes a finding of that Renja)."""
    if hasil is None:  # the caller's own dry run of this same file otherwise (manage.py impor)
        hasil = periksa(opd, data, nama_berkas, tahun)
    tolak_bila_galat(hasil, "baris", kosongkan=kosongkan)
    with transaction.atomic():
        renja = Renja.objects.select_for_update().get(pk=hasil.renja.pk)  # its status may have changed
        renja_terbuka(opd, renja.tahun)
        impor, reason = catat_impor(hasil, Impor.Jenis.SIPD, opd, user, kosongkan, renja.tahun)
        tulis = _Penulis(opd, renja, user, reason)
        for line in hasil.baris:
            if line.status in (BARU, BERUBAH):
                tulis.sub_kegiatan(line.nilai)
    return impor


class _Penulis:
    """Writes one sub kegiatan of the file, with history (user and reason) on every record."""

    def __init__(self, opd, renja, user, reason):
        self.opd, self.renja, self.user, self.reason = opd, renja, user, reason
        self.dana = {kunci_nama(d.nama): d for d in SumberDana.objects.filter(pemda=opd.pemda_id)}
        self.urutan = renja.sub_kegiatan.count()

    def simpan(self, obj):
        obj._history_user, obj._change_reason = self.user, self.reason
        obj.save()
        return obj

    def node(self, model, cocok, **parent):
        obj = model.objects.filter(nomenklatur=cocok.node, **parent).first() or model(nomenklatur=cocok.node, **parent)
        if obj.pk is None or (cocok.alias and obj.nama_alias != cocok.alias):
            obj.nama_alias = cocok.alias or obj.nama_alias
            self.simpan(obj)
        return obj

    def sumber_dana(self, name):
        if not name:
            return None
        found = self.dana.get(kunci_nama(name))
        if found is None:
            taken = set(SumberDana.objects.filter(pemda=self.opd.pemda_id).values_list("kode", flat=True))
            kode = next(f"SIPD-{n}" for n in range(1, len(taken) + 2) if f"SIPD-{n}" not in taken)
            found = SumberDana.objects.create(pemda_id=self.opd.pemda_id, kode=kode, nama=name)
            self.dana[kunci_nama(name)] = found
        return found

    def sub_kegiatan(self, nilai):
        program = self.node(Program, nilai["induk"]["program"], opd=self.opd)
        kegiatan = self.node(Kegiatan, nilai["induk"]["giat"], program=program)
        sub = self.node(SubKegiatan, nilai["cocok"], kegiatan=kegiatan)
        item = RenjaSubKegiatan.objects.filter(renja=self.renja, sub_kegiatan=sub).first()
        if item is None:
            self.urutan += 1
            item = RenjaSubKegiatan(renja=self.renja, sub_kegiatan=sub, urutan=self.urutan)
        else:
            item.versi += 1  # a grid holding the old version must not overwrite the imported values
        item.lokasi, item.pagu, item.pagu_maju = nilai["lokasi"], nilai["pagu"], nilai["pagu_maju"]
        item.sumber_dana = self.sumber_dana(nilai["dana"])
        self.simpan(item)
        stored = {kunci_nama(i.nama): i for i in sub.indikator.all()}
        for urutan, ind in enumerate(nilai["indikator"], start=1):
            obj = stored.get(kunci_nama(ind["nama"]))
            if obj is None:
                obj = self.simpan(
                    Indikator(
                        sub_kegiatan=sub,
                        urutan=urutan,
                        nama=ind["nama"],
                        satuan=ind["satuan"],
                        tipe_nilai=ind["tipe"],
                        sifat=ind["sifat"],
                    )
                )
            elif obj.satuan != ind["satuan"] and ind["satuan"]:
                obj.satuan = ind["satuan"]
                obj.versi += 1
                self.simpan(obj)
            target = Target.objects.filter(indikator=obj, tahun=self.renja.tahun, jenis=Target.Jenis.RENJA).first()
            if ind["target"] is None and not ind["target_teks"]:
                continue  # nothing to store (a stored target is kept: _pertahankan)
            target = target or Target(indikator=obj, tahun=self.renja.tahun, jenis=Target.Jenis.RENJA)
            if target.pk and (target.nilai, target.nilai_teks) == (ind["target"], ind["target_teks"]):
                continue
            if target.pk:
                target.versi += 1
            target.nilai, target.nilai_teks = ind["target"], ind["target_teks"]
            self.simpan(target)


def contoh(renja):
    """The Renja's sub kegiatan as SIPD-RI's rows (``{"data": [...]}``, the field names this
    import reads): the sipd kind's template, which imports back as all "sama". Names are written
    as SIPD-RI does (the code first), money as text, each indicator in ``output_bl_sub_giat``
    with its target and satuan ("5 Dokumen")."""
    rows = []
    items = renja.sub_kegiatan.select_related(
        "sub_kegiatan__nomenklatur",
        "sub_kegiatan__kegiatan__nomenklatur",
        "sub_kegiatan__kegiatan__program__nomenklatur",
        "sumber_dana",
    ).prefetch_related("sub_kegiatan__indikator__target")
    for item in items.order_by("urutan", "pk"):
        sub = item.sub_kegiatan
        output = []
        for ind in sub.indikator.all():
            target = next((t for t in ind.target.all() if t.jenis == "renja" and t.tahun == renja.tahun), None)
            teks = "" if target is None else (target.nilai_teks or f"{target.nilai.normalize():f}".replace(".", ","))
            output.append(
                {
                    "tolak_ukur": ind.nama,
                    "target_teks": f"{teks} {ind.satuan}".strip() if teks else "",
                    "satuan": ind.satuan,
                }
            )
        rows.append(
            {
                "tahun": renja.tahun,
                "kode_skpd": renja.opd.kode,
                "nama_skpd": renja.opd.nama,
                "kode_program": sub.kegiatan.program.nomenklatur.kode,
                "nama_program": sub.kegiatan.program.nama_alias or sub.kegiatan.program.nomenklatur.nama,
                "kode_giat": sub.kegiatan.nomenklatur.kode,
                "nama_giat": sub.kegiatan.nama_alias or sub.kegiatan.nomenklatur.nama,
                "kode_sub_giat": sub.nomenklatur.kode,
                "nama_sub_giat": f"{sub.nomenklatur.kode} {sub.nama_alias or sub.nomenklatur.nama}",
                "pagu": None if item.pagu is None else str(int(item.pagu)),
                "pagu_n_depan": None if item.pagu_maju is None else str(int(item.pagu_maju)),
                "nama_dana": item.sumber_dana.nama if item.sumber_dana_id else "",
                "lokasi_bl": item.lokasi,
                "output_bl_sub_giat": output,
            }
        )
    return {"data": rows}
