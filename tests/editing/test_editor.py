"""Which editor opens, and what becomes of it: every outcome is a value, never an exception,
and the working file is on disk after each."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from flowtui.editing import EditorFailedError, EditorResult, editor_command, run_editor

FILE = Path("/tmp/flow.json")
DRAFT = b'{"version": "7.3", "screens": []}'

# A stand-in editor: ``<mode> <file>``.
SCRIPT = """
import os, pathlib, signal, sys, time
mode, path = sys.argv[1], pathlib.Path(sys.argv[2])
if mode == "save":
    path.write_text("[1]")
elif mode == "exit-3":
    sys.exit(3)
elif mode == "sigkill":
    os.kill(os.getpid(), signal.SIGKILL)
elif mode == "sigterm":
    os.kill(os.getpid(), signal.SIGTERM)
elif mode == "delete":
    path.unlink()
elif mode == "delete-then-exit-1":
    path.unlink()
    sys.exit(1)
elif mode == "ctrl-c":
    # What ctrl+c does in a terminal whose editor doesn't take the keys raw: SIGINT to the
    # whole foreground group, the app included; this editor dies of it.
    os.kill(os.getppid(), signal.SIGINT)
    time.sleep(0.3)
    os.kill(os.getpid(), signal.SIGINT)
"""


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "f.json"
    path.write_bytes(DRAFT)
    return path


@pytest.fixture
def editor(tmp_path):
    script = tmp_path / "ed.py"
    script.write_text(SCRIPT)
    return lambda mode: {"VISUAL": f"{sys.executable} {script} {mode}"}


def test_visual_wins_over_editor_and_is_split_like_a_shell():
    env = {"VISUAL": "code --wait -n", "EDITOR": "nano"}
    assert editor_command(FILE, env) == ["code", "--wait", "-n", str(FILE)]


def test_editor_then_vi():
    assert editor_command(FILE, {"VISUAL": "  ", "EDITOR": "'my editor' -f"}) == [
        "my editor",
        "-f",
        str(FILE),
    ]
    assert editor_command(FILE, {}) == ["vi", str(FILE)]


def test_broken_quotes_are_explained():
    with pytest.raises(EditorFailedError, match=r"\$VISUAL .* can't be split"):
        editor_command(FILE, {"VISUAL": "vim 'oops"})


def test_broken_quotes_are_an_outcome_of_running_it(draft):
    outcome = run_editor(draft, {"VISUAL": "vim 'oops"})
    assert outcome.result is EditorResult.NOT_STARTED and not outcome.ok
    assert "can't be split" in outcome.message and "fix its quotes" in outcome.message
    assert draft.read_bytes() == DRAFT


def test_a_saved_edit(draft, editor):
    outcome = run_editor(draft, editor("save"))
    assert outcome.result is EditorResult.SAVED and outcome.ok and not outcome.message
    assert draft.read_text() == "[1]"


def test_closing_without_a_change(draft):
    outcome = run_editor(draft, {"VISUAL": "true"})
    assert outcome.result is EditorResult.UNCHANGED and outcome.ok
    assert draft.read_bytes() == DRAFT


def test_an_editor_that_is_not_installed(draft, tmp_path):
    outcome = run_editor(draft, {"VISUAL": str(tmp_path / "no-such-editor")})
    assert outcome.result is EditorResult.NOT_STARTED and not outcome.ok
    assert "could not be started (No such file or directory)" in outcome.message
    assert "set $VISUAL or $EDITOR to an editor that is installed" in outcome.message
    assert draft.read_bytes() == DRAFT


def test_an_editor_that_is_not_executable(draft, tmp_path):
    plain = tmp_path / "not-a-program"
    plain.write_text("")
    outcome = run_editor(draft, {"EDITOR": str(plain)})
    assert outcome.result is EditorResult.NOT_STARTED
    assert "Permission denied" in outcome.message


def test_an_error_exit_like_vims_cq(draft, editor):
    outcome = run_editor(draft, editor("exit-3"))
    assert outcome.result is EditorResult.FAILED and not outcome.ok
    assert "exited with code 3, so nothing was uploaded." in outcome.message
    assert draft.read_bytes() == DRAFT
    false = run_editor(draft, {"EDITOR": "false"})
    assert false.result is EditorResult.FAILED and "'false' exited with code 1" in false.message


@pytest.mark.parametrize("mode, name", [("sigkill", "SIGKILL"), ("sigterm", "SIGTERM")])
def test_an_editor_killed_by_a_signal_is_named(draft, editor, mode, name):
    outcome = run_editor(draft, editor(mode))
    assert outcome.result is EditorResult.KILLED and not outcome.ok
    assert f"was killed by {name}, so nothing was uploaded." in outcome.message
    assert draft.read_bytes() == DRAFT


def test_a_deleted_file_is_re_created_as_it_was(draft, editor):
    outcome = run_editor(draft, editor("delete"))
    assert outcome.result is EditorResult.DELETED and not outcome.ok and outcome.restored
    assert "deleted the working file, so nothing was uploaded" in outcome.message
    assert "re-created as it was when the editor opened" in outcome.message
    assert draft.read_bytes() == DRAFT


def test_a_failure_that_also_deleted_the_file_says_both(draft, editor):
    outcome = run_editor(draft, editor("delete-then-exit-1"))
    assert outcome.result is EditorResult.FAILED and outcome.restored
    assert "exited with code 1" in outcome.message and "re-created" in outcome.message
    assert draft.read_bytes() == DRAFT


def test_ctrl_c_while_the_editor_runs_is_the_editors(draft, editor):
    handler = signal.getsignal(signal.SIGINT)
    try:
        outcome = run_editor(draft, editor("ctrl-c"))
    except KeyboardInterrupt:
        pytest.fail("ctrl+c during the editor reached the app as a KeyboardInterrupt")
    assert outcome.result is EditorResult.INTERRUPTED and not outcome.ok
    assert "was stopped by ctrl+c, so nothing was uploaded." in outcome.message
    assert draft.read_bytes() == DRAFT
    # The app's own ctrl+c handling is back once the editor is closed.
    assert signal.getsignal(signal.SIGINT) is handler
