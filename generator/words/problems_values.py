"""What `gongshi validate` says about one value: a missing or unknown field, a value of the
wrong kind (rules of the group 字段与取值 in the editor guide)."""

from __future__ import annotations

from .entry import Section, Word

VALUE_PROBLEMS = Section("values", {
    "required": Word("缺少必填字段 {field}", "missing required field {field}"),
})
