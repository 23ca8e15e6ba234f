"""What the published JSON Schema of a notice file tells editors in their text editor (VS Code
with the YAML extension): the help on each field, shown on hover and in completion, with an
example; and what it says when a value does not fit. Field titles are FIELDS' (fields.py), names of
coded values VOCABULARIES' (values.py): they are not repeated here.

Keys of SCHEMA_HELP are YAML paths without list positions, as in FIELDS. The help says what to
write, in the editor's terms, and ends with an example as the file holds it (a coded field's
help is followed by its codes and an example, schema.py writes them)."""

from __future__ import annotations

from .entry import Section, Word

SCHEMA_HELP = Section("schema_help", {
    # every notice
    "type": Word(
        "公告类型，决定这个文件还要写哪些字段",
        "The kind of notice; it decides which other fields the file needs",
    ),
    "title": Word(
        "公告标题，一行纯文字，5–200 个字。例如 `title: 孝南区书院街道路改造工程施工招标公告`",
        "The notice's title: one line of plain text, 5 to 200 characters. "
        "E.g. `title: 孝南区书院街道路改造工程施工招标公告`",
    ),
    "region": Word(
        "发布地区的 6 位行政区划代码（GB/T 2260），须列在 data/regions.yaml 中，加引号。"
        "例如 `region: \"420902\"`",
        "The 6-digit GB/T 2260 code of the publishing region, listed in data/regions.yaml, in "
        "quotes. E.g. `region: \"420902\"`",
    ),
    "published": Word(
        "发布时间：日期，或日期和时间（北京时间）；晚于构建时间的公告暂不公开。"
        "例如 `published: 2026-03-01 09:00`",
        "When the notice is published: a date, or a date and time (Beijing time); a notice "
        "dated after the build is not shown yet. E.g. `published: 2026-03-01 09:00`",
    ),
    "publisher": Word(
        "发布公告的单位全称。例如 `publisher: 孝感市公共资源交易中心`",
        "The full name of the publishing body. E.g. `publisher: 孝感市公共资源交易中心`",
    ),
    "body": Word(
        "正文，Markdown 格式，可以写多行：写 `body: |`，从下一行起每行缩进两个空格；HTML 和脚本会被清除。"
        "例如 `body: |` 下一行 `  一、项目概况`",
        "The body text in Markdown, several lines allowed: write `body: |` and indent each "
        "following line by two spaces; HTML and scripts are removed. "
        "E.g. `body: |` then `  1. Project overview`",
    ),
    "attachments": Word(
        "附件，最多 100 项；每一项写 `title`，再写 `file` 或 `url` 二者之一。"
        "例如 `- title: 招标文件` 下一行 `  file: 2026/XN-GC-2026-001/招标文件.pdf`",
        "Attachments, at most 100; each has a `title` and exactly one of `file` or `url`. "
        "E.g. `- title: 招标文件` then `  file: 2026/XN-GC-2026-001/招标文件.pdf`",
    ),
    "attachments.title": Word(
        "附件名称。例如 `title: 招标文件`",
        "The attachment's title. E.g. `title: 招标文件`",
    ),
    "attachments.file": Word(
        "附件文件在 data/files/ 下的相对路径（与 `url` 二选一）。"
        "例如 `file: 2026/XN-GC-2026-001/招标文件.pdf`",
        "The attachment's path under data/files/ (either this or `url`). "
        "E.g. `file: 2026/XN-GC-2026-001/招标文件.pdf`",
    ),
    "attachments.url": Word(
        "以 https:// 开头的外部链接（与 `file` 二选一）；放在对象存储等其他网站上的文件再写 `size` 和 `sha256`。"
        "例如 `url: https://ggzy.example.gov.cn/zb.pdf`",
        "A link starting with https:// (either this or `file`); a file kept on another site "
        "(object storage) also gets `size` and `sha256`. E.g. `url: https://ggzy.example.gov.cn/zb.pdf`",
    ),
    "attachments.size": Word(
        "其他网站上的附件文件的大小，以字节计的整数，与 `sha256` 一起写，只用于 `url`。例如 `size: 52428800`",
        "The size in bytes of an attachment kept on another site, a whole number, written with "
        "`sha256`, for `url` only. E.g. `size: 52428800`",
    ),
    "attachments.sha256": Word(
        "其他网站上的附件文件的 SHA-256 摘要，64 位十六进制数字，与 `size` 一起写，只用于 `url`（计算方法见编辑指南“大文件”）。"
        "例如 `sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08`",
        "The SHA-256 digest of an attachment kept on another site, 64 hexadecimal digits, "
        "written with `size`, for `url` only (how to compute it: the editor guide). "
        "E.g. `sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08`",
    ),
    "contact": Word(
        "联系方式：联系人、电话、电子邮箱至少写一项。例如 `contact:` 下一行 `  phone: 0712-2856123`",
        "Contact details: at least one of name, phone, email. "
        "E.g. `contact:` then `  phone: 0712-2856123`",
    ),
    "contact.name": Word("联系人。例如 `name: 张工`", "The contact person. E.g. `name: 张工`"),
    "contact.phone": Word(
        "办公电话。例如 `phone: 0712-2856123`", "An office phone number. E.g. `phone: 0712-2856123`",
    ),
    "contact.email": Word(
        "电子邮箱。例如 `email: ggzy@example.gov.cn`", "An email address. E.g. `email: ggzy@example.gov.cn`",
    ),
    "withdrawn": Word(
        "撤销：写撤销日期和原因，公告仍然公开并显示“已撤销”。"
        "例如 `withdrawn:` 下两行 `  date: 2026-03-10` 和 `  reason: 招标文件有误`",
        "Withdrawal: its date and reason; the notice stays public, marked as withdrawn. "
        "E.g. `withdrawn:` then `  date: 2026-03-10` and `  reason: 招标文件有误`",
    ),
    "withdrawn.date": Word(
        "撤销日期，不早于发布日期。例如 `date: 2026-03-10`",
        "The day of the withdrawal, not before publication. E.g. `date: 2026-03-10`",
    ),
    "withdrawn.reason": Word(
        "撤销原因。例如 `reason: 招标文件有误，重新发布`",
        "Why the notice is withdrawn. E.g. `reason: 招标文件有误，重新发布`",
    ),
    "category": Word("交易类别", "The category of the deal"),
    "project": Word(
        "项目：编号和名称，同一项目的所有公告写同一个编号。"
        "例如 `project:` 下两行 `  code: XN-GC-2026-001` 和 `  name: 孝南区书院街道路改造工程`",
        "The project: its code and name; every notice of a project has the same code. "
        "E.g. `project:` then `  code: XN-GC-2026-001` and `  name: 孝南区书院街道路改造工程`",
    ),
    "project.code": Word(
        "项目编号，同一项目的所有公告使用同一编号。例如 `code: XN-GC-2026-001`",
        "The project code, the same in every notice of the project. E.g. `code: XN-GC-2026-001`",
    ),
    "project.name": Word(
        "项目名称。例如 `name: 孝南区书院街道路改造工程`", "The project's name. E.g. `name: 孝南区书院街道路改造工程`",
    ),
    # tender
    "method": Word("交易方式", "The procurement method"),
    "buyer": Word(
        "招标人（采购人、出让人）：名称和统一社会信用代码。例如 `buyer:` 下一行 `  name: 孝感市孝南区住房和城乡建设局`",
        "The buyer (or seller of rights): name and unified social credit code. "
        "E.g. `buyer:` then `  name: 孝感市孝南区住房和城乡建设局`",
    ),
    "buyer.name": Word(
        "招标人（采购人、出让人）的全称。例如 `name: 孝感市孝南区住房和城乡建设局`",
        "The buyer's full name. E.g. `name: 孝感市孝南区住房和城乡建设局`",
    ),
    "buyer.uscc": Word(
        "招标人的 18 位统一社会信用代码，校验位会被检查。例如 `uscc: 91350100M000100Y43`",
        "The buyer's 18-character unified social credit code; its check character is checked. "
        "E.g. `uscc: 91350100M000100Y43`",
    ),
    "agency": Word(
        "代理机构（委托代理时填写）：名称和统一社会信用代码。例如 `agency:` 下一行 `  name: 湖北某某招标代理有限公司`",
        "The procurement agency, when there is one: name and unified social credit code. "
        "E.g. `agency:` then `  name: 湖北某某招标代理有限公司`",
    ),
    "agency.name": Word(
        "代理机构的全称。例如 `name: 湖北某某招标代理有限公司`",
        "The agency's full name. E.g. `name: 湖北某某招标代理有限公司`",
    ),
    "agency.uscc": Word(
        "代理机构的 18 位统一社会信用代码，校验位会被检查。例如 `uscc: 91350100M000100Y43`",
        "The agency's 18-character unified social credit code; its check character is checked. "
        "E.g. `uscc: 91350100M000100Y43`",
    ),
    "budget": Word(
        "预算或起始价，单位元：写数字，不加引号，不写“元”“万元”，最多两位小数。例如 `budget: 12800000.50`",
        "The budget or starting price in yuan: a number without quotes or units, at most 2 "
        "decimals. E.g. `budget: 12800000.50`",
    ),
    "deadline": Word(
        "投标或报名截止时间：日期和时间（北京时间），晚于发布时间。例如 `deadline: 2026-03-25 09:30`",
        "The bid deadline: a date and time (Beijing time), after publication. "
        "E.g. `deadline: 2026-03-25 09:30`",
    ),
    "opening": Word(
        "开标安排：时间和地点。例如 `opening:` 下一行 `  time: 2026-03-25 09:30`",
        "The bid opening: its time and place. E.g. `opening:` then `  time: 2026-03-25 09:30`",
    ),
    "opening.time": Word(
        "开标时间：日期和时间，不早于投标截止时间。例如 `time: 2026-03-25 09:30`",
        "When bids are opened: a date and time, not before the deadline. E.g. `time: 2026-03-25 09:30`",
    ),
    "opening.place": Word(
        "开标地点。例如 `place: 孝感市公共资源交易中心第一开标室`",
        "Where bids are opened. E.g. `place: 孝感市公共资源交易中心第一开标室`",
    ),
    "qualification": Word(
        "投标人资格要求，一行文字。例如 `qualification: 具备市政公用工程施工总承包三级及以上资质`",
        "What bidders must qualify with, one line. E.g. `qualification: 具备市政公用工程施工总承包三级及以上资质`",
    ),
    # amendment
    "amends": Word(
        "被变更的招标公告的编号，即它的文件名（不含 `.yaml`）。例如 `amends: XN-GC-2026-001-ZB`",
        "The id of the amended tender: its file name without `.yaml`. E.g. `amends: XN-GC-2026-001-ZB`",
    ),
    "changes": Word(
        "变更内容：新的截止时间、新的开标安排，至少写一项。例如 `changes:` 下一行 `  deadline: 2026-04-10 09:30`",
        "What changes: a new deadline, a new bid opening, or both. "
        "E.g. `changes:` then `  deadline: 2026-04-10 09:30`",
    ),
    "changes.deadline": Word(
        "新的投标截止时间，晚于变更公告的发布时间。例如 `deadline: 2026-04-10 09:30`",
        "The new bid deadline, after this amendment is published. E.g. `deadline: 2026-04-10 09:30`",
    ),
    "changes.opening": Word(
        "新的开标安排。例如 `opening:` 下一行 `    time: 2026-04-10 09:30`",
        "The new bid opening. E.g. `opening:` then `    time: 2026-04-10 09:30`",
    ),
    "changes.opening.time": Word(
        "新的开标时间，不早于（新的）投标截止时间。例如 `time: 2026-04-10 09:30`",
        "The new opening time, not before the (new) deadline. E.g. `time: 2026-04-10 09:30`",
    ),
    "changes.opening.place": Word(
        "新的开标地点。例如 `place: 孝感市公共资源交易中心第二开标室`",
        "The new opening place. E.g. `place: 孝感市公共资源交易中心第二开标室`",
    ),
    # candidates, award, termination
    "candidates": Word(
        "中标候选人，1–100 名，按排名写。例如 `- rank: 1` 下一行 `  name: 湖北某某建设有限公司`",
        "The preferred bidders, 1 to 100, by rank. E.g. `- rank: 1` then `  name: 湖北某某建设有限公司`",
    ),
    "candidates.rank": Word(
        "排名：从 1 开始的整数，不加引号，每个排名只用一次。例如 `rank: 1`",
        "The rank: a whole number from 1, without quotes, each rank once. E.g. `rank: 1`",
    ),
    "candidates.name": Word(
        "候选人的全称。例如 `name: 湖北某某建设有限公司`", "The candidate's full name. E.g. `name: 湖北某某建设有限公司`",
    ),
    "candidates.uscc": Word(
        "候选人的 18 位统一社会信用代码；自然人竞买时不写。例如 `uscc: 91350100M000100Y43`",
        "The candidate's unified social credit code; left out for a natural person. "
        "E.g. `uscc: 91350100M000100Y43`",
    ),
    "candidates.amount": Word(
        "投标报价，单位元：写数字，不加引号。例如 `amount: 12500000`",
        "The bid in yuan: a number without quotes. E.g. `amount: 12500000`",
    ),
    "publicity_end": Word(
        "公示的最后一天（只写日期表示当天结束），也可以写日期和时间；处罚公告过了这一天不再公开。"
        "例如 `publicity_end: 2026-04-14`",
        "The last day of publicity (a date alone means the end of that day), or a date and "
        "time; a penalty is no longer shown after it. E.g. `publicity_end: 2026-04-14`",
    ),
    "winners": Word(
        "中标或成交人，1–200 名。例如 `- name: 湖北某某建设有限公司`",
        "The winners, 1 to 200. E.g. `- name: 湖北某某建设有限公司`",
    ),
    "winners.name": Word(
        "中标或成交人的全称。例如 `name: 湖北某某建设有限公司`", "The winner's full name. E.g. `name: 湖北某某建设有限公司`",
    ),
    "winners.uscc": Word(
        "中标或成交人的 18 位统一社会信用代码；自然人竞得时不写。例如 `uscc: 91350100M000100Y43`",
        "The winner's unified social credit code; left out for a natural person. "
        "E.g. `uscc: 91350100M000100Y43`",
    ),
    "winners.amount": Word(
        "中标或成交金额，单位元：写数字，不加引号。例如 `amount: 12500000`",
        "The award amount in yuan: a number without quotes. E.g. `amount: 12500000`",
    ),
    "award_date": Word(
        "中标或成交日期，只写日期。例如 `award_date: 2026-04-15`",
        "The day of the award, a date only. E.g. `award_date: 2026-04-15`",
    ),
    "reason": Word(
        "终止原因：流标、废标或终止，以及原因。例如 `reason: 投标人不足三家，依法废标`",
        "Why the procedure ended: failed, annulled or terminated, and why. "
        "E.g. `reason: 投标人不足三家，依法废标`",
    ),
    # penalty
    "subject": Word(
        "处罚对象：名称和类别；企业、代理机构、招标人还要写统一社会信用代码。"
        "例如 `subject:` 下一行 `  name: 孝感市某建筑工程有限公司`",
        "The sanctioned party: name and kind; a company, agency or buyer also its unified "
        "social credit code. E.g. `subject:` then `  name: 孝感市某建筑工程有限公司`",
    ),
    "subject.name": Word(
        "处罚对象的名称；自然人的姓名要隐去，只留姓。例如 `name: 王某某`",
        "The sanctioned party's name; a person's given name is masked. E.g. `name: 王某某`",
    ),
    "subject.kind": Word("处罚对象的类别", "The kind of party sanctioned"),
    "subject.uscc": Word(
        "统一社会信用代码：企业、代理机构、招标人必填；评标专家和自然人不写。例如 `uscc: 91350100M000100Y43`",
        "The unified social credit code: required for a company, agency or buyer; not written "
        "for an expert or a person. E.g. `uscc: 91350100M000100Y43`",
    ),
    "decision_no": Word(
        "处罚决定书文号。例如 `decision_no: 孝公管罚〔2026〕3号`",
        "The number of the decision. E.g. `decision_no: 孝公管罚〔2026〕3号`",
    ),
    "decided": Word(
        "处罚决定日期，不晚于发布日期。例如 `decided: 2026-03-28`",
        "The day of the decision, not after publication. E.g. `decided: 2026-03-28`",
    ),
    "authority": Word(
        "作出处罚的机关。例如 `authority: 孝感市公共资源交易监督管理局`",
        "The authority that decided. E.g. `authority: 孝感市公共资源交易监督管理局`",
    ),
    "violation": Word(
        "违法事实，一行文字；身份证号、手机号要隐去中间几位。例如 `violation: 与他人串通投标`",
        "The violation, one line; ID and mobile numbers are masked. E.g. `violation: 与他人串通投标`",
    ),
    "basis": Word(
        "处罚依据。例如 `basis: 《中华人民共和国招标投标法》第五十三条`",
        "The legal basis. E.g. `basis: 《中华人民共和国招标投标法》第五十三条`",
    ),
    "sanctions": Word(
        "处罚措施，1–20 项。例如 `- kind: fine` 下一行 `  amount: 50000`",
        "The sanctions, 1 to 20. E.g. `- kind: fine` then `  amount: 50000`",
    ),
    "sanctions.kind": Word(
        "处罚种类：罚款要写 `amount`，暂停投标资格和禁止参加要写 `until`",
        "The kind of sanction: a fine needs `amount`, a suspension or debarment `until`",
    ),
    "sanctions.amount": Word(
        "罚款金额，单位元：写数字，不加引号；罚款必填。例如 `amount: 50000`",
        "The amount in yuan, a number without quotes; required for a fine. E.g. `amount: 50000`",
    ),
    "sanctions.until": Word(
        "处罚期限的最后一天，不早于处罚决定日期；暂停投标资格、禁止参加必填。例如 `until: 2027-03-27`",
        "The last day the sanction applies, not before the decision; required for a "
        "suspension or debarment. E.g. `until: 2027-03-27`",
    ),
})

