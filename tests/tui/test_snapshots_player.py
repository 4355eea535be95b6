"""The player pinned at 120x40: one picture per family of components, and a walk through a
wizard-like flow with its Actions log."""

from __future__ import annotations

from pathlib import Path

from flowtui.player.document import FlowDocument
from flowtui.tui.player_app import PlayerApp

from .conftest import FIXED_NOW, SIZE, settle, stop_blinking
from .snapshot_app import numbered_preview_tokens, snapshot_app, steps

TESTS = Path(__file__).parents[1]


def player_app(path: Path, **options) -> PlayerApp:
    document = FlowDocument.from_text(path.read_text())
    return PlayerApp(document, title=path.name, clock=lambda: FIXED_NOW, **options)


def test_player_text(snap_compare):
    app = player_app(TESTS / "flowjson/flows/v5_1_house_rules.json")
    assert snap_compare(app, run_before=steps(), terminal_size=SIZE)


def test_player_rich_text(snap_compare):
    app = player_app(TESTS / "flowjson/flows/v5_1_house_rules.json", screen="HOUSE_RULES")
    assert snap_compare(app, run_before=steps(), terminal_size=SIZE)


def test_player_inputs_with_errors(snap_compare):
    app = player_app(TESTS / "player/flows/inputs.json")
    assert snap_compare(app, run_before=steps("A", "tab", *"ana@", "tab"), terminal_size=SIZE)


def test_player_choices(snap_compare):
    app = player_app(TESTS / "player/flows/choices.json")
    assert snap_compare(app, run_before=steps("enter"), terminal_size=SIZE)


def test_player_calendar_with_a_range_and_a_refused_day(snap_compare):
    app = player_app(TESTS / "player/flows/calendar.json")
    keys = ("tab",) * 4 + ("enter", *("right",) * 4, "enter", "down", "left")
    assert snap_compare(app, run_before=steps(*keys), terminal_size=SIZE)


def test_player_navigation_list(snap_compare):
    app = player_app(TESTS / "flowjson/flows/v6_2_help_topics.json")
    assert snap_compare(app, run_before=steps(), terminal_size=SIZE)


def test_player_images_pickers_and_a_placeholder(snap_compare):
    app = player_app(TESTS / "player/flows/media.json", error_count=2)
    assert snap_compare(app, run_before=steps(), terminal_size=SIZE)


def test_player_narrow_terminal_hides_the_log(snap_compare):
    app = player_app(TESTS / "flowjson/flows/v6_2_help_topics.json")
    assert snap_compare(app, run_before=steps(), terminal_size=(80, 30))


def test_player_wizard_from_the_flow_list(snap_compare):
    """Ferry ticket booking (sandbox demo): P on the list, the first screen filled, Next."""

    async def run_before(pilot) -> None:
        from .conftest import go_to, until

        await settle(pilot)
        await go_to(pilot, "Ferry ticket booking")
        await pilot.press("P")
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "PlayerScreen")
        await settle(pilot)
        for key in (*"Eleni", "tab", *"Pappas", "tab", "enter", "down", "enter", "tab", *"X123"):
            await pilot.press(key)
            await settle(pilot)
        await pilot.click("#player-footer-button")
        await settle(pilot)
        stop_blinking(pilot)

    with numbered_preview_tokens():
        assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_player_pickers_and_a_placeholder_below_the_images(snap_compare):
    async def run_before(pilot) -> None:
        await steps()(pilot)
        pilot.app.screen.query_one("#player-phone-screen").scroll_end(animate=False)
        await pilot.pause()

    app = player_app(TESTS / "player/flows/media.json", error_count=2)
    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)
