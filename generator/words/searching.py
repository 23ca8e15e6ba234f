"""Words of the search page (theme/search.html, assets/gongshi-search.js) beyond the labels it
shares with other pages: what was searched, the period and amount controls, the chips of the
filters in use and the help when nothing is found. Templates read them among the labels
(`config.extra.labels`); the page hands them to its script in one JSON block."""

from __future__ import annotations

from .entry import Section, Word

SEARCH_PAGE = Section("search_page", {
    # what was searched: "{period} 共 {n} 条"
    "search_recent": Word("近 12 个月", "Last 12 months"),
    "search_every_year": Word("全部年份", "All years"),
    "search_count": Word("{period} 共 {n} 条", "{period}: {n} notices"),
    "search_count_one": Word("{period} 共 {n} 条", "{period}: {n} notice"),
    "search_none": Word("{period}没有找到符合条件的公告", "{period}: no notices match"),
    "search_year_name": Word("{y}年", "{y}"),
    "search_month_name": Word("{y}年{m}月", "{m}/{y}"),
    "search_since": Word("{from}以来", "Since {from}"),
    "search_until": Word("{to}及以前", "Up to {to}"),
    "search_between": Word("{from}至{to}", "{from} to {to}"),
    "search_all_years": Word("搜索全部年份", "Search all years"),
    # the period and amount controls
    "search_from": Word("从", "From"),
    "search_to": Word("至", "To"),
    "search_any_month": Word("不限", "Any month"),
    "search_amount_hint": Word("预算或成交金额", "Budget or awarded amount"),
    "search_amount_min": Word("最低", "At least"),
    "search_amount_max": Word("最高", "At most"),
    "search_any_amount": Word("不限", "Any amount"),
    "search_amount_at_least": Word("{min}及以上", "{min} or more"),
    "search_amount_at_most": Word("{max}及以下", "up to {max}"),
    "amount_edge_100000": Word("10 万元", "CNY 100,000"),
    "amount_edge_500000": Word("50 万元", "CNY 500,000"),
    "amount_edge_1000000": Word("100 万元", "CNY 1 million"),
    "amount_edge_5000000": Word("500 万元", "CNY 5 million"),
    "amount_edge_10000000": Word("1,000 万元", "CNY 10 million"),
    "amount_edge_50000000": Word("5,000 万元", "CNY 50 million"),
    "amount_edge_100000000": Word("1 亿元", "CNY 100 million"),
    # the filters in use, above the results: one chip each
    "search_chips": Word("正在使用的筛选条件", "Filters in use"),
    "search_chip": Word("{name}：{value}", "{name}: {value}"),
    "search_remove": Word("去掉筛选条件：{filter}", "Remove the filter {filter}"),
    "search_remove_all": Word("全部去掉", "Remove all"),
    "search_show_results": Word("查看结果", "Show results"),
    # nothing found
    "search_help": Word("可以这样再试：", "You could:"),
    "search_help_filters": Word("去掉筛选条件（每次点一个）：", "remove a filter (one click each):"),
    "search_help_shorter": Word("搜索较短的关键词：", "search a shorter query:"),
    "search_help_years": Word("在全部年份中搜索：", "search every year:"),
})
