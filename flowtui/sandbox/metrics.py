"""Flow endpoint metrics (reference, section 8.6), made up deterministically per Flow and day."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flowtui.sandbox.errors import enum_parameter, flows_error, invalid_parameter, missing_parameter
from flowtui.sandbox.graph_time import format_time
from flowtui.sandbox.model import Flow

METRIC_KEYS: dict[str, tuple[str, ...]] = {
    "ENDPOINT_REQUEST_COUNT": ("value",),
    "ENDPOINT_REQUEST_ERROR": (
        "timeout_error",
        "unexpected_http_status_code",
        "cannot_be_served",
        "no_http_response_error",
    ),
    "ENDPOINT_REQUEST_ERROR_RATE": ("value",),
    "ENDPOINT_REQUEST_LATENCY_SECONDS_CEIL": (*(str(n) for n in range(1, 11)), "10+"),
    "ENDPOINT_AVAILABILITY": ("succeeded", "failed"),
}
GRANULARITIES: tuple[str, ...] = ("DAY", "HOUR", "LIFETIME")
OLDEST_DAYS: dict[str, int] = {"DAY": 90, "HOUR": 30, "LIFETIME": 90}
METRICS_THRESHOLD = 250
DATA_POINT_HOUR = 8  # Meta's samples stamp daily points at 08:00 UTC (midnight Pacific)


def metric_node(flow: Flow, modifiers: dict[str, str], now: float, unix: bool) -> dict[str, Any]:
    name = modifiers.get("name")
    granularity = modifiers.get("granularity")
    if not name:
        raise missing_parameter("name")
    if not granularity:
        raise missing_parameter("granularity")
    name, granularity = name.upper(), granularity.upper()
    if name not in METRIC_KEYS:
        raise enum_parameter("name", tuple(METRIC_KEYS), name)
    if granularity not in GRANULARITIES:
        raise enum_parameter("granularity", GRANULARITIES, granularity)
    if flow.endpoint_request_count < METRICS_THRESHOLD:
        raise flows_error(
            139006,
            "Metrics threshold is not reached",
            "Metrics not available",
            f"Metrics need at least {METRICS_THRESHOLD} requests to the Flow's endpoint.",
        )
    today = datetime.fromtimestamp(now, tz=UTC).date()
    until = _day(modifiers, "until") or today
    oldest = today - timedelta(days=OLDEST_DAYS[granularity])
    since = max(_day(modifiers, "since") or oldest, oldest)
    if since > until:
        raise invalid_parameter("since must not be later than until.")
    points = [
        _data_point(flow, name, moment, unix, scale)
        for moment, scale in _moments(granularity, since, until)
    ]
    return {"granularity": granularity, "name": name, "data_points": points}


def _day(modifiers: dict[str, str], key: str) -> date | None:
    text = modifiers.get(key)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise invalid_parameter(f"{key} must be a date written YYYY-MM-DD.") from error


def _moments(granularity: str, since: date, until: date) -> list[tuple[datetime, float]]:
    start = datetime(since.year, since.month, since.day, DATA_POINT_HOUR, tzinfo=UTC)
    days = (until - since).days + 1
    if granularity == "LIFETIME":
        return [(start, float(days))]
    if granularity == "DAY":
        return [(start + timedelta(days=n), 1.0) for n in range(days)]
    return [(start + timedelta(hours=n), 1 / 24) for n in range(days * 24)]


def _data_point(
    flow: Flow, name: str, moment: datetime, unix: bool, scale: float
) -> dict[str, Any]:
    rng = random.Random(f"{flow.id}:{name}:{moment.isoformat()}")
    daily_requests = max(flow.endpoint_request_count / 90, 1.0)
    requests = max(int(daily_requests * scale * rng.uniform(0.6, 1.4)), 0)
    if name == "ENDPOINT_REQUEST_COUNT":
        data = [{"key": "value", "value": requests}]
    elif name == "ENDPOINT_REQUEST_ERROR_RATE":
        data = [{"key": "value", "value": round(rng.uniform(0.0, 0.15), 14)}]
    elif name == "ENDPOINT_REQUEST_ERROR":
        data = [
            {"key": key, "value": int(requests * rng.uniform(0.0, 0.04))}
            for key in METRIC_KEYS[name]
        ]
    elif name == "ENDPOINT_REQUEST_LATENCY_SECONDS_CEIL":
        remaining = requests
        data = []
        for key in METRIC_KEYS[name]:
            share = int(remaining * rng.uniform(0.3, 0.7)) if key != "10+" else remaining
            data.append({"key": key, "value": share})
            remaining -= share
    else:
        checks = int(288 * scale)
        failed = int(checks * rng.uniform(0.0, 0.03))
        data = [{"key": "succeeded", "value": checks - failed}, {"key": "failed", "value": failed}]
    return {"timestamp": format_time(moment.timestamp(), unix), "data": data}
