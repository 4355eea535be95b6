"""The list is the app's cache of the account: a change reads one flow, coming back reads none.

The requests are counted where they arrive, in the sandbox's journal, never timed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import Input, SelectionList

from flowtui.api import FlowStatus
from flowtui.sandbox.server import SandboxOptions, SandboxServer
from flowtui.tui.account_source import AccountSource
from flowtui.tui.screens.flow_detail import FlowDetailScreen
from flowtui.tui.screens.flow_list import FlowListScreen
from flowtui.tui.widgets.account_bar import AccountBar
from flowtui.tui.widgets.flow_table import row_cells
from tests.flow_data import OWN_FLOWS

from .conftest import FIXED_NOW, SIZE, RecordingApp, account, go_to, screen_text, settle, until

NEWSLETTER = "1000000000000108"  # "Newsletter sign-up": a DRAFT without errors


def serve(extra_flows: int) -> Iterator[SandboxServer]:
    options = SandboxOptions(extra_flows=extra_flows, clock=lambda: FIXED_NOW)
    with SandboxServer(options) as server:
        yield server


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    yield from serve(0)


@pytest.fixture(scope="module")
def big_sandbox() -> Iterator[SandboxServer]:
    """10,015 flows (read-only use: the one test that changes a flow puts it back)."""
    yield from serve(10_000)


def requests(server: SandboxServer) -> list[str]:
    return [str(entry) for entry in server.journal.entries()]


def rows(app: RecordingApp) -> list[tuple[str, ...]]:
    """The list as the user sees it: every row's cells, in order."""
    return [tuple(map(str, row_cells(flow))) for flow in app.screen.table.shown_flows()]


def header(app: RecordingApp) -> str:
    return screen_text(app).splitlines()[0]


def status_text(app: RecordingApp) -> str:
    return app.screen.query_one("#list-status").text


