"""Changing the shape of a Renja from the workspace: find a sub kegiatan in the nomenclature
master and add it (its program and kegiatan are created for the OPD when missing), remove it,
and add or remove an indicator. The same for a Renstra from its grid: add or remove a tujuan, a
sasaran and their indicators. Each is one atomic action for a planner of the OPD while the
Renja (or Renstra) is open; history records who did it."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from simple_history.utils import bulk_create_with_history

from renja import kode as kodefikasi
from renja.akses import pastikan_boleh_ubah
from renja.galat import SimpanGagal, galat
from renja.kunci import alasan_renstra
from renja.models import (
    Indikator,
    IndikatorPelayanan,
    Kegiatan,
    NilaiPelayanan,
    Nomenklatur,
    Program,
    Renja,
    RenjaSubKegiatan,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
)

POLA_KODE = re.compile(r"^[\d.\s]+$")


def cari_nomenklatur(renja, q, batas=20):
    """Sub kegiatan of the Pemda's nomenclature version whose code starts with ``q`` (spaces
    ignored) or whose name holds every word of ``q``; within the OPD's bidang urusan when it has
    any. Each with its kegiatan and program, and whether the Renja already has it."""
    q = (q or "").strip()
    if len(q) < 2:
        return []
    found = Nomenklatur.objects.filter(
        versi=renja.opd.pemda.nomenklatur_versi_id, level=kodefikasi.SUB_KEGIATAN
    ).select_related("induk__induk")
    bidang = list(renja.opd.bidang_urusan.values_list("kode", flat=True))
    if bidang:
        found = found.filter(Q(*[Q(kode__startswith=f"{b}.") for b in bidang], _connector=Q.OR))
    if POLA_KODE.match(q):
        found = found.filter(kode__startswith=re.sub(r"\s+", "", q))
    else:
        for word in q.split():
            found = found.filter(nama__icontains=word)
    ada = set(RenjaSubKegiatan.objects.filter(renja=renja).values_list("sub_kegiatan__nomenklatur", flat=True))
    return [
        {
            "id": n.pk,
            "kode": n.kode,
            "nama": n.nama,
            "kegiatan": f"{n.induk.kode} {n.induk.nama}",
            "program": f"{n.induk.induk.kode} {n.induk.induk.nama}",
            "ada": n.pk in ada,
        }
        for n in found.order_by("kode")[:batas]
    ]


def simpan_dengan_riwayat(obj, user, alasan=""):
    """Validate and save ``obj`` with its history's user and change reason; returns it."""
    obj._history_user = user
    if alasan:
        obj._change_reason = alasan
    obj.full_clean()
    obj.save()
    return obj


MODEL_NODE = {kodefikasi.PROGRAM: Program, kodefikasi.KEGIATAN: Kegiatan, kodefikasi.SUB_KEGIATAN: SubKegiatan}
INDUK_NODE = {Kegiatan: "program", SubKegiatan: "kegiatan"}
JALUR_OPD_NODE = {Kegiatan: "program__opd", SubKegiatan: "kegiatan__program__opd"}


def node_opd(opd, nom, user=None, alasan="", ingat=None):
    """The OPD's Program, Kegiatan or SubKegiatan on the master or legacy node ``nom``, created
    with the nodes above it when missing (node_opd_semua)."""
    return node_opd_semua(opd, [nom], user, alasan, ingat)[nom.pk]


