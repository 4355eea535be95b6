"""The endpoint doctor: play WhatsApp against a Flow endpoint and say, check by check, what it
gets right and what to fix (reference endpoints-player-2026.md §B2-B4; Meta's Builder has a
"Run check" button for the same).

Every check sends a real request, encrypted as WhatsApp encrypts it; one that cannot run (no
app secret, no Flow JSON, an endpoint that cannot be reached) is skipped and says why. Headless:
the command line prints the checks, a screen may show them.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric import rsa

from flowtui.api.inputs import is_loopback_host
from flowtui.endpoint import crypto
from flowtui.endpoint.client import EndpointClient, EndpointError, check_endpoint_url
from flowtui.player.document import FlowDocument
from flowtui.player.engine import screen_reply_problem

DEFAULT_DATA_API_VERSION = "3.0"
FLOW_TOKEN = "flowtui-endpoint-check"
WRONG_SIGNATURE = "sha256=" + "0" * 64
# Meta's page names the error field ``error`` in its example and ``error_key`` in its table
# (reference B2, DISAGREE): the notification carries both, so either reading endpoint sees it.
CHECK_NAMES = (
    "reachable",
    "ping",
    "wrong key answered 421",
    "bad signature answered 432",
    "INIT",
    "error notification",
    "data API version",
)
ERROR_NOTIFICATION = {
    "error": "flowtui-endpoint-check",
    "error_key": "flowtui-endpoint-check",
    "error_message": "A test error notification from flowtui's endpoint check.",
}


@dataclass(frozen=True)
class Check:
    """One line of the report: ``ok`` is None when the check was skipped."""

    name: str
    ok: bool | None
    detail: str
    ms: float | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ok": self.ok,
            "detail": self.detail,
            "ms": None if self.ms is None else round(self.ms, 1),
        }


@dataclass(frozen=True)
class Target:
    """What is checked: the endpoint, the business public key WhatsApp encrypts with, and
    (when known) the app secret, the flow's JSON and its Data API version."""

    url: str
    public_key: rsa.RSAPublicKey
    app_secret: bytes | None = field(default=None, repr=False)
    document: FlowDocument | None = None
    data_api_version: str | None = None

    @property
    def version(self) -> str:
        return (
            self.data_api_version
            or (self.document.data_api_version if self.document else None)
            or DEFAULT_DATA_API_VERSION
        )


@dataclass
class _Reply:
    status: int
    text: str
    sent: crypto.EncryptedRequest
    ms: float


async def examine(
    target: Target,
    http: httpx.AsyncClient,
    *,
    timeout: float = 10.0,
    clock: Callable[[], float] = time.perf_counter,
) -> list[Check]:
    """Every check, in order; never raises for what the endpoint does."""
    return [check async for check in run_checks(target, http, timeout=timeout, clock=clock)]


async def run_checks(
    target: Target,
    http: httpx.AsyncClient,
    *,
    timeout: float = 10.0,
    clock: Callable[[], float] = time.perf_counter,
) -> AsyncIterator[Check]:
    """The checks one by one, as each is done (a screen shows them as they come)."""
    try:
        check_endpoint_url(target.url)
    except (EndpointError, ValueError) as error:
        yield Check("reachable", False, str(error))
        return
    client = EndpointClient(
        target.url, _fixed(target.public_key), http, timeout=timeout, app_secret=target.app_secret
    )
    send = partial(_send, client, clock=clock)
    versions: list[Any] = []
    ping = {"version": target.version, "action": "ping"}
    first = await send(ping, target.public_key)
    yield _reachable(target.url, first)
    if isinstance(first, str):
        for name in CHECK_NAMES[1:]:
            yield Check(name, None, "the endpoint could not be reached")
        return
    yield _ping(first, versions)
    yield await _wrong_key(send, ping)
    yield await _bad_signature(send, target, ping)
    yield await _init(send, target, versions)
    yield await _error_notification(send, target)
    yield _data_api_version(target, versions)


def passed(checks: list[Check]) -> bool:
    return all(check.ok is not False for check in checks)


def _fixed(key: rsa.RSAPublicKey) -> Any:
    async def source(_again: bool) -> rsa.RSAPublicKey:
        return key

    return source


async def _send(
    client: EndpointClient,
    request: Mapping[str, Any],
    key: rsa.RSAPublicKey,
    *,
    signature: str | None = None,
    clock: Callable[[], float],
) -> _Reply | str:
    """The raw reply, or why there is none (a sentence)."""
    started = clock()
    try:
        status, text, sent = await client.post(request, key, signature=signature)
    except EndpointError as error:
        return str(error)
    return _Reply(status, text, sent, (clock() - started) * 1000)


Send = Callable[..., Awaitable["_Reply | str"]]


def _reachable(url: str, reply: _Reply | str) -> Check:
    if isinstance(reply, str):
        return Check("reachable", False, reply)
    parts = urlsplit(url)
    plain = parts.scheme == "http" and is_loopback_host(parts.hostname or "")
    note = (
        "; plain http, which only this machine can use: WhatsApp calls https endpoints only"
        if plain
        else ""
    )
    return Check("reachable", True, f"answered HTTP {reply.status}{note}", reply.ms)


def _decrypted(reply: _Reply) -> dict[str, Any] | str:
    try:
        return crypto.decrypt_reply(reply.text, reply.sent.aes_key, reply.sent.iv)
    except crypto.ReplyDecryptionError as error:
        return str(error)


