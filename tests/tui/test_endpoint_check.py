"""``C``: the endpoint doctor on screen, against the sandbox's demo endpoint and a test one."""

from __future__ import annotations

from dataclasses import replace

import httpx

from flowtui.endpoint.doctor import CHECK_NAMES, Target
from flowtui.player.document import FlowDocument
from flowtui.tui.modals.endpoint_check import EndpointCheckModal

from ..endpoint.protocol_endpoint import FLOW, PRIVATE, SECRET, endpoint
from .conftest import SIZE, RecordingApp, account, go_to, settle, text_of, until
from .snapshot_app import snapshot_app


def on_check(pilot) -> bool:
    return isinstance(pilot.app.screen, EndpointCheckModal)


async def test_c_checks_an_endpoint_flow_and_r_runs_again(sandbox_url) -> None:
    context = replace(account(sandbox_url), demo_endpoint_base=f"{sandbox_url}/endpoint")
    app = RecordingApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Appointment dates")
        await pilot.press("C")
        await until(pilot, lambda: on_check(pilot))
        modal = app.screen
        await until(pilot, lambda: "every check passed" in text_of(app, "#check-summary"))
        assert [c.name for c in modal.checks] == list(CHECK_NAMES)
        assert [c.ok for c in modal.checks] == [True, True, True, None, True, True, True]
        assert "INIT: opened screen AVAILABILITY" in text_of(app, "#check-lines")
        first = modal.checks
        await pilot.press("r")  # the checks again, from the first
        await until(pilot, lambda: modal.checks is not first and len(modal.checks) == 7)
        assert "every check passed" in text_of(app, "#check-summary")
        await pilot.press("escape")
        await until(pilot, lambda: not on_check(pilot))


async def test_a_flow_without_an_endpoint_says_so(sandbox_url) -> None:
    app = RecordingApp(account(sandbox_url))  # a real account: no demo endpoint
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Appointment dates")
        await pilot.press("C")
        await until(pilot, lambda: "has no endpoint_uri" in text_of(app, "#check-summary"))


class Ticks:
    """A clock that moves 2 ms each time it is read: every request takes 2 ms."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.002
        return self.now


def test_endpoint_check_snapshot(snap_compare):
    async def target() -> Target:
        return Target(
            "https://endpoint.example.org/flow",
            PRIVATE.public_key(),
            app_secret=SECRET,
            document=FlowDocument.from_json(FLOW),
        )

    async def run_before(pilot) -> None:
        await settle(pilot)
        modal = EndpointCheckModal(
            "Endpoint check: Appointment dates",
            target,
            clock=Ticks(),
            transport=httpx.ASGITransport(app=endpoint("unflipped")),
        )
        await pilot.app.push_screen(modal)
        await until(pilot, lambda: "a check failed" in text_of(pilot.app, "#check-summary"))
        await settle(pilot)

    assert snap_compare(snapshot_app(), run_before=run_before, terminal_size=SIZE)
