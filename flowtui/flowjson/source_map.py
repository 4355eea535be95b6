"""Turn character offsets into 1-based line/column positions, and hold where each JSON node sits.

Lines are separated by ``\\n`` only (a ``\\r`` before it stays part of its line), which is how the
JSON grammar counts whitespace and how editors number lines. Columns count characters (code
points), not bytes.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from itertools import accumulate
from json import JSONDecoder
from json.decoder import scanstring

from flowtui.flowjson.issues import Position

# Offsets are 0-based character indexes into the text, ``end`` exclusive.
Span = tuple[int, int]
# A member of an object: key start, key end, value start, value end.
MemberSpan = tuple[int, int, int, int]


class LineIndex:
    """Converts offsets into positions; built lazily, only when something has to be reported."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            # Line i starts after lines 0..i-1 and their newlines; accumulate runs in C.
            lengths = map(len, self._text.split("\n"))
            self._starts = list(accumulate(map((1).__add__, lengths), initial=0))[:-1]
        return self._starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at ``offset`` (``len(text)`` means the end)."""
        offset = max(0, min(offset, len(self._text)))
        starts = self._line_starts()
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def position(self, start: int, end: int) -> Position:
        """The position of ``text[start:end]``; an empty range points at ``start``."""
        line_start, column_start = self.line_col(start)
        if end <= start:
            return Position(line_start, line_start, column_start, column_start)
        line_end, column_end = self.line_col(end - 1)
        return Position(line_start, line_end, column_start, column_end)


class SourceMap:
    """Where every key and value of a parsed document sits in its text.

    Containers are keyed by the offset of their opening bracket. The hand-written parser fills
    ``objects`` (key -> :data:`MemberSpan`) and ``arrays`` (item :data:`Span` list) for every
    container up front. After the fast parse nothing is recorded; a container is read the
    first time a position inside it is asked for, and only as far as needed: members up to the
    one asked for (sibling values are skipped with the standard library's C scanner), and a
    value's end only when a span needs it. Stopping at the first occurrence of a key is exact
    only without repeated keys (``json.loads`` keeps the last one), so the first lookup checks
    the document for them once and, if there are any, objects are always read to the end. The
    text must be valid JSON (the parser guarantees it).
    """

    def __init__(
        self,
        text: str,
        root: Span,
        objects: dict[int, dict[str, MemberSpan]] | None = None,
        arrays: dict[int, list[Span]] | None = None,
    ) -> None:
        self.text = text
        self.root = root
        self._objects = objects if objects is not None else {}
        self._arrays = arrays if arrays is not None else {}
        self._reads: dict[int, _ContainerRead] = {}
        self._ends: dict[int, int] = {root[0]: root[1]}
        self._repeated_keys: bool | None = None

    def value_span(self, path: tuple[str | int, ...]) -> Span:
        """The span of the value at ``path`` (keys and indexes from the root).

        A path that leaves the document stops at the deepest node that exists, so a rule can ask
        for the span of a missing property and get its parent object instead.
        """
        start, end = self.root
        for segment in path:
            found = self._child(start, segment)
            if found is None:
                break
            start, end = found
        return start, end if end >= 0 else self._value_end(start)

    def key_span(self, path: tuple[str | int, ...]) -> Span:
        """The span of the key of the object member at ``path`` (its value's span otherwise)."""
        if path and isinstance(path[-1], str):
            start: int | None = self.root[0]
            for segment in path[:-1]:
                found = self._child(start, segment)
                if found is None:
                    start = None
                    break
                start = found[0]
            if start is not None and self.text.startswith("{", start):
                member = self._member(start, path[-1])
                if member is not None:
                    return member[0], member[1]
        return self.value_span(path)

    def _child(self, start: int, segment: str | int) -> tuple[int, int] | None:
        """(start, end) of a child; ``end`` is -1 when not known yet."""
        opener = self.text[start : start + 1]
        if opener == "{" and isinstance(segment, str):
            member = self._member(start, segment)
            return None if member is None else (member[2], member[3])
        if opener == "[" and isinstance(segment, int) and segment >= 0:
            items = self._arrays.get(start)
            if items is not None:
                return items[segment] if segment < len(items) else None
            read = self._read(start)
            while len(read.entries) <= segment and read.advance(self):
                pass
            return (read.entries[segment], -1) if segment < len(read.entries) else None
        return None

    def _member(self, start: int, key: str) -> tuple[int, int, int, int] | None:
        members = self._objects.get(start)
        if members is not None:
            return members.get(key)
        read = self._read(start)
        if self._has_repeated_keys():
            while read.advance(self):
                pass
        else:
            while key not in read.members and read.advance(self):
                pass
        found = read.members.get(key)
        return None if found is None else (*found, -1)

    def _read(self, start: int) -> _ContainerRead:
        read = self._reads.get(start)
        if read is None:
            read = self._reads[start] = _ContainerRead(self.text, start)
        return read

    def _value_end(self, start: int) -> int:
        end = self._ends.get(start)
        if end is None:
            end = self._ends[start] = _scan_value(self.text, start)[1]
        return end

    def _has_repeated_keys(self) -> bool:
        if self._repeated_keys is None:
            self._repeated_keys = _repeats_keys(self.text)
        return self._repeated_keys


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_scan_value = JSONDecoder().scan_once  # (text, offset) -> (value, end); C speed


class _ContainerRead:
    """Reading one object or array member by member, as far as lookups have needed.

    ``members`` (objects) maps each key read so far to its key start, key end and value start;
    ``entries`` (arrays) lists the start of each item read so far. The end of the last entry
    read is not known until the next one is wanted.
    """

    __slots__ = ("done", "entries", "is_object", "members", "next_at", "pending", "text")

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.is_object = text.startswith("{", start)
        self.members: dict[str, tuple[int, int, int]] = {}
        self.entries: list[int] = []
        self.pending = -1  # value start of the last entry read (its end not yet needed)
        self.next_at = _WHITESPACE.match(text, start + 1).end()
        self.done = text.startswith("}" if self.is_object else "]", self.next_at)

    def advance(self, source_map: SourceMap) -> bool:
        """Read one more entry; False when the container has no more."""
        if self.done:
            return False
        text = self.text
        skip = _WHITESPACE.match
        if self.pending >= 0:
            after = skip(text, source_map._value_end(self.pending)).end()
            self.pending = -1
            if not text.startswith(",", after):
                self.done = True
                return False
            self.next_at = skip(text, after + 1).end()
        pos = self.next_at
        if self.is_object:
            key, key_end = scanstring(text, pos + 1, True)
            value_start = skip(text, skip(text, key_end).end() + 1).end()
            self.members[key] = (pos, key_end, value_start)
        else:
            value_start = pos
            self.entries.append(pos)
        self.pending = value_start
        return True


def _repeats_keys(text: str) -> bool:
    """True when some object of the (valid) document has the same key twice."""
    repeated = False

    def note(pairs: list[tuple[str, object]]) -> dict[str, object]:
        nonlocal repeated
        result = dict(pairs)
        if len(result) != len(pairs):
            repeated = True
        return result

    json.loads(text, object_pairs_hook=note)
    return repeated


def format_path(path: tuple[str | int, ...]) -> str:
    """``("screens", 0, "layout")`` -> ``"screens[0].layout"`` (Meta's pointer path style)."""
    parts: list[str] = []
    for segment in path:
        if isinstance(segment, int):
            parts.append(f"[{segment}]")
        elif parts:
            parts.append(f".{segment}")
        else:
            parts.append(segment)
    return "".join(parts)
