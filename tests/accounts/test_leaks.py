"""Force every kind of failure and look for the token in everything the code lets out."""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Callable
from pathlib import Path

import httpx
import keyring
import keyring.errors
import pytest
import respx

from flowtui.accounts import service
from flowtui.accounts.profiles import Profile
from flowtui.accounts.token_store import KeyringUnavailableError
from flowtui.api.secret import Token
from tests.conftest import Dirs
from tests.memory_keyring import MemoryKeyring

from .conftest import FLOWS_URL, TOKEN, WABA, graph_error

RunCli = Callable[..., int]


class EchoingKeyring(MemoryKeyring):
    """A backend whose errors quote the password it was given, and fail reads."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError(f"cannot store {password!r} for {username}")

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")


@pytest.fixture
def graph():
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        yield router


def _login_argv(*extra: str) -> list[str]:
    return ["auth", "login", "--profile", "work", "--waba-id", WABA, "--token-stdin", *extra]


def test_no_failure_lets_the_token_out(
    run_cli: RunCli,
    graph: respx.MockRouter,
    dirs: Dirs,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    route = graph.get(FLOWS_URL)
    codes: list[int] = []

    # Graph's own messages sometimes quote the token they could not parse.
    route.respond(401, json=graph_error(190, f"Cannot parse access token {TOKEN}"))
    codes.append(run_cli(_login_argv(), stdin=TOKEN))
    route.respond(403, json=graph_error(200, f"token {TOKEN} lacks whatsapp_business_management"))
    codes.append(run_cli(_login_argv(), stdin=TOKEN))
    route.respond(400, json=graph_error(100, f"Object {WABA} not visible to {TOKEN}", subcode=33))
    codes.append(run_cli(_login_argv(), stdin=TOKEN))
    route.respond(502, text=f"<html>proxy error for Bearer {TOKEN}</html>")
    codes.append(run_cli(_login_argv(), stdin=TOKEN))
    route.mock(side_effect=httpx.ConnectError(f"refused while sending Bearer {TOKEN}"))
    codes.append(run_cli(_login_argv(), stdin=TOKEN))

    # The token works, but the keyring quotes it back in its errors.
    route.mock(side_effect=None).respond(200, json={"data": []})
    keyring.set_keyring(EchoingKeyring())
    codes.append(run_cli(_login_argv(), stdin=TOKEN))
    codes.append(run_cli(["auth", "status"]))
    codes.append(run_cli(["locate"]))

    # A profile saved without the keyring, then used through FLOWTUI_TOKEN with a bad answer.
    codes.append(run_cli(_login_argv("--no-keyring"), stdin=TOKEN))
    monkeypatch.setenv("FLOWTUI_TOKEN", TOKEN)
    route.respond(401, json=graph_error(190, f"Session for {TOKEN} has expired", subcode=463))
    codes.append(run_cli(["auth", "status"]))
    codes.append(run_cli(["locate"]))
    codes.append(run_cli(["auth", "logout", "work"]))
    codes.append(run_cli(["auth", "logout", "work", "--force"]))

    for path in dirs.root.rglob("*"):  # before the hand-edited file below
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path

    # A token pasted into the config file by hand.
    dirs.default_config_file.write_text(f'[profiles.work]\nwaba_id = "1"\ntoken = "{TOKEN}"\n')
    codes.append(run_cli(["auth", "list"]))
    codes.append(run_cli(["auth", "status"]))

    assert codes == [1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1]
    captured = capsys.readouterr()
    everything = captured.out + captured.err + caplog.text
    assert "***" in everything  # the failures were reported, with the token redacted
    assert TOKEN not in everything


def test_exceptions_and_their_locals_do_not_hold_the_token(tmp_path: Path) -> None:
    keyring.set_keyring(EchoingKeyring())
    profile = Profile(name="work", waba_id=WABA)

    async def verified(profile: Profile, token: Token) -> service.VerificationResult:
        return service.VerificationResult(ok=True, message="fine")

    with pytest.raises(KeyringUnavailableError) as caught:
        asyncio.run(
            service.login(tmp_path / "config.toml", profile, Token(TOKEN), verifier=verified)
        )
    report = "".join(
        traceback.TracebackException.from_exception(caught.value, capture_locals=True).format()
    )
    assert "EchoingKeyring" not in report  # the backend's frames and error were left behind
    assert "Token('***')" in report
    assert TOKEN not in report
    assert TOKEN not in repr(caught.value)
