"""`gongshi build --record` and every other build against the ledger (issue #16), on a small
data folder: versions recorded and published with proofs that verify, an edit as a new
version, a removal, a redaction and an expiry, an embargoed notice left out, a build that
never writes the ledger, and a deleted notice that stops the build."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import lxml.html
from conftest import REPO, VALID_TENDER
from test_build_atomic import comparable, differences

from generator import tlog
from generator.buildstate import STATE_FILE
from generator.commands.build import build as run_build
from generator.commands.build import cache_folder
from generator.config import load_settings
from generator.ledger.store import StoredLedger
from generator.words import FIELDS, LEDGER_PAGE

SAID = LEDGER_PAGE.words("zh")  # the site's language (--lang changes only the messages)

CONFIG = REPO / "mkdocs.yml"
TENDER_ID = "XN-GC-2026-001-ZB"
TENDER = f"2026/420902/{TENDER_ID}.yaml"
GONE_ID = "XN-GC-2026-002-ZB"
GONE = f"2026/420902/{GONE_ID}.yaml"
EMBARGOED_ID = "XN-GC-2026-003-ZB"
EMBARGOED = f"2026/420902/{EMBARGOED_ID}.yaml"
PENALTY_ID = "CF-420902-2026-001"
PENALTY = f"2026/420902/{PENALTY_ID}.yaml"
PENALTY_YAML = """\
type: penalty
title: 关于对某建筑公司串通投标行为的行政处罚公告
region: "420902"
published: 2026-03-02
publisher: 孝感市公共资源交易中心
subject: {name: 孝感市某建筑有限公司, kind: company, uscc: 91350100M000100Y43}
decision_no: 孝罚〔2026〕1 号
decided: 2026-03-01
authority: 孝感市住房和城乡建设局
violation: 串通投标
basis: 《中华人民共和国招标投标法》第五十三条
sanctions: [{kind: fine, amount: 10000}]
publicity_end: 2026-03-20
"""


def other_tender(number: str, published: str) -> str:
    return (VALID_TENDER.replace("XN-GC-2026-001", f"XN-GC-2026-{number}")
            .replace("published: 2026-03-01 09:00", f"published: {published}")
            .replace("deadline: 2026-03-25 09:30", "deadline: 2026-07-25 09:30")
            .replace("time: 2026-03-25 09:30", "time: 2026-07-25 09:30"))


def ledger_bytes(data: Path) -> dict[str, bytes]:
    folder = data / "ledger"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(run_cli, data: Path, out: Path, now: str, *more: str):
    return run_cli("--config", CONFIG, "--lang", "en", "build", "--data", data, "--out", out,
                   "--now", now, *more)


def proven(site: Path, notice_id: str, number: int) -> dict:
    """The version's entry, after checking its file against it and its proof against the
    proof's checkpoint; the checkpoint is returned too."""
    version = (site / "notices" / notice_id / f"v{number}.json").read_bytes()
    proof = tlog.parse_proof((site / "notices" / notice_id / f"v{number}.proof").read_text(encoding="utf-8"))
    checkpoint = tlog.parse_checkpoint(proof.checkpoint_text)
    entry = tlog.TiledLog(site / "log").entry(proof.index)
    tlog.verify_inclusion(tlog.leaf_hash(entry), proof.index, checkpoint.size, proof.hashes, checkpoint.root)
    decoded = tlog.decode_entry(entry)
    assert decoded["id"] == notice_id and decoded["version"] == number
    assert decoded["sha256"] == hashlib.sha256(version).hexdigest()
    return {"entry": decoded, "checkpoint": proof.checkpoint_text}


def version_rows(site: Path, notice_id: str) -> list[list[str | None]]:
    """The 版本记录 table of a notice page: per row its cells' text (the time cell None when
    it holds no text)."""
    page = lxml.html.parse(str(site / "notices" / notice_id / "index.html")).getroot()
    rows = page.xpath("//section[@id='gs-versions']//tbody/tr")
    return [[" ".join(cell.text_content().split()) or None for cell in row.xpath("./th|./td")]
            for row in rows]


def page_text(site: Path, path: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (site / path).read_text(encoding="utf-8")))


