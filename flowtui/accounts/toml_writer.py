"""A small TOML writer for the data ``tomllib`` reads back.

Enough for a config file: strings, booleans, integers, floats, dates and times, arrays, tables
and arrays of tables. Strings are always basic strings with every control character escaped,
so no value can break out of its line. Comments are not kept: the file is data.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from typing import Final, TypeGuard

_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_ESCAPES["\r"] = "\\r"


class TomlWriteError(TypeError):
    """A value TOML cannot hold (``None``, an object, a non-string key)."""


def quote_string(text: str) -> str:
    """``text`` as a TOML basic string."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def format_key(key: str) -> str:
    if not isinstance(key, str):
        raise TomlWriteError(f"TOML keys are strings, not {type(key).__name__}")
    return key if _BARE_KEY.fullmatch(key) else quote_string(key)


def format_value(value: object) -> str:
    """One value in inline form."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return quote_string(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        items = ", ".join(f"{format_key(k)} = {format_value(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(format_value(item) for item in value) + "]"
    raise TomlWriteError(f"TOML cannot hold a {type(value).__name__}")


def _is_table_array(value: object) -> TypeGuard[list[Mapping[str, object]]]:
    return (
        isinstance(value, list | tuple)
        and len(value) > 0
        and all(isinstance(item, Mapping) for item in value)
    )


def _is_section(value: object) -> bool:
    return isinstance(value, Mapping) or _is_table_array(value)


def _table_lines(table: Mapping[str, object], path: tuple[str, ...]) -> Iterable[str]:
    for key, value in table.items():
        if not _is_section(value):
            yield f"{format_key(key)} = {format_value(value)}"
    for key, value in table.items():
        child = (*path, format_key(key))
        if isinstance(value, Mapping):
            # A table holding only sub-tables needs no header of its own ([a.b] defines [a]).
            if not value or not all(_is_section(item) for item in value.values()):
                yield ""
                yield f"[{'.'.join(child)}]"
            yield from _table_lines(value, child)
        elif _is_table_array(value):
            for item in value:
                yield ""
                yield f"[[{'.'.join(child)}]]"
                yield from _table_lines(item, child)


def dumps(data: Mapping[str, object], *, header: str = "") -> str:
    """``data`` as a TOML document, optionally after ``header`` comment lines."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()] if header else []
    if lines:
        lines.append("")
    body = list(_table_lines(data, ()))
    while body and body[0] == "":
        body.pop(0)
    return "\n".join([*lines, *body]) + "\n"
