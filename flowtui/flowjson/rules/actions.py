"""Actions: names allowed where they sit, their shape, and what navigate/complete/... require."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flowtui.flowjson import codes, versions
from flowtui.flowjson.components import ACTION_NAMES
from flowtui.flowjson.context import Context, Path
from flowtui.flowjson.rules.common import (
    json_type,
    matches_type,
    report_missing,
    report_type,
    report_unknown_key,
    report_value,
    where,
)
from flowtui.flowjson.rules.expressions import collect_payload_expressions
from flowtui.flowjson.rules.schema import collect_references, is_dynamic
from flowtui.flowjson.rules.scope import ActionSite, ScreenScope

# The keys each action may have (section 14.5).
ACTION_KEYS: dict[str, frozenset[str]] = {
    "navigate": frozenset({"name", "next", "payload"}),
    "complete": frozenset({"name", "payload"}),
    "data_exchange": frozenset({"name", "payload"}),
    "update_data": frozenset({"name", "payload"}),
    "open_url": frozenset({"name", "url"}),
}
_MEDIA_PICKERS = ("PhotoPicker", "DocumentPicker")
_FORM_REF = re.compile(r"\$\{form\.([^.}]+)\}")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")


@dataclass(frozen=True, slots=True)
class NavigateEdge:
    """A ``navigate`` from one screen to another, for the routing rules."""

    source: str
    target: str
    path: Path


def check(context: Context, scopes: list[ScreenScope]) -> list[NavigateEdge]:
    by_id = {scope.id: scope for scope in scopes if scope.id is not None}
    edges: list[NavigateEdge] = []
    for scope in scopes:
        for site in scope.actions:
            name = _check_name(context, site)
            if name is None:
                continue
            for key in site.value:
                if key not in ACTION_KEYS[name]:
                    report_unknown_key(context, (*site.path, key))
            payload = site.value.get("payload")
            if "payload" in site.value:
                if isinstance(payload, dict):
                    collect_references(scope, payload, (*site.path, "payload"))
                    collect_payload_expressions(context, scope, payload, (*site.path, "payload"))
                else:
                    report_type(context, (*site.path, "payload"), payload, "object")
                    payload = None
            if name == "navigate":
                edge = _check_navigate(context, scope, site, payload, by_id)
                if edge is not None:
                    edges.append(edge)
            elif name == "complete":
                _check_complete(context, scope, site, payload)
            elif name == "data_exchange":
                _check_data_exchange(context, site)
            elif name == "update_data":
                _check_update_data(context, scope, site, payload)
            elif name == "open_url":
                _check_open_url(context, site)
    return edges


def _check_name(context: Context, site: ActionSite) -> str | None:
    if "name" not in site.value:
        report_missing(context, site.path, "name")
        return None
    name = site.value["name"]
    name_path = (*site.path, "name")
    if not isinstance(name, str):
        report_type(context, name_path, name, "string")
        return None
    allowed = [choice.name for choice in site.choices if context.at_least(choice.since)]
    if name in allowed:
        return name
    detail = f"Expected one of: {', '.join(allowed)}." if allowed else "No action is allowed here."
    later = [c for c in site.choices if c.name == name and not context.at_least(c.since)]
    if later:
        detail += f" '{name}' needs Flow JSON version {later[0].since} or newer."
    elif name in ACTION_NAMES:
        detail += f" '{name}' cannot be used in '{site.path[-1]}' of {site.owner}."
    report_value(context, name_path, detail, code=codes.INVALID_ENUM_VALUE)
    return None


def _check_navigate(
    context: Context,
    scope: ScreenScope,
    site: ActionSite,
    payload: dict[str, Any] | None,
    by_id: dict[str, ScreenScope],
) -> NavigateEdge | None:
    if "next" not in site.value:
        report_missing(context, site.path, "next")
        return None
    nxt = site.value["next"]
    next_path = (*site.path, "next")
    if not isinstance(nxt, dict):
        report_type(context, next_path, nxt, "object")
        return None
    for key in nxt:
        if key not in ("type", "name"):
            report_unknown_key(context, (*next_path, key))
    if "type" in nxt and nxt["type"] != "screen":
        report_value(
            context, (*next_path, "type"), "Expected one of: screen.", code=codes.INVALID_ENUM_VALUE
        )
    if "name" not in nxt:
        report_missing(context, next_path, "name")
        return None
    target = nxt["name"]
    name_path = (*next_path, "name")
    if not isinstance(target, str):
        report_type(context, name_path, target, "string")
        return None
    if target not in by_id:
        context.report(
            codes.INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME,
            f"Invalid next screen name '{target}' at '{where(name_path)}': no screen has this id.",
            name_path,
        )
        return None
    if target == scope.id:
        context.report(
            codes.INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME,
            f"Screen '{target}' cannot navigate to itself.",
            name_path,
        )
        return None
    if scope.terminal and site.owner == "Footer":
        report_value(
            context,
            (*site.path, "name"),
            "The Footer of a terminal screen cannot navigate; use 'complete' (or 'data_exchange').",
        )
    _check_navigate_payload(context, scope, site, payload or {}, by_id[target])
    if scope.id is None:  # a screen without a usable id has no place in the routing model
        return None
    return NavigateEdge(scope.id, target, name_path)


def _check_navigate_payload(
    context: Context,
    scope: ScreenScope,
    site: ActionSite,
    payload: dict[str, Any],
    target: ScreenScope,
) -> None:
    """The payload must match the next screen's ``data`` model exactly."""
    payload_path = (*site.path, "payload")
    where_at = payload_path if "payload" in site.value else site.path
    extra = [key for key in payload if key not in target.data]
    missing = [key for key in target.data if key not in payload]
    for key in extra:
        context.report(
            codes.INVALID_NAVIGATE_ACTION_PAYLOAD,
            f"Property '{key}' of the navigate payload is not declared in the data of screen "
            f"'{target.id}'.",
            (*payload_path, key),
            key=True,
        )
    if missing:
        context.report(
            codes.INVALID_NAVIGATE_ACTION_PAYLOAD,
            f"The navigate payload is missing data of screen '{target.id}': {', '.join(missing)}.",
            where_at,
        )
    pickers = _media_picker_names(scope)
    for key, value in payload.items():
        value_path = (*payload_path, key)
        if isinstance(value, str) and is_dynamic(context, value):
            used = [name for name in _FORM_REF.findall(value) if name in pickers]
            if used:
                context.report(
                    codes.INVALID_NAVIGATE_ACTION_PAYLOAD,
                    f"'{used[0]}' is a {pickers[used[0]]}: media picker values cannot be passed "
                    "in a navigate payload.",
                    value_path,
                )
            continue
        declaration = target.data.get(key)
        declared = declaration.get("type") if isinstance(declaration, dict) else None
        if isinstance(declared, str) and not matches_type(value, declared):
            context.report(
                codes.INVALID_NAVIGATE_ACTION_PAYLOAD,
                f"Property '{key}' of the navigate payload must be of type '{declared}' as "
                f"declared by screen '{target.id}', but found '{json_type(value)}'.",
                value_path,
            )


