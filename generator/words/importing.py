"""Words of `gongshi import` (generator/importing/): where a problem stands in a workbook or an
OCDS package, what the command says it did, and the template workbook's own words (its sheets,
the explanation of each column)."""

from __future__ import annotations

from .entry import Section, Word

IMPORTING = Section("importing", {
    # --- where a problem stands --------------------------------------------------------------
    "at_file": Word("{file}", "{file}"),
    "at_row": Word("{file} 工作表「{sheet}」第 {row} 行", "{file} sheet '{sheet}' row {row}"),
    "at_cell": Word("{file} 工作表「{sheet}」第 {row} 行「{header}」列",
                    "{file} sheet '{sheet}' row {row} column '{header}'"),
    "at_release": Word("{file} 发布 {ocid}（{path}）", "{file} release {ocid} ({path})"),
    "at_json": Word("{file} 发布 {ocid} 的 {path}", "{file} release {ocid} at {path}"),
    # --- where a missing value is to be given (a column, a JSON field) ----------------------------
    "give_column": Word("「{header}」列", "column '{header}'"),
    "give_new_column": Word(
        "「{header}」列（工作表中还没有这一列：照 gongshi import --template 生成的模板加上这一列）",
        "column '{header}' (the sheet has none: add it, headed as in the template gongshi import "
        "--template writes)"),
    "give_json": Word(" JSON 字段 {path} ", "the JSON field {path}"),  # zh: spaced from the words around it
    "problem_line": Word("{where}：{severity}：{message} [{rule}]", "{where}: {severity}: {message} [{rule}]"),
    # --- problems of a row or release -------------------------------------------------------------
    "unknown_sheet": Word(
        "工作表「{sheet}」不是任何公告类型，已跳过；公告类型的工作表为：{sheets}",
        "sheet '{sheet}' is no notice type and was skipped; the notice types' sheets are: {sheets}"),
    "unknown_header": Word(
        "列「{header}」不是此类公告的字段，整列被忽略（请用 gongshi import --template 生成的表头）",
        "column '{header}' is no field of this notice type and is ignored in full (use the headers "
        "gongshi import --template writes)"),
    "no_id": Word(
        "无法生成公告编号：需先填写项目编号和发布地区", "no notice id can be made: fill in the project "
        "code and the region first"),
    "bad_id": Word(
        "公告编号 {value} 不可用作文件名：只能包含字母、数字、点、下划线和连字符，3 至 80 个字符，以字母或数字开头",
        "notice id {value} cannot be a file name: letters, digits, '.', '_' and '-' only, 3 to 80 "
        "characters, starting with a letter or digit"),
    # values a row or release lacks, said as what to fill in where (not as lines of a file)
    "cell_required": Word("缺少必填的{field}：请在{place}填写", "missing required field {field}: give it in {place}"),
    "cell_required_choice": Word(
        "缺少必填的{field}：请在{place}选择以下之一：{choices}",
        "missing required field {field}: choose one of {choices} in {place}"),
    "cell_required_group": Word("缺少必填的{field}：请填写{places}", "missing required field {field}: fill in {places}"),
    "cell_empty": Word("{field} 不能为空：请在{place}填写", "{field} must not be empty: give it in {place}"),
    "cell_sanction_amount": Word(
        "处罚种类为{kind} 时要写{field}：请在{place}填写金额，只写数字，单位为元，例如 50000",
        "a sanction of kind {kind} needs its {field}: give the amount in {place}, a number in "
        "yuan, e.g. 50000"),
    "cell_sanction_until": Word(
        "处罚种类为{kind} 时要写{field}（期限的最后一天）：请在{place}填写日期，例如 2027-03-27",
        "a sanction of kind {kind} needs its {field} (its last day): give the date in {place}, "
        "e.g. 2027-03-27"),
    "cell_subject_uscc": Word(
        "{kind_field} 为{kind} 时要写{field}：请在{place}填写 18 位统一社会信用代码"
        "（可在国家企业信用信息公示系统查询）",
        "{field} is required when the {kind_field} is {kind}: give the 18-character code in "
        "{place} (as the National Enterprise Credit Information Publicity System shows it)"),
    "id_twice": Word(
        "公告编号 {value} 与 {first} 重复：同一次导入中每条公告的编号须各不相同",
        "notice id {value} is also that of {first}: each notice of one import needs an id of its own"),
    "release_not_object": Word("这条发布不是 JSON 对象", "this release is not a JSON object"),
    "release_no_tag": Word(
        "无法判断公告类型：tag 应含 tender、tenderAmendment、award 或 tenderCancellation 之一（处罚公告不经 OCDS 导入）",
        "the notice type cannot be told: tag must hold one of tender, tenderAmendment, award, "
        "tenderCancellation (penalties are not imported from OCDS)"),
    "release_no_region": Word(
        "OCDS 不含发布地区，且数据中没有此项目的招标公告可借用：请用 --region CODE 指定",
        "OCDS carries no region and the data holds no tender of this project to take it from: "
        "give --region CODE"),
    "release_unknown_party": Word(
        "parties 中没有 id 为 {value} 的机构", "parties holds no organisation with id {value}"),
    "not_json": Word("不是可读的 JSON：{reason}", "not readable JSON: {reason}"),
    "not_a_workbook": Word("不是可读的 Excel 工作簿（.xlsx）：{reason}",
                           "not a readable Excel workbook (.xlsx): {reason}"),
    "file_missing": Word("找不到要导入的文件 {path}", "no file to import at {path}"),
    "file_kind": Word(
        "无法识别 {path} 的格式：应为 OCDS 发布包（.json）或 Excel 工作簿（.xlsx）",
        "{path} is of no known kind: an OCDS release package (.json) or an Excel workbook (.xlsx)"),
    "no_files": Word(
        "请给出要导入的文件，或用 --template TYPE --out FILE 生成模板",
        "name the files to import, or write the template with --template TYPE --out FILE"),
    "template_needs_out": Word("--template 需要 --out FILE（模板写到哪里）",
                               "--template needs --out FILE (where to write the template)"),
    "template_type": Word("未知的公告类型 {type}：应为以下之一：{choices}",
                          "unknown notice type {type}: one of {choices}"),
    "template_and_files": Word("--template 不与要导入的文件一起使用",
                               "--template is not used together with files to import"),
    "exists_changed": Word(
        "公告 {notice} 已存在（{path}）且内容不同：{changes}；如要以导入内容更新，请加 --update",
        "notice {notice} exists ({path}) and differs: {changes}; add --update to replace it with "
        "what is imported"),
    "exists_broken": Word(
        "公告文件 {path} 已存在但有错误，导入不会覆盖它：请先修正或删除",
        "the notice file {path} exists but has errors; import never overwrites it: fix or "
        "remove it first"),
    "change": Word("{field}：{old} → {new}", "{field}: {old} → {new}"),
    "nothing": Word("（无）", "(none)"),
    # --- what the command says ----------------------------------------------------------------
    "written": Word("已写入 {path}", "written {path}"),
    "updated": Word("已更新 {path}：{changes}", "updated {path}: {changes}"),
    "rejected": Word("未导入 {where}（有错误）", "not imported {where} (has errors)"),
    "summary": Word(
        "导入：{read} 条，新写入 {written} 个，更新 {updated} 个，未变 {unchanged} 个，有错误 {invalid} 条",
        "import: {read} read, {written} written, {updated} updated, {unchanged} unchanged, "
        "{invalid} with errors"),
    "nothing_written": Word(
        "有 {invalid} 条有错误，未写入任何文件（--partial 可只写入无错误的）",
        "{invalid} with errors: nothing was written (--partial writes the valid ones)"),
    "template_written": Word("已写入模板 {path}（{sheets} 个公告类型的工作表）",
                             "template written to {path} ({sheets} notice type sheets)"),
    # --- the command line (its --help) ------------------------------------------------------------
    "help_import": Word("从 OCDS 发布包或 Excel 模板导入公告，或生成模板",
                        "import notices from OCDS release packages or the Excel template, or write the template"),
    "help_import_files": Word("要导入的文件：OCDS 发布包（.json）或填好的模板（.xlsx）",
                              "files to import: OCDS release packages (.json) or filled-in templates (.xlsx)"),
    "help_template": Word("生成模板：公告类型，或 all（每种类型一个工作表）",
                          "write the template: a notice type, or all (a sheet per type)"),
    "help_template_out": Word("模板写到的文件（.xlsx）", "the file the template is written to (.xlsx)"),
    "help_partial": Word("写入无错误的公告，列出有错误的（默认：有一条错误就不写入任何文件）",
                         "write the valid notices and list the others (default: any error writes nothing)"),
    "help_update": Word("以导入的内容更新已存在且不同的公告，并列出改动",
                        "replace existing notices that differ with what is imported, listing the changes"),
    "help_import_region": Word(
        "OCDS 中项目尚无招标公告时的发布地区代码（OCDS 不含地区）",
        "the region code of OCDS tenders whose project the data does not know yet (OCDS carries no region)"),
    # --- the template workbook -----------------------------------------------------------------
    "numbered": Word("{label} {number}", "{label} {number}"),
    "id_header": Word("公告编号（可留空）", "notice ID (may be empty)"),
    "id_help": Word(
        "公告编号即文件名；留空则按 gongshi new 的规则生成（项目编号-ZB 等）",
        "the notice id is its file name; empty, it is made as gongshi new makes it "
        "(<project>-ZB and so on)"),
    "explain_sheet": Word("填写说明", "How to fill in"),
    "explain_column": Word("列", "Column"),
    "explain_sheets": Word("工作表", "Sheets"),
    "explain_field": Word("字段", "Field"),
    "explain_required": Word("必填", "Required"),
    "explain_meaning": Word("说明", "Meaning"),
    "explain_choices": Word("可选值", "Choices"),
    "yes": Word("是", "yes"),
    "no": Word("否", "no"),
    "explain_intro": Word(
        "每个工作表一种公告，每行一条公告。第 2 行是示例，请改写或删除。日期写作 2026-03-01，时间写作 "
        "2026-03-01 09:30（{zone} 当地时间）。完成后运行 gongshi import 本文件。",
        "One sheet per notice type, one notice per row. Row 2 is an example: overwrite or delete it. "
        "Dates as 2026-03-01, times as 2026-03-01 09:30 ({zone} local time). Then run gongshi "
        "import on this file."),
    "explain_rank": Word("第 N 组即第 N 名", "group N is rank N"),
})

