"""Red flags (generator/flags.py): each flag's name and definition, the explanation of one
flag raised (numbers, dates and codes only: the data's own words are shown beside it, marked
as Chinese), the 风险提示 page's and the 数据提示 box's labels, and what a wrong setting under
`extra.gongshi.flags` or `legal_minimum_days` should hold.

Every sentence is neutral on purpose: a flag is a reason to look, never a finding."""

from __future__ import annotations

from .entry import Section, Word

FLAG_WORDS = Section("flags", {
    # --- names ------------------------------------------------------------------------------
    "name_short-period": Word("投标期限短于法定最短期限", "Submission period below the legal minimum"),
    "name_late-amendment": Word("临近截止的变更", "Amendment close to the deadline"),
    "name_single-candidate": Word("只有一名中标候选人", "A single preferred bidder"),
    "name_price-at-ceiling": Word("成交价接近预算上限", "Price at the budget's ceiling"),
    "name_close-bids": Word("候选人报价非常接近", "Very close bids"),
    "name_repeat-winner": Word("同一招标人多次授予同一中标人", "The same winner for the same buyer, repeatedly"),
    "name_early-award": Word("公示结束前发布结果", "Result before the publicity ended"),
    "name_debarred-winner": Word("候选人或中标人当时处于禁止投标期", "Preferred bidder or winner barred at the time"),
    "name_many-amendments": Word("多次变更", "Many amendments"),
    # --- definitions, with the site's thresholds ---------------------------------------------
    "define_short-period": Word(
        "从招标公告发布到有效投标截止时间（含变更）的日历天数，少于本站法定最短期限表中该交易类别和交易方式的天数{minimums}。",
        "The calendar days from a tender's publication to its deadline in force (as amended) are "
        "fewer than the site's legal minimum for its category and procedure{minimums}.",
    ),
    "define_late-amendment": Word(
        "变更/澄清公告发布时，距它之后有效的投标截止时间不足 {days} 个日历日。",
        "An amendment or clarification published fewer than {days} calendar days before the "
        "deadline in force after it.",
    ),
    "define_single-candidate": Word(
        "中标候选人公示只列出一名候选人。",
        "A publicity of preferred bidders that names exactly one.",
    ),
    "define_price-at-ceiling": Word(
        "中标金额达到或超过招标预算的 {percent}%，只适用于公共一方购买的类别（{categories}）；"
        "土地、矿业权、产权、特许经营权等出让和出售中，高于底价正是目的，不作提示。",
        "An awarded amount at or above {percent}% of the tender's budget, only where the public "
        "side buys ({categories}); in sales and concessions (land, mining rights, property, "
        "franchises) a price above the reserve is the aim, never a flag.",
    ),
    "define_close-bids": Word(
        "同一次公示中两名候选人的报价之差不超过两者中较低报价的 {percent}%。",
        "Two preferred bidders of one publicity whose amounts differ by at most {percent}% of "
        "the lower of the two.",
    ),
    "define_repeat-winner": Word(
        "同一招标人（统一社会信用代码）在 {days} 天之内，有 {count} 个或更多项目授予同一中标人"
        "（统一社会信用代码）；按成交日期计，没有成交日期的按结果公告发布日期。",
        "The same buyer (by unified social credit code) awards {count} or more projects to the "
        "same winner (by code) within {days} days, counted by award date (the result's "
        "publication date where it gives none).",
    ),
    "define_early-award": Word(
        "中标结果公告的发布时间早于同一项目此前最近一次中标候选人公示的截止时间。",
        "A result published before the end of the project's latest publicity of preferred "
        "bidders before it.",
    ),
    "define_debarred-winner": Word(
        "候选人或中标人的统一社会信用代码，在候选人公示发布之日或成交之日，处于一项暂停投标资格或"
        "禁止参加的处罚期内（处罚决定日至期限末日）；只引用现在仍在公开期内的处罚公告，过了公开期的处罚不再引用。",
        "A preferred bidder's or winner's unified social credit code was barred from bidding "
        "(a suspension or debarment, from the decision to its last day) on the day of the "
        "publicity or of the award, by a penalty notice still public now; a penalty past its "
        "disclosure is never cited.",
    ),
    "define_many-amendments": Word(
        "同一招标公告有 {count} 次或更多次变更/澄清公告。",
        "{count} or more amendments or clarifications of one tender.",
    ),
    "minimums_none": Word("（本站未设置）", " (none set on this site)"),
    "minimums_list": Word("（{pairs}）", " ({pairs})"),
    "minimum_pair": Word("{category}{method} {days} 天", "{method} in {category}: {days} days"),
    # --- one flag raised: what was found, with the numbers ---------------------------------------
    "explain_short-period": Word(
        "从发布（{published}）到有效投标截止时间（{deadline}）共 {days} 天，少于{category}项目{method}的"
        "最短期限 {minimum} 天。",
        "{days} days from publication ({published}) to the deadline in force ({deadline}); "
        "the minimum for {method} in {category} is {minimum} days.",
    ),
    "explain_late-amendment": Word(
        "变更公告 {amendment} 发布于 {published}，距有效投标截止时间（{deadline}）只有 {days} 天，"
        "少于 {limit} 天。",
        "Amendment {amendment} was published on {published}, {days} days before the deadline "
        "in force ({deadline}): fewer than {limit}.",
    ),
    "explain_single-candidate": Word(
        "中标候选人公示 {notice} 只列出 1 名候选人。",
        "The publicity {notice} names 1 preferred bidder.",
    ),
    "explain_price-at-ceiling": Word(
        "中标金额 {amount} 元为招标预算 {budget} 元的 {ratio}%，达到或超过 {limit}%。",
        "The awarded amount, CNY {amount}, is {ratio}% of the budget of CNY {budget}: at or "
        "above {limit}%.",
    ),
    "explain_close-bids": Word(
        "第 {rank_a} 名（{amount_a} 元）与第 {rank_b} 名（{amount_b} 元）的报价相差 {difference} 元，"
        "为较低报价的 {ratio}%，不超过 {limit}%。",
        "The bids ranked {rank_a} (CNY {amount_a}) and {rank_b} (CNY {amount_b}) differ by "
        "CNY {difference}, {ratio}% of the lower: at most {limit}%.",
    ),
    "explain_repeat-winner": Word(
        "招标人 {buyer} 在 {span} 天内（{first} 至 {last}）有 {count} 个项目授予中标人 {winner}，"
        "达到 {limit} 个。",
        "Buyer {buyer} awarded {count} projects to winner {winner} within {span} days "
        "({first} to {last}): {limit} or more.",
    ),
    "explain_early-award": Word(
        "结果公告发布于 {published}，早于中标候选人公示 {candidates} 的截止时间（{ends}）。",
        "The result was published on {published}, before the publicity {candidates} ended "
        "({ends}).",
    ),
    "explain_debarred-candidate": Word(
        "第 {rank} 名候选人 {uscc} 在公示发布之日（{day}）处于处罚 {penalty} 的{sanction}期内"
        "（{decided} 至 {until}）。",
        "Preferred bidder ranked {rank}, {uscc}, was under the {sanction} of penalty {penalty} "
        "({decided} to {until}) on the day of the publicity ({day}).",
    ),
    "explain_debarred-winner": Word(
        "中标人 {uscc} 在成交之日（{day}）处于处罚 {penalty} 的{sanction}期内（{decided} 至 {until}）。",
        "Winner {uscc} was under the {sanction} of penalty {penalty} ({decided} to {until}) on "
        "the day of the award ({day}).",
    ),
    "explain_many-amendments": Word(
        "招标公告 {tender} 共有 {count} 次变更/澄清公告，达到 {limit} 次。",
        "Tender {tender} has {count} amendments or clarifications: {limit} or more.",
    ),
    # --- settings ---------------------------------------------------------------------------
    "setting_flags": Word(
        "红旗提示的设置：show_on_notices 为 true 或 false；天数和次数为整数；百分比为 0 到 100 之间的数；"
        "price_categories 只能列出公共一方购买的类别（construction、procurement、medical、other），"
        "不能列出 land、mining、property、franchise",
        "the red flags' settings: show_on_notices true or false; days and counts whole numbers; "
        "percentages numbers from 0 to 100; price_categories only categories where the public "
        "side buys (construction, procurement, medical, other), never land, mining, property "
        "or franchise",
    ),
    "setting_legal_minimum_days": Word(
        "交易类别 → 交易方式 → 天数（1 到 365 的整数），例如在 construction 下写 open: 20",
        "category → procedure → days (a whole number from 1 to 365), e.g. open: 20 under construction",
    ),
})

