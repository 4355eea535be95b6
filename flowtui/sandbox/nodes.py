"""Graph nodes as JSON: the Flow node, its assets, and the WhatsApp Business Account node.

Each field of a node has a resolver; a request for a field with no resolver is Graph's error 100.
Fields come back in the order asked for, ``id`` last when it was not asked for, and fields without
a value are left out, as Graph does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flowtui.sandbox.errors import unknown_field
from flowtui.sandbox.graph_fields import FieldRequest
from flowtui.sandbox.graph_time import format_time
from flowtui.sandbox.health import health_status
from flowtui.sandbox.metrics import metric_node
from flowtui.sandbox.model import Account, Flow
from flowtui.sandbox.store import SandboxStore

FLOW_NODE_TYPE = "WhatsAppFlow"
ASSET_NODE_TYPE = "WhatsAppFlowAsset"
WABA_NODE_TYPE = "WhatsAppBusinessAccount"
APPLICATION_NODE_TYPE = "Application"
PREVIEW_NODE_TYPE = "WhatsAppFlowPreview"
HEALTH_NODE_TYPE = "HealthStatus"

DEFAULT_FLOW_FIELDS: tuple[str, ...] = ("id", "name", "status", "categories", "validation_errors")
DEFAULT_ASSET_FIELDS: tuple[str, ...] = ("name", "asset_type", "download_url")
DEFAULT_WABA_FIELDS: tuple[str, ...] = ("id", "name", "timezone_id", "message_template_namespace")


@dataclass(frozen=True)
class RenderContext:
    """What rendering needs besides the object: where we are served, and how dates look."""

    store: SandboxStore
    base_url: str
    api_version: str
    unix_dates: bool
    now: float


FieldResolver = Callable[[Flow, FieldRequest, RenderContext], Any]


def default_requests(names: tuple[str, ...]) -> list[FieldRequest]:
    return [FieldRequest(name) for name in names]


def render_flow(flow: Flow, requests: list[FieldRequest], context: RenderContext) -> dict[str, Any]:
    node: dict[str, Any] = {}
    for request in requests:
        resolver = FLOW_FIELDS.get(request.name)
        if resolver is None:
            raise unknown_field(request.name, FLOW_NODE_TYPE)
        value = resolver(flow, request, context)
        if value is not None:
            node[request.name] = value
    node.setdefault("id", flow.id)
    return node


def select(
    values: dict[str, Any], subfields: tuple[FieldRequest, ...] | None, node_type: str
) -> dict[str, Any]:
    """Apply a ``{sub,fields}`` selection to an object-valued field."""
    if subfields is None:
        return values
    chosen: dict[str, Any] = {}
    for request in subfields:
        if request.name not in values:
            raise unknown_field(request.name, node_type)
        chosen[request.name] = values[request.name]
    return chosen


def preview_url(context: RenderContext, flow: Flow, token: str) -> str:
    return f"{context.base_url}/preview/flows/{flow.id}/?token={token}"


def download_url(context: RenderContext, flow: Flow) -> str:
    token = context.store.asset_token(flow)
    return f"{context.base_url}/cdn/flow-assets/{flow.id}/{token}/flow.json"


def _preview(flow: Flow, request: FieldRequest, context: RenderContext) -> dict[str, Any]:
    invalidate = request.modifiers.get("invalidate", "false").strip().lower() == "true"
    preview = context.store.preview(flow.id, invalidate=invalidate)
    values = {
        "preview_url": preview_url(context, flow, preview.token),
        "expires_at": format_time(preview.expires_at, context.unix_dates),
    }
    return select(values, request.subfields, PREVIEW_NODE_TYPE)


def _waba(flow: Flow, request: FieldRequest, context: RenderContext) -> dict[str, Any]:
    account = context.store.accounts[flow.waba_id]
    return select(account.to_node(), request.subfields, WABA_NODE_TYPE)


def _application(flow: Flow, request: FieldRequest, context: RenderContext) -> dict[str, Any]:
    node = context.store.application.to_node()
    if flow.application_id and flow.application_id != context.store.application.id:
        node["id"] = flow.application_id
    return select(node, request.subfields, APPLICATION_NODE_TYPE)


def _health(flow: Flow, request: FieldRequest, context: RenderContext) -> dict[str, Any]:
    status = health_status(context.store, flow, request.modifiers.get("phone_number") or None)
    return select(status, request.subfields, HEALTH_NODE_TYPE)


FLOW_FIELDS: dict[str, FieldResolver] = {
    "id": lambda flow, request, context: flow.id,
    "name": lambda flow, request, context: flow.name,
    "status": lambda flow, request, context: flow.status.value,
    "categories": lambda flow, request, context: list(flow.categories),
    "validation_errors": lambda flow, request, context: flow.validation_errors,
    "json_version": lambda flow, request, context: flow.json_version,
    "data_api_version": lambda flow, request, context: flow.data_api_version,
    # Deprecated from v19.0 in favour of endpoint_uri; still answered from the Flow JSON.
    "data_channel_uri": lambda flow, request, context: flow.data_channel_uri,
    "endpoint_uri": lambda flow, request, context: flow.endpoint_uri,
    "preview": _preview,
    "whatsapp_business_account": _waba,
    "application": _application,
    "health_status": _health,
    "updated_at": lambda flow, request, context: format_time(flow.updated_at, context.unix_dates),
    "metric": lambda flow, request, context: metric_node(
        flow, request.modifiers, context.now, context.unix_dates
    ),
}


def render_asset(
    flow: Flow, requests: list[FieldRequest], context: RenderContext
) -> dict[str, Any]:
    values = {
        "name": "flow.json",
        "asset_type": "FLOW_JSON",
        "download_url": download_url(context, flow),
    }
    node: dict[str, Any] = {}
    for request in requests:
        if request.name not in values:
            raise unknown_field(request.name, ASSET_NODE_TYPE)
        node[request.name] = values[request.name]
    return node


def render_account(account: Account, requests: list[FieldRequest]) -> dict[str, Any]:
    values = account.to_node()
    node: dict[str, Any] = {}
    for request in requests:
        if request.name not in values:
            raise unknown_field(request.name, WABA_NODE_TYPE)
        node[request.name] = values[request.name]
    node.setdefault("id", account.id)
    return node
