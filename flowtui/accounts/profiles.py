"""Profiles: one WhatsApp Business account the app can talk to, and the set of them.

Values only: no file or keyring access here. Both classes are frozen; every change returns a
new value, so a screen holding a config never sees it change underneath.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Final
from urllib.parse import urlsplit

DEFAULT_API_VERSION: Final = "v26.0"
DEFAULT_BASE_URL: Final = "https://graph.facebook.com"
DEFAULT_PROFILE_NAME: Final = "default"

# Profile names are TOML keys and keyring user names: keep them short and unambiguous.
_PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# Graph object ids are numeric; the sandbox may use other URL-safe ids.
_OBJECT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_API_VERSION = re.compile(r"v\d{1,3}\.\d{1,3}")


class ProfileError(ValueError):
    """A profile value or a profile lookup that cannot be accepted; the message says why."""


def check_profile_name(name: str) -> str:
    """``name`` if it can name a profile, else :class:`ProfileError`."""
    if not isinstance(name, str) or not _PROFILE_NAME.fullmatch(name):
        raise ProfileError(
            f"invalid profile name {name!r}: use 1 to 64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return name


def _check_object_id(label: str, value: str) -> str:
    if not isinstance(value, str) or not _OBJECT_ID.fullmatch(value):
        raise ProfileError(f"invalid {label} {value!r}: expected a Graph id such as 1234567890")
    return value


def normalise_base_url(url: str) -> str:
    """``url`` without a trailing slash, or :class:`ProfileError` if it is not an http(s) URL."""
    if not isinstance(url, str):
        raise ProfileError("the base URL must be a string")
    cleaned = url.strip().rstrip("/")
    parts = urlsplit(cleaned)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ProfileError(
            f"invalid base URL {url!r}: expected http(s)://host[:port], "
            f"for example {DEFAULT_BASE_URL}"
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ProfileError(
            f"invalid base URL {url!r}: no query, fragment or credentials in the base URL"
        )
    return cleaned


@dataclass(frozen=True)
class Profile:
    """A named WhatsApp Business account: where to call and with which ids. Never a token."""

    name: str
    waba_id: str
    phone_number_id: str | None = None
    app_id: str | None = None
    api_version: str = DEFAULT_API_VERSION
    base_url: str = DEFAULT_BASE_URL

    def __post_init__(self) -> None:
        check_profile_name(self.name)
        _check_object_id("WhatsApp Business account id", self.waba_id)
        if self.phone_number_id is not None:
            _check_object_id("phone number id", self.phone_number_id)
        if self.app_id is not None:
            _check_object_id("app id", self.app_id)
        if not isinstance(self.api_version, str) or not _API_VERSION.fullmatch(self.api_version):
            raise ProfileError(
                f"invalid API version {self.api_version!r}: expected vMAJOR.MINOR, "
                f"for example {DEFAULT_API_VERSION}"
            )
        object.__setattr__(self, "base_url", normalise_base_url(self.base_url))

    @property
    def graph_host(self) -> str:
        """The base URL's host, with the port when one is given (``127.0.0.1:8765``)."""
        parts = urlsplit(self.base_url)
        host = parts.hostname or ""
        if ":" in host:  # an IPv6 literal keeps its brackets
            host = f"[{host}]"
        return f"{host}:{parts.port}" if parts.port else host


@dataclass(frozen=True)
class AccountsConfig:
    """Every profile, in file order, and which one is the default."""

    profiles: tuple[Profile, ...] = ()
    default_name: str | None = None
    # Top-level settings of the shared config file that belong to other parts of the app;
    # kept so that writing the accounts back does not lose them.
    other_settings: Mapping[str, object] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, repr=False
    )

    def __post_init__(self) -> None:
        names = [profile.name for profile in self.profiles]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ProfileError(f"duplicate profile names: {', '.join(duplicates)}")
        if self.default_name is not None and self.default_name not in names:
            raise ProfileError(f"the default profile {self.default_name!r} is not defined")

    def __iter__(self) -> Iterator[Profile]:
        return iter(self.profiles)

    def __len__(self) -> int:
        return len(self.profiles)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(profile.name for profile in self.profiles)

    def find(self, name: str) -> Profile | None:
        return next((profile for profile in self.profiles if profile.name == name), None)

    def get(self, name: str) -> Profile:
        """The profile called ``name``, or :class:`ProfileError` listing the known ones."""
        profile = self.find(name)
        if profile is None:
            known = ", ".join(self.names) or "none yet"
            raise ProfileError(f"no profile named {name!r} (profiles: {known})")
        return profile

    @property
    def default(self) -> Profile | None:
        """The default profile; the only one when there is a single profile and no default."""
        if self.default_name is not None:
            return self.find(self.default_name)
        return self.profiles[0] if len(self.profiles) == 1 else None

    def active(self, name: str | None = None) -> Profile:
        """The profile ``name``, else the default, else :class:`ProfileError` saying what to do."""
        if name is not None:
            return self.get(name)
        profile = self.default
        if profile is not None:
            return profile
        if not self.profiles:
            raise ProfileError("no profile yet: run 'flowtui auth login --waba-id ID' to add one")
        raise ProfileError(
            f"no default profile: pass --profile NAME (profiles: {', '.join(self.names)})"
        )

    def with_profile(self, profile: Profile, *, make_default: bool = False) -> AccountsConfig:
        """This config with ``profile`` added, or replacing the one of the same name in place.

        The first profile ever saved becomes the default.
        """
        if self.find(profile.name) is None:
            profiles = (*self.profiles, profile)
        else:
            profiles = tuple(profile if p.name == profile.name else p for p in self.profiles)
        default_name = self.default_name
        if make_default or (default_name is None and not self.profiles):
            default_name = profile.name
        return replace(self, profiles=profiles, default_name=default_name)

    def without_profile(self, name: str) -> AccountsConfig:
        """This config without the profile ``name`` (which must exist)."""
        self.get(name)
        profiles = tuple(p for p in self.profiles if p.name != name)
        default_name = None if self.default_name == name else self.default_name
        return replace(self, profiles=profiles, default_name=default_name)

    def with_default(self, name: str) -> AccountsConfig:
        self.get(name)
        return replace(self, default_name=name)
