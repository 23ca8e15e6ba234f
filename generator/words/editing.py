"""What `gongshi serve` and `gongshi new` say: serve's lines in the terminal and what it shows
over the pages (the 预览 banner, the mark of a draft, the error overlay); new's report, the
comments it writes into a new file, and the usage errors of both.

Keys ending in `_html` are inline HTML (the values put in them are escaped by the caller)."""

from __future__ import annotations

from .entry import Section, Word

EDITING = Section("editing", {
    # --- serve, in the terminal ---
    "serving": Word("本机预览 {url}；监视 {folders}；按 Ctrl-C 停止",
                    "serving {url}; watching {folders}; Ctrl-C to stop"),
    "serving_as_of": Word("本机预览 {url}，网站按 `--now` {now} 的状态生成；监视 {folders}；按 Ctrl-C 停止",
                          "serving {url} as of {now} (`--now`); watching {folders}; Ctrl-C to stop"),
    "changed": Word("已修改 {paths}：重新生成", "changed {paths}: rebuilding"),
    "changed_more": Word("{paths} 等 {total} 个文件", "{paths} ({total} files)"),
    "built": Word("已生成，用时 {seconds} 秒：{public} 条公开的公告",
                  "built in {seconds} s: {public} public notice(s)"),
    "built_with_drafts": Word(
        "已生成，用时 {seconds} 秒：{public} 条公开的公告，另有 {drafts} 条未发布（草稿，只在预览中显示）",
        "built in {seconds} s: {public} public notice(s) and {drafts} not yet public (drafts, "
        "shown only in the preview)"),
    "draft_saved": Word(
        "{notice} 未发布：将于 {when} 公开；在此之前正式网站上没有它，预览中显示并标为“未发布”",
        "{notice} is not yet public: it becomes public at {when}; until then the published site "
        "does not show it, the preview does, marked 'not yet public'"),
    "build_failed_kept": Word("生成失败：仍显示上一次成功生成的网站；改好文件并保存，页面会自动刷新",
                              "build failed: showing the last good site; fix the file and save, "
                              "the page reloads by itself"),
    "build_failed_empty": Word("生成失败：还没有可以显示的网站；改好文件并保存，页面会自动刷新",
                               "build failed: nothing to show yet; fix the file and save, the page "
                               "reloads by itself"),
    "internal_error": Word("生成网站时出现程序错误（`{error}`）：请报告这个问题",
                           "internal error while building (`{error}`): please report it"),
    "process_ended": Word("生成网站的进程意外结束（退出状态 {status}）：请报告这个问题",
                          "internal error while building (the build process ended with exit "
                          "status {status}): please report it"),
    "stopped": Word("已停止", "stopped"),
    # --- serve, usage errors and refusals ---
    "no_config": Word("找不到网站配置文件 {path}：请在项目文件夹中运行",
                      "site configuration {path} not found: run from the project folder"),
    "port_invalid": Word("`--port {port}` 不是端口号：请用 1024–65535 之间的数，例如 `--port 8000`",
                         "`--port {port}` is not a port number: use 1024–65535, e.g. `--port 8000`"),
    "port_busy": Word("{host} 的端口 {port} 已被占用：先停止另一个服务，或换一个端口，例如 `--port {other}`",
                      "port {port} on {host} is already in use: stop the other server or choose "
                      "another port, e.g. `--port {other}`"),
    "port_failed": Word("无法在 {host}:{port} 上提供预览（系统报告 `{reason}`）：试试 `--port 8000`",
                        "cannot serve on {host}:{port} (`{reason}`): try `--port 8000`"),
    "refusal": Word(
        "403 禁止访问：`gongshi serve` 只回答发往 http://{host}:{port}/ 或 http://localhost:{port}/ "
        "的请求，以免其他网页读取预览。",
        "403 Forbidden: gongshi serve answers only requests for http://{host}:{port}/ or "
        "http://localhost:{port}/, so that no other web page can read the preview."),
    # --- serve, over the pages ---
    "banner_tag": Word("预览", "Preview"),
    "banner_html": Word("本机预览（<code>gongshi serve</code>），不是正式发布的网站",
                        "local preview (<code>gongshi serve</code>), not the published site"),
    "clock_now": Word("数据截至 {when}（当前时间）", "data as of {when} (now)"),
    "clock_fixed_html": Word("预览时间（<code>--now</code>）{when}", "as of {when} (<code>--now</code>)"),
    "draft_mark": Word("未发布（将于 {when} 公开）", "Not yet public (public from {when})"),
    "draft_note": Word("正式网站上还没有这条公告：到了发布时间之后的下一次构建才公开它。",
                       "The published site does not show this notice yet: the first build after "
                       "its publication time will."),
    "draft_link": Word("未发布", "not yet public"),
    "warnings_html": Word("{count} 条警告（在 <code>--strict</code> 下是错误，合并前须处理）",
                          "{count} warning(s) (errors under <code>--strict</code>: fix them before merging)"),
    "errors_heading": Word("数据有错误：页面显示的是上一次成功生成的网站。修改文件并保存后会自动刷新。",
                           "The data has errors: this is the last good site. Fix the file and save: "
                           "the page reloads by itself."),
    "close": Word("关闭", "Close"),
    "error_page_title": Word("生成失败 · 本机预览", "Build failed · local preview"),
    "error_page_heading": Word("还没有可以显示的网站", "Nothing to show yet"),
    "error_page_text": Word("第一次生成失败了，错误列在下方。", "The first build failed: the errors are listed below."),
    # --- new, what it prints (the path alone on stdout, this on stderr) ---
    "created": Word(
        "已生成{type_name} `{type}`：把文件中每个 \"<请填写：…>\"（连同引号）换成真实内容。\n"
        "{published} 为 {when}：到时才公开；在此之前它是草稿，正式网站上没有它，"
        "`gongshi serve` 的预览中显示并标为“未发布”。要改公开时间，改这一行。",
        "New notice written, {type_name} (`{type}`): replace each \"<请填写: …>\" (quotes included) "
        "with the real text.\n"
        "The {published} is {when}: the notice becomes public then; until then it is a draft, absent "
        "from the published site and shown in the `gongshi serve` preview, marked 'not yet public'. "
        "To make it public at another time, change that line."),
    # --- new, the comments of the file it writes ---
    "scaffold_made": Word("{type_name} `{type}`，由 `gongshi new` 生成。",
                          "{type_name} (`{type}`), written by `gongshi new`."),
    "scaffold_fill": Word("把每个 \"<请填写：…>\"（连同引号）换成真实内容；日期、金额按注释的格式填写，不加引号。",
                          "Replace each \"<请填写: …>\" (quotes included) with the real value; write "
                          "dates and amounts as the comments say, without quotes."),
    "scaffold_optional": Word("以 \"# \" 开头的是可选字段：需要时去掉行首的 \"# \" 再填写，不需要的可以删除。",
                              "Lines starting with \"# \" are optional fields: remove the \"# \" to fill "
                              "one in, or delete the lines you do not need."),
    "field_optional": Word("{label}（可选）", "{label} (optional)"),
    "field_hint": Word("{field}：{hint}", "{field}: {hint}"),
    "hint_and_choices": Word("{hint}；{choices}", "{hint}; {choices}"),
    "choices": Word("取值：{choices}", "one of {choices}"),
    "choice": Word("{name} `{code}`", "`{code}` ({name})"),
    "placeholder": Word("{marker}：{what}>", "{marker}: {what}>"),
    "placeholder_format": Word("{label}，{format}", "{label}, {format}"),
    "format_date_or_time": Word("YYYY-MM-DD 或 YYYY-MM-DD HH:MM，不加引号", "YYYY-MM-DD or YYYY-MM-DD HH:MM, no quotes"),
    "format_time": Word("YYYY-MM-DD HH:MM，不加引号", "YYYY-MM-DD HH:MM, no quotes"),
    "format_date": Word("YYYY-MM-DD，不加引号", "YYYY-MM-DD, no quotes"),
    "format_number": Word("数字，不加引号", "a number, no quotes"),
    "format_integer": Word("整数，不加引号", "a whole number, no quotes"),
    "format_choice": Word("取值见上一行", "one of the values on the line above"),
    "note_region": Word("{code} {name}", "{code} '{name}'"),
    "note_deadline": Word("默认为发布后 {days} 天，请按招标文件修改",
                          "{days} days after publication by default: set it as the tender documents say"),
    "note_publicity": Word("默认为最短公示期 {days} 天（{law}）",
                           "the shortest publicity period by default, {days} days ({law})"),
    "note_project_invented": Word(
        "自动生成的项目编号（地区代码-年份-序号）；项目已有正式编号时请改用正式编号，文件名不必改",
        "a project code made up by `gongshi new` (region-year-number): use the project's own code "
        "when it has one; the file name can stay"),
    "note_project_needs_tender": Word(
        "自动生成的项目编号；此类公告须使用已有招标公告的项目编号：建议用 `gongshi new {type} --project 项目编号` 重新生成",
        "a project code made up by `gongshi new`; notices of this type need the code of an existing "
        "tender: better run `gongshi new {type} --project CODE` again"),
    "note_amendment_short": Word(
        "距投标截止只有 {days} 天，不足 {minimum} 天（{law}）：须顺延截止时间，新的截止时间不早于 {earliest}",
        "only {days} day(s) before the bid deadline, fewer than {minimum} ({law}): the deadline must "
        "move, to {earliest} or later"),
    # --- new, usage errors ---
    "unknown_type": Word("没有 “{type}” 这种公告类型：应为以下之一：{choices}",
                         "no notice type '{type}': use one of {choices}"),
    "no_tender": Word(
        "`--project {project}`：{folder} 中没有这个项目编号的招标公告，而{type_name} `{type}` 须有本项目的"
        "招标公告：请核对项目编号，或先生成招标公告（`gongshi new tender --project {project}`）{skipped}",
        "`--project {project}`: no tender in {folder} has this project code, and a notice of type "
        "{type_name} (`{type}`) needs its project's tender: check the code, or write the tender first "
        "(`gongshi new tender --project {project}`){skipped}"),
    "skipped": Word("（有 {count} 个文件因错误被跳过，见 `gongshi validate --data {data}`）",
                    " ({count} file(s) with errors were skipped; see `gongshi validate --data {data}`)"),
    "no_regions": Word("{path} 缺失或有错误：`gongshi new` 从这个文件读取地区代码；请运行 "
                       "`gongshi validate --data {data}` 并改正",
                       "{path} is missing or invalid: `gongshi new` takes the region codes from it; "
                       "run `gongshi validate --data {data}` and fix it"),
    "unknown_region": Word("`--region {region}`：{path} 中没有这个代码；请用其中列出的代码（例如 {examples}），"
                           "或先把这个地区加进去",
                           "`--region {region}`: no such code in {path}; use one listed there "
                           "(e.g. {examples}) or add the region to it"),
    "project_unusable": Word("`--project {project}`：编号里没有可以用作文件名的字母或数字；请用 "
                             "XG-GC-2026-001 这样的编号",
                             "`--project {project}`: the code has no letters or digits to name the "
                             "file with; use a code such as XG-GC-2026-001"),
    "id_too_long": Word("由 `--project` 生成的公告编号 “{notice}” 超过 80 个字符：请用短一些的项目编号",
                        "the notice id '{notice}' made from `--project` is longer than 80 characters: "
                        "use a shorter project code"),
    "file_exists": Word("{path} 已经存在，没有覆盖它：请再运行一次 `gongshi new`",
                        "{path} already exists: it was not overwritten; run `gongshi new` again"),
    "cannot_write": Word("无法写入 {path}（系统报告 `{reason}`）", "cannot write {path} (`{reason}`)"),
})

