"""Retries with backoff where they are safe, never where the call may have taken effect."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from flowtui.api import FlowsClient, RetryPolicy
from flowtui.api import errors as e

from .conftest import TOKEN, WABA, graph_error

SERVER_DOWN = httpx.Response(
    500, json=graph_error(2, "Service temporarily unavailable", is_transient=True)
)
RATE_LIMITED = httpx.Response(429, json=graph_error(4, "Application request limit reached"))
OK = httpx.Response(200, json={"id": "1"})


async def test_reads_are_retried_on_5xx_with_growing_backoff(graph, client, fake_clock):
    route = graph.get("/1").mock(side_effect=[SERVER_DOWN, SERVER_DOWN, SERVER_DOWN, OK])
    flow = await client.get_flow("1")
    assert flow.id == "1" and route.call_count == 4
    # base 0.5 s doubling, jitter fixed at the middle: 3/4 of each step.
    assert fake_clock.sleeps == [0.375, 0.75, 1.5]


async def test_attempts_are_bounded(graph, client, fake_clock):
    route = graph.get("/1").mock(return_value=SERVER_DOWN)
    with pytest.raises(e.ServiceUnavailableError):
        await client.get_flow("1")
    assert route.call_count == 4  # the first try and max_retries=3
    assert len(fake_clock.sleeps) == 3


async def test_total_waiting_is_bounded(graph, fake_clock):
    policy = RetryPolicy(
        max_retries=10,
        base_delay=10,
        max_total_delay=25,
        sleep=fake_clock.sleep,
        clock=fake_clock.clock,
        random=lambda: 1.0,
    )
    route = graph.get("/1").mock(return_value=SERVER_DOWN)
    async with FlowsClient(TOKEN, retry_policy=policy) as flows:
        with pytest.raises(e.ServiceUnavailableError):
            await flows.get_flow("1")
    assert fake_clock.sleeps == [10]  # the next 20 s wait would pass the 25 s budget
    assert route.call_count == 2


async def test_max_retries_zero_means_one_try(graph, fake_clock):
    route = graph.get("/1").mock(return_value=SERVER_DOWN)
    policy = RetryPolicy(sleep=fake_clock.sleep, clock=fake_clock.clock)
    async with FlowsClient(TOKEN, max_retries=0, retry_policy=policy) as flows:
        with pytest.raises(e.ServiceUnavailableError):
            await flows.get_flow("1")
    assert route.call_count == 1


@pytest.mark.parametrize(
    ("operation", "route_args"),
    [
        (lambda c: c.publish_flow("1"), ("POST", "/1/publish")),
        (lambda c: c.deprecate_flow("1"), ("POST", "/1/deprecate")),
        (lambda c: c.delete_flow("1"), ("DELETE", "/1")),
        (lambda c: c.create_flow("New", ["OTHER"]), ("POST", f"/{WABA}/flows")),
        (lambda c: c.migrate_flows("2", "3"), ("POST", "/2/migrate_flows")),
    ],
)
async def test_calls_that_may_have_taken_effect_are_never_repeated(
    graph, client, fake_clock, operation, route_args
):
    method, path = route_args
    route = graph.route(method=method, path__regex=f".*{path}$").mock(return_value=SERVER_DOWN)
    with pytest.raises(e.OutcomeUnknownError) as caught:
        await operation(client)
    assert route.call_count == 1 and fake_clock.sleeps == []
    assert "may or may not have taken effect" in str(caught.value)
    assert "Graph error 2" in str(caught.value)
    assert caught.value.remedy  # how to check what happened
    assert isinstance(caught.value.__cause__, e.ServiceUnavailableError)


async def test_a_read_timeout_on_publish_is_an_unknown_outcome(graph, client):
    route = graph.post("/1/publish").mock(side_effect=httpx.ReadTimeout("timed out"))
    with pytest.raises(e.OutcomeUnknownError, match="did not answer in time") as caught:
        await client.publish_flow("1")
    assert route.call_count == 1
    assert "status" in caught.value.remedy


async def test_a_dropped_connection_on_migrate_is_an_unknown_outcome(graph, client):
    route = graph.post("/2/migrate_flows").mock(side_effect=httpx.RemoteProtocolError("eof"))
    lost = r"\(the connection was lost before the answer arrived\)"
    with pytest.raises(e.OutcomeUnknownError, match=lost) as caught:
        await client.migrate_flows("2", "3")
    assert route.call_count == 1
    assert "not idempotent" in caught.value.remedy


async def test_a_garbled_answer_to_create_is_an_unknown_outcome(graph, client):
    graph.post(f"/{WABA}/flows").respond(200, text="<html>oops")
    with pytest.raises(e.OutcomeUnknownError, match="not Graph's JSON"):
        await client.create_flow("x", ["OTHER"])


async def test_a_garbled_answer_to_a_read_is_retried(graph, client):
    route = graph.get("/1").mock(side_effect=[httpx.Response(200, text="garbage"), OK])
    assert (await client.get_flow("1")).id == "1"
    assert route.call_count == 2


async def test_a_refused_connection_is_retried_even_for_create(graph, client, fake_clock):
    route = graph.post(f"/{WABA}/flows").mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json={"id": "9"})]
    )
    created = await client.create_flow("x", ["OTHER"])
    assert created.id == "9" and route.call_count == 2 and len(fake_clock.sleeps) == 1


async def test_rate_limited_publish_is_retried_after_retry_after(graph, client, fake_clock):
    route = graph.post("/1/publish").mock(
        side_effect=[
            httpx.Response(
                429,
                json=graph_error(4, "Application request limit reached"),
                headers={"Retry-After": "7"},
            ),
            httpx.Response(200, json={"success": True}),
        ]
    )
    await client.publish_flow("1")
    assert route.call_count == 2 and fake_clock.sleeps == [7.0]


async def test_rate_limit_wait_comes_from_the_usage_header(graph, client, fake_clock):
    usage = {
        WABA: [
            {
                "type": "whatsapp_business_management",
                "call_count": 100,
                "total_cputime": 10,
                "total_time": 10,
                "estimated_time_to_regain_access": 0.5,
            }
        ]
    }
    route = graph.get("/1").mock(
        side_effect=[
            httpx.Response(
                400,
                json=graph_error(80007, "Rate limit hit"),
                headers={"X-Business-Use-Case-Usage": json.dumps(usage)},
            ),
            OK,
        ]
    )
    await client.get_flow("1")
    assert fake_clock.sleeps == [30.0] and route.call_count == 2
    assert client.usage.percent == 100


async def test_rate_limit_without_a_hint_backs_off(graph, client, fake_clock):
    route = graph.get("/1").mock(side_effect=[RATE_LIMITED, OK])
    await client.get_flow("1")
    assert fake_clock.sleeps == [0.375] and route.call_count == 2


async def test_client_errors_are_not_retried(graph, client, fake_clock):
    route = graph.get("/1").respond(400, json=graph_error(100, "Invalid parameter"))
    with pytest.raises(e.InvalidParameterError):
        await client.get_flow("1")
    assert route.call_count == 1 and fake_clock.sleeps == []


async def test_a_cancelled_request_leaves_the_client_usable(graph, client):
    started = asyncio.Event()

    async def hang(request: httpx.Request) -> httpx.Response:
        started.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    graph.get("/slow").mock(side_effect=hang)
    graph.get("/1").mock(return_value=OK)
    task = asyncio.create_task(client.get_flow("slow"))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert (await client.get_flow("1")).id == "1"
    pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert pending == []


async def test_a_timeout_applies_to_every_request():
    async def never(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(10)
        raise AssertionError("unreachable")

    transport = httpx.MockTransport(never)
    policy = RetryPolicy(max_retries=0)
    async with FlowsClient(TOKEN, timeout=0.05, retry_policy=policy, http_transport=transport) as c:
        timeout = c._transport._http.timeout
        assert (timeout.connect, timeout.read, timeout.write, timeout.pool) == (0.05,) * 4
