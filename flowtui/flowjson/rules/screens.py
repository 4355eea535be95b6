"""Screens: ids, flags, data declarations, and the walk over each screen's components."""

from __future__ import annotations

import re
from typing import Any

from flowtui.flowjson import codes, components
from flowtui.flowjson.components import COMPONENTS, ComponentSpec
from flowtui.flowjson.context import Context, Path
from flowtui.flowjson.rules.common import (
    json_type,
    matches_type,
    report_type,
    report_value,
    where,
)
from flowtui.flowjson.rules.schema import check_object
from flowtui.flowjson.rules.scope import PlacedComponent, Placement, ScreenScope

_SCREEN_ID = re.compile(components.SCREEN_ID_PATTERN)


def check(context: Context) -> list[ScreenScope]:
    """Check every screen on its own; return what was learnt for the cross-screen rules."""
    scopes: list[ScreenScope] = []
    first_path_of: dict[str, Path] = {}
    for index, screen in enumerate(context.root["screens"]):
        path: Path = ("screens", index)
        if not isinstance(screen, dict):
            report_type(context, path, screen, "object")
            continue
        screen_id = screen.get("id")
        scope = ScreenScope(
            index,
            path,
            screen_id if isinstance(screen_id, str) else None,
            screen.get("terminal") is True,
        )
        check_object(context, scope, screen, components.SCREEN, path)
        _check_id(context, scope, first_path_of)
        _check_flags(context, screen, path)
        _check_data(context, scope, screen.get("data"))
        _check_layout(context, scope, screen.get("layout"))
        scopes.append(scope)
    if not any(scope.crowded for scope in scopes):  # else the check ends: see _report_crowded
        _check_terminal_screens(context, scopes)
    return scopes


def _check_id(context: Context, scope: ScreenScope, first_path_of: dict[str, Path]) -> None:
    screen_id = scope.id
    if screen_id is None:
        return
    id_path = (*scope.path, "id")
    if screen_id.lower() in components.RESERVED_SCREEN_IDS:
        context.report(
            codes.SCREEN_ID_IS_RESERVED_KEYWORD,
            "Screen id 'success' is a reserved keyword and cannot be used as a screen id.",
            id_path,
        )
    elif not _SCREEN_ID.fullmatch(screen_id):
        context.report(
            codes.PATTERN_MISMATCH,
            f"Invalid screen id '{screen_id}' at '{where(id_path)}': screen names may only "
            "contain letters and underscores.",
            id_path,
        )
    if screen_id in first_path_of:
        context.report(
            codes.DUPLICATE_SCREEN_IDS,
            codes.message(codes.DUPLICATE_SCREEN_IDS, id=screen_id),
            id_path,
            related=((*first_path_of[screen_id], "id"),),
        )
    else:
        first_path_of[screen_id] = scope.path


def _check_flags(context: Context, screen: dict[str, Any], path: Path) -> None:
    if "success" in screen and screen.get("terminal") is not True:
        report_value(
            context,
            (*path, "success"),
            "'success' can only be set on terminal screens.",
            code=codes.INVALID_DEPENDENCIES,
        )
    if screen.get("refresh_on_back") is True and "data_api_version" not in context.root:
        report_value(
            context,
            (*path, "refresh_on_back"),
            "'refresh_on_back' needs an endpoint: set 'data_api_version' at the top level.",
            code=codes.INVALID_DEPENDENCIES,
        )


