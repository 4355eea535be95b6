"""The command line: ``sandbox serve``, as real processes."""

from __future__ import annotations

import argparse
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from flowtui.sandbox import command
from tests.sandbox.conftest import WABA

LAUNCHER = "from flowtui.cli import main; raise SystemExit(main())"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="flowtui")
    command.add_parser(parser.add_subparsers(dest="command"))
    return parser


def _launch(*arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _read_banner(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    lines = []
    while True:
        line = process.stdout.readline()
        assert line, f"sandbox exited early: {process.stderr.read() if process.stderr else ''}"
        lines.append(line)
        if line.startswith("Press Ctrl+C"):
            return "".join(lines)


def test_serve_options_parse() -> None:
    args = _parser().parse_args(
        ["sandbox", "serve", "--port", "0", "--data", "empty", "--flows", "5", "--faults", "drop"]
    )
    assert args.handler is command.run_serve
    assert (args.port, args.data, args.flows, args.faults) == (0, "empty", 5, "drop")
    assert args.host == "127.0.0.1"


def test_help_documents_the_fault_spec(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _parser().parse_args(["sandbox", "serve", "--help"])
    serve_help = capsys.readouterr().out
    for word in ("seed=N", "latency", "ratelimit", "error", "drop", "malformed", "path=GLOB"):
        assert word in serve_help


@pytest.mark.parametrize("how", ["sigint", "sigterm"])
def test_sandbox_serves_until_interrupted(how: str) -> None:
    process = _launch("sandbox", "serve", "--port", "0")
    try:
        banner = _read_banner(process)
        match = re.search(r"base URL: (http://127\.0\.0\.1:\d+)", banner)
        assert match is not None
        assert WABA in banner and "100000000000002" in banner
        response = httpx.get(
            f"{match.group(1)}/v26.0/{WABA}/flows", headers={"Authorization": "Bearer any"}
        )
        assert response.status_code == 200
        process.send_signal(signal.SIGINT if how == "sigint" else signal.SIGTERM)
        output, errors = process.communicate(timeout=15)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0, errors
    assert "stopped" in output
    assert "Traceback" not in errors


def test_serve_refuses_a_corrupt_state_file(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text("{oops")
    process = _launch("sandbox", "serve", "--port", "0", "--state", str(state))
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 1
    assert str(state) in errors
    assert "not valid JSON" in errors
    assert state.read_text() == "{oops"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--faults", "explode"], "bad --faults SPEC"),
        (["--host", "0.0.0.0"], "only listens on loopback"),
    ],
)
def test_serve_refuses_bad_options(arguments: list[str], message: str) -> None:
    process = _launch("sandbox", "serve", "--port", "0", *arguments)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 1
    assert message in errors


def test_serve_on_an_inherited_socket_until_stdin_closes() -> None:
    """How flowtui --sandbox runs it: the app binds the port, the sandbox serves it."""
    import socket

    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            LAUNCHER,
            "sandbox",
            "serve",
            "--fd",
            str(listener.fileno()),
            "--stop-on-stdin-eof",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        pass_fds=[listener.fileno()],
    )
    listener.close()  # the child holds the only copy now
    try:
        # The request may be sent before the sandbox is up: it waits in the listen backlog.
        response = httpx.get(
            f"http://127.0.0.1:{port}/v26.0/{WABA}/flows",
            headers={"Authorization": "Bearer any"},
            timeout=30,
        )
        assert response.status_code == 200
        assert process.stdin is not None
        process.stdin.close()  # the app ended
        process.wait(timeout=15)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0
