"""Graph error codes -> exception classes, as data, and the envelope parser."""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from flowtui.api import errors as e

FLOW_ERRORS: Mapping[int, type[e.FlowError]] = {
    139000: e.FlowBlockedByIntegrityError,
    139001: e.FlowUpdateError,
    139002: e.FlowPublishError,
    139003: e.FlowDeprecateError,
    139004: e.FlowDeleteError,
    139006: e.FlowMetricsThresholdError,
}

# Messages: 131047 is "Re-engagement message", sent outside the 24-hour window.
MESSAGE_ERRORS: Mapping[int, type[e.GraphError]] = {131047: e.MessagingWindowError}

# 4 app, 17 user, 32 page, 613 hourly; 80001-80009 business use case (BUC) throttles (80007 is
# the WABA limit, 80008 reported for WhatsApp Business Management); 130429 message throughput;
# 131056 pair rate.
RATE_LIMIT_CODES: frozenset[int] = frozenset(
    {4, 17, 32, 613, *range(80001, 80010), 80014, 130429, 131056}
)
AUTH_CODES: frozenset[int] = frozenset({0, 102, 190})
PERMISSION_CODES: frozenset[int] = frozenset({3, 10, *range(200, 300)})
NOT_FOUND_CODES: frozenset[int] = frozenset({803})
SERVICE_CODES: frozenset[int] = frozenset({1, 2})
# Code 100 with subcode 33 is Graph's "object does not exist / cannot be loaded".
NOT_FOUND_SUBCODES: frozenset[int] = frozenset({33})

HTTP_FALLBACK: Mapping[int, type[e.GraphError]] = {
    401: e.AuthError,
    403: e.PermissionDeniedError,
    404: e.NotFoundError,
    429: e.RateLimitedError,
}


def error_class(detail: e.GraphErrorDetail) -> type[e.GraphError]:
    """The most specific exception class for an envelope."""
    code, status = detail.code, detail.http_status
    if code is not None and code in FLOW_ERRORS:
        return FLOW_ERRORS[code]
    if code is not None and code in MESSAGE_ERRORS:
        return MESSAGE_ERRORS[code]
    if code in RATE_LIMIT_CODES:
        return e.RateLimitedError
    if code in AUTH_CODES:
        return e.AuthError
    if code in PERMISSION_CODES:
        return e.PermissionDeniedError
    if code in NOT_FOUND_CODES or detail.error_subcode in NOT_FOUND_SUBCODES:
        return e.NotFoundError
    if code == 100 and "does not exist" in detail.message.lower():
        return e.NotFoundError
    if code in SERVICE_CODES or (status is not None and status >= 500):
        return e.ServiceUnavailableError
    if status is not None and status in HTTP_FALLBACK:
        return HTTP_FALLBACK[status]
    if code == 100:
        return e.InvalidParameterError
    return e.GraphError


def parse_error_detail(status: int, body: str) -> e.GraphErrorDetail | None:
    """The envelope in ``body``, or None when the body is not Graph's error JSON."""
    try:
        payload = json.loads(body)
    except ValueError:
        return None
    envelope = payload.get("error") if isinstance(payload, dict) else None
    if not isinstance(envelope, dict):
        return None
    return e.GraphErrorDetail(
        message=_text(envelope.get("message")) or "",
        type=_text(envelope.get("type")),
        code=_int(envelope.get("code")),
        error_subcode=_int(envelope.get("error_subcode")),
        error_user_title=_text(envelope.get("error_user_title")),
        error_user_msg=_text(envelope.get("error_user_msg")),
        is_transient=envelope.get("is_transient")
        if isinstance(envelope.get("is_transient"), bool)
        else None,
        fbtrace_id=_text(envelope.get("fbtrace_id")),
        http_status=status,
        raw=MappingProxyType(envelope),
    )


def build_error(detail: e.GraphErrorDetail, *, retry_after: float | None = None) -> e.GraphError:
    cls = error_class(detail)
    if issubclass(cls, e.RateLimitedError):
        return cls(detail, retry_after=retry_after)
    return cls(detail)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None