def _check_data(context: Context, scope: ScreenScope, data: Any) -> None:
    """Each field: an object with a known ``type`` (arrays need ``items``) and ``__example__``."""
    if not isinstance(data, dict):
        return
    data_path = (*scope.path, "data")
    for name, declaration in data.items():
        path = (*data_path, name)
        if not isinstance(declaration, dict):
            report_type(context, path, declaration, "object")
            continue
        scope.data[name] = declaration
        declared = declaration.get("type")
        if "type" not in declaration:
            context.report(
                codes.INVALID_SCREEN_DATA,
                f"Data field '{name}' at '{where(data_path)}' must declare its 'type'.",
                path,
            )
        elif declared not in components.DATA_TYPES:
            context.report(
                codes.INVALID_SCREEN_DATA,
                f"Data field '{name}' has an invalid type {declared!r}; expected one of: "
                f"{', '.join(components.DATA_TYPES)}.",
                (*path, "type"),
            )
        elif declared == "array" and not isinstance(declaration.get("items"), dict | bool):
            context.report(
                codes.INVALID_SCREEN_DATA,
                f"Data field '{name}' is an array and must declare its 'items'.",
                path,
            )
        if "__example__" not in declaration:
            context.report(
                codes.INVALID_SCREEN_DATA,
                f"Data field '{name}' at '{where(data_path)}' must have an '__example__' value.",
                path,
            )
        elif isinstance(declared, str) and declared in components.DATA_TYPES:
            example = declaration["__example__"]
            if not matches_type(example, declared):
                context.report(
                    codes.INVALID_SCREEN_DATA,
                    f"The '__example__' of data field '{name}' must be of type '{declared}', "
                    f"but found '{json_type(example)}'.",
                    (*path, "__example__"),
                )


def _check_layout(context: Context, scope: ScreenScope, layout: Any) -> None:
    if not isinstance(layout, dict):
        return
    path = (*scope.path, "layout")
    check_object(context, scope, layout, components.LAYOUT, path)
    children = layout.get("children")
    if isinstance(children, list):
        try:
            _walk(context, scope, children, (*path, "children"), Placement())
        except _Crowded:
            _report_crowded(context, scope, children)


class _Crowded(Exception):
    """The screen has one component more than MAX_COMPONENTS_PER_SCREEN: the walk stops."""


def _report_crowded(context: Context, scope: ScreenScope, children: list[Any]) -> None:
    """MAX_COMPONENTS_PER_SCREEN, at the first component too many, and nothing more about the
    screen: a screen of 300,000 components (under 10 MB) took seconds to walk, for problems
    Meta never gets to. Rules that reason from what a screen lacks (a Footer, an input a
    reference names) would misreport on a partial walk, so the check ends after the screens."""
    scope.crowded = True
    limit = components.MAX_COMPONENTS_PER_SCREEN
    found = [placed.path for placed in scope.components]
    count = max(len(found), _count_components(children))
    context.report(
        codes.MAX_COMPONENTS_PER_SCREEN,
        codes.message("MAX_PER_SCREEN", component="components", max=limit, count=count),
        found[limit],
        related=tuple(found[:limit]),
    )


def _count_components(children: list[Any]) -> int:
    """Components of a known type at any depth (Form children, If and Switch branches), not
    checked: cheap enough for any number of them."""
    count = 0
    pending = [children]
    while pending:
        for child in pending.pop():
            kind = child.get("type") if isinstance(child, dict) else None
            if not isinstance(kind, str) or kind not in COMPONENTS:
                continue
            count += 1
            if kind == "Form":
                branches = [child.get("children")]
            elif kind == "If":
                branches = [child.get("then"), child.get("else")]
            elif kind == "Switch":
                cases = child.get("cases")
                branches = list(cases.values()) if isinstance(cases, dict) else []
            else:
                continue
            pending.extend(branch for branch in branches if isinstance(branch, list))
    return count


