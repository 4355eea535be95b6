"""What the sandbox reads from an uploaded Flow JSON: its validation result and its versions.

Validation is flowtui's own validator (:mod:`flowtui.flowjson`); the sandbox only calls it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FlowJsonFacts:
    """The Flow node fields that come from the Flow JSON text."""

    json_version: str | None
    data_api_version: str | None
    data_channel_uri: str | None


def validation_errors(text: str) -> list[dict[str, Any]]:
    """Meta-shaped ``validation_errors`` for an uploaded Flow JSON text."""
    from flowtui.flowjson import validate_flow_json

    return list(validate_flow_json(text))


def is_publishable_version(version: str) -> bool:
    from flowtui.flowjson import versions

    return bool(versions.is_publishable(version))


def is_known_version(version: str) -> bool:
    from flowtui.flowjson import versions

    return bool(versions.is_known(version))


def read_facts(text: str | None) -> FlowJsonFacts:
    """Versions and legacy endpoint read tolerantly: anything unreadable is ``None``."""
    if text is None:
        return FlowJsonFacts(None, None, None)
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return FlowJsonFacts(None, None, None)
    if not isinstance(document, dict):
        return FlowJsonFacts(None, None, None)
    return FlowJsonFacts(
        _as_text(document.get("version")),
        _as_text(document.get("data_api_version")),
        _as_text(document.get("data_channel_uri")),
    )


def _as_text(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def version_at_least(version: str | None, major: int) -> bool:
    """``True`` when a ``"major.minor"`` string is at least ``major``.0."""
    if version is None:
        return False
    head = version.split(".", 1)[0]
    return head.isdigit() and int(head) >= major
