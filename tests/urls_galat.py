"""A URL that fails, for the test of the 500 page (tests/test_navigasi.py)."""

from django.urls import path


def rusak(request):
    raise RuntimeError("sengaja gagal")


urlpatterns = [path("rusak/", rusak)]
