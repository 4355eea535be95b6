"""A one-line status text that repaints only itself.

``Static.update`` asks for a new layout of the whole screen; with 10,000 flows that doubled the
cost of a filter keystroke, so the list's status line is a reactive without layout.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget


class StatusLine(Widget):
    text: reactive[str] = reactive("", layout=False)

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(StatusLine.text, text)

    def render(self) -> str:
        return self.text
