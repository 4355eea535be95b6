"""Parse JSON text into plain values plus a :class:`SourceMap` of where each part sits.

Two parsers, one language:

- :func:`scan_json` is hand-written and iterative (any nesting depth): it records the span of
  every key and value as it goes and gives precise syntax errors. Strings are decoded by the
  standard library's C ``scanstring``, numbers and whitespace by precompiled regexes.
- :func:`parse_json`, the one callers use, takes the fast road: ``json.loads`` (C) for the values
  and a source map that indexes a container only when a position inside it is asked for
  (typically: only where an issue is reported). When ``json.loads`` refuses the text, or
  cannot nest that deep, it falls back to :func:`scan_json`, so syntax errors always come from
  the hand-written parser.

Both accept exactly the texts ``json.loads`` accepts, minus ``NaN``/``Infinity`` (not JSON);
a byte-order mark is the caller's business. ``tests/flowjson/test_parser.py`` and
``test_properties.py`` check values, spans and errors against ``json.loads`` and each other.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from json import JSONDecodeError
from typing import Any

from flowtui.flowjson.issues import Position
from flowtui.flowjson.scanning import match_whitespace, scanstring
from flowtui.flowjson.source_map import LineIndex, MemberSpan, SourceMap, Span

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_WS_CHARS = " \t\n\r"
# Deeper than this, ``json.loads`` gives up (recursion) and so do the rules: no Flow JSON nests
# anywhere near it. The hand-written parser still parses such text, and records where the
# limit was first crossed so the validator can say so instead of walking it.
MAX_NESTING = 1000
_LITERALS: dict[str, tuple[str, Any]] = {
    "t": ("true", True),
    "f": ("false", False),
    "n": ("null", None),
}


class JsonSyntaxError(ValueError):
    """The text is not JSON; ``offset`` is the 0-based character index of the problem."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} (at offset {offset})")
        self.message = message
        self.offset = offset


@dataclass
class ParsedJson:
    """A parsed document: the plain Python value and where each part of it came from."""

    text: str
    value: Any
    source_map: SourceMap
    # Offset of the first container nested deeper than MAX_NESTING, if any.
    too_deep_at: int | None = None

    _lines: LineIndex | None = field(default=None, init=False, repr=False, compare=False)

    def value_span(self, path: tuple[str | int, ...]) -> Span:
        """0-based character offsets ``(start, end)`` of the value at ``path``."""
        return self.source_map.value_span(path)

    def key_span(self, path: tuple[str | int, ...]) -> Span:
        """0-based character offsets of the key of the member at ``path``."""
        return self.source_map.key_span(path)

    def locate(self, path: tuple[str | int, ...], *, key: bool = False) -> Position:
        """1-based line/column range of the value (or key) at ``path``, e.g. to jump there."""
        return self.locate_all([(path, key)])[0]

    def locate_all(self, requests: list[tuple[tuple[str | int, ...], bool]]) -> list[Position]:
        """:meth:`locate` for many ``(path, key)`` requests, cheaper than one by one."""
        if self._lines is None:
            self._lines = LineIndex(self.text)
        spans = self.source_map.spans(requests)
        # The line index counts newlines from the nearest offset it has seen: go in order.
        order = sorted(range(len(spans)), key=spans.__getitem__)
        positions: list[Position] = [None] * len(spans)  # type: ignore[list-item]
        for index in order:
            positions[index] = self._lines.position(*spans[index])
        return positions


def _scan_string(text: str, start: int) -> tuple[str, int]:
    """Decode the string whose opening quote is at ``start``; return it and the offset after it."""
    try:
        return scanstring(text, start + 1, True)
    except JSONDecodeError as error:
        # The standard messages end with "starting at" / "at"; positions are reported apart.
        message = error.msg.removesuffix(" starting at").removesuffix(" at")
        raise JsonSyntaxError(message, error.pos) from None


