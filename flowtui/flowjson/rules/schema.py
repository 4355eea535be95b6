"""Check an object against an :class:`ObjectSpec`: keys, required keys, types, enums, limits."""

from __future__ import annotations

from typing import Any

from flowtui.flowjson import codes
from flowtui.flowjson.components import ObjectSpec, Prop, first_since, in_force
from flowtui.flowjson.context import Context, Path
from flowtui.flowjson.expressions import unwrap
from flowtui.flowjson.rules.common import (
    report_missing,
    report_type,
    report_unknown_key,
    report_value,
    strings_in,
    where,
)
from flowtui.flowjson.rules.scope import (
    CONDITION,
    PROPERTY,
    ActionSite,
    ExpressionSite,
    Reference,
    ScreenScope,
)

# From 6.0 string properties may not be empty or whitespace-only (section 14.8).
NON_BLANK_SINCE = "6.0"
# Nested expressions (6.0+) are property values wrapped in backticks.
EXPRESSIONS_SINCE = "6.0"


def is_dynamic(context: Context, value: str) -> bool:
    """A ``${...}`` reference, or (6.0+) a backtick expression: resolved when the flow runs."""
    return "${" in value or (unwrap(value) is not None and context.at_least(EXPRESSIONS_SINCE))


def check_object(
    context: Context,
    scope: ScreenScope,
    value: dict[str, Any],
    spec: ObjectSpec,
    path: Path,
    *,
    skip: tuple[str, ...] = (),
) -> None:
    """Report unknown, missing and ill-typed properties of ``value`` (keys in ``skip`` aside)."""
    props = spec.properties
    allowed = in_force(props, context.version)
    for key, item in value.items():
        prop = allowed.get(key)
        if prop is None:
            if key not in skip:
                report_unknown_key(context, (*path, key), since=first_since(props, key))
            continue
        # The common case, inlined because this loop visits every property of the document: a
        # literal boolean, or a literal string of an accepted type that breaks no enum, blank or
        # length rule, needs no more work (nor the path tuple check_value would be given).
        kind = type(item)
        if kind is bool and bool in prop.value_types:
            continue
        if (
            kind is str
            and str in prop.value_types
            and not prop.enum
            and "${" not in item
            and item[:1] != "`"
            and (prop.max_chars is None or len(item) <= prop.max_chars)
            and not ((not item or item.isspace()) and context.at_least(NON_BLANK_SINCE))
        ):
            continue
        check_value(context, scope, item, prop, (*path, key), owner=spec.name)
    for name, prop in allowed.items():
        if prop.required and name not in value and name not in skip:
            report_missing(context, path, name)


def check_value(
    context: Context,
    scope: ScreenScope,
    value: Any,
    prop: Prop,
    path: Path,
    *,
    owner: str = "",
) -> None:
    kind = type(value)
    if kind is str and prop.dynamic and is_dynamic(context, value):
        if "${" in value:
            if prop.kind == "expression":
                scope.references.append(Reference(value, path, expression=True))
            else:
                scope.references.append(Reference(value, path, prop.types))
        if prop.kind == "expression":
            if owner == "If":
                scope.expressions.append(ExpressionSite(value, path, CONDITION, ("boolean",)))
        elif unwrap(value) is not None and context.at_least(EXPRESSIONS_SINCE):
            scope.expressions.append(ExpressionSite(value, path, PROPERTY, prop.types))
        return
    if kind not in prop.value_types:
        report_type(context, path, value, " or ".join(prop.types))
        return
    if kind is str:
        _check_string(context, value, prop, path)
    elif kind is bool:
        return
    elif kind is int or kind is float:
        _check_number(context, value, prop, path)
    elif kind is list:
        _check_array(context, scope, value, prop, path)
    elif kind is dict:
        if prop.kind == "action":
            scope.actions.append(ActionSite(value, path, owner, prop.actions))
        elif prop.fields is not None:
            check_object(context, scope, value, prop.fields, path)
        elif not prop.kind:
            collect_references(scope, value, path)


def _check_string(context: Context, value: str, prop: Prop, path: Path) -> None:
    if not prop.dynamic and unwrap(value) is not None and context.at_least(EXPRESSIONS_SINCE):
        report_value(context, path, f"Nested expressions are not allowed in '{path[-1]}'.")
        return
    if prop.enum and value not in prop.enum:
        report_value(
            context,
            path,
            f"Expected one of: {', '.join(prop.enum)}.",
            code=codes.INVALID_ENUM_VALUE,
        )
        return
    if not value.strip() and context.at_least(NON_BLANK_SINCE):
        context.report(
            codes.MIN_CHARS_REQUIRED,
            f"Property '{path[-1]}' at '{_where(path)}' must not be empty or blank "
            f"(Flow JSON {NON_BLANK_SINCE} and newer).",
            path,
        )
        return
    if prop.max_chars is not None and len(value) > prop.max_chars:
        report_value(
            context,
            path,
            f"At most {prop.max_chars} characters are allowed, but found {len(value)}.",
        )


def _check_number(context: Context, value: float, prop: Prop, path: Path) -> None:
    if prop.minimum is not None and value < prop.minimum:
        report_value(context, path, f"The minimum is {_number(prop.minimum)}, but found {value}.")
    elif prop.maximum is not None and value > prop.maximum:
        report_value(context, path, f"The maximum is {_number(prop.maximum)}, but found {value}.")


def _check_array(
    context: Context, scope: ScreenScope, value: list[Any], prop: Prop, path: Path
) -> None:
    if prop.min_items is not None and len(value) < prop.min_items:
        context.report(
            codes.MIN_ITEMS_REQUIRED,
            f"Property '{path[-1]}' at '{_where(path)}' must have at least {prop.min_items} "
            f"item(s), but found {len(value)}.",
            path,
        )
    elif prop.max_items is not None and len(value) > prop.max_items:
        report_value(
            context, path, f"At most {prop.max_items} item(s) are allowed, but found {len(value)}."
        )
    if prop.kind:
        return
    items = prop.items
    if isinstance(items, ObjectSpec):
        for index, item in enumerate(value):
            item_path = (*path, index)
            if isinstance(item, dict):
                check_object(context, scope, item, items, item_path)
            else:
                report_type(context, item_path, item, "object")
    elif isinstance(items, str):
        item_prop = Prop((items,), enum=prop.enum, max_chars=prop.max_chars, dynamic=prop.dynamic)
        for index, item in enumerate(value):
            check_value(context, scope, item, item_prop, (*path, index))
    else:
        collect_references(scope, value, path)


def collect_references(scope: ScreenScope, value: Any, path: Path) -> None:
    """Record every string holding ``${`` inside a free-form value (payloads, init-values)."""
    scope.references.extend(
        Reference(text, text_path) for text, text_path in strings_in(value, path) if "${" in text
    )


def _where(path: Path) -> str:
    return where(path[:-1])


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
