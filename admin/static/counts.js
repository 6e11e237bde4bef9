// Refresh the counters on the page (unread notices, queue tabs) every 30 s, without a reload.
// The page asks only for the counters it shows (their first name: orders, tickets, ...).
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.url;
  var counters = document.querySelectorAll("[data-count]");
  if (!url || !counters.length) return;
  var wanted = {};
  counters.forEach(function (el) { wanted[el.dataset.count.split(".")[0]] = true; });
  url += (url.indexOf("?") < 0 ? "?" : "&") + "want=" + encodeURIComponent(Object.keys(wanted).join(","));
  var timer;

  function pick(data, path) {
    return path.split(".").reduce(function (v, k) { return v == null ? v : v[k]; }, data);
  }

  function refresh() {
    if (document.hidden) return;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) {
        if (res.status === 401) clearInterval(timer);  // signed out: the next page says why
        return res.ok ? res.json() : null;
      })
      .then(function (data) {
        if (!data) return;
        document.querySelectorAll("[data-count]").forEach(function (el) {
          var value = pick(data, el.dataset.count);
          if (value == null) value = 0;
          el.textContent = (el.dataset.prefix || "") + value;
          if (el.hasAttribute("data-hide-zero") || el.dataset.count === "notices") el.hidden = !value;
        });
        // A control whose badge is only a number says in words what it counts.
        document.querySelectorAll("[data-spoken-count]").forEach(function (el) {
          var value = pick(data, el.dataset.spokenCount) || 0;
          if (value) el.setAttribute("aria-label", el.dataset.spokenSome.replace("{n}", value));
          else el.removeAttribute("aria-label");
        });
      }).catch(function () {});
  }
  timer = setInterval(refresh, 1000 * (Number(script.dataset.seconds) || 30));
})();
