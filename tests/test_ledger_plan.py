"""The ledger's pure parts (generator/ledger/): the canonical published form, the entries read
back as histories, what to append as of now, and what a build must refuse. Small notices
written here; no build."""

from __future__ import annotations

import hashlib
import json
import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.dataset import load_dataset
from generator.errors import BuildFailed, Rule
from generator.ledger.canonical import Form, changed_fields, public_forms
from generator.ledger.declared import Declarations, read_declarations
from generator.ledger.history import read_history
from generator.ledger.plan import plan_entries
from generator.model import Notice

TZ = ZoneInfo("Asia/Shanghai")
TENDER = """\
type: tender
title: 孝南区书院街道路改造工程施工招标公告
region: "420902"
published: 2026-03-01 09:00
publisher: 孝感市公共资源交易中心
category: construction
project: {code: XN-GC-2026-001, name: 孝南区书院街道路改造工程}
method: open
buyer: {name: 孝感市孝南区住房和城乡建设局}
budget: 12800000.50
deadline: 2026-03-25 09:30
attachments:
  - {title: 招标文件, file: 2026/XN/招标文件.pdf}
  - {title: 交易系统, url: "https://ggzy.example.cn/a?b=1"}
"""
WITHDRAWN = TENDER + "withdrawn: {date: 2026-03-10, reason: 招标文件有误}\n"
PENALTY = """\
type: penalty
title: 关于对某公司串通投标行为的行政处罚公告
region: "420902"
published: 2026-03-02
publisher: 孝感市公共资源交易中心
subject: {name: 孝感市某建筑有限公司, kind: company}
decision_no: 孝罚〔2026〕1 号
decided: 2026-03-01
authority: 孝感市住房和城乡建设局
violation: 串通投标
basis: 《中华人民共和国招标投标法》第五十三条
sanctions: [{kind: fine, amount: 10000}]
publicity_end: 2026-06-01
"""


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def notice(make_data, text: str) -> Notice:
    data = make_data({"2026/420902/XN-GC-2026-001-ZB.yaml": text},
                     files={"2026/XN/招标文件.pdf": b"%PDF-1.4 tender"})
    dataset = load_dataset(data, TZ)
    assert not [p for p in dataset.problems if p.is_error], dataset.problems
    return dataset.notices[0].notice


def digest(relative: str) -> str:
    return hashlib.sha256(relative.encode()).hexdigest()


def forms(make_data, text: str, now: str) -> list:
    return public_forms("XN-GC-2026-001-ZB", notice(make_data, text), digest, at(now), TZ)


