"""Comparing names across tables and documents."""

import difflib
import re


def kunci_nama(text):
    """Comparison key for names (indicators, nodes): case, spacing and punctuation ignored,
    and the common spellings of "persentase" unified."""
    text = (text or "").lower()
    text = re.sub(r"\b(prosentase|presentase)\b", "persentase", text)
    return re.sub(r"[^0-9a-z]", "", text)


def salah_ketik(text, other):
    """Whether ``text`` reads as a typo of ``other``: some word is spelled differently. Names that
    differ only by whole words added or left out ("Dana Alokasi Khusus Fisik" and "... Non
    Fisik") are two names, not a typo."""
    words, other_words = re.findall(r"[0-9a-z]+", text.lower()), re.findall(r"[0-9a-z]+", other.lower())
    ops = difflib.SequenceMatcher(a=words, b=other_words, autojunk=False).get_opcodes()
    return any(tag == "replace" for tag, *_ in ops)


def kunci_nomor(nomor):
    """Sort key of an outline number such as "1.10": numerically by segment, so that "1.2"
    comes before "1.10" (the database would sort the text "1.10" first)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in (nomor or "").split("."))


def bersihkan_nip(text):
    """An NIP as typed, with spaces, dots or dashes between its groups, as its 18 digits ("" for
    none); ValueError with the reason in Indonesian when it is not 18 digits."""
    nip = re.sub(r"[\s.\-]", "", text or "")
    if nip and not re.fullmatch(r"\d{18}", nip):
        raise ValueError(f"NIP harus 18 angka (terbaca {len(nip)} karakter)")
    return nip


def format_nip(nip):
    """An NIP as printed: birth date, appointment month, sex, number ("19630801 199403 1 005")."""
    if not re.fullmatch(r"\d{18}", nip or ""):
        return nip or ""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def karakter_kendali(text):
    """The control characters in ``text`` other than line breaks and tabs, as "kode N" (sorted):
    a NUL or a bell pasted from a binary file cannot be stored (PostgreSQL refuses a NUL) or printed."""
    return sorted({f"kode {ord(c)}" for c in text if ord(c) < 32 and c not in "\n\r\t"}, key=lambda k: int(k[5:]))


def teks_isian(text, panjang=None):
    """A free text a user typed in a grid or a file carries, checked for storing: no control
    character, at most ``panjang`` characters; ValueError with the reason in Indonesian."""
    if kendali := karakter_kendali(text):
        raise ValueError(f"memuat karakter kendali ({', '.join(kendali)}); hapus karakter itu")
    if panjang and len(text) > panjang:
        raise ValueError(f"terlalu panjang ({len(text)} huruf, paling banyak {panjang})")
    return text
