"""Apply fault decisions to requests, at the ASGI level (so connections can really be dropped)."""

from __future__ import annotations

import asyncio
import math
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from flowtui.sandbox import errors
from flowtui.sandbox.faults import FaultInjector, FaultKind, FaultRule
from flowtui.sandbox.graph_time import served_version
from flowtui.sandbox.responses import graph_error_response, graph_headers, new_trace_id
from flowtui.sandbox.store import SandboxStore
from flowtui.sandbox.usage import UsageMeter

_VERSION_PREFIX = re.compile(r"^/(v\d+\.\d+)(?=/|$)")
DEFAULT_API_VERSION = "v26.0"


class FaultMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        injector: FaultInjector,
        *,
        store: SandboxStore,
        usage: UsageMeter,
        base_latency_ms: int = 0,
    ) -> None:
        self.app = app
        self.injector = injector
        self.store = store
        self.usage = usage
        self.base_latency_ms = base_latency_ms

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        match = _VERSION_PREFIX.match(path)
        version = match.group(1) if match else DEFAULT_API_VERSION
        bare_path = path[match.end() :] or "/" if match else path
        decision = self.injector.decide(scope["method"], bare_path)
        delay_ms = self.base_latency_ms + decision.delay_ms
        if delay_ms > 0:
            await asyncio.sleep(delay_ms / 1000)
        rule = decision.failure
        if rule is None:
            await self.app(scope, receive, send)
        elif rule.kind is FaultKind.DROP:
            await _drop_connection(send)
        elif rule.kind is FaultKind.MALFORMED:
            await self._malformed(scope, receive, send)
        else:
            await self._refuse(rule, bare_path, version, scope, receive, send)

    async def _refuse(
        self, rule: FaultRule, path: str, version: str, scope: Scope, receive: Receive, send: Send
    ) -> None:
        trace_id = new_trace_id()
        served = served_version(version, self.store.clock())
        extra: dict[str, str] = {}
        if rule.kind is FaultKind.RATE_LIMIT:
            code = rule.option("code")
            status = rule.option("status") or (429 if code == 4 else 400)
            retry_after = rule.option("retry_after")
            error = errors.rate_limited(code, status)
            account = self._account_for(path)
            usage = self.usage.header(
                account, self.store.clock(), regain_minutes=max(1, math.ceil(retry_after / 60))
            )
            extra["retry-after"] = str(retry_after)
        else:
            error = errors.service_unavailable(rule.option("status"))
            usage = None
        headers = graph_headers(trace_id, served, usage) | extra
        await graph_error_response(error, trace_id, headers)(scope, receive, send)

    def _account_for(self, path: str) -> str:
        first = next((part for part in path.split("/") if part), "")
        if first in self.store.accounts:
            return first
        flow = self.store.flow(first)
        if flow is not None:
            return flow.waba_id
        return next(iter(self.store.accounts), "0")

    async def _malformed(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The real answer's status and headers, but only the first half of its body."""
        start: Message | None = None
        body = bytearray()

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        await self.app(scope, receive, capture)
        assert start is not None
        truncated = bytes(body[: max(1, len(body) // 2)])
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(truncated)).encode()))
        await send({"type": "http.response.start", "status": start["status"], "headers": headers})
        await send({"type": "http.response.body", "body": truncated})


async def _drop_connection(send: Send) -> None:
    """Close the socket without a byte of response, when the server lets us reach it."""
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is not None:
        transport.abort()
        for _ in range(3):  # let the server notice the closed connection before we return
            await asyncio.sleep(0)
        return
    # Not under uvicorn: promise a body and never deliver it.
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"100")]}
    )
    await send({"type": "http.response.body", "body": b"{", "more_body": False})
