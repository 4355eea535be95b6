"""Tokens in the OS keyring, one entry per profile, every call bounded by a timeout.

The entry for a profile is service ``flowtui:<graph host>`` (``flowtui:graph.facebook.com``,
or ``flowtui:127.0.0.1:8765`` for a local sandbox), user name = the profile name. The host in
the service keeps sandbox and real tokens apart and reads well in a keyring manager; the
profile name as user lets two profiles on the same account hold different tokens (a system
user's and a person's) and is exactly what ``auth logout NAME`` removes.

A Secret Service that is locked, or absent on a headless machine, can block a call for ever,
so each call runs in a daemon thread and is abandoned after ``timeout`` seconds. Every keyring
failure becomes a :class:`KeyringUnavailableError` naming the remedies; nothing falls back to
plain text.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, TypeVar

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import fail

from flowtui.accounts.profiles import Profile
from flowtui.api.errors import InvalidTokenError
from flowtui.api.secret import Token

SERVICE_PREFIX: Final = "flowtui:"
KEYRING_TIMEOUT_SECONDS: Final = 5.0

T = TypeVar("T")


@dataclass(frozen=True)
class KeyringEntry:
    """Where a profile's token lives in the keyring."""

    service: str
    username: str

    def __str__(self) -> str:
        return f"service {self.service!r}, user {self.username!r}"


APP_SECRET: Final = "app-secret"  # the entry beside the token holding the app's secret


def entry_for(profile: Profile, secret: str | None = None) -> KeyringEntry:
    """The token's entry, or (``secret``: :data:`APP_SECRET`) the one beside it, user
    ``NAME/app-secret`` (a profile name holds no ``/``)."""
    username = profile.name if secret is None else f"{profile.name}/{secret}"
    return KeyringEntry(service=f"{SERVICE_PREFIX}{profile.graph_host}", username=username)


def _remedies() -> str:
    if sys.platform == "darwin":
        store = "unlock the login keychain"
    elif sys.platform == "win32":
        store = "check that Windows Credential Manager is available"
    else:
        store = (
            "start and unlock a Secret Service (gnome-keyring, KWallet or KeePassXC) "
            "in this session's D-Bus"
        )
    return (
        f"To fix it, {store}; or, on CI and headless machines, put the token in the "
        "FLOWTUI_TOKEN environment variable instead"
    )


