"""A crash with a token loaded shows a traceback, and the token nowhere in it."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.binding import Binding

from flowtui.api import Token
from flowtui.tui.app import FlowtuiApp

from .conftest import SIZE, account, settle

TOKEN = "EAAGcrashTestTOKEN0123456789abcdef"


class CrashingApp(FlowtuiApp):
    BINDINGS = [Binding("f9", "crash", "Crash")]
    shown: list[object]

    def _print_error_renderables(self) -> None:
        self.shown = list(self._exit_renderables)  # what the terminal is about to get
        super()._print_error_renderables()

    def action_crash(self) -> None:
        # Like a frame inside httpcore: a local holding the raw header, and an exception
        # message quoting the token.
        header = f"Bearer {TOKEN}".encode()
        raise RuntimeError(f"boom while sending {header!r}")


async def test_the_crash_report_never_shows_the_token(sandbox_url):
    app = CrashingApp(account(sandbox_url), Token(TOKEN))
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f9")
            await pilot.pause()
    console = Console(file=io.StringIO(), width=200, color_system=None, record=True)
    for renderable in app.shown:
        console.print(renderable)
    report = console.export_text()
    assert "RuntimeError" in report and "boom while sending" in report
    assert "action_crash" in report  # the traceback shows where it happened
    assert TOKEN not in report
    assert "***" in report  # the quoted token was redacted, not dropped silently
