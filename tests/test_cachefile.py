"""The one way gongshi writes what it keeps (generator/cachefile.py): atomic writes that leave
the old file whole when interrupted, temporaries that no two processes share, stamps that
make a foreign cache read as empty, and fingerprints that change with the code making a cache."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from generator import cachefile, publish
from generator.cachefile import Stamp
from generator.pagecache import PAGE_CODE, BodyCache, PageCache, engine_fingerprint
from generator.publish import read_manifest, write_manifest

OLD = b"old content\n" * 1000
STAMP = Stamp("test-cache 1", "abc")


def _beside(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p != target)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60, check=False)


# --- atomic writes -----------------------------------------------------------------------------


def test_a_write_interrupted_by_an_exception_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "entry.bin"
    target.write_bytes(OLD)
    with pytest.raises(RuntimeError), cachefile.writing(target) as stream:
        stream.write(b"half of the new")
        raise RuntimeError("interrupted")
    assert target.read_bytes() == OLD
    assert _beside(target) == []


def test_a_write_killed_half_way_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "entry.bin"
    target.write_bytes(OLD)
    killed = _python(
        "import os, signal\n"
        "from pathlib import Path\n"
        "from generator import cachefile\n"
        f"with cachefile.writing(Path({str(target)!r})) as stream:\n"
        "    stream.write(b'new' * 100000)\n"
        "    stream.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert target.read_bytes() == OLD
    left = _beside(target)
    assert len(left) == 1 and cachefile.is_temporary(target.parent / left[0]), left
    cachefile.remove_temporaries(tmp_path)
    assert _beside(target) == []
    cachefile.write_bytes(target, b"new")
    assert target.read_bytes() == b"new"


def test_another_process_writing_the_same_file_does_not_touch_our_temporary(tmp_path):
    """The manifest's temporary was `NAME.part`: a second writer truncated and renamed the
    first one's half-written file."""
    target = tmp_path / "a.json"
    ours = b"ours\n" * 10000
    with cachefile.replacing(target) as partial:
        partial.write_bytes(ours[:100])
        other = _python("from pathlib import Path\n"
                        "from generator import cachefile\n"
                        f"cachefile.write_bytes(Path({str(target)!r}), b'theirs')\n")
        assert other.returncode == 0, other.stderr
        assert target.read_bytes() == b"theirs"
        assert partial.read_bytes() == ours[:100]
        partial.write_bytes(ours)
    assert target.read_bytes() == ours
    assert _beside(target) == []


def test_the_manifest_is_written_through_the_atomic_write(tmp_path, monkeypatch):
    from generator.publish import Entry

    file = tmp_path / "a.json"
    manifest = {"notices/甲/index.html": Entry("0" * 64, 3, 1, 2, 3, "")}
    write_manifest(file, manifest)
    assert read_manifest(file) == manifest

    def fail(*args, **kwargs):
        yield '{"files":{'  # part of the text is written, then the disk is full
        raise OSError(28, "No space left on device")  # as a write of an open file fails

    monkeypatch.setattr(publish, "_manifest_text", fail)
    with pytest.raises(OSError) as raised:
        write_manifest(file, {})
    assert raised.value.filename == str(file), "a full disk names the file it was writing"
    assert read_manifest(file) == manifest
    assert _beside(file) == []


def test_a_manifest_is_json_and_round_trips_any_file_name(tmp_path):
    """The manifest's text is made entry by entry (publish._manifest_text), not by json.dump:
    names that need escaping still make valid JSON that reads back the same."""
    from generator.publish import Entry

    names = ['a"b/index.html', "back\\slash.txt", "tab\there.txt", "line\nbreak.txt",
             "notices/甲乙/index.html", "\u2028sep.txt", "ctl\x01.txt"]
    manifest = {name: Entry(f"{n:064x}", n, 10**18 + n, 2**40 + n, 3 + n, f"1:{n}:2:3:4" if n else "")
                for n, name in enumerate(names)}
    file = tmp_path / "a.json"
    write_manifest(file, manifest)
    stored = json.loads(file.read_text(encoding="utf-8"))
    assert list(stored["files"]) == sorted(names)
    assert stored == {"files": {name: list(entry) for name, entry in manifest.items()}}
    assert read_manifest(file) == manifest
    many = {f"p/{n}.html": Entry("0" * 64, n, n, n, n, "") for n in range(2 * publish._MANIFEST_CHUNK + 1)}
    write_manifest(file, many)  # more than one piece of text
    assert read_manifest(file) == many
    write_manifest(file, {})
    assert json.loads(file.read_bytes()) == {"files": {}} and read_manifest(file) == {}


