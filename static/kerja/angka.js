/* Numbers typed or pasted by a user, read as renja/angka.py reads them (Indonesian 1.234.567,89
 * or English 1,234,567.89 style, the style decided once for a pasted block), and figures shown
 * in id-ID style, rounded half up as renja.angka.bulatkan. Shared by the workspace and monev grids.
 * No library. */
(function (root) {
  "use strict";
  var POLA = { id: /^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/, en: /^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/ };
  var KOSONG = ["", "-", "\u2013", "\u2014"];

  function bersih(teks) {
    return String(teks).replace(/[\u00a0 ]/g, "").replace(/\u2212/g, "-").replace(/^rp\.?/i, "").replace(/%$/, "");
  }

  // The style of a block of texts: English as soon as one can only be English, else Indonesian.
  function gaya(daftar) {
    for (var i = 0; i < daftar.length; i++) {
      var t = bersih(daftar[i]).replace(/^[()+-]+|[()+-]+$/g, "");
      if (t.indexOf(".") >= 0 && t.indexOf(",") >= 0) return t.lastIndexOf(".") > t.lastIndexOf(",") ? "en" : "id";
      if ((t.match(/,/g) || []).length > 1) return "en";
      if ((t.match(/\./g) || []).length > 1) return "id";
      var m = /^\d+([.,])(\d+)$/.exec(t);
      if (m && m[2].length !== 3) return m[1] === "." ? "en" : "id";
    }
    return "id";
  }

  // The number of a text: null when empty, undefined when it is not a number in that style.
  function baca(teks, g) {
    var t = bersih(teks);
    if (KOSONG.indexOf(t) >= 0) return null;
    var neg = t.charAt(0) === "-" || (t.charAt(0) === "(" && t.slice(-1) === ")");
    t = t.replace(/^\(|\)$/g, "").replace(/^[+-]/, "");
    if (!POLA[g || "id"].test(t)) return undefined;
    var angka = Number(g === "en" ? t.replace(/,/g, "") : t.replace(/\./g, "").replace(",", "."));
    return neg ? -angka : angka;
  }

  function bulatkan(x, desimal) {
    var f = Math.pow(10, desimal);
    var y = Math.round(Math.abs(x) * f * (1 + 1e-12)) / f;
    return x < 0 ? -y : y;
  }

  // id-ID text of a figure: exactly ``desimal`` places, or with ringkas up to that many (trailing 0s dropped).
  function format(x, desimal, ringkas) {
    if (x === null || x === undefined || isNaN(x)) return "\u2013";
    var teks = Math.abs(bulatkan(x, desimal)).toFixed(desimal);
    var bagian = teks.split(".");
    var utuh = bagian[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    var sisa = bagian[1] || "";
    if (ringkas) sisa = sisa.replace(/0+$/, "");
    var tanda = x < 0 && Number(teks) !== 0 ? "-" : "";
    return tanda + utuh + (sisa ? "," + sisa : "");
  }

  root.Angka = { POLA: POLA, bersih: bersih, gaya: gaya, baca: baca, bulatkan: bulatkan, format: format };
})(typeof window !== "undefined" ? window : globalThis);
