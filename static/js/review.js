// The review screen: „Добави бележка“ adds another remark row to the return form.
// Without this script the form offers a fixed number of empty rows and works the same.
(function () {
  "use strict";
  var button = document.getElementById("add-remark");
  var template = document.getElementById("remark-template");
  var rows = document.querySelector(".remark-rows");
  var total = document.getElementById("id_remarks-TOTAL_FORMS");
  var max = document.getElementById("id_remarks-MAX_NUM_FORMS");
  if (!button || !template || !rows || !total) return;
  var limit = max ? parseInt(max.value, 10) || 50 : 50;

  function refresh() {
    button.hidden = parseInt(total.value, 10) >= limit;
  }

  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10) || 0;
    if (index >= limit) return;
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("select, textarea");
    if (first) first.focus();
    refresh();
  });
  refresh();
})();
