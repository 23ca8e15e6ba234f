"""The per-notice store (docs/scale.md, steps 1 and 2): for each public notice, a key of
everything its outputs are made from, and what the build made of it (its page's cache key and
its search record), kept between builds in the cache folder.

A build works out the keys before it renders. A notice whose key the store holds unchanged is
not rendered: its page comes from the page cache by the kept key (made again only when the
cache lost it) and its search record from the kept fields (its text is made only if its shard
is indexed again). The notices whose key changed (the affected set) are made as before, and
their rows replace the kept ones once the new site is live. tests/test_incremental.py checks,
over random edits, additions, withdrawals and moves of the clock, that a rebuild in place
equals a clean build and that every notice page it changed is in the affected set.

A notice's key is made from its inputs, never from its outputs:
- the setup: everything a build depends on but the data and the clock (`build_setup`: all of
  gongshi's code and the packages it uses, mkdocs.yml, content/, theme/, the build's options),
  not only the page cache's fingerprint, which covers what makes a page's HTML from its facts;
- the bytes of every file of its project, by SHA-256 (a penalty: its own file);
- how many of its project's moments (derive.change_moments) lie at or before `now`: its
  status, its deadline as amended, its withdrawal all move only at those;
- its region's names, up the tree;
- its attachments' files (their size and times) and which remote ones this build verified;
- its rows of the publication log (made for the whole site from the log), and its project's
  flags with the titles of the notices they name (made for the whole site from every project).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import astuple, dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .dataset import Dataset, NoticeFile
from .derive import PublicNotice, change_moments, files_by_project
from .errors import BuildFailed, describe_os_error
from .render.facts import key_bytes
from .render.pages import KnownProducts, RenderContext, flag_notes
from .render.versions import version_history
from .words import COMMANDS

STORE_FILE = "notices.sqlite"
PRODUCTS = "page_key, record, entry_text, entry_summary"  # Products' fields, in their order
FORMAT = 5  # of the tables and of the keys: a store of another format is emptied, not read


@dataclass(frozen=True)
class Affected:
    """The public notices whose key changed since the last build (those new to the store
    included), and those the store knew that are no longer public. `known`: the store held
    notices of this setup before this build (else every notice is in `changed`)."""

    changed: frozenset[str]
    gone: frozenset[str]
    known: bool


@dataclass(frozen=True)
class Products:
    """What a build made of a notice: its page's cache key, its search record
    (search.record_row), and the digests of its feed entries with its text and without
    (feeds.FeedSources.entry_key; None when the build made no such entry)."""

    page_key: str
    record: str
    entry_text: str | None
    entry_summary: str | None


@dataclass(frozen=True)
class Previous:
    """The store as the build found it, against this build's keys: the affected set, and what
    was kept of every other notice."""

    affected: Affected
    kept: dict[str, Products]
    # archive pages, feed files, calendars: path → (input, cache key) (render.pages.KnownProducts)
    outputs: dict[str, tuple[bytes, str]]

    def known(self, setup: str, keys: Mapping[str, bytes]) -> KnownProducts:
        """What the render takes in place of making it again, with this build's keys."""
        entries: dict[tuple[str, bool], str] = {}
        for id_, products in self.kept.items():
            if products.entry_text is not None:
                entries[(id_, True)] = products.entry_text
            if products.entry_summary is not None:
                entries[(id_, False)] = products.entry_summary
        return KnownProducts(setup, keys,
                             notice_pages={id_: row.page_key for id_, row in self.kept.items()},
                             records={id_: row.record for id_, row in self.kept.items()},
                             entries=entries, outputs=self.outputs)


def notice_keys(ctx: RenderContext, dataset: Dataset, setup: str) -> dict[str, bytes]:
    """Each public notice's id → the SHA-256 of what its outputs are made from (module
    docstring). Needs the context's log and flags, not the notices' facts."""
    now, tz = ctx.site.now, ctx.site.tz
    # once a project, however many of its notices are public: its files and its moments passed
    projects = {code: _project_part(files, now, tz)
                for code, files in files_by_project(dataset.notices).items()}  # public or not yet
    flags: dict[str, bytes] = {}  # by project: its notices' flag notes are the same
    keys: dict[str, bytes] = {}
    for pn in ctx.site.notices:
        digest = hashlib.sha256(f"{FORMAT}\0{setup}\0".encode())
        digest.update(projects[pn.project_code] if pn.project_code is not None else
                      _project_part([pn.file], now, tz))
        digest.update("\0".join(f"{node.code}:{node.name}" for node in pn.region.path()).encode())
        digest.update(_attachments(ctx, pn).encode())
        versions = version_history(ctx.ledger, pn.id, ctx.language, tz) if ctx.ledger is not None else None
        digest.update(key_bytes(versions) if versions is not None else b"-")
        if pn.type == "penalty" or pn.project_code is None:  # no flag box (flag_notes)
            digest.update(b"-")
        else:
            if pn.project_code not in flags:
                flags[pn.project_code] = b"".join(key_bytes(note) for note in flag_notes(ctx, pn))
            digest.update(flags[pn.project_code])
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


