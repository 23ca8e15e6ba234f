// The search page: runs the form's query and filters against the Pagefind index (JS API),
// shows result counts per filter value, and keeps the URL (?q=…&region=…&status=…) in step
// with the controls so a search can be bookmarked and shared. No network beyond this site.
(function () {
  "use strict";

  var root = document.getElementById("gs-search");
  if (!root) return;

  var FACETS = ["family", "type", "category", "status", "year"];
  var DEBOUNCE_MS = 250;
  var form = document.getElementById("gs-search-form");
  var queryInput = document.getElementById("gs-q");
  var sortSelect = document.getElementById("gs-sort");
  var list = document.getElementById("gs-results");
  var moreButton = document.getElementById("gs-more");
  var countLine = document.getElementById("gs-count");
  var activeBadge = document.getElementById("gs-active");
  var filtersToggle = document.getElementById("gs-filters-toggle");
  var facetsPanel = document.getElementById("gs-facets");
  var pageSize = parseInt(root.getAttribute("data-page-size"), 10) || 20;
  // A word the index adds to every notice: listing by filters alone queries it, since a
  // null query would make Pagefind fetch the whole word index.
  var everyNotice = root.getAttribute("data-every-notice") || null;
  var siteRoot = new URL((root.getAttribute("data-base") || ".") + "/", window.location.href);

  var pagefind = null;
  var sequence = 0;
  var completed = 0; // searches shown so far (tests and scripts can wait on it)
  var results = [];
  var shown = 0;
  var term = null;
  var excerpts = false; // only when the reader searched for words
  var typingTimer = null;

  function label(name) {
    return root.getAttribute("data-label-" + name) || "";
  }

  // --- state: the form is the state; the URL mirrors it ---------------------------------

  function readState() {
    var data = new FormData(form);
    var state = {
      q: String(data.get("q") || "").trim(),
      sort: String(data.get("sort") || ""),
      region: String(data.get("region") || ""),
      filters: {}
    };
    FACETS.forEach(function (facet) {
      state.filters[facet] = data.getAll(facet).map(String);
    });
    return state;
  }

  function applyUrl() {
    var params = new URLSearchParams(window.location.search);
    queryInput.value = params.get("q") || "";
    var sort = params.get("sort") || "";
    sortSelect.value = sortSelect.querySelector('option[value="' + CSS.escape(sort) + '"]') ? sort : "";
    FACETS.forEach(function (facet) {
      var wanted = params.getAll(facet);
      form.querySelectorAll('input[name="' + facet + '"]').forEach(function (box) {
        box.checked = wanted.indexOf(box.value) !== -1;
      });
    });
    var region = params.get("region") || "";
    var radio = form.querySelector('input[name="region"][value="' + CSS.escape(region) + '"]');
    (radio || form.querySelector('input[name="region"][value=""]')).checked = true;
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FACETS.forEach(function (facet) {
      state.filters[facet].forEach(function (value) { params.append(facet, value); });
    });
    if (state.region) params.set("region", state.region);
    if (state.sort) params.set("sort", state.sort);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "");
    if (url !== window.location.pathname + window.location.search) {
      window.history.replaceState(null, "", url);
    }
  }

  // --- the query: Chinese is indexed one character per word (generator/search.py) -------

  var CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef";
  var BETWEEN_CJK = new RegExp("([" + CJK + "])(?=[" + CJK + "])", "g");
  var ONLY_CJK = new RegExp("^[" + CJK + "]+$");
  var JOINABLE = new RegExp("([" + CJK + "])((?:\\s|</?mark>)+)(?=[" + CJK + "])", "g");

  // One run of Chinese is an exact phrase of its characters (found where the text contains
  // it, like Ctrl+F); several words, or words with Latin letters or digits, must each occur
  // somewhere. `rank` is the same query without the phrase: Pagefind scores every exact
  // match alike, so relevance (title first) comes from the loose query.
  function pagefindQuery(query) {
    var words = query.split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
    if (!words.length) return { term: query, rank: null }; // only punctuation: none found
    var spaced = words.map(function (word) { return word.replace(BETWEEN_CJK, "$1 "); });
    if (words.length === 1 && ONLY_CJK.test(words[0]) && words[0].length > 1) {
      return { term: '"' + spaced[0] + '"', rank: spaced[0] };
    }
    return { term: spaced.join(" "), rank: null };
  }

  // Pagefind's excerpt shows the indexed text, spaced out: join the characters again.
  function joinExcerpt(html) {
    if (everyNotice) html = html.split(everyNotice).join("");
    return html
      .replace(JOINABLE, function (match, first, between) { return first + between.replace(/\s+/g, ""); })
      .replace(/<\/mark><mark>/g, "");
  }

  // --- Pagefind options from the state ----------------------------------------------------

  // Values of one filter are alternatives (any); different filters must all match.
  function filtersFor(state, without) {
    var filters = {};
    FACETS.forEach(function (facet) {
      if (facet !== without && state.filters[facet].length) {
        filters[facet] = { any: state.filters[facet] };
      }
    });
    if (without !== "region" && state.region) filters.region = state.region;
    return filters;
  }

  function sortFor(state) {
    if (state.sort === "deadline") return { deadline: "asc" };
    if (state.sort === "newest" || !state.q) return { published: "desc" };
    return null; // relevance
  }

  function isActive(state, facet) {
    return facet === "region" ? state.region !== "" : state.filters[facet].length > 0;
  }

  // --- running a search -------------------------------------------------------------------

  async function run() {
    if (!pagefind) return;
    var mine = ++sequence;
    var state = readState();
    writeUrl(state);
    showActive(state);
    root.classList.add("gs-search--busy");
    var query = state.q ? pagefindQuery(state.q) : { term: everyNotice, rank: null };
    term = query.term;
    excerpts = Boolean(state.q);
    var options = { filters: filtersFor(state) };
    var sort = sortFor(state);
    if (sort) options.sort = sort;
    var search = await pagefind.search(term, options);
    var found = search.results;
    if (query.rank && !sort) found = await byRelevance(found, query.rank, options.filters);
    var counts = await facetCounts(state, search);
    if (mine !== sequence) return;
    root.classList.remove("gs-search--busy");
    showCounts(counts, state);
    results = found;
    shown = 0;
    list.textContent = "";
    countLine.textContent = results.length
      ? label("results").replace("{n}", String(results.length))
      : label("none");
    await showMore(mine);
    if (mine === sequence) root.setAttribute("data-searches", String(++completed));
  }

  async function byRelevance(found, rank, filters) {
    var ranked = await pagefind.search(rank, { filters: filters });
    var place = {};
    ranked.results.forEach(function (result, i) { place[result.id] = i; });
    var last = ranked.results.length;
    return found.slice().sort(function (a, b) {
      return (a.id in place ? place[a.id] : last) - (b.id in place ? place[b.id] : last);
    });
  }

  // The count shown next to a value is what ticking it would give: for a filter already in
  // use, the other filters apply and its own values are alternatives.
  async function facetCounts(state, search) {
    var counts = {};
    var facets = FACETS.concat(["region"]);
    for (var i = 0; i < facets.length; i++) {
      var facet = facets[i];
      if (!isActive(state, facet)) {
        counts[facet] = (search.filters || {})[facet] || {};
      } else {
        var other = await pagefind.search(term, { filters: filtersFor(state, facet) });
        counts[facet] = (other.filters || {})[facet] || {};
      }
    }
    return counts;
  }

  async function showMore(mine) {
    var batch = results.slice(shown, shown + pageSize);
    var data = await Promise.all(batch.map(function (result) { return result.data(); }));
    if (mine !== sequence) return;
    data.forEach(function (item) { list.appendChild(renderResult(item)); });
    shown += batch.length;
    moreButton.hidden = shown >= results.length;
  }

  // --- rendering ---------------------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function renderResult(item) {
    var meta = item.meta || {};
    var entry = element("li", "gs-entry gs-result");
    entry.setAttribute("data-status", meta.status || "");
    entry.setAttribute("data-type", meta.type || "");
    entry.setAttribute("data-id", meta.id || "");
    var link = element("a", "gs-entry__title", meta.title || item.url);
    link.href = item.url;
    entry.appendChild(link);
    var line = element("div", "gs-entry__meta");
    line.appendChild(element("span", "gs-badge gs-badge--type gs-type-" + (meta.type || ""), meta.type_label));
    line.appendChild(element("span", "gs-badge gs-status gs-status--" + (meta.status || ""), meta.status_label));
    line.appendChild(element("span", "gs-entry__region", meta.region));
    var published = element("span", "gs-entry__date");
    published.appendChild(element("span", "gs-muted", label("published")));
    published.appendChild(document.createTextNode(" " + (meta.date || "")));
    line.appendChild(published);
    if (meta.deadline) {
      var deadline = element("span", "gs-entry__deadline");
      deadline.appendChild(element("span", "gs-muted", label("deadline")));
      deadline.appendChild(document.createTextNode(" " + meta.deadline));
      line.appendChild(deadline);
    }
    entry.appendChild(line);
    if (excerpts && item.excerpt) {
      // Pagefind escapes the page text before adding <mark>: safe as HTML.
      var excerpt = element("p", "gs-result__excerpt");
      excerpt.innerHTML = joinExcerpt(item.excerpt);
      entry.appendChild(excerpt);
    }
    return entry;
  }

  function showCounts(counts, state) {
    form.querySelectorAll(".gs-facet").forEach(function (fieldset) {
      var facet = fieldset.getAttribute("data-facet");
      var values = counts[facet] || {};
      fieldset.querySelectorAll("[data-count]").forEach(function (slot) {
        var n = values[slot.getAttribute("data-count")] || 0;
        slot.textContent = String(n);
        var option = slot.closest(".gs-facet__value");
        var input = option.querySelector("input");
        option.classList.toggle("gs-facet__value--empty", n === 0 && !input.checked);
      });
    });
    expandTo(state.region);
  }

  function showActive(state) {
    var n = FACETS.reduce(function (sum, facet) { return sum + state.filters[facet].length; }, 0);
    if (state.region) n += 1;
    activeBadge.textContent = n ? "(" + n + ")" : "";
  }

  // --- region tree: the province open, the chosen region's branch open --------------------

  function setExpanded(item, open) {
    var toggle = item.querySelector(":scope > .gs-tree__toggle");
    var children = item.querySelector(":scope > ul");
    if (!toggle || !children) return;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    children.hidden = !open;
  }

  function expandTo(code) {
    var chosen = code ? form.querySelector('li[data-region="' + CSS.escape(code) + '"]') : null;
    for (var node = chosen; node; node = node.parentElement.closest("li[data-region]")) {
      setExpanded(node, true);
    }
  }

  function initTree() {
    form.querySelectorAll(".gs-region-tree li[data-region]").forEach(function (item) {
      var isRoot = !item.parentElement.closest("li[data-region]");
      setExpanded(item, isRoot);
    });
    form.addEventListener("click", function (event) {
      var toggle = event.target.closest(".gs-tree__toggle");
      if (!toggle) return;
      setExpanded(toggle.parentElement, toggle.getAttribute("aria-expanded") !== "true");
    });
  }

  // On a phone the filters fold away under one button, so results come first.
  function showFilters(open) {
    filtersToggle.setAttribute("aria-expanded", open ? "true" : "false");
    facetsPanel.hidden = !open;
  }

  function fail() {
    root.classList.remove("gs-search--busy");
    countLine.textContent = label("unavailable");
  }

  function go() {
    run().catch(fail);
  }

  // --- wiring ------------------------------------------------------------------------------

  function wire() {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(typingTimer);
      go();
    });
    queryInput.addEventListener("input", function () {
      var typed = pagefindQuery(queryInput.value.trim());
      if (pagefind && typed.term) pagefind.preload(typed.term);
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(go, DEBOUNCE_MS);
    });
    form.addEventListener("change", function (event) {
      if (event.target !== queryInput) go();
    });
    filtersToggle.addEventListener("click", function () {
      showFilters(filtersToggle.getAttribute("aria-expanded") !== "true");
    });
    moreButton.addEventListener("click", function () { showMore(sequence).catch(fail); });
    document.getElementById("gs-clear").addEventListener("click", function (event) {
      event.preventDefault();
      form.querySelectorAll('input[type="checkbox"]').forEach(function (box) { box.checked = false; });
      form.querySelector('input[name="region"][value=""]').checked = true;
      go();
    });
  }

  function start() {
    applyUrl();
    initTree();
    expandTo(readState().region);
    if (window.matchMedia("(max-width: 59.984375em)").matches) showFilters(false);
    wire();
    countLine.textContent = label("loading");
    import(new URL("pagefind/pagefind.js", siteRoot).href)
      .then(async function (module) {
        await module.options({ baseUrl: siteRoot.pathname, excerptLength: 60 });
        await module.filters(); // loads the filter index, so searches report counts
        pagefind = module;
        await run();
      })
      .catch(fail);
  }

  start();
})();
