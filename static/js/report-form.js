// The report form: live area totals, total and quality level as levels are
// chosen; autosave of what changed through the API (PATCH with the version the
// page holds, so a save never overwrites someone else's); and a warning before
// leaving with unsaved changes. The form works the same without this script:
// the server computes the totals on every save.
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

  // --- Autosave ---------------------------------------------------------------
  var status = document.getElementById("autosave-status");
  var versionInput = form.querySelector("input[name=version]");
  var csrfInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var changed = {}; // field name -> input, changed since the last save
  var timer = null;
  var saving = false;
  var stopped = false;
  var pendingSubmit = null; // the button clicked while an autosave was on its way
  var IDLE_MS = 3000;
  var RETRY_MS = 15000;

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }

  function valueOf(input) {
    var part = input.dataset.part;
    if (input.type === "radio") {
      var checked = form.querySelector("input[name='" + input.name + "']:checked");
      if (!checked) return null;
      if (part === "answers") return checked.value === "yes";
      return Number(checked.value);
    }
    return input.value;
  }

  function changes() {
    var body = {};
    Object.keys(changed).forEach(function (name) {
      var input = changed[name];
      var part = input.dataset.part;
      body[part] = body[part] || {};
      body[part][input.dataset.code] = valueOf(input);
    });
    return body;
  }

  function schedule(delay) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  // The explicit save clicked during an autosave goes ahead now, with the whole
  // form at the version the autosave left.
  function submitWaiting() {
    if (!pendingSubmit) return false;
    var button = pendingSubmit;
    pendingSubmit = null;
    stopped = true;
    form.requestSubmit(button);
    return true;
  }

  function save() {
    if (saving || stopped || !Object.keys(changed).length) return;
    var sending = changed;
    var body = changes();
    changed = {};
    body.version = Number(versionInput.value);
    saving = true;
    say(status.dataset.saving);
    fetch(status.dataset.url, {
      method: "PATCH",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        Prefer: "return=minimal", // the new version is all the page needs
        "X-CSRFToken": csrfInput.value,
      },
      body: JSON.stringify(body),
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { code: response.status, data: data };
        });
      })
      .then(function (result) {
        saving = false;
        if (result.code === 200) versionInput.value = result.data.version;
        if (submitWaiting()) return;
        if (result.code === 200) {
          var time = new Date().toLocaleTimeString(document.documentElement.lang || "bg");
          say(status.dataset.saved + " " + time);
          if (Object.keys(changed).length) schedule(IDLE_MS);
          else dirty = false;
          return;
        }
        // Not saved: keep what was sent for the next try or the explicit save.
        changed = Object.assign(sending, changed);
        if (result.code === 409) {
          stopped = true;
          say(status.dataset.conflict, true);
          return;
        }
        var first = "";
        Object.keys(result.data || {}).some(function (key) {
          var messages = result.data[key];
          first = Array.isArray(messages) ? messages[0] : String(messages);
          return true;
        });
        stopped = result.code !== 400; // the user may still correct a field
        say(status.dataset.invalid + " " + first, true);
      })
      .catch(function () {
        saving = false;
        if (submitWaiting()) return;
        changed = Object.assign(sending, changed);
        say(status.dataset.offline, true);
        schedule(RETRY_MS);
      });
  }

  function track(event) {
    var input = event.target;
    dirty = true;
    if (input.type === "radio") recompute();
    if (!status || !input.dataset || !input.dataset.part) return;
    changed[input.name] = input;
    schedule(IDLE_MS);
  }

  form.addEventListener("change", track);
  form.addEventListener("input", track);
  form.addEventListener("submit", function (event) {
    clearTimeout(timer);
    if (saving) {
      // Wait for the autosave, or this save would carry a version it just outdated.
      event.preventDefault();
      pendingSubmit = event.submitter;
      return;
    }
    dirty = false;
    stopped = true; // the explicit save takes over
  });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = "";
  });
  recompute();
})();
