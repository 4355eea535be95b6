"""Hostile text typed or pasted into every text box of the app (issue #12): nothing crashes,
nothing typed is lost, the box and its field errors show it literally, and what is sent is
exactly what was typed.

A handful of strings per box (:data:`tests.hostile.REPRESENTATIVE`, pasted as a terminal
pastes); the ones that crashed the app before are also typed key by key.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, SelectionList

from flowtui.accounts.service import LoginOutcome
from flowtui.accounts.verify import VerificationFailure, VerificationResult
from flowtui.api import Token
from flowtui.tui.account_source import AccountSource
from flowtui.tui.app import FlowtuiApp
from flowtui.tui.modals.flow_form import FlowFormModal
from flowtui.tui.modals.flow_json_path import FlowJsonPathModal
from flowtui.tui.modals.upload import UploadModal
from flowtui.tui.screens.flow_list import FlowListScreen
from flowtui.tui.screens.login import LoginScreen
from flowtui.tui.screens.migration import MigrationWizardScreen
from tests.hostile import HOSTILE, REPRESENTATIVE, safe_name

from .conftest import SIZE, go_to, screen_text, settle, until
from .hostile_app import check_terminal, hostile_app, shows

FORM_BOXES = ("#name", "#endpoint", "#json-path", "#clone-from")


async def paste(pilot, selector: str, text: str) -> None:
    """Replace the box's text with ``text`` as a terminal's paste brings it."""
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.value = ""
    box.post_message(events.Paste(text))
    await settle(pilot)


def kept(text: str, *, pasted: bool = True) -> str:
    """What a box holds after ``text`` is pasted (its first line) or prefilled: a lone
    surrogate (which nothing could send) as U+FFFD, everything else as it was."""
    return re.sub("[\ud800-\udfff]", "\ufffd", text.splitlines()[0] if pasted else text)


def value(app, selector: str) -> str:
    return app.screen.query_one(selector, Input).value


@pytest.mark.parametrize("box", FORM_BOXES)
async def test_markup_typed_into_the_new_flow_form_keeps_everything_typed(make_app, box):
    """``x[/`` typed key by key into any box used to kill the app, and the name with it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, FlowFormModal))
        if box != "#name":
            app.screen.query_one("#name", Input).value = "Keep me"
        app.screen.query_one("#categories", SelectionList).select("SURVEY")
        app.screen.query_one(box, Input).focus()
        await pilot.press(*"x[/")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        check_terminal(app)
        if box == "#name":  # a good name: created, and the toast says so literally
            assert isinstance(app.screen, FlowListScreen)
            assert app.messages[-1].text.startswith("Created “x[/” (")
            return
        # refused with the field marked, everything typed still there
        assert isinstance(app.screen, FlowFormModal)
        assert value(app, box) == "x[/"
        assert value(app, "#name") == "Keep me"
        assert app.screen.query_one("#categories", SelectionList).selected == ["SURVEY"]


async def test_hostile_text_pasted_into_every_box_of_the_new_flow_form(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, FlowFormModal))
        for text in REPRESENTATIVE:
            for box in FORM_BOXES:
                if box == "#json-path" and len(text) > 255:
                    continue  # see the next test
                await paste(pilot, box, text)
                check_terminal(app)
                assert value(app, box) == kept(text)
            await pilot.press("ctrl+s")  # refused: the fields say why, quoting them
            await settle(pilot)
            check_terminal(app)
            assert isinstance(app.screen, FlowFormModal)


async def test_a_path_too_long_for_the_file_system_in_the_flow_json_box(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, FlowFormModal))
        await paste(pilot, "#json-path", "A" * 300)
        check_terminal(app)


async def test_flows_created_with_hostile_names_keep_them_exactly(make_app, api):
    """Graph gets exactly the name typed; the "Created …" toast, the list and every later
    dialog show it literally (a name with ``[/bold]`` crashed the toast, then every dialog)."""
    from .conftest import flow_named

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for text in REPRESENTATIVE:
            name = text.replace("\n", " ").replace("\ud800", "").replace("\udfff", "").strip()
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, FlowFormModal))
            app.screen.query_one("#name", Input).value = name
            app.screen.query_one("#categories", SelectionList).select("SURVEY")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, FlowListScreen))
            await settle(pilot)
            check_terminal(app)
            assert (await flow_named(api, name)).name == name
            assert app.messages[-1].text.startswith("Created “")
            await go_to(pilot, name)
            for key in ("e", "ctrl+d", "u"):  # each dialog names it (the others: below)
                await pilot.press(key)
                await settle(pilot)
                check_terminal(app)
                assert not isinstance(app.screen, FlowListScreen), key
                await pilot.press("escape")
                await settle(pilot)


