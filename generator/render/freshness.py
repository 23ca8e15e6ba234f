"""`build.json` at the site root: when the site was built, and how long after that its data
counts as possibly out of date.

Penalty expiry and embargoes are legal deadlines, but scheduled builds are best effort. The
script every page loads (theme/assets/gongshi.js) reads this file and, when the visitor's
clock is more than `stale_after_hours` past the build, says so on the page. The build's time
lives in this one file, not in the pages: pages are reused from the page cache while their
content is unchanged, and a time in each would change all of them every build. It is the
build's "now", so two builds with the same --now write the same bytes.
"""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from ..config import Settings
from ..derive import Site
from .format import iso, show_moment

BUILD_INFO = "build.json"


def build_info(site: Site, settings: Settings) -> bytes:
    return build_info_at(site.now, site.tz, settings.stale_after_hours)


def build_info_at(now: datetime, tz: ZoneInfo, stale_after_hours: int) -> bytes:
    document = {
        "built": iso(now, tz),
        "built_display": show_moment(now, tz),
        "stale_after_hours": stale_after_hours,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
