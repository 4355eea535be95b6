"""A flow named with action markup is a name, not a button (issue #12, item 3).

``[@click=app.simulate_key('y')]Click to cancel[/]`` showed as "Delete flow “Click to
cancel”?", and clicking the name deleted the flow; ``[@click=app.quit]`` quit. Now the name
shows as written on every screen, and clicking it does nothing.
"""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input

from flowtui.sandbox.demo import PRIMARY_ACCOUNT, SECONDARY_ACCOUNT, build_store
from flowtui.sandbox.graph_time import REFERENCE_TIME
from flowtui.sandbox.model import Flow, FlowStatus
from flowtui.tui.modals.confirm import ConfirmModal
from flowtui.tui.screens.flow_detail import FlowDetailScreen
from flowtui.tui.screens.flow_list import FlowListScreen
from flowtui.tui.screens.migration import MigrationWizardScreen

from .conftest import FIXED_NOW, SIZE, go_to, screen_text, settle, until, unwrapped
from .hostile_app import BASE_URL, check_terminal

CANCEL = "[@click=app.simulate_key('y')]Click to cancel[/]"
QUIT = "[@click=app.quit]Quit now[/]"


def clicky_app():
    import httpx

    from flowtui.sandbox.app import create_app

    from .conftest import RecordingApp, account

    store = build_store("demo", 0, lambda: FIXED_NOW)
    for number, (name, waba) in enumerate(
        ((CANCEL, PRIMARY_ACCOUNT), (QUIT, PRIMARY_ACCOUNT), (CANCEL, SECONDARY_ACCOUNT))
    ):
        store.add_flow(
            Flow(
                id=str(1_000_000_000_000_901 + number),
                waba_id=waba.id,
                name=name,
                categories=["OTHER"],
                status=FlowStatus.DRAFT,
                created_at=REFERENCE_TIME + 10 + number,
                updated_at=REFERENCE_TIME + 10 + number,
            )
        )
    transport = httpx.ASGITransport(app=create_app(store))
    # An in-process ASGI app at a made-up host: nothing goes over a network.
    app = RecordingApp(account(BASE_URL), http_transport=transport, allow_insecure_http=True)
    return app, store


async def click_every_line(pilot, needle: str) -> int:
    """Click every cell of every line of the screen that shows ``needle``; how many."""
    clicks = 0
    for y, line in enumerate(screen_text(pilot.app).splitlines()):
        x = line.find(needle)
        if x < 0:
            continue
        for dx in range(0, len(needle), 3):
            await pilot.click(offset=(x + dx, y))
            clicks += 1
            assert pilot.app.is_running and pilot.app.return_code is None
    await settle(pilot)
    return clicks


def still_there(store, name: str, waba: str = PRIMARY_ACCOUNT.id) -> bool:
    return store.find_by_name(waba, name) is not None


async def test_the_name_shows_as_written_and_clicking_it_does_nothing():
    app, store = clicky_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # the list
        shown = unwrapped(screen_text(app))
        assert "[@click=app.simulate_key('y" in shown and "[@click=app.quit]Quit" in shown
        assert await click_every_line(pilot, "[@click=app.quit]")
        assert isinstance(app.screen, FlowListScreen)
        check_terminal(app)

        # the detail
        await go_to(pilot, QUIT)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FlowDetailScreen))
        await settle(pilot)
        assert QUIT in screen_text(app)
        assert await click_every_line(pilot, QUIT)
        assert isinstance(app.screen, FlowDetailScreen)
        await pilot.press("escape")
        await settle(pilot)

        # the confirmation: the question names it whole, and clicking it answers nothing
        await go_to(pilot, CANCEL)
        await pilot.press("ctrl+d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert f"Delete flow “{CANCEL}”" in unwrapped(screen_text(app))
        assert await click_every_line(pilot, "Click to cancel")
        assert isinstance(app.screen, ConfirmModal)  # no "y" was simulated
        await pilot.press("n")
        await settle(pilot)
        assert still_there(store, CANCEL) and still_there(store, QUIT)

        # the palette
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Del")
        await until(pilot, lambda: "Delete “" in screen_text(app))
        assert f"Delete “{CANCEL}”" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert still_there(store, CANCEL)

        # the migration wizard: the source's flows, the review, the last confirmation
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MigrationWizardScreen))
        wizard = app.screen
        wizard.query_one("#source-id", Input).value = SECONDARY_ACCOUNT.id
        await pilot.press("ctrl+n")
        await until(pilot, lambda: wizard.step == "flows")
        await settle(pilot)
        assert CANCEL in screen_text(app)
        assert await click_every_line(pilot, "Click to cancel")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: wizard.step == "destination")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: wizard.step == "review")
        await settle(pilot)
        assert CANCEL in screen_text(app)
        assert await click_every_line(pilot, "Click to cancel")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        check_terminal(app)
        await pilot.press("n")
        await settle(pilot)
        assert wizard.step == "review" and wizard.requests_sent == 0
        assert still_there(store, CANCEL) and still_there(store, QUIT)
        assert still_there(store, CANCEL, SECONDARY_ACCOUNT.id)
        assert app.is_running and app.return_code is None
