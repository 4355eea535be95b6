"""The asset browser, the diff view and the edit round trip's questions, pinned at 120x40.

No temporary paths on screen: the diff compares a file named relative to a temporary working
directory, the round trip's confirmation shows no path at all, and the resume questions are
shown for a kept edit at a fixed (never written) path.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import flowtui.sandbox
from flowtui.editing import EditOrigin, KeptEdit
from flowtui.sandbox.demo import PRIMARY_ACCOUNT

from .conftest import SIZE, go_to, settle, stop_blinking
from .snapshot_app import numbered_preview_tokens, snapshot_app, steps

DEMO_FLOWS = Path(flowtui.sandbox.__file__).parent / "demo_flows"
# Changes the first title and the version: a diff with two hunks' worth of colour.
FAKE_EDITOR = """
import pathlib, sys
path = pathlib.Path(sys.argv[1])
text = path.read_text().replace('"title": "', '"title": "Edited ', 1)
path.write_text(text.replace('"version": "7.3"', '"version": "7.2"', 1))
"""


@pytest.fixture(autouse=True)
def _fixed_preview_tokens():
    with numbered_preview_tokens():
        yield


def test_asset_browser_with_an_error_selected(snap_compare):
    run_before = steps("a", "tab", "j", "j", flow="Contact us")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_diff_view(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the file is named relative to it: no tmp path on screen
    live = (DEMO_FLOWS / "order_feedback.json").read_text()
    (tmp_path / "edited.json").write_text(
        live.replace('"version": "7.3"', '"version": "7.2"', 1).replace(
            '"title": "', '"title": "Edited ', 1
        )
    )
    run_before = steps("D", *"edited.json", "enter", flow="Order feedback")
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_edit_round_trip_confirmation(snap_compare, tmp_path, monkeypatch):
    from flowtui.tui.modals.edit_json import EditUploadModal

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR)
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")

    async def run_before(pilot) -> None:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        await pilot.press("E")
        for _ in range(500):  # the round trip's worker waits on the modal: poll, don't settle
            if isinstance(pilot.app.screen, EditUploadModal):
                break
            await pilot.pause(0.02)
        stop_blinking(pilot)
        await pilot.pause()

    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


ORDER_FEEDBACK = "1000000000000114"
KEPT_AT = Path(f"/home/ana/.local/share/flowtui/edits/{PRIMARY_ACCOUNT.id}/{ORDER_FEEDBACK}.json")
STARTED = datetime(2026, 10, 29, 12, 30, tzinfo=UTC)
SAVED = datetime(2026, 10, 29, 12, 41, tzinfo=UTC)


def resume_question(kept_name: str, kept_base: bytes):
    """The resume question for an edit kept under Order feedback's id, made on ``kept_name``
    starting from ``kept_base``."""
    from flowtui.tui.modals.edit_json import ResumeEditModal

    live = (DEMO_FLOWS / "order_feedback.json").read_bytes()
    current = EditOrigin.of(PRIMARY_ACCOUNT.id, ORDER_FEEDBACK, "Order feedback", live)
    origin = EditOrigin.of(PRIMARY_ACCOUNT.id, ORDER_FEEDBACK, kept_name, kept_base, now=STARTED)
    kept = KeptEdit(KEPT_AT, origin, SAVED)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        pilot.app.push_screen(ResumeEditModal("Order feedback", kept, current))
        await pilot.pause()
        stop_blinking(pilot)
        await pilot.pause()

    return run_before


def test_resume_a_kept_edit_of_this_flow(snap_compare):
    live = (DEMO_FLOWS / "order_feedback.json").read_bytes()
    run_before = resume_question("Order feedback", live)
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)


def test_resume_a_kept_edit_made_on_something_else(snap_compare):
    run_before = resume_question("Pizza order", b'{"version": "7.3", "screens": []}')
    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)
