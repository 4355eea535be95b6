from __future__ import annotations

import datetime as dt
import math
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowtui.accounts.toml_writer import TomlWriteError, dumps, quote_string


@settings(max_examples=300, deadline=None)
@given(key=st.text(min_size=1, max_size=20), value=st.text(max_size=60))
def test_any_string_key_and_value_round_trip(key: str, value: str) -> None:
    # Surrogates cannot be encoded as UTF-8, so no TOML file can hold them.
    if any(0xD800 <= ord(c) <= 0xDFFF for c in key + value):
        return
    text = dumps({"table": {key: value}})
    assert tomllib.loads(text) == {"table": {key: value}}


def test_strings_cannot_break_out_of_their_line() -> None:
    hostile = 'x"\ninjected = true\n[profiles.evil]\n\\'
    text = dumps({"name": hostile})
    assert text.count("\n") == 1
    assert tomllib.loads(text) == {"name": hostile}
    assert quote_string("\x00\x7f\x1b") == '"\\u0000\\u007F\\u001B"'


def test_nested_data_round_trips() -> None:
    data = {
        "title": "flowtui",
        "count": 3,
        "ratio": 0.25,
        "enabled": False,
        "when": dt.datetime(2026, 11, 25, 16, 0, tzinfo=dt.UTC),
        "day": dt.date(2026, 11, 25),
        "tags": ["a", "b"],
        "matrix": [[1, 2], [3]],
        "inline": [{"k": "v"}, 1],
        "empty": [],
        "keymap": {"quit": "q", "dotted.key": "x", "nested": {"deep": 1}},
        "servers": [{"name": "one", "extra": {"port": 1}}, {"name": "two"}],
        "empty_table": {},
    }
    assert tomllib.loads(dumps(data)) == data


def test_special_floats() -> None:
    loaded = tomllib.loads(dumps({"a": math.inf, "b": -math.inf, "c": math.nan}))
    assert loaded["a"] == math.inf
    assert loaded["b"] == -math.inf
    assert math.isnan(loaded["c"])


def test_header_becomes_comments() -> None:
    text = dumps({"a": 1}, header="first line\nsecond line")
    assert text.startswith("# first line\n# second line\n\na = 1\n")
    assert tomllib.loads(text) == {"a": 1}


@pytest.mark.parametrize("value", [None, object(), {1: "x"}])
def test_values_toml_cannot_hold_are_refused(value: object) -> None:
    with pytest.raises(TomlWriteError):
        dumps({"x": value})


def test_tables_holding_only_tables_get_no_empty_header() -> None:
    text = dumps({"profiles": {"a": {"x": "1"}, "b": {"x": "2"}}, "empty": {}})
    assert "[profiles]" not in text
    assert "[profiles.a]" in text
    assert "[empty]" in text
    assert tomllib.loads(text) == {"profiles": {"a": {"x": "1"}, "b": {"x": "2"}}, "empty": {}}
