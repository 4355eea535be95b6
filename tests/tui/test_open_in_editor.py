"""``open_in_editor`` under Textual's real ``App.suspend()``: the app takes the terminal back
whatever becomes of the editor.

A driver that can suspend and notes each suspend and resume stands in for the terminal's (the
Pilot tests' headless driver can't suspend). Textual resumes only when the block inside
``suspend()`` ends without an exception, so these fail if anything is raised in there.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.app import App

import flowtui.tui.edit_round_trip as round_trip
from flowtui.editing import EditorResult


class TerminalDriver:
    """The part of a terminal's driver that ``App.suspend()`` uses; it notes each call."""

    can_suspend = True

    def __init__(self) -> None:
        self.calls: list[str] = []

    def suspend_application_mode(self) -> None:
        self.calls.append("suspend")

    def resume_application_mode(self) -> None:
        self.calls.append("resume")

    @contextmanager
    def no_automatic_restart(self) -> Iterator[None]:
        yield


@pytest.fixture
def app() -> App[None]:
    app: App[None] = App()
    app._driver = TerminalDriver()  # type: ignore[assignment]
    return app


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "draft.json"
    path.write_text("{}")
    return path


def calls(app: App[None]) -> list[str]:
    assert isinstance(app._driver, TerminalDriver)
    return app._driver.calls


SIGKILL_ITSELF = f"{sys.executable} -c 'import os, signal; os.kill(os.getpid(), signal.SIGKILL)'"


@pytest.mark.parametrize(
    "editor, result",
    [
        ("false", EditorResult.FAILED),
        ("/nonexistent/editor", EditorResult.NOT_STARTED),
        ("vim 'unbalanced", EditorResult.NOT_STARTED),
        (SIGKILL_ITSELF, EditorResult.KILLED),
        ("rm", EditorResult.DELETED),
    ],
    ids=["exit-1", "not-installed", "unsplittable", "killed", "deleted"],
)
def test_the_app_takes_the_terminal_back_after_a_failing_editor(
    app, draft, monkeypatch, editor, result
):
    monkeypatch.setenv("VISUAL", editor)
    outcome = round_trip.open_in_editor(app, draft)  # type: ignore[arg-type]
    assert calls(app) == ["suspend", "resume"]
    assert outcome.result is result
    assert draft.read_text() == "{}"  # the draft is there, as it was


def test_a_ctrl_c_that_reaches_the_app_while_suspended_is_an_outcome(app, draft, monkeypatch):
    """A ctrl+c landing just before or after the editor, outside its own watch."""

    def interrupted(path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(round_trip, "run_editor", interrupted)
    try:
        outcome = round_trip.open_in_editor(app, draft)  # type: ignore[arg-type]
    except KeyboardInterrupt:  # caught here: let through, it would stop the whole test run
        pytest.fail(f"the ctrl+c escaped; the terminal saw {calls(app)}")
    assert calls(app) == ["suspend", "resume"]
    assert outcome.result is EditorResult.INTERRUPTED
    assert "stopped by ctrl+c, so nothing was uploaded" in outcome.message


def test_anything_unforeseen_is_raised_once_the_app_is_back(app, draft, monkeypatch):
    def broken(path: Path) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(round_trip, "run_editor", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        round_trip.open_in_editor(app, draft)  # type: ignore[arg-type]
    assert calls(app) == ["suspend", "resume"]
