"""Typed, immutable views of Graph's Flows payloads.

Every model keeps the payload it came from in ``raw`` (read-only), so fields Graph adds
tomorrow are not lost. Parsing is tolerant: a missing or ill-typed field becomes ``None`` or
an empty tuple rather than an exception, and unknown enum values are kept as they came.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Self

Raw = Mapping[str, Any]
_EMPTY: Raw = MappingProxyType({})
# Dates outside these are garbage, not dates: "unknown". The bounds keep every date shown
# convertible to any time zone (datetime.min and max are not).
_EARLIEST: datetime = datetime(1970, 1, 1, tzinfo=UTC)
_LATEST: datetime = datetime(9000, 1, 1, tzinfo=UTC)


class _OpenStrEnum(StrEnum):
    """A StrEnum that keeps values it does not know (Graph adds them without notice)."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        return self._name_ in type(self).__members__


class FlowStatus(_OpenStrEnum):
    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"
    DEPRECATED = "DEPRECATED"
    BLOCKED = "BLOCKED"
    THROTTLED = "THROTTLED"


class FlowCategory(_OpenStrEnum):
    SIGN_UP = "SIGN_UP"
    SIGN_IN = "SIGN_IN"
    APPOINTMENT_BOOKING = "APPOINTMENT_BOOKING"
    LEAD_GENERATION = "LEAD_GENERATION"
    CONTACT_US = "CONTACT_US"
    CUSTOMER_SUPPORT = "CUSTOMER_SUPPORT"
    SURVEY = "SURVEY"
    OTHER = "OTHER"


class CanSendMessage(_OpenStrEnum):
    AVAILABLE = "AVAILABLE"
    LIMITED = "LIMITED"
    BLOCKED = "BLOCKED"


class MetricName(StrEnum):
    ENDPOINT_REQUEST_COUNT = "ENDPOINT_REQUEST_COUNT"
    ENDPOINT_REQUEST_ERROR = "ENDPOINT_REQUEST_ERROR"
    ENDPOINT_REQUEST_ERROR_RATE = "ENDPOINT_REQUEST_ERROR_RATE"
    ENDPOINT_REQUEST_LATENCY_SECONDS_CEIL = "ENDPOINT_REQUEST_LATENCY_SECONDS_CEIL"
    ENDPOINT_AVAILABILITY = "ENDPOINT_AVAILABILITY"


class MetricGranularity(StrEnum):
    DAY = "DAY"
    HOUR = "HOUR"
    LIFETIME = "LIFETIME"


# --- field readers -----------------------------------------------------------------------------


def _str(payload: Raw, key: str) -> str | None:
    value = payload.get(key)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):  # ids and codes sometimes arrive as numbers
        try:
            return str(value)
        except ValueError:  # an int past Python's 4300-digit conversion limit
            return None
    return value if isinstance(value, str) else None


def _text(payload: Raw, key: str) -> str | None:
    """:func:`_str`, with a fast path for what Graph almost always sends: a str or nothing."""
    value = payload.get(key)
    if value is None or value.__class__ is str:
        return value
    return _str(payload, key)


# Values repeated across every flow of a page (statuses, category lists, versions), parsed
# once and shared: 100,000 flows hold a handful of these, not 100,000 copies. Bounded, since
# Graph (or a hostile server) could send endless distinct ones.
_SHARED_MAX = 512
_STATUSES: dict[str, FlowStatus] = {}
_CATEGORY_LISTS: dict[tuple[str, ...], tuple[FlowCategory, ...]] = {}
_SHORT_TEXTS: dict[str, str] = {}


def _status(value: str | None) -> FlowStatus | None:
    if not value:
        return None
    status = _STATUSES.get(value)
    if status is None:
        status = FlowStatus(value)
        if len(_STATUSES) < _SHARED_MAX:
            _STATUSES[value] = status
    return status


def _categories(value: object) -> tuple[FlowCategory, ...]:
    if not isinstance(value, list):
        return ()
    names = tuple(item for item in value if isinstance(item, str))
    categories = _CATEGORY_LISTS.get(names)
    if categories is None:
        categories = tuple(FlowCategory(name) for name in names)
        if len(_CATEGORY_LISTS) < _SHARED_MAX:
            _CATEGORY_LISTS[names] = categories
    return categories


def _short_text(value: str | None) -> str | None:
    """A version number or the like, shared between flows."""
    if value is None or len(value) > 16:
        return value
    return _SHORT_TEXTS.setdefault(value, value) if len(_SHORT_TEXTS) < _SHARED_MAX else value


def _int(payload: Raw, key: str) -> int | None:
    value = payload.get(key)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None


