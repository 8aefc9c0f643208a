"""Bappeda's review of a Renja: notes per item between reviewer and planner, and what is waiting
for whom. (The decisions kembalikan, verifikasi and tetapkan are actions of kerja.alur.)"""

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery

from renja import akses
from renja.galat import SimpanGagal, galat
from renja.models import Komentar, Renja

BATAS_KOMENTAR = 4000  # characters


def _simpan(obj, user):
    obj._history_user = user
    obj.save()
    return obj


def tulis_komentar(renja, user, isi, item_id=None, indikator_id=None, induk_id=None):
    """A note by a reviewer or by a planner of the OPD, on a sub kegiatan row of ``renja``, on
    one of its indicators, on the whole Renja, or as a reply (``induk_id``, same subject)."""
    if not akses.boleh_tulis_catatan(user, renja):
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
    if item_id and not renja.punya("sub", item_id) or indikator_id and not renja.punya("indikator", indikator_id):
        raise SimpanGagal([galat("Baris ini bukan bagian dari Renja ini.")])
    return _simpan(
        Komentar(renja=renja, item_id=item_id, indikator_id=indikator_id, induk=induk, penulis=user, isi=isi), user
    )


def ubah_status_komentar(renja, user, komentar_id, status):
    """Only Bappeda settles a note: diskusi, diterima, ditangguhkan or ditolak."""
    if not akses.boleh_review(user, renja):
        raise PermissionDenied("Hanya reviewer Bappeda yang menentukan status catatan.")
    if status not in Komentar.Status.values:
        raise SimpanGagal([galat(f"'{status}' bukan status catatan yang sah.")])
    komentar = Komentar.objects.filter(pk=komentar_id, renja=renja, induk=None).first()
    if komentar is None:
        raise SimpanGagal([galat("Catatan ini tidak ada di Renja ini.")])
    komentar.status = status
    return _simpan(komentar, user)


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
    bappeda = akses.q_bappeda(OuterRef("penulis_terakhir"), OuterRef("renja__opd__pemda"))
    return {"penulis_terakhir": Subquery(penulis), "oleh_bappeda": bappeda}


def menunggu(user):
    """What is waiting for ``user``, as (text, Renja) pairs, for the home page: for Bappeda the
    Renja submitted and verified, and the notes the OPD answered; for a planner the Renja
    returned and Bappeda's notes not yet answered. A fixed number of queries."""
    if not user.is_authenticated:
        return []
    pemda = akses.opd_review(user).values("pemda")
    opd = akses.opd_ubah(user).values("pk")
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
