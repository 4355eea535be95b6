"""The token store against a real Secret Service: gnome-keyring in a private D-Bus session.

Each test starts ``dbus-run-session``, unlocks a fresh gnome-keyring in it (its own
``XDG_DATA_HOME`` and ``XDG_RUNTIME_DIR`` under ``tmp_path``, so a developer's keyring is never
touched) and runs the app's own code in Python subprocesses there.

Skipped when the tools are missing, except on CI (``CI`` set), where that is a failure:
``.ci/system-deps`` installs them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from .conftest import TOKEN, WABA

REPO_ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("dbus-run-session", "gnome-keyring-daemon")

# Runs inside the D-Bus session; the token arrives on standard input, never in argv.
STORE_READ_DELETE = """
import json, sys
import keyring
from flowtui.accounts.profiles import Profile
from flowtui.accounts.token_source import resolve_token
from flowtui.accounts.token_store import backend_name, delete_token, read_token, save_token
from flowtui.api.secret import Token

profile = Profile(name="ci-profile", waba_id="102290129340398")
token = Token(sys.stdin.read())
report = {"backend": backend_name(), "empty_before": read_token(profile) is None}
save_token(profile, token)
report["read_back"] = read_token(profile) == token
raw = keyring.get_password("flowtui:graph.facebook.com", "ci-profile")
report["raw_entry"] = raw == token.reveal()
report["resolved_from"] = str(resolve_token(profile, environ={}).origin)
report["deleted"] = delete_token(profile)
report["empty_after"] = read_token(profile) is None
report["deleted_again"] = delete_token(profile)
print(json.dumps(report))
"""

READ_WHEN_LOCKED = """
import json
from flowtui.accounts.profiles import Profile
from flowtui.accounts.token_store import KeyringUnavailableError, read_token

try:
    read_token(Profile(name="ci-profile", waba_id="1"), timeout=3)
    print(json.dumps({"error": None}))
except KeyringUnavailableError as exc:
    print(json.dumps({"error": str(exc)}))
"""

# The ``flowtui`` command line as cli.py builds it, with only this package's subcommands.
CLI = """
import argparse, sys
from flowtui.accounts import command
parser = argparse.ArgumentParser(prog="flowtui")
command.add_parser(parser.add_subparsers(dest="command"))
args = parser.parse_args(sys.argv[1:])
sys.exit(args.handler(args))
"""


def _require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"{', '.join(missing)} not installed (run .ci/system-deps)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the real keyring test: {message}")
    pytest.skip(message)


def _run_in_keyring_session(
    home: Path, password: str, commands: str, stdin: str = "", **env_vars: str
) -> subprocess.CompletedProcess[str]:
    """Run shell ``commands`` in a new D-Bus session with gnome-keyring unlocked."""
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS", "CI")
        and not key.startswith(("FLOWTUI_", "XDG_", "WHATSAPP_"))
        and not key.lower().endswith("_proxy")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_RUNTIME_DIR=str(runtime),
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
        KEYRING_PASSWORD=password,
        PY=sys.executable,
        **env_vars,
    )
    shell = (
        'printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets '
        f">/dev/null && {commands}"
    )
    return subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", shell],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        timeout=60,
        check=False,
    )


def _report(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_store_read_delete_in_gnome_keyring(tmp_path: Path) -> None:
    _require_tools()
    result = _run_in_keyring_session(
        tmp_path, "first-password", '"$PY" -c "$SCRIPT"', TOKEN, SCRIPT=STORE_READ_DELETE
    )
    assert _report(result) == {
        "backend": "keyring.backends.SecretService.Keyring",
        "empty_before": True,
        "read_back": True,
        "raw_entry": True,
        "resolved_from": "keyring",
        "deleted": True,
        "empty_after": True,
        "deleted_again": False,
    }
    assert TOKEN not in result.stdout + result.stderr


def test_a_locked_keyring_is_reported_not_waited_for(tmp_path: Path) -> None:
    _require_tools()
    _report(
        _run_in_keyring_session(
            tmp_path, "first-password", '"$PY" -c "$SCRIPT"', TOKEN, SCRIPT=STORE_READ_DELETE
        )
    )
    # The same keyring files opened with another password stay locked.
    result = _run_in_keyring_session(
        tmp_path, "other-password", '"$PY" -c "$SCRIPT"', SCRIPT=READ_WHEN_LOCKED
    )
    error = _report(result)["error"]
    assert isinstance(error, str)
    assert "The OS keyring is not available" in error
    assert "FLOWTUI_TOKEN" in error


class _FakeGraph(BaseHTTPRequestHandler):
    """Answers the login check: ``GET /v26.0/<waba>/flows`` with an empty page."""

    seen_authorization: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen_authorization.append(self.headers.get("Authorization", ""))
        ok = self.path.startswith(f"/v26.0/{WABA}/flows?")
        body = json.dumps({"data": []} if ok else {"error": {"message": "no", "code": 100}})
        self.send_response(200 if ok else 400)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def fake_graph() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeGraph)
    _FakeGraph.seen_authorization = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_cli_login_status_logout_with_gnome_keyring(tmp_path: Path, fake_graph: str) -> None:
    _require_tools()
    (tmp_path / "cli.py").write_text(CLI)
    commands = " && ".join(
        [
            f'"$PY" cli.py auth login --profile work --waba-id {WABA} --base-url "$GRAPH" '
            "--token-stdin",
            '"$PY" cli.py auth status',
            '"$PY" cli.py locate',
            'cp "$XDG_CONFIG_HOME/flowtui/config.toml" config-while-logged-in.toml',
            '"$PY" cli.py auth logout work',
        ]
    )
    result = _run_in_keyring_session(tmp_path, "pw", commands, TOKEN, GRAPH=fake_graph)
    assert result.returncode == 0, result.stdout + result.stderr
    host = fake_graph.removeprefix("http://")
    assert f"service 'flowtui:{host}', user 'work'" in result.stdout
    assert "Check: OK." in result.stdout
    assert "Keyring:       keyring.backends.SecretService.Keyring" in result.stdout
    assert "Removed the token of 'work' from the OS keyring." in result.stdout
    # Login and status each sent the token to Graph, and nothing else showed it.
    assert _FakeGraph.seen_authorization == [f"Bearer {TOKEN}"] * 2
    assert TOKEN not in result.stdout + result.stderr
    assert "[profiles.work]" in (tmp_path / "config-while-logged-in.toml").read_text()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