def _dicts(payload: Raw, key: str) -> list[Raw]:
    value = payload.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _dict(payload: Raw, key: str) -> Raw | None:
    value = payload.get(key)
    return value if isinstance(value, dict) else None


def _frozen(payload: Raw) -> Raw:
    return MappingProxyType(dict(payload))


def parse_timestamp(value: object) -> datetime | None:
    """Graph dates: ``2023-05-21T11:18:09+0000`` (ISO 8601) or Unix seconds (``date_format=U``).

    Anything else, and any date before 1970 or after the year 9000 (``1e20``, ``NaN``, twenty
    nines), is None: unknown, never an exception.
    """
    try:
        parsed = _timestamp(value)
        if parsed is None:
            return None
        parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        return parsed if _EARLIEST <= parsed <= _LATEST else None
    except (ValueError, OverflowError, OSError):  # out of range for datetime or time_t
        return None


def _timestamp(value: object) -> datetime | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, int | float):
        if not _EARLIEST.timestamp() <= value <= _LATEST.timestamp():
            return None
        return datetime.fromtimestamp(value, tz=UTC)
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit():
            return _timestamp(int(text)) if len(text) <= 20 else None
        return datetime.fromisoformat(text)
    return None


# --- validation errors -------------------------------------------------------------------------


@dataclass(frozen=True)
class ValidationPointer:
    path: str | None
    line_start: int | None = None
    line_end: int | None = None
    column_start: int | None = None
    column_end: int | None = None

    @classmethod
    def from_graph(cls, payload: Raw) -> ValidationPointer:
        return cls(
            path=_str(payload, "path"),
            line_start=_int(payload, "line_start"),
            line_end=_int(payload, "line_end"),
            column_start=_int(payload, "column_start"),
            column_end=_int(payload, "column_end"),
        )


@dataclass(frozen=True)
class ValidationError:
    """One item of a flow's ``validation_errors``; positions are 1-based."""

    error: str
    error_type: str | None
    message: str
    line_start: int | None = None
    line_end: int | None = None
    column_start: int | None = None
    column_end: int | None = None
    pointers: tuple[ValidationPointer, ...] = ()
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @classmethod
    def from_graph(cls, payload: Raw) -> ValidationError:
        return cls(
            error=_str(payload, "error") or "UNKNOWN_ERROR",
            error_type=_str(payload, "error_type"),
            message=_str(payload, "message") or "",
            line_start=_int(payload, "line_start"),
            line_end=_int(payload, "line_end"),
            column_start=_int(payload, "column_start"),
            column_end=_int(payload, "column_end"),
            pointers=tuple(ValidationPointer.from_graph(p) for p in _dicts(payload, "pointers")),
            raw=_frozen(payload),
        )


def _validation_errors(payload: Raw) -> tuple[ValidationError, ...]:
    return tuple(ValidationError.from_graph(item) for item in _dicts(payload, "validation_errors"))


# --- flow parts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    preview_url: str
    expires_at: datetime | None
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @classmethod
    def from_graph(cls, payload: Raw) -> Preview:
        return cls(
            preview_url=_str(payload, "preview_url") or "",
            expires_at=parse_timestamp(payload.get("expires_at")),
            raw=_frozen(payload),
        )

    def is_expired(self, now: datetime) -> bool:
        return self.expires_at is not None and now >= self.expires_at


@dataclass(frozen=True)
class Application:
    id: str | None
    name: str | None
    link: str | None
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @classmethod
    def from_graph(cls, payload: Raw) -> Application:
        return cls(
            id=_str(payload, "id"),
            name=_str(payload, "name"),
            link=_str(payload, "link"),
            raw=_frozen(payload),
        )


@dataclass(frozen=True)
class BusinessAccount:
    """The flow's ``whatsapp_business_account``."""

    id: str | None
    name: str | None
    timezone_id: str | None
    message_template_namespace: str | None
    business_type: str | None
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @classmethod
    def from_graph(cls, payload: Raw) -> BusinessAccount:
        return cls(
            id=_str(payload, "id"),
            name=_str(payload, "name"),
            timezone_id=_str(payload, "timezone_id"),
            message_template_namespace=_str(payload, "message_template_namespace"),
            business_type=_str(payload, "business_type"),
            raw=_frozen(payload),
        )


@dataclass(frozen=True)
class HealthProblem:
    """One of a BLOCKED entity's ``errors``."""

    error_code: int | None
    error_description: str
    possible_solution: str | None

    @classmethod
    def from_graph(cls, payload: Raw) -> HealthProblem:
        return cls(
            error_code=_int(payload, "error_code"),
            error_description=_str(payload, "error_description") or "",
            possible_solution=_str(payload, "possible_solution"),
        )


