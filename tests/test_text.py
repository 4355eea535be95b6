"""Text from outside never carries a control character to the terminal."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from flowtui.text import printable, printable_lines


def test_escape_sequences_are_shown_not_obeyed() -> None:
    hostile = "Promo\x1b]52;c;SGFja2VkIGNsaXBib2FyZA==\x1b\\"
    assert printable(hostile) == "Promo␛]52;c;SGFja2VkIGNsaXBib2FyZA==␛\\"
    assert printable("a\x1b[2Jb\x07") == "a␛[2Jb␇"


def test_line_breaks_and_tabs() -> None:
    assert printable("one\ntwo\r") == "one␊two␍"
    assert printable("a\tb") == "a␉b"
    assert printable("a\tb", keep_tabs=True) == "a\tb"
    assert printable_lines("first\nsecond\x1b") == "first\nsecond␛"


def test_c1_bidi_and_lone_surrogates_are_replaced() -> None:
    assert printable("x\u009b2Jy") == "x\ufffd2Jy"
    assert printable("abc\u202edcba") == "abc\ufffddcba"
    assert printable("A\ud800B") == "A\ufffdB"


def test_ordinary_text_is_untouched() -> None:
    for text in ("Spring sale [/bold]", "Café ☕ 🎉", "zero\u200bwidth", "שלום", "..", "1/2?x"):
        assert printable(text) == text


@given(st.text())
def test_nothing_unsafe_survives(text: str) -> None:
    shown = printable(text)
    shown.encode("utf-8")  # no lone surrogate left
    for character in shown:
        category = unicodedata.category(character)
        assert category not in ("Cc", "Cs"), repr(character)
        assert character not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
