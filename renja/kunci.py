"""Whether the Renja or Renstra an object belongs to forbids changing it now, and why.

Outside the workflow's own actions nothing may write into a Renja, its rows, indicators or
targets unless that Renja is open (``Renja.terbuka``); nothing into a Renstra, its tujuan,
sasaran, their indicators or any Renstra target (renstra, akhir_renstra) unless that Renstra
is open (``Renstra.terbuka``). The admin site and the rancangan awal
import ask here, for one object or for many at once (a few queries, not one per object).
Komentar (written while diajukan), PenetapanRenja (never changed), PeraturanRenja (entered by
Bappeda once ditetapkan, renja.identitas; read-only in the admin) and realisasi (monitored
after finalisation) belong to no lock, so they are absent from ``PEMILIK``. The identity fields
of a Renja (tempat, tanggal, Kepala) are the Renja's own and locked with it. Tabel 2.2 (T-C.30)
is the Renstra's but printed by each Renja of it: an indicator is locked when every Renja of
its Renstra is closed, a value when every Renja whose window shows it is; the Renstra's own
lock on its indicators and targets is ``alasan_renstra``.
"""

from django.db.models import Q

from renja import models as m

# What the workflow offers to change a Renja in each closed status.
JALAN = {
    m.Renja.Status.DIAJUKAN: "Kembalikan ke OPD",
    m.Renja.Status.DIVERIFIKASI: "Tetapkan, lalu Buat Renja Perubahan",
    m.Renja.Status.DITETAPKAN: "Buat Renja Perubahan",
}
# The RenjaSubKegiatan path to each plan node: a node lies in every Renja with a row at or under it.
NODE = {
    "sub_kegiatan": "sub_kegiatan",
    "kegiatan": "sub_kegiatan__kegiatan",
    "program": "sub_kegiatan__kegiatan__program",
}
# What the workflow offers to change a Renstra that is adopted.
JALAN_RENSTRA = {m.Renstra.Status.DITETAPKAN: "Revisi Renstra"}
# Target n is set by the Renja of year n, the prakiraan maju of year n+1 by the Renja of year n;
# Renstra targets (renstra, akhir_renstra) by the OPD's Renstra whose period holds their year.
JENIS_RENSTRA = (m.Target.Jenis.RENSTRA, m.Target.Jenis.AKHIR_RENSTRA)
SELISIH_TAHUN = {m.Target.Jenis.RENJA: 0, m.Target.Jenis.PRAKIRAAN_MAJU: -1}
JALUR_OPD_INDIKATOR = (
    "sub_kegiatan__kegiatan__program",
    "kegiatan__program",
    "program",
    "sasaran__tujuan__renstra",
    "tujuan__renstra",
)


def alasan_renja(renja):
    """Why ``renja`` may not be changed now, or None while it is open."""
    if renja.terbuka:
        return None
    jalan = f" ({JALAN[renja.status]})" if renja.status in JALAN else ""
    return f"{renja} berstatus '{renja.get_status_display()}': hanya dapat diubah melalui alur kerja{jalan}."


def alasan_renstra(renstra):
    """Why ``renstra`` may not be changed now, or None while it is open."""
    if renstra.terbuka:
        return None
    jalan = f" ({JALAN_RENSTRA[renstra.status]})" if renstra.status in JALAN_RENSTRA else ""
    return f"{renstra} berstatus '{renstra.get_status_display()}': hanya dapat diubah melalui alur kerja{jalan}."


def _alasan_dokumen(dokumen):
    return alasan_renstra(dokumen) if isinstance(dokumen, m.Renstra) else alasan_renja(dokumen)


def alasan_terkunci(obj):
    """Why ``obj`` (of any model, saved or not yet) may not be written now, or None when it may."""
    return alasan_terkunci_semua([obj])[0]


def alasan_terkunci_semua(objs):
    """``alasan_terkunci`` of each of ``objs`` (a list or QuerySet, models may be mixed), in the
    same order, with a few queries per model rather than one per object."""
    objs = list(objs)
    out = [None] * len(objs)
    per_model = {}
    for index, obj in enumerate(objs):
        per_model.setdefault(type(obj), []).append(index)
    for model, indexes in per_model.items():
        pemilik = PEMILIK.get(model)
        if pemilik is None:
            continue
        for index, renja in zip(indexes, pemilik([objs[i] for i in indexes]), strict=True):
            out[index] = _alasan(renja)
    return out


def _alasan(dokumen):
    """Locked when at least one Renja (or Renstra) holds the object and none of them is open."""
    if not dokumen or any(d.terbuka for d in dokumen):
        return None
    urut = sorted(dokumen, key=lambda d: getattr(d, "tahun_awal", None) or d.tahun)
    return " ".join(_alasan_dokumen(d) for d in urut)


