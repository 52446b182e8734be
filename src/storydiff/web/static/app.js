// storydiff serve: live pages. Asks the app every few seconds whether the store changed;
// when it did, fetches this same page and swaps its main content in (no reload, no
// scroll jump). The new content is the server's escaped HTML; scripts in it never run.
(function () {
  "use strict";
  var body = document.body;
  var every = parseInt(body.getAttribute("data-poll"), 10) || 5000;
  var busy = false;
  function refresh() {
    return fetch(location.href, { headers: { "Accept": "text/html" }, cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (text) {
        if (!text) { return; }
        var fresh = new DOMParser().parseFromString(text, "text/html");
        var main = fresh.getElementById("main");
        var open = {};
        document.querySelectorAll("details[id]").forEach(function (d) { open[d.id] = d.open; });
        if (main) {
          document.getElementById("main").replaceWith(document.importNode(main, true));
          Object.keys(open).forEach(function (id) {
            var d = document.getElementById(id);
            if (d && open[id]) { d.open = true; }
          });
        }
        body.setAttribute("data-state", fresh.body.getAttribute("data-state") || "");
        document.getElementById("live").textContent = "Updated " + new Date().toLocaleTimeString() + ": new articles or analyses.";
      });
  }
  function poll() {
    if (busy || document.hidden) { return; }
    busy = true;
    fetch("/api/changes", { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (changes) {
        if (changes && changes.state !== body.getAttribute("data-state")) { return refresh(); }
      })
      .catch(function () { /* the app is restarting: ask again next time */ })
      .then(function () { busy = false; });
  }
  setInterval(poll, every);
})();
