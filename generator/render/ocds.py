"""`data/<year>/<MM>/ocds.json`: an OCDS 1.1 release package, one release per public procurement
notice published that month (exports.py splits the open data by month).

Mapping (also on the 数据下载 page):
- ocid = `<ocid_prefix>-<project.code>`; release id = notice id; date = published;
- only fields OCDS 1.1 defines, no extension: the publication time is the release `date` (and
  each document's `datePublished`; a tender's `tenderPeriod.startDate` too), since
  `tender.datePublished` and `awards.datePublished` exist only from OCDS 1.2;
- tender → tag `tender`; amendment → `tenderAmendment` (tender.amendments, and the new
  tenderPeriod.endDate when the deadline moved); candidates → `award`, one `pending` award
  per candidate; award → `award`, one `active` award per winner; termination →
  `tenderCancellation` (tender.status `cancelled`);
- parties: buyer (`buyer`), agency (`procuringEntity`; the buyer itself when there is no
  agency), candidates (`tenderer`), winners (`supplier`); with a 统一社会信用代码 the party id is
  `CN-USCC-<code>`, otherwise a stable id derived from the name;
- amounts in CNY; a withdrawn tender has status `withdrawn`, a withdrawn result `cancelled`;
- penalties are not procurement releases and are left out.
Releases are in publication order (then id), so a consumer can merge them in order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any, NamedTuple, TextIO, cast

from .. import rules
from ..config import Settings
from ..derive import PublicNotice
from ..model import Amendment, Award, Candidates, Party, Tender, Termination
from ..words import OCDS
from .feeds import absolute
from .format import iso
from .jsonout import write_document
from .pages import RenderContext

OCDS_VERSION = "1.1"
CURRENCY = "CNY"
RELEASE_TAG = {
    "tender": "tender",
    "amendment": "tenderAmendment",
    "candidates": "award",
    "award": "award",
    "termination": "tenderCancellation",
}
PROCUREMENT_METHOD = {
    "open": "open", "invited": "selective", "competitive-negotiation": "limited",
    "competitive-consultation": "limited", "inquiry": "limited", "single-source": "direct",
    "auction": "open", "listing": "open",
}
MAIN_CATEGORY = {"construction": "works", "medical": "goods"}
DOCUMENT_TYPE = {
    "tender": "tenderNotice", "amendment": "tenderNotice", "termination": "tenderNotice",
    "candidates": "awardNotice", "award": "awardNotice",
}
SAIC_REGISTERED = "9"  # first character of a USCC issued by the market regulator (工商)

Json = dict[str, Any]


def write_release_package(ctx: RenderContext, settings: Settings, stream: TextIO,
                          notices: Iterable[PublicNotice], *, uri: str, published: datetime) -> None:
    """The package of `notices` (procurement_notices' order), at `uri` under the site root,
    its releases written one at a time. `published`: the last change of its contents (OCDS's
    advice for packages made on demand), so that the package changes only with its data."""
    site = ctx.site
    head = {
        "uri": absolute(settings, uri),
        "version": OCDS_VERSION,
        "publishedDate": iso(published, site.tz),
        "publisher": {"name": settings.site_name, "uri": settings.site_url},
        "publicationPolicy": absolute(settings, "downloads/"),
    }
    write_document(stream, head, "releases",
                   (release(ctx, settings, pn) for pn in notices))


def procurement_notices(notices: Iterable[PublicNotice]) -> list[PublicNotice]:
    """Every one of `notices` except penalties, oldest first."""
    chosen = [pn for pn in notices if pn.type in RELEASE_TAG]
    return sorted(chosen, key=lambda pn: (pn.published_at, pn.id))


def ocid(settings: Settings, project_code: str) -> str:
    return f"{settings.ocid_prefix}-{project_code}"


def release(ctx: RenderContext, settings: Settings, pn: PublicNotice) -> Json:
    notice = pn.notice
    assert notice.project is not None
    tender = project_tender(ctx, pn)
    parties = _Parties()
    if tender is not None:
        _add_buyer_and_agency(parties, tender.notice)
    body: Json = {
        "ocid": ocid(settings, notice.project.code),
        "id": pn.id,
        "date": iso(pn.published_at, ctx.site.tz),
        "tag": [RELEASE_TAG[pn.type]],
        "initiationType": "tender",
        "language": "zh",  # the notices' own language, whatever the site's labels are in
    }
    if tender is not None and isinstance(tender.notice, Tender):
        body["buyer"] = parties.reference(tender.notice.buyer)
    body.update(_stage(ctx, settings, pn, tender, parties))
    body["parties"] = parties.listed()
    return body


def project_tender(ctx: RenderContext, pn: PublicNotice) -> PublicNotice | None:
    """The tender this notice belongs to: the amended one, itself, or the project's latest
    tender published by then (a project can be tendered again after a termination)."""
    notice = pn.notice
    if isinstance(notice, Tender):
        return pn
    if isinstance(notice, Amendment):
        return ctx.site.by_id.get(notice.amends)
    project = ctx.site.projects.get(pn.project_code or "")
    if project is None:
        return None
    tenders = [m for m in project.notices if m.type == "tender" and m.published_at <= pn.published_at]
    return tenders[-1] if tenders else None


def _stage(ctx: RenderContext, settings: Settings, pn: PublicNotice, tender: PublicNotice | None,
           parties: _Parties) -> Json:
    notice = pn.notice
    if isinstance(notice, Tender):
        return {"tender": _tender_section(ctx, settings, pn, parties)}
    if isinstance(notice, Amendment):
        return {"tender": _amendment_section(ctx, settings, pn, tender)}
    if isinstance(notice, Termination):
        return {"tender": _cancellation_section(ctx, settings, pn, tender)}
    if isinstance(notice, Candidates):
        return _candidates_sections(ctx, settings, pn, tender, parties)
    assert isinstance(notice, Award)
    return {"awards": _award_section(ctx, settings, pn, parties)}


def _tender_id(pn: PublicNotice, tender: PublicNotice | None) -> str:
    return tender.id if tender is not None else pn.id


def _value(amount: Decimal | None) -> Json | None:
    if amount is None:
        return None
    number = int(amount) if amount == amount.to_integral_value() else float(amount)
    return {"amount": number, "currency": CURRENCY}


def _documents(ctx: RenderContext, settings: Settings, pn: PublicNotice) -> list[Json]:
    """The notice page itself, then its attachments."""
    tz = ctx.site.tz
    documents = [{
        "id": pn.id,
        "documentType": DOCUMENT_TYPE[pn.type],
        "title": pn.notice.title,
        "url": absolute(settings, pn.url),
        "datePublished": iso(pn.published_at, tz),
        "format": "text/html",
        "language": "zh",
    }]
    for number, attachment in enumerate(pn.notice.attachments or [], start=1):
        file = cast(str, attachment.file)  # when there is no url (checks.py: attachment-target)
        url = attachment.url or absolute(settings, ctx.attachment_file(file).target)
        documents.append({
            "id": f"{pn.id}-{number}",
            "title": attachment.title,
            "url": url,
            "datePublished": iso(pn.published_at, tz),
        })
    return documents


def _tender_section(ctx: RenderContext, settings: Settings, pn: PublicNotice,
                    parties: _Parties) -> Json:
    notice = pn.notice
    assert isinstance(notice, Tender) and notice.project is not None
    tz = ctx.site.tz
    section: Json = {
        "id": pn.id,
        "title": notice.project.name,
        "description": notice.title,
        "status": "withdrawn" if pn.withdrawal else "active",
        "procuringEntity": parties.reference(notice.agency or notice.buyer),
        "procurementMethodDetails": ctx.label("method", notice.method),
        "tenderPeriod": {"startDate": iso(pn.published_at, tz), "endDate": iso(notice.deadline, tz)},
        "documents": _documents(ctx, settings, pn),
    }
    if notice.method in PROCUREMENT_METHOD:
        section["procurementMethod"] = PROCUREMENT_METHOD[notice.method]
    if notice.category in MAIN_CATEGORY:
        section["mainProcurementCategory"] = MAIN_CATEGORY[notice.category]
    if notice.budget is not None:
        section["value"] = _value(notice.budget)
    if notice.qualification:
        section["eligibilityCriteria"] = notice.qualification
    if notice.opening is not None:
        section["awardPeriod"] = {"startDate": iso(notice.opening.time, tz)}
    return section


def _amendment_section(ctx: RenderContext, settings: Settings, pn: PublicNotice,
                       tender: PublicNotice | None) -> Json:
    notice = pn.notice
    assert isinstance(notice, Amendment)
    tz = ctx.site.tz
    changed = []
    section: Json = {"id": _tender_id(pn, tender)}
    if notice.changes and notice.changes.deadline:
        section["tenderPeriod"] = {"endDate": iso(notice.changes.deadline, tz)}
        changed.append("tenderPeriod.endDate")
    if notice.changes and notice.changes.opening:
        section["awardPeriod"] = {"startDate": iso(notice.changes.opening.time, tz)}
        changed.append("awardPeriod.startDate")
    amendment: Json = {
        "id": pn.id,
        "date": iso(pn.published_at, tz),
        "rationale": notice.title,
        "amendsReleaseID": notice.amends,
        "releaseID": pn.id,
    }
    if changed:
        amendment["description"] = "changed: " + ", ".join(changed)
    section["amendments"] = [amendment]
    section["documents"] = _documents(ctx, settings, pn)
    return section


def _cancellation_section(ctx: RenderContext, settings: Settings, pn: PublicNotice,
                          tender: PublicNotice | None) -> Json:
    notice = pn.notice
    assert isinstance(notice, Termination)
    documents = _documents(ctx, settings, pn)
    documents[0]["description"] = notice.reason
    return {"id": _tender_id(pn, tender), "status": "cancelled", "documents": documents}


def _award_status(pn: PublicNotice, live: str) -> str:
    return "cancelled" if pn.withdrawal else live


def _candidates_sections(ctx: RenderContext, settings: Settings, pn: PublicNotice,
                         tender: PublicNotice | None, parties: _Parties) -> Json:
    notice = pn.notice
    assert isinstance(notice, Candidates)
    tz = ctx.site.tz
    ranked = sorted(notice.candidates, key=lambda c: c.rank)
    references = [parties.add(Named(c.name, c.uscc), "tenderer") for c in ranked]
    documents = _documents(ctx, settings, pn)  # the same for every award of the release
    awards = []
    for candidate, reference in zip(ranked, references, strict=True):
        award: Json = {
            "id": f"{pn.id}-{candidate.rank}",
            "title": OCDS.words(ctx.language)["candidate_award"].format(rank=candidate.rank),
            "status": _award_status(pn, "pending"),
            "date": iso(pn.published_at, tz),
            "suppliers": [reference],
            "documents": documents,
        }
        if candidate.amount is not None:
            award["value"] = _value(candidate.amount)
        awards.append(award)
    return {"tender": {"id": _tender_id(pn, tender), "tenderers": references,
                       "numberOfTenderers": len(references)}, "awards": awards}


def _award_section(ctx: RenderContext, settings: Settings, pn: PublicNotice,
                   parties: _Parties) -> list[Json]:
    notice = pn.notice
    assert isinstance(notice, Award)
    tz = ctx.site.tz
    awarded = rules.start_of(notice.award_date, tz) if notice.award_date else pn.published_at
    documents = _documents(ctx, settings, pn)  # the same for every award of the release
    awards = []
    for number, winner in enumerate(notice.winners, start=1):
        award: Json = {
            "id": f"{pn.id}-{number}",
            "title": notice.title,
            "status": _award_status(pn, "active"),
            "date": iso(awarded, tz),
            "suppliers": [parties.add(Named(winner.name, winner.uscc), "supplier")],
            "documents": documents,
        }
        if winner.amount is not None:
            award["value"] = _value(winner.amount)
        awards.append(award)
    return awards


# --- parties --------------------------------------------------------------------------------------


class Named(NamedTuple):
    """A candidate or winner as a party: a Party's fields, without validating them again."""

    name: str
    uscc: str | None


def party_id(party: Party | Named) -> str:
    if party.uscc:
        return f"CN-USCC-{party.uscc}"
    digest = hashlib.sha256(party.name.encode("utf-8")).hexdigest()[:12]
    return f"name-{digest}"


class _Parties:
    """The parties of one release: each organisation once, with every role it plays."""

    def __init__(self) -> None:
        self.by_id: dict[str, Json] = {}

    def add(self, party: Party | Named, role: str) -> Json:
        identifier = party_id(party)
        entry = self.by_id.setdefault(identifier, _party_entry(identifier, party))
        if role not in entry["roles"]:
            entry["roles"].append(role)
        return {"id": identifier, "name": party.name}

    def reference(self, party: Party) -> Json:
        return {"id": party_id(party), "name": party.name}

    def listed(self) -> list[Json]:
        return list(self.by_id.values())


def _party_entry(identifier: str, party: Party | Named) -> Json:
    entry: Json = {"id": identifier, "name": party.name, "roles": []}
    if party.uscc:
        code: Json = {"id": party.uscc, "legalName": party.name}
        if party.uscc.startswith(SAIC_REGISTERED):
            code = {"scheme": "CN-SAIC", **code}
        entry["identifier"] = code
    return entry


def _add_buyer_and_agency(parties: _Parties, tender: Any) -> None:
    assert isinstance(tender, Tender)
    parties.add(tender.buyer, "buyer")
    parties.add(tender.agency or tender.buyer, "procuringEntity")
