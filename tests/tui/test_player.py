"""The player in the app, driven with Pilot: opened with P, walked to completion, closed."""

from __future__ import annotations

import json
from pathlib import Path

from flowtui.player.document import FlowDocument
from flowtui.tui.player_app import PlayerApp
from flowtui.tui.screens.player import PlayerScreen

from .conftest import FIXED_NOW, SIZE, go_to, settle, text_of, until


def shown(app, selector: str) -> str:
    return text_of(app, selector).rstrip("\n")


def on_player(pilot) -> bool:
    return isinstance(pilot.app.screen, PlayerScreen)


async def test_p_plays_the_selected_flow_to_its_completion(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        await pilot.press("P")
        await until(pilot, lambda: on_player(pilot))
        await settle(pilot)
        screen = app.screen
        assert shown(app, "#player-phone-title") == "✕ Rate your order"
        assert shown(app, "#player-footer-reason") == "Your rating is required."
        await pilot.press("enter")  # the first rating, Excellent
        await pilot.press("tab", *"Quick and warm")
        await settle(pilot)
        await pilot.click("#player-footer-button")
        await settle(pilot)
        assert screen.player.completion.payload == {
            "rating": "5",
            "comment": "Quick and warm",
            "flow_token": "flowtui-player",
        }
        assert "The business receives" in text_of(app, "#player-phone-notice")
        assert [entry.type for entry in screen.player.log] == ["init", "complete"]
        await pilot.press("escape")  # on the first screen: the player closes
        await until(pilot, lambda: not on_player(pilot))
        assert type(app.screen).__name__ == "FlowListScreen"


async def test_a_flow_without_flow_json_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Untitled sign-up")
        await pilot.press("P")
        await settle(pilot)
        assert not on_player(pilot)
        assert any("has no Flow JSON yet" in toast for toast in app.toasts())


def player_app(tmp_path: Path, flow: dict) -> PlayerApp:
    document = FlowDocument.from_json(flow)
    return PlayerApp(document, title="test", clock=lambda: FIXED_NOW, log_folder=tmp_path)


HOSTILE = {
    "version": "7.1",
    "screens": [
        {
            "id": "A",
            "title": "[bold red]Title[/] \x1b[2J",
            "terminal": True,
            "layout": {
                "type": "SingleColumnLayout",
                "children": [
                    {"type": "TextBody", "text": "[@click=app.quit]press[/] \x1b]52;c;aGk=\x07"},
                    {"type": "TextInput", "name": "x", "label": "[/]Label"},
                    {
                        "type": "Footer",
                        "label": "[b]Go",
                        "on-click-action": {"name": "complete", "payload": {"x": "${form.x}"}},
                    },
                ],
            },
        }
    ],
}


async def test_texts_from_the_flow_are_shown_literally(tmp_path):
    app = player_app(tmp_path, HOSTILE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown(app, "#player-phone-title") == "✕ [bold red]Title[/] ␛[2J"
        texts = [str(static.render()) for static in app.screen.query(".body")]
        assert texts == ["[@click=app.quit]press[/] ␛]52;c;aGk=␇"]
        labels = [str(static.render()) for static in app.screen.query(".part-label")]
        assert labels == ["[/]Label"]
        assert str(app.screen.query_one("#player-footer-button").label) == "[b]Go"


async def test_the_log_is_saved_as_json_with_s(tmp_path):
    app = player_app(tmp_path, HOSTILE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"hello")
        await settle(pilot)
        await pilot.click("#player-footer-button")
        await settle(pilot)
        app.screen.query_one("#player-log-lines").focus()
        await pilot.press("s")
        await settle(pilot)
        (saved,) = tmp_path.glob("flowtui-play-*.json")
        log = json.loads(saved.read_text())["log"]
        assert [entry["type"] for entry in log] == ["init", "complete"]
        assert log[1]["payload"] == {"x": "hello"}
        assert log[1]["at"].startswith("2026-11-02T09:00:00")


async def test_ctrl_l_hides_and_shows_the_log_and_ctrl_r_starts_again(tmp_path):
    app = player_app(tmp_path, HOSTILE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        log = app.screen.query_one("#player-log")
        assert log.display  # 120 columns: room for it
        await pilot.press("ctrl+l")
        assert not log.display
        await pilot.press("ctrl+l")
        assert log.display
        await pilot.press(*"abc")
        await settle(pilot)
        assert app.screen.player.current.form == {"x": "abc"}
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.screen.player.current.form == {}


async def test_a_bug_in_the_player_is_a_sentence_and_the_flow_is_kept(tmp_path, caplog):
    app = player_app(tmp_path, HOSTILE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"ok")
        await settle(pilot)
        screen = app.screen

        def broken(name, value):
            raise RuntimeError("boom")

        screen.player.fill = broken
        await pilot.press("x")
        await settle(pilot)
        assert app.is_running and screen.player.current.form == {"x": "ok"}
        assert any("did not expect while typing" in n.message for n in app._notifications)
        assert "RuntimeError: boom" in caplog.text


async def test_an_endpoint_flow_runs_against_the_sandboxs_demo_endpoint(sandbox_url):
    """In the embedded sandbox, P on an endpoint flow opens with INIT, and the Footer's
    data_exchange goes, encrypted with the phone number's key read from Graph, to the
    flow's demo endpoint, which ends it."""
    from dataclasses import replace

    from .conftest import RecordingApp, account

    context = replace(account(sandbox_url), demo_endpoint_base=f"{sandbox_url}/endpoint")
    app = RecordingApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Appointment dates")
        await pilot.press("P")
        await until(pilot, lambda: on_player(pilot))
        await settle(pilot)
        player = app.screen.player
        assert [(e.type, e.status) for e in player.log] == [("init", 200)]
        assert player.current.id == "AVAILABILITY"
        await pilot.click("#player-footer-button")
        await settle(pilot)
        assert [(e.type, e.status) for e in player.log][1:] == [
            ("data_exchange", 200),
            ("complete", None),
        ]
        assert player.completion.payload == {
            "home_days": {"start-date": "2026-11-09", "end-date": "2026-11-13"},
            "flow_token": "flowtui-player",
        }
        lines = app.screen.query_one("#player-log-lines")
        assert len(lines.lines) >= 3


async def test_the_palette_plays_the_selected_flow_and_question_mark_lists_the_players_keys(
    make_app,
):
    from flowtui.tui.screens.help import HelpScreen

    from .conftest import palette

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        await palette(pilot, "play", "Play “Order feedback”")
        await until(pilot, lambda: on_player(pilot))
        await settle(pilot)
        app.screen.query_one("#player-log-lines").focus()  # not an input: ? is a key here
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = text_of(app, "#help-keys")
        for description in (
            "The previous screen",
            "Show or hide the log",
            "Play from the start",
            "Save the log as JSON",
        ):
            assert description in keys
