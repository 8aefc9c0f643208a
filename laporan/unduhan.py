"""A report of a Renja as a download: which report (the document, one table, the evaluation
form of a triwulan), format, paper and Tabel 2.2 window; its context for the renderers, its
file name, its cache key and its bytes. The pages (``views.py``) show the same context as HTML;
the PDF and the document's workbook are made by a worker (``laporan.tugas``)."""

from django.http import Http404

from laporan.builders import BUILDERS, evaluasi_hasil_renja, kinerja_pelayanan
from laporan.builders.bukti_dukung import lampiran_bukti_dukung
from laporan.builders.evaluasi_hasil import ROMAWI
from laporan.dokumen import susun_dokumen
from laporan.identitas import Identitas
from laporan.pdf import tulis_pdf
from laporan.xlsx import tulis_xlsx

KERTAS = ("a4", "f4")


def opsi(laporan, kwargs, get):
    """The parameters of a download from the URL's ``kwargs`` and query ``get``."""
    kertas = get.get("kertas", "a4")
    return {
        "laporan": laporan,
        "tabel": kwargs.get("tabel", ""),
        "triwulan": kwargs.get("triwulan", 0),
        "format": kwargs.get("format", ""),
        "kertas": kertas if kertas in KERTAS else "a4",
        "jendela": "renstra" if get.get("jendela") == "renstra" else "",
    }


def periksa(o):
    """``o`` if it names a report there is, else "not found"."""
    if o["laporan"] == "tabel" and o["tabel"] not in BUILDERS:
        raise Http404("Tabel tidak dikenal.")
    if o["laporan"] == "evaluasi" and o["triwulan"] not in (1, 2, 3, 4):
        raise Http404("Triwulan tidak dikenal.")
    return o


def _pelayanan(o):
    """Tabel 2.2 shows n-2…n+1 as in the regulation, or with ?jendela=renstra the whole Renstra."""
    return {"tahun": "renstra"} if o["jendela"] else {}


def isi(renja, o):
    """The renderers' context for the report ``o`` of ``renja``."""
    periksa(o)
    if o["laporan"] == "dokumen":
        dokumen = susun_dokumen(renja, **_pelayanan(o))
        laporan = {"dokumen": dokumen, "daftar_tabel": dokumen.semua_tabel, "judul": dokumen.judul}
        laporan["identitas"] = Identitas(renja)  # the cover and the signature at the end
    else:
        if o["laporan"] == "tabel":
            builder = BUILDERS[o["tabel"]]
            tabel = builder(renja, **_pelayanan(o)) if builder is kinerja_pelayanan else builder(renja)
            daftar = [tabel]
        else:
            tabel = evaluasi_hasil_renja(renja, o["triwulan"])
            daftar = [tabel, lampiran_bukti_dukung(renja, o["triwulan"])]  # the form, then its attachments
        laporan = {"tabel": tabel, "daftar_tabel": daftar, "judul": tabel.judul}
    return {
        "renja": renja,
        "kertas": o["kertas"],
        "kepala_halaman": kepala_halaman(renja, o),
        "judul_pendek": renja.opd.pemda.nama,
        **laporan,
    }


def kepala_halaman(renja, o):
    """The running header of the print: the Renja and its year, or for the evaluation form the
    year it evaluates (n-1, the form's "Periode Pelaksanaan") and its triwulan."""
    if o["laporan"] == "evaluasi":
        triwulan = ROMAWI[o["triwulan"] - 1]
        return f"Evaluasi Hasil Renja {renja.opd.nama} Tahun {renja.tahun - 1}, Triwulan {triwulan}"
    return f"Renja {renja.opd.nama} Tahun {renja.tahun}"


def bagian_nama(o):
    return {"dokumen": "dokumen", "tabel": o["tabel"], "evaluasi": f"evaluasi-tw{o['triwulan']}"}[o["laporan"]]


def nama(renja, o):
    return f"renja-{renja.opd.singkatan.lower()}-{renja.tahun}-{bagian_nama(o)}.{o['format']}"


def kunci(renja, o):
    """The cache key of the download (with ``laporan.versi``'s version)."""
    return f"renja/{renja.pk}/{bagian_nama(o)}.{o['format']}?kertas={o['kertas']}&jendela={o['jendela']}"


def oleh_pekerja(o):
    """PDFs and the whole document's workbook take seconds: a worker makes them. A table's or
    a form's workbook takes a fraction of a second and is written in the request."""
    return o["format"] == "pdf" or o["laporan"] == "dokumen"


def tulis(context, o, maju=None):
    """Bytes of the download ``o`` from its ``context``; ``maju(selesai, jumlah)`` reports progress."""
    if o["format"] == "xlsx":
        dokumen = context.get("dokumen")
        data = tulis_xlsx(context["daftar_tabel"], context["kertas"], dokumen.narasi_teks if dokumen else ())
        if maju:
            maju(1, 1)
        return data
    return tulis_pdf(context, maju=maju)
