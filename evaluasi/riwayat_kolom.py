"""Where the columns of a Tabel 2.1 (T-C.29) file are: by the regulation's number row under the
header, else by each header's words and the years of Renja n (the regulation's and the seeds'
wordings), with a satuan column in front of a value under the same merged header."""

import re

from renja.berkas import BerkasTidakSah, kunci_judul
from renja.impor import baris_nomor_kolom

MASUKAN = ("k4", "k5", "k6", "k7", "k9")
LABEL = {"k4": "kolom 4", "k5": "kolom 5", "k6": "kolom 6", "k7": "kolom 7", "k9": "kolom 9"}
LABEL |= {"k8": "kolom 8", "k10": "kolom 10", "k11": "kolom 11"}


def jenis_kolom(text, n):
    """Which T-C.29 column a header names (k4 … k11), by its words and the years of Renja ``n``
    (the regulation's and the seeds' wordings), or None."""

    def ada(*words):
        return any(re.search(rf"\b{w}\b", text) for w in words)

    if ada("tingkat capaian") or (ada("tingkat") and ada("renstra")):
        return "k11"
    if ada("tingkat"):
        return "k8"
    if ada("realisasi") and ada("s d", "sd", "sampai dengan") and ada("berjalan", str(n - 1), "n 1"):
        return "k10"
    if ada("realisasi") and ada(str(n - 3), "n 3"):
        return "k5"
    if ada("realisasi") and ada(str(n - 2), "n 2", "lalu"):
        return "k7"
    if ada("target") and ada("akhir", "renstra") and not ada("renja"):
        return "k4"
    if ada("target") and ada(str(n - 2), "n 2", "lalu"):
        return "k6"
    if ada("target") and ada(str(n - 1), "n 1", "berjalan"):
        return "k9"
    return None


def kolom_nilai(rows, header, found, n):
    """{k4 … k11: (value column, satuan column or None)}: by the number row under the header
    when it numbers 4 to 9, else by each header's own text (a sub-header, else the group title
    above it). A column followed by one without a header of its own is a satuan column with its
    value beside it (the seeds print the satuan in front of kolom 4, 6, 7, 9)."""
    out = {}
    if sub_kepala(rows, header, found):
        header += 1
    nomor = rows[header + 1] if header + 1 < len(rows) else []
    if baris_nomor_kolom(nomor):
        for col, value in enumerate(nomor):
            match = re.match(r"^\s*(\d+)", str(value or ""))
            if match and f"k{int(match.group(1))}" in (*MASUKAN, "k8", "k10", "k11"):
                out.setdefault(f"k{int(match.group(1))}", col)
    if not all(k in out for k in MASUKAN):
        out = {}
        above = rows[header - 1] if header > 0 else []
        if sum(1 for v in above if v not in (None, "")) < 2:
            above = []
        carried = ""
        for col, low in enumerate(rows[header]):
            if col < len(above) and above[col] not in (None, ""):
                carried = str(above[col])
            own = kunci_judul(low) or kunci_judul(carried if col < len(above) and above[col] else "")
            if col not in found.values() and (kind := jenis_kolom(own, n)):
                out.setdefault(kind, col)
    missing = [LABEL[k] for k in MASUKAN if k not in out]
    if missing:
        raise BerkasTidakSah(
            f"Kolom Tabel 2.1 tidak ditemukan: {', '.join(missing)}. Judul kolom harus menyebut target akhir Renstra, "
            f"realisasi s/d {n - 3}, target dan realisasi {n - 2}, target {n - 1} (atau baris nomor kolom 1 2 3 4 …)."
        )
    used = set(found.values()) | set(out.values())
    texts = [kunci_judul(v) for v in rows[header]]
    pairs = {}
    for key, col in out.items():
        nxt = col + 1
        free = nxt < len(texts) and not texts[nxt] and nxt not in used
        pairs[key] = (nxt, col) if free and not (header > 0 and _teks(rows[header - 1], nxt)) else (col, None)
    return pairs


def sub_kepala(rows, header, found):
    """Whether the row under the header row ``cari_kolom`` chose is the lower row of a two-row
    header (group sub-headers: empty under Kode and Indikator, some text, not the number row)."""
    if header + 1 >= len(rows):
        return False
    row = rows[header + 1]
    return (
        not baris_nomor_kolom(row)
        and all(not _teks(row, found[k]) for k in ("kode", "indikator"))
        and any(re.search(r"[A-Za-z]", str(v)) for v in row if v not in (None, ""))
    )


def _teks(row, col):
    return col < len(row) and row[col] not in (None, "")
