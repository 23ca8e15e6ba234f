"""What `gongshi validate` says about files and folders and about how YAML is written
(rules of the groups 文件与文件夹 and YAML 写法 in the editor guide)."""

from __future__ import annotations

from .entry import Section, Word

FILE_PROBLEMS = Section("files", {
    "too_many_problems": Word(
        "……此文件还有 {more} 个问题未列出（只列出前 {limit} 个）：改正以上问题后再检查一次",
        "… and {more} more problem(s) in this file, not shown (only the first {limit} are): "
        "fix these and validate again",
    ),
})
