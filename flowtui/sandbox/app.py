"""The sandbox's HTTP surface: Graph paths under any ``/vNN.N/`` prefix, plus the asset CDN and
the preview pages (which, like Meta's, need no token).

Graph paths are dispatched from two tables: node methods (``GET|POST|DELETE /{id}``) and edges
(``METHOD /{id}/{edge}``). Every answer carries Graph's headers; every refusal is Graph's envelope
with a fresh ``fbtrace_id`` equal to the ``x-fb-trace-id`` header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from flowtui.endpoint.crypto import KeyFormatError
from flowtui.endpoint.keys import uploadable_public_key
from flowtui.sandbox import errors
from flowtui.sandbox.demo_endpoint import demo_endpoint_route
from flowtui.sandbox.demo_ids import OUTBOX_PATH
from flowtui.sandbox.endpoint_keys import SIGNED, EndpointKeys
from flowtui.sandbox.errors import GraphError
from flowtui.sandbox.fault_middleware import FaultMiddleware
from flowtui.sandbox.faults import FaultInjector, FaultPlan
from flowtui.sandbox.graph_fields import FieldRequest, parse_fields
from flowtui.sandbox.graph_time import VERSION_SEGMENT, served_version
from flowtui.sandbox.journal import JournalingApp, RequestJournal
from flowtui.sandbox.model import Account, Flow, FlowStatus
from flowtui.sandbox.nodes import (
    DEFAULT_ASSET_FIELDS,
    DEFAULT_FLOW_FIELDS,
    DEFAULT_WABA_FIELDS,
    RenderContext,
    default_requests,
    render_account,
    render_asset,
    render_flow,
)
from flowtui.sandbox.outbox import (
    OUTSIDE_WINDOW_PREFIX,
    SentFlow,
    new_message_id,
    outside_window,
    read_flow_message,
)
from flowtui.sandbox.paging import listed, page_of, paged_body
from flowtui.sandbox.params import Params, read_params
from flowtui.sandbox.preview_page import render_invalid_link_page, render_preview_page
from flowtui.sandbox.responses import (
    graph_error_response,
    graph_headers,
    graph_response,
    new_trace_id,
)
from flowtui.sandbox.store import SandboxStore
from flowtui.sandbox.usage import UsageMeter

DEFAULT_API_VERSION = "v26.0"


@dataclass(frozen=True)
class GraphCall:
    """One Graph request, resolved: who it is about and how to answer."""

    request: Request
    store: SandboxStore
    params: Params
    object_id: str
    account: Account | None
    flow: Flow | None
    context: RenderContext
    keys: EndpointKeys
    phone_number_id: str | None = None  # the object is a phone number

    @property
    def method(self) -> str:
        return self.request.method

    def field_requests(self, defaults: tuple[str, ...]) -> list[FieldRequest]:
        text = self.params.text("fields")
        return default_requests(defaults) if text is None else parse_fields(text)

    def require_flow(self) -> Flow:
        if self.flow is None:
            raise errors.unknown_object(self.object_id, self.method)
        return self.flow

    def require_account(self) -> Account:
        if self.account is None:
            raise errors.unknown_object(self.object_id, self.method)
        return self.account


Handler = Callable[[GraphCall], dict[str, Any]]

SUCCESS: dict[str, Any] = {"success": True}


# --- node handlers ------------------------------------------------------------------------------


def get_node(call: GraphCall) -> dict[str, Any]:
    if call.flow is not None:
        return render_flow(call.flow, call.field_requests(DEFAULT_FLOW_FIELDS), call.context)
    return render_account(call.require_account(), call.field_requests(DEFAULT_WABA_FIELDS))


def update_flow_metadata(call: GraphCall) -> dict[str, Any]:
    flow = call.require_flow()
    call.store.update_metadata(
        flow.id,
        name=call.params.text("name"),
        categories=call.params.text_list("categories"),
        endpoint_uri=call.params.text("endpoint_uri"),
        application_id=call.params.text("application_id"),
    )
    return SUCCESS


def delete_flow(call: GraphCall) -> dict[str, Any]:
    call.store.delete(call.require_flow().id)
    return SUCCESS


# --- edge handlers ------------------------------------------------------------------------------


def list_flows(call: GraphCall) -> dict[str, Any]:
    account = call.require_account()
    requests = call.field_requests(DEFAULT_FLOW_FIELDS)
    query = dict(call.request.query_params)
    with call.store.lock:
        page, limit = page_of(call.store.flow_order(account.id), query)
        flows = [call.store.flows[flow_id] for flow_id in page.ids]
    data = [render_flow(flow, requests, call.context) for flow in flows]
    return paged_body(data, page, limit, _edge_url(call, "flows"), query)


def create_flow(call: GraphCall) -> dict[str, Any]:
    account = call.require_account()
    name = call.params.text("name")
    if not name:
        raise errors.missing_parameter("name")
    categories = call.params.text_list("categories")
    if categories is None:
        raise errors.missing_parameter("categories")
    flow_json_text = call.params.text("flow_json")
    flow = call.store.create_flow(
        account.id,
        name=name,
        categories=categories,
        flow_json_text=flow_json_text,
        publish=call.params.flag("publish"),
        clone_flow_id=call.params.text("clone_flow_id"),
        clone_template=call.params.text("clone_template"),
        endpoint_uri=call.params.text("endpoint_uri"),
    )
    if flow_json_text is None:
        return {"id": flow.id}
    return {"id": flow.id, "success": True, "validation_errors": flow.validation_errors}


def migrate_flows(call: GraphCall) -> dict[str, Any]:
    destination = call.require_account()
    source_id = call.params.text("source_waba_id")
    if not source_id:
        raise errors.missing_parameter("source_waba_id")
    names = call.params.text_list("source_flow_names")
    return call.store.migrate(destination.id, source_id, names)


def list_assets(call: GraphCall) -> dict[str, Any]:
    flow = call.require_flow()
    requests = call.field_requests(DEFAULT_ASSET_FIELDS)
    ids = [f"{flow.id}.flow.json"] if flow.flow_json is not None else []
    query = dict(call.request.query_params)
    page, limit = page_of(listed(ids), query)
    data = [render_asset(flow, requests, call.context) for _ in page.ids]
    return paged_body(data, page, limit, _edge_url(call, "assets"), query)


def upload_flow_json(call: GraphCall) -> dict[str, Any]:
    flow = call.require_flow()
    content = call.params.upload("file")
    if content is None:
        raise errors.missing_parameter("file")
    asset_name = call.params.text("name")
    if asset_name is None:
        raise errors.missing_parameter("name")
    if asset_name != "flow.json":
        raise errors.invalid_parameter("The asset name must be flow.json.")
    asset_type = call.params.text("asset_type")
    if asset_type is None:
        raise errors.missing_parameter("asset_type")
    if asset_type != "FLOW_JSON":
        raise errors.enum_parameter("asset_type", ("FLOW_JSON",), asset_type)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise errors.invalid_parameter("The Flow JSON file must be UTF-8 text.") from error
    validation_errors = call.store.upload_flow_json(flow.id, text)
    return {"success": True, "validation_errors": validation_errors}


def encryption_key(call: GraphCall) -> dict[str, Any]:
    """``GET /{phone-number-id}/whatsapp_business_encryption`` (reference §8.7): the key
    uploaded for the number, else the demo endpoint's own."""
    assert call.phone_number_id is not None
    account = call.store.account_of_phone_number(call.phone_number_id)
    uploaded = account.business_public_key if account is not None else None
    if uploaded is not None:
        return {"data": [{"business_public_key": uploaded, **SIGNED}]}
    return {"data": [call.keys.public_key_node(call.phone_number_id)]}


