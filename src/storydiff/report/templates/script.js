// storydiff report: show a claim's or quote's evidence in its article. No network, no eval.
(function () {
  "use strict";
  var active = [];
  function show(id) {
    var target = document.getElementById(id);
    if (!target) { return; }
    active.forEach(function (el) { el.classList.remove("active"); });
    active = Array.prototype.slice.call(document.querySelectorAll("mark[data-ev]")).filter(function (el) {
      return (" " + el.getAttribute("data-ev") + " ").indexOf(" " + id + " ") >= 0;
    });
    if (active.length === 0 && target.tagName === "MARK") { active = [target]; }
    active.forEach(function (el) { el.classList.add("active"); });
    // A collapsed article opens before we scroll to the evidence.
    for (var node = target.parentNode; node; node = node.parentNode) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    var focusTarget = target.tagName === "MARK" ? target : (active[0] || target);
    focusTarget.scrollIntoView({ block: "center" });
    focusTarget.focus({ preventScroll: true });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-target]") : null;
    if (button) { show(button.getAttribute("data-target")); }
  });
  // Links to an article open it.
  window.addEventListener("hashchange", function () {
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var details = el && el.querySelector ? el.querySelector("details.article") : null;
    if (details) { details.open = true; }
  });
})();
