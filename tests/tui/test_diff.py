"""``D``: the live Flow JSON against a local file, as a coloured unified diff."""

from __future__ import annotations

from textual.widgets import Button, Input, Static

from flowtui.tui.modals.flow_json_path import FlowJsonPathModal
from flowtui.tui.screens.diff import DiffScreen

from .conftest import SIZE, go_to, settle, text_of

ORDER_FEEDBACK = "1000000000000114"


async def test_d_diffs_the_live_json_against_a_file_or_says_it_is_identical(
    make_app, api, tmp_path
):
    asset = (await api.get_flow_assets(ORDER_FEEDBACK))[0]
    live = (await api.download_asset(asset)).decode()
    edited = tmp_path / "edited.json"
    edited.write_text(live.replace('"version": "7.3"', '"version": "7.2"', 1))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, FlowJsonPathModal)
        box = app.screen.query_one("#path", Input)
        box.value = str(tmp_path / "missing.json")
        await pilot.pause()
        assert "does not exist" in str(app.screen.query_one("#path-error", Static).render())
        assert app.screen.query_one("#ok", Button).disabled  # checked before comparing
        box.value = str(edited)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        assert "+1 -1 lines" in text_of(app, "#diff-summary")
        lines = app.screen.query_one("#diff-lines", Static).content
        styles = {str(span.style) for span in lines.spans}
        assert {"green", "red", "bold cyan"} <= styles  # added, removed, hunk header
        shown = text_of(app, "#diff-lines")
        assert '-  "version": "7.3",' in shown and '+  "version": "7.2",' in shown
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, DiffScreen)

        # The live JSON against itself: said in words.
        same = tmp_path / "same.json"
        same.write_text(live)
        await pilot.press("D")
        app.screen.query_one("#path", Input).value = str(same)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "identical to the live Flow JSON" in text_of(app, "#diff-summary")
