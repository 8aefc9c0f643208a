"""The menu of every page (a context processor): the entries a user's roles allow, read from
renja.akses in one query (``akses.hak``), plus one query for the Renja an entry leads to (a
planner's latest Renja; Bappeda's latest year, unless the page has a year: then that year's
review). Nothing is read before the template asks for it. A page that already holds the roles
and the user's Renja (the home page) builds it with ``susun`` without a query."""

from django.db.models import Max
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from config.masuk import wajib_ganti_sandi
from renja import akses
from renja.models import Renja


def susun(request, hak, daftar_renja=None):
    """The menu entries for the user of ``request`` with roles ``hak``; ``daftar_renja``, every
    Renja the user may see, when the page has it (else one query per entry that needs a Renja)."""
    user = request.user
    items = [("beranda", "Beranda", reverse("beranda"))]
    if hak.perencana:
        renja = _renja_perencana(hak, daftar_renja)
        if renja is not None:
            url = reverse("kerja:ruang-kerja", args=[renja.opd.singkatan, renja.tahun])
            items.append(("ruang-kerja", "Ruang kerja", url))
    if hak.boleh_review_tahunan:
        tahun = _tahun_halaman(request) or _tahun_terakhir(hak, daftar_renja)
        if tahun is not None:
            items.append(("review-tahun", "Review tahunan", reverse("review-tahun", args=[tahun])))
    if hak.boleh_impor:
        items.append(("impor", "Impor", reverse("impor")))
    if user.is_staff or user.is_superuser:
        items.append(("admin", "Admin", reverse("admin:index")))
    aktif = _aktif(request)
    return [{"kunci": k, "label": label, "url": url, "aktif": k == aktif} for k, label, url in items]


def _renja_perencana(hak, daftar_renja):
    """The latest Renja of the planner's OPDs."""
    if daftar_renja is None:
        return Renja.objects.filter(opd_id__in=hak.perencana).select_related("opd").order_by("-tahun").first()
    return max((r for r in daftar_renja if r.opd_id in hak.perencana), key=lambda r: r.tahun, default=None)


def _tahun_halaman(request):
    """The year of the page shown (a Renja's or the review's): the year the user works in."""
    match = getattr(request, "resolver_match", None)
    return match.kwargs.get("tahun") if match else None


def _tahun_terakhir(hak, daftar_renja):
    if daftar_renja is not None:
        return max((r.tahun for r in daftar_renja), default=None)
    renja = Renja.objects.all() if hak.superuser else Renja.objects.filter(opd__pemda__in=hak.bappeda)
    return renja.aggregate(m=Max("tahun"))["m"]


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


def _menu(request):
    user = getattr(request, "user", None)  # none on a request refused before authentication (400)
    if user is None or not user.is_authenticated or wajib_ganti_sandi(user):
        return []  # a one-time password is changed before anything else (config.masuk)
    return susun(request, akses.hak(user))


def menu(request):
    return {"menu": SimpleLazyObject(lambda: _menu(request))}
