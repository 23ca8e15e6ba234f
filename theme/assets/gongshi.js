// Live countdown to a tender's effective deadline. The page states the deadline itself;
// this only adds "time left" and flips to closed when it passes.
(function () {
  "use strict";
  // "1 day", "2 days": the page gives each unit's word for one and for several
  function unit(el, name, count) {
    return el.getAttribute("data-label-" + name + (count === 1 ? "" : "s"));
  }
  function render(el) {
    var deadline = Date.parse(el.getAttribute("data-deadline"));
    var out = el.querySelector(".gs-countdown__value");
    if (isNaN(deadline) || !out) return false;
    var left = deadline - Date.now();
    if (left <= 0) {
      out.textContent = el.getAttribute("data-label-closed");
      return false;
    }
    var minutes = Math.floor(left / 60000);
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor((minutes % 1440) / 60);
    out.textContent = [[days, "day"], [hours, "hour"], [minutes % 60, "minute"]]
      .map(function (part) { return part[0] + " " + unit(el, part[1], part[0]); }).join(" ");
    return true;
  }
  function tick() {
    var live = false;
    document.querySelectorAll(".gs-countdown").forEach(function (el) {
      live = render(el) || live;
    });
    if (live) window.setTimeout(tick, 30000);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", tick);
  else tick();
})();

// A listing's "go to page" box: archive pages live at <listing>/page/<n>/. Without script the
// box stays hidden and the pager's links are the way through.
(function () {
  "use strict";
  function wire(form) {
    var input = form.querySelector("input[name=page]");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var n = parseInt(input.value, 10);
      var max = parseInt(form.getAttribute("data-max") || "0", 10);
      if (!(n >= 1)) return;
      if (max && n > max) n = max;
      window.location.href = form.getAttribute("data-url") + n + "/";
    });
  }
  function start() {
    document.querySelectorAll("form.gs-pager__jump").forEach(wire);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// A stale site says so. The build writes its time and the configured threshold to build.json
// at the site root (not into the pages, which are reused between builds while unchanged);
// when the visitor's clock is further past it than that, the status region gets the notice.
// Without script, offline or from file://, nothing is shown.
(function () {
  "use strict";
  var HOUR = 3600000;
  function announce(region, info) {
    var text = document.createElement("p");
    text.className = "gs-stale__text";
    text.textContent = region.getAttribute("data-message")
      .replace("{built}", info.built_display)
      .replace("{hours}", String(info.stale_after_hours));
    region.appendChild(text);
  }
  function judge(region, info) {
    var built = Date.parse(info && info.built);
    var limit = Number(info && info.stale_after_hours) * HOUR;
    if (isNaN(built) || !(limit > 0)) return;
    if (Date.now() - built > limit) announce(region, info);
  }
  function start() {
    var region = document.querySelector(".gs-stale[data-build-info]");
    if (!region || !window.fetch || window.location.protocol === "file:") return;
    window.fetch(region.getAttribute("data-build-info"), { cache: "no-cache" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (info) { if (info) judge(region, info); })
      .catch(function () { /* no stamp, no claim */ });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
