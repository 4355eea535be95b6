"""How the player treats an endpoint's replies, with a scripted endpoint in place of the
encrypted one (the encryption itself is tested in tests/endpoint): the client's checks,
BACK on refresh_on_back, and a refused flow token disabling the Footer."""

from __future__ import annotations

import pytest

from flowtui.endpoint.client import EndpointError
from flowtui.player.document import FlowDocument
from flowtui.player.engine import Player, PlayError

FOOTER_EXCHANGE = {
    "type": "Footer",
    "label": "Go",
    "on-click-action": {"name": "data_exchange", "payload": {"q": "${form.q}"}},
}
FLOW = FlowDocument.from_json(
    {
        "version": "7.1",
        "data_api_version": "3.0",
        "routing_model": {"ASK": ["ANSWER"], "ANSWER": []},
        "screens": [
            {
                "id": "ASK",
                "layout": {
                    "type": "SingleColumnLayout",
                    "children": [
                        {"type": "TextInput", "name": "q", "label": "Question"},
                        FOOTER_EXCHANGE,
                    ],
                },
            },
            {
                "id": "ANSWER",
                "terminal": True,
                "refresh_on_back": True,
                "data": {"answer": {"type": "string", "__example__": "42"}},
                "layout": {
                    "type": "SingleColumnLayout",
                    "children": [{"type": "TextBody", "text": "${data.answer}"}, FOOTER_EXCHANGE],
                },
            },
        ],
    }
)


class Scripted:
    """Answers each request with the next reply (or raises the next error)."""

    def __init__(self, *replies) -> None:
        self.replies = list(replies)
        self.requests: list[dict] = []

    async def exchange(self, request):
        self.requests.append(dict(request))
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return 200, reply


async def started(*replies) -> tuple[Player, Scripted]:
    endpoint = Scripted(*replies)
    player = Player(FLOW, endpoint=endpoint, flow_token="tok")
    await player.start("ASK")
    player.fill("q", "why")
    return player, endpoint


async def test_a_reply_leads_on_and_back_asks_the_endpoint_with_back() -> None:
    player, endpoint = await started(
        {"screen": "ANSWER", "data": {"answer": "because"}},
        {"screen": "ASK", "data": {}},  # the BACK request's reply
    )
    await player.click_footer()
    assert endpoint.requests[0] == {
        "version": "3.0",
        "action": "data_exchange",
        "screen": "ASK",
        "data": {"q": "why"},
        "flow_token": "tok",
    }
    assert player.current.id == "ANSWER" and player.view().components[0].text("text") == "because"
    await player.back()
    assert endpoint.requests[1] == {
        "version": "3.0",
        "action": "BACK",
        "screen": "ANSWER",
        "flow_token": "tok",
    }
    assert player.current.id == "ASK" and player.current.form == {"q": "why"}


async def test_an_error_message_in_the_reply_is_the_snackbar() -> None:
    player, _ = await started({"screen": "ASK", "data": {"error_message": "Try again later"}})
    await player.click_footer()
    assert player.current.id == "ASK" and player.notice == "Try again later"
    assert "error_message" not in player.current.data


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        ({"screen": "NOWHERE", "data": {}}, "payload-schema-error: the endpoint answered screen"),
        (
            {"screen": "ANSWER", "data": {"answer": 42}},
            "payload-schema-error: screen ANSWER's data field 'answer' should be a string, not int",
        ),
        ({"screen": "SUCCESS", "data": {}}, "no data.extension_message_response.params.flow_token"),
    ],
)
async def test_replies_the_client_would_refuse_are_named(reply, message) -> None:
    player, _ = await started(reply)
    with pytest.raises(PlayError, match=message):
        await player.click_footer()
    assert player.current.id == "ASK"  # nothing moved


async def test_a_route_the_routing_model_does_not_have_is_refused() -> None:
    endpoint = Scripted({"screen": "ASK", "data": {}})
    player = Player(FLOW, endpoint=endpoint)
    await player.start("ANSWER")
    with pytest.raises(PlayError, match="invalid-screen-transition: the routing model does not"):
        await player.click_footer()


async def test_success_ends_the_flow_with_the_endpoints_params() -> None:
    player, _ = await started(
        {
            "screen": "SUCCESS",
            "data": {
                "extension_message_response": {"params": {"flow_token": "tok", "booking": "B-7"}}
            },
        }
    )
    await player.click_footer()
    assert player.completion.payload == {"flow_token": "tok", "booking": "B-7"}
    assert [e.type for e in player.log] == ["init", "data_exchange", "complete"]


async def test_a_refused_flow_token_disables_the_footer_with_the_endpoints_words() -> None:
    refused = EndpointError(
        "flow-token-expired", "flow-token-expired: … (it says: The order was placed)", status=427
    )
    player, endpoint = await started(refused)
    with pytest.raises(PlayError, match="The order was placed"):
        await player.click_footer()
    state = player.footer_state()
    assert not state.enabled and "The order was placed" in state.reason
    with pytest.raises(PlayError, match="The order was placed"):  # and no request goes out
        await player.click_footer()
    assert len(endpoint.requests) == 1
    assert player.log[-1].status == 427
