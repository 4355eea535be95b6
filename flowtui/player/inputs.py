"""The inputs of a screen: which values each takes, and what the client says about a value
(required, lengths, counts, patterns, dates) before the Footer can be pressed.

Limits a component leaves out take the defaults of Meta's components page (reference B7)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any

import regex

from flowtui.player.media import file_problem
from flowtui.player.view import Shown

TEXT_KINDS = frozenset({"TextInput", "TextArea"})
ONE_OF_KINDS = frozenset({"RadioButtonsGroup", "Dropdown"})
MANY_OF_KINDS = frozenset({"CheckboxGroup", "ChipsSelector"})
DATE_KINDS = frozenset({"DatePicker", "CalendarPicker"})
MEDIA_KINDS = frozenset({"PhotoPicker", "DocumentPicker"})
DEFAULT_MAX_CHARS = {"TextInput": 80, "TextArea": 600}
# A minimum count makes an empty choice a problem, required or not.
_MINIMUMS = {
    "CheckboxGroup": "min-selected-items",
    "ChipsSelector": "min-selected-items",
    "PhotoPicker": "min-uploaded-photos",
    "DocumentPicker": "min-uploaded-documents",
}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9 ()\-]{5,20}")
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# A pattern is given this long per value: a sane one takes microseconds on 80 characters; one
# with nested repeats ("(a|aa)+b") takes longer than the universe has on them.
PATTERN_SECONDS = 0.05


class Verdict(Enum):
    MATCHES = "matches"
    DIFFERS = "differs"
    BROKEN = "broken"  # not a regular expression (the validator reports it)
    TOO_SLOW = "too slow"


def label(component: Shown) -> str:
    return component.text("label") or component.name or component.kind


def option_ids(component: Shown) -> list[str]:
    """The ids of a choice component's enabled options."""
    source = component.props.get("data-source")
    if not isinstance(source, list):
        return []
    return [
        str(item["id"])
        for item in source
        if isinstance(item, Mapping) and "id" in item and item.get("enabled", True) is not False
    ]


def accepted(component: Shown, value: Any) -> str | None:
    """Why ``value`` cannot be put in this input at all (wrong shape, an unknown option), in
    the words of the STEPS format; None when it can."""
    kind = component.kind
    if kind in TEXT_KINDS:
        return None if isinstance(value, str) else f"{kind} takes a string"
    if kind in ONE_OF_KINDS:
        if not isinstance(value, str):
            return f"{kind} takes one option id (a string)"
        return None if value in option_ids(component) else _unknown(component, [value])
    if kind in MANY_OF_KINDS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"{kind} takes a list of option ids"
        unknown = [v for v in value if v not in option_ids(component)]
        return _unknown(component, unknown) if unknown else None
    if kind == "OptIn":
        return None if isinstance(value, bool) else "OptIn takes true or false"
    if kind == "DatePicker" or (kind == "CalendarPicker" and component.text("mode") != "range"):
        return None if parse_day(value) else f"{kind} takes a date, YYYY-MM-DD (before 5.0: ms)"
    if kind == "CalendarPicker":
        ok = isinstance(value, Mapping) and parse_day(value.get("start-date")) is not None
        return None if ok else 'a range CalendarPicker takes {"start-date": …, "end-date": …}'
    if kind in MEDIA_KINDS:
        return None if isinstance(value, list) else f"{kind} takes a list of files"
    return f"{kind} is not an input"


def _unknown(component: Shown, ids: list[str]) -> str:
    options = ", ".join(option_ids(component)) or "none"
    return f"{label(component)} has no option {', '.join(map(repr, ids))} (options: {options})"


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False or value == {}


def problem(component: Shown, value: Any) -> str | None:
    """What the client says about ``value`` in this input now (None: it is fine)."""
    name = label(component)
    if is_empty(value):
        if component.flag("required", False):
            return f"{name} is required"
        least = _int(component.props.get(_MINIMUMS.get(component.kind, "")))
        return f"{name}: choose at least {least}" if least else None
    kind = component.kind
    if kind in TEXT_KINDS and isinstance(value, str):
        return _text_problem(component, name, value)
    if kind in MANY_OF_KINDS and isinstance(value, list):
        return _count_problem(component, name, len(value), "selected-items")
    if kind in MEDIA_KINDS and isinstance(value, list):
        for file in value:
            why = file_problem(kind, component.props, file) if isinstance(file, Mapping) else None
            if why:
                return f"{name}: {why}"
        what = "uploaded-photos" if kind == "PhotoPicker" else "uploaded-documents"
        return _count_problem(component, name, len(value), what)
    if kind in DATE_KINDS:
        return _date_problem(component, name, value)
    return None


