"""The Renja as finalised (a PenetapanRenja's snapshot of the grid) and what a Renja Perubahan
changed against it."""

from kerja.ruang_kerja import GRID, KOLOM


def potret(grid):
    """Every cell of the grid as shown, for a PenetapanRenja: {kunci: [baris, kolom, teks]}. A
    sub kegiatan's cells are keyed by its code and an indicator's by its id, so that they are
    the same keys in a later revision; each node is present under ``node:<kode>``."""
    labels = dict(GRID)
    out = {}
    for row in grid.baris:
        if row.pertama:
            nama = next(cell.teks for cell in row.sel if cell.kolom == "nama")
            out[f"node:{row.kode}"] = [row.kode, "Program/Kegiatan/Sub Kegiatan", nama]
        for cell in row.sel:
            if not cell.obj:
                continue
            where = row.kode if KOLOM[cell.kolom].objek == "sub" else cell.id
            label = row.kode if KOLOM[cell.kolom].objek == "sub" else row.label
            out[f"{cell.kolom}:{where}"] = [label, labels[cell.kolom].format(n="n", n1="n+1"), cell.teks]
    return out


def beda(lama, baru):
    """The cells that differ between two snapshots (``potret``), in row order: (baris, kolom,
    dari, ke); a row added or removed shows as the node's name from or to nothing."""
    out = []
    for key in sorted(lama.keys() | baru.keys(), key=lambda k: ((lama.get(k) or baru.get(k))[0], k)):
        before, after = lama.get(key), baru.get(key)
        if (before or [None, None, ""])[2] != (after or [None, None, ""])[2]:
            row, kolom = (after or before)[:2]
            out.append((row, kolom, before[2] if before else "", after[2] if after else ""))
    return out
