"""What ``flowtui auth ...`` and ``flowtui locate`` do; :mod:`.command` defines their options.

Results go to standard output, problems to standard error, one sentence each with the way
out, and never a control character: what Graph, the config file or the environment said is
printed through :func:`flowtui.text.printable` (an escape sequence shows as ``␛[…``).
Exit codes: 0 done, 1 failed (bad token, keyring or file problem), 2 bad arguments, 130
interrupted. The token is never printed: only :class:`Token`'s redacted form exists in
any string built here.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from typing import TextIO

from flowtui import process_guard
from flowtui.accounts import service
from flowtui.accounts.config_file import ConfigFileError, load_config
from flowtui.accounts.env_token import TOKEN_ENV_VARS, token_variable
from flowtui.accounts.paths import AppPaths, resolve_paths
from flowtui.accounts.profiles import (
    DEFAULT_API_VERSION,
    DEFAULT_BASE_URL,
    DEFAULT_PROFILE_NAME,
    Profile,
    ProfileError,
)
from flowtui.accounts.token_source import TokenOrigin, TokenResolution, resolve_token
from flowtui.accounts.token_store import KeyringUnavailableError, backend_name
from flowtui.api.errors import InvalidTokenError
from flowtui.api.secret import Token
from flowtui.text import printable, printable_lines

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def _out(text: str = "") -> None:
    print(printable_lines(text), file=sys.stdout)


def _err(text: str) -> None:
    print(printable_lines(text), file=sys.stderr)


def _paths(args: argparse.Namespace) -> AppPaths:
    return resolve_paths(getattr(args, "config", None))


def _profile_name(args: argparse.Namespace) -> str | None:
    return getattr(args, "profile", None)


# --- login -----------------------------------------------------------------------------------


class _NoToken(Exception):
    """The token could not be read; the message says why."""


def _read_token(args: argparse.Namespace, profile_name: str, stdin: TextIO) -> Token:
    if args.token_stdin:
        text = stdin.read()
    else:
        if not stdin.isatty():
            raise _NoToken(
                "no terminal to ask for the token: pipe it in and pass --token-stdin, "
                "for example: flowtui auth login --token-stdin --waba-id ID < token.txt"
            )
        text = getpass.getpass(f"Access token for profile '{profile_name}' (input hidden): ")
    try:
        return Token(text)
    except ValueError as exc:
        raise _NoToken(str(exc)) from None


def run_login(args: argparse.Namespace) -> int:
    process_guard.forbid_core_dumps()  # the token is in memory from the prompt on
    paths = _paths(args)
    name = _profile_name(args) or DEFAULT_PROFILE_NAME
    waba_id = getattr(args, "waba_id", None)
    if not waba_id:
        _err("error: auth login needs --waba-id ID (the WhatsApp Business account id)")
        return EXIT_USAGE
    try:
        profile = Profile(
            name=name,
            waba_id=waba_id,
            phone_number_id=getattr(args, "phone_number_id", None),
            app_id=getattr(args, "app_id", None),
            api_version=getattr(args, "api_version", None) or DEFAULT_API_VERSION,
            base_url=getattr(args, "base_url", None) or DEFAULT_BASE_URL,
            allow_insecure_http=bool(getattr(args, "allow_insecure_http", False)),
        )
    except ProfileError as exc:
        _err(f"error: {exc}")
        return EXIT_USAGE
    try:
        token = _read_token(args, name, sys.stdin)
    except _NoToken as exc:
        _err(f"error: {exc}")
        return EXIT_USAGE
    except (KeyboardInterrupt, EOFError):
        _err("\nLogin cancelled; nothing was saved.")
        return EXIT_INTERRUPTED

    try:
        outcome = asyncio.run(
            service.login(
                paths.config_file,
                profile,
                token,
                make_default=args.default,
                store_in_keyring=not args.no_keyring,
            )
        )
    except KeyringUnavailableError as exc:
        _err(f"Login failed: {exc}")
        _err(
            "Nothing was saved. To keep only the profile and take the token from "
            "FLOWTUI_TOKEN, run the login again with --no-keyring."
        )
        return EXIT_FAILED
    except (ConfigFileError, ProfileError) as exc:
        _err(f"Login failed: {exc}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("\nLogin interrupted; run 'flowtui auth status' to see what was saved.")
        return EXIT_INTERRUPTED

    if not outcome.ok:
        _err(f"Login failed: {printable(outcome.verification.message)}")
        if outcome.verification.remedy:
            _err(outcome.verification.remedy)
        _err("Nothing was saved.")
        return EXIT_FAILED

    _out(f"Logged in: profile '{profile.name}', {_account_summary(profile)}.")
    _out(outcome.verification.message)
    if outcome.stored_in is not None:
        _out(f"Token stored in the OS keyring ({outcome.stored_in}).")
    else:
        _out("Token not stored (--no-keyring): set FLOWTUI_TOKEN wherever flowtui runs.")
    _out(f"Profile saved in {paths.config_file}.")
    if outcome.is_default:
        _out(f"'{profile.name}' is the default profile.")
    variable = token_variable()
    if variable is not None:
        _out(f"Note: {variable} is set and takes precedence over the stored token.")
    return EXIT_OK


def _account_summary(profile: Profile) -> str:
    return (
        f"WhatsApp Business account {profile.waba_id} "
        f"on {profile.graph_host} ({profile.api_version})"
    )


# --- list ------------------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    paths = _paths(args)
    try:
        config = service.list_profiles(paths.config_file)
    except ConfigFileError as exc:
        _err(f"error: {exc}")
        return EXIT_FAILED
    if not config.profiles:
        _out(f"No profiles in {paths.config_file}.")
        _out("Add one with: flowtui auth login --profile NAME --waba-id ID")
        return EXIT_OK
    default = config.default
    header = ("", "NAME", "WABA ID", "PHONE NUMBER ID", "APP ID", "API", "HOST")
    rows: list[tuple[str, ...]] = [header]
    for profile in config:
        marker = "*" if default is not None and profile.name == default.name else ""
        cells = (
            profile.name,
            profile.waba_id,
            profile.phone_number_id or "-",
            profile.app_id or "-",
            profile.api_version,
            profile.graph_host,
        )
        # One line per profile, whatever the config file holds.
        rows.append((marker, *(printable(cell) for cell in cells)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        _out("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    _out()
    _out(f"* default profile. Config file: {paths.config_file}")
    return EXIT_OK


# --- status ----------------------------------------------------------------------------------


def run_status(args: argparse.Namespace) -> int:
    process_guard.forbid_core_dumps()  # the token is read from the keyring or the environment
    paths = _paths(args)
    try:
        status = asyncio.run(service.account_status(paths.config_file, _profile_name(args)))
    except (ConfigFileError, ProfileError) as exc:
        _err(f"error: {exc}")
        return EXIT_FAILED
    default_note = " (default)" if status.is_default else ""
    _out(f"Profile: {status.profile.name}{default_note}, {_account_summary(status.profile)}")
    _out(f"Token: {status.token.describe()}")
    if status.verification is None:
        _out("Check: not done, there is no token.")
        if status.token.unusable and status.token.problem:
            _err(status.token.problem)  # a value that is not a token: the sentence says why
            return EXIT_FAILED
        _err(
            f"No token for profile '{status.profile.name}': run 'flowtui auth login "
            f"--profile {status.profile.name} --waba-id {status.profile.waba_id}', "
            f"or set {TOKEN_ENV_VARS[0]}."
        )
        return EXIT_FAILED
    if status.verification.ok:
        _out(f"Check: OK. {status.verification.message}")
        return EXIT_OK
    _out(f"Check: FAILED. {printable(status.verification.message)}")
    if status.token.origin is TokenOrigin.ENVIRONMENT:
        _out(f"The token comes from {status.token.env_var}: update or unset it.")
    elif status.verification.remedy:
        _out(status.verification.remedy)
    return EXIT_FAILED


# --- logout ----------------------------------------------------------------------------------


def run_logout(args: argparse.Namespace) -> int:
    paths = _paths(args)
    try:
        outcome = service.logout(paths.config_file, args.name, force=args.force)
    except KeyringUnavailableError as exc:
        _err(f"Logout failed: {exc}")
        _err(
            f"Profile '{args.name}' was kept so you can try again; pass --force to remove "
            "it anyway (its token may then stay in the keyring)."
        )
        return EXIT_FAILED
    except (ConfigFileError, ProfileError) as exc:
        _err(f"error: {exc}")
        return EXIT_FAILED
    if outcome.token_removed:
        _out(f"Removed the token of '{args.name}' from the OS keyring.")
    elif outcome.keyring_problem:
        _err(f"Warning: the token could not be removed. {outcome.keyring_problem}")
    else:
        _out(f"There was no token for '{args.name}' in the OS keyring.")
    _out(f"Removed profile '{args.name}' from {paths.config_file}.")
    variable = token_variable()
    if variable is not None:
        _out(f"Note: {variable} is still set in this environment.")
    return EXIT_OK


# --- app secret ------------------------------------------------------------------------------


def run_app_secret(args: argparse.Namespace, stdin: TextIO | None = None) -> int:
    """Save (or ``--delete``) the profile's app secret in the OS keyring."""
    from flowtui.accounts.token_store import delete_app_secret, save_app_secret

    process_guard.forbid_core_dumps()
    stdin = stdin or sys.stdin
    paths = _paths(args)
    try:
        profile = load_config(paths.config_file).active(_profile_name(args))
    except (ConfigFileError, ProfileError) as exc:
        _err(f"error: {exc}")
        return EXIT_USAGE
    try:
        if args.delete:
            removed = delete_app_secret(profile)
            _out(
                f"Removed the app secret of '{profile.name}' from the OS keyring."
                if removed
                else f"There was no app secret for '{profile.name}' in the OS keyring."
            )
            return EXIT_OK
        if args.stdin:
            text = stdin.readline()
        elif stdin.isatty():
            text = getpass.getpass(f"App secret for profile '{profile.name}' (input hidden): ")
        else:
            _err("error: no terminal to ask for the app secret: pipe it in and pass --stdin.")
            return EXIT_USAGE
        if not text.strip():
            _err("error: no app secret was given (Meta's App Dashboard shows it: App settings).")
            return EXIT_USAGE
        try:
            secret = Token(text)
        except InvalidTokenError as exc:
            _err(f"error: the app secret contains {exc.problem}: paste it again on one line.")
            return EXIT_USAGE
        save_app_secret(profile, secret)
    except KeyringUnavailableError as exc:
        _err(f"error: {exc}")
        return EXIT_FAILED
    _out(f"Saved the app secret of '{profile.name}' in the OS keyring.")
    return EXIT_OK


