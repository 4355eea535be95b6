"""The endpoint doctor on screen (``C``): each check's line as it is done, ok, FAIL or skip.

The checks are :mod:`flowtui.endpoint.doctor`'s, run in a worker; ``r`` runs them again,
``escape`` closes. Every text from the endpoint is shown literally.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

import httpx
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from flowtui.endpoint.doctor import CHECK_NAMES, Check, Target, passed, run_checks
from flowtui.tui.widgets.literal import literal

VERDICTS = {
    True: ("ok  ", "check--ok"),
    False: ("FAIL", "check--fail"),
    None: ("skip", "check--skip"),
}

TargetSource = Callable[[], Awaitable[Target | str]]  # the target, or why there is none


class EndpointCheckModal(ModalScreen[None]):
    COMPONENT_CLASSES = {"check--ok", "check--fail", "check--skip"}
    BINDINGS = [
        Binding("escape", "dismiss_check", "Close"),
        Binding("r", "run_again", "Run again"),
    ]

    def __init__(
        self,
        title: str,
        target: TargetSource,
        *,
        clock: Callable[[], float] = time.perf_counter,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__()
        self.heading = title
        self.target = target
        self.clock = clock
        self.transport = transport  # (tests: an endpoint in the process)
        self.checks: list[Check] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="endpoint-check"):
            yield Static(literal(self.heading), id="question")
            yield Static(id="check-lines")
            yield Static(id="check-summary")
            yield Static("r run again · escape close", classes="dialog-keys")

    def on_mount(self) -> None:
        self.run_checks()

    def action_dismiss_check(self) -> None:
        self.dismiss(None)

    def action_run_again(self) -> None:
        self.run_checks()

    @work(exclusive=True, group="endpoint-check", description="Checking the endpoint")
    async def run_checks(self) -> None:
        self.checks = []
        self._show("Reading the flow, its endpoint and the phone number's key…")
        target = await self.target()
        if isinstance(target, str):
            self._show(target, failed=True)
            return
        self._show(f"Checking {target.url}…")
        async with httpx.AsyncClient(transport=self.transport) as http:
            async for check in run_checks(target, http, clock=self.clock):
                self.checks.append(check)
                done = len(self.checks)
                self._show(f"Checking {target.url}… {done} of {len(CHECK_NAMES)}")
        verdict = "every check passed" if passed(self.checks) else "a check failed"
        self._show(f"{target.url}: {verdict}.", failed=not passed(self.checks))

    def _show(self, summary: str, *, failed: bool = False) -> None:
        lines = Text()
        for index, check in enumerate(self.checks):
            if index:
                lines.append("\n")
            word, style = VERDICTS[check.ok]
            took = f" ({check.ms:.0f} ms)" if check.ms is not None else ""
            lines.append(word, style=self.get_component_rich_style(style))
            lines.append(f" {check.name}: ", style="bold")
            lines.append(literal(f"{check.detail}{took}"))
        self.query_one("#check-lines", Static).update(lines)
        summary_line = self.query_one("#check-summary", Static)
        summary_line.update(literal(summary))
        summary_line.set_class(failed, "-failed")
