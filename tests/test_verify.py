"""`gongshi verify SITE [--since CHECKPOINT]` over small sites written by hand: version files,
a log made with TiledLog.append, a checkpoint signed with a key made here. Each tamper of
issue #16 is caught and named; the honest cases pass."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import tlog

ORIGIN = "gongshi.example/log"
TIME = "2026-03-01T09:00:00+08:00"


class SiteMaker:
    """A site folder with its log: `publish` writes version files and appends their entries."""

    def __init__(self, root: Path, signer: tlog.Signer | None) -> None:
        self.root = root
        self.signer = signer
        self.log = tlog.TiledLog(root / "log")

    def version(self, notice: str, version: int, text: str) -> dict:
        data = json.dumps({"id": notice, "version": version, "title": text}, ensure_ascii=False).encode()
        path = self.root / "notices" / notice / f"v{version}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return {"event": "public", "id": notice, "version": version, "time": TIME,
                "sha256": hashlib.sha256(data).hexdigest()}

    def append(self, *entries: dict) -> str:
        self.log.append([tlog.encode_entry(entry) for entry in entries])
        body = tlog.checkpoint_body(ORIGIN, self.log.size, self.log.root())
        text = body if self.signer is None else tlog.sign_note(body, self.signer)
        (self.root / "log" / "checkpoint").write_text(text, encoding="utf-8")
        return text


@pytest.fixture(scope="module")
def signer() -> tlog.Signer:
    return tlog.generate_signer(ORIGIN)


def _config(folder: Path, signer: tlog.Signer | None) -> Path:
    config = folder / "mkdocs.yml"
    log = f"\n    log:\n      origin: {ORIGIN}\n" + (f"      public_key: {signer.verifier_key}\n" if signer else "")
    config.write_text(f"site_name: test\nextra:\n  gongshi:\n    language: en{log}", encoding="utf-8")
    return config


def _site(tmp_path: Path, signer: tlog.Signer | None, notices: int = 3) -> SiteMaker:
    site = SiteMaker(tmp_path / "site", signer)
    site.append(*[site.version(f"N-{n}", 1, f"notice {n}") for n in range(notices)])
    return site


def test_an_honest_site_verifies(tmp_path: Path, run_cli, signer) -> None:
    site = _site(tmp_path, signer)
    site.append(site.version("N-0", 2, "notice 0, amended"))
    result = run_cli("--config", _config(tmp_path, signer), "verify", site.root)
    assert (result.exit_code, result.err) == (0, "")
    assert result.out.strip() == ("the log holds: 4 entries, its root as the checkpoint says; "
                                  "4 version file(s) checked")


def test_the_summary_is_chinese_by_default(tmp_path: Path, run_cli, signer) -> None:
    site = _site(tmp_path, signer)
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\nextra:\n  gongshi:\n    log:\n      public_key: {signer.verifier_key}\n",
                      encoding="utf-8")
    result = run_cli("--config", config, "verify", site.root)
    assert result.exit_code == 0 and "日志完好：3 条" in result.out


def test_an_edited_version_file_is_named(tmp_path: Path, run_cli, signer) -> None:
    site = _site(tmp_path, signer)
    edited = site.root / "notices" / "N-1" / "v1.json"
    edited.write_bytes(edited.read_bytes().replace(b"notice 1", b"notice 1!"))
    result = run_cli("--config", _config(tmp_path, signer), "verify", site.root)
    assert result.exit_code == 1
    assert result.err.startswith("gongshi: notices/N-1/v1.json has SHA-256 ")
    recorded = tlog.decode_entry(site.log.entry(1))["sha256"]
    assert result.err.strip() == (f"gongshi: notices/N-1/v1.json has SHA-256 {hashlib.sha256(edited.read_bytes()).hexdigest()}, "
                                  f"log entry 1 records {recorded}")
    assert len(result.err.strip().splitlines()) == 1


def test_an_entry_removed_from_the_log_is_caught(tmp_path: Path, run_cli, signer) -> None:
    """The log rewritten without entry 1, tiles and all: the signed checkpoint no longer fits."""
    site = _site(tmp_path, signer)
    kept = [site.log.entry(0), site.log.entry(2)]
    shutil.rmtree(site.root / "log" / "tile")
    tlog.TiledLog(site.root / "log").append(kept)
    result = run_cli("--config", _config(tmp_path, signer), "verify", site.root)
    assert result.exit_code == 1
    assert result.err.strip() == "gongshi: log/tile/entries/000.p/3 is missing"


def test_a_checkpoint_resigned_over_a_log_without_an_entry_fails_since(tmp_path: Path, run_cli, signer) -> None:
    """Whoever holds the key can rewrite the log consistently; the saved checkpoint catches it."""
    site = _site(tmp_path, signer)
    saved = tmp_path / "saved-checkpoint"
    shutil.copy(site.root / "log" / "checkpoint", saved)
    kept = [tlog.decode_entry(e) for e in site.log.entries() if b'"N-1"' not in e]
    (site.root / "notices" / "N-1" / "v1.json").unlink()
    shutil.rmtree(site.root / "log")
    rebuilt = SiteMaker(site.root, signer)
    rebuilt.append(*kept, rebuilt.version("N-3", 1, "notice 3"))
    assert run_cli("--config", _config(tmp_path, signer), "verify", site.root).exit_code == 0
    result = run_cli("--config", _config(tmp_path, signer), "verify", site.root, "--since", saved)
    assert result.exit_code == 1
    assert result.err.strip() == (f"gongshi: the earlier checkpoint {saved} (size 3) is not a prefix of the "
                                  "current log (size 3): the log has been rewritten")


def test_since_across_an_honest_edit_passes_and_a_rebuild_after_an_edit_fails(
        tmp_path: Path, run_cli, signer) -> None:
    site = _site(tmp_path, signer, notices=300)  # across a full tile
    saved = tmp_path / "saved"
    shutil.copy(site.root / "log" / "checkpoint", saved)
    site.append(site.version("N-7", 2, "notice 7, amended"))
    config = _config(tmp_path, signer)
    honest = run_cli("--config", config, "verify", site.root, "--since", saved)
    assert honest.exit_code == 0, honest.err
    assert "the earlier checkpoint of size 300 is a prefix of it" in honest.out
    # the log built again from scratch after editing version 1 of N-7 in place
    entries = [tlog.decode_entry(e) for e in site.log.entries()]
    shutil.rmtree(site.root / "log")
    again = SiteMaker(site.root, signer)
    entries[7] = again.version("N-7", 1, "notice 7, quietly changed")
    again.append(*entries)
    assert run_cli("--config", config, "verify", site.root).exit_code == 0
    rewritten = run_cli("--config", config, "verify", site.root, "--since", saved)
    assert rewritten.exit_code == 1 and "the log has been rewritten" in rewritten.err


def test_a_checkpoint_signed_with_another_key_fails(tmp_path: Path, run_cli, signer) -> None:
    site = _site(tmp_path, tlog.generate_signer(ORIGIN))
    result = run_cli("--config", _config(tmp_path, signer), "verify", site.root)
    assert result.exit_code == 1
    assert result.err.strip() == f"gongshi: log/checkpoint: no signature by the configured key {ORIGIN}"


def test_a_forged_signature_by_the_right_key_name_and_id_fails(tmp_path: Path, run_cli, signer) -> None:
    site = _site(tmp_path, signer)
    checkpoint = site.root / "log" / "checkpoint"
    checkpoint.write_text(checkpoint.read_text(encoding="utf-8").replace("\n3\n", "\n2\n", 1), encoding="utf-8")
    result = run_cli("--config", _config(tmp_path, signer), "verify", site.root)
    assert (result.exit_code, result.err.strip()) == (
        1, f"gongshi: log/checkpoint: the signature by key {ORIGIN} does not verify")


def test_an_unsigned_checkpoint_fails_with_a_key_and_is_reported_without(tmp_path: Path, run_cli, signer) -> None:
    site = _site(tmp_path, None)
    assert run_cli("--config", _config(tmp_path, signer), "verify", site.root).exit_code == 1
    result = run_cli("--config", _config(tmp_path, None), "verify", site.root)
    assert result.exit_code == 0
    assert result.err.strip() == ("note: the checkpoint is unsigned, and no public key is configured "
                                  "(`extra.gongshi.log.public_key`)")


def test_a_missing_version_file_fails_unless_its_expiry_is_logged(tmp_path: Path, run_cli, signer) -> None:
    site = _site(tmp_path, signer)
    (site.root / "notices" / "N-2" / "v1.json").unlink()
    config = _config(tmp_path, signer)
    missing = run_cli("--config", config, "verify", site.root)
    assert missing.exit_code == 1
    assert missing.err.strip() == (
        "gongshi: log entry 2 records version 1 of N-2 as public, but the site has no notices/N-2/v1.json "
        "and the log records neither its expiry nor its redaction")
    site.append({"event": "expired", "id": "N-2", "version": 1, "time": TIME})
    expired = run_cli("--config", config, "verify", site.root)
    assert expired.exit_code == 0, expired.err
    assert "2 version file(s) checked" in expired.out


def test_a_tile_that_differs_from_its_entries_is_named(tmp_path: Path, run_cli, signer) -> None:
    site = _site(tmp_path, signer)
    tile = site.root / "log" / "tile" / "0" / "000.p" / "3"
    tile.write_bytes(bytes(32) + tile.read_bytes()[32:])
    result = run_cli("--config", _config(tmp_path, signer), "verify", site.root)
    assert result.err.strip() == "gongshi: log/tile/0/000.p/3 differs from the hashes recomputed from the entries"


def test_usage_errors_exit_2(tmp_path: Path, run_cli, signer) -> None:
    config = _config(tmp_path, signer)
    nowhere = run_cli("--config", config, "verify", tmp_path / "nowhere")
    assert (nowhere.exit_code, nowhere.err) == (2, f"gongshi: cannot read the site {tmp_path / 'nowhere'}: not a folder\n")
    unreachable = run_cli("--config", config, "verify", "http://127.0.0.1:9/")
    assert unreachable.exit_code == 2 and "cannot read the site http://127.0.0.1:9/" in unreachable.err
    site = _site(tmp_path, signer)
    no_since = run_cli("--config", config, "verify", site.root, "--since", tmp_path / "none")
    assert no_since.exit_code == 2 and "cannot read the earlier checkpoint" in no_since.err
    assert run_cli("--config", config, "verify").exit_code == 2


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served by http.server on a free port, in a thread."""
    root = tmp_path / "served"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # the test's output stays clean
        pass


