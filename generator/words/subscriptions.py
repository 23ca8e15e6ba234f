"""Words of the subscription files: RSS/Atom feeds (titles, descriptions, entry summaries),
deadline calendars (names, event summaries and descriptions) and the OPML file's groups.
Punctuation that differs by language (：/: , （/ (…) is here too, under its own key."""

from __future__ import annotations

from .entry import Section, Word

FEEDS = Section("feeds", {
    "all": Word("全部公告", "All notices"),
    "type": Word("类型", "Type"),
    "status": Word("状态", "Status"),
    "region": Word("地区", "Region"),
    "deadline": Word("截止", "Deadline"),
    "superseded": Word("原截止", "was"),
    "opening": Word("开标", "Bid opening"),
    "budget": Word("预算/起始价", "Budget / reserve price"),
    "updates": Word("更新", "Updated"),
    "deadline_now": Word("截止时间改为", "deadline changed to"),
    "opening_now": Word("开标时间改为", "bid opening changed to"),
    "withdrawn": Word("本公告已撤销", "this notice has been withdrawn"),
    "first_candidate": Word("第一中标候选人", "First-ranked bidder"),
    "winners": Word("中标/成交人", "Winners"),
    "reason": Word("原因", "Reason"),
    "subject": Word("处罚对象", "Subject"),
    "decision_no": Word("决定书文号", "Decision no."),
    ":": Word("：", ": "),
    ",": Word("，", ", "),
    "(": Word("（", " ("),
    ")": Word("）", ")"),
    "<<": Word("《", " “"),
    ">>": Word("》", "”"),
    "feed_description": Word(
        "{title}：最新发布的公共资源交易公告，按发布时间从新到旧，最多 {limit} 条。",
        "{title}: the latest public-resource-trading notices, newest first, at most {limit}.",
    ),
    "region_description": Word(
        "{title}及其下辖地区最新发布的公共资源交易公告，按发布时间从新到旧，最多 {limit} 条。",
        "{title} and every region below it: the latest notices, newest first, at most {limit}.",
    ),
    "list_separator": Word("；", "; "),
    # the feeds' and OPML outlines' language (RFC 5646 tag), as readers expect it
    "language_tag": Word("zh-CN", "en"),
})

CALENDARS = Section("calendars", {
    "all": Word("投标截止日历", "Bid deadlines"),
    "region": Word("{name}投标截止日历", "Bid deadlines: {name}"),
    "description": Word(
        "正在招标的公告的投标截止和开标时间（按变更公告更新，撤销后移除）。",
        "Deadlines and bid openings of open tenders (moved by amendments, removed when withdrawn).",
    ),
    "deadline": Word("投标截止", "Deadline"),
    "opening": Word("开标", "Bid opening"),
    "region_label": Word("地区", "Region"),
    "publisher": Word("发布单位", "Publisher"),
    "budget": Word("预算/起始价", "Budget / reserve price"),
    "superseded": Word("原截止时间", "Former deadline"),
    "project": Word("项目编号", "Project code"),
    ":": Word("：", ": "),
})

OPML = Section("opml", {
    "family": Word("按公告类型", "By family"),
    "region": Word("按地区", "By region"),
    "category": Word("按交易类别", "By category"),
})