def _scan_key(text: str, pos: int) -> tuple[str, int, int, int]:
    """At ``pos`` (after whitespace) read ``"key" :``; return key, its span and the value offset."""
    if text.startswith('"', pos):
        key, key_end = _scan_string(text, pos)
        after = match_whitespace(text, key_end).end()
        if text.startswith(":", after):
            return key, pos, key_end, match_whitespace(text, after + 1).end()
        raise JsonSyntaxError("Expecting ':' delimiter", after)
    raise JsonSyntaxError("Expecting property name enclosed in double quotes", pos)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(text: str) -> ParsedJson:
    """Parse ``text`` as JSON; raise :class:`JsonSyntaxError` (with its offset) if it is not."""
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return scan_json(text)
    start = match_whitespace(text, 0).end()
    end = len(text.rstrip(_WS_CHARS))
    return ParsedJson(text, value, SourceMap(text, (start, end)))


def scan_json(text: str) -> ParsedJson:
    """Parse ``text`` with the hand-written parser, recording every position up front."""
    objects: dict[int, dict[str, MemberSpan]] = {}
    arrays: dict[int, list[Span]] = {}
    length = len(text)
    whitespace = match_whitespace
    number = _NUMBER.match
    # A frame per open container: [container, spans, is_object, start offset, key, key start,
    # key end]; the key fields hold the member whose value is being parsed.
    stack: list[list[Any]] = []
    too_deep_at: int | None = None
    pos = whitespace(text, 0).end()
    value: Any
    while True:
        # Parse one value starting at ``pos``.
        if pos >= length:
            raise JsonSyntaxError("Expecting value", pos)
        char = text[pos]
        start = pos
        if char == '"':
            value, pos = _scan_string(text, pos)
        elif char == "{":
            obj: dict[str, Any] = {}
            members: dict[str, MemberSpan] = {}
            objects[start] = members
            pos = whitespace(text, pos + 1).end()
            if text.startswith("}", pos):
                value, pos = obj, pos + 1
            else:
                key, key_start, key_end, pos = _scan_key(text, pos)
                stack.append([obj, members, True, start, key, key_start, key_end])
                if too_deep_at is None and len(stack) > MAX_NESTING:
                    too_deep_at = start
                continue
        elif char == "[":
            arr: list[Any] = []
            items: list[Span] = []
            arrays[start] = items
            pos = whitespace(text, pos + 1).end()
            if text.startswith("]", pos):
                value, pos = arr, pos + 1
            else:
                stack.append([arr, items, False, start, None, 0, 0])
                if too_deep_at is None and len(stack) > MAX_NESTING:
                    too_deep_at = start
                continue
        elif char in _LITERALS:
            word, value = _LITERALS[char]
            if not text.startswith(word, pos):
                raise JsonSyntaxError("Expecting value", pos)
            pos += len(word)
        else:
            match = number(text, pos)
            if match is None:
                raise JsonSyntaxError("Expecting value", pos)
            literal = match.group()
            if match.group(1) or match.group(2):
                value = float(literal)
            else:
                try:
                    value = int(literal)
                except ValueError:  # more digits than int() converts: keep the magnitude
                    value = float(literal)
            pos = match.end()
        end = pos
        # Attach the finished value to its parent; close every container that ends here.
        while True:
            if not stack:
                pos = whitespace(text, pos).end()
                if pos != length:
                    raise JsonSyntaxError("Extra data", pos)
                source_map = SourceMap(text, (start, end), objects, arrays)
                return ParsedJson(text, value, source_map, too_deep_at)
            frame = stack[-1]
            container, spans, is_object = frame[0], frame[1], frame[2]
            if is_object:
                container[frame[4]] = value
                spans[frame[4]] = (frame[5], frame[6], start, end)
            else:
                container.append(value)
                spans.append((start, end))
            if pos < length and text[pos] in _WS_CHARS:
                pos = whitespace(text, pos).end()
            closer = "}" if is_object else "]"
            if text.startswith(",", pos):
                comma = pos
                pos = whitespace(text, pos + 1).end()
                if text.startswith(closer, pos):
                    raise JsonSyntaxError(f"Trailing comma before '{closer}'", comma)
                if is_object:
                    frame[4], frame[5], frame[6], pos = _scan_key(text, pos)
                break
            if text.startswith(closer, pos):
                pos += 1
                stack.pop()
                value, start, end = container, frame[3], pos
                continue
            if is_object:
                raise JsonSyntaxError("Expecting ',' delimiter or '}'", pos)
            raise JsonSyntaxError("Expecting ',' delimiter or ']'", pos)
