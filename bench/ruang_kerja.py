"""Time the planner's workspace of a Renja through the views, as the browser asks for it: the
grid page, one cell saved, a pasted 3 × 4 block saved, and the findings refreshed after a save.
Every save puts the original value back afterwards, so the Renja ends as it started.

Called by bench/run.py (``ukur(renja)``); the Django test client skips the network, which on
loopback adds about a millisecond."""

import json
import statistics
import time

from bench.laporan import terbaik


def _kali(fn, kali):
    times = []
    for _ in range(kali):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def ukur(renja):
    """Rows (label, seconds, peak, budget) for bench/RESULTS.md."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from renja.models import RenjaSubKegiatan

    client = Client()
    client.force_login(get_user_model().objects.get(username="perencana.bappeda"))
    base = f"/renja/{renja.opd.singkatan}/{renja.tahun}/ruang-kerja/"
    rows = []

    best, response, first = terbaik(lambda: client.get(base, HTTP_HOST="127.0.0.1"), kali=5)
    assert response.status_code == 200
    n = response.content.count(b"<tr")
    verdict = "ok" if best < 0.3 else "OVER"
    rows.append((f"Ruang kerja BAPPEDA 2022, halaman grid ({n} baris)", best, "", f"< 0.3 s: {verdict}"))
    rows.append(("… permintaan pertama", first, "", ""))

    items = list(RenjaSubKegiatan.objects.filter(renja=renja, pagu__isnull=False).order_by("urutan")[:3])

    def simpan(cells):
        response = client.post(
            base + "simpan/", json.dumps({"perubahan": cells}), content_type="application/json", HTTP_HOST="127.0.0.1"
        )
        assert response.status_code == 200, response.content
        return {(t["kolom"], t["id"]): t["versi"] for t in response.json()["tersimpan"]}

    item = items[0]
    state = {"versi": item.versi, "i": 0}

    def satu_sel():
        state["i"] += 1
        value = item.pagu + (state["i"] % 2)
        saved = simpan(
            [{"kolom": "pagu", "id": item.pk, "nilai": str(value).replace(".", ","), "versi": state["versi"]}]
        )
        state["versi"] = saved[("pagu", item.pk)]

    median, p95 = _kali(satu_sel, 50)
    if state["i"] % 2:
        satu_sel()
    verdict = "ok" if p95 < 0.1 else "OVER"
    rows.append(("Simpan satu sel (pagu), median dari 50", median, "", f"< 0.1 s: {verdict}"))
    rows.append(("… persentil 95", p95, "", ""))

    versi = dict(RenjaSubKegiatan.objects.filter(pk__in=[i.pk for i in items]).values_list("pk", "versi"))
    originals = [
        (i.pagu, i.lokasi, i.sumber_dana.nama if i.sumber_dana else "", str(i.penanggung_jawab or "")) for i in items
    ]

    def blok(values):
        cells = []
        for i, (pagu, lokasi, dana, pj) in zip(items, values, strict=True):
            for kolom, nilai in (
                ("pagu", str(pagu).replace(".", ",")),
                ("lokasi", lokasi),
                ("sumber_dana", dana),
                ("penanggung_jawab", pj),
            ):
                cells.append({"kolom": kolom, "id": i.pk, "nilai": nilai, "versi": versi[i.pk]})
        saved = simpan(cells)
        for i in items:
            versi[i.pk] = saved[("pagu", i.pk)]

    changed = [(pagu + 1, f"{lokasi} (uji)", dana, pj) for pagu, lokasi, dana, pj in originals]
    state["blok"] = 0

    def tempel():
        state["blok"] += 1
        blok(changed if state["blok"] % 2 else originals)

    median, _ = _kali(tempel, 20)
    blok(originals)
    rows.append(("Simpan tempelan 3 × 4 sel (3 sub kegiatan), median dari 20", median, "", ""))

    best, response, _ = terbaik(lambda: client.get(base + "temuan/", HTTP_HOST="127.0.0.1"), kali=5)
    assert response.status_code == 200
    rows.append(("Temuan pemeriksaan sesudah simpan (JSON)", best, "", ""))
    return rows
