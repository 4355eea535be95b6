"""Small Flow JSON builders and position helpers for the validator tests."""

from __future__ import annotations

import json
from typing import Any

from flowtui.flowjson import validate_flow_json, versions


def complete_footer(label: str = "Done", **extra: Any) -> dict[str, Any]:
    return {
        "type": "Footer",
        "label": label,
        "on-click-action": {"name": "complete", "payload": {}},
        **extra,
    }


def navigate_footer(target: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    action: dict[str, Any] = {"name": "navigate", "next": {"type": "screen", "name": target}}
    if payload is not None:
        action["payload"] = payload
    return {"type": "Footer", "label": "Next", "on-click-action": action}


def screen(
    screen_id: str,
    *children: dict[str, Any],
    terminal: bool = False,
    data: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    result: dict[str, Any] = {"id": screen_id}
    if terminal:
        result["terminal"] = True
    if data is not None:
        result["data"] = data
    result.update(extra)
    result["layout"] = {"type": "SingleColumnLayout", "children": list(children)}
    return result


def terminal_screen(screen_id: str = "DONE", *children: dict[str, Any], **extra: Any):
    return screen(screen_id, *children, complete_footer(), terminal=True, **extra)


def flow(*screens: dict[str, Any], version: str = "7.3", **top: Any) -> dict[str, Any]:
    document: dict[str, Any] = {"version": version, **top}
    document["screens"] = list(screens) or [terminal_screen()]
    return document


def text_of(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False)


def validate(document: dict[str, Any] | str, **options: Any) -> list[dict[str, Any]]:
    text = document if isinstance(document, str) else text_of(document)
    return validate_flow_json(text, **options)


def codes(items: list[dict[str, Any]]) -> list[str]:
    return [item["error"] for item in items]


def only(items: list[dict[str, Any]], code: str) -> dict[str, Any]:
    """The single item with ``code`` (fails with the full list otherwise)."""
    found = [item for item in items if item["error"] == code]
    assert len(found) == 1, items
    return found[0]


def line_col(text: str, needle: str, occurrence: int = 1, shift: int = 0) -> tuple[int, int]:
    """1-based line and column where the ``occurrence``-th ``needle`` starts in ``text``
    (``shift`` characters further on)."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    offset += shift
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def assert_points_at(
    item: dict[str, Any], text: str, needle: str, occurrence: int = 1, shift: int = 0
) -> None:
    line, column = line_col(text, needle, occurrence, shift)
    assert (item["line_start"], item["column_start"]) == (line, column), (item, needle)
    pointer = item["pointers"][0]
    assert (pointer["line_start"], pointer["column_start"]) == (line, column)


def assert_only_frozen_versions_flagged_for_publishing(text: str) -> None:
    """A clean example, checked for publishing: clean on a publishable version, else only
    the frozen-version error."""
    items = validate_flow_json(text, for_publishing=True)
    if versions.is_publishable(json.loads(text)["version"]):
        assert items == []
    else:
        assert codes(items) == ["UNAVAILABLE_FLOW_JSON_VERSION"]
