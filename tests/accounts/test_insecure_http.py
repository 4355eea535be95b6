"""Plain http:// to another machine takes a token only when the user asked for it, and the
profile remembers that they did (issue #12, item 5)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import respx

from flowtui.accounts.config_file import ConfigFileError, load_config
from flowtui.accounts.profiles import Profile, ProfileError
from tests.conftest import Dirs
from tests.memory_keyring import MemoryKeyring

from .conftest import TOKEN, WABA

RunCli = Callable[..., int]
LAN = "http://10.0.0.5:8765"


@pytest.fixture
def graph():
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        yield router


def test_a_profile_refuses_plain_http_to_another_machine() -> None:
    with pytest.raises(ProfileError) as caught:
        Profile(name="lan", waba_id=WABA, base_url=LAN)
    message = str(caught.value)
    assert message.startswith(f"invalid base URL {LAN!r}: plain http:// to 10.0.0.5")
    assert "clear text" in message and "--allow-insecure-http" in message


def test_the_permission_is_kept_only_where_it_is_needed() -> None:
    assert Profile(
        name="lan", waba_id=WABA, base_url=LAN, allow_insecure_http=True
    ).allow_insecure_http
    for url in ("https://graph.facebook.com", "http://127.0.0.1:8765"):
        profile = Profile(name="p", waba_id=WABA, base_url=url, allow_insecure_http=True)
        assert not profile.allow_insecure_http


def test_login_refuses_it_before_reading_the_token(
    run_cli: RunCli,
    graph: respx.MockRouter,
    memory_keyring: MemoryKeyring,
    dirs: Dirs,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["auth", "login", "--waba-id", WABA, "--base-url", LAN, "--token-stdin"]
    assert run_cli(argv, stdin=TOKEN) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: invalid base URL {LAN!r}: plain http:// to 10.0.0.5")
    assert "access token in clear text" in err and "--allow-insecure-http" in err
    assert not graph.calls and not memory_keyring.entries
    assert not dirs.default_config_file.exists()


def test_login_with_the_flag_saves_it_in_the_profile_and_the_app_uses_it(
    run_cli: RunCli, graph: respx.MockRouter, dirs: Dirs
) -> None:
    route = graph.get(f"{LAN}/v26.0/{WABA}/flows").respond(200, json={"data": []})
    argv = ["auth", "login", "--profile", "lan", "--waba-id", WABA, "--base-url", LAN]
    assert run_cli([*argv, "--allow-insecure-http", "--token-stdin"], stdin=TOKEN) == 0
    assert route.call_count == 1
    table = tomllib.loads(dirs.default_config_file.read_text())["profiles"]["lan"]
    assert table["allow_insecure_http"] is True
    profile = load_config(dirs.default_config_file).get("lan")
    assert profile.allow_insecure_http

    from flowtui.tui.account_source import AccountSource, client_for

    token, context = AccountSource(dirs.default_config_file).open_profile("lan")
    assert context.allow_insecure_http
    client_for(context, token)  # no InsecureBaseUrlError: the profile allows it


def test_the_flag_is_not_written_when_it_is_not_needed(
    run_cli: RunCli, graph: respx.MockRouter, dirs: Dirs
) -> None:
    graph.get(f"https://graph.facebook.com/v26.0/{WABA}/flows").respond(200, json={"data": []})
    argv = ["auth", "login", "--waba-id", WABA, "--allow-insecure-http", "--token-stdin"]
    assert run_cli(argv, stdin=TOKEN) == 0
    assert "allow_insecure_http" not in dirs.default_config_file.read_text()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("", "plain http:// to 10.0.0.5"),
        ('allow_insecure_http = "yes"\n', "'allow_insecure_http' must be true or false"),
    ],
)
def test_a_config_file_with_it_must_say_so(tmp_path: Path, extra: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[profiles.lan]\nwaba_id = '{WABA}'\nbase_url = '{LAN}'\n{extra}")
    with pytest.raises(ConfigFileError, match=message):
        load_config(path)
    path.write_text(f"[profiles.lan]\nwaba_id = '{WABA}'\nbase_url = '{LAN}'\n"
                    "allow_insecure_http = true\n")  # fmt: skip
    assert load_config(path).get("lan").allow_insecure_http
