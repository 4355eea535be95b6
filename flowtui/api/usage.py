"""Graph's rate-limit usage headers, so a UI can show how close an account is to throttling.

``X-App-Usage`` is ``{"call_count": n, "total_cputime": n, "total_time": n}``;
``X-Business-Use-Case-Usage`` maps a business object id to a list of
``{"type", "call_count", "total_cputime", "total_time", "estimated_time_to_regain_access"}``.
Values are read as percentages of the limit (throttling at 100) and
``estimated_time_to_regain_access`` as minutes, as client libraries do (both UNCONFIRMED in
Meta's text; see the reference, section 12.4).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

APP_USAGE_HEADER = "x-app-usage"
BUSINESS_USAGE_HEADER = "x-business-use-case-usage"


@dataclass(frozen=True)
class UsageFigures:
    call_count: float = 0
    total_cputime: float = 0
    total_time: float = 0

    @property
    def percent(self) -> float:
        """The highest of the three, as a percentage of the limit."""
        return max(self.call_count, self.total_cputime, self.total_time)


@dataclass(frozen=True)
class BusinessUsage(UsageFigures):
    business_id: str = ""
    type: str = ""
    regain_access_minutes: float = 0


@dataclass(frozen=True)
class RateLimitUsage:
    """The latest usage Graph reported; ``None``/empty when a header was absent."""

    app: UsageFigures | None = None
    business: tuple[BusinessUsage, ...] = ()

    @property
    def percent(self) -> float | None:
        values = [u.percent for u in self.business]
        if self.app is not None:
            values.append(self.app.percent)
        return max(values) if values else None

    @property
    def regain_access_seconds(self) -> float:
        return max((u.regain_access_minutes * 60 for u in self.business), default=0.0)


_F = TypeVar("_F", bound="UsageFigures")


def parse_usage(headers: Mapping[str, str]) -> RateLimitUsage | None:
    """The usage in a response's headers, or None when it carries neither header."""
    lowered = {k.lower(): v for k, v in headers.items()}
    app_raw, business_raw = lowered.get(APP_USAGE_HEADER), lowered.get(BUSINESS_USAGE_HEADER)
    if app_raw is None and business_raw is None:
        return None
    app_payload = _json_object(app_raw)
    app = _figures(UsageFigures, app_payload) if app_payload is not None else None
    business: list[BusinessUsage] = []
    for business_id, entries in (_json_object(business_raw) or {}).items():
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if isinstance(entry, dict):
                business.append(
                    _figures(
                        BusinessUsage,
                        entry,
                        business_id=str(business_id),
                        type=str(entry.get("type", "")),
                        regain_access_minutes=_number(entry.get("estimated_time_to_regain_access")),
                    )
                )
    return RateLimitUsage(app=app, business=tuple(business))


def _figures(cls: type[_F], payload: Mapping[str, Any], **extra: Any) -> _F:
    return cls(
        call_count=_number(payload.get("call_count")),
        total_cputime=_number(payload.get("total_cputime")),
        total_time=_number(payload.get("total_time")),
        **extra,
    )


def _json_object(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _number(value: Any) -> float:
    if isinstance(value, bool):
        return 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return 0.0
    return 0.0
