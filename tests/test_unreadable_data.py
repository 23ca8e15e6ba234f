"""Nothing lost, nothing half-published: whatever under the data folder cannot be read, or is
not a plain file, is an error that names it, in `gongshi validate` and in `gongshi build`, and
the previous build output stays exactly as it was. Never a smaller site.

Tests run as root here, and root ignores permission bits: a folder or file is made unreadable
by making the calls that read it fail (os.open, os.scandir, io.open) with EACCES, as they do
for an ordinary user; one test also runs validation in a process without root's right to
ignore permission bits, against real ones. Links and named pipes are real.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import io
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_DATA, SAMPLE_NOW, VALID_TENDER
from test_editor_messages import guide_sections

from generator import datafiles
from generator.cli import main

CONFIG = str(REPO / "mkdocs.yml")
TENDER = "2026/420902/XN-GC-2026-001.yaml"
ATTACHMENT = "2026/XN-GC-2026-001/招标文件.pdf"
WITH_ATTACHMENT = VALID_TENDER + f"attachments:\n  - title: 招标文件\n    file: {ATTACHMENT}\n"
ATTACHMENT_LINE = 21  # the line of `file:` in WITH_ATTACHMENT


# --- helpers ------------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`: path → SHA-256 or 'dir'."""
    return {path.relative_to(folder).as_posix():
            "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*"))}


def build(data: Path, out: Path) -> int:
    return main(["--config", CONFIG, "build", "--data", str(data), "--out", str(out),
                 "--now", SAMPLE_NOW])


def assert_in_the_guide(rule: str, message: str) -> None:
    """The editor guide shows this very message under its rule (no malformed case can)."""
    assert message in guide_sections()[rule], f"content/guide/editor.md, {rule}: show {message!r}"


def problems_of(output: str) -> list[tuple[str, str, str]]:
    """(path, rule, message) of each `path[:line[:col]]: 错误: message [rule]` line."""
    found = []
    for line in output.splitlines():
        if ": 错误: " not in line:
            continue
        where, rest = line.split(": 错误: ", 1)
        message, rule = rest.rsplit(" [", 1)
        found.append((where.split(":")[0], rule.rstrip("]"), message))
    return found


def _denied_error(path: object) -> PermissionError:
    return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))


@pytest.fixture
def deny(monkeypatch) -> Callable[[Path], None]:
    """deny(path): reading `path` (listing it, for a folder) fails with EACCES from now on, by
    whichever call it is read: os.open (also relative to a folder descriptor), os.scandir,
    os.listdir or io.open (pathlib)."""
    denied: set[Path] = set()
    real_open, real_scandir, real_listdir, real_io_open = os.open, os.scandir, os.listdir, io.open

    def full(path: object, dir_fd: int | None = None) -> Path | None:
        if not isinstance(path, (str, os.PathLike)):
            return None  # a descriptor
        if dir_fd is not None:
            return Path(os.readlink(f"/proc/self/fd/{dir_fd}"), os.fsdecode(path))
        return Path(os.path.abspath(os.fsdecode(path)))

    def fake_open(path, flags, mode=0o777, *, dir_fd=None):
        if full(path, dir_fd) in denied:
            raise _denied_error(path)
        return real_open(path, flags, mode, dir_fd=dir_fd)

    def fake_scandir(path="."):
        if full(path) in denied:
            raise _denied_error(path)
        return real_scandir(path)

    def fake_listdir(path="."):
        if full(path) in denied:
            raise _denied_error(path)
        return real_listdir(path)

    def fake_io_open(file, *args, **kwargs):
        if full(file) in denied:
            raise _denied_error(file)
        return real_io_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    monkeypatch.setattr(os, "listdir", fake_listdir)
    monkeypatch.setattr(io, "open", fake_io_open)

    def deny_path(path: Path) -> None:
        denied.add(Path(os.path.abspath(path)))
        os.chmod(path, stat.S_IMODE(os.stat(path).st_mode))  # as a real chmod, a new ctime

    return deny_path


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A copy of the sample data folder (134 notices), free to break."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    return data