def _induk(objs, name, *related):
    """The object each of ``objs`` points to through the foreign key ``name`` (None when unset):
    one query for those not already loaded."""
    field = objs[0]._meta.get_field(name)
    ids = {getattr(o, field.attname) for o in objs if not field.is_cached(o)} - {None}
    found = field.related_model.objects.select_related(*related).in_bulk(ids) if ids else {}
    return [field.get_cached_value(o) if field.is_cached(o) else found.get(getattr(o, field.attname)) for o in objs]


def _renja_tahun(keys):
    """For each (opd id, tahun) of ``keys`` (or None), the Renja of that OPD and year as a list
    of one (empty when there is none), in one query for all."""
    wanted = {k for k in keys if k and None not in k}
    found = m.Renja.objects.select_related("opd").filter(
        opd__in={opd for opd, _ in wanted}, tahun__in={tahun for _, tahun in wanted}
    )
    found = {(r.opd_id, r.tahun): r for r in found} if wanted else {}
    return [[found[key]] if key in found else [] for key in keys]


def _renja_node(keys):
    """{(level, node id): [Renja]}: the Renja with a sub kegiatan row at or under each node."""
    keys = {k for k in keys if k}
    if not keys:
        return {}
    where = Q()
    for level, path in NODE.items():
        if ids := {pk for lv, pk in keys if lv == level}:
            where |= Q(**{f"{path}__in": ids})
    rows = list(m.RenjaSubKegiatan.objects.filter(where).values_list("renja", *NODE.values()).distinct())
    renja = m.Renja.objects.select_related("opd").in_bulk({row[0] for row in rows})
    held = {}
    for renja_id, *nodes in rows:
        for level, node_id in zip(NODE, nodes, strict=True):
            held.setdefault((level, node_id), set()).add(renja_id)
    return {key: [renja[pk] for pk in held[key]] for key in keys if key in held}


def _sendiri(objs):
    return [[renja] for renja in objs]


def _lewat_renja(objs):
    return [[renja] if renja else [] for renja in _induk(objs, "renja", "opd")]


def _rancangan_awal(objs):
    """The Renja of the same OPD and year (a RancanganAwal row is part of it, by T-C.31)."""
    return _renja_tahun([(o.opd_id, o.tahun) if o else None for o in objs])


def _rancangan_awal_indikator(objs):
    return _rancangan_awal(_induk(objs, "baris"))


def _opd_indikator(ind):
    """The OPD of an indicator's owner, through the objects already loaded with it."""
    for path in JALUR_OPD_INDIKATOR:
        owner = ind
        for name in path.split("__"):
            owner = getattr(owner, name) if getattr(owner, f"{name}_id") else None
            if owner is None:
                break
        if owner is not None:
            return owner.opd_id
    return None


def _renstra_tahun(keys):
    """For each (opd id, tahun) of ``keys`` (or None), the OPD's Renstra whose period holds that
    year, as a list of one (empty when there is none), in one query for all."""
    wanted = {k for k in keys if k and None not in k}
    if not wanted:
        return [[] for _ in keys]
    found = list(
        m.Renstra.objects.select_related("opd").filter(
            opd__in={opd for opd, _ in wanted},
            tahun_awal__lte=max(t for _, t in wanted),
            tahun_akhir__gte=min(t for _, t in wanted),
        )
    )
    return [
        [r for r in found if key and r.opd_id == key[0] and r.tahun_awal <= key[1] <= r.tahun_akhir][:1] for key in keys
    ]


def _rantai_termuat(ind):
    """Whether the owners of ``ind`` up to the OPD (JALUR_OPD_INDIKATOR) are loaded already."""
    for path in JALUR_OPD_INDIKATOR:
        obj = ind
        for name in path.split("__"):
            if getattr(obj, f"{name}_id") is None:
                break
            field = obj._meta.get_field(name)
            if not field.is_cached(obj):
                return False
            obj = field.get_cached_value(obj)
    return True


def _target(objs):
    indikator = _induk(objs, "indikator", *JALUR_OPD_INDIKATOR)
    # an indicator the caller set on an unsaved target may come without its owners: loaded again
    # with them in one query rather than one per owner and target
    ids = {ind.pk for ind in indikator if ind is not None and ind.pk and not _rantai_termuat(ind)}
    if ids:
        found = m.Indikator.objects.select_related(*JALUR_OPD_INDIKATOR).in_bulk(ids)
        indikator = [found.get(ind.pk, ind) if ind is not None else None for ind in indikator]
    pairs = list(zip(objs, indikator, strict=True))
    keys = [
        (_opd_indikator(ind), t.tahun + SELISIH_TAHUN[t.jenis])
        if ind and t.jenis in SELISIH_TAHUN and t.tahun
        else None
        for t, ind in pairs
    ]
    keys_renstra = [
        (_opd_indikator(ind), t.tahun) if ind and t.jenis in JENIS_RENSTRA and t.tahun else None for t, ind in pairs
    ]
    return [a + b for a, b in zip(_renja_tahun(keys), _renstra_tahun(keys_renstra), strict=True)]


