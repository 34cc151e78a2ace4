// The report form: live area totals, total and quality level as levels are
// chosen, and a warning before leaving with unsaved changes. The form works the
// same without this script; the server computes the totals on every save.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) return;
  var bandsElement = document.getElementById("quality-bands");
  var bands = bandsElement ? JSON.parse(bandsElement.textContent) : [];
  var format = new Intl.NumberFormat(document.documentElement.lang || "bg", {
    maximumFractionDigits: 2,
  });
  var dirty = false;

  function levelFor(total) {
    for (var i = 0; i < bands.length; i++) {
      if (total >= bands[i].min) return bands[i].label;
    }
    return bands.length ? bands[bands.length - 1].label : "";
  }

  function recompute() {
    var total = 0;
    form.querySelectorAll("[data-area]").forEach(function (area) {
      var subtotal = 0;
      area.querySelectorAll("input[type=radio]:checked").forEach(function (radio) {
        subtotal += parseFloat(radio.value) || 0;
      });
      subtotal = Math.round(subtotal * 100) / 100;
      var out = document.getElementById("area-total-" + area.dataset.area);
      if (out) out.textContent = format.format(subtotal);
      total += subtotal;
    });
    total = Math.round(total * 100) / 100;
    var totalOut = document.getElementById("score-total");
    var levelOut = document.getElementById("score-level");
    if (totalOut) totalOut.textContent = format.format(total);
    if (levelOut) levelOut.textContent = levelFor(total);
  }

  form.addEventListener("change", function (event) {
    dirty = true;
    if (event.target.type === "radio") recompute();
  });
  form.addEventListener("input", function () {
    dirty = true;
  });
  form.addEventListener("submit", function () {
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = "";
  });
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  recompute();
})();