def node_opd_semua(opd, noms, user=None, alasan="", ingat=None):
    """The OPD's Program, Kegiatan or SubKegiatan on each master or legacy node of ``noms``,
    {nomenklatur id: node}, with the nodes above them: those missing created in bulk, one insert
    per level (history: ``user``, the change reason ``alasan``), a few queries in all. ``ingat``:
    such a dict a writer of many nodes keeps across calls (read and filled)."""
    ingat = {} if ingat is None else ingat
    rantai = _rantai([n for n in noms if n.pk not in ingat])
    for level in (kodefikasi.PROGRAM, kodefikasi.KEGIATAN, kodefikasi.SUB_KEGIATAN):
        model = MODEL_NODE[level]
        want = [n for n in rantai.values() if n.level == level and n.pk not in ingat]
        if not want:
            continue
        milik = {"opd": opd} if model is Program else {JALUR_OPD_NODE[model]: opd}
        for obj in model.objects.filter(nomenklatur__in=[n.pk for n in want], **milik):
            ingat[obj.nomenklatur_id] = obj
        baru = []
        for nom in want:
            if nom.pk in ingat:
                continue
            induk = {"opd": opd} if model is Program else {INDUK_NODE[model]: ingat[nom.induk_id]}
            obj = model(nomenklatur=nom, **induk)
            # the parents were just read or written and the node looked up: its level and parent checked
            obj.full_clean(exclude=["nomenklatur", *induk], validate_constraints=False)
            baru.append(obj)
        bulk_create_with_history(baru, model, default_user=user, default_change_reason=alasan or None)
        ingat.update((obj.nomenklatur_id, obj) for obj in baru)
    return ingat


def _rantai(noms):
    """{id: Nomenklatur} of ``noms`` and the program and kegiatan above each; parents not loaded
    with them are read in one query."""
    if any(not _induk_termuat(n) for n in noms):
        found = Nomenklatur.objects.select_related("induk__induk").in_bulk({n.pk for n in noms})
        noms = [found.get(n.pk, n) for n in noms]
    out = {}
    for nom in noms:
        while nom is not None and nom.pk not in out:
            out[nom.pk] = nom
            nom = nom.induk if nom.level != kodefikasi.PROGRAM else None
    return out


def _induk_termuat(nom):
    field = Nomenklatur._meta.get_field("induk")
    for _ in range({kodefikasi.SUB_KEGIATAN: 2, kodefikasi.KEGIATAN: 1}.get(nom.level, 0)):
        if not field.is_cached(nom):
            return False
        nom = field.get_cached_value(nom)
    return True


def tambah_sub_kegiatan(renja, user, nomenklatur_id):
    """Add the master's sub kegiatan ``nomenklatur_id`` to ``renja`` (at the end of its order),
    creating the OPD's program, kegiatan and sub kegiatan nodes when missing."""
    pastikan_boleh_ubah(user, renja)
    nom = (
        Nomenklatur.objects.filter(
            pk=nomenklatur_id, level=kodefikasi.SUB_KEGIATAN, versi=renja.opd.pemda.nomenklatur_versi_id
        )
        .select_related("induk__induk")
        .first()
    )
    if nom is None:
        raise SimpanGagal([galat(f"Sub kegiatan nomor {nomenklatur_id} tidak ada di nomenklatur yang berlaku.")])
    if not kodefikasi.dalam_bidang(nom.kode, set(renja.opd.bidang_urusan.values_list("kode", flat=True))):
        raise SimpanGagal([galat(f"{nom.kode} bukan bidang urusan {renja.opd.singkatan}.")])
    with transaction.atomic():
        sub = node_opd(renja.opd, nom, user)
        if RenjaSubKegiatan.objects.filter(renja=renja, sub_kegiatan=sub).exists():
            raise SimpanGagal([galat(f"{nom.kode} {nom.nama} sudah ada di {renja}.")])
        urutan = RenjaSubKegiatan.objects.filter(renja=renja).aggregate(m=Max("urutan"))["m"] or 0
        return simpan_dengan_riwayat(RenjaSubKegiatan(renja=renja, sub_kegiatan=sub, urutan=urutan + 1), user)


