/* Ruang kerja Renja: a spreadsheet-like grid over the server's JSON save endpoint.
 *
 * Cells that can be edited carry data-k (column), data-o (the object they save: cells of one
 * object share its version), data-id and data-v (the version the planner saw). Every commit
 * marks the cell "kotor" (unsaved); all unsaved cells are sent together, so a pasted block is
 * saved whole or not at all, and a block refused for one bad cell is sent again whole once
 * that cell is fixed. Totals are recomputed in the browser as you type; the checker's findings
 * are fetched after each save. No library, no CDN.
 */
(function () {
  "use strict";
  var grid = document.getElementById("grid");
  if (!grid) return;
  var dapatDiubah = grid.classList.contains("dapat-diubah");
  var csrf = document.querySelector("[name=csrfmiddlewaretoken]");
  var body = grid.tBodies[0];
  var aktif = null;
  var editor = null;
  var kotor = new Map(); // "kolom:id" → td
  var terkirim = null; // Map of the batch being saved: key → text sent
  var lagi = false; // another save is wanted once the current one answers
  var timer = null;
  var keadaan = document.getElementById("keadaan");
  var kotakPesan = document.getElementById("pesan");

  // ------------------------------------------------------------------ numbers (as renja/angka.py)
  var POLA = { id: /^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/, en: /^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/ };

  function bersih(teks) {
    return String(teks).replace(/[\u00a0 ]/g, "").replace(/\u2212/g, "-").replace(/^rp\.?/i, "").replace(/%$/, "");
  }

  function gayaAngka(daftar) {
    for (var i = 0; i < daftar.length; i++) {
      var t = bersih(daftar[i]).replace(/^[()+-]+|[()+-]+$/g, "");
      if (t.indexOf(".") >= 0 && t.indexOf(",") >= 0) return t.lastIndexOf(".") > t.lastIndexOf(",") ? "en" : "id";
      if ((t.match(/,/g) || []).length > 1) return "en";
      if ((t.match(/\./g) || []).length > 1) return "id";
      var m = /^\d+([.,])(\d+)$/.exec(t);
      if (m && m[2].length !== 3) return m[1] === "." ? "en" : "id";
    }
    return "id";
  }

  // Cents (BigInt) of a money text, null when empty, undefined when not a number.
  function sen(teks, gaya) {
    var t = bersih(teks);
    if (t === "" || t === "-" || t === "–" || t === "—") return null;
    var neg = t.charAt(0) === "-" || (t.charAt(0) === "(" && t.slice(-1) === ")");
    t = t.replace(/^\(|\)$/g, "").replace(/^[+-]/, "");
    if (!POLA[gaya].test(t)) return undefined;
    var bagian = (gaya === "id" ? t.replace(/\./g, "") : t.replace(/,/g, "")).split(gaya === "id" ? "," : ".");
    var pecahan = ((bagian[1] || "") + "00").slice(0, 2);
    var nilai = BigInt(bagian[0]) * 100n + BigInt(pecahan);
    return neg ? -nilai : nilai;
  }

  function formatSen(nilai) {
    var neg = nilai < 0n;
    if (neg) nilai = -nilai;
    var utuh = (nilai / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    var sisa = nilai % 100n;
    return (neg ? "-" : "") + utuh + (sisa ? "," + String(sisa).padStart(2, "0").replace(/0$/, "") : "");
  }

  // ------------------------------------------------------------------ cells
  function kunci(td) { return td.dataset.k + ":" + td.dataset.id; }
  function dapatDiisi(td) { return dapatDiubah && td && td.classList.contains("e"); }
  function teksTersimpan(td) { return td.dataset.s !== undefined ? td.dataset.s : td.textContent; }
  function sel(r, c) { var tr = body.rows[r]; return tr ? tr.cells[c] : null; }
  function labelKolom(td) { return grid.tHead.rows[0].cells[td.cellIndex].textContent; }

  function pilih(td) {
    if (!td) return;
    if (aktif) aktif.classList.remove("aktif");
    aktif = td;
    td.classList.add("aktif");
    td.scrollIntoView({ block: "nearest", inline: "nearest" });
    if (!editor) grid.focus({ preventScroll: true });
  }

  function geser(dr, dc) {
    if (!aktif) return pilih(sel(0, 0));
    var r = aktif.parentNode.sectionRowIndex + dr;
    var c = aktif.cellIndex + dc;
    var n = body.rows.length;
    var ncol = body.rows[0].cells.length;
    if (c < 0) { c = ncol - 1; r -= 1; }
    if (c >= ncol) { c = 0; r += 1; }
    r = Math.max(0, Math.min(n - 1, r));
    pilih(sel(r, c));
  }

  function isi(td, teks) {
    td.dataset.s = teksTersimpan(td);
    td.textContent = teks;
    td.classList.remove("salah", "konflik");
    td.removeAttribute("title");
    if (teks === td.dataset.s) {
      kotor.delete(kunci(td));
      td.classList.remove("kotor");
    } else {
      kotor.set(kunci(td), td);
      td.classList.add("kotor");
    }
    if (td.dataset.k === "pagu" || td.dataset.k === "pagu_maju") hitungTotal(td.dataset.k);
  }

  // ------------------------------------------------------------------ editing
  function mulaiEdit(td, awal) {
    if (!dapatDiisi(td) || editor) return;
    var input = document.createElement("input");
    input.type = "text";
    input.className = "editor";
    input.value = awal !== undefined ? awal : td.textContent;
    input.setAttribute("aria-label", labelKolom(td));
    if (document.getElementById("pilihan-" + td.dataset.k)) input.setAttribute("list", "pilihan-" + td.dataset.k);
    editor = { td: td, input: input, lama: td.textContent };
    td.textContent = "";
    td.appendChild(input);
    input.focus();
    if (awal === undefined) input.select();
    input.addEventListener("keydown", kunciEditor);
    input.addEventListener("input", function () {
      if (td.dataset.k === "pagu" || td.dataset.k === "pagu_maju") hitungTotal(td.dataset.k, input.value);
    });
    input.addEventListener("blur", function () { if (editor && editor.input === input) selesai(true); });
  }

  function selesai(simpan) {
    var e = editor;
    if (!e) return;
    editor = null;
    var teks = simpan ? e.input.value.trim() : e.lama;
    e.td.textContent = e.lama;
    if (simpan && teks !== e.lama) {
      isi(e.td, teks);
      jadwalkan();
    } else if (e.td.dataset.k === "pagu" || e.td.dataset.k === "pagu_maju") {
      hitungTotal(e.td.dataset.k);
    }
    grid.focus({ preventScroll: true });
  }

  function kunciEditor(ev) {
    var langkah = { Enter: [ev.shiftKey ? -1 : 1, 0], Tab: [0, ev.shiftKey ? -1 : 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] }[ev.key];
    if (ev.key === "Escape") { ev.preventDefault(); selesai(false); return; }
    if (langkah && !(ev.key.indexOf("Arrow") === 0 && editor.input.list && editor.input.value === "")) {
      ev.preventDefault();
      selesai(true);
      geser(langkah[0], langkah[1]);
    }
  }

  grid.addEventListener("keydown", function (ev) {
    if (editor || ev.target !== grid) return;
    var langkah = {
      ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1],
      Enter: [ev.shiftKey ? -1 : 1, 0], Tab: [0, ev.shiftKey ? -1 : 1],
    }[ev.key];
    if (langkah) { ev.preventDefault(); geser(langkah[0], langkah[1]); return; }
    if (!aktif) return;
    if (ev.key === "F2") { ev.preventDefault(); mulaiEdit(aktif); return; }
    if ((ev.key === "Delete" || ev.key === "Backspace") && dapatDiisi(aktif)) {
      ev.preventDefault();
      isi(aktif, "");
      jadwalkan();
      return;
    }
    if (ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey && dapatDiisi(aktif)) {
      ev.preventDefault();
      mulaiEdit(aktif, ev.key);
    }
  });

  grid.addEventListener("mousedown", function (ev) {
    var td = ev.target.closest("td");
    if (!td || td.contains(editor && editor.input)) return;
    if (ev.target.closest("button")) return;
    ev.preventDefault();
    if (editor) selesai(true);
    pilih(td);
  });
  grid.addEventListener("dblclick", function (ev) {
    var td = ev.target.closest("td");
    if (td && !editor) mulaiEdit(td);
  });

  // ------------------------------------------------------------------ copy and paste
  function bacaTsv(teks) {
    // Rows by newline, cells by tab; a cell in quotes may hold tabs, newlines and "" (Excel).
    var rows = [[]], cell = "", i = 0, quoted = false;
    teks = teks.replace(/\r\n?/g, "\n");
    while (i < teks.length) {
      var ch = teks.charAt(i);
      if (quoted) {
        if (ch === '"' && teks.charAt(i + 1) === '"') { cell += '"'; i += 2; continue; }
        if (ch === '"') { quoted = false; i += 1; continue; }
        cell += ch;
      } else if (ch === '"' && cell === "") {
        quoted = true;
      } else if (ch === "\t") {
        rows[rows.length - 1].push(cell); cell = "";
      } else if (ch === "\n") {
        rows[rows.length - 1].push(cell); cell = ""; rows.push([]);
      } else {
        cell += ch;
      }
      i += 1;
    }
    rows[rows.length - 1].push(cell);
    if (rows.length > 1 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === "") rows.pop();
    return rows;
  }

  document.addEventListener("paste", function (ev) {
    if (editor || document.activeElement !== grid || !aktif || !dapatDiubah) return;
    ev.preventDefault();
    var blok = bacaTsv(ev.clipboardData.getData("text/plain"));
    var r0 = aktif.parentNode.sectionRowIndex, c0 = aktif.cellIndex, salah = [], isian = [];
    blok.forEach(function (baris, i) {
      baris.forEach(function (teks, j) {
        var td = sel(r0 + i, c0 + j);
        teks = teks.trim();
        if (!td || td.classList.contains("k-aksi")) {
          salah.push("Baris tempelan " + (i + 1) + ", kolom " + (j + 1) + ": di luar tabel ('" + teks + "').");
        } else if (dapatDiisi(td)) {
          isian.push([td, teks]);
        } else if (teks !== "" && teks !== td.textContent.trim()) {
          salah.push("Baris " + td.parentNode.dataset.b + ", kolom " + labelKolom(td) + ": sel ini tidak dapat diisi ('" + teks + "').");
        }
      });
    });
    if (salah.length) {
      tampilkanPesan("Tempelan tidak dipakai, tidak ada sel yang diubah:", salah);
      return;
    }
    isian.forEach(function (p) { isi(p[0], p[1]); });
    jadwalkan(0);
  });

  document.addEventListener("copy", function (ev) {
    if (editor || document.activeElement !== grid || !aktif) return;
    ev.preventDefault();
    ev.clipboardData.setData("text/plain", aktif.textContent.trim());
  });

  // ------------------------------------------------------------------ saving
  function jadwalkan(tunda) {
    clearTimeout(timer);
    perbaruiKeadaan();
    timer = setTimeout(kirim, tunda === undefined ? 400 : tunda);
  }

  function perbaruiKeadaan(teks) {
    var n = kotor.size;
    if (!n && !terkirim) sembunyikanPesan(); // messages are about unsaved cells: none left
    keadaan.textContent = teks || (n ? n + " sel belum tersimpan." : "Semua perubahan tersimpan.");
    keadaan.classList.toggle("belum", n > 0);
    var batal = document.getElementById("batalkan");
    if (batal) batal.hidden = n === 0;
  }

  function kirim() {
    if (terkirim) { lagi = true; return; }
    if (!kotor.size) { perbaruiKeadaan(); return; }
    terkirim = new Map();
    var perubahan = [];
    kotor.forEach(function (td, k) {
      terkirim.set(k, td.textContent);
      perubahan.push({ kolom: td.dataset.k, id: Number(td.dataset.id), nilai: td.textContent, versi: Number(td.dataset.v), baris: td.parentNode.dataset.b });
    });
    perbaruiKeadaan("Menyimpan " + perubahan.length + " sel…");
    kirimJson(grid.dataset.simpan, { perubahan: perubahan })
      .then(function (hasil) { terima(hasil[0], hasil[1]); })
      .catch(function () {
        tampilkanPesan("Tidak tersambung ke server. Perubahan belum tersimpan; akan dicoba lagi.", []);
        terkirim = null;
        jadwalkan(5000);
      });
  }

  // POST ``data`` as JSON with the CSRF token; resolves to [status, JSON body]
  function kirimJson(url, data) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
      body: JSON.stringify(data),
      credentials: "same-origin",
    }).then(jawaban);
  }

  // [status, JSON body]; a body that is not JSON (a server error page) becomes a message
  function jawaban(res) {
    return res.json().then(
      function (data) { return [res.status, data]; },
      function () {
        var pesan = "Server menjawab dengan galat " + res.status + ". Perubahan belum tersimpan; coba lagi atau muat ulang halaman.";
        return [res.status, { kesalahan: [{ pesan: pesan }] }];
      }
    );
  }

  function cariSel(k) {
    var parts = k.split(":");
    return grid.querySelector('td[data-k="' + parts[0] + '"][data-id="' + parts[1] + '"]');
  }

  function setVersi(obj, versi) {
    document.querySelectorAll('[data-o="' + obj + '"]').forEach(function (el) { el.dataset.v = versi; });
  }

  function terima(status, data) {
    var dikirim = terkirim;
    terkirim = null;
    if (status === 200) {
      sembunyikanPesan();
      data.tersimpan.forEach(function (h) {
        var k = h.kolom + ":" + h.id, td = cariSel(k);
        setVersi(h.obj, h.versi);
        if (!td) return;
        td.dataset.s = h.tampil;
        if (td.textContent === dikirim.get(k)) {
          td.textContent = h.tampil;
          kotor.delete(k);
          td.classList.remove("kotor", "salah", "konflik");
          td.classList.add("tersimpan");
          setTimeout(function () { td.classList.remove("tersimpan"); }, 900);
        }
      });
      hitungTotal("pagu");
      hitungTotal("pagu_maju");
      muatTemuan();
    } else {
      tandaiGagal(data);
    }
    perbaruiKeadaan();
    if (lagi || (status === 200 && kotor.size)) { lagi = false; jadwalkan(0); }
  }

  function tandaiGagal(data) {
    var daftar = [], konflik = data.konflik || [];
    (data.kesalahan || []).forEach(function (k) {
      daftar.push(k.pesan);
      var td = k.kolom ? cariSel(k.kolom + ":" + k.id) : null;
      if (td) { td.classList.add("salah"); td.title = k.pesan; }
    });
    var judul = konflik.length
      ? "Ada yang mengubah sel ini lebih dulu. Tidak ada yang tersimpan dari kiriman ini:"
      : "Tidak ada yang tersimpan. Perbaiki sel yang ditandai merah; sel lain akan ikut disimpan sesudahnya:";
    tampilkanPesan(judul, daftar, konflik);
    konflik.forEach(function (k) {
      var td = cariSel(k.kolom + ":" + k.id);
      if (td) { td.classList.add("konflik"); td.title = k.pesan; }
    });
  }

  // ------------------------------------------------------------------ messages
  function tampilkanPesan(judul, daftar, konflik) {
    kotakPesan.replaceChildren();
    var p = document.createElement("p");
    p.textContent = judul;
    kotakPesan.appendChild(p);
    var ul = document.createElement("ul");
    daftar.forEach(function (teks) {
      var li = document.createElement("li");
      li.textContent = teks;
      ul.appendChild(li);
    });
    (konflik || []).forEach(function (k) {
      var li = document.createElement("li");
      li.textContent = k.pesan + " ";
      li.appendChild(tombol("Pakai nilai " + k.oleh, function () {
        var td = cariSel(k.kolom + ":" + k.id);
        setVersi(k.obj, k.versi);
        if (td) { td.dataset.s = k.nilai_lain; isi(td, k.nilai_lain); }
        li.remove();
        perbaruiKeadaan();
      }));
      li.appendChild(tombol("Tetap simpan nilai saya", function () {
        setVersi(k.obj, k.versi);
        li.remove();
        jadwalkan(0);
      }));
      ul.appendChild(li);
    });
    kotakPesan.appendChild(ul);
    kotakPesan.hidden = false;
  }

  function tombol(teks, aksi) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = teks;
    b.addEventListener("click", aksi);
    return b;
  }

  function sembunyikanPesan() { kotakPesan.hidden = true; kotakPesan.replaceChildren(); }

  var batal = document.getElementById("batalkan");
  if (batal) {
    batal.addEventListener("click", function () {
      Array.from(kotor.values()).forEach(function (td) { isi(td, teksTersimpan(td)); });
      sembunyikanPesan();
      perbaruiKeadaan();
    });
  }

  // ------------------------------------------------------------------ totals and findings
  function hitungTotal(kolom, teksSedangDiketik) {
    var jumlah = { "": 0n }, programDari = {};
    body.querySelectorAll("tr.kegiatan.awal").forEach(function (tr) { programDari[tr.dataset.kode] = tr.dataset.induk; });
    body.querySelectorAll('tr.sub.awal td[data-k="' + kolom + '"]').forEach(function (td) {
      var teks = editor && editor.td === td && teksSedangDiketik !== undefined ? teksSedangDiketik : td.textContent;
      var nilai = sen(teks, gayaAngka([teks]));
      td.classList.toggle("bukan-angka", nilai === undefined);
      if (nilai === undefined || nilai === null) return;
      var kegiatan = td.parentNode.dataset.induk;
      [kegiatan, programDari[kegiatan], ""].forEach(function (k) { jumlah[k] = (jumlah[k] || 0n) + nilai; });
    });
    grid.querySelectorAll('td[data-total][data-k="' + kolom + '"]').forEach(function (td) {
      var nilai = jumlah[td.dataset.total];
      td.textContent = nilai === undefined ? "" : formatSen(nilai);
    });
    var total = document.getElementById("total-" + kolom);
    if (total) total.textContent = formatSen(jumlah[""]);
  }

  function muatTemuan() {
    fetch(grid.dataset.temuan, { credentials: "same-origin" })
      .then(function (res) { return res.json(); })
      .then(function (data) {
        document.getElementById("jumlah-error").textContent = data.error;
        document.getElementById("jumlah-peringatan").textContent = data.peringatan;
        var ul = document.getElementById("temuan");
        ul.replaceChildren();
        data.temuan.forEach(function (t) {
          var li = document.createElement("li"), b = document.createElement("strong"), s = document.createElement("span");
          li.className = t.tingkat;
          b.textContent = t.label;
          s.className = "nilai";
          s.textContent = "(" + t.nilai + ")";
          li.append(b, " " + t.lokasi + " — " + t.pesan + " ", s);
          ul.appendChild(li);
        });
        aturAjukan(data.error);
      });
  }

  function aturAjukan(jumlahError) {
    var tombolAjukan = document.getElementById("ajukan");
    if (!tombolAjukan) return;
    tombolAjukan.disabled = jumlahError > 0;
    tombolAjukan.title = jumlahError > 0 ? "Perbaiki " + jumlahError + " galat pemeriksaan konsistensi terlebih dahulu." : "";
  }
  aturAjukan(Number(document.getElementById("jumlah-error").textContent));

  var formAjukan = document.getElementById("form-ajukan");
  if (formAjukan) {
    formAjukan.addEventListener("submit", function (ev) {
      if (kotor.size) {
        ev.preventDefault();
        tampilkanPesan("Masih ada " + kotor.size + " sel yang belum tersimpan. Simpan atau batalkan dahulu.", []);
      }  // else the confirmation page (GET) says what submitting does
    });
  }

  // ------------------------------------------------------------------ history panel
  var panel = document.getElementById("panel");
  grid.addEventListener("click", function (ev) {
    var b = ev.target.closest("button.riwayat");
    if (!b) return;
    var url = grid.dataset.riwayat.replace(/sub\/0\/$/, b.dataset.objek + "/" + b.dataset.pk + "/");
    fetch(url, { credentials: "same-origin" })
      .then(function (res) { return res.text(); })
      .then(function (html) {
        document.getElementById("isi-panel").innerHTML = html;
        panel.hidden = false;
      });
  });
  document.getElementById("tutup-panel").addEventListener("click", function () { panel.hidden = true; });

  // ------------------------------------------------------------------ review notes (panel)
  function isiPanel(html) {
    document.getElementById("isi-panel").innerHTML = html;
    panel.hidden = false;
  }

  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("button.komentar");
    if (!b) return;
    var url = grid.dataset.komentar.replace(/sub\/0\/$/, b.dataset.objek + "/" + b.dataset.pk + "/");
    fetch(url, { credentials: "same-origin" })
      .then(function (res) { return res.text(); })
      .then(isiPanel);
  });

  panel.addEventListener("submit", function (ev) {
    var form = ev.target.closest("form[data-panel]");
    if (!form) return;
    ev.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-CSRFToken": csrf ? csrf.value : "" },
      credentials: "same-origin",
    })
      .then(function (res) { return res.text(); })
      .then(isiPanel);
  });

  // ------------------------------------------------------------------ Catatan Penting of T-C.31 rows
  document.querySelectorAll("textarea.catatan-review").forEach(function (ta) {
    ta.addEventListener("change", function () {
      var cell = { kolom: ta.dataset.k, id: Number(ta.dataset.id), nilai: ta.value, versi: Number(ta.dataset.v), baris: ta.dataset.b };
      perbaruiKeadaan("Menyimpan catatan…");
      kirimJson(grid.dataset.simpan, { perubahan: [cell] })
        .then(function (hasil) {
          ta.classList.toggle("salah", hasil[0] !== 200);
          if (hasil[0] !== 200) { tandaiGagal(hasil[1]); perbaruiKeadaan(); return; }
          var t = hasil[1].tersimpan[0], td = cariSel(t.kolom + ":" + t.id);
          setVersi(t.obj, t.versi);
          if (td) { td.textContent = t.tampil; td.dataset.s = t.tampil; }
          perbaruiKeadaan();
          muatTemuan();
        });
    });
  });

  // ------------------------------------------------------------------ structure: sub kegiatan, indicators
  function ubahStruktur(url, data, anchor) {
    if (kotor.size) {
      tampilkanPesan("Masih ada " + kotor.size + " sel yang belum tersimpan. Simpan atau batalkan dahulu.", []);
      return;
    }
    kirimJson(url, data)
      .then(function (hasil) {
        if (hasil[0] !== 200) { tandaiGagal(hasil[1]); return; }
        if (anchor) window.location.hash = anchor;
        window.location.reload();
      });
  }

  var urlStruktur = grid.dataset.simpan.replace(/simpan\/$/, "");
  grid.addEventListener("click", function (ev) {
    var b = ev.target.closest("button.aksi");
    if (!b) return;
    var tr = b.closest("tr"), aksi = b.dataset.aksi;
    if (aksi === "tambah-indikator") {
      var nama = window.prompt("Nama indikator baru untuk " + tr.dataset.kode + ":");
      if (nama && nama.trim()) ubahStruktur(urlStruktur + aksi + "/", { tingkat: b.dataset.tingkat, node: b.dataset.node, nama: nama }, "n-" + tr.dataset.kode);
    } else if (window.confirm(aksi === "hapus-indikator" ? "Hapus indikator ini beserta targetnya di Renja ini?" : "Keluarkan sub kegiatan " + tr.dataset.kode + " dari Renja ini?")) {
      ubahStruktur(urlStruktur + aksi + "/", { id: b.dataset.id, versi: b.dataset.versi });
    }
  });

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
                li.appendChild(tombol("Tambah", function () { ubahStruktur(cari.dataset.struktur, { nomenklatur: h.id }, "n-" + h.kode); }));
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

  window.addEventListener("beforeunload", function (ev) {
    if (kotor.size || terkirim) { ev.preventDefault(); ev.returnValue = ""; }
  });

  grid.tabIndex = 0;
  perbaruiKeadaan();
  var tujuan = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (tujuan && tujuan.tagName === "TR") pilih(tujuan.querySelector("td.e") || tujuan.cells[0]);
})();