@dataclass(frozen=True)
class HealthEntity:
    entity_type: str
    id: str | None
    can_send_message: CanSendMessage | None
    errors: tuple[HealthProblem, ...] = ()
    additional_info: tuple[str, ...] = ()
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @classmethod
    def from_graph(cls, payload: Raw) -> HealthEntity:
        info = payload.get("additional_info")
        return cls(
            entity_type=_str(payload, "entity_type") or "UNKNOWN",
            id=_str(payload, "id"),
            can_send_message=_can_send(payload),
            errors=tuple(HealthProblem.from_graph(p) for p in _dicts(payload, "errors")),
            additional_info=tuple(i for i in info if isinstance(i, str))
            if isinstance(info, list)
            else (),
            raw=_frozen(payload),
        )


@dataclass(frozen=True)
class HealthStatus:
    can_send_message: CanSendMessage | None
    entities: tuple[HealthEntity, ...]
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @classmethod
    def from_graph(cls, payload: Raw) -> HealthStatus:
        return cls(
            can_send_message=_can_send(payload),
            entities=tuple(HealthEntity.from_graph(p) for p in _dicts(payload, "entities")),
            raw=_frozen(payload),
        )


def _can_send(payload: Raw) -> CanSendMessage | None:
    value = _str(payload, "can_send_message")
    return CanSendMessage(value) if value else None


# --- flows -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Flow:
    """A flow as Graph describes it; fields that were not requested are ``None``.

    Slotted, with its repeated values shared, and without ``raw`` when the caller does not
    keep it (the flow list holds every flow of the account: 100,000 must fit in memory)."""

    id: str
    name: str | None = None
    status: FlowStatus | None = None
    categories: tuple[FlowCategory, ...] = ()
    validation_errors: tuple[ValidationError, ...] = ()
    json_version: str | None = None
    data_api_version: str | None = None
    endpoint_uri: str | None = None
    data_channel_uri: str | None = None
    updated_at: datetime | None = None
    preview: Preview | None = None
    health_status: HealthStatus | None = None
    application: Application | None = None
    whatsapp_business_account: BusinessAccount | None = None
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @classmethod
    def from_graph(cls, payload: Raw, *, keep_raw: bool = True) -> Flow:
        get = payload.get
        preview = _dict(payload, "preview") if "preview" in payload else None
        health = _dict(payload, "health_status") if "health_status" in payload else None
        application = _dict(payload, "application") if "application" in payload else None
        waba = (
            _dict(payload, "whatsapp_business_account")
            if "whatsapp_business_account" in payload
            else None
        )
        errors = get("validation_errors")
        # Positional, in the fields' order: a list page makes 100 of these (keywords cost more).
        return cls(
            _text(payload, "id") or "",
            _text(payload, "name"),
            _status(_text(payload, "status")),
            _categories(get("categories")),
            _validation_errors(payload) if errors else (),
            _short_text(_text(payload, "json_version")),
            _short_text(_text(payload, "data_api_version")),
            _text(payload, "endpoint_uri"),
            _text(payload, "data_channel_uri"),
            parse_timestamp(get("updated_at")),
            Preview.from_graph(preview) if preview else None,
            HealthStatus.from_graph(health) if health else None,
            Application.from_graph(application) if application else None,
            BusinessAccount.from_graph(waba) if waba else None,
            _frozen(payload) if keep_raw else _EMPTY,
        )


@dataclass(frozen=True)
class FlowPage:
    """One page of ``/{waba-id}/flows``; ``has_next`` is Graph's ``paging.next`` presence."""

    flows: tuple[Flow, ...]
    before: str | None
    after: str | None
    has_next: bool
    has_previous: bool
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @staticmethod
    def next_cursor(payload: Raw) -> str | None:
        """The ``after`` cursor of the page after this one, if Graph says there is one (read
        without the rest of the page: the next request can go out before this page is read)."""
        paging = _dict(payload, "paging") or {}
        after = _str(_dict(paging, "cursors") or {}, "after")
        return after if after and _str(paging, "next") else None

    @classmethod
    def from_graph(cls, payload: Raw, *, keep_raw: bool = True) -> FlowPage:
        """``keep_raw=False``: neither the page nor its flows keep Graph's payload."""
        paging = _dict(payload, "paging") or {}
        cursors = _dict(paging, "cursors") or {}
        parse = Flow.from_graph
        return cls(
            flows=tuple(parse(item, keep_raw=keep_raw) for item in _dicts(payload, "data")),
            before=_str(cursors, "before"),
            after=_str(cursors, "after"),
            has_next=bool(_str(paging, "next")),
            has_previous=bool(_str(paging, "previous")),
            raw=_frozen(payload) if keep_raw else _EMPTY,
        )


