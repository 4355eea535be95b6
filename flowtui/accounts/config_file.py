"""Reading and writing the profiles in the config file (TOML).

The file, shared with the rest of the app, looks like::

    default_profile = "work"

    [profiles.work]
    waba_id = "102290129340398"
    phone_number_id = "106540352242922"
    api_version = "v26.0"
    base_url = "https://graph.facebook.com"

It never holds a token: a profile table with a token-like key is refused with a message
saying where tokens go. Other top-level settings are kept when the profiles are written back.
Writes are atomic (a temporary file in the same directory, then ``os.replace``), mode 0600.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from flowtui.accounts.profiles import AccountsConfig, Profile, ProfileError
from flowtui.accounts.toml_writer import dumps

DEFAULT_KEY: Final = "default_profile"
PROFILES_KEY: Final = "profiles"
PROFILE_FIELDS: Final = (
    "waba_id",
    "phone_number_id",
    "app_id",
    "api_version",
    "base_url",
    "allow_insecure_http",
)
BOOLEAN_FIELDS: Final = ("allow_insecure_http",)
REQUIRED_FIELDS: Final = ("waba_id",)
_SECRET_WORDS: Final = ("token", "secret", "password")
# Deeper nesting of tables and arrays than any config needs: refused with a sentence, not a
# RecursionError from the parser (or from the writer, which writes other settings back).
MAX_NESTING: Final = 32
FILE_MODE: Final = 0o600
DIR_MODE: Final = 0o700
HEADER: Final = (
    "flowtui configuration.\n"
    "Access tokens are never stored here: they live in the OS keyring (flowtui auth login)\n"
    "or come from the FLOWTUI_TOKEN environment variable."
)


class ConfigFileError(Exception):
    """The config file cannot be read, understood or written; the message names the file."""


def load_config(path: Path) -> AccountsConfig:
    """The profiles in ``path``; an empty config when the file does not exist yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return AccountsConfig()
    except IsADirectoryError:
        raise ConfigFileError(f"{path} is a directory, not a config file") from None
    except OSError as exc:
        raise ConfigFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    too_deep = ConfigFileError(
        f"{path} nests tables or arrays more than {MAX_NESTING} deep: no flowtui setting is "
        "nested like that; remove the nesting (or the file, to start again)"
    )
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigFileError(f"{path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(f"{path} is not valid TOML: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise too_deep from None
    if nesting_depth(data) > MAX_NESTING:
        raise too_deep
    try:
        return config_from_data(data)
    except ProfileError as exc:
        raise ConfigFileError(f"{path}: {exc}") from None


def nesting_depth(data: object) -> int:
    """How many tables and arrays deep ``data`` goes (a flat table is 1); without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, Mapping):
            children: list[object] = list(value.values())
        elif isinstance(value, list | tuple):
            children = list(value)
        else:
            continue
        deepest = max(deepest, depth)
        if depth > MAX_NESTING:
            return depth  # deep enough to refuse: no need to walk the rest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def config_from_data(data: Mapping[str, object]) -> AccountsConfig:
    """The accounts part of a parsed config file; :class:`ProfileError` when it is wrong."""
    tables = data.get(PROFILES_KEY, {})
    if not isinstance(tables, Mapping):
        raise ProfileError(f"'{PROFILES_KEY}' must be a table of profiles")
    profiles = tuple(_profile_from_table(name, table) for name, table in tables.items())
    default_name = data.get(DEFAULT_KEY)
    if default_name is not None and not isinstance(default_name, str):
        raise ProfileError(f"'{DEFAULT_KEY}' must be a profile name in quotes")
    others = {k: v for k, v in data.items() if k not in (DEFAULT_KEY, PROFILES_KEY)}
    return AccountsConfig(profiles=profiles, default_name=default_name, other_settings=others)


def _profile_from_table(name: str, table: object) -> Profile:
    where = f"profile {name!r}"
    if not isinstance(table, Mapping):
        raise ProfileError(f"{where} must be a table ([{PROFILES_KEY}.{name}])")
    for key in table:
        if any(word in key.lower() for word in _SECRET_WORDS):
            raise ProfileError(
                f"{where} has a '{key}' entry: tokens must not be stored in the config file; "
                "remove it and run 'flowtui auth login' (OS keyring) or set FLOWTUI_TOKEN"
            )
        if key not in PROFILE_FIELDS:
            raise ProfileError(
                f"{where} has an unknown setting '{key}' (known: {', '.join(PROFILE_FIELDS)})"
            )
    for key in REQUIRED_FIELDS:
        if key not in table:
            raise ProfileError(f"{where} has no '{key}'")
    for key, value in table.items():
        if key in BOOLEAN_FIELDS:
            if not isinstance(value, bool):
                raise ProfileError(f"{where}: '{key}' must be true or false (no quotes)")
        elif not isinstance(value, str):
            raise ProfileError(f"{where}: '{key}' must be a string in quotes")
    try:
        return Profile(name=name, **table)
    except ProfileError as exc:
        raise ProfileError(f"{where}: {exc}") from None


def config_to_data(config: AccountsConfig) -> dict[str, object]:
    """The plain data :func:`dumps` writes: other settings first, then the profiles."""
    data: dict[str, object] = dict(config.other_settings)
    if config.default_name is not None:
        data[DEFAULT_KEY] = config.default_name
    data[PROFILES_KEY] = {profile.name: _profile_to_table(profile) for profile in config}
    return data


def _profile_to_table(profile: Profile) -> dict[str, str | bool]:
    table = {key: getattr(profile, key) for key in PROFILE_FIELDS}
    # allow_insecure_http is written only when the user asked for it (True)
    return {key: value for key, value in table.items() if value is not None and value is not False}


def save_config(config: AccountsConfig, path: Path) -> None:
    """Write ``config`` to ``path`` atomically, readable by the owner only."""
    target = path.resolve() if path.is_symlink() else path
    text = dumps(config_to_data(config), header=HEADER)
    try:
        target.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        _write_atomically(target, text.encode("utf-8"))
    except OSError as exc:
        raise ConfigFileError(f"cannot write {path}: {exc.strerror or exc}") from None


def _write_atomically(target: Path, content: bytes) -> None:
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # POSIX; mkstemp already creates the file 0600
                os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
