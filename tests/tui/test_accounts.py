"""First-run login (masked token, verified, kept in the keyring) and switching profiles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, Static

from flowtui.accounts.config_file import save_config
from flowtui.accounts.profiles import AccountsConfig, Profile
from flowtui.accounts.token_store import save_token
from flowtui.api import Token
from flowtui.sandbox.demo import PRIMARY_ACCOUNT, SECONDARY_ACCOUNT
from flowtui.sandbox.server import running_sandbox
from flowtui.tui.account_source import AccountSource
from flowtui.tui.app import FlowtuiApp
from flowtui.tui.screens.flow_list import FlowListScreen
from flowtui.tui.screens.login import LoginScreen

from .conftest import SIZE, settle, text_of

GOOD_TOKEN = "EAAGgoodSandboxTOKEN0123456789"


@pytest.fixture
def strict_sandbox() -> Iterator[str]:
    """A sandbox that accepts only GOOD_TOKEN."""
    with running_sandbox(token=GOOD_TOKEN) as url:
        yield url


def first_run_app(config: Path) -> FlowtuiApp:
    return FlowtuiApp(None, None, accounts=AccountSource(config))


async def fill(pilot, values: dict[str, str]) -> None:
    for field_id, value in values.items():
        box = pilot.app.screen.query_one(f"#{field_id}", Input)
        box.value = value
    await pilot.pause()


async def test_first_run_login_verifies_then_keeps_the_token_in_the_keyring(
    strict_sandbox, memory_keyring, tmp_path
):
    config = tmp_path / "config.toml"
    app = first_run_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert app.screen.query_one("#token", Input).password  # masked
        await fill(
            pilot,
            {
                "waba": PRIMARY_ACCOUNT.id,
                "base-url": strict_sandbox,
                "token": "EAAGwrongTOKEN000000000000",
            },
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        banner = text_of(app, "#form-error")
        assert "invalid, expired or revoked" in banner and "Graph error 190" in banner
        assert isinstance(app.screen, LoginScreen)
        assert app.screen.query_one("#waba", Input).value == PRIMARY_ACCOUNT.id  # kept
        assert not config.exists() and not memory_keyring.entries  # nothing saved

        await fill(pilot, {"token": GOOD_TOKEN})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FlowListScreen)
        assert len(app.screen.flows) == 15
    saved = config.read_text()
    assert PRIMARY_ACCOUNT.id in saved and GOOD_TOKEN not in saved
    assert list(memory_keyring.entries.values()) == [GOOD_TOKEN]


async def test_the_palette_switches_profiles_and_reloads(sandbox_url, memory_keyring, tmp_path):
    config = tmp_path / "config.toml"
    first = Profile(name="retail", waba_id=PRIMARY_ACCOUNT.id, base_url=sandbox_url)
    second = Profile(name="europe", waba_id=SECONDARY_ACCOUNT.id, base_url=sandbox_url)
    save_config(
        AccountsConfig().with_profile(first, make_default=True).with_profile(second), config
    )
    for profile in (first, second):
        save_token(profile, Token(GOOD_TOKEN))
    accounts = AccountSource(config)
    token, context = accounts.open_profile(None)
    app = FlowtuiApp(context, token, accounts=accounts)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.screen.flows) == 15
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"switch to profile europe")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FlowListScreen)
        assert app.context.profile == "europe" and app.context.waba_id == SECONDARY_ACCOUNT.id
        assert {f.name for f in app.screen.flows.values()} >= {"Warranty registration"}
        assert len(app.screen.flows) == 4
        bar = app.screen.query_one("#account-bar", Static)
        assert "europe" in str(bar.render()) and "OS keyring" in str(bar.render())
