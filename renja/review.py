"""Bappeda's review of a Renja: notes per item between reviewer and planner, and the decisions
kembalikan (with a reason), verifikasi and tetapkan. Each action checks who may take it and in
which status; history records who did it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, Subquery

from renja.models import Keanggotaan, Komentar, PenetapanRenja, Renja
from renja.ruang_kerja import SimpanGagal, boleh_ubah, galat, milik_renja, potret, susun_grid

BATAS_KOMENTAR = 4000  # characters


def boleh_review(user, renja):
    """A reviewer or admin of the Renja's Pemda (or a superuser) reviews it."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or Keanggotaan.objects.filter(
            user=user, pemda=renja.opd.pemda_id, peran__in=Keanggotaan.PERAN_SELURUH_PEMDA
        ).exists()
    )


def _simpan(obj, user):
    obj._history_user = user
    obj.save()
    return obj


def tulis_komentar(renja, user, isi, item_id=None, indikator_id=None, induk_id=None):
    """A note by a reviewer or by a planner of the OPD, on a sub kegiatan row of ``renja``, on
    one of its indicators, on the whole Renja, or as a reply (``induk_id``, same subject)."""
    if not (boleh_review(user, renja) or boleh_ubah(user, renja)):
        raise PermissionDenied("Anda tidak berhak menulis catatan pada Renja ini.")
    isi = (isi or "").strip()
    if not isi:
        raise SimpanGagal([galat("Isi catatan wajib diisi.")])
    if len(isi) > BATAS_KOMENTAR:
        raise SimpanGagal([galat(f"Catatan terlalu panjang ({len(isi)} huruf, paling banyak {BATAS_KOMENTAR}).")])
    induk = None
    if induk_id:
        induk = Komentar.objects.filter(pk=induk_id, renja=renja).first()
        if induk is None:
            raise SimpanGagal([galat("Catatan yang dibalas tidak ada di Renja ini.")])
        item_id, indikator_id = induk.item_id, induk.indikator_id
    items, indikator = milik_renja(renja)
    if item_id and item_id not in items or indikator_id and indikator_id not in indikator:
        raise SimpanGagal([galat("Baris ini bukan bagian dari Renja ini.")])
    return _simpan(
        Komentar(renja=renja, item_id=item_id, indikator_id=indikator_id, induk=induk, penulis=user, isi=isi), user
    )


def ubah_status_komentar(renja, user, komentar_id, status):
    """Only Bappeda settles a note: diskusi, diterima, ditangguhkan or ditolak."""
    if not boleh_review(user, renja):
        raise PermissionDenied("Hanya reviewer Bappeda yang menentukan status catatan.")
    if status not in Komentar.Status.values:
        raise SimpanGagal([galat(f"'{status}' bukan status catatan yang sah.")])
    komentar = Komentar.objects.filter(pk=komentar_id, renja=renja, induk=None).first()
    if komentar is None:
        raise SimpanGagal([galat("Catatan ini tidak ada di Renja ini.")])
    komentar.status = status
    return _simpan(komentar, user)


# --------------------------------------------------------------------------- decisions

KEPUTUSAN = {  # action: (allowed from, to)
    "kembalikan": ({Renja.Status.DIAJUKAN, Renja.Status.DIVERIFIKASI}, Renja.Status.DIKEMBALIKAN),
    "verifikasi": ({Renja.Status.DIAJUKAN}, Renja.Status.DIVERIFIKASI),
    "tetapkan": ({Renja.Status.DIVERIFIKASI}, Renja.Status.DITETAPKAN),
}  # tetapkan also freezes the grid as a PenetapanRenja