SCHEMA_WORDS = Section("schema", {
    "title": Word("gongshi 公告文件", "gongshi notice file"),
    "description": Word(
        "公共资源交易公告的统一格式：一个 YAML 文件就是一条公告，先写 `type`。",
        "The one format of public-resource-trading notices: one YAML file is one notice; "
        "start with `type`.",
    ),
    # each notice type: its name (values.py TYPE) and what it is
    "notice": Word("{name}：{what}", "{name}: {what}"),
    "tender": Word("招标、采购或出让的公告。", "A call for bids, a procurement or a sale of rights."),
    "amendment": Word("对招标公告的变更或澄清。", "A change to or clarification of a tender."),
    "candidates": Word("评标后公示的中标候选人。", "The preferred bidders, publicised after evaluation."),
    "award": Word("中标或成交的结果。", "The result: who won."),
    "termination": Word("流标、废标或终止。", "A failed, annulled or terminated procedure."),
    "penalty": Word("行政处罚或不良行为记录。", "An administrative penalty or a bad-conduct record."),
    # the allowed values of a coded field, after its help
    "choice": Word("{name} `{code}`", "`{code}` ({name})"),
    "choices": Word("{help}。应为以下之一：{choices}。例如 `{example}`",
                    "{help}. One of: {choices}. E.g. `{example}`"),
    "fixed": Word("{help}。这类公告写 {choices}。例如 `{example}`",
                  "{help}. For this kind of notice: {choices}. E.g. `{example}`"),
    # what the editor's editor says when a value does not fit
    "error_text": Word(
        "应为一行文字：不换行，不含看不见的控制字符，也不含没填完的“<请填写…>”",
        "must be one line of text: no line breaks, no invisible control characters, no "
        "unfilled '<请填写…>'",
    ),
    "error_body": Word(
        "不能含看不见的控制字符，也不能含没填完的“<请填写…>”",
        "must hold no invisible control characters and no unfilled '<请填写…>'",
    ),
    "error_date": Word(
        "应为真实存在的日期，写成 2026-03-10 这样（年份 1900–2999）",
        "must be a real date written like 2026-03-10 (years 1900 to 2999)",
    ),
    "error_datetime": Word(
        "应为日期和时间，例如 2026-03-25 09:30（北京时间）；只写日期不够",
        "must be a date and time, e.g. 2026-03-25 09:30 (Beijing time); a date alone is not enough",
    ),
    "error_date_or_datetime": Word(
        "应为日期（例如 2026-03-10）或日期和时间（例如 2026-03-10 09:30）",
        "must be a date (e.g. 2026-03-10) or a date and time (e.g. 2026-03-10 09:30)",
    ),
    "error_money": Word(
        "应为金额（元）：数字，不加引号，不写单位，例如 1280000.50",
        "must be an amount in yuan: a number without quotes or units, e.g. 1280000.50",
    ),
    "error_region": Word(
        "应为 6 位行政区划代码，例如 “420902”", "must be a 6-digit region code, e.g. '420902'",
    ),
    "error_uscc": Word(
        "应为 18 位统一社会信用代码：数字和大写字母，不用 `I`、`O`、`S`、`V`、`Z`",
        "must be an 18-character unified social credit code: digits and capitals, without "
        "`I`, `O`, `S`, `V`, `Z`",
    ),
    "error_size": Word(
        "应为文件的字节数：从 1 开始的整数，不加引号，例如 52428800",
        "must be the file's size in bytes: a whole number from 1 without quotes, e.g. 52428800",
    ),
    "error_sha256": Word(
        "应为 64 位十六进制数字（`0`–`9`、`a`–`f`）的 SHA-256 摘要",
        "must be a SHA-256 digest of 64 hexadecimal digits (0-9, a-f)",
    ),
    "error_declared_on_file": Word(
        "`size` 和 `sha256` 只写在用 `url` 的附件里：`file` 的大小和摘要由本站计算，删除这一行",
        "`size` and `sha256` belong to attachments given by `url` only: a `file`'s size and "
        "digest are computed by the site; remove this line",
    ),
    "error_uscc_not_allowed": Word(
        "评标专家和自然人不写统一社会信用代码：删除 `uscc` 这一行",
        "an expert or a person has no unified social credit code: remove the `uscc` line",
    ),
    "error_id": Word(
        "应为公告编号（文件名，不含 `.yaml`）：3–80 个字母、数字、`.`、`_` 或 `-`，例如 XN-GC-2026-001-ZB",
        "must be a notice id (its file name without `.yaml`): 3 to 80 letters, digits, `.`, `_` "
        "or `-`, e.g. XN-GC-2026-001-ZB",
    ),
    "error_file": Word(
        "应为 data/files/ 下的相对路径，例如 2026/XN-GC-2026-001/招标文件.pdf：不以 `/` 开头，不含 `..`、`.` 或 `//`",
        "must be a path under data/files/, e.g. 2026/XN-GC-2026-001/zb.pdf: not starting "
        "with `/`, without `..`, `.` or `//`",
    ),
    "error_url": Word(
        "应为以 https:// 开头、不含空格的链接", "must be a link starting with https:// without spaces",
    ),
    "error_rank": Word(
        "应为从 1 开始的整数，不加引号，例如 1", "must be a whole number from 1 without quotes, e.g. 1",
    ),
})
