/* osl-plan edytor: the live check of the plan form. The pages work without it; with it the
   problems, the months of each term and the preview follow what is typed (one request per pause
   in typing), and every change is kept on the server as a draft. Nothing here talks to anything
   but the editor itself. */
(function () {
  "use strict";

  function focusTarget() {
    if (!location.hash) { return; }
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) { return; }
    var field = target.matches("input, textarea, select") ? target
      : target.querySelector("input, textarea, select");
    var details = target.closest("details");
    if (details) { details.open = true; }
    (field || target).focus();
  }

  function selectLine(area) {
    var line = parseInt(area.getAttribute("data-line"), 10);
    if (!line) { return; }
    var lines = area.value.split("\n");
    var start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i += 1) { start += lines[i].length + 1; }
    var end = start + (lines[line - 1] || "").length;
    area.focus();
    area.setSelectionRange(start, end);
    var height = area.scrollHeight / Math.max(lines.length, 1);
    area.scrollTop = Math.max(0, (line - 5) * height);
  }

  /* The new preview goes into the frame's document (same origin, no script, its own policy),
     where she was reading; if the frame cannot be reached, it loads the preview anew. */
  function showPreview(frame, html) {
    var doc = null;
    try { doc = frame.contentDocument; } catch (error) { doc = null; }
    if (!doc || !doc.documentElement || !doc.defaultView || typeof html !== "string") {
      frame.src = frame.getAttribute("data-src") + "?t=" + Date.now();
      return;
    }
    var view = doc.defaultView;
    var x = view.scrollX;
    var y = view.scrollY;
    // Read in the frame's own realm: the new document's styles come under the frame's policy.
    var fresh = new view.DOMParser().parseFromString(html, "text/html");
    doc.replaceChild(doc.importNode(fresh.documentElement, true), doc.documentElement);
    view.scrollTo(x, y);
  }

  function liveCheck(form) {
    var timer = null;
    var busy = false;
    var again = false;
    var changed = {};  // the names of the fields changed since the last answer
    var state = document.getElementById("stan-szkicu");
    var summary = document.getElementById("problemy");
    var preview = document.getElementById("podglad");

    function apply(answer) {
      if (answer.reload) { location.reload(); return; }
      // The answer names only the fields with problems; every other field's messages empty.
      form.querySelectorAll(".messages").forEach(function (box) {
        var id = box.id.slice(0, -"-problem".length);
        var html = answer.fields[id] || "";
        if (box.innerHTML !== html) { box.innerHTML = html; }
        var input = document.getElementById(id);
        if (input && input.matches("input, textarea, select")) {
          if (html.indexOf("problem error") >= 0) { input.setAttribute("aria-invalid", "true"); }
          else { input.removeAttribute("aria-invalid"); }
        }
      });
      Object.keys(answer.terms).forEach(function (id) {
        var output = document.getElementById(id + "-term");
        if (output) { output.textContent = answer.terms[id]; }
      });
      if (summary) { summary.innerHTML = answer.list; }
      if (state) { state.textContent = state.getAttribute("data-kept"); }
      if (preview) { showPreview(preview, answer.preview); }
    }

    /* One request answers the check and the preview. It carries only the fields she changed
       (the server keeps the rest as her draft), so a keystroke costs the same in a long plan. */
    function body(names) {
      var data = new URLSearchParams();
      ["_csrf", "baza", "czesc"].forEach(function (name) {
        if (form.elements[name]) { data.set(name, form.elements[name].value); }
      });
      data.set("akcja", "sprawdz");
      names.forEach(function (name) {
        var field = form.elements[name];
        if (field && typeof field.value === "string") { data.set(name, field.value); }
      });
      return data;
    }

    function check() {
      if (busy) { again = true; return; }
      busy = true;
      var names = Object.keys(changed);
      changed = {};
      fetch(form.action, {
        method: "POST", body: body(names), credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(apply).catch(function () {
        names.forEach(function (name) { changed[name] = true; });  // sent again next time
        if (state) { state.textContent = state.getAttribute("data-failed"); }
      }).finally(function () {
        busy = false;
        if (again) { again = false; check(); }
      });
    }

    if (preview) { preview.setAttribute("data-src", preview.getAttribute("src")); }
    form.addEventListener("input", function (event) {
      if (event.target && event.target.name) { changed[event.target.name] = true; }
      if (state) { state.textContent = state.getAttribute("data-typing"); }
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 350);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var raw = document.getElementById("tekst");
    if (raw) { selectLine(raw); }
    var form = document.getElementById("plan-form");
    if (form) { liveCheck(form); }
    focusTarget();
  });
}());
