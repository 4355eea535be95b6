"""Expressions: the parser on its own, then the rules that apply it to Flow JSON."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flowtui.flowjson.expressions import check_expression, unwrap

from .builders import assert_points_at, complete_footer, flow, only, screen, text_of, validate
from .test_properties import SETTINGS

TYPES = {"data.age": "number", "data.name": "string", "data.ok": "boolean"}.get


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("${data.age} >= 18", "boolean"),
        ("${data.age} * 2 + 1", "number"),
        ("'Hello ' ${data.name}", "string"),
        ("'Age: ' ${data.age} + 1", "string"),
        ("!(${data.ok} && ${data.age} > 1) || false", "boolean"),
        ("${form.anything}", None),
        ("${data.name} + ' ' + ${form.last}", "string"),
        ("-${data.age} % 7", "number"),
        (r"'it\`s'", "string"),
    ],
)
def test_expressions_that_parse_and_the_type_they_give(source: str, expected: str | None) -> None:
    checked = check_expression(source, TYPES)
    assert checked.error is None
    assert checked.type == expected


@pytest.mark.parametrize(
    ("source", "message", "at"),
    [
        ("(${data.age} > 1", "missing ')'", 16),
        ("${data.age} >", "the expression ends too early", 13),
        ("Hello", "unexpected word 'Hello'", 0),
        ("'open", "a string is not closed", 0),
        ("${form.x", "a '${' reference is not closed", 0),
        ("1 ` 2", "a backtick inside an expression must be escaped", 2),
        ("", "the expression is empty", 0),
        ("1 2 )", "unexpected ')'", 4),
        ("1 # 2", "unexpected '#'", 2),
    ],
)
def test_syntax_errors_say_what_and_where(source: str, message: str, at: int) -> None:
    checked = check_expression(source, TYPES)
    assert not checked.parsed
    assert checked.error is not None
    assert checked.error.message.startswith(message)
    assert checked.error.at == at


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("${data.name} < 3", "'<' needs numbers, but its left side is a string"),
        ("${data.age} == 'x'", "'==' compares a number with a string"),
        ("${data.age} && true", "'&&' needs booleans, but its left side is a number"),
        ("!${data.name}", "'!' needs a boolean, but found a string"),
        ("${data.ok} + 'x'", "'+' cannot add a boolean to a string"),
    ],
)
def test_certain_type_errors(source: str, message: str) -> None:
    checked = check_expression(source, TYPES)
    assert checked.parsed
    assert checked.error is not None and checked.error.message == message


def test_unknown_types_are_never_reported() -> None:
    assert check_expression("${form.a} < ${form.b} && ${form.c}", TYPES).error is None


def test_both_spellings_of_a_nested_expression_unwrap() -> None:
    assert unwrap("`1 + 2`") == "1 + 2"
    assert unwrap("${`1 + 2`}") == "1 + 2"
    assert unwrap("${data.x}") is None
    assert unwrap("`") is None


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("${}()'\"`\\ !=<>&|+-*/%.0123456789abdfrtu"))))
def test_parser_never_crashes_and_errors_point_inside(source: str) -> None:
    checked = check_expression(source, TYPES)
    if checked.error is not None:
        assert 0 <= checked.error.at <= len(source)


# -- the rules --------------------------------------------------------------------------------


def declared(*children: dict[str, Any], version: str = "7.3") -> dict[str, Any]:
    data = {
        "age": {"type": "integer", "__example__": 30},
        "name": {"type": "string", "__example__": "Ana"},
    }
    return flow(
        screen("DONE", *children, complete_footer(), terminal=True, data=data), version=version
    )


def body(**extra: Any) -> dict[str, Any]:
    return {"type": "TextBody", "text": "Hello", **extra}


def test_nested_expressions_are_checked_from_6_0() -> None:
    good = declared(body(visible="`${data.age} >= 18`", text="`'Hi ' ${data.name}`"))
    assert validate(good) == []
    bad = declared(body(visible="`${data.age} >= `"))
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert "nested expression in 'visible'" in item["message"]
    assert "does not parse: the expression ends too early" in item["message"]
    assert_points_at(item, text_of(bad), '"`${data.age} >= `"')


def test_a_nested_expression_must_give_the_property_type() -> None:
    bad = declared(body(visible="`${data.age} + 1`"))
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert item["message"].endswith("gives a number, but 'visible' takes boolean.")


def test_ill_typed_nested_expression() -> None:
    bad = declared(body(visible="`${data.name} > 3`"))
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert "is ill-typed: '>' needs numbers, but its left side is a string" in item["message"]


def test_before_6_0_backticks_are_plain_text_that_mixes_references() -> None:
    item = only(
        validate(declared(body(text="`${data.name}!`"), version="5.1")), "INVALID_PROPERTY_VALUE"
    )
    assert "mixes static text and dynamic references" in item["message"]


def test_the_dollar_brace_backtick_spelling_is_understood() -> None:
    assert validate(declared(body(visible="${`${data.age} >= 18`}"))) == []


def test_nested_expressions_are_not_allowed_in_name() -> None:
    field = {"type": "TextInput", "name": "`${data.name}`", "label": "Name"}
    item = only(validate(declared(field)), "INVALID_PROPERTY_VALUE")
    assert item["message"].endswith("Nested expressions are not allowed in 'name'.")
    assert validate(declared({**field, "name": "`x`"}, version="5.1")) == []


def with_payload(payload: dict[str, Any], version: str) -> dict[str, Any]:
    footer = complete_footer()
    footer["on-click-action"]["payload"] = payload
    document = declared(version=version)
    document["screens"][0]["layout"]["children"] = [footer]
    return document


def test_payload_expressions_are_checked_from_7_2() -> None:
    broken = {"total": "`${data.age} *`"}
    item = only(validate(with_payload(broken, "7.2")), "INVALID_PROPERTY_VALUE")
    assert "nested expression in 'total'" in item["message"]
    assert validate(with_payload(broken, "7.1")) == []
    assert validate(with_payload({"total": "`${data.age} * 2`"}, "7.2")) == []


def condition(text: str) -> dict[str, Any]:
    return {"type": "If", "condition": text, "then": [body()]}


def test_if_conditions_parse_and_give_a_boolean_in_every_version() -> None:
    assert validate(declared(condition("${data.age} > 18 && ${data.name} != ''"))) == []
    bad = declared(condition("(${data.age} > 18"), version="4.0")
    item = only(validate(bad), "INVALID_PROPERTY_VALUE")
    assert item["message"].startswith("The condition at 'screens[0].layout.children[0]'")
    assert "does not parse: missing ')'" in item["message"]
    not_boolean = declared(condition("${data.name}"))
    item = only(validate(not_boolean), "INVALID_PROPERTY_VALUE")
    assert item["message"].endswith("gives a string, but it must give a boolean.")
