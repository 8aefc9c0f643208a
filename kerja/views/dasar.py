"""What every interactive view shares: JSON answers with Indonesian messages."""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse

from kerja.grid import Perubahan
from kerja.ruang_kerja import kunci_objek
from renja.views import RenjaMixin


def json_galat(pesan, status):
    return JsonResponse(
        {"kesalahan": [{"pesan": p} for p in ([pesan] if isinstance(pesan, str) else pesan)]}, status=status
    )


class JsonMixin(RenjaMixin):
    """Answers in JSON; an anonymous user gets 401 instead of a redirect to the log-in page, a
    forbidden one 403, a Renja they may not see 404, each with a message in Indonesian."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return json_galat("Sesi Anda berakhir. Silakan masuk lagi.", 401)
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as error:
            return json_galat(str(error) or "Akses ditolak.", 403)
        except Http404:
            return json_galat("Renja atau baris ini tidak ditemukan, atau Anda tidak berhak melihatnya.", 404)


def gagal(error, kunci=kunci_objek):
    """The JSON answer to a refused save: 409 when somebody else saved first, else 400.
    ``kunci`` names a cell's object as the grid does (its Lembar's ``kunci_objek``)."""
    konflik = [{**k, "obj": kunci(k["kolom"], k["id"])} for k in error.konflik]
    return JsonResponse({"kesalahan": error.kesalahan, "konflik": konflik}, status=409 if konflik else 400)


def baca_perubahan(body):
    """The cells of a grid's save request {"perubahan": [{kolom, id, nilai, versi, baris}, …]};
    ValueError, KeyError, TypeError or AttributeError when it cannot be read."""
    return [
        Perubahan(str(p["kolom"]), int(p["id"]), p.get("nilai"), int(p["versi"]), str(p.get("baris", "")))
        for p in json.loads(body)["perubahan"]
    ]
