"""Small helpers shared by the rule modules: type checks, string walks and common reports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flowtui.flowjson import codes
from flowtui.flowjson.context import Context, Path
from flowtui.flowjson.json_types import json_type, python_types
from flowtui.flowjson.source_map import format_path


def strings_in(value: Any, path: Path) -> Iterator[tuple[str, Path]]:
    """Every string inside a free-form value (a payload, an init-value), with its path."""
    pending: list[tuple[Any, Path]] = [(value, path)]
    while pending:
        node, node_path = pending.pop()
        if isinstance(node, str):
            yield node, node_path
        elif isinstance(node, dict):
            pending.extend((child, (*node_path, key)) for key, child in node.items())
        elif isinstance(node, list):
            pending.extend((child, (*node_path, index)) for index, child in enumerate(node))


def matches_type(value: Any, expected: str) -> bool:
    return type(value) in python_types((expected,))


def where(path: Path) -> str:
    """A path for messages: the pointer path, or ``$root`` for the document itself."""
    return format_path(path) or "$root"


def report_type(context: Context, path: Path, value: Any, expected: str) -> None:
    context.report(
        codes.INVALID_PROPERTY_TYPE,
        codes.message(
            codes.INVALID_PROPERTY_TYPE,
            path=where(path),
            expected=expected,
            actual=json_type(value),
        ),
        path,
    )


def report_unknown_key(context: Context, path: Path, *, since: str | None = None) -> None:
    """An unknown property; ``since`` names the version that would make it known."""
    message = codes.message(codes.INVALID_PROPERTY_KEY, name=path[-1], path=where(path[:-1]))
    if since is not None:
        message += f" It needs Flow JSON version {since} or newer."
    context.report(
        codes.INVALID_PROPERTY_KEY,
        message,
        path,
        key=True,
    )


def report_missing(context: Context, path: Path, name: str) -> None:
    """A required property ``name`` is missing from the object at ``path``."""
    context.report(
        codes.MISSING_REQUIRED_PROPERTY,
        codes.message(codes.MISSING_REQUIRED_PROPERTY, name=name),
        path,
    )


def report_value(context: Context, path: Path, detail: str, *, code: str = "") -> None:
    """Meta's "Invalid value found for property" message, followed by what is wrong."""
    name = path[-1] if path and isinstance(path[-1], str) else where(path)
    text = codes.message(codes.INVALID_PROPERTY_VALUE, name=name, path=where(path[:-1]))
    context.report(code or codes.INVALID_PROPERTY_VALUE, f"{text} {detail}", path)