def set_encryption_key(call: GraphCall) -> dict[str, Any]:
    """``POST /{phone-number-id}/whatsapp_business_encryption`` with ``business_public_key``
    (reference §8.7): a 2048-bit RSA public key in PEM, else Graph's code 100."""
    assert call.phone_number_id is not None
    text = call.params.text("business_public_key")
    if text is None or not text.strip():
        raise errors.missing_parameter("business_public_key")
    try:
        public_pem = uploadable_public_key(text)
    except KeyFormatError:
        raise errors.invalid_business_public_key() from None
    call.store.set_business_public_key(call.phone_number_id, public_pem)
    return SUCCESS


def send_message(call: GraphCall) -> dict[str, Any]:
    """``POST /{phone-number-id}/messages``: an interactive flow message (reference §C1), kept
    in the outbox; nothing reaches a phone."""
    assert call.phone_number_id is not None
    parts = read_flow_message(call.params.values)
    account = call.store.account_of_phone_number(call.phone_number_id)
    flow = call.store.flow(parts["flow_id"])
    if account is None or flow is None or flow.waba_id != account.id:
        raise errors.invalid_parameter(
            f"Flow {parts['flow_id']} does not exist in this phone number's account."
        )
    if parts["mode"] == "published" and flow.status is FlowStatus.DRAFT:
        raise errors.invalid_parameter(
            f"Flow {flow.id} has never been published: send it with mode draft."
        )
    digits = parts["to"].lstrip("+")
    if digits.startswith(OUTSIDE_WINDOW_PREFIX):
        raise outside_window()
    message = SentFlow(
        id=new_message_id(),
        phone_number_id=call.phone_number_id,
        to=digits,
        flow_id=flow.id,
        mode=parts["mode"],
        cta=parts["cta"],
        flow_token=parts["flow_token"],
        flow_action=parts["flow_action"],
        payload=parts["payload"],
        body=parts["body"],
        sent_at=call.store.clock(),
    )
    call.store.outbox.add(message)
    return {
        "messaging_product": "whatsapp",
        "contacts": [{"input": parts["to"], "wa_id": digits}],
        "messages": [{"id": message.id}],
    }


