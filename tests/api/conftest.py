from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import respx

from flowtui.api import FlowsClient, RetryPolicy

TOKEN = "EAAGsecretTOKENvalue1234567890"
BASE = "https://graph.facebook.com/v26.0"
WABA = "102290129340398"


class FakeClock:
    """Time that moves only when the client sleeps: retries run instantly and are observable."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def graph() -> respx.MockRouter:
    # Every request must match a route: an unexpected request fails the test.
    with respx.mock(base_url=BASE, assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
async def client(graph: respx.MockRouter, fake_clock: FakeClock) -> AsyncIterator[FlowsClient]:
    policy = RetryPolicy(sleep=fake_clock.sleep, clock=fake_clock.clock, random=lambda: 0.5)
    async with FlowsClient(TOKEN, waba_id=WABA, retry_policy=policy) as flows:
        yield flows


def graph_error(code: int, message: str, **extra: object) -> dict[str, object]:
    return {
        "error": {
            "message": message,
            "type": "OAuthException",
            "code": code,
            "fbtrace_id": "AbCdEf123",
            **extra,
        }
    }
