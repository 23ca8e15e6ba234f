"""Attachments beyond what one notice file says (issue #19): local files too large for the
repository, and remote files (`url` with `size` and `sha256`) checked against their declaration
by `gongshi build --check-remote`.

A remote file is downloaded once per declaration: streamed through SHA-256 (never whole in
memory, never kept: the site links to it where it is), stopped as soon as it is longer than
declared. A file that matches leaves a small record in the build cache, named by its declared
digest, size and address, so that later builds download nothing for it; `--clean` checks every
file again. Downloads are https only (the model refuses other addresses, and a redirect to
anything but https:// is refused here) and trust the system's certificate authorities, or the
bundle OpenSSL's standard variable SSL_CERT_FILE names (an internal authority; the tests' own).
"""

from __future__ import annotations

import hashlib
import http.client
import os
import stat
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from . import __version__
from .cachefile import Stamp, claim_folder, write_bytes
from .dataset import Dataset, NoticeFile
from .errors import Problem, Rule
from .load import Key
from .words import REMOTE_PROBLEMS, Message, shown
from .words.commands import as_said

MEBIBYTE = 1024 * 1024
CHUNK_BYTES = MEBIBYTE  # read and hashed this much at a time
DOWNLOAD_TIMEOUT_SECONDS = 60.0  # without a byte from the server, a download has failed
CACHE_STAMP = Stamp("gongshi-remote-checks 1", "")  # what a record means never depends on code


# --- local files over the site's limit --------------------------------------------------------------


def oversized_attachments(dataset: Dataset, limit_mb: int) -> list[Problem]:
    """One problem per local attachment larger than `limit_mb` MiB (files that cannot be
    read are reported by the checks of checks.py, not here)."""
    limit = limit_mb * MEBIBYTE
    files_dir = dataset.files_dir()
    problems = []
    for nf in dataset.notices:
        for index, attachment in enumerate(nf.notice.attachments or []):
            if attachment.file is None or attachment.url is not None:
                continue
            size = _regular_size(files_dir / attachment.file)
            if size is not None and size > limit:
                problems.append(nf.problem(("attachments", index, "file"), Rule.ATTACHMENT_TOO_LARGE,
                                           REMOTE_PROBLEMS.message(
                                               "too_large", path=shown(f"{files_dir.name}/{attachment.file}"),
                                               size=f"{size / MEBIBYTE:.1f} MB", limit=limit_mb)))
    return problems


def _regular_size(path: Path) -> int | None:
    try:
        found = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return found.st_size if stat.S_ISREG(found.st_mode) else None


# --- remote files against their declaration ------------------------------------------------------------


@dataclass(frozen=True)
class Declared:
    """A remote file as a notice declares it."""

    url: str
    size: int
    sha256: str

    def record_name(self) -> str:
        """Its record in the cache: by declared digest and size, then the address."""
        return f"{self.sha256}-{self.size}-{hashlib.sha256(self.url.encode()).hexdigest()[:32]}"


def declared_files(dataset: Dataset) -> dict[Declared, list[tuple[NoticeFile, Key]]]:
    """Each remote file declared in the data, with where: a file named by several notices is
    downloaded once and, when it differs, reported at each."""
    found: dict[Declared, list[tuple[NoticeFile, Key]]] = {}
    for nf in dataset.notices:
        for index, attachment in enumerate(nf.notice.attachments or []):
            if attachment.declared:
                assert attachment.url and attachment.size and attachment.sha256  # declared
                declared = Declared(attachment.url, attachment.size, attachment.sha256)
                found.setdefault(declared, []).append((nf, ("attachments", index, "url")))
    return found


@dataclass(frozen=True)
class Refused:
    """Why a declared file was not verified: its rule and sentence."""

    rule: Rule
    message: Message


def check_remote(dataset: Dataset, cache: Path, *, fresh: bool = False,
                 timeout: float = DOWNLOAD_TIMEOUT_SECONDS) -> tuple[frozenset[str], list[Problem]]:
    """The digests of the declared remote files that match their declaration (every one, when
    nothing is refused), and one problem at each declaration of a file that does not match or
    cannot be downloaded. `fresh`: download every file again (`--clean`)."""
    claim_folder(cache, CACHE_STAMP)
    verified: set[str] = set()
    problems: list[Problem] = []
    for declared, places in declared_files(dataset).items():
        record = cache / declared.record_name()
        if not fresh and record.is_file():
            verified.add(declared.sha256)
            continue
        refused = verify(declared, timeout)
        if refused is None:
            write_bytes(record, declared.url.encode())
            verified.add(declared.sha256)
            continue
        problems += [nf.problem(key, refused.rule, refused.message) for nf, key in places]
    return frozenset(verified), problems


class _InsecureRedirect(Exception):
    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


class _HttpsRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to https:// only: a file declared on https must not arrive over http."""

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: http.client.HTTPMessage, newurl: str) -> urllib.request.Request | None:
        if not newurl.lower().startswith("https://"):
            raise _InsecureRedirect(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def verify(declared: Declared, timeout: float = DOWNLOAD_TIMEOUT_SECONDS) -> Refused | None:
    """Download `declared.url` and compare it with its declaration: None when it matches."""
    url = shown(declared.url, limit=200)
    opener = urllib.request.build_opener(_HttpsRedirects())
    request = urllib.request.Request(declared.url, headers={
        "User-Agent": f"gongshi/{__version__} (+check-remote)", "Accept-Encoding": "identity"})
    try:
        with opener.open(request, timeout=timeout) as response:
            return _compared(declared, url, response)
    except urllib.error.HTTPError as exc:
        return _download_refused("download_status", url=url, status=str(exc.code))
    except _InsecureRedirect as exc:
        return _download_refused("download_redirect", url=url, target=shown(exc.target, limit=200))
    except TimeoutError:
        return _download_refused("download_timeout", url=url, seconds=f"{timeout:g}")
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            return _download_refused("download_timeout", url=url, seconds=f"{timeout:g}")
        return _download_refused("download_failed", url=url, reason=as_said(exc.reason))
    except (OSError, http.client.HTTPException) as exc:  # reset, truncated, not HTTP at all
        return _download_refused("download_failed", url=url, reason=as_said(exc))


def _compared(declared: Declared, url: str, response: http.client.HTTPResponse) -> Refused | None:
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) != declared.size:  # said before a byte is read
        return _mismatch("size_mismatch", url=url, expected=str(declared.size), found=length)
    digest = hashlib.sha256()
    count = 0
    for chunk in _chunks(response):
        count += len(chunk)
        if count > declared.size:
            return _mismatch("size_over", url=url, expected=str(declared.size))
        digest.update(chunk)
    if count != declared.size:
        return _mismatch("size_mismatch", url=url, expected=str(declared.size), found=str(count))
    if digest.hexdigest() != declared.sha256:
        return _mismatch("hash_mismatch", url=url, expected=declared.sha256, found=digest.hexdigest())
    return None


def _chunks(response: http.client.HTTPResponse) -> Iterator[bytes]:
    while chunk := response.read(CHUNK_BYTES):
        yield chunk


def _mismatch(key: str, **values: str) -> Refused:
    return Refused(Rule.ATTACHMENT_MISMATCH, REMOTE_PROBLEMS.message(key, **values))


def _download_refused(key: str, **values: str) -> Refused:
    return Refused(Rule.ATTACHMENT_DOWNLOAD, REMOTE_PROBLEMS.message(key, **values))
