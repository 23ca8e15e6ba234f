"""OCDS 1.1 release packages read back into notices, one release at a time (ijson streams the
package: memory does not grow with its releases). The inverse of render/ocds.py for every field
that mapping carries; what OCDS cannot carry is taken as the editor guide says (导入 OCDS):

- region, publisher, category: from the project's tender (in the data folder, or earlier in
  the import); for a tender without one, region from `--region`, publisher from the package's
  `publisher.name`, category from `mainProcurementCategory` (works → construction, goods and
  services → procurement), else `other`;
- method: its name in `procurementMethodDetails` (either language), else from
  `procurementMethod` (open → open, selective → invited, limited → competitive-negotiation,
  direct → single-source), else `other`;
- candidates' `publicity_end`: the legal minimum after publication (rules.CANDIDATES_PUBLICITY);
- an attachment is its link (a file the site published is linked where the site has it);
- body, contact, opening place, withdrawal and penalties are not in OCDS and not imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .. import rules
from ..load import Key
from ..words import IMPORTING, LANGUAGES, VOCABULARIES, Message
from .records import Record, Trace, local

TYPE_OF_TAG = {"tender": "tender", "tenderAmendment": "amendment", "tenderCancellation": "termination"}
METHOD_OF_OCDS = {"open": "open", "selective": "invited", "limited": "competitive-negotiation",
                  "direct": "single-source"}
CATEGORY_OF_OCDS = {"works": "construction", "goods": "procurement", "services": "procurement"}
REGISTERED_PREFIX = re.compile(r"^ocds-[a-z0-9]{6}-")
USCC_PARTY = "CN-USCC-"


@dataclass(frozen=True)
class ProjectFacts:
    """What a project's tender says that later notices of the project repeat."""

    region: str
    publisher: str
    category: str
    name: str


@dataclass
class OcdsContext:
    """What reading releases needs besides the package: the site's ocid prefix and time zone,
    `--region`, and the projects' tenders known so far (the data folder's, then imported ones)."""

    ocid_prefix: str
    tz: ZoneInfo
    region: str | None
    projects: dict[str, ProjectFacts] = field(default_factory=dict)


def package_publisher(path: Path) -> str | None:
    """The package's `publisher.name` when it comes before its releases (as ours does)."""
    import ijson

    with path.open("rb") as stream:
        for prefix, event, value in ijson.parse(stream):
            if prefix == "publisher.name" and event == "string":
                return str(value)
            if prefix == "releases":
                return None
    return None


@dataclass(eq=False)
class PackageOrigin:
    """The releases of one package read alike (one notice type, its documents in one place):
    the JSON path, below the release, each field is read from. Its releases share it."""

    file: str
    paths: dict[Key, str] = field(default_factory=dict)

    def row(self, trace: Trace) -> Message:
        return IMPORTING.message("at_release", file=self.file, ocid=trace.ocid or "?", path=_release_at(trace))

    def cell(self, trace: Trace, key: Key) -> Message | None:
        path = self.paths.get(key)
        if path is None:
            return None
        return IMPORTING.message("at_json", file=self.file, ocid=trace.ocid or "?",
                                 path=f"{_release_at(trace)}.{path}")

    def give(self, trace: Trace, key: Key) -> Message:
        while key and key not in self.paths:
            key = key[:-1]
        path = f"{_release_at(trace)}.{self.paths[key]}" if key else _release_at(trace)
        return IMPORTING.message("give_json", path=path)


def _release_at(trace: Trace) -> str:
    return f"releases[{trace.line - 1}]"


@dataclass
class PackageOrigins:
    """A package's origins, one for each way its releases are read."""

    file: str
    made: dict[tuple[str | None, str], PackageOrigin] = field(default_factory=dict)

    def of(self, notice_type: str | None, documents_at: str) -> PackageOrigin:
        return self.made.setdefault((notice_type, documents_at), PackageOrigin(self.file))


def read_package(path: Path, shown: str, context: OcdsContext) -> Iterator[Record]:
    import ijson

    publisher = package_publisher(path)
    origins = PackageOrigins(shown)
    with path.open("rb") as stream:
        for number, release in enumerate(ijson.items(stream, "releases.item"), start=1):
            yield release_record(release, number, origins, context, publisher)


def release_record(release: Any, number: int, origins: PackageOrigins, context: OcdsContext,
                   publisher: str | None) -> Record:
    if not isinstance(release, dict):
        return Record(Trace(origins.of(None, ""), number, "?"), None, {}, None,
                      [((), IMPORTING.message("release_not_object"))])
    reader = _Release(release, number, origins, context)
    reader.read(publisher)
    return reader.record


