"""A deterministic app for pictures: the demo sandbox in-process (httpx's ASGI transport) at a
fixed address, with a fixed clock and numbered preview tokens. Used by the snapshot tests and
by scripts/screenshots.py."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from flowtui.api import FlowsClient, Token
from flowtui.sandbox.app import create_app
from flowtui.sandbox.demo import build_store
from flowtui.tui.app import FlowtuiApp

from .conftest import FIXED_NOW, account, go_to, settle, stop_blinking

BASE_URL = "http://sandbox.test"


@contextmanager
def numbered_preview_tokens() -> Iterator[None]:
    """Preview links with tokens 000…1, 000…2, … instead of random ones."""
    import flowtui.sandbox.store as store_module

    counter = iter(range(1, 100_000))
    original = store_module.secrets.token_hex
    store_module.secrets.token_hex = lambda n=16: f"{next(counter):0{2 * n}x}"
    try:
        yield
    finally:
        store_module.secrets.token_hex = original


def snapshot_app(*, read_only: bool = False, extra_flows: int = 0) -> FlowtuiApp:
    store = build_store("demo", extra_flows, lambda: FIXED_NOW)
    transport = httpx.ASGITransport(app=create_app(store))

    def client(context, token):
        return FlowsClient(
            token,
            waba_id=context.waba_id,
            base_url=BASE_URL,
            http_transport=transport,
            # An in-process ASGI app at a made-up host: nothing goes over a network.
            allow_insecure_http=True,
        )

    return FlowtuiApp(
        account(BASE_URL, read_only=read_only),
        Token("snapshot-token"),
        client_factory=client,
        clock=lambda: FIXED_NOW,
    )


def steps(*keys: str, flow: str | None = None):
    async def run_before(pilot) -> None:
        await settle(pilot)
        if flow:
            await go_to(pilot, flow)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        stop_blinking(pilot)
        await pilot.pause()

    return run_before


def first_run_app() -> FlowtuiApp:
    """The app with no profile yet: it opens on the login screen (nothing is saved unless a
    login succeeds, and none is attempted in pictures)."""
    from pathlib import Path

    from flowtui.tui.account_source import AccountSource

    return FlowtuiApp(None, None, accounts=AccountSource(Path("config.toml")))
