"""Fixtures for the accounts tests: an in-memory keyring and config folders under tmp_path.

Every test runs with the in-memory keyring installed, so none can reach a developer's real
keyring, and with the XDG folders and ``FLOWTUI_*`` variables pointed at ``tmp_path``.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.core
import keyring.errors
import pytest

from flowtui.accounts import command
from tests.memory_keyring import MemoryKeyring

TOKEN = "EAAGtestTOKEN0123456789abcdefSECRET"
OTHER_TOKEN = "EAAGotherTOKEN9876543210zyxwvuSECRET"
WABA = "102290129340398"
GRAPH = "https://graph.facebook.com/v26.0"
FLOWS_URL = f"{GRAPH}/{WABA}/flows"


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.core._keyring_backend
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.core._keyring_backend = previous


@dataclass(frozen=True)
class Dirs:
    root: Path
    config: Path  # XDG_CONFIG_HOME
    data: Path  # XDG_DATA_HOME
    state: Path  # XDG_STATE_HOME

    @property
    def default_config_file(self) -> Path:
        return self.config / "flowtui" / "config.toml"


@pytest.fixture(autouse=True)
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dirs:
    found = Dirs(
        root=tmp_path,
        config=tmp_path / "xdg-config",
        data=tmp_path / "xdg-data",
        state=tmp_path / "xdg-state",
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(found.config))
    monkeypatch.setenv("XDG_DATA_HOME", str(found.data))
    monkeypatch.setenv("XDG_STATE_HOME", str(found.state))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    for name in ("FLOWTUI_TOKEN", "WHATSAPP_ACCESS_TOKEN", "FLOWTUI_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    return found


class FakeStdin(io.StringIO):
    def __init__(self, text: str = "", *, tty: bool = False) -> None:
        super().__init__(text)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch):
    """Parse ``argv`` with a parser built by ``command.add_parser`` and run its handler."""

    def run(argv: list[str], *, stdin: str = "", tty: bool = False) -> int:
        parser = argparse.ArgumentParser(prog="flowtui")
        command.add_parser(parser.add_subparsers(dest="command"))
        args = parser.parse_args(argv)
        monkeypatch.setattr(sys, "stdin", FakeStdin(stdin, tty=tty))
        return args.handler(args)

    return run


def graph_error(code: int, message: str, *, subcode: int | None = None) -> dict[str, object]:
    error: dict[str, object] = {"message": message, "type": "OAuthException", "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    error["fbtrace_id"] = "AbCdEf"
    return {"error": error}
