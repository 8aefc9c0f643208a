/* Monev grid: a row's "Bukti (n)" link opens the indicator's bukti dukung of the triwulan in the
 * grid's side panel (static/kerja/panel.js, which also sends the panel's upload and delete forms
 * and shows the server's answer); the link itself is the page without JavaScript. After each
 * answer the link's count follows the list. No library, no CDN. */
(function () {
  "use strict";
  var grid = document.getElementById("monev");
  if (!grid || !window.Panel) return;

  Panel.setelahTampil(function (pembuka) {
    var daftar = document.getElementById("daftar-bukti");
    if (!pembuka || !pembuka.classList.contains("bukti") || !document.contains(pembuka)) return;
    var n = daftar ? daftar.tBodies[0].rows.length : 0;
    pembuka.textContent = "Bukti (" + n + ")";
    pembuka.setAttribute("aria-label", pembuka.getAttribute("aria-label").replace(/\d+ berkas$/, n + " berkas"));
  });

  grid.addEventListener("click", function (ev) {
    var a = ev.target.closest("a.bukti");
    if (!a) return;
    ev.preventDefault();
    Panel.buka(a.href + (a.href.indexOf("?") < 0 ? "?" : "&") + "panel=1", a);
  });
})();
