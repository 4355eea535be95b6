"""The asset browser, the diff view and the edit round trip's confirmation, pinned at 120x40.

No temporary paths on screen: the diff compares a file named relative to a temporary working
directory, and the round trip's confirmation shows no path at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import flowtui.sandbox

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
