// Working speed on the queue and case pages: keyboard shortcuts with a "?" help overlay, times in the
// viewer's own time zone, canned reasons filling the reason field. Loaded as a file (the Content
// Security Policy allows no inline script); text is set with textContent, never as HTML.
(function () {
  "use strict";

  // Times: the server writes UTC; shown here in the viewer's zone, the UTC time kept in the title.
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function zoneName(date) {
    try {
      var part = new Intl.DateTimeFormat(undefined, { timeZoneName: "short" }).formatToParts(date)
        .filter(function (p) { return p.type === "timeZoneName"; })[0];
      return part ? part.value : "";
    } catch (e) { return ""; }
  }
  document.querySelectorAll("time[data-local-time]").forEach(function (element) {
    var date = new Date(element.getAttribute("datetime"));
    if (isNaN(date.getTime())) { return; }
    element.textContent = date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + " " +
      pad(date.getHours()) + ":" + pad(date.getMinutes()) + " " + zoneName(date);
    element.setAttribute("data-local-time", "shown");
  });

  // A canned reason fills the reason field of its form, where it can still be edited.
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-canned-reason]");
    if (!select || !select.value) { return; }
    var field = select.form && select.form.querySelector("[name=reason]");
    if (field) {
      field.value = select.value;
      field.focus();
    }
  });

  var queue = document.querySelector("[data-keys=queue]");
  var casePage = document.querySelector("[data-keys=case]");
  if (!queue && !casePage) { return; }

  // The queue as last listed, so j and k on a case page walk the same list with the same filter.
  var memoryKey = "moderation.queue";
  function remembered() {
    try { return JSON.parse(sessionStorage.getItem(memoryKey)) || { ids: [], filter: "" }; } catch (e) { return { ids: [], filter: "" }; }
  }
  function caseUrl(id, filter) { return "/cases/" + id + (filter ? "?queue=" + encodeURIComponent(filter) : ""); }

  var rows = queue ? Array.prototype.slice.call(document.querySelectorAll("tr[data-case-id]")) : [];
  if (queue) {
    try {
      sessionStorage.setItem(memoryKey, JSON.stringify({
        ids: rows.map(function (r) { return r.getAttribute("data-case-id"); }),
        filter: queue.getAttribute("data-queue-filter") || "",
      }));
    } catch (e) { /* private mode: j and k on a case page do nothing */ }
  }

  var current = -1;
  function moveTo(index) {
    if (rows.length === 0) { return; }
    if (current >= 0) { rows[current].classList.remove("current"); rows[current].removeAttribute("aria-current"); }
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows[current].classList.add("current");
    rows[current].setAttribute("aria-current", "true");
    rows[current].scrollIntoView({ block: "nearest" });
  }
  function currentRow() { return current >= 0 ? rows[current] : null; }
  function click(selector, within) {
    var element = (within || document).querySelector(selector);
    if (element && !element.disabled) { element.click(); return true; }
    return false;
  }
  function chooseBulk(decision) {
    var select = document.querySelector("[data-bulk-decision]");
    if (!select) { return; }
    select.value = decision;
    var reason = select.form.querySelector("[name=reason]");
    if (reason) { reason.focus(); }
  }
  function chooseDecision(decision) {
    var radio = document.querySelector("input[name=decision][value=" + decision + "]");
    if (!radio) { return; }
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    var reason = radio.form.querySelector("[name=reason]");
    if (reason) { reason.focus(); }
  }
  function neighbour(step) {
    var memory = remembered();
    var here = casePage.getAttribute("data-live-case");
    var at = memory.ids.indexOf(here);
    var next = at >= 0 ? memory.ids[at + step] : undefined;
    if (next) { location.href = caseUrl(next, memory.filter); }
  }

  var queueKeys = [
    ["j", "next case", function () { moveTo(current + 1); }],
    ["k", "previous case", function () { moveTo(current - 1); }],
    ["o", "open the case (also Enter)", function () { var row = currentRow(); if (row) { click("[data-case-link]", row); } }],
    ["c", "claim the case", function () { var row = currentRow(); if (row) { click("[data-claim-button]", row); } }],
    ["n", "claim next: the most urgent free case; each decision then claims the next", function () { click("[data-claim-next]"); }],
    ["s", "select the case for a bulk decision", function () { var row = currentRow(); if (row) { click("input[name=selected]", row); } }],
    ["r", "bulk: release the selection (then the reason)", function () { chooseBulk("Release"); }],
    ["x", "bulk: confirm the selection as secret (then the reason)", function () { chooseBulk("Confirm"); }],
    ["e", "bulk: escalate the selection (then the reason)", function () { chooseBulk("Escalate"); }],
    ["/", "search", function () { var search = document.querySelector("[data-search]"); if (search) { search.focus(); } }],
  ];
  var caseKeys = [
    ["j", "next case of the queue", function () { neighbour(1); }],
    ["k", "previous case of the queue", function () { neighbour(-1); }],
    ["c", "claim the case", function () { click("[data-claim-button]"); }],
    ["r", "release: a false positive (then the reason)", function () { chooseDecision("Release"); }],
    ["x", "confirm: secret material (then the reason)", function () { chooseDecision("Confirm"); }],
    ["e", "escalate to the officer (then the reason)", function () { chooseDecision("Escalate"); }],
    ["g", "give the claim back", function () { click("[data-give-back]"); }],
    ["u", "up to the queue", function () { click("[data-queue-link]"); }],
  ];
  var keys = queue ? queueKeys : caseKeys;

  // The "?" overlay lists this page's keys.
  var overlay = null;
  function toggleHelp() {
    if (overlay) { overlay.remove(); overlay = null; return; }
    overlay = document.createElement("div");
    overlay.className = "key-help";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", "Keyboard shortcuts");
    overlay.setAttribute("data-key-help", "");
    var title = document.createElement("h2");
    title.textContent = "Keyboard shortcuts";
    overlay.appendChild(title);
    var list = document.createElement("dl");
    keys.concat([
      ["Ctrl+Enter", casePage ? "record the decision (in the form)" : "send the bulk form (in the form)"],
      ["?", "this help; Esc closes it"],
    ]).forEach(function (key) {
      var dt = document.createElement("dt");
      var kbd = document.createElement("kbd");
      kbd.textContent = key[0];
      dt.appendChild(kbd);
      var dd = document.createElement("dd");
      dd.textContent = key[1];
      list.appendChild(dt);
      list.appendChild(dd);
    });
    overlay.appendChild(list);
    overlay.addEventListener("click", toggleHelp);
    document.body.appendChild(overlay);
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target.closest && target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && typing && target.form) {
      event.preventDefault();
      target.form.requestSubmit();
      return;
    }
    if (event.key === "Escape") {
      if (overlay) { toggleHelp(); } else if (typing) { target.blur(); }
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "?") { event.preventDefault(); toggleHelp(); return; }
    if (queue && event.key === "Enter" && currentRow()) { event.preventDefault(); click("[data-case-link]", currentRow()); return; }
    for (var i = 0; i < keys.length; i++) {
      if (keys[i][0] === event.key) {
        event.preventDefault();
        if (overlay) { toggleHelp(); }
        keys[i][2]();
        return;
      }
    }
  });

  var hint = document.createElement("p");
  hint.className = "muted key-hint";
  hint.textContent = "Press ? for keyboard shortcuts.";
  (queue || casePage).appendChild(hint);
}());
