"""First-run login (masked token, verified, kept in the keyring) and switching profiles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
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

from .conftest import SIZE, palette, settle, text_of

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
        await palette(pilot, "switch to profile europe", "Switch to profile europe")
        assert isinstance(app.screen, FlowListScreen)
        assert app.context.profile == "europe" and app.context.waba_id == SECONDARY_ACCOUNT.id
        assert {f.name for f in app.screen.flows.values()} >= {"Warranty registration"}
        assert len(app.screen.flows) == 4
        bar = app.screen.query_one("#account-bar", Static)
        assert "europe" in str(bar.render()) and "OS keyring" in str(bar.render())


async def _open_login_from_the_palette(pilot) -> LoginScreen:
    await palette(pilot, "log in to another account", "Log in to another account")
    screen = pilot.app.screen
    assert isinstance(screen, LoginScreen)
    return screen


def _saved_default(config: Path, sandbox_url: str) -> AccountSource:
    default = Profile(name="default", waba_id=PRIMARY_ACCOUNT.id, base_url=sandbox_url)
    save_config(AccountsConfig().with_profile(default, make_default=True), config)
    save_token(default, Token(GOOD_TOKEN))
    return AccountSource(config)


async def test_another_account_needs_a_new_profile_name(sandbox_url, memory_keyring, tmp_path):
    config = tmp_path / "config.toml"
    accounts = _saved_default(config, sandbox_url)
    token, context = accounts.open_profile(None)
    app = FlowtuiApp(context, token, accounts=accounts)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        login = await _open_login_from_the_palette(pilot)
        assert login.query_one("#profile", Input).value == ""  # not prefilled with "default"
        assert "Saved profiles: default" in text_of(app, "#login-hint")
        await fill(
            pilot,
            {"waba": SECONDARY_ACCOUNT.id, "base-url": sandbox_url, "token": GOOD_TOKEN},
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is login  # nothing saved without a name
        assert "Name the new profile (saved already: default)" in text_of(app, "#form-error")

        await fill(pilot, {"profile": "europe"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FlowListScreen)
        assert app.context.profile == "europe"
    saved = AccountSource(config).profiles()
    assert [(p.name, p.waba_id) for p in saved] == [
        ("default", PRIMARY_ACCOUNT.id),
        ("europe", SECONDARY_ACCOUNT.id),
    ]


async def test_reusing_a_profile_name_asks_first_naming_what_it_replaces(
    sandbox_url, memory_keyring, tmp_path
):
    from flowtui.tui.modals.confirm import ConfirmModal

    from .conftest import screen_text, unwrapped

    config = tmp_path / "config.toml"
    accounts = _saved_default(config, sandbox_url)
    token, context = accounts.open_profile(None)
    app = FlowtuiApp(context, token, accounts=accounts)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open_login_from_the_palette(pilot)
        values = {"waba": SECONDARY_ACCOUNT.id, "base-url": sandbox_url, "token": GOOD_TOKEN}
        await fill(pilot, {"profile": "default", **values})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        shown = unwrapped(screen_text(app))
        assert "Replace profile “default”?" in shown
        assert f"It holds account {PRIMARY_ACCOUNT.id} at {sandbox_url}" in shown
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)  # back to the form, everything typed kept
        assert app.screen.query_one("#waba", Input).value == SECONDARY_ACCOUNT.id
        assert AccountSource(config).profiles()[0].waba_id == PRIMARY_ACCOUNT.id  # untouched

        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, FlowListScreen)
    assert [(p.name, p.waba_id) for p in AccountSource(config).profiles()] == [
        ("default", SECONDARY_ACCOUNT.id)
    ]
