"""The migration wizard (``m``), driven with Pilot against a real sandbox over loopback."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Iterator

import pytest
from textual.widgets import DataTable, Input, SelectionList

from flowtui.api import FlowsClient
from flowtui.api.errors import TransportError
from flowtui.sandbox.demo import PRIMARY_ACCOUNT, SECONDARY_ACCOUNT
from flowtui.sandbox.server import running_sandbox
from flowtui.tui.modals.confirm import ConfirmModal
from flowtui.tui.modals.save_results import SaveResultsModal
from flowtui.tui.screens.flow_list import FlowListScreen
from flowtui.tui.screens.migration import MigrationWizardScreen
from flowtui.tui.widgets.migration_review import ReviewStep

from .conftest import FIXED_NOW, SIZE, TOKEN, RecordingApp, account, settle, text_of

SOURCE = SECONDARY_ACCOUNT.id
CLASH = "Customer satisfaction survey"


async def type_into(pilot, selector: str, text: str) -> None:
    """Put ``text`` in a field as if typed (Input.Changed fires), minus ~60 ms per key."""
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.value = text
    await settle(pilot)


async def open_source(pilot, waba_id: str = SOURCE) -> MigrationWizardScreen:
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    wizard = pilot.app.screen
    assert isinstance(wizard, MigrationWizardScreen)
    await type_into(pilot, "#source-id", waba_id)
    await pilot.press("enter")
    await settle(pilot)
    assert wizard.step == "flows"
    return wizard


async def start(pilot) -> None:
    """ctrl+s on the review step, then y in the last confirmation."""
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmModal)
    await pilot.press("y")
    await settle(pilot)


def choice_names(wizard: MigrationWizardScreen) -> list[str]:
    choices = wizard.query_one("#flow-choices", SelectionList)
    return [
        str(choices.get_option_at_index(i).prompt).split("  ")[0]
        for i in range(choices.option_count)
    ]


def rows(wizard: MigrationWizardScreen, selector: str) -> list[tuple[str, ...]]:
    table = wizard.query_one(selector, DataTable)
    return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def names_in(api: FlowsClient, waba_id: str) -> dict[str, list[str]]:
    """Flow name -> statuses of the flows with that name in the account."""
    found: dict[str, list[str]] = {}
    async for flow in api.list_flows(waba_id=waba_id):
        found.setdefault(flow.name or "", []).append(str(flow.status))
    return found


async def test_the_whole_wizard_copies_flows_and_reports_the_clash(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_source(pilot)
        assert choice_names(wizard) == [
            CLASH,
            "Damage photos",
            "Pick a gift",
            "Warranty registration",
        ]
        # the list has the focus; typing goes on in the filter, then tick all shown: only
        # the matching flows are chosen
        assert wizard.query_one("#flow-choices").has_focus
        await pilot.press(*"draft")
        await settle(pilot)
        assert wizard.query_one("#flow-filter", Input).value == "draft"
        assert choice_names(wizard) == ["Damage photos", "Warranty registration"]
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "2 of 4 flows chosen · 2 shown by the filter" in text_of(app, "#flows-count")
        # clear the filter: the choices stay, and the two others can be ticked too
        await type_into(pilot, "#flow-filter", "")
        wizard.query_one("#flow-choices").focus()
        await pilot.press("home", "space", "down", "down", "space")  # the clash, "Pick a gift"
        await settle(pilot)
        assert "4 of 4 flows chosen" in text_of(app, "#flows-count")

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert wizard.step == "destination"
        assert wizard.query_one("#destination-id", Input).value == PRIMARY_ACCOUNT.id
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert wizard.step == "review"
        summary = text_of(app, "#review-summary")
        assert f"Copy 4 flows from account {SOURCE} (typed id)" in summary
        assert f"to account {PRIMARY_ACCOUNT.id} (the current account), in 1 request" in summary
        assert "not idempotent" in text_of(app, "#review-warning")
        assert len(rows(wizard, "#review-flows")) == 4
        assert text_of(app, "#review-check").startswith(
            f"⚠ 1 of these 4 names is already in account {PRIMARY_ACCOUNT.id}: “{CLASH}”."
        )

        await start(pilot)
        assert wizard.step == "results"
        assert "Copied 3 of 4 flows" in text_of(app, "#results-summary")
        assert "1 failed" in text_of(app, "#results-summary")
        copied = rows(wizard, "#results-migrated")
        assert sorted(r[0] for r in copied) == [
            "Damage photos",
            "Pick a gift",
            "Warranty registration",
        ]
        assert all(r[1] != "-" and r[2] != "-" for r in copied)
        [failed] = rows(wizard, "#results-failed")
        assert failed[:2] == (CLASH, "4233041") and "same name" in failed[2]
        detail = text_of(app, "#failure-detail")  # the whole message, however long
        assert detail.startswith(f"{CLASH} (4233041): ") and failed[2] in detail

        # retry resends only the clash (refused again); the three copies are not resent
        assert "r resends only the flows that failed" in text_of(app, "#results-note")
        assert not wizard.query_one("#results-retry").display
        await pilot.press("r")
        await settle(pilot)
        assert wizard.requests_sent == 2
        assert [r[:2] for r in rows(wizard, "#results-failed")] == [(CLASH, "4233041")]
        assert "Copied 3 of 4 flows" in text_of(app, "#results-summary")
        assert wizard.query_one("#results-retry").display
        assert text_of(app, "#results-retry").strip() == (
            f"Resent 1 flow: 0 copied, 1 refused: “{CLASH}” (4233041: Flows Migration Error: "
            "Flow with the same name exists in destination WABA)."
        )

        await pilot.press("escape")  # closes the wizard; the list reloads
        await settle(pilot)
        assert isinstance(app.screen, FlowListScreen)
        assert len(app.screen.flows) == 18

    destination = await names_in(api, PRIMARY_ACCOUNT.id)
    assert destination["Pick a gift"] == ["PUBLISHED"]
    assert destination["Damage photos"] == ["DRAFT"]
    assert destination["Warranty registration"] == ["DRAFT"]
    assert destination[CLASH] == ["PUBLISHED"]  # the original, not a second copy


async def test_escape_goes_back_a_step_keeping_every_choice(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_source(pilot)
        await type_into(pilot, "#flow-filter", "gift")
        await pilot.press("ctrl+t")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_into(pilot, "#destination-id", "1234")
        assert wizard.step == "destination"

        await pilot.press("escape")
        await settle(pilot)
        assert wizard.step == "flows"
        assert wizard.query_one("#flow-filter", Input).value == "gift"
        assert "1 of 4 flows chosen" in text_of(app, "#flows-count")
        await pilot.press("escape")
        await settle(pilot)
        assert wizard.step == "source"
        assert wizard.query_one("#source-id", Input).value == SOURCE

        # forward again: same source, so the flow and the typed destination are still there
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "1 of 4 flows chosen" in text_of(app, "#flows-count")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert wizard.query_one("#destination-id", Input).value == "1234"

        # from step 1 the wizard closes only after confirming
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is wizard
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, FlowListScreen)


async def test_a_bad_source_shows_the_error_and_keeps_what_was_typed(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        wizard = app.screen
        await type_into(pilot, "#source-id", "999")
        await pilot.press("enter")
        await settle(pilot)
        assert wizard.step == "source"
        assert text_of(app, "#source-error").strip()
        assert wizard.query_one("#source-id", Input).value == "999"


async def review(pilot, filter_text: str = "") -> MigrationWizardScreen:
    """Open the wizard on the secondary demo account, tick the flows the filter shows (all
    four by default), keep the current account as the destination: the review step."""
    wizard = await open_source(pilot)
    if filter_text:
        await type_into(pilot, "#flow-filter", filter_text)
    await pilot.press("ctrl+t", "ctrl+n")
    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert wizard.step == "review"
    return wizard


async def test_ctrl_s_starts_only_after_a_confirmation_naming_count_and_destination(make_app, api):
    before = await names_in(api, PRIMARY_ACCOUNT.id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await review(pilot)
        await pilot.press("ctrl+r")  # refresh elsewhere: never starts a migration
        await settle(pilot)
        assert app.screen is wizard and wizard.step == "review"

        await pilot.press("ctrl+s")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ConfirmModal)
        assert modal.question == f"Copy 4 flows to account {PRIMARY_ACCOUNT.id}?"
        assert modal.detail.startswith(
            f"From account {SOURCE} (typed id), in 1 request. 1 of them is already there and "
            "will be refused."
        )
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is wizard and wizard.step == "review"
        assert wizard.requests_sent == 0
        assert await names_in(api, PRIMARY_ACCOUNT.id) == before  # nothing was sent

        await start(pilot)
        assert wizard.step == "results" and wizard.requests_sent == 1


async def test_the_flows_step_focuses_the_list_and_typing_goes_to_the_filter(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_source(pilot)
        choices = wizard.query_one("#flow-choices", SelectionList)
        assert choices.has_focus
        await pilot.press("space")  # ticks the first flow at once
        await settle(pilot)
        assert "1 of 4 flows chosen" in text_of(app, "#flows-count")
        assert choices.selected == [choices.get_option_at_index(0).value]

        filter_box = wizard.query_one("#flow-filter", Input)
        assert wizard.active_bindings["slash"].enabled  # shown in the footer as "Filter"
        await pilot.press("slash")
        await settle(pilot)
        assert filter_box.has_focus and filter_box.value == ""
        await pilot.press(*"gif", "enter")  # enter goes back to the list
        await settle(pilot)
        assert choices.has_focus and choices.option_count == 1
        await pilot.press("t", "s")  # typed on the list: goes on in the filter, all of it
        await settle(pilot)
        assert filter_box.has_focus and filter_box.value == "gifts"
        assert choice_names(wizard) == []
        await pilot.press("backspace", "enter", "space")  # back to the list, and tick
        await settle(pilot)
        assert choices.has_focus and "2 of 4 flows chosen" in text_of(app, "#flows-count")


async def test_the_review_lists_the_destination_showing_loading_then_the_clash(
    make_app, monkeypatch
):
    import flowtui.tui.widgets.migration_review as review_module

    listed = asyncio.Event()
    real = review_module.names_in_destination

    async def slow(*args):
        await listed.wait()
        return await real(*args)

    monkeypatch.setattr(review_module, "names_in_destination", slow)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_source(pilot)
        await pilot.press("ctrl+t", "ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        for _ in range(3):
            await pilot.pause()
        assert wizard.step == "review"
        assert text_of(app, "#review-check").strip() == (
            f"Listing account {PRIMARY_ACCOUNT.id} for names it already has…"
        )
        listed.set()
        await settle(pilot)
        assert f"already in account {PRIMARY_ACCOUNT.id}: “{CLASH}”" in text_of(
            app, "#review-check"
        )
        assert "-clash" in wizard.query_one("#review-check").classes


async def test_a_destination_that_does_not_list_is_said_in_a_sentence(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_source(pilot)
        await pilot.press("ctrl+t", "ctrl+n")
        await settle(pilot)
        await type_into(pilot, "#destination-id", "123456789")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert wizard.step == "review"
        check = " ".join(text_of(app, "#review-check").split())
        assert check.startswith("Could not list account 123456789 to look for names it already")
        assert check.endswith("Flows with such a name would be refused one by one.")
        assert wizard.query_one(ReviewStep).existing is None


async def test_a_retry_whose_listing_fails_resends_nothing_and_says_so(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await review(pilot)
        await start(pilot)
        assert wizard.requests_sent == 1 and "1 failed" in text_of(app, "#results-summary")

        async def no_listing(self, **kwargs):
            raise TransportError("list_flows failed: no answer in time.")
            yield  # an async generator, like the real one

        monkeypatch.setattr(FlowsClient, "list_flows", no_listing)
        await pilot.press("r")
        await settle(pilot)
        assert wizard.step == "results" and wizard.requests_sent == 1
        assert text_of(app, "#results-retry").strip() == (
            "Nothing was resent: the destination did not list (list_flows failed: no answer "
            "in time)."
        )
        assert [r[:2] for r in rows(wizard, "#results-failed")] == [(CLASH, "4233041")]
        assert wizard.check_action("retry", ()) is True  # the failure can still be retried


async def test_more_than_100_flows_go_in_batches_of_100(make_app, api):
    await asyncio.gather(
        *[api.create_flow(f"Bulk {number:03}", ["OTHER"], waba_id=SOURCE) for number in range(105)]
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_source(pilot)
        await type_into(pilot, "#flow-filter", "bulk")
        await pilot.press("ctrl+t", "ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "in 2 requests of at most 100 flows" in text_of(app, "#review-summary")
        assert "has none of these names yet" in text_of(app, "#review-check")
        await start(pilot)
        assert wizard.requests_sent == 2
        assert "Copied 105 of 105 flows" in text_of(app, "#results-summary")
    destination = await names_in(api, PRIMARY_ACCOUNT.id)
    assert all(destination[f"Bulk {n:03}"] == ["DRAFT"] for n in range(105))


@pytest.fixture
def faulty_sandbox() -> Iterator[str]:
    """The first migrate request fails with a 500 (before it does anything)."""
    with running_sandbox(
        clock=lambda: FIXED_NOW, faults="error:path=*/migrate_flows,times=1"
    ) as url:
        yield url


async def test_a_failed_batch_keeps_the_others_and_retry_resends_only_whats_missing(
    faulty_sandbox,
):
    async with FlowsClient(TOKEN, waba_id=SOURCE, base_url=faulty_sandbox) as api:
        await asyncio.gather(
            *[api.create_flow(f"Bulk {n:03}", ["OTHER"], waba_id=SOURCE) for n in range(101)]
        )
        app = RecordingApp(account(faulty_sandbox))
        async with app.run_test(size=SIZE) as pilot:
            wizard = await open_source(pilot)
            await type_into(pilot, "#flow-filter", "bulk")
            await pilot.press("ctrl+t")
            await type_into(pilot, "#flow-filter", "pick")
            await pilot.press("ctrl+t")  # 102 flows: a batch of 100 and a batch of 2
            await pilot.press("ctrl+n")
            await settle(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)
            await start(pilot)
            # batch 1 failed with a 500 (outcome unknown); batch 2 copied its two flows
            assert wizard.requests_sent == 2
            summary = text_of(app, "#results-summary")
            assert "Copied 2 of 102 flows" in summary and "100 with an unknown outcome" in summary
            assert "lists the destination first" in text_of(app, "#results-note")
            assert len(rows(wizard, "#results-migrated")) == 2
            assert {r[1] for r in rows(wizard, "#results-failed")} == {"unknown"}
            after_first_run = await names_in(api, PRIMARY_ACCOUNT.id)
            assert len(after_first_run) == 15 + 2
            # as if the lost request had copied one flow before failing
            arrived = await api.create_flow("Bulk 000", ["OTHER"], waba_id=PRIMARY_ACCOUNT.id)

            await pilot.press("r")
            await settle(pilot)
            # the destination was listed first: one more request, for the 99 still missing
            assert wizard.requests_sent == 3
            assert "Copied 102 of 102 flows" in text_of(app, "#results-summary")
            assert rows(wizard, "#results-failed") == []
            copied = {r[0]: r[2] for r in rows(wizard, "#results-migrated")}
            assert len(copied) == 102 and copied["Bulk 000"] == arrived.id
            assert text_of(app, "#results-retry").strip() == (
                "1 flow of a batch with an unknown outcome had arrived after all: counted as "
                "copied, not resent. Resent 99 flows: 99 copied."
            )
        destination = await names_in(api, PRIMARY_ACCOUNT.id)
        assert len(destination) == 15 + 102
        assert all(len(statuses) == 1 for statuses in destination.values())  # no duplicates


async def test_results_are_saved_as_json_and_csv_never_over_a_file(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_source(pilot)
        await type_into(pilot, "#flow-filter", "survey")
        await pilot.press("ctrl+t")
        await type_into(pilot, "#flow-filter", "gift")
        await pilot.press("ctrl+t", "ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await start(pilot)
        [(_, source_id, new_id)] = rows(wizard, "#results-migrated")

        for name in ("results.json", "results.csv"):
            await pilot.press("s")
            await settle(pilot)
            assert isinstance(app.screen, SaveResultsModal)
            app.screen.query_one("#save-path", Input).value = str(tmp_path / name)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is wizard
        saved = json.loads((tmp_path / "results.json").read_text())
        assert saved["source_waba_id"] == SOURCE
        assert saved["destination_waba_id"] == PRIMARY_ACCOUNT.id
        assert saved["migrated"] == [
            {"source_name": "Pick a gift", "source_id": source_id, "migrated_id": new_id}
        ]
        [failure] = saved["failed"]
        assert failure["source_name"] == CLASH and failure["error_code"] == "4233041"
        table = list(csv.DictReader(io.StringIO((tmp_path / "results.csv").read_text())))
        assert [(r["outcome"], r["source_name"], r["error_code"]) for r in table] == [
            ("migrated", "Pick a gift", ""),
            ("failed", CLASH, "4233041"),
        ]
        assert any("Saved the results as CSV" in t for t in app.toasts())

        # the same path again: refused, with the typed path kept
        before = (tmp_path / "results.csv").read_text()
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#save-path", Input).value = str(tmp_path / "results.csv")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SaveResultsModal)
        assert "already exists" in text_of(app, "#save-path-error")
        assert (tmp_path / "results.csv").read_text() == before


async def test_read_only_mode_refuses_m(make_app):
    app = make_app(read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, FlowListScreen)
        assert any("read-only" in t for t in app.toasts())


async def test_the_source_can_be_a_saved_profile(sandbox_url, tmp_path, api):
    import keyring
    import keyring.core

    from flowtui.accounts.config_file import save_config
    from flowtui.accounts.profiles import AccountsConfig, Profile
    from flowtui.accounts.token_store import save_token
    from flowtui.api import Token
    from flowtui.tui.account_source import AccountSource
    from flowtui.tui.app import FlowtuiApp
    from tests.memory_keyring import MemoryKeyring

    previous = keyring.core._keyring_backend
    keyring.set_keyring(MemoryKeyring())
    try:
        config = tmp_path / "config.toml"
        retail = Profile(name="retail", waba_id=PRIMARY_ACCOUNT.id, base_url=sandbox_url)
        europe = Profile(name="europe", waba_id=SOURCE, base_url=sandbox_url)
        save_config(
            AccountsConfig().with_profile(retail, make_default=True).with_profile(europe), config
        )
        for profile in (retail, europe):
            save_token(profile, Token(TOKEN))
        accounts = AccountSource(config)
        token, context = accounts.open_profile(None)
        app = FlowtuiApp(context, token, accounts=accounts)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("m")
            await settle(pilot)
            wizard = app.screen
            assert isinstance(wizard, MigrationWizardScreen)
            profiles = wizard.query_one("#source-profiles")
            assert profiles.has_focus
            # the profile on screen (retail) is the default destination, not offered
            assert [str(o.prompt) for o in profiles.options] == [
                f"profile europe · account {SOURCE}"
            ]
            await pilot.press("enter")
            await settle(pilot)
            assert wizard.step == "flows"
            assert f"Flows of account {SOURCE} (profile europe)" in text_of(app, "#flows-title")
            await type_into(pilot, "#flow-filter", "warranty")
            await pilot.press("ctrl+t", "ctrl+n")
            await settle(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert "(profile europe)" in text_of(app, "#review-summary")
            await start(pilot)
            assert "Copied 1 of 1 flows" in text_of(app, "#results-summary")
    finally:
        keyring.core._keyring_backend = previous
    assert (await names_in(api, PRIMARY_ACCOUNT.id))["Warranty registration"] == ["DRAFT"]
