"""A unified diff as coloured text: added green, removed red, hunk headers cyan."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from flowtui.editing import DiffKind, DiffLine
from flowtui.text import printable

DIFF_STYLES: dict[DiffKind, str] = {
    DiffKind.FILE: "bold",
    DiffKind.HUNK: "bold cyan",
    DiffKind.ADDED: "green",
    DiffKind.REMOVED: "red",
    DiffKind.CONTEXT: "",
}


def diff_text(lines: Sequence[DiffLine]) -> Text:
    if not lines:
        return Text("No differences.", style="dim")
    text = Text(no_wrap=True, overflow="crop")
    for index, line in enumerate(lines):
        if index:
            text.append("\n")
        text.append(printable(line.text, keep_tabs=True), style=DIFF_STYLES[line.kind])
    return text
