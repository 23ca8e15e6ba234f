// The search page: runs the form's query and filters against the Pagefind index (JS API),
// shows result counts per filter value, and keeps the URL (?q=…&region=…&status=…) in step
// with the controls so a search can be bookmarked and shared. No network beyond this site.
//
// The index is sharded by publication month, or year when a year is small
// (generator/search.py): pagefind/shards.json lists the shards, newest first, each with its
// dates, page count and how many notices have each filter value; each shard is its own
// Pagefind instance (createInstance) sharing one pagefind.js, worker and wasm.
//
// A search reads as little as it can. It skips the shards whose summary shows they cannot
// match the filters (and those of years not ticked), then reads the others newest first, one
// after another, until it has a page of results or has read a budget of pages (one batch).
// If older shards are left, the count line says which period was searched and a button
// searches the next batch. Results of a batch are ordered within that batch (by relevance,
// newest or deadline, as chosen) and go below those already shown: results on screen never
// reorder, and with relevance the newer period comes first. Newest-first is exact across
// batches, since batches are successive periods. Pagefind's own mergeIndex is not used: it
// re-sorts everything by score, which would undo the newest and deadline sorts. Filter counts
// are summed over the shards read.
//
// Every word of a query must occur (AND), in every shard: Pagefind ignores a query word that
// occurs nowhere in an index, so each shard's results are checked against a search of each
// word on its own (pagefindQuery, searchShard).
(function () {
  "use strict";

  var root = document.getElementById("gs-search");
  if (!root) return;

  var FACETS = ["family", "type", "category", "status", "year"];
  var DEBOUNCE_MS = 250;
  var NARROW = "(max-width: 59.984375em)"; // where the filters fold under one button
  var form = document.getElementById("gs-search-form");
  var queryInput = document.getElementById("gs-q");
  var sortSelect = document.getElementById("gs-sort");
  var list = document.getElementById("gs-results");
  var moreButton = document.getElementById("gs-more");
  var earlierButton = document.getElementById("gs-earlier");
  var countLine = document.getElementById("gs-count");
  var activeBadge = document.getElementById("gs-active");
  var filtersToggle = document.getElementById("gs-filters-toggle");
  var facetsPanel = document.getElementById("gs-facets");
  var pageSize = parseInt(root.getAttribute("data-page-size"), 10) || 20;
  // A word the index adds to every notice: listing by filters alone queries it, since a
  // null query would make Pagefind fetch the whole word index.
  var everyNotice = root.getAttribute("data-every-notice") || null;
  var siteRoot = new URL((root.getAttribute("data-base") || ".") + "/", window.location.href);
  // Pages of the index one batch reads at most (after its first shard); tests set it small.
  var budget = window.gongshiSearchBudget || parseInt(root.getAttribute("data-budget"), 10) || 1000;

  var pagefind = null; // the module: createInstance
  var shards = null; // [{name, year, from, to, pages, filters, instance}], newest first
  var sequence = 0;
  var completed = 0; // searches (and earlier batches) shown so far: tests can wait on it
  var session = null; // the search shown: its shards read and waiting, its listing
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
  var RUNS = new RegExp("[" + CJK + "]+|[^" + CJK + "]+", "g");
  var CODE = /^[0-9A-Za-z]+(?:[\p{P}\p{S}]+[0-9A-Za-z]+)+$/u; // a project code: XG-GC-2025-031
  var CODE_PART = /[0-9A-Za-z]+/;
  var JOINABLE = new RegExp("([" + CJK + "])((?:\\s|</?mark>)+)(?=[" + CJK + "])", "g");

  // One run of Chinese is an exact phrase of its characters (found where the text contains
  // it, like Ctrl+F). `rank` is the same query without the phrase: Pagefind scores every exact
  // match alike, so relevance (title first) comes from the loose query.
  //
  // A query of several parts (words, or runs of Chinese and of Latin letters or digits) must
  // find every part. Pagefind ANDs the words of a query but ignores a word that occurs nowhere
  // in an index: in a shard without "xg" the query "xg gc" found every notice with "gc". So
  // `term` (all the words, loose) gives the order and counts, and each part is also searched
  // on its own in each shard, a Chinese run as a phrase (searchShard). The parts of a project
  // code (XG-GC-2025-031: xg gc 2025 031) must also follow one another, a word or so apart
  // (`chains`); it cannot be a phrase, as the index gives its hyphens positions of their own.
  function pagefindQuery(query) {
    var words = query.split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
    if (!words.length) { // only punctuation: none found
      return { term: query, rank: null, parts: [], chains: [] };
    }
    var spaced = words.map(function (word) { return word.replace(BETWEEN_CJK, "$1 "); });
    if (words.length === 1 && ONLY_CJK.test(words[0]) && words[0].length > 1) {
      return { term: '"' + spaced[0] + '"', rank: spaced[0], parts: [], chains: [] };
    }
    var parts = [];
    var chains = [];
    query.split(/\s+/).forEach(function (token) {
      var code = CODE.test(token) ? { first: parts.length, gaps: [] } : null;
      if (code) {
        token.split(CODE_PART).slice(1, -1).forEach(function (between) {
          code.gaps.push(between.length + 1); // each punctuation mark is a word of the index
        });
        chains.push(code);
      }
      token.split(/[\p{P}\p{S}]+/u).filter(Boolean).forEach(function (word) {
        (word.match(RUNS) || []).forEach(function (run) {
          var chinese = ONLY_CJK.test(run);
          var part = chinese ? run.replace(BETWEEN_CJK, "$1 ") : run;
          parts.push(chinese && run.length > 1 ? '"' + part + '"' : part);
        });
      });
    });
    if (parts.length < 2) return { term: spaced.join(" "), rank: null, parts: [], chains: [] };
    return { term: spaced.join(" "), rank: null, parts: parts, chains: chains };
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
    var query = state.q ? pagefindQuery(state.q)
      : { term: everyNotice, rank: null, parts: [], chains: [] };
    excerpts = Boolean(state.q);
    var options = { filters: filtersFor(state) };
    var sort = sortFor(state);
    if (sort) options.sort = sort;
    session = {
      state: state, query: query, options: options, sort: sort, listing: chain(),
      waiting: shardsFor(state).filter(function (shard) { return canMatch(state, shard); }),
      read: [], searches: []
    };
    list.textContent = "";
    await searchBatch(mine, session);
  }

  // The next batch of shards of a search: its results go below those already there.
  async function searchBatch(mine, s) {
    root.classList.add("gs-search--busy");
    earlierButton.hidden = true;
    var batch = await readBatch(s);
    s.listing.add(await ordered(s, batch));
    var counts = await facetCounts(s);
    if (mine !== sequence) return;
    root.classList.remove("gs-search--busy");
    showCounts(counts, s.state);
    showCountLine(s);
    await showMore(mine);
    if (mine === sequence) root.setAttribute("data-searches", String(++completed));
  }

  // Shards newest first until a page of results is found or `budget` pages are read.
  async function readBatch(s) {
    var batch = { shards: [], searches: [] };
    var pages = 0;
    var found = 0;
    while (s.waiting.length && (!batch.shards.length || (found < pageSize && pages < budget))) {
      var shard = s.waiting.shift();
      var search = await searchShard(shard, s.query, s.options);
      batch.shards.push(shard);
      batch.searches.push(search);
      pages += shard.pages;
      found += search.results.length;
    }
    s.read = s.read.concat(batch.shards);
    s.searches = s.searches.concat(batch.searches);
    return batch;
  }

  async function ordered(s, batch) {
    if (s.query.rank && !s.sort) {
      return inOrder(await byRelevance(batch.searches, s.query.rank, s.options.filters, batch.shards));
    }
    if (!s.sort) return inOrder(byScore(batch.searches));
    if (s.sort.deadline) return byDeadline(batch.searches);
    return inOrder(newestFirst(batch.searches)); // shards are months, newest first: no overlap
  }

  // What was searched: all of it, or the period of the shards read so far.
  function showCountLine(s) {
    var total = s.listing.total();
    if (!s.waiting.length) {
      countLine.textContent = total ? label("results").replace("{n}", String(total)) : label("none");
      return;
    }
    countLine.textContent = label("partial").replace("{period}", period(s.read))
      .replace("{n}", String(total));
  }

  function period(read) {
    var dates = [];
    read.forEach(function (shard) { if (shard.from) dates.push(shard.from, shard.to); });
    dates.sort();
    var first = month(dates[0] || "");
    var last = month(dates[dates.length - 1] || "");
    return first === last ? first : label("period").replace("{from}", first).replace("{to}", last);
  }

  function month(date) {
    return label("month").replace("{y}", date.slice(0, 4))
      .replace("{m}", String(parseInt(date.slice(5, 7), 10)));
  }

  // --- shards ------------------------------------------------------------------------------

  // The shards a search may read: those of the years ticked, or all. The counts of the other
  // years would need every other shard, so with a year ticked they are not shown.
  function shardsFor(state) {
    var years = state.filters.year;
    if (!years.length) return shards;
    return shards.filter(function (shard) { return years.indexOf(shard.year) !== -1; });
  }

  // Whether a shard holds a notice with the filters' values (its summary's counts): values of
  // one filter are alternatives, different filters must all match.
  function canMatch(state, shard) {
    var held = shard.filters || {};
    var facetsMatch = FACETS.every(function (facet) {
      var wanted = state.filters[facet];
      return !wanted.length || wanted.some(function (value) { return (held[facet] || {})[value] > 0; });
    });
    return facetsMatch && (!state.region || (held.region || {})[state.region] > 0);
  }

  // One Pagefind instance per shard, opened when first needed. The first one opened starts the
  // worker and loads the wasm; the others wait for it, so the wasm (one URL for every shard)
  // comes from the browser's cache.
  var firstOpened = null;

  function open(shard) {
    if (!shard.instance) {
      var opening = function () {
        var instance = pagefind.createInstance({
          basePath: siteRoot.pathname + "pagefind/" + shard.name + "/"
        });
        return instance.options({ baseUrl: siteRoot.pathname, excerptLength: 60 })
          .then(function () { return instance.filters(); }) // so searches report counts
          .then(function () { return instance; });
      };
      shard.instance = firstOpened ? firstOpened.then(opening) : opening();
      if (!firstOpened) firstOpened = shard.instance;
    }
    return shard.instance;
  }

  async function searchShards(reading, query, options) {
    return Promise.all(reading.map(function (shard) {
      return searchShard(shard, query, options);
    }));
  }

  // One shard's results for `query` (see pagefindQuery): the loose query's results, in its
  // order, that every part's own search also finds. The parts' searches load the same chunks
  // of the word index as the loose one (cached): no bytes, a little work, and only when the
  // loose query found something. Filter counts are those of a search that found exactly the
  // notices kept (the loose one, unless a part was missing or a Chinese phrase split up);
  // else, rarely, they are summed from the kept notices' fragments.
  async function searchShard(shard, query, options) {
    var instance = await open(shard);
    var search = await instance.search(query.term, options);
    var found = { shard: shard, results: search.results, filters: search.filters || {} };
    if (!query.parts.length || !found.results.length) return found;
    var searches = [search];
    var kept = search.results;
    var at = []; // per part: {result id: its words' positions}
    for (var i = 0; i < query.parts.length && kept.length; i++) {
      var part = await instance.search(query.parts[i], options);
      var where = {};
      part.results.forEach(function (result) { where[result.id] = result.words; });
      kept = kept.filter(function (result) { return result.id in where; });
      searches.push(part);
      at.push(where);
    }
    if (kept.length) {
      kept = kept.filter(function (result) {
        return query.chains.every(function (chain) { return follows(chain, at, result.id); });
      });
    }
    found.results = kept;
    if (!kept.length) {
      found.filters = {};
      return found;
    }
    var exact = searches.filter(function (each) { return each.results.length === kept.length; })[0];
    found.filters = exact ? exact.filters || {} : await filtersOf(kept);
    return found;
  }

  // Whether the parts of a code occur one after the other in a result: each part a word or
  // so (its punctuation) after the previous one.
  function follows(chain, at, id) {
    return at[chain.first][id].some(function (start) {
      var position = start;
      return chain.gaps.every(function (gap, k) {
        var next = at[chain.first + k + 1][id].filter(function (p) {
          return p > position && p <= position + gap;
        });
        if (!next.length) return false;
        position = next[0];
        return true;
      });
    });
  }

  // {facet: {value: n}} of some results, from their fragments.
  async function filtersOf(results) {
    var data = await Promise.all(results.map(function (result) { return result.data(); }));
    return sumFilters(data.map(function (item) { return { filters: item.filters || {} }; }));
  }

  // Summed over shards: {facet: {value: n}}.
  function sumFilters(searches) {
    var sum = {};
    searches.forEach(function (search) {
      Object.keys(search.filters).forEach(function (facet) {
        var values = search.filters[facet];
        sum[facet] = sum[facet] || {};
        Object.keys(values).forEach(function (value) {
          sum[facet][value] = (sum[facet][value] || 0) + values[value];
        });
      });
    });
    return sum;
  }

  function newestFirst(searches) {
    return [].concat.apply([], searches.map(function (search) { return search.results; }));
  }

  function byScore(searches) {
    return newestFirst(searches).sort(function (a, b) { return b.score - a.score; });
  }

  // Phrase matches in the order of the loose query's scores (see pagefindQuery).
  async function byRelevance(searches, rank, filters, reading) {
    var loose = { term: rank, parts: [], chains: [] };
    var ranked = byScore(await searchShards(reading, loose, { filters: filters }));
    var place = {}; // ids are hashes of the pages' content: one page, one id
    ranked.forEach(function (result, i) { if (!(result.id in place)) place[result.id] = i; });
    var last = ranked.length;
    return newestFirst(searches).sort(function (a, b) {
      return (a.id in place ? place[a.id] : last) - (b.id in place ? place[b.id] : last);
    });
  }

  // The listings of the batches one after the other.
  function chain() {
    var parts = [];
    function sum(key) {
      return parts.reduce(function (n, part) { return n + part[key](); }, 0);
    }
    return {
      add: function (part) { parts.push(part); },
      total: function () { return sum("total"); },
      left: function () { return sum("left"); },
      take: async function (n) {
        var out = [];
        for (var i = 0; i < parts.length && out.length < n; i++) {
          out = out.concat(await parts[i].take(n - out.length));
        }
        return out;
      }
    };
  }

  // A listing shows results a page at a time, loading only the pages it shows.
  function inOrder(found) {
    var next = 0;
    return {
      total: function () { return found.length; },
      left: function () { return found.length - next; },
      take: function (n) {
        var batch = found.slice(next, next + n);
        next += batch.length;
        return Promise.all(batch.map(function (result) { return result.data(); }));
      }
    };
  }

  // Each shard's results are soonest deadline first: a k-way merge on the deadline in their
  // metadata (site time, "2026-03-25 09:30", text-sortable; none sorts last), loading only
  // the results shown and the next one of each shard.
  function byDeadline(searches) {
    var lists = searches.map(function (search) { return { results: search.results, next: 0, head: null }; });
    var total = lists.reduce(function (sum, l) { return sum + l.results.length; }, 0);
    var taken = 0;
    function head(l) {
      if (!l.head) l.head = l.results[l.next].data();
      return l.head;
    }
    function key(item) { return (item.meta && item.meta.deadline) || "\uffff"; }
    async function one() {
      var open = lists.filter(function (l) { return l.next < l.results.length; });
      var items = await Promise.all(open.map(head));
      var best = 0;
      for (var i = 1; i < items.length; i++) {
        if (key(items[i]) < key(items[best])) best = i;
      }
      var l = open[best];
      l.next += 1;
      l.head = null;
      return items[best];
    }
    return {
      total: function () { return total; },
      left: function () { return total - taken; },
      take: async function (n) {
        var batch = [];
        while (batch.length < n && taken < total) {
          batch.push(await one());
          taken += 1;
        }
        return batch;
      }
    };
  }

  // The count shown next to a value is what ticking it would give, over the shards read: for
  // a filter already in use, the other filters apply and its own values are alternatives.
  // A year some of whose shards were not read shows no count.
  async function facetCounts(s) {
    var counts = {};
    var facets = FACETS.concat(["region"]);
    var summed = sumFilters(s.searches);
    for (var i = 0; i < facets.length; i++) {
      var facet = facets[i];
      if (!isActive(s.state, facet)) {
        counts[facet] = summed[facet] || {};
      } else {
        var other = await searchShards(s.read, s.query, { filters: filtersFor(s.state, facet) });
        counts[facet] = sumFilters(other)[facet] || {};
      }
    }
    counts.year = known(counts.year, s);
    return counts;
  }

  // Counts of the years read; null (unknown) for a year with a shard not read (still waiting,
  // or left out by the years ticked). Shards skipped by their summary hold none: 0.
  function known(values, s) {
    var allowed = shardsFor(s.state);
    var out = {};
    shards.forEach(function (shard) {
      if (!(shard.year in out)) out[shard.year] = values[shard.year] || 0;
      if (s.waiting.indexOf(shard) !== -1 || allowed.indexOf(shard) === -1) out[shard.year] = null;
    });
    return out;
  }

  async function showMore(mine) {
    var s = session;
    var data = await s.listing.take(pageSize);
    if (mine !== sequence) return;
    data.forEach(function (item) { list.appendChild(renderResult(item)); });
    var left = s.listing.left();
    moreButton.hidden = left <= 0;
    earlierButton.hidden = left > 0 || !s.waiting.length;
  }

  // --- rendering ---------------------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // A row's "label value" part, as theme/partials/gongshi-entries.html draws it.
  function labelled(className, name, value) {
    var part = element("span", className);
    part.appendChild(element("span", "gs-muted", name));
    part.appendChild(document.createTextNode(" " + value));
    return part;
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
    if (meta.category) line.appendChild(element("span", "gs-entry__category", meta.category));
    line.appendChild(labelled("gs-entry__date", label("published"), meta.date || ""));
    if (meta.key_date) {
      var deadline = meta.key_date === meta.deadline ? " gs-entry__deadline" : "";
      line.appendChild(labelled("gs-entry__key" + deadline, meta.key_label, meta.key_date));
    }
    if (meta.amount) line.appendChild(labelled("gs-entry__amount", meta.amount_label, meta.amount));
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
        var value = values[slot.getAttribute("data-count")];
        if (value === null) { // a shard not read: count unknown
          slot.textContent = "";
          slot.closest(".gs-facet__value").classList.remove("gs-facet__value--empty");
          return;
        }
        var n = value || 0;
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
      if (pagefind && typed.term) { // the newest shard the search will read first
        var state = readState();
        shardsFor(state).filter(function (shard) { return canMatch(state, shard); }).slice(0, 1)
          .forEach(function (shard) {
            open(shard).then(function (instance) { return instance.preload(typed.term); }).catch(function () {});
          });
      }
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(go, DEBOUNCE_MS);
    });
    form.addEventListener("change", function (event) {
      if (event.target !== queryInput) go();
    });
    filtersToggle.addEventListener("click", function () {
      showFilters(filtersToggle.getAttribute("aria-expanded") !== "true");
    });
    // Escape folds the phone's filter panel away again and leaves focus on its button.
    document.getElementById("gs-filters").addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !window.matchMedia(NARROW).matches) return;
      if (filtersToggle.getAttribute("aria-expanded") !== "true") return;
      showFilters(false);
      filtersToggle.focus();
    });
    moreButton.addEventListener("click", function () { showMore(sequence).catch(fail); });
    earlierButton.addEventListener("click", function () {
      searchBatch(sequence, session).catch(fail);
    });
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
    if (window.matchMedia(NARROW).matches) showFilters(false);
    wire();
    countLine.textContent = label("loading");
    var manifest = fetch(new URL("pagefind/shards.json", siteRoot).href)
      .then(function (response) {
        if (!response.ok) throw new Error("pagefind/shards.json: " + response.status);
        return response.json();
      });
    Promise.all([import(new URL("pagefind/pagefind.js", siteRoot).href), manifest])
      .then(async function (loaded) {
        shards = loaded[1].shards.map(function (shard) {
          return { name: shard.name, year: shard.year, from: shard.from, to: shard.to,
                   pages: shard.pages, filters: shard.filters, instance: null };
        });
        pagefind = loaded[0];
        await run();
      })
      .catch(fail);
  }

  start();
})();
