"""Django set-up shared by the benchmark scripts (run them from anywhere: the project root is put on sys.path)."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sqlite_sementara(prefix, nama="bench.sqlite3"):
    """URL of a new SQLite file in a fresh temporary directory, and that directory."""
    tmp = tempfile.mkdtemp(prefix=prefix)
    return f"sqlite:///{tmp}/{nama}", tmp


def setup_django(database_url, override=False):
    """Point config.settings at ``database_url`` and call django.setup(). Without ``override``
    a DATABASE_URL or DJANGO_SETTINGS_MODULE already in the environment wins (bench/run.py);
    with it, the given database and config.settings are used whatever the environment says."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    put = os.environ.__setitem__ if override else os.environ.setdefault
    put("DATABASE_URL", database_url)
    put("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    return os.environ["DATABASE_URL"]
