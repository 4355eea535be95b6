"""Issues shaped like the items of Meta's ``validation_errors`` (reference section 13)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Meta's Flows API page shows ``FLOW_JSON_ERROR`` with this exact item shape (with ``pointers``);
# ``JSON_SCHEMA_ERROR`` appears only in the older Postman example without pointers. Section 15.5
# asks for the shape with pointers, so every issue carries ``FLOW_JSON_ERROR``.
FLOW_JSON_ERROR = "FLOW_JSON_ERROR"


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based range in the Flow JSON text; ``column_end`` is the column of the last character.

    UNCONFIRMED (section 16): Meta's basing of lines and columns. Meta's examples read as
    1-based, as editors count, so flowtui uses 1-based lines and columns; a column counts
    characters, and an empty range (an error at the end of the text) starts and ends at the
    column just after the last character.
    """

    line_start: int
    line_end: int
    column_start: int
    column_end: int

    def as_graph_dict(self) -> dict[str, int]:
        return {
            "line_start": self.line_start,
            "line_end": self.line_end,
            "column_start": self.column_start,
            "column_end": self.column_end,
        }


@dataclass(frozen=True, slots=True)
class Pointer:
    """Where in the document an issue points: a position plus a path like ``screens[0].id``."""

    position: Position
    path: str

    def as_graph_dict(self) -> dict[str, Any]:
        return {**self.position.as_graph_dict(), "path": self.path}


@dataclass(frozen=True, slots=True)
class Issue:
    """One validation error, convertible to the dict Meta returns in ``validation_errors``."""

    error: str
    message: str
    position: Position
    pointers: tuple[Pointer, ...] = ()
    error_type: str = FLOW_JSON_ERROR

    def as_graph_dict(self) -> dict[str, Any]:
        return {
            "error": self.error,
            "error_type": self.error_type,
            "message": self.message,
            "line_start": self.position.line_start,
            "line_end": self.position.line_end,
            "column_start": self.position.column_start,
            "column_end": self.position.column_end,
            "pointers": [pointer.as_graph_dict() for pointer in self.pointers],
        }
