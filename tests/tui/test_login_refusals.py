"""The login screen refuses a token with a control character and plain http:// to another
machine, in sentences that quote none of the token, before any request (issue #12, items 4
and 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from flowtui.sandbox.demo import PRIMARY_ACCOUNT
from flowtui.tui.account_source import AccountSource
from flowtui.tui.app import FlowtuiApp
from flowtui.tui.screens.login import LoginScreen

from .conftest import SIZE, settle, text_of

HALF = "EAAGfirstHALF0123"


async def submit(tmp_path: Path, values: dict[str, str]) -> tuple[str, bool]:
    """The banner after submitting the login form with ``values``, and whether a login
    (a token check) was attempted."""
    app = FlowtuiApp(None, None, accounts=AccountSource(tmp_path / "config.toml"))
    attempts: list[object] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LoginScreen)
        screen.log_in = lambda profile, token: attempts.append(profile)  # type: ignore[method-assign]
        for field_id, value in {"waba": PRIMARY_ACCOUNT.id, **values}.items():
            screen.query_one(f"#{field_id}", Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        return text_of(app, "#form-error"), bool(attempts)


@pytest.mark.parametrize(
    ("inside", "said"),
    [("\x07", "a control character (U+0007) at position 18"), ("\u200b", "an invisible")],
)
async def test_a_token_with_a_control_character_is_refused_without_quoting_it(
    tmp_path: Path, inside: str, said: str
) -> None:
    banner, attempted = await submit(
        tmp_path, {"base-url": "http://127.0.0.1:9", "token": f"{HALF}{inside}EAAGmore"}
    )
    assert f"The access token contains {said}" in banner
    assert HALF not in banner and "EAAG" not in banner
    assert not attempted


async def test_plain_http_to_another_machine_is_refused_and_says_where_to_allow_it(
    tmp_path: Path,
) -> None:
    banner, attempted = await submit(
        tmp_path, {"base-url": "http://10.1.2.3:8765", "token": f"{HALF}EAAGmore"}
    )
    text = " ".join(banner.split())
    assert "is plain http:// to 10.1.2.3, which is not this machine" in text
    assert "the access token would travel in clear text" in text
    assert "flowtui auth login --allow-insecure-http" in text
    assert not attempted


async def test_a_base_url_that_is_not_a_url_is_said_in_full(tmp_path: Path) -> None:
    banner, attempted = await submit(
        tmp_path, {"base-url": "http://[::1", "token": f"{HALF}EAAGmore"}
    )
    text = " ".join(banner.split())
    assert "its host cannot be read: an IPv6 address goes in square brackets, closed." in text
    assert not attempted
