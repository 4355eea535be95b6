"""Text from outside (Graph, files, the keyboard, the environment) made safe to show.

One rule, used by every widget and every printer: control characters never reach the
terminal. C0 controls (ESC, newline, carriage return, NUL ...) become their visible Unicode
"control pictures" (ESC shows as ␛, a line feed as ␊), so a flow named ``Promo\\x1b]52;...`` is
shown as written and cannot write the user's clipboard, retitle the terminal or break a table
row. Tab is kept where the caller says it is layout. C1 controls (U+0080-U+009F, which some
terminals obey like ESC sequences), the bidirectional override and isolate characters (which
reorder what is shown) and lone surrogates (which can't be encoded) become U+FFFD.
Everything else, emoji and zero-width characters included, passes unchanged.

Headless: no Textual or Rich here; the UI wraps the result in ``rich.text.Text`` so that it is
never read as markup either.
"""

from __future__ import annotations

import re
from typing import Final

REPLACEMENT: Final = "\ufffd"
_C0_PICTURES: Final = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_OTHER_UNSAFE: Final = (
    r"\x80-\x9f"  # C1
    r"\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    r"\ud800-\udfff"  # lone surrogates
)
_UNSAFE: Final = re.compile(rf"[\x00-\x08\x0a-\x1f\x7f{_OTHER_UNSAFE}]")  # tab kept
_UNSAFE_WITH_TAB: Final = re.compile(rf"[\x00-\x1f\x7f{_OTHER_UNSAFE}]")
_LONE_SURROGATE: Final = re.compile(r"[\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return _C0_PICTURES.get(code, REPLACEMENT)


def printable(text: str, *, keep_tabs: bool = False) -> str:
    """``text`` with every control character made visible or replaced (see the module)."""
    pattern = _UNSAFE if keep_tabs else _UNSAFE_WITH_TAB
    return pattern.sub(_visible, text) if pattern.search(text) else text


def without_lone_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (which no file, request or encoder can carry) as
    U+FFFD, and nothing else changed."""
    return _LONE_SURROGATE.sub(REPLACEMENT, text) if _LONE_SURROGATE.search(text) else text


def printable_lines(text: str) -> str:
    """Multi-line text (a message of several lines): newlines kept as line breaks, every other
    control character made safe as :func:`printable` does."""
    return "\n".join(printable(line) for line in text.split("\n"))
