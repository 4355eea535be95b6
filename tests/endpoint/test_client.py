"""The endpoint client's statuses, with respx standing in for the endpoint."""

from __future__ import annotations

import json

import httpx
import pytest
import respx
from cryptography.hazmat.primitives.asymmetric import rsa

from flowtui.endpoint import crypto
from flowtui.endpoint.client import EndpointClient, EndpointError

URL = "https://endpoint.example.org/flow"
PRIVATE = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def answer(request: httpx.Request) -> httpx.Response:
    decrypted, key, iv = crypto.decrypt_request(json.loads(request.content), PRIVATE)
    reply = {"data": {"status": "active", "echo": decrypted["action"]}}
    return httpx.Response(200, text=crypto.encrypt_reply(reply, key, iv))


async def client_with(http: httpx.AsyncClient, reads: list[bool]) -> EndpointClient:
    async def key(again: bool):
        reads.append(again)
        return PRIVATE.public_key()

    return EndpointClient(URL, key, http, timeout=0.5)


@respx.mock(assert_all_mocked=True)
async def test_421_reads_the_key_again_and_sends_once_more(respx_mock) -> None:
    route = respx_mock.post(URL).mock(side_effect=[httpx.Response(421), answer])
    reads: list[bool] = []
    async with httpx.AsyncClient() as http:
        client = await client_with(http, reads)
        status, reply = await client.exchange({"version": "3.0", "action": "ping"})
    assert (status, reply) == (200, {"data": {"status": "active", "echo": "ping"}})
    assert route.call_count == 2 and reads == [False, True]


@pytest.mark.parametrize(
    ("response", "kind", "words"),
    [
        (httpx.Response(421), "business-decryption-error", "could not decrypt the request"),
        (
            httpx.Response(427, json={"error_msg": "Already booked"}),
            "flow-token-expired",
            "(it says: Already booked)",
        ),
        (httpx.Response(432), "signature-failure", "X-Hub-Signature-256"),
        (httpx.Response(500), "unexpected_http_status_code", "answered HTTP 500"),
        (
            httpx.Response(200, text='{"data": {}}'),
            "response-decryption-error",
            "answered in plain JSON",
        ),
    ],
)
@respx.mock(assert_all_mocked=True)
async def test_each_failure_is_named_with_its_fix(respx_mock, response, kind, words) -> None:
    respx_mock.post(URL).mock(return_value=response)
    async with httpx.AsyncClient() as http:
        client = await client_with(http, [])
        with pytest.raises(EndpointError) as raised:
            await client.exchange({"version": "3.0", "action": "ping"})
    assert raised.value.kind == kind and words in str(raised.value)


@respx.mock(assert_all_mocked=True)
async def test_no_answer_in_time_is_a_timeout(respx_mock) -> None:
    respx_mock.post(URL).mock(side_effect=httpx.ReadTimeout("slow"))
    async with httpx.AsyncClient() as http:
        client = await client_with(http, [])
        with pytest.raises(EndpointError, match="timeout_error: the endpoint did not answer"):
            await client.exchange({"version": "3.0", "action": "ping"})


async def test_plain_http_to_another_machine_is_refused_before_any_request() -> None:
    async with httpx.AsyncClient() as http:
        client = EndpointClient("http://endpoint.example.org/x", lambda again: None, http)  # type: ignore[arg-type]
        with pytest.raises(EndpointError, match="WhatsApp only calls https endpoints"):
            await client.exchange({"action": "ping"})


@respx.mock(assert_all_mocked=True)
async def test_requests_are_signed_with_the_app_secret_over_the_exact_body(respx_mock) -> None:
    import hashlib
    import hmac

    route = respx_mock.post(URL).mock(side_effect=answer)
    async with httpx.AsyncClient() as http:
        signed = EndpointClient(URL, lambda _: _key(), http, app_secret=b"s3cret")
        await signed.exchange({"version": "3.0", "action": "ping"})
        unsigned = EndpointClient(URL, lambda _: _key(), http)
        await unsigned.exchange({"version": "3.0", "action": "ping"})
    first, second = (call.request for call in route.calls)
    wanted = "sha256=" + hmac.new(b"s3cret", first.content, hashlib.sha256).hexdigest()
    assert first.headers["x-hub-signature-256"] == wanted
    assert "x-hub-signature-256" not in second.headers
    assert "s3cret" not in repr(signed)


async def _key():
    return PRIVATE.public_key()