def test_a_folder_is_replaced_whole_or_not_at_all(tmp_path):
    target = tmp_path / "base"
    target.mkdir()
    (target / "old.txt").write_text("old")
    with pytest.raises(RuntimeError), cachefile.replacing_folder(target) as partial:
        (partial / "new.txt").write_text("new")
        raise RuntimeError("interrupted")
    assert [p.name for p in target.iterdir()] == ["old.txt"]
    with cachefile.replacing_folder(target) as partial:
        (partial / "new.txt").write_text("new")
    assert [p.name for p in target.iterdir()] == ["new.txt"]
    assert _beside(target) == []


# --- stamps ----------------------------------------------------------------------------------


def test_a_cache_file_of_another_stamp_or_damaged_reads_as_empty(tmp_path):
    file = tmp_path / "cache.bin"
    with cachefile.writing(file, STAMP) as stream:
        stream.write(b'{"a": 1}')
    assert cachefile.read_stamped(file, STAMP, lambda s: json.loads(s.read())) == {"a": 1}
    for other in (Stamp("test-cache 2", "abc"), Stamp("test-cache 1", "abd")):
        assert cachefile.read_stamped(file, other, lambda s: json.loads(s.read())) is None
    assert cachefile.read_stamped(tmp_path / "missing", STAMP, lambda s: 1) is None
    file.write_bytes(STAMP.line() + b"{not json")
    assert cachefile.read_stamped(file, STAMP, lambda s: json.loads(s.read())) is None
    file.write_bytes(b"x" * 100000)
    assert cachefile.read_stamped(file, STAMP, lambda s: 1) is None


def test_claiming_a_folder_of_another_stamp_empties_it_first(tmp_path):
    folder = tmp_path / "pages"
    cachefile.claim_folder(folder, STAMP)
    (folder / "entry").write_text("made under STAMP")
    assert cachefile.folder_holds(folder, STAMP)
    cachefile.claim_folder(folder, STAMP)
    assert (folder / "entry").exists(), "the same stamp keeps its entries"
    other = Stamp("test-cache 1", "changed")
    assert not cachefile.folder_holds(folder, other)
    cachefile.claim_folder(folder, other)
    assert cachefile.folder_holds(folder, other)
    assert sorted(p.name for p in folder.iterdir()) == [cachefile.STAMP_FILE]
    assert _beside(folder) == []


def test_a_page_cache_of_another_fingerprint_or_layout_is_empty_not_an_error(tmp_path):
    folder = tmp_path / "cache" / "pages"
    html = tmp_path / "page.html"
    html.write_text("<p>page</p>")
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "style.css").write_text("css")
    (site / "page").mkdir()
    (site / "page" / "index.html").write_text("<p>page</p>")

    first = PageCache(folder, "one")
    key = first.key("page.md", b"text")
    first.store(key, html)
    first.store_base(site, {"page/index.html"})
    first.prune()
    again = PageCache(folder, "one")
    assert again.has(key) and again.has_base()
    assert set(again.base_files()) == {"assets/style.css"}

    changed = PageCache(folder, "two")
    assert not changed.has(key) and not changed.has_base()
    changed.prune()
    assert PageCache(folder, "one").has(key), "pruning under another stamp leaves the folder be"
    changed.store(changed.key("page.md", b"text"), html)
    assert not PageCache(folder, "one").has(key) and not PageCache(folder, "one").has_base()

    (tmp_path / "cache" / "engine-base" / "one").mkdir(parents=True)  # the layout before stamps
    shutil.rmtree(folder)
    (folder / "ab").mkdir(parents=True)
    (folder / "ab" / f"{key}.html").write_text("old layout")
    old = PageCache(folder, "one")
    assert not old.has(key)
    old.store(key, html)
    old.prune()
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["pages"]
    assert not (folder / "ab").exists()


