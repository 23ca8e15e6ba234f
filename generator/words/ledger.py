"""The publication ledger's words (issue #16): what editors and the command line are told
(LEDGER, messages with values) and what the pages say (LEDGER_PAGE: the 版本记录 section of
each notice page, the 撤回记录 page, the about page's key; in `config.extra.labels`)."""

from __future__ import annotations

from .entry import Section, Word

LEDGER = Section("ledger", {
    # the editors' declarations
    "declarations_list": Word(
        "这个文件应是一个列表，每一项写 {keys}",
        "this file should be a list, each item with {keys}"),
    "declaration_shape": Word(
        "这一项应当只写 {keys}，编号和原因是文字，版本是从 1 起的整数",
        "this item should have exactly {keys}: the id and reason as text, the version a whole number from 1"),
    "declared_twice": Word("公告 {id} 的删除已经声明过一次", "the removal of notice {id} is declared twice"),
    "redaction_unknown": Word(
        "公示日志中没有公告 {id} 的第 {version} 版：请核对编号和版本号（见该公告页面的“版本记录”）",
        "the log has no version {version} of notice {id}: check the id and version (see the notice page's version history)"),
    "redaction_still_published": Word(
        "公告 {id} 的数据仍是要隐去的第 {version} 版：请先改正公告文件（删去误发布的内容），再声明隐去",
        "notice {id}'s data is still the version {version} to redact: correct the notice file first (remove what was published by mistake), then declare the redaction"),
    "removal_still_in_data": Word(
        "公告 {id} 声明为删除，但数据中仍有它：删除公告文件，或从 removals.yaml 中去掉这一项",
        "notice {id} is declared removed but is still in the data: delete its file, or take this item out of removals.yaml"),
    "removal_unknown": Word(
        "公示日志中没有公告 {id}：只有已公开的公告需要声明删除",
        "the log has no notice {id}: only a notice that was public needs its removal declared"),
    # a notice that disappeared
    "notice_missing": Word(
        "公告 {id} 已作为第 {version} 版记入公示日志，但数据中没有它（文件被删除或改名）："
        "恢复文件；确需删除时，在 ledger/removals.yaml 中写明编号和原因",
        "notice {id} is public in the log (version {version}) but is not in the data (its file was "
        "deleted or renamed): restore the file, or, if it must go, declare its id and reason in ledger/removals.yaml"),
    "notice_not_public": Word(
        "公告 {id} 已作为第 {version} 版记入公示日志，但按现在的数据它尚未发布（发布时间被改到了以后）："
        "已公开的公告不能撤回到未发布；确需删除时，在 ledger/removals.yaml 中写明编号和原因",
        "notice {id} is public in the log (version {version}) but the data now says it is not yet "
        "published (its publication time was moved later): a published notice cannot be unpublished; "
        "if it must go, declare its id and reason in ledger/removals.yaml"),
    # the ledger folder
    "ledger_unreadable": Word(
        "公示日志 {path} 无法读取（{reason}）：生成已停止，以免发布一个更短的日志",
        "the ledger {path} cannot be read ({reason}): the build stopped rather than publish a shorter log"),
    "ledger_mismatch": Word(
        "公示日志 {path} 与其中的版本文件不一致：{detail}",
        "the ledger {path} does not match its version files: {detail}"),
    "form_moved": Word(
        "一个公告版本的内容在生成过程中发生了变化（应为 SHA-256 {digest}）：生成已停止，以免日志记录与版本文件不符；请重新生成",
        "a notice version's content changed during the build (it should have SHA-256 {digest}): the build "
        "stopped rather than log an entry that does not match its file; build again"),
    "mismatch_file_missing": Word("第 {index} 条记录的版本文件 {file} 不存在",
                                  "entry {index}'s version file {file} is missing"),
    "mismatch_file_differs": Word("版本文件 {file} 的 SHA-256 与第 {index} 条记录不符",
                                  "version file {file} does not have entry {index}'s SHA-256"),
    "mismatch_checkpoint": Word("检查点 {file} 与日志的树（{size} 条）不符",
                                "checkpoint {file} does not match the log's tree ({size} entries)"),
    "mismatch_entries": Word("日志的记录前后矛盾（{detail}）", "the log's entries contradict each other ({detail})"),
    "record_before_latest": Word(
        "--record 的时间 {now} 早于公示日志中最晚的记录时间 {latest}：记录只能向后进行",
        "--record at {now} is before the ledger's latest entry ({latest}): recording only moves forward"),
    "record_unsigned": Word(
        "没有设置 GONGSHI_LOG_KEY：检查点未签名（任何人都能验证日志的一致性，但不能确认是本站发布的）",
        "GONGSHI_LOG_KEY is not set: the checkpoint is unsigned (anyone can check the log's consistency, "
        "but not that this site published it)"),
    "record_key_unreadable": Word("GONGSHI_LOG_KEY 指向的签名密钥 {path} 无法读取：{reason}",
                                  "the signing key {path} named by GONGSHI_LOG_KEY cannot be read: {reason}"),
    "record_summary": Word(
        "公示日志：追加 {appended} 条记录（共 {size} 条），检查点写入 {checkpoint}",
        "ledger: {appended} entries appended ({size} in all), checkpoint written to {checkpoint}"),
    "record_nothing": Word("公示日志：没有要追加的记录（共 {size} 条）",
                           "ledger: nothing to append ({size} entries)"),
})

