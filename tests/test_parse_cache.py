"""The parse cache a build keeps beside its output: every problem (file, line, column, rule,
message) is the same read afresh, read with an empty cache and read from a full one, and a
damaged or foreign cache file is ignored without being trusted."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import VALID_TENDER
from test_malformed import HOSTILE_CASES, ORDER_CASES, SHAPE_CASES, WARNING_CASES, write_data

from generator import dataset as dataset_module
from generator.cachefile import Stamp
from generator.dataset import load_dataset
from generator.parsecache import FORMAT, ParseCache

TZ = ZoneInfo("Asia/Shanghai")
# What the data folder says (CODEOWNERS, beside it, is compared by `gongshi validate` only).
CASES = [case for case in [*SHAPE_CASES, *ORDER_CASES, *WARNING_CASES, *HOSTILE_CASES]
         if case.rule != "codeowners-outdated"]


def _problems(data: Path, cache: ParseCache | None) -> list[dict[str, object]]:
    """Every problem, its message in Chinese (`message`) and in English (`message_en`)."""
    return [p.as_dict("zh") for p in load_dataset(data, TZ, cache).problems]


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
    cache_dir = tmp_path / "parsed"
    with _in(root):
        afresh = [_problems(data, None) for data in data_folders]
        assert all(afresh), "every case reports at least one problem"
        first = ParseCache(cache_dir)
        filling = [_problems(data, first) for data in data_folders]
        first.save()
        assert list(cache_dir.glob("*.pickle"))

        parses = []
        real_parse = dataset_module.parse_yaml
        monkeypatch.setattr(dataset_module, "parse_yaml",
                            lambda text: parses.append(1) or real_parse(text))
        cached = [_problems(data, ParseCache(cache_dir)) for data in data_folders]
    assert filling == afresh
    assert cached == afresh
    assert not parses, "a full cache reads no notice file's YAML again"


def test_a_changed_file_is_read_again(tmp_path):
    case = next(c for c in SHAPE_CASES if c.rule == "required")
    data = write_data(tmp_path, case)
    cache_dir = tmp_path / "parsed"
    with _in(tmp_path):
        cache = ParseCache(cache_dir)
        before = _problems(data, cache)
        cache.save()
        broken = data / "notices" / case.file
        broken.write_text("type: tender\ntitle: [unclosed\n", encoding="utf-8")
        after = _problems(data, ParseCache(cache_dir))
        assert after == _problems(data, None)
    assert after != before
    assert any(p["rule"] == "yaml-syntax" for p in after)


class _Explodes:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def _stamped(payload: object) -> bytes:
    """A shard as this gongshi writes it: its stamp line, then the pickle."""
    return Stamp(FORMAT, ParseCache(None).fingerprint).line() + pickle.dumps(payload)


@pytest.mark.parametrize("content", [
    b"",
    b"not a pickle at all",
    b'{"fingerprint": "x", "entries": {}}',
    Stamp(FORMAT, "someone else's").line() + pickle.dumps({b"k" * 32: ("data", {})}),
    Stamp("gongshi-parse-cache 1", ParseCache(None).fingerprint).line() + pickle.dumps({}),
    pickle.dumps({"fingerprint": ParseCache(None).fingerprint, "entries": {}}),  # no stamp line
    _stamped({b"k" * 32: ("data", {})})[:-3],
    _stamped(_Explodes()),
    _stamped([1, 2]),
], ids=["empty", "garbage", "json", "foreign-fingerprint", "other-format", "old-layout",
        "truncated", "code", "wrong-shape"])
def test_a_damaged_or_foreign_cache_is_ignored(content, tmp_path):
    data = write_data(tmp_path, WARNING_CASES[0])
    cache_dir = tmp_path / "parsed"
    cache_dir.mkdir()
    for shard in range(256):
        (cache_dir / f"{shard:02x}.pickle").write_bytes(content)
    with _in(tmp_path):
        cache = ParseCache(cache_dir)
        assert _problems(data, cache) == _problems(data, None)
        cache.save()
    assert not (tmp_path / "pwned").exists()
    assert ParseCache(cache_dir).known, "the damaged file was replaced by a good one"


def test_entries_of_the_wrong_shape_are_read_afresh(tmp_path):
    data = write_data(tmp_path, WARNING_CASES[0])
    cache_dir = tmp_path / "parsed"
    with _in(tmp_path):
        expected = _problems(data, None)
        cache = ParseCache(cache_dir)
        _problems(data, cache)
        keys = list(cache.used)
        good = dict(cache.used)
        cache.save()
        shards: dict[str, dict[bytes, object]] = {}
        for key in keys:
            shards.setdefault(key[:1].hex(), {})[key] = good[key]
        for shard, entries in shards.items():  # shards written as here are read back
            (cache_dir / f"{shard}.pickle").write_bytes(_stamped(entries))
        assert ParseCache(cache_dir).known == good
        for wrong in [("bogus", 1), ("error", 5), ("error", (1, "2", "m", "r")), ["data", {}],
                      ("error", (1, 1, "message of an older gongshi", "yaml-syntax")),
                      ("error", (1, 1, "yaml-syntax", "files.no_such_sentence", ())),
                      ("error", (1, 1, "yaml-syntax", "values.required", (("field", "x"),))),
                      ("error", (1, 1, "no-such-rule", "files.merge_key", ())),
                      ("error", (1, 1, "yaml-anchor", "files.anchor", ())),
                      ("error", (1, 1, "yaml-anchor", "files.anchor", (("name", 1.5),))),
                      ("error", (1, 1, "yaml-duplicate-key", "files.duplicate_key",
                                 (("field", ("python", "os.system", "x")), ("first", 2))))]:
            for key in keys:
                (cache_dir / f"{key[:1].hex()}.pickle").write_bytes(_stamped({key: wrong}))
            assert _problems(data, ParseCache(cache_dir)) == expected


def _shards(folder: Path) -> dict[str, tuple[int, int]]:
    return {f.name: (f.stat().st_ino, f.stat().st_mtime_ns) for f in folder.glob("*.pickle")}


def test_a_new_notice_rewrites_one_shard_and_a_removed_one_is_forgotten(tmp_path):
    data = write_data(tmp_path, WARNING_CASES[0])
    cache_dir = tmp_path / "parsed"
    with _in(tmp_path):
        cache = ParseCache(cache_dir)
        _problems(data, cache)
        cache.save()
        before = _shards(cache_dir)
        added = data / "notices" / "2026" / "420902" / "XN-GC-2026-777-ZB.yaml"
        added.write_text(VALID_TENDER.replace("XN-GC-2026-001", "XN-GC-2026-777"), encoding="utf-8")
        cache = ParseCache(cache_dir)
        with_new = _problems(data, cache)
        cache.save()
        after = _shards(cache_dir)
        assert with_new == _problems(data, None)
        added.unlink()
        cache = ParseCache(cache_dir)
        _problems(data, cache)
        cache.save()
        assert _shards(cache_dir).keys() <= after.keys()
    changed = {name for name in after if before.get(name) != after[name]}
    assert len(changed) == 1
    assert len(ParseCache(cache_dir).known) == len(list((data / "notices").rglob("*.yaml")))


def _plain(value: object) -> bool:
    if isinstance(value, tuple):
        return all(_plain(item) for item in value)
    return value is None or type(value) in (str, int)


def test_a_yaml_error_is_kept_as_plain_values_and_said_again_in_each_language(tmp_path):
    case = next(c for c in HOSTILE_CASES + SHAPE_CASES if c.name == "duplicate-key-nested")
    data = write_data(tmp_path, case)
    cache_dir = tmp_path / "parsed"
    with _in(tmp_path):
        cache = ParseCache(cache_dir)
        afresh = _problems(data, cache)
        cache.save()
        kept = [entry for entry in ParseCache(cache_dir).known.values() if entry[0] == "error"]
        cached = _problems(data, ParseCache(cache_dir))
    assert len(kept) == 1 and _plain(kept[0][1]), kept
    assert cached == afresh
    (duplicate,) = [p for p in cached if p["rule"] == "yaml-duplicate-key"]
    assert duplicate["message"] == "开标时间 `opening.time` 写了两次（第一次在第 17 行）：只保留一个"
    assert duplicate["message_en"] == ("bid opening time (`opening.time`) is written twice (first at line 17): "
                                       "keep only one")


def test_saving_the_cache_leaves_the_notices_text_as_it_was_in_memory(tmp_path):
    """Pickling a string attaches a UTF-8 copy to it for its life (CPython's cache), 1.5 times
    its Chinese text: the cache pickles copies, so the loaded notices, which hold the same
    strings for the whole build, do not grow when it is saved."""
    import sys

    from conftest import write_data_folder
    data = write_data_folder(tmp_path / "data", {"2026/420902/XN-GC-2026-001-ZB.yaml": VALID_TENDER})
    cache = ParseCache(tmp_path / "parsed", fresh=True)
    dataset = load_dataset(data, TZ, cache)
    notice = dataset.notices[0].notice
    texts = [value for value in (notice.title, notice.publisher, notice.body) if value]
    assert any(not text.isascii() for text in texts)
    before = [sys.getsizeof(text) for text in texts]
    cache.save()
    assert [sys.getsizeof(text) for text in texts] == before
    assert load_dataset(data, TZ, ParseCache(tmp_path / "parsed")).notices[0].notice == notice


def test_a_rebuild_reads_no_notice_file_a_stat_finds_unchanged(tmp_path, monkeypatch):
    """A build reads and hashes only the notice files whose identity (size, times, inode)
    moved since the build that hashed them: the data digest's memo has the hash, the parse
    cache the values. An edit in place that keeps the size and the time still moves the
    change time, so that file is read."""
    import shutil
    from datetime import datetime

    from conftest import REPO, SAMPLE_DATA, SAMPLE_NOW

    from generator.buildstate import STATE_FILE
    from generator.commands.build import build
    from generator.config import load_settings
    from generator.publish import OutputPaths

    data, out = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data)
    config = REPO / "mkdocs.yml"
    read: list[str] = []
    real = dataset_module.read_bytes
    monkeypatch.setattr(dataset_module, "read_bytes", lambda path: read.append(path.name) or real(path))

    def build_whole() -> None:
        read.clear()
        (OutputPaths.of(out).cache / STATE_FILE).unlink(missing_ok=True)  # no "nothing changed"
        build(data, out, load_settings(config), now=datetime.fromisoformat(SAMPLE_NOW),
              config_file=config)

    build_whole()
    notices = sorted(path.name for path in (data / "notices").rglob("*.yaml"))
    assert sorted(read) == notices
    build_whole()
    assert read == []
    edited = next((data / "notices").rglob("*.yaml"))
    text, stat = edited.read_bytes(), edited.stat()
    edited.write_bytes(text)  # written in place, its time put back: only the change time moves
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    build_whole()
    assert read == [edited.name]
