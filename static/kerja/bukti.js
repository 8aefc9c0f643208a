/* Monev grid: a row's "Bukti (n)" link opens the indicator's bukti dukung of the triwulan in the
 * side panel (the link itself is the page without JavaScript); uploads and deletes in the panel
 * are sent with fetch and the panel shows the server's answer. No library, no CDN. */
(function () {
  "use strict";
  var grid = document.getElementById("monev"), panel = document.getElementById("panel");
  if (!grid || !panel) return;
  var isi = document.getElementById("isi-panel"), pembuka = null;

  function tampil(html) {
    isi.innerHTML = html;
    panel.hidden = false;
    var judul = document.getElementById("judul-panel");
    if (judul) judul.focus();
    var daftar = document.getElementById("daftar-bukti");
    if (pembuka && document.contains(pembuka)) {
      var n = daftar ? daftar.tBodies[0].rows.length : 0;
      pembuka.textContent = "Bukti (" + n + ")";
      pembuka.setAttribute("aria-label", pembuka.getAttribute("aria-label").replace(/\d+ berkas$/, n + " berkas"));
    }
  }

  function tutup() {
    panel.hidden = true;
    if (pembuka && document.contains(pembuka)) pembuka.focus();
  }

  grid.addEventListener("click", function (ev) {
    var a = ev.target.closest("a.bukti");
    if (!a) return;
    ev.preventDefault();
    pembuka = a;
    fetch(a.href + (a.href.indexOf("?") < 0 ? "?" : "&") + "panel=1", { credentials: "same-origin" })
      .then(function (res) { return res.text(); })
      .then(tampil);
  });
  document.getElementById("tutup-panel").addEventListener("click", tutup);
  panel.addEventListener("keydown", function (ev) { if (ev.key === "Escape") tutup(); });
  panel.addEventListener("submit", function (ev) {
    var form = ev.target.closest("form[data-panel]");
    if (!form) return;
    ev.preventDefault();
    var tombol = form.querySelector("button[type=submit]");
    if (tombol) tombol.disabled = true;
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (res) { return res.text(); })
      .then(tampil);
  });
})();
