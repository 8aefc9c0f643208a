"""What the other apps' views build on: the Renja in the URL, seen only by who may see it."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404

from renja.models import Renja


class RenjaMixin(LoginRequiredMixin):
    """The Renja in the URL, only if the user may see its OPD (else 404, not revealing it exists)."""

    def get_renja(self):
        return get_object_or_404(
            Renja.objects.for_user(self.request.user).select_related("opd__pemda", "renstra"),
            opd__singkatan__iexact=self.kwargs["opd"],
            tahun=self.kwargs["tahun"],
        )
