"""What `gongshi validate` says about one value: a missing or unknown field, a value of the
wrong kind (rules of the group 字段与取值 in the editor guide).

A field is named by `FieldName` (交易方式 `method`); list positions count from 1
(`candidates[2].name` is the second candidate's name). The editor's own values are quoted by
the templates (zh “…”, en '…'), shown cut and with control characters spelled out
(`words.shown`). A sentence never passes on pydantic's words: `dataset._friendly` says
every kind of error it can meet with these, and any other kind with `unexpected_kind`."""

from __future__ import annotations

from .entry import Section, Word

VALUE_PROBLEMS = Section("values", {
    # --- a field missing (rule required, notice-type) -----------------------------------------
    "required": Word(
        "缺少必填的{field}：{where}",
        "missing required field {field}: {where}",
    ),
    "required_choice": Word(
        "缺少必填的{field}：{where}，取值为以下之一：{choices}",
        "missing required field {field}: {where}, with one of: {choices}",
    ),
    "required_group": Word(
        "缺少必填的{field}：{where}，再在它下面另起几行、缩进两格，写 {fields}",
        "missing required field {field}: {where}, then {fields} on the lines under it, "
        "indented by two spaces",
    ),
    "required_list": Word(
        "缺少必填的{field}：{where}，再在它下面写至少一项，每项以 `- ` 开头，写 {fields}",
        "missing required field {field}: {where}, then at least one entry under it, each "
        "starting with `- ` and giving {fields}",
    ),
    "where_top": Word(
        "在文件中加一行 `{line}`（顶格写，不缩进）",
        "add the line `{line}` to the file (not indented)",
    ),
    "where_under": Word(
        "在第 {number} 行 `{parent}:` 下面加一行 `{line}`（与同一组的其他字段对齐）",
        "under `{parent}:` on line {number}, add the line `{line}` (indented like the fields beside it)",
    ),
    "where_entry": Word(
        "在第 {number} 行开始的这一项里加一行 `{line}`（与这一项的其他字段对齐）",
        "add the line `{line}` to the entry that starts on line {number} (indented like its other fields)",
    ),
    # --- an unknown field (rule unknown-field) -------------------------------------------------
    "unknown_field": Word(
        "未知字段 `{name}`{place}：检查拼写，或删除这一行",
        "unknown field `{name}`{place}: correct its spelling or remove the line",
    ),
    "unknown_field_suggestion": Word(
        "未知字段 `{name}`{place}：是不是要写{suggestion}？改正拼写，或删除这一行",
        "unknown field `{name}`{place}: did you mean {suggestion}? Correct the spelling or "
        "remove the line",
    ),
    "unknown_field_of_type": Word(
        "{type}没有字段 `{name}`（它属于其他类型的公告）：删除这一行，或检查公告类型 `type` 是否写对",
        "`{name}` is not a field of this notice type ({type}): remove the line, or check that "
        "the notice type (`type`) is right",
    ),
    "in_mapping": Word("（在 `{path}` 中）", " (in `{path}`)"),
    "in_entry": Word("（在地区表第 {number} 项中）", " (in entry {number} of the region list)"),
    # --- the notice type (rule notice-type) ----------------------------------------------------
    "type_missing": Word(
        "缺少公告类型 `type`：在文件开头加一行 `type: …`，取值为以下之一：{choices}",
        "missing the notice type (`type`): add a line `type: …` at the top of the file, with "
        "one of: {choices}",
    ),
    "type_unknown": Word(
        "公告类型 `type` 应为以下之一：{choices}；{found}",
        "the notice type (`type`) must be one of: {choices}; {found}",
    ),
    # --- what was found, how a choice is named ------------------------------------------------
    "choice": Word("{name} `{code}`", "`{code}` ({name})"),
    "found_text": Word("现在写的是“{value}”", "found '{value}'"),
    "found_number": Word("现在写的是数字 {value}", "found the number {value}"),
    "found_bool": Word("现在写的是是非值 `{value}`", "found the true/false value `{value}`"),
    "found_nothing": Word("现在什么也没写", "found nothing"),
    "found_list": Word("现在写的是一个列表", "found a list"),
    "found_mapping": Word("现在写的是一组子字段", "found a group of fields"),
    # --- one value (rule value and value-*): a field and what is wrong with it ----------------
    "value": Word("{field}：{problem}", "{field}: {problem}"),
    "the_notice": Word("公告文件", "the notice file"),
    "regions_file": Word("地区表 `regions.yaml`", "the region list (`regions.yaml`)"),
    "regions_entry": Word("地区表第 {number} 项", "entry {number} of the region list"),
    "regions_entry_field": Word("地区表第 {number} 项的{field}", "{field} of entry {number} of the region list"),
    "one_of": Word(
        "{field} 应为以下之一：{choices}；{found}",
        "{field} must be one of: {choices}; {found}",
    ),
    "empty": Word(
        "{field} 不能为空：在冒号后面写上内容",
        "{field} must not be empty: write its value after the colon",
    ),
    "too_short_text": Word(
        "{field} 太短：至少写 {minimum} 个字，现在只有 {length} 个",
        "{field} is too short: write at least {minimum} characters (found {length})",
    ),
    "too_long_text": Word(
        "{field} 太长：最多 {maximum} 个字，现在有 {length} 个",
        "{field} is too long: at most {maximum} characters, found {length}",
    ),
    "too_long_title": Word(
        "{field} 太长：最多 {maximum} 个字，现在有 {length} 个；详细内容写进正文 `body`",
        "{field} is too long: at most {maximum} characters, found {length}; details belong in "
        "the body (`body`)",
    ),
    "too_short_list": Word(
        "{field} 至少要有 {minimum} 项：在下面加上，每项另起一行，以 `- ` 开头",
        "{field} needs at least {minimum} entry: add it below, each entry on a line of its own "
        "starting with `- `",
    ),
    "too_long_list": Word(
        "{field} 有 {count} 项，最多只能有 {maximum} 项：删掉一些，或分成几条公告",
        "{field} has {count} entries; at most {maximum} are allowed: remove some, or split the notice",
    ),
    "list_expected": Word(
        "{field} 应为列表：每一项另起一行，以 `- ` 开头；{found}",
        "{field} must be a list: each entry on a line of its own, starting with `- `; {found}",
    ),
    "group_expected": Word(
        "{field} 应为一组子字段：在 `{name}:` 之后另起几行，缩进两格，每行写一个“字段: 值”，如 {fields}；{found}",
        "{field} must be a group of fields: on the lines after `{name}:`, indented by two spaces, "
        "write one `field: value` a line, such as {fields}; {found}",
    ),
    "entry_expected": Word(
        "{field} 应为一组子字段：在 `- ` 之后写“字段: 值”，每行一个，上下对齐；{found}",
        "{field} must be a group of fields: after `- `, write one `field: value` a line, "
        "aligned with each other; {found}",
    ),
    "whole_number": Word(
        "{field} 应为整数，不加引号，例如 `{name}: 1`；{found}",
        "{field} must be a whole number written without quotes, e.g. `{name}: 1`; {found}",
    ),
    "at_least": Word(
        "{field} 不能小于 {minimum}；{found}",
        "{field} must be at least {minimum}; {found}",
    ),
    "unexpected_kind": Word(
        "{field} 的值不符合要求：应为{expected}；{found}。请对照编辑指南的字段说明改正",
        "{field} has a value of the wrong kind: it must be {expected}; {found}. See the field "
        "reference of the editor guide",
    ),
    # what a field expects, for `unexpected_kind`
    "kind_text": Word("一行文字", "one line of text"),
    "kind_number": Word("数字", "a number"),
    "kind_whole_number": Word("整数", "a whole number"),
    "kind_bool": Word("是非值 `true` 或 `false`", "`true` or `false`"),
    "kind_date": Word("日期或日期和时刻", "a date, or a date and time"),
    "kind_list": Word("列表（每项以 `- ` 开头）", "a list (entries starting with `- `)"),
    "kind_group": Word("一组子字段（每行一个“字段: 值”）", "a group of fields (one `field: value` a line)"),
    "kind_other": Word("字段说明中所写的值", "what the field reference describes"),
    # --- our own checks of a value (model.py), shown after the field name --------------------
    "placeholder": Word(
        "还是占位符“{placeholder}”：把它（连同引号）换成真实内容",
        "still holds the placeholder '{placeholder}': replace it (quotes and all) with the real value",
    ),
    "control_character": Word(
        "含有看不见的控制字符 {code_point}：删掉它（可以删掉这段文字重新输入）",
        "contains the invisible control character {code_point}: remove it (retype the text if need be)",
    ),
    "one_line": Word(
        "只能写一行：删掉换行（只有正文 `body` 可以写多行）",
        "must be one line of plain text: remove the line breaks (only the body, `body`, may have several)",
    ),
    "text_not_scalar": Word(
        "应为文字，{found}：如果要写的就是这些，给它加上双引号",
        "must be text, {found}: if that is what you mean, put it in double quotes",
    ),
    "text_not_structure": Word(
        "应为一行文字，{found}：把内容写在冒号后面的同一行",
        "must be one line of text, {found}: write the value on the same line, after the colon",
    ),
    "region_code": Word(
        "应为 6 位数字的行政区划代码（GB/T 2260），加上引号，例如 `\"420902\"`；{found}",
        "must be a 6-digit region code (GB/T 2260) in quotes, e.g. `\"420902\"`; {found}",
    ),
    "uscc_length": Word(
        "“{value}”有 {length} 位，应为 18 位：对照营业执照核对，"
        "或到国家企业信用信息公示系统 https://www.gsxt.gov.cn 查询",
        "'{value}' has {length} characters, not the 18 of a unified social credit code: check it "
        "against the business licence, or look it up in the National Enterprise Credit "
        "Information Publicity System, https://www.gsxt.gov.cn",
    ),
    "uscc_characters": Word(
        "“{value}”含有不能用的字符 {characters}：统一社会信用代码只由数字和大写字母组成，"
        "不用 `I`、`O`、`S`、`V`、`Z`；小写字母改成大写，其余对照营业执照核对",
        "'{value}' holds characters a unified social credit code cannot have, {characters}: "
        "it is made of digits and capital letters, never `I`, `O`, `S`, `V` or `Z`; write lower "
        "case letters as capitals, and check the rest against the business licence",
    ),
    "uscc_check": Word(
        "“{value}”未通过统一社会信用代码的校验：最后一位校验码与前 17 位对不上，说明代码有字符录错，"
        "或者代码本身不对。请对照营业执照，或到国家企业信用信息公示系统 https://www.gsxt.gov.cn "
        "查询单位名称，照抄完整的代码；不要只改最后一位",
        "'{value}' fails the check of a unified social credit code: its check character does not "
        "match the other 17, so a character was mistyped or the code is not the right one. Copy "
        "the whole code from the business licence, or look the organisation up in the National "
        "Enterprise Credit Information Publicity System, https://www.gsxt.gov.cn; do not just "
        "change the last character",
    ),
    "code": Word("`{code}`", "`{code}`"),
    "money": Word(
        "应为以元为单位的数字，不加引号、不写单位，例如 `1280000.50`；{found}",
        "must be a number in yuan written without quotes or units, e.g. `1280000.50`; {found}",
    ),
    "money_not_finite": Word("应为一个实际的金额（元）", "must be a real amount in yuan"),
    "money_negative": Word("不能是负数", "must not be negative"),
    "money_too_large": Word(
        "大得不像真实金额（整数部分最多 {digits} 位）：检查数字，金额以元为单位",
        "is larger than any real amount (at most {digits} digits before the decimal point): "
        "check the number, it is in yuan",
    ),
    "money_decimals": Word(
        "小数超过两位：金额以元为单位，精确到分（0.01）",
        "has more than 2 decimals: amounts are in yuan, to the fen (0.01)",
    ),
    "year_range": Word(
        "年份 {year} 超出范围：年份应在 {first} 到 {last} 之间",
        "the year {year} is out of range: write a year from {first} to {last}",
    ),
    "date": Word(
        "应为日期（年-月-日），例如 2026-03-10；{found}",
        "must be a date written as YYYY-MM-DD, e.g. 2026-03-10; {found}",
    ),
    "date_unreal": Word("“{value}”不是真实存在的日期", "'{value}' is not a real calendar date"),
    "datetime": Word(
        "应为日期和时刻（年-月-日 时:分），例如 2026-03-10 09:30；{found}",
        "must be a date and time written as YYYY-MM-DD HH:MM, e.g. 2026-03-10 09:30; {found}",
    ),
    "datetime_unreal": Word("“{value}”不是真实存在的日期和时刻", "'{value}' is not a real date and time"),
    "datetime_needs_time": Word(
        "要写到时刻，例如 {date} 09:30（本站时区）",
        "needs a time as well as a date, e.g. {date} 09:30 (site time zone)",
    ),
    "date_or_datetime": Word(
        "应为日期（年-月-日）或日期和时刻（年-月-日 时:分），例如 2026-03-10 或 2026-03-10 09:30；{found}",
        "must be a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM), e.g. 2026-03-10 or "
        "2026-03-10 09:30; {found}",
    ),
    "notice_id": Word(
        "应为一条公告的编号，即它的文件名（不含 `.yaml`）：3 到 80 个字母、数字或 `.`、`_`、`-`，"
        "以字母或数字开头；{found}",
        "must be a notice's id, its file name without `.yaml`: 3 to 80 letters, digits, `.`, `_` "
        "or `-`, starting with a letter or digit; {found}",
    ),
    "https_url": Word(
        "应为以 `https://` 开头的链接，中间不能有空格；{found}",
        "must be a link starting with `https://`, with no spaces; {found}",
    ),
    "file_absolute": Word(
        "应为 `data/files/` 下的相对路径，不能以 `/` 或盘符开头；{found}",
        "must be a path under `data/files/`, not an absolute path; {found}",
    ),
    "file_dots": Word(
        "应为 `data/files/` 下的普通路径，不能含 `..`、`.` 或 `//`；{found}",
        "must be a plain path under `data/files/` without `..`, `.` or `//`; {found}",
    ),
})


# The line `gongshi validate` tells an editor to add for a missing field, by field:
# `deadline: 2026-03-25 09:30` (keys of FIELDS, and `code` of REGION_FIELDS). Values the same in
# every language; any other field shows `…`.
EXAMPLE_VALUES: dict[str, str] = {
    "region": '"420902"',
    "published": "2026-03-01 09:00",
    "deadline": "2026-03-25 09:30",
    "opening.time": "2026-03-25 09:30",
    "changes.opening.time": "2026-04-10 09:30",
    "withdrawn.date": "2026-03-10",
    "publicity_end": "2026-04-14",
    "decided": "2026-03-28",
    "candidates.rank": "1",
    "code": '"420902"',
}
