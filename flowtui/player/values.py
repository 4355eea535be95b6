"""Dynamic values while a flow runs: ``${data.x}``, ``${form.x}``, ``${screen.ID.form|data.x}``
(nested paths such as ``${data.user.name}`` too) and, from 6.0, backtick expressions."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flowtui.flowjson.expressions import SyntaxProblem, as_text, run_expression, unwrap

_REFERENCE = re.compile(r"\$\{([^}`]*)\}")


@dataclass(frozen=True)
class Scope:
    """What references on one screen see: its data and form, and every screen's by id."""

    data: Mapping[str, Any]
    form: Mapping[str, Any]
    screens: Mapping[str, tuple[Mapping[str, Any], Mapping[str, Any]]]  # id -> (data, form)
    expressions: bool  # the flow's version has backtick expressions (6.0+)

    def lookup(self, path: str) -> Any:
        """The value at ``data.x.y``, ``form.x`` or ``screen.ID.data.x`` (None when absent)."""
        parts = path.strip().split(".")
        if parts[0] == "data":
            return _dig(self.data, parts[1:])
        if parts[0] == "form":
            return _dig(self.form, parts[1:])
        if parts[0] == "screen" and len(parts) >= 4 and parts[2] in ("data", "form"):
            data, form = self.screens.get(parts[1], ({}, {}))
            return _dig(data if parts[2] == "data" else form, parts[3:])
        return None


def _dig(value: Any, keys: list[str]) -> Any:
    for key in keys:
        if isinstance(value, Mapping):
            value = value.get(key)
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            return None
    return value


def resolve(value: Any, scope: Scope, *, problems: Callable[[str], None] | None = None) -> Any:
    """``value`` with every dynamic string in it replaced by what it stands for now.

    One ``${...}`` is its value as it is (a list stays a list); a backtick expression is run; a
    text with references inside is written out (older clients do that, the validator objects).
    An expression that does not parse is left as written and reported to ``problems``."""
    if isinstance(value, str):
        return resolve_text(value, scope, problems)
    if isinstance(value, list):
        return [resolve(item, scope, problems=problems) for item in value]
    if isinstance(value, Mapping):
        return {key: resolve(item, scope, problems=problems) for key, item in value.items()}
    return value


def resolve_text(text: str, scope: Scope, problems: Callable[[str], None] | None) -> Any:
    if "$" not in text and "`" not in text:
        return text
    whole = _REFERENCE.fullmatch(text.strip())
    if whole:
        return scope.lookup(whole.group(1))
    inner = unwrap(text) if scope.expressions else None
    if inner is not None:
        return run(inner, scope, problems)
    if "${" not in text:
        return text
    return _REFERENCE.sub(lambda match: as_text(scope.lookup(match.group(1))), text)


def json_safe(value: Any) -> Any:
    """``value`` as JSON can carry it: NaN and infinities become null, as JSON.stringify
    writes them (an expression over text that is not a number gives NaN)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [json_safe(item) for item in value]
    if isinstance(value, Mapping):
        return {key: json_safe(item) for key, item in value.items()}
    return value


def run(expression: str, scope: Scope, problems: Callable[[str], None] | None) -> Any:
    """Run an expression (an If ``condition``, a backtick value) in ``scope``."""
    try:
        return run_expression(expression, scope.lookup)
    except SyntaxProblem as problem:
        if problems is not None:
            problems(f"The expression `{expression}` does not parse: {problem}.")
        return None
