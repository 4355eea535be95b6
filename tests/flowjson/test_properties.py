"""Property-based tests: the parser agrees with ``json.loads``; the validator never crashes and
always reports positions inside the text."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowtui.flowjson import JsonSyntaxError, parse_json, validate_flow_json
from flowtui.flowjson.components import ACTION_NAMES, COMPONENTS
from flowtui.flowjson.parser import scan_json

from .test_parser import all_paths, assert_same_spans

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)

# Keys and values that Flow JSON rules look at, so generated documents reach deep rule code.
FLOW_KEYS = [
    "version",
    "screens",
    "routing_model",
    "data_api_version",
    "data_channel_uri",
    "id",
    "title",
    "terminal",
    "success",
    "data",
    "layout",
    "children",
    "type",
    "name",
    "label",
    "text",
    "on-click-action",
    "on-select-action",
    "next",
    "payload",
    "url",
    "data-source",
    "then",
    "else",
    "cases",
    "condition",
    "value",
    "init-values",
    "error-messages",
    "min-selected-items",
    "max-selected-items",
    "__example__",
    "items",
    "list-items",
    "min-date",
    "max-date",
    "unavailable-dates",
    "images",
    "refresh_on_back",
    "sensitive",
    "visible",
]
FLOW_STRINGS = [
    *COMPONENTS,
    *ACTION_NAMES,
    "SingleColumnLayout",
    "screen",
    "7.3",
    "2.1",
    "4.0",
    "6.0",
    "3.0",
    "A",
    "B",
    "SUCCESS",
    "${data.x}",
    "${form.x}",
    "${screen.A.form.x}",
    # Expressions, well and ill formed, so the expression rules are fuzzed too.
    "`${data.x} > 1 && ${form.x}`",
    "`'a' ${data.x}`",
    "`(${data.x} ==`",
    "${`${form.x} != ''`}",
    "${data.x} >= ",
    "`\\``",
    "string",
    "array",
    "boolean",
    "2024-01-01",
    "",
]
COMPONENT_KEYS = [
    "name",
    "label",
    "text",
    "on-click-action",
    "on-select-action",
    "data-source",
    "then",
    "else",
    "cases",
    "condition",
    "children",
    "init-values",
    "min-selected-items",
    "max-selected-items",
    "list-items",
    "min-date",
    "visible",
]
flow_scalars = st.none() | st.booleans() | st.integers(-3, 40) | st.sampled_from(FLOW_STRINGS)
flow_values = st.recursive(
    flow_scalars,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(FLOW_KEYS), children, max_size=4)
    ),
    max_leaves=8,
)


def flow_documents() -> st.SearchStrategy[dict[str, Any]]:
    component = st.fixed_dictionaries(
        {"type": st.sampled_from(sorted(COMPONENTS))},
        # The keys rules look at most, each with a small value.
        optional={key: flow_values for key in COMPONENT_KEYS},
    )
    screen = st.fixed_dictionaries(
        {
            "id": st.sampled_from(["A", "B", "C", "SUCCESS", 1]),
            "layout": st.fixed_dictionaries(
                {"type": st.just("SingleColumnLayout"), "children": st.lists(component, max_size=6)}
            ),
        },
        optional={"terminal": st.booleans(), "data": flow_values, "success": st.booleans()},
    )
    return st.fixed_dictionaries(
        {"version": st.sampled_from(["2.1", "4.0", "5.1", "6.0", "6.3", "7.3", "x"])},
        optional={
            "screens": st.lists(screen, max_size=4),
            "routing_model": flow_values,
            "data_api_version": st.sampled_from(["3.0", "4.0", "1.0"]),
        },
    )


def assert_positions_inside(text: str, items: list[dict[str, Any]]) -> None:
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    for item in items:
        for place in [item, *item["pointers"]]:
            start, end = place["line_start"], place["line_end"]
            assert 1 <= start <= end <= len(lines), place
            assert 1 <= place["column_start"] <= len(lines[start - 1]) + 1, place
            assert 1 <= place["column_end"] <= len(lines[end - 1]) + 1, place
            assert (start, place["column_start"]) <= (end, place["column_end"]), place
        assert list(item) == [
            "error",
            "error_type",
            "message",
            "line_start",
            "line_end",
            "column_start",
            "column_end",
            "pointers",
        ]
        json.dumps(item)


def loads_strictly(text: str) -> Any:
    def reject(constant: str) -> Any:
        raise ValueError(constant)

    return json.loads(text, parse_constant=reject)


@SETTINGS
@given(json_values, st.sampled_from([None, 0, 2, "\t"]), st.booleans())
def test_parsers_match_json_loads_on_json(value: Any, indent: Any, ascii_only: bool) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    eager = scan_json(text)
    assert eager.value == json.loads(text)
    assert_same_spans(parse_json(text), eager)


def mutated(text: str, data: st.DataObject) -> str:
    if not text:
        return text
    index = data.draw(st.integers(0, len(text) - 1))
    insert = data.draw(st.sampled_from(["", ",", "]", "}", '"', ":", "\n", "x", "\\", "1"]))
    return text[:index] + insert + text[index + 1 :]


@SETTINGS
@given(json_values, st.data())
def test_parser_accepts_exactly_what_json_loads_accepts(value: Any, data: st.DataObject) -> None:
    text = mutated(json.dumps(value, indent=data.draw(st.sampled_from([None, 1]))), data)
    try:
        expected = loads_strictly(text)
    except (ValueError, RecursionError):
        for parse in (scan_json, parse_json):
            try:
                parse(text)
            except JsonSyntaxError:
                continue
            raise AssertionError(f"{parse.__name__} accepted invalid JSON: {text!r}") from None
        return
    assert scan_json(text).value == expected
    assert_same_spans(parse_json(text), scan_json(text))


@SETTINGS
@given(st.text())
def test_validator_never_crashes_on_arbitrary_text(text: str) -> None:
    assert_positions_inside(text, validate_flow_json(text))


@SETTINGS
@given(st.binary())
def test_validator_never_crashes_on_arbitrary_bytes(data: bytes) -> None:
    items = validate_flow_json(data)
    assert all(isinstance(item["message"], str) for item in items)


@SETTINGS
@given(json_values, st.sampled_from([None, 2]))
def test_validator_never_crashes_on_arbitrary_json(value: Any, indent: Any) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    assert_positions_inside(text, validate_flow_json(text))


@SETTINGS
@given(flow_documents(), st.sampled_from([None, 2]), st.booleans())
def test_validator_never_crashes_on_flow_shaped_json(
    document: dict[str, Any], indent: Any, publishing: bool
) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    assert_positions_inside(text, validate_flow_json(text, for_publishing=publishing))


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from("abc"), json_values), max_size=6), st.data())
def test_lazy_spans_match_in_any_order_even_with_repeated_keys(
    pairs: list[tuple[str, Any]], data: st.DataObject
) -> None:
    """The fast parser's source map reads containers only as far as asked: whatever the order
    of the questions, and with repeated keys (the last one wins), it answers like the
    hand-written parser."""
    text = "{" + ", ".join(f"{json.dumps(key)}: {json.dumps(value)}" for key, value in pairs) + "}"
    lazy, eager = parse_json(text), scan_json(text)
    paths = all_paths(eager.value)
    for path in data.draw(st.permutations(paths)):
        assert lazy.value_span(path) == eager.value_span(path), path
        assert lazy.key_span(path) == eager.key_span(path), path


# JSON texts whose objects may repeat keys at any depth (json.dumps never writes such text).
texts_with_repeated_keys = st.recursive(
    scalars.map(json.dumps),
    lambda children: (
        st.lists(children, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")
        | st.lists(st.tuples(st.sampled_from("ab"), children), max_size=4).map(
            lambda members: "{" + ", ".join(f'"{key}": {value}' for key, value in members) + "}"
        )
    ),
    max_leaves=20,
)


@SETTINGS
@given(texts_with_repeated_keys, st.data())
def test_batched_spans_match_the_hand_written_parser(text: str, data: st.DataObject) -> None:
    """The validator asks for all its positions at once (objects are read to the end only after
    every path was followed); answers, also for paths that leave the document, are those of the
    hand-written parser, with repeated keys at any depth resolved to the last one."""
    eager = scan_json(text)
    paths = all_paths(eager.value)
    missing = [(*path, "zz") for path in paths[:3]] + [(*path, 7) for path in paths[:3]]
    requests = data.draw(
        st.lists(st.tuples(st.sampled_from(paths + missing), st.booleans()), max_size=12)
    )
    expected = [eager.key_span(path) if key else eager.value_span(path) for path, key in requests]
    assert parse_json(text).source_map.spans(requests) == expected