def _walk(
    context: Context, scope: ScreenScope, children: list[Any], path: Path, placement: Placement
) -> None:
    """Check each component and record it in ``scope``; iterative over siblings, recursive
    over nesting (If depth is capped by the rules and Forms cannot nest, so depth stays small)."""
    for index, child in enumerate(children):
        child_path = (*path, index)
        if not isinstance(child, dict):
            report_type(context, child_path, child, "object")
            continue
        spec = _component_spec(context, child, child_path, placement)
        if spec is None:
            continue
        scope.components.append(PlacedComponent(spec, child, child_path, placement))
        if len(scope.components) > components.MAX_COMPONENTS_PER_SCREEN:
            raise _Crowded
        check_object(context, scope, child, spec.spec, child_path, skip=("type",))
        if spec.type == "Form":
            kids = child.get("children")
            if isinstance(kids, list):
                inner = Placement(
                    child_path,
                    placement.branch,
                    placement.if_depth,
                    placement.outer,
                    placement.outer_branch,
                    placement.inner,
                )
                _walk(context, scope, kids, (*child_path, "children"), inner)
        elif spec.type == "If":
            depth = placement.if_depth + 1
            if depth > components.MAX_IF_NESTING:
                report_value(
                    context,
                    (*child_path, "type"),
                    f"If components can be nested at most {components.MAX_IF_NESTING} levels deep.",
                )
                continue
            for key in ("then", "else"):
                branch = child.get(key)
                if isinstance(branch, list):
                    inner = _branch(placement, "If", depth, child_path, key)
                    _walk(context, scope, branch, (*child_path, key), inner)
        elif spec.type == "Switch":
            cases = child.get("cases")
            if not isinstance(cases, dict):
                continue
            if not cases:
                context.report(
                    codes.MIN_ITEMS_REQUIRED,
                    f"Property 'cases' at '{where(child_path)}' must have at least 1 case.",
                    (*child_path, "cases"),
                )
            for key, branch in cases.items():
                case_path = (*child_path, "cases", key)
                if not isinstance(branch, list):
                    report_type(context, case_path, branch, "array")
                    continue
                inner = _branch(placement, "Switch", placement.if_depth, child_path, key)
                _walk(context, scope, branch, case_path, inner)


def _branch(placement: Placement, kind: str, depth: int, owner: Path, key: str) -> Placement:
    outer = placement.outer if placement.outer is not None else owner
    outer_branch = placement.outer_branch if placement.outer is not None else key
    return Placement(placement.form, kind, depth, outer, outer_branch, owner)


def _component_spec(
    context: Context, child: dict[str, Any], path: Path, placement: Placement
) -> ComponentSpec | None:
    """The spec for ``child``'s ``type``, or None after reporting why there is none."""
    if "type" not in child:
        context.report(
            codes.MISSING_REQUIRED_TYPE_PROPERTY,
            codes.message(codes.MISSING_REQUIRED_TYPE_PROPERTY, name="type"),
            path,
        )
        return None
    kind = child["type"]
    type_path = (*path, "type")
    if not isinstance(kind, str):
        report_type(context, type_path, kind, "string")
        return None
    spec = COMPONENTS.get(kind)
    if spec is None:
        report_value(context, type_path, f"Unknown component type '{kind}'.")
        return None
    if not context.at_least(spec.since):
        report_value(
            context,
            type_path,
            f"Component '{kind}' needs Flow JSON version {spec.since} or newer.",
        )
        return None
    if placement.branch is not None:
        allowed = spec.in_branches is not None and context.at_least(spec.in_branches)
        if placement.branch == "Switch" and kind in ("If", "Switch"):
            allowed = False
        if not allowed:
            report_value(
                context, type_path, f"Component '{kind}' is not allowed inside {placement.branch}."
            )
            return None
    if kind == "Form" and placement.form is not None:
        report_value(context, type_path, "A Form cannot be placed inside another Form.")
        return None
    return spec


def _check_terminal_screens(context: Context, scopes: list[ScreenScope]) -> None:
    terminals = [scope for scope in scopes if scope.terminal]
    if not terminals:
        if scopes:
            context.report(
                codes.MISSING_TERMINAL_SCREEN,
                codes.message(codes.MISSING_TERMINAL_SCREEN),
                ("screens",),
            )
        return
    without_footer = [
        scope
        for scope in terminals
        if not any(placed.spec.type == "Footer" for placed in scope.components)
    ]
    if without_footer:
        ids = ", ".join(scope.id or str(scope.index) for scope in without_footer)
        context.report(
            codes.MISSING_FOOTER_ON_TERMINAL_SCREEN,
            codes.message(codes.MISSING_FOOTER_ON_TERMINAL_SCREEN, ids=ids),
            without_footer[0].path,
            related=tuple(scope.path for scope in without_footer[1:]),
        )
    screens = context.root["screens"]
    if all(screens[scope.index].get("success", True) is False for scope in terminals):
        report_value(
            context,
            (*terminals[0].path, "success"),
            "At least one terminal screen must have 'success' set to true.",
        )
