import pytest

from evaluasi.demo import muat_demo


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
