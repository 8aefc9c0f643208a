/* The numeric formulas of evaluasi/capaian.py, so that the monev grid shows kolom 12–15 and the
 * predikat as the planner types; the server recomputes them after each save and its figures
 * replace these (tests/kerja/test_monev_js.py runs both on the same cases). A figure that is
 * undefined is null (shown "–"). Qualitative rows are left to the server. */
(function (root) {
  "use strict";
  // Combine values over periods by sifat: kumulatif sums, non_kumulatif takes the latest, rata_rata the mean.
  function agregasi(sifat, nilai) {
    var ada = nilai.filter(function (v) { return v !== null && v !== undefined; });
    if (!ada.length) return null;
    if (sifat === "kumulatif") return ada.reduce(function (a, b) { return a + b; }, 0);
    if (sifat === "non_kumulatif") return ada[ada.length - 1];
    if (sifat === "rata_rata") return ada.reduce(function (a, b) { return a + b; }, 0) / ada.length;
    return null;
  }

  // Capaian (%) of a realisasi against its target by polaritas (negatif: rasio_terbalik or selisih).
  function capaian(r, t, polaritas, metode) {
    if (r === null || t === null || r === undefined || t === undefined) return null;
    if (polaritas !== "negatif") return t === 0 ? null : r / t * 100;
    if (metode === "rasio_terbalik") return r === 0 ? null : t / r * 100;
    if (metode === "selisih") return t === 0 ? null : (2 * t - r) / t * 100;
    return null;
  }

  // Predikat on the unrounded capaian with half-open bands (x > 90 ST, > 75 T, > 65 S, > 50 R, else SR).
  function predikat(x) {
    if (x === null || x === undefined) return "\u2013";
    var kode = x > 90 ? "ST" : x > 75 ? "T" : x > 65 ? "S" : x > 50 ? "R" : "SR";
    return kode + (x > 100 ? " (melampaui target)" : "");
  }

  // Kolom 12–15 of an indicator's row: quarters TW I–IV, k5/k6/k7 as numbers or null.
  function baris(sifat, polaritas, metode, triwulan, k5, k6, k7) {
    var k12 = agregasi(sifat, triwulan);
    var k14 = agregasi(sifat, [k6, k12]);
    var k13 = capaian(k12, k7, polaritas, metode);
    return { k12: k12, k13: k13, k14: k14, k15: capaian(k14, k5, polaritas, metode), predikat: predikat(k13) };
  }

  root.Capaian = { agregasi: agregasi, capaian: capaian, predikat: predikat, baris: baris };
})(typeof window !== "undefined" ? window : globalThis);
