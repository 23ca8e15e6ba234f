// The search page: runs the form's query and filters against the Pagefind index (JS API),
// shows the filters in use as chips, result counts per filter value and, when nothing is
// found, ways to widen the search; keeps the URL (?q=…&region=…&from=…&min=…) in step with
// the controls so a search can be bookmarked and shared. No network beyond this site.
//
// What is searched (generator/search.py): by default the last 12 months, every shard of them,
// completely ("近 12 个月 共 N 条"); with years ticked, those years; with a published range
// (from/to, months), that range; after "search all years" (period=all), everything. The period
// is a set of publication months, given to Pagefind as the `month` filter; the amount range
// is a set of amount bands (`amount` filter). The shards stay out of sight: every shard that
// holds a month of the period (and whose summary in pagefind/shards.json shows it can match
// the filters) is searched, all at once, and the results are ordered as one list.
//
// Words are looked up by the index one character per word (generator/search.py). A run of
// Chinese characters is an exact phrase; a shard is asked first for its first two characters,
// then one more at a time, so a phrase that a shard does not hold costs only the word-index
// chunks of its first few characters there. Every part of a query must occur (AND), in every
// shard: Pagefind ignores a query word that occurs nowhere in an index, so each shard's results
// are checked against a search of each part on its own (searchShard).
//
// Excerpts are cut here from the indexed text, never a run of field values: its segments are
// the title, the notice's own text and its facts, one per label (search.py FACT_KEYS). A match
// in the notice's text shows the words around it; a match only in a fact shows that fact
// with its label ("项目编号 XG-GC-2026-088").
//
// Statuses are the reader's clock's (generator/search.py, "Status"): the index holds what a
// status follows from (a tender's effective deadline `closes`, a publicity's end `ends`, a
// withdrawal's moment `withdrawn`, a project's result `outcome`), never the status as of the
// build. A result's status is computed here from them (statusOf, as derive.py `_status`), and
// the status filter becomes, per shard, a Pagefind filter over the moments that shard holds
// (statusFilters): exact, with counts, and no notice read that is not shown.
(function () {
  "use strict";

  var root = document.getElementById("gs-search");
  if (!root) return;

  var W = JSON.parse(document.getElementById("gs-search-words").textContent);
  var FACETS = ["family", "type", "category", "status", "year"];
  var DEBOUNCE_MS = 250;
  var NARROW = "(max-width: 59.984375em)"; // where the filters fold under one button
  var SEGMENT_BREAK = "\u241e";
  var FACT_BREAK = "\u241f";
  var BLOCK_BREAK = /\s*\u2424\s*/g; // between two paragraphs of a notice's text
  var form = document.getElementById("gs-search-form");
  var queryInput = document.getElementById("gs-q");
  var sortSelect = document.getElementById("gs-sort");
  var periodInput = document.getElementById("gs-period");
  var list = document.getElementById("gs-results");
  var moreButton = document.getElementById("gs-more");
  var allYearsButton = document.getElementById("gs-all-years");
  var countLine = document.getElementById("gs-count");
  var activeBadge = document.getElementById("gs-active");
  var filtersBox = document.getElementById("gs-filters");
  var filtersToggle = document.getElementById("gs-filters-toggle");
  var facetsPanel = document.getElementById("gs-facets");
  var chipsBox = document.getElementById("gs-chips");
  var chipList = document.getElementById("gs-chip-list");
  var help = document.getElementById("gs-help");
  var pageSize = W.page_size || 20;
  // A word the index adds to every notice: listing by filters alone queries it, since a
  // null query would make Pagefind fetch the whole word index.
  var everyNotice = W.every_notice;
  var siteRoot = new URL((root.getAttribute("data-base") || ".") + "/", window.location.href);

  var pagefind = null; // the module: createInstance
  var shards = null; // [{name, year, pages, filters, instance}], newest first
  var entityShards = []; // the organisations' index (generator/search.py "Organisations")
  var orgBox = document.getElementById("gs-orgs");
  var orgList = document.getElementById("gs-org-list");
  var ORGS_SHOWN = 10;
  var allMonths = []; // every month that has a notice, oldest first
  var sequence = 0;
  var completed = 0; // searches shown so far: tests can wait on it
  var session = null; // the search shown: its listing and what it read
  var now = Date.now(); // the reader's clock as of the search shown: statuses are as of it
  var typingTimer = null;

  function say(template, values) {
    return template.replace(/\{([a-z_]+)\}/g, function (whole, key) {
      return key in values ? String(values[key]) : whole;
    });
  }

  // --- state: the form is the state; the URL mirrors it ---------------------------------

  function readState() {
    var data = new FormData(form);
    var state = {
      q: String(data.get("q") || "").trim(),
      sort: String(data.get("sort") || ""),
      region: String(data.get("region") || ""),
      from: String(data.get("from") || ""),
      to: String(data.get("to") || ""),
      min: String(data.get("min") || ""),
      max: String(data.get("max") || ""),
      period: String(data.get("period") || ""),
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
    choose(sortSelect, params.get("sort") || "");
    FACETS.forEach(function (facet) {
      var wanted = params.getAll(facet);
      form.querySelectorAll('input[name="' + facet + '"]').forEach(function (box) {
        box.checked = wanted.indexOf(box.value) !== -1;
      });
    });
    var region = params.get("region") || "";
    var radio = form.querySelector('input[name="region"][value="' + CSS.escape(region) + '"]');
    (radio || form.querySelector('input[name="region"][value=""]')).checked = true;
    chooseMonth(form.elements.from, params.get("from") || "");
    chooseMonth(form.elements.to, params.get("to") || "");
    chooseAmount(form.elements.min, params.get("min") || "", "down");
    chooseAmount(form.elements.max, params.get("max") || "", "up");
    periodInput.value = params.get("period") === "all" ? "all" : "";
  }

  function choose(select, value) {
    select.value = select.querySelector('option[value="' + CSS.escape(value) + '"]') ? value : "";
  }

  // A month of the URL that no notice has is still the bound asked for: it gets an option.
  function chooseMonth(select, value) {
    if (/^\d{4}-\d{2}$/.test(value) && !select.querySelector('option[value="' + value + '"]')) {
      var option = element("option", "", monthName(value));
      option.value = value;
      select.appendChild(option);
    }
    choose(select, value);
  }

  // Amounts are chosen between band edges: another amount widens to the nearest edge.
  function chooseAmount(select, value, way) {
    var amount = Number(value);
    if (!value || !isFinite(amount)) { select.value = ""; return; }
    var edges = amountEdges();
    var fitting = edges.filter(function (edge) { return way === "down" ? edge <= amount : edge >= amount; });
    select.value = fitting.length ? String(way === "down" ? fitting[fitting.length - 1] : fitting[0]) : "";
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FACETS.forEach(function (facet) {
      state.filters[facet].forEach(function (value) { params.append(facet, value); });
    });
    if (state.region) params.set("region", state.region);
    ["from", "to", "min", "max"].forEach(function (key) { if (state[key]) params.set(key, state[key]); });
    if (state.period) params.set("period", state.period);
    if (state.sort) params.set("sort", state.sort);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "");
    if (url !== window.location.pathname + window.location.search) {
      window.history.replaceState(null, "", url);
    }
  }

  // --- what is searched: the period and the amount bands ----------------------------------

  // {kind: recent | years | range | all, months: the months searched or null for any}
  function periodOf(state) {
    if (state.from || state.to) {
      return { kind: "range", months: allMonths.filter(function (m) {
        return (!state.from || m >= state.from) && (!state.to || m <= state.to);
      }) };
    }
    if (state.filters.year.length) return { kind: "years", months: null };
    if (state.period === "all") return { kind: "all", months: null };
    return { kind: "recent", months: allMonths.filter(function (m) { return m >= W.recent_from; }) };
  }

  function periodName(state, period) {
    if (period.kind === "recent") return W.recent;
    if (period.kind === "all") return W.every_year;
    if (period.kind === "years") {
      return state.filters.year.slice().sort().reverse().map(function (y) {
        return say(W.year_name, { y: y });
      }).join(W.list_comma);
    }
    return rangeName(state.from && monthName(state.from), state.to && monthName(state.to));
  }

  function rangeName(low, high) {
    if (low && high) return say(W.between, { from: low, to: high });
    return low ? say(W.since, { from: low }) : say(W.until, { to: high });
  }

  function monthName(month) {
    var option = form.elements.from.querySelector('option[value="' + CSS.escape(month) + '"]');
    return option ? option.textContent : month;
  }

  function amountEdges() {
    return Array.prototype.map.call(form.elements.min.options, function (option) {
      return Number(option.value);
    }).filter(Boolean);
  }

  // The amount bands (the `amount` filter's values: each band's lowest amount, "0" below the
  // first edge) wholly inside the range chosen; null when no range is chosen.
  function amountBands(state) {
    if (!state.min && !state.max) return null;
    var edges = amountEdges();
    var low = state.min ? Number(state.min) : 0;
    var high = state.max ? Number(state.max) : Infinity;
    var lows = [0].concat(edges);
    return lows.filter(function (start, i) {
      var end = i + 1 < lows.length ? lows[i + 1] : Infinity;
      return start >= low && end <= high;
    }).map(String);
  }

  function amountName(state) {
    var low = state.min && optionText(form.elements.min, state.min);
    var high = state.max && optionText(form.elements.max, state.max);
    if (low && high) return say(W.between, { from: low, to: high });
    return low ? say(W.amount_at_least, { min: low }) : say(W.amount_at_most, { max: high });
  }

  function optionText(select, value) {
    var option = select.querySelector('option[value="' + CSS.escape(value) + '"]');
    return option ? option.textContent : value;
  }

  // --- the query: Chinese is indexed one character per word (generator/search.py) -------

  var CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef";
  var BETWEEN_CJK = new RegExp("([" + CJK + "])(?=[" + CJK + "])", "g");
  var ONLY_CJK = new RegExp("^[" + CJK + "]+$");
  var RUNS = new RegExp("[" + CJK + "]+|[^" + CJK + "]+", "g");
  var CODE = /^[0-9A-Za-z]+(?:[\p{P}\p{S}]+[0-9A-Za-z]+)+$/u; // a project code: XG-GC-2025-031
  var CODE_PART = /[0-9A-Za-z]+/;
  var SPACE_IN_CJK = new RegExp("([" + CJK + "])\\s+(?=[" + CJK + "])", "g");

  // A phrase of Chinese characters, and the shorter phrases a shard is asked for first (its
  // first two characters, then one more at a time): ['"孝 感"', '"孝 感 市"'] for 孝感市政.
  function phrase(run) {
    return '"' + run.replace(BETWEEN_CJK, "$1 ") + '"';
  }

  function growing(run) {
    var steps = [];
    for (var n = 2; n < run.length; n++) steps.push(phrase(run.slice(0, n)));
    return steps;
  }

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
  // `steps` are the searches a shard answers first: a shard that finds nothing for one of
  // them is not asked the rest.
  function pagefindQuery(query) {
    var words = query.split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
    var none = { term: query, rank: null, parts: [], chains: [], steps: [] };
    if (!words.length) return none; // only punctuation: none found
    var spaced = words.map(function (word) { return word.replace(BETWEEN_CJK, "$1 "); });
    if (words.length === 1 && ONLY_CJK.test(words[0])) {
      return { term: phrase(words[0]), rank: spaced[0], parts: [], chains: [], steps: growing(words[0]) };
    }
    var parts = [];
    var chains = [];
    var steps = [];
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
          if (chinese) steps = steps.concat(growing(run));
          parts.push(chinese ? phrase(run) : run);
        });
      });
    });
    if (parts.length < 2) return { term: spaced.join(" "), rank: null, parts: [], chains: [], steps: [] };
    return { term: spaced.join(" "), rank: null, parts: parts, chains: chains, steps: steps.concat(parts) };
  }

  // What an excerpt marks: each Chinese run, each code whole, each other word.
  function needlesOf(query) {
    var needles = [];
    query.split(/\s+/).filter(Boolean).forEach(function (token) {
      if (CODE.test(token)) { needles.push(token.toLowerCase()); return; }
      (token.match(RUNS) || []).forEach(function (run) {
        run.split(/[\s\p{P}\p{S}]+/u).filter(Boolean).forEach(function (word) {
          needles.push(word.toLowerCase());
        });
      });
    });
    return needles.filter(function (needle, i) { return needles.indexOf(needle) === i; });
  }

  // --- Pagefind options from the state ----------------------------------------------------

  // Values of one filter are alternatives (any); different filters must all match.
  function filtersFor(state, period, without) {
    var filters = {};
    FACETS.forEach(function (facet) {
      if (facet !== without && facet !== "status" && state.filters[facet].length) {
        filters[facet] = { any: state.filters[facet] };
      }
    });
    if (without !== "region" && state.region) filters.region = state.region;
    if (period.months) filters.month = { any: period.months };
    var bands = amountBands(state);
    if (bands) filters.amount = { any: bands };
    return filters;
  }

  // Options of a search: Pagefind's, and `status` (the statuses wanted, if any), which each
  // shard turns into a filter of its own (shardOptions).
  function optionsFor(state, period, without) {
    var options = { filters: filtersFor(state, period, without) };
    if (without !== "status" && state.filters.status.length) options.status = state.filters.status;
    return options;
  }

  // --- statuses from dates and the reader's clock (derive.py `_status`) ------------------

  var TENDERS = ["tender", "amendment"];
  var OUTCOMES = ["awarded", "terminated"];

  function passed(moment, at) {
    return Date.parse(moment) <= at;
  }

  // A result's status from its filters (its fragment's), as of `at`.
  function statusOf(filters, at) {
    var first = function (name) { return (filters[name] || [])[0]; };
    var withdrawn = first("withdrawn");
    if (withdrawn && passed(withdrawn, at)) return "withdrawn";
    var type = first("type");
    if (TENDERS.indexOf(type) !== -1) {
      if (first("outcome")) return first("outcome");
      return first("closes") && !passed(first("closes"), at) ? "open" : "closed";
    }
    if (type === "candidates") return first("ends") && !passed(first("ends"), at) ? "publicity" : "publicity-ended";
    if (type === "award") return "awarded";
    if (type === "termination") return "terminated";
    return "disclosed";
  }

  // The notices of a shard with one of `codes` as their status at `at`, as Pagefind filters
  // that any may match (each a set of filters that all must): made from the moments the
  // shard's filter data lists (`values`: {filter: {value: n}}). None when no notice can.
  function statusFilters(codes, values, at) {
    var moments = function (name) { return Object.keys(values[name] || {}); };
    var gone = moments("withdrawn").filter(function (m) { return passed(m, at); });
    var closing = moments("closes").filter(function (m) { return !passed(m, at); });
    var ending = moments("ends").filter(function (m) { return !passed(m, at); });
    var live = function (filter) { // not withdrawn by `at`
      if (gone.length) filter.withdrawn = { none: gone };
      return filter;
    };
    var pending = function (filter) { // a tender whose project has no result
      filter.type = { any: TENDERS };
      filter.outcome = { none: OUTCOMES };
      return filter;
    };
    var made = {
      open: closing.length ? [live(pending({ closes: { any: closing } }))] : [],
      closed: [live(pending(closing.length ? { closes: { none: closing } } : {}))],
      awarded: [live({ type: "award" }), live({ type: { any: TENDERS }, outcome: "awarded" })],
      terminated: [live({ type: "termination" }), live({ type: { any: TENDERS }, outcome: "terminated" })],
      withdrawn: gone.length ? [{ withdrawn: { any: gone } }] : [],
      publicity: ending.length ? [live({ type: "candidates", ends: { any: ending } })] : [],
      "publicity-ended": [live(ending.length ? { type: "candidates", ends: { none: ending } }
        : { type: "candidates" })],
      disclosed: [live({ type: "penalty" })]
    };
    return [].concat.apply([], codes.map(function (code) { return made[code] || []; }));
  }

  // Pagefind's options for one shard: the statuses wanted as alternatives (`any`) beside the
  // other filters; null when no notice of the shard can have them.
  function shardOptions(options, shard) {
    if (!options.status) return options;
    var alternatives = statusFilters(options.status, shard.values || {}, now);
    if (!alternatives.length) return null;
    var own = {};
    Object.keys(options).forEach(function (key) { if (key !== "status") own[key] = options[key]; });
    own.filters = Object.assign({}, options.filters, { any: alternatives });
    return own;
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
    var period = periodOf(state);
    writeUrl(state);
    showActive(state);
    var query = state.q ? pagefindQuery(state.q)
      : { term: everyNotice, rank: null, parts: [], chains: [], steps: [] };
    now = Date.now();
    var options = optionsFor(state, period);
    var sort = sortFor(state);
    if (sort) options.sort = sort;
    var reading = shardsFor(state, period);
    root.classList.add("gs-search--busy");
    var organisations = state.q ? searchOrganisations(query) : Promise.resolve({ total: 0, items: [] });
    var searches = await searchShards(reading, query, options);
    var listing = await ordered(query, sort, options, searches, reading);
    var counts = await facetCounts(state, period, query, reading, searches);
    if (mine !== sequence) return;
    session = { state: state, period: period, listing: listing, now: now,
                needles: state.q ? needlesOf(state.q) : [] };
    list.textContent = "";
    root.classList.remove("gs-search--busy");
    showOrganisations(await organisations, state.q, listing.total());
    if (mine !== sequence) return;
    showCounts(counts, state);
    showCountLine(state, period, listing.total());
    showChips(state, period);
    showHelp(state, period, listing.total());
    await showMore(mine);
    if (mine === sequence) root.setAttribute("data-searches", String(++completed));
  }

  async function ordered(query, sort, options, searches, reading) {
    if (query.rank && !sort) {
      return inOrder(await byRelevance(searches, query.rank, options, reading));
    }
    if (!sort) return inOrder(byScore(searches));
    if (sort.deadline) return byDeadline(searches);
    return inOrder(newestFirst(searches)); // shards hold successive months, newest first
  }

  function showCountLine(state, period, total) {
    var name = periodName(state, period);
    if (!total) {
      countLine.textContent = say(W.none, { period: name });
    } else {
      countLine.textContent = say(total === 1 ? W.count_one : W.count, { period: name, n: total });
    }
    // When nothing is found the help offers it, with the filters to remove.
    allYearsButton.hidden = !total || !(period.kind === "recent" && olderShards(period).length);
  }

  // Shards with months before the last 12: what "search all years" adds.
  function olderShards(period) {
    return shards.filter(function (shard) {
      return Object.keys(monthsOf(shard)).some(function (m) { return period.months.indexOf(m) === -1; });
    });
  }

  // --- shards ------------------------------------------------------------------------------

  function monthsOf(shard) {
    return (shard.filters || {}).month || {};
  }

  // The shards a search reads: those holding a month of the period (of a year ticked, if
  // any) whose summary shows they can match the filters.
  function shardsFor(state, period) {
    var years = state.filters.year;
    return shards.filter(function (shard) {
      var held = shard.filters || {};
      if (years.length && !years.some(function (y) { return (held.year || {})[y] > 0; })) return false;
      if (period.months && !period.months.some(function (m) { return monthsOf(shard)[m] > 0; })) return false;
      return canMatch(state, shard);
    });
  }

  // Whether a shard holds a notice with the filters' values (its summary's counts): values of
  // one filter are alternatives, different filters must all match.
  function canMatch(state, shard) {
    var held = shard.filters || {};
    var facetsMatch = FACETS.every(function (facet) {
      var wanted = facet === "status" ? [] : state.filters[facet]; // not in the summaries
      return !wanted.length || wanted.some(function (value) { return (held[facet] || {})[value] > 0; });
    });
    var bands = amountBands(state);
    var amountMatch = !bands || bands.some(function (band) { return (held.amount || {})[band] > 0; });
    return facetsMatch && amountMatch && (!state.region || (held.region || {})[state.region] > 0) &&
      (!state.filters.status.length || state.filters.status.some(function (code) {
        return statusPossible(shard, code, now);
      }));
  }

  // Whether a shard can hold a notice of that status at `at`, by the first and last moment of
  // each kind its summary gives: one whose deadlines have all passed holds no open tender.
  function statusPossible(shard, code, at) {
    var moments = shard.moments || {};
    var last = function (name) { return moments[name] && !passed(moments[name][1], at); };
    if (code === "open") return Boolean(last("closes"));
    if (code === "publicity") return Boolean(last("ends"));
    if (code === "withdrawn") return Boolean(moments.withdrawn && passed(moments.withdrawn[0], at));
    return true;
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
        return instance.options({ baseUrl: siteRoot.pathname })
          .then(function () { return instance.filters(); }) // so searches report counts
          .then(function (values) { shard.values = values; return instance; }); // statusFilters
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

  // One shard's results for `query` (see pagefindQuery). First the steps, each of which loads
  // at most one more chunk of the word index: a shard that finds nothing for one of them is
  // done. Then the loose query's results, in its order, that every part's own search also
  // finds (their chunks are loaded by now). Filter counts are those of a search that found
  // exactly the notices kept (the loose one, unless a part was missing or a Chinese phrase
  // split up); else, rarely, they are summed from the kept notices' fragments.
  async function searchShard(shard, query, options) {
    var instance = await open(shard);
    var nothing = { shard: shard, results: [], filters: {} };
    options = shardOptions(options, shard);
    if (!options) return nothing;
    for (var s = 0; s < query.steps.length; s++) {
      var step = await instance.search(query.steps[s], options);
      if (!step.results.length) return nothing;
    }
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
  async function byRelevance(searches, rank, options, reading) {
    var loose = { term: rank, parts: [], chains: [], steps: [] };
    var withResults = reading.filter(function (shard, i) { return searches[i].results.length; });
    var ranked = byScore(await searchShards(withResults, loose,
      { filters: options.filters, status: options.status }));
    var place = {}; // ids are hashes of the pages' content: one page, one id
    ranked.forEach(function (result, i) { if (!(result.id in place)) place[result.id] = i; });
    var last = ranked.length;
    return newestFirst(searches).sort(function (a, b) {
      return (a.id in place ? place[a.id] : last) - (b.id in place ? place[b.id] : last);
    });
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
  // A year is counted only when the period covers all of it.
  async function facetCounts(state, period, query, reading, searches) {
    var counts = {};
    var facets = FACETS.concat(["region"]);
    var summed = sumFilters(searches);
    for (var i = 0; i < facets.length; i++) {
      var facet = facets[i];
      if (facet === "status") {
        counts.status = await statusCounts(state, period, query, reading);
      } else if (!isActive(state, facet)) {
        counts[facet] = summed[facet] || {};
      } else {
        var options = optionsFor(state, period, facet);
        counts[facet] = sumFilters(await searchShards(reading, query, options))[facet] || {};
      }
    }
    counts.year = wholeYears(counts.year || {}, state, period);
    return counts;
  }

  // The index has no status to count: each status's count is that of a search for it, with
  // the other filters (its words' chunks are loaded by now: no more bytes, only work).
  async function statusCounts(state, period, query, reading) {
    var counts = {};
    var boxes = form.querySelectorAll('input[name="status"]');
    for (var i = 0; i < boxes.length; i++) {
      var options = optionsFor(state, period, "status");
      options.status = [boxes[i].value];
      var found = await searchShards(reading, query, options);
      counts[boxes[i].value] = found.reduce(function (sum, one) { return sum + one.results.length; }, 0);
    }
    return counts;
  }

  // Counts of the years the period covers whole; null (unknown) for the others.
  function wholeYears(values, state, period) {
    var out = {};
    allMonths.forEach(function (month) {
      var year = month.slice(0, 4);
      if (!(year in out)) out[year] = values[year] || 0;
      var covered = period.kind === "all" ||
        (period.kind === "years" && state.filters.year.indexOf(year) !== -1) ||
        (period.months !== null && period.months.indexOf(month) !== -1);
      if (!covered) out[year] = null;
    });
    return out;
  }

  async function showMore(mine) {
    var s = session;
    var data = await s.listing.take(pageSize);
    if (mine !== sequence) return;
    data.forEach(function (item) { list.appendChild(renderResult(item, s.needles, s.now)); });
    moreButton.hidden = s.listing.left() <= 0;
  }

  // --- organisations: the query asked of their own small index, shown above the notices -----

  async function searchOrganisations(query) {
    var found = await Promise.all(entityShards.map(function (shard) {
      return searchShard(shard, query, {});
    }));
    var results = [].concat.apply([], found.map(function (each) { return each.results; }));
    var items = await Promise.all(results.slice(0, ORGS_SHOWN).map(function (result) { return result.data(); }));
    return { total: results.length, items: items };
  }

  // Folded into one line above the notices (a common word finds many organisations, and the
  // notices come first), open when the query is one code or finds no notice.
  function showOrganisations(found, query, notices) {
    if (!orgBox) return;
    var items = found.items || [];
    orgList.textContent = "";
    document.getElementById("gs-orgs-summary").textContent = found.total > items.length
      ? say(W.orgs_more, { n: found.total, shown: items.length }) : say(W.orgs_found, { n: found.total });
    orgBox.open = !notices || /^[0-9A-Z]{18}$/.test(query.trim().toUpperCase());
    items.forEach(function (item) {
      var row = element("li", "gs-org");
      var link = element("a", "gs-org__name", item.meta.title || item.url);
      link.href = item.url;
      link.lang = "zh";
      row.appendChild(link);
      row.appendChild(document.createTextNode(" "));
      row.appendChild(element("code", "gs-uscc", item.meta.uscc || ""));
      orgList.appendChild(row);
    });
    orgBox.hidden = !items.length;
  }

  // --- rendering ---------------------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // A row's "label value" part, as theme/partials/gongshi-entries.html draws it.
  function labelled(className, name, value, time) {
    var part = element("span", className);
    part.appendChild(element("span", "gs-muted", name));
    part.appendChild(document.createTextNode(" "));
    part.appendChild(element(time ? "time" : "span", "", value));
    return part;
  }

  var regionNames = null; // code → name, from the region tree of the filters

  function regionName(code) {
    if (!regionNames) {
      regionNames = {};
      form.querySelectorAll(".gs-region-tree li[data-region]").forEach(function (item) {
        var name = item.querySelector(":scope > .gs-facet__value span[lang]");
        regionNames[item.getAttribute("data-region")] = name ? name.textContent : "";
      });
    }
    return regionNames[code] || code;
  }

  function renderResult(item, needles, at) {
    var meta = item.meta || {};
    var filters = item.filters || {};
    var type = (filters.type || [""])[0];
    var status = statusOf(filters, at);
    var category = (filters.category || [])[0];
    var path = (filters.region || []).map(regionName);
    var vocab = W.vocab || {};
    var entry = element("li", "gs-entry gs-result");
    entry.setAttribute("data-status", status);
    entry.setAttribute("data-type", type);
    entry.setAttribute("data-id", meta.id || "");
    var link = element("a", "gs-entry__title", meta.title || item.url);
    link.href = item.url;
    link.lang = "zh";
    entry.appendChild(link);
    var line = element("div", "gs-entry__meta");
    line.appendChild(element("span", "gs-badge gs-badge--type gs-type-" + type, (vocab.type || {})[type] || type));
    line.appendChild(element("span", "gs-badge gs-status gs-status--" + status, (vocab.status || {})[status] || status));
    var region = element("span", "gs-entry__region", path[path.length - 1] || "");
    region.lang = "zh";
    region.title = path.join(" › ");
    line.appendChild(region);
    if (category) line.appendChild(element("span", "gs-entry__category", (vocab.category || {})[category] || category));
    line.appendChild(labelled("gs-entry__date", W.published, meta.date || "", true));
    if (meta.key_date && W.row_dates[type]) {
      var kind = meta.key_date === meta.deadline ? " gs-entry__deadline" : "";
      line.appendChild(labelled("gs-entry__key" + kind, W.row_dates[type], meta.key_date, true));
    }
    if (meta.amount && W.row_amounts[type]) {
      line.appendChild(labelled("gs-entry__amount", W.row_amounts[type], meta.amount));
    }
    entry.appendChild(line);
    var excerpt = needles.length ? excerptOf(item.content || "", needles) : null;
    if (excerpt) entry.appendChild(excerpt);
    return entry;
  }

  // --- excerpts: from the indexed text, the matched words marked --------------------------

  // The indexed text as a reader would write it: Pagefind's word marks and the spaces between
  // Chinese characters gone; [title, the notice's own text, its facts, the word of every notice].
  function segmentsOf(content) {
    var text = content.replace(/\u200b/g, "").replace(SPACE_IN_CJK, "$1").replace(BLOCK_BREAK, " ");
    return text.split(SEGMENT_BREAK).map(function (segment) { return segment.trim(); });
  }

  // Where the needles occur in `text`: [{start, end}], in order, overlaps merged.
  function matches(text, needles) {
    var lower = text.toLowerCase();
    var found = [];
    needles.forEach(function (needle) {
      for (var at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
        found.push({ start: at, end: at + needle.length, needle: needle });
      }
    });
    found.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var merged = [];
    found.forEach(function (m) {
      var last = merged[merged.length - 1];
      if (last && m.start <= last.end) {
        last.end = Math.max(last.end, m.end);
        last.needles.push(m.needle);
      } else {
        merged.push({ start: m.start, end: m.end, needles: [m.needle] });
      }
    });
    return merged;
  }

  // The part of `text` around its matches that holds the most different needles.
  function windowOf(text, found, before, length) {
    var best = null;
    found.forEach(function (m) {
      var start = Math.max(0, m.start - before);
      var end = Math.min(text.length, start + length);
      var seen = {};
      found.forEach(function (other) {
        if (other.start >= start && other.end <= end) other.needles.forEach(function (n) { seen[n] = true; });
      });
      var score = Object.keys(seen).length;
      if (!best || score > best.score) best = { start: start, end: end, score: score };
    });
    return best;
  }

  // `text` from `start` to `end` into `into`, its matches in <mark>, "…" where it is cut.
  function marked(into, text, found, start, end) {
    if (start > 0) into.appendChild(document.createTextNode("…"));
    var at = start;
    found.forEach(function (m) {
      if (m.end <= start || m.start >= end) return;
      var from = Math.max(m.start, start);
      var to = Math.min(m.end, end);
      if (from > at) into.appendChild(document.createTextNode(text.slice(at, from)));
      into.appendChild(element("mark", "", text.slice(from, to)));
      at = to;
    });
    if (end > at) into.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) into.appendChild(document.createTextNode("…"));
  }

  function excerptOf(content, needles) {
    var segments = segmentsOf(content);
    var body = segments[1] || "";
    var found = matches(body, needles);
    var excerpt = element("p", "gs-result__excerpt");
    excerpt.lang = "zh";
    if (found.length) {
      var span = windowOf(body, found, 24, 96);
      marked(excerpt, body, found, span.start, span.end);
      return excerpt;
    }
    var facts = (segments[2] || "").split(FACT_BREAK).map(function (value) { return value.trim(); });
    var shown = 0;
    facts.forEach(function (value, i) {
      var inFact = value ? matches(value, needles) : [];
      if (!inFact.length || shown >= 2 || !W.facts[i]) return;
      if (shown) excerpt.appendChild(document.createTextNode(" · "));
      var name = element("span", "gs-muted", W.facts[i]);
      name.lang = document.documentElement.lang;
      excerpt.appendChild(name);
      excerpt.appendChild(document.createTextNode(" "));
      var span = windowOf(value, inFact, 16, 64);
      marked(excerpt, value, inFact, span.start, span.end);
      shown += 1;
    });
    if (!shown) return null;
    excerpt.classList.add("gs-result__excerpt--facts");
    return excerpt;
  }

  // --- the filters in use: counts, chips, the help when nothing is found -----------------

  function showCounts(counts, state) {
    form.querySelectorAll(".gs-facet").forEach(function (group) {
      var facet = group.getAttribute("data-facet");
      var values = counts[facet] || {};
      group.querySelectorAll("[data-count]").forEach(function (slot) {
        var value = values[slot.getAttribute("data-count")];
        if (value === null) { // not all of it searched: count unknown
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

  // Each filter in use: {name, value, remove}.
  function activeFilters(state, period) {
    var active = [];
    FACETS.forEach(function (facet) {
      state.filters[facet].forEach(function (value) {
        var box = form.querySelector('input[name="' + facet + '"][value="' + CSS.escape(value) + '"]');
        active.push({ name: W.headings[facet], value: box ? box.parentElement.querySelector("span").textContent : value,
                      remove: function () { if (box) box.checked = false; } });
      });
    });
    if (state.region) {
      active.push({ name: W.headings.region, value: regionName(state.region), remove: function () {
        form.querySelector('input[name="region"][value=""]').checked = true;
      } });
    }
    if (period.kind === "range") {
      active.push({ name: W.headings.period, value: periodName(state, period), remove: function () {
        form.elements.from.value = "";
        form.elements.to.value = "";
      } });
    }
    if (period.kind === "all") {
      active.push({ name: W.headings.period, value: W.every_year, remove: function () { periodInput.value = ""; } });
    }
    if (state.min || state.max) {
      active.push({ name: W.headings.amount, value: amountName(state), remove: function () {
        form.elements.min.value = "";
        form.elements.max.value = "";
      } });
    }
    return active;
  }

  function chipsInto(target, active) {
    target.textContent = "";
    active.forEach(function (filter) {
      var text = say(W.chip, { name: filter.name, value: filter.value });
      var item = element("li", "gs-chips__item");
      var button = element("button", "gs-chip");
      button.type = "button";
      button.setAttribute("aria-label", say(W.remove, { filter: text }));
      button.appendChild(element("span", "", text));
      var cross = element("span", "gs-chip__x", "×");
      cross.setAttribute("aria-hidden", "true");
      button.appendChild(cross);
      button.addEventListener("click", function () {
        filter.remove();
        go();
      });
      item.appendChild(button);
      target.appendChild(item);
    });
  }

  function showChips(state, period) {
    var active = activeFilters(state, period);
    chipsInto(chipList, active);
    chipsBox.hidden = !active.length || !session.listing.total(); // else the help lists them
    document.getElementById("gs-chips-all").hidden = active.length < 2;
  }

  function removeAll() {
    form.querySelectorAll('input[type="checkbox"]').forEach(function (box) { box.checked = false; });
    form.querySelector('input[name="region"][value=""]').checked = true;
    ["from", "to", "min", "max"].forEach(function (name) { form.elements[name].value = ""; });
    periodInput.value = "";
    go();
  }

  function showHelp(state, period, total) {
    help.hidden = total > 0;
    if (total > 0) return;
    document.getElementById("gs-help-years").hidden =
      !(period.kind === "recent" && olderShards(period).length);
    var shorter = state.q ? shorterQueries(state.q) : [];
    var queries = document.getElementById("gs-help-queries");
    queries.textContent = "";
    shorter.forEach(function (q, i) {
      if (i) queries.appendChild(document.createTextNode(W.list_comma));
      var params = new URLSearchParams(window.location.search);
      params.set("q", q);
      var link = element("a", "gs-help__query", q);
      link.href = "?" + params.toString();
      link.lang = "zh";
      link.addEventListener("click", function (event) {
        event.preventDefault();
        queryInput.value = q;
        go();
      });
      queries.appendChild(link);
    });
    document.getElementById("gs-help-shorter").hidden = !shorter.length;
    var active = activeFilters(state, period);
    var helpChips = document.getElementById("gs-help-chips");
    chipsInto(helpChips, active);
    if (active.length > 1) {
      var all = element("button", "gs-chip gs-chip--all", document.getElementById("gs-chips-all").textContent);
      all.type = "button";
      all.addEventListener("click", removeAll);
      var item = element("li", "gs-chips__item");
      item.appendChild(all);
      helpChips.appendChild(item);
    }
    document.getElementById("gs-help-filters").hidden = !active.length;
  }

  // Shorter queries to try: without the last word (as the browser cuts Chinese into words),
  // and the first word alone.
  function shorterQueries(q) {
    var segments = [];
    if (window.Intl && Intl.Segmenter) {
      segments = Array.from(new Intl.Segmenter("zh", { granularity: "word" }).segment(q));
    } else {
      segments = q.split(/(\s+)/).map(function (part) { return { segment: part, isWordLike: /\S/.test(part) }; });
    }
    var words = [];
    segments.forEach(function (s, i) { if (s.isWordLike) words.push(i); });
    if (words.length < 2) return [];
    var tidy = function (text) { return text.replace(/[\s\p{P}\p{S}]+$/u, "").trim(); };
    var withoutLast = tidy(segments.slice(0, words[words.length - 1]).map(function (s) { return s.segment; }).join(""));
    var first = segments[words[0]].segment;
    return [withoutLast, first].filter(function (text, i, all) {
      return text && text !== q && all.indexOf(text) === i;
    });
  }

  function showActive(state) {
    var n = FACETS.reduce(function (sum, facet) { return sum + state.filters[facet].length; }, 0);
    if (state.region) n += 1;
    if (state.from || state.to) n += 1;
    if (state.min || state.max) n += 1;
    if (state.period === "all") n += 1;
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

  // On a phone the filters fold away under one button, so results come first (the stylesheet
  // folds them before this script runs); opened, each group of the panel is one line until
  // it is opened, and a group in use starts open.
  function showFilters(open) {
    filtersToggle.setAttribute("aria-expanded", open ? "true" : "false");
    filtersBox.classList.toggle("gs-search__filters--open", open);
    facetsPanel.hidden = !open;
  }

  function foldGroups(state) {
    form.querySelectorAll("details.gs-facet").forEach(function (group) {
      var facet = group.getAttribute("data-facet");
      var inUse = facet === "period" ? Boolean(state.from || state.to)
        : facet === "amount" ? Boolean(state.min || state.max) : isActive(state, facet);
      group.open = inUse;
    });
  }

  function fail() {
    root.classList.remove("gs-search--busy");
    countLine.textContent = W.unavailable;
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
      if (pagefind && typed.term) { // the newest shard the search will read
        var state = readState();
        shardsFor(state, periodOf(state)).slice(0, 1).forEach(function (shard) {
          open(shard).then(function (instance) { return instance.preload(typed.term); }).catch(function () {});
        });
      }
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(go, DEBOUNCE_MS);
    });
    form.addEventListener("change", function (event) {
      if (event.target === queryInput) return;
      if (event.target.name === "year" || event.target.name === "from" || event.target.name === "to") {
        periodInput.value = ""; // a period chosen replaces "all years"
      }
      go();
    });
    filtersToggle.addEventListener("click", function () {
      showFilters(filtersToggle.getAttribute("aria-expanded") !== "true");
    });
    document.getElementById("gs-filters-done").addEventListener("click", function () {
      showFilters(false);
      filtersToggle.focus();
    });
    // Escape folds the phone's filter panel away again and leaves focus on its button.
    filtersBox.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !window.matchMedia(NARROW).matches) return;
      if (filtersToggle.getAttribute("aria-expanded") !== "true") return;
      showFilters(false);
      filtersToggle.focus();
    });
    moreButton.addEventListener("click", function () { showMore(sequence).catch(fail); });
    var allYears = function () {
      periodInput.value = "all";
      go();
    };
    allYearsButton.addEventListener("click", allYears);
    document.getElementById("gs-help-all-years").addEventListener("click", allYears);
    document.getElementById("gs-chips-all").addEventListener("click", removeAll);
    document.getElementById("gs-clear").addEventListener("click", function (event) {
      event.preventDefault();
      removeAll();
    });
  }

  function start() {
    applyUrl();
    initTree();
    var state = readState();
    expandTo(state.region);
    var narrow = window.matchMedia(NARROW).matches;
    showFilters(!narrow);
    if (narrow) foldGroups(state);
    showActive(state);
    wire();
    countLine.textContent = W.loading;
    var manifest = fetch(new URL("pagefind/shards.json", siteRoot).href)
      .then(function (response) {
        if (!response.ok) throw new Error("pagefind/shards.json: " + response.status);
        return response.json();
      });
    Promise.all([import(new URL("pagefind/pagefind.js", siteRoot).href), manifest])
      .then(async function (loaded) {
        entityShards = (loaded[1].entities || []).map(function (name) {
          return { name: name, instance: null };
        });
        shards = loaded[1].shards.map(function (shard) {
          return { name: shard.name, year: shard.year, pages: shard.pages, filters: shard.filters,
                   moments: shard.moments, instance: null };
        });
        var months = {};
        shards.forEach(function (shard) { Object.keys(monthsOf(shard)).forEach(function (m) { months[m] = true; }); });
        allMonths = Object.keys(months).sort();
        pagefind = loaded[0];
        await run();
      })
      .catch(fail);
  }

  start();
})();
