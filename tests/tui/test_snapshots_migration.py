"""Every step of the migration wizard pinned at 120x40 with deterministic data."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Input

from flowtui.accounts.config_file import save_config
from flowtui.accounts.profiles import AccountsConfig, Profile
from flowtui.api import FlowsClient
from flowtui.sandbox.demo import SECONDARY_ACCOUNT
from flowtui.tui.account_source import AccountSource

from .conftest import SIZE, settle, stop_blinking
from .snapshot_app import snapshot_app, steps

TO_REVIEW = ("ctrl+t", "ctrl+n", "ctrl+n")
START = ("ctrl+s", "y")  # the start key, then yes in the last confirmation


def from_flows(*keys: str):
    """Open the wizard, choose the source by id (set, not typed key by key: much faster),
    then press ``keys``."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        pilot.app.screen.query_one("#source-id", Input).value = SECONDARY_ACCOUNT.id
        await steps("enter", *keys)(pilot)

    return run_before


def test_step_1_source(snap_compare):
    assert snap_compare(snapshot_app(), run_before=steps("m"), terminal_size=SIZE)


def test_step_1_saved_profiles_with_their_account_ids(snap_compare, tmp_path):
    config = tmp_path / "config.toml"
    europe = Profile(name="europe", waba_id=SECONDARY_ACCOUNT.id)
    latam = Profile(name="latam", waba_id="100000000000003")
    save_config(AccountsConfig().with_profile(europe).with_profile(latam), config)
    app = snapshot_app()
    app.accounts = AccountSource(config)
    assert snap_compare(app, run_before=steps("m"), terminal_size=SIZE)


def test_step_1_source_that_is_not_an_id(snap_compare):
    # (a Graph error would carry a random fbtrace_id: the Pilot tests cover that case)
    run_before = steps("m", *"12/3", "enter")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_step_2_flows_filtered_and_ticked(snap_compare):
    run_before = from_flows(*"draft", "ctrl+t")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_step_2_the_list_has_the_focus(snap_compare):
    run_before = from_flows("down", "space")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_step_3_destination(snap_compare):
    run_before = from_flows("ctrl+t", "ctrl+n")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_step_4_review(snap_compare):
    assert snap_compare(snapshot_app(), run_before=from_flows(*TO_REVIEW), terminal_size=SIZE)


def test_step_4_last_confirmation(snap_compare):
    run_before = from_flows(*TO_REVIEW, "ctrl+s")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


@pytest.fixture
def migrate_never_answers(monkeypatch):
    """Hold every migrate request, so the picture catches the run step mid-way."""

    async def hang(self, *args, **kwargs):
        await asyncio.Event().wait()

    monkeypatch.setattr(FlowsClient, "migrate_flows", hang)


def test_step_5_run(snap_compare, migrate_never_answers):
    async def run_before(pilot) -> None:
        await from_flows(*TO_REVIEW, "ctrl+s")(pilot)
        await pilot.press("y")
        for _ in range(5):
            await pilot.pause()
        stop_blinking(pilot)

    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_step_6_results_with_a_clash(snap_compare):
    run_before = from_flows(*TO_REVIEW, *START)
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_step_6_results_after_a_retry(snap_compare):
    run_before = from_flows(*TO_REVIEW, *START, "r")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_save_results_modal(snap_compare):
    run_before = from_flows(*TO_REVIEW, *START, "s")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)
