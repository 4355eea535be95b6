"""``flowtui auth ...`` and ``flowtui locate`` print Graph's and the config file's hostile text
literally, without one control character (issue #12): the strings of :mod:`tests.hostile`."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import respx

from flowtui.text import printable
from tests.conftest import Dirs
from tests.hostile import HOSTILE, comparable, marker, unsafe_characters

from .conftest import FLOWS_URL, TOKEN, WABA, graph_error

RunCli = Callable[..., int]


@pytest.fixture
def graph():
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        yield router


def printed(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert not unsafe_characters(text.replace("\n", "")), repr(text[:300])
    return text


def refusal(status: int, code: int, text: str) -> dict[str, object]:
    """Graph's error answer, as Graph encodes it (ASCII JSON: a lone surrogate travels too)."""
    body = json.dumps(graph_error(code, text), ensure_ascii=True).encode()
    return {"status_code": status, "content": body, "headers": {"content-type": "application/json"}}


def quoted(text: str, output: str) -> bool:
    """Whether the output quotes ``text`` literally (a message of dots only is no message)."""
    return not printable(text).strip(". ") or marker(text) in comparable(output)


def login(run_cli: RunCli) -> int:
    return run_cli(
        ["auth", "login", "--profile", "work", "--waba-id", WABA, "--token-stdin"], stdin=TOKEN
    )


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_graphs_hostile_refusal_is_printed_literally_by_login_and_status(
    run_cli: RunCli, graph: respx.MockRouter, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    route = graph.get(FLOWS_URL)
    route.respond(**refusal(400, 100, text))  # the login's check, refused
    assert login(run_cli) == 1
    assert quoted(text, printed(capsys))
    route.respond(200, json={"data": []})
    assert login(run_cli) == 0
    printed(capsys)
    route.respond(**refusal(403, 10, text))  # the status check, refused
    assert run_cli(["auth", "status"]) == 1
    assert quoted(text, printed(capsys))


@pytest.mark.parametrize("text", HOSTILE[:13], ids=range(13))
def test_hostile_arguments_and_config_files_are_printed_literally(
    run_cli: RunCli, dirs: Dirs, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    run_cli(["auth", "logout", text])  # no such profile: the error names it
    printed(capsys)
    run_cli(["locate", "--profile", text])
    printed(capsys)
    config = dirs.default_config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        f'[profiles."{text}"]\nwaba_id = "{text}"\n', encoding="utf-8", errors="replace"
    )
    for argv in (["auth", "list"], ["auth", "status"], ["locate"]):
        run_cli(argv)
        printed(capsys)


def test_the_sandbox_banner_and_its_errors_print_names_literally(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from types import SimpleNamespace

    from flowtui.sandbox import command
    from flowtui.sandbox.model import Account
    from flowtui.sandbox.store import SandboxStore

    accounts = {
        str(100 + n): Account(id=str(100 + n), name=text, phone_number_id=str(200 + n))
        for n, text in enumerate(HOSTILE)
    }
    server = SimpleNamespace(
        store=SandboxStore(accounts=accounts),
        options=SimpleNamespace(token=None, state_path=None),
        base_url="http://127.0.0.1:8765",
    )
    banner = command._banner(server)
    assert not unsafe_characters(banner.replace("\n", ""))
    assert len(banner.splitlines()) == 6 + len(HOSTILE)  # one line per account
    for text in HOSTILE:
        assert printable(text)[:20] in banner
        command._fail(f"cannot use state file {text}")
        printed(capsys)
