/* osl-plan edytor: the browser's copy of what she typed. The editor keeps her draft on the
   server with each check; this keeps it in the browser too (localStorage), for when the editor
   did not get it: it was stopped, the computer slept, a save failed. Each form's changed fields
   are kept under the folder, the file and the page, with the version of the file they started
   from. When the page opens and its fields differ from what was kept, it offers to restore them;
   a save, a reload from disk or a restored version forgets them. Before a button sends the form,
   the editor is asked to keep the draft first: when it does not answer, nothing is sent and her
   changes stay on the page and in the browser. */
(function () {
  "use strict";

  var PREFIX = "osl-plan|";
  var FORGET = ["zapisano", "zapisano-z-bledami", "wczytano", "przywrocono"];

  function normal(value) {
    return String(value).replace(/\r\n/g, "\n").split("\n")
      .map(function (line) { return line.replace(/\s+$/, ""); }).join("\n").trim();
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.name && element.name.charAt(0) !== "_" && element.name !== "baza"
        && element.name !== "czesc" && element.type !== "submit" && element.type !== "button"
        && element.type !== "hidden" && element.type !== "file";
    });
  }

  function read(key) {
    try {
      var kept = JSON.parse(window.localStorage.getItem(key) || "null");
      return kept && typeof kept.values === "object" ? kept : null;
    } catch (error) { return null; }
  }

  function write(key, kept) {
    try {
      if (Object.keys(kept.values).length) { window.localStorage.setItem(key, JSON.stringify(kept)); }
      else { window.localStorage.removeItem(key); }
    } catch (error) { /* the browser's storage is full or off: the server's draft remains */ }
  }

  function forgetFile(fileKey) {
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i -= 1) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(fileKey + "|") === 0) { window.localStorage.removeItem(key); }
      }
    } catch (error) { /* nothing kept */ }
  }

  function when(stamp) {
    var date = new Date(stamp);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(date.getDate()) + "." + two(date.getMonth() + 1) + "." + date.getFullYear()
      + " " + two(date.getHours()) + ":" + two(date.getMinutes());
  }

  function Drafts(form, box) {
    var fileKey = PREFIX + form.getAttribute("data-szkic");
    this.fileKey = fileKey;
    this.form = form;
    this.box = box;
    this.key = fileKey + "|" + form.getAttribute("data-czesc");
    this.base = form.getAttribute("data-baza");
    this.initial = {};
    this.kept = { base: this.base, time: Date.now(), values: {} };
    // What was offered and neither restored nor dropped yet: kept until she decides.
    this.pending = {};
    this.sending = false;
    var notice = new URLSearchParams(window.location.search).get("stan");
    var how = (window.performance.getEntriesByType("navigation")[0] || {}).type;
    // Reloading the page of a save says nothing new: what she typed since is kept.
    if (FORGET.indexOf(notice) >= 0 && how !== "reload" && how !== "back_forward") {
      forgetFile(fileKey);
    }
    var self = this;
    fields(form).forEach(function (field) { self.initial[field.name] = field.value; });
  }

  Drafts.prototype.remember = function (field) {
    if (!field.name || !(field.name in this.initial)) { return; }
    if (normal(field.value) === normal(this.initial[field.name])) {
      delete this.kept.values[field.name];
    } else {
      this.kept.values[field.name] = field.value;
    }
    this.kept.time = Date.now();
    var values = Object.assign({}, this.pending, this.kept.values);
    write(this.key, { base: this.kept.base, time: this.kept.time, values: values });
  };

  Drafts.prototype.differing = function (kept) {
    var form = this.form;
    return Object.keys(kept.values).filter(function (name) {
      var field = form.elements.namedItem(name);
      return field && field.value !== undefined && normal(field.value) !== normal(kept.values[name]);
    });
  };

  Drafts.prototype.say = function (text, buttons) {
    var box = this.box;
    box.textContent = "";
    var message = document.createElement("p");
    message.textContent = text;
    box.appendChild(message);
    (buttons || []).forEach(function (button) { box.appendChild(button); });
    box.hidden = false;
  };

  Drafts.prototype.button = function (label, id, action) {
    var button = document.createElement("button");
    button.type = "button";
    button.id = id;
    button.textContent = label;
    button.addEventListener("click", action);
    return button;
  };

  Drafts.prototype.offer = function () {
    var kept = read(this.key);
    if (!kept) { return; }
    var names = this.differing(kept);
    if (!names.length) { window.localStorage.removeItem(this.key); return; }
    var box = this.box;
    var text = box.getAttribute("data-offer").replace("{count}", names.length)
      .replace("{time}", when(kept.time));
    if (kept.base !== this.base) { text += " " + box.getAttribute("data-changed"); }
    var self = this;
    names.forEach(function (name) { self.pending[name] = kept.values[name]; });
    this.say(text, [
      this.button(box.getAttribute("data-restore"), "szkic-przywroc", function () {
        self.restore(kept, names);
      }),
      this.button(box.getAttribute("data-drop"), "szkic-odrzuc", function () {
        self.pending = {};
        write(self.key, self.kept);
        self.say(box.getAttribute("data-dropped"));
        self.form.querySelector("input, textarea, select").focus();
      })
    ]);
  };

  Drafts.prototype.restore = function (kept, names) {
    var form = this.form;
    var self = this;
    var first = null;
    this.pending = {};
    names.forEach(function (name) {
      var field = form.elements.namedItem(name);
      field.value = kept.values[name];
      self.remember(field);
      var details = field.closest("details");
      if (details) { details.open = true; }
      first = first || field;
    });
    this.say(this.box.getAttribute("data-restored").replace("{count}", names.length));
    // The live check takes them to the editor, which keeps them as her draft.
    form.dispatchEvent(new Event("input", { bubbles: true }));
    if (first) { first.focus(); }
  };

  Drafts.prototype.guardSubmit = function (event) {
    var self = this;
    if (this.sending || !Object.keys(this.kept.values).length) { return; }
    event.preventDefault();
    var submitter = event.submitter || null;
    var data = new FormData(this.form);
    data.set("akcja", "sprawdz");
    fetch(this.form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      // The editor keeps the draft now: the browser's copy is done with, and what she asked
      // for is sent (a list's items may move, so kept field names would no longer fit).
      self.pending = {};
      self.kept.values = {};
      window.localStorage.removeItem(self.key);
      self.sending = true;
      if (submitter) { self.form.requestSubmit(submitter); } else { self.form.requestSubmit(); }
    }).catch(function () {
      self.say(self.box.getAttribute("data-unreachable"));
    });
  };

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-szkic]");
    var box = document.getElementById("szkic-przegladarki");
    if (!form || !box || !window.localStorage) { return; }
    var drafts = new Drafts(form, box);
    drafts.offer();
    form.addEventListener("input", function (event) { drafts.remember(event.target); });
    form.addEventListener("change", function (event) { drafts.remember(event.target); });
    form.addEventListener("submit", function (event) { drafts.guardSubmit(event); });
    // Another tab typing into the same plan: each would overwrite what the other sends.
    window.addEventListener("storage", function (event) {
      if (event.newValue && event.key && event.key.indexOf(drafts.fileKey + "|") === 0) {
        drafts.say(box.getAttribute("data-other-tab"));
      }
    });
  });
}());
