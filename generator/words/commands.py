"""What the commands print that is not about one file: usage errors, summaries, the progress
and outcome of `build`, `serve` and `new`, failures of the machine.

Code-like things are in backticks (`--out`, `gongshi build`); what someone typed or another
program said is quoted in the template, zh “{value}”, en '{value}', and passed through
`shown` first. Paths are shown as they are."""

from __future__ import annotations

from .entry import Section, Word, shown

SAID_CHARACTERS = 400  # what another program said is its diagnosis: kept, but on one line


def as_said(value: object) -> str:
    """What another program or the system said (MkDocs, Pagefind, an OSError), quoted in a
    message of one line: whitespace runs made one space, invisible characters named."""
    return shown(" ".join(str(value).split()), SAID_CHARACTERS)


COMMANDS = Section("commands", {
    # a problem's line: data/notices/….yaml:7:1: 错误: … [required]
    "severity_error": Word("错误", "error"),
    "severity_warning": Word("警告", "warning"),
    "invalid_data": Word("数据中有 {errors} 个错误：未写入任何内容", "{errors} error(s) in the data: nothing was written"),

    # --- summaries ---------------------------------------------------------------------------
    "validate_summary": Word(
        "已检查 {notices} 条公告：{errors} 个错误，{warnings} 个警告",
        "{notices} notice(s) checked: {errors} error(s), {warnings} warning(s)",
    ),
    "build_summary": Word(
        "已生成 {out}：{notices} 条公开的公告，{pages} 个生成的页面（{rendered} 个重新渲染，"
        "{reused} 个沿用），用时 {seconds} 秒（{live_seconds} 秒后上线；写入 {written} 个文件，"
        "删除 {deleted} 个）",
        "built {out}: {notices} public notice(s), {pages} generated page(s) ({rendered} rendered, "
        "{reused} reused) in {seconds} s (live after {live_seconds} s; {written} file(s) written, "
        "{deleted} deleted)",
    ),
    "build_unchanged": Word(
        "{out} 无需重新生成：数据、配置和程序都没有变化，在 {until} 之前也没有公告的状态会变化；"
        "只更新了 build.json（{notices} 条公开的公告），用时 {seconds} 秒",
        "{out} is up to date: no data, configuration or code changed, and no notice changes "
        "status before {until}; only build.json was written ({notices} public notice(s)) in "
        "{seconds} s",
    ),

    # --- progress of long work (generator/progress_display.py): each stage's name, a
    # terminal's rate and the plain line that ends each stage off a terminal
    "progress_validated": Word("已检查的公告文件", "notice files validated"),
    "progress_pages": Word("已准备的页面", "pages prepared"),
    "progress_rendered": Word("站点引擎已渲染的页面", "pages rendered by the site engine"),
    "progress_filled": Word("由页面框架生成的页面", "pages filled from frames"),
    "progress_indexed": Word("已完成的搜索分片", "search shards indexed"),
    "progress_written": Word("已核对的输出文件", "output files brought up to date"),
    "progress_rate": Word("每秒 {rate} 个", "{rate}/s"),
    "progress_line": Word("{stage}：{count} 个，用时 {seconds} 秒（每秒 {rate} 个）",
                          "{stage}: {count} in {seconds} s ({rate}/s)"),
    "progress_setting": Word(
        "环境变量 `GONGSHI_PROGRESS` 应为 {choices} 之一，不能是“{value}”",
        "the environment variable `GONGSHI_PROGRESS` takes one of {choices}, not '{value}'",
    ),

    # --- the command line: argparse's errors, said our way -------------------------------------
    # every usage error ends with where to read more
    "usage": Word("{problem}（用法见 `{prog} --help`）", "{problem} (see `{prog} --help`)"),
    "argument_command": Word("命令", "the command"),
    "argument_type": Word("公告类型", "the notice type"),
    "argument_option": Word("选项 `{option}`", "option `{option}`"),
    "argument_named": Word("参数 `{name}`", "argument `{name}`"),
    "choice": Word("`{code}`", "`{code}`"),
    "choice_named": Word("{name} `{code}`", "`{code}` ({name})"),
    "usage_missing": Word("缺少{arguments}", "missing {arguments}"),
    "usage_missing_choice": Word(
        "缺少{argument}：应为以下之一：{choices}；例如 `{example}`",
        "missing {argument}: one of {choices}; e.g. `{example}`",
    ),
    "usage_unknown": Word("`{prog}` 不接受这些参数：{arguments}", "`{prog}` does not take {arguments}"),
    "usage_choice": Word(
        "{argument}不能是“{value}”：应为以下之一：{choices}",
        "{argument} cannot be '{value}': use one of {choices}",
    ),
    "usage_value_missing": Word("{argument}后面缺少值，例如 `{example}`",
                                "{argument} needs a value, e.g. `{example}`"),
    "usage_value_unwanted": Word(
        "{argument}不带值：只写 `{option}`，去掉“={value}”",
        "{argument} takes no value: write `{option}` alone, without '={value}'",
    ),
    "usage_not_a_number": Word("{argument}应为整数，不能是“{value}”",
                               "{argument} takes a whole number, not '{value}'"),
    "usage_invalid_value": Word("{argument}不能是“{value}”", "{argument} cannot be '{value}'"),
    "usage_ambiguous": Word(
        "选项 `{option}` 没有写全，可能是 {matches}：请写出完整的选项名",
        "option `{option}` is ambiguous, it could be {matches}: write it in full",
    ),
    "usage_wrong_argument": Word("{argument}写得不对", "{argument} is not right"),
    "usage_unclear": Word("命令行写得不对", "the command line is not right"),
    "now_format": Word(
        "`--now` 应为日期或日期时间，例如 `2026-11-26` 或 `2026-11-26T09:00+08:00`，"
        "不能是“{value}”",
        "`--now` takes an ISO 8601 date or datetime, e.g. `2026-11-26` or "
        "`2026-11-26T09:00+08:00`, not '{value}'",
    ),
    "now_range": Word(
        "`--now` 应在 {earliest} 至 {latest} 之间，不能是“{value}”",
        "`--now` must fall between {earliest} and {latest}, not '{value}'",
    ),

    # --- --help ------------------------------------------------------------------------------
    "help_description": Word("公示：检查公告文件，生成门户网站", "gongshi: validate notices and build the portal"),
    "help_options": Word("选项", "options"),
    "help_arguments": Word("参数", "arguments"),
    "help_commands": Word("命令", "commands"),
    "help_help": Word("显示此帮助后退出", "show this help and exit"),
    "help_config": Word("站点配置文件（默认：当前文件夹中的 mkdocs.yml）",
                        "site configuration (default: mkdocs.yml in the current folder)"),
    "help_lang": Word("消息的语言：`zh` 或 `en`（默认：站点配置中的语言，没有则为 `zh`）",
                      "language of messages: `zh` or `en` (default: the site's language, else `zh`)"),
    "help_validate": Word("检查每个公告文件", "check every notice file"),
    "help_build": Word("检查后生成整个网站", "validate, then write the whole site"),
    "help_serve": Word("生成网站，在 127.0.0.1 上预览，文件改动后重新生成",
                       "build, serve on 127.0.0.1 and rebuild on change"),
    "help_new": Word("新建一个待填写的公告文件", "write a new notice file ready to fill in"),
    "help_codeowners": Word(
        "按地区表 `regions.yaml` 中的审核人 `reviewers` 写出仓库的 CODEOWNERS 文件",
        "write the repository's CODEOWNERS from the reviewers (`reviewers`) in regions.yaml",
    ),
    "help_schema": Word("输出公告文件的 JSON 模式（`JSON Schema`）", "print the JSON Schema of a notice file"),
    "help_data": Word("数据文件夹（默认：`data`）", "data folder (default: `data`)"),
    "help_strict": Word("把警告也当作错误", "treat warnings as errors"),
    "help_format": Word(
        "报告的格式：`text`（每个问题一行，默认）、`json` 或 `github`（GitHub 注释）",
        "report format: `text` (one line per problem, the default), `json` or `github` "
        "(GitHub annotations)",
    ),
    "help_files": Word("只报告这些文件的问题（仍会检查整个数据文件夹）",
                       "report only on these files (the whole data folder is still checked)"),
    "help_out": Word("输出文件夹（默认：`site`）", "output folder (default: `site`)"),
    "help_now": Word("当作“现在”的时间，例如 `2026-11-26T09:00+08:00`（默认：此刻）",
                     "the time taken as now, e.g. `2026-11-26T09:00+08:00` (default: the clock)"),
    "help_clean": Word("重新渲染每个页面，不沿用未改动的页面",
                       "render every page afresh instead of reusing unchanged pages"),
    "help_check_remote": Word("下载每个写了 `size` 和 `sha256` 的远程附件（每个文件只下载一次），与声明不符的拒绝生成",
                              "download each remote attachment declared with `size` and `sha256` "
                              "(each file once) and refuse to build if one differs"),
    "help_record": Word("把已公开、已删除、已期满或已隐去的版本追加到数据文件夹的公示日志（ledger/）；只有发布流程的记录步骤运行它",
                        "append what became public, was removed, expired or was redacted to the data folder's ledger (ledger/); run only by the publishing workflow's record step"),
    "help_port": Word("预览的端口（默认：8000）", "port to serve on (default: 8000)"),
    "help_type": Word("公告类型", "notice type"),
    "help_region": Word("地区代码（GB/T 2260），例如 420902", "region code (GB/T 2260), e.g. 420902"),
    "help_project": Word("项目编号：新公告所属的项目", "project code: the project the new notice belongs to"),

    # --- --config and mkdocs.yml ---------------------------------------------------------------
    "config_folder": Word("`--config` 给出的 {path} 是文件夹：请给出其中的 mkdocs.yml 文件",
                          "`--config` {path} is a folder: give the mkdocs.yml file in it"),
    "config_missing": Word("`--config` 给出的文件 {path} 不存在", "`--config` {path}: no such file"),
    "config_not_found": Word(
        "{folder} 中没有 mkdocs.yml：请在项目文件夹中运行 gongshi，或在命令名之前加上 `--config FILE`",
        "no mkdocs.yml in {folder}: run gongshi in the project folder, or pass `--config FILE` "
        "before the command",
    ),
    "config_yaml": Word(
        "无法读取站点配置 {path}：第 {line} 行第 {column} 列的 YAML 写法有误",
        "cannot read the site configuration {path}: the YAML is malformed at line {line}, column {column}",
    ),
    "config_yaml_unplaced": Word("无法读取站点配置 {path}：YAML 写法有误",
                                 "cannot read the site configuration {path}: the YAML is malformed"),
    "config_encoding": Word(
        "无法读取站点配置 {path}：文件不是 UTF-8 编码，请以 UTF-8 保存",
        "cannot read the site configuration {path}: it is not UTF-8; save it as UTF-8",
    ),
    "config_unknown_setting": Word(
        "站点配置 {path}：`{option}` 不是 gongshi 的设置；`extra.gongshi` 下可用的设置有 {settings}",
        "site configuration {path}: `{option}` is not a setting of gongshi; the settings under "
        "`extra.gongshi` are {settings}",
    ),
    "config_setting": Word(
        "站点配置 {path}：设置 `{option}` 不能是“{value}”：{expected}",
        "site configuration {path}: setting `{option}` cannot be '{value}': {expected}",
    ),
    "setting_timezone": Word("应为时区名称，例如 `Asia/Shanghai`", "use a time zone name, e.g. `Asia/Shanghai`"),
    "setting_site_url": Word(
        "应为以 `https://` 或 `http://` 开头的网址，例如 `https://gongshi.example.cn/`",
        "use an address starting with `https://` or `http://`, e.g. `https://gongshi.example.cn/`",
    ),
    "setting_text": Word("应为一段文字", "use text"),
    "setting_site_text": Word(
        "应为一段文字（各语言相同），或每种语言一段：另起两行，缩进两格，写 `zh: …` 和 `en: …`",
        "use text (the same in every language), or one text per language: on two lines below, "
        "indented by two spaces, `zh: …` and `en: …`",
    ),
    "setting_language": Word("应为 `zh`（中文）或 `en`（英文）", "use `zh` (Chinese) or `en` (English)"),
    "setting_whole_number": Word("应为 {low} 至 {high} 之间的整数", "use a whole number from {low} to {high}"),
    "setting_whole_number_unquoted": Word(
        "应为 {low} 至 {high} 之间的整数，不加引号", "use a whole number from {low} to {high}, without quotes"),
    "setting_labels": Word(
        "应为标签名与文字的对照，每行一个，例如 `home: 首页`",
        "use a mapping of label names to text, one per line, e.g. `home: Home`",
    ),

    # --- the data folder and the output ------------------------------------------------------------
    "data_missing": Word("数据文件夹 {path} 不存在：请用 `--data` 指定数据文件夹",
                         "data folder {path} does not exist: pass `--data DIR`"),
    "out_overlaps": Word(
        "不能生成到 {out}：它包含数据或项目文件夹，或在其中；请选一个在两者之外的文件夹，"
        "例如 `--out site`",
        "refusing to build into {out}: it holds, or is inside, the data or the project; choose a "
        "folder outside both, e.g. `--out site`",
    ),
    "out_foreign_link": Word(
        "`--out` {out} 是一个不由 gongshi 创建的符号链接（指向 {target}）：gongshi 会自己把 "
        "`--out` 做成链接，每次生成时整体切换；请删除这个链接，生成到单独的路径，再把网站服务器"
        "的根目录指向该路径（`nginx` 和 `Apache` 都会跟随链接；见 README.md 的“Serving the site”）",
        "`--out` {out} is a symbolic link gongshi did not make (to {target}): gongshi makes "
        "`--out` a link itself, switched atomically at each build; remove the link, build to a "
        "path of its own and point the web server's root at that path (nginx and Apache follow "
        "it; see README.md, Serving the site)",
    ),
    "out_is_file": Word("`--out` {out} 是文件：请选一个文件夹", "`--out` {out} is a file: choose a folder"),
    "out_not_ours": Word(
        "`--out` {out} 是一个不由 gongshi 生成的文件夹：请选一个空文件夹或新文件夹",
        "`--out` {out} is a folder gongshi did not build: choose an empty or new folder",
    ),
    "out_busy": Word(
        "另一个 gongshi 正在生成到 {out}（进程 {process}）：请等它结束后再生成",
        "another gongshi build into {out} is running (process {process}); wait until it ends, "
        "then build again",
    ),

    # --- failures of a build after validation -----------------------------------------------------
    "attachment_changed": Word("{path} 在生成过程中被改动了：请重新生成",
                               "{path} changed during the build: build again"),
    "attachment_gone": Word("{path} 在生成过程中消失了：请恢复它后重新生成",
                            "{path} disappeared during the build: restore it and build again"),
    "missing_fact": Word("页面数据 `{model}` 中没有“{name}”这一项",
                         "{model} has no fact '{name}'"),
    "engine_outside": Word("gongshi 插件只能在 `gongshi build` 中运行",
                           "the gongshi plugin runs only inside `gongshi build`"),
    "engine_clash": Word("content/{path} 与一个生成的页面同名：请给它改名",
                         "content/{path} clashes with a generated page: rename it"),
    "engine_translation_alone": Word(
        "content/{path} 是 content/{original} 的译文，但原文不存在：请给它改名或补上原文",
        "content/{path} translates content/{original}, which does not exist: rename it or add the original",
    ),
    "engine_no_config": Word("找不到站点配置 {path}：请在项目文件夹中运行",
                             "site configuration {path} not found: run from the project folder"),
    "engine_foreign_plugin": Word("站点配置 {path}：名为“{name}”的插件不是 gongshi 的",
                                  "{path}: the plugin named '{name}' is not gongshi's"),
    "engine_failed": Word("站点引擎 `MkDocs` 报告：“{detail}”", "the site engine MkDocs says: '{detail}'"),
    "engine_warning": Word("站点引擎 `MkDocs` 发出警告，生成已停止：“{detail}”",
                           "the site engine MkDocs warned, so the build stopped: '{detail}'"),
    "engine_template": Word("站点引擎：模板 {location} 出错：“{detail}”",
                            "site engine: template {location}: '{detail}'"),
    "engine_template_ours": Word("站点引擎：模板 {location}：{problem}",
                                 "site engine: template {location}: {problem}"),
    "engine_crashed": Word("站点引擎在 {location} 出错：`{kind}`：“{detail}”",
                           "site engine failed in {location}: {kind}: '{detail}'"),
    "engine_crashed_somewhere": Word("站点引擎出错：`{kind}`：“{detail}”",
                                     "site engine failed: {kind}: '{detail}'"),
    "search_stopped": Word("搜索索引：索引进程意外停止（退出状态 {status}）",
                           "search index: stopped (exit status {status})"),
    "search_folder_taken": Word("生成的站点中已有 {folder}/：content/ 中不能有这个文件夹",
                                "{folder}/ already exists in the built site: content/ must not hold it"),
    "search_duplicate": Word("搜索索引：{url} 有两条记录", "search index: two records for {url}"),
    "search_bad_url": Word("搜索索引：一条记录的网址“{url}”不是站点中的文件夹",
                           "search index: a record's URL is not a folder of the site: '{url}'"),
    "search_bad_key": Word("搜索索引：“{name}”不能用作 `Pagefind` 的 `{kind}` 名称",
                           "search index: '{name}' cannot name a Pagefind {kind}"),
    "search_cannot_run": Word("搜索索引：无法运行 `Pagefind`：{reason}",
                              "search index: could not run Pagefind: {reason}"),
    "search_timeout": Word("搜索索引：`Pagefind` 在 {seconds} 秒内没有完成索引",
                           "search index: Pagefind failed: no index in {seconds} s"),
    "search_pagefind_said": Word("搜索索引：`Pagefind` 出错：“{complaint}”",
                                 "search index: Pagefind failed: '{complaint}'"),
    "search_pagefind_exit": Word("搜索索引：`Pagefind` 出错（退出状态 {status}）",
                                 "search index: Pagefind failed (exit status {status})"),
    "search_no_entry": Word("搜索索引：`Pagefind` 没有生成可用的 {file}（“{detail}”）",
                            "search index: Pagefind gave no usable {file} ('{detail}')"),
    "search_no_script": Word("搜索索引：`Pagefind` 没有生成 `pagefind.js`",
                             "search index: Pagefind failed: it gave no `pagefind.js`"),
    "search_incomplete": Word("搜索索引：`Pagefind` 只索引了 {pages} 个页面中的 {indexed} 个",
                              "search index: Pagefind indexed {indexed} of {pages} pages"),
    "search_not_installed": Word(
        "搜索索引：没有安装 `Pagefind`（扩展版）：请运行 `pip install pagefind-bin-extended`",
        "search index: Pagefind (extended) is not installed: run `pip install pagefind-bin-extended`",
    ),
    "search_binary_missing": Word("搜索索引：找不到 `Pagefind` 程序：“{detail}”",
                                  "search index: the Pagefind program is missing: '{detail}'"),
    "search_crashed": Word("搜索索引出错：`{kind}`：“{detail}”", "search index: {kind}: '{detail}'"),
    "store_failed": Word("无法读写公告记录库 {file}：“{detail}”；可删除该文件后重新生成",
                         "cannot read or write the notice store {file}: '{detail}'; delete it and build again"),

    # --- failures of the machine (errors.describe_os_error) ---------------------------------------
    "os_no_space": Word("写入 {where} 时磁盘空间不足：请腾出空间后再生成",
                        "no space left on the device writing {where}: free some space and build again"),
    "os_read_only": Word("{where} 在只读的文件系统上：请换一个 `--out`",
                         "{where} is on a read-only file system: choose another `--out`"),
    "os_permission": Word("没有权限访问 {where}", "permission denied: {where}"),
    "os_other": Word("{where}：操作系统报告“{reason}”", "{reason}: {where}"),
    "os_other_nowhere": Word("操作系统报告“{reason}”", "{reason}"),
    "os_copy": Word("无法复制到 {target}：“{reason}”", "cannot copy to {target}: {reason}"),
})
