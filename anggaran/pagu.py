"""Pagu roll-ups and budget absorption as pure functions (Decimal/None in and out).

Only the sub kegiatan carries pagu; every parent total is computed here (spec §4.6,
Tabel T-C.33 kolom 11 and 15 and the TOTAL KERANGKA PENDANAAN row).
"""

from collections import defaultdict
from decimal import Decimal

from renja.kode import kode_induk

SERATUS = Decimal(100)


def jumlah(nilai):
    """Σ of the values present; None when none is present (a node with nothing planned)."""
    present = [Decimal(v) for v in nilai if v is not None]
    return sum(present, Decimal(0)) if present else None


def rollup_kode(pagu_sub_kegiatan):
    """Totals per kegiatan and program code from ``{kode sub kegiatan: pagu}``, plus the OPD
    total under the key "" (T-C.33 kolom 11/15 of kegiatan and program rows and the footer).
    A sub kegiatan's own entry is kept. Empty pagu (None) are left out of the sums."""
    children = defaultdict(list)
    for kode, pagu in pagu_sub_kegiatan.items():
        kegiatan = kode_induk(kode)
        program = kode_induk(kegiatan)
        for key in (kode, kegiatan, program, ""):
            children[key].append(pagu)
    return {key: jumlah(values) for key, values in children.items()}


def rollup_renstra(total_program, program_per_sasaran, sasaran_per_tujuan):
    """Pagu of sasaran and tujuan rows: Σ of the programs mapped to each sasaran, and Σ of a
    tujuan's sasaran (T-C.33 extended layout). Targets are never aggregated; only money."""
    sasaran = {
        key: jumlah(total_program.get(program) for program in programs) for key, programs in program_per_sasaran.items()
    }
    tujuan = {key: jumlah(sasaran.get(s) for s in daftar) for key, daftar in sasaran_per_tujuan.items()}
    return sasaran, tujuan


def realisasi_anggaran(triwulan):
    """Budget realised in a year from its quarters' spending (TW I + II + III + IV)."""
    return jumlah(triwulan)


def penyerapan(realisasi, pagu):
    """Penyerapan anggaran (%) = realisasi / pagu × 100; None when pagu is empty or 0."""
    if realisasi is None or pagu in (None, 0):
        return None
    return Decimal(realisasi) / Decimal(pagu) * SERATUS


def selisih_induk(dicetak, anak, toleransi=Decimal(0)):
    """Difference printed parent − Σ children, or None when they agree within ``toleransi``
    (for imported legacy data: |Δ| ≤ number of children Rupiah, spec §4.6)."""
    total = jumlah(anak)
    if dicetak is None or total is None:
        return None
    delta = Decimal(dicetak) - total
    return None if abs(delta) <= toleransi else delta


def melebihi_batas(nilai, batas):
    """Amount by which ``nilai`` exceeds ``batas`` (e.g. a Tabel 4.2/4.3 row's pagu against its
    linked node's pagu, spec §2.8 and check P-06), or None when it does not."""
    if nilai is None or batas is None:
        return None
    lebih = Decimal(nilai) - Decimal(batas)
    return lebih if lebih > 0 else None


def rekap_plafon(pagu_item, plafon):
    """Pagu against the ceilings of an OPD and year. ``pagu_item`` is [(sumber dana id, pagu)]
    of the sub kegiatan rows; ``plafon`` is {sumber dana id, or None for the whole OPD: ceiling}.
    One row per ceiling, the total first: (key, Σ pagu, ceiling, sisa = ceiling − Σ pagu, lebih =
    the amount above the ceiling or None). Empty pagu count as nothing planned."""
    per_dana = {}
    for dana, pagu in pagu_item:
        if pagu is not None:
            per_dana[dana] = per_dana.get(dana, Decimal(0)) + Decimal(pagu)
    total = sum(per_dana.values(), Decimal(0))
    rows = []
    for key in sorted(plafon, key=lambda k: (k is not None, k or 0)):
        pagu = total if key is None else per_dana.get(key, Decimal(0))
        rows.append((key, pagu, plafon[key], Decimal(plafon[key]) - pagu, melebihi_batas(pagu, plafon[key])))
    return rows
