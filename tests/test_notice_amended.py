"""An amended tender warns: a banner above its facts gives the schedule as the amendments public
as of "now" leave it (deadline, opening time, and place when changed) with a numbered link to
each amendment, and the tender's page lists the amendments' attachments under each of them.

Expectations come from the YAML in data/ (the golden test's oracle), never from the generator:
the sample site as of SAMPLE_NOW, and the same data built as of a moment between two amendments
of one tender, when only the first is public.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import lxml.html
import pytest
from conftest import REPO, SAMPLE_DATA
from test_site_golden import NOW, Expected, Oracle, _size_text, has_class, shown, start_of, text

from generator.cli import main


def amendments_of(oracle: Oracle, tender: Expected) -> list[Expected]:
    """The tender's public amendments in the order they apply: published, then id."""
    found = [n for n in oracle.public if n.type == "amendment" and n.raw["amends"] == tender.id]
    return sorted(found, key=lambda n: (n.published, n.id))


def changes(amendment: Expected) -> dict[str, Any]:
    return amendment.raw.get("changes") or {}


def current_opening(tender: Expected, amendments: list[Expected]) -> dict[str, Any] | None:
    opening = tender.raw.get("opening")
    for amendment in amendments:
        opening = changes(amendment).get("opening") or opening
    return opening


def parse(site: Path, notice_id: str) -> tuple[Path, Any]:
    file = site / "notices" / notice_id / "index.html"
    return file, lxml.html.parse(str(file)).getroot()


def linked_page(page_file: Path, href: str) -> Path:
    return (page_file.parent / unquote(href) / "index.html").resolve()


def check_banners(oracle: Oracle, site: Path) -> int:
    """Every public tender's page against the oracle; returns how many banners it checked."""
    banners = 0
    for tender in (n for n in oracle.public if n.type == "tender"):
        amendments = amendments_of(oracle, tender)
        file, tree = parse(site, tender.id)
        found = tree.xpath(f"//section[{has_class('gs-amended')}]")
        if not amendments:
            assert not found, f"{tender.id} has no public amendment but shows a banner"
            continue
        assert len(found) == 1, tender.id
        check_banner(tender, amendments, file, tree, found[0])
        banners += 1
    return banners


def check_banner(tender: Expected, amendments: list[Expected], file: Path, tree: Any,
                 banner: Any) -> None:
    # a named region with a heading, above the facts (and above the deadline box)
    heading = tree.get_element_by_id(banner.get("aria-labelledby"))
    assert heading.tag == "h2" and heading.getparent() is banner
    body = list(tree.iter())
    facts = tree.xpath(f"//section[{has_class('gs-facts')}]")[0]
    assert body.index(banner) < body.index(facts), tender.id
    deadline_box = tree.xpath(f"//div[{has_class('gs-deadline')}]")
    assert not deadline_box or body.index(banner) < body.index(deadline_box[0])

    times = {text(dt): dd for dt, dd in zip(banner.xpath(".//dl/dt"), banner.xpath(".//dl/dd"),
                                            strict=True)}
    # the current deadline: the latest public amendment's that moved it, else the tender's own
    moved = [start_of(changes(a)["deadline"]) for a in amendments if changes(a).get("deadline")]
    expected = moved[-1] if moved else start_of(tender.raw["deadline"])
    assert expected == tender.deadline  # the oracle agrees
    shown_deadline = times["投标截止"].xpath(".//time")[0]
    assert datetime.fromisoformat(shown_deadline.get("datetime")) == expected, tender.id
    assert text(shown_deadline) == shown(expected)
    assert ("已变更" in text(times["投标截止"])) == bool(moved)

    opening = current_opening(tender, amendments)
    if opening is None:
        assert "开标时间" not in times
    else:
        shown_opening = times["开标时间"].xpath(".//time")[0]
        assert datetime.fromisoformat(shown_opening.get("datetime")) == start_of(opening["time"])
        own = tender.raw.get("opening") or {}
        if opening.get("place") and opening.get("place") != own.get("place"):
            assert opening["place"] in text(times["开标地点"]) and "已变更" in text(times["开标地点"])
        else:
            assert "开标地点" not in times, tender.id

    items = times["变更公告"].xpath(f".//ol[{has_class('gs-amended__list')}]/li")
    assert [li.get("data-notice-id") for li in items] == [a.id for a in amendments]
    for number, (li, amendment) in enumerate(zip(items, amendments, strict=True), start=1):
        link = li.xpath("./a")[0]
        assert text(link) == f"第 {number} 次变更"
        assert linked_page(file, link.get("href")) == parse(file.parents[2], amendment.id)[0].resolve()
        assert shown(amendment.published) in text(li)


