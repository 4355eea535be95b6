"""A whole Flow JSON, read-only, highlighted and numbered, scrollable both ways; the lines of a
validation error can be highlighted and scrolled into view."""

from __future__ import annotations

from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import ScrollableContainer
from textual.widgets import Static

from flowtui.api import ValidationError

LINES_ABOVE = 3  # lines shown above a highlighted error


def error_lines(error: ValidationError | None) -> range | None:
    """The 1-based lines an error covers, or None when Graph gave no position."""
    if error is None:
        return None
    first = error.line_start or (error.pointers[0].line_start if error.pointers else None)
    if first is None:
        return None
    return range(first, max(first, error.line_end or first) + 1)


class JsonView(ScrollableContainer, can_focus=True):
    """Never a TextArea: its tree-sitter highlighting crashes the interpreter here."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.flow_json: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Loading the Flow JSON…", style="dim"), classes="json-code")

    def show(self, flow_json: str | None) -> None:
        self.flow_json = flow_json
        self.highlight(None)
        if flow_json is None:
            self.show_message("This flow has no Flow JSON yet.")

    def show_message(self, message: str) -> None:
        """A sentence instead of the JSON (none yet, or it could not be loaded)."""
        self.flow_json = None
        self.query_one(".json-code", Static).update(Text(message, style="dim"))

    def highlight(self, lines: range | None) -> None:
        """Highlight ``lines`` and scroll them into view (None: highlight nothing)."""
        if self.flow_json is None:
            return
        code = Syntax(
            self.flow_json,
            "json",
            line_numbers=True,
            highlight_lines=set(lines or ()),
            theme="ansi_dark",
            word_wrap=False,
        )
        self.query_one(".json-code", Static).update(code)
        if lines is not None:
            self.call_after_refresh(
                self.scroll_to, y=max(0, lines.start - 1 - LINES_ABOVE), animate=False
            )
