"""Which editor opens, and what happens when it can't or fails."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from flowtui.editing import EditorFailedError, editor_command, run_editor

FILE = Path("/tmp/flow.json")


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


def test_run_editor_waits_for_the_edit(tmp_path):
    target = tmp_path / "f.json"
    target.write_text("{}")
    script = tmp_path / "ed.py"
    script.write_text("import sys, pathlib; pathlib.Path(sys.argv[1]).write_text('[1]')")
    run_editor(target, {"VISUAL": f"{sys.executable} {script}"})
    assert target.read_text() == "[1]"


def test_a_missing_or_failing_editor_is_an_error(tmp_path):
    with pytest.raises(EditorFailedError, match="could not be started"):
        run_editor(tmp_path / "f.json", {"VISUAL": str(tmp_path / "no-such-editor")})
    with pytest.raises(EditorFailedError, match="exited with code 3"):
        run_editor(tmp_path / "f.json", {"VISUAL": f"{sys.executable} -c 'exit(3)'"})
