"""Which token a profile uses, and where it came from.

Precedence, first found wins:

1. ``FLOWTUI_TOKEN``, then its alias ``WHATSAPP_ACCESS_TOKEN`` (CI and headless machines);
2. the OS keyring entry of the profile (see :mod:`flowtui.accounts.token_store`);
3. none: the caller offers a login.

A keyring that cannot be reached is not an error here: the resolution says "none" and carries
the reason, so a screen can show it next to the login prompt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from flowtui.accounts.env_token import token_from_environment
from flowtui.accounts.profiles import Profile
from flowtui.accounts.token_store import (
    KEYRING_TIMEOUT_SECONDS,
    KeyringEntry,
    KeyringUnavailableError,
    entry_for,
    read_token,
)
from flowtui.api.secret import Token


class TokenOrigin(StrEnum):
    ENVIRONMENT = "environment"
    KEYRING = "keyring"
    NONE = "none"


@dataclass(frozen=True)
class TokenResolution:
    """A token (redacted everywhere) and where it came from; ``token`` is None when not found."""

    token: Token | None
    origin: TokenOrigin
    env_var: str | None = None
    keyring_entry: KeyringEntry | None = None
    problem: str | None = None

    @property
    def found(self) -> bool:
        return self.token is not None

    def describe(self) -> str:
        """Where the token comes from, in words, e.g. ``environment variable FLOWTUI_TOKEN``."""
        if self.origin is TokenOrigin.ENVIRONMENT:
            return f"environment variable {self.env_var}"
        if self.origin is TokenOrigin.KEYRING:
            return f"OS keyring ({self.keyring_entry})"
        return f"none ({self.problem})" if self.problem else "none"


def resolve_token(
    profile: Profile | None,
    *,
    environ: Mapping[str, str] | None = None,
    keyring_timeout: float = KEYRING_TIMEOUT_SECONDS,
) -> TokenResolution:
    """The token ``profile`` should use right now, following the precedence above."""
    from_env = token_from_environment(environ)
    if from_env is not None:
        token, name = from_env
        return TokenResolution(token=token, origin=TokenOrigin.ENVIRONMENT, env_var=name)
    if profile is None:
        return TokenResolution(token=None, origin=TokenOrigin.NONE, problem="no profile")
    entry = entry_for(profile)
    try:
        stored = read_token(profile, timeout=keyring_timeout)
    except KeyringUnavailableError as exc:
        return TokenResolution(
            token=None, origin=TokenOrigin.NONE, keyring_entry=entry, problem=str(exc)
        )
    if stored is None:
        return TokenResolution(
            token=None,
            origin=TokenOrigin.NONE,
            keyring_entry=entry,
            problem=f"nothing stored in the OS keyring ({entry})",
        )
    return TokenResolution(token=stored, origin=TokenOrigin.KEYRING, keyring_entry=entry)
