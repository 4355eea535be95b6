"""Plain HTTP to a loopback sandbox loads no certificates; HTTPS keeps full verification."""

from __future__ import annotations

import ssl

import httpcore
import httpx
import pytest

from flowtui.api import FlowsClient
from flowtui.api.transport import _PoolPerScheme
from flowtui.sandbox.server import running_sandbox
from tests.sandbox.conftest import WABA


async def test_the_sandbox_is_reached_without_loading_a_ca_bundle(monkeypatch):
    """Loading the CA bundle took 25-55 ms of start-up; plain HTTP has no use for it."""

    def refuse(*args, **kwargs):
        raise AssertionError("a CA bundle was loaded for a plain-HTTP sandbox")

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", refuse)
    with running_sandbox() as base_url:
        async with FlowsClient("EAAGanyToken", waba_id=WABA, base_url=base_url) as client:
            page = await client.get_flows_page(page_size=5)
    assert len(page.flows) == 5


async def test_https_requests_verify_certificates_and_host_names(monkeypatch):
    """The TLS pool is httpx's default: certificates and host names are checked."""
    pools = _PoolPerScheme()
    made: list[ssl.SSLContext] = []
    real_context = ssl.create_default_context

    def record(*args, **kwargs):
        context = real_context(*args, **kwargs)
        made.append(context)
        return context

    monkeypatch.setattr(ssl, "create_default_context", record)

    async def refuse_to_connect(self, request):
        raise ConnectionRefusedError("no network in tests")

    monkeypatch.setattr(httpcore.AsyncConnectionPool, "handle_async_request", refuse_to_connect)
    with pytest.raises(ConnectionRefusedError):
        await pools.handle_async_request(httpx.Request("GET", "https://graph.facebook.com/me"))
    await pools.aclose()
    assert made, "no TLS context was made for an https request"
    assert all(c.verify_mode == ssl.CERT_REQUIRED and c.check_hostname for c in made)