def test_amended_tenders_warn_with_their_current_schedule_and_link_each_amendment(
    sample_site: Path,
) -> None:
    oracle = Oracle(SAMPLE_DATA, NOW)
    assert check_banners(oracle, sample_site), "the sample has no amended tender"


# --- as of a moment between two amendments -----------------------------------------------------


def between_two_amendments(oracle: Oracle) -> datetime:
    """A moment after a tender's first amendment and before a later one that moves its
    deadline: the banner then shows the first only, and the tender's own deadline."""
    for tender in (n for n in oracle.public if n.type == "tender"):
        amendments = amendments_of(oracle, tender)
        later = [a for a in amendments[1:] if changes(a).get("deadline")]
        if later and amendments[0].published < later[0].published and not changes(
                amendments[0]).get("deadline"):
            return amendments[0].published + (later[0].published - amendments[0].published) / 2
    raise AssertionError("the sample has no tender amended twice, the second moving its deadline")


def test_a_banner_shows_only_the_amendments_public_as_of_now(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    moment = between_two_amendments(Oracle(SAMPLE_DATA, NOW))
    out = tmp_path_factory.mktemp("between") / "site"
    code = main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(SAMPLE_DATA),
                 "--out", str(out), "--now", moment.isoformat()])
    assert code == 0
    oracle = Oracle(SAMPLE_DATA, moment)
    hidden = [n for n in oracle.hidden if n.type == "amendment"]
    assert hidden, "every amendment is public then: the test would prove nothing"
    assert check_banners(oracle, out)
    for amendment in hidden:
        tender_page = out / "notices" / amendment.raw["amends"] / "index.html"
        if tender_page.is_file():
            assert amendment.id not in tender_page.read_text(encoding="utf-8")


# --- the amendments' attachments ----------------------------------------------------------------


def test_a_tender_page_lists_its_amendments_attachments_under_each_amendment(
    sample_site: Path,
) -> None:
    oracle = Oracle(SAMPLE_DATA, NOW)
    checked = 0
    for tender in (n for n in oracle.public if n.type == "tender"):
        file, tree = parse(sample_site, tender.id)
        lists = tree.xpath(f"//ul[{has_class('gs-attachments')}]")
        expected_groups = [tender.id] if tender.raw.get("attachments") else []
        for number, amendment in enumerate(amendments_of(oracle, tender), start=1):
            attachments = amendment.raw.get("attachments") or []
            if not attachments:
                continue
            expected_groups.append(amendment.id)
            group = tree.xpath(f"//ul[{has_class('gs-attachments')}]"
                               f"[@data-notice-id='{amendment.id}']")
            assert len(group) == 1, (tender.id, amendment.id)
            # under a heading that names and links the amendment
            heading = group[0].getprevious()
            assert heading.tag == "h3" and text(heading).startswith(f"第 {number} 次变更")
            assert shown(amendment.published) in text(heading)
            href = heading.xpath("./a/@href")[0]
            assert linked_page(file, href) == (sample_site / "notices" / amendment.id /
                                               "index.html").resolve()
            items = group[0].xpath("./li")
            assert [text(li.xpath("./a")[0]) for li in items] == [a["title"] for a in attachments]
            for li, attachment in zip(items, attachments, strict=True):
                if "file" not in attachment:
                    assert li.xpath("./a/@href")[0] == attachment["url"]
                    continue
                target = (file.parent / unquote(li.xpath("./a/@href")[0])).resolve()
                content = (SAMPLE_DATA / "files" / attachment["file"]).read_bytes()
                assert target.read_bytes() == content
                assert text(li.xpath(".//code")[0]) == hashlib.sha256(content).hexdigest()
                assert _size_text(len(content)) in text(li)
                checked += 1
        assert [ul.get("data-notice-id") for ul in lists] == expected_groups, tender.id
    assert checked, "no public amendment in the sample has an attachment file"
