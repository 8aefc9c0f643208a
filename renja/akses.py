"""Who may see and change which OPD's data: the one place the access rules are written.

The roles come from ``Keanggotaan``: a perencana belongs to one OPD; a reviewer or an admin
to a whole Pemda (Bappeda); a superuser may do everything. Each rule is one function giving
the OPDs a user may act on as a QuerySet (a subquery, no query of its own); the QuerySets'
``for_user``/``for_admin`` filter with it, and each yes/no check asks the same QuerySet about
one OPD, so that a list and a check can never disagree.

| rule | who |
|---|---|
| ``lihat`` (see an OPD's Renja, documents, notes) | perencana of the OPD; reviewer or admin of its Pemda |
| ``ubah`` (change its Renja or Renstra while open, start the next year, a Renja Perubahan, a Revisi Renstra) | perencana of the OPD |
| ``review`` (settle notes, return, verify, finalise; adopt a Renstra) | reviewer or admin of its Pemda |
| ``tulis_catatan`` (write a review note) | ``ubah`` or ``review`` |
| ``impor`` (import, template workbooks, the onboarding page) | admin of its Pemda |
| ``mulai`` (start the first Renstra and Renja of an OPD; fill an open Renja from its rancangan awal) | perencana of the OPD; admin of its Pemda |

``pemda_impor`` is the same rule for what belongs to a whole Pemda (its list of OPDs and of users).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Q

from renja.galat import SimpanGagal, galat
from renja.models import Keanggotaan, Pemda, PerangkatDaerah, Renstra

Peran = Keanggotaan.Peran
BAPPEDA = (Peran.REVIEWER, Peran.ADMIN)


def _pemda(*peran):
    return lambda user: Q(pemda__in=Keanggotaan.objects.filter(user=user, peran__in=peran).values("pemda"))


def _perencana(user):
    return Q(pk__in=Keanggotaan.objects.filter(user=user, peran=Peran.PERENCANA).values("opd"))


def _opd(user, *rules):
    """The OPDs that any of ``rules`` (each user → Q on PerangkatDaerah) gives ``user``."""
    if not user.is_authenticated:
        return PerangkatDaerah.objects.none()
    if user.is_superuser:
        return PerangkatDaerah.objects.all()
    q = Q()
    for rule in rules:
        q |= rule(user)
    return PerangkatDaerah.objects.filter(q)


def opd_lihat(user):
    """The OPDs whose data ``user`` may see."""
    return _opd(user, _pemda(*BAPPEDA), _perencana)


def opd_ubah(user):
    """The OPDs whose Renja ``user`` plans (changes while open)."""
    return _opd(user, _perencana)


def opd_review(user):
    """The OPDs whose Renja ``user`` reviews for Bappeda."""
    return _opd(user, _pemda(*BAPPEDA))


def opd_impor(user):
    """The OPDs into which ``user`` may import (admins of the Pemda)."""
    return _opd(user, _pemda(Peran.ADMIN))


def q_bappeda(user, pemda):
    """An expression: whether ``user`` reviews for ``pemda`` (each may be an OuterRef), e.g.
    whether a note's author spoke for Bappeda or for the OPD."""
    return Exists(Keanggotaan.objects.filter(user=user, pemda=pemda, peran__in=BAPPEDA))


def pemda_impor(user):
    """The Pemda whose OPDs and accounts ``user`` may import (admins of the Pemda)."""
    if not user.is_authenticated:
        return Pemda.objects.none()
    if user.is_superuser:
        return Pemda.objects.all()
    return Pemda.objects.filter(pk__in=Keanggotaan.objects.filter(user=user, peran=Peran.ADMIN).values("pemda"))


def _boleh(rule, user, opd_id):
    return user.is_authenticated and (user.is_superuser or rule(user).filter(pk=opd_id).exists())


def boleh_lihat(user, renja):
    return _boleh(opd_lihat, user, renja.opd_id)


def boleh_ubah(user, renja):
    """A planner of the Renja's own OPD (or a superuser): whatever the Renja's status."""
    return _boleh(opd_ubah, user, renja.opd_id)


def opd_mulai(user):
    """The OPDs whose first Renstra and Renja ``user`` may start, and whose open Renja they may
    fill from its rancangan awal RKPD (``renja.dari_ranwal``): their planners and the admins of
    their Pemda."""
    return _opd(user, _perencana, _pemda(Peran.ADMIN))


def boleh_mulai(user, opd):
    """Whether ``user`` may start the first Renstra and Renja of ``opd`` or fill an open Renja of
    it from its rancangan awal (``opd_mulai``)."""
    return _boleh(opd_mulai, user, opd.pk)


def boleh_review(user, renja):
    """A reviewer or admin of the Renja's Pemda (or a superuser)."""
    return _boleh(opd_review, user, renja.opd_id)


def boleh_tulis_catatan(user, renja):
    return boleh_review(user, renja) or boleh_ubah(user, renja)


def _berperan(user, peran):
    return user.is_authenticated and (
        user.is_superuser or Keanggotaan.objects.filter(user=user, peran__in=peran).exists()
    )


def boleh_impor(user):
    """Whether ``user`` may open the import pages at all: an admin of a Pemda, even one that has
    no OPD yet (its OPDs are imported there)."""
    return user.is_authenticated and (user.is_superuser or pemda_impor(user).exists())


def bappeda(user):
    """Whether ``user`` reviews for the Bappeda of a Pemda (the year view, the review menu)."""
    return _berperan(user, BAPPEDA)


@dataclass(frozen=True)
class Hak:
    """The same rules for one user read in one query, for a page that asks them of many rows
    (the home page, the menu)."""

    superuser: bool
    perencana: frozenset  # OPD ids
    bappeda: frozenset  # Pemda ids (reviewer or admin)
    admin: frozenset  # Pemda ids

    def boleh_ubah(self, renja):
        return self.superuser or renja.opd_id in self.perencana

    @property
    def boleh_review_tahunan(self):
        return self.superuser or bool(self.bappeda)

    @property
    def boleh_impor(self):
        return self.superuser or bool(self.admin)


def hak(user):
    if not user.is_authenticated:
        return Hak(False, frozenset(), frozenset(), frozenset())
    peran = list(Keanggotaan.objects.filter(user=user).values_list("peran", "opd", "pemda"))
    return Hak(
        user.is_superuser,
        frozenset(opd for p, opd, _ in peran if p == Peran.PERENCANA),
        frozenset(pemda for p, _, pemda in peran if p in BAPPEDA),
        frozenset(pemda for p, _, pemda in peran if p == Peran.ADMIN),
    )


def pastikan_boleh_ubah(user, renja):
    """PermissionDenied for a user who may not change ``renja`` (a Renja, or a Renstra: the
    same rule on its OPD); SimpanGagal when its status locks it (only a workflow action changes
    a Renja or Renstra that is not open)."""
    dokumen = "Renstra" if isinstance(renja, Renstra) else "Renja"
    if not boleh_ubah(user, renja):
        raise PermissionDenied(f"Anda tidak berhak mengubah {dokumen} ini.")
    if not renja.terbuka:
        raise SimpanGagal([galat(f"{dokumen} berstatus '{renja.get_status_display()}' dan tidak dapat diubah.")])