@pytest.fixture
def previous(sample_site: Path, tmp_path: Path) -> Path:
    """An output folder a previous build left (the built sample site)."""
    out = tmp_path / "out" / "site"
    shutil.copytree(sample_site, out)
    return out


def assert_refused_and_untouched(data: Path, previous: Path, run_cli, shown: str, rule: str,
                                 cwd: Path) -> None:
    """validate: an error [rule] naming `shown`, exit 1; build: exit 1, output as it was."""
    result = run_cli("validate", "--data", data, cwd=cwd)
    assert result.exit_code == 1, result.out + result.err
    assert (shown, rule) in {(path, found) for path, found, _ in problems_of(result.out)}, result.out
    before = snapshot(previous)
    assert build(data, previous) == 1
    assert snapshot(previous) == before


# --- 1. unreadable folders and files ----------------------------------------------------------------


def test_an_unlistable_notices_folder_is_an_error_not_an_empty_site(
    sample_copy, previous, deny, run_cli, tmp_path
):
    deny(sample_copy / "notices")
    result = run_cli("validate", "--data", sample_copy, cwd=tmp_path)
    assert result.exit_code == 1
    problems = problems_of(result.out)
    assert ("data/notices", "folder-read") in {(path, rule) for path, rule, _ in problems}, result.out
    message = next(m for path, rule, m in problems if rule == "folder-read")
    assert message == ("无法列出这个文件夹里的内容（没有读取权限）：检查它的权限和所在的磁盘后再试；"
                       "其中的公告一条都还没有检查")
    assert "Permission denied" not in result.out  # the system's words are never passed on
    assert_in_the_guide("folder-read", message)
    english = run_cli("validate", "--data", sample_copy, "--lang", "en", cwd=tmp_path)
    assert "data/notices: error: this folder cannot be listed (permission denied): check its " \
           "permissions and the disk, then try again; nothing in it was checked [folder-read]" in english.out
    before = snapshot(previous)
    assert build(sample_copy, previous) == 1
    assert snapshot(previous) == before


def test_an_unlistable_sub_folder_is_an_error_naming_it(sample_copy, previous, deny, run_cli, tmp_path):
    folder = sample_copy / "notices" / "2026" / "420900"
    assert any(folder.glob("*.yaml"))
    deny(folder)
    assert_refused_and_untouched(sample_copy, previous, run_cli, "data/notices/2026/420900",
                                 "folder-read", tmp_path)


def test_an_unreadable_notice_file_is_an_error_naming_it(sample_copy, previous, deny, run_cli, tmp_path):
    notice = next((sample_copy / "notices" / "2026" / "420900").glob("*.yaml"))
    deny(notice)
    shown = notice.relative_to(tmp_path).as_posix()
    assert_refused_and_untouched(sample_copy, previous, run_cli, shown, "file-read", tmp_path)
    message = "无法读取这个文件（没有读取权限）：检查它的权限和所在的磁盘，能读取后再检查一次"
    assert (shown, "file-read", message) in problems_of(run_cli("validate", "--data", sample_copy, cwd=tmp_path).out)
    assert_in_the_guide("file-read", message)


def test_unreadable_regions_is_an_error_not_a_missing_file(sample_copy, previous, deny, run_cli, tmp_path):
    deny(sample_copy / "regions.yaml")
    assert_refused_and_untouched(sample_copy, previous, run_cli, "data/regions.yaml", "file-read",
                                 tmp_path)


