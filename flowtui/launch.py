"""``flowtui`` with no subcommand: find the account (sandbox, flags or profile) and run the app.

Precedence: ``--sandbox`` > ``--base-url`` with ``--waba-id`` (token from FLOWTUI_TOKEN or
WHATSAPP_ACCESS_TOKEN) > ``--profile NAME`` > the default profile.
"""

from __future__ import annotations

import argparse
import os
import select
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from functools import partial
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from flowtui.api import Token
    from flowtui.tui.account_source import AccountSource
    from flowtui.tui.context import AccountContext

SANDBOX_TOKEN = "sandbox-token"
READY_TIMEOUT_SECONDS = 20.0


def add_app_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="run against a local sandbox of the Flows Graph API (no Meta account needed)",
    )
    from flowtui.sandbox.command import flow_count

    parser.add_argument(
        "--sandbox-flows",
        type=flow_count,
        default=0,
        metavar="N",
        help="with --sandbox: add N generated flows to the demo account",
    )
    parser.add_argument("--profile", metavar="NAME", help="the saved profile to use")
    parser.add_argument(
        "--base-url", metavar="URL", help="Graph base URL (with --waba-id; token from env)"
    )
    parser.add_argument("--waba-id", metavar="ID", help="WhatsApp Business account id")
    parser.add_argument("--phone-number-id", metavar="ID", help="phone number for health checks")
    parser.add_argument("--api-version", metavar="V", default=None, help="Graph API version")
    parser.add_argument(
        "--read-only", action="store_true", help="disable every action that changes something"
    )
    parser.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="allow a plain http:// --base-url to another machine (the token then travels in "
        "clear text); loopback addresses never need it",
    )


def run_app(args: argparse.Namespace) -> int:
    """Run the app for the account the arguments name; the exit status (non-zero after a
    crash, 2 for arguments that cannot work, said in one line before anything is sent)."""
    from flowtui import process_guard

    process_guard.forbid_core_dumps()  # before the token is read: a core file would hold it
    with ExitStack() as stack:
        # Start the sandbox first: it boots on the other core while this process imports.
        sandbox = stack.enter_context(sandbox_process(args.sandbox_flows)) if args.sandbox else None

        # httpx imports its optional command line (click, rich.progress, pygments) whenever
        # they are installed; the app never uses it, and it costs ~50 ms of start-up.
        sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

        from flowtui import applog
        from flowtui.accounts.paths import resolve_config_file, resolve_paths
        from flowtui.api import DEFAULT_API_VERSION, Token
        from flowtui.tui.account_source import AccountSource, client_for
        from flowtui.tui.context import AccountContext

        refused = check_arguments(args)
        if refused:
            print(f"flowtui: {refused}", file=sys.stderr)
            return 2
        accounts = AccountSource(resolve_config_file(args.config)[0], read_only=args.read_only)
        token: Token | None
        context: AccountContext | None
        if sandbox is not None:
            from flowtui.sandbox.demo_ids import (
                DEMO_ENDPOINT_PATH,
                PRIMARY_PHONE_NUMBER_ID,
                PRIMARY_WABA_ID,
            )

            token = Token(SANDBOX_TOKEN)
            context = AccountContext(
                profile="sandbox",
                waba_id=PRIMARY_WABA_ID,
                api_version=args.api_version or DEFAULT_API_VERSION,
                base_url=sandbox.url,
                token_source="sandbox (none needed)",
                phone_number_id=PRIMARY_PHONE_NUMBER_ID,
                read_only=args.read_only,
                demo_endpoint_base=sandbox.url + DEMO_ENDPOINT_PATH,
            )
        elif args.base_url or args.waba_id:
            try:
                token, context = environment_account(args, need_waba=True)
            except AccountRefusedError as error:
                print(f"flowtui: {error}", file=sys.stderr)
                return 2
        else:
            resolved = _from_profile(args, accounts)
            if resolved is None:
                return 2
            token, context = resolved  # (None, None): no profile yet, the app asks to log in

        # Ask for the first page now, on a thread, while Textual is imported and starts up.
        from flowtui.tui.first_page import EarlyPage

        early = None
        if context is not None and token is not None:
            early = EarlyPage(partial(client_for, context, token)).start()

        from flowtui.tui.app import FlowtuiApp

        if sandbox is not None:
            problem = sandbox.wait_ready()  # booted meanwhile on the other core
            if problem:
                print(f"flowtui: the sandbox could not start: {problem}", file=sys.stderr)
                return 1
        log_file = applog.configure(resolve_paths(args.config).log_dir)
        app = FlowtuiApp(context, token, accounts=accounts, early_page=early, log_file=log_file)
        app.run()
    # Textual sets 1 after an unhandled exception (its traceback is printed on the way out);
    # None would mean the app never got to run.
    return 1 if app.return_code is None else app.return_code


