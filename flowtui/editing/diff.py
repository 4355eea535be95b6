"""A unified diff of two Flow JSON texts, line by line, each line tagged for colouring."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

CONTEXT_LINES = 3


class DiffKind(StrEnum):
    FILE = "file"  # the ---/+++ lines naming the two sides
    HUNK = "hunk"  # @@ -a,b +c,d @@
    ADDED = "added"
    REMOVED = "removed"
    CONTEXT = "context"


@dataclass(frozen=True)
class DiffLine:
    kind: DiffKind
    text: str


def unified_diff_lines(
    old: str, new: str, *, old_label: str, new_label: str, context: int = CONTEXT_LINES
) -> list[DiffLine]:
    """The unified diff from ``old`` to ``new``; empty when the texts are equal."""
    raw = difflib.unified_diff(
        old.splitlines(),
        new.splitlines(),
        fromfile=old_label,
        tofile=new_label,
        n=context,
        lineterm="",
    )
    # difflib names the two sides in its first two lines; a removed line reading "-- x" must
    # not pass for one, so they are told apart by position.
    return [
        DiffLine(DiffKind.FILE if index < 2 else _kind(line), line)
        for index, line in enumerate(raw)
    ]


def _kind(line: str) -> DiffKind:
    if line.startswith("@@"):
        return DiffKind.HUNK
    if line.startswith("+"):
        return DiffKind.ADDED
    if line.startswith("-"):
        return DiffKind.REMOVED
    return DiffKind.CONTEXT


def count_changes(lines: Iterable[DiffLine]) -> tuple[int, int]:
    """How many lines the diff adds and removes."""
    added = removed = 0
    for line in lines:
        added += line.kind is DiffKind.ADDED
        removed += line.kind is DiffKind.REMOVED
    return added, removed
