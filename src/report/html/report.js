"use strict";
(function () {
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var severityBoxes = Array.prototype.slice.call(document.querySelectorAll("input[name=severity]"));
  var family = document.getElementById("filter-family");
  var code = document.getElementById("filter-code");
  var text = document.getElementById("filter-text");
  var shown = document.getElementById("shown-count");

  function matchesExceptSeverity(f, wanted) {
    return (!wanted.family || f.dataset.family === wanted.family) &&
      (!wanted.code || f.dataset.code === wanted.code) &&
      (!wanted.text || f.dataset.search.indexOf(wanted.text) !== -1);
  }

  function apply() {
    var wanted = {
      severities: severityBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }),
      family: family ? family.value : "",
      code: code ? code.value : "",
      text: text ? text.value.trim().toLowerCase() : ""
    };
    var bySeverity = { error: 0, warning: 0, info: 0 };
    var visible = 0;
    findings.forEach(function (f) {
      var others = matchesExceptSeverity(f, wanted);
      if (others) { bySeverity[f.dataset.severity] += 1; }
      var show = others && wanted.severities.indexOf(f.dataset.severity) !== -1;
      f.hidden = !show;
      if (show) { visible += 1; }
    });
    Object.keys(bySeverity).forEach(function (s) {
      var el = document.querySelector("[data-count=" + s + "]");
      if (el) { el.textContent = String(bySeverity[s]); }
    });
    if (shown) { shown.textContent = String(visible); }
    // A clause heading stays only over findings that are shown.
    Array.prototype.forEach.call(document.querySelectorAll(".group"), function (g) {
      g.hidden = !g.querySelector(".finding:not([hidden])") && !!g.querySelector(".finding");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".document"), function (d) {
      var n = d.querySelectorAll(".finding:not([hidden])").length;
      var el = d.querySelector(".doc-shown-count");
      if (el) { el.textContent = String(n); }
    });
  }

  severityBoxes.forEach(function (b) { b.addEventListener("change", apply); });
  [family, code].forEach(function (s) { if (s) { s.addEventListener("change", apply); } });
  if (text) { text.addEventListener("input", apply); }

  // The overview sorts by any column; numbers as numbers, text in the reader's collation.
  var table = document.querySelector("table.overview");
  if (table) {
    var headers = Array.prototype.slice.call(table.querySelectorAll("th"));
    var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });
    headers.forEach(function (th, column) {
      th.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.dataset.sort === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].textContent.trim();
          var y = b.cells[column].textContent.trim();
          var order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
          return ascending ? order : -order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  // A printed report shows every place of a collapsed finding.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  apply();
})();
