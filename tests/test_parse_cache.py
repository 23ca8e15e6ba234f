"""The parse cache a build keeps beside its output: every problem (file, line, column, rule,
message) is the same read afresh, read with an empty cache and read from a full one, and a
damaged or foreign cache file is ignored without being trusted."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_malformed import HOSTILE_CASES, ORDER_CASES, SHAPE_CASES, WARNING_CASES, write_data

from generator import dataset as dataset_module
from generator.dataset import load_dataset
from generator.parsecache import ParseCache

TZ = ZoneInfo("Asia/Shanghai")
CASES = [*SHAPE_CASES, *ORDER_CASES, *WARNING_CASES, *HOSTILE_CASES]


def _problems(data: Path, cache: ParseCache | None) -> list[dict[str, object]]:
    return [p.as_dict() for p in load_dataset(data, TZ, cache).problems]


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> tuple[Path, list[Path]]:
    root = tmp_path_factory.mktemp("cases")
    return root, [write_data(root / case.name, case) for case in CASES]


def _in(folder: Path):
    class _Cwd:
        def __enter__(self) -> None:
            self.before = Path.cwd()
            os.chdir(folder)

        def __exit__(self, *exc: object) -> None:
            os.chdir(self.before)

    return _Cwd()


def test_problems_are_the_same_with_and_without_the_cache(folders, tmp_path, monkeypatch):
    root, data_folders = folders
    cache_file = tmp_path / "parsed.pickle"
    with _in(root):
        afresh = [_problems(data, None) for data in data_folders]
        assert all(afresh), "every case reports at least one problem"
        first = ParseCache(cache_file)
        filling = [_problems(data, first) for data in data_folders]
        first.save()
        assert cache_file.is_file()

        parses = []
        real_parse = dataset_module.parse_yaml
        monkeypatch.setattr(dataset_module, "parse_yaml",
                            lambda text: parses.append(1) or real_parse(text))
        cached = [_problems(data, ParseCache(cache_file)) for data in data_folders]
    assert filling == afresh
    assert cached == afresh
    assert not parses, "a full cache reads no notice file's YAML again"


def test_a_changed_file_is_read_again(tmp_path):
    case = next(c for c in SHAPE_CASES if c.rule == "required")
    data = write_data(tmp_path, case)
    cache_file = tmp_path / "parsed.pickle"
    with _in(tmp_path):
        cache = ParseCache(cache_file)
        before = _problems(data, cache)
        cache.save()
        broken = data / "notices" / case.file
        broken.write_text("type: tender\ntitle: [unclosed\n", encoding="utf-8")
        after = _problems(data, ParseCache(cache_file))
        assert after == _problems(data, None)
    assert after != before
    assert any(p["rule"] == "yaml-syntax" for p in after)


class _Explodes:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


@pytest.mark.parametrize("content", [
    b"",
    b"not a pickle at all",
    b'{"fingerprint": "x", "entries": {}}',
    pickle.dumps({"fingerprint": "someone else's", "entries": {b"k": ("data", {})}}),
    pickle.dumps({"fingerprint": "x", "entries": {}})[:-3],
    pickle.dumps(_Explodes()),
    pickle.dumps({"fingerprint": ParseCache(None).fingerprint, "entries": [1, 2]}),
], ids=["empty", "garbage", "json", "foreign-fingerprint", "truncated", "code", "wrong-shape"])
def test_a_damaged_or_foreign_cache_is_ignored(content, tmp_path):
    data = write_data(tmp_path, WARNING_CASES[0])
    cache_file = tmp_path / "parsed.pickle"
    cache_file.write_bytes(content)
    with _in(tmp_path):
        cache = ParseCache(cache_file)
        assert _problems(data, cache) == _problems(data, None)
        cache.save()
    assert not (tmp_path / "pwned").exists()
    assert ParseCache(cache_file).known, "the damaged file was replaced by a good one"


def test_entries_of_the_wrong_shape_are_read_afresh(tmp_path):
    data = write_data(tmp_path, WARNING_CASES[0])
    cache_file = tmp_path / "parsed.pickle"
    with _in(tmp_path):
        expected = _problems(data, None)
        cache = ParseCache(cache_file)
        _problems(data, cache)
        keys = list(cache.used)
        cache.save()
        for wrong in [("bogus", 1), ("error", 5), ("error", (1, "2", "m", "r")), ["data", {}]]:
            stored = {"fingerprint": cache.fingerprint, "entries": {k: wrong for k in keys}}
            cache_file.write_bytes(pickle.dumps(stored))
            assert _problems(data, ParseCache(cache_file)) == expected
