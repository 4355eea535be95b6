"""Fixtures for driving the app with Pilot against a real sandbox over loopback HTTP."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from flowtui.api import Flow, FlowsClient, Token
from flowtui.sandbox.demo import PRIMARY_ACCOUNT
from flowtui.sandbox.graph_time import REFERENCE_TIME
from flowtui.sandbox.server import running_sandbox
from flowtui.tui.app import FlowtuiApp
from flowtui.tui.context import AccountContext
from flowtui.tui.first_page import EarlyPage
from tests.terminal import flowtui  # noqa: F401 (a fixture: the app in a pseudo-terminal)

SIZE = (120, 40)
TOKEN = "tui-test-token-0123456789"
# A fixed clock one day after the demo data's reference time: expiry dates never move.
FIXED_NOW = REFERENCE_TIME + 24 * 3600


@pytest.fixture
def sandbox_url() -> Iterator[str]:
    with running_sandbox(clock=lambda: FIXED_NOW) as url:
        yield url


def account(base_url: str, *, read_only: bool = False) -> AccountContext:
    return AccountContext(
        profile="test",
        waba_id=PRIMARY_ACCOUNT.id,
        api_version="v26.0",
        base_url=base_url,
        token_source="test",
        phone_number_id=PRIMARY_ACCOUNT.phone_number_id,
        read_only=read_only,
    )


class RecordingApp(FlowtuiApp):
    """The real app, with the browser replaced by a list of opened URLs."""

    def __init__(
        self,
        context: AccountContext,
        *,
        early_page: EarlyPage | None = None,
        **client_options: object,
    ) -> None:
        super().__init__(
            context,
            Token(TOKEN),
            client_factory=lambda c, token: FlowsClient(
                token,
                waba_id=c.waba_id,
                base_url=c.base_url,
                **client_options,  # type: ignore[arg-type]
            ),
            early_page=early_page,
        )
        self.opened: list[str] = []

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append(url)

    def toasts(self) -> list[str]:
        return [f"{n.title}|{n.message}" for n in self._notifications]


@pytest.fixture
def make_app(sandbox_url: str):
    def make(*, read_only: bool = False) -> RecordingApp:
        return RecordingApp(account(sandbox_url, read_only=read_only))

    return make


@pytest.fixture
async def api(sandbox_url: str) -> AsyncIterator[FlowsClient]:
    """A second client on the same sandbox, to check what the app did."""
    async with FlowsClient(TOKEN, waba_id=PRIMARY_ACCOUNT.id, base_url=sandbox_url) as client:
        yield client


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and the screen catch up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def flow_named(api: FlowsClient, name: str) -> Flow:
    async for flow in api.list_flows():
        if flow.name == name:
            return flow
    raise AssertionError(f"no flow named {name!r}")


async def go_to(pilot: Pilot[None], name: str) -> None:
    """Move the list cursor to the flow called ``name``."""
    screen = pilot.app.screen
    target = next(f.id for f in screen.flows.values() if f.name == name)  # type: ignore[attr-defined]
    assert screen.table.select_flow(target)  # type: ignore[attr-defined]
    await pilot.pause()


def stop_blinking(pilot: Pilot[None]) -> None:
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False


def text_of(app: FlowtuiApp, selector: str) -> str:
    """The plain text a Static on the current screen shows."""
    from rich.console import Console

    console = Console(width=200, color_system=None, file=io.StringIO(), record=True)
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


def screen_text(app: FlowtuiApp) -> str:
    """What the terminal shows now, as plain text lines (the screen and the ones under it)."""
    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def unwrapped(text: str) -> str:
    """Screen text with line breaks and the borders around it folded into single spaces."""
    return " ".join(
        " ".join(line.strip(" ▊▎▔▁│┃║▌▐╭╮╰╯─━█▇▆▅▄▃▂").split()) for line in text.splitlines()
    ).strip()


async def until(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 10) -> None:
    """Poll until ``condition`` holds (for what ``settle`` can't wait on: a worker waiting on
    a modal, the palette's search, a spinner's next frame)."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"still on {pilot.app.screen!r}; toasts: {pilot.app.toasts()}")  # type: ignore[attr-defined]


async def palette(pilot: Pilot[None], query: str, command: str) -> None:
    """Type ``query`` into the command palette and run ``command`` once it is offered."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await pilot.press(*query)
    await until(pilot, lambda: command in screen_text(pilot.app))  # type: ignore[arg-type]
    await pilot.press("enter")
    await settle(pilot)
