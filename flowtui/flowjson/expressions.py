"""Flow JSON expressions: one grammar, two uses. The validator works out the type an expression
gives without running it (:func:`check_expression`); the player runs it (:func:`evaluate`).

Two places hold expressions (reference section 14.4): the ``condition`` of an ``If`` (every
version), and from 6.0 any dynamic property whose value is wrapped in backticks, a *nested
expression*::

    "visible": "`${form.age} >= 18 && ${data.country} == 'PT'`"
    "text": "`'Total: ' ${data.price} * ${form.quantity}`"

The grammar, loosest binding first::

    sequence  := or or*                 juxtaposed values are concatenated into a string
    or        := and ("||" and)*
    and       := equality ("&&" equality)*
    equality  := compare (("==" | "!=") compare)*
    compare   := sum (("<" | "<=" | ">" | ">=") sum)*
    sum       := product (("+" | "-") product)*
    product   := unary (("*" | "/" | "%") unary)*
    unary     := ("!" | "-") unary | primary
    primary   := ${reference} | number | 'text' | "text" | true | false | null | "(" sequence ")"

Operand rules from the reference: ``==``/``!=`` compare values of one type, ``<``... compare
numbers, ``&&``/``||``/``!`` take booleans, arithmetic takes numbers. A reference's type is
known only when the caller can tell (a declared ``${data.x}``); unknown operands are never
reported, so an error here is a certain one.

Choices where sources disagree or are silent (section 16 lists them as UNCONFIRMED):

- ``*`` is accepted although the reference lists only ``+ - / %``: rejecting a multiplication
  that Meta accepts would be worse than letting a wrong one through.
- ``+`` with a string operand is accepted and gives a string (a third-party guide writes
  ``${form.first} + ' ' + ${form.last}``); the reference's concatenation is juxtaposition.
- Juxtaposition binds loosest, so ``'Age: ' ${form.age} + 1`` adds before concatenating.
- Besides a value wrapped in backticks, ``${`...`}`` (the same guide's spelling) is unwrapped.
- Inside string literals a backslash escapes the next character; that is how a literal backtick
  is written (two backslashes in the JSON text, as the reference says).

Running them (the reference gives only "division or modulo by 0 or null gives 0"; the rest is
what a JavaScript client does, the way WhatsApp's web bundle runs): a number written in a text
(a TextInput's value is text) counts as that number where a number is needed; ``null`` counts as
0 there; ``&&``, ``||`` and ``!`` take truthiness; juxtaposed values are joined as text, whole
numbers without ``.0``, booleans as ``true``/``false``, ``null`` as nothing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# A type name as the rules use them ("string", "number", "boolean", "object", "array"), or None
# when it cannot be known before the flow runs.
Type = str | None
Resolver = Callable[[str], Type]
# What a reference such as ``form.age`` holds while the flow runs (None: nothing yet).
Lookup = Callable[[str], Any]


@dataclass(frozen=True, slots=True)
class ExpressionError:
    """Why an expression is wrong; ``at`` is a 0-based offset into the expression source."""

    message: str
    at: int


@dataclass(frozen=True, slots=True)
class Checked:
    """The outcome of :func:`check_expression`."""

    type: Type
    error: ExpressionError | None
    parsed: bool  # False when ``error`` is a syntax error (then ``type`` is None)


# --- the tree the parser builds ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reference:
    path: str  # ``form.age``, ``data.user.name``, ``screen.ID.form.x``
    at: int


@dataclass(frozen=True, slots=True)
class Literal:
    value: str | float | int | bool | None
    type: Type
    at: int


@dataclass(frozen=True, slots=True)
class Unary:
    operator: str  # "!" or "-"
    operand: Node
    at: int


@dataclass(frozen=True, slots=True)
class Binary:
    operator: str
    needs: str | None  # the operand type the operator's level takes (None: == and !=)
    left: Node
    right: Node
    at: int


@dataclass(frozen=True, slots=True)
class Joined:
    """Values side by side: joined into one text."""

    parts: tuple[Node, ...]


Node = Reference | Literal | Unary | Binary | Joined


def unwrap(text: str) -> str | None:
    """The expression inside a nested-expression value, or None if ``text`` is not one."""
    if len(text) >= 5 and text.startswith("${`") and text.endswith("`}"):
        return text[3:-2]
    if len(text) >= 2 and text[0] == "`" and text[-1] == "`":
        return text[1:-1]
    return None


_TOKEN = re.compile(
    r"""
    \s*(?:
      (?P<reference>\$\{[^}]*\})
    | (?P<number>\d+(?:\.\d+)?)
    | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<operator>==|!=|<=|>=|&&|\|\||[<>!+\-*/%()])
    | (?P<other>\S)
    )""",
    re.VERBOSE | re.DOTALL,
)
_LITERAL_WORDS: dict[str, tuple[bool | None, Type]] = {
    "true": (True, "boolean"),
    "false": (False, "boolean"),
    "null": (None, None),
}
# Token kinds that can start a value (and so a juxtaposed one).
_STARTS_VALUE = frozenset({"reference", "number", "string", "word", "(", "!"})
# Bounds a hostile expression meets before any Python limit does (recursion, int digits).
MAX_DEPTH = 32  # each level is about ten Python frames deep
MAX_NUMBER_DIGITS = 300
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _tokens(source: str) -> list[tuple[str, str, int]]:
    """(kind, text, offset) triples; ``kind`` is an operator's own text for operators."""
    found: list[tuple[str, str, int]] = []
    pos = 0
    while True:
        match = _TOKEN.match(source, pos)
        if match is None or match.lastgroup is None:
            break
        kind, text, start = (
            match.lastgroup,
            match.group(match.lastgroup),
            match.start(match.lastgroup),
        )
        if kind == "other":
            if source.startswith("${", start):
                raise _Failure("a '${' reference is not closed with '}'", start)
            if text in "'\"":
                raise _Failure("a string is not closed", start)
            if text == "`":
                raise _Failure("a backtick inside an expression must be escaped (\\`)", start)
            raise _Failure(f"unexpected '{text}'", start)
        found.append((text if kind == "operator" else kind, text, start))
        pos = match.end()
    return found