# The template's example row (importing/workbook.py): one made-up road project through each
# notice type, in the template's language. Each row must import as it stands
# (tests/test_import.py), so these are values a notice may hold.
IMPORT_EXAMPLES = Section("import_examples", {
    "trading_center": Word("示例市公共资源交易中心", "Example City Public Resources Trading Center"),
    "project_name": Word("示例县城区道路改造工程", "Example County Town Roads Renovation"),
    "buyer": Word("示例县交通运输局", "Example County Transport Bureau"),
    "opening_place": Word("示例市公共资源交易中心开标室",
                          "Bid opening room, Example City Public Resources Trading Center"),
    "company": Word("示例建设工程有限公司", "Example Construction Engineering Co., Ltd."),
    "tender_title": Word("示例县城区道路改造工程施工招标公告",
                         "Example County Town Roads Renovation: invitation to tender for the works"),
    "amendment_title": Word("示例县城区道路改造工程施工招标变更公告",
                            "Example County Town Roads Renovation: amendment of the invitation to tender"),
    "candidates_title": Word("示例县城区道路改造工程中标候选人公示",
                             "Example County Town Roads Renovation: the winning candidates"),
    "award_title": Word("示例县城区道路改造工程中标结果公告", "Example County Town Roads Renovation: award"),
    "termination_title": Word("示例县城区道路改造工程终止公告",
                              "Example County Town Roads Renovation: termination"),
    "termination_reason": Word("示例：项目因规划调整终止", "Example: the project ends as the town plan changed"),
    "penalty_title": Word("示例建设工程有限公司行政处罚公告",
                          "Example Construction Engineering Co., Ltd.: administrative penalty"),
    "decision_no": Word("示交罚〔2026〕1号", "Example Transport Penalty [2026] No. 1"),
    "violation": Word("示例：提供虚假业绩", "Example: false records of past works submitted with a bid"),
    "basis": Word("《中华人民共和国招标投标法》第五十四条",
                  "Article 54 of the Bidding Law of the People's Republic of China"),
})
