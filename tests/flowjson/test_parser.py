"""The position-keeping JSON parser: same values as ``json.loads``, exact spans, clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import flowtui.sandbox
from flowtui.flowjson import JsonSyntaxError, parse_json, validate_flow_json
from flowtui.flowjson.parser import ParsedJson, scan_json
from flowtui.flowjson.source_map import LineIndex
from tests.flow_data import OWN_FLOWS, require_corpus

# flowtui's own Flow JSON: the test files and the sandbox's demo flows.
DEMO_FLOWS = Path(flowtui.sandbox.__file__).parent / "demo_flows"
OWN_FILES = sorted([*OWN_FLOWS.glob("*.json"), *DEMO_FLOWS.glob("*.json")])


def all_paths(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(all_paths(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(all_paths(child, (*path, index)))
    return found


def assert_same_spans(lazy: ParsedJson, eager: ParsedJson) -> None:
    """The lazily indexed source map agrees with the hand-written parser on every path."""
    assert lazy.value == eager.value
    for path in all_paths(eager.value):
        assert lazy.value_span(path) == eager.value_span(path), path
        assert lazy.key_span(path) == eager.key_span(path), path


def assert_parsers_agree(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert scan_json(text).value == json.loads(text), path.name
    assert_same_spans(parse_json(text), scan_json(text))


@pytest.mark.parametrize("path", OWN_FILES, ids=lambda path: path.name)
def test_both_parsers_agree_with_json_loads_on_our_flows(path: Path) -> None:
    assert_parsers_agree(path)


def test_both_parsers_agree_with_json_loads_on_the_corpus() -> None:
    files = sorted(require_corpus().glob("*.json"))
    assert files
    for path in files:
        assert_parsers_agree(path)


def test_duplicate_keys_point_at_the_value_kept() -> None:
    text = '{"a": 1, "a": [2]}'
    for document in (parse_json(text), scan_json(text)):
        assert document.value == {"a": [2]}
        start, end = document.value_span(("a",))
        assert text[start:end] == "[2]"
        start, end = document.key_span(("a",))
        assert start == text.rindex('"a"')


@pytest.mark.parametrize("parse", [parse_json, scan_json])
def test_spans_of_keys_and_values(parse: Any) -> None:
    text = '{\n  "a": [1, {"b": "x\\"y"}],\n  "c": null\n}'
    document = parse(text)
    start, end = document.value_span(("a", 1, "b"))
    assert text[start:end] == '"x\\"y"'
    start, end = document.key_span(("c",))
    assert text[start:end] == '"c"'
    start, end = document.value_span(("a",))
    assert text[start:end] == '[1, {"b": "x\\"y"}]'
    # A path that leaves the document stops at the deepest existing node.
    assert document.value_span(("a", 7)) == document.value_span(("a",))
    assert document.value_span(()) == (0, len(text))


def test_locate_gives_editor_positions() -> None:
    text = '{\n  "screens": [\n    {"id": "A"}\n  ]\n}'
    for document in (parse_json(text), scan_json(text)):
        position = document.locate(("screens", 0, "id"))
        assert (position.line_start, position.column_start, position.column_end) == (3, 12, 14)
        key = document.locate(("screens",), key=True)
        assert (key.line_start, key.column_start, key.column_end) == (2, 3, 11)
        whole = document.locate(("screens",))
        assert (whole.line_start, whole.line_end, whole.column_end) == (2, 4, 3)


def test_line_index_positions() -> None:
    lines = LineIndex("ab\ncd\r\nef")
    assert lines.line_col(0) == (1, 1)
    assert lines.line_col(3) == (2, 1)
    assert lines.line_col(7) == (3, 1)
    position = lines.position(3, 5)
    assert (position.line_start, position.column_start, position.column_end) == (2, 1, 2)
    multi = lines.position(1, 8)
    assert (multi.line_start, multi.line_end, multi.column_start, multi.column_end) == (1, 3, 2, 1)


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("", "Expecting value", 1, 1),
        ('{\n  "a": 1\n  "b": 2\n}', "Expecting ',' delimiter or '}'", 3, 3),
        ('{\n  "a": 1,\n}', "Trailing comma before '}'", 2, 9),
        ("[1, 2,]", "Trailing comma before ']'", 1, 6),
        ('{"a" 1}', "Expecting ':' delimiter", 1, 6),
        ('{"a": tru}', "Expecting value", 1, 7),
        ('{"a": "x\ny"}', "Invalid control character", 1, 9),
        ('["ok",\n "unterminated]', "Unterminated string", 2, 2),
        ("[1] [2]", "Extra data", 1, 5),
        ("{'a': 1}", "Expecting property name enclosed in double quotes", 1, 2),
        ("[NaN]", "Expecting value", 1, 2),
        ("[01]", "Expecting ',' delimiter or ']'", 1, 3),
    ],
)
def test_syntax_errors_are_one_issue_at_the_right_place(
    text: str, message: str, line: int, column: int
) -> None:
    for parse in (parse_json, scan_json):
        with pytest.raises(JsonSyntaxError):
            parse(text)
    (item,) = validate_flow_json(text)
    assert item["error"] == "INVALID_FLOW_JSON"
    assert item["message"] == f"Invalid JSON: {message}."
    assert (item["line_start"], item["column_start"]) == (line, column)


def test_deep_nesting_does_not_recurse() -> None:
    depth = 100_000
    text = "[" * depth + "]" * depth
    document = parse_json(text)  # too deep for json.loads: the hand-written parser takes over
    assert document.value_span((0, 0, 0)) == (3, len(text) - 3)
    value = document.value
    for _ in range(depth - 1):
        value = value[0]
    assert value == []
    (item,) = validate_flow_json(text)
    assert item["error"] == "INVALID_FLOW_JSON"
    assert item["message"] == "Invalid JSON: nested deeper than 1000 levels."
    assert (item["line_start"], item["column_start"]) == (1, 1001)


def test_deep_payloads_are_reported_not_walked() -> None:
    deep = "[" * 5000 + "]" * 5000
    text = (
        '{"version": "7.3", "screens": [{"id": "A", "terminal": true, "layout": {"type": '
        '"SingleColumnLayout", "children": [{"type": "Footer", "label": "Go", '
        '"on-click-action": {"name": "complete", "payload": {"x": ' + deep + "}}}]}}]}"
    )
    (item,) = validate_flow_json(text)
    assert item["message"] == "Invalid JSON: nested deeper than 1000 levels."


def test_bytes_bom_and_bad_utf8() -> None:
    text = '{"version": 1}'
    as_str = validate_flow_json(text)
    assert validate_flow_json(text.encode()) == as_str
    assert validate_flow_json(b"\xef\xbb\xbf" + text.encode()) == as_str
    assert validate_flow_json("\ufeff" + text) == as_str
    (item,) = validate_flow_json(b'{\n  "a": "\xff"}')
    assert item["error"] == "INVALID_FLOW_JSON"
    assert (item["line_start"], item["column_start"]) == (2, 9)
    assert "UTF-8" in item["message"]


def test_huge_integers_do_not_crash() -> None:
    text = '{"n": ' + "9" * 5000 + "}"
    assert parse_json(text).value == {"n": float("inf")}
    assert validate_flow_json(text)[0]["error"] == "MISSING_FLOW_JSON_VERSION"
