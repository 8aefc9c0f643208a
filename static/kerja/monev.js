/* Monev grid: realisasi per triwulan typed or pasted into inputs, saved over the server's JSON
 * endpoint (all unsaved cells together, all or none), kolom 12–15 and the predikat recomputed as
 * you type (capaian.js) and replaced by the server's figures after each save. Uses angka.js,
 * tempel.js and capaian.js; no library, no CDN. */
(function () {
  "use strict";
  var grid = document.getElementById("monev");
  if (!grid) return;
  var csrf = document.querySelector("[name=csrfmiddlewaretoken]");
  var body = grid.tBodies[0];
  var keadaan = document.getElementById("keadaan");
  var kotakPesan = document.getElementById("pesan");
  var kotor = new Map(); // "kolom:id" → input
  var timer = null, sibuk = false, lagi = false;

  function kunci(el) { return el.dataset.k + ":" + el.dataset.id; }

  // ------------------------------------------------------------------ figures as you type
  function angkaSel(tr, awalan) {
    var nilai = [];
    for (var n = 1; n <= 4; n++) {
      var el = tr.querySelector('[data-k="' + awalan + n + '"]');
      var teks = el ? (el.value !== undefined ? el.value : el.textContent) : "";
      var v = Angka.baca(teks, Angka.gaya([teks]));
      nilai.push(v === undefined ? null : v);
    }
    return nilai;
  }

  function mentah(teks) { return teks === "" || teks === undefined ? null : Number(teks); }

  function tulis(tr, kelas, teks) {
    var td = tr.querySelector("." + kelas);
    if (td) td.textContent = teks;
  }

  function hitung(tr) {
    if (tr.dataset.ind && !tr.dataset.teks) {
      var d = tr.dataset;
      var h = Capaian.baris(d.sifat, d.polaritas, d.metode, angkaSel(tr, "k"), mentah(d.k5), mentah(d.k6), mentah(d.k7));
      tulis(tr, "h-k12", Angka.format(h.k12, 4, true));
      tulis(tr, "h-k13", Angka.format(h.k13, 2));
      tulis(tr, "h-k14", Angka.format(h.k14, 4, true));
      tulis(tr, "h-k15", Angka.format(h.k15, 2));
      tulis(tr, "h-predikat", h.predikat);
    }
    if (tr.dataset.sub) {
      var rp = Capaian.agregasi("kumulatif", angkaSel(tr, "rp"));
      tulis(tr, "h-rp12", Angka.format(rp, 4, true));
      tulis(tr, "h-rp13", Angka.format(Capaian.capaian(rp, mentah(tr.dataset.pagu), "positif", ""), 2));
    }
  }

  function pasangHitungan(hasil) {
    Object.keys(hasil || {}).forEach(function (k) {
      var bagian = k.split(":");
      var tr = body.querySelector(bagian[0] === "ind" ? '[data-ind="' + bagian[1] + '"]' : '[data-sub="' + bagian[1] + '"]');
      if (!tr) return;
      Object.keys(hasil[k]).forEach(function (nama) {
        if (typeof hasil[k][nama] === "string") tulis(tr, "h-" + nama, hasil[k][nama]);
      });
    });
  }

  // ------------------------------------------------------------------ editing
  function ubah(el) {
    el.classList.add("kotor");
    el.classList.remove("salah");
    kotor.set(kunci(el), el);
    hitung(el.closest("tr"));
    keadaan.textContent = "Ada perubahan yang belum tersimpan.";
  }

  grid.addEventListener("input", function (ev) { if (ev.target.classList.contains("sel")) ubah(ev.target); });
  grid.addEventListener("change", function (ev) { if (ev.target.classList.contains("sel")) jadwalkan(300); });
  grid.addEventListener("keydown", function (ev) {
    var el = ev.target;
    if (ev.key !== "Enter" || el.tagName !== "INPUT") return;
    ev.preventDefault();
    var td = el.closest("td"), tr = td.parentNode.nextElementSibling;
    while (tr && !(tr.cells[td.cellIndex] && tr.cells[td.cellIndex].querySelector(".sel"))) tr = tr.nextElementSibling;
    jadwalkan(0);
    if (tr) tr.cells[td.cellIndex].querySelector(".sel").focus();
  });

  // A block pasted into a cell fills the cells right of and below it; nothing changes if any
  // value would land on a cell that cannot be filled.
  grid.addEventListener("paste", function (ev) {
    var el = ev.target;
    if (!el.classList.contains("sel")) return;
    var teks = ev.clipboardData.getData("text/plain");
    if (!/[\t\n]/.test(teks.replace(/\n$/, ""))) return;
    ev.preventDefault();
    var blok = Tempel.bacaTsv(teks);
    var td0 = el.closest("td"), r0 = td0.parentNode.sectionRowIndex, c0 = td0.cellIndex;
    var salah = [], isian = [];
    blok.forEach(function (baris, i) {
      baris.forEach(function (nilai, j) {
        nilai = nilai.trim();
        var tr = body.rows[r0 + i], td = tr ? tr.cells[c0 + j] : null;
        var sasaran = td ? td.querySelector(".sel") : null;
        if (sasaran) isian.push([sasaran, nilai]);
        else if (nilai !== "" && (!td || nilai !== td.textContent.trim())) {
          salah.push("Baris " + (tr ? tr.dataset.b : "tempelan " + (i + 1)) + ", kolom ke-" + (c0 + j + 1) +
            ": sel ini tidak dapat diisi ('" + nilai + "').");
        }
      });
    });
    if (salah.length) { tampilkan("Tempelan tidak dipakai, tidak ada sel yang diubah:", salah); return; }
    isian.forEach(function (p) { p[0].value = p[1]; ubah(p[0]); });
    jadwalkan(0);
  });

  // ------------------------------------------------------------------ saving
  function jadwalkan(tunda) {
    clearTimeout(timer);
    timer = setTimeout(kirim, tunda);
  }

  function kirim() {
    if (!kotor.size) return;
    if (sibuk) { lagi = true; return; }
    sibuk = true;
    keadaan.textContent = "Menyimpan…";
    var terkirim = new Map(kotor);
    var perubahan = [];
    terkirim.forEach(function (el) {
      perubahan.push({ kolom: el.dataset.k, id: Number(el.dataset.id), nilai: el.value, versi: Number(el.dataset.v),
        baris: el.closest("tr").dataset.b });
    });
    fetch(grid.dataset.simpan, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
      body: JSON.stringify({ tw: grid.dataset.tw, perubahan: perubahan }),
      credentials: "same-origin",
    })
      .then(function (res) { return res.json().then(function (data) { return [res.status, data]; }, function () { return [res.status, {}]; }); })
      .then(function (hasil) { terima(hasil[0], hasil[1], terkirim); })
      .catch(function () { keadaan.textContent = "Tidak tersambung ke server; perubahan belum tersimpan."; })
      .finally(function () { sibuk = false; if (lagi) { lagi = false; jadwalkan(0); } });
  }

  function terima(status, data, terkirim) {
    if (status === 200) {
      sembunyikan();
      data.tersimpan.forEach(function (h) {
        setVersi(h.obj, h.versi);
        var el = terkirim.get(h.kolom + ":" + h.id);
        if (el && kotor.get(h.kolom + ":" + h.id) === el) {
          kotor.delete(h.kolom + ":" + h.id);
          el.classList.remove("kotor");
          if (document.activeElement !== el) el.value = h.tampil;
        }
      });
      pasangHitungan(data.hitung);
      keadaan.textContent = kotor.size ? "Ada perubahan yang belum tersimpan." : "Semua perubahan tersimpan.";
      return;
    }
    var pesan = (data.kesalahan || []).map(function (k) {
      var el = cariSel(k.kolom, k.id);
      if (el) { el.classList.add("salah"); el.title = k.pesan; }
      return k.pesan;
    });
    var konflik = data.konflik || [];
    konflik.forEach(function (k) {
      var el = cariSel(k.kolom, k.id);
      if (el) { el.classList.add("konflik"); el.title = k.pesan; }
    });
    if (!pesan.length && !konflik.length) pesan.push("Gagal menyimpan (kode " + status + ").");
    tampilkan(konflik.length ? "Ada yang mengubah sel ini lebih dulu. Tidak ada yang tersimpan dari kiriman ini:"
      : "Tidak ada yang disimpan:", pesan, konflik);
    keadaan.textContent = "Ada perubahan yang belum tersimpan.";
  }

  function cariSel(kolom, id) {
    return kolom ? grid.querySelector('.sel[data-k="' + kolom + '"][data-id="' + id + '"]') : null;
  }

  function setVersi(obj, versi) {
    grid.querySelectorAll('[data-o="' + obj + '"]').forEach(function (el) { el.dataset.v = versi; });
  }

  // "Pakai nilai …": the cell takes the other's value and version; "Tetap simpan nilai saya":
  // the version only, and the cell is sent again.
  function pakai(k) {
    var el = cariSel(k.kolom, k.id);
    setVersi(k.obj, k.versi);
    if (!el) return;
    el.value = k.nilai_lain;
    el.classList.remove("kotor", "konflik", "salah");
    kotor.delete(kunci(el));
    hitung(el.closest("tr"));
    keadaan.textContent = kotor.size ? "Ada perubahan yang belum tersimpan." : "Semua perubahan tersimpan.";
  }

  function tetapSimpan(k) {
    setVersi(k.obj, k.versi);
    var el = cariSel(k.kolom, k.id);
    if (el) el.classList.remove("konflik");
    jadwalkan(0);
  }

  function tampilkan(judul, daftar, konflik) {
    var ul = document.createElement("ul");
    daftar.forEach(function (t) { var li = document.createElement("li"); li.textContent = t; ul.appendChild(li); });
    (konflik || []).forEach(function (k) { ul.appendChild(Konflik.butir(k, pakai, tetapSimpan)); });
    var p = document.createElement("p");
    p.textContent = judul;
    kotakPesan.replaceChildren(p, ul);
    kotakPesan.hidden = false;
  }

  function sembunyikan() { kotakPesan.hidden = true; kotakPesan.replaceChildren(); }

  window.addEventListener("beforeunload", function (ev) { if (kotor.size) { ev.preventDefault(); ev.returnValue = ""; } });
})();
