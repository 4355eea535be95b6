"""The ``auth`` and ``locate`` commands, run through ``add_parser`` and their handlers."""

from __future__ import annotations

import getpass
import tomllib
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
import respx
from keyring.backends import fail

from flowtui.accounts.config_file import load_config
from tests.conftest import Dirs
from tests.memory_keyring import MemoryKeyring

from .conftest import FLOWS_URL, TOKEN, WABA, graph_error

RunCli = Callable[..., int]
ENTRY = ("flowtui:graph.facebook.com", "work")


@pytest.fixture
def graph():
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
def token_works(graph: respx.MockRouter) -> respx.Route:
    return graph.get(FLOWS_URL).respond(200, json={"data": []})


def login(run_cli: RunCli, *extra: str, token: str = TOKEN) -> int:
    return run_cli(
        ["auth", "login", "--profile", "work", "--waba-id", WABA, "--token-stdin", *extra],
        stdin=token,
    )


def test_login_verifies_stores_in_keyring_and_writes_profile(
    run_cli: RunCli,
    token_works: respx.Route,
    memory_keyring: MemoryKeyring,
    dirs: Dirs,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert login(run_cli, "--phone-number-id", "106540352242922") == 0
    assert token_works.call_count == 1
    assert memory_keyring.entries == {ENTRY: TOKEN}
    data = tomllib.loads(dirs.default_config_file.read_text())
    assert data["default_profile"] == "work"
    assert data["profiles"]["work"]["waba_id"] == WABA
    assert data["profiles"]["work"]["phone_number_id"] == "106540352242922"
    out = capsys.readouterr().out
    assert "Logged in: profile 'work'" in out
    assert "service 'flowtui:graph.facebook.com', user 'work'" in out


def test_the_token_is_in_no_file_after_login_and_use(
    run_cli: RunCli,
    graph: respx.MockRouter,
    token_works: respx.Route,
    dirs: Dirs,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config_file = dirs.root / "elsewhere" / "config.toml"
    assert login(run_cli, "--config", str(config_file)) == 0
    other_account = graph.get("https://graph.facebook.com/v26.0/7/flows").respond(200, json={})
    assert (
        run_cli(
            ["auth", "login", "--profile", "two", "--waba-id", "7", "--token-stdin"], stdin=TOKEN
        )
        == 0
    )
    assert other_account.call_count == 1
    for argv in (
        ["auth", "list", "--config", str(config_file)],
        ["auth", "status", "--config", str(config_file)],
        ["locate", "--config", str(config_file)],
        ["auth", "list"],
        ["auth", "status", "--profile", "two"],
        ["locate"],
    ):
        run_cli(argv)
    files = [path for path in dirs.root.rglob("*") if path.is_file()]
    assert config_file in files
    assert dirs.default_config_file in files
    for path in files:
        assert TOKEN.encode() not in path.read_bytes(), path
    captured = capsys.readouterr()
    assert TOKEN not in captured.out + captured.err


def test_a_refused_token_saves_nothing_and_says_why(
    run_cli: RunCli,
    graph: respx.MockRouter,
    memory_keyring: MemoryKeyring,
    dirs: Dirs,
    capsys: pytest.CaptureFixture[str],
) -> None:
    graph.get(FLOWS_URL).respond(401, json=graph_error(190, "Invalid OAuth access token."))
    assert login(run_cli) == 1
    assert memory_keyring.entries == {}
    assert not dirs.default_config_file.exists()
    err = capsys.readouterr().err
    assert "Login failed: Graph refused the token: it is invalid, expired or revoked" in err
    assert "Nothing was saved." in err


def test_no_keyring_backend_saves_nothing_and_names_the_remedies(
    run_cli: RunCli,
    token_works: respx.Route,
    dirs: Dirs,
    capsys: pytest.CaptureFixture[str],
) -> None:
    keyring.set_keyring(fail.Keyring())
    assert login(run_cli) == 1
    assert not dirs.default_config_file.exists()
    err = capsys.readouterr().err
    assert "The OS keyring is not available: no keyring backend" in err
    assert "Secret Service" in err
    assert "FLOWTUI_TOKEN" in err
    assert "--no-keyring" in err


def test_no_keyring_option_saves_only_the_profile(
    run_cli: RunCli,
    token_works: respx.Route,
    dirs: Dirs,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    keyring.set_keyring(fail.Keyring())
    assert login(run_cli, "--no-keyring") == 0
    assert load_config(dirs.default_config_file).names == ("work",)
    assert "Token not stored (--no-keyring)" in capsys.readouterr().out
    monkeypatch.setenv("FLOWTUI_TOKEN", TOKEN)
    assert run_cli(["auth", "status"]) == 0
    assert "Token: environment variable FLOWTUI_TOKEN" in capsys.readouterr().out


def test_prompt_uses_getpass_on_a_terminal(
    run_cli: RunCli,
    token_works: respx.Route,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return TOKEN

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    assert run_cli(["auth", "login", "--profile", "work", "--waba-id", WABA], tty=True) == 0
    assert prompts == ["Access token for profile 'work' (input hidden): "]
    assert memory_keyring.entries == {ENTRY: TOKEN}


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["--waba-id", WABA], TOKEN, "pass --token-stdin"),  # stdin is not a terminal
        (["--waba-id", WABA, "--token-stdin"], "  \n", "the access token is empty"),
        (["--waba-id", "12/3", "--token-stdin"], TOKEN, "invalid WhatsApp Business account id"),
        (["--waba-id", WABA, "--profile", "a b", "--token-stdin"], TOKEN, "invalid profile name"),
        (["--waba-id", WABA, "--api-version", "26", "--token-stdin"], TOKEN, "invalid API version"),
    ],
)
def test_login_usage_errors(
    run_cli: RunCli,
    graph: respx.MockRouter,
    argv: list[str],
    stdin: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(["auth", "login", *argv], stdin=stdin) == 2
    assert message in capsys.readouterr().err
    assert not graph.calls


def test_list_shows_profiles_and_the_default(
    run_cli: RunCli,
    graph: respx.MockRouter,
    token_works: respx.Route,
    capsys: pytest.CaptureFixture[str],
) -> None:
    graph.get("http://127.0.0.1:8765/v26.0/9/flows").respond(200, json={"data": []})
    assert run_cli(["auth", "list"]) == 0
    assert "No profiles" in capsys.readouterr().out
    assert login(run_cli) == 0
    assert run_cli(
        ["auth", "login", "--profile", "sbx", "--waba-id", "9", "--token-stdin", "--default",
         "--base-url", "http://127.0.0.1:8765"],
        stdin=TOKEN,
    ) == 0  # fmt: skip
    capsys.readouterr()
    assert run_cli(["auth", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "NAME",
        "WABA",
        "ID",
        "PHONE",
        "NUMBER",
        "ID",
        "APP",
        "ID",
        "API",
        "HOST",
    ]
    assert lines[1].split() == ["work", WABA, "-", "-", "v26.0", "graph.facebook.com"]
    assert lines[2].split() == ["*", "sbx", "9", "-", "-", "v26.0", "127.0.0.1:8765"]


def test_status_reports_source_and_check(
    run_cli: RunCli,
    graph: respx.MockRouter,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    route = graph.get(FLOWS_URL).respond(200, json={"data": []})
    login(run_cli)
    capsys.readouterr()
    assert run_cli(["auth", "status"]) == 0
    out = capsys.readouterr().out
    assert f"Profile: work (default), WhatsApp Business account {WABA} on graph" in out
    assert "Token: OS keyring (service 'flowtui:graph.facebook.com', user 'work')" in out
    assert "Check: OK." in out
    route.respond(
        401,
        json=graph_error(190, "Error validating access token: Session has expired", subcode=463),
    )
    assert run_cli(["auth", "status", "--profile", "work"]) == 1
    out = capsys.readouterr().out
    assert "Check: FAILED. Graph refused the token: it is expired." in out
    assert "log in again" in out
    monkeypatch.setenv("FLOWTUI_TOKEN", "from-the-environment")
    assert run_cli(["auth", "status"]) == 1
    out = capsys.readouterr().out
    assert "Token: environment variable FLOWTUI_TOKEN" in out
    assert "The token comes from FLOWTUI_TOKEN: update or unset it." in out
    assert route.calls.last.request.headers["Authorization"] == "Bearer from-the-environment"


def test_status_fails_without_profile_or_token(
    run_cli: RunCli,
    token_works: respx.Route,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(["auth", "status"]) == 1
    assert "no profile yet" in capsys.readouterr().err
    login(run_cli)
    memory_keyring.entries.clear()
    capsys.readouterr()
    assert run_cli(["auth", "status"]) == 1
    captured = capsys.readouterr()
    assert "Token: none (nothing stored in the OS keyring" in captured.out
    assert "run 'flowtui auth login --profile work" in captured.err
    assert token_works.call_count == 1  # only the login's check


def test_logout_removes_token_and_profile(
    run_cli: RunCli,
    token_works: respx.Route,
    memory_keyring: MemoryKeyring,
    dirs: Dirs,
    capsys: pytest.CaptureFixture[str],
) -> None:
    login(run_cli)
    assert run_cli(["auth", "logout", "work"]) == 0
    assert memory_keyring.entries == {}
    assert load_config(dirs.default_config_file).names == ()
    assert "Removed the token of 'work'" in capsys.readouterr().out
    assert run_cli(["auth", "logout", "work"]) == 1
    assert "no profile named 'work'" in capsys.readouterr().err


def test_logout_keeps_the_profile_when_the_keyring_is_unreachable(
    run_cli: RunCli,
    token_works: respx.Route,
    dirs: Dirs,
    capsys: pytest.CaptureFixture[str],
) -> None:
    login(run_cli)
    keyring.set_keyring(fail.Keyring())
    assert run_cli(["auth", "logout", "work"]) == 1
    assert load_config(dirs.default_config_file).names == ("work",)
    assert "pass --force" in capsys.readouterr().err
    assert run_cli(["auth", "logout", "work", "--force"]) == 0
    assert load_config(dirs.default_config_file).names == ()
    assert "Warning: the token could not be removed" in capsys.readouterr().err


def test_locate_shows_paths_and_token_source(
    run_cli: RunCli,
    token_works: respx.Route,
    dirs: Dirs,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(["locate"]) == 0
    out = capsys.readouterr().out
    assert f"Config file:   {dirs.default_config_file} (default location; not created yet)" in out
    assert f"Data folder:   {dirs.data / 'flowtui'}" in out
    assert "Log folder:    " + str(dirs.state) in out
    assert "Keyring:       tests.memory_keyring.MemoryKeyring" in out
    assert "Token source:  none (no profile)" in out

    custom = dirs.root / "custom.toml"
    monkeypatch.setenv("FLOWTUI_CONFIG", str(custom))
    login(run_cli)
    capsys.readouterr()
    assert run_cli(["locate"]) == 0
    out = capsys.readouterr().out
    assert f"Config file:   {custom} (from FLOWTUI_CONFIG; exists)" in out
    assert "Token source:  OS keyring (service 'flowtui:graph.facebook.com', user 'work')" in out

    monkeypatch.setenv("WHATSAPP_ACCESS_TOKEN", TOKEN)
    keyring.set_keyring(fail.Keyring())
    assert run_cli(["locate"]) == 0
    out = capsys.readouterr().out
    assert "Keyring:       unavailable (no keyring backend was found on this machine)" in out
    assert "Token source:  environment variable WHATSAPP_ACCESS_TOKEN" in out
    assert TOKEN not in out


def test_subcommand_options_do_not_override_top_level_ones(tmp_path: Path) -> None:
    import argparse

    from flowtui.accounts import command

    parser = argparse.ArgumentParser(prog="flowtui")
    parser.add_argument("--config")
    parser.add_argument("--profile")
    command.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["--config", "top.toml", "--profile", "p", "auth", "status"])
    assert (args.config, args.profile) == ("top.toml", "p")
    args = parser.parse_args(["--config", "top.toml", "locate", "--config", "sub.toml"])
    assert args.config == "sub.toml"


def test_login_warns_when_an_env_var_will_override_the_stored_token(
    run_cli: RunCli,
    token_works: respx.Route,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("WHATSAPP_ACCESS_TOKEN", "another-token-from-ci")
    assert login(run_cli) == 0
    assert memory_keyring.entries == {ENTRY: TOKEN}  # the token given to login, not the env's
    assert token_works.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"
    out = capsys.readouterr().out
    assert "Note: WHATSAPP_ACCESS_TOKEN is set and takes precedence over the stored token." in out


def test_login_options_may_come_before_the_subcommand(
    run_cli: RunCli,
    graph: respx.MockRouter,
    memory_keyring: MemoryKeyring,
    dirs: Dirs,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """cli.py also has --profile, --waba-id, --base-url ... at top level; both places work."""
    import argparse
    import io
    import sys

    from flowtui.accounts import command

    route = graph.get("http://127.0.0.1:8765/v25.0/9/flows").respond(200, json={"data": []})
    parser = argparse.ArgumentParser(prog="flowtui")
    for option in ("--config", "--profile", "--waba-id", "--base-url", "--api-version"):
        parser.add_argument(option)
    command.add_parser(parser.add_subparsers(dest="command"))
    config_file = dirs.root / "top.toml"
    args = parser.parse_args(
        ["--config", str(config_file), "--profile", "sbx", "--waba-id", "9",
         "--base-url", "http://127.0.0.1:8765", "--api-version", "v25.0",
         "auth", "login", "--token-stdin"]
    )  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.StringIO(TOKEN))
    assert args.handler(args) == 0
    assert route.call_count == 1
    assert load_config(config_file).get("sbx").api_version == "v25.0"

    args = parser.parse_args(["auth", "login", "--token-stdin"])
    assert args.handler(args) == 2
    assert "auth login needs --waba-id" in capsys.readouterr().err


def test_app_secret_is_kept_beside_the_token_and_goes_with_the_profile(
    run_cli: RunCli,
    token_works: respx.Route,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    login(run_cli)
    assert run_cli(["auth", "app-secret", "--profile", "work", "--stdin"], stdin="0ddba11\n") == 0
    assert memory_keyring.entries == {
        ENTRY: TOKEN,
        ("flowtui:graph.facebook.com", "work/app-secret"): "0ddba11",
    }
    out = capsys.readouterr().out
    assert "Saved the app secret of 'work'" in out and "0ddba11" not in out
    assert run_cli(["auth", "app-secret", "--stdin"], stdin="a\x07b\n") == 2
    assert "contains a control character (U+0007) at position 2" in capsys.readouterr().err
    assert run_cli(["auth", "app-secret", "--stdin"], stdin="\n") == 2
    assert "no app secret was given" in capsys.readouterr().err
    assert run_cli(["auth", "logout", "work"]) == 0
    assert memory_keyring.entries == {}  # the token and the app secret


def test_app_secret_delete_and_no_terminal(
    run_cli: RunCli,
    token_works: respx.Route,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    login(run_cli)
    run_cli(["auth", "app-secret", "--stdin"], stdin="0ddba11\n")
    assert run_cli(["auth", "app-secret", "--delete"]) == 0
    assert memory_keyring.entries == {ENTRY: TOKEN}
    assert "Removed the app secret of 'work'" in capsys.readouterr().out
    assert run_cli(["auth", "app-secret"], stdin="") == 2  # stdin is no terminal: never echoed
    assert "pass --stdin" in capsys.readouterr().err