def check_arguments(args: argparse.Namespace) -> str:
    """Why the account arguments cannot work, as one sentence; '' when they can.

    Checked before anything starts, with the rules the client applies itself, so a typing
    mistake is a line on the terminal instead of a traceback or a request to the wrong place.
    """
    from flowtui.api import inputs
    from flowtui.api.errors import InputError

    try:
        if args.base_url is not None:
            inputs.check_base_url(args.base_url, allow_insecure_http=args.allow_insecure_http)
        if args.waba_id is not None:
            inputs.check_id(args.waba_id, "WhatsApp Business account id (--waba-id)")
        if args.phone_number_id is not None:
            inputs.check_id(args.phone_number_id, "phone number id (--phone-number-id)")
        if args.api_version is not None:
            inputs.check_api_version(args.api_version)
    except InputError as error:
        return str(error)
    return ""


class SandboxChild:
    """The sandbox process started by :func:`sandbox_process`."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, errors: IO[bytes]) -> None:
        self.process = process
        self.url = url
        self._errors = errors
        self.reported = False

    def wait_ready(self, timeout: float = READY_TIMEOUT_SECONDS) -> str:
        """'' once the sandbox serves (it prints its banner), else why it could not start.

        Called after the app's imports, which take about as long as the sandbox's boot, so
        this rarely waits; a sandbox that fails is reported before the app takes the screen.
        """
        assert self.process.stdout is not None
        stdout = self.process.stdout.fileno()
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            if select.select([stdout], [], [], left)[0]:
                if os.read(stdout, 4096):
                    return ""  # the first line of the banner: it is serving
                break  # end of file: it exited
        else:
            return f"it did not answer within {timeout:.0f} s"
        self.process.wait()
        self.reported = True
        return self.error_output() or f"it exited with code {self.process.returncode}"

    def error_output(self) -> str:
        self._errors.seek(0)
        lines = self._errors.read().decode(errors="replace").strip().splitlines()
        return lines[-1].removeprefix("flowtui sandbox: ") if lines else ""


@contextmanager
def sandbox_process(extra_flows: int, *, data: str = "demo") -> Iterator[SandboxChild]:
    """A sandbox in a process of its own for the ``with`` block, started at once.

    The port is bound here and the listening socket handed to the child, so the app starts
    (and sends its first request, which waits in the listen backlog) while the sandbox is still
    importing on the other core. The child stops when this process closes its stdin or dies.
    """
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    command = [sys.executable, "-m", "flowtui", "sandbox", "serve", "--fd", str(listener.fileno())]
    command += ["--stop-on-stdin-eof", "--flows", str(extra_flows), "--data", data]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            pass_fds=[listener.fileno()],
        )
        listener.close()  # the child holds the only copy: if it dies, connections are refused
        child = SandboxChild(process, f"http://127.0.0.1:{port}", errors)
        try:
            yield child
        finally:
            assert process.stdin is not None and process.stdout is not None
            process.stdin.close()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            process.stdout.close()
            if process.returncode != 0 and not child.reported:
                print(f"flowtui: the sandbox stopped: {child.error_output()}", file=sys.stderr)


class AccountRefusedError(Exception):
    """Why the arguments name no account a command can use, as a sentence."""


def environment_account(
    args: argparse.Namespace, *, need_waba: bool
) -> tuple[Token, AccountContext]:
    """The account of ``--base-url`` (and ``--waba-id``), its token from the environment."""
    from flowtui.accounts.env_token import token_from_environment
    from flowtui.api import DEFAULT_API_VERSION
    from flowtui.api.errors import InvalidTokenError
    from flowtui.tui.context import AccountContext

    if not args.base_url or (need_waba and not args.waba_id):
        raise AccountRefusedError("--base-url and --waba-id go together.")
    try:
        found = token_from_environment()
    except InvalidTokenError as error:
        raise AccountRefusedError(str(error)) from None
    if found is None:
        raise AccountRefusedError(
            "no token: set FLOWTUI_TOKEN (or WHATSAPP_ACCESS_TOKEN) to a token for --base-url "
            "(a blank value counts as unset), or log in with `flowtui auth login`."
        )
    token, variable = found
    return token, AccountContext(
        profile="(command line)",
        waba_id=args.waba_id or "",
        api_version=args.api_version or DEFAULT_API_VERSION,
        base_url=args.base_url,
        token_source=variable,
        phone_number_id=args.phone_number_id,
        read_only=args.read_only,
        allow_insecure_http=args.allow_insecure_http,
    )


def command_account(args: argparse.Namespace) -> tuple[Token, AccountContext]:
    """The account a one-shot command talks to: ``--base-url`` with the token from the
    environment, else ``--profile`` or the default profile (its token from the keyring)."""
    from flowtui import applog
    from flowtui.accounts.paths import resolve_config_file, resolve_paths
    from flowtui.tui.account_source import AccountSource

    applog.configure(resolve_paths(args.config).log_dir)  # its requests logged, as the app's
    refused = check_arguments(args)
    if refused:
        raise AccountRefusedError(refused)
    if args.base_url or args.waba_id:
        return environment_account(args, need_waba=False)
    accounts = AccountSource(resolve_config_file(args.config)[0], read_only=args.read_only)
    found = profile_account(args, accounts)
    if found is None:
        raise AccountRefusedError(
            "no account yet: log in with `flowtui auth login`, or give --base-url (its token "
            "in FLOWTUI_TOKEN)."
        )
    return found


def _from_profile(
    args: argparse.Namespace, accounts: AccountSource
) -> tuple[Token | None, AccountContext | None] | None:
    """The token and account of ``--profile`` or the default profile; (None, None) when there is
    no profile yet (the app then opens its login screen); None after saying why it failed."""
    try:
        found = profile_account(args, accounts)
    except AccountRefusedError as error:
        print(f"flowtui: {error}", file=sys.stderr)
        return None
    return found if found is not None else (None, None)


def profile_account(
    args: argparse.Namespace, accounts: AccountSource
) -> tuple[Token, AccountContext] | None:
    """The token and account of ``--profile`` or the default profile; None when there is no
    profile yet."""
    from flowtui.accounts.config_file import ConfigFileError, load_config
    from flowtui.accounts.profiles import ProfileError
    from flowtui.accounts.token_store import KeyringUnavailableError
    from flowtui.tui.account_source import AccountUnavailableError

    try:
        if not load_config(accounts.config_path).profiles and args.profile is None:
            return None
        token, context = accounts.open_profile(args.profile)
    except (
        ConfigFileError,
        ProfileError,
        AccountUnavailableError,
        KeyringUnavailableError,
    ) as error:
        raise AccountRefusedError(str(error)) from None
    return token, replace(
        context,
        api_version=args.api_version or context.api_version,
        phone_number_id=args.phone_number_id or context.phone_number_id,
    )
