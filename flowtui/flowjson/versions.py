"""Flow JSON versions: which exist, which can still be published, and how to compare them.

Facts from section 14.1 of the Flows reference (Meta's changelog as of Nov 2025). A new Flow JSON
version is one entry in ``KNOWN_VERSIONS``, plus its rows in ``components.py``; when Meta freezes
more, ``FIRST_PUBLISHABLE_VERSION`` moves.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Every version Meta has released, oldest first. All of them can still be *sent*.
KNOWN_VERSIONS: tuple[str, ...] = (
    "2.1",
    "3.0",
    "3.1",
    "4.0",
    "5.0",
    "5.1",
    "6.0",
    "6.1",
    "6.2",
    "6.3",
    "7.0",
    "7.1",
    "7.2",
    "7.3",
)

# Versions a flow can still be created, updated and published with: this one and every later
# one (2.1-5.0 are frozen).
FIRST_PUBLISHABLE_VERSION = "5.1"
PUBLISHABLE_VERSIONS: tuple[str, ...] = KNOWN_VERSIONS[
    KNOWN_VERSIONS.index(FIRST_PUBLISHABLE_VERSION) :
]

# Known but no longer publishable ("frozen"): existing flows still send and open.
FROZEN_VERSIONS: tuple[str, ...] = tuple(v for v in KNOWN_VERSIONS if v not in PUBLISHABLE_VERSIONS)

LATEST_VERSION: str = KNOWN_VERSIONS[-1]

# Data API versions an endpoint flow may declare in ``data_api_version``.
DATA_API_VERSIONS: tuple[str, ...] = ("3.0", "4.0")

_VERSION_RE = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")

Version = tuple[int, int]


@lru_cache(maxsize=256)
def parse(text: str) -> Version | None:
    """``"7.3"`` -> ``(7, 3)``; anything not exactly ``major.minor`` -> ``None``."""
    match = _VERSION_RE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))


def is_well_formed(text: str) -> bool:
    """True for a ``"{major}.{minor}"`` string, known or not."""
    return parse(text) is not None


def is_known(version: str) -> bool:
    return version in KNOWN_VERSIONS


def is_publishable(version: str) -> bool:
    return version in PUBLISHABLE_VERSIONS


def is_frozen(version: str) -> bool:
    return version in FROZEN_VERSIONS


def compare(a: str, b: str) -> int:
    """-1, 0 or 1 as ``a`` is older than, equal to or newer than ``b`` (component-wise: 1.10 > 1.9).

    Raises ``ValueError`` for a string that is not ``major.minor``.
    """
    parsed_a, parsed_b = parse(a), parse(b)
    if parsed_a is None or parsed_b is None:
        raise ValueError(f"not a major.minor version: {a if parsed_a is None else b!r}")
    return (parsed_a > parsed_b) - (parsed_a < parsed_b)


def at_least(version: str, minimum: str) -> bool:
    """True when ``version`` is ``minimum`` or newer (a malformed one is never new enough)."""
    parsed = parse(version)
    floor = parse(minimum)
    if floor is None:
        raise ValueError(f"not a major.minor version: {minimum!r}")
    return parsed is not None and parsed >= floor
