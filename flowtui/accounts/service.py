"""Account operations shared by the command line and the TUI: login, logout, status, profiles.

Each function takes the config file path explicitly (see :mod:`flowtui.accounts.paths`), so a
screen and a test can point it anywhere. Errors are raised as :class:`ConfigFileError`,
:class:`ProfileError` or :class:`KeyringUnavailableError`, each with a message fit to show; a
token that does not work is not an error but a :class:`VerificationResult`.

The async functions run their keyring calls in a worker thread (``asyncio.to_thread``), so a
slow keyring never blocks the event loop; the plain functions block for at most the keyring
timeout and belong in a thread worker when called from the TUI.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from flowtui.accounts.config_file import load_config, save_config
from flowtui.accounts.profiles import AccountsConfig, Profile
from flowtui.accounts.token_source import TokenResolution, resolve_token
from flowtui.accounts.token_store import (
    KEYRING_TIMEOUT_SECONDS,
    KeyringEntry,
    KeyringUnavailableError,
    delete_app_secret,
    delete_token,
    entry_for,
    save_token,
)
from flowtui.accounts.verify import VerificationResult, verify_token
from flowtui.api.secret import Token

Verifier = Callable[[Profile, Token], Awaitable[VerificationResult]]


@dataclass(frozen=True)
class LoginOutcome:
    """What a login did. Nothing was saved unless ``verification.ok``."""

    profile: Profile
    verification: VerificationResult
    stored_in: KeyringEntry | None = None
    is_default: bool = False

    @property
    def ok(self) -> bool:
        return self.verification.ok


@dataclass(frozen=True)
class LogoutOutcome:
    profile: Profile
    token_removed: bool  # False: there was no keyring entry, or it was left (``force``)
    keyring_problem: str | None = None


@dataclass(frozen=True)
class AccountStatus:
    profile: Profile
    is_default: bool
    token: TokenResolution
    verification: VerificationResult | None  # None when there was no token to check


def list_profiles(config_path: Path) -> AccountsConfig:
    """Every profile in the config file, and the default."""
    return load_config(config_path)


def save_profile(config_path: Path, profile: Profile, *, make_default: bool = False) -> None:
    """Add or replace ``profile`` (without touching any token)."""
    save_config(
        load_config(config_path).with_profile(profile, make_default=make_default), config_path
    )


def set_default_profile(config_path: Path, name: str) -> None:
    save_config(load_config(config_path).with_default(name), config_path)


async def login(
    config_path: Path,
    profile: Profile,
    token: Token,
    *,
    make_default: bool = False,
    store_in_keyring: bool = True,
    verifier: Verifier = verify_token,
    keyring_timeout: float = KEYRING_TIMEOUT_SECONDS,
) -> LoginOutcome:
    """Verify ``token`` on ``profile``'s account; if it works, store it and save the profile.

    The token goes to the OS keyring (unless ``store_in_keyring`` is False, for machines that
    take it from ``FLOWTUI_TOKEN``), never to the config file. When the keyring cannot store
    it, :class:`KeyringUnavailableError` is raised and nothing is saved.
    """
    config = load_config(config_path)  # a broken config file fails before any network call
    verification = await verifier(profile, token)
    if not verification.ok:
        return LoginOutcome(profile=profile, verification=verification)
    previous = config.find(profile.name)
    stored_in = None
    if store_in_keyring:
        await asyncio.to_thread(save_token, profile, token, timeout=keyring_timeout)
        stored_in = entry_for(profile)
    updated = config.with_profile(profile, make_default=make_default)
    try:
        save_config(updated, config_path)
    except Exception:
        if stored_in is not None and previous is None:
            await _forget_quietly(profile, keyring_timeout)
        raise
    if stored_in is not None and previous is not None and entry_for(previous) != stored_in:
        # The profile moved to another host: its old entry would be orphaned.
        await _forget_quietly(previous, keyring_timeout)
    return LoginOutcome(
        profile=profile,
        verification=verification,
        stored_in=stored_in,
        is_default=updated.default_name == profile.name,
    )


async def _forget_quietly(profile: Profile, keyring_timeout: float) -> None:
    with contextlib.suppress(KeyringUnavailableError):
        await asyncio.to_thread(delete_token, profile, timeout=keyring_timeout)


def logout(
    config_path: Path,
    name: str,
    *,
    force: bool = False,
    keyring_timeout: float = KEYRING_TIMEOUT_SECONDS,
) -> LogoutOutcome:
    """Remove the keyring entry of profile ``name``, then the profile.

    When the keyring cannot be reached, :class:`KeyringUnavailableError` is raised and the
    profile is kept, so the command can be run again; ``force`` removes the profile anyway.
    """
    config = load_config(config_path)
    profile = config.get(name)
    problem = None
    try:
        removed = delete_token(profile, timeout=keyring_timeout)
        delete_app_secret(profile, timeout=keyring_timeout)  # (its app secret goes with it)
    except KeyringUnavailableError as exc:
        if not force:
            raise
        removed, problem = False, str(exc)
    save_config(config.without_profile(name), config_path)
    return LogoutOutcome(profile=profile, token_removed=removed, keyring_problem=problem)


async def account_status(
    config_path: Path,
    name: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    verifier: Verifier = verify_token,
    keyring_timeout: float = KEYRING_TIMEOUT_SECONDS,
) -> AccountStatus:
    """The active profile (``name`` or the default), its token's origin, and whether it works."""
    config = load_config(config_path)
    profile = config.active(name)
    resolution = await asyncio.to_thread(
        resolve_token, profile, environ=environ, keyring_timeout=keyring_timeout
    )
    verification = None
    if resolution.token is not None:
        verification = await verifier(profile, resolution.token)
    return AccountStatus(
        profile=profile,
        is_default=config.default is not None and config.default.name == profile.name,
        token=resolution,
        verification=verification,
    )
