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
    "region_category": Word("{region} · {category}", "{region} · {category}"),
    "project": Word("项目：{name}（{code}）", "Project: {name} ({code})"),
    "region_category_description": Word(
        "{title}：该地区及其下辖地区此类别的最新公告摘要和链接，按发布时间从新到旧，最多 {limit} 条。",
        "{title}: summaries of and links to the latest notices of this category in the region "
        "and every region below it, newest first, at most {limit}.",
    ),
    "project_description": Word(
        "{title}：该项目的招标、变更、中标候选人、结果和终止公告的摘要和链接，按发布时间从新到旧。",
        "{title}: summaries of and links to the project's tender, amendments, preferred "
        "bidders, result and termination, newest first.",
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
    "project_name": Word("项目日程：{name}", "Project schedule: {name}"),
    "project_description": Word(
        "该项目的投标截止、开标和中标候选人公示截止时间（按变更公告更新；已撤销的公告不列出）。",
        "The project's bid deadlines, bid openings and the end of its preferred bidders' "
        "publicity (moved by amendments; withdrawn notices left out).",
    ),
    "deadline": Word("投标截止", "Deadline"),
    "opening": Word("开标", "Bid opening"),
    "publicity_end": Word("候选人公示截止", "Publicity of preferred bidders ends"),
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

# The pages people subscribe from: each feed's page (theme/feed.html), the 订阅 page's picker
# (theme/subscribe.html), the list of every feed (theme/feeds.html) and the section of a notice's
# page that follows its project (theme/notice.html). Templates read these among the labels.
FEED_PAGES = Section("feed_pages", {
    # --- titles ----------------------------------------------------------------------------------
    "feed_page_title": Word("订阅：{title}", "Feed: {title}"),
    "feeds_index_title": Word("全部订阅源", "Every feed"),
    # --- what a feed holds (the generator fills these in) -----------------------------------------
    "feed_about_all": Word(
        "本站发布的全部公告：招标、变更、结果公示和处罚，所有地区、所有交易类别。",
        "Every notice the site publishes: tenders, amendments, results and penalties, of every "
        "region and category.",
    ),
    "feed_about_family": Word(
        "所有地区、所有交易类别的{family}。",
        "{family} of every region and category.",
    ),
    "feed_about_region": Word(
        "{region}及其下辖各地区的全部公告：招标、变更、结果公示和处罚，所有交易类别。",
        "Every notice of {region} and of every region below it: tenders, amendments, results and "
        "penalties, of every category.",
    ),
    "feed_about_category": Word(
        "所有地区的{category}类公告：招标、变更、结果公示和处罚。",
        "Notices of the category {category} in every region: tenders, amendments, results and "
        "penalties.",
    ),
    "feed_about_region_category": Word(
        "{region}及其下辖各地区的{category}类公告：招标、变更、结果公示和处罚。",
        "Notices of the category {category} in {region} and every region below it: tenders, "
        "amendments, results and penalties.",
    ),
    # --- a feed's page ---------------------------------------------------------------------------
    "feed_entries_full": Word(
        "每条包含摘要（类型、状态、地区、截止时间、预算或结果）、公告正文和公告页面的链接。",
        "Each entry has a summary (type, status, region, deadline, budget or result), the "
        "notice's text and a link to its page.",
    ),
    "feed_entries_summary": Word(
        "每条包含摘要（类型、状态、地区、截止时间、预算或结果）和公告页面的链接，不含正文。",
        "Each entry has a summary (type, status, region, deadline, budget or result) and a link "
        "to the notice's page, without the notice's text.",
    ),
    "feed_order": Word(
        "订阅源中是最新发布的 {limit} 条，从新到旧；公告被变更、撤销或有了结果时，原条目会更新并说明变化。",
        "The feed holds the newest {limit}, newest first; when a notice is amended, withdrawn or "
        "gets a result, its entry is updated and says what changed.",
    ),
    "feed_count": Word("目前共 {count} 条公告", "{count} notices so far"),
    "feed_view_listing": Word("在网站上浏览", "Browse them on the site"),
    "feed_addresses": Word("订阅地址", "Feed addresses"),
    "feed_addresses_note": Word(
        "RSS 和 Atom 内容相同，选择阅读器支持的一种即可。",
        "RSS and Atom carry the same entries: use the one your reader takes.",
    ),
    "feed_calendar_about": Word(
        "{count} 个正在招标项目的投标截止和开标时间。变更公告推迟截止时间时，日历中的事件随之移动；"
        "招标撤销或截止后，事件不再出现。",
        "Deadlines and bid openings of the {count} open tenders. Amendments move the events; "
        "withdrawn and closed tenders drop out.",
    ),
    "feed_calendar_open": Word("在日历应用中打开", "Open in a calendar app"),
    "feed_narrower": Word("只订阅其中一个交易类别", "Only one category of these"),
    "feed_subregions": Word("下级地区的订阅源", "Feeds of the regions below"),
    "feed_broader": Word("范围更大的订阅源", "Wider feeds"),
    "feed_latest": Word("最新公告", "Latest notices"),
    "feed_latest_note": Word(
        "订阅源中最新的 {shown} 条：",
        "The newest {shown} in the feed:",
    ),
    "feed_region_path": Word("上级地区的订阅源", "Feeds of the regions above"),
    # --- how to use them (on feed pages and the 订阅 page) ----------------------------------------
    "howto_reader_heading": Word("在阅读器中订阅", "Add it to a feed reader"),
    "howto_reader_copy": Word(
        "点“复制”复制上面的 RSS 地址（阅读器不接受时改用 Atom 地址）。",
        "Copy the RSS address above with its Copy button (or the Atom one, if your reader "
        "prefers it).",
    ),
    "howto_reader_paste": Word(
        "在阅读器中选择“添加订阅”（也可能叫“订阅网址”“添加源”或“+”），粘贴地址并确认。",
        "In your reader, choose “Add subscription” (or “Add feed”, “Subscribe to URL”, “+”), "
        "paste the address and confirm.",
    ),
    "howto_reader_wait": Word(
        "阅读器会定期检查，新公告发布后就会出现在阅读器中，无需访问本站。",
        "The reader checks it regularly: new notices appear there without visiting the site.",
    ),
    "howto_reader_kinds": Word(
        "能订阅 RSS 或 Atom 的软件有很多种：手机和电脑上的 RSS 阅读器应用、网页版阅读器、"
        "带 RSS 功能的邮件客户端，以及浏览器的订阅扩展。本站不推荐特定产品。",
        "Many kinds of software take RSS or Atom: feed reader apps for phones and computers, "
        "web-based readers, email clients with a feed function and browser extensions. The site "
        "recommends no particular product.",
    ),
    "howto_phone_heading": Word("把投标截止日历放到手机上", "Put the deadline calendar on your phone"),
    "howto_ios_html": Word(
        "<strong>iPhone 和 iPad</strong>：点“在日历应用中打开”并确认订阅；或打开“设置”›“日历”"
        "（较新的系统在“设置”›“App”›“日历”）›“日历账户”›“添加账户”›“其他”›“添加已订阅的日历”，"
        "粘贴上面的日历地址，点“下一步”后存储。",
        "<strong>iPhone and iPad</strong>: tap “Open in a calendar app” and confirm; or open "
        "Settings › Calendar (on newer systems Settings › Apps › Calendar) › Calendar Accounts "
        "› Add Account › Other › Add Subscribed Calendar, paste the calendar address above, tap "
        "Next, then Save.",
    ),
    "howto_android_html": Word(
        "<strong>Android</strong>：在浏览器中打开 Google 日历网页版（calendar.google.com，"
        "用手机上同一个账户登录），在“其他日历”旁点“+”›“通过网址添加”，粘贴日历地址后添加。"
        "手机上的日历应用随账户同步后即可看到；如果看不到，在应用的设置中为该日历打开“同步”。",
        "<strong>Android</strong>: in a browser, open Google Calendar on the web "
        "(calendar.google.com, signed in with your phone's account), click “+” next to “Other "
        "calendars” › “From URL”, paste the calendar address and add it. The phone's calendar "
        "app shows it once the account syncs; if it does not, turn on “Sync” for that calendar "
        "in the app's settings.",
    ),
    "howto_calendar_refresh": Word(
        "日历应用按自己的周期重新获取日历（通常几小时到一天一次），截止时间变更后随之更新。",
        "Calendar apps fetch the calendar again on their own schedule (every few hours to once a "
        "day): a moved deadline moves there too.",
    ),
    # --- the 订阅 page's picker ------------------------------------------------------------------
    "subscribe_pick_intro": Word(
        "选择地区（包含其下辖地区）和交易类别，得到对应的订阅源和投标截止日历。",
        "Choose a region (with every region below it) and a category: you get its feed and its "
        "deadline calendar.",
    ),
    "subscribe_pick_heading": Word("选择地区和交易类别", "Choose a region and a category"),
    "subscribe_pick_region": Word("地区", "Region"),
    "subscribe_pick_category": Word("交易类别", "Category"),
    "subscribe_pick_all_regions": Word("全部地区", "All regions"),
    "subscribe_pick_all_categories": Word("全部类别", "All categories"),
    "subscribe_pick_by_region": Word("按地区：", "By region:"),
    "subscribe_pick_by_category": Word("按交易类别：", "By category:"),
    "subscribe_pick_then": Word(
        "地区的订阅源页面上可以再选择交易类别。",
        "A region's feed page offers each of its categories.",
    ),
    "subscribe_pick_none": Word(
        "这个地区还没有这一类别的公告，所以还没有这个订阅源。可以先订阅该地区的全部公告：",
        "This region has no notice of this category yet, so there is no such feed yet. You can "
        "follow every notice of the region instead:",
    ),
    "subscribe_pick_page": Word("订阅源页面：最新公告和使用方法", "Feed page: latest notices and how to use it"),
    "subscribe_pick_count": Word("{count} 条公告", "{count} notices"),
    "subscribe_more_heading": Word("更多订阅方式", "More ways to follow"),
    "subscribe_families": Word("按公告类型：", "By family:"),
    "subscribe_all_feeds": Word(
        "全部订阅源的地址（按公告类型、地区和类别）",
        "The addresses of every feed (by family, region and category)",
    ),
    # --- a notice's page: follow its project ---------------------------------------------------
    "follow_heading": Word("关注此项目", "Follow this project"),
    "follow_elsewhere_heading": Word("订阅", "Follow"),
    "follow_project_html": Word(
        "订阅项目 <code>{code}</code> 的动态：招标、变更、中标候选人、结果和终止公告（Atom 订阅源），"
        "以及投标截止、开标和公示截止时间（iCal 日历）。",
        "Follow project <code>{code}</code>: its tender, amendments, preferred bidders, result "
        "and termination (an Atom feed), and its deadlines, bid openings and publicity end (iCal "
        "calendar).",
    ),
    "follow_region": Word("也可以订阅：", "Or follow:"),
    "follow_howto": Word("如何使用订阅源和日历", "How to use feeds and calendars"),
})
