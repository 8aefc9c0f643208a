"""docs/perhitungan.md explains every public formula of the engine."""

import inspect
from pathlib import Path

from anggaran import pagu
from evaluasi import capaian

DOC = Path(__file__).resolve().parent.parent / "docs" / "perhitungan.md"


def public_functions(module):
    return [
        name
        for name, obj in inspect.getmembers(module, inspect.isfunction)
        if obj.__module__ == module.__name__ and not name.startswith("_") and name not in {"angka", "tak_terdefinisi"}
    ]


def test_setiap_rumus_dijelaskan():
    text = DOC.read_text(encoding="utf-8")
    missing = [name for module in (capaian, pagu) for name in public_functions(module) if f"`{name}`" not in text]
    assert missing == []
