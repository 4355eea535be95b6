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


async def main() -> None:
    with numbered_preview_tokens():
        for name, (keys, flow) in SHOTS.items():
            print(await shoot(name, keys, flow))


if __name__ == "__main__":
    asyncio.run(main())
