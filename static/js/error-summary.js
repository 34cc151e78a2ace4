// Error summaries: a link to a field moves the focus into that field, not only the
// view (a browser following "#id" scrolls but does not focus). The target may be
// the field itself or a block around it (a criterion's radio buttons): then its
// first control, the checked one for radio buttons. The summary takes the focus
// when the page opens, so a screen reader reads it first.
(function () {
  "use strict";
  var CONTROLS = "input:not([type=hidden]), select, textarea, button";

  function controlIn(target) {
    if (target.matches(CONTROLS)) return target;
    return target.querySelector("input[type=radio]:checked") || target.querySelector(CONTROLS);
  }

  document.querySelectorAll(".error-summary").forEach(function (summary) {
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) return;
      var control = controlIn(target);
      if (!control) return;
      event.preventDefault();
      var block = target.closest(".field, .criterion") || target;
      block.scrollIntoView({ block: "center" });
      control.focus({ preventScroll: true });
      if (history.replaceState) history.replaceState(null, "", link.hash);
    });
  });
  var first = document.querySelector(".error-summary[tabindex]");
  if (first) first.focus();
})();
