"""Hostile text, declared once: every string the app may be handed from outside that has
broken a terminal app somewhere. The TUI and CLI suites show each of them everywhere and check
that it is shown literally and that no control character reaches the terminal."""

from __future__ import annotations

import unicodedata
from typing import Final

from flowtui.text import printable

HOSTILE: Final[tuple[str, ...]] = (
    # Markup, of every kind Textual or Rich reads
    "Spring sale [/bold]",
    "x[/",
    "[@click=app.simulate_key('y')]Click to cancel[/]",
    "[@click=app.quit]Quit now[/]",
    "[b]bold[/b] [red on blue]colour[/] [link=https://evil.example]link[/link]",
    "[$accent]var[/] $name ${x} [reverse",
    ":smile: :warning: [i]it[/i]\\[esc]",
    # Escapes: OSC 52 (clipboard), OSC 0 (title), CSI (clear), bell, C1, DEL, NUL
    "Promo\x1b]52;c;SGFja2VkIGNsaXBib2FyZA==\x1b\\",
    "Title\x1b]0;retitled\x07 done",
    "Clear\x1b[2J\x1b[H\x1b[31mred\x1b[0m",
    "Lines one\ntwo\rthree\tfour\x0bfive\x0csix",
    "C1 \u009b2J \u009d0;t\u009c \u0085next",
    "Nul \x00 del \x7f bell \x07 bs \x08",
    # What reorders or hides text, and what is wide
    "Bidi \u202egnp.exe\u202c \u2066iso\u2069 \u200fRLM",
    "Zero\u200bwidth\u200d\u2060joiner\ufeff",
    "Emoji 🎉 👩‍👩‍👧 café ｆｕｌｌ 漢字",
    # Paths and formats that code mistakes for something else
    "..",
    "1/2?x",
    "../../etc/passwd %s %(x)s {0} {}",
    "Lone \ud800 surrogate \udfff",
    # Long
    "Long " + "A" * 9_995,
)

# A few that stand for the rest where typing each one takes long (Pilot presses every key).
REPRESENTATIVE: Final[tuple[str, ...]] = (
    "x[/",
    "Spring sale [/bold]",
    "[@click=app.quit]Quit now[/]",
    "Promo\x1b]52;c;SGFja2VkIGNsaXBib2FyZA==\x1b\\",
    "C1 \u009b2J \u009d0;t\u009c \u0085next",
    "Lone \ud800 surrogate \udfff",
    "Long " + "A" * 9_995,
)

_UNSAFE_FORMATS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def unsafe_characters(text: str) -> list[str]:
    """The characters of ``text`` that must never be written to a terminal as they are."""
    return [c for c in text if unicodedata.category(c) in ("Cc", "Cs") or c in _UNSAFE_FORMATS]


def squashed(text: str) -> str:
    """``text`` without whitespace, so that wrapping and cutting into lines does not matter."""
    return "".join(text.split())


ZERO_WIDTH: Final = "\u200b\u200d\u2060\ufeff\u200f"


def comparable(text: str) -> str:
    """``text`` without whitespace and zero-width characters, so that wrapping, cutting into
    lines and a terminal dropping what has no width do not matter."""
    return "".join(c for c in squashed(text) if c not in ZERO_WIDTH)


def marker(text: str, length: int = 12) -> str:
    """What of ``text`` must show, in :func:`comparable` form: the start of its printable form
    (it survives a narrow cell, which cuts the end)."""
    return comparable(printable(text))[:length]


def safe_name(text: str) -> str:
    """A hostile string as a flow name Graph takes: stripped and not blank."""
    return text.strip() or "blank"
