"""What each field of a notice file and of regions.yaml is called, by its YAML path without list
positions (`candidates.name` for every candidate's name). Messages name a field by this label
and its path, 交易方式 `method`; `gongshi new` writes the labels as comments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .entry import Section, Word

FIELDS = Section("fields", {
    # every notice
    "type": Word("公告类型", "notice type"),
    "title": Word("公告标题", "title"),
    "region": Word("发布地区", "region"),
    "published": Word("发布时间", "publication time"),
    "publisher": Word("发布单位", "publisher"),
    "body": Word("正文", "body text"),
    "attachments": Word("附件", "attachments"),
    "attachments.title": Word("附件名称", "attachment title"),
    "attachments.file": Word("附件文件", "attachment file"),
    "attachments.url": Word("附件链接", "attachment link"),
    "attachments.size": Word("附件大小（字节）", "attachment size (bytes)"),
    "attachments.sha256": Word("附件 SHA-256 摘要", "attachment SHA-256 digest"),
    "contact": Word("联系方式", "contact"),
    "contact.name": Word("联系人", "contact name"),
    "contact.phone": Word("联系电话", "contact phone"),
    "contact.email": Word("电子邮箱", "contact email"),
    "withdrawn": Word("撤销", "withdrawal"),
    "withdrawn.date": Word("撤销日期", "withdrawal date"),
    "withdrawn.reason": Word("撤销原因", "withdrawal reason"),
    "category": Word("交易类别", "category"),
    "project": Word("项目", "project"),
    "project.code": Word("项目编号", "project code"),
    "project.name": Word("项目名称", "project name"),
    # tender
    "method": Word("交易方式", "procurement method"),
    "buyer": Word("招标人/采购人/出让人", "buyer"),
    "buyer.name": Word("招标人名称", "buyer's name"),
    "buyer.uscc": Word("招标人统一社会信用代码", "buyer's unified social credit code"),
    "agency": Word("代理机构", "agency"),
    "agency.name": Word("代理机构名称", "agency's name"),
    "agency.uscc": Word("代理机构统一社会信用代码", "agency's unified social credit code"),
    "budget": Word("预算/起始价（元）", "budget or starting price (yuan)"),
    "deadline": Word("投标/报名截止时间", "bid deadline"),
    "opening": Word("开标", "bid opening"),
    "opening.time": Word("开标时间", "bid opening time"),
    "opening.place": Word("开标地点", "bid opening place"),
    "qualification": Word("资格要求", "qualification requirements"),
    # amendment
    "amends": Word("被变更的招标公告编号", "amended tender's id"),
    "changes": Word("变更内容", "changes"),
    "changes.deadline": Word("新的投标截止时间", "new bid deadline"),
    "changes.opening": Word("新的开标安排", "new bid opening"),
    "changes.opening.time": Word("新的开标时间", "new bid opening time"),
    "changes.opening.place": Word("新的开标地点", "new bid opening place"),
    # candidates, award, termination
    "candidates": Word("中标候选人", "candidates"),
    "candidates.rank": Word("排名", "rank"),
    "candidates.name": Word("候选人名称", "candidate's name"),
    "candidates.uscc": Word("候选人统一社会信用代码", "candidate's unified social credit code"),
    "candidates.amount": Word("投标报价（元）", "bid amount (yuan)"),
    "publicity_end": Word("公示截止", "end of publicity"),
    "winners": Word("中标/成交人", "winners"),
    "winners.name": Word("中标/成交人名称", "winner's name"),
    "winners.uscc": Word("中标/成交人统一社会信用代码", "winner's unified social credit code"),
    "winners.amount": Word("中标/成交金额（元）", "award amount (yuan)"),
    "award_date": Word("中标/成交日期", "award date"),
    "reason": Word("终止原因", "reason for termination"),
    # penalty
    "subject": Word("处罚对象", "sanctioned party"),
    "subject.name": Word("处罚对象名称", "sanctioned party's name"),
    "subject.kind": Word("对象类别", "kind of party"),
    "subject.uscc": Word("处罚对象统一社会信用代码", "sanctioned party's unified social credit code"),
    "decision_no": Word("处罚决定书文号", "decision number"),
    "decided": Word("处罚决定日期", "decision date"),
    "authority": Word("处罚机关", "sanctioning authority"),
    "violation": Word("违法事实", "violation"),
    "basis": Word("处罚依据", "legal basis"),
    "sanctions": Word("处罚措施", "sanctions"),
    "sanctions.kind": Word("处罚种类", "kind of sanction"),
    "sanctions.amount": Word("处罚金额（元）", "sanction amount (yuan)"),
    "sanctions.until": Word("处罚期限至", "sanction in force until"),
})

# The fields of one entry of regions.yaml.
REGION_FIELDS = Section("region_fields", {
    "code": Word("行政区划代码", "region code"),
    "name": Word("地区名称", "region name"),
    "parent": Word("上级地区代码", "parent region code"),
    "reviewers": Word("审核人", "reviewers"),
})


@dataclass(frozen=True, slots=True)
class FieldName:
    """A field as a message names it: its label and, as the editor writes it, its YAML path
    (交易方式 `method`; in English, procurement method (`method`)). `key` is the catalogue entry,
    `path` what is shown (it may carry a list position: `candidates[2].name`).

    List positions count from 1, as editors count the entries of a list: `candidates[2].name`
    is the second candidate's name (`FieldName.at` makes one from a location)."""

    key: str
    path: str
    in_regions: bool = False  # a field of regions.yaml rather than of a notice

    @classmethod
    def at(cls, location: Sequence[str | int], in_regions: bool = False) -> FieldName:
        """The field at `location`, keys and 0-based list indexes as pydantic and the YAML
        positions give them: ("candidates", 1, "name") is `candidates[2].name`, labelled as
        `candidates.name`."""
        key = ".".join(str(part) for part in location if not isinstance(part, int))
        path = ""
        for part in location:
            path += f"[{part + 1}]" if isinstance(part, int) else f"{'.' if path else ''}{part}"
        return cls(key, path, in_regions)

    def in_language(self, language: str) -> str:
        section = REGION_FIELDS if self.in_regions else FIELDS
        label = section.words(language).get(self.key)
        if label is None:  # a path we do not label (never for a field the models declare)
            return f"`{self.path}`"
        return FIELD_NAME.words(language)["field"].format(label=label, path=self.path)


FIELD_NAME = Section("field_name", {"field": Word("{label} `{path}`", "{label} (`{path}`)")})
