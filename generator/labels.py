"""Every word the site shows that is not the editors' own text, in Chinese and English.

The language is chosen by `extra.gongshi.language` in mkdocs.yml; single labels can be
overridden there under `extra.gongshi.labels`. Templates read them as `config.extra.labels`.
"""

from __future__ import annotations

from typing import Any

VALUES: dict[str, dict[str, dict[str, str]]] = {
    "zh": {
        "type": {
            "tender": "招标公告", "amendment": "变更公告", "candidates": "中标候选人公示",
            "award": "中标结果公告", "termination": "终止公告", "penalty": "处罚公告",
        },
        "family": {"tenders": "招标公告", "results": "结果公示", "penalties": "处罚公告"},
        "category": {
            "construction": "工程建设", "procurement": "政府采购", "land": "土地使用权",
            "mining": "矿业权", "property": "国有产权", "medical": "医疗器械和耗材采购",
            "franchise": "特许经营权", "other": "其他",
        },
        "method": {
            "open": "公开招标", "invited": "邀请招标", "competitive-negotiation": "竞争性谈判",
            "competitive-consultation": "竞争性磋商", "inquiry": "询价", "single-source": "单一来源",
            "auction": "拍卖", "listing": "挂牌", "other": "其他方式",
        },
        "status": {
            "open": "公告中", "closed": "已截止", "awarded": "已成交", "terminated": "已终止",
            "withdrawn": "已撤销", "publicity": "公示中", "publicity-ended": "公示结束",
            "disclosed": "公示中",
        },
        "subject": {
            "company": "企业", "agency": "代理机构", "buyer": "招标人/采购人", "expert": "评标专家",
            "person": "自然人",
        },
        "sanction": {
            "warning": "警告", "fine": "罚款", "confiscation": "没收违法所得",
            "suspension": "暂停投标资格", "debarment": "禁止参加", "expert-removal": "取消评标专家资格",
            "credit": "信用扣分/不良行为记录", "other": "其他",
        },
        "level": {"province": "省级", "city": "市级", "county": "县级"},
    },
    "en": {
        "type": {
            "tender": "Tender notice", "amendment": "Amendment", "candidates": "Preferred bidders",
            "award": "Award notice", "termination": "Termination", "penalty": "Penalty",
        },
        "family": {"tenders": "Tenders", "results": "Results", "penalties": "Penalties"},
        "category": {
            "construction": "Construction", "procurement": "Government procurement",
            "land": "Land use rights", "mining": "Mining rights", "property": "State-owned property",
            "medical": "Medical devices and supplies", "franchise": "Franchises", "other": "Other",
        },
        "method": {
            "open": "Open tender", "invited": "Invited tender",
            "competitive-negotiation": "Competitive negotiation",
            "competitive-consultation": "Competitive consultation", "inquiry": "Request for quotation",
            "single-source": "Single source", "auction": "Auction", "listing": "Listing",
            "other": "Other method",
        },
        "status": {
            "open": "Open", "closed": "Closed", "awarded": "Awarded", "terminated": "Terminated",
            "withdrawn": "Withdrawn", "publicity": "In publicity", "publicity-ended": "Publicity ended",
            "disclosed": "Disclosed",
        },
        "subject": {
            "company": "Company", "agency": "Procurement agency", "buyer": "Buyer",
            "expert": "Evaluation expert", "person": "Natural person",
        },
        "sanction": {
            "warning": "Warning", "fine": "Fine", "confiscation": "Confiscation of illegal gains",
            "suspension": "Suspension from bidding", "debarment": "Debarment",
            "expert-removal": "Removal from the expert pool", "credit": "Credit record", "other": "Other",
        },
        "level": {"province": "Province", "city": "City", "county": "County"},
    },
}