def test_record_edit_remove_redact_expire_and_refuse_a_deleted_notice(run_cli, make_data, tmp_path) -> None:
    data = make_data({TENDER: VALID_TENDER, GONE: other_tender("002", "2026-03-03 09:00"),
                      EMBARGOED: other_tender("003", "2026-04-01 09:00"), PENALTY: PENALTY_YAML})
    out = tmp_path / "site"

    first = build(run_cli, data, out, "2026-03-10T12:00:00+08:00", "--record")
    assert first.exit_code == 0, first.err
    assert "unsigned" in first.err and "4 entries appended" not in first.err
    recorded = [tlog.decode_entry(e) for e in tlog.TiledLog(data / "ledger" / "log").entries()]
    assert sorted(e["id"] for e in recorded) == sorted([TENDER_ID, GONE_ID, PENALTY_ID])  # not the embargoed one
    gone_proof = proven(out, GONE_ID, 1)
    assert gone_proof["entry"]["time"] == "2026-03-03T09:00:00+08:00"
    first_checkpoint = (data / "ledger" / "log" / "checkpoint").read_text(encoding="utf-8")
    assert gone_proof["checkpoint"] == first_checkpoint
    assert SAID["versions_heading"] in page_text(out, f"notices/{TENDER_ID}/index.html")

    # an edit, a removal, a redaction; the penalty's publicity ends and the embargo lifts
    (data / "notices" / TENDER).write_text(VALID_TENDER.replace("12800000.50", "12900000"), encoding="utf-8")
    (data / "notices" / GONE).unlink()
    (data / "ledger" / "removals.yaml").write_text(f"- id: {GONE_ID}\n  reason: 重复发布\n", encoding="utf-8")
    (data / "ledger" / "redactions.yaml").write_text(
        f"- id: {TENDER_ID}\n  version: 1\n  reason: 误发布个人信息\n", encoding="utf-8")
    before = ledger_bytes(data)
    preview = build(run_cli, data, out, "2026-04-02T12:00:00+08:00")
    assert preview.exit_code == 0, preview.err
    assert ledger_bytes(data) == before, "a build without --record never writes the ledger"
    assert version_rows(out, TENDER_ID) == [
        ["第 1 版", "2026-03-01 09:00", SAID["version_first"], SAID["version_redacted"].format(reason="误发布个人信息")],
        ["第 2 版", SAID["version_pending"], SAID["version_unknown_changes"], "—"]]
    assert SAID["removal_pending"] in page_text(out, "removals/index.html")
    # an ended publicity and a declared redaction take the files off at once, recorded or not
    assert not (out / "notices" / PENALTY_ID / "v1.json").exists()
    assert not (out / "notices" / TENDER_ID / "v1.json").exists()
    assert (data / "ledger" / "versions" / TENDER_ID / "v1.json").exists()

    second = build(run_cli, data, out, "2026-04-02T12:00:00+08:00", "--record")
    assert second.exit_code == 0, second.err
    new = proven(out, TENDER_ID, 2)
    assert new["entry"]["time"] == "2026-04-02T12:00:00+08:00"
    assert new["checkpoint"] == (data / "ledger" / "log" / "checkpoint").read_text(encoding="utf-8")
    assert proven(out, GONE_ID, 1)["checkpoint"] == first_checkpoint  # its page's proof is unchanged
    assert proven(out, EMBARGOED_ID, 1)["entry"]["time"] == "2026-04-01T09:00:00+08:00"
    assert not (out / "notices" / TENDER_ID / "v1.json").exists()  # redacted
    assert not (data / "ledger" / "versions" / TENDER_ID / "v1.json").exists()
    assert not (out / "notices" / PENALTY_ID / "v1.json").exists()  # expired
    events = [tlog.decode_entry(e) for e in tlog.TiledLog(out / "log").entries()]
    assert {(e["event"], e["id"]) for e in events if e["event"] != "public"} == {
        ("removed", GONE_ID), ("redacted", TENDER_ID), ("expired", PENALTY_ID)}
    expired = next(e for e in events if e["event"] == "expired")
    assert expired["time"] == "2026-03-21T00:00:00+08:00"  # the end of its publicity
    [first_row, second_row] = version_rows(out, TENDER_ID)
    assert first_row[3] == SAID["version_redacted"].format(reason="误发布个人信息")
    assert second_row[1] == "2026-04-02 12:00" and second_row[2] == SAID["version_unknown_changes"]
    assert second_row[3] == f'{SAID["version_json"]} · {SAID["version_proof"]}'
    removals = page_text(out, "removals/index.html")
    assert GONE_ID in removals and "重复发布" in removals and SAID["kind_expired"] in removals
    assert SAID["removal_pending"] not in removals
    assert json.loads((out / "notices" / GONE_ID / "v1.json").read_bytes())["id"] == GONE_ID
    saved = tmp_path / "checkpoint-saved"  # what a reader saved after the first recording
    saved.write_text(first_checkpoint, encoding="utf-8")
    audited = run_cli("--config", CONFIG, "--lang", "en", "verify", out, "--since", saved)
    assert audited.exit_code == 0, audited.out + audited.err

    (data / "notices" / TENDER).unlink()
    failed = build(run_cli, data, out, "2026-04-03T12:00:00+08:00")
    assert failed.exit_code == 1
    assert f"notice {TENDER_ID} is public in the log (version 2)" in failed.err
    assert "[ledger-missing]" in failed.err and "ledger/versions/" in failed.err

    # a ledger whose version file was edited: one clear line, before anything is built
    (data / "notices" / TENDER).write_text(VALID_TENDER.replace("12800000.50", "12900000"), encoding="utf-8")
    version = data / "ledger" / "versions" / GONE_ID / "v1.json"
    version.write_bytes(version.read_bytes().replace(b"09:00", b"10:00"))
    tampered = build(run_cli, data, out, "2026-04-03T12:00:00+08:00")
    assert tampered.exit_code == 1
    [line] = [line for line in tampered.err.splitlines() if line.strip()]
    assert "does not match its version files" in line and f"{GONE_ID}/v1.json" in line


