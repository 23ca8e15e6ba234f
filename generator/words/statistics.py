"""Words of the statistics pages (stats/, stats/region/<code>/) and of the performance table
(stats/performance/): headings, captions, the name and definition of each indicator, what
the charts and the sorting say. Templates read them among the labels (`config.extra.labels`);
render/statistics.py reads the indicators' names for the charts' titles and alternatives."""

from __future__ import annotations

from .entry import Section, Word

STATISTICS = Section("statistics", {
    "stats": Word("统计", "Statistics"),
    "stats_of": Word("{region}统计", "Statistics: {region}"),
    "stats_performance": Word("各地绩效比较", "Performance by region"),
    "stats_intro_html": Word(
        "以下数字由本站全部公开公告统计，含下级地区，截至 <time>{as_of}</time>（数据最后变化的时间）。"
        "已撤销的公告不计。天数为日历天（{zone}）。",
        "Counted from every public notice of this site, regions below included, as of "
        "<time>{as_of}</time> (when the data last changed). Withdrawn notices are not counted. "
        "Days are calendar days ({zone})."),
    "stats_intro_region_html": Word(
        "以下数字由本站全部公开公告统计，含下级地区；数据截至的时间见<a href=\"{stats}\">统计</a>首页。"
        "已撤销的公告不计。天数为日历天（{zone}）。",
        "Counted from every public notice of this site, regions below included; the time the data "
        "is of is on the <a href=\"{stats}\">statistics</a> page. Withdrawn notices are not counted. "
        "Days are calendar days ({zone})."),
    "stats_all_numbers_html": Word(
        "全部数字可下载：<a href=\"{csv}\" download><code>data/stats.csv</code></a>"
        "（region_code、period、metric、value；UTF-8 BOM）。",
        "Every number can be downloaded: <a href=\"{csv}\" download><code>data/stats.csv</code></a> "
        "(region_code, period, metric, value; UTF-8 with BOM)."),
    "stats_regions_below": Word("下级地区统计", "Regions below"),
    "stats_up": Word("上级地区", "Region above"),
    "stats_to_performance": Word("各地绩效比较表", "Compare the regions' performance"),
    "stats_summary": Word("概况", "Overview"),
    "stats_figure": Word("指标", "Figure"),
    "stats_value": Word("数值", "Value"),
    "stats_none": Word("暂无数据", "No data"),
    "stats_chart_alt": Word("{title}（柱状图；数字见旁边的表格）",
                            "{title} (bar chart; the numbers are in the table beside it)"),
    "stats_month": Word("月份", "Month"),
    "stats_total": Word("合计", "Total"),
    "stats_count": Word("数量", "Count"),
    "stats_category": Word("交易类别", "Category"),
    "stats_method": Word("交易方式", "Method"),
    "stats_kind": Word("处罚种类", "Sanction"),
    "stats_candidates_n": Word("候选人数", "Candidates"),
    "stats_publicities": Word("公示数", "Publicities"),
    "stats_tenders_n": Word("招标公告数", "Tenders"),
    "stats_median_days": Word("提交期中位数（天）", "Median submission period (days)"),
    "stats_five_or_more": Word("5 人及以上", "5 or more"),
    "stats_candidates_count": Word("{n} 人", "{n}"),
    # tables and charts
    "stats_table_months": Word("近 12 个月每月公告数（按类别）", "Notices per month over the last 12 months, by family"),
    "stats_table_categories": Word("招标公告数（按交易类别）", "Tenders by category"),
    "stats_table_methods": Word("招标公告数（按交易方式）", "Tenders by method"),
    "stats_table_periods": Word("提交期中位数（按交易方式，天）",
                                "Median submission period by method (days)"),
    "stats_table_candidates": Word("候选人公示（按候选人数）", "Candidate publicities by number of candidates"),
    "stats_table_penalties": Word("处罚公告数（按处罚种类）", "Penalties by sanction"),
    # the indicators: name and definition
    "stats_notices": Word("公告数", "Notices"),
    "stats_notices_def": Word("期间发布的公开公告数（招标、结果、处罚各类），已撤销的不计。",
                              "Public notices published in the period (tenders, results, penalties), "
                              "withdrawn ones not counted."),
    "stats_tenders": Word("招标公告数", "Tenders"),
    "stats_tenders_def": Word("期间发布的招标（采购、出让）公告数，不含变更公告。",
                              "Tender notices published in the period, amendments not included."),
    "stats_budget_sum": Word("预算合计", "Budgets, total"),
    "stats_budget_sum_def": Word("这些招标公告所列预算金额之和（未列预算的不计）。",
                                 "The sum of the budgets these tenders state (those without one add nothing)."),
    "stats_awarded_sum": Word("成交金额合计", "Awarded, total"),
    "stats_awarded_sum_def": Word("期间发布的中标（成交）结果公告中各中标人金额之和（未列金额的不计）。",
                                  "The sum of every winner's amount in the award notices of the period "
                                  "(winners without an amount add nothing)."),
    "stats_submission_days": Word("提交期中位数（天）", "Median submission period (days)"),
    "stats_submission_days_def": Word(
        "每个招标公告从发布日到有效截止日（以最后一次变更为准）的日历天数，取中位数。",
        "For each tender, the calendar days from its publication to its effective deadline (as "
        "last amended); the median."),
    "stats_candidates_mean": Word("每次公示候选人数（平均）", "Candidates per publicity (mean)"),
    "stats_candidates_mean_def": Word("期间发布的中标候选人公示所列候选人数的平均值。",
                                      "The mean number of candidates named by the candidate publicities of the period."),
    "stats_amended_share": Word("变更比例", "Share amended"),
    "stats_amended_share_def": Word("期间发布的招标公告中，至少有一份变更公告的所占比例。",
                                    "Of the tenders published in the period, the share with at least one amendment."),
    "stats_award_days": Word("截止至定标天数（中位数）", "Days from deadline to award (median)"),
    "stats_award_days_def": Word(
        "每个中标（成交）结果公告，从其项目最近一次招标的有效截止日到结果公告发布日的日历天数，取中位数。",
        "For each award notice, the calendar days from the effective deadline of its project's latest "
        "tender to the award's publication; the median."),
    "stats_penalties": Word("处罚公告数", "Penalties"),
    "stats_penalties_def": Word("期间发布、仍在公示期内的处罚公告数。",
                                "Penalty notices published in the period and still in their disclosure."),
    # the performance table
    "stats_performance_intro_html": Word(
        "比较各市（州）及其所辖县（市、区）在 <strong>{period}</strong> 的表现（近 12 个月，"
        "截至 <time>{as_of}</time>，数据最后变化的时间）。市级数字含所辖各县。",
        "The cities and, within each, their counties over <strong>{period}</strong> (the last 12 "
        "months, as of <time>{as_of}</time>, when the data last changed). A city's figures include "
        "its counties'."),
    "stats_period": Word("{first}至{last}", "{first} to {last}"),
    "stats_region": Word("地区", "Region"),
    "stats_definitions": Word("指标的定义", "What each indicator means"),
    "stats_sort_hint": Word("点击列标题可排序；县（市、区）在所属市内排序。",
                            "Select a column's heading to sort by it; counties sort within their city."),
    "stats_sort_by": Word("按{column}排序", "Sort by {column}"),
    "stats_download_table_html": Word(
        "下载此表：<a href=\"{csv}\" download><code>data/performance.csv</code></a>（UTF-8 BOM）。",
        "Download this table: <a href=\"{csv}\" download><code>data/performance.csv</code></a> "
        "(UTF-8 with BOM)."),
    "stats_no_value": Word("无", "none"),
})