class _Failure(Exception):
    def __init__(self, message: str, at: int) -> None:
        super().__init__(message)
        self.message = message
        self.at = at


class _Parser:
    """Recursive descent over the tokens, building the tree."""

    # Binary operators by level, loosest first, with the operand type each level needs.
    LEVELS: tuple[tuple[frozenset[str], str | None], ...] = (
        (frozenset({"||"}), "boolean"),
        (frozenset({"&&"}), "boolean"),
        (frozenset({"==", "!="}), None),
        (frozenset({"<", "<=", ">", ">="}), "number"),
        (frozenset({"+", "-"}), "number"),
        (frozenset({"*", "/", "%"}), "number"),
    )

    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokens(source)
        self.index = 0
        self.depth = 0  # operators and parentheses open around the current token

    def peek(self) -> tuple[str, str, int]:
        if self.index < len(self.tokens):
            return self.tokens[self.index]
        return ("end", "", len(self.source))

    def take(self) -> tuple[str, str, int]:
        token = self.peek()
        self.index += 1
        return token

    def parse(self) -> Node:
        if self.peek()[0] == "end":
            raise _Failure("the expression is empty", 0)
        result = self.sequence()
        kind, text, at = self.peek()
        if kind != "end":
            raise _Failure(f"unexpected '{text}'", at)
        return result

    def sequence(self) -> Node:
        parts = [self.binary(0)]
        while self.peek()[0] in _STARTS_VALUE:
            parts.append(self.binary(0))
        return parts[0] if len(parts) == 1 else Joined(tuple(parts))

    def binary(self, level: int) -> Node:
        if level == len(self.LEVELS):
            return self.unary()
        operators, needs = self.LEVELS[level]
        left = self.binary(level + 1)
        while self.peek()[0] in operators:
            operator, _, at = self.take()
            left = Binary(operator, needs, left, self.binary(level + 1), at)
        return left

    def unary(self) -> Node:
        kind, _, at = self.peek()
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Failure("the expression nests too deeply", at)
        try:
            if kind in ("!", "-"):
                self.take()
                return Unary(kind, self.unary(), at)
            return self.primary()
        finally:
            self.depth -= 1

    def primary(self) -> Node:
        kind, text, at = self.take()
        if kind == "reference":
            return Reference(text[2:-1].strip(), at)
        if kind == "number":
            if len(text) > MAX_NUMBER_DIGITS:
                raise _Failure("this number has too many digits", at)
            return Literal(int(text) if "." not in text else float(text), "number", at)
        if kind == "string":
            return Literal(_ESCAPE.sub(r"\1", text[1:-1]), "string", at)
        if kind == "word":
            if text in _LITERAL_WORDS:
                value, kind_of = _LITERAL_WORDS[text]
                return Literal(value, kind_of, at)
            raise _Failure(f"unexpected word '{text}' (text must be quoted: '{text}')", at)
        if kind == "(":
            inner = self.sequence()
            closing, found, where = self.take()
            if closing != ")":
                raise _Failure(
                    "missing ')'" if closing == "end" else f"unexpected '{found}'", where
                )
            return inner
        if kind == "end":
            raise _Failure("the expression ends too early", at)
        raise _Failure(f"unexpected '{text}'", at)


