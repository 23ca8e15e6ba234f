"""The ledger's check of its version files follows the change (issue 18, item 2): a build
compares a version file's SHA-256 with its entry's without reading the file again when its
identity (size, times, inode) is the one the data digest hashed (data-hashes.json,
buildstate.py); a file changed since has a new ctime and is read. `--clean` and a damaged memo
trust nothing kept."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

from conftest import REPO, VALID_TENDER
from test_data_digest import opens_under

from generator.buildstate import HASHES_FILE, STATE_FILE, HashMemo, scan_data
from generator.commands.build import cache_folder

CONFIG = REPO / "mkdocs.yml"
NOW = "2026-03-10T12:00:00+08:00"
FIRST_ID = "XN-GC-2026-001"
SECOND_ID = "XN-GC-2026-002"
THIRD_ID = "XN-GC-2026-003"


def tender(notice_id: str) -> str:
    return VALID_TENDER.replace(FIRST_ID, notice_id)


def notice_file(notice_id: str) -> str:
    return f"2026/420902/{notice_id}.yaml"


def build(run_cli, data: Path, out: Path, *more: str):
    return run_cli("--config", CONFIG, "--lang", "en", "build", "--data", data, "--out", out,
                   "--now", NOW, *more)


def recorded(run_cli, make_data, tmp_path: Path) -> tuple[Path, Path]:
    """Two notices recorded, then built whole once more (the digest reads the version files
    the recording wrote and keeps their hashes)."""
    data = make_data({notice_file(FIRST_ID): tender(FIRST_ID), notice_file(SECOND_ID): tender(SECOND_ID)})
    out = tmp_path / "site"
    assert build(run_cli, data, out, "--record").exit_code == 0
    rebuild_whole(out)
    assert build(run_cli, data, out).exit_code == 0
    return data, out


def rebuild_whole(out: Path) -> None:
    (cache_folder(out) / STATE_FILE).unlink()


def edit_in_place(version: Path) -> None:
    """Other bytes of the same size, with the file's access and modification times put back:
    only its ctime tells (which no user can set back)."""
    before = version.stat()
    version.write_bytes(version.read_bytes().replace(b"09:00", b"10:00"))
    os.utime(version, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = version.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def differs_line(result, version: str) -> bool:
    [line] = [line for line in result.err.splitlines() if line.strip()]
    return f"version file {version} does not have entry" in line


def test_a_new_notice_builds_without_reading_the_ledgers_version_files(run_cli, make_data, tmp_path) -> None:
    data, out = recorded(run_cli, make_data, tmp_path)
    (data / "notices" / notice_file(THIRD_ID)).write_text(tender(THIRD_ID), encoding="utf-8")
    with opens_under(data / "ledger" / "versions") as opened:
        result = build(run_cli, data, out)
    assert result.exit_code == 0, result.err
    assert opened == Counter()
    assert (out / "notices" / FIRST_ID / "v1.json").is_file()


def test_a_version_file_edited_with_its_size_and_times_put_back_is_caught(run_cli, make_data,
                                                                           tmp_path) -> None:
    data, out = recorded(run_cli, make_data, tmp_path)
    version = data / "ledger" / "versions" / FIRST_ID / "v1.json"
    edit_in_place(version)
    rebuild_whole(out)
    with opens_under(data / "ledger" / "versions") as opened:
        tampered = build(run_cli, data, out)
    assert tampered.exit_code == 1
    assert differs_line(tampered, f"{data.as_posix()}/ledger/versions/{FIRST_ID}/v1.json")
    assert opened[f"{FIRST_ID}/v1.json"] >= 1


def test_clean_and_a_damaged_memo_check_every_version_file(run_cli, make_data, tmp_path) -> None:
    """A memo that says the edited file's new identity has its entry's SHA-256 (as if an
    earlier build had hashed it so) is trusted, as stats are trusted by the "nothing changed"
    check; `--clean`, or a memo that cannot be read, makes the build read every file again."""
    data, out = recorded(run_cli, make_data, tmp_path)
    rel = f"ledger/versions/{FIRST_ID}/v1.json"
    entry_sha256 = hashlib.sha256((data / rel).read_bytes()).digest()
    edit_in_place(data / rel)
    memo_file = cache_folder(out) / HASHES_FILE

    def forge_memo() -> None:
        memo = HashMemo(memo_file)
        for kept_rel, kept in memo.known.items():
            identity, _, sha256 = kept.partition(" ")
            memo.keep(kept_rel, identity, bytes.fromhex(sha256))
        memo.keep(rel, scan_data(data).identities[rel], entry_sha256)
        memo.save()

    forge_memo()
    rebuild_whole(out)
    trusting = build(run_cli, data, out)  # (its copy into the site reads the file: not the check)
    assert trusting.exit_code == 0, trusting.err

    memo_file.write_bytes(b"not a memo\n")
    rebuild_whole(out)
    damaged = build(run_cli, data, out)
    assert damaged.exit_code == 1 and differs_line(damaged, f"{data.as_posix()}/{rel}")

    forge_memo()
    clean = build(run_cli, data, out, "--clean")
    assert clean.exit_code == 1 and differs_line(clean, f"{data.as_posix()}/{rel}")
