"""Turn character offsets into 1-based line/column positions, and hold where each JSON node sits.

Lines are separated by ``\\n`` only (a ``\\r`` before it stays part of its line), which is how the
JSON grammar counts whitespace and how editors number lines. Columns count characters (code
points), not bytes.
"""

from __future__ import annotations

from bisect import bisect_right

from flowtui.flowjson.issues import Position
from flowtui.flowjson.scanning import match_whitespace, scan_value, scanstring

# Offsets are 0-based character indexes into the text, ``end`` exclusive.
Span = tuple[int, int]
# A member of an object: key start, key end, value start, value end.
MemberSpan = tuple[int, int, int, int]


class LineIndex:
    """Converts offsets into positions, counting newlines only between offsets already seen.

    Splitting a 1 MB text into lines up front costs more than validating it; a report usually
    needs a few positions, mostly asked for in reading order. So the index keeps the offsets it
    has answered (with their line numbers) and counts newlines from the nearest one before.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        # Sorted offsets whose position is known, their lines and where those lines start.
        self._offsets: list[int] = [0]
        self._lines: list[int] = [1]
        self._starts: list[int] = [0]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at ``offset`` (``len(text)`` means the end)."""
        text = self._text
        offset = max(0, min(offset, len(text)))
        slot = bisect_right(self._offsets, offset)
        known = self._offsets[slot - 1]
        line = self._lines[slot - 1] + text.count("\n", known, offset)
        newline = text.rfind("\n", known, offset)
        start = newline + 1 if newline >= 0 else self._starts[slot - 1]
        if known != offset:
            self._offsets.insert(slot, offset)
            self._lines.insert(slot, line)
            self._starts.insert(slot, start)
        return line, offset - start + 1

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
    first time a position inside it is asked for: an array up to the item asked for, an object
    to its end (so a repeated key resolves to its last occurrence, as in ``json.loads``).
    Values that are not read into are skipped with the standard library's C scanner, and a
    container already partly read is read on instead, so no part of the text is scanned twice
    for its end. The text must be valid JSON (the parser guarantees it).
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

    def value_span(self, path: tuple[str | int, ...]) -> Span:
        """The span of the value at ``path`` (keys and indexes from the root).

        A path that leaves the document stops at the deepest node that exists, so a rule can ask
        for the span of a missing property and get its parent object instead.
        """
        return self.spans([(path, False)])[0]

    def key_span(self, path: tuple[str | int, ...]) -> Span:
        """The span of the key of the object member at ``path`` (its value's span otherwise)."""
        return self.spans([(path, True)])[0]

    def spans(self, requests: list[tuple[tuple[str | int, ...], bool]]) -> list[Span]:
        """:meth:`key_span` (when the flag is set) or :meth:`value_span` of each path, at once.

        Objects are read only up to the first occurrence of the key: exact unless the key comes
        again (``json.loads`` keeps the last one). So once every path has been followed, the
        objects passed that were not yet read to their end are, innermost first (cheap: what is
        inside them has mostly been read by then); if one repeats a key, the paths are followed
        again, through objects now read to their end, which answer with the last occurrence.
        """
        while True:
            found = [self._descend(path) for path, _ in requests]
            passed = {at for *_, objects in found for at in objects}
            # Inner containers start later: finishing from the end keeps every finish cheap.
            for at in sorted(passed, reverse=True):
                if not self._reads[at].done:
                    self._finish(at)
            if not any(self._reads[at].repeated for at in passed):
                break
        spans: list[Span] = []
        for (start, end, key_at, _), (_, key) in zip(found, requests, strict=True):
            if key and key_at is not None:
                spans.append(key_at)
            else:
                spans.append((start, end if end >= 0 else self._value_end(start)))
        return spans

    def _descend(self, path: tuple[str | int, ...]) -> tuple[int, int, Span | None, list[int]]:
        """Follow ``path`` as far as it exists; also return the objects passed that were not
        yet read to their end (their answer may be the first of two members)."""
        text = self.text
        start, end = self.root
        key: Span | None = None
        passed: list[int] = []
        for segment in path:
            key = None
            opener = text[start : start + 1]
            if opener == "{" and isinstance(segment, str):
                members = self._objects.get(start)
                if members is None:
                    read = self._reads.get(start)
                    if read is None or not read.done:
                        passed.append(start)
                    member = self._first_member(start, segment)
                else:
                    member = members.get(segment)
                if member is None:
                    break
                key = member[0], member[1]
                start, end = member[2], member[3]
            elif opener == "[" and isinstance(segment, int) and segment >= 0:
                item = self._item(start, segment)
                if item is None:
                    break
                start, end = item
            else:
                break
        return start, end, key, passed

    def _first_member(self, start: int, key: str) -> MemberSpan | None:
        """The first member called ``key`` (the last one if the object was read to the end)."""
        read = self._read(start)
        while key not in read.members and read.advance(self):
            pass
        found = read.members.get(key)
        return None if found is None else (*found, -1)

    def _item(self, start: int, index: int) -> Span | None:
        items = self._arrays.get(start)
        if items is not None:
            return items[index] if index < len(items) else None
        read = self._read(start)
        while len(read.entries) <= index and read.advance(self):
            pass
        return (read.entries[index], -1) if index < len(read.entries) else None

    def _read(self, start: int) -> _ContainerRead:
        read = self._reads.get(start)
        if read is None:
            read = self._reads[start] = _ContainerRead(self.text, start)
        return read

    def _value_end(self, start: int) -> int:
        """Where the value at ``start`` ends: a container being read is read on to its end (its
        members were mostly read for earlier lookups); anything else is skipped with the C
        scanner."""
        end = self._ends.get(start)
        if end is None:
            if start in self._reads:
                self._finish(start)
                end = self._ends[start]
            else:
                end = self._ends[start] = scan_value(self.text, start)[1]
        return end

    def _finish(self, start: int) -> None:
        """Read the container being read at ``start`` to its end, finishing the reads inside it
        first. Iterative, because reads can nest as deep as the document. An object is read on
        member by member (a repeated key must be seen); the rest of an array is only skipped."""
        reads = self._reads
        ends = self._ends
        stack = [start]
        while stack:
            read = reads[stack[-1]]
            pending = read.pending
            if pending >= 0 and pending in reads and pending not in ends:
                stack.append(pending)
            elif not read.is_object:
                ends[stack.pop()] = self._skip_rest(read)
            elif not read.advance(self):
                ends[stack.pop()] = read.end

    def _skip_rest(self, read: _ContainerRead) -> int:
        """The end of an array being read, its entries not yet read skipped with the C scanner
        and not recorded (a later lookup reads on from where the read stands). Reading them one
        by one cost seconds for 300,000 components when only the first 51 were asked for."""
        if read.done:
            return read.end
        text = self.text
        skip = match_whitespace
        # The last entry read (its end is known or cheap: it is no unfinished read), else the
        # first entry, which no lookup has reached.
        if read.pending >= 0:
            pos = skip(text, self._value_end(read.pending)).end()
        else:
            pos = skip(text, scan_value(text, read.next_at)[1]).end()
        while text.startswith(",", pos):
            pos = skip(text, scan_value(text, skip(text, pos + 1).end())[1]).end()
        return pos + 1  # after the closing bracket


