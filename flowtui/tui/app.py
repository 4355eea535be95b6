"""The App: owns the Graph client for the account on screen, switches accounts, reports errors."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from flowtui.api import FlowsClient, FlowsError, Token
from flowtui.api.secret import redact_every_token
from flowtui.catalog import FlowCatalog
from flowtui.text import printable, printable_lines
from flowtui.tui.account_source import AccountSource, client_for
from flowtui.tui.commands import FlowCommands, ProfileCommands
from flowtui.tui.context import NO_ACCOUNT, AccountContext, ClientFactory
from flowtui.tui.failures import ReportingWorkerManager, failure_sentence
from flowtui.tui.first_page import EarlyPage
from flowtui.tui.messages import AppMessage, MessagesScreen
from flowtui.tui.screens.help import HELP_BINDING, open_help

log = logging.getLogger("flowtui.app")
# An error toast stays until it is clicked or the messages view (L) is opened.
ERROR_TOAST_SECONDS = 7 * 24 * 3600.0
LOG_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "information": logging.INFO}


class FlowtuiApp(App[None]):
    TITLE = "flowtui"
    # Absolute paths: subclasses (tests) live elsewhere. One sheet per feature area.
    CSS_PATH = [
        Path(__file__).parent / name
        for name in ("flowtui.tcss", "assets.tcss", "migration.tcss", "player.tcss")
    ]
    COMMANDS = App.COMMANDS | {FlowCommands, ProfileCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        HELP_BINDING,
        Binding(
            "L",
            "messages",
            "Messages",
            id="messages",
            show=False,
            tooltip="This run's messages, and where the log is (clears the toasts)",
        ),
    ]

    def __init__(
        self,
        context: AccountContext | None,
        token: Token | None,
        *,
        client_factory: ClientFactory = client_for,
        accounts: AccountSource | None = None,
        early_page: EarlyPage | None = None,
        log_file: Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """``context`` None opens the first-run login screen (which needs ``accounts``);
        ``early_page`` is the first page of ``context``'s flows, already asked for. Every
        client the app opens (this account's, another profile's) comes from ``client_factory``.
        ``clock`` dates what the app records itself (the player's Actions log).
        """
        super().__init__()
        self._workers = ReportingWorkerManager(self)
        self.log_file = log_file
        self.clock = clock
        self.messages: list[AppMessage] = []
        # The app's cache of the account's flows: every screen reads and updates it.
        self.catalog = FlowCatalog()
        self.accounts = accounts
        self.open_client = client_factory
        self._client: FlowsClient | None = None
        self.context = context or NO_ACCOUNT
        if context is not None and token is not None:
            self._client = client_factory(context, token)
        self._early_page = early_page

    def action_help(self) -> None:
        open_help(self.screen)

    def take_early_page(self) -> EarlyPage | None:
        """The first page asked for at start-up, once (None after an account switch)."""
        early, self._early_page = self._early_page, None
        return early

    @property
    def client(self) -> FlowsClient:
        if self._client is None:
            raise RuntimeError("no account is open yet")
        return self._client

    def on_mount(self) -> None:
        if self._client is None:
            from flowtui.tui.screens.login import LoginScreen

            self.push_screen(LoginScreen())
        else:
            self._show_flows()

    async def on_unmount(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    def _show_flows(self) -> None:
        from flowtui.tui.screens.flow_list import FlowListScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(FlowListScreen())

    async def open_account(self, context: AccountContext, token: Token) -> None:
        """Show another account: a new client, and the flow list loaded afresh."""
        previous = self._client
        self._early_page = None  # it was for the other account
        self.catalog = FlowCatalog()
        self.context = context
        self._client = self.open_client(context, token)
        self._show_flows()
        if previous is not None:
            await previous.aclose()
        self.notify(f"Profile {context.profile}: account {context.waba_id}.", title="Account")

    def _fatal_error(self) -> None:
        """Textual's crash report, minus two ways a token could leak into it.

        Textual shows every frame's local variables, and frames inside httpx and httpcore hold
        the raw request headers, so locals are left out; and every token the process holds is
        redacted from what is left (an exception message could quote one: this account's, a
        migration source's, or one typed into the login screen before any client existed).
        """
        import rich
        from rich.segment import Segment, Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        rendered = self.console.render(traceback, self.console.options)
        self._exit_renderables.append(
            Segments(Segment(redact_every_token(s.text), s.style, s.control) for s in rendered)
        )
        self._close_messages_no_wait()

    def report_error(self, error: FlowsError, title: str) -> None:
        """A Graph or network failure as a toast: the sentence, then the way out."""
        self.notify(f"{error}\n{error.remedy}".strip(), title=title, severity="error")

    def report_failure(self, error: BaseException, doing: str) -> None:
        """A worker that failed (any screen's): the sentence and the way out on screen, the
        traceback in the log."""
        log.error("%s failed", doing, exc_info=error)
        sentence, way_out = failure_sentence(error, doing)
        self.notify(f"{sentence}\n{way_out}".strip(), title=f"{doing} failed", severity="error")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast: kept for the messages view, logged, never read as markup and without
        a control character (its text comes from Graph and files as often as not). Errors stay
        until dismissed."""
        message, title = printable_lines(message), printable(title)
        self.messages.append(AppMessage(severity, title, message))
        heading = f"{title}: " if title else ""
        log.log(LOG_LEVELS.get(severity, logging.INFO), "%s%s", heading, message.replace("\n", " "))
        if severity == "error":
            timeout = ERROR_TOAST_SECONDS
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_messages(self) -> None:
        if not isinstance(self.screen, MessagesScreen):
            self.clear_notifications()  # they are all in the view
            self.push_screen(MessagesScreen(self.messages, self.log_file))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's, with its Keys panel replaced by flowtui's ``?``, and the messages."""
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")
        yield SystemCommand("Keys", "Every key of this screen (?)", self.action_help)
        yield SystemCommand(
            "Messages", "This run's messages and where the log is (L)", self.action_messages
        )

    def show_usage(self) -> None:
        from flowtui.tui.widgets.account_bar import AccountBar

        for bar in self.screen.query(AccountBar):
            bar.usage = self.client.usage
