"""Parse Flow JSON expressions and work out what type they give, without running them.

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
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# A type name as the rules use them ("string", "number", "boolean", "object", "array"), or None
# when it cannot be known before the flow runs.
Type = str | None
Resolver = Callable[[str], Type]


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
_LITERAL_WORDS: dict[str, Type] = {"true": "boolean", "false": "boolean", "null": None}
# Token kinds that can start a value (and so a juxtaposed one).
_STARTS_VALUE = frozenset({"reference", "number", "string", "word", "("})


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
    """Recursive descent over the tokens, computing each part's type as it goes."""

    def __init__(self, source: str, resolve: Resolver) -> None:
        self.source = source
        self.resolve = resolve
        self.tokens = _tokens(source)
        self.index = 0
        self.type_error: ExpressionError | None = None

    def peek(self) -> tuple[str, str, int]:
        if self.index < len(self.tokens):
            return self.tokens[self.index]
        return ("end", "", len(self.source))

    def take(self) -> tuple[str, str, int]:
        token = self.peek()
        self.index += 1
        return token

    def wrong(self, message: str, at: int) -> None:
        """Note a type error (the first one counts) and carry on parsing."""
        if self.type_error is None:
            self.type_error = ExpressionError(message, at)

    def parse(self) -> Type:
        if self.peek()[0] == "end":
            raise _Failure("the expression is empty", 0)
        result = self.sequence()
        kind, text, at = self.peek()
        if kind != "end":
            raise _Failure(f"unexpected '{text}'", at)
        return result

    def sequence(self) -> Type:
        result = self.binary(0)
        while self.peek()[0] in _STARTS_VALUE or self.peek()[0] == "!":
            self.binary(0)
            result = "string"
        return result

    # Binary operators by level, loosest first, with the operand type each level needs.
    LEVELS: tuple[tuple[frozenset[str], str | None], ...] = (
        (frozenset({"||"}), "boolean"),
        (frozenset({"&&"}), "boolean"),
        (frozenset({"==", "!="}), None),
        (frozenset({"<", "<=", ">", ">="}), "number"),
        (frozenset({"+", "-"}), "number"),
        (frozenset({"*", "/", "%"}), "number"),
    )

    def binary(self, level: int) -> Type:
        if level == len(self.LEVELS):
            return self.unary()
        operators, needs = self.LEVELS[level]
        left = self.binary(level + 1)
        while self.peek()[0] in operators:
            operator, _, at = self.take()
            right = self.binary(level + 1)
            left = self.combine(operator, needs, left, right, at)
        return left

    def combine(self, operator: str, needs: str | None, left: Type, right: Type, at: int) -> Type:
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

    def unary(self) -> Type:
        kind, _, at = self.peek()
        if kind in ("!", "-"):
            self.take()
            operand = self.unary()
            needs = "boolean" if kind == "!" else "number"
            if operand is not None and operand != needs:
                self.wrong(f"'{kind}' needs a {needs}, but found a {operand}", at)
            return needs
        return self.primary()

    def primary(self) -> Type:
        kind, text, at = self.take()
        if kind == "reference":
            return self.resolve(text[2:-1].strip())
        if kind == "number":
            return "number"
        if kind == "string":
            return "string"
        if kind == "word":
            if text in _LITERAL_WORDS:
                return _LITERAL_WORDS[text]
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


def check_expression(source: str, resolve: Resolver = lambda _: None) -> Checked:
    """Parse ``source`` (without its backticks): the type it gives and its first error.

    ``resolve`` gives the type of a reference such as ``data.age`` (None when unknown). A
    syntax error stops the check; a type error is reported after the whole parse succeeded.
    """
    try:
        parser = _Parser(source, resolve)
        result = parser.parse()
    except _Failure as failure:
        return Checked(None, ExpressionError(failure.message, failure.at), parsed=False)
    return Checked(result, parser.type_error, parsed=True)
