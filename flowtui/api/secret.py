"""A token that cannot leak by accident.

The value is kept in a closure rather than an attribute, so ``repr``, ``str``, ``vars``,
pretty-printers and crash reports that dump locals (Textual's traceback shows them) see only
the redacted form. The one way out is :meth:`Token.reveal`, called where the
``Authorization`` header is built.
"""

from __future__ import annotations

import json
import unicodedata
import weakref
from collections.abc import Callable
from typing import Final
from urllib.parse import quote, quote_plus

from flowtui.api.errors import InvalidTokenError

REDACTED: Final = "***"
# Characters no token holds: control characters (C0, DEL, C1), invisible format characters
# (zero-width space, byte order mark) and line or paragraph separators. A token holding one
# is a paste gone wrong, and httpx refuses the header, quoting it.
_NOT_IN_A_TOKEN: Final = frozenset({"Cc", "Cf", "Zl", "Zp"})
_LINE_BREAKS: Final = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Every token alive in this process, so a log line can be cleaned of all of them at once. By
# identity, not value: equal tokens compare equal, and a set would keep only the first.
_ALIVE: weakref.WeakValueDictionary[int, Token] = weakref.WeakValueDictionary()


def redact_every_token(text: str) -> str:
    """``text`` with every token this process holds replaced by ``***`` (for log files)."""
    for token in list(_ALIVE.values()):
        text = token.redact(text)
    return text


class Token:
    """An access token, redacted everywhere except :meth:`reveal`."""

    __slots__ = ("__weakref__", "_forms", "_reveal")
    _reveal: Callable[[], str]
    _forms: Callable[[], tuple[str, ...]]

    def __init__(self, value: str | Token) -> None:
        if isinstance(value, Token):
            value = value.reveal()
        if not isinstance(value, str):
            raise TypeError("a token must be a str")
        value = value.strip()
        if not value:
            raise InvalidTokenError(
                "the access token is empty: pass the token from Meta's App Dashboard",
                problem="nothing (it is empty)",
            )
        problem = token_problem(value)
        if problem:
            raise InvalidTokenError(
                f"The access token contains {problem}: paste it again on one line.",
                problem=problem,
            )
        forms = _printed_forms(value)
        object.__setattr__(self, "_reveal", lambda: value)
        object.__setattr__(self, "_forms", lambda: forms)
        _ALIVE[id(self)] = self

    def reveal(self) -> str:
        """The raw token, for the ``Authorization`` header and the keyring, nowhere else."""
        return self._reveal()

    def redact(self, text: str) -> str:
        """``text`` with every occurrence of the token replaced by ``***``: as it is, and as a
        library would print it (``repr`` of the str or of its bytes, JSON, percent-encoded).

        Tokens shorter than 8 characters (never a real Graph token) are left alone, so a
        toy token such as ``"t"`` does not mangle every message.
        """
        for form in self._forms():
            text = text.replace(form, REDACTED)
        return text

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Token is immutable")

    def __repr__(self) -> str:
        return f"Token('{REDACTED}')"

    def __str__(self) -> str:
        return REDACTED

    def __format__(self, format_spec: str) -> str:
        return REDACTED

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and other.reveal() == self.reveal()

    def __hash__(self) -> int:
        return hash((Token, self.reveal()))

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("a Token cannot be pickled: it would write the secret out")


def token_problem(value: str) -> str:
    """What makes ``value`` (already stripped) impossible as a token, as a clause quoting none of
    it ("a line break at position 13"); '' when nothing does."""
    for position, char in enumerate(value, start=1):
        category = unicodedata.category(char)
        if category not in _NOT_IN_A_TOKEN:
            continue
        if char in _LINE_BREAKS:
            what = "a line break"
        elif char == "\t":
            what = "a tab"
        elif char == "\x00":
            what = "a NUL character"
        elif category == "Cc":
            what = f"a control character (U+{ord(char):04X})"
        else:
            what = f"an invisible character (U+{ord(char):04X})"
        return f"{what} at position {position}"
    return ""


def _printed_forms(value: str) -> tuple[str, ...]:
    """The ways a library could print ``value``, longest first; none for a toy token."""
    if len(value) < 8:
        return ()
    forms = {
        value,
        repr(value)[1:-1],
        repr(value.encode())[2:-1],
        value.encode("unicode_escape").decode("ascii"),
        json.dumps(value)[1:-1],
        quote(value, safe=""),
        quote(value),
        quote_plus(value),
    }
    return tuple(sorted((form for form in forms if form), key=len, reverse=True))
