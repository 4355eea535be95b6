"""``?`` lists every key of the screen; ctrl+p offers every action by name."""

from __future__ import annotations

from flowtui.tui.screens.help import HelpScreen
from flowtui.tui.screens.keys import key_rows

from .conftest import SIZE, go_to, palette, settle, text_of

LIFECYCLE = ["n", "e", "u", "p", "x", "^d", "c", "o", "O", "a", "E", "D", "m", "P", "?"]


async def test_question_mark_lists_every_key(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        rows = {key: (description, note) for key, description, note in key_rows(app.screen)}
        for key in [*LIFECYCLE, "/", "s", "^r", "q", "j", "k", "g", "G"]:
            assert key in rows, key
        assert rows["p"][1] == "unavailable now"  # a published flow can't be published
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Keys: flow list" in text_of(app, "#form-title")
        shown = text_of(app, "#help-keys")
        assert "Publish a DRAFT flow" in shown and "Copy this flow into a new DRAFT" in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_question_mark_works_on_every_screen_and_names_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        for keys, name in (
            (("enter",), "flow detail"),
            (("escape", "a"), "asset browser"),
        ):
            await pilot.press(*keys)
            await settle(pilot)
            owner = app.screen
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            assert f"Keys: {name}" in text_of(app, "#form-title")
            await pilot.press("question_mark")  # ? again closes it
            assert app.screen is owner


async def test_a_opens_the_asset_browser_and_escape_closes_it(make_app):
    from flowtui.tui.screens.assets import AssetBrowserScreen
    from flowtui.tui.screens.flow_list import FlowListScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AssetBrowserScreen)
        assert "Assets of Order feedback" in text_of(app, "#assets-title")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, FlowListScreen)


async def test_m_opens_the_migration_wizard_and_escape_closes_it(make_app):
    from flowtui.tui.screens.flow_list import FlowListScreen
    from flowtui.tui.screens.migration import MigrationWizardScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MigrationWizardScreen)
        assert app.screen.step == "source"
        assert "1 Source" in text_of(app, "#wizard-steps")
        await pilot.press("escape")  # nothing chosen yet: closes without asking
        await settle(pilot)
        assert isinstance(app.screen, FlowListScreen)


async def test_the_palette_runs_actions_by_name(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Newsletter sign-up")
        await palette(pilot, "publish", "Publish “Newsletter sign-up”")
        assert "Newsletter sign-up" in app.screen.question  # the confirm modal
