"""Comparing names across tables and documents."""

import re


def kunci_nama(text):
    """Comparison key for names (indicators, nodes): case, spacing and punctuation ignored,
    and the common spellings of "persentase" unified."""
    text = (text or "").lower()
    text = re.sub(r"\b(prosentase|presentase)\b", "persentase", text)
    return re.sub(r"[^0-9a-z]", "", text)


def kunci_nomor(nomor):
    """Sort key of an outline number such as "1.10": numerically by segment, so that "1.2"
    comes before "1.10" (the database would sort the text "1.10" first)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in (nomor or "").split("."))
