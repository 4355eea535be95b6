"""The detail screen: metadata, health, validation errors beside the JSON, preview links."""

from __future__ import annotations

from flowtui.tui.screens.flow_detail import FlowDetailScreen
from flowtui.tui.screens.flow_list import FlowListScreen

from .conftest import SIZE, go_to, settle, text_of


async def open_detail(pilot, name: str) -> FlowDetailScreen:
    await settle(pilot)
    await go_to(pilot, name)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FlowDetailScreen)
    return pilot.app.screen


async def test_enter_shows_metadata_and_health(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, "Contact us")
        meta = text_of(app, "#metadata")
        for expected in (
            "DRAFT",
            "1000000000000112",
            "CONTACT_US",
            "6.3",
            "3.0",
            "flowtui Sandbox App",
            "2026-10-18 11:00 UTC",
            "/preview/flows/",
            "2026-12-02 09:00 UTC",
        ):
            assert expected in meta, expected
        health = text_of(app, "#health")
        assert "Health  BLOCKED" in health
        assert "131000" in health and "PHONE_NUMBER 200000000000001  AVAILABLE" in health


async def test_selecting_an_error_shows_the_offending_lines(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot, "Contact us")
        assert screen.query_one("#errors").row_count == 10
        first = text_of(app, "#error-message")
        assert first.startswith("INVALID_PROPERTY_KEY  line 4, column 3:")
        excerpt = text_of(app, "#excerpt")
        assert '4   "data_channel_uri"' in excerpt and "❱" in excerpt
        await pilot.press("j")
        await pilot.pause()
        error = screen.flow.validation_errors[1]
        assert f"line {error.line_start}, column {error.column_start}" in text_of(
            app, "#error-message"
        )
        assert f"{error.line_start} " in text_of(app, "#excerpt")


async def test_a_flow_without_errors_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, "Order feedback")
        assert "Validation errors: none" in str(app.screen.query_one("#errors-title").render())


async def test_o_opens_the_preview_and_shows_the_link(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, "Order feedback")
        await pilot.press("o")
        await settle(pilot)
        first = app.opened[-1]
        assert "/preview/flows/1000000000000114/" in first
        assert any(first in t and "(opened)" in t for t in app.toasts())
        await pilot.press("o")
        await settle(pilot)
        assert app.opened[-1] == first  # reused while valid
        await pilot.press("O")
        await settle(pilot)
        fresh = app.opened[-1]
        assert fresh != first  # a fresh link
        assert any("New preview link" in t for t in app.toasts())
        shown = text_of(app, "#metadata")
        assert fresh in shown and first not in shown  # the revoked link is gone from the detail


async def test_lifecycle_keys_work_on_the_detail_too(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot, "Newsletter sign-up")
        await pilot.press("p", "y")
        await settle(pilot)
        assert str(screen.flow.status) == "PUBLISHED"
        assert "PUBLISHED" in text_of(app, "#metadata")


async def test_delete_from_the_detail_goes_back_to_the_list(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, "Untitled sign-up")
        await pilot.press("ctrl+d", "y")
        await settle(pilot)
        assert isinstance(app.screen, FlowListScreen)
        assert "1000000000000115" not in app.screen.flows


async def test_escape_goes_back_with_the_cursor_on_the_flow(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, "Ferry ticket booking")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, FlowListScreen)
        assert app.screen.table.current_flow_id == "1000000000000105"
