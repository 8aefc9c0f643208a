from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView

from renja.models import Renja


class BerandaView(LoginRequiredMixin, ListView):
    """Home: the Renja of every OPD the user may see, with their status."""

    template_name = "renja/beranda.html"
    context_object_name = "daftar_renja"

    def get_queryset(self):
        return Renja.objects.for_user(self.request.user).select_related("opd", "renstra")
