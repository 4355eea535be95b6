"""Every way a token enters (the environment, standard input, the prompt, the keyring) refuses a
control character inside it, in a sentence that names where it came from and quotes none of it
(issue #12, item 4)."""

from __future__ import annotations

import getpass
from collections.abc import Callable

import pytest
import respx

from flowtui.accounts.env_token import token_from_environment, token_variable
from flowtui.accounts.profiles import Profile
from flowtui.accounts.token_source import TokenOrigin, resolve_token
from flowtui.accounts.token_store import read_token
from flowtui.api.errors import InvalidTokenError
from tests.memory_keyring import MemoryKeyring

from .conftest import FLOWS_URL, WABA

RunCli = Callable[..., int]
FIRST = "EAAGfirstLINE0123456789"
SECOND = "EAAGsecondLINE9876543210"
TWO_LINES = f"{FIRST}\n{SECOND}"
PROFILE = Profile(name="work", waba_id=WABA)
ENTRY = ("flowtui:graph.facebook.com", "work")


@pytest.fixture
def graph():
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        yield router


def assert_quotes_none_of_the_token(*texts: str) -> None:
    for text in texts:
        assert FIRST not in text and SECOND not in text and "EAAG" not in text, text


def test_the_environment_variable_is_named_and_not_quoted() -> None:
    with pytest.raises(InvalidTokenError) as caught:
        token_from_environment({"FLOWTUI_TOKEN": TWO_LINES})
    assert str(caught.value) == (
        "FLOWTUI_TOKEN holds an access token with a line break at position 24: set it again to "
        "the token alone, on one line."
    )
    assert token_variable({"WHATSAPP_ACCESS_TOKEN": TWO_LINES}) == "WHATSAPP_ACCESS_TOKEN"
    assert token_variable({"FLOWTUI_TOKEN": "  "}) is None


def test_a_broken_variable_gives_no_token_and_no_fall_back_to_the_keyring(
    memory_keyring: MemoryKeyring,
) -> None:
    memory_keyring.entries[ENTRY] = "EAAGstoredTOKEN0123456789"
    resolution = resolve_token(PROFILE, environ={"FLOWTUI_TOKEN": TWO_LINES})
    assert resolution.token is None and resolution.unusable
    assert resolution.origin is TokenOrigin.NONE and resolution.env_var == "FLOWTUI_TOKEN"
    assert resolution.describe() == "none (FLOWTUI_TOKEN does not hold a usable token)"
    assert_quotes_none_of_the_token(resolution.problem or "", resolution.describe())


def test_a_stored_token_with_a_line_break_says_how_to_replace_it(
    memory_keyring: MemoryKeyring,
) -> None:
    memory_keyring.entries[ENTRY] = TWO_LINES
    with pytest.raises(InvalidTokenError) as caught:
        read_token(PROFILE)
    message = str(caught.value)
    assert message.startswith(
        "The token stored in the OS keyring for profile 'work' (service "
        "'flowtui:graph.facebook.com', user 'work') contains a line break at position 24: log "
        "in again"
    )
    assert f"flowtui auth login --profile work --waba-id {WABA}" in message
    assert_quotes_none_of_the_token(message)
    resolution = resolve_token(PROFILE, environ={})
    assert resolution.token is None and resolution.unusable and resolution.problem == message


def test_auth_status_with_a_broken_variable_says_so_in_one_line_and_sends_nothing(
    run_cli: RunCli,
    graph: respx.MockRouter,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from flowtui.accounts import service

    service.save_profile(_config_path(), PROFILE)
    monkeypatch.setenv("FLOWTUI_TOKEN", TWO_LINES)
    assert run_cli(["auth", "status"]) == 1
    captured = capsys.readouterr()
    assert "Token: none (FLOWTUI_TOKEN does not hold a usable token)" in captured.out
    assert captured.err.strip().splitlines() == [
        "FLOWTUI_TOKEN holds an access token with a line break at position 24: set it again to "
        "the token alone, on one line."
    ]
    assert_quotes_none_of_the_token(captured.out, captured.err)
    assert not graph.calls


def test_auth_status_with_a_broken_stored_token(
    run_cli: RunCli,
    graph: respx.MockRouter,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from flowtui.accounts import service

    service.save_profile(_config_path(), PROFILE)
    memory_keyring.entries[ENTRY] = TWO_LINES
    assert run_cli(["auth", "status"]) == 1
    captured = capsys.readouterr()
    assert "contains a line break at position 24: log in again" in captured.err
    assert_quotes_none_of_the_token(captured.out, captured.err)
    assert not graph.calls


@pytest.mark.parametrize("token", [TWO_LINES, f"{FIRST}\x00{SECOND}", f"{FIRST}\r{SECOND}"])
def test_login_from_standard_input_refuses_it_and_saves_nothing(
    run_cli: RunCli,
    graph: respx.MockRouter,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    token: str,
) -> None:
    argv = ["auth", "login", "--waba-id", WABA, "--token-stdin"]
    assert run_cli(argv, stdin=token) == 2
    captured = capsys.readouterr()
    assert "error: The access token contains a" in captured.err
    assert "at position 24: paste it again on one line." in captured.err
    assert_quotes_none_of_the_token(captured.out, captured.err)
    assert not graph.calls and not memory_keyring.entries


def test_login_at_the_prompt_refuses_it(
    run_cli: RunCli,
    graph: respx.MockRouter,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(getpass, "getpass", lambda prompt: f"{FIRST}\x1b[2J{SECOND}")
    assert run_cli(["auth", "login", "--waba-id", WABA], tty=True) == 2
    err = capsys.readouterr().err
    assert "a control character (U+001B) at position 24" in err
    assert_quotes_none_of_the_token(err)
    assert not graph.calls


def test_the_notes_after_login_and_logout_do_not_trip_on_a_broken_variable(
    run_cli: RunCli,
    graph: respx.MockRouter,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    graph.get(FLOWS_URL).respond(200, json={"data": []})
    monkeypatch.setenv("FLOWTUI_TOKEN", TWO_LINES)
    argv = ["auth", "login", "--profile", "work", "--waba-id", WABA, "--token-stdin"]
    assert run_cli(argv, stdin="EAAGgoodTOKEN0123456789") == 0
    assert run_cli(["auth", "logout", "work"]) == 0
    out = capsys.readouterr().out
    assert "Note: FLOWTUI_TOKEN is set and takes precedence" in out
    assert "Note: FLOWTUI_TOKEN is still set" in out


def _config_path():
    from flowtui.accounts.paths import resolve_paths

    return resolve_paths(None).config_file
