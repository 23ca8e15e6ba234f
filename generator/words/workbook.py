"""Words of data/<year>/<MM>/notices.xlsx (render/workbook.py): the column headers of its sheets (the
sheets are named by the `family` vocabulary), how a list is said on one line, and the
workbook's document properties. CSV and JSON keep their English column names for programs;
the workbook is for people, in the site's language."""

from __future__ import annotations

from .entry import Section, Word

WORKBOOK = Section("workbook", {
    # --- column headers ---------------------------------------------------------------------
    "id": Word("公告编号", "Notice ID"),
    "title": Word("公告标题", "Title"),
    "type": Word("公告类型", "Type"),
    "status": Word("状态", "Status"),
    "region": Word("地区", "Region"),
    "region_code": Word("地区代码", "Region code"),
    "category": Word("交易类别", "Category"),
    "project_code": Word("项目编号", "Project code"),
    "project_name": Word("项目名称", "Project name"),
    "method": Word("交易方式", "Procedure"),
    "buyer": Word("招标人/采购人", "Buyer"),
    "buyer_uscc": Word("招标人统一社会信用代码", "Buyer's USCC"),
    "agency": Word("代理机构", "Agency"),
    "budget": Word("预算/起始价（元）", "Budget / reserve price (CNY)"),
    "published": Word("发布时间", "Published"),
    "deadline": Word("投标截止时间", "Deadline"),
    "opening_time": Word("开标时间", "Bid opening"),
    "opening_place": Word("开标地点", "Bid opening venue"),
    "amends": Word("所变更的招标公告", "Amended tender"),
    "publicity_end": Word("公示截止", "End of publicity"),
    "award_date": Word("中标/成交日期", "Award date"),
    "supplier": Word("中标人/第一中标候选人", "Winner / first-ranked bidder"),
    "supplier_uscc": Word("中标人统一社会信用代码", "Winner's USCC"),
    "amount": Word("中标/报价金额（元）", "Awarded / bid amount (CNY)"),
    "candidates": Word("中标候选人（按排名）", "Preferred bidders (by rank)"),
    "reason": Word("终止原因", "Termination reason"),
    "subject": Word("处罚对象", "Penalised subject"),
    "subject_kind": Word("对象类别", "Subject kind"),
    "subject_uscc": Word("处罚对象统一社会信用代码", "Subject's USCC"),
    "decision_no": Word("决定书文号", "Decision no."),
    "decided": Word("决定日期", "Decision date"),
    "authority": Word("处罚机关", "Authority"),
    "violation": Word("违法事实", "Violation"),
    "basis": Word("处罚依据", "Legal basis"),
    "sanctions": Word("处罚措施", "Sanctions"),
    "fines": Word("罚没金额（元）", "Fines and confiscations (CNY)"),
    "withdrawn_date": Word("撤销日期", "Withdrawn on"),
    "link": Word("公告页面", "Notice page"),
    # A header of times: Excel keeps no time zone, so the header names the site's.
    "in_zone": Word("{name}（{zone}）", "{name} ({zone})"),
    # --- lists said on one line -------------------------------------------------------------
    "separator": Word("；", "; "),
    "sanction_amount": Word("{kind} {amount} 元", "{kind} CNY {amount}"),
    "sanction_until": Word("{kind}（至 {until}）", "{kind} (until {until})"),
    # --- document properties ----------------------------------------------------------------
    "document_title": Word("{year} 年 {number} 月发布的公告数据", "Notices published in {year}, month {number}"),
    "document_comments": Word(
        "时间为 {zone} 当地时间；金额单位为元。",
        "Times are local time in {zone}; amounts in CNY.",
    ),
})
