"""This run's messages: every toast the app showed, kept for the messages view (``L``).

Toasts vanish (errors stay until dismissed); the messages view keeps them all, with their time,
and names the log file where the details (tracebacks, every Graph request) are.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from flowtui.tui.widgets.literal import literal

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "information": "green"}


@dataclass(frozen=True)
class AppMessage:
    severity: str
    title: str
    text: str
    at: float = field(default_factory=time.time)


class MessagesScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("L", "dismiss", "Close", show=False),
    ]

    def __init__(self, messages: list[AppMessage], log_file: Path | None) -> None:
        super().__init__()
        self.messages = list(messages)
        self.log_file = log_file

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="messages-dialog"):
            yield Label(f"Messages of this run ({len(self.messages)})", id="form-title")
            yield Static(self._table() if self.messages else "None yet.", id="messages")
            where = (
                f"Details are in the log: {self.log_file}"
                if self.log_file
                else ("This run writes no log file.")
            )
            yield Static(literal(where), id="messages-log")

    def _table(self) -> Table:
        table = Table(box=None, padding=(0, 1), show_header=False, expand=True)
        table.add_column(no_wrap=True, style="dim")
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        for message in self.messages:
            stamp = time.strftime("%H:%M:%S", time.localtime(message.at))
            severity = Text(message.severity, SEVERITY_STYLES.get(message.severity, ""))
            body = literal(message.title, "bold") if message.title else Text()
            if message.title:
                body.append("\n")
            body.append_text(literal(message.text, lines=True))
            body.overflow = "fold"  # long links and paths fold rather than end in …
            table.add_row(stamp, severity, body)
        return table

    def on_mount(self) -> None:
        self.query_one("#messages-dialog").scroll_end(animate=False)  # newest last

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
