"""Fault injection: the SPEC syntax, and what each fault looks like over real HTTP."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from flowtui.sandbox.faults import FaultKind, FaultSpecError, parse_fault_spec
from tests.sandbox.conftest import DRAFT_PUBLISHABLE, PUBLISHED, VERSION, WABA, start_sandbox

HEADERS = {"Authorization": "Bearer t"}


@contextmanager
def faulty(spec: str, **options: object) -> Iterator[str]:
    server, _ = start_sandbox(faults=parse_fault_spec(spec), **options)
    try:
        yield f"{server.base_url}/{VERSION}"
    finally:
        server.stop()


def test_spec_syntax() -> None:
    plan = parse_fault_spec(
        "seed=7; latency:ms=150,jitter=20; ratelimit:p=0.1,code=80007;"
        "error:path=*/publish,times=1,method=post; drop:after=3"
    )
    assert plan.seed == 7
    kinds = [rule.kind for rule in plan.rules]
    assert kinds == [FaultKind.LATENCY, FaultKind.RATE_LIMIT, FaultKind.ERROR, FaultKind.DROP]
    latency, ratelimit, error, drop = plan.rules
    assert (latency.option("ms"), latency.option("jitter")) == (150, 20)
    assert (ratelimit.probability, ratelimit.option("code")) == (0.1, 80007)
    assert (error.path, error.times, error.method, error.option("status")) == (
        "*/publish",
        1,
        "POST",
        500,
    )
    assert drop.after == 3


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("explode", "unknown fault kind 'explode'"),
        ("latency:ms", "expected KEY=VALUE"),
        ("latency:colour=red", "unknown option 'colour'"),
        ("error:p=2", "p must be between 0 and 1"),
        ("ratelimit:code=5", "code must be 4 or 80007"),
        ("seed=x", "seed must be a whole number"),
    ],
)
def test_bad_specs_say_what_is_wrong(spec: str, message: str) -> None:
    with pytest.raises(FaultSpecError, match=message):
        parse_fault_spec(spec)


def _statuses(graph: str, count: int) -> list[int]:
    with httpx.Client(headers=HEADERS) as client:
        return [client.get(f"{graph}/{PUBLISHED}").status_code for _ in range(count)]


def test_same_seed_same_faults() -> None:
    with faulty("seed=3;error:p=0.3") as graph:
        first = _statuses(graph, 40)
    with faulty("seed=3;error:p=0.3") as graph:
        second = _statuses(graph, 40)
    with faulty("seed=4;error:p=0.3") as graph:
        other_seed = _statuses(graph, 40)
    assert first == second
    assert set(first) == {200, 500}
    assert other_seed != first


def test_rate_limit_code_4() -> None:
    with faulty("ratelimit:retry_after=120") as graph:
        response = httpx.get(f"{graph}/{WABA}/flows", headers=HEADERS)
    assert response.status_code == 429
    assert response.headers["retry-after"] == "120"
    usage = json.loads(response.headers["x-business-use-case-usage"])
    assert usage[WABA][0]["estimated_time_to_regain_access"] == 2
    assert usage[WABA][0]["call_count"] == 100
    assert response.json()["error"] == {
        "message": "(#4) Application request limit reached",
        "type": "OAuthException",
        "code": 4,
        "error_subcode": 2446079,
        "is_transient": True,
        "fbtrace_id": response.headers["x-fb-trace-id"],
    }


def test_rate_limit_80007_for_one_flow_account() -> None:
    with faulty("ratelimit:code=80007") as graph:
        response = httpx.get(f"{graph}/{PUBLISHED}", headers=HEADERS)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == 80007
    assert WABA in json.loads(response.headers["x-business-use-case-usage"])


def test_server_error_on_one_path_once() -> None:
    with faulty("error:path=*/publish,times=1,status=503") as graph:
        first = httpx.post(f"{graph}/{DRAFT_PUBLISHABLE}/publish", headers=HEADERS)
        second = httpx.post(f"{graph}/{DRAFT_PUBLISHABLE}/publish", headers=HEADERS)
        untouched = httpx.get(f"{graph}/{PUBLISHED}", headers=HEADERS)
    assert first.status_code == 503
    error = first.json()["error"]
    assert (error["code"], error["is_transient"], error["type"]) == (
        2,
        True,
        "GraphMethodException",
    )
    assert second.json() == {"success": True}
    assert untouched.status_code == 200


def test_dropped_connection() -> None:
    with faulty("drop:after=1") as graph:
        assert httpx.get(f"{graph}/{PUBLISHED}", headers=HEADERS).status_code == 200
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.get(f"{graph}/{PUBLISHED}", headers=HEADERS)


def test_malformed_body() -> None:
    with faulty("malformed:method=GET") as graph:
        response = httpx.get(f"{graph}/{PUBLISHED}", headers=HEADERS)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=UTF-8"
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_latency_delays_the_answer() -> None:
    with faulty("latency:ms=200") as graph:
        started = time.perf_counter()
        response = httpx.get(f"{graph}/{PUBLISHED}", headers=HEADERS)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert elapsed >= 0.19  # a lower bound only: the injected sleep


def test_base_latency_option() -> None:
    server, _ = start_sandbox(latency_ms=150)
    try:
        started = time.perf_counter()
        httpx.get(f"{server.base_url}/{VERSION}/{PUBLISHED}", headers=HEADERS)
        assert time.perf_counter() - started >= 0.14
    finally:
        server.stop()