def test_the_canonical_form_is_sorted_compact_json_with_attachment_digests(make_data) -> None:
    [form] = forms(make_data, TENDER, "2026-03-05 00:00")
    text = form.data.decode("utf-8")
    assert text.endswith("}\n") and "\n" not in text[:-1] and ": " not in text.replace("\": \"", "")
    decoded = json.loads(text)
    assert json.dumps(decoded, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n" == text
    assert decoded["id"] == "XN-GC-2026-001-ZB"
    local, linked = decoded["notice"]["attachments"]
    assert local["sha256"] == digest("2026/XN/招标文件.pdf")
    assert linked == {"title": "交易系统", "url": "https://ggzy.example.cn/a?b=1"}
    assert "status" not in decoded["notice"] and decoded["notice"]["budget"] == "12800000.50"
    assert form.since == at("2026-03-01 09:00")


def test_a_future_withdrawal_is_a_second_form_from_its_date(make_data) -> None:
    [before] = forms(make_data, WITHDRAWN, "2026-03-09 23:59")
    assert "withdrawn" not in json.loads(before.data)["notice"]
    base, withdrawn = forms(make_data, WITHDRAWN, "2026-03-10 00:00")
    assert base.data == before.data and withdrawn.since == at("2026-03-10 00:00")
    assert changed_fields(base.data, withdrawn.data) == ["withdrawn"]


def _public(notice_id: str, number: int, time: str, sha: str) -> dict:
    return {"event": "public", "id": notice_id, "version": number,
            "time": at(time).isoformat(), "sha256": sha}


def test_a_new_notice_enters_with_each_form_at_its_moment(make_data) -> None:
    found = forms(make_data, WITHDRAWN, "2026-04-01 00:00")
    plan = plan_entries(read_history([]), {"N": found}, {}, Declarations(), at("2026-04-01 00:00"), "L")
    assert [(a.entry["version"], a.entry["time"]) for a in plan.appends] == [
        (1, at("2026-03-01 09:00").isoformat()), (2, at("2026-03-10 00:00").isoformat())]
    assert [a.entry["sha256"] for a in plan.appends] == [f.sha256 for f in found]
    assert not plan.problems


def test_an_embargoed_notice_is_not_recorded_before_its_time() -> None:
    plan = plan_entries(read_history([]), {}, {"N": None}, Declarations(), at("2026-02-01 00:00"), "L")
    assert plan.appends == [] and plan.problems == []


def test_an_edit_is_a_new_version_at_the_recording_moment(make_data) -> None:
    [old] = forms(make_data, TENDER, "2026-03-05 00:00")
    [new] = forms(make_data, TENDER.replace("12800000.50", "12900000"), "2026-03-05 00:00")
    ledger = read_history([_public("N", 1, "2026-03-01 09:00", old.sha256)])
    plan = plan_entries(ledger, {"N": [new]}, {}, Declarations(), at("2026-03-06 12:00"), "L")
    [append] = plan.appends
    assert append.entry["version"] == 2 and append.entry["time"] == at("2026-03-06 12:00").isoformat()
    assert append.form is not None and append.form.data == new.data
    assert changed_fields(old.data, new.data) == ["budget"]
    unchanged = plan_entries(ledger, {"N": [old]}, {}, Declarations(), at("2026-03-06 12:00"), "L")
    assert unchanged.appends == []


def test_a_plan_keeps_how_to_make_each_form_not_its_bytes(make_data) -> None:
    # a site never recorded plans every public notice's forms: kept, their bytes (~6 KB a
    # notice) stayed alive for the whole build
    made = forms(make_data, WITHDRAWN, "2026-03-20 00:00")
    plan = plan_entries(read_history([]), {"N": made}, {}, Declarations(), at("2026-03-20 00:00"), "L")
    assert [append.form for append in plan.appends] == made
    for append in plan.appends:
        assert append.form is not None
        assert not [value for value in vars(append.form).values() if isinstance(value, bytes)]
        assert hashlib.sha256(append.form.data).hexdigest() == append.entry["sha256"]


def test_a_form_whose_bytes_moved_during_the_build_stops_it() -> None:
    made = iter([b"{}\n", b"{}\n", b'{"changed":1}\n'])
    form = Form.of(at("2026-03-01 09:00"), lambda: next(made))
    assert form.data == b"{}\n"
    with pytest.raises(BuildFailed) as failure:
        _ = form.data
    assert failure.value.message.key == "ledger.form_moved"
    assert form.sha256 in failure.value.message.in_language("en")


def test_a_form_hash_kept_by_a_memo_is_not_made_again_until_what_makes_it_changes(
        make_data, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import dataset
    from generator.ledger import canonical

    made: list[bool] = []
    real = canonical.canonical_form
    monkeypatch.setattr(canonical, "canonical_form",
                        lambda *args, **how: made.append(how["withdrawn"]) or real(*args, **how))
    tender = notice(make_data, WITHDRAWN)
    memo_file = tmp_path / "form-hashes.json"

    def planned(file_sha256: bytes, attachment=digest) -> list:
        memo = canonical.FormHashes(memo_file, TZ.key)
        found = public_forms("N", tender, attachment, at("2026-03-20 00:00"), TZ, memo, file_sha256)
        memo.save()
        return found

    first = planned(b"\x01" * 32)
    assert made == [False, True]
    made.clear()
    again = planned(b"\x01" * 32)
    assert made == [] and [f.sha256 for f in again] == [f.sha256 for f in first]
    assert again[1].data == first[1].data and made == [True, True]  # read back: made, checked
    made.clear()
    planned(b"\x02" * 32)  # another file: made again
    assert made == [False, True]
    made.clear()
    planned(b"\x02" * 32, attachment=lambda file: "0" * 64)  # another attachment: made again
    assert made == [False, True]
    made.clear()
    # --clean (fresh) and a memo of another code read nothing
    assert canonical.FormHashes(memo_file, TZ.key).known
    assert canonical.FormHashes(memo_file, TZ.key, fresh=True).known == {}
    # nor one made in another zone (times without an offset validate in the site's zone)
    assert canonical.FormHashes(memo_file, "Asia/Urumqi").known == {}
    monkeypatch.setattr(dataset, "VALIDATING_CODE", ("generator.ledger.plan",))
    assert canonical.FormHashes(memo_file, TZ.key).known == {}


def test_a_memo_that_lies_stops_the_build_when_the_form_is_read(make_data, tmp_path: Path) -> None:
    from generator.ledger import canonical

    tender = notice(make_data, TENDER)
    memo = canonical.FormHashes(tmp_path / "form-hashes.json", TZ.key)
    [form] = public_forms("N", tender, digest, at("2026-03-20 00:00"), TZ, memo, b"\x01" * 32)
    [key] = memo.used
    memo.used[key] = "0" * 64
    memo.save()
    [lied] = public_forms("N", tender, digest, at("2026-03-20 00:00"), TZ,
                          canonical.FormHashes(tmp_path / "form-hashes.json", TZ.key), b"\x01" * 32)
    assert lied.sha256 == "0" * 64 != form.sha256
    with pytest.raises(BuildFailed):
        _ = lied.data


def test_a_withdrawal_recorded_late_keeps_its_date(make_data) -> None:
    base, withdrawn = forms(make_data, WITHDRAWN, "2026-03-20 00:00")
    ledger = read_history([_public("N", 1, "2026-03-01 09:00", base.sha256)])
    [append] = plan_entries(ledger, {"N": [base, withdrawn]}, {}, Declarations(),
                            at("2026-03-20 00:00"), "L").appends
    assert append.entry["time"] == at("2026-03-10 00:00").isoformat()


def test_a_deleted_notice_fails_naming_it_unless_its_removal_is_declared(tmp_path: Path) -> None:
    ledger = read_history([_public("GONE-1", 1, "2026-03-01 09:00", "a" * 64)])
    plan = plan_entries(ledger, {}, {}, Declarations(), at("2026-04-01 00:00"), "data/ledger")
    [problem] = plan.problems
    assert problem.rule is Rule.LEDGER_MISSING and "GONE-1" in problem.text("en")
    assert problem.path == "data/ledger/versions/GONE-1/v1.json"
    (tmp_path / "removals.yaml").write_text("- id: GONE-1\n  reason: 重复发布\n", encoding="utf-8")
    declared = read_declarations(tmp_path, "data/ledger")
    plan = plan_entries(ledger, {}, {}, declared, at("2026-04-01 00:00"), "data/ledger")
    assert not plan.problems
    [append] = plan.appends
    assert append.entry == {"event": "removed", "id": "GONE-1", "version": 1,
                            "time": at("2026-04-01 00:00").isoformat(), "reason": "重复发布"}
    recorded = read_history([_public("GONE-1", 1, "2026-03-01 09:00", "a" * 64), append.entry])
    assert plan_entries(recorded, {}, {}, declared, at("2026-04-02 00:00"), "L").appends == []


def test_a_notice_moved_back_into_embargo_fails() -> None:
    ledger = read_history([_public("N", 1, "2026-03-01 09:00", "a" * 64)])
    [problem] = plan_entries(ledger, {}, {"N": None}, Declarations(), at("2026-04-01 00:00"), "L").problems
    assert problem.rule is Rule.LEDGER_MISSING and "not yet published" in problem.text("en")


def test_an_expired_penalty_gets_an_expired_entry_per_readable_version(make_data) -> None:
    ended = at("2026-06-02 00:00")
    ledger = read_history([_public("P", 1, "2026-03-02 00:00", "a" * 64),
                           _public("P", 2, "2026-03-05 00:00", "b" * 64)])
    plan = plan_entries(ledger, {}, {"P": ended}, Declarations(), at("2026-07-01 00:00"), "L")
    assert [(a.event, a.entry["version"], a.entry["time"]) for a in plan.appends] == [
        ("expired", 1, ended.isoformat()), ("expired", 2, ended.isoformat())]
    assert not plan.problems
    after = read_history([*ledger_entries(ledger_sha=("a", "b")), *(a.entry for a in plan.appends)])
    assert not after.get("P").shown and [e.kind for e in after.events] == ["expired", "expired"]


def ledger_entries(ledger_sha: tuple[str, str]) -> list[dict]:
    return [_public("P", 1, "2026-03-02 00:00", ledger_sha[0] * 64),
            _public("P", 2, "2026-03-05 00:00", ledger_sha[1] * 64)]


def test_a_redaction_needs_the_data_corrected_first(make_data, tmp_path: Path) -> None:
    [old] = forms(make_data, TENDER, "2026-03-05 00:00")
    ledger = read_history([_public("N", 1, "2026-03-01 09:00", old.sha256)])
    folder = tmp_path / "ledger"
    folder.mkdir()
    (folder / "redactions.yaml").write_text("- id: N\n  version: 1\n  reason: 误发布身份证号\n",
                                            encoding="utf-8")
    declared = read_declarations(folder, "data/ledger")
    [problem] = plan_entries(ledger, {"N": [old]}, {}, declared, at("2026-03-06 00:00"), "L").problems
    assert problem.rule is Rule.LEDGER_DECLARATION and (problem.line, problem.column) == (1, 3)
    [new] = forms(make_data, TENDER.replace("12800000.50", "1"), "2026-03-05 00:00")
    plan = plan_entries(ledger, {"N": [new]}, {}, declared, at("2026-03-06 00:00"), "L")
    assert [a.event for a in plan.appends] == ["public", "redacted"]
    assert not plan.problems


def test_declarations_of_the_wrong_shape_are_problems_at_their_line(tmp_path: Path) -> None:
    (tmp_path / "removals.yaml").write_text(textwrap.dedent("""\
        - id: A
          reason: 重复
        - id: B
        - id: A
          reason: 又一次
        """), encoding="utf-8")
    declared = read_declarations(tmp_path, "data/ledger")
    assert [(p.line, p.rule) for p in declared.problems] == [
        (3, Rule.LEDGER_DECLARATION), (4, Rule.LEDGER_DECLARATION)]
    assert list(declared.removals) == ["A"]


def test_a_build_as_of_an_earlier_moment_sees_the_ledger_as_it_stood() -> None:
    entries = [_public("N", 1, "2026-03-01 09:00", "a" * 64), _public("N", 2, "2026-05-01 09:00", "b" * 64)]
    assert len(read_history(entries, until=at("2026-04-01 00:00")).get("N").versions) == 1
    assert len(read_history(entries).get("N").versions) == 2


def test_the_log_settings_are_declared_in_the_config(tmp_path: Path) -> None:
    from generator.config import Settings, load_settings
    from generator.errors import UsageError

    assert Settings().log_origin == "gongshi.example.cn/log"  # from site_url
    configured = Settings.model_validate({"log": {"origin": "portal.example/log",
                                                  "public_key": "portal.example+0a1b2c3d+AQID"}})
    assert configured.log_origin == "portal.example/log"
    assert configured.log.public_key == "portal.example+0a1b2c3d+AQID"
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  gongshi:\n    log:\n      public_key: not a key\n", encoding="utf-8")
    try:
        load_settings(config)
    except UsageError as error:
        assert "extra.gongshi.log.public_key" in error.text("en")
    else:
        raise AssertionError("a malformed key is refused")


def test_the_guide_shows_real_ledger_messages(tmp_path: Path) -> None:
    """The editor guide's examples of ledger-missing and ledger-declaration are what a build
    says (test_editor_messages.py cannot make them: `validate` does not read the ledger)."""
    guide = (Path(__file__).resolve().parents[1] / "content" / "guide" / "editor.md").read_text(encoding="utf-8")
    shown = "XG-GC-2026-088-ZB"
    ledger = read_history([_public(shown, 1, "2026-03-01 09:00", "a" * 64),
                           _public(shown, 2, "2026-03-02 09:00", "b" * 64),
                           _public("XN-GC-2026-001-ZB", 1, "2026-03-01 09:00", "c" * 64)])
    [missing] = plan_entries(ledger, {"XN-GC-2026-001-ZB": [_form_with_sha("c" * 64)]}, {}, Declarations(),
                             at("2026-04-01 00:00"), "L").problems
    (tmp_path / "redactions.yaml").write_text(f"- id: {shown}\n  version: 1\n  reason: 误发布\n", encoding="utf-8")
    (tmp_path / "removals.yaml").write_text("- id: XN-GC-2026-001-ZB\n  reason: 重复\n", encoding="utf-8")
    declared = read_declarations(tmp_path, "L")
    forms = {shown: [_form_with_sha("a" * 64)], "XN-GC-2026-001-ZB": [_form_with_sha("c" * 64)]}
    problems = plan_entries(ledger, forms, {}, declared, at("2026-04-01 00:00"), "L").problems
    for problem in [missing, *problems]:
        assert problem.text("zh") in guide, problem.text("zh")


def _form_with_sha(sha: str):
    class Shown:
        sha256 = sha
        since = at("2026-03-01 09:00")
        data = b"{}\n"
    return Shown()


def test_the_no_op_rebuilds_data_digest_covers_the_ledger(make_data) -> None:
    """A recording changes only data/ledger/: the next build must not take the previous one's
    site as its own (commands/build.py's rebuild with nothing to build)."""
    from generator.buildstate import data_bytes

    data = make_data({"2026/420902/XN-GC-2026-001-ZB.yaml": TENDER.replace("attachments:", "x_:").split("x_:")[0]})
    before = data_bytes(data)
    (data / "ledger" / "log").mkdir(parents=True)
    (data / "ledger" / "log" / "checkpoint").write_text("gongshi.example.cn/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
                                                       encoding="utf-8")
    assert data_bytes(data) != before


def test_pending_gives_each_notices_appends_in_plan_order() -> None:
    from generator.ledger.plan import Append, Plan

    appends = [Append({"id": notice_id, "event": "public", "version": number})
               for notice_id, number in [("A", 1), ("B", 1), ("A", 2), ("C", 1), ("A", 3)]]
    plan = Plan(appends=appends)
    assert [a.entry["version"] for a in plan.pending("A")] == [1, 2, 3]
    assert plan.pending("B") == [appends[1]] and plan.pending("D") == []
