"""Signing in: the log-in lock (django-axes, see the AXES_* settings: how a user name is counted,
and the page a locked user name gets), and the forced change of a one-time password."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import PasswordChangeView
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from renja.models import Profil


def nama_pengguna(request, credentials):
    """The user name the failures are counted on, whatever its letter case (AXES_USERNAME_CALLABLE),
    so that "Admin" and "admin" share one count."""
    data = credentials if credentials is not None else request.POST
    username = data.get(settings.AXES_USERNAME_FORM_FIELD)
    return username.lower() if username else None


def terkunci(request, original_response, credentials):
    """The answer while a user name is locked (AXES_LOCKOUT_CALLABLE): the log-in page with the
    lock message and HTTP 429. The failure that reaches the limit was a checked, wrong password and
    is answered as such; axes leaves ``axes_failures_since_start`` unset on an attempt it refused
    unchecked (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT off), which is when the lock shows."""
    if original_response is not None and getattr(request, "axes_failures_since_start", None) is not None:
        return original_response
    form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")})
    context = {"form": form, "terkunci": settings.AXES_COOLOFF_MESSAGE, "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)


class BackendPengguna(ModelBackend):
    """Django's model backend, reading the user's ``Profil`` in the same query (the forced
    password change is checked on every request, and must cost no query of its own)."""

    def get_user(self, user_id):
        try:
            user = get_user_model()._default_manager.select_related("profil").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def wajib_ganti_sandi(user):
    """Whether ``user`` signed in with a one-time password that must be changed first."""
    profil = getattr(user, "profil", None) if user.is_authenticated else None
    return bool(profil and profil.wajib_ganti_sandi)


class GantiSandiMiddleware:
    """Sends a user who still holds a one-time password to /ganti-sandi/ before anything else
    (every page, JSON endpoint and download), except signing out and static files."""

    BEBAS = ("/ganti-sandi/", "/keluar/", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if wajib_ganti_sandi(request.user) and not request.path.startswith(self.BEBAS):
            return redirect("ganti-sandi")
        return self.get_response(request)


class GantiSandiView(PasswordChangeView):
    """Change one's password (asking the current one); clears the one-time flag."""

    template_name = "registration/ganti_sandi.html"
    success_url = reverse_lazy("beranda")

    def form_valid(self, form):
        response = super().form_valid(form)
        Profil.objects.filter(user=self.request.user).update(wajib_ganti_sandi=False)
        messages.success(self.request, "Kata sandi sudah diganti.")
        return response

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "wajib": wajib_ganti_sandi(self.request.user)}