# What the comment above a field in a file `gongshi new` writes says after the field's label
# (fields.py). Keys are field paths without list positions; `type/path` is that type's own.
FIELD_HINTS = Section("field_hints", {
    "title": Word("5–200 个字符，纯文本", "5 to 200 characters, plain text"),
    "region": Word("data/regions.yaml 中的 6 位行政区划代码", "the 6-digit region code from data/regions.yaml"),
    "published": Word("到了这个时间才公开；在此之前是草稿，只在 `gongshi serve` 的预览中显示",
                      "the notice becomes public at this time; before it, it is a draft, shown only "
                      "in the `gongshi serve` preview"),
    "publisher": Word("例如 孝感市公共资源交易中心", "e.g. '孝感市公共资源交易中心'"),
    "body": Word("Markdown 格式的正文；HTML 与脚本会被清除", "Markdown text; HTML and scripts are removed"),
    "attachments": Word("最多 {most} 项", "at most {most}"),
    "attachments.file": Word("data/files/ 下的相对路径，例如 2025/XG-GC-2025-031/招标文件.pdf",
                             "a path under data/files/, e.g. 2025/XG-GC-2025-031/tender-documents.pdf"),
    "attachments.url": Word("以 https:// 开头的外部链接（与 `file` 二选一）",
                            "an external link starting with https:// (instead of `file`)"),
    "attachments.size": Word("放在其他网站上的文件的字节数，与 `sha256` 一起写（见编辑指南“大文件”）",
                             "the size in bytes of a file kept on another site, with `sha256` (editor guide: large files)"),
    "attachments.sha256": Word("放在其他网站上的文件的 SHA-256 摘要，64 位十六进制数字，与 `size` 一起写",
                               "the SHA-256 digest of a file kept on another site, 64 hex digits, with `size`"),
    "contact.phone": Word("办公电话，例如 0712-2856123", "office phone, e.g. 0712-2856123"),
    "withdrawn": Word("撤销后公告仍然公开，并显示“已撤销”", "a withdrawn notice stays public, marked 'withdrawn'"),
    "project.code": Word("同一项目的所有公告使用同一编号，例如 XG-GC-2025-031",
                         "the same code on every notice of the project, e.g. XG-GC-2025-031"),
    "buyer.name": Word("单位全称", "full name of the organisation"),
    "buyer.uscc": Word("18 位，校验位会被检查", "18 characters; the check character is verified"),
    "agency.name": Word("单位全称", "full name of the organisation"),
    "agency.uscc": Word("18 位，校验位会被检查", "18 characters; the check character is verified"),
    "deadline": Word("必须晚于发布时间", "after the publication time"),
    "opening.time": Word("不早于投标截止时间", "not before the bid deadline"),
    "amends": Word("同一项目的招标公告的文件名（不含 `.yaml`）", "the file name of the project's tender, without `.yaml`"),
    "changes": Word("新的截止时间和/或开标安排", "a new deadline, a new opening, or both"),
    "changes.opening.time": Word("不早于新的投标截止时间", "not before the new bid deadline"),
    "candidates": Word("1–{most} 名", "1 to {most}"),
    "candidates.rank": Word("1、2、3……", "1, 2, 3…"),
    "candidates.uscc": Word("自然人竞买时可省略", "may be left out for a natural person"),
    "winners": Word("1–{most} 名", "1 to {most}"),
    "winners.uscc": Word("自然人竞得时可省略", "may be left out for a natural person"),
    "publicity_end": Word("日期表示当天结束", "a date means the end of that day"),
    "penalty/publicity_end": Word("公开的最后一天；过后不再公开",
                                  "the last day the notice is public; after it, it is not"),
    "reason": Word("流标、废标或终止，以及原因", "failed, annulled or ended, and why"),
    "subject.name": Word("自然人应脱敏，例如 王某某", "mask a natural person's name, e.g. '王某某'"),
    "subject.uscc": Word("企业、代理机构、招标人必填；专家和自然人不得填写",
                         "required for a company, an agency or a buyer; never for an expert or a natural person"),
    "sanctions": Word("1–{most} 项", "1 to {most}"),
    "sanctions.kind": Word("罚款 `fine` 须填 `amount`；暂停投标资格 `suspension`、禁止参加 `debarment` 须填 `until`",
                           "`fine` needs `amount`; `suspension` and `debarment` need `until`"),
})
