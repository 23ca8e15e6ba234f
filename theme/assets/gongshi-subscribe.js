// 订阅 page: the region and category picker. Without this script the page offers the same
// choices as links (a region's feed page, then its categories); with it, two lists choose a
// region and a category and the chosen feed's page, addresses and calendar show in place. The
// choice is kept in the address (?region=…&category=…), so it can be shared and survives a
// reload. Every word and address pattern comes from the page (data-* attributes).
(function () {
  "use strict";
  var picker = document.querySelector(".gs-picker");
  if (!picker) return;
  var form = picker.querySelector(".gs-picker__form");
  var result = picker.querySelector(".gs-picker__result");
  var region = form.querySelector("select[name=region]");
  var category = form.querySelector("select[name=category]");
  var site = picker.getAttribute("data-site-url");
  var base = picker.getAttribute("data-base-url");
  var shapes = JSON.parse(picker.getAttribute("data-shapes"));

  function fill(pattern, code, kind) {
    return pattern.replace("{region}", code).replace("{category}", kind);
  }

  function categoriesOf(option) {
    var found = {};
    (option.getAttribute("data-categories") || "").split(" ").forEach(function (pair) {
      var parts = pair.split(":");
      if (parts[0]) found[parts[0]] = Number(parts[1]);
    });
    return found;
  }

  function setRow(kind, url) {
    var row = result.querySelector('.gs-url[data-kind="' + kind + '"]');
    row.querySelector(".gs-url__text").textContent = url;
    var button = row.querySelector(".gs-copy");
    button.setAttribute("data-copy", url);
    button.setAttribute("title", url);
    button.setAttribute("aria-label", picker.getAttribute("data-copy-label") + " " + kind + ": " + url);
  }

  // What the choice leads to: its kind of feed, title and count; a region × category that has
  // no notice yet (so no feed yet) falls back to the region's feed, and says so.
  function chosen() {
    var code = region.value;
    var kind = category.value;
    var regionOption = region.options[region.selectedIndex];
    var categoryOption = category.options[category.selectedIndex];
    var counts = categoriesOf(regionOption);
    var choice = {code: code, category: kind, missing: false};
    if (code && kind && !counts[kind]) {
      choice.missing = true;
      choice.category = kind = "";
    }
    choice.shape = shapes[code && kind ? "region-category" : code ? "region" : kind ? "category" : "all"];
    if (code && kind) {
      choice.title = picker.getAttribute("data-pair").replace("{region}", regionOption.getAttribute("data-name"))
        .replace("{category}", categoryOption.getAttribute("data-name"));
      choice.count = counts[kind];
    } else if (code) {
      choice.title = regionOption.getAttribute("data-name");
      choice.count = regionOption.getAttribute("data-count");
    } else if (kind) {
      choice.title = categoryOption.getAttribute("data-name");
      choice.count = categoryOption.getAttribute("data-count");
    } else {
      choice.title = picker.getAttribute("data-all");
      choice.count = picker.getAttribute("data-all-count");
    }
    return choice;
  }

  function show() {
    var choice = chosen();
    var feed = fill(choice.shape.feed, choice.code, choice.category);
    var calendar = site + fill(choice.shape.calendar, choice.code, choice.category);
    result.querySelector(".gs-picker__none").hidden = !choice.missing;
    var title = result.querySelector(".gs-picker__title");
    title.textContent = choice.title;
    if (choice.code) title.setAttribute("lang", "zh");  // a region's name: the data's language
    else title.removeAttribute("lang");
    result.querySelector(".gs-picker__count").textContent =
      picker.getAttribute("data-count-label").replace("{count}", choice.count);
    result.querySelector(".gs-picker__page").setAttribute("href", base + "/feeds/" + feed + "/");
    setRow("RSS", site + "feeds/" + feed + ".xml");
    setRow("Atom", site + "feeds/" + feed + ".atom");
    setRow("iCal", calendar);
    result.querySelector(".gs-webcal").setAttribute("href", calendar.replace(/^https?:\/\//, "webcal://"));
  }

  function remember() {
    var query = new URLSearchParams();
    if (region.value) query.set("region", region.value);
    if (category.value) query.set("category", category.value);
    var text = query.toString();
    history.replaceState(null, "", location.pathname + (text ? "?" + text : "") + location.hash);
  }

  function choose(select, value) {
    if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value;
  }

  var asked = new URLSearchParams(location.search);
  choose(region, asked.get("region"));
  choose(category, asked.get("category"));
  [region, category].forEach(function (select) {
    select.addEventListener("change", function () { show(); remember(); });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  result.hidden = false;
  picker.classList.add("gs-picker--live");
  show();
})();
