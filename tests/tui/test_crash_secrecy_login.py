"""A crash before any account is open (on the login screen, with a token typed) still keeps
the token out of the report (issue #12, item 4)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.binding import Binding

from flowtui.api import Token
from flowtui.tui.account_source import AccountSource
from flowtui.tui.app import FlowtuiApp

from .conftest import SIZE, settle

TOKEN = "EAAGtypedAtLoginTOKEN0123456789"


class CrashingLogin(FlowtuiApp):
    BINDINGS = [Binding("f9", "crash", "Crash")]
    shown: list[object]

    def _print_error_renderables(self) -> None:
        self.shown = list(self._exit_renderables)
        super()._print_error_renderables()

    def action_crash(self) -> None:
        self.typed = Token(TOKEN)  # as the login screen holds it while checking
        raise RuntimeError(f"boom with {self.typed.reveal()!r} and {TOKEN.encode()!r}")


async def test_a_crash_on_the_login_screen_does_not_show_the_typed_token(tmp_path: Path):
    app = CrashingLogin(None, None, accounts=AccountSource(tmp_path / "config.toml"))
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f9")
            await pilot.pause()
    console = Console(file=io.StringIO(), width=200, color_system=None, record=True)
    for renderable in app.shown:
        console.print(renderable)
    report = console.export_text()
    assert "boom with" in report
    assert TOKEN not in report and "EAAGtypedAtLogin" not in report