def test_verify_over_http_with_since_by_url(served, run_cli, signer, tmp_path: Path) -> None:
    root, url = served
    site = SiteMaker(root, signer)
    site.append(site.version("N-1", 1, "one"))
    shutil.copy(root / "log" / "checkpoint", root / "old-checkpoint")
    site.append(site.version("N-2", 1, "two"), site.version("N-1", 2, "one, amended"))
    config = _config(tmp_path, signer)
    result = run_cli("--config", config, "verify", url, "--since", url + "old-checkpoint")
    assert result.exit_code == 0, result.err
    assert "3 version file(s) checked" in result.out and "size 1 is a prefix" in result.out
    (root / "notices" / "N-2" / "v1.json").write_bytes(b"{}")
    tampered = run_cli("--config", config, "verify", url)
    assert tampered.exit_code == 1 and tampered.err.startswith("gongshi: notices/N-2/v1.json has SHA-256")


def test_log_key_writes_a_key_verify_accepts(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "log.key"
    made = run_cli("--lang", "en", "log-key", ORIGIN, "--out", out)
    assert made.exit_code == 0 and "never commit it" in made.err
    public_key = made.out.strip()
    signer = tlog.load_signer(out)
    assert signer.verifier_key == public_key and out.stat().st_mode & 0o077 == 0
    again = run_cli("--lang", "en", "log-key", ORIGIN, "--out", out)
    assert again.exit_code == 2 and "exists" in again.err
    site = _site(tmp_path, signer)
    assert run_cli("--config", _config(tmp_path, signer), "verify", site.root).exit_code == 0