class KeyringUnavailableError(Exception):
    """The OS keyring cannot be used now; ``reason`` says why, the message how to fix it."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"The OS keyring is not available: {reason}. {_remedies()}.")


def _translate(exc: BaseException, token: Token | None) -> KeyringUnavailableError:
    """A keyring failure as one clear error; never with the token in it."""
    if isinstance(exc, keyring.errors.NoKeyringError):
        reason = "no keyring backend was found on this machine"
    elif isinstance(exc, keyring.errors.KeyringLocked):
        reason = "the keyring is locked and could not be unlocked"
    elif isinstance(exc, keyring.errors.InitError):
        reason = f"the keyring backend could not start ({exc})"
    elif isinstance(exc, keyring.errors.PasswordSetError):
        reason = f"the keyring refused to store the token ({exc})"
    elif isinstance(exc, keyring.errors.PasswordDeleteError):
        reason = f"the keyring refused to delete the token ({exc})"
    else:
        reason = f"the keyring failed ({type(exc).__name__}: {exc})"
    if token is not None:
        reason = token.redact(reason)
    return KeyringUnavailableError(reason)


def _with_backend(action: Callable[[KeyringBackend], T]) -> Callable[[], T]:
    def run() -> T:
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            raise keyring.errors.NoKeyringError("no backend")
        return action(backend)

    return run


def _call(
    action: Callable[[KeyringBackend], T],
    *,
    timeout: float,
    token: Token | None = None,
) -> T:
    """``action(backend)`` in a daemon thread, given up after ``timeout`` seconds."""
    results: list[T] = []
    failures: list[BaseException] = []
    finished = threading.Event()
    work = _with_backend(action)

    def target() -> None:
        try:
            results.append(work())
        except Exception as exc:
            # Translated here, so the backend's exception (whose message or frames may hold
            # the token) never reaches the caller's thread.
            failures.append(_translate(exc, token))
        except BaseException as exc:
            failures.append(exc.with_traceback(None))
        finally:
            finished.set()

    threading.Thread(target=target, name="flowtui-keyring", daemon=True).start()
    if not finished.wait(timeout):
        raise KeyringUnavailableError(
            f"it did not answer within {timeout:g} seconds (a locked Secret Service may be "
            "waiting for a password prompt that cannot be shown)"
        )
    if failures:
        raise failures.pop()
    return results[0]


def read_token(profile: Profile, *, timeout: float = KEYRING_TIMEOUT_SECONDS) -> Token | None:
    """The token stored for ``profile``, or ``None`` when there is none.

    A stored value that cannot be a token (saved by another tool with a line break, say) is
    an :class:`InvalidTokenError` saying how to replace it; it is never sent.
    """
    remedy = (
        f"log in again to replace it (flowtui auth login --profile {profile.name} --waba-id "
        f"{profile.waba_id})"
    )
    return _read(profile, None, "token", remedy, timeout)


def read_app_secret(profile: Profile, *, timeout: float = KEYRING_TIMEOUT_SECONDS) -> Token | None:
    """The secret of the app connected to the profile's flows (endpoint requests are signed
    with it), or None when none was saved."""
    remedy = f"save it again (flowtui auth app-secret --profile {profile.name})"
    return _read(profile, APP_SECRET, "app secret", remedy, timeout)


def _read(
    profile: Profile, secret: str | None, what: str, remedy: str, timeout: float
) -> Token | None:
    entry = entry_for(profile, secret)
    value = _call(lambda kr: kr.get_password(entry.service, entry.username), timeout=timeout)
    if value is None or not value.strip():
        return None
    try:
        return Token(value)
    except InvalidTokenError as error:
        raise InvalidTokenError(
            f"The {what} stored in the OS keyring for profile '{profile.name}' ({entry}) contains "
            f"{error.problem}: {remedy}.",
            problem=error.problem,
        ) from None


def save_token(profile: Profile, token: Token, *, timeout: float = KEYRING_TIMEOUT_SECONDS) -> None:
    """Store ``token`` for ``profile``, then read it back: a backend that drops it is an error."""
    _save(entry_for(profile), token, "token", timeout)


def save_app_secret(
    profile: Profile, secret: Token, *, timeout: float = KEYRING_TIMEOUT_SECONDS
) -> None:
    _save(entry_for(profile, APP_SECRET), secret, "app secret", timeout)


def _save(entry: KeyringEntry, value: Token, what: str, timeout: float) -> None:
    def store_and_check(kr: KeyringBackend) -> bool:
        kr.set_password(entry.service, entry.username, value.reveal())
        return kr.get_password(entry.service, entry.username) == value.reveal()

    if not _call(store_and_check, timeout=timeout, token=value):
        backend = backend_name(timeout=timeout)
        raise KeyringUnavailableError(f"the keyring backend {backend} did not keep the {what}")


def delete_token(profile: Profile, *, timeout: float = KEYRING_TIMEOUT_SECONDS) -> bool:
    """Remove the token stored for ``profile``; ``False`` when there was none."""
    return _delete(entry_for(profile), timeout)


def delete_app_secret(profile: Profile, *, timeout: float = KEYRING_TIMEOUT_SECONDS) -> bool:
    return _delete(entry_for(profile, APP_SECRET), timeout)


def _delete(entry: KeyringEntry, timeout: float) -> bool:
    def delete_if_present(kr: KeyringBackend) -> bool:
        if kr.get_password(entry.service, entry.username) is None:
            return False
        kr.delete_password(entry.service, entry.username)
        return True

    return _call(delete_if_present, timeout=timeout)


def backend_name(*, timeout: float = KEYRING_TIMEOUT_SECONDS) -> str:
    """The keyring backend in use, as ``module.Class``; ``KeyringUnavailableError`` if none."""
    return _call(lambda kr: f"{type(kr).__module__}.{type(kr).__name__}", timeout=timeout)