UI: dict[str, dict[str, str]] = {
    "zh": {
        "home": "首页", "latest": "最新公告", "closing_soon": "即将截止", "counts_by_level": "各级发布数量",
        "all": "全部", "more": "更多", "page": "第 {n} 页", "previous": "上一页", "next": "下一页",
        "pages_total": "共 {n} 页", "pagination": "翻页", "pager_newest": "最新", "pager_newer": "‹ 更新",
        "pager_older": "更早 ›", "pager_oldest": "最早", "pager_previous": "‹ 上一页",
        "pager_next": "下一页 ›", "pager_jump_to": "跳至第几页", "pager_go": "跳转",
        "no_entries": "暂无公告", "notices": "条公告",
        "type": "公告类型", "status": "状态", "region": "地区", "published": "发布时间",
        "publisher": "发布单位", "category": "交易类别", "method": "交易方式", "project": "项目",
        "project_code": "项目编号", "buyer": "招标人/采购人", "agency": "代理机构",
        "budget": "预算/起始价", "deadline": "投标截止", "deadline_superseded": "原截止时间",
        "countdown": "距截止", "opening": "开标时间", "opening_place": "开标地点",
        "qualification": "资格要求", "candidates": "中标候选人", "rank": "排名", "name": "名称",
        "uscc": "统一社会信用代码", "amount": "金额", "publicity_end": "公示截止",
        "winners": "中标/成交人", "award_date": "成交日期", "reason": "原因",
        "amends": "变更的公告", "changes": "变更内容", "new_deadline": "新截止时间",
        "new_opening": "新开标时间",
        "subject": "处罚对象", "subject_kind": "对象类别", "decision_no": "决定书文号",
        "decided": "决定日期", "authority": "处罚机关", "violation": "违法事实", "basis": "处罚依据",
        "sanctions": "处罚措施", "until": "期限至", "disclosure_until": "公开至",
        "attachments": "附件", "size": "大小", "sha256": "SHA-256", "external_link": "外部链接",
        "contact": "联系方式", "contact_name": "联系人", "phone": "电话", "email": "邮箱",
        "timeline": "项目进程", "this_notice": "本公告",
        "withdrawn_banner": "本公告已撤销", "withdrawn_on": "撤销日期",
        "yuan": "元", "wan_yuan": "万元", "days": "天", "hours": "小时", "minutes": "分钟",
        "closed_label": "已截止", "body": "公告正文", "facts": "公告信息",
        "region_path": "所属地区", "by_region": "按地区浏览", "by_category": "按类别浏览",
        "families": "公告分类", "open_tenders": "正在招标", "search_these": "在此范围内搜索",
        "notice_id": "公告编号", "lifecycle": "全过程", "as_of": "数据截至",
        "not_found_title": "页面不存在", "not_found_text": "您访问的页面不存在，公告可能尚未发布或已超过公开期限。",
        "back_home": "返回首页", "subregions": "下级地区",
        "subscribe": "订阅", "downloads": "数据下载", "copy_button": "复制", "copied_button": "已复制",
        "all_feeds_at_once": "一次订阅全部：", "deadline_calendar": "投标截止日历",
        "region_calendar_hint": "iCal：该地区正在招标项目的投标截止和开标时间日历。",
        "file": "文件", "format": "格式", "records": "条数", "content": "内容", "columns": "列",
        "column": "列名", "kind": "类型", "meaning": "含义", "notice": "公告",
        "feeds_and_calendars_see": "RSS/Atom 订阅源和各地区日历见",
        "csv_formula_mark": "为防止电子表格把单元格当作公式执行，CSV 中以 {starts} 开头的单元格（任何列，"
        "包括列表列和数字列）前面加一个英文单引号 {mark}；本来就以单引号开头的单元格也加一个。"
        "读取时去掉单元格开头的一个单引号，即得原值。",
        "csv_programs_use_json": "用程序处理数据请读取 {json}：其中的值与原文相同，不加这个标记。",
        "tab_character": "制表符", "carriage_return": "回车符", "enumeration_comma": "、",
        "skip_to_content": "跳到正文", "menu": "导航菜单",
        "stale_notice": "数据可能已过时：本站最近一次更新于 {built}，已超过 {hours} 小时没有更新。"
        "页面上的状态和期限按那时计算，请以发布单位的最新通知为准。",
        # search page and header box
        "search": "搜索", "search_placeholder": "搜索项目名称、单位、编号等",
        "search_submit": "搜索", "search_filters": "筛选", "search_clear": "清除筛选",
        "search_sort": "排序", "sort_relevance": "默认（相关度）", "sort_newest": "最新发布",
        "sort_deadline": "截止时间（最早在前）", "search_year": "发布年份",
        "search_all_regions": "全部地区", "search_results": "共 {n} 条结果",
        "search_no_results": "没有找到符合条件的公告", "search_load_more": "加载更多",
        "search_loading": "正在搜索…", "search_expand": "展开/收起下级地区",
        "search_unavailable": "搜索暂时无法使用，请按分类或地区浏览公告。",
        "search_noscript": "搜索需要启用 JavaScript；也可以按分类或地区浏览公告。",
        "search_partial": "{period} 共 {n} 条，更早的公告尚未搜索", "search_period": "{from}至{to}",
        "search_month": "{y}年{m}月", "search_earlier": "继续搜索更早的公告",
        # accessibility: names of tables and of regions that scroll sideways
        "body_table": "公告正文中的表格", "download_files": "可下载的文件",
        "ocds_releases": "各类公告在 OCDS 中的表示",
    },
    "en": {
        "home": "Home", "latest": "Latest notices", "closing_soon": "Closing soon",
        "counts_by_level": "Notices by level", "all": "All", "more": "More", "page": "Page {n}",
        "previous": "Previous", "next": "Next", "pages_total": "{n} pages", "pagination": "Pages",
        "pager_newest": "Newest", "pager_newer": "‹ Newer", "pager_older": "Older ›",
        "pager_oldest": "Oldest", "pager_previous": "‹ Previous", "pager_next": "Next ›",
        "pager_jump_to": "Go to page", "pager_go": "Go", "no_entries": "No notices yet", "notices": "notices",
        "type": "Type", "status": "Status", "region": "Region", "published": "Published",
        "publisher": "Publisher", "category": "Category", "method": "Procedure", "project": "Project",
        "project_code": "Project code", "buyer": "Buyer", "agency": "Agency",
        "budget": "Budget / reserve price", "deadline": "Deadline",
        "deadline_superseded": "Former deadline", "countdown": "Time left", "opening": "Bid opening",
        "opening_place": "Opening venue", "qualification": "Qualification",
        "candidates": "Preferred bidders", "rank": "Rank", "name": "Name",
        "uscc": "Unified social credit code", "amount": "Amount", "publicity_end": "Publicity ends",
        "winners": "Winners", "award_date": "Award date", "reason": "Reason",
        "amends": "Amends", "changes": "Changes", "new_deadline": "New deadline",
        "new_opening": "New bid opening",
        "subject": "Subject", "subject_kind": "Kind", "decision_no": "Decision no.",
        "decided": "Decided", "authority": "Authority", "violation": "Violation", "basis": "Legal basis",
        "sanctions": "Sanctions", "until": "Until", "disclosure_until": "Disclosed until",
        "attachments": "Attachments", "size": "Size", "sha256": "SHA-256",
        "external_link": "External link", "contact": "Contact", "contact_name": "Contact person",
        "phone": "Phone", "email": "Email", "timeline": "Project timeline",
        "this_notice": "This notice", "withdrawn_banner": "This notice has been withdrawn",
        "withdrawn_on": "Withdrawn on", "yuan": "yuan", "wan_yuan": "10k yuan", "days": "days",
        "hours": "hours", "minutes": "minutes", "closed_label": "Closed", "body": "Notice text",
        "facts": "Key facts", "region_path": "Region", "by_region": "By region",
        "by_category": "By category", "families": "Notice families", "open_tenders": "Open tenders",
        "search_these": "Search within these", "notice_id": "Notice id", "lifecycle": "Lifecycle",
        "as_of": "Data as of", "not_found_title": "Page not found",
        "not_found_text": "This page does not exist: the notice may not be published yet or its "
        "disclosure period has ended.",
        "back_home": "Back to the home page", "subregions": "Regions below",
        "subscribe": "Subscribe", "downloads": "Downloads", "copy_button": "Copy", "copied_button": "Copied",
        "all_feeds_at_once": "All feeds at once: ", "deadline_calendar": "Deadline calendar",
        "region_calendar_hint": "iCal: deadlines and bid openings of the region's open tenders.",
        "file": "File", "format": "Format", "records": "Records", "content": "Content",
        "columns": "Columns", "column": "Column", "kind": "Kind", "meaning": "Meaning",
        "notice": "Notice", "feeds_and_calendars_see": "RSS/Atom feeds and per-region calendars: see",
        "csv_formula_mark": "So that a spreadsheet does not run a cell as a formula, a CSV cell "
        "starting with {starts} (in any column, list and number columns included) gets a leading "
        "apostrophe {mark}; so does a cell that already starts with an apostrophe. To read a "
        "value, drop one leading apostrophe.",
        "csv_programs_use_json": "Programs should read {json}: its values are exactly as written, "
        "never marked.",
        "tab_character": "a tab", "carriage_return": "a carriage return", "enumeration_comma": ", ",
        "skip_to_content": "Skip to content", "menu": "Navigation menu",
        "stale_notice": "The data may be out of date: this site was last updated on {built}, more "
        "than {hours} hours ago. Statuses and periods are as of that time; check the publisher's "
        "latest notices.",
        # search page and header box
        "search": "Search", "search_placeholder": "Project, company, notice number…",
        "search_submit": "Search", "search_filters": "Filters", "search_clear": "Clear filters",
        "search_sort": "Sort by", "sort_relevance": "Best match", "sort_newest": "Newest first",
        "sort_deadline": "Deadline (soonest first)", "search_year": "Year published",
        "search_all_regions": "All regions", "search_results": "{n} results",
        "search_no_results": "No notices match", "search_load_more": "Load more",
        "search_loading": "Searching…", "search_expand": "Show or hide the regions below",
        "search_unavailable": "Search is unavailable right now: browse by family or region.",
        "search_noscript": "Search needs JavaScript; you can also browse by family or region.",
        "search_partial": "{n} results in {period}; earlier notices not searched yet",
        "search_period": "{from} to {to}", "search_month": "{y}-{m}",
        "search_earlier": "Search earlier notices",
        # accessibility: names of tables and of regions that scroll sideways
        "body_table": "Table in the notice text", "download_files": "Files to download",
        "ocds_releases": "How each notice type appears in OCDS",
    },
}


def labels_for(language: str, overrides: dict[str, str] | None = None) -> dict[str, Any]:
    """The label set templates read: UI words (with overrides) and, under `vocab`, the
    vocabularies of coded values (type, status, category…)."""
    return {**UI[language], **(overrides or {}), "vocab": VALUES[language]}


def value_label(language: str, vocabulary: str, code: str) -> str:
    return VALUES[language][vocabulary].get(code, code)
