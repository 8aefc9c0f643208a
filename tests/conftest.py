import pytest
from django.test.utils import override_settings

from evaluasi.demo import muat_demo

SEGERA = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="session", autouse=True)
def tugas_segera(tmp_path_factory):
    """Jobs run at once in the test process (the download is the file itself), their files in a
    throw-away media folder; tests/browser runs a real worker."""
    with override_settings(TASKS=SEGERA, MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The nomenclature master and the demo data are loaded once into the test database;
    each test runs in a transaction that is rolled back."""
    with django_db_blocker.unblock():
        muat_demo()


@pytest.fixture
def bappeda(db):
    from renja.models import Renja

    return Renja.objects.select_related("opd").get(opd__singkatan="BAPPEDA", tahun=2022)


@pytest.fixture
def kominfo(db):
    from renja.models import Renja

    return Renja.objects.select_related("opd").get(opd__singkatan="DISKOMINFO", tahun=2022)