def publish_flow(call: GraphCall) -> dict[str, Any]:
    call.store.publish(call.require_flow().id)
    return SUCCESS


def deprecate_flow(call: GraphCall) -> dict[str, Any]:
    call.store.deprecate(call.require_flow().id)
    return SUCCESS


NODE_HANDLERS: dict[str, Handler] = {
    "GET": get_node,
    "POST": update_flow_metadata,
    "DELETE": delete_flow,
}
EDGE_HANDLERS: dict[tuple[str, str], Handler] = {
    ("GET", "flows"): list_flows,
    ("POST", "flows"): create_flow,
    ("POST", "migrate_flows"): migrate_flows,
    ("GET", "assets"): list_assets,
    ("POST", "assets"): upload_flow_json,
    ("POST", "publish"): publish_flow,
    ("POST", "deprecate"): deprecate_flow,
    ("GET", "whatsapp_business_encryption"): encryption_key,
    ("POST", "whatsapp_business_encryption"): set_encryption_key,
    ("POST", "messages"): send_message,
}
# Which kind of object each edge belongs to ("waba" or "flow").
EDGE_OWNERS: dict[str, str] = {
    "flows": "waba",
    "migrate_flows": "waba",
    "assets": "flow",
    "publish": "flow",
    "deprecate": "flow",
    "whatsapp_business_encryption": "phone",
    "messages": "phone",
}


def _edge_url(call: GraphCall, edge: str) -> str:
    return f"{call.context.base_url}/{call.context.api_version}/{call.object_id}/{edge}"


