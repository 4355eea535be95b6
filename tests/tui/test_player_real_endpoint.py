"""P on a flow with an endpoint_uri of its own: the player sends to that endpoint (not the
sandbox's demo one), encrypted with the phone number's key from Graph, and signs each request
with the profile's app secret from the OS keyring, as WhatsApp does."""

from __future__ import annotations

import hashlib
import hmac
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import urlsplit

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from flowtui.accounts.config_file import save_config
from flowtui.accounts.profiles import AccountsConfig, Profile
from flowtui.tui.account_source import AccountSource

from .conftest import SIZE, RecordingApp, account, go_to, settle, until
from .test_player import on_player

APPOINTMENTS = "1000000000000110"  # "Appointment dates", a draft endpoint flow of the sandbox
SECRET = "app-secret-under-test"


@pytest.fixture
def business_endpoint(sandbox_url: str) -> Iterator[tuple[str, list[dict]]]:
    """The business's endpoint: it records each request and answers as the sandbox's demo
    endpoint for the flow answers (it holds the phone number's private key)."""
    seen: list[dict] = []

    async def answer(request: Request) -> Response:
        body = await request.body()
        seen.append({"body": body, "signature": request.headers.get("x-hub-signature-256")})
        async with httpx.AsyncClient() as http:
            reply = await http.post(f"{sandbox_url}/endpoint/{APPOINTMENTS}", content=body)
        return Response(reply.content, status_code=reply.status_code)

    sock = socket.create_server(("127.0.0.1", 0))
    app = Starlette(routes=[Route("/flows", answer, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/flows", seen
    server.should_exit = True
    thread.join(5)


async def test_p_talks_to_the_flows_own_endpoint_and_signs_with_the_app_secret(
    sandbox_url, business_endpoint, dirs, memory_keyring, api
) -> None:
    url, seen = business_endpoint
    await api.update_flow_metadata(APPOINTMENTS, endpoint_uri=url)
    context = account(sandbox_url)  # a real account: no demo endpoint to fall back on
    assert context.demo_endpoint_base is None
    config = dirs.config / "flowtui" / "config.toml"
    profile = Profile(name="test", waba_id=context.waba_id, base_url=sandbox_url)
    save_config(AccountsConfig(profiles=(profile,), default_name="test"), config)
    host = urlsplit(sandbox_url).netloc
    memory_keyring.set_password(f"flowtui:{host}", "test/app-secret", SECRET)
    app = RecordingApp(replace(context, profile="test"))
    app.accounts = AccountSource(config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Appointment dates")
        await pilot.press("P")
        await until(pilot, lambda: on_player(pilot))
        await settle(pilot)
        player = app.screen.player
        assert [(e.type, e.status) for e in player.log] == [("init", 200)]
        await pilot.click("#player-footer-button")
        await settle(pilot)
        assert player.completion is not None
    assert len(seen) == 2  # INIT and the Footer's data_exchange, both to the flow's endpoint
    for request in seen:
        wanted = "sha256=" + hmac.new(SECRET.encode(), request["body"], hashlib.sha256).hexdigest()
        assert request["signature"] == wanted
        assert SECRET.encode() not in request["body"]