class _ContainerRead:
    """Reading one object or array member by member, as far as lookups have needed.

    ``members`` (objects) maps each key read so far to its key start, key end and value start;
    ``entries`` (arrays) lists the start of each item read so far. The end of the last entry
    read is not known until the next one is wanted.
    """

    __slots__ = (
        "done",
        "end",
        "entries",
        "is_object",
        "members",
        "next_at",
        "pending",
        "repeated",
        "text",
    )

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.is_object = text.startswith("{", start)
        self.members: dict[str, tuple[int, int, int]] = {}
        self.entries: list[int] = []
        self.pending = -1  # value start of the last entry read (its end not yet needed)
        self.next_at = match_whitespace(text, start + 1).end()
        self.done = text.startswith("}" if self.is_object else "]", self.next_at)
        self.end = self.next_at + 1 if self.done else -1  # after the closing bracket, once read
        self.repeated = False  # an object with a key seen twice so far

    def advance(self, source_map: SourceMap) -> bool:
        """Read one more entry; False when the container has no more."""
        if self.done:
            return False
        text = self.text
        skip = match_whitespace
        if self.pending >= 0:
            after = skip(text, source_map._value_end(self.pending)).end()
            self.pending = -1
            if not text.startswith(",", after):
                self.done = True
                self.end = after + 1
                return False
            self.next_at = skip(text, after + 1).end()
        pos = self.next_at
        if self.is_object:
            key, key_end = scanstring(text, pos + 1, True)
            value_start = skip(text, skip(text, key_end).end() + 1).end()
            if key in self.members:
                self.repeated = True
            self.members[key] = (pos, key_end, value_start)
        else:
            value_start = pos
            self.entries.append(pos)
        self.pending = value_start
        return True


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
