// Live queue updates and small conveniences. Loaded as a file (the Content Security Policy allows
// no inline script); every piece of text from the server is set with textContent, never as HTML.
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var all = event.target.closest("[data-select-all]");
    if (!all) { return; }
    document.querySelectorAll("input[name=selected]").forEach(function (box) { box.checked = all.checked; });
  });

  var queue = document.querySelector("[data-live-queue]");
  var casePage = document.querySelector("[data-live-case]");
  if ((!queue && !casePage) || !window.signalR) { return; }

  var status = document.querySelector("[data-live-status]");
  function setStatus(text, on) {
    if (!status) { return; }
    status.textContent = text;
    status.classList.toggle("on", on);
    status.classList.toggle("off", !on);
  }

  function describe(change) {
    switch (change.change) {
      case "claimed": return "claimed by " + change.claimedBy;
      case "released": return "free";
      case "expired": return "free (claim expired)";
      case "decided": return change.status.toLowerCase() + " by " + change.actor;
      default: return change.change;
    }
  }

  function onQueueChange(change) {
    var row = document.querySelector('tr[data-case-id="' + change.caseId + '"]');
    if (!row) { return; }
    var claim = row.querySelector("[data-claim]");
    if (claim) { claim.textContent = describe(change); }
    row.classList.toggle("claimed", change.change === "claimed");
    if (change.change === "decided") {
      row.classList.add("decided");
      var button = row.querySelector("[data-claim-button]");
      if (button) { button.disabled = true; }
    }
    row.classList.remove("flash");
    void row.offsetWidth;
    row.classList.add("flash");
  }

  function onCaseChange(change) {
    if (String(change.caseId) !== casePage.getAttribute("data-live-case")) { return; }
    var banner = document.querySelector("[data-live-banner]");
    if (!banner) { return; }
    banner.hidden = false;
    banner.textContent = "Just now: this case was " + describe(change) + ". Reload to see it.";
  }

  var connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/queue")
    .withAutomaticReconnect()
    .build();
  connection.on("caseChanged", function (change) {
    if (queue) { onQueueChange(change); }
    if (casePage) { onCaseChange(change); }
  });
  connection.onreconnecting(function () { setStatus("reconnecting…", false); });
  connection.onreconnected(function () { setStatus("live", true); });
  connection.onclose(function () { setStatus("offline: reload for changes", false); });
  connection.start().then(function () {
    setStatus("live", true);
    document.documentElement.setAttribute("data-live", "on");
  }, function () { setStatus("offline: reload for changes", false); });
}());
