"""The app on a sandbox where every Graph string the app shows is hostile text.

The store is seeded directly: one DRAFT flow per string of :data:`tests.hostile.HOSTILE` in
each account, named with it, with it as categories, JSON version, Data API version, endpoint
URI, validation errors (code, type and message, with and without a position) and inside its
Flow JSON. What the sandbox computes itself (health, preview links, asset names, the
application, refusals, migration failures) is dressed on the way by :class:`HostileGraph`, a
transport in front of the in-process sandbox that puts the flow's string in each of them.

:func:`check_terminal` is the verdict: the app still runs, no worker failed unexpectedly,
and no control character is in what the terminal is sent.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx

from flowtui.sandbox.app import create_app
from flowtui.sandbox.demo import PRIMARY_ACCOUNT, SECONDARY_ACCOUNT, build_store
from flowtui.sandbox.graph_time import REFERENCE_TIME
from flowtui.sandbox.model import Flow, FlowStatus, Preview
from flowtui.sandbox.responses import graph_json_bytes
from flowtui.sandbox.store import SandboxStore
from flowtui.tui.app import FlowtuiApp
from tests.hostile import HOSTILE, comparable, marker, safe_name, unsafe_characters

from .conftest import FIXED_NOW, RecordingApp, account, screen_text, unwrapped

BASE_URL = "http://sandbox.test"
# A flow whose status itself is hostile (Graph's status is an open set of words).
HOSTILE_STATUS = "\x1b[2J[/]DRAFT\u009b"


def flow_json_text(text: str) -> str:
    """A Flow JSON holding ``text`` raw on line 3 (bytes as Graph may serve them)."""
    raw = text.encode("utf-8", "replace").decode("utf-8")  # no lone surrogate in a file
    return '{\n  "version": "7.3",\n  "title": "' + raw + '",\n  "screens": []\n}\n'


def hostile_errors(text: str) -> list[dict[str, Any]]:
    return [
        {
            "error": text,
            "error_type": text,
            "message": text,
            "line_start": 3,
            "line_end": 3,
            "column_start": 3,
            "column_end": 10,
            "pointers": [{"path": text, "line_start": 3, "line_end": 3}],
        },
        {"error": text, "error_type": text, "message": text},  # no position
    ]


def hostile_store() -> tuple[SandboxStore, dict[str, str]]:
    """The store, and each flow id's hostile string."""
    store = build_store("empty", 0, lambda: FIXED_NOW)
    texts: dict[str, str] = {}
    for number, text in enumerate(HOSTILE):
        for account_number, waba in enumerate((PRIMARY_ACCOUNT, SECONDARY_ACCOUNT)):
            flow_id = str(1_000_000_000_000_101 + number + 100 * account_number)
            store.add_flow(
                Flow(
                    id=flow_id,
                    waba_id=waba.id,
                    name=safe_name(text),
                    categories=[text, "OTHER"],
                    status=FlowStatus.DRAFT,
                    created_at=REFERENCE_TIME - 3600 * (number + 1),
                    updated_at=REFERENCE_TIME - 60 * (number + 1),
                    flow_json=flow_json_text(text),
                    validation_errors=hostile_errors(text),
                    json_version=text,
                    data_api_version=text,
                    endpoint_uri=text,
                    preview=Preview(token=f"tok{number}", expires_at=FIXED_NOW + 86_400),
                )
            )
            texts[flow_id] = text
    # One that the destination lacks, so that the migration copies one flow, and one whose
    # status is hostile.
    extra = store.add_flow(
        Flow(
            id="1000000000000999",
            waba_id=SECONDARY_ACCOUNT.id,
            name="Only in the source [/]",
            categories=["OTHER"],
            status=FlowStatus.DRAFT,
            created_at=REFERENCE_TIME,
            updated_at=REFERENCE_TIME,
        )
    )
    texts[extra.id] = extra.name
    store.add_flow(
        Flow(
            id="1000000000000998",
            waba_id=PRIMARY_ACCOUNT.id,
            name="Hostile status",
            categories=["OTHER"],
            status=FlowStatus.DRAFT,
            created_at=REFERENCE_TIME,
            updated_at=REFERENCE_TIME,
        )
    )
    texts["1000000000000998"] = HOSTILE_STATUS
    return store, texts


def _health(text: str) -> dict[str, Any]:
    entity = {
        "entity_type": text,
        "id": text,
        "can_send_message": text,
        "errors": [{"error_code": 131000, "error_description": text, "possible_solution": text}],
        "additional_info": [text],
    }
    return {"can_send_message": text, "entities": [entity]}


def _refusal(text: str) -> httpx.Response:
    body = {
        "error": {
            "message": text,
            "type": "OAuthException",
            "code": 139002,
            "error_user_title": text,
            "error_user_msg": text,
            "fbtrace_id": "Hostile",
        }
    }
    return httpx.Response(400, content=graph_json_bytes(body), headers=_JSON)


