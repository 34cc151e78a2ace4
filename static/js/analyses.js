// The analyses page: start a job through the API, show its steps and progress, offer
// the PDF, and refresh the list of drafts when the job ends. The editor page: follow
// the rebuild of the PDF after a save (GET analyses/{id}/ until it is done).
(function () {
  "use strict";
  var labelsNode = document.getElementById("analysis-labels");
  if (!labelsNode) return;
  var labels = JSON.parse(labelsNode.textContent);
  var box = document.getElementById("analysis-status");
  var bar = document.getElementById("analysis-progress");
  var percent = document.getElementById("analysis-percent");
  var state = document.getElementById("analysis-state");
  var link = document.getElementById("analysis-download");
  var open = document.getElementById("analysis-open");
  var steps = document.querySelectorAll("#analysis-steps li");
  var csrfInput = document.querySelector("[name=csrfmiddlewaretoken]");
  var csrf = csrfInput ? csrfInput.value : "";

  function showSteps(analysis) {
    var current = null;
    steps.forEach(function (step) {
      var from = parseInt(step.dataset.from, 10);
      step.classList.remove("current");
      step.removeAttribute("aria-current");
      if (analysis.status === "done" ? from <= 100 : from <= analysis.progress) {
        step.classList.add("reached");
        current = step;
      } else {
        step.classList.remove("reached");
      }
    });
    if (current) {
      current.classList.add("current");
      current.setAttribute("aria-current", "step");
    }
  }

  function refreshList() {
    var table = document.getElementById("analysis-drafts");
    if (!table) return;
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("analysis-drafts");
        if (fresh) table.replaceWith(fresh);
      });
  }

  function show(analysis) {
    if (box) box.hidden = false;
    if (bar) bar.value = analysis.progress;
    if (percent) percent.textContent = analysis.progress + "%";
    if (state) state.textContent = labels[analysis.status] + (analysis.error ? ": " + analysis.error : "");
    showSteps(analysis);
    if (analysis.status === "done" && link) {
      link.href = analysis.pdf_url;
      link.setAttribute("download", "");
      link.hidden = false;
      if (open) {
        open.href = "/statistics/analyses/" + analysis.id + "/edit/";
        open.hidden = false;
      }
    }
  }

  function poll(id, onDone) {
    fetch("/api/v1/analyses/" + id + "/", { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (analysis) {
        show(analysis);
        if (analysis.status === "queued" || analysis.status === "running") {
          window.setTimeout(function () { poll(id, onDone); }, 700);
        } else if (onDone) {
          onDone(analysis);
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

  var form = document.getElementById("analysis-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (link) link.hidden = true;
      post(form.action, { year: parseInt(form.year.value, 10), kind: form.kind.value }).then(function (analysis) {
        show(analysis);
        refreshList();
        poll(analysis.id, refreshList);
      });
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-retry]");
    if (!button) return;
    post("/api/v1/analyses/" + button.dataset.retry + "/retry/").then(function (analysis) {
      show(analysis);
      poll(analysis.id, refreshList);
    });
  });

  // The editor: while the PDF is being rebuilt, follow it.
  var editor = document.getElementById("analysis-editor");
  if (editor && (editor.dataset.status === "queued" || editor.dataset.status === "running")) {
    poll(editor.dataset.analysis, function (analysis) {
      var preview = document.getElementById("analysis-preview");
      if (preview && analysis.pdf_url) {
        preview.href = analysis.pdf_url + "?inline=1";
        preview.hidden = false;
      }
    });
  }
})();
