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

from flowtui.accounts.env_token import token_from_environment, token_variable
from flowtui.accounts.profiles import Profile
from flowtui.accounts.token_store import (
    KEYRING_TIMEOUT_SECONDS,
    KeyringEntry,
    KeyringUnavailableError,
    entry_for,
    read_token,
)
from flowtui.api.errors import InvalidTokenError
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
    # A value was found (in ``env_var``, or the keyring entry) but it cannot be a token; then
    # ``problem`` is the whole sentence, with the way out.
    unusable: bool = False

    @property
    def found(self) -> bool:
        return self.token is not None

    def describe(self) -> str:
        """Where the token comes from, in words, e.g. ``environment variable FLOWTUI_TOKEN``."""
        if self.origin is TokenOrigin.ENVIRONMENT:
            return f"environment variable {self.env_var}"
        if self.origin is TokenOrigin.KEYRING:
            return f"OS keyring ({self.keyring_entry})"
        if self.unusable:
            where = self.env_var or f"the OS keyring ({self.keyring_entry})"
            return f"none ({where} does not hold a usable token)"
        return f"none ({self.problem})" if self.problem else "none"


def resolve_token(
    profile: Profile | None,
    *,
    environ: Mapping[str, str] | None = None,
    keyring_timeout: float = KEYRING_TIMEOUT_SECONDS,
) -> TokenResolution:
    """The token ``profile`` should use right now, following the precedence above.

    A variable or keyring entry holding what cannot be a token gives no token, with the
    sentence saying so as ``problem`` (and ``env_var`` set when the variable is to blame).
    """
    try:
        from_env = token_from_environment(environ)
    except InvalidTokenError as exc:
        return TokenResolution(
            token=None,
            origin=TokenOrigin.NONE,
            env_var=token_variable(environ),
            problem=str(exc),
            unusable=True,
        )
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
    except InvalidTokenError as exc:
        return TokenResolution(
            token=None,
            origin=TokenOrigin.NONE,
            keyring_entry=entry,
            problem=str(exc),
            unusable=True,
        )
    if stored is None:
        return TokenResolution(
            token=None,
            origin=TokenOrigin.NONE,
            keyring_entry=entry,
            problem=f"nothing stored in the OS keyring ({entry})",
        )
    return TokenResolution(token=stored, origin=TokenOrigin.KEYRING, keyring_entry=entry)
