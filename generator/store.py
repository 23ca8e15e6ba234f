"""The per-notice store, step 1 of docs/scale.md: for each public notice, a key of everything
its outputs are made from, kept between builds in the cache folder, and the notices whose key
changed since the last build (the affected set).

Nothing is skipped by it yet. A build works the set out and reports it (BuildReport.affected),
and tests/test_incremental.py checks, over random edits, additions, withdrawals and moves of
the clock, that every notice page a rebuild changes is in it. Later steps may take the other
notices' outputs from the store only while that holds.

A notice's key is made from its inputs, never from its outputs:
- the setup (the page cache's fingerprint: gongshi's code, mkdocs.yml, content/, theme/);
- the bytes of every file of its project, by SHA-256 (a penalty: its own file);
- how many of its project's moments (derive.change_moments) lie at or before `now`: its
  status, its deadline as amended, its withdrawal all move only at those;
- its region's names, up the tree;
- its attachments' files (their size and times) and which remote ones this build verified;
- its rows of the publication log, and its project's flags (both made for the whole site;
  read for now where its facts hold them, which step 2 must replace to skip the facts).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .dataset import Dataset, NoticeFile
from .derive import PublicNotice, change_moments, files_by_project
from .errors import BuildFailed, describe_os_error
from .render.facts import key_bytes
from .render.pages import RenderContext
from .words import COMMANDS

STORE_FILE = "notices.sqlite"
FORMAT = 1  # of the tables and of the keys: a store of another format is emptied, not read


@dataclass(frozen=True)
class Affected:
    """The public notices whose key changed since the last build (those new to the store
    included), and those the store knew that are no longer public. `known`: the store held
    notices of this setup before this build (else every notice is in `changed`)."""

    changed: frozenset[str]
    gone: frozenset[str]
    known: bool


def notice_keys(ctx: RenderContext, dataset: Dataset, setup: str) -> dict[str, bytes]:
    """Each public notice's id → the SHA-256 of what its outputs are made from (module
    docstring). Reads the notices' version rows and flags as their facts hold them: the same
    values, made once for the whole site from the log and the flags."""
    now, tz = ctx.site.now, ctx.site.tz
    # once a project, however many of its notices are public: its files and its moments passed
    projects = {code: _project_part(files, now, tz)
                for code, files in files_by_project(dataset.notices).items()}  # public or not yet
    keys: dict[str, bytes] = {}
    for pn in ctx.site.notices:
        digest = hashlib.sha256(f"{FORMAT}\0{setup}\0".encode())
        digest.update(projects[pn.project_code] if pn.project_code is not None else
                      _project_part([pn.file], now, tz))
        digest.update("\0".join(f"{node.code}:{node.name}" for node in pn.region.path()).encode())
        digest.update(_attachments(ctx, pn).encode())
        facts = ctx.notice_facts(pn)
        digest.update(key_bytes(facts.versions) if facts.versions is not None else b"-")
        for flag in facts.flags:
            digest.update(key_bytes(flag))
        keys[pn.id] = digest.digest()
    return keys


def _project_part(files: list[NoticeFile], now: datetime, tz: ZoneInfo) -> bytes:
    """A project's files (id and SHA-256, by id) and how many of its moments have passed."""
    passed = sum(1 for moment in change_moments(files, tz) if moment <= now)
    return b"".join(nf.id.encode() + b"\0" + nf.sha256 for nf in sorted(files, key=lambda nf: nf.id)) \
        + f"\0{passed}\0".encode()


def _attachments(ctx: RenderContext, pn: PublicNotice) -> str:
    """The notice's attachment files as they stand (a file replaced under the same name
    changes the size the page states), and its remote ones this build verified."""
    parts: list[str] = []
    for attachment in pn.notice.attachments or []:
        if attachment.file is not None:
            try:
                found = (ctx.files_dir / attachment.file).stat()
                parts.append(f"{attachment.file}:{found.st_size}:{found.st_mtime_ns}:{found.st_ino}")
            except OSError:
                parts.append(f"{attachment.file}:-")
        else:  # a remote file: the page says whether this build checked its digest
            parts.append(f"{attachment.url}:{attachment.sha256}:{attachment.sha256 in ctx.verified_remote}")
    return "\0" + "\0".join(parts)


def affected(folder: Path, keys: Mapping[str, bytes], *, fresh: bool = False) -> Affected:
    """Compare `keys` with those the store in `folder` kept, then keep `keys` in their place.
    `fresh` (a --clean build): the store's rows are not read, only replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with closing(sqlite3.connect(folder / STORE_FILE)) as connection, connection:
            current = _tables(connection)
            kept = _kept(connection) if current and not fresh else {}
            changed = frozenset(id_ for id_, key in keys.items() if kept.get(id_) != key)
            gone = frozenset(kept.keys() - keys.keys())
            if not kept:
                connection.execute("delete from notices")
            connection.executemany("delete from notices where id = ?", [(id_,) for id_ in sorted(gone)])
            connection.executemany("insert or replace into notices (id, key) values (?, ?)",
                                   [(id_, keys[id_]) for id_ in sorted(changed)])
    except sqlite3.Error as exc:
        raise BuildFailed(COMMANDS.message("store_failed", file=str(folder / STORE_FILE),
                                           detail=str(exc))) from None
    except OSError as exc:
        raise BuildFailed(describe_os_error(exc)) from None
    return Affected(changed, gone, bool(kept))


def _tables(connection: sqlite3.Connection) -> bool:
    """Make the tables if missing; whether they were of this FORMAT (else they are emptied and
    stamped with it)."""
    connection.execute("create table if not exists format (version integer not null)")
    connection.execute("create table if not exists notices (id text primary key, key blob not null)")
    version = connection.execute("select version from format").fetchone()
    if version is not None and version[0] == FORMAT:
        return True
    connection.execute("delete from format")
    connection.execute("insert into format (version) values (?)", (FORMAT,))
    return False


def _kept(connection: sqlite3.Connection) -> dict[str, bytes]:
    return {id_: bytes(key) for id_, key in connection.execute("select id, key from notices")}