def _kunci_node(obj):
    """(level, id) of the plan node ``obj`` is, or an indicator's owner is; None for an indicator
    of a tujuan or sasaran (the Renstra's, not locked by a Renja)."""
    if isinstance(obj, m.Indikator):
        return next(((level, getattr(obj, f"{level}_id")) for level in NODE if getattr(obj, f"{level}_id")), None)
    level = {m.Program: "program", m.Kegiatan: "kegiatan", m.SubKegiatan: "sub_kegiatan"}[type(obj)]
    return (level, obj.pk) if obj.pk else None


def _lewat_node(objs):
    """A node (and its indicators) is shared by the OPD's Renja of several years: locked only
    when every Renja holding it is closed. An indicator of a tujuan or sasaran is its Renstra's."""
    keys = [_kunci_node(o) for o in objs]
    held = _renja_node(keys)
    renstra = _renstra_indikator(objs)
    return [held.get(key, []) + r for key, r in zip(keys, renstra, strict=True)]


def _renstra_indikator(objs):
    """The Renstra of each indicator of a tujuan or sasaran, as a list of one (empty for the others)."""
    out = [[] for _ in objs]
    for owner, path in (("tujuan", "renstra__opd"), ("sasaran", "tujuan__renstra__opd")):
        chosen = [i for i, o in enumerate(objs) if isinstance(o, m.Indikator) and getattr(o, f"{owner}_id")]
        if chosen:
            for i, node in zip(chosen, _induk([objs[i] for i in chosen], owner, path), strict=True):
                renstra = node and (node.renstra if owner == "tujuan" else node.tujuan.renstra)
                out[i] = [renstra] if renstra else []
    return out


def _lewat_tujuan(objs):
    return [[t.renstra] if t else [] for t in _induk(objs, "tujuan", "renstra__opd")]


def _lewat_renstra(objs):
    return [[r] if r else [] for r in _induk(objs, "renstra", "opd")]


def _renja_renstra(renstra_ids):
    """{renstra id: [its Renja]} in one query."""
    held = {}
    for renja in m.Renja.objects.select_related("opd").filter(renstra__in=set(renstra_ids) - {None}):
        held.setdefault(renja.renstra_id, []).append(renja)
    return held


def _indikator_pelayanan(objs):
    """A T-C.30 indicator is the Renstra's and printed in every Renja of it: locked only when
    every one of them is closed."""
    held = _renja_renstra(o.renstra_id for o in objs)
    return [held.get(o.renstra_id, []) for o in objs]


def _nilai_pelayanan(objs):
    """A T-C.30 value lies in the Renja of the Renstra whose window (NilaiPelayanan.JENDELA)
    prints it: locked only when every one of them is closed."""
    indikator = _induk(objs, "indikator")
    held = _renja_renstra(ind.renstra_id for ind in indikator if ind)
    return [
        [r for r in held.get(ind.renstra_id, []) if o.tahun - r.tahun in m.NilaiPelayanan.JENDELA.get(o.jenis, ())]
        if ind
        else []
        for o, ind in zip(objs, indikator, strict=True)
    ]


# model → function giving, for a list of its objects, the list of Renja each belongs to
PEMILIK = {
    m.Renja: _sendiri,
    m.Renstra: _sendiri,
    m.Tujuan: _lewat_renstra,
    m.Sasaran: _lewat_tujuan,
    m.PaguRenstra: _lewat_renstra,
    m.RenjaSubKegiatan: _lewat_renja,
    m.BagianNarasi: _lewat_renja,
    m.UsulanPemangku: _lewat_renja,
    m.RencanaPendapatan: _lewat_renja,
    m.ProgramPrioritas: _lewat_renja,
    m.UsulanRenjaKL: _lewat_renja,
    m.RancanganAwal: _rancangan_awal,
    m.RancanganAwalIndikator: _rancangan_awal_indikator,
    m.Target: _target,
    m.Indikator: _lewat_node,
    m.Program: _lewat_node,
    m.Kegiatan: _lewat_node,
    m.SubKegiatan: _lewat_node,
    m.IndikatorPelayanan: _indikator_pelayanan,
    m.NilaiPelayanan: _nilai_pelayanan,
}
