/* Tabel 2.2 (T-C.30) grid: the cells are ruang_kerja.js's grid; this adds a row (its dialog)
 * and removes one (an in-page confirmation), through the workspace's structure endpoint, then
 * reloads. Uses what ruang_kerja.js puts on window.RuangKerja. No library, no CDN. */
(function () {
  "use strict";
  var rk = window.RuangKerja;
  if (!rk) return;
  var tambah = document.getElementById("dialog-pelayanan"), hapus = document.getElementById("dialog-hapus");
  if (!tambah || !hapus) return;
  var pembuka = null, sasaran = null;

  function buka(dialog, tombol) {
    if (rk.belumTersimpan()) {
      rk.tampilkanPesan("Masih ada " + rk.belumTersimpan() + " sel yang belum tersimpan. Simpan atau batalkan dahulu.", []);
      return false;
    }
    pembuka = tombol;
    dialog.showModal();
    return true;
  }

  function kirim(dialog, data) {
    rk.kirimJson(dialog.dataset.url, data).then(function (hasil) {
      if (hasil[0] === 200) { window.location.reload(); return; }
      dialog.close();
      rk.tandaiGagal(hasil[1]);
    });
  }

  document.querySelectorAll(".batal-dialog").forEach(function (b) {
    b.addEventListener("click", function () { b.closest("dialog").close(); });
  });
  [tambah, hapus].forEach(function (d) {
    d.addEventListener("close", function () { if (pembuka && document.contains(pembuka)) pembuka.focus(); });
  });

  document.getElementById("tambah-indikator").addEventListener("click", function (ev) {
    var form = document.getElementById("form-pelayanan");
    form.reset();
    if (buka(tambah, ev.currentTarget)) form.elements.kelompok_nomor.focus();
  });
  document.getElementById("form-pelayanan").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var data = {};
    Array.from(ev.target.elements).forEach(function (el) { if (el.name) data[el.name] = el.value; });
    kirim(tambah, { data: data });
  });

  rk.grid.addEventListener("click", function (ev) {
    var b = ev.target.closest("button.hapus-pelayanan");
    if (!b) return;
    sasaran = b;
    document.getElementById("hapus-nama").textContent = b.dataset.nama;
    if (buka(hapus, b)) document.getElementById("ya-hapus").focus();
  });
  document.getElementById("form-hapus").addEventListener("submit", function (ev) {
    ev.preventDefault();
    kirim(hapus, { id: sasaran.dataset.id, versi: sasaran.dataset.versi });
  });
})();
