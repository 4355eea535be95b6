"""The App: owns the Graph client for the account on screen, switches accounts, reports errors."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from flowtui.api import FlowsClient, FlowsError, Token
from flowtui.tui.account_source import AccountSource, client_for
from flowtui.tui.commands import FlowCommands, ProfileCommands
from flowtui.tui.context import NO_ACCOUNT, AccountContext, ClientFactory
from flowtui.tui.first_page import EarlyPage


class FlowtuiApp(App[None]):
    TITLE = "flowtui"
    # Absolute paths: subclasses (tests) live elsewhere. One sheet per feature area.
    CSS_PATH = [
        Path(__file__).parent / name for name in ("flowtui.tcss", "assets.tcss", "migration.tcss")
    ]
    COMMANDS = App.COMMANDS | {FlowCommands, ProfileCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Keys", id="help", tooltip="Every key of this screen"),
    ]

    def __init__(
        self,
        context: AccountContext | None,
        token: Token | None,
        *,
        client_factory: ClientFactory = client_for,
        accounts: AccountSource | None = None,
        early_page: EarlyPage | None = None,
    ) -> None:
        """``context`` None opens the first-run login screen (which needs ``accounts``);
        ``early_page`` is the first page of ``context``'s flows, already asked for. Every
        client the app opens (this account's, another profile's) comes from ``client_factory``.
        """
        super().__init__()
        self.accounts = accounts
        self.open_client = client_factory
        self._client: FlowsClient | None = None
        self.context = context or NO_ACCOUNT
        if context is not None and token is not None:
            self._client = client_factory(context, token)
        self._early_page = early_page

    def action_help(self) -> None:
        """``?`` on any screen: its keys (``?`` again, or escape, closes them)."""
        from flowtui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

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
        self.context = context
        self._client = self.open_client(context, token)
        self._show_flows()
        if previous is not None:
            await previous.aclose()
        self.notify(f"Profile {context.profile}: account {context.waba_id}.", title="Account")

    def _fatal_error(self) -> None:
        """Textual's crash report, minus two ways a token could leak into it.

        Textual shows every frame's local variables, and frames inside httpx and httpcore hold
        the raw request headers, so locals are left out; and the token is redacted from what
        is left (an exception message could quote it).
        """
        import rich
        from rich.segment import Segment, Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        rendered = self.console.render(traceback, self.console.options)
        redact = self._client.redact if self._client is not None else str
        self._exit_renderables.append(
            Segments(Segment(redact(s.text), s.style, s.control) for s in rendered)
        )
        self._close_messages_no_wait()

    def report_error(self, error: FlowsError, title: str) -> None:
        """A Graph or network failure as a toast: the sentence, then the way out."""
        self.notify(f"{error}\n{error.remedy}".strip(), title=title, severity="error", timeout=10)

    def show_usage(self) -> None:
        from flowtui.tui.widgets.account_bar import AccountBar

        for bar in self.screen.query(AccountBar):
            bar.usage = self.client.usage
