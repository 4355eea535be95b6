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
# For a process that might read /dev/full for ever if a check broke: 2 GiB of address space
# makes that a quick MemoryError in the child, not a machine out of memory.
CAPPED_LAUNCHER = (
    "import resource; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)); " + LAUNCHER
)


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


# --- hardening (issue #12 items 8, 12 and 13) -----------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--port", "99999"], "--port must be 0-65535 (0: any free port), not 99999"),
        (["--port", "-1"], "--port must be 0-65535 (0: any free port), not -1"),
        (["--fd", "0"], "--fd 0: not an inherited socket (Socket operation on non-socket)"),
        (["--fd", "999"], "--fd 999: not an inherited socket (Bad file descriptor)"),
    ],
)
def test_bad_port_or_fd_is_one_line_and_exit_2(arguments: list[str], message: str) -> None:
    process = _launch("sandbox", "serve", *arguments)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 2
    assert errors == f"flowtui sandbox: {message}\n"


def test_fd_of_a_socket_that_does_not_listen(tmp_path: Path) -> None:
    import socket

    with socket.socket() as unbound:
        unbound.bind(("127.0.0.1", 0))
        process = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, "sandbox", "serve", "--fd", str(unbound.fileno())],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            pass_fds=[unbound.fileno()],
        )
        _, errors = process.communicate(timeout=30)
    assert process.returncode == 2
    assert errors.endswith(": not a listening socket\n") and "Traceback" not in errors


def test_flows_are_bounded() -> None:
    with pytest.raises(SystemExit) as caught:
        _parser().parse_args(["sandbox", "serve", "--flows", "99999999999"])
    assert caught.value.code == 2
    assert _parser().parse_args(["sandbox", "serve", "--flows", "1000000"]).flows == 1_000_000
    with pytest.raises(SystemExit):
        _parser().parse_args(["sandbox", "serve", "--flows", "1000001"])


def test_a_state_that_is_no_regular_file_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "state.json"
    os.mkfifo(fifo)
    for state, kind in ((fifo, "a FIFO (named pipe)"), ("/dev/full", "a character device")):
        process = subprocess.Popen(
            [sys.executable, "-c", CAPPED_LAUNCHER, "sandbox", "serve", "--state", str(state)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _, errors = process.communicate(timeout=30)
        finally:
            process.kill()
            process.wait()
        assert process.returncode == 1
        assert f"cannot be read: it is {kind}, not a regular file" in errors


def test_the_banner_shows_names_from_a_state_file_harmlessly(tmp_path: Path) -> None:
    from flowtui.sandbox.demo import build_store
    from flowtui.sandbox.model import Account
    from flowtui.sandbox.persistence import save_state

    store = build_store("empty", 0, lambda: 0.0)
    store.accounts = {"1": Account("1", "Evil\x1b]0;owned\x07 \ud800", "2")}
    state = tmp_path / "state\x1b[31m.json"
    save_state(store, state)
    process = _launch("sandbox", "serve", "--port", "0", "--state", str(state))
    try:
        banner = _read_banner(process)
    finally:
        process.kill()
        process.wait()
    assert "Evil␛]0;owned␇ \ufffd" in banner
    assert "state: " + str(tmp_path) + "/state␛[31m.json" in banner
    assert "\x1b" not in banner


def test_a_full_disk_refuses_the_change_and_a_restart_keeps_what_was_saved(
    tmp_path: Path,
) -> None:
    """A real process whose files may not grow past a size (RLIMIT_FSIZE: writes fail with
    EFBIG, as on a full disk): the change it cannot save is refused with Graph's envelope and
    undone, the log says why, the next change that fits is saved, and after kill -9 a restart
    serves exactly what was saved."""
    import resource

    from flowtui.sandbox.demo import build_store
    from flowtui.sandbox.persistence import state_bytes

    limit = len(state_bytes(build_store("demo", 0, lambda: 0.0))) + 50_000
    limited = (
        "import resource, signal; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); " + LAUNCHER
    )
    assert resource.RLIMIT_FSIZE
    state = tmp_path / "state.json"
    process = subprocess.Popen(
        [sys.executable, "-c", limited, "sandbox", "serve", "--port", "0", "--state", str(state)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    headers = {"Authorization": "Bearer any"}
    try:
        base = re.search(r"base URL: (\S+)", _read_banner(process)).group(1)  # type: ignore[union-attr]
        flows = f"{base}/v26.0/{WABA}/flows"
        too_big = httpx.post(
            flows, json={"name": "x" * 100_000, "categories": ["OTHER"]}, headers=headers
        )
        fits = httpx.post(flows, json={"name": "Fits", "categories": ["OTHER"]}, headers=headers)
        names = [
            f["name"]
            for f in httpx.get(f"{flows}?fields=name&limit=100", headers=headers).json()["data"]
        ]
    finally:
        process.kill()  # kill -9: no shutdown of any kind
        _, errors = process.communicate(timeout=30)
    assert too_big.status_code == 503
    assert too_big.json()["error"]["code"] == 2 and too_big.json()["error"]["is_transient"]
    assert fits.status_code == 200
    assert "Fits" in names and "x" * 100_000 not in names
    assert "flowtui sandbox: a change could not be saved, so it was undone and refused:" in errors
    assert "File too large" in errors
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]

    restarted = _launch("sandbox", "serve", "--port", "0", "--state", str(state))
    try:
        base = re.search(r"base URL: (\S+)", _read_banner(restarted)).group(1)  # type: ignore[union-attr]
        listed = httpx.get(f"{base}/v26.0/{WABA}/flows?fields=name&limit=100", headers=headers)
    finally:
        restarted.kill()
        restarted.wait()
    assert [f["name"] for f in listed.json()["data"]] == names