def test_an_unreadable_attachment_is_caught_by_validate(make_data, previous, deny, run_cli, tmp_path):
    data = make_data({TENDER: WITH_ATTACHMENT}, files={ATTACHMENT: b"%PDF-1.4 test"})
    assert run_cli("validate", "--data", data, cwd=tmp_path).exit_code == 0
    deny(data / "files" / ATTACHMENT)
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert result.exit_code == 1, result.out + result.err
    message = f"无法读取附件 files/{ATTACHMENT}（没有读取权限）：检查它的权限和所在的磁盘，能读取后再检查一次"
    assert f"data/notices/{TENDER}:{ATTACHMENT_LINE}:11: 错误: {message} [file-read]" in result.out
    assert_in_the_guide("file-read", message)
    before = snapshot(previous)
    result = run_cli("--config", CONFIG, "build", "--data", data, "--out", previous, "--now", SAMPLE_NOW)
    assert result.exit_code == 1
    assert "[file-read]" in result.err and "Traceback" not in result.err
    assert snapshot(previous) == before


def test_an_unlistable_attachment_folder_is_caught_by_validate(make_data, deny, run_cli, tmp_path):
    data = make_data({TENDER: WITH_ATTACHMENT}, files={ATTACHMENT: b"%PDF-1.4 test"})
    deny(data / "files" / "2026")
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert result.exit_code == 1
    assert [(rule, message) for _, rule, message in problems_of(result.out)] == [
        ("folder-read", f"附件 files/{ATTACHMENT} 在文件夹 files/2026 里，而这个文件夹无法列出（没有读取权限）："
                        "检查它的权限和所在的磁盘后再试"),
    ]


def test_a_notice_turned_unreadable_is_not_served_from_the_parse_cache(make_data, deny, tmp_path):
    data = make_data({TENDER: VALID_TENDER})
    out = tmp_path / "out" / "site"
    assert build(data, out) == 0
    cache = tmp_path / "out" / ".site.gongshi-cache" / "parsed"
    assert any(cache.glob("*.pickle")), "the first build keeps the parse cache"
    before = snapshot(out)
    deny(data / "notices" / TENDER)
    assert build(data, out) == 1
    assert snapshot(out) == before


def _without_root_file_access() -> None:
    """In the child, before it runs Python: drop the two capabilities that let root ignore
    permission bits (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from the bounding set, so the
    program it runs reads files as an ordinary owner would. Nothing to drop when not root."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


PR_CAPBSET_DROP = 24


def test_folders_and_files_without_read_permission_are_errors_for_real(tmp_path):
    """Real permission bits, read by a process that is subject to them."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    locked_folder = data / "notices" / "2026" / "420900"
    locked_file = next((data / "notices" / "2025").rglob("*.yaml"))
    locked_folder.chmod(0)
    locked_file.chmod(0)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "generator", "validate", "--data", "data"],
            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True,
            text=True, timeout=120, preexec_fn=_without_root_file_access,
        )
    finally:
        locked_folder.chmod(0o755)  # so that pytest can remove it
    assert result.returncode == 1, result.stdout + result.stderr
    found = {(path, rule) for path, rule, _ in problems_of(result.stdout)}
    assert ("data/notices/2026/420900", "folder-read") in found, result.stdout
    assert (f"data/{locked_file.relative_to(data).as_posix()}", "file-read") in found, result.stdout


# --- 2. links, named pipes, devices -------------------------------------------------------------------


