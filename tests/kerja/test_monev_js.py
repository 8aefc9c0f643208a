"""The monev grid's script computes kolom 12–15 and the predikat as the planner types: it must
follow evaluasi/capaian.py and read numbers as renja/angka.py. Node runs static/kerja/angka.js
and capaian.js on the same cases as Python, and the texts shown must be the same."""

import json
import shutil
import subprocess
from decimal import Decimal as D
from pathlib import Path

import pytest

from evaluasi import capaian as c
from kerja.monev import _angka, _persen, _predikat
from renja.angka import AngkaTidakSah, baca_angka, gaya_angka

STATIC = Path(__file__).resolve().parents[2] / "static" / "kerja"
NODE = shutil.which("node") or shutil.which("nodejs")

KASUS = [  # sifat, polaritas, metode, TW I–IV, kolom 5, 6, 7
    ("kumulatif", "positif", "", [2, 3, None, None], 24, 0, 8),
    ("kumulatif", "positif", "", [10, 0, 0, 0], 140, 140, 0),
    ("non_kumulatif", "positif", "", [30, 40, None, None], 80, 75, 75),
    ("non_kumulatif", "positif", "", [90, 92, 94, 95], 100, 85, 95),
    ("rata_rata", "positif", "", ["66.5", "70.25", None, None], 75, 60, 70),
    ("non_kumulatif", "negatif", "rasio_terbalik", [12, 10, None, None], 5, 15, 8),
    ("non_kumulatif", "negatif", "selisih", [12, "9.5", None, None], 5, 15, 8),
    ("non_kumulatif", "negatif", "rasio_terbalik", [0, None, None, None], 5, None, 8),
    ("kumulatif", "positif", "", [None, None, None, None], 10, None, 5),
    ("kumulatif", "positif", "", ["0.005", "0.0049", None, None], 1, None, "0.0198"),
    ("non_kumulatif", "positif", "", ["62.5", None, None, None], None, None, 100),
]
TEKS = ["1.234,5", "1,234.5", "12,5", "12.5", "1.200", "(1.000)", "Rp 2.500.000", "abc", "", "–", "66,667%"]


def _d(v):
    return None if v is None else D(str(v))


def _python(sifat, polaritas, metode, tw, k5, k6, k7):
    args = {"polaritas": polaritas, "metode_negatif": metode}
    k12 = c.evaluasi_kolom_12(sifat, [_d(v) for v in tw])
    k13 = c.evaluasi_kolom_13(k12.nilai, _d(k7), **args)
    k14 = c.evaluasi_kolom_14(sifat, _d(k6), k12.nilai)
    k15 = c.evaluasi_kolom_15(k14.nilai, _d(k5), **args)
    return [_angka(k12), _persen(k13), _angka(k14), _persen(k15), _predikat(k13)]


def _baca_python(teks):
    try:
        value = baca_angka(teks, gaya_angka([teks]))
    except AngkaTidakSah:
        return "salah"
    return "kosong" if value is None else _angka(c.Hasil(value))


SKRIP = """
const fs = require("fs");
for (const f of ["angka.js", "capaian.js"]) eval(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const num = (v) => (v === null ? null : Number(v));
const hasil = input.kasus.map(([sifat, pol, met, tw, k5, k6, k7]) => {
  const h = Capaian.baris(sifat, pol, met, tw.map(num), num(k5), num(k6), num(k7));
  return [Angka.format(h.k12, 4, true), Angka.format(h.k13, 2), Angka.format(h.k14, 4, true), Angka.format(h.k15, 2), h.predikat];
});
const baca = input.teks.map((t) => {
  const v = Angka.baca(t, Angka.gaya([t]));
  return v === undefined ? "salah" : v === null ? "kosong" : Angka.format(v, 4, true);
});
process.stdout.write(JSON.stringify({ hasil, baca }));
"""


@pytest.mark.skipif(NODE is None, reason="node tidak terpasang")
def test_js_mengikuti_capaian_py():
    run = subprocess.run(
        [NODE, "-e", SKRIP, str(STATIC)],
        input=json.dumps(
            {
                "kasus": [
                    [
                        *k[:3],
                        [None if v is None else str(v) for v in k[3]],
                        *[None if v is None else str(v) for v in k[4:]],
                    ]
                    for k in KASUS
                ],
                "teks": TEKS,
            }
        ),
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(run.stdout)
    assert out["hasil"] == [_python(*k) for k in KASUS]
    assert out["baca"] == [_baca_python(t) for t in TEKS]
