"""Test sends: a flow message through the client to the sandbox, kept in its outbox, shown on
the flow's preview page; Graph's 24-hour-window refusal explained; bad input refused first."""

from __future__ import annotations

import re

import httpx
import pytest
import respx

from flowtui.api import FlowsClient, errors
from flowtui.api.flow_message import FlowMessage
from flowtui.sandbox.demo import PRIMARY_ACCOUNT
from flowtui.sandbox.demo_ids import OUTBOX_PATH
from flowtui.sandbox.server import running_sandbox

PHONE = PRIMARY_ACCOUNT.phone_number_id
DRAFT = "1000000000000110"  # Appointment dates
PUBLISHED = "1000000000000104"


def message(**changes) -> FlowMessage:
    fields = {
        "to": "+44 7700 900123",
        "flow_id": DRAFT,
        "cta": "Book now",
        "body": "Pick a day for your visit",
        "mode": "draft",
        "flow_token": "booking-42",
        "screen": "AVAILABILITY",
        "data": {"home_days": []},
    }
    return FlowMessage(**{**fields, **changes})


@pytest.fixture
def sandbox():
    with running_sandbox() as url:
        yield url


async def test_a_test_send_is_in_the_outbox_and_on_the_preview_page(sandbox) -> None:
    async with FlowsClient("t", waba_id=PRIMARY_ACCOUNT.id, base_url=sandbox) as client:
        message_id = await client.send_flow_message(PHONE, message())
        preview = await client.generate_preview(DRAFT)
    assert message_id.startswith("wamid.")
    outbox = httpx.get(f"{sandbox}{OUTBOX_PATH}").json()["data"]
    assert len(outbox) == 1
    sent = outbox[0]
    assert {k: sent[k] for k in ("id", "to", "flow_id", "mode", "flow_cta", "flow_token")} == {
        "id": message_id,
        "to": "447700900123",
        "flow_id": DRAFT,
        "mode": "draft",
        "flow_cta": "Book now",
        "flow_token": "booking-42",
    }
    assert sent["flow_action_payload"] == {"screen": "AVAILABILITY", "data": {"home_days": []}}
    page = httpx.get(preview.preview_url).text
    assert "Sent to test phones" in page and message_id in page


async def test_graph_refusals_are_explained(sandbox) -> None:
    async with FlowsClient("t", waba_id=PRIMARY_ACCOUNT.id, base_url=sandbox) as client:
        with pytest.raises(errors.MessagingWindowError) as outside:
            await client.send_flow_message(PHONE, message(to="+9991234567"))
        with pytest.raises(errors.InvalidParameterError, match="never been published"):
            await client.send_flow_message(PHONE, message(mode="published"))
        await client.send_flow_message(
            PHONE, message(flow_id=PUBLISHED, mode="published", screen=None, data={})
        )
    assert "131047" in str(outside.value)
    assert "send any message to the business number" in outside.value.remedy
    assert len(httpx.get(f"{sandbox}{OUTBOX_PATH}").json()["data"]) == 1


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"to": "07700 900123"}, "not a phone number in international form (E.164)"),
        ({"to": "+1 555"}, "8 to 15 digits"),
        ({"cta": "Book your appointment with us now"}, "33 characters; Meta advises 30 or less"),
        ({"cta": "Book 📅"}, "emoji"),
        ({"body": "  "}, "body is empty"),
        ({"flow_action": "data_exchange"}, "give no screen or data"),
        ({"mode": "live"}, "mode is draft or published"),
        ({"flow_token": " "}, "flow token is empty"),
    ],
)
async def test_bad_input_is_refused_before_anything_is_sent(changes, said) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as graph:
        route = graph.post(url__regex=r".*/messages")
        async with FlowsClient("t", waba_id=PRIMARY_ACCOUNT.id) as client:
            with pytest.raises(errors.InputError, match=re.escape(said)):
                await client.send_flow_message(PHONE, message(**changes))
        assert not route.called


def test_the_body_is_metas_interactive_flow_message() -> None:
    body = message(header="Visits", footer="Reply STOP to stop").checked().to_graph()
    assert body == {
        "recipient_type": "individual",
        "messaging_product": "whatsapp",
        "to": "447700900123",
        "type": "interactive",
        "interactive": {
            "type": "flow",
            "header": {"type": "text", "text": "Visits"},
            "body": {"text": "Pick a day for your visit"},
            "footer": {"text": "Reply STOP to stop"},
            "action": {
                "name": "flow",
                "parameters": {
                    "flow_message_version": "3",
                    "flow_token": "booking-42",
                    "flow_id": DRAFT,
                    "flow_cta": "Book now",
                    "mode": "draft",
                    "flow_action": "navigate",
                    "flow_action_payload": {"screen": "AVAILABILITY", "data": {"home_days": []}},
                },
            },
        },
    }
    exchange = message(flow_action="data_exchange", screen=None, data={}).checked().to_graph()
    assert "flow_action_payload" not in exchange["interactive"]["action"]["parameters"]
