"""The benchmarks' corpus over Hubei's full region tree (benchmarks/hubei_regions.yaml): 17
prefecture-level units and 103 county-level units, a valid regions file, and a corpus over it
that passes `gongshi validate --strict`."""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks.corpus import HUBEI, write


def test_hubei_tree_has_every_prefecture_and_county_level_unit() -> None:
    regions = yaml.safe_load(HUBEI.read_text(encoding="utf-8"))
    codes = {r["code"] for r in regions}
    assert len(codes) == len(regions)
    root = [r for r in regions if "parent" not in r]
    assert [(r["code"], r["name"]) for r in root] == [("420000", "湖北省")]
    prefecture = [r for r in regions if r.get("parent") == "420000"]
    assert len(prefecture) == 17
    assert {r["name"] for r in prefecture} >= {"武汉市", "恩施土家族苗族自治州", "仙桃市", "神农架林区"}
    # county-level: those below a prefecture, and the four the province administers directly
    below = [r for r in regions if r.get("parent") not in (None, "420000")]
    direct = [r for r in prefecture if not r["code"].endswith("00")]
    assert len(below) + len(direct) == 103 and len(direct) == 4
    assert all(r["code"][:4] == r["parent"][:4] for r in below)


def test_a_corpus_over_the_tree_is_valid(tmp_path: Path, run_cli) -> None:
    data = write(120, tmp_path, tree=HUBEI)
    result = run_cli("validate", "--data", str(data), "--strict")
    assert result.exit_code == 0, result.out + result.err
    used = {path.parent.name for path in (data / "notices").rglob("*.yaml")}
    assert len(used) > 28  # spread over the tree, beyond the sample's 28 regions