def _text_problem(component: Shown, name: str, value: str) -> str | None:
    kind = component.kind
    limit_prop = "max-length" if kind == "TextArea" else "max-chars"
    limit = _int(component.props.get(limit_prop)) or DEFAULT_MAX_CHARS[kind]
    if len(value) > limit:
        return f"{name}: at most {limit} characters"
    least = _int(component.props.get("min-chars"))
    if least and len(value) < least:
        return f"{name}: at least {least} characters"
    input_type = component.text("input-type", "text")
    if input_type == "email" and not _EMAIL.fullmatch(value):
        return f"{name}: not an email address"
    if input_type in ("number", "passcode") and not _is_number(
        value, whole=input_type == "passcode"
    ):
        return f"{name}: not a number"
    if input_type == "phone" and not _PHONE.fullmatch(value):
        return f"{name}: not a phone number"
    pattern = component.props.get("pattern")
    if isinstance(pattern, str) and pattern:
        verdict = pattern_verdict(pattern, value)
        if verdict is Verdict.DIFFERS:
            return component.text("helper-text") or f"{name}: does not match {pattern}"
        if verdict is Verdict.TOO_SLOW:
            return (
                f"{name}: its pattern took over {PATTERN_SECONDS * 1000:.0f} ms on this text "
                "(nested repeats such as (a+)+ can hang a phone too): simplify the pattern"
            )
    return None  # (a broken pattern: the validator reports it; the client accepts the text)


@lru_cache(maxsize=1024)
def pattern_verdict(pattern: str, value: str) -> Verdict:
    """Whether all of ``value`` matches ``pattern``, found within :data:`PATTERN_SECONDS`.
    Kept per pair: a key press changes one input, and the others are not matched again."""
    try:
        matched = regex.fullmatch(pattern, value, timeout=PATTERN_SECONDS)
    except TimeoutError:
        return Verdict.TOO_SLOW
    except (regex.error, ValueError, OverflowError, RecursionError):
        return Verdict.BROKEN
    return Verdict.MATCHES if matched is not None else Verdict.DIFFERS


def _is_number(text: str, *, whole: bool) -> bool:
    if whole:
        return text.isdigit()
    try:
        float(text)
    except ValueError:
        return False
    return True


def _count_problem(component: Shown, name: str, count: int, what: str) -> str | None:
    least = _int(component.props.get(f"min-{what}"))
    most = _int(component.props.get(f"max-{what}"))
    if least and count < least:
        return f"{name}: choose at least {least}"
    if most and count > most:
        return f"{name}: choose at most {most}"
    return None


def _date_problem(component: Shown, name: str, value: Any) -> str | None:
    refusal = day_rule(component)
    if isinstance(value, Mapping):
        start, end = parse_day(value.get("start-date")), parse_day(value.get("end-date"))
        if start is None or end is None:
            return f"{name}: choose the first and the last day"
        if end < start:
            return f"{name}: the last day is before the first"
        days = (end - start).days + 1
        least, most = _int(component.props.get("min-days")), _int(component.props.get("max-days"))
        if least and days < least:
            return f"{name}: at least {least} days"
        if most and days > most:
            return f"{name}: at most {most} days"
        why = refusal(start) or refusal(end)
        return f"{name}: {why}" if why else None
    day = parse_day(value)
    if day is None:
        return f"{name}: not a date"
    why = refusal(day)
    return f"{name}: {why}" if why else None


def day_rule(component: Shown) -> Callable[[date], str | None]:
    """Why a picker refuses a day (``min-date``, ``max-date``, ``unavailable-dates``,
    ``include-days``), or None: the check on an answer and the calendar's struck-out days."""
    props = component.props
    earliest, latest = parse_day(props.get("min-date")), parse_day(props.get("max-date"))
    listed = props.get("unavailable-dates")
    unavailable = {parse_day(entry) for entry in listed} if isinstance(listed, list) else set()
    days = props.get("include-days")
    weekdays = (
        {_DAY_NAMES.index(d) for d in days if d in _DAY_NAMES} if isinstance(days, list) else set()
    )
    limit_weekdays = isinstance(days, list) and bool(days)

    def refusal(day: date) -> str | None:
        if earliest and day < earliest:
            return f"{day.isoformat()} is before {earliest.isoformat()}"
        if latest and day > latest:
            return f"{day.isoformat()} is after {latest.isoformat()}"
        if day in unavailable:
            return f"{day.isoformat()} is not available"
        if limit_weekdays and day.weekday() not in weekdays:
            return f"{day.strftime('%A')}s cannot be chosen"
        return None

    return refusal


def parse_day(value: Any) -> date | None:
    """A day as the flow writes it: ``YYYY-MM-DD``, or (DatePicker before 5.0) a string of
    milliseconds since 1970, UTC."""
    if not isinstance(value, str):
        return None
    if value.isascii() and value.isdigit() and 10 <= len(value) <= 15:
        try:
            return datetime.fromtimestamp(int(value) / 1000, tz=UTC).date()
        except (ValueError, OverflowError, OSError):  # past the year 9999
            return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return None
