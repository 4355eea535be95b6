"""The ``flowtui auth`` and ``flowtui locate`` subcommands.

Only ``argparse`` is imported here; each handler imports :mod:`flowtui.accounts.handlers`
when it runs, so building the parser stays cheap. Handlers return the exit code.

Options that ``flowtui`` also accepts before the subcommand (``--config``, ``--profile``, and
``--waba-id``, ``--base-url``, ... for login) default to ``argparse.SUPPRESS`` here, so a value
given at top level is not overwritten by a subcommand default; handlers read them with
``getattr(args, name, None)``.
"""

from __future__ import annotations

import argparse

TOKEN_HELP = (
    "Tokens: FLOWTUI_TOKEN (or its alias WHATSAPP_ACCESS_TOKEN) overrides the token stored in "
    "the OS keyring. Config file: --config, else FLOWTUI_CONFIG, else config.toml in the user "
    "config directory ('flowtui locate' shows which)."
)


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``auth`` (login, list, status, logout) and ``locate`` to the ``flowtui`` parser."""
    auth = subparsers.add_parser(
        "auth",
        help="log in to WhatsApp Business accounts; tokens go to the OS keyring",
        description="Manage profiles (one per WhatsApp Business account) and their tokens.",
        epilog=TOKEN_HELP,
    )
    actions = auth.add_subparsers(dest="auth_action", metavar="ACTION", required=True)
    _add_login(actions)
    _add_list(actions)
    _add_status(actions)
    _add_logout(actions)
    _add_app_secret(actions)
    _add_locate(subparsers)


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="config file to use (default: FLOWTUI_CONFIG, else the user config directory)",
    )


def _add_profile_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS, help=help_text)


def _add_login(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    login = actions.add_parser(
        "login",
        help="check a token on an account, then save it to the OS keyring and the profile",
        description=(
            "Check the token with one Graph call on the account, then store it in the OS "
            "keyring and the profile in the config file. Nothing is saved if the check fails. "
            "The token is read from a hidden prompt, or from standard input with --token-stdin."
        ),
        epilog=TOKEN_HELP,
    )
    _add_profile_option(login, "profile name to create or update (default: 'default')")
    login.add_argument(
        "--waba-id",
        metavar="ID",
        default=argparse.SUPPRESS,
        help="WhatsApp Business account id (required)",
    )
    login.add_argument(
        "--phone-number-id",
        metavar="ID",
        default=argparse.SUPPRESS,
        help="phone number id (health checks)",
    )
    login.add_argument("--app-id", metavar="ID", default=argparse.SUPPRESS, help="Meta app id")
    login.add_argument(
        "--base-url",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="Graph base URL (default: https://graph.facebook.com)",
    )
    login.add_argument(
        "--api-version",
        metavar="V",
        default=argparse.SUPPRESS,
        help="Graph API version (default: v26.0)",
    )
    login.add_argument(
        "--allow-insecure-http",
        action="store_true",
        default=argparse.SUPPRESS,
        help="allow a plain http:// base URL to another machine (the token then travels in "
        "clear text); the profile remembers it",
    )
    login.add_argument(
        "--token-stdin", action="store_true", help="read the token from standard input"
    )
    login.add_argument("--default", action="store_true", help="make this the default profile")
    login.add_argument(
        "--no-keyring",
        action="store_true",
        help="save the profile only; the token must then come from FLOWTUI_TOKEN",
    )
    _add_config_option(login)
    login.set_defaults(handler=_run_login)


def _add_list(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = actions.add_parser("list", help="list the profiles", description="List the profiles.")
    _add_config_option(listing)
    listing.set_defaults(handler=_run_list)


def _add_status(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    status = actions.add_parser(
        "status",
        help="show the active profile, where its token comes from, and whether it works",
        description=(
            "Show the profile in use, where its token comes from, and check it with one Graph "
            "call. Exits 1 when there is no working token."
        ),
        epilog=TOKEN_HELP,
    )
    _add_profile_option(status, "profile to check (default: the default profile)")
    _add_config_option(status)
    status.set_defaults(handler=_run_status)


def _add_logout(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    logout = actions.add_parser(
        "logout",
        help="remove a profile and its token from the OS keyring",
        description="Remove the token of profile NAME from the OS keyring, then the profile.",
    )
    logout.add_argument("name", metavar="NAME", help="profile to remove")
    logout.add_argument(
        "--force",
        action="store_true",
        help="remove the profile even if the keyring cannot be reached (its token may remain)",
    )
    _add_config_option(logout)
    logout.set_defaults(handler=_run_logout)


def _add_app_secret(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    secret = actions.add_parser(
        "app-secret",
        help="keep the app secret (endpoint request signatures) in the OS keyring",
        description=(
            "Save the secret of the Meta app connected to the profile's flows in the OS "
            "keyring, beside the token: the player and `flowtui endpoint check` sign endpoint "
            "requests with it (X-Hub-Signature-256), as WhatsApp does. Read from a hidden "
            "prompt, or from standard input with --stdin; never from an argument."
        ),
    )
    _add_profile_option(secret, "profile to keep it for (default: the default profile)")
    secret.add_argument("--stdin", action="store_true", help="read it from standard input")
    secret.add_argument("--delete", action="store_true", help="remove the saved app secret")
    _add_config_option(secret)
    secret.set_defaults(handler=_run_app_secret)


def _add_locate(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    locate = subparsers.add_parser(
        "locate",
        help="show the config, data and log paths and the active token source",
        description="Show the files flowtui uses and where the active token comes from.",
        epilog=TOKEN_HELP,
    )
    _add_profile_option(locate, "profile whose token source to show (default: the default)")
    _add_config_option(locate)
    locate.set_defaults(handler=_run_locate)


def _run_login(args: argparse.Namespace) -> int:
    from flowtui.accounts import handlers

    return handlers.run_login(args)


def _run_list(args: argparse.Namespace) -> int:
    from flowtui.accounts import handlers

    return handlers.run_list(args)


def _run_status(args: argparse.Namespace) -> int:
    from flowtui.accounts import handlers

    return handlers.run_status(args)


def _run_logout(args: argparse.Namespace) -> int:
    from flowtui.accounts import handlers

    return handlers.run_logout(args)


def _run_app_secret(args: argparse.Namespace) -> int:
    from flowtui.accounts import handlers

    return handlers.run_app_secret(args)


def _run_locate(args: argparse.Namespace) -> int:
    from flowtui.accounts import handlers

    return handlers.run_locate(args)
