"""Dynamic references: ``${data.x}``, ``${form.x}`` and (4.0+) ``${screen.ID.form|data.x}``."""

from __future__ import annotations

import re

from flowtui.flowjson import codes
from flowtui.flowjson.context import Context
from flowtui.flowjson.expressions import unwrap
from flowtui.flowjson.rules.common import matches_type
from flowtui.flowjson.rules.schema import EXPRESSIONS_SINCE
from flowtui.flowjson.rules.scope import Reference, ScreenScope

GLOBAL_REFERENCES_SINCE = "4.0"
_REFERENCE = re.compile(r"\$\{([^}]*)\}")


def check(context: Context, scopes: list[ScreenScope]) -> None:
    by_id = {scope.id: scope for scope in scopes if scope.id is not None}
    for scope in scopes:
        inputs = set(scope.inputs())
        for reference in scope.references:
            _check_not_mixed(context, reference)
            # In ``${`...`}`` the references are inside the backticks.
            text = unwrap(reference.text) or reference.text
            for match in _REFERENCE.finditer(text):
                _check_one(context, scope, inputs, by_id, reference, match.group(1).strip())


def _check_not_mixed(context: Context, reference: Reference) -> None:
    """A property is either one ``${...}`` or static text, never both (section 14.4); from 6.0
    a backtick expression can combine them, and If/Switch conditions are expressions anyway."""
    text = reference.text
    if reference.expression or _REFERENCE.fullmatch(text):
        return
    if context.at_least(EXPRESSIONS_SINCE) and unwrap(text) is not None:
        return
    expressions = context.at_least(EXPRESSIONS_SINCE)
    hint = " Use a nested expression in backticks instead." if expressions else ""
    context.report(
        codes.INVALID_PROPERTY_VALUE,
        f"'{text}' mixes static text and dynamic references, which a property cannot do.{hint}",
        reference.path,
    )


def _check_one(
    context: Context,
    scope: ScreenScope,
    inputs: set[str],
    by_id: dict[str, ScreenScope],
    reference: Reference,
    expression: str,
) -> None:
    parts = expression.split(".")
    source = parts[0]
    if source == "data" and len(parts) >= 2:
        _check_data(context, scope, reference, parts[1], whole=reference.text.strip())
    elif source == "form" and len(parts) >= 2:
        if parts[1] not in inputs:
            context.report(
                codes.INVALID_PROPERTY_VALUE,
                f"'${{{expression}}}' does not name an input component on screen '{scope.id}'.",
                reference.path,
            )
    elif source == "screen" and len(parts) >= 4 and parts[2] in ("form", "data"):
        _check_global(context, scope, by_id, reference, expression, parts)
    else:
        hint = ""
        if source == "screen" and len(parts) == 3:
            hint = f" Did you mean '${{screen.{parts[1]}.form.{parts[2]}}}'?"
        context.report(
            codes.INVALID_PROPERTY_VALUE,
            f"'${{{expression}}}' is not a valid dynamic reference: expected ${{data.field}}, "
            f"${{form.field}} or ${{screen.SCREEN_ID.form.field}}.{hint}",
            reference.path,
        )


def _check_data(
    context: Context, scope: ScreenScope, reference: Reference, field: str, *, whole: str
) -> None:
    declaration = scope.data.get(field)
    if declaration is None:
        context.report(
            codes.INVALID_SCREEN_DYNAMIC_DATA,
            f"Missing dynamic data '{field}' in the data model of screen '{scope.id}'.",
            reference.path,
        )
        return
    # A property that is exactly one ``${data.x}`` takes the declared type as its value.
    declared = declaration.get("type")
    if (
        reference.expects
        and whole == f"${{data.{field}}}"
        and isinstance(declared, str)
        and not any(_compatible(declared, expected) for expected in reference.expects)
    ):
        context.report(
            codes.INVALID_SCREEN_DYNAMIC_DATA,
            f"Data field '{field}' of screen '{scope.id}' is declared as '{declared}', but this "
            f"property expects {' or '.join(repr(t) for t in reference.expects)}.",
            reference.path,
        )


def _compatible(declared: str, expected: str) -> bool:
    samples = {
        "string": "",
        "number": 0.5,
        "integer": 1,
        "boolean": True,
        "object": {},
        "array": [],
    }
    return declared in samples and matches_type(samples[declared], expected)


def _check_global(
    context: Context,
    scope: ScreenScope,
    by_id: dict[str, ScreenScope],
    reference: Reference,
    expression: str,
    parts: list[str],
) -> None:
    if not context.at_least(GLOBAL_REFERENCES_SINCE):
        context.report(
            codes.INVALID_PROPERTY_VALUE,
            f"'${{{expression}}}': global references need Flow JSON version "
            f"{GLOBAL_REFERENCES_SINCE} or newer.",
            reference.path,
        )
        return
    screen_id, kind, field = parts[1], parts[2], parts[3]
    target = by_id.get(screen_id)
    if target is None:
        context.report(
            codes.INVALID_PROPERTY_VALUE,
            f"'${{{expression}}}' refers to screen '{screen_id}', which does not exist.",
            reference.path,
        )
        return
    if target is scope:
        context.report(
            codes.INVALID_PROPERTY_VALUE,
            f"'${{{expression}}}' refers to the current screen: write it as '${{{kind}.{field}}}'.",
            reference.path,
        )
        return
    known = set(target.inputs()) if kind == "form" else set(target.data)
    if field not in known:
        code = codes.INVALID_PROPERTY_VALUE if kind == "form" else codes.INVALID_SCREEN_DYNAMIC_DATA
        what = "an input component" if kind == "form" else "a data field"
        context.report(
            code,
            f"'${{{expression}}}' does not name {what} of screen '{screen_id}'.",
            reference.path,
        )