def _media_picker_names(scope: ScreenScope) -> dict[str, str]:
    return {
        placed.value["name"]: placed.spec.type
        for placed in scope.components
        if placed.spec.type in _MEDIA_PICKERS and isinstance(placed.value.get("name"), str)
    }


def _check_complete(
    context: Context, scope: ScreenScope, site: ActionSite, payload: dict[str, Any] | None
) -> None:
    if not scope.terminal:
        context.report(
            codes.INVALID_COMPLETE_ACTION,
            codes.message(codes.INVALID_COMPLETE_ACTION),
            (*site.path, "name"),
        )
    if not payload:
        return
    pickers = {
        placed.value["name"]: placed
        for placed in scope.components
        if placed.spec.type in _MEDIA_PICKERS and isinstance(placed.value.get("name"), str)
    }
    if not pickers:
        return
    pending: list[tuple[Any, Path, bool]] = [
        (value, (*site.path, "payload", key), True) for key, value in payload.items()
    ]
    while pending:
        value, path, top_level = pending.pop()
        if isinstance(value, dict):
            pending.extend((v, (*path, k), False) for k, v in value.items())
        elif isinstance(value, list):
            pending.extend((v, (*path, i), False) for i, v in enumerate(value))
        elif isinstance(value, str):
            for name in _FORM_REF.findall(value):
                if name in pickers:
                    _check_complete_media(context, pickers[name].value, value, path, top_level)


def _check_complete_media(
    context: Context, picker: dict[str, Any], value: str, path: Path, top_level: bool
) -> None:
    kind = picker.get("type")
    name = picker.get("name")
    if not top_level or value != f"${{form.{name}}}":
        context.report(
            codes.INVALID_ON_CLICK_ACTION_PAYLOAD,
            f"{kind} '{name}' can only be used in a complete payload as a top-level value "
            f'"${{form.{name}}}".',
            path,
        )
        return
    key = "max-uploaded-photos" if kind == "PhotoPicker" else "max-uploaded-documents"
    if picker.get(key, 30) != 1:
        context.report(
            codes.INVALID_ON_CLICK_ACTION_PAYLOAD,
            f"{kind} '{name}' can only be used in a complete payload when '{key}' is 1.",
            path,
        )


def _check_data_exchange(context: Context, site: ActionSite) -> None:
    if "data_api_version" not in context.root:
        context.report(
            codes.NO_SUPPORTED_DATA_API_VERSION,
            "Action 'data_exchange' needs an endpoint: set 'data_api_version' (e.g. "
            f"\"{versions.DATA_API_VERSIONS[-1]}\") and 'routing_model' at the top level.",
            (*site.path, "name"),
        )


def _check_update_data(
    context: Context, scope: ScreenScope, site: ActionSite, payload: dict[str, Any] | None
) -> None:
    """``update_data`` changes the current screen's data, so each key must be declared there."""
    for key in payload or {}:
        if key not in scope.data:
            context.report(
                codes.INVALID_ACTION_PAYLOAD_PROPERTY,
                f"Property '{key}' of the update_data payload is not declared in the data of "
                f"screen '{scope.id}'.",
                (*site.path, "payload", key),
                key=True,
            )


def _check_open_url(context: Context, site: ActionSite) -> None:
    if "url" not in site.value:
        report_missing(context, site.path, "url")
        return
    url = site.value["url"]
    url_path = (*site.path, "url")
    if not isinstance(url, str):
        report_type(context, url_path, url, "string")
    elif not _URL.fullmatch(url):
        report_value(context, url_path, "Expected a URL.", code=codes.INVALID_PROPERTY_VALUE_FORMAT)
