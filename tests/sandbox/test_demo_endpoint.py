"""The sandbox's phone-number key edge and its demo endpoint, driven over loopback with
flowtui's endpoint client (as the player and the endpoint doctor use it)."""

from __future__ import annotations

import httpx
import pytest

from flowtui.endpoint import crypto
from flowtui.endpoint.client import EndpointClient, EndpointError
from flowtui.sandbox.demo import PRIMARY_ACCOUNT, SECONDARY_ACCOUNT
from flowtui.sandbox.server import running_sandbox

TOKEN = "demo-endpoint-token"
SIGN_IN = "1000000000000103"


@pytest.fixture
def sandbox():
    with running_sandbox(token=TOKEN) as url:
        yield url


async def key_of(http: httpx.AsyncClient, sandbox: str, phone: str):
    response = await http.get(
        f"{sandbox}/v26.0/{phone}/whatsapp_business_encryption",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    return crypto.load_public_key(response.json()["data"][0]["business_public_key"])


async def test_each_phone_number_has_its_own_key_and_other_objects_have_no_such_edge(sandbox):
    async with httpx.AsyncClient() as http:
        first = await key_of(http, sandbox, PRIMARY_ACCOUNT.phone_number_id)
        again = await key_of(http, sandbox, PRIMARY_ACCOUNT.phone_number_id)
        other = await key_of(http, sandbox, SECONDARY_ACCOUNT.phone_number_id)
        assert first.public_numbers() == again.public_numbers() != other.public_numbers()
        auth = {"Authorization": f"Bearer {TOKEN}"}
        wrong = await http.get(
            f"{sandbox}/v26.0/{PRIMARY_ACCOUNT.id}/whatsapp_business_encryption", headers=auth
        )
        assert wrong.status_code == 400 and "Unknown path" in wrong.text
        node = await http.get(f"{sandbox}/v26.0/{PRIMARY_ACCOUNT.phone_number_id}", headers=auth)
        assert node.status_code == 400


async def test_ping_and_error_notifications_are_answered_encrypted(sandbox):
    async with httpx.AsyncClient() as http:
        key = await key_of(http, sandbox, PRIMARY_ACCOUNT.phone_number_id)

        async def source(again: bool):
            return key

        client = EndpointClient(f"{sandbox}/endpoint/{SIGN_IN}", source, http)
        assert await client.exchange({"version": "3.0", "action": "ping"}) == (
            200,
            {"data": {"status": "active"}},
        )
        notification = {
            "version": "3.0",
            "action": "data_exchange",
            "screen": "SIGN_IN",
            "data": {"error": "payload-schema-error", "error_message": "x"},
            "flow_token": "t",
        }
        assert (await client.exchange(notification))[1] == {"data": {"acknowledged": True}}
        assert client.last_latency_ms is not None and client.last_latency_ms > 0
        missing = EndpointClient(f"{sandbox}/endpoint/404404", source, http)
        with pytest.raises(EndpointError) as raised:
            await missing.exchange({"version": "3.0", "action": "ping"})
        assert raised.value.kind == "unexpected_http_status_code"
        assert raised.value.status == 404
