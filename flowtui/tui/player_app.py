"""``flowtui play FILE``: the player on its own, for a local Flow JSON (no account needed)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel

from flowtui.player.document import FlowDocument
from flowtui.text import printable, printable_lines
from flowtui.tui.screens.help import HELP_BINDING, open_help
from flowtui.tui.screens.player import PlayerScreen

TUI = Path(__file__).parent
log = logging.getLogger("flowtui.player")


class PlayerApp(App[None]):
    TITLE = "flowtui play"
    CSS_PATH = [TUI / "flowtui.tcss", TUI / "player.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        HELP_BINDING,
    ]

    def __init__(self, document: FlowDocument, *, title: str, **options: Any) -> None:
        super().__init__()
        self.player_screen = PlayerScreen(document, title=title, **options)

    def on_mount(self) -> None:
        self.push_screen(self.player_screen, callback=lambda _: self.exit())

    def action_help(self) -> None:
        open_help(self.screen)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Toasts say what the flow says (its screen ids, an endpoint's words): never read as
        markup, no control character, and logged."""
        message, title = printable_lines(message), printable(title)
        log.info("%s%s", f"{title}: " if title else "", message.replace("\n", " "))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)
