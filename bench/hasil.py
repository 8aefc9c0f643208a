"""Writing one bench's section into bench/RESULTS.md, shared by the benchmark scripts."""

import os
import platform
import re
from datetime import datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def tulis_bagian(kunci, judul, keterangan, rows, basis="SQLite"):
    """Replace (or append) the section between ``<!-- kunci:awal -->`` and ``<!-- kunci:akhir -->``
    with ``judul``, the date, machine, ``basis`` (the database and data) and load, ``keterangan`` and a table of ``rows`` (name,
    seconds, MB, note); returns the section."""
    awal, akhir = f"<!-- {kunci}:awal -->", f"<!-- {kunci}:akhir -->"
    table = "\n".join(f"| {name} | {seconds:.3f} | {mem} | {note} |" for name, seconds, mem, note in rows)
    section = (
        f"{awal}\n## {judul}\n\n{datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, "
        f"Python {platform.python_version()}, {basis}, beban mesin (load average 1 menit) {os.getloadavg()[0]:.1f} "
        f"pada {os.cpu_count()} inti ({keterangan})\n\n"
        f"| ukuran | detik | MB | catatan |\n|---|---|---|---|\n{table}\n{akhir}"
    )
    return ganti_bagian(section, awal, akhir)


def ganti_bagian(section, awal, akhir):
    """Put ``section`` (starting with the marker ``awal``, ending with ``akhir``) into
    bench/RESULTS.md in place of the one there, or at its end; returns it."""
    text = RESULTS.read_text()
    if awal in text:
        text = re.sub(re.escape(awal) + ".*?" + re.escape(akhir), lambda m: section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RESULTS.write_text(text)
    return section
