"""A Pemda's legacy code tree (spec §3.4, R-5): the programs and kegiatan of a Renstra written
before Permendagri 90, evaluated in Tabel 2.1 with their own codes and names.

They are held as a ``NomenklaturVersi`` with ``lama=True`` belonging to the Pemda (kode
``lama-<kode wilayah>``, dots as hyphens), whose ``Nomenklatur`` nodes keep the code as the file
writes it (spaces removed: ``4001,01``, ``4001.400101.01.003``) and the name as the Renstra
wrote it. An OPD's ``Program`` and ``Kegiatan`` may point at them (``renja.struktur.node_opd``); a
``KodeCrosswalk`` from the legacy version maps a legacy node to the current one (Tabel 2.1
then joins them, ``padanan``). Legacy nodes are never in the Pemda's current version, so the
nomenclature search, the workspace, T-C.31 and T-C.33 (all of the current version or of the
Renja's rows) never show them.

The level of a legacy code comes from the file's context (``tingkat_lama``): a code is a
kegiatan when it lies under the legacy program row above it, otherwise a program.
"""

import re

from renja import kode as kodefikasi
from renja.models import KodeCrosswalk, Nomenklatur, NomenklaturVersi
from renja.sel import SelTidakSah
from renja.teks import kunci_nama

PROGRAM, KEGIATAN = kodefikasi.PROGRAM, kodefikasi.KEGIATAN


def kode_versi_lama(pemda):
    return "lama-" + re.sub(r"[^0-9a-z]+", "-", pemda.kode.lower()).strip("-")


def versi_lama(pemda, buat=False):
    """The legacy code tree of ``pemda`` (None when it has none yet and ``buat`` is false)."""
    found = NomenklaturVersi.objects.filter(kode=kode_versi_lama(pemda)).first()
    if found is None and buat:
        found = NomenklaturVersi.objects.create(
            kode=kode_versi_lama(pemda),
            nama=f"Kode lama (sebelum Permendagri 90) {pemda.nama}",
            lama=True,
            pemda=pemda,
            sumber="Dibuat oleh impor dari kode dan nama seperti tertulis di dokumen Pemda.",
        )
    return found


def segmen(kode):
    return re.split(r"[.,]", str(kode))


def di_bawah(kode, program):
    """Whether legacy code ``kode`` lies under legacy program code ``program``: it has more
    segments and starts with the program's code (``4001.400101.13`` → ``4001.400101.13.001``),
    or shares its first segment (the unit) and has the program's number as its last-but-one
    segment (``4001,01`` → ``4001.400101.01.001``, the sub-unit between)."""
    anak, induk = segmen(kode), segmen(program)
    if len(anak) <= len(induk):
        return False
    return anak[: len(induk)] == induk or (anak[0] == induk[0] and anak[-2] == induk[-1])


def tingkat_lama(kode, program=None):
    """The level of legacy code ``kode`` given the legacy program code of the row above it (or
    None): KEGIATAN when it lies under that program (``di_bawah``), otherwise PROGRAM. A code of
    four or more segments (unit.sub-unit.program.kegiatan) that is not under the program above
    is refused: it is a kegiatan printed under the wrong program."""
    if program and di_bawah(kode, program):
        return KEGIATAN
    if len(segmen(kode)) >= 4:
        letak = f"program {program} di atasnya" if program else "program mana pun di atasnya"
        raise SelTidakSah(f"kode lama {kode} berbentuk kode kegiatan tetapi tidak berada di bawah {letak}")
    return PROGRAM


def periksa_node(node, nama, level, induk_kode):
    """SelTidakSah when the stored legacy ``node`` disagrees with what a file says of it (another
    name, level or parent): a legacy code names one thing per Pemda."""
    if node.level != level:
        raise SelTidakSah(f"kode lama {node.kode} sudah tersimpan sebagai {node.get_level_display()}, bukan {level}")
    if kunci_nama(node.nama) != kunci_nama(nama):
        raise SelTidakSah(f"kode lama {node.kode} sudah tersimpan dengan nama '{node.nama}', di berkas '{nama}'")
    stored = node.induk.kode if node.induk_id else None
    if stored != induk_kode:
        raise SelTidakSah(
            f"kode lama {node.kode} sudah tersimpan di bawah {stored or 'tanpa induk'}, di berkas {induk_kode}"
        )


def node_lama(pemda, kode, nama, level, induk=None):
    """Find or create the legacy node ``kode`` (as written, spaces removed) of ``pemda``'s
    legacy tree with the Renstra's ``nama``, ``level`` (program or kegiatan) and ``induk`` (its
    legacy program node, for a kegiatan). SelTidakSah when the code is already held with another
    name, level or parent. Shared by the riwayat and renstra imports."""
    kode = re.sub(r"\s+", "", str(kode))
    nama = " ".join(str(nama or "").split())
    if not nama:
        raise SelTidakSah(f"kode lama {kode} tanpa nama: tulis nama program/kegiatan seperti dalam Renstra")
    versi = versi_lama(pemda, buat=True)
    node = Nomenklatur.objects.filter(versi=versi, kode=kode).select_related("induk").first()
    if node is not None:
        periksa_node(node, nama, level, induk.kode if induk else None)
        return node
    return Nomenklatur.objects.create(versi=versi, kode=kode, level=level, nama=nama[:400], induk=induk)


def padanan(versi):
    """{legacy code: current Nomenklatur} of the crosswalk out of legacy version ``versi``."""
    return {c.dari_kode: c.ke for c in KodeCrosswalk.objects.filter(dari_versi=versi).select_related("ke")}
