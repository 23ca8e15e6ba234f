"""Review by region: what regions.yaml's `reviewers` are told when malformed, what
`gongshi codeowners` writes at the head of its part of CODEOWNERS and prints, and what
`gongshi validate` says when CODEOWNERS is out of date (rule `codeowners-outdated`)."""

from __future__ import annotations

from .entry import Section, Word

REVIEW = Section("review", {
    # one entry of `reviewers`; the editor's value is quoted by the template
    "reviewer_without_at": Word(
        "缺少开头的 “@”：GitHub 用户或团队要写成 `- \"@{value}\"`（连同双引号）",
        "lacks the leading '@': write the GitHub user or team as `- \"@{value}\"` "
        "(with the double quotes)",
    ),
    "reviewer_form": Word(
        "应为 GitHub 用户 “@用户名” 或团队 “@组织名/团队名”，例如 `- \"@xiaonan-ggzy\"`、"
        "`- \"@hubei-ggzy/xiaonan\"`；现为 “{value}”",
        "must be a GitHub user '@name' or team '@organisation/team', e.g. `- \"@xiaonan-ggzy\"` "
        "or `- \"@hubei-ggzy/xiaonan\"`; found '{value}'",
    ),
    # `gongshi validate`, rule codeowners-outdated
    "codeowners_missing": Word(
        "{regions} 为地区指定了审核人 `reviewers`，但没有 CODEOWNERS 文件：运行 `{command}` 生成 {path}，"
        "并与地区表一起提交",
        "{regions} names reviewers (`reviewers`) but there is no CODEOWNERS file: run `{command}` "
        "to write {path}, and commit it with the region table",
    ),
    "codeowners_outdated": Word(
        "CODEOWNERS 中由 gongshi 生成的部分与 {regions} 中的审核人 `reviewers` 不一致：运行 `{command}` "
        "重新生成，并与地区表的改动一起提交（生成的部分不要手改）",
        "the part of CODEOWNERS that gongshi writes does not match the reviewers (`reviewers`) in "
        "{regions}: run `{command}` to write it again, and commit it with the change to the region "
        "table (do not edit the generated part by hand)",
    ),
    # what `gongshi codeowners` prints, or fails with
    "written": Word(
        "已写入 {path}：{count} 个地区的公告文件夹有审核人。请提交这个文件；要求审核人批准才能合并的设置，"
        "见编辑指南“按地区审核”",
        "wrote {path}: the notice folders of {count} region(s) have reviewers. Commit this file; to "
        "require their approval before merging, see the editor guide, section \"按地区审核\"",
    ),
    "unchanged": Word("{path} 已是最新，没有改动", "{path} is up to date: nothing written"),
    "no_reviewers": Word(
        "{regions} 没有为任何地区指定审核人 `reviewers`：先在地区表里写上审核人，再运行 `{command}`",
        "{regions} names no reviewers (`reviewers`) for any region: add them to the region table "
        "first, then run `{command}`",
    ),
    # the head of the generated part of CODEOWNERS (comment lines; the first names the command:
    # `gongshi codeowners` finds its part of the file by it)
    "header_generated": Word(
        "# 以下由 `{command}` 根据 {regions} 生成，请勿手改：改了地区表中的审核人 `reviewers` 后，重新运行该命令。",
        "# Written by `{command}` from {regions}: do not edit below; after changing the reviewers "
        "in the region table, run the command again.",
    ),
    "header_folders": Word(
        "# 每个地区的审核人负责本地区的公告文件夹 {notices}/<年份>/<地区代码>/；"
        "没写审核人的地区，由最近一级写了审核人的上级地区负责。",
        "# The reviewers of a region own its notice folders {notices}/<year>/<region code>/; a "
        "region without reviewers of its own is owned by those of its nearest ancestor with some.",
    ),
    "header_top": Word(
        "# 地区表、本文件和不在地区文件夹里的公告，由顶级地区（没有上级的地区）的审核人负责；"
        "附件 {files}/ 可由任一地区的审核人批准。",
        "# The region table, this file and notices outside the region folders are owned by the "
        "reviewers of the top regions (those without a parent); attachments under {files}/ by "
        "the reviewers of every region.",
    ),
    "header_kept": Word(
        "# 这几行说明之前如有手写的内容，重新生成时原样保留。",
        "# Anything written by hand above these comments is kept as it is when the file is written again.",
    ),
})
