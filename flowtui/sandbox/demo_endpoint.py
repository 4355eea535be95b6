"""A demo Flow endpoint for the sandbox's flows: ``POST /endpoint/{flow-id}``.

It speaks the real protocol (Meta's encryption, with the flow's phone number's key; 421 when
it cannot decrypt) and answers from the flow's own Flow JSON, so any endpoint flow plays end
to end with no business server:

* ``ping``: ``{"data": {"status": "active"}}``; an error notification: acknowledged;
* ``INIT``: the entry screen with its ``__example__`` data;
* ``data_exchange`` whose payload holds some of the screen's inputs but not every required one
  (a choice that refreshes the screen, such as a cafe before its dates): the same screen again,
  with its example data; otherwise the screen is sent: a terminal screen (or one no route
  leaves) ends with ``SUCCESS``, the payload and the flow token; any other leads to the first
  screen its routes name;
* ``BACK``: the screen before, by the routing model.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from flowtui.endpoint import crypto
from flowtui.player.document import EXPRESSIONS_SINCE, FlowDocument, FlowDocumentError
from flowtui.player.inputs import is_empty
from flowtui.player.values import Scope
from flowtui.player.view import screen_view
from flowtui.sandbox.demo_ids import DEMO_ENDPOINT_PATH
from flowtui.sandbox.endpoint_keys import EndpointKeys
from flowtui.sandbox.store import SandboxStore

PATH = DEMO_ENDPOINT_PATH + "/{flow_id}"


def demo_endpoint_route(store: SandboxStore, keys: EndpointKeys) -> Route:
    async def answer(request: Request) -> Response:
        flow = store.flow(request.path_params["flow_id"])
        account = store.account(flow.waba_id) if flow is not None else None
        if flow is None or account is None or flow.flow_json is None:
            return PlainTextResponse("No such flow, or it has no Flow JSON.", status_code=404)
        try:
            body = json.loads(await request.body())
            decrypted, aes_key, iv = crypto.decrypt_request(
                body if isinstance(body, dict) else {}, keys.private_key(account.phone_number_id)
            )
        except (ValueError, crypto.RequestDecryptionError):
            return PlainTextResponse("Cannot decrypt the request.", status_code=421)
        try:
            document = FlowDocument.from_text(flow.flow_json)
        except FlowDocumentError:
            return PlainTextResponse("The flow's JSON cannot be played.", status_code=500)
        reply = demo_reply(document, decrypted)
        return PlainTextResponse(crypto.encrypt_reply(reply, aes_key, iv))

    return Route(PATH, answer, methods=["POST"])


def demo_reply(document: FlowDocument, request: Mapping[str, Any]) -> dict[str, Any]:
    action = request.get("action")
    data = request.get("data")
    data = data if isinstance(data, Mapping) else {}
    screen = request.get("screen")
    if action == "ping":
        return {"data": {"status": "active"}}
    if "error" in data:  # an error notification (reference B2)
        return {"data": {"acknowledged": True}}
    if action == "INIT" or not isinstance(screen, str) or screen not in document.screens:
        return _screen(document, document.first_screen)
    if action == "BACK":
        before = _before(document, screen)
        return _screen(document, before or screen)
    if not _sent(document, screen, data):
        return _screen(document, screen)
    routes = (document.routing_model or {}).get(screen, ())
    if routes and document.screens[screen].get("terminal") is not True:
        return _screen(document, routes[0])
    token = request.get("flow_token")
    params = {**data, "flow_token": token if isinstance(token, str) else ""}
    return {"screen": "SUCCESS", "data": {"extension_message_response": {"params": params}}}


def _screen(document: FlowDocument, screen: str) -> dict[str, Any]:
    return {"screen": screen, "data": document.example_data(screen)}


def _before(document: FlowDocument, screen: str) -> str | None:
    for source, targets in (document.routing_model or {}).items():
        if screen in targets:
            return source
    return None


def _sent(document: FlowDocument, screen: str, payload: Mapping[str, Any]) -> bool:
    """Whether the request sends the screen (not a choice that refreshes it): its payload holds
    none of the screen's inputs, or every required one."""
    scope = Scope(
        data=document.example_data(screen),
        form=dict(payload),
        screens={},
        expressions=document.at_least(EXPRESSIONS_SINCE),
    )
    shown = screen_view(document, screen, scope).inputs
    if not any(name in payload for name in shown):
        return True
    return all(
        not is_empty(payload.get(name))
        for name, component in shown.items()
        if component.flag("required", False)
    )
