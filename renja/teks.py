"""Comparing names across tables and documents."""

import re


def kunci_nama(text):
    """Comparison key for names (indicators, nodes): case, spacing and punctuation ignored,
    and the common spellings of "persentase" unified."""
    text = (text or "").lower()
    text = re.sub(r"\b(prosentase|presentase)\b", "persentase", text)
    return re.sub(r"[^0-9a-z]", "", text)
