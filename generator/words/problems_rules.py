"""What `gongshi validate` says when fields disagree with each other, notices with each other,
regions.yaml with itself, about personal data and legal periods (the groups 字段之间, 公告之间,
地区表, 个人信息 and 法定期限 in the editor guide), and when two files have one id.

Values: `{field}` and its kin are `FieldName`s (交易方式 `method`); `{value}`, `{published}`…
are the editor's own values (dates as written, cut and escaped), quoted by the template;
notice ids, paths and region codes of the data are shown as they are."""

from __future__ import annotations

from .entry import Section, Word

RULE_PROBLEMS = Section("rules", {
    # --- words inside the sentences --------------------------------------------------------------
    # a coded value with its name: 罚款 `fine` / Fine (`fine`)
    "coded_value": Word("{name} `{code}`", "{name} (`{code}`)"),
    "arrow": Word(" → ", " → "),
    "level_city": Word("市级", "city-level"),
    "level_county": Word("县级", "county-level"),
    "resident_id": Word("居民身份证号码", "resident ID number"),
    "mobile": Word("手机号码", "mobile number"),
    # the laws the legal periods come from (rules.py)
    "law_tender_period": Word(
        "《中华人民共和国招标投标法》第二十四条",
        "Article 24 of the Tendering and Bidding Law of the PRC",
    ),
    "law_amendment_period": Word(
        "《中华人民共和国招标投标法实施条例》第二十一条",
        "Article 21 of the Regulation on the Implementation of the Tendering and Bidding Law of the PRC",
    ),
    "law_candidates_period": Word(
        "《中华人民共和国招标投标法实施条例》第五十四条",
        "Article 54 of the Regulation on the Implementation of the Tendering and Bidding Law of the PRC",
    ),
    "law_procurement_period": Word(
        "《中华人民共和国政府采购法》第三十五条",
        "Article 35 of the Government Procurement Law of the PRC",
    ),
    "law_configured_period": Word(
        "本站的法定最短期限表 `extra.gongshi.legal_minimum_days`",
        "this site's table of legal minimums, `extra.gongshi.legal_minimum_days`",
    ),

    # --- 文件与文件夹: id-unique ------------------------------------------------------------------
    "id_taken": Word(
        "{first} 已经使用了同一个编号：公告编号（文件名）在整个数据文件夹中唯一，放在不同文件夹里也不行；"
        "给其中一个文件换一个编号（已发布的公告不要改名）",
        "{first} already has the same id: a notice id (the file name) is unique across the whole data "
        "folder, even in different folders; give one of the files another id (never rename a "
        "published notice)",
    ),
    "id_taken_in_other_case": Word(
        "{first} 的编号与这个文件的编号只差字母大小写：公告编号在整个数据文件夹中唯一，大小写不同也算同一个；"
        "给其中一个文件换一个编号（已发布的公告不要改名）",
        "the id of {first} differs from this file's only in upper and lower case: notice ids are "
        "unique across the whole data folder, whatever their case; give one of the files another id "
        "(never rename a published notice)",
    ),

    # --- 字段之间 ---------------------------------------------------------------------------------
    "deadline_order": Word(
        "{field}“{value}”不晚于{published_field}“{published}”：截止时间必须在公告发布之后，"
        "请检查年、月、日是否写错",
        "{field} '{value}' is not after the {published_field} '{published}': the deadline must come "
        "after the notice is published; check the year, month and day",
    ),
    "opening_order": Word(
        "{field}“{value}”早于{deadline_field}“{deadline}”：投标截止以后才能开标，"
        "把开标时间改为不早于截止时间（通常与截止时间相同）",
        "{field} '{value}' is before the {deadline_field} '{deadline}': bids are opened after they "
        "close; set the opening time no earlier than the deadline (usually the same time)",
    ),
    "opening_order_tender": Word(
        "{field}“{value}”早于招标公告 {tender} 的{deadline_field}“{deadline}”：投标截止以后才能开标，"
        "把开标时间改为不早于截止时间，或在 `changes:` 下同时写新的 `deadline: …`",
        "{field} '{value}' is before the {deadline_field} '{deadline}' of the tender {tender}: bids are "
        "opened after they close; set the opening time no earlier than the deadline, or also write "
        "a new `deadline: …` under `changes:`",
    ),
    "publicity_order_published": Word(
        "{field}“{value}”不晚于{published_field}“{published}”：公示截止必须在公告发布之后，"
        "请检查日期是否写错",
        "{field} '{value}' is not after the {published_field} '{published}': the publicity must end "
        "after the notice is published; check the date",
    ),
    "publicity_order_decided": Word(
        "{field}“{value}”不晚于{decided_field}“{decided}”：公示截止必须在处罚决定日期之后，"
        "请检查日期是否写错",
        "{field} '{value}' is not after the {decided_field} '{decided}': the publicity must end after "
        "the decision date; check the date",
    ),
    "decided_order": Word(
        "{field}“{value}”晚于{published_field}“{published}”：处罚决定作出以后才能公告，请核对这两个日期",
        "{field} '{value}' is after the {published_field} '{published}': a decision is published only "
        "once it is made; check both dates",
    ),
    "withdrawn_date": Word(
        "{field}“{value}”早于{published_field}“{published}”：公告发布以后才能撤销，请写实际撤销的那一天",
        "{field} '{value}' is before the {published_field} '{published}': a notice is withdrawn only "
        "after it is published; write the day it was really withdrawn",
    ),
    "contact_empty": Word(
        "{field} 一项也没有填：至少写{fields} 中的一项，或删除 `contact:` 这一行",
        "{field} is empty: write at least one of {fields}, or remove the `contact:` line",
    ),
    "attachment_both": Word(
        "这个附件同时写了{file_field} 和{url_field}：每个附件只写其中一个，数据文件夹 files/ 里的文件写 "
        "`file: …`，外部网站上的文件写 `url: https://…`，删除另一行",
        "this attachment has both an {file_field} and an {url_field}: an attachment has exactly one, "
        "`file: …` for a file in the data folder's files/, `url: https://…` for a file on another "
        "site; remove the other line",
    ),
    "attachment_neither": Word(
        "这个附件既没有{file_field} 也没有{url_field}：写上其中一个，例如 `file: 2026/招标文件.pdf`"
        "（数据文件夹 files/ 下的路径）或 `url: https://…`",
        "this attachment has neither an {file_field} nor an {url_field}: add one, e.g. "
        "`file: 2026/tender-documents.pdf` (a path under the data folder's files/) or `url: https://…`",
    ),
    "attachment_missing": Word(
        "找不到附件文件“{path}”：把文件放到这个位置并一起提交，或改正路径（大小写也要一致，`.PDF` 与 `.pdf` 不同）",
        "no file '{path}': add the file there and commit it, or correct the path (case matters: "
        "`.PDF` is not `.pdf`)",
    ),
    "attachment_unopenable": Word(
        "无法打开附件文件“{path}”（{reason}）：改正路径，或给文件换一个较短的、只用字母、数字、`-` 和 `_` 的名字",
        "cannot open '{path}' ({reason}): correct the path, or give the file a shorter name of "
        "letters, digits, `-` and `_`",
    ),
    "changes_empty": Word(
        "{field} 里既没有{deadline_field} 也没有{opening_field}：写上其中一项；只是澄清内容、时间不变的，"
        "删除 `changes:`，把澄清写在{body_field} 里",
        "{field} has neither a {deadline_field} nor a {opening_field}: add one; for a clarification "
        "that moves no date, remove `changes:` and write the clarification in the {body_field}",
    ),
    "candidates_ranks": Word(
        "{field} 依次是 {ranks}：按名次写 1 到 {count}，每个排名只写一次，不重复、不跳号",
        "the candidates' {field} values are {ranks}: number them 1 to {count}, each rank once",
    ),
    "subject_uscc_required": Word(
        "{kind_field} 为{kind} 时要写{field}：在第 {line} 行 `subject:` 下加一行 `uscc: …`"
        "（18 位代码，可在国家企业信用信息公示系统查询）",
        "{field} is required when the {kind_field} is {kind}: add a line `uscc: …` under `subject:` "
        "at line {line} (the 18-character code, as the National Enterprise Credit Information "
        "Publicity System shows it)",
    ),
    "subject_uscc_not_allowed": Word(
        "{kind_field} 为{kind} 时不写{field}：评标专家和自然人没有统一社会信用代码，也不应公开其证件号码；删除这一行",
        "{field} is not written when the {kind_field} is {kind}: experts and natural persons have no "
        "unified social credit code, and their ID numbers are not published; remove this line",
    ),
    "sanction_amount": Word(
        "处罚种类为{kind} 时要写{field}：在第 {line} 行这一项中加一行 `amount: …`，只写数字，单位为元，"
        "例如 `amount: 50000`",
        "a sanction of kind {kind} needs its {field}: add a line `amount: …` to this entry at line "
        "{line}, a number in yuan, e.g. `amount: 50000`",
    ),
    "sanction_until_missing": Word(
        "处罚种类为{kind} 时要写{field}（期限的最后一天）：在第 {line} 行这一项中加一行 `until: …`，"
        "例如 `until: 2027-03-27`",
        "a sanction of kind {kind} needs its {field} (its last day): add a line `until: …` to this "
        "entry at line {line}, e.g. `until: 2027-03-27`",
    ),
    "sanction_until_order": Word(
        "{field}“{value}”早于{decided_field}“{decided}”：期限的最后一天不能早于处罚决定日期，请检查日期是否写错",
        "{field} '{value}' is before the {decided_field} '{decided}': the last day of a sanction cannot "
        "come before the decision; check the date",
    ),

    # --- 公告之间 ---------------------------------------------------------------------------------
    "amends_unknown": Word(
        "{field}“{value}”：数据中没有这个编号的公告。写被变更的招标公告的编号，即它的文件名（不带 `.yaml`），"
        "大小写也要一致",
        "{field} '{value}': there is no notice with that id; write the id of the tender it amends, "
        "which is the tender's file name without `.yaml`, in the same case",
    ),
    "amends_unknown_of_project": Word(
        "{field}“{value}”：数据中没有这个编号的公告。本项目的招标公告是 {tender}，"
        "要变更它就写 `amends: {tender}`",
        "{field} '{value}': there is no notice with that id; the tender of this project is "
        "{tender}: to amend it, write `amends: {tender}`",
    ),
    "amends_type": Word(
        "{field}“{value}”是{kind}，不是招标公告：变更公告只能变更招标公告（`type: tender`），"
        "写被变更的招标公告的编号",
        "{field} '{value}' is a notice of type {kind}, not a tender: an amendment amends a tender "
        "(`type: tender`); write the tender's id",
    ),
    "amends_project": Word(
        "{field}“{value}”与被变更的招标公告 {tender} 的项目编号“{tender_code}”不同："
        "变更公告属于它所变更的招标公告的项目，改为 `code: {tender_code}`",
        "{field} '{value}' differs from the project code '{tender_code}' of the tender it amends, "
        "{tender}: an amendment belongs to its tender's project; write `code: {tender_code}`",
    ),
    "amends_broken": Word(
        "{field}“{value}”所指的公告文件本身有错误：先改正那个文件，这条问题会随之消失",
        "{field} '{value}' names a notice whose file has errors of its own: fix that file first, "
        "and this problem goes away",
    ),
    "project_tender_missing": Word(
        "数据中没有{field} 为“{value}”的招标公告：结果类公告要有本项目的招标公告，"
        "请核对项目编号，与招标公告的 `project.code` 完全一致",
        "no tender in the data has {field} '{value}': a result needs its project's tender; check the "
        "code, which must be exactly the tender's `project.code`",
    ),
    "project_tender_broken": Word(
        "项目“{value}”的招标公告 {tender} 本身有错误：先改正那个文件，这条问题会随之消失",
        "the tender of project '{value}', {tender}, has errors of its own: fix that file first, and "
        "this problem goes away",
    ),
    "published_before_amended": Word(
        "{field}“{value}”早于它所变更的招标公告 {tender} 的发布时间“{tender_published}”："
        "变更公告在招标公告之后发布，请检查两个文件的 `published`",
        "{field} '{value}' is before the publication of the tender it amends, {tender} "
        "('{tender_published}'): an amendment comes after its tender; check `published` in both files",
    ),
    "published_before_tender": Word(
        "{field}“{value}”早于本项目招标公告 {tender} 的发布时间“{tender_published}”："
        "结果在招标公告之后发布，请检查两个文件的 `published`",
        "{field} '{value}' is before the publication of its project's tender {tender} "
        "('{tender_published}'): a result comes after its tender; check `published` in both files",
    ),
    "region_unknown": Word(
        "{field}“{value}”不在地区表 regions.yaml 中：改用表中已有的地区代码，或先在地区表里添加这个地区（需审核）",
        "{field} '{value}' is not in the region table regions.yaml: use a code listed there, or "
        "first add the region to the table (it is reviewed)",
    ),

    # --- 地区表 -----------------------------------------------------------------------------------
    "region_unique": Word(
        "{field}“{value}”重复：第 {line} 行（第 {entry} 项）已经写过这个地区，删除重复的这一项",
        "{field} '{value}' is listed twice: line {line} (entry {entry}) already has it; remove "
        "this entry",
    ),
    "region_parent_needed": Word(
        "“{name}”（{code}）是{level}地区，要写{field}：在这一项中加一行 `parent: \"{parent}\"`",
        "'{name}' ({code}) is a {level} region and needs a {field}: add a line "
        "`parent: \"{parent}\"` to this entry",
    ),
    "region_parent_unlisted": Word(
        "{field}“{value}”不在地区表中：先在 regions.yaml 中添加这个地区，或改正代码",
        "{field} '{value}' is not listed in regions.yaml: add that region first, or correct the code",
    ),
    "region_parent_wrong": Word(
        "按 GB/T 2260，{code} 的上级地区是 {expected}，不是“{value}”：改为 `parent: \"{expected}\"`",
        "by GB/T 2260 the parent of {code} is {expected}, not '{value}': write "
        "`parent: \"{expected}\"`",
    ),
    "region_parent_of_province": Word(
        "{code} 是省级地区代码，没有上级地区：删除 `parent: \"{value}\"` 这一行",
        "{code} is a province-level code and has no parent: remove the line `parent: \"{value}\"`",
    ),
    "region_cycle": Word(
        "地区的上级关系形成了循环（{cycle}）：检查这些地区的{field}，最上层的省级地区不写 `parent`",
        "the regions' parents form a cycle ({cycle}): check the {field} of these regions; the province "
        "at the top has no `parent`",
    ),

    # --- 个人信息 ---------------------------------------------------------------------------------
    "personal_data_id": Word(
        "{field} 中有未脱敏的居民身份证号码：处罚公告只公开脱敏后的号码，保留前 4 位和后 4 位，中间 10 位写 `*`，"
        "例如 {masked}",
        "{field} holds an unmasked resident ID number: a penalty notice shows it masked, the first 4 "
        "and last 4 characters kept and the 10 between written `*`, e.g. {masked}",
    ),
    "personal_data_mobile": Word(
        "{field} 中有未脱敏的手机号码：处罚公告只公开脱敏后的号码，保留前 3 位和后 4 位，中间 4 位写 `*`，"
        "例如 {masked}",
        "{field} holds an unmasked mobile number: a penalty notice shows it masked, the first 3 and "
        "last 4 digits kept and the 4 between written `*`, e.g. {masked}",
    ),

    # --- 法定期限（警告） -------------------------------------------------------------------------
    "period_tender": Word(
        "从发布到{field}“{value}”只有 {days} 天：公开招标的工程建设项目至少要 {minimum} 天（{law}）；"
        "把截止时间（和开标时间）改到 {earliest} 或以后",
        "only {days} days from publication to the {field} '{value}': an open tender for construction "
        "needs at least {minimum} ({law}); move the deadline (and the opening) to {earliest} or later",
    ),
    "period_tender_of": Word(
        "从发布到{field}“{value}”只有 {days} 天：{category}项目的{method}至少要 {minimum} 天（{law}）；"
        "把截止时间（和开标时间）改到 {earliest} 或以后",
        "only {days} days from publication to the {field} '{value}': {method} in {category} "
        "needs at least {minimum} ({law}); move the deadline (and the opening) to {earliest} or later",
    ),
    "period_amendment": Word(
        "本公告发布时距投标截止时间“{deadline}”只有 {days} 天：变更或澄清至少在截止前 {minimum} 天发布"
        "（{law}），否则要顺延截止时间：在 `changes:` 下写 `deadline: …`，不早于 {earliest}",
        "published only {days} days before the bid deadline '{deadline}': a change or clarification "
        "comes at least {minimum} days before it ({law}), or the deadline moves: write "
        "`deadline: …` under `changes:`, no earlier than {earliest}",
    ),
    "period_amendment_late": Word(
        "本公告在投标截止时间“{deadline}”之后才发布：变更或澄清至少在截止前 {minimum} 天发布（{law}）；"
        "要顺延截止时间，在 `changes:` 下写 `deadline: …`，不早于 {earliest}",
        "published after the bid deadline '{deadline}': a change or clarification comes at least "
        "{minimum} days before it ({law}); to move the deadline, write `deadline: …` under "
        "`changes:`, no earlier than {earliest}",
    ),
    "period_candidates": Word(
        "{field}“{value}”距发布只有 {days} 天：中标候选人公示期不少于 {minimum} 天（{law}）；"
        "把公示截止改到 {earliest} 或以后",
        "{field} '{value}' is only {days} days after publication: candidates are publicised for at "
        "least {minimum} days ({law}); move it to {earliest} or later",
    ),
})
