"""What the site shows of the publication ledger (issue #16): the 版本记录 section of a notice
page, the rows of the 撤回记录 page, and the files the site serves from the ledger (the tiled
log under `log/`, each readable version's `notices/<id>/v<N>.json` and `.proof`, the proofs through
the output cache).

A version's facts hold only what the ledger holds and the version files: a page changes when
its notice's versions change, never with the build (proofs are against the checkpoint of the
recording that appended the version)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from ..ledger.canonical import changed_fields
from ..ledger.history import EXPIRED, REMOVED, Version
from ..ledger.site import SiteLedger
from ..ledger.store import version_path
from ..pagecache import OutputCache
from ..publish import Source
from ..words import FIELDS, LEDGER_PAGE
from .facts import RemovalRow, VersionLink, VersionRow, VersionsFacts
from .format import iso, show_moment


def version_url(notice_id: str, number: int, suffix: str = ".json") -> str:
    """A version's file under the site root: notices/<id>/v<N>.json (and .proof)."""
    return f"notices/{version_path(notice_id, number).removesuffix('.json')}{suffix}"


def version_history(ledger: SiteLedger, notice_id: str, language: str,
                    tz: ZoneInfo) -> VersionsFacts | None:
    """The 版本记录 of a public notice: every recorded version, then those not yet recorded."""
    history = ledger.history.get(notice_id)
    recorded = history.versions if history is not None else []
    rows = [_recorded_row(ledger, notice_id, version, language, tz) for version in recorded]
    for append in ledger.pending(notice_id):
        if append.form is not None:
            number = append.entry["version"]
            rows.append(VersionRow(
                number=number, time=None, time_iso=None, first=number == 1,
                changes=_changes(ledger, notice_id, number, language),
                comparable=number == 1 or ledger.form(notice_id, number - 1) is not None,
                json_url=None, proof_url=None, pending=True))
    if not rows:
        return None
    return VersionsFacts(rows=rows, pending=any(row.pending for row in rows))


def _recorded_row(ledger: SiteLedger, notice_id: str, version: Version, language: str,
                  tz: ZoneInfo) -> VersionRow:
    number = version.number
    leaving = ledger.leaving(notice_id, number)
    readable = version.readable and leaving is None
    gone, reason = (leaving.event, leaving.entry.get("reason")) if leaving else (version.gone, version.reason)
    return VersionRow(
        number=number, time=show_moment(version.time, tz), time_iso=iso(version.time, tz),
        first=number == 1, changes=_changes(ledger, notice_id, number, language) if readable else [],
        comparable=readable and (number == 1 or ledger.form(notice_id, number - 1) is not None),
        json_url=version_url(notice_id, number) if readable else None,
        proof_url=version_url(notice_id, number, ".proof") if readable else None,
        pending=False, gone=gone, gone_reason=reason)


def _changes(ledger: SiteLedger, notice_id: str, number: int, language: str) -> list[str]:
    if number == 1:
        return []
    before, after = ledger.form(notice_id, number - 1), ledger.form(notice_id, number)
    if before is None or after is None:
        return []
    names = FIELDS.words(language)
    return [names.get(key, key) for key in changed_fields(before, after)]


def removal_rows(ledger: SiteLedger, language: str, tz: ZoneInfo) -> list[RemovalRow]:
    """Everything taken off the site, newest first: the ledger's removed, expired and
    redacted entries, then those a recording would append now (not yet recorded)."""
    words = LEDGER_PAGE.words(language)
    rows = [_removal_row(ledger, event.kind, event.id, event.version, event.time, event.reason,
                         words, tz, pending=False)
            for event in ledger.history.events]
    for append in ledger.plan.appends:
        if append.event != "public":
            rows.append(_removal_row(ledger, append.event, append.id, append.entry["version"],
                                     None, append.entry.get("reason"), words, tz, pending=True))
    rows.reverse()
    return rows


def _removal_row(ledger: SiteLedger, kind: str, notice_id: str, version: int,
                 time: datetime | None, reason: str | None, table: Mapping[str, str],
                 tz: ZoneInfo, *, pending: bool) -> RemovalRow:
    history = ledger.history.get(notice_id)
    readable = [v.number for v in history.versions if v.readable] if history else []
    return RemovalRow(
        kind=kind, kind_label=table[f"kind_{kind}"], id=notice_id, version=version,
        time=show_moment(time, tz) if time else None, time_iso=iso(time, tz) if time else None,
        reason=reason or (table["removal_expired_reason"] if kind == EXPIRED else ""),
        files=[VersionLink(number=n, url=version_url(notice_id, n)) for n in readable]
        if kind == REMOVED else [],
        pending=pending)


def ledger_files(ledger: SiteLedger) -> dict[str, Source]:
    """The site's files kept in the ledger, by their path in the site: the tiled log under
    log/ (as it is in the ledger) and every recorded version still readable. Copied into the
    output, never linked."""
    files = {f"log/{relative}": Source(path, owned=False)
             for relative, path in ledger.stored.log_files()}
    for notice_id, number, _ in readable_versions(ledger):
        files[version_url(notice_id, number)] = Source(ledger.stored.version_file(notice_id, number),
                                                       owned=False)
    return files


def cached_proofs(ledger: SiteLedger, cache: OutputCache) -> dict[str, Source]:
    """Each readable version's inclusion proof, notices/<id>/v<N>.proof, through the output
    cache, by its path in the site. A proof's bytes follow only from its entry's index and the
    checkpoint it is proven against (StoredLedger.proof_source), which a later recording never
    changes: a build makes only the proofs of versions recorded since the last one."""
    files: dict[str, Source] = {}
    for notice_id, number, index in readable_versions(ledger):
        source = ledger.stored.proof_source(index)
        if source is None:
            continue
        path = version_url(notice_id, number, ".proof")
        key = cache.key(path, source)
        file = cache.get(key)
        if file is None:
            proof = ledger.stored.proof(index)
            assert proof is not None  # it has a source
            file = cache.put(key, proof.encode("utf-8"))
        files[path] = Source(file, owned=False)
    return files


def readable_versions(ledger: SiteLedger) -> Iterator[tuple[str, int, int]]:
    """(id, version, log index) of every recorded version whose file is still on the site. A
    version whose expiry or redaction is not yet recorded leaves the site now all the same:
    an expired penalty is shown nowhere from the end of its publicity, and personal data
    declared for redaction must not wait for the next recording."""
    for history in ledger.history.histories.values():
        for version in history.versions:
            if version.readable and ledger.leaving(history.id, version.number) is None:
                yield history.id, version.number, version.index
