"""Every label of our templates exists in English, chosen in mkdocs.yml, and single labels can
be overridden there: the site in `language: en` shows no Chinese of ours, only the data's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SAMPLE_DATA, SAMPLE_NOW
from lxml import html

from generator.cli import main
from generator.config import load_settings
from generator.words import LANGUAGES, labels_for

CHINESE = re.compile("[\u4e00-\u9fff]")
# Elements that hold our labels rather than editors' text.
LABEL_XPATH = (
    "//dt | //th | //label | //button | //*[contains(@class, 'gs-badge')]"
    " | //*[contains(@class, 'gs-muted')][not(ancestor::dd)] | //h1[not(contains(@class, 'gs-title'))]"
)
PAGES = [
    "index.html", "tenders/index.html", "open/index.html", "region/420900/index.html",
    "search/index.html", "subscribe/index.html", "downloads/index.html",
]


def _english_project(tmp_path: Path, labels: str = "") -> Path:
    for name in ("theme", "content"):
        shutil.copytree(REPO / name, tmp_path / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^  language: zh$", "  language: en", config)
    config = re.sub(r"(?m)^    language: zh\b.*$", "    language: en" + labels, config)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path / "mkdocs.yml"


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("english")
    config = _english_project(root, labels="\n    labels:\n      deadline: Closing date")
    out = root / "site"
    code = main(["--config", str(config), "build", "--data", str(SAMPLE_DATA), "--out", str(out),
                 "--now", SAMPLE_NOW])
    assert code == 0
    return out


def test_both_languages_have_the_same_labels() -> None:
    chinese, english = labels_for("zh"), labels_for("en")
    assert set(chinese) == set(english)
    for vocabulary, values in chinese["vocab"].items():
        assert set(values) == set(english["vocab"][vocabulary]), vocabulary


def _not_ours() -> set[str]:
    """Chinese that comes from data and configuration, not from our labels: region names, the
    site name and the nav titles written in mkdocs.yml."""
    regions = yaml.safe_load((SAMPLE_DATA / "regions.yaml").read_text(encoding="utf-8"))
    config = load_settings(REPO / "mkdocs.yml")
    nav = re.findall(r"(?m)^\s*- ([^:]+):", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    return {r["name"] for r in regions} | {config.site_name} | {t.strip() for t in nav}


@pytest.mark.parametrize("page", PAGES)
def test_listing_and_service_pages_have_no_chinese_labels(english_site: Path, page: str) -> None:
    tree = html.parse(str(english_site / page)).getroot()
    labels = [el.text_content().strip() for el in tree.xpath(LABEL_XPATH)]
    allowed = _not_ours()
    chinese = [text for text in labels if CHINESE.search(text) and text not in allowed]
    assert labels and not chinese, chinese[:10]


def test_a_notice_page_reads_in_english(english_site: Path) -> None:
    tree = html.parse(str(english_site / "notices" / "XG-GC-2026-088-ZB" / "index.html")).getroot()
    terms = [dt.text_content().strip() for dt in tree.xpath("//section[@class='gs-facts']//dt")]
    assert "Published" in terms and "Publisher" in terms and "Procedure" in terms
    assert not [t for t in terms if CHINESE.search(t)]
    badges = [b.text_content().strip() for b in tree.xpath("//div[@class='gs-badges']/*")]
    assert badges[:2] == ["Tender notice", "Open"]
    assert "Construction" in badges
    # the override from mkdocs.yml replaces one label and leaves the others
    deadline = tree.xpath("//div[contains(@class, 'gs-deadline')]//span[@class='gs-muted']")
    assert deadline[0].text_content().strip() == "Closing date"
    assert tree.xpath("string(//dd[@class='gs-money'])").startswith("CNY ")


def test_an_amended_tender_warns_in_english(english_site: Path) -> None:
    tree = html.parse(str(english_site / "notices" / "XG-GC-2026-088-ZB" / "index.html")).getroot()
    banner = tree.xpath("//section[@class='gs-amended']")[0]
    assert banner.xpath("string(./h2)").strip() == "This notice has been amended"
    terms = [dt.text_content().strip() for dt in banner.xpath(".//dt")]
    # the deadline's label overridden in mkdocs.yml holds in the banner too
    assert terms == ["Closing date", "Bid opening", "Opening venue", "Amendments"]
    links = [a.text_content().strip() for a in banner.xpath(".//ol/li/a")]
    assert links == ["Amendment 1", "Amendment 2"]
    assert "published 2026-11-16 10:00" in banner.text_content()
    ours = banner.xpath(".//text()[not(ancestor::*[@lang='zh'])]")
    assert not [t for t in ours if CHINESE.search(t)], ours
    groups = [h.text_content().split() for h in tree.xpath("//h3[@class='gs-attachments__group']")]
    assert [words[:2] for words in groups] == [["Tender", "notice"], ["Amendment", "1"]]


def test_no_label_is_hidden_by_a_dict_method() -> None:
    """Templates read `L.key`, and Jinja looks up attributes first: a key named like a dict
    method (copy, values, items…) would print the method, not the label."""
    for language in LANGUAGES:
        labels = labels_for(language)
        shadowed = [key for key in labels if hasattr(dict, key)]
        assert not shadowed, shadowed
        assert not [key for key in labels["vocab"] if hasattr(dict, key)]
