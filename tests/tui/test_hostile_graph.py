"""Hostile text served by Graph, on every screen: shown literally, never markup, never a
control character to the terminal, and the app keeps running (issue #12).

One sandbox holds every string of :data:`tests.hostile.HOSTILE` as every Graph string the app
shows (see :mod:`tests.tui.hostile_app`); each test walks some screens over all of them.
"""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette

from flowtui.text import printable
from flowtui.tui.messages import MessagesScreen
from flowtui.tui.modals.confirm import ConfirmModal
from flowtui.tui.screens.assets import AssetBrowserScreen
from flowtui.tui.screens.diff import DiffScreen
from flowtui.tui.screens.flow_detail import FlowDetailScreen
from flowtui.tui.screens.help import HelpScreen
from tests.hostile import HOSTILE, REPRESENTATIVE, safe_name

from .conftest import SIZE, go_to, screen_text, settle, text_of, until
from .hostile_app import (
    HOSTILE_STATUS,
    check_terminal,
    comparable,
    hostile_app,
    missing,
    shows,
)

TALL = (160, 60)


def flow_on_list(app, name: str):
    return next(f for f in app.screen_stack[1].flows.values() if f.name == name)


async def open_screen(pilot, screen) -> None:
    """Open a flow's screen as enter or a do, without the list's reload when it closes
    (which the other tests check): one list, many screens."""
    await pilot.app.push_screen(screen)
    await until(pilot, lambda: pilot.app.screen is screen)
    await settle(pilot)


async def open_detail(pilot, name: str) -> None:
    await open_screen(pilot, FlowDetailScreen(flow_on_list(pilot.app, name)))


async def test_the_list_shows_every_name_category_and_status_literally():
    app, _, _ = hostile_app()
    async with app.run_test(size=TALL) as pilot:
        await settle(pilot)
        check_terminal(app)
        assert not missing(app, list(HOSTILE), 10)
        assert shows(app, HOSTILE_STATUS, 6)
        for key in ("s", "s", "s", "s", "s"):  # every sort order draws them all again
            await pilot.press(key)
            await settle(pilot)
            check_terminal(app)
        assert not missing(app, list(HOSTILE), 10)


async def test_the_filter_takes_hostile_text_typed_and_pasted():
    from textual import events

    app, _, _ = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"x[/")  # typed key by key
        await settle(pilot)
        check_terminal(app)
        assert "x[/" in screen_text(app)
        for text in HOSTILE:
            box = app.screen.query_one("#filter")
            box.value = ""
            box.post_message(events.Paste(text))  # a terminal's paste: the first line
            await settle(pilot)
            check_terminal(app)
            assert shows(app, text.splitlines()[0] if text.strip() else text, 8), text[:40]
        await pilot.press("escape")
        await settle(pilot)
        check_terminal(app)


async def test_every_detail_confirmation_and_refusal_shows_graphs_text_literally():
    app, store, _ = hostile_app()
    async with app.run_test(size=TALL) as pilot:
        await settle(pilot)
        for text in HOSTILE:
            await open_detail(pilot, safe_name(text))
            check_terminal(app)
            # the title, metadata, health, errors and the excerpt all hold it
            assert shows(app, text, 8), text[:40]
            if text in REPRESENTATIVE:
                await pilot.press("j")  # the error without a position
                await settle(pilot)
                check_terminal(app)
                await pilot.press("o")  # a fresh preview link, hostile text too, in a toast
                await settle(pilot)
                assert app.opened[-1] == text
                check_terminal(app)
            await pilot.press("ctrl+d")
            await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
            check_terminal(app)
            question = comparable(text_of(app, "#question"))  # a long one scrolls off screen
            assert comparable(printable(f"Delete flow “{safe_name(text)}”")) in question
            await pilot.press("y")  # Graph refuses, in the same hostile words
            await settle(pilot)
            assert isinstance(app.screen, FlowDetailScreen)
            check_terminal(app)
            app.clear_notifications()
            await pilot.press("escape")
            await settle(pilot)
        assert len(store.flows_of(app.context.waba_id)) == len(HOSTILE) + 1  # all refused
        await open_detail(pilot, "Hostile status")
        check_terminal(app)
        assert shows(app, HOSTILE_STATUS, 6)
        await pilot.press("p")  # a status flowtui does not know: Graph decides, after a yes
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        check_terminal(app)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("L")  # every message of the run, kept
        await until(pilot, lambda: isinstance(app.screen, MessagesScreen))
        check_terminal(app)
        assert sum("Could not delete" in m.title for m in app.messages) == len(HOSTILE)


async def test_the_asset_browser_shows_graphs_asset_names_json_and_errors_literally():
    app, _, _ = hostile_app()
    async with app.run_test(size=TALL) as pilot:
        await settle(pilot)
        for text in HOSTILE:
            await open_screen(pilot, AssetBrowserScreen(flow_on_list(app, safe_name(text))))
            check_terminal(app)
            assert shows(app, text, 8), text[:40]
            if text in REPRESENTATIVE:
                await pilot.press("s")  # the save box, prefilled from the name
                await settle(pilot)
                check_terminal(app)
                await pilot.press("escape")
            await pilot.press("escape")
            await settle(pilot)


async def test_the_palette_names_the_flow_literally():
    app, _, _ = hostile_app()
    async with app.run_test(size=TALL) as pilot:
        await settle(pilot)
        for text in REPRESENTATIVE:
            await go_to(pilot, safe_name(text))
            await pilot.press("ctrl+p")
            await until(pilot, lambda: isinstance(app.screen, CommandPalette))
            await pilot.press(*"Del")
            await until(pilot, lambda: "Delete “" in screen_text(app))
            check_terminal(app)
            assert shows(app, f"Delete “{safe_name(text)}", 14)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        check_terminal(app)