FLAGS_PAGE = Section("flags_page", {
    "flags_title": Word("风险提示", "Red flags"),
    "flags_intro": Word(
        "以下提示由程序按项目从本站公开的数据中算出。每一项都只是值得进一步查看的理由，"
        "不是对违法违规的认定：很多情况都有正当原因。",
        "These flags are computed per project from the data this site publishes. Each is a "
        "reason to look more closely, never a finding of wrongdoing: many have good reasons.",
    ),
    "flags_as_of": Word("数据截至 {as_of}。", "Data as of {as_of}."),
    "flags_definitions": Word("各项提示的定义", "What each flag means"),
    "flags_rules_link": Word("完整定义见平台规则", "Full definitions in the platform's rules"),
    "flags_downloads": Word("下载全部提示", "Download every flag"),
    "flags_filter": Word("筛选提示", "Filter the flags"),
    "flags_filter_flag": Word("提示类型", "Flag"),
    "flags_filter_region": Word("地区", "Region"),
    "flags_filter_category": Word("交易类别", "Category"),
    "flags_filter_any": Word("全部", "All"),
    "flags_filter_apply": Word("筛选", "Filter"),
    "flags_filter_shown": Word("显示 {shown} 条，共 {total} 条", "Showing {shown} of {total}"),
    "flags_total": Word("共 {n} 条提示", "{n} flags"),
    "flags_none": Word("目前没有风险提示。", "No flags at present."),
    "flags_group_none": Word("这一类目前没有提示。", "None of this kind at present."),
    "flags_notices": Word("相关公告", "Notices"),
    "flags_box_heading": Word("数据提示", "Data notes"),
    "flags_box_intro": Word(
        "本项目的公开数据有以下特征，可作为进一步查看的线索；它们不是对违法违规的认定。",
        "The published data of this project shows the features below: reasons to look more "
        "closely, not findings of wrongdoing.",
    ),
    "flags_box_more": Word("全部风险提示及其定义", "Every flag and what it means"),
})