LEDGER_PAGE = Section("ledger_page", {
    "versions_heading": Word("版本记录", "Version history"),
    "versions_intro": Word(
        "这条公告每一个公开过的版本都记入了本站的公示日志：版本文件的 SHA-256 写在日志里，日志只能追加，不能改写。",
        "Every version of this notice that was public is recorded in this site's publication log: "
        "the SHA-256 of each version's file is in the log, which can only be appended to, never rewritten."),
    "versions_caption": Word("这条公告的版本", "Versions of this notice"),
    "version_column": Word("版本", "Version"),
    "version_time": Word("公开时间", "Public from"),
    "version_changes": Word("改动", "What changed"),
    "version_files": Word("文件", "Files"),
    "version_first": Word("首次发布", "First published"),
    "version_unknown_changes": Word("前一版本已不公开，无法比较", "the previous version is no longer public"),
    "version_json": Word("JSON", "JSON"),
    "version_proof": Word("收录证明", "inclusion proof"),
    "version_label": Word("第 {number} 版", "version {number}"),
    "version_pending": Word("尚未记入日志", "not yet recorded in the log"),
    "version_pending_note": Word(
        "标为“尚未记入日志”的版本已经公开，将在下一次记录时（站点发布流程中的记录步骤）写入日志。",
        "Versions marked “not yet recorded in the log” are public and will be written to the log by the next recording (a step of the site's publishing workflow)."),
    "version_expired": Word("公示期满，版本文件已撤下", "publicity ended: the file was taken down"),
    "version_redacted": Word("已隐去：{reason}", "redacted: {reason}"),
    "nav_removals": Word("撤回记录", "Removals"),
    "removals_intro": Word(
        "本页列出从本站撤下的内容：删除的公告（其各版本文件仍可查阅）、公示期满的处罚公告、因误发布个人信息等原因隐去的版本"
        "（只保留其在日志中的 SHA-256）。每一项都记入了公示日志。",
        "This page lists what was taken off this site: removed notices (their versions' files stay "
        "readable), penalties whose publicity ended, and versions redacted (for example, personal data "
        "published by mistake), of which only the SHA-256 in the log remains. Each is an entry of the publication log."),
    "removals_caption": Word("撤回记录", "Removals"),
    "removals_none": Word("还没有撤下任何内容。", "Nothing has been taken off the site."),
    "removal_kind": Word("类别", "Kind"),
    "removal_notice": Word("公告编号", "Notice"),
    "removal_time": Word("时间", "Time"),
    "removal_reason": Word("原因", "Reason"),
    "removal_versions": Word("版本文件", "Version files"),
    "kind_removed": Word("删除", "removed"),
    "kind_expired": Word("公示期满", "publicity ended"),
    "kind_redacted": Word("隐去", "redacted"),
    "removal_expired_reason": Word("处罚公告的公示期已满", "the penalty's publicity period ended"),
    "removal_pending": Word("（尚未记入日志）", "(not yet recorded in the log)"),
    "removal_not_readable": Word("不再公开", "no longer public"),
    # the about page
    "log_origin": Word("日志名称（origin）", "Log name (origin)"),
    "log_public_key": Word("公钥", "Public key"),
    "log_unsigned": Word("本站的检查点未签名：可以核验日志只增未改，但不能确认是本站发布的。",
                         "this site's checkpoints are unsigned: the log can be checked to only grow, but not that this site published it."),
})
