"""A profile's app secret (it signs endpoint requests), as the player and the endpoint check
read it: from the OS keyring entry beside the profile's token (``flowtui auth app-secret``).
Blocks on the keyring: call it from a thread in async code."""

from __future__ import annotations

from pathlib import Path

from flowtui.accounts.config_file import ConfigFileError, load_config
from flowtui.accounts.profiles import ProfileError
from flowtui.accounts.token_store import read_app_secret


def profile_app_secret(config_path: Path, profile_name: str) -> bytes | None:
    """The secret kept for the profile, or None when there is none or no such profile (the
    sandbox, an account from the command line). :class:`KeyringUnavailableError` and
    :class:`InvalidTokenError` when the keyring cannot give it."""
    try:
        profile = load_config(config_path).get(profile_name)
    except (ConfigFileError, ProfileError):
        return None
    secret = read_app_secret(profile)
    return secret.reveal().encode() if secret is not None else None
