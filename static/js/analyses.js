// The analyses page: start a job through the API, show its progress, offer the PDF.
(function () {
  "use strict";
  var form = document.getElementById("analysis-form");
  if (!form) return;
  var labels = JSON.parse(document.getElementById("analysis-labels").textContent);
  var box = document.getElementById("analysis-status");
  var bar = document.getElementById("analysis-progress");
  var percent = document.getElementById("analysis-percent");
  var state = document.getElementById("analysis-state");
  var link = document.getElementById("analysis-download");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;

  function show(analysis) {
    box.hidden = false;
    bar.value = analysis.progress;
    percent.textContent = analysis.progress + "%";
    state.textContent = labels[analysis.status] + (analysis.error ? ": " + analysis.error : "");
    if (analysis.status === "done") {
      link.href = analysis.pdf_url;
      link.setAttribute("download", "");
      link.hidden = false;
    }
  }

  function poll(id) {
    fetch("/api/v1/analyses/" + id + "/", { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (analysis) {
        show(analysis);
        if (analysis.status === "queued" || analysis.status === "running") {
          window.setTimeout(function () { poll(id); }, 500);
        }
      });
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: body ? JSON.stringify(body) : null,
    }).then(function (r) { return r.json(); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    link.hidden = true;
    post(form.action, { year: parseInt(form.year.value, 10), kind: form.kind.value }).then(function (analysis) {
      show(analysis);
      poll(analysis.id);
    });
  });
  document.querySelectorAll("[data-retry]").forEach(function (button) {
    button.addEventListener("click", function () {
      post("/api/v1/analyses/" + button.dataset.retry + "/retry/").then(function (analysis) {
        show(analysis);
        poll(analysis.id);
      });
    });
  });
})();
