"""A Flows endpoint written in the tests from Meta's documented protocol (reference §B3:
RSA-OAEP-SHA256 for the key, AES-128-GCM with the tag appended, the reply under the flipped IV,
421 and 432), with ``cryptography`` directly and none of flowtui's helpers; it can make, on
purpose, the mistakes developers make. ``serve`` runs it on a loopback port."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

PRIVATE = rsa.generate_private_key(public_exponent=65537, key_size=2048)
SECRET = b"app-secret-of-the-test"
OAEP = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
FLOW = {
    "version": "7.1",
    "data_api_version": "3.0",
    "routing_model": {"APPOINTMENT": ["CONFIRM"], "CONFIRM": []},
    "screens": [
        {
            "id": "APPOINTMENT",
            "data": {
                "departments": {"type": "array", "items": {"type": "object"}, "__example__": []}
            },
            "layout": {"type": "SingleColumnLayout", "children": []},
        },
        {
            "id": "CONFIRM",
            "terminal": True,
            "layout": {"type": "SingleColumnLayout", "children": []},
        },
    ],
}


def endpoint(mistake: str | None = None) -> Starlette:
    """A Flows endpoint as Meta documents it, with ``mistake`` made on purpose."""

    async def answer(request: Request) -> Response:
        body = await request.body()
        if mistake != "ignores-signature":
            signature = request.headers.get("x-hub-signature-256")
            wanted = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
            if signature is not None and not hmac.compare_digest(signature, wanted):
                return Response(status_code=432)
        fields = json.loads(body)
        try:
            aes_key = PRIVATE.decrypt(base64.b64decode(fields["encrypted_aes_key"]), OAEP)
            iv = base64.b64decode(fields["initial_vector"])
            sealed = base64.b64decode(fields["encrypted_flow_data"])
            plain = json.loads(AESGCM(aes_key).decrypt(iv, sealed, None))
        except ValueError:
            return Response(status_code=500 if mistake == "no-421" else 421)
        if mistake == "slow":
            await asyncio.sleep(1.0)
        if mistake == "500":
            return Response(status_code=500)
        action, data = plain.get("action"), plain.get("data") or {}
        if action == "ping":
            reply: dict = {"data": {"status": "active"}}
        elif isinstance(data, dict) and "error" in data:
            reply = {"data": {"acknowledged": True}}
        elif action == "INIT":
            departments = "none" if mistake == "wrong-init" else [{"id": "a", "title": "A"}]
            reply = {"screen": "APPOINTMENT", "data": {"departments": departments}}
        else:
            reply = {"screen": "CONFIRM", "data": {}}
        reply["version"] = plain.get("version")
        text = json.dumps(reply).encode()
        if mistake == "plain":
            return PlainTextResponse(text.decode())
        reply_iv = iv if mistake == "unflipped" else bytes(b ^ 0xFF for b in iv)
        return PlainTextResponse(base64.b64encode(AESGCM(aes_key).encrypt(reply_iv, text, None)))

    return Starlette(routes=[Route("/flow", answer, methods=["POST"])])


@pytest.fixture
def serve() -> Iterator:
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(mistake: str | None = None) -> str:
        sock = socket.create_server(("127.0.0.1", 0))
        config = uvicorn.Config(endpoint(mistake), log_level="error", lifespan="off")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        servers.append((server, thread))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/flow"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(5)
