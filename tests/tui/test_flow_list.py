"""The flow list: loading, filter, sort, movement, refresh, quit."""

from __future__ import annotations

from textual.widgets import Input

from flowtui.tui.widgets.flow_table import FlowTable, row_cells

from .conftest import SIZE, settle, until


def names_on_screen(app) -> list[str]:
    return [flow.name for flow in app.screen.query_one(FlowTable).shown_flows()]


async def test_every_flow_is_listed_with_its_columns(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        names = names_on_screen(app)
        assert len(names) == 15
        assert names == sorted(names, key=str.casefold)  # sorted by name by default
        status = app.screen.query_one("#list-status").text
        assert status.startswith("15 flows · sorted by Name")
        table = app.screen.query_one(FlowTable)
        contact_us = next(f for f in table.shown_flows() if f.id == "1000000000000112")
        assert [str(c) for c in row_cells(contact_us)] == [
            "Contact us",
            " DRAFT ",
            "CONTACT_US",
            "10",
            "6.3",
            "1000000000000112",
            "2026-10-18 11:00",
        ]


async def test_slash_filters_as_you_type_and_escape_clears(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "p", "u", "b")
        assert app.screen.query_one("#filter", Input).has_focus
        assert set(names_on_screen(app)) == {
            "Customer satisfaction survey",
            "Interest picker",
            "Order feedback",
            "Product gallery",
            "Talk to an agent",
        }  # status PUBLISHED matches
        await pilot.press("backspace", "backspace", "backspace", *"survey")
        assert names_on_screen(app) == ["Customer satisfaction survey", "Order feedback"]
        await pilot.press("escape")
        assert len(names_on_screen(app)) == 15
        assert app.screen.query_one(FlowTable).has_focus
        assert not app.screen.query_one("#filter", Input).display


async def test_filter_matches_id_and_category_words(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"sign_in")
        assert names_on_screen(app) == ["Member sign in"]
        app.screen.query_one("#filter", Input).value = "1000000000000105"
        await pilot.pause()
        assert names_on_screen(app) == ["Ferry ticket booking"]


async def test_s_cycles_the_sort_column_and_keeps_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        table = app.screen.query_one(FlowTable)
        chosen = table.current_flow_id
        await pilot.press("s")
        assert "sorted by Status" in app.screen.query_one("#list-status").text
        statuses = [str(flow.status) for flow in table.shown_flows()]
        assert statuses == sorted(statuses)
        assert table.current_flow_id == chosen
        await pilot.press("s")  # Updated, newest first
        assert names_on_screen(app)[0] == "Untitled sign-up"
        await pilot.press("s")  # Errors, most first
        assert names_on_screen(app)[0] == "Ferry ticket booking"


async def test_vim_keys_move_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(FlowTable)
        await pilot.press("j", "j", "j")
        assert table.cursor_row == 3
        await pilot.press("k")
        assert table.cursor_row == 2
        await pilot.press("G")
        assert table.cursor_row == 14
        await pilot.press("g")
        assert table.cursor_row == 0


async def test_ctrl_r_refreshes_and_shows_new_flows(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G")
        chosen = app.screen.query_one(FlowTable).current_flow_id
        await api.create_flow("Added behind the app's back", ["OTHER"])
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "Added behind the app's back" in names_on_screen(app)
        assert app.screen.query_one(FlowTable).current_flow_id == chosen


async def test_q_quits_from_the_list(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit  # the app is exiting


async def test_a_slow_network_shows_a_spinner_not_a_frozen_screen():
    from flowtui.sandbox.server import running_sandbox

    from .conftest import RecordingApp, account

    with running_sandbox(latency_ms=600) as slow_url:
        app = RecordingApp(account(slow_url))
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: bool(app.screen.query("#list-status")))
            status = app.screen.query_one("#list-status")
            assert status.busy and str(status.render())[0] in "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
            first = str(status.render())
            await until(pilot, lambda: str(status.render()) != first, seconds=0.5)  # alive
            await pilot.press("j")  # keys still work while loading
            await settle(pilot)
            assert not status.busy and status.text.startswith("15 flows")


async def test_a_cursor_left_at_the_top_stays_there_while_pages_arrive():
    """Pages arrive newest first, so the first rows shown are not the first rows in the end;
    the cursor must not follow one of them into the middle of the list."""
    from flowtui.sandbox.server import running_sandbox

    from .conftest import RecordingApp, account

    with running_sandbox(extra_flows=450) as url:
        app = RecordingApp(account(url))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            table = app.screen.query_one(FlowTable)
            assert table.row_count == 465
            assert (table.cursor_row, table.scroll_offset.y) == (0, 0)
            assert table.shown_flows()[0].name == "Appointment dates"


async def test_a_filter_keystroke_is_one_frame_without_a_screen_layout(make_app, monkeypatch):
    """Typing repaints the box, the rows and the status together, in one frame, and does not
    lay out the whole screen (both were most of a keystroke's cost with 10,000 flows)."""
    from textual._compositor import Compositor
    from textual.screen import Screen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        frames: list[set[str | None]] = []
        layouts: list[Screen] = []
        update_widgets = Compositor.update_widgets
        refresh_layout = Screen._refresh_layout

        def record_frame(compositor, widgets):
            frames.append({widget.id for widget in widgets})
            return update_widgets(compositor, widgets)

        def record_layout(screen, *args, **kwargs):
            layouts.append(screen)
            return refresh_layout(screen, *args, **kwargs)

        monkeypatch.setattr(Compositor, "update_widgets", record_frame)
        monkeypatch.setattr(Screen, "_refresh_layout", record_layout)
        await pilot.press("s")
        await settle(pilot)
        assert {"filter", "flows", "list-status"} <= frames[0], frames
        assert layouts == []
        assert app.screen.query_one("#list-status").text.endswith("filter “s”")


async def test_a_long_filter_scrolls_inside_its_box(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *("x" * 150))
        box = app.screen.query_one("#filter", Input)
        assert box.value == "x" * 150
        assert box.scroll_offset.x > 0  # the cursor at the end is still in view


async def test_loaded_flows_are_kept_out_of_the_collectors_scans_and_garbage_still_goes(make_app):
    """Pages are frozen out of the cyclic collector as they come; once loaded, what those
    freezes caught that was garbage is collected (here an old cycle, dropped just before the
    load, with the collector off so that only the list's full collection can free it)."""
    import gc
    import weakref

    class Cycle:
        pass

    app = make_app()
    gc.disable()
    try:
        garbage = Cycle()
        garbage.itself = garbage  # type: ignore[attr-defined]
        gone = weakref.ref(garbage)
        gc.collect()  # it survives into the oldest generation, which a young collection skips
        del garbage
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await until(pilot, lambda: gone() is None)
            assert gc.get_freeze_count() > 0
    finally:
        gc.enable()


async def test_the_list_takes_its_first_page_from_the_early_request():
    """``flowtui`` asks for the first page on a thread before Textual starts; the list shows
    that answer and the app's own client is not asked for it again."""
    from flowtui.api import FlowsClient
    from flowtui.sandbox.server import SandboxOptions, SandboxServer
    from flowtui.tui.first_page import EarlyPage

    from .conftest import TOKEN, RecordingApp, account

    with SandboxServer(SandboxOptions()) as server:
        context = account(server.base_url)
        early = EarlyPage(
            lambda: FlowsClient(TOKEN, waba_id=context.waba_id, base_url=context.base_url)
        ).start()
        app = RecordingApp(context, early_page=early)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert len(names_on_screen(app)) == 15
            assert app.client.usage is not None  # the rate-limit usage came across too
        assert [str(r) for r in server.journal.entries()] == ["GET /100000000000001/flows"]


async def test_a_burst_of_binding_changes_rebuilds_the_footer_once(make_app, monkeypatch):
    from flowtui.tui.widgets.keys_footer import KeysFooter

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rebuilds: list[int] = []
        recompose = KeysFooter.recompose

        async def counting_recompose(footer):
            rebuilds.append(1)
            await recompose(footer)

        monkeypatch.setattr(KeysFooter, "recompose", counting_recompose)
        for _ in range(5):
            app.screen.refresh_bindings()
        await settle(pilot)
        assert len(rebuilds) == 1
        app.screen.refresh_bindings()  # a later change is not swallowed
        await settle(pilot)
        assert len(rebuilds) == 2
