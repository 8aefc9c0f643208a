"""Display rounding happens only in renja.angka (ROUND_HALF_UP); Python's round() is not used."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_tidak_ada_round_bawaan():
    offenders = []
    for app in ("renja", "anggaran", "evaluasi", "laporan", "config"):
        for path in (ROOT / app).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if re.search(r"(?<![\w.])round\(", line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []


def test_rounding_half_up_hanya_di_satu_tempat():
    places = [
        str(path.relative_to(ROOT))
        for app in ("renja", "anggaran", "evaluasi", "laporan")
        for path in (ROOT / app).rglob("*.py")
        if "ROUND_HALF_UP" in path.read_text(encoding="utf-8")
    ]
    assert places == ["renja/angka.py"]