def test_a_body_cache_of_another_stamp_or_the_old_layout_is_empty(tmp_path):
    folder = tmp_path / "bodies"
    cache = BodyCache(folder, "f")
    assert cache.html("**x**", lambda text: "<b>x</b>").text() == "<b>x</b>"
    cache.save()
    assert BodyCache(folder, "f").html("**x**", lambda text: "converted again").text() == "<b>x</b>"
    assert BodyCache(folder, "g").html("**x**", lambda text: "converted again").text() == "converted again"
    [shard] = folder.iterdir()
    shard.write_text(json.dumps({"fingerprint": "f", "bodies": {}}), encoding="utf-8")
    assert BodyCache(folder, "f").html("**x**", lambda text: "converted again").text() == "converted again"
    # the single file of the layout before shards is removed by the next save
    (tmp_path / "bodies.json").write_text("gongshi-body-cache 2 f\n{}\n", encoding="utf-8")
    BodyCache(folder, "f").save()
    assert not (tmp_path / "bodies.json").exists()


def test_a_new_body_rewrites_its_shard_of_the_body_cache_only(tmp_path):
    """One new notice's body rewrote every body of the site (~180 MB at 50,000 notices)."""
    folder = tmp_path / "bodies"
    texts = [f"正文 {n}" for n in range(600)]
    first = BodyCache(folder, "f")
    for text in texts:
        first.html(text, lambda text: f"<p>{text}</p>")
    first.save()
    before = {file.name: file.stat().st_ino for file in folder.iterdir()}
    assert len(before) > 200  # spread over the shards
    again = BodyCache(folder, "f")
    for text in [*texts, "新的正文"]:
        again.html(text, lambda text: f"<p>{text}</p>")
    again.save()
    after = {file.name: file.stat().st_ino for file in folder.iterdir()}
    rewritten = {name for name in after if before.get(name) != after[name]}
    new_key = hashlib.sha256("新的正文".encode()).hexdigest()
    assert rewritten == {f"{new_key[:2]}.json"}
    assert BodyCache(folder, "f").html("新的正文", lambda text: "unused").text() == "<p>新的正文</p>"
    # a body no longer used leaves its shard; a shard left empty goes
    alone = BodyCache(folder, "f")
    alone.html("新的正文", lambda text: "unused")
    alone.save()
    assert [file.name for file in folder.iterdir()] == [f"{new_key[:2]}.json"]


# --- fingerprints -------------------------------------------------------------------------------


def test_a_fingerprint_changes_with_the_source_of_a_module_it_names(tmp_path):
    module = tmp_path / "maker.py"
    module.write_text("VALUE = 1\n")
    before = cachefile.fingerprint(code=[module])
    elsewhere = tmp_path / "copy" / "maker.py"
    elsewhere.parent.mkdir()
    shutil.copyfile(module, elsewhere)
    assert cachefile.fingerprint(code=[elsewhere]) == before, "where a file lies does not count"
    module.write_text("VALUE = 2\n")
    assert cachefile.fingerprint(code=[module]) != before


def test_a_fingerprint_of_a_package_covers_its_modules_and_not_compiled_files(tmp_path):
    package = tmp_path / "fakepkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "deep.py").write_text("A = 1\n")
    before = cachefile.fingerprint(code=[package])
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "deep.cpython-311.pyc").write_bytes(b"compiled")
    assert cachefile.fingerprint(code=[package]) == before
    (package / "sub" / "deep.py").write_text("A = 2\n")
    assert cachefile.fingerprint(code=[package]) != before


def test_a_module_name_is_hashed_as_its_source_file():
    engine = REPO / "generator" / "engine.py"
    assert cachefile.fingerprint(code=["generator.engine"]) == cachefile.fingerprint(code=[engine])
    assert ("engine.py", engine) in cachefile.code_files(["generator.engine"])
    assert ("render/pages.py", REPO / "generator" / "render" / "pages.py") in \
        cachefile.code_files(["generator.render"])


def test_a_fingerprint_changes_with_package_versions_and_values():
    base = cachefile.fingerprint(packages=["PyYAML"], values=[{"a": 1}])
    assert cachefile.fingerprint(packages=["PyYAML", "nh3"], values=[{"a": 1}]) != base
    assert cachefile.fingerprint(packages=["PyYAML"], values=[{"a": 2}]) != base


