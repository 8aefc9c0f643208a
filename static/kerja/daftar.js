/* The list tables (templates/kerja/daftar.html, kerja/daftar.py): "Tambah baris" adds an empty
 * row at the end and puts the active cell on its first column; a row's "Hapus baris" asks in an
 * in-page dialog (konfirmasi.js), then removes it. The grid itself (keys, paste, saving) is
 * ruang_kerja.js, through window.RuangKerja. */
(function () {
  "use strict";
  var rk = window.RuangKerja, wadah = document.getElementById("daftar");
  if (!rk || !wadah) return;
  var tambah = document.getElementById("tambah-baris");

  function kirim(url, data, gagal, anchor) {
    var n = rk.belumTersimpan();
    if (n) {
      rk.tampilkanPesan("Masih ada " + n + " sel yang belum tersimpan. Tunggu sampai tersimpan atau batalkan dahulu.", []);
      return;
    }
    rk.kirimJson(url, data).then(function (hasil) {
      if (hasil[0] !== 200) {
        rk.tampilkanPesan(gagal, (hasil[1].kesalahan || []).map(function (k) { return k.pesan; }));
        return;
      }
      window.location.hash = anchor(hasil[1]);
      window.location.reload();
    });
  }

  if (tambah) {
    tambah.addEventListener("click", function () {
      kirim(wadah.dataset.tambah, {}, "Baris tidak ditambahkan:", function (data) { return "b-" + data.id; });
    });
    if (window.location.hash === "#tambah-baris") tambah.focus();
  }

  rk.grid.addEventListener("click", function (ev) {
    var b = ev.target.closest("button.hapus-baris");
    if (!b) return;
    var tr = b.closest("tr");
    Konfirmasi.tanya(
      "Hapus baris",
      "Hapus baris " + tr.dataset.b + " dari " + wadah.dataset.judul + "? Baris sesudahnya naik satu nomor.",
      "Hapus baris",
      function () {
        kirim(wadah.dataset.hapus, { id: Number(b.dataset.id), versi: Number(b.dataset.v) }, "Baris tidak dihapus:",
          function () { return "tambah-baris"; });
      }
    );
  });
})();
