"""Words of the open data: what each column of data/<year>/<MM>/notices.csv and notices.json holds
(the 数据下载 page lists them; the column names themselves are for programs and stay English,
in render/exports.py) and the titles the OCDS release package gives."""

from __future__ import annotations

from .entry import Section, Word

COLUMNS = Section("columns", {
    "id": Word("公告编号（文件名），永久不变", "notice id (file name), permanent"),
    "url": Word("公告页面的绝对地址", "absolute URL of the notice page"),
    "type": Word(
        "公告类型代码：tender, amendment, candidates, award, termination, penalty",
        "notice type code: tender, amendment, candidates, award, termination, penalty",
    ),
    "type_label": Word("公告类型名称", "notice type, as shown"),
    "family": Word(
        "分类：tenders 招标公告, results 结果公示, penalties 处罚公告",
        "family: tenders, results, penalties",
    ),
    "status": Word(
        "状态代码（截至 as_of）：open, closed, awarded, terminated, withdrawn, publicity, "
        "publicity-ended, disclosed",
        "status code as of as_of: open, closed, awarded, terminated, withdrawn, publicity, "
        "publicity-ended, disclosed",
    ),
    "status_label": Word("状态名称，如 公告中、已截止、已成交", "status, as shown"),
    "title": Word("公告标题", "title"),
    "region_code": Word("发布地区代码（GB/T 2260）", "region code (GB/T 2260)"),
    "region_name": Word("发布地区名称", "region name"),
    "region_path": Word("从省到发布地区，以 › 分隔", "region path from the province, › separated"),
    "published": Word("发布时间", "published"),
    "updated": Word(
        "最后变化时间：发布，或之后的变更、结果、撤销",
        "last change: published, or a later amendment, result or withdrawal",
    ),
    "publisher": Word("发布单位", "publisher"),
    "category": Word("交易类别代码", "category code"),
    "category_label": Word("交易类别名称", "category, as shown"),
    "project_code": Word("项目编号", "project code"),
    "project_name": Word("项目名称", "project name"),
    "method": Word("交易方式代码（招标公告）", "procedure code (tenders)"),
    "method_label": Word("交易方式名称", "procedure, as shown"),
    "buyer_name": Word("招标人/采购人/出让人", "buyer"),
    "buyer_uscc": Word("招标人统一社会信用代码", "buyer's unified social credit code"),
    "agency_name": Word("代理机构", "agency"),
    "agency_uscc": Word("代理机构统一社会信用代码", "agency's unified social credit code"),
    "budget": Word("预算/起始价（元）", "budget / reserve price (yuan)"),
    "deadline": Word(
        "有效投标截止时间（招标和变更公告：已应用全部变更）",
        "effective deadline (tenders and amendments: every amendment applied)",
    ),
    "superseded_deadlines": Word(
        "被变更取代的原截止时间，由早到晚",
        "former deadlines replaced by amendments, oldest first",
    ),
    "opening_time": Word("有效开标时间", "effective bid opening"),
    "opening_place": Word("有效开标地点", "effective bid opening venue"),
    "qualification": Word("资格要求", "qualification"),
    "amends": Word("变更公告所变更的招标公告编号", "id of the tender an amendment changes"),
    "new_deadline": Word("变更公告给出的新截止时间", "new deadline given by an amendment"),
    "new_opening_time": Word("变更公告给出的新开标时间", "new bid opening given by an amendment"),
    "new_opening_place": Word("变更公告给出的新开标地点", "new venue given by an amendment"),
    "publicity_end": Word(
        "公示截止（候选人公示、处罚公告）；日期表示当天结束",
        "end of publicity (candidates, penalties); a date means the end of that day",
    ),
    "candidates": Word(
        "中标候选人：排名 | 名称 | 统一社会信用代码 | 报价（元）",
        "preferred bidders: rank | name | USCC | amount (yuan)",
    ),
    "winners": Word(
        "中标/成交人：名称 | 统一社会信用代码 | 金额（元）",
        "winners: name | USCC | amount (yuan)",
    ),
    "award_date": Word("中标/成交日期", "award date"),
    "reason": Word("终止/流标原因", "termination reason"),
    "subject_name": Word("处罚对象", "penalised subject"),
    "subject_kind": Word(
        "处罚对象类别代码：company, agency, buyer, expert, person",
        "subject kind code: company, agency, buyer, expert, person",
    ),
    "subject_uscc": Word("处罚对象统一社会信用代码", "subject's USCC"),
    "decision_no": Word("处罚决定书文号", "decision number"),
    "decided": Word("处罚决定日期", "decision date"),
    "authority": Word("处罚机关", "authority"),
    "violation": Word("违法事实", "violation"),
    "basis": Word("处罚依据", "legal basis"),
    "sanctions": Word("处罚措施：种类 | 金额（元） | 期限至", "sanctions: kind | amount | until"),
    "withdrawn_date": Word("撤销日期（已撤销的公告）", "withdrawal date"),
    "withdrawn_reason": Word("撤销原因", "withdrawal reason"),
    "contact_name": Word("联系人", "contact person"),
    "contact_phone": Word("联系电话", "contact phone"),
    "contact_email": Word("联系邮箱", "contact email"),
    "attachments": Word(
        "附件：名称 | 地址 | 字节数 | SHA-256（其他网站上的文件是发布单位声明的；外部链接无后两项）",
        "attachments: title | URL | bytes | SHA-256 (as declared by the publisher for files on "
        "other sites; not for plain external links)",
    ),
    "body_html": Word(
        "正文（已清理的 HTML：无脚本、无原始 HTML）",
        "body (sanitized HTML: no scripts, no raw HTML)",
    ),
})

OCDS = Section("ocds", {
    "candidate_award": Word("第 {rank} 中标候选人", "Preferred bidder no. {rank}"),
})
