"""``flowtui``'s own arguments: one line and exit 2 for what cannot work, before any request;
a non-zero exit after a crash; no core file (issue #12, items 4, 5, 11, 12, 16)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from flowtui import applog
from flowtui.cli import main
from flowtui.tui.app import FlowtuiApp

TOKEN = "EAAGlaunchTOKEN0123456789"
GOOD = ["--base-url", "http://127.0.0.1:9", "--waba-id", "1"]


@pytest.fixture(autouse=True)
def no_log_file_left_behind() -> Iterator[None]:
    yield
    logger = logging.getLogger("flowtui")
    for handler in [h for h in logger.handlers if isinstance(h, applog.LogFile)]:
        logger.removeHandler(handler)
        handler.close()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[FlowtuiApp]:
    """The apps run_app started (none ran: ``run`` only records them, as quitting at once)."""
    apps: list[FlowtuiApp] = []

    def record(self: FlowtuiApp, **kwargs: object) -> None:
        apps.append(self)
        self._return_code = 0  # what Textual's exit() sets

    monkeypatch.setattr(FlowtuiApp, "run", record)
    return apps


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--base-url", "http://127.0.0.1:9", "--waba-id", "../x"],
         "The WhatsApp Business account id (--waba-id) '../x' is not a Graph id"),
        (["--base-url", "http://127.0.0.1:9", "--waba-id", "1/2"],
         "The WhatsApp Business account id (--waba-id) '1/2' is not a Graph id"),
        ([*GOOD, "--phone-number-id", "1?x=2"], "The phone number id (--phone-number-id)"),
        (["--base-url", "ftp://x", "--waba-id", "1"], "it starts with ftp://"),
        (["--base-url", "http://", "--waba-id", "1"], "it names no host"),
        (["--base-url", "http://[::1", "--waba-id", "1"],
         "an IPv6 address goes in square brackets, closed"),
        (["--base-url", "http://127.0.0.1:99999", "--waba-id", "1"],
         "its port is not a number from 1 to 65535"),
        (["--base-url", "http://10.0.0.5:8765", "--waba-id", "1"],
         "the access token would travel in clear text. Use https://, or pass "
         "--allow-insecure-http"),
        ([*GOOD, "--api-version", "../../x"], "The API version '../../x' is not a Graph API"),
        (["--api-version", "v26"], "The API version 'v26' is not a Graph API version"),
    ],
)  # fmt: skip
def test_arguments_that_cannot_work_are_one_line_and_exit_2(
    argv: list[str],
    said: str,
    started: list[FlowtuiApp],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("FLOWTUI_TOKEN", TOKEN)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("flowtui: ") and said in err
    assert len(err.strip().splitlines()) == 1
    assert not started


def test_plain_http_to_another_machine_runs_when_allowed(
    started: list[FlowtuiApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLOWTUI_TOKEN", TOKEN)
    assert (
        main(["--base-url", "http://10.0.0.5:8765", "--waba-id", "1", "--allow-insecure-http"]) == 0
    )
    (app,) = started
    assert app.context.allow_insecure_http and app.context.base_url == "http://10.0.0.5:8765"


def test_a_token_variable_with_a_line_break_is_one_line_quoting_none_of_it(
    started: list[FlowtuiApp], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FLOWTUI_TOKEN", f"{TOKEN}\n{TOKEN[::-1]}")
    assert main(GOOD) == 2
    err = capsys.readouterr().err
    assert err == (
        "flowtui: FLOWTUI_TOKEN holds an access token with a line break at position 26: set it "
        "again to the token alone, on one line.\n"
    )
    assert not started


def run_flowtui(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flowtui", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "FLOWTUI_TOKEN": TOKEN, **env},
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ("--base-url", "http://[::1", "--waba-id", "1"),
        ("--base-url", "http://127.0.0.1:99999", "--waba-id", "1"),
        ("--base-url", "http://127.0.0.1:9", "--waba-id", "1", "--api-version", "../../x"),
    ],
)
def test_no_traceback_from_the_real_command(argv: tuple[str, ...]) -> None:
    result = run_flowtui(*argv)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("flowtui: ") and len(result.stderr.splitlines()) == 1


# --- the exit status -------------------------------------------------------------------------


def run_headless(monkeypatch: pytest.MonkeyPatch) -> None:
    real_run = FlowtuiApp.run
    monkeypatch.setattr(FlowtuiApp, "run", lambda self, **kw: real_run(self, headless=True))


def test_a_crashed_app_exits_non_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    run_headless(monkeypatch)

    def crash(self: FlowtuiApp) -> None:
        raise RuntimeError("the app fell over")

    monkeypatch.setattr(FlowtuiApp, "on_mount", crash)
    assert main([]) == 1


def test_an_app_that_quits_exits_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    run_headless(monkeypatch)
    monkeypatch.setattr(FlowtuiApp, "on_mount", lambda self: self.exit())
    assert main([]) == 0


# --- core files ------------------------------------------------------------------------------


def test_the_app_forbids_core_dumps_before_it_reads_the_token(
    core_dump_guard: list[str], started: list[FlowtuiApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    from flowtui.accounts import env_token

    real = env_token.token_from_environment
    seen: list[list[str]] = []

    def reading(*args: object) -> object:
        seen.append(list(core_dump_guard))
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(env_token, "token_from_environment", reading)
    monkeypatch.setenv("FLOWTUI_TOKEN", TOKEN)
    assert main(GOOD) == 0
    assert seen == [["called"]]


def test_auth_login_and_status_forbid_them_too(core_dump_guard: list[str]) -> None:
    assert main(["auth", "status"]) == 1  # no profile yet
    assert main(["auth", "login", "--token-stdin"]) == 2  # no --waba-id
    assert core_dump_guard == ["called", "called"]


GUARD_PROBE = """
import resource, subprocess, sys
from flowtui.process_guard import PR_GET_DUMPABLE, _prctl, forbid_core_dumps
print(forbid_core_dumps())
print(resource.getrlimit(resource.RLIMIT_CORE))
print(_prctl(PR_GET_DUMPABLE, 0))
child = "import resource; from flowtui.process_guard import _prctl; "
child += "print(resource.getrlimit(resource.RLIMIT_CORE), _prctl(3, 0))"
print(subprocess.run([sys.executable, "-c", child], capture_output=True, text=True).stdout)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="prctl is Linux's")
def test_the_guard_zeroes_the_core_limit_and_makes_the_process_not_dumpable() -> None:
    result = subprocess.run(
        [sys.executable, "-c", GUARD_PROBE], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    done, limit, dumpable, child = result.stdout.splitlines()[:4]
    assert done == "['core-limit', 'not-dumpable']"
    assert limit == "(0, 0)"  # the hard limit too: it cannot be raised again
    assert dumpable == "0"
    assert child == "(0, 0) 1"  # a child (an editor) keeps the limit, and is debuggable again
