"""A whole Flow JSON, read-only, highlighted and numbered, scrollable both ways; the lines of a
validation error can be highlighted and scrolled into view.

A Line API widget: only the lines on screen are highlighted and drawn, so a 1 MB document
(35,000 lines) opens and moves as fast as a small one. (Rich's Syntax in a Static, before,
lexed and drew the whole document on every error selected: ~0.3 s per 100 KB.) Never a
TextArea: its tree-sitter highlighting crashes the interpreter here.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from flowtui.api import ValidationError
from flowtui.text import printable

LINES_ABOVE = 3  # lines shown above a highlighted error
_CACHED_LINES = 4096

# One JSON token per match; a line is highlighted on its own (JSON strings cannot span lines).
_TOKEN = re.compile(
    r"""(?P<string>"(?:[^"\\]|\\.)*"?)(?P<colon>[ \t]*:)?
    |(?P<number>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
    |(?P<literal>\b(?:true|false|null)\b)
    |(?P<punctuation>[{}\[\],:])""",
    re.VERBOSE,
)


def error_lines(error: ValidationError | None) -> range | None:
    """The 1-based lines an error covers, or None when Graph gave no position."""
    if error is None:
        return None
    first = error.line_start or (error.pointers[0].line_start if error.pointers else None)
    if first is None:
        return None
    return range(first, max(first, error.line_end or first) + 1)


class JsonView(ScrollView, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "json-view--gutter",
        "json-view--key",
        "json-view--string",
        "json-view--number",
        "json-view--literal",
        "json-view--punctuation",
        "json-view--marked",
        "json-view--message",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.flow_json: str | None = None
        self.message: str | None = "Loading the Flow JSON…"  # shown instead of any JSON
        self._lines: list[str] = []
        self._marked = range(0)
        self._gutter_width = 0
        self._code: dict[int, Strip] = {}  # drawn code of a line, by index (no gutter)
        self._token_styles: dict[str, Style] = {}  # by token kind, for the current theme

    # --- what is shown ---------------------------------------------------------------------

    def show(self, flow_json: str | None) -> None:
        if flow_json is None:
            self.show_message("This flow has no Flow JSON yet.")
            return
        self.flow_json = flow_json
        self.message = None
        # As it will be drawn: a line is drawn on its own (no tab expansion on the way), and
        # the file is Graph's (any control character in it is shown, never obeyed).
        self._lines = [printable(line.expandtabs(4)) for line in flow_json.split("\n")]
        self._marked = range(0)
        self._code.clear()
        self._gutter_width = len(str(len(self._lines))) + 1
        widest = max(len(line) if line.isascii() else cell_len(line) for line in self._lines)
        self.virtual_size = Size(self._gutter_width + widest, len(self._lines))
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def show_message(self, message: str) -> None:
        """A sentence instead of the JSON (none yet, or it could not be loaded)."""
        self.flow_json = None
        self.message = message
        self._lines = []
        self._code.clear()
        self.virtual_size = Size(cell_len(message), 1)
        self.refresh()

    def highlight(self, lines: range | None) -> None:
        """Highlight ``lines`` and scroll them into view (None: highlight nothing)."""
        if self.flow_json is None:
            return
        self._marked = lines or range(0)
        self.refresh()
        if lines is not None:
            self.scroll_to(y=max(0, lines.start - 1 - LINES_ABOVE), animate=False)

    # --- drawing ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._code.clear()  # the theme changed: every drawn line is stale
        self._token_styles.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        scroll_x, scroll_y = self.scroll_offset
        if self.message is not None:
            if y or scroll_y:
                return Strip.blank(width, base)
            style = base + self.get_component_rich_style("json-view--message")
            return Strip([Segment(self.message, style)]).crop(scroll_x, scroll_x + width)
        index = scroll_y + y
        if index >= len(self._lines):
            return Strip.blank(width, base)
        number = index + 1
        style = base
        if number in self._marked:
            style = base + self.get_component_rich_style("json-view--marked")
        gutter_style = style + self._foreground("gutter")
        gutter = Segment(f"{number:>{self._gutter_width - 1}} ", gutter_style)
        code_width = max(0, width - self._gutter_width)
        code = self._code_of(index).crop(scroll_x, scroll_x + code_width)
        return Strip([gutter, *code.apply_style(style)]).adjust_cell_length(width, style)

    def _code_of(self, index: int) -> Strip:
        code = self._code.get(index)
        if code is None:
            if len(self._code) > _CACHED_LINES:
                self._code.clear()
            code = self._code[index] = Strip(
                self._highlighted(self._lines[index]).render(self.app.console)
            )
        return code

    def _foreground(self, name: str) -> Style:
        """A component's colour and text style without its background, so that the line's
        background (a marked error) shows through."""
        full = self.get_component_rich_style(f"json-view--{name}")
        return Style(color=full.color, bold=full.bold, italic=full.italic)

    def _highlighted(self, line: str) -> Text:
        text = Text(line, no_wrap=True, end="")
        styles = self._token_styles
        if not styles:
            for name in ("key", "string", "number", "literal", "punctuation"):
                styles[name] = self._foreground(name)
        for match in _TOKEN.finditer(line):
            kind = match.lastgroup
            if kind == "colon":  # a string followed by ':' is a key
                text.stylize(styles["key"], match.start("string"), match.end("string"))
                text.stylize(styles["punctuation"], match.end("colon") - 1, match.end("colon"))
            elif kind is not None:
                text.stylize(styles[kind], match.start(), match.end())
        return text
