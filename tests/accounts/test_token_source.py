from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from flowtui.accounts.profiles import Profile
from flowtui.accounts.token_source import TokenOrigin, resolve_token
from flowtui.accounts.token_store import save_token
from flowtui.api.secret import Token

from .conftest import OTHER_TOKEN, TOKEN, WABA

WORK = Profile(name="work", waba_id=WABA)


def test_keyring_token_when_no_env_var() -> None:
    save_token(WORK, Token(TOKEN))
    found = resolve_token(WORK)
    assert found.origin is TokenOrigin.KEYRING
    assert found.token == Token(TOKEN)
    assert found.describe() == ("OS keyring (service 'flowtui:graph.facebook.com', user 'work')")


def test_env_var_wins_over_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    save_token(WORK, Token(TOKEN))
    monkeypatch.setenv("WHATSAPP_ACCESS_TOKEN", "alias-token")
    monkeypatch.setenv("FLOWTUI_TOKEN", f"  {OTHER_TOKEN}\n")
    found = resolve_token(WORK)
    assert found.origin is TokenOrigin.ENVIRONMENT
    assert found.env_var == "FLOWTUI_TOKEN"
    assert found.token is not None and found.token.reveal() == OTHER_TOKEN
    assert found.describe() == "environment variable FLOWTUI_TOKEN"


def test_alias_is_used_and_blank_primary_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLOWTUI_TOKEN", "   ")
    monkeypatch.setenv("WHATSAPP_ACCESS_TOKEN", OTHER_TOKEN)
    found = resolve_token(None)
    assert (found.origin, found.env_var) == (TokenOrigin.ENVIRONMENT, "WHATSAPP_ACCESS_TOKEN")


def test_explicit_environ_mapping_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLOWTUI_TOKEN", OTHER_TOKEN)
    assert resolve_token(WORK, environ={}).origin is TokenOrigin.NONE


def test_nothing_stored() -> None:
    found = resolve_token(WORK)
    assert found.token is None
    assert found.origin is TokenOrigin.NONE
    assert found.describe().startswith("none (nothing stored in the OS keyring")
    assert resolve_token(None).describe() == "none (no profile)"


def test_unavailable_keyring_is_reported_not_raised() -> None:
    keyring.set_keyring(fail.Keyring())
    found = resolve_token(WORK)
    assert found.origin is TokenOrigin.NONE
    assert found.problem is not None and "FLOWTUI_TOKEN" in found.problem


def test_repr_never_shows_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLOWTUI_TOKEN", TOKEN)
    found = resolve_token(WORK)
    assert TOKEN not in repr(found)
    assert TOKEN not in str(found)
