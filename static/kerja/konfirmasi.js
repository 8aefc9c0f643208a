/* The in-page confirmation of a destructive action (templates/kerja/_dialog_konfirmasi.html):
 * Konfirmasi.tanya(judul, pesan, tombol, aksi) opens a modal dialog whose "tombol" button runs
 * ``aksi``; Batal or Esc closes it and focus goes back to where it was. Focus starts on Batal,
 * so an Enter pressed by habit removes nothing. */
(function () {
  "use strict";
  var dialog = document.getElementById("dialog-konfirmasi");
  if (!dialog) return;
  var ya = document.getElementById("ya-konfirmasi"), batal = document.getElementById("batal-konfirmasi");
  var lanjut = null, asal = null;

  function tanya(judul, pesan, tombol, aksi) {
    lanjut = aksi;
    asal = document.activeElement;
    document.getElementById("judul-konfirmasi").textContent = judul;
    document.getElementById("isi-konfirmasi").textContent = pesan;
    ya.textContent = tombol;
    dialog.showModal();
    batal.focus();
  }

  ya.addEventListener("click", function () {
    var aksi = lanjut;
    lanjut = null;
    dialog.close();
    if (aksi) aksi();
  });
  batal.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    lanjut = null;
    if (asal && document.contains(asal)) asal.focus();
  });

  // A form marked data-konfirmasi="…" asks first (data-judul, data-tombol name the dialog and its button).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.konfirmasi || form.dataset.dikonfirmasi) return;
    event.preventDefault();
    tanya(form.dataset.judul || "Konfirmasi", form.dataset.konfirmasi, form.dataset.tombol || "Ya", function () {
      form.dataset.dikonfirmasi = "1";
      form.submit();
    });
  });

  window.Konfirmasi = { tanya: tanya };
})();
