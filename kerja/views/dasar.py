"""What every interactive view shares: JSON answers with Indonesian messages."""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse

from kerja.grid import Perubahan
from kerja.ruang_kerja import kunci_objek
from renja.galat import SimpanGagal
from renja.views import RenjaMixin

BATAS_SEL = 5000  # cells in one save: a pasted block of a whole Renja is far below this


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


def jawab_simpan(body, simpan, kunci, tambahan=None):
    """The answer to a grid's save request: its cells read from ``body``, saved all or none by
    ``simpan(daftar)`` (a Lembar's ``simpan``), each saved cell with its object named by
    ``kunci`` (the Lembar's ``kunci_objek``); ``tambahan(hasil)`` adds to the answer (e.g. the
    server's figures of the rows touched). 400 for an unreadable or oversized request."""
    try:
        daftar = baca_perubahan(body)
    except (ValueError, KeyError, TypeError, AttributeError):
        return json_galat("Permintaan tidak dapat dibaca.", 400)
    if len(daftar) > BATAS_SEL:
        return json_galat(f"Terlalu banyak sel sekaligus ({len(daftar)}; paling banyak {BATAS_SEL}).", 400)
    try:
        hasil = simpan(daftar)
    except SimpanGagal as error:
        return gagal(error, kunci)
    tersimpan = [
        {"kolom": h.kolom, "id": h.id, "obj": kunci(h.kolom, h.id), "tampil": h.tampil, "versi": h.versi} for h in hasil
    ]
    return JsonResponse({"tersimpan": tersimpan, **(tambahan(hasil) if tambahan else {})})