# --- locate ----------------------------------------------------------------------------------


def run_locate(args: argparse.Namespace) -> int:
    paths = _paths(args)
    exists = "exists" if paths.config_file.is_file() else "not created yet"
    origin = {"--config": "from --config", "default": "default location"}.get(
        paths.config_origin, f"from {paths.config_origin}"
    )
    _out(f"Config file:   {paths.config_file} ({origin}; {exists})")
    _out(f"Data folder:   {paths.data_dir}")
    _out(f"Log folder:    {paths.log_dir}")
    keyring_problem = None
    try:
        _out(f"Keyring:       {backend_name()}")
    except KeyringUnavailableError as exc:
        keyring_problem = str(exc)
        _out(f"Keyring:       unavailable ({exc.reason})")

    exit_code = EXIT_OK
    profile = None
    try:
        config = load_config(paths.config_file)
        profile = config.active(_profile_name(args))
        _out(f"Profile:       {profile.name}")
    except ProfileError as exc:
        _out(f"Profile:       none ({exc})")
        exit_code = EXIT_FAILED if _profile_name(args) else EXIT_OK
    except ConfigFileError as exc:
        _out("Profile:       unknown, the config file cannot be read")
        _err(f"error: {exc}")
        exit_code = EXIT_FAILED
    _out(f"Token source:  {_token_source(profile, keyring_problem).describe()}")
    return exit_code


def _token_source(profile: Profile | None, keyring_problem: str | None) -> TokenResolution:
    """The token resolution, without a second keyring timeout when it is known to fail."""
    if profile is not None and keyring_problem is not None and token_variable() is None:
        return TokenResolution(token=None, origin=TokenOrigin.NONE, problem="keyring unavailable")
    return resolve_token(profile)
