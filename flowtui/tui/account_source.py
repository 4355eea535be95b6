"""Where the app's accounts come from: saved profiles and their tokens (the keyring, or the
environment). The login screen and the profile switcher go through here.

Keyring calls block (up to the keyring timeout), so the app calls :meth:`open_profile` from a
thread worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flowtui.api import FlowsClient, Token
from flowtui.tui.context import AccountContext

if TYPE_CHECKING:  # imported when used: keyring is slow to import, and --sandbox never needs it
    from flowtui.accounts.profiles import Profile
    from flowtui.accounts.service import LoginOutcome


class AccountUnavailableError(Exception):
    """A profile that cannot be opened now; the message says why and what to do."""


@dataclass(frozen=True)
class AccountSource:
    config_path: Path
    read_only: bool = False

    def profile_names(self) -> tuple[str, ...]:
        return tuple(profile.name for profile in self.profiles())

    def profiles(self) -> tuple[Profile, ...]:
        """Every saved profile (name, account id, ...): the config file only, no keyring."""
        from flowtui.accounts.config_file import load_config

        return load_config(self.config_path).profiles

    def open_profile(self, name: str | None = None) -> tuple[Token, AccountContext]:
        """The token and account of profile ``name`` (or the default)."""
        from flowtui.accounts.config_file import load_config
        from flowtui.accounts.token_source import resolve_token

        profile = load_config(self.config_path).active(name)
        resolution = resolve_token(profile)
        if resolution.token is None and resolution.unusable and resolution.problem:
            raise AccountUnavailableError(resolution.problem)
        if resolution.token is None:
            raise AccountUnavailableError(
                f"Profile {profile.name!r} has no token ({resolution.problem}): log in again."
            )
        return resolution.token, self.context_for(profile, resolution.describe())

    def context_for(self, profile: Profile, token_source: str) -> AccountContext:
        return AccountContext(
            profile=profile.name,
            waba_id=profile.waba_id,
            api_version=profile.api_version,
            base_url=profile.base_url,
            token_source=token_source,
            phone_number_id=profile.phone_number_id,
            read_only=self.read_only,
            allow_insecure_http=profile.allow_insecure_http,
        )

    async def login(self, profile: Profile, token: Token) -> LoginOutcome:
        """Verify the token on the profile's account; when it works, keep both."""
        from flowtui.accounts.service import login

        return await login(self.config_path, profile, token)


def client_for(context: AccountContext, token: Token) -> FlowsClient:
    return FlowsClient(
        token,
        waba_id=context.waba_id,
        base_url=context.base_url,
        api_version=context.api_version,
        allow_insecure_http=context.allow_insecure_http,
    )
