// Signal search: progressive enhancement of the plain search forms. Without this script the forms submit
// to the search page, which lists every domain and category. The index (search/index.js) is loaded with a
// <script> element on first use, which works from file:// as well as from a server.
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-root") || "";
  var index = null, loading = null, waiting = [];

  function load(done) {
    if (index) { done(index); return; }
    waiting.push(done);
    if (loading) return;
    loading = document.createElement("script");
    loading.src = root + "search/index.js";
    loading.onload = function () {
      var raw = window.CSE_SEARCH_INDEX || { tags: [], controls: [], signals: [] };
      index = raw.signals.map(function (s) {
        var tags = s[2].map(function (i) { return raw.tags[i]; });
        var controls = s[3].map(function (i) { return raw.controls[i]; });
        return {
          id: s[0], name: s[1], url: root + "signals/" + s[4] + "/" + s[0] + "/index.html",
          hay: (s[0] + " " + s[1] + " " + tags.join(" ") + " " + controls.join(" ")).toLowerCase(),
          idl: s[0].toLowerCase(), namel: s[1].toLowerCase(),
          controls: controls.map(function (c) { return c.toLowerCase(); })
        };
      });
      waiting.forEach(function (f) { f(index); });
      waiting = [];
    };
    document.head.appendChild(loading);
  }

  // Every word must occur somewhere; exact IDs and control IDs rank first, then ID prefixes, then names.
  function search(entries, query, limit) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var q = words.join(" "), hits = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i], ok = true;
      for (var w = 0; w < words.length; w++) { if (e.hay.indexOf(words[w]) < 0) { ok = false; break; } }
      if (!ok) continue;
      var rank = e.idl === q ? 0
        : e.controls.some(function (c) { return c === q || c.split(" ")[1] === q; }) ? 1
        : e.idl.indexOf(q) === 0 ? 2 : e.namel.indexOf(q) >= 0 ? 3 : 4;
      hits.push([rank, e]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || (a[1].id < b[1].id ? -1 : 1); });
    return { total: hits.length, items: hits.slice(0, limit).map(function (h) { return h[1]; }) };
  }

  function show(container, result, query) {
    container.textContent = "";
    if (!query.trim()) { container.hidden = true; return; }
    container.hidden = false;
    var note = document.createElement("p");
    note.className = "search-note";
    note.textContent = result.total === 0 ? "No signal matches “" + query + "”."
      : result.total + (result.total === 1 ? " signal" : " signals") + " match" + (result.total === 1 ? "es" : "")
        + (result.total > result.items.length ? "; showing the first " + result.items.length + "." : ".");
    container.appendChild(note);
    if (!result.items.length) return;
    var list = document.createElement("ul");
    result.items.forEach(function (e) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = e.url;
      var name = document.createElement("span"); name.className = "result-name"; name.textContent = e.name;
      var id = document.createElement("span"); id.className = "result-id"; id.textContent = e.id;
      a.appendChild(name); a.appendChild(id); li.appendChild(a); list.appendChild(li);
    });
    container.appendChild(list);
  }

  function enhance(form) {
    var input = form.querySelector("[data-search-input]");
    var page = form.hasAttribute("data-search-page");
    var container = page ? document.getElementById("search-results") : form.querySelector("[data-search-results]");
    if (!input || !container) return;
    var limit = page ? 100 : 8;
    function run() { load(function (entries) { show(container, search(entries, input.value, limit), input.value); }); }
    input.addEventListener("input", run);
    input.addEventListener("focus", function () { load(function () {}); });
    if (!page) {
      input.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { container.hidden = true; } });
      document.addEventListener("click", function (ev) { if (!form.contains(ev.target)) container.hidden = true; });
    }
    if (page) {
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) { input.value = q; run(); }
    }
  }

  function start() { Array.prototype.forEach.call(document.querySelectorAll("form[data-search]"), enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
