"""Running expressions (the player's use of the validator's grammar)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flowtui.flowjson.expressions import (
    SyntaxProblem,
    as_text,
    check_expression,
    parse_expression,
    references_in,
    run_expression,
)

VALUES = {
    "form.age": "18",
    "form.quantity": "3",
    "data.price": 2.5,
    "data.name": "Ana",
    "data.member": True,
    "data.nothing": None,
    "screen.START.form.email": "ana@example.com",
}


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("${form.age} >= 18", True),  # a TextInput's text counts as its number
        ("${form.age} < 18", False),
        ("'Total: ' ${data.price} * ${form.quantity}", "Total: 7.5"),
        ("'Hello, ' ${data.name} '!'", "Hello, Ana!"),
        ("${data.member} && ${form.age} == 18", True),
        ("!${data.member} || ${data.nothing} == null", True),
        ("10 / 0", 0),  # the reference: division and modulo by 0 or null give 0
        ("10 % ${data.nothing}", 0),
        ("7 / 2", 3.5),
        ("6 / 2", 3),
        ("-7 % 3", -1),  # the sign of the left side, as in JavaScript
        ("(1 + 2) * 3", 9),
        ("1 + 2 * 3", 7),
        ("'x' + 1", "x1"),
        ("'Count: ' 1 + 1", "Count: 2"),  # juxtaposition binds loosest
        ("'it\\'s'", "it's"),
        ("${data.nothing} 'x'", "x"),  # null joins as nothing
        ("'' ${data.member}", "true"),
        ("1 == true", False),
        ("'a' != 'b'", True),
        ("${screen.START.form.email} == 'ana@example.com'", True),
        ("${form.missing} == null", True),
    ],
)
def test_expressions_run_as_the_client_runs_them(source, value) -> None:
    result = run_expression(source, VALUES.get)
    assert result == value and type(result) is type(value)


def test_a_syntax_error_says_where() -> None:
    with pytest.raises(SyntaxProblem) as raised:
        run_expression("${form.a} >= ", VALUES.get)
    assert raised.value.error.message == "the expression ends too early"
    assert "character 14" in str(raised.value)


def test_the_references_read_are_listed_in_order() -> None:
    tree = parse_expression("${form.a} + ${data.b.c} > 1 && !${screen.S.form.d}")
    assert references_in(tree) == ["form.a", "data.b.c", "screen.S.form.d"]


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (True, "true"), (3.0, "3"), (2.5, "2.5"), (7, "7"), ([1, "a"], '[1,"a"]')],
)
def test_values_join_as_text_like_the_client(value, text) -> None:
    assert as_text(value) == text


# --- properties: the two uses of the grammar agree ----------------------------------------------

numbers = st.integers(min_value=-50, max_value=50)
literals = st.one_of(
    numbers.map(str),
    st.sampled_from(["true", "false"]),
    st.text(alphabet="abc ", max_size=4).map(lambda t: f"'{t}'"),
)


def expressions(depth: int = 3) -> st.SearchStrategy[str]:
    if depth == 0:
        return literals
    inner = expressions(depth - 1)
    return st.one_of(
        literals,
        st.builds(lambda op, a: f"{op}({a})", st.sampled_from(["!", "-"]), inner),
        st.builds(
            lambda a, op, b: f"({a}) {op} ({b})",
            inner,
            st.sampled_from(["+", "-", "*", "/", "%", "<", ">=", "==", "!=", "&&", "||"]),
            inner,
        ),
        st.builds(lambda a, b: f"({a}) ({b})", inner, inner),
    )


def json_type(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "string"


@given(expressions())
def test_a_well_typed_expression_gives_a_value_of_its_checked_type(source) -> None:
    checked = check_expression(source)
    assert checked.parsed
    if checked.error is None:
        value = run_expression(source, VALUES.get)
        if not (isinstance(value, float) and math.isnan(value)):
            assert json_type(value) == checked.type


@given(
    numbers, st.sampled_from(["+", "-", "*"]), numbers, st.sampled_from(["+", "-", "*"]), numbers
)
def test_arithmetic_follows_precedence(a, op1, b, op2, c) -> None:
    source = f"{a} {op1} {b} {op2} {c}"
    assert run_expression(source, VALUES.get) == eval(source)  # same precedence as Python's


def test_an_input_not_filled_yet_equals_the_empty_text() -> None:
    assert run_expression("${form.missing} != ''", VALUES.get) is False
    assert run_expression("${form.missing} == ''", VALUES.get) is True
    assert run_expression("${form.age} != ''", VALUES.get) is True
