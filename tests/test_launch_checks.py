"""``flowtui``'s own arguments: one line and exit 2 for what cannot work, before any request
(issue #12)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from flowtui import applog
from flowtui.cli import main
from flowtui.tui.app import FlowtuiApp

TOKEN = "EAAGlaunchTOKEN0123456789"
GOOD = ["--base-url", "http://127.0.0.1:9", "--waba-id", "1"]


@pytest.fixture(autouse=True)
def no_log_file_left_behind() -> Iterator[None]:
    yield
    logger = logging.getLogger("flowtui")
    for handler in [h for h in logger.handlers if isinstance(h, applog.LogFile)]:
        logger.removeHandler(handler)
        handler.close()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[FlowtuiApp]:
    """The apps run_app started (none ran: ``run`` only records them, as quitting at once)."""
    apps: list[FlowtuiApp] = []

    def record(self: FlowtuiApp, **kwargs: object) -> None:
        apps.append(self)
        self._return_code = 0  # what Textual's exit() sets

    monkeypatch.setattr(FlowtuiApp, "run", record)
    return apps


def test_a_token_variable_with_a_line_break_is_one_line_quoting_none_of_it(
    started: list[FlowtuiApp], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FLOWTUI_TOKEN", f"{TOKEN}\n{TOKEN[::-1]}")
    assert main(GOOD) == 2
    err = capsys.readouterr().err
    assert err == (
        "flowtui: FLOWTUI_TOKEN holds an access token with a line break at position 26: set it "
        "again to the token alone, on one line.\n"
    )
    assert not started
