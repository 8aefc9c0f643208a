/* The side panel of a grid (templates/kerja/_grid_panel.html): opened by a row's Riwayat or
 * Catatan button, filled with the fragment of the URL in the grid's data-riwayat or
 * data-komentar (its "sub/0/" tail replaced by the button's data-objek and data-pk); focus goes
 * to the panel's heading, and closing it (× or Esc) brings focus back to the button. A form in
 * the panel (data-panel) is posted (its button disabled meanwhile) and its answer shown in the
 * panel. Other scripts open it with Panel.buka(url, opener) and hear each display through
 * Panel.setelahTampil(fn(opener)) (the monev grid's bukti dukung). Used by the Renja workspace,
 * the Renstra grid and the monev grid. No library, no CDN. */
(function () {
  "use strict";
  var grid = document.querySelector("[data-riwayat]");
  var panel = document.getElementById("panel"), isiPanel = document.getElementById("isi-panel"), pembuka = null;
  var setelah = [];
  if (!grid || !panel) return;
  var csrf = document.querySelector("[name=csrfmiddlewaretoken]");

  function tampilPanel(html, fokus) {
    isiPanel.innerHTML = html;
    panel.hidden = false;
    var judul = document.getElementById("judul-panel");
    if (fokus && judul) judul.focus();
    setelah.forEach(function (f) { f(pembuka); });
  }

  function buka(url, tombol) {
    pembuka = tombol;
    ambil(url).then(function (html) { tampilPanel(html, true); });
  }

  function tutupPanel() {
    panel.hidden = true;
    if (pembuka && document.contains(pembuka)) pembuka.focus();
  }

  function ambil(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (res) { return res.text(); });
  }

  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("button.riwayat, button.komentar");
    if (!b) return;
    var pola = b.classList.contains("riwayat") ? grid.dataset.riwayat : grid.dataset.komentar;
    buka(pola.replace(/sub\/0\/$/, b.dataset.objek + "/" + b.dataset.pk + "/"), b);
  });
  document.getElementById("tutup-panel").addEventListener("click", tutupPanel);
  panel.addEventListener("keydown", function (ev) { if (ev.key === "Escape") tutupPanel(); });

  panel.addEventListener("submit", function (ev) {
    var form = ev.target.closest("form[data-panel]");
    if (!form) return;
    ev.preventDefault();
    var tombol = form.querySelector("button[type=submit]");
    if (tombol) tombol.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-CSRFToken": csrf ? csrf.value : "" },
      credentials: "same-origin",
    })
      .then(function (res) { return res.text(); })
      .then(function (html) {
        tampilPanel(html, false);
        // the answer replaced the form that had the focus: give it to the heading, so that the
        // keyboard stays in the panel (Esc still closes it)
        if (!panel.contains(document.activeElement)) {
          var judul = document.getElementById("judul-panel");
          if (judul) judul.focus();
        }
      });
  });

  window.Panel = { buka: buka, setelahTampil: function (f) { setelah.push(f); } };
})();
