/* A job of a worker (a document, an import's dry run): poll its status every 1.5 s and offer the
   file when it is ready, or (data-muat) reload the page, which then shows the result itself. */
(function () {
  "use strict";
  var box = document.getElementById("berkas");
  if (!box) return;
  var label = document.getElementById("berkas-label");
  var tahap = document.getElementById("berkas-tahap");
  var bar = document.getElementById("berkas-maju");
  var angka = document.getElementById("berkas-angka");
  var pesan = document.getElementById("berkas-pesan");
  var unduh = document.getElementById("berkas-unduh");
  var ulang = document.getElementById("berkas-muat-ulang");
  var satuan = box.dataset.satuan || "bagian selesai";
  function tampil(data) {
    label.textContent = data.label;
    tahap.textContent = data.tahap;
    if (data.jumlah) {
      bar.max = data.jumlah;
      bar.value = data.selesai;
      angka.textContent = data.selesai + " dari " + data.jumlah + " " + satuan;
    }
    if (data.status === "selesai" && box.dataset.muat) {
      window.location.reload();
      return false;
    }
    pesan.hidden = !data.pesan;
    pesan.textContent = data.pesan;
    if (data.unduh && unduh) {
      unduh.querySelector("a").href = data.unduh;
      unduh.hidden = false;
      document.getElementById("berkas-judul").textContent = "Berkas siap";
      bar.value = bar.max;
      if (ulang) ulang.hidden = true;
    }
    if (data.status === "gagal" && ulang) {
      ulang.textContent = "Gagal. Muat ulang halaman ini untuk mencoba lagi.";
    }
    return data.status !== "selesai" && data.status !== "gagal";
  }
  function tanya() {
    fetch(box.dataset.status, { credentials: "same-origin" })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (data) {
        if (!data || tampil(data)) setTimeout(tanya, 1500);
      })
      .catch(function () { setTimeout(tanya, 5000); });
  }
  if ((!unduh || unduh.hidden) && pesan.hidden) setTimeout(tanya, 1500);
})();
