"""Sentences of the 订阅 (theme/subscribe.html) and 数据下载 (theme/downloads.html) pages:
what the feeds, calendars and data files are and how to read them. Templates read them among
the labels (`config.extra.labels`), so every key here starts with the page's name.

Keys ending in `_html` are inline HTML (<strong>, <code>, entities), written here and trusted;
templates print them with `| safe` and fill `{placeholders}` with `replace`, which escapes
what it puts in. Other entries are plain text, escaped like any label."""

from __future__ import annotations

from .entry import Section, Word

PROSE = Section("prose", {
    # --- 订阅 ---------------------------------------------------------------------------------
    "subscribe_intro": Word(
        "把下面的地址粘贴到 RSS 阅读器（或邮件客户端的 RSS 功能）中，即可在新公告发布时收到通知，"
        "无需访问本站。每个地址旁的“复制”按钮会把完整地址复制到剪贴板。",
        "Paste an address below into a feed reader to hear about new notices without visiting "
        "the site. The copy button next to each address copies it whole.",
    ),
    "subscribe_order_html": Word(
        "每个订阅源按<strong>发布时间从新到旧</strong>列出最新的 {limit} 条公告；"
        "地区订阅源包含该地区及其下辖所有地区的公告。",
        "Each feed lists the newest {limit} notices, <strong>newest published first</strong>; "
        "a region's feed includes every region below it.",
    ),
    "subscribe_ids": Word(
        "每条公告的标识（GUID/id）就是它的永久页面地址，不会改变。公告被变更、撤销或发布了结果时，"
        "原条目会显示更新时间并说明变化；变更和结果公告本身也会作为新条目出现。",
        "An entry's id (GUID) is the notice's permanent address. When a notice is amended, "
        "withdrawn or gets a result, its entry shows an updated time and says what changed; "
        "the amendment or result also appears as an entry of its own.",
    ),
    "subscribe_formats": Word(
        "RSS 2.0 与 Atom 1.0 内容相同，选择阅读器支持的一种即可。",
        "RSS 2.0 and Atom 1.0 carry the same content.",
    ),
    "subscribe_calendar": Word(
        "在日历应用（如 Outlook、Apple 日历、Google 日历）中“通过网址订阅”以下地址，"
        "即可看到全部 {count} 个正在招标项目的投标截止和开标时间。"
        "变更公告推迟截止时间时，日历中的事件随之移动；公告撤销或截止后，事件不再出现。",
        "Subscribe to this address in a calendar app to see the deadlines and bid openings of "
        "all {count} open tenders. Amendments move the events; withdrawn and closed tenders drop out.",
    ),
    # --- 数据下载: the files --------------------------------------------------------------------
    "downloads_intro_html": Word(
        "本站公开的全部公告均可下载，供记者、审计人员和研究者使用自己的工具分析。"
        "数据更新于 <strong>{as_of}</strong>：这是最近一次有公告发布、截止、公示期满或撤销的时刻，"
        "文件中的“状态”自这一时刻起有效，到下一次这样的时刻之前文件内容不变。",
        "Every public notice can be downloaded for analysis with your own tools. "
        "Data updated <strong>{as_of}</strong>: the latest moment a notice was published, "
        "closed, reached the end of its publicity or was withdrawn. The statuses in the files hold "
        "from that moment, and the files stay the same until the next such moment.",
    ),
    "downloads_public_only": Word(
        "文件只包含已公开的公告：发布时间未到的公告不会出现；处罚公告在公示截止后即从所有文件中移除。",
        "The files hold public notices only: notices not yet published are absent, and "
        "penalties leave every file once their disclosure period ends.",
    ),
    "downloads_file_index": Word(
        "各月份文件的清单（程序从这里开始）：按年份、月份列出每个文件的路径、字节数、SHA-256 和条数，"
        "以及文件中状态所依据的时刻 as_of。",
        "The list of every month's files by year (where programs start): each file's path, "
        "bytes, SHA-256 and number of records, and as_of, the moment the files' statuses hold for.",
    ),
    "downloads_months_html": Word(
        "公告按发布月份（{zone} 时间）分成每月一组文件，放在 <code>data/&lt;年份&gt;/&lt;月份&gt;/</code> 下"
        "（月份为两位数字，例如 <code>data/2026/03/</code>），按年份分表，最新的月份在前。"
        "某个月的文件只在该月的公告（或其状态）变化时更新，其余月份的文件保持不变，"
        "只需重新下载变化的月份；<code>data/index.json</code> 列出每个文件的大小和 SHA-256，可据此判断。"
        "没有公开公告的月份没有文件。表中每个链接为文件大小。",
        "Notices are split by month of publication (time in {zone}): one set of files per month "
        "under <code>data/&lt;year&gt;/&lt;MM&gt;/</code> (two digits, e.g. <code>data/2026/03/</code>), "
        "a table per year, newest month first. A month's files change only when its notices (or "
        "their statuses) change; the other months' stay as they are, so only changed months need "
        "downloading again: <code>data/index.json</code> lists each file's size and SHA-256 to "
        "tell. A month without public notices has no files. Each link in the tables is the "
        "file's size.",
    ),
    "downloads_file_xlsx": Word(
        "该月发布的全部公开公告，供 Excel 使用：按公告类别分工作表，列名为中文。",
        "Every public notice published that month, for Excel: a sheet per family of notices.",
    ),
    "downloads_file_csv": Word(
        "该月发布的全部公开公告，每条一行，列见下文（不含正文 body_html）。",
        "Every public notice published that month, one row each; columns below (without the "
        "body, body_html).",
    ),
    "downloads_file_json": Word(
        "与 CSV 相同的记录，另含正文 body_html；列表字段保持为数组。",
        "The same records as the CSV, with the body (body_html) as well; list fields stay arrays.",
    ),
    "downloads_file_ocds": Word(
        "开放合同数据标准（OCDS 1.1）发布包：该月发布的招投标公告，项目的各阶段。",
        "Open Contracting Data Standard 1.1 release package: the procurement notices published "
        "that month, each stage of each procurement.",
    ),
    "downloads_file_ics": Word(
        "正在招标项目的投标截止和开标时间；每个地区另有 calendar/region/<代码>.ics。",
        "Deadlines and bid openings of open tenders; per region: calendar/region/<code>.ics.",
    ),
    "downloads_file_opml": Word(
        "全部 RSS 订阅源，可一次导入阅读器。",
        "Every RSS feed, to import into a reader at once.",
    ),
    # --- 数据下载: notices.xlsx -----------------------------------------------------------------
    "downloads_xlsx_sheets_html": Word(
        "<strong>工作表</strong>：招标公告（含变更公告）、结果公示（中标候选人、中标结果和终止公告）、"
        "处罚公告各一个，每条公告一行，顺序与 CSV 相同。首行为列名，已冻结并可筛选。",
        "<strong>Sheets</strong>: one each for tenders (with amendments), results (preferred "
        "bidders, awards and terminations) and penalties, one row per notice in the CSV's order. "
        "The header row is frozen and has filters.",
    ),
    "downloads_xlsx_times_html": Word(
        "时间和日期是 Excel 的日期单元格，可直接排序、筛选和计算。Excel 不记录时区："
        "时间均为 <strong>{zone}</strong> 当地时间，时间列的列名中注明。",
        "Times and dates are Excel date cells, ready to sort, filter and calculate with. Excel "
        "keeps no time zone: times are local time in <strong>{zone}</strong>, as the header of "
        "each time column says.",
    ),
    "downloads_xlsx_cells_html": Word(
        "金额是以元为单位的数字（显示为 <code>#,##0.00</code>），可直接求和；公告编号、地区代码、"
        "项目编号和统一社会信用代码是文本，不会变成数字或丢失开头的 0。",
        "Amounts are numbers in yuan (shown as <code>#,##0.00</code>), ready to add up; notice "
        "ids, region codes, project codes and unified social credit codes are text, never "
        "numbers that lose a leading 0.",
    ),
    "downloads_xlsx_lists_html": Word(
        "不含正文和附件：“公告页面”列链接到公告的完整页面。中标人、候选人和处罚措施在一个单元格中，"
        "以 <code>{separator}</code> 分隔。程序处理请用 CSV 或 JSON：列名为英文，包含全部字段。",
        "No body or attachments: the “Notice page” column links to the full notice. Winners, "
        "candidates and sanctions share one cell, separated by <code>{separator}</code>. For "
        "programs, use the CSV or JSON: English column names, every field.",
    ),
    # --- 数据下载: notices.csv / notices.json --------------------------------------------------
    "downloads_csv_html": Word(
        "<strong>CSV</strong>：UTF-8 编码并带字节顺序标记（BOM），Excel 可直接正确显示中文；"
        "逗号分隔，首行为列名，行尾 CRLF。空单元格表示无此项。",
        "<strong>CSV</strong>: UTF-8 with a byte-order mark (so Excel shows Chinese correctly), "
        "comma separated, a header row of column names, CRLF line ends. An empty cell means no value.",
    ),
    "downloads_json_html": Word(
        '<strong>JSON</strong>：一个对象 <code>{"version": 3, "month": …, "site_url": …, '
        '"count": …, "columns": [列名…], "notices": [记录…]}</code>；每条记录的键即下表的列名，'
        "无此项时为 <code>null</code>（列表类列为空数组 <code>[]</code>）。状态所依据的时刻见 "
        "<code>data/index.json</code> 的 <code>as_of</code>。",
        '<strong>JSON</strong>: one object <code>{"version": 3, "month": …, "site_url": …, '
        '"count": …, "columns": […], "notices": […]}</code>; each record\'s keys are the column '
        "names below, <code>null</code> when there is no value (<code>[]</code> for list columns). "
        "The moment statuses hold for is <code>as_of</code> in <code>data/index.json</code>.",
    ),
    "downloads_order_html": Word(
        "顺序：按发布时间从新到旧。时间为 ISO 8601 格式并带时区，例如 "
        "<code>2026-12-10T09:30:00+08:00</code>；日期为 <code>YYYY-MM-DD</code>。",
        "Order: newest published first. Datetimes are ISO 8601 with offset, e.g. "
        "<code>2026-12-10T09:30:00+08:00</code>; dates are <code>YYYY-MM-DD</code>.",
    ),
    "downloads_amounts_html": Word(
        "金额单位为元：JSON 中为数字，CSV 中为不带千位分隔符的数字（如 <code>12800000.50</code>）。",
        "Amounts are in yuan: numbers in JSON, plain numbers without thousands separators in "
        "the CSV (e.g. <code>12800000.50</code>).",
    ),
    "downloads_lists_html": Word(
        "列表类列（候选人、中标人、处罚措施、附件、原截止时间）：JSON 中为数组；"
        "CSV 中每项一行，项内字段以 <code>{separator}</code> 分隔。",
        "List columns (candidates, winners, sanctions, attachments, former deadlines): arrays "
        "in JSON; in the CSV one item per line, fields separated by <code>{separator}</code>.",
    ),
    "downloads_body_html": Word(
        "正文 <code>body_html</code> 只在 JSON 中（CSV 供表格软件使用，正文请看公告页面）；它是清理后的 "
        "HTML：脚本、事件属性、原始 HTML 和 <code>javascript:</code> 链接均已移除。",
        "<code>body_html</code> is in the JSON only (the CSV is for spreadsheets; the notice's "
        "page shows the body). It is sanitized HTML: no scripts, event attributes, raw HTML or "
        "<code>javascript:</code> links.",
    ),
    # --- 数据下载: ocds.json ---------------------------------------------------------------------
    "downloads_ocds_html": Word(
        "每条招标、变更和结果公告是一个发布（release）；同一项目编号的发布共享一个 "
        "<code>ocid</code>：<code>{ocid_prefix}-&lt;项目编号&gt;</code>。发布的 <code>id</code> "
        "是公告编号，<code>date</code> 是发布时间，发布按时间先后排列。金额币种为 CNY。"
        "只使用 OCDS 1.1 定义的字段，不用扩展：公告的发布时间就是发布的 <code>date</code>，"
        "也写在每个文件的 <code>documents.datePublished</code> 中"
        "（招标公告还有 <code>tenderPeriod.startDate</code>）。",
        "Each tender, amendment and result notice is one release; releases of one project code "
        "share an <code>ocid</code>: <code>{ocid_prefix}-&lt;project code&gt;</code>. A release's "
        "<code>id</code> is the notice id and its <code>date</code> the publication time; releases "
        "are in publication order. Amounts are in CNY. Only fields that OCDS 1.1 defines are used, "
        "with no extension: a notice's publication time is its release's <code>date</code>, also "
        "in each document's <code>documents.datePublished</code> (and a tender's "
        "<code>tenderPeriod.startDate</code>).",
    ),
    "downloads_ocds_no_penalties_html": Word(
        "<strong>处罚公告不属于采购过程，不在 OCDS 文件中</strong>（见 notices.csv / notices.json）。",
        "<strong>Penalties are not procurement releases and are not in the OCDS file</strong> "
        "(they are in notices.csv / notices.json).",
    ),
    "downloads_ocds_tender": Word(
        "状态 active（已撤销为 withdrawn）、预算 value、投标截止 tenderPeriod.endDate、"
        "开标时间 awardPeriod.startDate、交易方式 procurementMethod（open/selective/limited/direct）"
        "及 procurementMethodDetails、资格要求 eligibilityCriteria、公告与附件 documents",
        "status active (withdrawn when withdrawn), value, deadline tenderPeriod.endDate, bid "
        "opening awardPeriod.startDate, procurementMethod (open/selective/limited/direct) and "
        "procurementMethodDetails, eligibilityCriteria, documents",
    ),
    "downloads_ocds_amendment": Word(
        "；截止或开标时间变更时给出新的 tenderPeriod.endDate / awardPeriod.startDate",
        "; the new tenderPeriod.endDate / awardPeriod.startDate when they moved",
    ),
    "downloads_ocds_candidates": Word(
        "每名候选人一个 award，status 为 pending；候选人同时列于 tender.tenderers",
        "one award per candidate, status pending; candidates also in tender.tenderers",
    ),
    "downloads_ocds_award": Word(
        "每个中标/成交人一个 award，status 为 active（结果公告撤销时为 cancelled）",
        "one award per winner, status active (cancelled when the notice was withdrawn)",
    ),
    "downloads_ocds_termination": Word(
        "tender.status 为 cancelled，原因见 documents 的 description",
        "tender.status cancelled; the reason in the document's description",
    ),
    "downloads_ocds_parties_html": Word(
        "参与方（parties）：招标人/采购人为 <code>buyer</code>，代理机构为 "
        "<code>procuringEntity</code>（无代理机构时为招标人本身），中标候选人为 "
        "<code>tenderer</code>，中标/成交人为 <code>supplier</code>。有统一社会信用代码的参与方 "
        "<code>id</code> 为 <code>CN-USCC-&lt;代码&gt;</code>，代码也写在 "
        "<code>identifier.id</code>（工商登记的代码标注 scheme <code>CN-SAIC</code>）；"
        "没有代码的（如竞买的自然人）按名称生成稳定的 <code>id</code>。"
        "工程建设的 mainProcurementCategory 为 works，医疗器械为 goods，其他类别不填。",
        "Parties: buyer <code>buyer</code>, agency <code>procuringEntity</code> (the buyer itself "
        "when there is no agency), candidates <code>tenderer</code>, winners <code>supplier</code>. "
        "A party with a unified social credit code has the <code>id</code> "
        "<code>CN-USCC-&lt;code&gt;</code> and the code in <code>identifier.id</code> (scheme "
        "<code>CN-SAIC</code> for codes issued by the market regulator); one without (e.g. a "
        "natural person at an auction) gets a stable <code>id</code> derived from the name. "
        "mainProcurementCategory is works for construction, goods for medical supplies, and left "
        "out otherwise.",
    ),
})