async def test_a_publish_among_10000_flows_is_two_requests_and_one_row(big_sandbox):
    app = RecordingApp(account(big_sandbox.base_url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert status_text(app).startswith("10,015 flows")
        await pilot.press("slash", *"sign", "enter")  # a filter, kept through the change
        await go_to(pilot, "Newsletter sign-up")
        before = rows(app)
        at = app.screen.table.cursor_row
        big_sandbox.journal.clear()
        await pilot.press("p", "y")
        await settle(pilot)
        assert requests(big_sandbox) == [f"POST /{NEWSLETTER}/publish", f"GET /{NEWSLETTER}"]
        after = rows(app)
        assert len(after) == len(before)  # the same rows, this one changed in place
        changed = [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
        assert changed == [at]
        assert after[at][1].strip() == "PUBLISHED"
        assert app.screen.table.current_flow_id == NEWSLETTER
        assert app.screen.query_one("#filter", Input).value == "sign"
        assert "of 10,015 flows" in status_text(app)
    big_sandbox.store.flow(NEWSLETTER).status = FlowStatus.DRAFT  # as the module found it


async def test_back_from_a_detail_among_10000_flows_sends_nothing(big_sandbox):
    app = RecordingApp(account(big_sandbox.base_url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G")  # the last row: the cursor must come back to it
        chosen = app.screen.table.current_flow_id
        before = rows(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FlowDetailScreen))
        await settle(pilot)
        assert requests(big_sandbox)  # the detail did read its flow
        big_sandbox.journal.clear()
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, FlowListScreen))
        await settle(pilot)
        assert requests(big_sandbox) == []
        assert rows(app) == before
        assert app.screen.table.current_flow_id == chosen
        assert status_text(app).startswith("10,015 flows ·")  # no "loading…"


async def test_a_created_flow_appears_and_a_deleted_one_goes_without_a_reload(sandbox):
    app = RecordingApp(account(sandbox.base_url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        app.screen.query_one("#name", Input).value = "Brand new"
        app.screen.query_one("#categories", SelectionList).select("OTHER")
        await pilot.pause()
        sandbox.journal.clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        created = app.screen.table.current_flow_id  # the cursor is on the new flow
        assert requests(sandbox) == ["POST /100000000000001/flows", f"GET /{created}"]
        assert app.screen.current_flow().name == "Brand new"
        assert status_text(app).startswith("16 flows")
        sandbox.journal.clear()
        await pilot.press("ctrl+d", "y")
        await settle(pilot)
        assert requests(sandbox) == [f"DELETE /{created}"]
        assert "Brand new" not in {flow.name for flow in app.screen.table.shown_flows()}
        assert status_text(app).startswith("15 flows")


async def test_the_list_after_ten_actions_equals_a_fresh_load(sandbox):
    app = RecordingApp(account(sandbox.base_url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sandbox.journal.clear()

        async def on(name: str, *keys: str) -> None:
            await go_to(pilot, name)
            await pilot.press(*keys)
            await settle(pilot)

        await on("Newsletter sign-up", "p", "y")  # 1 publish
        await on("Order feedback", "x", "y")  # 2 deprecate
        await on("Untitled sign-up", "ctrl+d", "y")  # 3 delete
        await on("Interest picker", "c", "ctrl+s")  # 4 clone
        await on("Lead capture", "e")  # 5 rename
        app.screen.query_one("#name", Input).value = "Lead capture, renamed"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await on("Delivery address", "u")  # 6 upload a Flow JSON
        app.screen.query_one("#path", Input).value = str(OWN_FLOWS / "invalid_action_name.json")
        await until(pilot, lambda: not app.screen.query_one("#upload").disabled)
        await pilot.press("enter", "y")
        await settle(pilot)
        await on("Interest picker (copy)", "enter")  # 7-8: publish the clone from its detail
        await until(pilot, lambda: isinstance(app.screen, FlowDetailScreen))
        await settle(pilot)
        await pilot.press("p", "y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s", "s")  # 9: sorted by Updated, where changes move rows
        await on("Appointment dates", "c", "ctrl+s")  # 10 another clone
        assert not [t for t in app.toasts() if "Could not" in t or "flowtui hit" in t]

        sent = requests(sandbox)
        lists = [r for r in sent if r == "GET /100000000000001/flows"]
        assert lists == []  # ten actions, and not one read of the account's list
        cached = rows(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert requests(sandbox)[len(sent) :] == ["GET /100000000000001/flows"]
        assert rows(app) == cached
        assert len(cached) == 16  # 15, one deleted, two cloned


async def test_an_old_list_says_so_in_the_header_and_ctrl_r_renews_it(sandbox):
    now = [1000.0]
    app = RecordingApp(account(sandbox.base_url))
    app.catalog.clock = lambda: now[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        now[0] += 4 * 60
        screen.check_stale()
        await pilot.pause()
        assert "min ago" not in header(app)  # the default is 5 minutes
        now[0] += 2 * 60
        screen.check_stale()
        await pilot.pause()
        assert "read 6 min ago: ctrl+r" in header(app)
        sandbox.journal.clear()
        screen.check_stale()  # saying so is all it does: nothing is read behind the user's back
        await settle(pilot)
        assert requests(sandbox) == []
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.screen.query_one(AccountBar).stale_minutes is None
        assert "min ago" not in header(app)


async def test_the_age_that_makes_a_list_old_is_a_setting(sandbox, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[list]\nstale_after_minutes = 1.5\n")
    now = [1000.0]
    app = RecordingApp(account(sandbox.base_url))
    app.accounts = AccountSource(config)
    app.catalog.clock = lambda: now[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        now[0] += 2 * 60
        app.screen.check_stale()
        await pilot.pause()
        assert "read 2 min ago: ctrl+r" in header(app)


async def test_a_frame_drawn_between_a_change_and_its_showing_is_no_crash(sandbox):
    app = RecordingApp(account(sandbox.base_url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"sign", "enter")  # shown: positions in the catalog's rows
        await pilot.press("G")  # the last one, the last flow by name: about to go
        last = app.screen.table.current_flow_id
        assert last == "1000000000000115"  # "Untitled sign-up"
        app.catalog.remove(last)  # changed in place, not shown yet
        app.screen.table.refresh()
        await pilot.pause()  # a frame from the changed lists
        assert app.screen.table.current_flow_id == last  # as shown, until shown again
        app.screen.catalog_changed()
        await pilot.pause()
        assert last not in {flow.id for flow in app.screen.table.shown_flows()}
        assert app.is_running
