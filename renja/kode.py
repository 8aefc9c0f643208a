"""Permendagri 90/2019 codes: normalisation and validation (spec §3.1, §3.3).

Pure functions, no database. A code has 1 (urusan), 2 (bidang urusan), 3 (program),
5 (kegiatan) or 6 (sub kegiatan) dot-separated segments:

    U . BB . PP . L . KK . SS(SS)
    5 . 01 . 02 . 2 . 01 . 05

Errors are raised as ``KodeTidakValid`` with a message in Indonesian that names the
value and the offending segment.
"""

import re

from django.core.exceptions import ValidationError

URUSAN = "urusan"
BIDANG_URUSAN = "bidang_urusan"
PROGRAM = "program"
KEGIATAN = "kegiatan"
SUB_KEGIATAN = "sub_kegiatan"

LEVEL_LABEL = {
    URUSAN: "urusan",
    BIDANG_URUSAN: "bidang urusan",
    PROGRAM: "program",
    KEGIATAN: "kegiatan",
    SUB_KEGIATAN: "sub kegiatan",
}

_LEVEL_BY_SEGMENTS = {1: URUSAN, 2: BIDANG_URUSAN, 3: PROGRAM, 5: KEGIATAN, 6: SUB_KEGIATAN}
_SEGMENT_NAMES = ["urusan", "bidang urusan", "program", "jenis pemda", "kegiatan", "sub kegiatan"]
_WHITESPACE = re.compile(r"\s+")


class KodeTidakValid(ValidationError):
    """A code that cannot be normalised into a valid Permendagri 90 code."""


def _segment_widths(panjang_sub_kegiatan):
    return [1, 2, 2, 1, 2, panjang_sub_kegiatan]


def normalisasi_kode(raw, panjang_sub_kegiatan=2):
    """Return the canonical form of a program/kegiatan/sub kegiatan code.

    Rules of spec §3.3: whitespace inside the code is removed (PDF wrap artefacts such
    as ``5.01.01.2.0 1.02``), segments are zero-padded (``5.1.2`` → ``5.01.02``), a
    segment longer than its width is rejected (``4.01.02.2.02.001``), and only digits
    and dots are accepted. ``panjang_sub_kegiatan`` is 2 or 4 depending on the
    nomenclature version.
    """
    if raw is None:
        raise KodeTidakValid("Kode kosong.", code="kosong")
    text = _WHITESPACE.sub("", str(raw))
    if not text:
        raise KodeTidakValid("Kode kosong.", code="kosong")
    if not re.fullmatch(r"[0-9.]+", text):
        raise KodeTidakValid(
            f'Kode "{raw}" tidak valid: hanya angka dan titik yang diperbolehkan.',
            code="karakter",
        )
    segments = text.split(".")
    if any(segment == "" for segment in segments):
        raise KodeTidakValid(f'Kode "{raw}" tidak valid: ada segmen kosong.', code="segmen_kosong")
    if len(segments) not in _LEVEL_BY_SEGMENTS:
        raise KodeTidakValid(
            f'Kode "{raw}" tidak valid: {len(segments)} segmen; kode harus terdiri atas 1, 2, 3, 5 atau 6 segmen.',
            code="jumlah_segmen",
        )
    widths = _segment_widths(panjang_sub_kegiatan)
    normalised = []
    for index, segment in enumerate(segments):
        width = widths[index]
        if len(segment) > width:
            raise KodeTidakValid(
                f'Kode "{raw}" tidak valid: segmen {_SEGMENT_NAMES[index]} "{segment}" melebihi {width} digit.',
                code="panjang_segmen",
            )
        normalised.append(segment.zfill(width))
    if normalised[0] == "0":
        raise KodeTidakValid(f'Kode "{raw}" tidak valid: kode urusan tidak boleh 0.', code="urusan_nol")
    if len(normalised) >= 5 and normalised[3] not in {"1", "2"}:
        raise KodeTidakValid(
            f'Kode "{raw}" tidak valid: segmen jenis pemda "{segments[3]}" harus 1 (provinsi) atau 2 (kabupaten/kota).',
            code="jenis_pemda",
        )
    return ".".join(normalised)


def level_kode(kode):
    """Level (urusan … sub kegiatan) of a normalised code."""
    return _LEVEL_BY_SEGMENTS[len(kode.split("."))]


def kode_induk(kode):
    """Code of the parent node, or None for an urusan. A kegiatan's parent is its program."""
    segments = kode.split(".")
    if len(segments) == 1:
        return None
    if len(segments) == 5:
        return ".".join(segments[:3])
    return ".".join(segments[:-1])


def dalam_bidang(kode, bidang):
    """Whether ``kode`` lies in one of the bidang urusan codes ``bidang`` (an OPD without any
    bidang urusan recorded may use every code)."""
    return not bidang or any(kode.startswith(f"{b}.") for b in bidang)


def validasi_daftar_kode(rows, panjang_sub_kegiatan=2, kode_tersedia=()):
    """Validate a list of (nomor_baris, kode_mentah) as one tree.

    Returns ``(kode_normal, kesalahan)``: the normalised codes in input order and a
    list of Indonesian messages, each naming the row and the value. Checks: every code
    normalises, no duplicates, and every code's parent is in the list or in
    ``kode_tersedia`` (spec §3.3 rules 4 and 5).
    """
    known = set(kode_tersedia)
    normal = []
    errors = []
    seen = {}
    for baris, raw in rows:
        try:
            kode = normalisasi_kode(raw, panjang_sub_kegiatan)
        except KodeTidakValid as exc:
            errors.append(f"Baris {baris}, kolom kode: {exc.messages[0]}")
            normal.append(None)
            continue
        if kode in seen:
            errors.append(
                f'Baris {baris}, kolom kode: kode "{raw}" ({kode}) ganda; sudah dipakai di baris {seen[kode]}.'
            )
        seen[kode] = baris
        normal.append(kode)
    present = known | set(seen)
    for (baris, raw), kode in zip(rows, normal, strict=True):
        if kode is None:
            continue
        induk = kode_induk(kode)
        if induk is not None and induk not in present:
            errors.append(f'Baris {baris}, kolom kode: induk "{induk}" dari kode "{raw}" tidak ditemukan.')
    return normal, errors
