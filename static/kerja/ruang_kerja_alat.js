/* Ruang kerja Renja, around the grid (the side panel is panel.js): the Catatan Penting of
 * T-C.31 rows, structure changes (add or remove a sub kegiatan or an indicator) and the form for
 * a new indicator. Uses what ruang_kerja.js puts on window.RuangKerja. No library, no CDN.
 */
(function () {
  "use strict";
  var rk = window.RuangKerja;
  if (!rk) return;
  var grid = rk.grid;

  // ------------------------------------------------------------------ Catatan Penting of T-C.31 rows
  document.querySelectorAll("textarea.catatan-review").forEach(function (ta) {
    ta.addEventListener("change", function () {
      var cell = { kolom: ta.dataset.k, id: Number(ta.dataset.id), nilai: ta.value, versi: Number(ta.dataset.v), baris: ta.dataset.b };
      rk.perbaruiKeadaan("Menyimpan catatan…");
      rk.kirimJson(grid.dataset.simpan, { perubahan: [cell] })
        .then(function (hasil) {
          ta.classList.toggle("salah", hasil[0] !== 200);
          if (hasil[0] !== 200) { rk.perbaruiKeadaan("Catatan Penting belum tersimpan."); rk.tandaiGagal(hasil[1]); return; }
          var t = hasil[1].tersimpan[0], td = rk.cariSel(t.kolom + ":" + t.id);
          rk.setVersi(t.obj, t.versi);
          if (td) { td.textContent = t.tampil; td.dataset.s = t.tampil; }
          rk.perbaruiKeadaan();
          rk.muatTemuan();
        });
    });
  });

  // ------------------------------------------------------------------ one Catatan Penting for the rows ticked
  // The ticked rows' cells go in one save (kerja.grid.Lembar.simpan): each at the version its
  // textarea holds, all saved or none; a row someone else changed first is named in the message.
  var bersama = document.getElementById("isi-catatan-bersama");
  if (bersama) {
    var semua = document.getElementById("pilih-semua-review"), jumlah = document.getElementById("jumlah-terpilih");
    var pilihan = function () { return Array.from(document.querySelectorAll("input.pilih-review")); };
    var terpilihReview = function () { return pilihan().filter(function (c) { return c.checked; }); };
    var hitungPilihan = function () {
      var n = terpilihReview().length;
      jumlah.textContent = n + " baris terpilih";
      semua.checked = n > 0 && n === pilihan().length;
      semua.indeterminate = n > 0 && n < pilihan().length;
    };
    semua.addEventListener("change", function () {
      pilihan().forEach(function (c) { c.checked = semua.checked; });
      hitungPilihan();
    });
    pilihan().forEach(function (c) { c.addEventListener("change", hitungPilihan); });
    document.getElementById("simpan-catatan-bersama").addEventListener("click", function () {
      var teks = bersama.value.trim(), baris = terpilihReview().map(function (c) { return c.closest("tr").querySelector("textarea.catatan-review"); });
      if (!baris.length) { rk.tampilkanPesan("Belum ada baris yang dipilih: centang baris yang diberi catatan ini.", []); return; }
      if (!teks) { rk.tampilkanPesan("Tulis Catatan Penting dahulu.", []); bersama.focus(); return; }
      var sel = baris.map(function (ta) {
        return { kolom: ta.dataset.k, id: Number(ta.dataset.id), nilai: teks, versi: Number(ta.dataset.v), baris: ta.dataset.b };
      });
      rk.perbaruiKeadaan("Menyimpan catatan untuk " + sel.length + " baris…");
      rk.kirimJson(grid.dataset.simpan, { perubahan: sel }).then(function (hasil) {
        baris.forEach(function (ta) { ta.classList.remove("salah", "konflik"); });
        if (hasil[0] !== 200) {
          rk.perbaruiKeadaan("Catatan Penting belum tersimpan.");
          rk.tandaiGagal(hasil[1]);
          (hasil[1].konflik || []).concat(hasil[1].kesalahan || []).forEach(function (k) {
            baris.forEach(function (ta) {
              if (ta.dataset.k === k.kolom && Number(ta.dataset.id) === k.id) ta.classList.add(k.nilai_lain !== undefined ? "konflik" : "salah");
            });
          });
          return;
        }
        hasil[1].tersimpan.forEach(function (t) { rk.setVersi(t.obj, t.versi); });
        baris.forEach(function (ta) { ta.value = teks; });
        pilihan().forEach(function (c) { c.checked = false; });
        hitungPilihan();
        rk.perbaruiKeadaan("Catatan Penting tersimpan untuk " + sel.length + " baris.");
        rk.muatTemuan();
      });
    });
  }

  // ------------------------------------------------------------------ structure: sub kegiatan, indicators
  function ubahStruktur(url, data, anchor, gagal) {
    if (rk.belumTersimpan()) {
      rk.tampilkanPesan("Masih ada " + rk.belumTersimpan() + " sel yang belum tersimpan. Simpan atau batalkan dahulu.", []);
      return;
    }
    rk.kirimJson(url, data)
      .then(function (hasil) {
        if (hasil[0] !== 200) { (gagal || rk.tandaiGagal)(hasil[1]); return; }
        if (anchor) window.location.hash = anchor;
        window.location.reload();
      });
  }

  // A button's question (data-tanya, else the workspace's own) is asked in the page's in-page
  // dialog (konfirmasi.js); an action without one (adding a tujuan or sasaran) is taken at once.
  // Its version is data-v when the grid keeps it current (data-o), else data-versi.
  var urlStruktur = grid.dataset.simpan.replace(/simpan\/$/, "");
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("button.aksi");
    if (!b) return;
    var tr = b.closest("tr"), aksi = b.dataset.aksi;
    if (aksi === "tambah-indikator") { bukaFormIndikator(b, tr); return; }
    var versi = b.dataset.v !== undefined ? b.dataset.v : b.dataset.versi;
    var kirim = function () { ubahStruktur(urlStruktur + aksi + "/", { id: b.dataset.id, versi: versi }); };
    var teks = b.dataset.tanya || {
      "hapus-indikator": "Hapus indikator ini beserta targetnya di Renja ini?",
      "hapus-sub-kegiatan": "Keluarkan sub kegiatan " + (tr && tr.dataset.kode) + " dari Renja ini?"
    }[aksi];
    var judul = aksi === "hapus-sub-kegiatan" ? "Keluarkan sub kegiatan" : b.textContent.trim();
    if (teks) Konfirmasi.tanya(judul, teks, aksi === "hapus-sub-kegiatan" ? "Keluarkan" : judul, kirim);
    else kirim();
  });

  // ------------------------------------------------------------------ the form for a new indicator
  var dialog = document.getElementById("dialog-indikator"), form = document.getElementById("form-indikator");
  var cek = document.getElementById("cek-indikator"), tujuanIndikator = null;

  function bukaFormIndikator(b, tr) {
    tujuanIndikator = { tombol: b, tingkat: b.dataset.tingkat, node: b.dataset.node, kode: tr.dataset.kode };
    form.reset();
    document.getElementById("untuk-indikator").textContent = "Untuk " + rk.namaBaris(tr).replace(/ · indikator .*$/, "");
    periksaIndikator();
    dialog.showModal();
    form.elements.nama.focus();
  }

  function nilai(nama) { return form.elements[nama].value.trim(); }
  function skala() { return nilai("skala").split("\n").map(function (s) { return s.trim(); }).filter(Boolean); }

  // What would be refused (the model's own rules, so nothing is sent in vain) and what is allowed
  // but rarely meant: a percentage summed, a quality averaged.
  function periksaIndikator() {
    var tipe = nilai("tipe_nilai"), sifat = nilai("sifat"), polaritas = nilai("polaritas"), satuan = nilai("satuan");
    var persen = /^%$|^persen/i.test(satuan), galat = [], saran = [];
    document.getElementById("baris-metode").hidden = polaritas !== "negatif";
    document.getElementById("baris-skala").hidden = tipe !== "kategori";
    if (!nilai("nama")) galat.push("Nama indikator wajib diisi.");
    [["tipe_nilai", "Tipe nilai"], ["sifat", "Sifat"], ["polaritas", "Polaritas"]].forEach(function (f) {
      if (!nilai(f[0])) galat.push(f[1] + " wajib dipilih.");
    });
    if (sifat === "kumulatif" && tipe && tipe !== "angka") {
      galat.push("Hanya indikator angka yang boleh kumulatif: persentase, indeks dan kategori tidak dijumlahkan. Pilih Non-kumulatif atau Rata-rata.");
    }
    if (polaritas === "negatif" && !nilai("metode_negatif")) galat.push("Indikator berpolaritas negatif wajib memilih metode capaian.");
    if (tipe === "kategori" && skala().length < 2) galat.push("Indikator kategori wajib mempunyai skala berurutan (minimal 2 tingkat).");
    if (persen && tipe === "angka") saran.push("Satuan '" + satuan + "' dengan tipe Angka: apakah maksudnya tipe Persen?");
    if (persen && sifat === "kumulatif") saran.push("Persentase yang kumulatif akan dijumlahkan tiap triwulan; biasanya persentase Non-kumulatif.");
    if (tipe === "persen" && satuan && !persen) saran.push("Tipe Persen dengan satuan '" + satuan + "': biasanya satuannya '%'.");
    if ((tipe === "kualitatif" || tipe === "kategori") && sifat === "rata_rata") saran.push("Nilai " + (tipe === "kualitatif" ? "kualitatif" : "kategori") + " tidak dapat dirata-rata; biasanya Non-kumulatif.");
    cek.replaceChildren();
    galat.forEach(function (t) { tambahCek("error", t); });
    saran.forEach(function (t) { tambahCek("peringatan", "Peringatan: " + t); });
    return galat.length === 0;
  }

  function tambahCek(kelas, teks) {
    var p = document.createElement("p");
    p.className = kelas;
    p.textContent = teks;
    cek.appendChild(p);
  }

  if (form) {
    form.addEventListener("input", periksaIndikator);
    form.addEventListener("change", periksaIndikator);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!periksaIndikator()) {
        var kosong = Array.from(form.querySelectorAll("[required]")).find(function (el) { return !el.value.trim(); });
        (kosong || form.elements.sifat).focus();
        return;
      }
      var jenis = {
        satuan: nilai("satuan"), tipe_nilai: nilai("tipe_nilai"), sifat: nilai("sifat"), polaritas: nilai("polaritas"),
        metode_negatif: nilai("polaritas") === "negatif" ? nilai("metode_negatif") : "", skala_kategori: skala(),
      };
      var data = { tingkat: tujuanIndikator.tingkat, node: tujuanIndikator.node, nama: nilai("nama"), jenis: jenis };
      ubahStruktur(urlStruktur + "tambah-indikator/", data, "n-" + tujuanIndikator.kode, function (jawab) {
        cek.replaceChildren();
        (jawab.kesalahan || []).forEach(function (k) { tambahCek("error", k.pesan); });
      });
    });
    document.getElementById("batal-indikator").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { if (tujuanIndikator) tujuanIndikator.tombol.focus(); });
  }

  // ------------------------------------------------------------------ adding a sub kegiatan
  var cari = document.getElementById("cari"), hasilCari = document.getElementById("hasil-cari"), timerCari = null;
  if (cari) {
    cari.addEventListener("input", function () {
      clearTimeout(timerCari);
      timerCari = setTimeout(function () {
        if (cari.value.trim().length < 2) { hasilCari.hidden = true; return; }
        fetch(cari.dataset.url + "?q=" + encodeURIComponent(cari.value), { credentials: "same-origin" })
          .then(function (res) { return res.json(); })
          .then(function (data) {
            hasilCari.replaceChildren();
            if (!data.hasil.length) {
              var kosong = document.createElement("li");
              kosong.textContent = "Tidak ada sub kegiatan yang cocok.";
              hasilCari.appendChild(kosong);
            }
            data.hasil.forEach(function (h) {
              var li = document.createElement("li"), small = document.createElement("small");
              li.className = h.ada ? "ada" : "";
              small.textContent = h.program + " › " + h.kegiatan;
              if (h.ada) {
                li.append("(sudah ada) ");
              } else {
                li.appendChild(rk.tombol("Tambah", function () { ubahStruktur(cari.dataset.struktur, { nomenklatur: h.id }, "n-" + h.kode); }));
              }
              li.append(h.kode + " " + h.nama, small);
              hasilCari.appendChild(li);
            });
            hasilCari.hidden = false;
          });
      }, 250);
    });
    cari.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hasilCari.hidden = true; });
  }
})();
