"""Graph's error envelope becomes an exception a UI can act on, in one human sentence."""

from __future__ import annotations

import ssl

import httpx
import pytest

from flowtui.api import errors as e

from .conftest import graph_error


@pytest.mark.parametrize(
    ("status", "code", "subcode", "expected"),
    [
        (401, 190, 463, e.AuthError),
        (400, 102, None, e.AuthError),
        (403, 200, 1349174, e.PermissionDeniedError),
        (403, 10, None, e.PermissionDeniedError),
        (404, 803, None, e.NotFoundError),
        (400, 100, 33, e.NotFoundError),
        (429, 4, 2446079, e.RateLimitedError),
        (400, 80007, None, e.RateLimitedError),
        (400, 130429, None, e.RateLimitedError),
        (400, 613, None, e.RateLimitedError),
        (400, 100, None, e.InvalidParameterError),
        (400, 139000, 4233020, e.FlowBlockedByIntegrityError),
        (400, 139001, None, e.FlowUpdateError),
        (400, 139002, None, e.FlowPublishError),
        (400, 139003, None, e.FlowDeprecateError),
        (400, 139004, None, e.FlowDeleteError),
        (400, 139006, None, e.FlowMetricsThresholdError),
        (400, 12345, None, e.GraphError),
    ],
)
async def test_codes_map_to_exceptions(graph, client, status, code, subcode, expected):
    extra = {"error_subcode": subcode} if subcode else {}
    graph.post("/1/publish").respond(status, json=graph_error(code, "Something", **extra))
    with pytest.raises(e.GraphError) as caught:
        await client.publish_flow("1")
    assert type(caught.value) is expected
    assert caught.value.code == code
    assert caught.value.http_status == status
    assert caught.value.remedy


async def test_sentence_uses_metas_user_facing_title_and_message(graph, client):
    graph.post("/1/publish").respond(
        400,
        json=graph_error(
            139000,
            "Blocked by Integrity",
            error_subcode=4233020,
            is_transient=False,
            error_user_title="Flow publishing failed",
            error_user_msg="Integrity requirements not met.",
        ),
    )
    with pytest.raises(e.FlowBlockedByIntegrityError) as caught:
        await client.publish_flow("1")
    assert str(caught.value) == (
        "Blocked by integrity: Flow publishing failed: Integrity requirements not met "
        "(Graph error 139000/4233020, fbtrace_id AbCdEf123)."
    )
    detail = caught.value.detail
    assert (detail.type, detail.is_transient, detail.error_subcode) == (
        "OAuthException",
        False,
        4233020,
    )


async def test_a_title_the_message_repeats_is_said_once(graph, client):
    graph.post("/102290129340398/flows").respond(
        400,
        json=graph_error(
            100,
            "Invalid parameter",
            error_user_title="Flow name is not unique",
            error_user_msg="Flow name is not unique: another Flow in this account has this name.",
        ),
    )
    with pytest.raises(e.InvalidParameterError) as caught:
        await client.create_flow("Contact us", ["OTHER"])
    assert str(caught.value) == (
        "Flow name is not unique: another Flow in this account has this name "
        "(Graph error 100, fbtrace_id AbCdEf123)."
    )


async def test_a_message_of_dots_alone_is_still_said(graph, client):
    graph.get("/1").respond(400, json=graph_error(100, ".."))
    with pytest.raises(e.GraphError) as caught:
        await client.get_flow("1")
    assert str(caught.value).startswith("..")


async def test_sentence_falls_back_to_the_developer_message(graph, client):
    graph.post("/1/publish").respond(
        400, json=graph_error(139002, "Publishing Flow with validation errors")
    )
    with pytest.raises(e.FlowPublishError) as caught:
        await client.publish_flow("1")
    assert str(caught.value) == (
        "The flow can't be published: Publishing Flow with validation errors "
        "(Graph error 139002, fbtrace_id AbCdEf123)."
    )
    assert "fix the Flow JSON" in caught.value.remedy


async def test_expired_token(graph, client):
    graph.get("/1").respond(
        401,
        json=graph_error(
            190, "Error validating access token: Session has expired", error_subcode=463
        ),
    )
    with pytest.raises(e.AuthError) as caught:
        await client.get_flow("1")
    assert caught.value.expired
    assert "Log in again" in caught.value.remedy


async def test_rate_limit_says_when_to_retry(graph, client, fake_clock):
    graph.get("/1").respond(
        429,
        json=graph_error(4, "Application request limit reached", is_transient=True),
        headers={"Retry-After": "3600"},
    )
    with pytest.raises(e.RateLimitedError) as caught:
        await client.get_flow("1")
    assert caught.value.retry_after == 3600
    assert caught.value.remedy == "Wait about 60 min before trying again."
    assert fake_clock.sleeps == []  # an hour is beyond the retry budget: no waiting


async def test_an_error_without_a_graph_body(graph, client):
    graph.post("/1/publish").respond(404, text="<html>Not Found</html>")
    with pytest.raises(e.NotFoundError, match="HTTP 404 Not Found without a Graph error body"):
        await client.publish_flow("1")


@pytest.mark.parametrize(
    ("raised", "expected", "says"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), e.ConnectionFailedError, "reached"),
        (httpx.ConnectTimeout("timed out"), e.RequestTimeoutError, "connecting to the server"),
        (httpx.ReadTimeout("timed out"), e.RequestTimeoutError, "did not answer in time"),
        (
            httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
            e.TLSError,
            "TLS handshake",
        ),
    ],
)
async def test_transport_failures(graph, client, raised, expected, says):
    graph.get("/1").mock(side_effect=raised)
    with pytest.raises(expected, match=says) as caught:
        await client.get_flow("1")
    assert isinstance(caught.value, e.TransportError)
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_tls_error_found_in_the_cause_chain():
    from flowtui.api.transport import _transport_error

    error = httpx.ConnectError("handshake failed")
    error.__cause__ = ssl.SSLError("wrong version number")
    assert isinstance(_transport_error(error, "get_flow"), e.TLSError)
    assert type(_transport_error(httpx.ConnectError("x"), "get_flow")) is e.ConnectionFailedError
