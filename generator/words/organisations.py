"""Words of the organisations' pages (theme/entity.html, theme/entities.html), their feeds and
their search results: what an organisation is called, the roles it has in notices, what it
won, its bans and penalties. Templates read them among the labels (`config.extra.labels`), so
every key starts with `org_` (the labels are one flat mapping)."""

from __future__ import annotations

from .entry import Section, Word

ORGANISATIONS = Section("organisations", {
    "org_index_title": Word("单位名录", "Organisations"),
    "org_index_intro": Word(
        "在公告中以统一社会信用代码出现的每个单位（招标人/采购人、代理机构、中标候选人、中标人、"
        "被处罚单位），按名称排列。自然人和个体工商户（代码以 92 开头）没有单位页面。",
        "Every organisation that appears in a notice with its unified social credit code (buyer, "
        "agency, candidate, winner, penalised organisation), by name. Natural persons and "
        "individually owned businesses (codes beginning with 92) have no page."),
    "org_index_count": Word("共 {n} 个单位", "{n} organisations"),
    "org_page_title": Word("{name} · 单位记录", "{name} · Organisation record"),
    "org_heading_note": Word("单位记录", "Organisation record"),
    "org_code": Word("统一社会信用代码", "Unified social credit code"),
    "org_names": Word("曾用名称", "Names used"),
    "org_names_note": Word("公告中出现过的名称，最近的在前", "Names it appears under, the latest first"),
    "org_summary": Word("概况", "Summary"),
    "org_notices_count": Word("出现在 {n} 条公告中", "Appears in {n} notices"),
    "org_won_total": Word("中标/成交金额合计", "Total awarded"),
    "org_won_count": Word("中标 {n} 次", "{n} awards won"),
    "org_won_unstated": Word("其中 {n} 次未写明金额", "{n} of them without an amount"),
    "org_wins": Word("中标/成交", "Awards won"),
    "org_bans": Word("正在执行的禁止投标", "Bans in force"),
    "org_bans_none": Word("截至本站数据时间，没有正在执行的禁止投标。",
                          "As of the site's data, no ban is in force."),
    "org_ban_row": Word("{kind}，{start} 至 {until}", "{kind}, {start} to {until}"),
    "org_ban_source": Word("依据", "Decided in"),
    "org_penalties": Word("处罚记录（公示期内）", "Penalties (still public)"),
    "org_penalties_none": Word("没有公示期内的处罚。", "No penalty is public."),
    "org_penalties_note": Word("公示期满的处罚不再显示。", "A penalty is no longer shown once its publicity has ended."),
    "org_appearances": Word("出现的公告", "Notices it appears in"),
    "org_role": Word("身份", "Role"),
    "org_separator": Word("、", ", "),
    "org_its_amount": Word("本单位金额", "Its amount"),
    "org_follow": Word("订阅本单位的公告", "Follow this organisation"),
    "org_link": Word("单位记录", "Organisation record"),
    "org_link_label": Word("{name}的单位记录", "Organisation record of {name}"),
    "org_search_heading": Word("单位", "Organisations"),
    "org_search_found": Word("单位：找到 {n} 个", "Organisations: {n} found"),
    "org_search_more": Word("单位：找到 {n} 个，显示前 {shown} 个", "Organisations: {n} found, the first {shown} shown"),
    "org_role_buyer": Word("招标人/采购人", "Buyer"),
    "org_role_agency": Word("代理机构", "Agency"),
    "org_role_candidate": Word("中标候选人", "Candidate"),
    "org_role_winner": Word("中标/成交人", "Winner"),
    "org_role_penalised": Word("被处罚单位", "Penalised"),
    # its feed (summaries and links, like a project's)
    "org_feed_title": Word("{name}（{code}）", "{name} ({code})"),
    "org_feed_description": Word(
        "{title}：出现该单位的最新 {limit} 条公告（摘要和链接）",
        "{title}: the latest {limit} notices naming this organisation (summaries and links)"),
})
