"""Bar charts of the city-wide view, drawn as inline SVG by the template (no library, no CDN).
Only the geometry of the bars lives here; every figure comes from the builders."""

from dataclasses import dataclass, field
from decimal import Decimal

from renja.angka import bulatkan

TINGGI = 12  # height of one bar (px)
JARAK = 8  # space between groups (px)


@dataclass
class Batang:
    label: str
    y_label: int
    persegi: list = field(default_factory=list)  # [(series index, y, width px, figure)]
    x_nilai: int = 0  # where the first figure is written, right of its bar


@dataclass
class Grafik:
    batang: list
    tinggi: int
    x0: int  # left edge of the bars (labels end here)


def grafik_batang(baris, lebar=380, x0=124):
    """A horizontal bar chart of ``baris`` [(label, [figure, …])]: one group per label, one bar
    per figure (None draws none), all scaled to the largest figure over ``lebar`` px."""
    largest = max((Decimal(v) for _, values in baris for v in values if v is not None), default=Decimal(0))
    out, y = [], 0
    for label, values in baris:
        bar = Batang(label, y + TINGGI - 1)
        for index, value in enumerate(values):
            width = int(bulatkan(Decimal(value) / largest * lebar, 0)) if value is not None and largest else 0
            if width:
                bar.persegi.append((index, y + index * TINGGI, width, value))
            if index == 0:
                bar.x_nilai = x0 + width + 4
        out.append(bar)
        y += TINGGI * len(values) + JARAK
    return Grafik(out, y + 4, x0)
