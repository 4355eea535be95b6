"""Sandboxes on real loopback sockets, with httpx clients that speak to them as a Graph client."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from flowtui.sandbox.graph_time import REFERENCE_TIME
from flowtui.sandbox.server import SandboxOptions, SandboxServer
from flowtui.sandbox.store import SandboxStore

TOKEN = "EAAGsandboxTestToken"
VERSION = "v26.0"
WABA = "100000000000001"
OTHER_WABA = "100000000000002"
PHONE = "200000000000001"

# Demo flow ids by status (see flowtui/sandbox/demo.py).
PUBLISHED_IMMUTABLE = "1000000000000101"  # Customer satisfaction survey, older edit rule
DEPRECATED = "1000000000000102"
THROTTLED = "1000000000000103"  # endpoint flow with metrics
PUBLISHED = "1000000000000104"
BLOCKED = "1000000000000105"
DRAFT_FROZEN_VERSION = "1000000000000106"  # Flow JSON 4.0
DRAFT_NO_ENDPOINT = "1000000000000110"  # endpoint flow 6.1 without endpoint_uri
DRAFT_INVALID = "1000000000000113"  # missing version: validation errors
DRAFT_NO_JSON = "1000000000000115"
DRAFT_PUBLISHABLE = "1000000000000108"  # rich text 5.1


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = REFERENCE_TIME) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@dataclass
class Sandbox:
    """A running sandbox: its URLs, its store, its clock and a ready Graph client."""

    server: SandboxServer
    client: httpx.Client
    clock: FakeClock

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @property
    def graph(self) -> str:
        return f"{self.server.base_url}/{VERSION}"

    @property
    def store(self) -> SandboxStore:
        return self.server.store


def start_sandbox(**options: object) -> tuple[SandboxServer, FakeClock]:
    clock = FakeClock()
    server = SandboxServer(SandboxOptions(clock=clock, **options))  # type: ignore[arg-type]
    return server.start(), clock


@pytest.fixture(scope="module")
def module_sandbox() -> Iterator[Sandbox]:
    """One demo sandbox per test module (a server takes ~0.15 s to stop)."""
    server, clock = start_sandbox()
    client = httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {TOKEN}"})
    try:
        yield Sandbox(server, client, clock)
    finally:
        client.close()
        server.stop()


@pytest.fixture
def sandbox(module_sandbox: Sandbox) -> Sandbox:
    """The module's sandbox with fresh demo state and the clock at the reference time."""
    module_sandbox.server.reset()
    module_sandbox.clock.now = REFERENCE_TIME
    return module_sandbox


@pytest.fixture
def shared_sandbox(module_sandbox: Sandbox) -> Sandbox:
    """The module's sandbox as it is, for read-only tests."""
    return module_sandbox


def graph_error(response: httpx.Response) -> dict[str, object]:
    """The ``error`` object of a refusal, after checking the envelope's invariants."""
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["fbtrace_id"] == response.headers["x-fb-trace-id"]
    assert response.headers["content-type"] == "application/json; charset=UTF-8"
    return error