# --- the Graph endpoint ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GraphEndpoint:
    store: SandboxStore
    token: str | None
    usage: UsageMeter
    keys: EndpointKeys

    async def handle(self, request: Request) -> Response:
        trace_id = new_trace_id()
        segments = [s for s in request.url.path.split("/") if s]
        requested = DEFAULT_API_VERSION
        if segments and VERSION_SEGMENT.fullmatch(segments[0]):
            requested = segments.pop(0)
        version = served_version(requested, self.store.clock())
        usage_account = self._usage_account(segments)
        usage = self.usage.header(usage_account, self.store.clock()) if usage_account else None
        headers = graph_headers(trace_id, version, usage)
        try:
            body = await self._answer(request, segments, version)
        except GraphError as error:
            return graph_error_response(error, trace_id, headers)
        return graph_response(body, headers)

    def _usage_account(self, segments: list[str]) -> str | None:
        if not segments:
            return None
        if segments[0] in self.store.accounts:
            return segments[0]
        flow = self.store.flow(segments[0])
        return flow.waba_id if flow is not None else None

    async def _answer(self, request: Request, segments: list[str], version: str) -> dict[str, Any]:
        params = await read_params(request)
        self._authenticate(request, params)
        method = (params.text("method") or request.method).upper()
        if not segments or len(segments) > 2:
            raise errors.unknown_path("/" + "/".join(segments[1:]) if segments else "/")
        object_id = segments[0]
        flow = self.store.flow(object_id)
        account = self.store.account(object_id)
        phone = self.store.account_of_phone_number(object_id)
        if flow is None and account is None and phone is None:
            raise errors.unknown_object(object_id, method)
        kind = "flow" if flow is not None else "waba" if account is not None else "phone"
        if len(segments) == 2:
            edge = segments[1]
            owner = EDGE_OWNERS.get(edge)
            handler = EDGE_HANDLERS.get((method, edge))
            if owner != kind:
                raise errors.unknown_path(f"/{edge}")
            if handler is None:
                raise errors.unknown_object(object_id, method)
        else:
            handler = NODE_HANDLERS.get(method)
            if handler is None or kind == "phone" or (method != "GET" and flow is None):
                raise errors.unknown_object(object_id, method)
        context = RenderContext(
            store=self.store,
            base_url=f"{request.url.scheme}://{request.url.netloc}",
            api_version=version,
            unix_dates=params.text("date_format") == "U",
            now=self.store.clock(),
        )
        phone_number_id = object_id if kind == "phone" else None
        call = GraphCall(
            request,
            self.store,
            params,
            object_id,
            account,
            flow,
            context,
            self.keys,
            phone_number_id,
        )
        return handler(call)

    def _authenticate(self, request: Request, params: Params) -> None:
        token = _bearer_token(request.headers.get("authorization", ""))
        if token is None:
            token = params.text("access_token") or None
        if token is None:
            raise errors.missing_token()
        if self.token is not None and token != self.token:
            raise errors.invalid_token()


def _bearer_token(header: str) -> str | None:
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() in ("bearer", "oauth") and value.strip():
        return value.strip()
    return None


# --- token-free routes: the CDN and the preview pages --------------------------------------------


def cdn_route(store: SandboxStore) -> Route:
    def download(request: Request) -> Response:
        flow = store.flow(request.path_params["flow_id"])
        if (
            flow is None
            or flow.flow_json is None
            or request.path_params["token"] != store.asset_token(flow)
        ):
            return PlainTextResponse("URL signature mismatch", status_code=403)
        return Response(flow.flow_json.encode("utf-8"), media_type="application/json")

    return Route("/cdn/flow-assets/{flow_id}/{token}/flow.json", download, methods=["GET"])


def preview_route(store: SandboxStore) -> Route:
    def page(request: Request) -> Response:
        flow = store.flow_for_preview(
            request.path_params["flow_id"], request.query_params.get("token", "")
        )
        if flow is None:
            return HTMLResponse(render_invalid_link_page(), status_code=404)
        return HTMLResponse(render_preview_page(flow, store.outbox.of_flow(flow.id)))

    return Route("/preview/flows/{flow_id}/", page, methods=["GET"])


def outbox_route(store: SandboxStore) -> Route:
    """``GET /sandbox/outbox``: every flow message sent (a sandbox-only path, not Graph's)."""

    def listing(request: Request) -> Response:
        return JSONResponse({"data": [m.to_json() for m in store.outbox.all()]})

    return Route(OUTBOX_PATH, listing, methods=["GET"])


def create_app(
    store: SandboxStore,
    *,
    token: str | None = None,
    latency_ms: int = 0,
    fault_plan: FaultPlan | None = None,
    journal: RequestJournal | None = None,
) -> ASGIApp:
    """The sandbox as an ASGI application (wrapped in fault injection when asked); every
    request it is sent, faults included, is recorded in ``journal`` when one is given."""
    usage = UsageMeter()
    keys = EndpointKeys()
    graph = GraphEndpoint(store, token, usage, keys)
    app = Starlette(
        routes=[
            cdn_route(store),
            preview_route(store),
            outbox_route(store),
            demo_endpoint_route(store, keys),
            Route("/{path:path}", graph.handle, methods=["GET", "POST", "DELETE"]),
        ]
    )
    served: ASGIApp = app
    if latency_ms > 0 or (fault_plan is not None and fault_plan.rules):
        injector = FaultInjector(fault_plan or FaultPlan())
        served = FaultMiddleware(
            app, injector, store=store, usage=usage, base_latency_ms=latency_ms
        )
    return served if journal is None else JournalingApp(served, journal)
