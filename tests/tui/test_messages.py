"""No failure is silent: worker failures are toasts and log entries, error toasts stay, this
run's messages are one key away, and every Graph request is in the log file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from flowtui import applog
from flowtui.api import FlowsClient
from flowtui.tui.app import ERROR_TOAST_SECONDS
from flowtui.tui.messages import MessagesScreen
from flowtui.tui.screens.flow_detail import FlowDetailScreen

from .conftest import SIZE, TOKEN, go_to, palette, screen_text, settle, unwrapped


@pytest.fixture
def log_file(dirs) -> Path:
    path = applog.configure(dirs.state / "log")
    assert path is not None
    yield path
    logger = logging.getLogger("flowtui")
    for handler in [h for h in logger.handlers if isinstance(h, applog.LogFile)]:
        logger.removeHandler(handler)
        handler.close()


async def test_an_unexpected_worker_failure_is_a_toast_and_a_logged_traceback(
    make_app, monkeypatch, log_file
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")

        async def broken(self, *args, **kwargs):
            raise RuntimeError(f"boom near {TOKEN}")

        monkeypatch.setattr(FlowsClient, "get_flow", broken)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FlowDetailScreen)  # the app carries on
        toast = next(t for t in app.toasts() if t.startswith("Loading the flow failed|"))
        assert "Loading the flow stopped: flowtui hit a problem it did not expect." in toast
        assert "The details are in the log" in toast
        assert "RuntimeError" not in toast and "boom" not in toast  # no internals on screen
    logged = log_file.read_text()
    assert "Loading the flow failed" in logged and "Traceback" in logged
    assert "RuntimeError: boom near ***" in logged and TOKEN not in logged


async def test_error_toasts_stay_until_dismissed(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.notify("Could not publish", severity="error")
        app.notify("Published", severity="information")
        await pilot.pause()
        timeouts = {n.message: n.timeout for n in app._notifications}
        assert timeouts["Could not publish"] >= ERROR_TOAST_SECONDS
        assert timeouts["Published"] < 60


async def test_L_shows_this_runs_messages_and_clears_the_toasts(make_app, log_file):
    app = make_app()
    app.log_file = log_file
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.notify("Graph said no [/] [b]twice[/b]", title="Could not publish", severity="error")
        app.notify("Published “Order feedback”.", title="Published")
        await pilot.pause()
        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, MessagesScreen)
        shown = unwrapped(screen_text(app))
        assert "Messages of this run (2)" in shown
        assert "Graph said no [/] [b]twice[/b]" in shown  # literally: never markup
        assert "Published “Order feedback”." in shown
        assert "Details are in the log:" in shown and log_file.name in shown
        assert not list(app._notifications)
        await pilot.press("escape")
        assert not isinstance(app.screen, MessagesScreen)


async def test_the_palette_offers_the_messages(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette(pilot, "messages", "This run's messages and where the log is")
        assert isinstance(app.screen, MessagesScreen)


async def test_every_graph_request_is_logged_without_the_token(make_app, log_file):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        await pilot.press("ctrl+d")  # a published flow: refused locally, no request
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    logged = log_file.read_text()
    assert "flowtui.graph: GET /v26.0/100000000000001/flows?fields=" in logged
    assert " -> 200 in " in logged
    assert "GET /v26.0/1000000000000114?fields=" in logged
    assert TOKEN not in logged and "Bearer" not in logged


async def test_a_refusal_is_logged_with_its_fbtrace_id(make_app, api, log_file):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        await pilot.press("n")
        await settle(pilot)
        from textual.widgets import Input, SelectionList

        app.screen.query_one("#name", Input).value = "Contact us"  # taken: Graph refuses
        app.screen.query_one("#categories", SelectionList).select("OTHER")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
    logged = log_file.read_text()
    assert "POST /v26.0/100000000000001/flows -> 400 in" in logged
    assert "fbtrace_id=" in logged
