"""The lines of a Flow JSON around a validation error, numbered, with the error highlighted."""

from __future__ import annotations

from rich.console import RenderableType
from rich.syntax import Syntax
from rich.text import Text

from flowtui.api import ValidationError
from flowtui.text import printable

CONTEXT_LINES = 3


def excerpt(flow_json: str | None, error: ValidationError | None) -> RenderableType:
    if error is None:
        return Text("Select an error to see the offending lines of the Flow JSON.", style="dim")
    if flow_json is None:
        return Text("The Flow JSON is not loaded (no flow.json asset).", style="dim")
    first = error.line_start or (error.pointers[0].line_start if error.pointers else None)
    if first is None:
        return Text(f"{printable(error.error)}: Graph gave no position for this error.", "dim")
    last = error.line_end or first
    # Only the lines shown go to Syntax: given the whole text and a line range, it lexes the
    # whole text (~0.4 s for 1 MB, on every error selected).
    start = max(1, first - CONTEXT_LINES)
    lines = flow_json.split("\n")[start - 1 : last + CONTEXT_LINES]
    return Syntax(
        "\n".join(printable(line, keep_tabs=True) for line in lines),  # a file from outside
        "json",
        line_numbers=True,
        start_line=start,
        highlight_lines=set(range(first, last + 1)),
        theme="ansi_dark",
        word_wrap=False,
    )
