"""``flowtui`` with no subcommand: the account is found, or the user is told why, before the
app takes the screen."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx
import pytest

from flowtui import launch
from flowtui.cli import main


def run_flowtui(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flowtui", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_a_blank_token_variable_is_a_sentence_not_a_traceback() -> None:
    result = run_flowtui("--base-url", "http://127.0.0.1:9", "--waba-id", "1", FLOWTUI_TOKEN="   ")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no token: set FLOWTUI_TOKEN" in result.stderr
    assert "blank value counts as unset" in result.stderr


def test_a_negative_sandbox_flow_count_is_refused_before_anything_starts() -> None:
    result = run_flowtui("--sandbox", "--sandbox-flows", "-1")
    assert result.returncode == 2
    assert "argument --sandbox-flows: must not be negative: -1" in result.stderr


def test_a_sandbox_that_starts_is_ready_and_serves() -> None:
    with launch.sandbox_process(0) as child:
        assert child.wait_ready() == ""
        response = httpx.get(
            f"{child.url}/v26.0/100000000000001/flows",
            headers={"Authorization": "Bearer x-sandbox-token"},
        )
        assert response.status_code == 200


def test_a_sandbox_that_cannot_start_says_why() -> None:
    with launch.sandbox_process(-1) as child:  # the child's own check refuses it
        problem = child.wait_ready()
    assert "must not be negative: -1" in problem


def test_the_app_does_not_start_when_the_sandbox_cannot(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from flowtui.tui.app import FlowtuiApp

    def never(self: FlowtuiApp, *args: object, **kwargs: object) -> None:
        raise AssertionError("the app started although the sandbox did not")

    monkeypatch.setattr(FlowtuiApp, "run", never)
    real = launch.sandbox_process
    monkeypatch.setattr(launch, "sandbox_process", lambda flows: real(-1))
    assert main(["--sandbox"]) == 1
    err = capsys.readouterr().err
    assert "flowtui: the sandbox could not start:" in err
    assert "must not be negative" in err
    assert err.count("must not be negative") == 1  # said once, not again on the way out