async def test_every_palette_hit_is_literal_content():
    """All the strings, without typing: the hits the palette is given, as it draws them."""
    from textual.content import Content

    from flowtui.tui.commands import FlowCommands, highlighted
    from tests.hostile import unsafe_characters

    app, _, _ = hostile_app()
    async with app.run_test(size=TALL) as pilot:
        await settle(pilot)
        for text in HOSTILE:
            await go_to(pilot, safe_name(text))
            provider = FlowCommands(app.screen)
            hits = [hit async for hit in provider.search("dele")]
            hits += [hit async for hit in provider.discover()]
            for hit in hits:
                prompt = hit.prompt
                assert isinstance(prompt, Content)  # never markup
                assert not unsafe_characters(prompt.plain)
                assert not unsafe_characters(hit.text or "")
            delete = next(h for h in hits if str(h.text).startswith("Delete"))
            assert delete.prompt.plain == printable(f"Delete “{safe_name(text)}”")
            matcher = provider.matcher("[/")
            assert highlighted(matcher, text).plain == printable(text)


async def test_the_diff_shows_a_hostile_file_against_hostile_live_json(tmp_path: Path):
    path = tmp_path / "flow.json"
    path.write_text('{"version": "7.3", "screens": []}\n', encoding="utf-8")
    app, _, _ = hostile_app()
    async with app.run_test(size=TALL) as pilot:
        await settle(pilot)
        for text in REPRESENTATIVE:
            await go_to(pilot, safe_name(text))
            await pilot.press("D")
            await settle(pilot)
            app.screen.query_one("#path").value = str(path)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, DiffScreen))
            await settle(pilot)
            check_terminal(app)
            assert shows(app, text, 8), text[:40]
            await pilot.press("escape")
            await settle(pilot)


async def test_every_migration_step_shows_the_source_flows_and_failures_literally():
    from textual import events
    from textual.widgets import Input

    from flowtui.sandbox.demo import SECONDARY_ACCOUNT
    from flowtui.tui.screens.migration import MigrationWizardScreen
    from flowtui.tui.widgets.migration_flow_picker import FlowPicker

    app, store, _ = hostile_app()
    async with app.run_test(size=TALL) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MigrationWizardScreen))
        wizard = app.screen
        wizard.query_one("#source-id", Input).value = SECONDARY_ACCOUNT.id
        await pilot.press("ctrl+n")
        await until(pilot, lambda: wizard.step == "flows")
        await settle(pilot)
        check_terminal(app)
        assert not missing(app, list(HOSTILE), 10)  # the source's flows, named literally
        for text in REPRESENTATIVE:  # the filter, pasted
            box = wizard.query_one("#flow-filter", Input)
            box.value = ""
            box.post_message(events.Paste(text))
            await settle(pilot)
            check_terminal(app)
        wizard.query_one("#flow-filter", Input).value = ""
        await settle(pilot)
        await pilot.press("ctrl+t")  # every flow but one: a lone surrogate can't be sent
        unsendable = next(f.id for f in wizard.query_one(FlowPicker).flows if "\ud800" in f.name)
        wizard.query_one(FlowPicker).choices.deselect(unsendable)  # (the client's to refuse)
        await settle(pilot)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: wizard.step == "destination")
        check_terminal(app)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: wizard.step == "review")
        await until(pilot, lambda: "already in account" in screen_text(app))
        check_terminal(app)  # the names it already has, named
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        check_terminal(app)
        await pilot.press("y")
        await until(pilot, lambda: wizard.step == "results")
        await settle(pilot)
        check_terminal(app)
        assert shows(app, "Only in the source [/]", 16)  # the one copied
        assert store.find_by_name(app.context.waba_id, "Only in the source [/]") is not None
        for _ in HOSTILE:  # every failure: Graph's code and message are the hostile text
            await pilot.press("j")
            check_terminal(app)
        await pilot.press("s")  # where to save the results: a hostile path
        await settle(pilot)
        for text in REPRESENTATIVE:
            box = app.screen.query_one("#save-path", Input)
            box.value = ""
            box.post_message(events.Paste(text))
            await settle(pilot)
            check_terminal(app)


async def test_the_edit_round_trips_questions_show_names_files_and_diffs_literally(tmp_path):
    """The dialogs of ``E`` (resume, upload, clone), given hostile names, paths and diffs."""
    from datetime import UTC, datetime

    from flowtui.api import ValidationError
    from flowtui.editing import DiffKind, DiffLine, EditOrigin, KeptEdit
    from flowtui.tui.modals.edit_json import CloneOfferModal, EditUploadModal, ResumeEditModal

    app, _, _ = hostile_app()
    started = datetime(2026, 11, 1, tzinfo=UTC)
    async with app.run_test(size=TALL) as pilot:
        await settle(pilot)
        for text in REPRESENTATIVE:
            origin = EditOrigin(app.context.waba_id, "1", text, "ab" * 32, started)
            elsewhere = EditOrigin(app.context.waba_id, "1", text + " (old)", "cd" * 32, started)
            kept = KeptEdit(tmp_path / f"{printable(text)[:40]}.json", elsewhere, started)
            errors = (ValidationError(error=text, error_type=text, message=text, line_start=1),)
            diff = [DiffLine(kind, text) for kind in DiffKind]
            for modal in (
                ResumeEditModal(text, kept, origin),
                ResumeEditModal(text, KeptEdit(kept.path, None, None), origin),
                EditUploadModal(text, diff, errors, warning=text, note=text),
                CloneOfferModal(f"Clone “{text}”?", text),
            ):
                await open_screen(pilot, modal)
                check_terminal(app)
                assert shows(app, text, 8), (type(modal).__name__, text[:40])
                await pilot.press("escape")
                await settle(pilot)
