"""``?``: every key of the screen it was opened from, read from the live bindings."""

from __future__ import annotations

import re
from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from flowtui.tui.screens.keys import key_rows
from flowtui.tui.widgets.literal import literal

# ``?`` on every screen of every flowtui app (its keys; ``?`` again, or escape, closes them).
HELP_BINDING = Binding(
    "question_mark", "help", "Keys", id="help", tooltip="Every key of this screen"
)


def open_help(screen: Screen[Any]) -> None:
    if not isinstance(screen, HelpScreen):
        screen.app.push_screen(HelpScreen(screen))


def screen_name(screen: Screen[Any]) -> str:
    """What a screen is, in words: its TITLE, else its class name spelled out
    (``FlowListScreen`` is "flow list", ``ConfirmModal`` is "confirm")."""
    if screen.TITLE:
        return screen.TITLE
    name = type(screen).__name__.removesuffix("Screen").removesuffix("Modal")
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, owner: Screen[Any]) -> None:
        super().__init__()
        self.owner = owner

    def compose(self) -> ComposeResult:
        table = Table(box=None, padding=(0, 2), show_header=True, header_style="bold")
        table.add_column("Key", no_wrap=True)
        table.add_column("Action")
        table.add_column("")
        for key, description, note in key_rows(self.owner):
            table.add_row(literal(key), literal(description), literal(note))  # never markup
        with VerticalScroll(id="dialog"):
            yield Label(f"Keys: {screen_name(self.owner)}", id="form-title")
            yield Static(table, id="help-keys")
            yield Label("escape closes · ctrl+p lists every action · ctrl+q quits", id="help-hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
