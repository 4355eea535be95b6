"""Every screen and modal pinned at 120x40 with deterministic data.

The sandbox runs in-process behind httpx's ASGI transport at a fixed address, with a fixed
clock and fixed preview tokens, so URLs and dates in the pictures never change. (The Pilot
tests drive the same sandbox over real loopback HTTP.)
"""

from __future__ import annotations

import pytest

from .conftest import SIZE
from .snapshot_app import first_run_app, numbered_preview_tokens, snapshot_app, steps


@pytest.fixture(autouse=True)
def _fixed_preview_tokens():
    with numbered_preview_tokens():
        yield


def test_flow_list(snap_compare):
    assert snap_compare(snapshot_app(), run_before=steps(), terminal_size=SIZE)


def test_flow_list_filtered(snap_compare):
    assert snap_compare(snapshot_app(), run_before=steps("slash", *"draft"), terminal_size=SIZE)


def test_flow_list_sorted_by_errors(snap_compare):
    assert snap_compare(snapshot_app(), run_before=steps("s", "s", "s"), terminal_size=SIZE)


def test_flow_list_grown_old(snap_compare):
    """The header once the list is older than stale_after_minutes (read-only: both badges)."""
    app = snapshot_app(read_only=True)
    now = [0.0]
    app.catalog.clock = lambda: now[0]

    async def run_before(pilot) -> None:
        await steps()(pilot)
        now[0] += 12 * 60
        pilot.app.screen.check_stale()
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


def test_flow_list_read_only(snap_compare):
    assert snap_compare(snapshot_app(read_only=True), run_before=steps(), terminal_size=SIZE)


def test_flow_detail_with_validation_errors(snap_compare):
    run_before = steps("enter", "j", flow="Contact us")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_flow_detail_of_a_published_flow(snap_compare):
    run_before = steps("enter", flow="Order feedback")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_confirm_delete_modal(snap_compare):
    run_before = steps("ctrl+d", flow="Untitled sign-up")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_new_flow_form_with_field_errors(snap_compare):
    assert snap_compare(snapshot_app(), run_before=steps("n", "x"), terminal_size=SIZE)


def test_edit_flow_form(snap_compare):
    run_before = steps("e", flow="Newsletter sign-up")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_upload_modal(snap_compare):
    run_before = steps("u", *"missing.json", flow="Untitled sign-up")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_help_screen(snap_compare):
    run_before = steps("question_mark", flow="Order feedback")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_first_run_login(snap_compare):
    run_before = steps(*"100000000000001")
    assert snap_compare(first_run_app(), run_before=run_before, terminal_size=SIZE)
