"""JSON Schema type names of parsed values, and the Python types each name accepts."""

from __future__ import annotations

from functools import cache
from typing import Any

TYPE_NAMES: dict[type, str] = {
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
    type(None): "null",
}


def json_type(value: Any) -> str:
    """The JSON Schema type name of a value :func:`json.loads` produced."""
    return TYPE_NAMES.get(type(value), "null")


@cache
def python_types(types: tuple[str, ...]) -> frozenset[type]:
    """The Python types of values that satisfy ``types`` (an integer is also a number)."""
    return frozenset(
        kind
        for kind, name in TYPE_NAMES.items()
        if name in types or (name == "integer" and "number" in types)
    )
