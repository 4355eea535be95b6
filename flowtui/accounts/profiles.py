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

from flowtui.api.errors import InputError, InvalidBaseUrlError
from flowtui.api.inputs import check_api_version, check_base_url, is_loopback_host

DEFAULT_API_VERSION: Final = "v26.0"
DEFAULT_BASE_URL: Final = "https://graph.facebook.com"
DEFAULT_PROFILE_NAME: Final = "default"

# Profile names are TOML keys and keyring user names: keep them short and unambiguous.
_PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# Graph object ids are numeric; the sandbox may use other URL-safe ids.
_OBJECT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


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


def normalise_base_url(url: str, *, allow_insecure_http: bool = False) -> str:
    """``url`` without a trailing slash, or :class:`ProfileError` saying why it can't be used.

    The rule is the client's own (:func:`flowtui.api.inputs.check_base_url`): plain
    ``http://`` only to this machine, unless the profile allows it.
    """
    if not isinstance(url, str):
        raise ProfileError("the base URL must be a string")
    try:
        return check_base_url(
            url,
            allow_insecure_http=allow_insecure_http,
            how_to_allow="log in with --allow-insecure-http if you trust every network in "
            "between (the profile then keeps allow_insecure_http = true)",
        )
    except InvalidBaseUrlError as exc:
        raise ProfileError(f"invalid base URL {url!r}: {exc.reason}") from None


def needs_insecure_http(base_url: str) -> bool:
    """Whether ``base_url`` is plain ``http://`` to another machine."""
    parts = urlsplit(base_url)
    return parts.scheme == "http" and not is_loopback_host(parts.hostname or "")


@dataclass(frozen=True)
class Profile:
    """A named WhatsApp Business account: where to call and with which ids. Never a token."""

    name: str
    waba_id: str
    phone_number_id: str | None = None
    app_id: str | None = None
    api_version: str = DEFAULT_API_VERSION
    base_url: str = DEFAULT_BASE_URL
    # Plain http:// to another machine, asked for by the user (--allow-insecure-http). Kept
    # only where it is needed: with https:// or a loopback address it is always False.
    allow_insecure_http: bool = False

    def __post_init__(self) -> None:
        check_profile_name(self.name)
        _check_object_id("WhatsApp Business account id", self.waba_id)
        if self.phone_number_id is not None:
            _check_object_id("phone number id", self.phone_number_id)
        if self.app_id is not None:
            _check_object_id("app id", self.app_id)
        try:
            object.__setattr__(self, "api_version", check_api_version(self.api_version))
        except InputError:
            raise ProfileError(
                f"invalid API version {self.api_version!r}: expected vMAJOR.MINOR, "
                f"for example {DEFAULT_API_VERSION}"
            ) from None
        if not isinstance(self.allow_insecure_http, bool):
            raise ProfileError("allow_insecure_http must be true or false")
        base_url = normalise_base_url(self.base_url, allow_insecure_http=self.allow_insecure_http)
        object.__setattr__(self, "base_url", base_url)
        object.__setattr__(
            self, "allow_insecure_http", self.allow_insecure_http and needs_insecure_http(base_url)
        )

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