def test_the_page_cache_fingerprint_changes_with_the_engine_code(tmp_path):
    """The page cache's default code includes generator/engine.py: a copy of it gives the same
    fingerprint, and the copy edited gives another."""
    config = REPO / "mkdocs.yml"
    folders = [REPO / "content", REPO / "theme"]
    extra = {"labels": {"a": "b"}}
    assert "generator.engine" in PAGE_CODE
    copy = tmp_path / "engine.py"
    shutil.copyfile(REPO / "generator" / "engine.py", copy)
    code = [copy if item == "generator.engine" else item for item in PAGE_CODE]
    default = engine_fingerprint(config, extra, folders)
    assert engine_fingerprint(config, extra, folders, code=code) == default
    copy.write_bytes(copy.read_bytes() + b"\n# an edit\n")
    assert engine_fingerprint(config, extra, folders, code=code) != default


def test_the_page_cache_fingerprint_covers_the_render_package(tmp_path):
    config = REPO / "mkdocs.yml"
    folders = [REPO / "content", REPO / "theme"]
    copy = tmp_path / "render"
    shutil.copytree(REPO / "generator" / "render", copy, ignore=shutil.ignore_patterns("__pycache__"))
    code = [copy if item == "generator.render" else item for item in PAGE_CODE]
    default = engine_fingerprint(config, {}, folders)
    assert engine_fingerprint(config, {}, folders, code=code) == default
    pages = copy / "pages.py"
    pages.write_bytes(pages.read_bytes() + b"\n# an edit\n")
    assert engine_fingerprint(config, {}, folders, code=code) != default


def test_a_build_that_meets_one_body_reads_one_shard_of_the_body_cache(tmp_path, monkeypatch):
    """A rebuild after one new notice read every body of the site (~180 MB at 50,000 notices)
    before it made the one page; it reads the shard of the body it meets, and saves that one."""
    folder = tmp_path / "bodies"
    first = BodyCache(folder, "f")
    for n in range(600):
        first.html(f"正文 {n}", lambda text: f"<p>{text}</p>")
    first.save()
    read: list[str] = []
    read_stamped = cachefile.read_stamped
    monkeypatch.setattr(cachefile, "read_stamped",
                        lambda file, *rest: read.append(file.name) or read_stamped(file, *rest))
    again = BodyCache(folder, "f")
    assert again.html("正文 7", lambda text: "converted again").text() == "<p>正文 7</p>"
    again.html("新的正文", lambda text: f"<p>{text}</p>")
    again.save(complete=False)
    shards = {f"{hashlib.sha256(text.encode()).hexdigest()[:2]}.json" for text in ("正文 7", "新的正文")}
    assert set(read) == shards and len(read) == len(shards)
    assert len(list(folder.glob("*.json"))) > 200  # the others kept, unread
    # the rewritten shard kept the bodies this build did not use, and a body it used once is
    # not held twice (taken from the shard's unused ones)
    last = BodyCache(folder, "f")
    assert all(last.html(f"正文 {n}", lambda text: "converted again").text() == f"<p>正文 {n}</p>"
               for n in range(600))
    assert not any(key in unused for unused in last._unused.values() for key in last.used)


# --- text held deflated (generator/packed.py) ---------------------------------------------------


def test_packed_text_gives_its_text_back_and_keys_the_facts_by_the_text():
    """A notice's body is held deflated for the build; its page's cache key is made of the text,
    so two bodies that differ key two pages apart, and an empty body is falsy as "" was."""
    from pydantic import TypeAdapter

    from generator.packed import PackedText

    body = "<h2>项目概况</h2><p>预算 100 万元</p>" * 20
    packed = PackedText.of(body)
    assert packed.text() == body and packed == PackedText.of(body) and packed
    assert len(packed.deflated) < len(body.encode()) / 4
    assert not PackedText.of("") and PackedText.of("").text() == ""
    adapter = TypeAdapter(PackedText)
    assert adapter.dump_python(packed, mode="json") == body
    assert adapter.dump_python(PackedText.of(body + "。"), mode="json") != body
