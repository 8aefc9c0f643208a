"""laporan.narasi: the one function that turns a planner's text into HTML (and plain text).
Hostile input must never reach a page or the PDF as anything executable; the markup a Renja
needs (paragraphs, legal lists, bold, italic) must come through."""

import re
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string

from laporan.narasi import TAG, bersihkan, narasi_html, narasi_teks

LEGAL = """Landasan hukum penyusunan Renja:

1. Undang-Undang Nomor 25 Tahun 2004;
2. Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017, yang mengatur:
   a. tata cara perencanaan;
   b. tata cara **pengendalian**;
   c. tata cara *evaluasi*.
3. Peraturan Daerah.

Baris pertama
baris kedua."""

BERBAHAYA = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![gambar](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<https://contoh.test/>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<iframe src=//evil.test></iframe>",
    "**<script>alert(1)</script>**",
    "*[a](javascript:alert(1))*",
    "1. <b onmouseover=alert(1)>x</b>\n   a. <script>y</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "```\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "<!-- <script>alert(1)</script> -->",
    "[ref]: javascript:alert(1)\n\n[klik][ref]",
    '<p onclick="alert(1)">x</p>',
    "<style>body{display:none}</style>",
    "\x00<script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</script>",
    "# Judul <script>alert(1)</script>",
    "> kutipan <img src=x onerror=alert(1)>",
]


class _Unsur(HTMLParser):
    """Every element an HTML parser (as a browser would) finds: (tag, {attribute: value})."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.unsur = []

    def handle_starttag(self, tag, attrs):
        self.unsur.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def _unsur(html):
    parser = _Unsur()
    parser.feed(html)
    parser.close()
    return parser.unsur


def _tag(html):
    """(tag, attributes) of every start tag, read by the regular expression a sanitiser's bug
    would slip past: attributes as written."""
    return re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>", html)


def test_daftar_hukum_bertingkat():
    html = narasi_html(LEGAL)
    assert html == (
        "<p>Landasan hukum penyusunan Renja:</p>\n"
        "<ol>\n<li>Undang-Undang Nomor 25 Tahun 2004;</li>\n"
        "<li>Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017, yang mengatur:\n"
        '<ol type="a">\n<li>tata cara perencanaan;</li>\n'
        "<li>tata cara <strong>pengendalian</strong>;</li>\n"
        "<li>tata cara <em>evaluasi</em>.</li>\n</ol>\n</li>\n"
        "<li>Peraturan Daerah.</li>\n</ol>\n"
        "<p>Baris pertama<br>\nbaris kedua.</p>"
    )


def test_daftar_mulai_dari_huruf_atau_angka_lain():
    assert narasi_html("c. tiga\nd. empat") == '<ol type="a" start="3">\n<li>tiga</li>\n<li>empat</li>\n</ol>'
    assert narasi_html("B. dua") == '<ol type="A" start="2">\n<li>dua</li>\n</ol>'
    assert narasi_html("4. empat\n5. lima") == '<ol start="4">\n<li>empat</li>\n<li>lima</li>\n</ol>'
    assert narasi_html("- satu\n- dua") == "<ul>\n<li>satu</li>\n<li>dua</li>\n</ul>"


def test_teks_polos_untuk_xlsx():
    assert narasi_teks(LEGAL) == (
        "Landasan hukum penyusunan Renja:\n\n"
        "1. Undang-Undang Nomor 25 Tahun 2004;\n"
        "2. Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017, yang mengatur:\n"
        "   a. tata cara perencanaan;\n"
        "   b. tata cara pengendalian;\n"
        "   c. tata cara evaluasi.\n"
        "3. Peraturan Daerah.\n\n"
        "Baris pertama\nbaris kedua."
    )
    assert narasi_teks("c. tiga\nd. empat\n\n- butir") == "c. tiga\nd. empat\n\n• butir"
    assert narasi_teks("") == "" and narasi_html("   \n") == ""


@pytest.mark.parametrize("teks", BERBAHAYA)
def test_tidak_ada_yang_dapat_dijalankan(teks):
    html = str(narasi_html(teks))
    for name, attrs in _tag(html):
        assert name in TAG, (teks, html)
        assert attrs == "" or (name == "ol" and re.fullmatch(r'( type="[1aA]"| start="\d+")+', attrs)), (teks, html)
    for tag, attrs in _unsur(html):  # as a browser parses it
        assert tag in TAG and set(attrs) <= ({"type", "start"} if tag == "ol" else set()), (teks, html)
    assert "<" not in re.sub(r"</?(p|ol|ul|li|strong|em|br)( [^>]*)?>", "", html), (teks, html)
    # What the user typed is kept as text, escaped, not dropped silently.
    if "alert(1)" in teks and "&#" not in teks and "base64" not in teks:
        assert "alert(1)" in html, (teks, html)


def test_penyaring_sendiri_menolak_html_mentah():
    """Should the parser ever let raw HTML through, nh3 keeps only the allowlist: no element,
    attribute or URL beyond it, and a list type or start that is not ours is dropped."""
    html = (
        '<ol type="i" start="1;x" onclick="alert(1)"><li><a href="javascript:alert(1)">a</a>'
        '<script>alert(1)</script><img src=x onerror=alert(1)><strong style="x">b</strong></li></ol>'
        '<ol type="a" start="3"><li>c</li></ol><p class="x" id="y">d<!-- e --></p>'
    )
    assert bersihkan(html) == '<ol><li>a<strong>b</strong></li></ol><ol type="a" start="3"><li>c</li></ol><p>d</p>'


def test_teks_polos_tidak_menjadi_html():
    """Raw HTML stays literal text in the plain rendering (the workbook writes it as text)."""
    assert narasi_teks("<b>x</b> **y**") == "<b>x</b> y"


def test_html_cetak_tidak_memuat_skrip(bappeda):
    """Hostile narrative in every section and the Kata Pengantar: the PDF's HTML and the
    on-screen document hold the text escaped, never as markup."""
    from laporan import unduhan
    from laporan.dokumen import susun_dokumen
    from renja.models import BagianNarasi

    # a NUL is refused on save (kerja.narasi; PostgreSQL cannot store it): the stored text has none
    hostile = "\n\n".join(t for t in BERBAHAYA if "\x00" not in t)
    for kunci in BagianNarasi.Kunci.values:
        BagianNarasi.objects.update_or_create(renja=bappeda, kunci=kunci, defaults={"isi": hostile})
    o = unduhan.opsi("dokumen", {"format": "pdf"}, {})
    html = render_to_string("laporan/cetak.html", {**unduhan.isi(bappeda, o), "cetak": True})
    layar = render_to_string("laporan/_isi_dokumen.html", {"dokumen": susun_dokumen(bappeda)})
    for text in (html, layar):
        # the appendix's drawings are the app's own SVG (their text escaped: tests/laporan/test_pohon.py)
        body = text.split("<body>", 1)[-1].split('<section class="pohon-halaman"', 1)[0]
        unsur = _unsur(body)
        assert unsur and not [t for t, _ in unsur if t in ("script", "img", "svg", "iframe", "style", "object")]
        for tag, attrs in unsur:
            assert not [a for a in attrs if a.startswith("on") or a == "src"], (tag, attrs)
            assert "url(" not in str(attrs.get("style", "")), (tag, attrs)
            assert not str(attrs.get("href", "")).lower().startswith(("javascript", "data")), (tag, attrs)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body  # kept, as text
    assert html.count("KATA PENGANTAR") == 2  # its page and its entry in the Daftar Isi
