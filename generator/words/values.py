"""Vocabularies of coded values: the name shown for each code of a notice's type, family,
status, category, method, penalised subject, sanction and region level. Codes (the keys) are
the data's and the exports'; only the names are words."""

from __future__ import annotations

from .entry import Section, Word

TYPE = Section("type", {
    "tender": Word("招标公告", "Tender notice"),
    "amendment": Word("变更公告", "Amendment"),
    "candidates": Word("中标候选人公示", "Preferred bidders"),
    "award": Word("中标结果公告", "Award notice"),
    "termination": Word("终止公告", "Termination"),
    "penalty": Word("处罚公告", "Penalty"),
})

FAMILY = Section("family", {
    "tenders": Word("招标公告", "Tenders"),
    "results": Word("结果公示", "Results"),
    "penalties": Word("处罚公告", "Penalties"),
})

CATEGORY = Section("category", {
    "construction": Word("工程建设", "Construction"),
    "procurement": Word("政府采购", "Government procurement"),
    "land": Word("土地使用权", "Land use rights"),
    "mining": Word("矿业权", "Mining rights"),
    "property": Word("国有产权", "State-owned property"),
    "medical": Word("医疗器械和耗材采购", "Medical devices and supplies"),
    "franchise": Word("特许经营权", "Franchises"),
    "other": Word("其他", "Other"),
})

METHOD = Section("method", {
    "open": Word("公开招标", "Open tender"),
    "invited": Word("邀请招标", "Invited tender"),
    "competitive-negotiation": Word("竞争性谈判", "Competitive negotiation"),
    "competitive-consultation": Word("竞争性磋商", "Competitive consultation"),
    "inquiry": Word("询价", "Request for quotation"),
    "single-source": Word("单一来源", "Single source"),
    "auction": Word("拍卖", "Auction"),
    "listing": Word("挂牌", "Listing"),
    "other": Word("其他方式", "Other method"),
})

STATUS = Section("status", {
    "open": Word("公告中", "Open"),
    "closed": Word("已截止", "Closed"),
    "awarded": Word("已成交", "Awarded"),
    "terminated": Word("已终止", "Terminated"),
    "withdrawn": Word("已撤销", "Withdrawn"),
    "publicity": Word("公示中", "In publicity"),
    "publicity-ended": Word("公示结束", "Publicity ended"),
    "disclosed": Word("公示中", "Disclosed"),
})

SUBJECT = Section("subject", {
    "company": Word("企业", "Company"),
    "agency": Word("代理机构", "Procurement agency"),
    "buyer": Word("招标人/采购人", "Buyer"),
    "expert": Word("评标专家", "Evaluation expert"),
    "person": Word("自然人", "Natural person"),
})

SANCTION = Section("sanction", {
    "warning": Word("警告", "Warning"),
    "fine": Word("罚款", "Fine"),
    "confiscation": Word("没收违法所得", "Confiscation of illegal gains"),
    "suspension": Word("暂停投标资格", "Suspension from bidding"),
    "debarment": Word("禁止参加", "Debarment"),
    "expert-removal": Word("取消评标专家资格", "Removal from the expert pool"),
    "credit": Word("信用扣分/不良行为记录", "Credit record"),
    "other": Word("其他", "Other"),
})

LEVEL = Section("level", {
    "province": Word("省级", "Province level"),
    "city": Word("市级", "City level"),
    "county": Word("县级", "County level"),
})


VOCABULARIES: dict[str, Section] = {
    section.name: section
    for section in (TYPE, FAMILY, CATEGORY, METHOD, STATUS, SUBJECT, SANCTION, LEVEL)
}
