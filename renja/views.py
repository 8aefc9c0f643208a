"""Views the other apps build on (the Renja in the URL, seen only by who may see it) and the
log-in page."""

from datetime import timedelta

from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils import timezone

from renja.models import PercobaanMasuk, Renja


class RenjaMixin(LoginRequiredMixin):
    """The Renja in the URL, only if the user may see its OPD (else 404, not revealing it exists)."""

    def get_renja(self):
        return get_object_or_404(
            Renja.objects.for_user(self.request.user).select_related("opd__pemda", "renstra"),
            opd__singkatan__iexact=self.kwargs["opd"],
            tahun=self.kwargs["tahun"],
        )


class MasukView(auth_views.LoginView):
    """Log-in, refused for 15 minutes after 5 failed attempts on one user name (whatever the
    address, so that guessing one account's password is slow); a success clears the count."""

    BATAS = 5
    JENDELA = timedelta(minutes=15)

    def _username(self):
        return (self.request.POST.get("username") or "")[:150]

    def post(self, request, *args, **kwargs):
        since = timezone.now() - self.JENDELA
        PercobaanMasuk.objects.filter(waktu__lt=since).delete()
        if PercobaanMasuk.objects.filter(username__iexact=self._username(), waktu__gte=since).count() >= self.BATAS:
            pesan = "Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini. Coba lagi dalam 15 menit."
            return self.render_to_response(self.get_context_data(terkunci=pesan), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        PercobaanMasuk.objects.create(username=self._username(), ip=self.request.META.get("REMOTE_ADDR") or None)
        return super().form_invalid(form)

    def form_valid(self, form):
        PercobaanMasuk.objects.filter(username__iexact=self._username()).delete()
        return super().form_valid(form)