class _Release:
    """One release read into `record`, each value placed at its JSON path."""

    def __init__(self, release: dict[str, Any], number: int, origins: PackageOrigins,
                 context: OcdsContext) -> None:
        self.release = release
        self.context = context
        self.parties = {str(p.get("id")): p for p in release.get("parties") or [] if isinstance(p, dict)}
        documents = (release.get("tender") or {}).get("documents") or []
        awards = release.get("awards") or []
        if not documents and awards and isinstance(awards[0], dict):
            documents = awards[0].get("documents") or []
        self.documents = [d for d in documents if isinstance(d, dict)]
        self.documents_at = "tender.documents" if (release.get("tender") or {}).get("documents") \
            else "awards[0].documents"
        self.notice_type = self._type()
        self.origin = origins.of(self.notice_type, self.documents_at)
        ocid = str(release.get("ocid", "?"))
        self.record = Record(Trace(self.origin, number, ocid), None, {}, None)

    def put(self, key: Key, value: Any, path: str) -> None:
        """Set the value at `key` from the JSON `path` (below the release); None sets nothing,
        but places the key, so a missing required value is said at the path it belongs."""
        self.origin.paths.setdefault(key, path)
        if value is None:
            return
        holder: Any = self.record.values
        for part, following in pairwise(key):
            if isinstance(holder, list):
                holder = holder[int(part)]
            else:
                holder = holder.setdefault(str(part), [] if isinstance(following, int) else {})
        if isinstance(holder, list):
            holder.append(value)
        else:
            holder[str(key[-1])] = value

    def read(self, publisher: str | None) -> None:
        notice_type = self.notice_type
        if notice_type is None:
            self.record.read_problems.append(((), IMPORTING.message("release_no_tag")))
            return
        self.record.notice_type = notice_type
        self.record.notice_id = _text(self.release.get("id"))
        self.origin.paths.setdefault(("id",), "id")
        given = self.release.get("tender")
        tender: dict[str, Any] = given if isinstance(given, dict) else {}
        title = _text(self.documents[0].get("title")) if self.documents else None
        self.put(("title",), title, f"{self.documents_at}[0].title")
        self.put(("published",), self._moment(self.release.get("date")), "date")
        code = self._project_code()
        known = self.context.projects.get(code or "")
        self.put(("project", "code"), code, "ocid")
        name = _text(tender.get("title")) if notice_type == "tender" else (known.name if known else None)
        self.put(("project", "name"), name, "tender.title")
        self._inherited(known, tender, publisher)
        getattr(self, f"_{notice_type}")(tender)
        self._attachments()

    def _type(self) -> str | None:
        tags = self.release.get("tag") or []
        for tag in tags:
            if tag in TYPE_OF_TAG:
                return TYPE_OF_TAG[tag]
        if "award" in tags:
            statuses = {a.get("status") for a in self.release.get("awards") or [] if isinstance(a, dict)}
            return "candidates" if "pending" in statuses else "award"
        return None

    def _project_code(self) -> str | None:
        ocid = _text(self.release.get("ocid"))
        if ocid is None:
            return None
        own = f"{self.context.ocid_prefix}-"
        if ocid.startswith(own):
            return ocid[len(own):]
        return REGISTERED_PREFIX.sub("", ocid)

    def _inherited(self, known: ProjectFacts | None, tender: dict[str, Any], publisher: str | None) -> None:
        """Region, publisher and category: OCDS carries none of them (module docstring)."""
        region: str | None
        if known is not None:
            region, publisher, category = known.region, known.publisher, known.category
        else:
            region = self.context.region
            category = CATEGORY_OF_OCDS.get(str(tender.get("mainProcurementCategory")), "other")
        self.put(("publisher",), publisher, "publisher.name")
        self.put(("category",), category, "tender.mainProcurementCategory")
        self.put(("region",), region, "buyer")
        if region is None:
            self.record.read_problems.append((("region",), IMPORTING.message("release_no_region")))

    def _moment(self, value: Any) -> Any:
        """An OCDS date-time as the file writes it (local time), or as it was when unreadable."""
        text = _text(value)
        if text is None:
            return None
        try:
            return local(datetime.fromisoformat(text.replace("Z", "+00:00")), self.context.tz)
        except ValueError:
            return text

    def _party(self, reference: Any) -> dict[str, Any] | None:
        if not isinstance(reference, dict):
            return None
        party = self.parties.get(str(reference.get("id")))
        name = _text(reference.get("name")) or (_text(party.get("name")) if party else None)
        found: dict[str, Any] = {} if name is None else {"name": name}
        uscc = _uscc(party, reference)
        if uscc is not None:
            found["uscc"] = uscc
        return found

    def _tender(self, tender: dict[str, Any]) -> None:
        self.put(("method",), self._method(tender), "tender.procurementMethodDetails")
        buyer = self._party(self.release.get("buyer"))
        self.put(("buyer",), buyer, "buyer")
        entity = tender.get("procuringEntity")
        buyer_id = (self.release.get("buyer") or {}).get("id")
        if isinstance(entity, dict) and entity.get("id") != buyer_id:
            self.put(("agency",), self._party(entity), "tender.procuringEntity")
        self.put(("budget",), _amount(tender.get("value")), "tender.value.amount")
        period = tender.get("tenderPeriod") or {}
        self.put(("deadline",), self._moment(period.get("endDate")), "tender.tenderPeriod.endDate")
        opening = self._moment((tender.get("awardPeriod") or {}).get("startDate"))
        if opening is not None:
            self.put(("opening", "time"), opening, "tender.awardPeriod.startDate")
        self.put(("qualification",), _text(tender.get("eligibilityCriteria")), "tender.eligibilityCriteria")

    def _method(self, tender: dict[str, Any]) -> str:
        details = _text(tender.get("procurementMethodDetails"))
        for code in VOCABULARIES["method"]:
            names = {VOCABULARIES["method"].words(language)[code] for language in LANGUAGES}
            if details in names or details == code:
                return code
        return METHOD_OF_OCDS.get(str(tender.get("procurementMethod")), "other")

    def _amendment(self, tender: dict[str, Any]) -> None:
        amendments = [a for a in tender.get("amendments") or [] if isinstance(a, dict)]
        amendment = amendments[0] if amendments else {}
        self.put(("amends",), _text(amendment.get("amendsReleaseID")), "tender.amendments[0].amendsReleaseID")
        deadline = self._moment((tender.get("tenderPeriod") or {}).get("endDate"))
        opening = self._moment((tender.get("awardPeriod") or {}).get("startDate"))
        if deadline is not None:
            self.put(("changes", "deadline"), deadline, "tender.tenderPeriod.endDate")
        if opening is not None:
            self.put(("changes", "opening", "time"), opening, "tender.awardPeriod.startDate")

    def _termination(self, tender: dict[str, Any]) -> None:
        reason = _text(self.documents[0].get("description")) if self.documents else None
        self.put(("reason",), reason, f"{self.documents_at}[0].description")

    def _candidates(self, tender: dict[str, Any]) -> None:
        for index, award in enumerate(self._awards()):
            where = f"awards[{index}]"
            supplier = self._party((award.get("suppliers") or [None])[0]) or {}
            rank = _rank(award.get("id"), self.record.notice_id, index)
            entry = {"rank": rank, **supplier}
            amount = _amount(award.get("value"))
            if amount is not None:
                entry["amount"] = amount
            self.put(("candidates", index), entry, f"{where}.suppliers[0]")
        published = self.record.values.get("published")
        if isinstance(published, datetime):
            days = rules.CANDIDATES_PUBLICITY.minimum_days
            self.put(("publicity_end",), published.date() + timedelta(days=days), "date")

    def _award(self, tender: dict[str, Any]) -> None:
        released = _text(self.release.get("date"))
        for index, award in enumerate(self._awards()):
            where = f"awards[{index}]"
            entry = self._party((award.get("suppliers") or [None])[0]) or {}
            amount = _amount(award.get("value"))
            if amount is not None:
                entry["amount"] = amount
            self.put(("winners", index), entry, f"{where}.suppliers[0]")
            awarded = _text(award.get("date"))
            if index == 0 and awarded is not None and awarded != released:
                moment = self._moment(awarded)
                self.put(("award_date",), moment.date() if isinstance(moment, datetime) else moment,
                         f"{where}.date")

    def _awards(self) -> list[dict[str, Any]]:
        return [a for a in self.release.get("awards") or [] if isinstance(a, dict)]

    def _attachments(self) -> None:
        for index, document in enumerate(self.documents[1:], start=1):
            entry = {"title": _text(document.get("title")), "url": _text(document.get("url"))}
            self.put(("attachments", index - 1), {k: v for k, v in entry.items() if v is not None},
                     f"{self.documents_at}[{index}]")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _amount(value: Any) -> Any:
    if not isinstance(value, dict) or value.get("amount") is None:
        return None
    amount = value["amount"]
    return Decimal(str(amount)) if isinstance(amount, float) else amount


def _uscc(party: dict[str, Any] | None, reference: dict[str, Any]) -> str | None:
    identifier = (party or {}).get("identifier")
    if isinstance(identifier, dict) and identifier.get("id"):
        return str(identifier["id"])
    party_id = str(reference.get("id") or "")
    return party_id[len(USCC_PARTY):] if party_id.startswith(USCC_PARTY) else None


def _rank(award_id: Any, release_id: str | None, index: int) -> int:
    """A candidate's rank: the number after the release id in the award's id, else its order."""
    text = _text(award_id) or ""
    if release_id and text.startswith(f"{release_id}-") and text[len(release_id) + 1:].isdigit():
        return int(text[len(release_id) + 1:])
    return index + 1

