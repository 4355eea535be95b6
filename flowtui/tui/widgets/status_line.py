"""A one-line status text that repaints only itself, with a spinner while work is running.

``Static.update`` asks for a new layout of the whole screen; with 10,000 flows that doubled the
cost of a filter keystroke, so the list's status line is a reactive without layout.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from flowtui.tui.widgets.literal import literal

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class StatusLine(Widget):
    text: reactive[str] = reactive("", layout=False)
    busy: reactive[bool] = reactive(False, layout=False)
    _frame: reactive[int] = reactive(0, layout=False)

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(StatusLine.text, text)
        self._timer: Timer | None = None

    def on_mount(self) -> None:
        self._timer = self.set_interval(0.1, self._spin, pause=not self.busy)

    def watch_busy(self, busy: bool) -> None:
        if self._timer is not None:
            if busy:
                self._timer.resume()
            else:
                self._timer.pause()

    def _spin(self) -> None:
        self._frame = (self._frame + 1) % len(SPINNER)

    def render(self) -> Text:
        """Literal: the text quotes what was typed in the filter."""
        return literal(f"{SPINNER[self._frame]} {self.text}" if self.busy else self.text)
