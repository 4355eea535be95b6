"""Expressions: If conditions and (6.0+) nested expressions parse and give the right type.

Nested expressions in action payloads are checked from 7.2 only: Meta's changelog for 7.2 says
"stricter validation of nested expressions in actions" without saying what was checked before,
so earlier versions are given the benefit of the doubt rather than a possibly false error.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from flowtui.flowjson import codes
from flowtui.flowjson.context import Context, Path
from flowtui.flowjson.expressions import Resolver, Type, check_expression, unwrap
from flowtui.flowjson.rules.common import strings_in, where
from flowtui.flowjson.rules.scope import ACTION, CONDITION, ExpressionSite, ScreenScope

ACTION_EXPRESSIONS_SINCE = "7.2"
# Declared data types as expression types.
_DECLARED: dict[str, str] = {"integer": "number"}


def collect_payload_expressions(
    context: Context, scope: ScreenScope, payload: dict[str, Any], path: Path
) -> None:
    """Record the nested expressions among an action payload's values (7.2+)."""
    if context.at_least(ACTION_EXPRESSIONS_SINCE):
        scope.expressions.extend(
            ExpressionSite(text, text_path, ACTION)
            for text, text_path in strings_in(payload, path)
            if unwrap(text) is not None
        )


def check(context: Context, scopes: list[ScreenScope]) -> None:
    by_id = {scope.id: scope for scope in scopes if scope.id is not None}
    for scope in scopes:
        resolve = partial(_reference_type, scope, by_id)
        for site in scope.expressions:
            _check_site(context, site, resolve)


def _check_site(context: Context, site: ExpressionSite, resolve: Resolver) -> None:
    source = unwrap(site.text)
    if source is None:
        source = site.text  # an If condition is an expression without backticks
    checked = check_expression(source, resolve)
    subject = (
        "The condition" if site.kind == CONDITION else f"The nested expression in '{site.path[-1]}'"
    )
    error = checked.error
    if error is not None:
        detail = "is ill-typed" if checked.parsed else "does not parse"
        context.report(
            codes.INVALID_PROPERTY_VALUE,
            f"{subject} at '{where(site.path[:-1])}' {detail}: {error.message} "
            f"(at character {error.at + 1} of the expression).",
            site.path,
        )
        return
    if site.kind == ACTION or checked.type is None or not site.expects:
        return
    if not any(_fits(checked.type, expected) for expected in site.expects):
        wanted = " or ".join(site.expects)
        taker = "it must give a" if site.kind == CONDITION else f"'{site.path[-1]}' takes"
        context.report(
            codes.INVALID_PROPERTY_VALUE,
            f"{subject} at '{where(site.path[:-1])}' gives a {checked.type}, but {taker} {wanted}.",
            site.path,
        )


def _fits(result: str, expected: str) -> bool:
    if result == "number":
        return expected in ("number", "integer")
    return result == expected


def _reference_type(scope: ScreenScope, by_id: dict[str, ScreenScope], reference: str) -> Type:
    """The declared type of ``data.x`` or ``screen.ID.data.x``; None for anything else."""
    parts = reference.split(".")
    declarations: dict[str, Any] | None = None
    if len(parts) == 2 and parts[0] == "data":
        declarations = scope.data
    elif len(parts) == 4 and parts[0] == "screen" and parts[2] == "data":
        target = by_id.get(parts[1])
        declarations = target.data if target is not None else None
    if declarations is None:
        return None
    declared = declarations.get(parts[-1])
    kind = declared.get("type") if isinstance(declared, dict) else None
    if not isinstance(kind, str):
        return None
    return _DECLARED.get(kind, kind)
