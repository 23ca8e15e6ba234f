"""What the commands print that is not about one file: usage errors, summaries, the progress
and outcome of `build`, `serve` and `new`, failures of the machine."""

from __future__ import annotations

from .entry import Section, Word

COMMANDS = Section("commands", {
    # a problem's line: data/notices/….yaml:7:1: 错误: … [required]
    "severity_error": Word("错误", "error"),
    "severity_warning": Word("警告", "warning"),
    "invalid_data": Word("数据中有 {errors} 个错误：未写入任何内容", "{errors} error(s) in the data: nothing was written"),
})
