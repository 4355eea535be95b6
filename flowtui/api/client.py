"""``FlowsClient``: every Flows operation of the Graph API, typed and checked.

Each method checks its input first (raising an :class:`~flowtui.api.errors.InputError` before
any request), then sends one Graph call through :class:`GraphTransport`, which retries what is
safe to retry, and returns an immutable model.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterable, Sequence
from datetime import date
from functools import partial
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

from flowtui.api import errors as e
from flowtui.api import fields as f
from flowtui.api import inputs
from flowtui.api.flow_message import FlowMessage
from flowtui.api.models import (
    Asset,
    BusinessKeyStatus,
    CreatedFlow,
    Flow,
    FlowJsonUpload,
    FlowPage,
    HealthStatus,
    MetricSeries,
    MigrationResult,
    Preview,
)
from flowtui.api.retry import RetryMode, RetryPolicy
from flowtui.api.secret import Token
from flowtui.api.transport import GraphTransport
from flowtui.api.usage import RateLimitUsage

DEFAULT_BASE_URL = "https://graph.facebook.com"
DEFAULT_API_VERSION = "v26.0"

_CHECK_FLOW = "Reload the flow to see its status before trying again."
log = logging.getLogger("flowtui.graph")
Model = TypeVar("Model")


def _forget(task: asyncio.Task[Any]) -> None:
    if not task.cancelled():
        task.exception()


def _read(parse: Callable[[dict[str, Any]], Model], payload: dict[str, Any], doing: str) -> Model:
    """``parse(payload)``; a model that fails on what Graph sent is a :class:`FlowsError`.

    The models are tolerant by design (and property-tested), so this is the net under them: no
    exception other than a ``FlowsError`` leaves a client method.
    """
    try:
        return parse(payload)
    except Exception as error:
        log.warning("the answer to %s could not be read (%s)", doing, type(error).__name__)
        raise e.MalformedResponseError(
            f"Graph answered the request to {doing}, but flowtui could not read the answer."
        ) from None


class FlowsClient:
    """An async client for WhatsApp Flows; use it as ``async with FlowsClient(token) as c``."""

    def __init__(
        self,
        token: str | Token,
        *,
        waba_id: str | None = None,
        base_url: str = DEFAULT_BASE_URL,
        api_version: str = DEFAULT_API_VERSION,
        timeout: float = 30.0,
        max_retries: int | None = None,
        retry_policy: RetryPolicy | None = None,
        http_transport: httpx.AsyncBaseTransport | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        """``allow_insecure_http`` lets a plain ``http://`` base URL name another machine (the
        token then travels in clear text); loopback addresses never need it."""
        self._token = Token(token)
        self.waba_id = inputs.check_id(waba_id, "WhatsApp Business account id") if waba_id else None
        self.base_url = base_url
        self.api_version = api_version
        policy = retry_policy or RetryPolicy()
        if max_retries is not None:
            policy = dataclasses.replace(policy, max_retries=max_retries)
        self._transport = GraphTransport(
            self._token,
            base_url=base_url,
            api_version=api_version,
            timeout=timeout,
            retry=policy,
            http_transport=http_transport,
            allow_insecure_http=allow_insecure_http,
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._transport.aclose()

    def __repr__(self) -> str:
        return (
            f"FlowsClient(token={self._token!r}, waba_id={self.waba_id!r}, "
            f"base_url={self.base_url!r}, api_version={self.api_version!r})"
        )

    def redact(self, text: str) -> str:
        """``text`` with this client's token replaced by ``***`` (for crash reports)."""
        return self._token.redact(text)

    @property
    def usage(self) -> RateLimitUsage | None:
        """The rate-limit usage Graph reported with the latest answer that carried it."""
        return self._transport.usage

    def remember_usage(self, usage: RateLimitUsage | None) -> None:
        """Take the usage another client of the same account was told (at start-up, the first
        page is asked for by a client of its own)."""
        if usage is not None:
            self._transport.usage = usage

    # --- create and update ---------------------------------------------------------------------

    async def create_flow(
        self,
        name: str,
        categories: Iterable[str],
        *,
        flow_json: inputs.FlowJsonSource | None = None,
        publish: bool = False,
        clone_flow_id: str | None = None,
        endpoint_uri: str | None = None,
        waba_id: str | None = None,
    ) -> CreatedFlow:
        """Create a DRAFT flow (or a clone, or publish it at once with ``flow_json``)."""
        body: dict[str, Any] = {
            "name": inputs.check_name(name),
            "categories": inputs.check_categories(categories),
        }
        if publish and flow_json is None:
            raise e.PublishWithoutFlowJsonError(
                "publish=True needs a flow_json: a flow can only be published with a valid Flow "
                "JSON; pass flow_json, or create it first and publish after uploading."
            )
        if flow_json is not None and clone_flow_id is not None:
            raise e.InvalidOptionError(
                "Pass either flow_json or clone_flow_id, not both: a clone copies the source "
                "flow's Flow JSON."
            )
        account = self._waba(waba_id)
        if flow_json is not None:
            body["flow_json"] = inputs.load_flow_json(flow_json).decode()
        if publish:
            body["publish"] = True
        if clone_flow_id is not None:
            body["clone_flow_id"] = inputs.check_id(clone_flow_id, "flow id to clone")
        if endpoint_uri is not None:
            body["endpoint_uri"] = inputs.check_url(endpoint_uri, "endpoint URI")
        payload = await self._transport.request(
            "POST",
            f"{account}/flows",
            operation="create the flow",
            mode=RetryMode.ONCE,
            how_to_check=(
                f"List the account's flows and look for {body['name']!r} before creating it "
                "again: a second create would fail on the duplicate name or make a copy."
            ),
            json_body=body,
        )
        return _read(CreatedFlow.from_graph, payload, "create the flow")

    async def update_flow_metadata(
        self,
        flow_id: str,
        *,
        name: str | None = None,
        categories: Iterable[str] | None = None,
        endpoint_uri: str | None = None,
        application_id: str | None = None,
    ) -> None:
        """Change a flow's name, categories, endpoint URI or connected app.

        ``endpoint_uri=""`` clears the endpoint URI. Meta documents no clearing value; an empty
        string is how Graph clears optional string fields elsewhere, and what the sandbox
        takes. Callers that must know can read the flow back (the app does).
        """
        flow = inputs.check_id(flow_id, "flow id")
        body: dict[str, Any] = {}
        if name is not None:
            body["name"] = inputs.check_name(name)
        if categories is not None:
            body["categories"] = inputs.check_categories(categories)
        if endpoint_uri is not None:
            body["endpoint_uri"] = (
                inputs.check_url(endpoint_uri, "endpoint URI") if endpoint_uri.strip() else ""
            )
        if application_id is not None:
            body["application_id"] = inputs.check_id(application_id, "application id")
        if not body:
            raise e.InvalidOptionError(
                "Nothing to update: give at least one of name, categories, endpoint_uri or "
                "application_id."
            )
        await self._transport.request(
            "POST",
            flow,
            operation="update the flow's details",
            mode=RetryMode.IDEMPOTENT,
            json_body=body,
        )

    async def update_flow_json(
        self, flow_id: str, flow_json: inputs.FlowJsonSource
    ) -> FlowJsonUpload:
        """Upload a new ``flow.json``; Graph saves it even when it has validation errors."""
        flow = inputs.check_id(flow_id, "flow id")
        data = inputs.load_flow_json(flow_json)
        payload = await self._transport.request(
            "POST",
            f"{flow}/assets",
            operation="upload the Flow JSON",
            mode=RetryMode.IDEMPOTENT,
            form={"name": "flow.json", "asset_type": "FLOW_JSON"},
            files={"file": ("flow.json", data, "application/json")},
        )
        return _read(FlowJsonUpload.from_graph, payload, "upload the Flow JSON")

    # --- lifecycle -----------------------------------------------------------------------------

    async def publish_flow(self, flow_id: str) -> None:
        await self._lifecycle("POST", flow_id, "publish", "publish the flow")

    async def deprecate_flow(self, flow_id: str) -> None:
        await self._lifecycle("POST", flow_id, "deprecate", "deprecate the flow")

    async def delete_flow(self, flow_id: str) -> None:
        await self._lifecycle("DELETE", flow_id, "", "delete the flow")

    async def _lifecycle(self, method: str, flow_id: str, edge: str, operation: str) -> None:
        flow = inputs.check_id(flow_id, "flow id")
        path = f"{flow}/{edge}" if edge else flow
        await self._transport.request(
            method, path, operation=operation, mode=RetryMode.ONCE, how_to_check=_CHECK_FLOW
        )

    # --- read ----------------------------------------------------------------------------------

    async def get_flow(
        self,
        flow_id: str,
        *,
        fields: Sequence[str] | None = None,
        phone_number_id: str | None = None,
        invalidate_preview: bool | None = None,
    ) -> Flow:
        """One flow with every detail field (or ``fields``); never rotates the preview link
        unless ``invalidate_preview=True``."""
        flow = inputs.check_id(flow_id, "flow id")
        phone = inputs.check_id(phone_number_id, "phone number id") if phone_number_id else None
        params = {
            "fields": f.flow_fields(
                fields or f.DETAIL_FIELDS,
                invalidate_preview=invalidate_preview,
                phone_number_id=phone,
            )
        }
        payload = await self._get(flow, "read the flow", params)
        return _read(Flow.from_graph, payload, "read the flow")

    async def get_flows_page(
        self,
        *,
        after: str | None = None,
        before: str | None = None,
        fields: Sequence[str] | None = None,
        waba_id: str | None = None,
        page_size: int | None = None,
        keep_raw: bool = True,
    ) -> FlowPage:
        """One page of the account's flows, with its cursors, for screens that load lazily.
        ``keep_raw=False`` drops Graph's payloads (a list of the whole account keeps less)."""
        if after is not None and before is not None:
            raise e.InvalidOptionError("Pass after or before, not both.")
        path, params = self._flows_query(fields, waba_id, page_size)
        if after:
            params["after"] = after
        if before:
            params["before"] = before
        payload = await self._get(path, "list the flows", params)
        return _read(partial(FlowPage.from_graph, keep_raw=keep_raw), payload, "list the flows")

    def _flows_query(
        self, fields: Sequence[str] | None, waba_id: str | None, page_size: int | None
    ) -> tuple[str, dict[str, str]]:
        params = {"fields": f.flow_fields(fields or f.LIST_FIELDS)}
        if page_size is not None:
            if not isinstance(page_size, int) or page_size < 1:
                raise e.InvalidOptionError(
                    f"page_size must be a positive integer, not {page_size!r}."
                )
            params["limit"] = str(page_size)
        return f"{self._waba(waba_id)}/flows", params

    async def flow_pages(
        self,
        *,
        first: FlowPage | None = None,
        fields: Sequence[str] | None = None,
        waba_id: str | None = None,
        page_size: int | None = None,
        keep_raw: bool = True,
    ) -> AsyncGenerator[FlowPage]:
        """Every page of the account's flows (starting with ``first`` when it was read
        already), following cursors until Graph gives no ``next`` page or repeats a cursor.

        Each next page is asked for as soon as its cursor is known, before this page is read
        into models and handed over: Graph works on it while the caller puts this one away.
        Close the iterator (``contextlib.aclosing``) to stop early; a request in flight is
        cancelled then.
        """
        path, params = self._flows_query(fields, waba_id, page_size)
        read_page = partial(FlowPage.from_graph, keep_raw=keep_raw)
        seen: set[str] = set()

        async def ask(after: str) -> asyncio.Task[dict[str, Any]]:
            seen.add(after)
            task = asyncio.ensure_future(
                self._get(path, "list the flows", {**params, "after": after})
            )
            await asyncio.sleep(0)  # let it send the request now, not when it is awaited
            return task

        next_page: asyncio.Task[dict[str, Any]] | None = None
        try:
            if first is not None:
                cursor = first.after if first.has_next else None
                next_page = await ask(cursor) if cursor else None
                yield first
            else:
                payload = await self._get(path, "list the flows", params)
                cursor = FlowPage.next_cursor(payload)
                next_page = await ask(cursor) if cursor else None
                yield _read(read_page, payload, "list the flows")
            while next_page is not None:
                payload = await next_page
                cursor = FlowPage.next_cursor(payload)
                next_page = await ask(cursor) if cursor and cursor not in seen else None
                yield _read(read_page, payload, "list the flows")
        finally:
            if next_page is not None and not next_page.done():
                next_page.cancel()
            if next_page is not None:  # its failure is nobody's now: never "not retrieved"
                next_page.add_done_callback(_forget)

    async def list_flows(
        self,
        *,
        fields: Sequence[str] | None = None,
        waba_id: str | None = None,
        page_size: int | None = None,
    ) -> AsyncIterator[Flow]:
        """Every flow of the account, following cursors until Graph gives no ``next`` page."""
        pages = self.flow_pages(fields=fields, waba_id=waba_id, page_size=page_size)
        async with contextlib.aclosing(pages):
            async for page in pages:
                for flow in page.flows:
                    yield flow

    async def get_flow_assets(self, flow_id: str) -> list[Asset]:
        """The flow's assets (today only ``flow.json``), across every page."""
        flow = inputs.check_id(flow_id, "flow id")
        params = {"fields": "name,asset_type,download_url"}
        assets: list[Asset] = []
        seen_cursors: set[str] = set()
        while True:
            payload = await self._get(f"{flow}/assets", "list the flow's assets", params)
            data = payload.get("data")
            items = [a for a in data if isinstance(a, dict)] if isinstance(data, list) else []
            assets.extend(_read(Asset.from_graph, a, "list the flow's assets") for a in items)
            cursor = FlowPage.next_cursor(payload)
            if not cursor or cursor in seen_cursors:
                return assets
            seen_cursors.add(cursor)
            params = {**params, "after": cursor}

    async def download_asset(self, asset: Asset | str) -> bytes:
        """The asset's content. Its URL is on another host: the token is never sent there."""
        url = asset.download_url if isinstance(asset, Asset) else asset
        if not url:
            raise e.InvalidOptionError(
                "This asset has no download link: list the flow's assets again."
            )
        return await self._transport.download(inputs.check_url(url, "download URL"))

    async def generate_preview(self, flow_id: str, *, invalidate: bool = False) -> Preview:
        """The flow's preview link; ``invalidate=True`` revokes the old link and makes a new one."""
        flow = inputs.check_id(flow_id, "flow id")
        preview = await self._get_part(flow, "make a preview link", f.preview_field(invalidate))
        return _read(Preview.from_graph, preview, "make a preview link")

    async def get_flow_metrics(
        self,
        flow_id: str,
        metric_name: str,
        granularity: str,
        *,
        since: date | str | None = None,
        until: date | str | None = None,
    ) -> MetricSeries:
        """One endpoint metric of the flow as a series of data points."""
        flow = inputs.check_id(flow_id, "flow id")
        name, grain = inputs.check_metric(metric_name, granularity)
        start, end = inputs.check_date(since, "since"), inputs.check_date(until, "until")
        if start and end and start > end:
            raise e.InvalidOptionError(
                f"since ({start}) is after until ({end}): swap them or widen the range."
            )
        fields = f.metric_field(name, grain, start, end)
        series = await self._get_part(flow, "read the flow's metrics", fields)
        return _read(MetricSeries.from_graph, series, "read the flow's metrics")

    async def get_health_status(self, flow_id: str, phone_number_id: str | None) -> HealthStatus:
        """Whether messages with this flow can be sent (from this phone number), and why not."""
        flow = inputs.check_id(flow_id, "flow id")
        phone = inputs.check_id(phone_number_id, "phone number id") if phone_number_id else None
        health = await self._get_part(flow, "read the flow's health", f.health_field(phone))
        return _read(HealthStatus.from_graph, health, "read the flow's health")

    # --- migration -----------------------------------------------------------------------------

    async def migrate_flows(
        self,
        destination_waba_id: str,
        source_waba_id: str,
        source_flow_names: Iterable[str] | None = None,
    ) -> MigrationResult:
        """Copy flows (all, or up to 100 by name) from one account to another.

        Not idempotent: a failed call is never repeated automatically.
        """
        destination = inputs.check_id(destination_waba_id, "destination account id")
        source = inputs.check_id(source_waba_id, "source account id")
        if destination == source:
            raise e.InvalidOptionError(
                "The source and destination accounts are the same: migration copies flows "
                "between two accounts of one business."
            )
        names = inputs.check_migration_names(source_flow_names)
        body: dict[str, Any] = {"source_waba_id": source}
        if names is not None:
            body["source_flow_names"] = names
        payload = await self._transport.request(
            "POST",
            f"{destination}/migrate_flows",
            operation="migrate the flows",
            mode=RetryMode.ONCE,
            how_to_check=(
                "List the destination account's flows to see which arrived before migrating "
                "again: migration is not idempotent."
            ),
            json_body=body,
        )
        return _read(MigrationResult.from_graph, payload, "migrate the flows")

    # --- helpers -------------------------------------------------------------------------------

    def _waba(self, waba_id: str | None) -> str:
        account = waba_id or self.waba_id
        if not account:
            raise e.MissingWabaIdError(
                "No WhatsApp Business account id: pass waba_id here or to FlowsClient(...)."
            )
        return inputs.check_id(account, "WhatsApp Business account id")

    async def get_business_public_key(self, phone_number_id: str) -> str:
        """The PEM public key the phone number's endpoint requests are encrypted with."""
        status = await self.get_business_key_status(phone_number_id)
        if status.public_key is None:
            raise e.MalformedResponseError(
                "This phone number has no business public key: upload one "
                "(`flowtui keys upload`, or POST /{phone-number-id}/whatsapp_business_encryption)."
            )
        return status.public_key

    async def get_business_key_status(self, phone_number_id: str) -> BusinessKeyStatus:
        """The phone number's business public key and its signature status
        (``GET /{phone-number-id}/whatsapp_business_encryption``; reference §8.7: Meta's page
        shows the fields flat, its OpenAPI spec inside ``data``: both are read)."""
        phone = inputs.check_id(phone_number_id, "phone number id")
        operation = "read the business public key"
        payload = await self._get(f"{phone}/whatsapp_business_encryption", operation, {})
        return BusinessKeyStatus.from_graph(payload)

    async def set_business_public_key(self, phone_number_id: str, public_pem: str) -> None:
        """Upload the phone number's business public key (``POST
        /{phone-number-id}/whatsapp_business_encryption``, form field ``business_public_key``,
        as Meta's page sends it); it replaces the one there. Check the PEM first
        (:func:`flowtui.endpoint.keys.uploadable_public_key`)."""
        phone = inputs.check_id(phone_number_id, "phone number id")
        if "PRIVATE KEY" in public_pem:  # the last guard: a private key never leaves
            raise e.InvalidOptionError("This is a private key: upload the public key.")
        await self._transport.request(
            "POST",
            f"{phone}/whatsapp_business_encryption",
            operation="upload the business public key",
            mode=RetryMode.IDEMPOTENT,  # the same key again changes nothing
            form={"business_public_key": public_pem},
        )

    async def send_flow_message(self, phone_number_id: str, message: FlowMessage) -> str:
        """Send a flow to a phone (``POST /{phone-number-id}/messages``, reference §C1): the
        message id Graph gives it. Checked first (:meth:`FlowMessage.checked`); sent once,
        never repeated (a repeat would be a second message)."""
        phone = inputs.check_id(phone_number_id, "phone number id")
        inputs.check_id(message.flow_id, "flow id")
        checked = message.checked()
        payload = await self._transport.request(
            "POST",
            f"{phone}/messages",
            operation="send the flow",
            mode=RetryMode.ONCE,
            how_to_check="Look at the test phone before sending again.",
            json_body=checked.to_graph(),
        )
        sent = payload.get("messages")
        first = sent[0] if isinstance(sent, list) and sent and isinstance(sent[0], dict) else {}
        message_id = first.get("id")
        if not isinstance(message_id, str) or not message_id:
            raise e.MalformedResponseError("Graph accepted the message but gave no message id.")
        return message_id

    async def _get_part(self, flow: str, operation: str, field: str) -> dict[str, Any]:
        """One object field of the flow node (``preview``, ``metric``, ``health_status``),
        asked for with its modifiers, e.g. ``metric.name(X).granularity(DAY)``."""
        payload = await self._get(flow, operation, {"fields": field})
        part = payload.get(field.split(".", 1)[0])
        if not isinstance(part, dict):
            raise e.MalformedResponseError(
                f"Could not {operation}: Graph's answer had no {field.split('.', 1)[0]}."
            )
        return part

    async def _get(self, path: str, operation: str, params: dict[str, str]) -> dict[str, Any]:
        return await self._transport.request(
            "GET", path, operation=operation, mode=RetryMode.IDEMPOTENT, params=params
        )