def parse_expression(source: str) -> Node:
    """The tree of ``source`` (without its backticks); raises :class:`SyntaxProblem`."""
    try:
        return _Parser(source).parse()
    except _Failure as failure:
        raise SyntaxProblem(ExpressionError(failure.message, failure.at)) from None


class SyntaxProblem(ValueError):
    """An expression that does not parse; ``error`` says why and where."""

    def __init__(self, error: ExpressionError) -> None:
        super().__init__(f"{error.message} (at character {error.at + 1})")
        self.error = error


# --- use 1: the type, without running it -------------------------------------------------------


class _Typer:
    """Works out a tree's type; the first type error (in reading order) is kept."""

    def __init__(self, resolve: Resolver) -> None:
        self.resolve = resolve
        self.error: ExpressionError | None = None

    def wrong(self, message: str, at: int) -> None:
        if self.error is None:
            self.error = ExpressionError(message, at)

    def type_of(self, node: Node) -> Type:
        if isinstance(node, Reference):
            return self.resolve(node.path)
        if isinstance(node, Literal):
            return node.type
        if isinstance(node, Joined):
            for part in node.parts:
                self.type_of(part)
            return "string"
        if isinstance(node, Unary):
            operand = self.type_of(node.operand)
            needs = "boolean" if node.operator == "!" else "number"
            if operand is not None and operand != needs:
                self.wrong(f"'{node.operator}' needs a {needs}, but found a {operand}", node.at)
            return needs
        left, right = self.type_of(node.left), self.type_of(node.right)
        return self.combine(node, left, right)

    def combine(self, node: Binary, left: Type, right: Type) -> Type:
        operator, needs, at = node.operator, node.needs, node.at
        if needs is None:  # == and !=
            if left is not None and right is not None and left != right:
                self.wrong(f"'{operator}' compares a {left} with a {right}", at)
            return "boolean"
        if operator == "+" and "string" in (left, right):
            other = right if left == "string" else left
            if other == "boolean":
                self.wrong("'+' cannot add a boolean to a string", at)
            return "string"
        for side, kind in (("left", left), ("right", right)):
            if kind is not None and kind != needs:
                self.wrong(f"'{operator}' needs {needs}s, but its {side} side is a {kind}", at)
        return "boolean" if operator in ("<", "<=", ">", ">=") else needs


def check_expression(source: str, resolve: Resolver = lambda _: None) -> Checked:
    """Parse ``source`` (without its backticks): the type it gives and its first error.

    ``resolve`` gives the type of a reference such as ``data.age`` (None when unknown). A
    syntax error stops the check; a type error is reported after the whole parse succeeded.
    """
    try:
        tree = parse_expression(source)
    except SyntaxProblem as problem:
        return Checked(None, problem.error, parsed=False)
    typer = _Typer(resolve)
    result = typer.type_of(tree)
    return Checked(result, typer.error, parsed=True)