def run_validate_guarded(data: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`gongshi validate` in a child process with 1 GiB of address space and a time limit: the
    safety net for inputs that once exhausted memory or blocked for ever."""
    def limit_memory() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--data", str(data)], cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
        timeout=120, preexec_fn=limit_memory,
    )


def test_a_notice_linked_to_dev_zero_is_refused_without_reading_it(make_data, tmp_path):
    data = make_data({TENDER: VALID_TENDER})
    (data / "notices" / "2026" / "420902" / "XN-GC-2026-009.yaml").symlink_to("/dev/zero")
    result = run_validate_guarded(data, tmp_path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert problems_of(result.stdout) == [(
        "data/notices/2026/420902/XN-GC-2026-009.yaml", "file-type", "这是符号链接，不是普通文件：换成真正的文件再提交",
    )]
    assert_in_the_guide("file-type", "这是符号链接，不是普通文件：换成真正的文件再提交")


def test_a_named_pipe_among_the_notices_is_refused_without_blocking(make_data, tmp_path):
    data = make_data({TENDER: VALID_TENDER})
    os.mkfifo(data / "notices" / "2026" / "420902" / "XN-GC-2026-009.yaml")
    result = run_validate_guarded(data, tmp_path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert problems_of(result.stdout) == [(
        "data/notices/2026/420902/XN-GC-2026-009.yaml", "file-type", "这是命名管道，不是普通文件：换成真正的文件再提交",
    )]


def test_a_notice_linked_to_a_valid_file_outside_is_refused(make_data, previous, run_cli, tmp_path):
    outside = tmp_path / "elsewhere" / "tender.yaml"
    outside.parent.mkdir()
    outside.write_text(VALID_TENDER.replace("XN-GC-2026-001", "XN-GC-2026-009"), encoding="utf-8")
    data = make_data({TENDER: VALID_TENDER})
    (data / "notices" / "2026" / "420902" / "XN-GC-2026-009.yaml").symlink_to(outside)
    assert_refused_and_untouched(data, previous, run_cli, "data/notices/2026/420902/XN-GC-2026-009.yaml",
                                 "file-type", tmp_path)


def test_a_linked_sub_folder_of_notices_is_refused_not_skipped(make_data, run_cli, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "XN-GC-2026-009.yaml").write_text(VALID_TENDER, encoding="utf-8")
    data = make_data({TENDER: VALID_TENDER})
    (data / "notices" / "2027").symlink_to(outside, target_is_directory=True)
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert result.exit_code == 1
    assert problems_of(result.out) == [(
        "data/notices/2027", "file-type", "这是符号链接，不是文件夹：换成真正的文件夹，把文件放在里面",
    )]


def test_a_linked_notices_folder_and_regions_are_refused(make_data, run_cli, tmp_path):
    data = make_data({TENDER: VALID_TENDER})
    real = tmp_path / "real"
    real.mkdir()
    (data / "notices").rename(real / "notices")
    (data / "notices").symlink_to(real / "notices", target_is_directory=True)
    (data / "regions.yaml").rename(real / "regions.yaml")
    (data / "regions.yaml").symlink_to(real / "regions.yaml")
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert result.exit_code == 1
    assert {(path, rule) for path, rule, _ in problems_of(result.out)} == {
        ("data/notices", "file-type"), ("data/regions.yaml", "file-type"),
    }, result.out


def test_a_linked_attachment_is_refused_and_never_published(make_data, previous, run_cli, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"not for publication")
    data = make_data({TENDER: WITH_ATTACHMENT})
    target = data / "files" / ATTACHMENT
    target.parent.mkdir(parents=True)
    target.symlink_to(secret)
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert result.exit_code == 1
    message = f"附件 files/{ATTACHMENT} 是符号链接，不是普通文件：换成真正的文件再提交"
    assert f"data/notices/{TENDER}:{ATTACHMENT_LINE}:11: 错误: {message} [file-type]" in result.out
    assert_in_the_guide("file-type", message)
    before = snapshot(previous)
    assert build(data, previous) == 1
    assert snapshot(previous) == before
    fresh = tmp_path / "fresh" / "site"
    assert build(data, fresh) == 1
    assert not fresh.exists()


def test_an_attachment_in_a_linked_folder_is_refused(make_data, run_cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "XN-GC-2026-001").mkdir(parents=True)
    (elsewhere / "XN-GC-2026-001" / "招标文件.pdf").write_bytes(b"%PDF-1.4 from elsewhere")
    data = make_data({TENDER: WITH_ATTACHMENT})
    (data / "files" / "2026").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert result.exit_code == 1
    assert [(rule, message) for _, rule, message in problems_of(result.out)] == [(
        "file-type", f"附件 files/{ATTACHMENT} 要经过 files/2026，而它是符号链接，不是文件夹："
                     "把 files/2026 换成真正的文件夹，把文件放在里面",
    )]


def test_an_attachment_that_is_a_named_pipe_is_refused(make_data, run_cli, tmp_path):
    data = make_data({TENDER: WITH_ATTACHMENT})
    (data / "files" / ATTACHMENT).parent.mkdir(parents=True)
    os.mkfifo(data / "files" / ATTACHMENT)
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert result.exit_code == 1
    assert [rule for _, rule, _ in problems_of(result.out)] == ["file-type"]
    assert f"附件 files/{ATTACHMENT} 是命名管道，不是普通文件" in result.out


def test_hidden_entries_are_still_skipped(make_data, run_cli, tmp_path):
    """Editors' lock files (.#name, links to nowhere) and .git are not notices."""
    data = make_data({TENDER: VALID_TENDER})
    (data / "notices" / "2026" / ".#XN-GC-2026-001.yaml").symlink_to("root@host.1234:1700000000")
    (data / "notices" / ".git").mkdir()
    result = run_cli("validate", "--data", data, "--strict", cwd=tmp_path)
    assert result.exit_code == 0, result.out


# --- the readers themselves -----------------------------------------------------------------------


def test_reads_are_bounded_by_the_limit(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:  # sparse: no disk used
        handle.truncate(3 << 30)
    refusal = datafiles.read_file(big, 1024 * 1024)
    assert isinstance(refusal, datafiles.Refusal) and refusal.rule == "file-size"
    assert refusal.message().in_language("zh").startswith("文件有 3145728 KiB，而公告文件最大 1024 KiB：")
    assert refusal.message().in_language("en").startswith("the file is 3145728 KiB; notice files are "
                                                          "limited to 1024 KiB:")


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
def test_read_file_refuses_what_is_not_a_regular_file(kind, tmp_path):
    path = tmp_path / "x.yaml"
    if kind == "symlink":
        (tmp_path / "real.yaml").write_text("a: 1\n")
        path.symlink_to(tmp_path / "real.yaml")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    refusal = datafiles.read_file(path, 1024)
    assert isinstance(refusal, datafiles.Refusal) and refusal.rule == "file-type"


def test_copying_an_attachment_never_follows_a_link(tmp_path):
    files = tmp_path / "data" / "files"
    files.mkdir(parents=True)
    (tmp_path / "secret.txt").write_bytes(b"secret")
    (files / "a.pdf").symlink_to(tmp_path / "secret.txt")
    target = tmp_path / "site" / "a.pdf"
    target.parent.mkdir()
    found = datafiles.copy_attachment(files, "a.pdf", target)
    assert isinstance(found, datafiles.Refusal) and found.rule == "file-type"
    assert not target.exists()


def test_an_attachment_is_copied_and_hashed_as_it_is(tmp_path):
    files = tmp_path / "files"
    (files / "2026").mkdir(parents=True)
    content = os.urandom(3 * datafiles.CHUNK_BYTES + 5)
    (files / "2026" / "a.bin").write_bytes(content)
    target = tmp_path / "a.bin"
    found = datafiles.copy_attachment(files, "2026/a.bin", target)
    assert found == datafiles.Digest(len(content), hashlib.sha256(content).hexdigest())
    assert target.read_bytes() == content
    assert stat.S_ISREG(target.lstat().st_mode)


def test_a_device_is_named_as_such():
    refusal = datafiles.not_a_file(os.lstat("/dev/null").st_mode)
    assert refusal.message().in_language("zh") == "这是设备文件，不是普通文件：换成真正的文件再提交"
    assert refusal.message().in_language("en") == \
        "this is a device, not a file: replace it with the real file and commit that"


@pytest.mark.parametrize(("number", "zh", "en"), [
    (errno.EACCES, "没有读取权限", "permission denied"),
    (errno.EIO, "磁盘读写出错", "input/output error"),
    (errno.EMFILE, "系统错误 `EMFILE`", "system error `EMFILE`"),
])
def test_the_systems_reason_is_said_in_our_words(number, zh, en):
    said = datafiles.reason(OSError(number, os.strerror(number)))
    assert (said.in_language("zh"), said.in_language("en")) == (zh, en)
