"""Parse Graph's ``fields`` parameter, with field modifiers and nested field lists.

``fields=id,preview.invalidate(true),health_status.phone_number(123),metric.name(X).granularity(DAY)``
and ``whatsapp_business_account{id,name}`` (reference, section 2.1) become a list of
:class:`FieldRequest`. A malformed string raises Graph's syntax error (code 2500).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NoReturn

from flowtui.sandbox.errors import syntax_error

_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


@dataclass(frozen=True)
class FieldRequest:
    """One requested field: its name, its ``.modifier(value)`` calls and its ``{sub,fields}``."""

    name: str
    modifiers: dict[str, str] = field(default_factory=dict)
    subfields: tuple[FieldRequest, ...] | None = None


def parse_fields(text: str) -> list[FieldRequest]:
    """Parse a whole ``fields`` value; an empty value selects nothing."""
    parser = _Parser(text)
    if not text.strip():
        return []
    requests = parser.field_list()
    if parser.position < len(text):
        parser.fail("end of string")
    return requests


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0

    def fail(self, expected: str) -> NoReturn:
        found = self.text[self.position] if self.position < len(self.text) else "end of string"
        raise syntax_error(
            f'"Expected {expected} instead of "{found}"." at character {self.position}: {self.text}'
        )

    def skip_spaces(self) -> None:
        while self.position < len(self.text) and self.text[self.position] == " ":
            self.position += 1

    def peek(self) -> str:
        return self.text[self.position] if self.position < len(self.text) else ""

    def field_list(self) -> list[FieldRequest]:
        requests = [self.field()]
        self.skip_spaces()
        while self.peek() == ",":
            self.position += 1
            self.skip_spaces()
            requests.append(self.field())
            self.skip_spaces()
        return requests

    def name(self) -> str:
        start = self.position
        while self.position < len(self.text) and self.text[self.position] in _NAME_CHARS:
            self.position += 1
        if self.position == start:
            self.fail("field name")
        return self.text[start : self.position]

    def field(self) -> FieldRequest:
        name = self.name()
        modifiers: dict[str, str] = {}
        while self.peek() == ".":
            self.position += 1
            modifier = self.name()
            if self.peek() != "(":
                self.fail('"("')
            closing = self.text.find(")", self.position)
            if closing < 0:
                self.position = len(self.text)
                self.fail('")"')
            modifiers[modifier] = self.text[self.position + 1 : closing].strip()
            self.position = closing + 1
        subfields: tuple[FieldRequest, ...] | None = None
        if self.peek() == "{":
            self.position += 1
            self.skip_spaces()
            subfields = tuple(self.field_list())
            if self.peek() != "}":
                self.fail('"}"')
            self.position += 1
        return FieldRequest(name, modifiers, subfields)