_JSON = {"content-type": "application/json; charset=UTF-8"}
_REFUSED = {("POST", "publish"), ("POST", "deprecate"), ("DELETE", "")}


class HostileGraph(httpx.AsyncBaseTransport):
    """The sandbox, with the flow's hostile string in what the sandbox writes itself."""

    def __init__(self, inner: httpx.AsyncBaseTransport, texts: dict[str, str]) -> None:
        self.inner = inner
        self.texts = texts
        self.by_name = {safe_name(text): text for text in texts.values()}

    def _text_of_path(self, request: httpx.Request) -> tuple[str | None, str]:
        segments = request.url.path.strip("/").split("/")
        for index, segment in enumerate(segments):
            if segment in self.texts:
                edge = segments[index + 1] if index + 1 < len(segments) else ""
                return self.texts[segment], edge
        return None, segments[-1] if segments else ""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        text, edge = self._text_of_path(request)
        if text is not None and (request.method, edge) in _REFUSED:
            return _refusal(text)
        response = await self.inner.handle_async_request(request)
        if "json" not in response.headers.get("content-type", "") or "/cdn/" in str(request.url):
            return response
        body = json.loads(await response.aread())
        self._dress(body, text, edge)
        headers = {k: v for k, v in response.headers.items() if k != "content-length"}
        return httpx.Response(response.status_code, content=graph_json_bytes(body), headers=headers)

    def _dress(self, body: Any, text: str | None, edge: str) -> None:
        if not isinstance(body, dict):
            return
        if text is not None and edge == "assets":
            for asset in body.get("data", []):
                asset["name"] = text
            body.setdefault("data", []).append(
                {"name": text, "asset_type": text, "download_url": text}
            )
            return
        for failure in body.get("failed_flows", []):
            hostile = self.by_name.get(failure.get("source_name"), failure.get("source_name"))
            failure["error_code"] = hostile
            failure["error_message"] = hostile
        for node in [body, *body.get("data", [])]:
            if isinstance(node, dict) and node.get("id") in self.texts:
                self._dress_flow(node, self.texts[node["id"]])

    @staticmethod
    def _dress_flow(node: dict[str, Any], text: str) -> None:
        if text is HOSTILE_STATUS and "status" in node:
            node["status"] = HOSTILE_STATUS
        if "health_status" in node:
            node["health_status"] = _health(text)
        if isinstance(node.get("preview"), dict):
            node["preview"]["preview_url"] = text
        if isinstance(node.get("application"), dict):
            node["application"]["name"] = text


def hostile_app() -> tuple[RecordingApp, SandboxStore, dict[str, str]]:
    store, texts = hostile_store()
    transport = HostileGraph(httpx.ASGITransport(app=create_app(store)), texts)
    # An in-process ASGI app at a made-up host: nothing goes over a network.
    app = RecordingApp(account(BASE_URL), http_transport=transport, allow_insecure_http=True)
    return app, store, texts


# --- the verdict ----------------------------------------------------------------------------

# What Textual itself writes around the text: SGR colours and cursor moves.
_TEXTUAL_SEQUENCES = re.compile(r"\x1b\[[0-9;]*[mHJK]|\x1b\[\?[0-9;]*[hl]")


def terminal_output(app: FlowtuiApp) -> tuple[list[str], str]:
    """What the terminal is sent for the whole screen now: the text of every segment that is
    not one of Textual's own control segments, and the whole byte stream."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    texts = [
        segment.text
        for line in update.strips  # type: ignore[attr-defined]
        for strip in line
        for segment in strip
        if not segment.control
    ]
    return texts, update.render_segments(app.console)


def check_terminal(app: FlowtuiApp) -> None:
    """The app runs, nothing failed unexpectedly, and no control character from the text
    reaches the terminal."""
    assert app.is_running and app.return_code is None, "the app stopped"
    unexpected = [m.text for m in app.messages if "did not expect" in m.text]
    assert not unexpected, unexpected
    texts, stream = terminal_output(app)
    for text in texts:
        assert not unsafe_characters(text), f"control character in {text[:80]!r}"
    leftover = _TEXTUAL_SEQUENCES.sub("", stream).replace("\n", "")
    assert not unsafe_characters(leftover), repr(sorted(set(unsafe_characters(leftover))))


def shows(app: FlowtuiApp, text: str, length: int = 12) -> bool:
    """Whether the printable form of ``text`` (its start) is on screen, as written."""
    return marker(text, length) in comparable(unwrapped(screen_text(app)))


def missing(app: FlowtuiApp, texts: list[str], length: int = 12) -> list[str]:
    on_screen = comparable(unwrapped(screen_text(app)))
    return [t[:40] for t in texts if marker(t, length) not in on_screen]
