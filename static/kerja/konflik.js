/* A grid's save refused because somebody saved the cell first (409, the answer's "konflik"):
 * one list item per cell with its message and two buttons, "Pakai nilai <who>" (take the other
 * value) and "Tetap simpan nilai saya" (keep mine: saved again at the other's version). Shared
 * by the Renja workspace grids (ruang_kerja.js) and the monev grid (monev.js). No library. */
(function () {
  "use strict";

  function tombol(teks, aksi) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = teks;
    b.addEventListener("click", aksi);
    return b;
  }

  // k: {kolom, id, obj, versi, oleh, nilai_lain, pesan}; pakai(k) and simpan(k) are called
  // after the item is removed.
  function butir(k, pakai, simpan) {
    var li = document.createElement("li");
    li.textContent = k.pesan + " ";
    li.appendChild(tombol("Pakai nilai " + k.oleh, function () { li.remove(); pakai(k); }));
    li.appendChild(tombol("Tetap simpan nilai saya", function () { li.remove(); simpan(k); }));
    return li;
  }

  window.Konflik = { butir: butir, tombol: tombol };
})();
