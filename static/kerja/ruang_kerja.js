/* Ruang kerja Renja: a spreadsheet-like grid over the server's JSON save endpoint.
 *
 * Cells that can be edited carry data-k (column), data-o (the object they save: cells of one
 * object share its version), data-id and data-v (the version the planner saw). Every commit
 * marks the cell "kotor" (unsaved); all unsaved cells are sent together, so a pasted block is
 * saved whole or not at all, and a block refused for one bad cell is sent again whole once
 * that cell is fixed. Each change is a step that Ctrl+Z undoes by saving the previous values
 * anew. Totals are recomputed in the browser as you type; the checker's findings are fetched
 * after each save. The side panels, structure changes and the indicator form are in
 * ruang_kerja_alat.js, which uses what this file puts on window.RuangKerja. The list tables
 * (templates/kerja/daftar.html) use this same grid on rows without a code, with daftar.js for
 * adding and removing rows. No library, no CDN.
 */
(function () {
  "use strict";
  var grid = document.getElementById("grid");
  if (!grid) return;
  var dapatDiubah = grid.classList.contains("dapat-diubah");
  var csrf = document.querySelector("[name=csrfmiddlewaretoken]");
  var body = grid.tBodies[0];
  var aktif = null; // the active cell
  var jangkar = null; // where the selected block starts (Shift+arrows, shift-click)
  var terpilih = []; // the cells of the selected block
  var editor = null;
  var kotor = new Map(); // "kolom:id" → td
  var terkirim = null; // Map of the batch being saved: key → text sent
  var lagi = false; // another save is wanted once the current one answers
  var timer = null;
  var keadaan = document.getElementById("keadaan");
  var kotakPesan = document.getElementById("pesan");
  var selAktif = document.getElementById("sel-aktif");
  var kabar = document.getElementById("kabar");
  // ------------------------------------------------------------------ numbers (as renja/angka.py: static/kerja/angka.js)
  var POLA = Angka.POLA, bersih = Angka.bersih, gayaAngka = Angka.gaya, bacaTsv = Tempel.bacaTsv;

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
  function baris(td) { return td.parentNode.sectionRowIndex; }
  function teksSel(td) {
    if (td.classList.contains("k-aksi")) return "";
    return td.textContent.replace(/\s+/g, " ").trim();
  }

  // "5.01.01.2.01.01 Name of the sub kegiatan · indikator …": the row as a screen reader and the
  // status line say it, whatever is scrolled out of view
  function namaBaris(tr) {
    if (!tr.dataset.kode) return tr.dataset.b; // a list table (kerja/daftar.py): the row's own label
    var awal = tr.classList.contains("awal") ? tr : document.getElementById("n-" + tr.dataset.kode);
    var nama = awal ? awal.querySelector("td.k-nama").textContent : "";
    var ind = tr.querySelector('td[data-k="indikator"]');
    return tr.dataset.kode + " " + nama + (ind && ind.textContent ? " · indikator " + ind.textContent : "");
  }

  // ------------------------------------------------------------------ active cell and selection
  // The table is one tab stop (tabindex 0) and names its active cell with aria-activedescendant;
  // only the active row's buttons are in the tab order (roving tabindex), so Tab leaves the grid
  // to them and Shift+Tab comes back.
  function blok() {
    if (!aktif) return null;
    var a = jangkar || aktif;
    return {
      r0: Math.min(baris(a), baris(aktif)), r1: Math.max(baris(a), baris(aktif)),
      c0: Math.min(a.cellIndex, aktif.cellIndex), c1: Math.max(a.cellIndex, aktif.cellIndex),
    };
  }

  function selBlok(b) {
    var daftar = [];
    for (var r = b.r0; r <= b.r1; r++) {
      var tr = body.rows[r];
      for (var c = b.c0; c <= b.c1 && c < tr.cells.length; c++) daftar.push(tr.cells[c]);
    }
    return daftar;
  }

  function tandaiBlok() {
    terpilih.forEach(function (td) { td.classList.remove("terpilih"); td.removeAttribute("aria-selected"); });
    terpilih = selBlok(blok());
    terpilih.forEach(function (td) { td.setAttribute("aria-selected", "true"); });
    if (terpilih.length > 1) terpilih.forEach(function (td) { td.classList.add("terpilih"); });
  }

  function aturTabBaris(tr, nilai) {
    if (tr) tr.querySelectorAll("button").forEach(function (b) { b.tabIndex = nilai; });
  }

  function pilih(td, opsi) {
    if (!td) return;
    opsi = opsi || {};
    if (aktif) {
      aktif.classList.remove("aktif");
      if (aktif.parentNode !== td.parentNode) aturTabBaris(aktif.parentNode, -1);
    }
    aktif = td;
    if (!opsi.perluas) jangkar = td;
    td.classList.add("aktif");
    if (!td.id) td.id = "sel-" + baris(td) + "-" + td.cellIndex;
    grid.setAttribute("aria-activedescendant", td.id);
    aturTabBaris(td.parentNode, 0);
    tandaiBlok();
    umumkan();
    if (opsi.gulir !== false) td.scrollIntoView({ block: "nearest", inline: "nearest" });
    if (!editor && opsi.fokus !== false) grid.focus({ preventScroll: true });
  }

  // "kolom, baris, nilai" in the status line (a polite live region)
  function umumkan() {
    var b = blok(), teks = labelKolom(aktif) + ", baris " + namaBaris(aktif.parentNode) + ", " + (teksSel(aktif) || "kosong");
    if (terpilih.length > 1) teks += " · terpilih " + (b.r1 - b.r0 + 1) + " baris × " + (b.c1 - b.c0 + 1) + " kolom";
    selAktif.textContent = teks;
  }

  function geser(dr, dc, opsi) {
    if (!aktif) return pilih(sel(0, 0));
    var r = baris(aktif) + dr, c = aktif.cellIndex + dc, ncol = body.rows[0].cells.length;
    if (!(opsi && opsi.perluas)) {
      if (c < 0) { c = ncol - 1; r -= 1; }
      if (c >= ncol) { c = 0; r += 1; }
    }
    r = Math.max(0, Math.min(body.rows.length - 1, r));
    c = Math.max(0, Math.min(ncol - 1, c));
    pilih(sel(r, c), opsi);
  }

  function ke(r, c, opsi) {
    pilih(sel(Math.max(0, Math.min(body.rows.length - 1, r)), c), opsi);
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
    if (td === aktif) umumkan();
  }

  // ------------------------------------------------------------------ undo and redo
  // A step is every cell one action changed ([td, before, after]); undoing writes the "before"
  // texts as a new save (the versions advance and history records it), redoing the "after".
  var BATAS_LANGKAH = 100;
  var urung = [], ulang = [];

  function ubah(pasangan, tunda) {
    var langkah = [];
    pasangan.forEach(function (p) {
      if (p[0].textContent !== p[1]) langkah.push([p[0], p[0].textContent, p[1]]);
    });
    if (!langkah.length) return 0;
    langkah.forEach(function (l) { isi(l[0], l[2]); });
    urung.push(langkah);
    if (urung.length > BATAS_LANGKAH) urung.shift();
    ulang = [];
    aturTombolUrung();
    jadwalkan(tunda);
    return langkah.length;
  }

  function balik(dari, ke_, indeks, kata) {
    var langkah = dari.pop();
    if (!langkah) { kabarkan("Tidak ada perubahan untuk " + kata.toLowerCase() + "."); return; }
    langkah.forEach(function (l) { isi(l[0], l[indeks]); });
    ke_.push(langkah);
    aturTombolUrung();
    jadwalkan(0);
    var td = langkah[0][0];
    kabarkan(kata + ": " + langkah.length + " sel (" + labelKolom(td) + ", baris " + td.parentNode.dataset.b + ").");
    pilih(td, { fokus: document.activeElement === grid });
  }
  function urungkan() { balik(urung, ulang, 1, "Diurungkan"); }
  function ulangi() { balik(ulang, urung, 2, "Diulangi"); }

  function aturTombolUrung() {
    var u = document.getElementById("urungkan"), g = document.getElementById("ulangi");
    if (u) u.disabled = !urung.length;
    if (g) g.disabled = !ulang.length;
  }
  ["urungkan", "ulangi"].forEach(function (id) {
    var b = document.getElementById(id);
    if (b) b.addEventListener("click", id === "urungkan" ? urungkan : ulangi);
  });

  // ------------------------------------------------------------------ editing
  function mulaiEdit(td, awal) {
    if (!dapatDiisi(td) || editor) return;
    var input = document.createElement("input");
    input.type = "text";
    input.className = "editor";
    input.value = awal !== undefined ? awal : td.textContent;
    input.setAttribute("aria-label", labelKolom(td) + ", baris " + namaBaris(td.parentNode));
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
    // leaving the field (a click elsewhere, Tab to the row's buttons) keeps what was typed
    input.addEventListener("blur", function () { if (editor && editor.input === input) selesai(true, false); });
  }

  function selesai(simpan, fokus) {
    var e = editor;
    if (!e) return;
    editor = null;
    var teks = simpan ? e.input.value.trim() : e.lama;
    e.td.textContent = e.lama;
    if (!(simpan && ubah([[e.td, teks]])) && (e.td.dataset.k === "pagu" || e.td.dataset.k === "pagu_maju")) {
      hitungTotal(e.td.dataset.k);
    }
    umumkan();
    if (fokus !== false) grid.focus({ preventScroll: true });
  }

  function kunciEditor(ev) {
    var langkah = { Enter: [ev.shiftKey ? -1 : 1, 0], ArrowUp: [-1, 0], ArrowDown: [1, 0] }[ev.key];
    if (ev.key === "Escape") { ev.preventDefault(); selesai(false); return; }
    if (langkah && !(ev.key.indexOf("Arrow") === 0 && editor.input.list && editor.input.value === "")) {
      ev.preventDefault();
      selesai(true);
      geser(langkah[0], langkah[1]);
    }
    // Tab is left to the browser: the field's blur keeps the value, focus goes to the row's buttons
  }

  function kosongkan() {
    var isian = terpilih.filter(dapatDiisi).map(function (td) { return [td, ""]; });
    if (ubah(isian) > 1) kabarkan(isian.length + " sel dikosongkan (Ctrl+Z mengurungkan).");
  }

  grid.addEventListener("keydown", function (ev) {
    if (editor || ev.target !== grid) return;
    var ctrl = ev.ctrlKey || ev.metaKey, huruf = ev.key.toLowerCase();
    if (ctrl && dapatDiubah && (huruf === "z" || huruf === "y")) {
      ev.preventDefault();
      if (huruf === "y" || ev.shiftKey) ulangi(); else urungkan();
      return;
    }
    if (ev.key === "Tab") return; // leaves the grid: to the active row's buttons, or back out
    var perluas = { perluas: ev.shiftKey && ev.key.indexOf("Arrow") === 0 };
    var langkah = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Enter: [ev.shiftKey ? -1 : 1, 0] }[ev.key];
    if (langkah) { ev.preventDefault(); geser(langkah[0], langkah[1], perluas); return; }
    if (!aktif) return;
    var r = baris(aktif), c = aktif.cellIndex;
    var lompat = {
      Home: ctrl ? [0, 0] : [r, 0], End: ctrl ? [body.rows.length - 1, aktif.parentNode.cells.length - 1] : [r, aktif.parentNode.cells.length - 1],
      PageUp: [r - 10, c], PageDown: [r + 10, c],
    }[ev.key];
    if (lompat) { ev.preventDefault(); ke(lompat[0], lompat[1], { perluas: ev.shiftKey }); return; }
    if (ev.key === "Escape") { pilih(aktif); return; }
    if (ev.key === "F2") { ev.preventDefault(); mulaiEdit(aktif); return; }
    if ((ev.key === "Delete" || ev.key === "Backspace") && dapatDiubah) { ev.preventDefault(); kosongkan(); return; }
    if (ev.key.length === 1 && !ctrl && !ev.altKey && dapatDiisi(aktif)) {
      ev.preventDefault();
      mulaiEdit(aktif, ev.key);
    }
  });

  grid.addEventListener("focus", function () { if (!aktif) pilih(sel(0, 0)); });
  // a button of another row that gets focus (a click) makes its row the active one; Tab to the
  // active row's buttons and back keeps the active cell
  grid.addEventListener("focusin", function (ev) {
    var td = ev.target.closest && ev.target.closest("button") && ev.target.closest("td");
    if (td && (!aktif || td.parentNode !== aktif.parentNode)) pilih(td, { fokus: false, gulir: false }); // no scroll under the pointer
  });

  grid.addEventListener("mousedown", function (ev) {
    var td = ev.target.closest("td");
    if (!td || td.contains(editor && editor.input)) return;
    if (ev.target.closest("button")) return;
    ev.preventDefault();
    if (editor) selesai(true);
    pilih(td, { perluas: ev.shiftKey && aktif !== null });
  });
  grid.addEventListener("dblclick", function (ev) {
    var td = ev.target.closest("td");
    if (td && !editor) mulaiEdit(td);
  });

  // ------------------------------------------------------------------ copy and paste
  // The selected block as Excel and LibreOffice read it: tabs between cells, CRLF between rows,
  // a cell holding a tab, a newline or a quote in quotes
  function tulisTsv(b) {
    var rows = [];
    for (var r = b.r0; r <= b.r1; r++) {
      var cells = [];
      for (var c = b.c0; c <= b.c1; c++) {
        var td = sel(r, c), t = td ? teksSel(td) : "";
        cells.push(/[\t\n"]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t);
      }
      rows.push(cells.join("\t"));
    }
    return rows.join("\r\n") + "\r\n";
  }

  // A single column pasted on a sub kegiatan cell goes onto the sub kegiatan rows only (skipping
  // the rows that hold only a further indicator) when it has exactly one value per sub kegiatan
  // row from the active one down to the end of the grid; otherwise null (pasted row by row).
  function barisSub(r0, c0) {
    var td = sel(r0, c0);
    if (!td || !td.parentNode.classList.contains("awal") || !/^sub:/.test(td.dataset.o || "")) return null;
    return Array.from(body.rows).slice(r0).filter(function (tr) { return tr.classList.contains("sub") && tr.classList.contains("awal"); });
  }

  document.addEventListener("paste", function (ev) {
    if (editor || document.activeElement !== grid || !aktif || !dapatDiubah) return;
    ev.preventDefault();
    var data = bacaTsv(ev.clipboardData.getData("text/plain"));
    var b = blok(), r0 = b.r0, c0 = b.c0, salah = [], isian = [];
    var subs = barisSub(r0, c0), satuKolom = data.length > 1 && data.every(function (d) { return d.length === 1; });
    if (subs && satuKolom && subs.length === data.length) {
      subs.forEach(function (tr, i) { isian.push([tr.cells[c0], data[i][0].trim()]); });
      var n = ubah(isian, 0);
      kabarkan("Satu kolom berisi " + data.length + " nilai ditempel ke " + data.length + " sub kegiatan mulai " +
        subs[0].dataset.kode + " (" + labelKolom(aktif) + "); baris yang hanya berisi indikator dilewati. " + n + " sel berubah.");
      return;
    }
    data.forEach(function (row, i) {
      row.forEach(function (teks, j) {
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
    var saran = subs && satuKolom
      ? "Untuk menempel satu nilai per sub kegiatan, salin tepat " + subs.length + " nilai: satu untuk setiap sub kegiatan dari baris ini ke bawah (tempelan ini berisi " + data.length + ")."
      : "";
    if (salah.length) {
      tampilkanPesan("Tempelan tidak dipakai, tidak ada sel yang diubah:", saran ? salah.concat([saran]) : salah);
      return;
    }
    var berubah = ubah(isian, 0);
    kabarkan("Ditempel baris demi baris mulai " + labelKolom(sel(r0, c0)) + ", baris " + sel(r0, c0).parentNode.dataset.b +
      ": " + data.length + " baris × " + data[0].length + " kolom, " + berubah + " sel berubah." + (saran ? " " + saran : ""));
  });

  document.addEventListener("copy", function (ev) {
    if (editor || document.activeElement !== grid || !aktif) return;
    ev.preventDefault();
    var b = blok();
    ev.clipboardData.setData("text/plain", tulisTsv(b));
    kabarkan("Disalin " + (b.r1 - b.r0 + 1) + " baris × " + (b.c1 - b.c0 + 1) + " kolom (TSV): tempel di Excel atau LibreOffice.");
  });

  function kabarkan(teks) {
    kabar.textContent = teks;
  }

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
      ul.appendChild(Konflik.butir(k, function () {
        var td = cariSel(k.kolom + ":" + k.id);
        setVersi(k.obj, k.versi);
        if (td) { td.dataset.s = k.nilai_lain; isi(td, k.nilai_lain); }
        perbaruiKeadaan();
      }, function () {
        setVersi(k.obj, k.versi);
        jadwalkan(0);
      }));
    });
    kotakPesan.appendChild(ul);
    kotakPesan.hidden = false;
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
    if (!grid.dataset.temuan) return; // a grid without the checker's findings (e.g. Tabel 2.2)
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

  // Why "Ajukan" is disabled, as text beside it (not only a tooltip)
  function aturAjukan(jumlahError) {
    var tombolAjukan = document.getElementById("ajukan"), alasan = document.getElementById("alasan-ajukan");
    if (!tombolAjukan) return;
    tombolAjukan.disabled = jumlahError > 0;
    alasan.replaceChildren();
    if (jumlahError > 0) {
      var a = document.createElement("a");
      a.href = "#pemeriksaan";
      a.textContent = "pemeriksaan konsistensi";
      alasan.append("Belum dapat diajukan: perbaiki " + jumlahError + " galat pada ", a, " di bawah.");
    }
  }
  if (document.getElementById("jumlah-error")) aturAjukan(Number(document.getElementById("jumlah-error").textContent));

  var formAjukan = document.getElementById("form-ajukan");
  if (formAjukan) {
    formAjukan.addEventListener("submit", function (ev) {
      if (kotor.size) {
        ev.preventDefault();
        tampilkanPesan("Masih ada " + kotor.size + " sel yang belum tersimpan. Simpan atau batalkan dahulu.", []);
      }  // else the confirmation page (GET) says what submitting does
    });
  }


  window.addEventListener("beforeunload", function (ev) {
    if (kotor.size || terkirim) { ev.preventDefault(); ev.returnValue = ""; }
  });

  // ------------------------------------------------------------------ start
  body.querySelectorAll("td").forEach(function (td) { td.setAttribute("role", "gridcell"); });
  body.querySelectorAll("button").forEach(function (b) { b.tabIndex = -1; });
  perbaruiKeadaan();
  aturTombolUrung();

  // what ruang_kerja_alat.js (panels, structure, the indicator form) needs of the grid
  window.RuangKerja = {
    grid: grid,
    csrf: csrf ? csrf.value : "",
    kirimJson: kirimJson,
    tandaiGagal: tandaiGagal,
    tampilkanPesan: tampilkanPesan,
    tombol: Konflik.tombol,
    perbaruiKeadaan: perbaruiKeadaan,
    muatTemuan: muatTemuan,
    setVersi: setVersi,
    cariSel: cariSel,
    belumTersimpan: function () { return kotor.size; },
    pilih: pilih,
    namaBaris: namaBaris,
  };

  var tujuan = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (tujuan && tujuan.tagName === "TR") pilih(tujuan.querySelector("td.e") || tujuan.cells[0]);
})();
