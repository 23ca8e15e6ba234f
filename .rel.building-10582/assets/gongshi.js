// Live countdown to a tender's effective deadline. The page states the deadline itself;
// this only adds "time left" and flips to closed when it passes.
(function () {
  "use strict";
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
    out.textContent = days + " " + el.getAttribute("data-label-days") + " " +
      hours + " " + el.getAttribute("data-label-hours") + " " +
      (minutes % 60) + " " + el.getAttribute("data-label-minutes");
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
