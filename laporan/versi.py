"""The content version of an OPD's data: the key a rendered document is cached under.

Every model a document is made from keeps its history (django-simple-history), and every save
or delete through the app, the admin or an import writes a history row. The version of an OPD
is therefore, over each of those history tables, the latest ``history_date`` and the number of
rows that belong to the OPD: any save makes a new version (the count also catches a long
transaction that commits rows dated before another save), an unchanged OPD keeps its version.
Read in one query for any number of OPDs. A document reads only its own OPD's data (the Renja,
its Renstra, other years' targets and realisasi), so a save in another OPD leaves it cached.

Not covered: master data without history (the names of the Pemda and the OPD, unit kerja,
sumber dana, the nomenclature), changed by admins in the admin; ``RENDER`` is raised when the
print itself changes. A single Renja's documents add ``renja.identitas.cap_identitas`` (the
Pemda's logo, the Kepala Bappeda and the Peraturan, which no history of the OPD holds)."""

from django.apps import apps
from django.db.models import F, Func, OuterRef, Q, Subquery

from renja.identitas import cap_identitas, cap_identitas_banyak
from renja.models import PerangkatDaerah

RENDER = "3"  # 2: the narrative through laporan.narasi, the Kata Pengantar, the sheet "Narasi"; 3: Tabel 3.1 prints the Renstra target n

_INDIKATOR = (
    "tujuan__renstra__opd",
    "sasaran__tujuan__renstra__opd",
    "program__opd",
    "kegiatan__program__opd",
    "sub_kegiatan__kegiatan__program__opd",
)
# model → the paths from its history rows to the OPD (review notes are not in any document)
JALUR = {
    "renja.Program": ("opd",),
    "renja.Kegiatan": ("program__opd",),
    "renja.SubKegiatan": ("kegiatan__program__opd",),
    "renja.Renstra": ("opd",),
    "renja.Tujuan": ("renstra__opd",),
    "renja.Sasaran": ("tujuan__renstra__opd",),
    "renja.Indikator": _INDIKATOR,
    "renja.Target": tuple(f"indikator__{p}" for p in _INDIKATOR),
    "renja.Renja": ("opd",),
    "renja.RenjaSubKegiatan": ("renja__opd",),
    "renja.RancanganAwal": ("opd",),
    "renja.RancanganAwalIndikator": ("baris__opd",),
    "renja.BagianNarasi": ("renja__opd",),
    "renja.IndikatorPelayanan": ("renstra__opd",),
    "renja.NilaiPelayanan": ("indikator__renstra__opd",),
    "renja.UsulanPemangku": ("renja__opd",),
    "renja.RencanaPendapatan": ("renja__opd",),
    "renja.ProgramPrioritas": ("renja__opd",),
    "renja.UsulanRenjaKL": ("renja__opd",),
    "anggaran.RealisasiAnggaran": ("sub_kegiatan__kegiatan__program__opd",),
    "anggaran.PlafonAnggaran": ("opd",),
    "evaluasi.RealisasiKinerja": tuple(f"indikator__{p}" for p in _INDIKATOR),
    "evaluasi.PenjelasanTriwulan": tuple(f"indikator__{p}" for p in _INDIKATOR),  # the form's footer
    "evaluasi.BuktiDukung": ("renja__opd",),  # the form's Lampiran Bukti Dukung
}


def _ringkas(model, paths, fungsi, kolom):
    q = Q()
    for path in paths:
        q |= Q(**{path: OuterRef("pk")})
    history = apps.get_model(model).history.model
    rows = history.objects.filter(q).order_by().annotate(v=Func(F(kolom), function=fungsi)).values("v")
    return Subquery(rows)


def versi_opd(opd_ids):
    """{opd id: version string} of the OPDs ``opd_ids``, in one query."""
    annotations = {}
    for i, (model, paths) in enumerate(JALUR.items()):
        annotations[f"m{i}"] = _ringkas(model, paths, "MAX", "history_date")
        annotations[f"c{i}"] = _ringkas(model, paths, "COUNT", "history_id")
    rows = PerangkatDaerah.objects.filter(pk__in=opd_ids).annotate(**annotations).values("pk", *annotations)
    out = {}
    for row in rows:
        latest = max((row[f"m{i}"] for i in range(len(JALUR)) if row[f"m{i}"]), default=None)
        count = sum(row[f"c{i}"] or 0 for i in range(len(JALUR)))
        stamp = latest.isoformat() if hasattr(latest, "isoformat") else str(latest)
        out[row["pk"]] = f"v{RENDER}-{stamp}-{count}"
    return out


def versi_renja(renja):
    """The version a document of ``renja`` is cached under, and the penetapan it is kept with: a
    finalised Renja's documents are those of its latest penetapan, made once."""
    cap = cap_identitas(renja)  # the logo, the Kepala Bappeda and the Peraturan, not in the history
    if renja.status == renja.Status.DITETAPKAN:
        penetapan = renja.penetapan.order_by("-nomor").first()
        if penetapan:
            return f"v{RENDER}-penetapan-{penetapan.nomor}-{cap}", penetapan
    return f"{versi_opd([renja.opd_id])[renja.opd_id]}-{cap}", None


def versi_banyak(renja):
    """The version of the set of Renja ``renja`` (a ZIP of all their documents, cetak semua):
    each OPD's content version and each Renja's identity fingerprint, in a few queries
    whatever their number."""
    renja = list(renja)
    versi = versi_opd({r.opd_id for r in renja})
    caps = cap_identitas_banyak(renja)
    return ";".join(sorted(f"{r.opd_id}:{versi[r.opd_id]}:{r.status}:{caps[r.pk]}" for r in renja))