def hapus_sub_kegiatan(renja, user, item_id, versi):
    """Remove a sub kegiatan from ``renja`` (its node, indicators and other years stay), if
    nobody changed it since the planner saw version ``versi``."""
    pastikan_boleh_ubah(user, renja)
    with transaction.atomic():
        item = RenjaSubKegiatan.objects.select_for_update().filter(pk=item_id, renja=renja).first()
        if item is None:
            raise SimpanGagal([galat("Sub kegiatan ini sudah tidak ada di Renja.")])
        if item.versi != versi:
            raise SimpanGagal([galat(f"{item.sub_kegiatan} sudah diubah orang lain; muat ulang halaman dahulu.")])
        item._history_user = user
        item.delete()


PILIHAN_INDIKATOR = (  # the form's choices, each named as the workspace's column says
    ("tipe_nilai", "Tipe nilai", Indikator.TipeNilai),
    ("sifat", "Sifat", Indikator.Sifat),
    ("polaritas", "Polaritas", Indikator.Polaritas),
)


def tambah_indikator(renja, user, tingkat, node_id, nama, jenis=None):
    """A new indicator on a program, kegiatan or sub kegiatan of ``renja`` (or on a tujuan or
    sasaran of a Renstra passed as ``renja``). ``jenis`` holds what
    the planner chose: satuan, tipe_nilai, sifat, polaritas, metode_negatif (when negatif) and
    skala_kategori (levels, low to high, for a kategori); what is missing takes the model's
    default. Refused with Indonesian messages naming the field and value, and by the model's
    own rules (only angka may be kumulatif, negatif needs a method, kategori needs a scale)."""
    pastikan_boleh_ubah(user, renja)
    jenis = jenis or {}
    nama = (nama or "").strip()
    errors = [] if nama else [galat("Nama indikator wajib diisi.")]
    fields = {"satuan": str(jenis.get("satuan") or "").strip()}
    for field, label, choices in PILIHAN_INDIKATOR:
        value = jenis.get(field) or Indikator._meta.get_field(field).default
        if value not in choices.values:
            errors.append(galat(f"{label} '{value}' tidak dikenal; pilih salah satu: {', '.join(choices.labels)}."))
        fields[field] = value
    metode = jenis.get("metode_negatif") or ""
    if fields["polaritas"] == Indikator.Polaritas.NEGATIF and metode not in Indikator.MetodeNegatif.values:
        errors.append(galat("Indikator berpolaritas negatif wajib memilih metode capaian."))
    fields["metode_negatif"] = metode if fields["polaritas"] == Indikator.Polaritas.NEGATIF else ""
    skala = jenis.get("skala_kategori") or []
    fields["skala_kategori"] = [str(s).strip() for s in skala if str(s).strip()] if isinstance(skala, list) else []
    owners = renja.nodes()
    if tingkat not in owners or not owners[tingkat].filter(pk=node_id).exists():
        bagian = "Program, kegiatan atau sub kegiatan" if isinstance(renja, Renja) else "Tujuan atau sasaran"
        errors.append(galat(f"{bagian} ini bukan bagian dari {renja}."))
    if errors:
        raise SimpanGagal(errors)
    urutan = Indikator.objects.filter(**{f"{tingkat}_id": node_id}).aggregate(m=Max("urutan"))["m"] or 0
    ind = Indikator(**{f"{tingkat}_id": node_id}, nama=nama, urutan=urutan + 1, **fields)
    try:
        return simpan_dengan_riwayat(ind, user)
    except ValidationError as error:
        raise SimpanGagal([galat(m) for m in error.messages]) from None


def _target_sendiri(dokumen):
    """The targets a document sets on its own: a Renja its targets n and n+1, a Renstra its
    Renstra targets."""
    if not isinstance(dokumen, Renja):
        return Q(jenis__in=[Target.Jenis.RENSTRA, Target.Jenis.AKHIR_RENSTRA])
    return Q(jenis=Target.Jenis.RENJA, tahun=dokumen.tahun) | Q(
        jenis=Target.Jenis.PRAKIRAAN_MAJU, tahun=dokumen.tahun_maju
    )