@dataclass(frozen=True)
class CreatedFlow:
    """The answer to create: the new id and, when a Flow JSON was sent, its validation."""

    id: str
    success: bool
    validation_errors: tuple[ValidationError, ...]
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @classmethod
    def from_graph(cls, payload: Raw) -> CreatedFlow:
        success = payload.get("success")
        return cls(
            id=_str(payload, "id") or "",
            success=success if isinstance(success, bool) else True,
            validation_errors=_validation_errors(payload),
            raw=_frozen(payload),
        )


@dataclass(frozen=True)
class FlowJsonUpload:
    """The answer to a Flow JSON upload: saved either way, valid only without errors."""

    success: bool
    validation_errors: tuple[ValidationError, ...]
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @classmethod
    def from_graph(cls, payload: Raw) -> FlowJsonUpload:
        success = payload.get("success")
        return cls(
            success=success if isinstance(success, bool) else True,
            validation_errors=_validation_errors(payload),
            raw=_frozen(payload),
        )


@dataclass(frozen=True)
class Asset:
    name: str
    asset_type: str | None
    download_url: str | None
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @classmethod
    def from_graph(cls, payload: Raw) -> Asset:
        return cls(
            name=_str(payload, "name") or "",
            asset_type=_str(payload, "asset_type"),
            download_url=_str(payload, "download_url"),
            raw=_frozen(payload),
        )


# --- migration ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MigratedFlow:
    source_name: str
    source_id: str | None
    migrated_id: str | None

    @classmethod
    def from_graph(cls, payload: Raw) -> MigratedFlow:
        return cls(
            source_name=_str(payload, "source_name") or "",
            source_id=_str(payload, "source_id"),
            migrated_id=_str(payload, "migrated_id"),
        )


@dataclass(frozen=True)
class FailedMigration:
    source_name: str
    error_code: str | None  # a string in Graph's answer, e.g. "4233041"
    error_message: str

    @classmethod
    def from_graph(cls, payload: Raw) -> FailedMigration:
        return cls(
            source_name=_str(payload, "source_name") or "",
            error_code=_str(payload, "error_code"),
            error_message=_str(payload, "error_message") or "",
        )


@dataclass(frozen=True)
class MigrationResult:
    migrated: tuple[MigratedFlow, ...]
    failed: tuple[FailedMigration, ...]
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @classmethod
    def from_graph(cls, payload: Raw) -> MigrationResult:
        return cls(
            migrated=tuple(MigratedFlow.from_graph(p) for p in _dicts(payload, "migrated_flows")),
            failed=tuple(FailedMigration.from_graph(p) for p in _dicts(payload, "failed_flows")),
            raw=_frozen(payload),
        )


# --- metrics -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricDataPoint:
    """One timestamp's values, keyed as Graph keys them (``value``, ``timeout_error``, ``10+``)."""

    timestamp: datetime | None
    values: Mapping[str, float]

    @classmethod
    def from_graph(cls, payload: Raw) -> MetricDataPoint:
        values: dict[str, float] = {}
        for item in _dicts(payload, "data"):
            key, value = _str(item, "key"), item.get("value")
            if key is not None and isinstance(value, int | float) and not isinstance(value, bool):
                values[key] = value
        return cls(
            timestamp=parse_timestamp(payload.get("timestamp")),
            values=MappingProxyType(values),
        )


@dataclass(frozen=True)
class MetricSeries:
    name: str
    granularity: str
    data_points: tuple[MetricDataPoint, ...]
    raw: Raw = field(default_factory=lambda: _EMPTY, repr=False, compare=False)

    @classmethod
    def from_graph(cls, payload: Raw) -> MetricSeries:
        return cls(
            name=_str(payload, "name") or "",
            granularity=_str(payload, "granularity") or "",
            data_points=tuple(
                MetricDataPoint.from_graph(p) for p in _dicts(payload, "data_points")
            ),
            raw=_frozen(payload),
        )


@dataclass(frozen=True)
class BusinessKeyStatus:
    """A phone number's business public key (PEM, or None when none was uploaded) and
    Graph's ``business_public_key_signature_status`` (``VALID``, ``MISMATCH``, or None)."""

    public_key: str | None
    signature_status: str | None

    @classmethod
    def from_graph(cls, payload: Raw) -> BusinessKeyStatus:
        data = payload.get("data")
        node = data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else payload
        key = _text(node, "business_public_key")
        return cls(
            key if key and key.strip() else None,
            _text(node, "business_public_key_signature_status"),
        )