async def test_the_edit_and_clone_forms_show_a_hostile_name_and_send_it_back_unchanged():
    app, store, _ = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for text in REPRESENTATIVE:
            name = safe_name(text)
            await go_to(pilot, name)
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, FlowFormModal))
            check_terminal(app)  # the prefilled name holds its escapes: shown, not obeyed
            assert value(app, "#name") == kept(name, pasted=False)
            await paste(pilot, "#endpoint", text)
            check_terminal(app)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("c")
            await until(pilot, lambda: isinstance(app.screen, FlowFormModal))
            check_terminal(app)
            assert value(app, "#name") == kept(f"{name} (copy)", pasted=False)
            await pilot.press("escape")
            await settle(pilot)
        await go_to(pilot, "Hostile status")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, FlowFormModal))
        await paste(pilot, "#name", "Promo\x1b]52;c;SGk=\x1b\\ [/] renamed")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, FlowListScreen))
        await settle(pilot)
        check_terminal(app)
        assert store.find_by_name(app.context.waba_id, "Promo\x1b]52;c;SGk=\x1b\\ [/] renamed")


async def test_hostile_paths_in_the_upload_diff_and_save_boxes(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app, _, _ = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "x[/")
        for key, modal in (("u", UploadModal), ("D", FlowJsonPathModal)):
            await pilot.press(key)
            await until(pilot, lambda: isinstance(app.screen, modal))  # noqa: B023
            await pilot.press(*"x[/")  # typed, then pasted
            await settle(pilot)
            check_terminal(app)
            assert shows(app, "'x[/' does not exist", 14) or "x[/" in screen_text(app)
            for text in REPRESENTATIVE:
                await paste(pilot, "#path", text)
                check_terminal(app)
                await pilot.press("ctrl+s")  # refused: the box says why
                await settle(pilot)
                check_terminal(app)
                assert isinstance(app.screen, modal)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        for text in REPRESENTATIVE:
            await paste(pilot, "#path", text)
            check_terminal(app)
        await paste(pilot, "#path", "../" + "A" * 300)  # too long for the file system
        check_terminal(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        check_terminal(app)


async def test_hostile_text_in_the_migration_wizards_boxes():
    app, _, _ = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MigrationWizardScreen))
        wizard = app.screen
        for text in REPRESENTATIVE:
            await paste(pilot, "#source-id", text)
            await pilot.press("ctrl+n")  # refused: not an id, quoted in the error
            await settle(pilot)
            check_terminal(app)
            assert wizard.step == "source"
        await paste(pilot, "#source-id", "x[/")
        await pilot.press("enter")
        await settle(pilot)
        check_terminal(app)
        from flowtui.sandbox.demo import SECONDARY_ACCOUNT

        await paste(pilot, "#source-id", SECONDARY_ACCOUNT.id)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: wizard.step == "flows")
        await pilot.press(*"x[/")  # typed on the list: the filter takes it
        await settle(pilot)
        check_terminal(app)
        await paste(pilot, "#flow-filter", "")
        await pilot.press("enter", "space", "ctrl+n")  # back to the list, tick one, next
        await until(pilot, lambda: wizard.step == "destination")
        for text in REPRESENTATIVE:
            await paste(pilot, "#destination-id", text)
            check_terminal(app)
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert wizard.step == "destination"


class HostileAccounts(AccountSource):
    """Saved profiles as usual; the verification answers in hostile words."""

    async def login(self, profile, token) -> LoginOutcome:  # type: ignore[no-untyped-def]
        text = HOSTILE[len(profile.name) % len(HOSTILE)]
        refused = VerificationResult(
            ok=False, message=text, failure=VerificationFailure.OTHER, remedy=text
        )
        return LoginOutcome(profile=profile, verification=refused)


async def test_hostile_text_in_every_box_of_the_login_form(tmp_path: Path):
    app = FlowtuiApp(None, None, accounts=HostileAccounts(tmp_path / "config.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        boxes = ("#profile", "#waba", "#phone", "#base-url", "#api-version")
        for box in boxes:
            app.screen.query_one(box, Input).focus()
            await pilot.press(*"x[/")  # ctrl+s used to crash here
            await pilot.press("ctrl+s")
            await settle(pilot)
            check_terminal(app)
            assert value(app, box).endswith("x[/")
        for text in REPRESENTATIVE:
            for box in (*boxes, "#token"):
                await paste(pilot, box, text)
                check_terminal(app)
            await pilot.press("ctrl+s")
            await settle(pilot)
            check_terminal(app)
        # A form that passes the checks: the verification's hostile answer, literally.
        for box, good in (
            ("#profile", "work"),
            ("#waba", "102290129340398"),
            ("#phone", ""),
            ("#base-url", "https://graph.facebook.com"),
            ("#api-version", "v26.0"),
            ("#token", "EAAGhostileTOKEN0123456789"),
        ):
            app.screen.query_one(box, Input).value = good
        for _ in HOSTILE:
            await pilot.press("ctrl+s")
            await settle(pilot)
            check_terminal(app)
            box = app.screen.query_one("#profile", Input)
            box.value += "x"  # the next answer
        assert isinstance(app.screen, LoginScreen)
        assert Token  # the token never left the box