def putuskan(renja, user, aksi, alasan=""):
    """Take the decision ``aksi`` on ``renja`` for Bappeda. Kembalikan needs a reason, which
    becomes a note on the whole Renja that the planner sees above the grid. Returns the note or
    None."""
    if not boleh_review(user, renja):
        raise PermissionDenied("Hanya reviewer Bappeda yang memutuskan Renja.")
    if aksi not in KEPUTUSAN:
        raise SimpanGagal([galat(f"Keputusan '{aksi}' tidak dikenal.")])
    asal, tujuan = KEPUTUSAN[aksi]
    alasan = (alasan or "").strip()
    if aksi == "kembalikan" and not alasan:
        raise SimpanGagal([galat("Tuliskan alasan Renja dikembalikan.")])
    with transaction.atomic():
        locked = Renja.objects.select_for_update().get(pk=renja.pk)
        if locked.status not in asal:
            raise SimpanGagal(
                [galat(f"Renja berstatus '{locked.get_status_display()}': keputusan '{aksi}' tidak dapat diambil.")]
            )
        locked.status = tujuan
        _simpan(locked, user)
        if tujuan == Renja.Status.DITETAPKAN:
            nomor = (locked.penetapan.aggregate(m=Max("nomor"))["m"] or 0) + 1
            PenetapanRenja.objects.create(renja=locked, nomor=nomor, oleh=user, isi=potret(susun_grid(locked)))
        note = None
        if alasan:
            note = _simpan(Komentar(renja=locked, penulis=user, isi=f"Dikembalikan: {alasan}"), user)
    renja.status = tujuan
    return note


def utas(renja, objek, pk):
    """The notes on one subject of ``renja`` (a sub kegiatan row ``sub``, an ``indikator``, or
    the whole ``renja``), oldest first, each with its replies (3 queries)."""
    notes = Komentar.objects.filter(renja=renja, induk=None)
    if objek == "sub":
        notes = notes.filter(item=pk, indikator=None)
    elif objek == "indikator":
        notes = notes.filter(indikator=pk)
    else:
        notes = notes.filter(item=None, indikator=None)
    return list(notes.select_related("penulis").prefetch_related("balasan__penulis"))


# --------------------------------------------------------------------------- what is waiting for me


def _terakhir_oleh_bappeda():
    """Annotation: whether the latest word on a top-level note (the note or its newest reply)
    was written by Bappeda (a reviewer or admin of the Pemda) rather than by the OPD."""
    latest = Komentar.objects.filter(Q(pk=OuterRef("pk")) | Q(induk=OuterRef("pk"))).order_by("-dibuat", "-pk")
    penulis = latest.values("penulis")[:1]
    bappeda = Keanggotaan.objects.filter(
        user=OuterRef("penulis_terakhir"),
        pemda=OuterRef("renja__opd__pemda"),
        peran__in=Keanggotaan.PERAN_SELURUH_PEMDA,
    )
    return {"penulis_terakhir": Subquery(penulis), "oleh_bappeda": Exists(bappeda)}


def menunggu(user):
    """What is waiting for ``user``, as (text, Renja) pairs, for the home page: for Bappeda the
    Renja submitted and verified, and the notes the OPD answered; for a planner the Renja
    returned and Bappeda's notes not yet answered. A fixed number of queries."""
    if not user.is_authenticated:
        return []
    memberships = Keanggotaan.objects.filter(user=user)
    pemda = memberships.filter(peran__in=Keanggotaan.PERAN_SELURUH_PEMDA).values("pemda")
    opd = memberships.filter(peran=Keanggotaan.Peran.PERENCANA).values("opd")
    out = []
    renja = Renja.objects.select_related("opd").order_by("tahun", "opd__kode")
    for r in renja.filter(opd__pemda__in=pemda, status__in=[Renja.Status.DIAJUKAN, Renja.Status.DIVERIFIKASI]):
        out.append((f"{r}: {'menunggu review' if r.status == Renja.Status.DIAJUKAN else 'siap ditetapkan'}", r))
    for r in renja.filter(opd__in=opd, status=Renja.Status.DIKEMBALIKAN):
        out.append((f"{r}: dikembalikan Bappeda, perlu diperbaiki", r))
    notes = (
        Komentar.objects.filter(induk=None, status=Komentar.Status.DISKUSI)
        .annotate(**_terakhir_oleh_bappeda())
        .select_related("renja__opd")
    )
    counts = {}
    for note in notes.filter(
        Q(renja__opd__pemda__in=pemda, oleh_bappeda=False) | Q(renja__opd__in=opd, oleh_bappeda=True)
    ):
        counts[note.renja] = counts.get(note.renja, 0) + 1
    for r, n in counts.items():
        out.append((f"{r}: {n} catatan menunggu jawaban Anda", r))
    return out