def _status_problem(reply: _Reply, what: str) -> str | None:
    if reply.status == 200:
        return None
    if reply.status == 421:
        return (
            f"answered 421 to {what}: it could not decrypt it, so its private key is not the pair "
            "of the public key WhatsApp encrypts with (compare fingerprints: flowtui keys status "
            "--compare PRIVATE.pem)"
        )
    return f"answered HTTP {reply.status} to {what}; WhatsApp expects 200 with an encrypted body"


def _answer(reply: _Reply, what: str) -> dict[str, Any] | str:
    """The decrypted reply to ``what``, or why there is none (the status, the encryption)."""
    problem = _status_problem(reply, what)
    return problem if problem is not None else _decrypted(reply)


def _ping(reply: _Reply, versions: list[Any]) -> Check:
    answer = _answer(reply, "a ping")
    if isinstance(answer, str):
        return Check("ping", False, answer, reply.ms)
    versions.append(answer.get("version"))
    data = answer.get("data")
    if not isinstance(data, Mapping) or data.get("status") != "active":
        return Check(
            "ping",
            False,
            f'answered {_short(answer)}; a ping is answered {{"data": {{"status": "active"}}}}',
            reply.ms,
        )
    return Check("ping", True, 'answered {"data": {"status": "active"}}, encrypted', reply.ms)


async def _wrong_key(send: Send, ping: Mapping[str, Any]) -> Check:
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    reply = await send(ping, stranger)
    name = "wrong key answered 421"
    if isinstance(reply, str):
        return Check(name, False, reply)
    if reply.status == 421:
        return Check(name, True, "a request under another key was answered 421", reply.ms)
    return Check(
        name,
        False,
        f"a request under another key was answered HTTP {reply.status}: answer 421 when the "
        "request cannot be decrypted, so WhatsApp reads the public key again and resends",
        reply.ms,
    )


async def _bad_signature(send: Send, target: Target, ping: Mapping[str, Any]) -> Check:
    name = "bad signature answered 432"
    if target.app_secret is None:
        return Check(
            name,
            None,
            "no app secret to sign with (flowtui auth app-secret, or --app-secret-stdin)",
        )
    reply = await send(ping, target.public_key, signature=WRONG_SIGNATURE)
    if isinstance(reply, str):
        return Check(name, False, reply)
    if reply.status == 432:
        return Check(
            name, True, "a request with a wrong X-Hub-Signature-256 was answered 432", reply.ms
        )
    return Check(
        name,
        False,
        f"a request with a wrong X-Hub-Signature-256 was answered HTTP {reply.status}: check the "
        "signature (HMAC-SHA256 of the body under the app secret) and answer 432 when it differs",
        reply.ms,
    )


async def _init(send: Send, target: Target, versions: list[Any]) -> Check:
    if target.document is None:
        return Check(
            "INIT", None, "no Flow JSON to check the reply against (--flow-id, or --flow-json FILE)"
        )
    if target.document.data_api_version is None:
        return Check("INIT", None, "the flow's JSON uses no endpoint (no data_api_version)")
    request = {"version": target.version, "action": "INIT", "flow_token": FLOW_TOKEN}
    reply = await send(request, target.public_key)
    if isinstance(reply, str):
        return Check("INIT", False, reply)
    answer = _answer(reply, "INIT")
    if isinstance(answer, str):
        return Check("INIT", False, answer, reply.ms)
    versions.append(answer.get("version"))
    screen, data = answer.get("screen"), answer.get("data", {})
    why = (
        screen_reply_problem(target.document, screen, data)
        if isinstance(data, Mapping)
        else "payload-schema-error: the reply's data is not an object"
    )
    if why:
        return Check("INIT", False, why, reply.ms)
    return Check("INIT", True, f"opened screen {screen}, its data as the screen declares", reply.ms)


async def _error_notification(send: Send, target: Target) -> Check:
    name = "error notification"
    screen = target.document.first_screen if target.document else "SCREEN"
    request = {
        "version": target.version,
        "action": "data_exchange",
        "screen": screen,
        "flow_token": FLOW_TOKEN,
        "data": ERROR_NOTIFICATION,
    }
    reply = await send(request, target.public_key)
    if isinstance(reply, str):
        return Check(name, False, reply)
    answer = _answer(reply, "an error notification")
    if isinstance(answer, str):
        return Check(name, False, answer, reply.ms)
    data = answer.get("data")
    if isinstance(data, Mapping) and data.get("acknowledged") is True:
        return Check(name, True, 'answered {"data": {"acknowledged": true}}', reply.ms)
    return Check(
        name,
        False,
        f"answered {_short(answer)}; an error notification (data.error) is answered "
        '{"data": {"acknowledged": true}}',
        reply.ms,
    )


def _data_api_version(target: Target, versions: list[Any]) -> Check:
    name = "data API version"
    wanted = target.version
    notes = []
    if wanted == "4.0":
        notes.append(
            "Data API 4.0: requests from flows 7.3 and later carry flow_token_signature, a JWT "
            "(HS256) under the app secret; checking it is optional"
        )
    answered = [v for v in versions if v is not None]
    wrong = [v for v in answered if v != wanted]
    if wrong:
        return Check(
            name,
            False,
            f"the requests said version {wanted}, the replies {sorted(set(map(str, wrong)))}: "
            "echo the request's version",
        )
    if not answered:
        notes.insert(
            0,
            f"the replies carry no version (the flow's is {wanted}): Meta's samples omit it, "
            "some clients expect the request's echoed",
        )
    else:
        notes.insert(0, f"the replies say {wanted}, as the flow")
    return Check(name, True, "; ".join(notes))


def _short(answer: Mapping[str, Any]) -> str:
    import json

    text = json.dumps(answer, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."
