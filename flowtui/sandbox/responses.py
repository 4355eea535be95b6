"""Responses the way Graph writes them: compact JSON with escaped slashes, and Graph's headers."""

from __future__ import annotations

import json
import secrets
import string
from typing import Any

from starlette.responses import Response

from flowtui.sandbox.errors import GraphError, error_body

JSON_MEDIA_TYPE = "application/json; charset=UTF-8"
FB_REV = "1029384756"
_TRACE_ALPHABET = string.ascii_letters + string.digits


def graph_json_bytes(body: Any) -> bytes:
    """Compact, ASCII-only JSON with ``/`` written ``\\/``, as Graph's encoder does."""
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=True)
    return text.replace("/", "\\/").encode("ascii")


def new_trace_id() -> str:
    return "".join(secrets.choice(_TRACE_ALPHABET) for _ in range(11))


def graph_headers(trace_id: str, api_version: str, usage: str | None) -> dict[str, str]:
    headers = {
        "x-fb-trace-id": trace_id,
        "x-fb-request-id": "A" + "".join(secrets.choice(_TRACE_ALPHABET) for _ in range(22)),
        "x-fb-rev": FB_REV,
        "x-fb-debug": secrets.token_urlsafe(48),
        "facebook-api-version": api_version,
        "cache-control": "private, no-cache, no-store, must-revalidate",
    }
    if usage is not None:
        headers["x-business-use-case-usage"] = usage
    return headers


def graph_response(body: Any, headers: dict[str, str], status: int = 200) -> Response:
    return Response(graph_json_bytes(body), status, headers=headers, media_type=JSON_MEDIA_TYPE)


def graph_error_response(error: GraphError, trace_id: str, headers: dict[str, str]) -> Response:
    """The error envelope, with the fbtrace_id of this request and Graph's WWW-Authenticate."""
    all_headers = dict(headers)
    reason = "invalid_token" if error.code == 190 else "invalid_request"
    all_headers["www-authenticate"] = (
        f'OAuth "Facebook Platform" "{reason}" "{_ascii(error.message)}"'
    )
    return graph_response(error_body(error, trace_id), all_headers, error.http_status)


def _ascii(text: str) -> str:
    return text.encode("ascii", "replace").decode("ascii").replace('"', "'")