def previous(folder: Path, keys: Mapping[str, bytes], *, fresh: bool = False) -> Previous:
    """Compare `keys` with those the store in `folder` kept. `fresh` (a --clean build): the
    store is not read, every notice is affected. Reads only: the store changes after the new
    site is live (`keep`), so a build that fails leaves it as it was."""
    kept: dict[str, Products] = {}
    outputs: dict[str, tuple[bytes, str]] = {}
    stored: set[str] = set()
    if not fresh and (folder / STORE_FILE).exists():
        with _store(folder) as connection:
            if _current(connection):
                for id_, key, *products in connection.execute(
                        f"select id, key, {PRODUCTS} from notices"):
                    stored.add(id_)
                    if keys.get(id_) == key:
                        kept[id_] = Products(*products)
                outputs = {path: (bytes(given), key) for path, given, key in
                           connection.execute("select path, input, key from outputs")}
    changed = frozenset(keys.keys() - kept.keys())
    return Previous(Affected(changed, frozenset(stored - keys.keys()), bool(stored)), kept, outputs)


def keep(folder: Path, keys: Mapping[str, bytes], affected: Affected,
         made: Iterable[tuple[str, Products]], inputs: Mapping[str, bytes],
         output_keys: Mapping[str, str]) -> None:
    """Replace the rows of the affected notices with what this build made of them, and drop
    those no longer public; when the store was not known (empty, of another format, or a
    --clean build), every row is written afresh. `inputs`: the input of every output of this
    build that has one (an archive page, a feed file, a calendar), by path; those in
    `output_keys` were made by it (with that cache key), and their rows are replaced; the rows
    of other paths are dropped."""
    folder.mkdir(parents=True, exist_ok=True)
    with _store(folder) as connection:
        if not _current(connection) or not affected.known:
            _stamp(connection)
        connection.executemany("delete from notices where id = ?", [(id_,) for id_ in sorted(affected.gone)])
        connection.executemany(
            f"insert or replace into notices (id, key, {PRODUCTS}) values (?, ?, ?, ?, ?, ?)",
            ((id_, keys[id_], *astuple(products)) for id_, products in made))
        stale = [(path,) for path, in connection.execute("select path from outputs") if path not in inputs]
        connection.executemany("delete from outputs where path = ?", stale)
        connection.executemany("insert or replace into outputs (path, input, key) values (?, ?, ?)",
                               ((path, given, output_keys[path]) for path, given in inputs.items()
                                if path in output_keys))


@contextmanager
def _store(folder: Path) -> Iterator[sqlite3.Connection]:
    """The store's connection, in one transaction (committed if the block ends well); its
    failures are the build's, in one line."""
    file = folder / STORE_FILE
    try:
        with closing(sqlite3.connect(file)) as connection, connection:
            yield connection
    except sqlite3.Error as exc:
        raise BuildFailed(COMMANDS.message("store_failed", file=str(file), detail=str(exc))) from None
    except OSError as exc:
        raise BuildFailed(describe_os_error(exc)) from None


def _current(connection: sqlite3.Connection) -> bool:
    """Whether the store's tables are of this FORMAT (a store without them is not)."""
    connection.execute("create table if not exists format (version integer not null)")
    version = connection.execute("select version from format").fetchone()
    return version is not None and version[0] == FORMAT


def _stamp(connection: sqlite3.Connection) -> None:
    """Make the tables of this FORMAT, empty, in place of any others."""
    connection.execute("drop table if exists notices")
    connection.execute("drop table if exists pages")  # of FORMAT 4
    connection.execute("drop table if exists outputs")
    connection.execute("create table outputs (path text primary key, input blob not null, "
                       "key text not null)")
    connection.execute("create table notices (id text primary key, key blob not null, "
                       "page_key text not null, record text not null, entry_text text, "
                       "entry_summary text)")
    connection.execute("delete from format")
    connection.execute("insert into format (version) values (?)", (FORMAT,))
