// Small enhancements that need a script; every page works without it. "Copy" buttons (hidden until this
// script shows them) put their data-copy text on the clipboard and say so.
(function () {
  "use strict";
  function ready() {
    var buttons = document.querySelectorAll("button[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = label; }, 1500);
        });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();

// Signal filters (signals/index.html): the form's selects hide the rows that do not match, as they change;
// the page's query string (?domain=HIPAA&severity=high) sets them on load and follows them, so a filtered
// view can be linked. Without this script the form stays hidden and the page lists every signal.
(function () {
  "use strict";
  function ready() {
    var form = document.querySelector("form[data-filters]");
    var table = document.querySelector("table[data-filter-table]");
    if (!form || !table) return;
    var count = document.querySelector("[data-filter-count]");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var names = ["domain", "category", "severity", "status", "framework"];
    form.hidden = false;
    var params = new URLSearchParams(window.location.search);
    names.forEach(function (name) {
      var value = params.get(name);
      if (value !== null && form.elements[name]) form.elements[name].value = value;
    });
    function apply() {
      var chosen = {};
      names.forEach(function (name) { chosen[name] = form.elements[name].value; });
      var shown = 0;
      rows.forEach(function (row) {
        var d = row.dataset;
        var ok = (!chosen.domain || d.domain === chosen.domain) && (!chosen.category || d.category === chosen.category)
          && (!chosen.severity || d.severity === chosen.severity) && (!chosen.status || d.status === chosen.status)
          && (!chosen.framework || (" " + d.frameworks + " ").indexOf(" " + chosen.framework + " ") >= 0);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + (shown === 1 ? " signal" : " signals");
      var query = new URLSearchParams();
      names.forEach(function (name) { if (chosen[name]) query.set(name, chosen[name]); });
      var search = query.toString();
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
      }
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
