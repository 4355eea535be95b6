from __future__ import annotations

import httpx
import pytest
import respx

from flowtui.accounts.profiles import Profile
from flowtui.accounts.verify import VerificationFailure, verify_token
from flowtui.api.secret import Token

from .conftest import FLOWS_URL, TOKEN, WABA, graph_error

WORK = Profile(name="work", waba_id=WABA)


@pytest.fixture
def graph():
    with respx.mock(assert_all_called=True, assert_all_mocked=True) as router:
        yield router


async def test_a_working_token(graph: respx.MockRouter) -> None:
    route = graph.get(FLOWS_URL).respond(200, json={"data": [], "paging": {}})
    result = await verify_token(WORK, Token(TOKEN))
    assert result.ok
    assert result.failure is None
    assert WABA in result.message
    request = route.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.url.params["limit"] == "1"


async def test_uses_the_profile_base_url_and_version(graph: respx.MockRouter) -> None:
    sandbox = Profile(name="s", waba_id="42", base_url="http://127.0.0.1:8765", api_version="v25.0")
    graph.get("http://127.0.0.1:8765/v25.0/42/flows").respond(200, json={"data": []})
    assert (await verify_token(sandbox, Token(TOKEN))).ok


@pytest.mark.parametrize(
    ("status", "body", "failure", "words"),
    [
        (
            401,
            graph_error(190, f"Invalid OAuth access token - Cannot parse access token {TOKEN}"),
            VerificationFailure.INVALID_TOKEN,
            "invalid, expired or revoked",
        ),
        (
            400,
            graph_error(190, "Error validating access token: Session has expired", subcode=463),
            VerificationFailure.INVALID_TOKEN,
            "it is expired",
        ),
        (
            400,
            graph_error(
                100,
                f"Unsupported get request. Object with ID '{WABA}' does not exist",
                subcode=33,
            ),
            VerificationFailure.NO_ACCESS,
            "no access to WhatsApp Business account",
        ),
        (
            403,
            graph_error(200, "Requires whatsapp_business_management permission"),
            VerificationFailure.NO_PERMISSION,
            "lacks a permission",
        ),
        (
            403,
            graph_error(10, "Application does not have permission for this action"),
            VerificationFailure.NO_PERMISSION,
            "lacks a permission",
        ),
    ],
)
async def test_graph_refusals_say_why(
    graph: respx.MockRouter,
    status: int,
    body: dict[str, object],
    failure: VerificationFailure,
    words: str,
) -> None:
    graph.get(FLOWS_URL).respond(status, json=body)
    result = await verify_token(WORK, Token(TOKEN), max_retries=0)
    assert not result.ok
    assert result.failure is failure
    assert words in result.message
    assert result.remedy
    assert TOKEN not in result.message + result.remedy


async def test_network_failure(graph: respx.MockRouter) -> None:
    graph.get(FLOWS_URL).mock(side_effect=httpx.ConnectError("connection refused"))
    result = await verify_token(WORK, Token(TOKEN), max_retries=0)
    assert result.failure is VerificationFailure.NETWORK
    assert "Could not reach graph.facebook.com" in result.message


async def test_rate_limited(graph: respx.MockRouter) -> None:
    graph.get(FLOWS_URL).respond(400, json=graph_error(4, "Application request limit reached"))
    result = await verify_token(WORK, Token(TOKEN), max_retries=0)
    assert result.failure is VerificationFailure.RATE_LIMITED


async def test_not_graph_at_all(graph: respx.MockRouter) -> None:
    graph.get(FLOWS_URL).respond(200, text="<html>captive portal</html>")
    result = await verify_token(WORK, Token(TOKEN), max_retries=0)
    assert not result.ok
    assert result.failure is VerificationFailure.OTHER
