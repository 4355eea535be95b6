"""``a``: the asset browser shows, saves and uploads a flow's Flow JSON."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input, Static

from flowtui.api import FlowStatus
from flowtui.flowjson import validate_flow_json
from flowtui.tui.modals.checked_upload import CheckedUploadModal
from flowtui.tui.modals.confirm import ConfirmModal
from flowtui.tui.modals.save_json import SaveJsonModal
from flowtui.tui.screens.assets import AssetBrowserScreen
from flowtui.tui.screens.flow_detail import FlowDetailScreen
from flowtui.tui.widgets.json_view import JsonView

from .conftest import SIZE, go_to, settle, text_of
from .test_forms import VALID_73

CONTACT_US = "1000000000000112"
NEWSLETTER = "1000000000000108"
ORDER_FEEDBACK = "1000000000000114"


async def open_assets(pilot, name: str) -> AssetBrowserScreen:
    await settle(pilot)
    await go_to(pilot, name)
    await pilot.press("a")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AssetBrowserScreen)
    return screen


async def fill_path(pilot, path: Path | str) -> None:
    pilot.app.screen.query_one("#path", Input).value = str(path)
    await pilot.pause()


async def test_a_lists_the_assets_and_shows_the_json(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assets(pilot, "Contact us")
        table = screen.query_one("#asset-table")
        name, kind, url = (str(cell) for cell in table.get_row_at(0))
        assert (name, kind) == ("flow.json", "FLOW_JSON")
        assert "/cdn/flow-assets/1000000000000112/" in url
        live = await api.download_asset(url)
        assert screen.query_one("#json-view", JsonView).flow_json == live.decode()
        assert "Validation errors (10)" in str(screen.query_one("#asset-errors-title").render())
        # Selecting an error highlights its lines and says where it is.
        screen.query_one("#asset-errors").focus()
        await pilot.press("j")
        await pilot.pause()
        assert "line 19, column 21" in text_of(app, "#asset-error-message")
        assert screen.query_one("#json-view", JsonView).scroll_y > 0  # scrolled to line 19
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, AssetBrowserScreen)


async def test_a_works_from_the_detail_and_escape_returns_there(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AssetBrowserScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, FlowDetailScreen)


async def test_s_saves_the_exact_bytes_and_asks_before_replacing(
    make_app, api, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    saved = tmp_path / "order-feedback.json"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_assets(pilot, "Order feedback")
        await pilot.press("s")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, SaveJsonModal)
        assert modal.query_one("#path", Input).value == "./order-feedback.json"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AssetBrowserScreen)
        asset = (await api.get_flow_assets(ORDER_FEEDBACK))[0]
        assert saved.read_bytes() == await api.download_asset(asset)
        assert any(str(saved) in toast for toast in app.toasts())  # says where

        # Saving again to the same file asks first; "no" keeps the file and the form.
        saved.write_text("keep me")
        await pilot.press("s")
        await pilot.pause()
        assert "exists" in str(app.screen.query_one("#path-error", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SaveJsonModal)
        assert app.screen.query_one("#path", Input).value == "./order-feedback.json"
        assert saved.read_text() == "keep me"
        await pilot.press("ctrl+s")
        await pilot.press("y")
        await settle(pilot)
        assert saved.read_bytes() == await api.download_asset(asset)


async def test_u_uploads_a_valid_file_and_the_flow_changes(make_app, api, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(VALID_73, indent=2))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_assets(pilot, "Contact us")
        await pilot.press("u")
        await fill_path(pilot, good)
        assert isinstance(app.screen, CheckedUploadModal)
        assert "no validation errors" in str(app.screen.query_one("#local-errors").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AssetBrowserScreen)
        flow = await api.get_flow(CONTACT_US)
        assert flow.validation_errors == () and flow.json_version == "7.3"
        assert app.screen.query_one("#json-view", JsonView).flow_json == good.read_text()
        assert "none" in str(app.screen.query_one("#asset-errors-title").render())


async def test_u_shows_local_errors_first_and_sends_only_on_yes(make_app, api, tmp_path):
    broken = dict(VALID_73, screens=[dict(VALID_73["screens"][0], id="done-lowercase!")])
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(broken, indent=2))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assets(pilot, "Newsletter sign-up")
        await pilot.press("u")
        await fill_path(pilot, bad)
        verdict = str(app.screen.query_one("#local-errors").render())
        local = validate_flow_json(bad.read_text())
        assert f"Local checks: {len(local)} validation error" in verdict
        assert f"line {local[0]['line_start']}, col {local[0]['column_start']}" in verdict
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert (await api.get_flow(NEWSLETTER)).validation_errors == ()  # nothing sent
        await pilot.press("ctrl+s")
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
        uploaded = (await api.get_flow(NEWSLETTER)).validation_errors
        assert uploaded  # Graph saved it with errors
        # The errors Graph returned are listed and positioned in the (new) JSON.
        title = str(screen.query_one("#asset-errors-title").render())
        assert f"Errors from the upload ({len(uploaded)})" in title
        first = uploaded[0]
        assert f"line {first.line_start}" in text_of(app, "#asset-error-message")


async def test_u_on_a_published_flow_says_it_returns_to_draft(make_app, api, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(VALID_73))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_assets(pilot, "Order feedback")
        await pilot.press("u")
        await pilot.pause()
        assert "back to DRAFT" in str(app.screen.query_one("#upload-warning").render())
        await fill_path(pilot, good)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (await api.get_flow(ORDER_FEEDBACK)).status is FlowStatus.DRAFT


async def test_u_is_not_offered_read_only(make_app):
    app = make_app(read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_assets(pilot, "Contact us")
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, AssetBrowserScreen)


async def test_a_failed_load_says_so_and_keeps_the_screen(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Untitled sign-up")
        await api.delete_flow("1000000000000115")  # gone behind the app's back
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AssetBrowserScreen)
        assert any(t.startswith("Could not load the assets|") for t in app.toasts())
        message = app.screen.query_one("#json-view", JsonView).message
        assert message is not None and "could not be loaded: ctrl+r tries again" in message
