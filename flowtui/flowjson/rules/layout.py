"""Per-screen component rules: counts, Footers, Forms, placement and component-specific checks."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from flowtui.flowjson import codes, components
from flowtui.flowjson.context import Context, Path
from flowtui.flowjson.rules.common import json_type, report_type, report_value, where
from flowtui.flowjson.rules.schema import is_dynamic
from flowtui.flowjson.rules.scope import PlacedComponent, ScreenScope

FORMS_OPTIONAL_SINCE = "4.0"
RICH_TEXT_WITH_FOOTER_SINCE = "6.3"
DATE_STRINGS_SINCE = "5.0"
MAX_IMAGE_CAROUSELS_PER_FLOW = 3
MAX_DROPDOWN_OPTIONS_WITH_IMAGES = 100
# Images in list items (data-source options): 300 KB before 6.0, 100 KB from 6.0 (section 14.1);
# NavigationList start images: 100 KB (section 14.6).
ITEM_IMAGE_KB_BEFORE_6_0 = 300
ITEM_IMAGE_KB = 100
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIMESTAMP = re.compile(r"[0-9]+")
_MEDIA_PICKERS = ("PhotoPicker", "DocumentPicker")


def check(context: Context, scopes: list[ScreenScope]) -> None:
    carousels: list[PlacedComponent] = []
    for scope in scopes:
        _check_counts(context, scope)
        _check_footers(context, scope)
        _check_forms(context, scope)
        _check_exclusive_components(context, scope)
        for placed in scope.components:
            _check_component(context, placed)
        carousels.extend(p for p in scope.components if p.spec.type == "ImageCarousel")
    if len(carousels) > MAX_IMAGE_CAROUSELS_PER_FLOW:
        context.report(
            codes.MAX_IMAGE_CAROUSEL_PER_FLOW,
            f"Maximum number of ImageCarousel allowed per Flow is {MAX_IMAGE_CAROUSELS_PER_FLOW} "
            f"but found {len(carousels)}.",
            carousels[MAX_IMAGE_CAROUSELS_PER_FLOW].path,
        )


def _per_screen(context: Context, code: str, component: str, limit: int, found: list[Path]) -> None:
    context.report(
        code,
        codes.message("MAX_PER_SCREEN", component=component, max=limit, count=len(found)),
        found[limit],
        related=tuple(found[:limit]),
    )


def _check_counts(context: Context, scope: ScreenScope) -> None:
    # MAX_COMPONENTS_PER_SCREEN is reported by the walk (screens.py), which stops there.
    by_type: dict[str, list[Path]] = defaultdict(list)
    for placed in scope.components:
        by_type[placed.spec.type].append(placed.path)
    for kind, paths in by_type.items():
        spec = components.COMPONENTS[kind]
        # Footers are counted by _check_footers (If/Switch branches count once).
        if spec.per_screen is not None and kind != "Footer" and len(paths) > spec.per_screen:
            _per_screen(context, spec.per_screen_code, kind, spec.per_screen, paths)


def _check_footers(context: Context, scope: ScreenScope) -> None:
    """At most one Footer; in If/Switch only at the first level and then in every branch."""
    footers = [placed for placed in scope.components if placed.spec.type == "Footer"]
    if not footers:
        return
    counted: list[Path] = []
    branches: dict[Path, dict[str, list[Path]]] = defaultdict(lambda: defaultdict(list))
    for footer in footers:
        placement = footer.placement
        if placement.outer is None:
            counted.append(footer.path)
        elif placement.inner != placement.outer:
            report_value(
                context,
                (*footer.path, "type"),
                "A Footer inside If/Switch is only allowed in the first level of branches.",
            )
        else:
            branches[placement.outer][str(placement.outer_branch)].append(footer.path)
    for conditional_path, by_branch in branches.items():
        # Each branch is one possible rendering: count the largest.
        largest: list[Path] = max(by_branch.values(), key=len)
        counted.extend(largest)
        conditional = _value_at(context, conditional_path)
        if conditional.get("type") == "If":
            if set(by_branch) != {"then", "else"}:
                context.report(
                    codes.MISSING_FOOTER_IN_IF_ELSE_BRANCHES,
                    "A Footer in an If must be present in both 'then' and 'else' branches.",
                    conditional_path,
                )
        else:
            cases = conditional.get("cases")
            missing = (
                [key for key in cases if key not in by_branch] if isinstance(cases, dict) else []
            )
            if missing:
                context.report(
                    codes.MISSING_FOOTER_IN_SWITCH_BRANCHES,
                    "A Footer in a Switch must be present in every case; missing in: "
                    f"{', '.join(missing)}.",
                    conditional_path,
                )
    if len(counted) > 1:
        counted.sort()
        _per_screen(context, codes.MAX_FOOTER_PER_SCREEN, "Footer", 1, counted)


def _value_at(context: Context, path: Path) -> Any:
    node = context.root
    for segment in path:
        node = node[segment]
    return node


def _check_forms(context: Context, scope: ScreenScope) -> None:
    forms = [placed for placed in scope.components if placed.spec.type == "Form"]
    inputs = [placed for placed in scope.components if placed.spec.input]
    forms_optional = context.at_least(FORMS_OPTIONAL_SINCE)
    for placed in inputs:
        if placed.placement.form is not None:
            continue
        if not forms_optional:
            context.report(
                codes.KEYWORD_ONE_OF,
                f"Component '{placed.spec.type}' at '{where(placed.path)}' must be inside a Form "
                f"before Flow JSON version {FORMS_OPTIONAL_SINCE}.",
                placed.path,
            )
        elif forms:
            context.report(
                codes.COMPONENTS_OUTSIDE_FORM,
                f"Component '{placed.spec.type}' at '{where(placed.path)}' must be inside the "
                "Form: when a screen has a Form, every input component belongs in it.",
                placed.path,
            )
    # Names are unique within a Form (branches included), or on the screen without one.
    seen: dict[tuple[Path | None, str], Path] = {}
    for placed in inputs:
        name = placed.value.get("name")
        if not isinstance(name, str):
            continue
        key = (placed.placement.form, name)
        if key in seen:
            context.report(
                codes.DUPLICATE_FORM_COMPONENT_NAMES,
                f"Duplicate component name found: '{name}'.",
                (*placed.path, "name"),
                related=((*seen[key], "name"),),
            )
        else:
            seen[key] = placed.path
    for form in forms:
        members = {
            placed.value["name"]: placed
            for placed in inputs
            if placed.placement.form == form.path and isinstance(placed.value.get("name"), str)
        }
        _check_form_maps(context, form, members)


def _check_form_maps(
    context: Context, form: PlacedComponent, members: dict[str, PlacedComponent]
) -> None:
    for key in ("init-values", "error-messages"):
        mapping = form.value.get(key)
        if not isinstance(mapping, dict):
            continue
        for name, value in mapping.items():
            path = (*form.path, key, name)
            member = members.get(name)
            if member is None:
                context.report(
                    codes.INVALID_PROPERTY_VALUE,
                    f"'{name}' in '{key}' at '{where(form.path)}' does not name an input "
                    "component of this Form.",
                    path,
                    key=True,
                )
                continue
            if key == "error-messages":
                continue
            if member.spec.type in _MEDIA_PICKERS:
                context.report(
                    codes.NATIVE_COMPONENT_IN_FORM_INIT_VALUES,
                    f"'{name}' is a {member.spec.type}: media pickers cannot have init-values.",
                    path,
                    key=True,
                )
                continue
            expected = _init_value_type(member.spec.type)
            if isinstance(value, str) and is_dynamic(context, value):
                continue
            if json_type(value) != expected:
                report_type(context, path, value, expected)


def _init_value_type(kind: str) -> str:
    if kind in ("CheckboxGroup", "ChipsSelector"):
        return "array"
    if kind == "OptIn":
        return "boolean"
    return "string"


def _check_exclusive_components(context: Context, scope: ScreenScope) -> None:
    """Components that want a screen (nearly) to themselves."""
    types = Counter(placed.spec.type for placed in scope.components)
    if types["PhotoPicker"] and types["DocumentPicker"]:
        picker = next(p for p in scope.components if p.spec.type == "DocumentPicker")
        report_value(
            context,
            (*picker.path, "type"),
            "PhotoPicker and DocumentPicker cannot be used on the same screen.",
        )
    rich_texts = [p for p in scope.components if p.spec.type == "RichText"]
    if rich_texts:
        allowed = {"RichText"}
        if context.at_least(RICH_TEXT_WITH_FOOTER_SINCE):
            allowed.add("Footer")
        others = [p for p in scope.components if p.spec.type not in allowed]
        if others:
            company = "only a Footer" if "Footer" in allowed else "no other component"
            report_value(
                context,
                (*rich_texts[0].path, "type"),
                f"RichText must be alone on its screen ({company} may be placed with it in "
                f"Flow JSON {context.version}).",
            )
    navigation = [p for p in scope.components if p.spec.type == "NavigationList"]
    if navigation:
        if any(p.spec.type != "NavigationList" for p in scope.components):
            report_value(
                context,
                (*navigation[0].path, "type"),
                "NavigationList cannot be combined with other components on a screen.",
            )
        if scope.terminal:
            report_value(
                context,
                (*navigation[0].path, "type"),
                "NavigationList cannot be used on a terminal screen.",
            )


def _check_component(context: Context, placed: PlacedComponent) -> None:
    value, path, kind = placed.value, placed.path, placed.spec.type
    for low, high in components.MIN_MAX_PAIRS:
        if low in value:
            _check_min_max(context, value, path, low, high)
    if kind == "Footer":
        has = {key: key in value for key in ("left-caption", "right-caption", "center-caption")}
        if has["center-caption"] and (has["left-caption"] or has["right-caption"]):
            report_value(
                context,
                (*path, "center-caption"),
                "'center-caption' cannot be combined with 'left-caption' or 'right-caption'.",
                code=codes.INVALID_DEPENDENCIES,
            )
        elif has["left-caption"] != has["right-caption"]:
            given = "left-caption" if has["left-caption"] else "right-caption"
            report_value(
                context,
                (*path, given),
                "'left-caption' and 'right-caption' must be given together.",
                code=codes.INVALID_DEPENDENCIES,
            )
    elif kind == "TextInput":
        # Before 6.2 ``pattern`` is an unknown property, reported as such.
        if "pattern" in value and "helper-text" not in value and context.at_least("6.2"):
            report_value(
                context,
                (*path, "pattern"),
                "'pattern' needs 'helper-text' to tell the user the expected format.",
                code=codes.INVALID_DEPENDENCIES,
            )
    elif kind == "If":
        _check_condition(context, value.get("condition"), (*path, "condition"))
    elif kind in ("DatePicker", "CalendarPicker"):
        _check_dates(context, value, path, iso_only=kind == "CalendarPicker")
        if kind == "CalendarPicker" and value.get("mode", "single") != "range":
            for key in ("title", "description", "min-days", "max-days"):
                if key in value:
                    report_value(
                        context,
                        (*path, key),
                        f"'{key}' is only allowed when 'mode' is 'range'.",
                        code=codes.INVALID_DEPENDENCIES,
                    )
    elif kind == "Dropdown":
        options = value.get("data-source")
        if (
            isinstance(options, list)
            and len(options) > MAX_DROPDOWN_OPTIONS_WITH_IMAGES
            and any(isinstance(option, dict) and "image" in option for option in options)
        ):
            report_value(
                context,
                (*path, "data-source"),
                f"At most {MAX_DROPDOWN_OPTIONS_WITH_IMAGES} options are allowed when any option "
                "has an image.",
            )
    elif kind == "NavigationList":
        _check_navigation_list(context, value, path)
    if kind in ("CheckboxGroup", "RadioButtonsGroup", "Dropdown"):
        limit = ITEM_IMAGE_KB if context.at_least("6.0") else ITEM_IMAGE_KB_BEFORE_6_0
        options = value.get("data-source")
        for index, option in enumerate(options if isinstance(options, list) else ()):
            if isinstance(option, dict):
                image_path = (*path, "data-source", index, "image")
                _check_image_size(context, option.get("image"), image_path, limit)


def _check_image_size(context: Context, image: Any, path: Path, limit_kb: int) -> None:
    """A base64 image may not decode to more than ``limit_kb`` kilobytes."""
    if not isinstance(image, str) or is_dynamic(context, image):
        return
    size = len(image) * 3 // 4 - len(image) + len(image.rstrip("="))
    if size > limit_kb * 1024:
        report_value(
            context,
            path,
            f"The image is {size // 1024} KB; at most {limit_kb} KB is allowed in Flow JSON "
            f"{context.version}.",
        )


def _check_min_max(
    context: Context, value: dict[str, Any], path: Path, low: str, high: str
) -> None:
    minimum, maximum = value.get(low), value.get(high)
    comparable = (
        isinstance(minimum, int | float)
        and isinstance(maximum, int | float)
        and not isinstance(minimum, bool)
        and not isinstance(maximum, bool)
    ) or (
        isinstance(minimum, str)
        and isinstance(maximum, str)
        and _ISO_DATE.fullmatch(minimum) is not None
        and _ISO_DATE.fullmatch(maximum) is not None
    )
    if comparable and minimum > maximum:  # type: ignore[operator]
        context.report(
            codes.MIN_VALUE_GREATER_THAN_MAX,
            f"'{low}' ({minimum}) cannot be greater than '{high}' ({maximum}) at '{where(path)}'.",
            (*path, low),
            related=((*path, high),),
        )


def _check_dates(context: Context, value: dict[str, Any], path: Path, *, iso_only: bool) -> None:
    iso = iso_only or context.at_least(DATE_STRINGS_SINCE)
    pattern, expected = (
        (_ISO_DATE, '"YYYY-MM-DD"') if iso else (_TIMESTAMP, "a timestamp in milliseconds")
    )
    dates: list[tuple[Any, Path]] = [
        (value.get(key), (*path, key)) for key in ("min-date", "max-date") if key in value
    ]
    unavailable = value.get("unavailable-dates")
    if isinstance(unavailable, list):
        dates.extend(
            (item, (*path, "unavailable-dates", index)) for index, item in enumerate(unavailable)
        )
    for date, date_path in dates:
        if isinstance(date, str) and not is_dynamic(context, date) and not pattern.fullmatch(date):
            report_value(
                context,
                date_path,
                f"Expected a date as {expected} in Flow JSON {context.version}.",
                code=codes.INVALID_PROPERTY_VALUE_FORMAT,
            )


def _check_condition(context: Context, condition: Any, path: Path) -> None:
    """A condition needs a dynamic value; whether it parses is up to the expression rules."""
    if isinstance(condition, str) and "${" not in condition:
        report_value(
            context, path, "The condition must include at least one dynamic value (${...})."
        )


def _check_navigation_list(context: Context, value: dict[str, Any], path: Path) -> None:
    items = value.get("list-items")
    if not isinstance(items, list):
        return
    item_objects = [(index, item) for index, item in enumerate(items) if isinstance(item, dict)]
    for index, item in item_objects:
        start = item.get("start")
        if isinstance(start, dict):
            image_path = (*path, "list-items", index, "start", "image")
            _check_image_size(context, start.get("image"), image_path, ITEM_IMAGE_KB)
    badges = [index for index, item in item_objects if "badge" in item]
    if len(badges) > 1:
        report_value(
            context,
            (*path, "list-items", badges[1], "badge"),
            "Only one item of a NavigationList may have a badge.",
        )
    if value.get("media-size") == "large":
        for index, item in item_objects:
            if "end" in item:
                report_value(
                    context,
                    (*path, "list-items", index, "end"),
                    "'end' cannot be used when 'media-size' is 'large'.",
                    code=codes.INVALID_DEPENDENCIES,
                )
    if "on-click-action" in value:
        for index, item in item_objects:
            if "on-click-action" in item:
                report_value(
                    context,
                    (*path, "list-items", index, "on-click-action"),
                    "Set 'on-click-action' on the NavigationList or on its items, not both.",
                    code=codes.INVALID_DEPENDENCIES,
                )