def hapus_indikator(renja, user, indikator_id, versi):
    """Remove an indicator that holds nothing but this Renja's targets n and n+1 (of a Renstra's
    tujuan or sasaran: nothing but Renstra targets). One with a Renstra target, a target of
    another year or a realisasi is kept: other documents use it."""
    pastikan_boleh_ubah(user, renja)
    with transaction.atomic():
        ind = Indikator.objects.select_for_update().filter(pk=indikator_id).first()
        if ind is None or not renja.punya("indikator", ind.pk):
            raise SimpanGagal([galat(f"Indikator ini bukan bagian dari {renja}.")])
        if ind.versi != versi:
            raise SimpanGagal([galat(f"Indikator '{ind.nama}' sudah diubah orang lain; muat ulang halaman dahulu.")])
        if ind.target.exclude(_target_sendiri(renja)).exists() or ind.realisasi.exists():
            raise SimpanGagal(
                [galat(f"Indikator '{ind.nama}' dipakai Renstra, tahun lain atau realisasi; tidak dapat dihapus.")]
            )
        for target in ind.target.all():
            target._history_user = user
            target.delete()
        ind._history_user = user
        ind.delete()


# --------------------------------------------------------------------------- the Renstra


def _nomor_berikut(nomor, awalan=""):
    """The next number after the numeric ones among ``nomor`` (e.g. "3", or "1.3" with ``awalan`` "1.")."""
    angka = [int(n.removeprefix(awalan)) for n in nomor if n.startswith(awalan) and n.removeprefix(awalan).isdigit()]
    return f"{awalan}{max(angka, default=0) + 1}"


def tambah_tujuan(renstra, user):
    """A new tujuan at the end of ``renstra``, numbered after the last; the planner then writes
    its uraian in the grid."""
    pastikan_boleh_ubah(user, renstra)
    with transaction.atomic():
        nomor = _nomor_berikut(Tujuan.objects.filter(renstra=renstra).values_list("nomor", flat=True))
        return simpan_dengan_riwayat(
            Tujuan(renstra=renstra, nomor=nomor, uraian=f"Tujuan {nomor} (tulis uraiannya)"), user
        )


def tambah_sasaran(renstra, user, tujuan_id):
    """A new sasaran under the tujuan ``tujuan_id`` of ``renstra``, numbered "<tujuan>.<next>"."""
    pastikan_boleh_ubah(user, renstra)
    tujuan = Tujuan.objects.filter(pk=tujuan_id, renstra=renstra).first()
    if tujuan is None:
        raise SimpanGagal([galat(f"Tujuan ini bukan bagian dari {renstra}.")])
    with transaction.atomic():
        nomor = _nomor_berikut(tujuan.sasaran.values_list("nomor", flat=True), f"{tujuan.nomor}.")
        return simpan_dengan_riwayat(
            Sasaran(tujuan=tujuan, nomor=nomor, uraian=f"Sasaran {nomor} (tulis uraiannya)"), user
        )


def _hapus_bagian(renstra, user, model, lookup, pk, versi, isi):
    """Remove a tujuan or sasaran of ``renstra`` seen at ``versi`` that holds nothing (``isi``
    names what it may still hold): nothing is removed along with it unasked."""
    pastikan_boleh_ubah(user, renstra)
    with transaction.atomic():
        obj = model.objects.select_for_update().filter(pk=pk, **{lookup: renstra}).first()
        if obj is None:
            raise SimpanGagal([galat(f"{model._meta.verbose_name.capitalize()} ini sudah tidak ada di {renstra}.")])
        if obj.versi != versi:
            raise SimpanGagal([galat(f"{obj} sudah diubah orang lain; muat ulang halaman dahulu.")])
        masih = [label for label, qs in isi(obj) if qs.exists()]
        if masih:
            raise SimpanGagal([galat(f"{obj} masih mempunyai {' dan '.join(masih)}; hapus dahulu.")])
        obj._history_user = user
        obj.delete()


