"""A token that cannot leak by accident.

The value is kept in a closure rather than an attribute, so ``repr``, ``str``, ``vars``,
pretty-printers and crash reports that dump locals (Textual's traceback shows them) see only
the redacted form. The one way out is :meth:`Token.reveal`, called where the
``Authorization`` header is built.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Final

REDACTED: Final = "***"
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

    __slots__ = ("__weakref__", "_reveal")
    _reveal: Callable[[], str]

    def __init__(self, value: str | Token) -> None:
        if isinstance(value, Token):
            value = value.reveal()
        if not isinstance(value, str):
            raise TypeError("a token must be a str")
        value = value.strip()
        if not value:
            raise ValueError("the access token is empty: pass the token from Meta's App Dashboard")
        object.__setattr__(self, "_reveal", lambda: value)
        _ALIVE[id(self)] = self

    def reveal(self) -> str:
        """The raw token, for the ``Authorization`` header and the keyring, nowhere else."""
        return self._reveal()

    def redact(self, text: str) -> str:
        """``text`` with every occurrence of the token replaced by ``***``.

        Tokens shorter than 8 characters (never a real Graph token) are left alone, so a
        toy token such as ``"t"`` does not mangle every message.
        """
        value = self.reveal()
        return text.replace(value, REDACTED) if len(value) >= 8 else text

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
