"""The log-in lock (django-axes, see the AXES_* settings): how a user name is counted, and the
page a locked user name gets."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render


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
