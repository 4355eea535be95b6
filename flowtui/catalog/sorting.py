"""The orders the flow list offers, and what its filter looks in.

Every order is the name order (case-insensitive, then id) re-sorted, stably, by one primary
key: flows that tie on status, errors, date or version stay in name order.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from flowtui.api import Flow


@dataclass(frozen=True)
class SortKey:
    label: str
    column: str  # the table column it sorts (its header shows the arrow)
    primary: Callable[[Flow], Any] | None  # None: the name order itself
    descending: bool = False  # (the primary keys are negated already: for the arrow)


@lru_cache(maxsize=512)
def _version_descending(version: str | None) -> tuple[int, ...]:
    """Newest version first: 7.3 before 7.1 before 7 before 6.0; no version last."""
    try:
        parts = [int(part) for part in (version or "").split(".")][:3]
    except ValueError:
        return (1, 0, 0)
    return tuple(-part for part in parts + [0] * (3 - len(parts))) if parts else (1, 0, 0)


def _newest_first(flow: Flow) -> float:
    return -flow.updated_at.timestamp() if flow.updated_at else math.inf


SORT_KEYS: tuple[SortKey, ...] = (
    SortKey("Name", "name", None),
    SortKey("Status", "status", lambda f: f.status or ""),
    SortKey("Updated", "updated", _newest_first, descending=True),
    SortKey("Errors", "errors", lambda f: -len(f.validation_errors), descending=True),
    SortKey("JSON", "json", lambda f: _version_descending(f.json_version), descending=True),
)


# Between the parts of a search text. No word typed into the filter holds it, and it sorts before
# every character a name can hold: "ab" comes before "ab c", as it does comparing names alone.
SEPARATOR = "\x00"


def search_text(flow: Flow) -> str:
    """What the filter looks in: name, id, status and categories, in lower case on one line.

    Compared as strings, search texts are in the name order (case-insensitive, then by id), so
    the catalog bisects its lists of texts in C instead of working out a key per comparison."""
    name = (flow.name or "").replace(SEPARATOR, "")
    words = [name, flow.id, str(flow.status or ""), *map(str, flow.categories)]
    return SEPARATOR.join(words).casefold().replace("\n", " ")


# The name order of any list of flows (the migration picker's, the catalog's).
name_key = search_text