def hapus_tujuan(renstra, user, tujuan_id, versi):
    _hapus_bagian(
        renstra,
        user,
        Tujuan,
        "renstra",
        tujuan_id,
        versi,
        lambda t: [("sasaran", t.sasaran.all()), ("indikator", t.indikator.all())],
    )


def hapus_sasaran(renstra, user, sasaran_id, versi):
    _hapus_bagian(
        renstra, user, Sasaran, "tujuan__renstra", sasaran_id, versi, lambda s: [("indikator", s.indikator.all())]
    )


# --------------------------------------------------------------------------- T-C.30 indicators


def _pastikan_pelayanan(renja, user):
    """T-C.30 rows are the Renstra's: changed from an open Renja of it, while the Renstra is open."""
    pastikan_boleh_ubah(user, renja)
    if reason := alasan_renstra(renja.renstra):
        raise SimpanGagal([galat(reason)])


def tambah_indikator_pelayanan(renja, user, data):
    """A new row of Tabel 2.2 (T-C.30) in the Renstra of ``renja``: ``data`` holds nama (required),
    nomor, kelompok_nomor, kelompok, satuan and tipe_nilai. It goes after the last row of its
    kelompok (the rows after it move down one), or at the end for a new kelompok."""
    _pastikan_pelayanan(renja, user)
    fields = {f: str(data.get(f) or "").strip() for f in ("nama", "nomor", "kelompok_nomor", "kelompok", "satuan")}
    fields["tipe_nilai"] = data.get("tipe_nilai") or IndikatorPelayanan._meta.get_field("tipe_nilai").default
    errors = [] if fields["nama"] else [galat("Nama indikator wajib diisi.")]
    if fields["tipe_nilai"] not in Indikator.TipeNilai.values:
        pilihan = ", ".join(Indikator.TipeNilai.labels)
        errors.append(galat(f"Tipe nilai '{fields['tipe_nilai']}' tidak dikenal; pilih salah satu: {pilihan}."))
    if errors:
        raise SimpanGagal(errors)
    with transaction.atomic():
        rows = list(IndikatorPelayanan.objects.select_for_update().filter(renstra=renja.renstra_id))
        same = [r.urutan for r in rows if fields["kelompok"] and r.kelompok == fields["kelompok"]]
        urutan = max(same or [r.urutan for r in rows] or [0]) + 1
        for row in rows:
            if row.urutan >= urutan:
                row.urutan += 1
                row._history_user = user
                row.save(update_fields=["urutan"])
        ind = IndikatorPelayanan(renstra_id=renja.renstra_id, urutan=urutan, **fields)
        try:
            return simpan_dengan_riwayat(ind, user)
        except ValidationError as error:
            raise SimpanGagal([galat(m) for m in error.messages]) from None


def hapus_indikator_pelayanan(renja, user, indikator_id, versi):
    """Remove a T-C.30 row with its values, if nobody changed it since version ``versi`` and
    it holds no value outside the years this Renja's Tabel 2.2 shows (another year's Renja
    prints those)."""
    _pastikan_pelayanan(renja, user)
    with transaction.atomic():
        ind = IndikatorPelayanan.objects.select_for_update().filter(pk=indikator_id, renstra=renja.renstra_id).first()
        if ind is None:
            raise SimpanGagal([galat("Indikator ini bukan bagian dari Tabel 2.2 Renja ini.")])
        if ind.versi != versi:
            raise SimpanGagal([galat(f"Indikator '{ind.nama}' sudah diubah orang lain; muat ulang halaman dahulu.")])
        values = list(ind.nilai.all())
        outside = sorted(
            f"{v.get_jenis_display()} {v.tahun}"
            for v in values
            if v.tahun - renja.tahun not in NilaiPelayanan.JENDELA[v.jenis]
        )
        if outside:
            raise SimpanGagal(
                [galat(f"Indikator '{ind.nama}' berisi nilai tahun lain ({', '.join(outside)}); tidak dapat dihapus.")]
            )
        for value in values:
            value._history_user = user
            value.delete()
        ind._history_user = user
        ind.delete()