def test_the_sample_site_publishes_its_ledger(sample_site: Path) -> None:
    """The sample's ledger (data/ledger/, recorded as of 2025-12-01 and of the sample's now):
    every version file on the site is proven by its proof, a withdrawal is a second version, a
    removed notice's version stays readable, expired penalties are listed without content."""
    versions = sorted(sample_site.glob("notices/*/v*.json"))
    assert len(versions) > 50
    for path in versions:
        proven(sample_site, path.parent.name, int(path.stem[1:]))
    assert (sample_site / "notices" / "YC-GC-2026-011-ZB" / "v2.json").is_file()
    rows = version_rows(sample_site, "YC-GC-2026-011-ZB")
    assert [row[2] for row in rows] == [SAID["version_first"], FIELDS.words("zh")["withdrawn"]]
    assert [row[1] for row in rows] == ["2026-05-18 09:00", "2026-05-25 00:00"]
    removals = page_text(sample_site, "removals/index.html")
    assert "WC-CG-2025-066-ZB-DUP" in removals and "重复发布" in removals
    assert removals.count(SAID["kind_expired"]) >= 4
    assert (sample_site / "notices" / "WC-CG-2025-066-ZB-DUP" / "v1.json").is_file()
    assert not (sample_site / "notices" / "WC-CG-2025-066-ZB-DUP" / "index.html").exists()
    about = page_text(sample_site, "about/index.html")
    assert "gongshi.example.cn/log" in about and SAID["log_unsigned"] in about
    assert tlog.parse_checkpoint((sample_site / "log" / "checkpoint").read_text(encoding="utf-8")).size == \
        tlog.TiledLog(sample_site / "log").size



def test_gongshi_verify_holds_on_the_sample_site(run_cli, sample_site: Path) -> None:
    audited = run_cli("--config", CONFIG, "--lang", "en", "verify", sample_site)
    assert audited.exit_code == 0, audited.out + audited.err


def test_a_build_makes_only_the_proofs_it_has_not_got(make_data, tmp_path, monkeypatch) -> None:
    """Proofs come from the output cache, keyed by what their bytes are made of: a whole
    rebuild over the same ledger makes none and publishes the same bytes; a recording that
    appends one version makes exactly that version's proof."""
    data = make_data({TENDER: VALID_TENDER, GONE: other_tender("002", "2026-03-03 09:00")})
    out = tmp_path / "site"
    made: list[int] = []
    real_proof = StoredLedger.proof

    def counted(self: StoredLedger, index: int) -> str | None:
        made.append(index)
        return real_proof(self, index)

    monkeypatch.setattr(StoredLedger, "proof", counted)
    settings = load_settings(CONFIG)
    first_now = datetime.fromisoformat("2026-03-10T12:00:00+08:00")
    run_build(data, out, settings, now=first_now, config_file=CONFIG, record=True)
    assert sorted(made) == [0, 1]
    before = comparable(out)

    made.clear()
    (cache_folder(out) / STATE_FILE).unlink()  # the same inputs, built whole again
    again = run_build(data, out, settings, now=first_now, config_file=CONFIG)
    assert not again.unchanged
    assert made == []
    assert differences(before, comparable(out)) == []

    (data / "notices" / EMBARGOED).write_text(other_tender("003", "2026-03-11 09:00"), encoding="utf-8")
    run_build(data, out, settings, now=first_now + timedelta(days=2), config_file=CONFIG, record=True)
    assert made == [2]  # the new version's entry
    for notice_id in (TENDER_ID, GONE_ID, EMBARGOED_ID):
        proven(out, notice_id, 1)
