"""Write an SVG of each screen to screenshots/, from the same deterministic app the snapshot
tests use. Run from the repository root: .venv/bin/python scripts/screenshots.py"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.tui.conftest import SIZE  # noqa: E402
from tests.tui.snapshot_app import (  # noqa: E402
    first_run_app,
    numbered_preview_tokens,
    snapshot_app,
    steps,
)

SHOTS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "flow-list": ((), None),
    "flow-list-filtered": (("slash", *"draft"), None),
    "flow-detail": (("enter", "j"), "Contact us"),
    "new-flow": (("n", *"Loyalty"), None),
    "confirm-publish": (("p",), "Newsletter sign-up"),
    "upload": (("u", *"scripts/flows/loyalty.json"), "Untitled sign-up"),
    "keys": (("question_mark",), "Order feedback"),
    "login": (tuple("100000000000001"), None),
    "assets": (("a",), "Contact us"),
    "migration": (("m", *"100000000000002", "ctrl+n"), None),
    "player": (
        (
            "P",
            *"Eleni",
            "tab",
            *"Pappas",
            "tab",
            "enter",
            "down",
            "enter",
            "tab",
            *"X123",
            "tab",
            "enter",
            *"+30 210 5550",
        ),
        "Ferry ticket booking",
    ),
}


async def shoot(name: str, keys: tuple[str, ...], flow: str | None) -> Path:
    app = first_run_app() if name == "login" else snapshot_app()
    async with app.run_test(size=SIZE) as pilot:
        await steps(*keys, flow=flow)(pilot)
        path = ROOT / "screenshots" / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(path.parent))
    return path


async def shoot_endpoint_check() -> Path:
    """The doctor on an endpoint written in the tests (it gets the IV wrong), with a clock
    that makes every request take 2 ms: the same picture each time."""
    import httpx

    from flowtui.endpoint.doctor import Target
    from flowtui.player.document import FlowDocument
    from flowtui.tui.modals.endpoint_check import EndpointCheckModal
    from tests.endpoint.protocol_endpoint import FLOW, PRIVATE, SECRET, endpoint
    from tests.tui.conftest import settle, until
    from tests.tui.test_endpoint_check import Ticks

    async def target() -> Target:
        return Target(
            "https://endpoint.example.org/flow",
            PRIVATE.public_key(),
            app_secret=SECRET,
            document=FlowDocument.from_json(FLOW),
        )

    app = snapshot_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        modal = EndpointCheckModal(
            "Endpoint check: Appointment dates",
            target,
            clock=Ticks(),
            transport=httpx.ASGITransport(app=endpoint("unflipped")),
        )
        await app.push_screen(modal)
        await until(pilot, lambda: bool(modal.checks) and len(modal.checks) == 7)
        await settle(pilot)
        path = ROOT / "screenshots" / "endpoint-check.svg"
        app.save_screenshot(filename=path.name, path=str(path.parent))
    return path


async def main() -> None:
    with numbered_preview_tokens():
        for name, (keys, flow) in SHOTS.items():
            print(await shoot(name, keys, flow))
        print(await shoot_endpoint_check())


if __name__ == "__main__":
    asyncio.run(main())
