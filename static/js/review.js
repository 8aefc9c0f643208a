/* Review of a year: fill each OPD's error and warning counts from the checker, a few at a time. */
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-temuan]"));
  function next() {
    var tr = rows.shift();
    if (!tr) return;
    fetch(tr.dataset.temuan, { credentials: "same-origin" })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (data) {
        tr.querySelector(".temuan-error").textContent = data ? data.error : "?";
        tr.querySelector(".temuan-peringatan").textContent = data ? data.peringatan : "?";
        if (data && data.error) tr.querySelector(".temuan-error").classList.add("lebih");
      })
      .finally(next);
  }
  for (var i = 0; i < 3; i++) next();
})();