def references_in(node: Node) -> list[str]:
    """The reference paths an expression reads, in reading order."""
    if isinstance(node, Reference):
        return [node.path]
    if isinstance(node, Literal):
        return []
    if isinstance(node, Joined):
        return [path for part in node.parts for path in references_in(part)]
    if isinstance(node, Unary):
        return references_in(node.operand)
    return references_in(node.left) + references_in(node.right)


# --- use 2: the value, running it ----------------------------------------------------------------


def evaluate(node: Node, lookup: Lookup) -> Any:
    """What ``node`` gives, with each reference's value from ``lookup`` (never raises)."""
    if isinstance(node, Reference):
        return lookup(node.path)
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Joined):
        return "".join(as_text(evaluate(part, lookup)) for part in node.parts)
    if isinstance(node, Unary):
        operand = evaluate(node.operand, lookup)
        return (not truthy(operand)) if node.operator == "!" else _whole(-as_number(operand))
    operator = node.operator
    if operator == "&&":
        return truthy(evaluate(node.left, lookup)) and truthy(evaluate(node.right, lookup))
    if operator == "||":
        return truthy(evaluate(node.left, lookup)) or truthy(evaluate(node.right, lookup))
    left, right = evaluate(node.left, lookup), evaluate(node.right, lookup)
    if operator in ("==", "!="):
        return _equal(left, right) == (operator == "==")
    if operator == "+" and (isinstance(left, str) or isinstance(right, str)):
        return as_text(left) + as_text(right)
    try:
        return _ARITHMETIC[operator](as_number(left), as_number(right))
    except (ArithmeticError, ValueError):  # inf % x, a float too large for an int, ...
        return math.nan


def run_expression(source: str, lookup: Lookup) -> Any:
    """Parse and run ``source`` (without its backticks); raises :class:`SyntaxProblem`."""
    return evaluate(parse_expression(source), lookup)


def truthy(value: Any) -> bool:
    """JavaScript's truthiness: empty text, 0, NaN and null are false; lists and objects
    (even empty) are true."""
    if isinstance(value, list | dict):
        return True
    if isinstance(value, float) and math.isnan(value):
        return False
    return bool(value)


def as_text(value: Any) -> str:
    """A value as the client writes it into text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # past Python's 4300-digit conversion limit
            return "Infinity" if value > 0 else "-Infinity"
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (ValueError, TypeError, RecursionError):
        return ""


def as_number(value: Any) -> float | int:
    """A value where a number is needed: a text holding a number is that number, null is 0,
    anything else is not a number (NaN: every comparison with it is false)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if value is None:
        return 0
    number = _numeric_text(value) if isinstance(value, str) else None
    return math.nan if number is None else number


def _numeric_text(text: str) -> float | int | None:
    """The number a text holds (``"18"``, ``" 2.5 "``), else None."""
    try:
        number = float(text)
    except ValueError:
        return None
    return _whole(number) if math.isfinite(number) else None


def _whole(number: float | int) -> float | int:
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


def _equal(left: Any, right: Any) -> bool:
    """Same type and value; a number also equals a text holding it (a TextInput holds text),
    and nothing (an input not filled yet) equals the empty text, as flows test it with
    ``${form.x} != ''``."""
    if _blank(left) and _blank(right):
        return True
    for number, other in ((left, right), (right, left)):
        if _is_number(number) and isinstance(other, str):
            return _numeric_text(other) == number
    if isinstance(left, bool) != isinstance(right, bool):
        return False
    return bool(left == right)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _divide(left: float | int, right: float | int) -> float | int:
    if right == 0 or math.isnan(right):
        return 0
    return _whole(left / right)


def _modulo(left: float | int, right: float | int) -> float | int:
    if right == 0 or math.isnan(right):
        return 0
    return _whole(math.fmod(left, right))  # the sign of the left side, as in JavaScript


_ARITHMETIC: Mapping[str, Callable[[float | int, float | int], Any]] = {
    "+": lambda a, b: _whole(a + b),
    "-": lambda a, b: _whole(a - b),
    "*": lambda a, b: _whole(a * b),
    "/": _divide,
    "%": _modulo,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}
