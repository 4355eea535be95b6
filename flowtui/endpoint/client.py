"""Talk to a Flow endpoint as WhatsApp does: encrypt, POST, check the status, decrypt.

The statuses and what the client does with them (reference §B3, Meta's *Error Codes*):
200 is a reply; 421 means the endpoint could not decrypt, so the public key is read again and
the request sent once more; 427 is a flow token the endpoint no longer accepts (its
``error_msg`` is shown, the Footer disabled); 432 a failed request signature; anything else, or
no answer within 10 s, is an error. Each error says what happened and what to do.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric import rsa

from flowtui.api.inputs import check_url, is_loopback_host
from flowtui.endpoint import crypto

TIMEOUT_SECONDS = 10.0  # WhatsApp's: no reply within 10 s is timeout_error
MAX_REPLY_BYTES = 1 << 20  # a screen's data; anything larger is refused, not shown
# Why each status is an error, and what fixes it (Meta's client error names first).
STATUS_PROBLEMS: Mapping[int, tuple[str, str]] = {
    421: (
        "business-decryption-error: the endpoint could not decrypt the request, even after the "
        "public key was read again",
        "the endpoint's private key must be the pair of the public key uploaded for the phone "
        "number (flowtui keys status shows its fingerprint)",
    ),
    427: (
        "flow-token-expired: the endpoint no longer accepts this flow token",
        "start the flow again with a new flow token",
    ),
    432: (
        "signature-failure: the endpoint refused the request's X-Hub-Signature-256",
        "the endpoint must check the signature with the secret of the app connected to the flow",
    ),
}


class EndpointError(Exception):
    """An endpoint request that gave no usable reply: ``kind`` is Meta's error name."""

    def __init__(self, kind: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


KeySource = Callable[[bool], Awaitable[rsa.RSAPublicKey]]  # (read again?) -> the public key


def check_endpoint_url(url: str) -> str:
    """An https URL, or http to this machine (a local endpoint under development)."""
    url = check_url(url, "endpoint URL")
    parts = urlsplit(url)
    if parts.scheme != "https" and not is_loopback_host(parts.hostname or ""):
        raise EndpointError(
            "invalid-endpoint-uri",
            f"The endpoint {url} is plain http on another machine: WhatsApp only calls https "
            "endpoints (plain http is for this machine only).",
        )
    return url


@dataclass
class EndpointClient:
    url: str
    public_key: KeySource
    http: httpx.AsyncClient
    timeout: float = TIMEOUT_SECONDS
    last_latency_ms: float | None = None
    # The secret of the app connected to the flow: requests are signed with it, as WhatsApp
    # signs them (X-Hub-Signature-256). Held here, never logged or shown.
    app_secret: bytes | None = field(default=None, repr=False)

    async def exchange(self, request: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
        """The decrypted reply to ``request`` and its HTTP status; :class:`EndpointError`."""
        try:
            check_endpoint_url(self.url)
        except ValueError as error:  # not a URL at all (flowtui.api's InvalidOptionError)
            raise EndpointError("invalid-endpoint-uri", str(error)) from None
        key = await self.public_key(False)
        status, text, sent = await self.post(request, key)
        if status == 421:  # the key may have changed: read it again, send once more
            key = await self.public_key(True)
            status, text, sent = await self.post(request, key)
        if status != 200:
            raise EndpointError(_kind(status), _status_message(status, text), status=status)
        try:
            return status, crypto.decrypt_reply(text, sent.aes_key, sent.iv)
        except crypto.ReplyDecryptionError as error:
            raise EndpointError(
                "response-decryption-error", f"response-decryption-error: {error}.", status=status
            ) from None

    async def post(
        self,
        request: Mapping[str, Any],
        key: rsa.RSAPublicKey,
        *,
        signature: str | None = None,
    ) -> tuple[int, str, crypto.EncryptedRequest]:
        """One request encrypted under ``key`` and POSTed: the HTTP status, the reply's text
        and what was sent (to decrypt the reply with). Signed when the app secret is known;
        ``signature`` replaces the header (the endpoint check sends a wrong one)."""
        sent = crypto.encrypt_request(request, key)
        body = json.dumps(sent.body).encode()
        headers = {"content-type": "application/json"}
        if signature is not None:
            headers["x-hub-signature-256"] = signature
        elif self.app_secret is not None:
            headers["x-hub-signature-256"] = request_signature(self.app_secret, body)
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self.timeout):  # the whole answer, not each read
                response = await self.http.post(
                    self.url, content=body, headers=headers, timeout=self.timeout
                )
        except (httpx.TimeoutException, TimeoutError):
            raise EndpointError(
                "timeout_error",
                f"timeout_error: the endpoint did not answer within {self.timeout:g} s; WhatsApp "
                "gives up then, so answer faster (or reply first and work after).",
            ) from None
        except httpx.HTTPError as error:
            raise EndpointError(
                "no_http_response_error",
                f"no_http_response_error: the endpoint {self.url} could not be reached "
                f"({type(error).__name__}: {error}).",
            ) from None
        self.last_latency_ms = (time.perf_counter() - started) * 1000
        if len(response.content) > MAX_REPLY_BYTES:
            raise EndpointError(
                "unexpected_http_status_code",
                f"the endpoint answered {len(response.content):,} bytes, more than a reply "
                f"can be ({MAX_REPLY_BYTES:,})",
                status=response.status_code,
            )
        return response.status_code, response.text, sent


def request_signature(app_secret: bytes, body: bytes) -> str:
    """``X-Hub-Signature-256`` of a request body: ``sha256=`` and the hex HMAC-SHA256 under the
    app secret (reference §B3)."""
    return "sha256=" + hmac.new(app_secret, body, hashlib.sha256).hexdigest()


def _kind(status: int) -> str:
    problem = STATUS_PROBLEMS.get(status)
    return problem[0].split(":", 1)[0] if problem else "unexpected_http_status_code"


def _status_message(status: int, text: str) -> str:
    problem = STATUS_PROBLEMS.get(status)
    if problem is None:
        return (
            f"unexpected_http_status_code: the endpoint answered HTTP {status}; a reply is HTTP "
            "200 with an encrypted body."
        )
    message, fix = problem
    if status == 427:
        shown = _error_msg(text)
        if shown:
            message += f" (it says: {shown})"
    return f"{message}: {fix}."


def _error_msg(text: str) -> str | None:
    """The ``error_msg`` a 427 may carry in plain JSON, shown to the user."""
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):
        return None
    value = body.get("error_msg") if isinstance(body, dict) else None
    return value if isinstance(value, str) else None
