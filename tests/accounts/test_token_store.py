from __future__ import annotations

import threading
import time

import keyring
import keyring.errors
import pytest
from keyring.backends import fail, null

from flowtui.accounts.profiles import Profile
from flowtui.accounts.token_store import (
    KeyringUnavailableError,
    backend_name,
    delete_token,
    entry_for,
    read_token,
    save_token,
)
from flowtui.api.secret import Token
from tests.memory_keyring import MemoryKeyring

from .conftest import TOKEN, WABA

WORK = Profile(name="work", waba_id=WABA)
SANDBOX = Profile(name="work", waba_id=WABA, base_url="http://127.0.0.1:8765")


def test_entry_is_host_scoped_service_and_profile_name() -> None:
    assert (entry_for(WORK).service, entry_for(WORK).username) == (
        "flowtui:graph.facebook.com",
        "work",
    )
    assert entry_for(SANDBOX).service == "flowtui:127.0.0.1:8765"


def test_save_read_delete(memory_keyring: MemoryKeyring) -> None:
    assert read_token(WORK) is None
    save_token(WORK, Token(TOKEN))
    assert memory_keyring.entries == {("flowtui:graph.facebook.com", "work"): TOKEN}
    token = read_token(WORK)
    assert isinstance(token, Token)
    assert token.reveal() == TOKEN
    assert read_token(SANDBOX) is None  # same name, other host: another entry
    assert delete_token(WORK) is True
    assert delete_token(WORK) is False
    assert memory_keyring.entries == {}


def test_no_backend_names_the_remedies() -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailableError) as caught:
        read_token(WORK)
    message = str(caught.value)
    assert "no keyring backend" in message
    assert "FLOWTUI_TOKEN" in message
    assert "Secret Service" in message


class RaisingKeyring(MemoryKeyring):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (keyring.errors.NoKeyringError("x"), "no keyring backend"),
        (keyring.errors.KeyringLocked("Failed to unlock the collection!"), "locked"),
        (keyring.errors.InitError("dbus gone"), "could not start (dbus gone)"),
        (RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown"), "RuntimeError"),
    ],
)
def test_each_keyring_failure_becomes_one_clear_error(error: Exception, reason: str) -> None:
    keyring.set_keyring(RaisingKeyring(error))
    for call in (lambda: read_token(WORK), lambda: save_token(WORK, Token(TOKEN))):
        with pytest.raises(KeyringUnavailableError, match="FLOWTUI_TOKEN") as caught:
            call()
        assert reason in caught.value.reason
        assert caught.value.__cause__ is None
        assert caught.value.__context__ is None


def test_a_backend_error_quoting_the_token_is_redacted() -> None:
    keyring.set_keyring(RaisingKeyring(keyring.errors.PasswordSetError(f"refused {TOKEN}")))
    with pytest.raises(KeyringUnavailableError) as caught:
        save_token(WORK, Token(TOKEN))
    assert TOKEN not in str(caught.value)
    assert "refused ***" in str(caught.value)


def test_a_backend_that_drops_the_token_is_an_error() -> None:
    keyring.set_keyring(null.Keyring())
    with pytest.raises(KeyringUnavailableError, match=r"null\.Keyring did not keep the token"):
        save_token(WORK, Token(TOKEN))


class HangingKeyring(MemoryKeyring):
    """Like a locked Secret Service waiting for a prompt nobody can see."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait(10)
        return None


def test_a_hanging_keyring_is_abandoned_after_the_timeout() -> None:
    backend = HangingKeyring()
    keyring.set_keyring(backend)
    started = time.monotonic()
    try:
        with pytest.raises(KeyringUnavailableError, match=r"did not answer within 0\.2 seconds"):
            read_token(WORK, timeout=0.2)
    finally:
        backend.release.set()
    assert time.monotonic() - started < 2


def test_backend_name() -> None:
    assert backend_name() == "tests.memory_keyring.MemoryKeyring"
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailableError):
        backend_name()
