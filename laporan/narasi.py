"""The one place where text a user wrote (a section of the narrative) becomes HTML, and its
plain-text rendering for the workbook. The on-screen document, the PDF, the XLSX and the
preview of the narrative page all call these two functions; nothing else turns user text into
HTML.

The text is Markdown (CommonMark, markdown-it-py) with raw HTML disabled and only the rules a
Renja needs: paragraphs, line breaks, **bold**, *italic*, numbered lists ("1.") and bulleted
lists ("-" or "*"), nested. Indonesian legal documents letter their second level ("a.", "b."):
such an item is read as an item of an ordered list with ``type="a"`` (``"A"`` for capitals).
Headings, links, images, code and quotes are switched off, so what they would be stays text.
The HTML is then cleaned by nh3 with an allowlist of exactly the tags emitted here and no
attribute but ``ol``'s ``type`` and ``start``: whatever a parser bug might let through, nothing
executable reaches a page or the PDF.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

TAG = {"p", "ol", "ul", "li", "strong", "em", "br"}
ATRIBUT = {"ol": {"type", "start"}}
JENIS_OL = {"1", "a", "A"}
# The Markdown rules switched off: what they would make is not part of a Renja's narrative.
MATI = [
    "code",
    "fence",
    "blockquote",
    "hr",
    "heading",
    "lheading",
    "reference",
    "html_block",
    "backticks",
    "link",
    "image",
    "autolink",
    "html_inline",
]
# A lettered item: indentation, one letter, "." or ")", a space (or the end of the line).
HURUF = re.compile(r"^(\s*)([a-zA-Z])([.)])(?=\s|$)")
PENANDA = re.compile(r"^\s*(?:[-*+]\s+)*([a-zA-Z]|\d+)[.)]")

_md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False, "typographer": False})
_md.disable(MATI)


def _saring_atribut(tag, atribut, nilai):
    """nh3's last word on an attribute's value: a list type of ours, a start that is a number."""
    if tag == "ol" and atribut == "type":
        return nilai if nilai in JENIS_OL else None
    if tag == "ol" and atribut == "start":
        return nilai if nilai.isdigit() and len(nilai) <= 4 else None
    return None


def _token(teks):
    """The parsed tokens of ``teks``, lettered items made ordered lists with their type."""
    baris = (teks or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # A letter is replaced by a digit of the same width, so that the indentation of what
    # follows (nested lists) is unchanged; the letter is read back from the original line.
    tokens = _md.parse("\n".join(HURUF.sub(r"\g<1>1\3", b) for b in baris))
    for index, token in enumerate(tokens):
        if token.type != "ordered_list_open":
            continue
        item = tokens[index + 1]
        penanda = PENANDA.match(baris[item.map[0]]) if item.map else None
        huruf = penanda.group(1) if penanda else ""
        if huruf.isalpha():
            token.attrSet("type", "a" if huruf.islower() else "A")
            nomor = ord(huruf.lower()) - ord("a") + 1
            if nomor > 1:
                token.attrSet("start", str(nomor))
            elif "start" in token.attrs:
                del token.attrs["start"]
    return tokens


def narasi_html(teks) -> SafeString:
    """The HTML of a section's text, safe to put in a page or the PDF as it is."""
    if not (teks or "").strip():
        return mark_safe("")
    return mark_safe(bersihkan(_md.renderer.render(_token(teks), _md.options, {})))


def bersihkan(html):
    """``html`` with only the allowlist's tags and attributes: the last guard, whatever the
    Markdown parser emits."""
    return nh3.clean(
        html,
        tags=TAG,
        attributes=ATRIBUT,
        attribute_filter=_saring_atribut,
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    ).strip()


def _penanda(jenis, nomor):
    if jenis in ("a", "A") and 1 <= nomor <= 26:
        huruf = chr(ord("a") + nomor - 1)
        return (huruf if jenis == "a" else huruf.upper()) + "."
    return f"{nomor}."


def _inline(token):
    """The text of an inline token: emphasis dropped, line breaks kept."""
    out = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type in ("text", "code_inline"):
            out.append(child.content)
    return "".join(out)


def narasi_teks(teks):
    """The same text as plain text (the workbook): paragraphs separated by a blank line, list
    items numbered ("1.", "a.") or bulleted ("•") and indented by their level."""
    blok, daftar, awalan = [], [], None  # daftar: per open list [ordered?, type, next number]
    for token in _token(teks):
        if token.type in ("ordered_list_open", "bullet_list_open"):
            if not daftar and blok:
                blok.append("")
            mulai = token.attrGet("start")
            daftar.append([token.type == "ordered_list_open", token.attrGet("type") or "1", int(mulai or 1)])
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            daftar.pop()
        elif token.type == "list_item_open":
            urut, jenis, nomor = daftar[-1]
            awalan = "   " * (len(daftar) - 1) + (_penanda(jenis, nomor) if urut else "•") + " "
            daftar[-1][2] += 1
        elif token.type == "inline":
            inden = "   " * len(daftar)
            if not daftar and blok:
                blok.append("")
            isi = _inline(token).replace("\n", "\n" + inden)
            blok.append((awalan or inden) + isi)
            awalan = None
    return "\n".join(blok).strip("\n")
