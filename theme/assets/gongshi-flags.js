// 风险提示: filters by flag, region and category over the list the page already shows
// (everything is there without this script; it only hides what the choices leave out).
(function () {
  "use strict";
  var form = document.querySelector("[data-gs-flags-filter]");
  if (!form) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll(".gs-flag"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".gs-flags__group"));
  var shown = form.querySelector(".gs-flags__shown");
  var params = new URLSearchParams(window.location.search);
  ["flag", "region", "category"].forEach(function (key) {
    var select = form.elements[key];
    if (select && params.get(key)) { select.value = params.get(key); }
  });

  function apply() {
    var flag = form.elements.flag.value;
    var region = form.elements.region.value;
    var category = form.elements.category.value;
    var count = 0;
    items.forEach(function (item) {
      var keep = (!flag || item.dataset.flag === flag)
        && (!region || item.dataset.regions.split(" ").indexOf(region) >= 0)
        && (!category || item.dataset.category === category);
      item.hidden = !keep;
      if (keep) { count += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = Boolean(flag) && group.dataset.flag !== flag;
    });
    shown.textContent = shown.dataset.template
      .replace("{shown}", String(count)).replace("{total}", String(items.length));
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  apply();
}());
