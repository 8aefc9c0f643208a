"""Writing a bench's results: a section of its own, between two markers, in a Markdown file
(bench/RESULTS.md, bench/BEBAN.md) that other benches write too."""

import os
import platform
import re
from datetime import datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def tulis_bagian(path, tanda, judul, keterangan, baris, kolom=("ukuran", "detik", "MB", "catatan"), catatan=""):
    """Replace (or append) the section ``tanda`` of ``path``: a heading ``judul``, a line saying
    when, where and under what machine load (``keterangan`` added), and a table of ``baris``
    (tuples of cells; floats printed with 3 decimals), then ``catatan`` (Markdown). Returns the
    section."""
    awal, akhir = f"<!-- {tanda}:awal -->", f"<!-- {tanda}:akhir -->"
    cells = [[f"{c:.3f}" if isinstance(c, float) else str(c) for c in row] for row in baris]
    table = "\n".join("| " + " | ".join(row) + " |" for row in cells)
    section = (
        f"{awal}\n## {judul}\n\n{datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, Python "
        f"{platform.python_version()}, beban mesin (load average 1 menit) {os.getloadavg()[0]:.1f} pada "
        f"{os.cpu_count()} inti; {keterangan}\n\n"
        f"| {' | '.join(kolom)} |\n|{'---|' * len(kolom)}\n{table}\n{catatan and catatan + chr(10)}{akhir}"
    )
    return ganti_bagian(path, section, awal, akhir)


def ganti_bagian(path, section, awal, akhir):
    """Put ``section`` (starting with the marker ``awal``, ending with ``akhir``) into the file
    ``path`` in place of the one there, or at its end; returns it."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if awal in text:
        text = re.sub(re.escape(awal) + ".*?" + re.escape(akhir), lambda m: section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
    return section
