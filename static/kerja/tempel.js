/* A block copied from Excel or LibreOffice (text/plain): rows by newline, cells by tab; a cell in
 * quotes may hold tabs, newlines and "". Shared by the grids. */
(function (root) {
  "use strict";
  function bacaTsv(teks) {
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
  root.Tempel = { bacaTsv: bacaTsv };
})(typeof window !== "undefined" ? window : globalThis);
