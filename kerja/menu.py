"""The menu of every page (a context processor): the entries a user's roles allow, read from
renja.akses in one query (``akses.hak``), plus one query for the year or the Renja an entry
leads to. Nothing is read before the template asks for it."""

from django.db.models import Max
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from renja import akses
from renja.models import Renja


def _menu(request):
    user = getattr(request, "user", None)  # none on a request refused before authentication (400)
    if user is None or not user.is_authenticated:
        return []
    hak = akses.hak(user)
    items = [("beranda", "Beranda", reverse("beranda"))]
    if hak.perencana:
        renja = Renja.objects.filter(opd_id__in=hak.perencana).select_related("opd").order_by("-tahun").first()
        if renja is not None:
            items.append(("ruang-kerja", "Ruang kerja", reverse("kerja:ruang-kerja", args=[renja.opd.singkatan, renja.tahun])))
    if hak.boleh_review_tahunan:
        renja = Renja.objects.all() if hak.superuser else Renja.objects.filter(opd__pemda__in=hak.bappeda)
        tahun = renja.aggregate(m=Max("tahun"))["m"]
        if tahun is not None:
            items.append(("review-tahun", "Review tahunan", reverse("review-tahun", args=[tahun])))
    if hak.boleh_impor:
        items.append(("impor", "Impor", reverse("impor")))
    if user.is_staff or user.is_superuser:
        items.append(("admin", "Admin", reverse("admin:index")))
    aktif = _aktif(request)
    return [{"kunci": k, "label": label, "url": url, "aktif": k == aktif} for k, label, url in items]


def _aktif(request):
    """The menu entry the current page belongs to."""
    match = getattr(request, "resolver_match", None)
    name = match.url_name if match else ""
    if name == "beranda":
        return "beranda"
    if name and name.startswith("impor"):
        return "impor"
    if name and name.startswith("review-tahun"):
        return "review-tahun"
    if match and match.namespace == "kerja":
        return "ruang-kerja"
    return ""


def menu(request):
    return {"menu": SimpleLazyObject(lambda: _menu(request))}
