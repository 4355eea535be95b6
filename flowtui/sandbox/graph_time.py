"""Dates as Graph writes them, and Graph API versions with their expiry (reference 1.1, 2.1)."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime

# The fixed moment demo content is dated from, so demo data never depends on the wall clock.
REFERENCE_TIME: float = datetime(2026, 11, 1, 9, 0, 0, tzinfo=UTC).timestamp()

# Graph API version -> the day it stops working (None: not yet announced) [S20].
API_VERSION_EXPIRY: dict[str, date | None] = {
    "v18.0": date(2026, 1, 26),
    "v19.0": date(2026, 5, 21),
    "v20.0": date(2026, 9, 24),
    "v21.0": date(2027, 1, 21),
    "v22.0": date(2027, 5, 20),
    "v23.0": date(2027, 10, 8),
    "v24.0": date(2028, 2, 18),
    "v25.0": date(2028, 7, 29),
    "v26.0": None,
}

VERSION_SEGMENT = re.compile(r"v(\d+)\.(\d+)")  # a path's version: /v26.0/...


def format_time(timestamp: float, unix: bool) -> str | int:
    """``2026-11-01T09:00:00+0000``, or whole Unix seconds for ``date_format=U``."""
    if unix:
        return int(timestamp)
    # (time's strftime, not datetime's: a list page writes 100 of these, and this is 2.5x faster)
    return time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(int(timestamp)))


def version_number(version: str) -> tuple[int, int]:
    match = VERSION_SEGMENT.fullmatch(version)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def served_version(requested: str, now: float) -> str:
    """The version that answers: an expired one is served by the oldest usable version [S20]."""
    today = datetime.fromtimestamp(now, tz=UTC).date()
    expiry = API_VERSION_EXPIRY.get(requested)
    if requested not in API_VERSION_EXPIRY:
        newest_known = max(API_VERSION_EXPIRY, key=version_number)
        if version_number(requested) > version_number(newest_known):
            return requested
    elif expiry is None or expiry > today:
        return requested
    usable = [
        version
        for version, ends in API_VERSION_EXPIRY.items()
        if (ends is None or ends > today) and version_number(version) > version_number(requested)
    ]
    return min(usable, key=version_number) if usable else requested
