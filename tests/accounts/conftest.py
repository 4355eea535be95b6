"""Fixtures for the accounts tests (the keyring and folders are sealed by ``tests/conftest.py``)."""

from __future__ import annotations

import argparse
import io
import sys

import pytest

from flowtui.accounts import command

TOKEN = "EAAGtestTOKEN0123456789abcdefSECRET"
OTHER_TOKEN = "EAAGotherTOKEN9876543210zyxwvuSECRET"
WABA = "102290129340398"
GRAPH = "https://graph.facebook.com/v26.0"
FLOWS_URL = f"{GRAPH}/{WABA}/flows"


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
