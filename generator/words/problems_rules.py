"""What `gongshi validate` says when fields disagree with each other, notices with each other,
regions.yaml with itself, about personal data and legal periods (the groups 字段之间, 公告之间,
地区表, 个人信息 and 法定期限 in the editor guide)."""

from __future__ import annotations

from .entry import Section, Word

RULE_PROBLEMS = Section("rules", {
    "deadline_order": Word("{field}必须晚于发布时间", "{field} must be after the publication time"),
})
